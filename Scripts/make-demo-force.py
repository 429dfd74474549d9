#!/usr/bin/env python3
"""Writes Sources/VigilForce/Resources/demo-force.toml: the built-in West Midlands-like demo force.

Outlines are hand-drawn approximations of the seven local policing areas; beats, units and
critical-register flags are generated with a fixed seed so the file is stable. Re-run after
editing the tables below: python3 Scripts/make-demo-force.py
"""
import math, random, os

rng = random.Random(20261125)

AREAS = [
    # id, name, population, km2, centre, setting, speed, outline, rural zones
    ("birmingham", "Birmingham", 1145000, 268, (52.48, -1.90), "urban", 36,
     [(52.610,-1.840),(52.600,-1.780),(52.570,-1.760),(52.530,-1.730),(52.490,-1.720),(52.460,-1.760),(52.430,-1.790),
      (52.400,-1.820),(52.380,-1.870),(52.385,-1.950),(52.410,-2.010),(52.445,-2.030),(52.470,-1.975),(52.490,-1.945),
      (52.515,-1.930),(52.540,-1.950),(52.560,-1.900),(52.590,-1.870)], []),
    ("coventry", "Coventry", 345000, 99, (52.41, -1.51), "urban", 40,
     [(52.460,-1.540),(52.455,-1.470),(52.430,-1.425),(52.395,-1.420),(52.370,-1.450),(52.360,-1.510),(52.370,-1.570),
      (52.395,-1.605),(52.430,-1.600),(52.450,-1.580)], []),
    ("wolverhampton", "Wolverhampton", 264000, 69, (52.59, -2.13), "urban", 38,
     [(52.640,-2.150),(52.636,-2.100),(52.620,-2.070),(52.600,-2.060),(52.570,-2.065),(52.553,-2.100),(52.550,-2.150),
      (52.560,-2.190),(52.585,-2.205),(52.615,-2.195),(52.632,-2.175)], []),
    ("walsall", "Walsall", 284000, 104, (52.59, -1.98), "urban", 40,
     [(52.660,-2.000),(52.650,-1.930),(52.625,-1.880),(52.590,-1.870),(52.560,-1.900),(52.553,-1.950),(52.556,-2.000),
      (52.570,-2.058),(52.600,-2.058),(52.630,-2.050)], []),
    ("dudley", "Dudley", 323000, 98, (52.49, -2.10), "urban", 38,
     [(52.550,-2.150),(52.548,-2.100),(52.505,-2.097),(52.480,-2.082),(52.455,-2.040),(52.425,-2.050),(52.420,-2.100),
      (52.440,-2.170),(52.470,-2.200),(52.510,-2.195),(52.540,-2.175)], []),
    ("sandwell", "Sandwell", 341000, 86, (52.51, -2.01), "urban", 36,
     [(52.553,-2.050),(52.552,-1.990),(52.540,-1.952),(52.515,-1.932),(52.490,-1.947),(52.472,-1.977),(52.457,-2.035),
      (52.480,-2.078),(52.505,-2.093),(52.546,-2.095)], []),
    ("solihull", "Solihull", 216000, 178, (52.41, -1.76), "mixed", 45,
     [(52.515,-1.715),(52.490,-1.680),(52.450,-1.640),(52.400,-1.605),(52.360,-1.620),(52.340,-1.680),(52.350,-1.760),
      (52.378,-1.868),(52.400,-1.822),(52.430,-1.792),(52.460,-1.762),(52.490,-1.722)],
     [[(52.440,-1.700),(52.450,-1.640),(52.400,-1.605),(52.360,-1.620),(52.340,-1.680),(52.350,-1.760),(52.370,-1.780),(52.400,-1.730)]]),
]

# Dispatch desks: each a named group of areas that one dispatcher works, as control rooms split the force.
DESKS = [
    ("birmingham", "Birmingham", ["birmingham"]),
    ("black-country", "Black Country", ["wolverhampton", "walsall", "dudley", "sandwell"]),
    ("coventry-solihull", "Coventry & Solihull", ["coventry", "solihull"]),
]

