import Foundation
import VigilCore
import VigilStore

/// Asking for and checking PINs, on the terminal before the console takes it over, or from standard input.
enum SignOn {
    /// Reads a secret: from standard input (one line) with `fromStdin`, else from the terminal with echo off.
    static func read(_ prompt: String, fromStdin: Bool) -> String? {
        if fromStdin { return readLine(strippingNewline: true) }
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        FileHandle.standardError.write(Data(prompt.terminalSafe.utf8))
        var old = termios()
        tcgetattr(STDIN_FILENO, &old)
        var quiet = old
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &old)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true)
    }

    /// A new PIN, asked twice on a terminal (once from standard input); nil with the reason when unusable.
    static func newSecret(for id: OperatorID, fromStdin: Bool) throws -> String {
        guard let first = read("New PIN or passphrase for \(id) (4 characters or more): ", fromStdin: fromStdin) else {
            throw Failure(description: "no PIN was given; on a terminal it is asked for, otherwise give one line with --pin-stdin")
        }
        guard first.count >= 4 else { throw Failure(description: "a PIN needs at least 4 characters") }
        if !fromStdin, read("The same again: ", fromStdin: false) != first { throw Failure(description: "the two PINs differ; nothing was changed") }
        return first
    }

    /// Signs an operator on at a live log's console: unknown, disabled or wrong-PIN attempts are refused with one sentence
    /// and leave only a SignOnRefused record; an operator with no PIN yet sets one now (first use).
    static func check(_ id: OperatorID, session: LogSession, console: ConsoleID, now: Instant, fromStdin: Bool,
                      reader: ((String) -> String?)? = nil) throws {
        let ask = reader ?? { read($0, fromStdin: fromStdin) }
        let store = session.store
        // Records the refusal and gives back the sentence to throw.
        func refusal(_ reason: String, _ sentence: String) throws -> Failure {
            _ = try storeJob { () throws(StoreError) in try session.execute(.recordRefusedSignOn(reason: reason), by: Actor(id, console: console), at: now) }
            return Failure(description: sentence)
        }
        guard let op = session.state.operators[id] else {
            throw try refusal("unknown operator", "operator \(id) is not registered in this log; ask a supervisor (`vigil operator add`)")
        }
        if op.disabled { throw try refusal("operator disabled", "operator \(id) is disabled; ask a supervisor") }
        if try !storeJob({ () throws(StoreError) in try store.hasSecret(id) }) {
            FileHandle.standardError.write(Data("\(id) has no PIN yet: set one now.\n".utf8))
            guard let secret = ask("New PIN or passphrase for \(id) (4 characters or more): "), secret.count >= 4 else {
                throw Failure(description: "a PIN of at least 4 characters is needed to sign on the first time")
            }
            if reader == nil, !fromStdin, read("The same again: ", fromStdin: false) != secret {
                throw Failure(description: "the two PINs differ; nothing was changed")
            }
            try storeJob { () throws(StoreError) in try store.setSecret(secret, for: id, at: now) }
            return
        }
        for attempt in 1...3 {
            guard let secret = ask("PIN for \(id) (\(op.name)): ") else {
                throw try refusal("no PIN given", "no PIN was given for \(id); sign-on refused")
            }
            if try storeJob({ () throws(StoreError) in try store.checkSecret(secret, for: id) }) { return }
            if attempt == 3 || (fromStdin && reader == nil) { throw try refusal("wrong PIN", "wrong PIN for \(id); sign-on refused") }
            _ = try storeJob { () throws(StoreError) in try session.execute(.recordRefusedSignOn(reason: "wrong PIN"), by: Actor(id, console: console), at: now) }
            FileHandle.standardError.write(Data("Wrong PIN; try again.\n".utf8))
        }
    }
}
