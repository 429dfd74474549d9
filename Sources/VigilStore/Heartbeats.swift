import Foundation
import VigilCore

/// Heartbeats: not in the event chain, because a console being alive changes nothing in the world.
extension EventStore {
    /// Records that `console`, where `operatorID` works, is alive at `wall` (seconds since 1970).
    public func beat(_ beat: Heartbeat) throws(StoreError) { try backend.beat(beat) }

    /// Every console's last beat.
    public func heartbeats() -> [Heartbeat] { backend.heartbeats() }

    /// Removes a console's heartbeat as it closes cleanly.
    public func endBeat(console: ConsoleID, operatorID: OperatorID) {
        backend.endBeat(console: console, operatorID: operatorID)
    }
}

/// On SQLite, heartbeats are kept beside the log, in `<log>.heartbeats/`, one small file per operator and console
/// rewritten by rename, not in the database, so beating every few seconds never contends with appends.
extension SQLiteLog {
    var heartbeatFolder: String { path + ".heartbeats" }

    /// Records that `console`, where `operatorID` works, is alive at `wall` (seconds since 1970).
    func beat(_ beat: Heartbeat) throws(StoreError) {
        let folder = heartbeatFolder
        if mkdir(folder, 0o700) != 0, errno != EEXIST {
            throw .other("\(folder) cannot be made (\(String(cString: strerror(errno)))); heartbeats are not kept")
        }
        let file = folder + "/" + Self.fileName(beat.operatorID, beat.console)
        let text = "\(beat.operatorID)\n\(beat.wall)\n"
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            throw .other("\(file) cannot be written; heartbeats are not kept")
        }
    }

    /// Every console's last beat. Unreadable or malformed files are passed over: a heartbeat is a hint, not a record.
    func heartbeats() -> [Heartbeat] {
        let folder = heartbeatFolder
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.sorted().compactMap { name -> Heartbeat? in
            guard !name.hasPrefix("."), let data = FileManager.default.contents(atPath: folder + "/" + name),
                data.count < 512
            else { return nil }
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
            guard lines.count == 2, let wall = Double(lines[1]), wall.isFinite,
                let at = name.firstIndex(of: "@"), name[..<at] == Self.fileName(String(lines[0]))
            else { return nil }
            return Heartbeat(console: String(name[name.index(after: at)...]), operatorID: String(lines[0]), wall: wall)
        }
    }

    /// Removes a console's heartbeat as it closes cleanly.
    func endBeat(console: ConsoleID, operatorID: OperatorID) {
        try? FileManager.default.removeItem(atPath: heartbeatFolder + "/" + Self.fileName(operatorID, console))
    }

    /// A beat's file: the operator's and the console's names, so one operator's beat never stands for another's.
    static func fileName(_ op: OperatorID, _ console: ConsoleID) -> String { fileName(op) + "@" + fileName(console) }

    /// An id as part of a file name: letters, digits, `-` and `_` kept, anything else (`/`, `.`, `@`) `_`.
    static func fileName(_ console: ConsoleID) -> String {
        let kept = String(
            console.prefix(64).map { c in c.isASCII && (c.isLetter || c.isNumber || "-_".contains(c)) ? c : "_" })
        return kept.isEmpty ? "_" : kept
    }
}