# station id, name, area, lat, lon, callsign prefix
STATIONS = [
    ("steelhouse-lane", "Steelhouse Lane", "birmingham", 52.4835, -1.8945, "BC"),
    ("bournville-lane", "Bournville Lane", "birmingham", 52.4318, -1.9350, "BS"),
    ("stechford", "Stechford", "birmingham", 52.4870, -1.8110, "BE"),
    ("sutton-coldfield", "Sutton Coldfield", "birmingham", 52.5650, -1.8230, "BN"),
    ("kings-norton", "Kings Norton", "birmingham", 52.4100, -1.9300, "BK"),
    ("perry-barr", "Perry Barr", "birmingham", 52.5180, -1.9020, "BW"),
    ("acocks-green", "Acocks Green", "birmingham", 52.4480, -1.8200, "BA"),
    ("little-park-street", "Little Park Street", "coventry", 52.4055, -1.5080, "CC"),
    ("stoney-stanton-road", "Stoney Stanton Road", "coventry", 52.4240, -1.5000, "CN"),
    ("willenhall-coventry", "Willenhall (Coventry)", "coventry", 52.3900, -1.4700, "CE"),
    ("canley", "Canley", "coventry", 52.3960, -1.5600, "CW"),
    ("wolverhampton-central", "Wolverhampton Central", "wolverhampton", 52.5840, -2.1240, "WC"),
    ("wednesfield", "Wednesfield", "wolverhampton", 52.5990, -2.0820, "WE"),
    ("bilston", "Bilston", "wolverhampton", 52.5660, -2.0800, "WB"),
    ("tettenhall", "Tettenhall", "wolverhampton", 52.5980, -2.1650, "WT"),
    ("walsall", "Walsall", "walsall", 52.5850, -1.9830, "LW"),
    ("bloxwich", "Bloxwich", "walsall", 52.6180, -2.0050, "LB"),
    ("brownhills", "Brownhills", "walsall", 52.6470, -1.9330, "LN"),
    ("aldridge", "Aldridge", "walsall", 52.6050, -1.9180, "LA"),
    ("dudley", "Dudley", "dudley", 52.5120, -2.1150, "DD"),
    ("brierley-hill", "Brierley Hill", "dudley", 52.4800, -2.1200, "DB"),
    ("halesowen", "Halesowen", "dudley", 52.4490, -2.0500, "DH"),
    ("stourbridge", "Stourbridge", "dudley", 52.4570, -2.1460, "DS"),
    ("sedgley", "Sedgley", "dudley", 52.5400, -2.1230, "DG"),
    ("west-bromwich", "West Bromwich", "sandwell", 52.5180, -1.9950, "SW"),
    ("oldbury", "Oldbury", "sandwell", 52.5050, -2.0160, "SO"),
    ("smethwick", "Smethwick", "sandwell", 52.4930, -1.9680, "SS"),
    ("tipton", "Tipton", "sandwell", 52.5290, -2.0660, "ST"),
    ("solihull", "Solihull", "solihull", 52.4140, -1.7800, "HS"),
    ("chelmsley-wood", "Chelmsley Wood", "solihull", 52.4800, -1.7300, "HC"),
    ("knowle", "Knowle", "solihull", 52.3880, -1.7330, "HK"),
    ("balsall-common", "Balsall Common", "solihull", 52.3920, -1.6520, "HB"),
]

BEATS = {
    "birmingham": ["Ladywood", "Aston", "Nechells", "Handsworth", "Lozells", "Erdington", "Kingstanding", "Sutton Vesey",
                   "Four Oaks", "Perry Barr", "Hodge Hill", "Shard End", "Bordesley Green", "Sparkbrook", "Small Heath",
                   "Hall Green", "Moseley", "Kings Heath", "Selly Oak", "Bournville", "Northfield", "Longbridge",
                   "Kings Norton", "Edgbaston", "Harborne", "Quinton", "Yardley", "Acocks Green", "Sheldon", "Stechford",
                   "Digbeth", "Jewellery Quarter", "Castle Vale", "Weoley Castle", "Billesley"],
    "coventry": ["Foleshill", "Radford", "Holbrooks", "Longford", "Wood End", "Bell Green", "Stoke", "Hillfields",
                 "Earlsdon", "Tile Hill", "Canley", "Willenhall", "Binley", "Cheylesmore", "Whoberley", "Allesley", "Wyken"],
    "wolverhampton": ["Whitmore Reans", "Low Hill", "Bushbury", "Wednesfield", "Heath Town", "Bilston", "Ettingshall",
                      "Blakenhall", "Penn", "Tettenhall", "Finchfield", "Oxley"],
    "walsall": ["Bloxwich", "Birchills", "Leamore", "Palfrey", "Caldmore", "Pleck", "Darlaston", "Willenhall",
                "Brownhills", "Aldridge", "Pelsall", "Streetly"],
    "dudley": ["Dudley Central", "Netherton", "Brierley Hill", "Kingswinford", "Stourbridge", "Lye", "Halesowen",
               "Cradley", "Sedgley", "Coseley", "Gornal", "Pensnett"],
    "sandwell": ["West Bromwich", "Great Barr", "Tipton", "Wednesbury", "Oldbury", "Rowley Regis", "Smethwick",
                 "Cradley Heath", "Langley", "Friar Park", "Hateley Heath", "Princes End"],
    "solihull": ["Solihull Central", "Shirley", "Olton", "Elmdon", "Chelmsley Wood", "Kingshurst", "Smith's Wood",
                 "Castle Bromwich", "Knowle", "Dorridge", "Balsall Common", "Meriden", "Hockley Heath"],
}

