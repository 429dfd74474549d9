import Foundation
import Testing

/// Listings print their rows on standard output and their count on standard error; sent to one terminal or file,
/// the count comes after the last whole row, never inside it ("Forged Super63 events").
@Suite("listings and their counts")
struct ListingTests {
    /// Runs the binary with standard output and standard error on one pipe, as a terminal or `2>&1` has them.
    func together(_ arguments: [String]) throws -> [Substring] {
        let p = Process()
        p.executableURL = Binary.url
        p.arguments = arguments
        let both = Pipe()
        p.standardOutput = both
        p.standardError = both
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let data = both.fileHandleForReading.readDataToEndOfFile()
        Binary.wait(p)
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    }

    @Test func aCountComesAfterTheLastWholeRow() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vigil-listing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let db = folder.appendingPathComponent("sim.sqlite").path
        #expect(Binary.run(["sim", "--headless", "--hours", "1", "--seed", "3", "--db", db]) == 0)
        for (arguments, noun) in [
            (["log", "audit", "--db", db], "events"), (["operator", "list", "--db", db], "operators"),
        ] {
            let lines = try together(arguments)
            #expect(lines.last == "", "ends with a newline")
            let counts = lines.indices.filter { lines[$0].wholeMatch(of: /[0-9]+ \w+/) != nil }
            #expect(counts == [lines.count - 2], "\(arguments): the count is the last line, alone")
            let shown = Int(lines[lines.count - 2].split(separator: " ")[0]) ?? -1
            #expect(lines[lines.count - 2].hasSuffix(" \(noun)") && shown == lines.count - 3, "\(arguments)")
        }
    }
}
