/// Where frames are drawn and keys come from: ncurses for people, memory for tests.
public protocol Terminal: AnyObject {
    /// Columns and rows now.
    var size: (width: Int, height: Int) { get }
    /// Draws a frame, writing only the cells that changed since the last one; returns how many it wrote.
    @discardableResult func draw(_ frame: Buffer) -> Int
    /// Waits up to `timeoutMilliseconds` for a key; nil when none came.
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// A signal that asks the console to stop (SIGTERM, SIGHUP), once one arrives.
    var stopSignal: Int32? { get }
    /// Rings the terminal's bell (a new grade 1).
    func bell()
}

/// A terminal in memory: keys are queued by the test, frames are kept for inspection.
public final class MemoryTerminal: Terminal {
    public var size: (width: Int, height: Int)
    public private(set) var screen: Buffer?
    public private(set) var cellsWritten: [Int] = []
    public var keys: [Key] = []
    public var stopSignal: Int32?

    public init(width: Int, height: Int) { size = (width, height) }

    @discardableResult
    public func draw(_ frame: Buffer) -> Int {
        let n = frame.changes(from: screen).count
        screen = frame
        cellsWritten.append(n)
        return n
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? { keys.isEmpty ? nil : keys.removeFirst() }

    /// How many times the bell rang.
    public private(set) var bells = 0
    public func bell() { bells += 1 }
}
