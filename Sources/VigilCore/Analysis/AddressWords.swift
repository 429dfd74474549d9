/// The words of addresses as a search compares them: lower case, without punctuation, with the usual abbreviations
/// understood, and a similarity that forgives a slip or two in a longer word.
enum AddressWords {
    /// Words that add nothing to where a place is.
    static let noise: Set<String> = ["the", "of", "in", "near", "outside", "opposite", "by", "at", "and", "on", "uk"]

    /// Abbreviations and the words they stand for.
    static let expansions: [String: [String]] = [
        "rd": ["road"], "st": ["street", "saint"], "ave": ["avenue"], "av": ["avenue"], "ln": ["lane"],
        "dr": ["drive"], "cl": ["close"], "cres": ["crescent"], "gdns": ["gardens"], "gr": ["grove"],
        "gro": ["grove"], "pl": ["place"], "sq": ["square"], "ter": ["terrace"], "terr": ["terrace"],
        "hse": ["house"], "stn": ["station"], "hosp": ["hospital"], "ctr": ["centre"], "cntr": ["centre"],
        "center": ["centre"], "pk": ["park"], "bham": ["birmingham"], "brum": ["birmingham"], "wton": ["wolverhampton"],
        "hwy": ["highway"], "mt": ["mount"], "nth": ["north"], "sth": ["south"],
    ]

    /// Lower-case words of `text`, apostrophes dropped, other punctuation (and `&`) a break.
    static func words(_ text: String) -> [String] {
        var out: [String] = []
        var word = ""
        for ch in text.lowercased() {
            if ch == "'" || ch == "’" { continue }
            if ch.isLetter || ch.isNumber {
                word.append(ch)
            } else if !word.isEmpty {
                out.append(word)
                word = ""
            }
            if out.count > 40 { break }
        }
        if !word.isEmpty { out.append(word) }
        return out.filter { !noise.contains($0) }
    }

    /// A search's words, with its house number (the first word that starts with digits, e.g. 10 or 10a) taken out,
    /// and postcodes (B3 2BJ) passed over.
    static func query(_ text: String) -> (words: [String], number: (value: Int, text: String)?) {
        var number: (value: Int, text: String)?
        var rest: [String] = []
        for w in words(String(text.prefix(200))) {
            let digits = w.prefix { $0.isASCII && $0.isNumber }
            if number == nil, !digits.isEmpty, digits.count <= 5, w.count - digits.count <= 1, let n = Int(digits) {
                number = (n, w)
            } else if !isPostcodePart(w) {
                rest.append(w)
            }
        }
        return (rest, number)
    }

    /// B3, WV10, 2BJ: the halves of a UK postcode, which a gazetteer of streets cannot use.
    static func isPostcodePart(_ w: String) -> Bool {
        let letters = w.prefix { $0.isLetter }, rest = w.dropFirst(letters.count)
        if (1...2).contains(letters.count), let d = rest.first, d.isNumber, rest.count <= 2,
            rest.dropFirst().allSatisfy({ $0.isNumber || $0.isLetter })
        {
            return true
        }
        return w.count == 3 && w.first!.isNumber && w.dropFirst().allSatisfy(\.isLetter)
    }

    /// 1 for the same word (or an abbreviation of it), less for slips, 0.9 for the start of a longer word, 0 for
    /// short words that differ.
    static func similarity(_ a: String, _ b: String) -> Double {
        if a == b { return 1 }
        if let full = expansions[a], full.contains(b) { return 1 }
        if let full = expansions[b], full.contains(a) { return 1 }
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        guard x.count >= 3, y.count >= 3 else { return 0 }
        if x.count >= 4, b.hasPrefix(a) { return 0.9 }
        let d = editDistance(x, y)
        return max(0, 1 - Double(d) / Double(max(x.count, y.count)))
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        if abs(a.count - b.count) > 4 { return max(a.count, b.count) }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, before[j - 2] + 1) }
                current[j] = v
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
