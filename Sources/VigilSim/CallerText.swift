import VigilCore

/// Plausible callers, places and accounts, from templates per category: enough for a trainee to read a call.
enum CallerText {
    static let firstNames = [
        "Aisha", "Ben", "Chloe", "Darren", "Elaine", "Farhan", "Grace", "Harpreet", "Ian", "Jade", "Kwame", "Lucy",
        "Mohammed", "Nicola", "Owen", "Priya", "Rachel", "Sean", "Tariq", "Una", "Vikram", "Wendy", "Yusuf", "Zoe",
    ]
    static let surnames = [
        "Ahmed", "Begum", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hussain", "Iqbal", "Jones", "Khan",
        "Lewis", "Morris", "Nolan", "O'Brien", "Patel", "Quinn", "Roberts", "Singh", "Taylor", "Walsh", "Young",
    ]
    static let streets = [
        "High Street", "Church Road", "Station Road", "Park Road", "Victoria Road", "Green Lane", "Manor Road",
        "School Lane", "Queens Road", "New Road", "Albert Road", "Chester Road", "Bristol Road", "Coventry Road",
        "Soho Road", "Hagley Road", "Stratford Road", "Walsall Road", "Birmingham Road", "Wolverhampton Road",
    ]

    static func account(_ c: Category, rng: inout SplitMix64) -> String {
        let lines: [String]
        switch (c.kind, c.detail ?? "") {
        case (.publicSafety, "missing-person"):
            lines = [
                "My son hasn't come home and isn't answering his phone.",
                "Elderly neighbour has wandered off; she has dementia.",
            ]
        case (.publicSafety, "suspicious"):
            lines = [
                "Two men trying car door handles along the road.",
                "Someone's been sitting in a van outside for hours watching houses.",
            ]
        case (.publicSafety, _):
            lines = [
                "Haven't seen my neighbour for days and the curtains are shut.",
                "A man is sitting on the bridge railings looking upset.",
                "Woman collapsed outside the shop, people are with her.",
            ]
        case (.crime, "burglary"):
            lines = [
                "Came home to find the back door forced and the house turned over.",
                "I can hear someone downstairs; I'm in the bedroom.",
            ]
        case (.crime, "assault"):
            lines = [
                "A fight has broken out outside the pub, one man on the floor.",
                "My partner has hit me and is still in the house.",
            ]
        case (.crime, "theft"):
            lines = [
                "My bike's been taken from outside the station.", "Shoplifter has just run off with bags of meat.",
            ]
        case (.crime, "robbery"):
            lines = [
                "Two lads took my phone at knifepoint by the bus stop.",
                "I've just been mugged; they went towards the park.",
            ]
        case (.crime, "weapons"):
            lines = [
                "Man waving a machete in the street.", "Saw a lad with a knife in his waistband at the bus station.",
            ]
        case (.crime, _):
            lines = ["Someone has smashed all the windows of my car.", "Graffiti and damage to the bus shelter again."]
        case (.asb, _):
            lines = [
                "Group of youths throwing stones at passing cars.",
                "Loud music from the flat upstairs for three hours.", "Off-road bikes tearing round the park.",
            ]
        case (.transport, "rtc-injury"):
            lines = [
                "Car has hit a cyclist, he's not moving.", "Two cars collided at the junction, one driver trapped.",
            ]
        case (.transport, _):
            lines = [
                "Minor bump at the roundabout, drivers arguing.", "Car abandoned across the junction blocking traffic.",
                "Lorry shed its load on the carriageway.",
            ]
        case (.admin, _):
            lines = ["I found a wallet on the bus.", "Calling with information about a car I keep seeing."]
        }
        return rng.element(lines)
    }

    static func caller(rng: inout SplitMix64) -> (name: String, number: String) {
        (
            "\(rng.element(firstNames)) \(rng.element(surnames))",
            "07700 9\(String(100_000 + rng.next() % 900_000).suffix(5))"
        )
    }

    /// A house on one of `streets` (the gazetteer's in this beat, when it has them), so a call handler who types the
    /// address finds it.
    static func address(
        near beat: Beat?, streets local: [String]? = nil, town: String? = nil, rng: inout SplitMix64
    ) -> String {
        let place = (beat?.name ?? "the force area") + (town.map { ", \($0)" } ?? "")
        let names = local.flatMap { $0.isEmpty ? nil : $0 } ?? streets
        return "\(1 + rng.next() % 240) \(rng.element(names)), \(place)"
    }
}
