import Foundation
import Testing
import VigilCore
@testable import VigilStore

@Suite("heartbeats beside the log")
struct HeartbeatTests {
    @Test func beatsAreKeptBesideTheChainAndEndCleanly() throws {
        let path = temporaryPath()
        let store = try newLog(path)
        let head = try store.head()
        try store.beat(Heartbeat(console: "tty42", operatorID: "D100", wall: 1_000))
        try store.beat(Heartbeat(console: "tty42", operatorID: "D100", wall: 1_005))
        try store.beat(Heartbeat(console: "../../etc/x", operatorID: "T400", wall: 1_001))
        #expect(
            store.heartbeats() == [
                Heartbeat(console: "tty42", operatorID: "D100", wall: 1_005),
                Heartbeat(console: "______etc_x", operatorID: "T400", wall: 1_001),
            ])
        // Nothing entered the chain, and the file sits in the folder beside the log, not above it.
        #expect(try store.head() == head)
        #expect(FileManager.default.fileExists(atPath: path + ".heartbeats/T400@______etc_x"))
        // A damaged or hostile file is passed over, not believed.
        try Data("D100\ninf\n".utf8).write(to: URL(fileURLWithPath: path + ".heartbeats/bad"))
        try Data(repeating: 65, count: 4096).write(to: URL(fileURLWithPath: path + ".heartbeats/big"))
        #expect(store.heartbeats().count == 2)
        store.endBeat(console: "tty42", operatorID: "D100")
        #expect(store.heartbeats().map(\.operatorID) == ["T400"])
    }

    /// A beat is keyed by operator and console: another operator claiming a console's name first does not stop
    /// that console's operator beating, on either store; names are random, 128 bits.
    @Test(arguments: StoreKind.all) func nobodyCanSquatAColleaguesConsole(kind: StoreKind) throws {
        let store = try kind.newLog()
        try store.beat(Heartbeat(console: "tty12060", operatorID: "H200", wall: 100))
        try store.beat(Heartbeat(console: "tty12060", operatorID: "D100", wall: 200))
        #expect(
            Set(store.heartbeats()) == [
                Heartbeat(console: "tty12060", operatorID: "H200", wall: 100),
                Heartbeat(console: "tty12060", operatorID: "D100", wall: 200),
            ])
        store.endBeat(console: "tty12060", operatorID: "H200")
        #expect(store.heartbeats() == [Heartbeat(console: "tty12060", operatorID: "D100", wall: 200)])
        let names = Set((0..<1000).map { _ in ConsoleName.random() })
        #expect(names.count == 1000 && names.allSatisfy { $0.count == 36 && $0.hasPrefix("tty-") })
    }

    @Test func aFolderThatCannotBeMadeIsOneSentence() throws {
        let path = temporaryPath()
        let store = try newLog(path)
        // A file where the folder should be.
        try Data().write(to: URL(fileURLWithPath: path + ".heartbeats"))
        #expect(throws: StoreError.self) {
            try store.beat(Heartbeat(console: "tty1", operatorID: "D100", wall: 1))
        }
    }
}
