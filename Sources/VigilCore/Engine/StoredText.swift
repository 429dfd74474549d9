/// One rule for every piece of text a command stores, whichever path it came by (the console, `vigil do`, an
/// import, the simulator): no character that changes how a terminal shows what follows, and a length that fits
/// the field. Checked before anything else in `decide`, so no path stores what another would refuse.
enum StoredText {
    /// Field lengths, in characters: names and numbers, one-line texts, notes, and a caller's whole account.
    static let short = 80, line = 200, note = 4_000, account = 16_000

    /// Refuses the first text of `command`, or of who issues it, that holds a terminal control or is over its
    /// field's length. Lengths count Unicode scalars, not characters: a name of one letter and 5,000 combining marks
    /// is 5,001 long.
    static func check(_ command: Command, by actor: Actor) throws(DispatchError) {
        let who = [("operator id", actor.operatorID, idLength), ("console's name", actor.console, idLength)]
        for (field, text, limit) in who + texts(of: command) {
            if text.unicodeScalars.count > limit || text.unicodeScalars.contains(where: \.isTerminalControl) {
                throw .badText(field, limit: limit)
            }
        }
    }

    /// The longest operator id or console name: every event carries both, a refused sign-on's included.
    static let idLength = 64

    /// Every stored text a command carries, with its field's name and length.
    static func texts(of command: Command) -> [(String, String, Int)] {
        switch command {
        case .receiveContact(_, let d, _): details(d)
        case .registerOperator(let op): [("operator's name", op.name, short)]
        case .raiseIncident(_, _, _, _, let address, _): address.map { [("address", $0, line)] } ?? []
        case .resolveContact(_, let advice): [("advice", advice, note)]
        case .grade(_, _, let reason): [("reason", reason, line)]
        case .recordThrive(_, let t): [("THRIVE text", t.text, note)]
        case .addNarrative(_, let text): [("note", text, note)]
        case .closeIncident(_, _, let outcome): [("outcome", outcome, note)]
        case .addFlag(_, let address, _, let text, _): [("address", address, line), ("flag note", text, note)]
        case .endShift(let scenario): [("scenario", scenario, line)]
        case .leaveDesk(_, let reason, _), .returnContact(_, let reason): [("reason", reason, line)]
        case .correctContact(_, let name, let number):
            [("caller's name", name ?? "", short), ("caller's number", number ?? "", short)]
        case .declareMajorIncident(let name, _): [("major incident's name", name, line)]
        case .noteMajorIncident(_, let text): [("note", text, note)]
        case .recordSnapshot(_, let digest): [("digest", digest, short)]
        case .recordCopy(_, let hash, let from): [("copied head", hash, short), ("original's place", from, line)]
        case .importEIDO(let i): details(i.details)
        case .signOn, .signOff, .answerContact, .linkContact, .mergeIncident, .assign, .unassign, .setStatus,
            .moveUnit, .expireFlag, .setSimHandlers, .takeDesk, .book, .requestAid, .standDownAid, .pauseShift,
            .resumeShift, .setShiftSpeed, .fireInject, .disableOperator, .unlockOperator, .recordPINSet,
            .recordRefusedSignOn:
            []
        }
    }

    static func details(_ d: ContactDetails) -> [(String, String, Int)] {
        [
            ("caller's name", d.callerName, short), ("caller's number", d.callerNumber, short),
            ("address", d.address, line), ("account", d.account, account),
        ]
    }
}
