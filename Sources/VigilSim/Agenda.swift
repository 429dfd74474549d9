import HeapModule
import VigilCore

/// What the simulator has to do next, in time order; ties keep the order they were scheduled in, so runs repeat.
struct Agenda {
    enum Task: Hashable {
        case arrival
        /// Officers on patrol come across something and deal with it themselves.
        case selfGenerated
        case callDone(ContactID)
        /// A waiting call has rung long enough for a simulated handler to take it (when people answer first).
        case answerCheck
        case crew(Callsign, token: Int, CrewStep)
        case deskClose(IncidentRef)
        case changeover(Int)
        case handoverStart(Int)
        /// An inject at its scripted time, to be recorded (refused if it already fired), or one the log says fired.
        case inject(Int, recorded: Bool)
        case majorCall(inject: Int, number: Int)
        /// A mutual-aid inject's units book on, and later go home.
        case aidArrives(inject: Int)
        case aidLeaves([Callsign])
        case dispatch
        /// A unit's write-up is done, if it is still writing up.
        case writeUpDone(Callsign)
        /// A unit tries to take its refreshment break, or ends it.
        case refreshment(Callsign, shift: Int)
        case refreshmentDone(Callsign)
        /// A grade 3 is booked as an appointment, and a unit goes when it falls due.
        case book(IncidentRef)
        case appointmentDue(IncidentRef)
    }

    enum CrewStep: Hashable { case mobile, arrive, leaveScene, endTransport }

    /// The heap holds plain numbers and the tasks wait in a slab beside it: moving an item up or down the heap then
    /// copies 24 bytes and touches no reference count, which kept a ×100 run's heap from growing dearer per item.
    struct Item: Comparable {
        var at: Int64
        var order: UInt64
        var slot: Int32
        static func < (a: Item, b: Item) -> Bool { (a.at, a.order) < (b.at, b.order) }
        static func == (a: Item, b: Item) -> Bool { a.at == b.at && a.order == b.order }
    }

    private var heap = Heap<Item>()
    private var order: UInt64 = 0
    private var tasks: [Task?] = []
    private var freeSlots: [Int32] = []

    mutating func schedule(_ task: Task, at t: Instant) {
        order += 1
        let slot: Int32
        if let reused = freeSlots.popLast() {
            slot = reused
            tasks[Int(reused)] = task
        } else {
            slot = Int32(tasks.count)
            tasks.append(task)
        }
        heap.insert(Item(at: t.seconds, order: order, slot: slot))
    }

    mutating func popDue(by t: Instant) -> (Instant, Task)? {
        guard let m = heap.min, m.at <= t.seconds else { return nil }
        heap.removeMin()
        let task = tasks[Int(m.slot)]!
        tasks[Int(m.slot)] = nil
        freeSlots.append(m.slot)
        return (Instant(seconds: m.at), task)
    }
}
