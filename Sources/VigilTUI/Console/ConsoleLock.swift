import VigilCore

/// The console's lock after idle time: while it shows, callers' details are hidden and keys go only to the PIN.
public struct LockPrompt: Hashable, Sendable {
    /// The PIN typed so far (shown as dots).
    public var entry = ""
    /// Why the last try failed, if it did.
    public var message: String?
    /// How long the console sat idle before locking, for the screen.
    public var idleMinutes: Int
    public init(idleMinutes: Int) { self.idleMinutes = idleMinutes }
}

extension ConsoleModel {
    /// Locks the console (idle too long): any open overlay or command line closes, the call form stays underneath.
    public mutating func lock(idleMinutes: Int) {
        guard locked == nil else { return }
        locked = LockPrompt(idleMinutes: idleMinutes)
        commandLine = nil
        helpOpen = false
        confirmingQuit = false
    }

    /// The contact whose caller details are on screen now (the call being taken), if any: the loop records each one
    /// shown in the access log. Nothing is shown while locked.
    public var callerDetailsShown: ContactID? { locked == nil && view == .callHandler ? form?.contact : nil }

    /// Keys while locked: the PIN is typed, Enter tries it, Esc clears it; nothing else acts.
    mutating func handleLocked(_ key: Key) -> [ConsoleEffect] {
        guard var prompt = locked else { return [] }
        switch key {
        case .char(let c) where prompt.entry.count < 128:
            prompt.entry.append(c)
        case .backspace:
            if !prompt.entry.isEmpty { prompt.entry.removeLast() }
        case .escape:
            prompt.entry = ""
        case .enter:
            let pin = prompt.entry
            prompt.entry = ""
            locked = prompt
            return pin.isEmpty ? [] : [.unlock(pin)]
        default:
            break
        }
        locked = prompt
        return []
    }

    /// The outcome of an unlock: open again, or the reason it stays locked.
    public mutating func unlockResult(_ ok: Bool, message text: String? = nil) {
        if ok {
            locked = nil
            say("Unlocked.")
        } else {
            locked?.message = text ?? "Wrong PIN; try again."
        }
    }
}

/// The lock screen: the header stays (time, operator, live or training), everything else is covered.
enum LockView {
    static func render(_ c: RenderContext, in area: Rect, into buf: inout Buffer) {
        guard let prompt = c.model.locked else { return }
        let t = c.theme
        buf.clear(area, t[.text])
        let lines: [(String, Style)] = [
            ("Console locked", t[.title]),
            ("", t[.text]),
            (
                "Locked after \(prompt.idleMinutes) minute\(prompt.idleMinutes == 1 ? "" : "s") without a key; callers' details are hidden.",
                t[.text]
            ),
            ("", t[.text]),
            ("PIN for \(c.model.operatorID): " + String(repeating: "•", count: prompt.entry.count) + "▏", t[.text]),
            (prompt.message ?? "Type the PIN and press Enter.", prompt.message == nil ? t[.hint] : t[.error]),
        ]
        let top = area.y + max(0, (area.height - lines.count) / 2)
        for (i, (text, style)) in lines.enumerated() where top + i < area.bottom {
            let shown = text.truncated(to: area.width - 2)
            buf.put(shown, x: area.x + max(1, (area.width - displayWidth(shown)) / 2), y: top + i, style)
        }
    }
}
