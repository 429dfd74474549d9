import Foundation
import VigilCore
import VigilEIDO
import VigilForce
import VigilSim

/// A simulated two-hour shift exported as EIDO, as `vigil log export --format eido` writes it, read back as JSON.
enum Shift {
    struct Exported {
        var book: IncidentBook
        var writer: EIDOWriter
        /// Each document's bytes and its parsed JSON, in incident order.
        var documents: [(bytes: [UInt8], json: [String: Any])]
    }

    static func exported(seed: UInt64 = 9, hours: Double = 2) throws -> Exported {
        let force = try DemoForce.load()
        let (_, world) = try HeadlessRun.run(try ScenarioLoader.load("weekday"), force: force, seed: seed, hours: hours)
        var book = IncidentBook()
        var roles = Dictionary(force.operators.map { ($0.id, $0.role) }, uniquingKeysWith: { a, _ in a })
        for e in world.events {
            book.add(e)
            if case .operatorRegistered(let p) = e.change { roles[p.operator.id] = p.operator.role }
        }
        let writer = EIDOWriter(
            force: force.force,
            units: Dictionary(force.units.map { ($0.callsign, $0) }, uniquingKeysWith: { a, _ in a }),
            roles: roles)
        let docs = try book.order.compactMap { book.records[$0] }.map { r in
            let bytes = [UInt8](try JSONSerialization.data(withJSONObject: writer.document(r), options: [.sortedKeys]))
            return (bytes, try JSONSerialization.jsonObject(with: Data(bytes)) as! [String: Any])
        }
        return Exported(book: book, writer: writer, documents: docs)
    }

    /// A fresh state of the demo force with its call handler H200 signed on.
    static func freshState() throws -> DispatchState {
        let force = try DemoForce.load()
        let start = Instant(year: 2026, month: 12, day: 1, hour: 9)
        var s = force.initialState(at: start)
        s.apply(Event(at: start, by: Actor("H200", console: "t"), .operatorSignedOn(OperatorSignedOn())))
        return s
    }
}

/// A call handler (H200) working a fresh state, every event also folded into an incident book as export reads it.
struct Handling {
    var state: DispatchState
    var book = IncidentBook()

    init() throws { state = try Shift.freshState() }

    mutating func act(_ command: Command) throws {
        let events = try state.decide(command, by: Actor("H200", console: "t"), at: state.lastEventAt!).get()
        state.apply(events)
        for e in events { book.add(e) }
    }
}
