import VigilCore

/// A place as PIDF-LO (RFC 4119, 5139, 5491), the XML the EIDO's `locationByValue` carries: a point or a circle
/// (its radius is the uncertainty), a civic address, and how the place was found (`gp:method`).
public struct PIDFLocation: Hashable, Sendable {
    public var point: GeoPoint?
    /// Uncertainty in metres: a circle's radius.
    public var radius: Double?
    /// How the location was found, e.g. GPS, Cell, Manual.
    public var method: String?
    /// Civic address elements by their RFC 5139 names (A1…A6, RD, STS, HNO, PC, LOC, NAM, country…).
    public var civic: [String: String] = [:]

    public init(point: GeoPoint? = nil, radius: Double? = nil, method: String? = nil, civic: [String: String] = [:]) {
        self.point = point; self.radius = radius; self.method = method; self.civic = civic
    }

    /// The civic address as one line, house number and street first, e.g. `42 W Cellular Street, Wilmington, DE`.
    public var addressLine: String {
        func f(_ k: String) -> String { civic[k] ?? "" }
        let street = [f("HNO") + f("HNS"), f("PRD"), f("RD"), f("STS"), f("POD")].filter { !$0.isEmpty }
            .joined(separator: " ")
        let parts = [f("NAM"), street, f("LOC"), f("A6"), f("A5"), f("A4"), f("A3"), f("A2"), f("A1"), f("PC")]
        var seen = Set<String>()
        return parts.filter { !$0.isEmpty && seen.insert($0).inserted }.joined(separator: ", ")
    }

    /// The PIDF-LO document.
    public var xml: String {
        var shape = ""
        if let p = point {
            let pos = "<gml:pos>\(p.lat) \(p.lon)</gml:pos>"
            if let r = radius {
                shape =
                    "<gs:Circle srsName=\"urn:ogc:def:crs:EPSG::4326\">\(pos)"
                    + "<gs:radius uom=\"urn:ogc:def:uom:EPSG::9001\">\(r)</gs:radius></gs:Circle>"
            } else {
                shape = "<gml:Point srsName=\"urn:ogc:def:crs:EPSG::4326\">\(pos)</gml:Point>"
            }
        }
        let order = [
            "country", "A1", "A2", "A3", "A4", "A5", "A6", "PRD", "RD", "STS", "POD", "HNO", "HNS", "LOC", "NAM", "PC",
        ]
        let civicXML =
            civic.isEmpty
            ? ""
            : "<ca:civicAddress>"
                + order.compactMap { k in civic[k].map { "<ca:\(k)>\(Self.escape($0))</ca:\(k)>" } }.joined()
                + "</ca:civicAddress>"
        return """
            <?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" \
            xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10" xmlns:gml="http://www.opengis.net/gml" \
            xmlns:gs="http://www.opengis.net/pidflo/1.0" xmlns:ca="urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr" \
            entity="pres:incident@vigil.invalid"><tuple id="location"><status><gp:geopriv><gp:location-info>\
            \(shape)\(civicXML)</gp:location-info><gp:usage-rules/>\
            \(method.map { "<gp:method>\(Self.escape($0))</gp:method>" } ?? "")</gp:geopriv></status></tuple></presence>
            """
    }

    /// A decimal number as XML Schema writes one: no hex floats, no `inf` or `nan` words.
    static func decimal(_ s: Substring) -> Double? {
        guard !s.isEmpty, s.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) else { return nil }
        return Double(s)
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Reads the parts Vigil uses from a PIDF-LO document, whatever its prefixes; nil when it holds none of them.
    public init?(xml: String) {
        var texts: [(name: String, text: String)] = []
        XMLScan.elements(xml) { texts.append(($0, $1)) }
        let civicNames: Set<String> = [
            "country", "A1", "A2", "A3", "A4", "A5", "A6", "PRD", "POD", "STS", "RD", "HNO", "HNS", "LMK", "LOC",
            "NAM", "PC", "FLR", "ROOM", "UNIT", "BLD", "PLC",
        ]
        for (name, text) in texts {
            let t = text.trimmingSpaces
            guard !t.isEmpty else { continue }
            switch name {
            case "pos" where point == nil:
                let nums = t.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).compactMap(Self.decimal)
                if nums.count >= 2 { point = GeoPoint(lat: nums[0], lon: nums[1]) }
            case "radius" where radius == nil: radius = Self.decimal(t[...]) ?? .nan
            case "method" where method == nil: method = t
            default:
                if civicNames.contains(name), civic[name] == nil { civic[name] = t }
            }
        }
        if point == nil, radius == nil, method == nil, civic.isEmpty { return nil }
    }
}

/// Just enough XML for PIDF-LO: elements by local name with their own text, entities decoded; comments,
/// declarations and CDATA handled; anything malformed simply yields less.
enum XMLScan {
    static func elements(_ xml: String, _ found: (String, String) -> Void) {
        let s = Array(xml.unicodeScalars)
        var i = 0
        var stack: [(name: String, text: String)] = []
        func local(_ tag: Substring) -> String {
            let name = tag.prefix { !$0.isWhitespace && $0 != "/" && $0 != ">" }
            return String(name.split(separator: ":").last ?? name)
        }
        while i < s.count {
            if s[i] != "<" {
                var text = ""
                while i < s.count, s[i] != "<" {
                    text.unicodeScalars.append(s[i])
                    i += 1
                }
                if !stack.isEmpty { stack[stack.count - 1].text += decode(text) }
                continue
            }
            let rest = String(String.UnicodeScalarView(s[i..<min(s.count, i + 9)]))
            if rest.hasPrefix("<!--") {
                i = find("-->", in: s, from: i + 4).map { $0 + 3 } ?? s.count
            } else if rest.hasPrefix("<![CDATA[") {
                let end = find("]]>", in: s, from: i + 9) ?? s.count
                if !stack.isEmpty { stack[stack.count - 1].text += String(String.UnicodeScalarView(s[(i + 9)..<end])) }
                i = min(s.count, end + 3)
            } else {
                let end = find(">", in: s, from: i) ?? s.count
                let tag = String(String.UnicodeScalarView(s[(i + 1)..<end]))[...]
                i = min(s.count, end + 1)
                if tag.hasPrefix("?") || tag.hasPrefix("!") { continue }
                if tag.hasPrefix("/") {
                    let name = local(tag.dropFirst())
                    if let k = stack.lastIndex(where: { $0.name == name }) {
                        while stack.count > k + 1 { let e = stack.removeLast(); found(e.name, e.text) }
                        let e = stack.removeLast()
                        found(e.name, e.text)
                    }
                } else if tag.hasSuffix("/") {
                    found(local(tag), "")
                } else {
                    stack.append((local(tag), ""))
                }
            }
        }
    }

    static func find(_ needle: String, in s: [Unicode.Scalar], from start: Int) -> Int? {
        let n = Array(needle.unicodeScalars)
        guard n.count <= s.count else { return nil }
        var i = start
        while i + n.count <= s.count {
            if s[i] == n[0], Array(s[i..<(i + n.count)]) == n { return i }
            i += 1
        }
        return nil
    }

    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].prefix(12).firstIndex(of: ";") else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let name = rest[rest.index(after: amp)..<semi]
            let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"]
            if let v = named[String(name)] {
                out += v
            } else if name.hasPrefix("#"),
                let code = name.hasPrefix("#x") || name.hasPrefix("#X")
                    ? UInt32(name.dropFirst(2), radix: 16) : UInt32(name.dropFirst()),
                let u = Unicode.Scalar(code)
            {
                out.unicodeScalars.append(u)
            } else {
                out += rest[amp...semi]
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
