import Foundation
import VigilCore
import VigilStore

/// Text forms of stored events for `vigil log export`.
enum LogExport {
    static func jsonLine(_ e: StoredEvent) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let payload = try JSONSerialization.jsonObject(with: try encoder.encode(e.event.change))
        let object: [String: Any] = [
            "seq": e.seq, "event_id": e.eventID, "type": e.event.change.typeName,
            "occurred_at": e.event.at.iso8601, "recorded_at": e.recordedAt.iso8601,
            "operator": e.event.operatorID, "console": e.event.console, "payload": payload,
            "hash": e.hash.map { String(format: "%02x", $0) }.joined(),
        ]
        return String(
            decoding: try JSONSerialization.data(
                withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }

    static func csvRow(_ e: StoredEvent) -> String {
        [
            String(e.seq), e.event.at.iso8601, e.recordedAt.iso8601, e.event.operatorID, e.event.console,
            e.event.change.typeName,
            e.event.change.summary, e.hash.map { String(format: "%02x", $0) }.joined(),
        ].map(csvField).joined(separator: ",")
    }

    static func csvField(_ s: String) -> String {
        // Text a spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`) is written with a leading quote, as
        // OWASP advises: addresses and notes can now come from another agency's EIDO. Numbers stay as they are.
        var s = s
        if let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(s) == nil {
            s = "'" + s
        }
        return s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}

extension String {
    /// A CSV row as printed: exact when standard output is a file or pipe (an analyst's data), with control
    /// characters escaped visibly when it is a terminal, where CSV has no escape of its own.
    var csvForStdout: String { LogExport.stdoutIsTerminal ? terminalSafe : self }
}

extension LogExport {
    static let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
}