RESPONSE = {"birmingham": 180, "coventry": 55, "wolverhampton": 45, "walsall": 45, "dudley": 45, "sandwell": 50, "solihull": 30}
NEIGHBOURHOOD = {"birmingham": 50, "coventry": 20, "wolverhampton": 15, "walsall": 15, "dudley": 17, "sandwell": 18, "solihull": 15}

STREETS = ["High Street", "Church Road", "Station Road", "Park Road", "Victoria Road", "Green Lane", "Manor Road",
           "Queens Road", "New Road", "Grange Road", "Albert Road", "Kings Road", "Mill Lane", "School Lane", "The Crescent",
           "Chester Road", "Walsall Road", "Coventry Road", "Stratford Road", "Bristol Road", "Hagley Road", "Soho Road"]


def inside(p, poly):
    lat, lon = p
    inside = False
    j = len(poly) - 1
    for i in range(len(poly)):
        a, b = poly[i], poly[j]
        if (a[0] > lat) != (b[0] > lat):
            x = (b[1] - a[1]) * (lat - a[0]) / (b[0] - a[0]) + a[1]
            if lon < x:
                inside = not inside
        j = i
    return inside


def km(a, b):
    dy = (a[0] - b[0]) * 110.574
    dx = (a[1] - b[1]) * 111.32 * math.cos(math.radians(52.5))
    return math.hypot(dx, dy)


def random_point(poly, near=None, radius_km=None):
    lats = [p[0] for p in poly]; lons = [p[1] for p in poly]
    for _ in range(100000):
        p = (rng.uniform(min(lats), max(lats)), rng.uniform(min(lons), max(lons)))
        if inside(p, poly) and (near is None or km(p, near) <= radius_km):
            return (round(p[0], 5), round(p[1], 5))
    raise SystemExit("no point found")


def pt(p):
    return f"[{p[0]:.5f}, {p[1]:.5f}]"


area_by_id = {a[0]: a for a in AREAS}
for s in STATIONS:
    assert inside((s[3], s[4]), area_by_id[s[2]][7]), f"station {s[0]} outside {s[2]}"

out = []
w = out.append
w("# Built-in demo force: a West Midlands-like force for training, demos and tests.")
w("# Generated by Scripts/make-demo-force.py; outlines and figures are approximate public figures.")
w("")
w("[force]")
w('code = "WM"')
w('name = "West Midlands (demo)"')
w("road_factor = 1.3")
w("")
for (aid, name, pop, area, centre, setting, speed, outline, rural) in AREAS:
    w("[[areas]]")
    w(f'id = "{aid}"')
    w(f'name = "{name}"')
    w(f"population = {pop}")
    w(f"km2 = {area}")
    w(f"centre = {pt(centre)}")
    w(f'setting = "{setting}"')
    w(f"speed_kmh = {speed}")
    w("outline = [" + ", ".join(pt(p) for p in outline) + "]")
    if rural:
        w("rural_zones = [" + ", ".join("[" + ", ".join(pt(p) for p in z) + "]" for z in rural) + "]")
    w("")

for (did, name, areas) in DESKS:
    w("[[desks]]")
    w(f'id = "{did}"')
    w(f'name = "{name}"')
    w("areas = [" + ", ".join(f'"{a}"' for a in areas) + "]")
    w("")

for (sid, name, aid, lat, lon, _) in STATIONS:
    w("[[stations]]")
    w(f'id = "{sid}"')
    w(f'name = "{name}"')
    w(f'area = "{aid}"')
    w(f"at = {pt((lat, lon))}")
    w("")

