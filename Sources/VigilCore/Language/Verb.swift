/// The verbs of the command language, with usage lines that the help screens and completion share.
public enum Verb: String, CaseIterable, Sendable {
    case answer, receive, raise, resolve, link, grade, thrive, note, assign, unassign, status, move, close, flag,
        unflag, signon, signoff,
        pause, resume, speed, inject, handlers, major, majornote, desk, book, aid, `return`, correct

    public var usage: String {
        switch self {
        case .answer: "answer [CONTACT|next]"
        case .receive: "receive 999|101|online [at=LAT,LON] [address=\"…\"] [caller=\"…\"] [phone=…] [\"account\"]"
        case .raise: "raise CONTACT GRADE CATEGORY [at=LAT,LON] [address=\"…\"]"
        case .resolve: "resolve CONTACT \"advice given\""
        case .link: "link CONTACT|INCIDENT INCIDENT"
        case .grade: "grade INCIDENT 1-4 \"reason\""
        case .thrive: "thrive INCIDENT t=L|M|H h= r= i= v= e= [\"text\"]"
        case .note: "note INCIDENT \"text\""
        case .assign: "assign INCIDENT CALLSIGN [CALLSIGN…] | best"
        case .unassign: "unassign CALLSIGN [INCIDENT]"
        case .status: "status CALLSIGN STATUS [at=LAT,LON]"
        case .move: "move CALLSIGN AREA"
        case .close: "close INCIDENT CATEGORY [\"outcome\"]"
        case .flag: "flag KIND \"address\" at=LAT,LON [\"note\"] [expires=YYYY-MM-DD]"
        case .unflag: "unflag FLAG"
        case .signon: "signon"
        case .signoff: "signoff"
        case .pause: "pause"
        case .resume: "resume"
        case .speed: "speed 1|10|60|max"
        case .handlers: "handlers N"
        case .inject: "inject N [again]"
        case .major: "major \"name\" INCIDENT [INCIDENT…]"
        case .majornote: "majornote N \"text\""
        case .desk: "desk DESK [for OPERATOR] | desk off [DESK] [\"reason\"]"
        case .book: "book INCIDENT YYYY-MM-DDTHH:MM"
        case .aid: "aid FORCE N | aid off FORCE"
        case .return: "return CONTACT [\"reason\"]"
        case .correct: "correct CONTACT [caller=\"…\"] [phone=…]"
        }
    }

    public var summary: String {
        switch self {
        case .answer: "Answer a waiting contact (999 first)."
        case .receive: "Log a new contact in a queue."
        case .raise: "Raise an incident from an answered contact."
        case .resolve: "Close a contact with advice, no incident."
        case .link: "Link a duplicate call, or fold a duplicate incident into another."
        case .grade: "Regrade an incident, with a reason."
        case .thrive: "Record the THRIVE assessment."
        case .note: "Add to an incident's narrative."
        case .assign: "Assign units to an incident."
        case .unassign: "Stand a unit down from its incident."
        case .status: "Set a unit's status."
        case .move: "Move a unit to work in another area."
        case .close: "Close an incident with its closing category."
        case .flag: "Add a critical-register flag at an address."
        case .unflag: "Expire a critical-register flag."
        case .signon: "Sign on at this console."
        case .signoff: "Sign off."
        case .pause: "Trainer: pause the simulated shift."
        case .resume: "Trainer: resume the simulated shift."
        case .speed: "Trainer: run the simulated shift at this speed."
        case .handlers: "Trainer: let N simulated call handlers answer beside the people taking calls (0: none)."
        case .inject: "Trainer: fire the scenario's inject N now (once; `again` fires it a second time)."
        case .major: "Declare a major incident over incidents (again with the same name adds more)."
        case .majornote: "Write in a major incident's own log."
        case .book: "Book a grade 3 incident as an appointment (UK local time)."
        case .correct: "Correct the caller's name or number as recorded."
        case .return: "Give a call in hand back to its queue, in its old place (a supervisor may for anyone)."
        case .aid: "Book on N units a neighbouring force lends (mutual aid), or stand its free units down."
        case .desk: "Take a dispatch desk (its areas' incidents are yours), or leave it; trainers hand desks on."
        }
    }
}

/// Words accepted for each unit status, in the order completion offers them.
let statusWords: [(String, UnitStatus)] = [
    ("available", .available), ("patrol", .available), ("station", .atStation), ("assigned", .assigned),
    ("enroute", .enRoute), ("en-route", .enRoute), ("scene", .atScene), ("on-scene", .atScene),
    ("transporting", .transporting), ("prisoner", .transporting), ("refreshment", .refreshment), ("meal", .refreshment),
    ("off", .offDuty), ("off-duty", .offDuty), ("unavailable", .unavailable), ("writeup", .writeUp),
    ("write-up", .writeUp),
    ("avl", .available), ("stn", .atStation), ("enr", .enRoute), ("scn", .atScene), ("trn", .transporting),
    ("ref", .refreshment), ("unv", .unavailable), ("wrt", .writeUp),
]
