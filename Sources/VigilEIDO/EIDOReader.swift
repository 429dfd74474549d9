import Foundation
import VigilCore

/// Why one document of a file could not be imported: one sentence naming the document and the field.
public struct EIDOReadError: Error, CustomStringConvertible {
    public var description: String
}

/// Another agency's EIDO mapped to an `EIDOIntake`: the caller, callback, place (with its source and accuracy),
/// notes, priority and type, and who sent it; the document itself is kept as it came.
public enum EIDOReader {
    /// Reads document number `n` (from 1) of a file.
    public static func intake(_ bytes: ArraySlice<UInt8>, number n: Int) throws(EIDOReadError) -> EIDOIntake {
        guard bytes.count <= largest else {
            throw EIDOReadError(description: "Document \(n) is over 256 KiB; it was not imported.")
        }
        // NUL is valid UTF-8 but no JSON text holds one raw: it is UTF-16 or binary read as bytes.
        guard !bytes.contains(0), let text = String(validating: Array(bytes), as: UTF8.self) else {
            throw EIDOReadError(description: "Document \(n) is not UTF-8 text; it was not imported.")
        }
        let label = { (id: String?) in "Document \(n)" + (id.map { " (\(clean($0, limit: 80)))" } ?? "") }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        } catch {
            throw EIDOReadError(description: "\(label(nil)) is not valid JSON; it was not imported.")
        }
        guard let doc = parsed as? [String: Any] else {
            throw EIDOReadError(description: "\(label(nil)) is not a JSON object; it was not imported.")
        }
        let id = doc["$id"] as? String
        if let key = EIDOFile.duplicateKey(bytes) {
            throw EIDOReadError(
                description:
                    "\(label(id)): the member \(clean(key, limit: 60)) is given twice in one object; it was not imported."
            )
        }
        // The standard's required members and types; formats are left to the sender, as NENA's validator does.
        if let problem = EIDOSchema.problems(doc, formats: false).sorted().first {
            throw EIDOReadError(description: "\(label(id)): \(problem); it was not imported.")
        }
        guard let eido = id, !eido.isEmpty, eido.count <= 200, !eido.unicodeScalars.contains(where: \.isTerminalControl)
        else { throw EIDOReadError(description: "\(label(nil)): $id is empty, too long or holds control characters.") }
        guard let sent = doc["lastUpdateTimeStamp"] as? String, let (updated, fraction) = EIDOTime.stamp(sent) else {
            throw EIDOReadError(
                description: "\(label(id)): lastUpdateTimeStamp is not a date-time; it was not imported.")
        }
        let m = Mapping(doc)
        var notes = m.notes()
        let place = m.place()
        if let p = place.point, !p.isOnEarth {
            throw EIDOReadError(
                description: "\(label(id)): locationByValue holds a point not on Earth; it was not imported.")
        }
        // An unusable radius must not pass for an exact fix.
        if let r = place.radius, !(r.isFinite && r >= 0 && r <= 1_000_000) {
            throw EIDOReadError(
                description:
                    "\(label(id)): locationByValue's radius is not a distance up to 1000 km; it was not imported.")
        }
        if let url = place.url { notes.append("Location by reference, not fetched: \(clean(url, limit: 300))") }
        let caller = m.caller()
        let details = ContactDetails(
            callerName: clean(caller.name, limit: 80), callerNumber: clean(caller.number, limit: 80),
            location: place.point, address: clean(place.address, limit: 200),
            account: clean(notes.joined(separator: " / "), limit: 4000))
        let incident = doc["incidentComponent"] as? [String: Any]
        let priority = (incident?["incidentCommonPriorityNumber"] as? NSNumber)?.intValue
        if let p = priority, Grade(rawValue: p) == nil { notes.append("Their priority: \(p) (not a grade 1 to 4).") }
        let type = incident?["incidentTypeCommonRegistryText"] as? String
        return EIDOIntake(
            eido: eido, updated: updated, updatedFraction: fraction == 0 ? nil : fraction,
            agency: clean(m.agencyName(), limit: 200),
            agencyTypes: m.agencyTypes().map { $0.prefix(20).map { clean($0, limit: 60) } },
            channel: m.isEmergency(priority: priority) ? .emergency : .nonEmergency, details: details,
            grade: priority.flatMap(Grade.init(rawValue:)),
            category: EIDORegistry.category(internal: incident?["incidentTypeInternalText"] as? String, registry: type),
            incidentType: type.map { clean($0, limit: 200) },
            senderIncident: (incident?["internalIncidentId"] as? String).map { clean($0, limit: 200) },
            locationSource: place.method.map { clean($0, limit: 200) },
            accuracy: place.radius, closed: m.closed().map { clean($0, limit: 200) },
            notes: notes.map { clean($0, limit: 4000) }.filter { !$0.isEmpty }.prefix(500).map { $0 },
            document: text)
    }

    /// The largest document kept in the log: with its notes and escapes, its event stays within the log's 1 MiB.
    public static let largest = 256 << 10

    /// Text fit for a console: control characters become spaces, runs of space one, and it is cut at `limit`.
    static func clean(_ s: String, limit: Int) -> String {
        var out = ""
        var space = false
        for u in s.unicodeScalars {
            if u.isTerminalControl || u == " " || u == "\t" || u == "\n" || u == "\r" {
                space = !out.isEmpty
                continue
            }
            if space { out.unicodeScalars.append(" ") }
            space = false
            out.unicodeScalars.append(u)
        }
        // Cut by scalars, as the core counts: a letter with thousands of combining marks is that many long.
        guard out.unicodeScalars.count > limit else { return out }
        var cut = String.UnicodeScalarView(out.unicodeScalars.prefix(limit - 1))
        cut.append("…")
        return String(cut)
    }
}