# Neighbouring forces that lend response units under mutual aid: id, name, callsign prefix, most units, and the
# station their crews report to (the one nearest the motorway or boundary they come in by).
MUTUAL_AID = [
    ("staffordshire", "Staffordshire Police", "SF", 30, "walsall"),
    ("west-mercia", "West Mercia Police", "WM", 20, "halesowen"),
    ("warwickshire", "Warwickshire Police", "WK", 20, "chelmsley-wood"),
]
for (pid, name, prefix, n, station) in MUTUAL_AID:
    w("[[mutual_aid]]")
    w(f'id = "{pid}"')
    w(f'name = "{name}"')
    w(f'prefix = "{prefix}"')
    w(f"units = {n}")
    w(f'station = "{station}"')
    w("")

beats_by_station = {}
placed_beats = []
for (aid, *_rest) in AREAS:
    poly = area_by_id[aid][7]
    rural_zones = area_by_id[aid][8]
    stations = [s for s in STATIONS if s[2] == aid]
    placed = []
    for name in BEATS[aid]:
        # Spread beats out: keep the candidate farthest from those already placed.
        best = max((random_point(poly) for _ in range(12)), key=lambda p: min([km(p, q) for q in placed] or [99]))
        placed.append(best)
        station = min(stations, key=lambda s: km(best, (s[3], s[4])))
        bid = aid[:3] + "-" + name.lower().replace(" ", "-").replace("'", "").replace("(", "").replace(")", "")
        is_rural = any(inside(best, z) for z in rural_zones)
        beats_by_station.setdefault(station[0], []).append(bid)
        placed_beats.append((aid, name, best))
        w("[[beats]]")
        w(f'id = "{bid}"')
        w(f'name = "{name}"')
        w(f'area = "{aid}"')
        w(f'station = "{station[0]}"')
        w(f"centre = {pt(best)}")
        if is_rural:
            w("rural = true")
        w("")


def unit(callsign, kind, station, beat, skills, crew, status="available"):
    w("[[units]]")
    w(f'callsign = "{callsign}"')
    w(f'type = "{kind}"')
    w(f'station = "{station}"')
    if beat:
        w(f'beat = "{beat}"')
    if skills:
        w("skills = [" + ", ".join(f'"{s}"' for s in skills) + "]")
    w(f"crew = {crew}")
    if status != "available":
        w(f'status = "{status}"')
    w("")


for (aid, *_rest) in AREAS:
    stations = [s for s in STATIONS if s[2] == aid]
    counters = {s[0]: 11 for s in stations}
    ncounters = {s[0]: 71 for s in stations}
    for i in range(RESPONSE[aid]):
        s = stations[i % len(stations)]
        skills = [k for k, p in (("taser", 0.45), ("advanced-driver", 0.3), ("public-order", 0.15), ("first-aid", 0.9)) if rng.random() < p]
        crew = 1 if rng.random() < 0.25 else 2
        beats = beats_by_station.get(s[0], [])
        unit(f"{s[5]}{counters[s[0]]}", "response", s[0], rng.choice(beats) if beats else None, skills, crew,
             "station" if rng.random() < 0.2 else "available")
        counters[s[0]] += 1
    for i in range(NEIGHBOURHOOD[aid]):
        s = stations[i % len(stations)]
        beats = beats_by_station.get(s[0], []) or [b for st in stations for b in beats_by_station.get(st[0], [])]
        skills = [k for k, p in (("first-aid", 0.9), ("taser", 0.1)) if rng.random() < p]
        unit(f"{s[5]}{ncounters[s[0]]}", "neighbourhood", s[0], beats[i // len(stations) % len(beats)], skills,
             1 if rng.random() < 0.5 else 2)
        ncounters[s[0]] += 1

for i, sid in enumerate(["steelhouse-lane", "stechford", "little-park-street", "wolverhampton-central", "walsall",
                         "dudley", "oldbury", "solihull"], start=1):
    unit(f"ARV{i}", "armed", sid, None, ["firearms", "taser", "advanced-driver", "first-aid"], 2)
for i, sid in enumerate(["perry-barr", "stechford", "kings-norton", "sutton-coldfield", "little-park-street", "canley",
                         "wednesfield", "aldridge", "halesowen", "oldbury", "solihull", "balsall-common"], start=1):
    unit(f"RP{i:02d}", "roads", sid, None, ["advanced-driver", "first-aid"], 2 if i % 3 else 1)
for i, sid in enumerate(["bournville-lane", "stechford", "stoney-stanton-road", "bilston", "brierley-hill", "solihull"], start=1):
    unit(f"DOG{i}", "dog", sid, None, ["advanced-driver"], 1)
for i, sid in enumerate(["steelhouse-lane", "little-park-street", "wolverhampton-central", "oldbury"], start=1):
    unit(f"VAN{i}", "custody-van", sid, None, [], 2)

KINDS = [("firearms", 6), ("vulnerable", 12), ("repeat-da", 10), ("officer-safety", 8)]
NOTES = {
    "firearms": ["Shotgun certificate holder; intelligence of illegal handgun", "Occupant linked to firearms discharge 2025",
                 "Air weapons seized previously; approach with care"],
    "vulnerable": ["Elderly resident living alone with dementia", "Adult at risk; carer visits twice daily",
                   "Resident with learning disability; may not understand police"],
    "repeat-da": ["MARAC-listed victim; attend as grade 1 on any call", "Repeat victim; perpetrator on bail not to attend",
                  "DVPO in force until expiry"],
    "officer-safety": ["Occupant violent towards police; double-crew only", "Dangerous dog at address",
                       "Known to carry bladed articles"],
}
fid = 1
for kind, n in KINDS:
    for _ in range(n):
        aid = rng.choice([a[0] for a in AREAS] + ["birmingham"] * 3)
        p = random_point(area_by_id[aid][7])
        beat = rng.choice(BEATS[aid])
        address = f"{rng.randint(1, 240)} {rng.choice(STREETS)}, {beat}"
        w("[[flags]]")
        w(f'kind = "{kind}"')
        w(f'address = "{address}"')
        w(f"at = {pt(p)}")
        w(f'note = "{rng.choice(NOTES[kind])}"')
        if rng.random() < 0.4:
            w(f'expires = "{rng.choice(["2027-01-31", "2027-03-31", "2027-06-30", "2026-12-24"])}"')
        w("")
        fid += 1

for oid, name, role in [("D100", "Demo Dispatcher", "dispatcher"), ("H200", "Demo Call Handler", "call-handler"),
                        ("I300", "Demo Duty Inspector", "inspector"), ("T400", "Demo Trainer", "trainer"),
                        ("S001", "Demo Supervisor", "supervisor")]:
    w("[[operators]]")
    w(f'id = "{oid}"')
    w(f'name = "{name}"')
    w(f'role = "{role}"')
    w("")

# The address gazetteer. First the real principal streets and landmarks of each area, placed approximately from
# public knowledge of the cities (no dataset is copied): name, area, locality, line or point, other names.
PRINCIPAL_STREETS = [
    ("Colmore Row", "birmingham", "City Centre", [(52.4801, -1.9019), (52.4823, -1.8962)], (1, 140)),
    ("New Street", "birmingham", "City Centre", [(52.4793, -1.9023), (52.4782, -1.8945)], (1, 160)),
    ("Broad Street", "birmingham", "City Centre", [(52.4786, -1.9080), (52.4718, -1.9160)], (1, 300)),
    ("Corporation Street", "birmingham", "City Centre", [(52.4790, -1.8960), (52.4870, -1.8950)], (1, 250)),
    ("Bull Street", "birmingham", "City Centre", [(52.4820, -1.8960), (52.4808, -1.8935)], (1, 80)),
    ("Digbeth", "birmingham", "Digbeth", [(52.4765, -1.8890), (52.4740, -1.8800)], (1, 250)),
    ("Hagley Road", "birmingham", "Edgbaston", [(52.4710, -1.9170), (52.4640, -1.9600)], (1, 400)),
    ("Bristol Road", "birmingham", "Selly Oak", [(52.4690, -1.9060), (52.4410, -1.9370)], (1, 900)),
    ("Soho Road", "birmingham", "Handsworth", [(52.5035, -1.9270), (52.5085, -1.9450)], (1, 400)),
    ("Stratford Road", "birmingham", "Sparkhill", [(52.4690, -1.8780), (52.4470, -1.8450)], (1, 700)),
    ("Coventry Road", "birmingham", "Small Heath", [(52.4730, -1.8700), (52.4680, -1.8200)], (1, 900)),
    ("Corporation Street", "coventry", "City Centre", [(52.4098, -1.5140), (52.4108, -1.5080)], (1, 120)),
    ("Hertford Street", "coventry", "City Centre", [(52.4068, -1.5120), (52.4080, -1.5105)], (1, 60)),
    ("Far Gosford Street", "coventry", "Gosford Green", [(52.4055, -1.4990), (52.4045, -1.4930)], (1, 150)),
    ("Foleshill Road", "coventry", "Foleshill", [(52.4170, -1.5070), (52.4380, -1.4960)], (1, 600)),
    ("Dudley Street", "wolverhampton", "City Centre", [(52.5850, -2.1270), (52.5832, -2.1255)], (1, 60)),
    ("Lichfield Street", "wolverhampton", "City Centre", [(52.5870, -2.1250), (52.5868, -2.1200)], (1, 80)),
    ("Stafford Street", "wolverhampton", "City Centre", [(52.5890, -2.1250), (52.5960, -2.1200)], (1, 200)),
    ("Penn Road", "wolverhampton", "Penn", [(52.5800, -2.1330), (52.5600, -2.1500)], (1, 500)),
    ("Park Street", "walsall", "Town Centre", [(52.5853, -1.9840), (52.5866, -1.9800)], (1, 90)),
    ("Bradford Street", "walsall", "Town Centre", [(52.5840, -1.9830), (52.5815, -1.9805)], (1, 80)),
    ("Lichfield Street", "walsall", "Town Centre", [(52.5870, -1.9790), (52.5910, -1.9730)], (1, 120)),
    ("Castle Street", "dudley", "Town Centre", [(52.5115, -2.0850), (52.5100, -2.0880)], (1, 60)),
    ("High Street", "dudley", "Town Centre", [(52.5095, -2.0890), (52.5075, -2.0935)], (1, 200)),
    ("High Street", "sandwell", "West Bromwich", [(52.5195, -1.9960), (52.5150, -1.9880)], (1, 400)),
    ("High Street", "solihull", "Town Centre", [(52.4135, -1.7800), (52.4118, -1.7760)], (1, 150)),
    ("Warwick Road", "solihull", "Olton", [(52.4150, -1.7850), (52.4420, -1.8200)], (1, 900)),
]
PLACES = [
    ("Birmingham New Street station", "birmingham", "City Centre", (52.4778, -1.8989), ["New Street station", "Grand Central"]),
    ("Bullring", "birmingham", "City Centre", (52.4775, -1.8940), ["Bull Ring"]),
    ("Library of Birmingham", "birmingham", "City Centre", (52.4796, -1.9083), []),
    ("Snow Hill station", "birmingham", "City Centre", (52.4834, -1.8995), []),
    ("Moor Street station", "birmingham", "City Centre", (52.4791, -1.8924), []),
    ("The Mailbox", "birmingham", "City Centre", (52.4757, -1.9016), []),
    ("Birmingham Children's Hospital", "birmingham", "City Centre", (52.4850, -1.8940), []),
    ("Villa Park", "birmingham", "Aston", (52.5092, -1.8848), []),
    ("St Andrew's", "birmingham", "Bordesley", (52.4757, -1.8682), ["St Andrews stadium"]),
    ("Edgbaston Stadium", "birmingham", "Edgbaston", (52.4559, -1.9025), ["Edgbaston cricket ground"]),
    ("Queen Elizabeth Hospital", "birmingham", "Edgbaston", (52.4530, -1.9420), ["QE hospital"]),
    ("Cadbury World", "birmingham", "Bournville", (52.4285, -1.9290), []),
    ("Sutton Park", "birmingham", "Sutton Coldfield", (52.5650, -1.8470), []),
    ("Coventry Cathedral", "coventry", "City Centre", (52.4083, -1.5069), []),
    ("Coventry station", "coventry", "City Centre", (52.4008, -1.5135), []),
    ("University Hospital Coventry", "coventry", "Walsgrave", (52.4213, -1.4380), ["Walsgrave Hospital"]),
    ("Coventry Building Society Arena", "coventry", "Foleshill", (52.4481, -1.4956), []),
    ("Wolverhampton station", "wolverhampton", "City Centre", (52.5876, -2.1194), []),
    ("Molineux Stadium", "wolverhampton", "City Centre", (52.5902, -2.1304), ["Molineux"]),
    ("New Cross Hospital", "wolverhampton", "Heath Town", (52.5990, -2.0940), []),
    ("Walsall station", "walsall", "Town Centre", (52.5845, -1.9847), []),
    ("Walsall Manor Hospital", "walsall", "Palfrey", (52.5848, -2.0010), ["Manor Hospital"]),
    ("Bescot Stadium", "walsall", "Bescot", (52.5654, -1.9910), []),
    ("Dudley Zoo and Castle", "dudley", "Town Centre", (52.5110, -2.0810), ["Dudley Zoo", "Dudley Castle"]),
    ("Merry Hill Shopping Centre", "dudley", "Brierley Hill", (52.4810, -2.1110), ["Merry Hill"]),
    ("Russells Hall Hospital", "dudley", "Russells Hall", (52.5040, -2.1140), []),
    ("The Hawthorns", "sandwell", "West Bromwich", (52.5090, -1.9639), []),
    ("Sandwell General Hospital", "sandwell", "West Bromwich", (52.5276, -1.9946), []),
    ("West Bromwich bus station", "sandwell", "West Bromwich", (52.5185, -1.9945), []),
    ("Touchwood", "solihull", "Town Centre", (52.4127, -1.7778), ["Touchwood shopping centre"]),
    ("Solihull station", "solihull", "Town Centre", (52.4147, -1.7886), []),
    ("Birmingham Airport", "solihull", "Elmdon", (52.4539, -1.7480), ["BHX"]),
    ("National Exhibition Centre", "solihull", "Bickenhill", (52.4530, -1.7197), ["NEC"]),
]
for (name, aid, loc, line, (lo, hi)) in PRINCIPAL_STREETS:
    w("[[streets]]")
    w(f'name = "{name}"')
    w(f'area = "{aid}"')
    w(f'locality = "{loc}"')
    w("line = [" + ", ".join(pt(p) for p in line) + "]")
    w(f"numbers = [{lo}, {hi}]")
    w("")
for (name, aid, loc, at, aliases) in PLACES:
    w("[[places]]")
    w(f'name = "{name}"')
    w(f'area = "{aid}"')
    w(f'locality = "{loc}"')
    w(f"at = {pt(at)}")
    if aliases:
        w("aliases = [" + ", ".join(f'"{a}"' for a in aliases) + "]")
    w("")

# Then the generator's streets: eight of the simulator's street names (Sources/VigilSim/CallerText.swift) in every
# beat, each a line of about 400 m near the beat's centre, numbered 1 to 240 as the simulator numbers them. A separate
# random stream, so the rest of the file is as before.
SIM_STREETS = [
    "High Street", "Church Road", "Station Road", "Park Road", "Victoria Road", "Green Lane", "Manor Road",
    "School Lane", "Queens Road", "New Road", "Albert Road", "Chester Road", "Bristol Road", "Coventry Road",
    "Soho Road", "Hagley Road", "Stratford Road", "Walsall Road", "Birmingham Road", "Wolverhampton Road",
]
grng = random.Random(2026)
principal = {(name, loc) for (name, _aid, loc, _line, _nums) in PRINCIPAL_STREETS}
for (aid, beat, (lat, lon)) in placed_beats:
    for name in grng.sample(SIM_STREETS, 8):
        # A real street of that name already in this district: one entry, not two in different places.
        if (name, beat) in principal:
            continue
        bearing, dist = grng.uniform(0, 2 * math.pi), grng.uniform(0.1, 1.2)
        clat = lat + dist * math.cos(bearing) / 110.574
        clon = lon + dist * math.sin(bearing) / (111.320 * math.cos(math.radians(lat)))
        heading = grng.uniform(0, math.pi)
        dlat, dlon = 0.2 * math.cos(heading) / 110.574, 0.2 * math.sin(heading) / (111.320 * math.cos(math.radians(lat)))
        w("[[streets]]")
        w(f'name = "{name}"')
        w(f'area = "{aid}"')
        w(f'locality = "{beat}"')
        w(f"line = [{pt((clat - dlat, clon - dlon))}, {pt((clat + dlat, clon + dlon))}]")
        w("numbers = [1, 240]")
        w("")

path = os.path.join(os.path.dirname(__file__), "..", "Sources", "VigilForce", "Resources", "demo-force.toml")
with open(path, "w") as f:
    f.write("\n".join(out).rstrip() + "\n")
print(f"wrote {path}: {len(out)} lines")
