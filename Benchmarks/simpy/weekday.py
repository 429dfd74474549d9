"""The weekday shift of Vigil's simulator, written once in SimPy 4 for a speed comparison.

The same model as Sources/VigilSim/Simulation.swift on the core in Sources/VigilCore, read from the same scenario and
force files, doing the same work:
- Callers arrive by thinning against the hourly profile; each gets a made-up name, number, address and account.
- Every action is a command to a small dispatch core: it checks the operator is registered, signed on and allowed,
  validates the command against the state, and returns events (time, operator, console, change). The events are
  applied to the state, which keeps units, contacts and incidents with their narrative, the call queues per channel,
  the register of address flags, and a grid of free units.
- Call handlers answer through the core's queue (999 before 101 before online, then longest wait).
- Raising an incident finds its area by outline, its nearest beat, whether it is rural, and the flags at the place.
- The auto-dispatcher asks the core for a recommendation: free units ranked ring by ring over the grid, by ETA plus the
  same penalties as Vigil's recommender, with the best written up with its reasons.
- Crews mobilise, travel, stay at scene, sometimes transport a prisoner, and clear; shifts change with the handover dip.
- The summary is folded from the events, as Vigil's ShiftStats does.
It is written as a capable analyst would write it in Python: classes with slots, dicts and sets, no contrivance.

Usage: python3 weekday.py [--scenario PATH] [--force PATH] [--seed N] [--hours H]   (prints one JSON object)
"""
import argparse, datetime, json, math, os, random, sys, time, tomllib

import simpy

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
CHANNELS = ["999", "101", "online"]
GRADES = ["emergency", "priority", "scheduled", "resolution"]
GRADE_RANK = {g: i for i, g in enumerate(GRADES)}
FIRST = ["Aisha", "Ben", "Chloe", "Darren", "Elaine", "Farhan", "Grace", "Harpreet", "Ian", "Jade", "Kwame", "Lucy",
         "Mohammed", "Nicola", "Owen", "Priya", "Rachel", "Sean", "Tariq", "Una", "Vikram", "Wendy", "Yusuf", "Zoe"]
SURNAMES = ["Ahmed", "Begum", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hussain", "Iqbal", "Jones", "Khan",
            "Lewis", "Morris", "Nolan", "O'Brien", "Patel", "Quinn", "Roberts", "Singh", "Taylor", "Walsh", "Young"]
STREETS = ["High Street", "Church Road", "Station Road", "Park Road", "Victoria Road", "Green Lane", "Manor Road",
           "School Lane", "Queens Road", "New Road", "Albert Road", "Chester Road", "Bristol Road", "Coventry Road",
           "Soho Road", "Hagley Road", "Stratford Road", "Walsall Road", "Birmingham Road", "Wolverhampton Road"]
ACCOUNTS = {
    ("public-safety", "missing-person"): ["My son hasn't come home and isn't answering his phone.", "Elderly neighbour has wandered off; she has dementia."],
    ("public-safety", "suspicious"): ["Two men trying car door handles along the road.", "Someone's been sitting in a van outside for hours watching houses."],
    ("public-safety", None): ["Haven't seen my neighbour for days and the curtains are shut.", "A man is sitting on the bridge railings looking upset.",
                              "Woman collapsed outside the shop, people are with her."],
    ("crime", "burglary"): ["Came home to find the back door forced and the house turned over.", "I can hear someone downstairs; I'm in the bedroom."],
    ("crime", "assault"): ["A fight has broken out outside the pub, one man on the floor.", "My partner has hit me and is still in the house."],
    ("crime", "theft"): ["My bike's been taken from outside the station.", "Shoplifter has just run off with bags of meat."],
    ("crime", "robbery"): ["Two lads took my phone at knifepoint by the bus stop.", "I've just been mugged; they went towards the park."],
    ("crime", "weapons"): ["Man waving a machete in the street.", "Saw a lad with a knife in his waistband at the bus station."],
    ("crime", None): ["Someone has smashed all the windows of my car.", "Graffiti and damage to the bus shelter again."],
    ("asb", None): ["Group of youths throwing stones at passing cars.", "Loud music from the flat upstairs for three hours.", "Off-road bikes tearing round the park."],
    ("transport", "rtc-injury"): ["Car has hit a cyclist, he's not moving.", "Two cars collided at the junction, one driver trapped."],
    ("transport", None): ["Minor bump at the roundabout, drivers arguing.", "Car abandoned across the junction blocking traffic.", "Lorry shed its load on the carriageway."],
    ("admin", None): ["I found a wallet on the bus.", "Calling with information about a car I keep seeing."],
}
TYPE_LABEL = {"response": "response", "neighbourhood": "neighbourhood", "armed": "armed response", "roads": "roads policing",
              "dog": "dog unit", "custody-van": "custody van"}
DEPLOYABLE = ("available", "station")
CALL_HANDLER = {"sign-on", "receive", "answer", "raise", "link", "resolve", "thrive", "note"}
DISPATCHER_NOT = {"administer", "move", "train", "major"}


# ---------------------------------------------------------------------------------------------------------------------
# The core: categories, places, state, commands, events, recommendation.

class Category:
    __slots__ = ("kind", "detail", "qualifiers")

    def __init__(self, text):
        head, *quals = text.split("+")
        kind, _, detail = head.partition("/")
        self.kind, self.detail, self.qualifiers = kind, detail or None, tuple(sorted(quals))

    def __str__(self):
        return self.kind + ("/" + self.detail if self.detail else "") + "".join("+" + q for q in self.qualifiers)


class Unit:
    __slots__ = ("callsign", "type", "skills", "crew", "home_area", "home_station", "home_beat", "area", "status",
                 "status_since", "position", "incident")


class Contact:
    __slots__ = ("id", "channel", "details", "received_at", "state", "answered_at", "handler", "resolution", "incident")


class Incident:
    __slots__ = ("ref", "grade", "opening", "location", "address", "area", "beat", "rural", "flags", "contacts", "created_at",
                 "narrative", "units", "first_assigned_at", "first_on_scene_at", "closed_at", "closing", "outcome")


class Event:
    __slots__ = ("at", "operator", "console", "change")

    def __init__(self, at, operator, console, change):
        self.at, self.operator, self.console, self.change = at, operator, console, change


class DispatchError(Exception):
    """A refused command, with the one sentence a console would show."""


def nearly_km(lat1, lon1, lat2, lon2):
    dlat = math.radians(lat2 - lat1); dlon = math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1, math.sqrt(h)))


def inside(poly, lat, lon):
    ins = False
    j = len(poly) - 1
    for i in range(len(poly)):
        a, b = poly[i], poly[j]
        if (a[0] > lat) != (b[0] > lat):
            if lon < (b[1] - a[1]) * (lat - a[0]) / (b[0] - a[0]) + a[1]:
                ins = not ins
        j = i
    return ins


def normalized(address):
    return "".join(ch for ch in address.lower() if ch.isalnum())


class Force:
    """Areas, stations and beats, with the lookups a raise needs."""

    def __init__(self, f):
        self.code = f["force"]["code"]
        self.road = f["force"].get("road_factor", 1.3)
        self.areas = f["areas"]
        for a in self.areas:
            lats = [p[0] for p in a["outline"]]; lons = [p[1] for p in a["outline"]]
            a["box"] = (min(lats), max(lats), min(lons), max(lons))
        self.area_by_id = {a["id"]: a for a in self.areas}
        self.stations = {s["id"]: s for s in f["stations"]}
        self.beats_by_area = {}
        for b in f["beats"]:
            self.beats_by_area.setdefault(b["area"], []).append(b)

    def area_containing(self, lat, lon):
        for a in self.areas:
            b = a["box"]
            if b[0] <= lat <= b[1] and b[2] <= lon <= b[3] and inside(a["outline"], lat, lon):
                return a
        return min(self.areas, key=lambda a: nearly_km(a["centre"][0], a["centre"][1], lat, lon))

    def beat_nearest(self, lat, lon, area):
        k = math.cos(math.radians(lat))
        beats = self.beats_by_area.get(area["id"])
        if not beats:
            return None
        return min(beats, key=lambda b: (b["centre"][0] - lat) ** 2 + ((b["centre"][1] - lon) * k) ** 2)

    def is_rural(self, lat, lon, area):
        return area.get("setting") == "rural" or any(inside(z, lat, lon) for z in area.get("rural_zones", []))


class UnitGrid:
    """Free units by 2 km cell, so a recommendation looks at nearby cells first."""

    def __init__(self, force, cell_km=2.0):
        lats = [p[0] for a in force.areas for p in a["outline"]]; lons = [p[1] for a in force.areas for p in a["outline"]]
        self.lat0, self.lon0 = min(lats), min(lons)
        self.ky, self.kx = 110.574, 111.320 * math.cos(math.radians((min(lats) + max(lats)) / 2))
        self.cell_km = cell_km
        self.cols = max(1, math.ceil((max(lons) - self.lon0) * self.kx / cell_km))
        self.rows = max(1, math.ceil((max(lats) - self.lat0) * self.ky / cell_km))
        self.cells = {}
        self.where = {}
        self.free_response = {}
        self.count = 0

    def cell(self, lat, lon):
        c = min(max(int((lon - self.lon0) * self.kx // self.cell_km), 0), self.cols - 1)
        r = min(max(int((lat - self.lat0) * self.ky // self.cell_km), 0), self.rows - 1)
        return c, r

    def km(self, a, b):
        dx = (a[1] - b[1]) * self.kx; dy = (a[0] - b[0]) * self.ky
        return math.sqrt(dx * dx + dy * dy)

    @staticmethod
    def holds(u):
        return u.incident is None and (u.status in DEPLOYABLE or u.status == "refreshment")

    def insert(self, u):
        if not self.holds(u):
            return
        key = self.cell(*u.position)
        self.cells.setdefault(key, set()).add(u.callsign)
        self.where[u.callsign] = key
        self.count += 1
        if u.type == "response" and u.status in DEPLOYABLE:
            self.free_response[u.area] = self.free_response.get(u.area, 0) + 1

    def remove(self, u):
        key = self.where.pop(u.callsign, None)
        if key is None:
            return
        self.cells[key].discard(u.callsign)
        self.count -= 1
        if u.type == "response" and u.status in DEPLOYABLE:
            self.free_response[u.area] -= 1

    def ring(self, n, c, r):
        if n == 0:
            yield from self.cells.get((c, r), ())
            return
        for dc in range(-n, n + 1):
            yield from self.cells.get((c + dc, r - n), ())
            yield from self.cells.get((c + dc, r + n), ())
        for dr in range(-n + 1, n):
            yield from self.cells.get((c - n, r + dr), ())
            yield from self.cells.get((c + n, r + dr), ())


class Rules:
    """The recommendation's penalties for one incident, as in Sources/VigilCore/Analysis/Recommender.swift."""

    def __init__(self, incident):
        self.i = incident
        self.urgent = GRADE_RANK[incident.grade] <= 1
        kinds = {f["kind"] for f in incident.flags}
        self.firearms = "firearms" in kinds
        self.officer_safety = "officer-safety" in kinds
        self.weapon = "weapon" in incident.opening.qualifiers or incident.opening.detail == "weapons"

    def penalties(self, u, grid, add):
        if u.incident is not None:
            return False
        if u.status == "refreshment":
            if self.i.grade != "emergency":
                return False
        elif u.status not in DEPLOYABLE:
            return False
        t, urgent, i = u.type, self.urgent, self.i
        if t == "custody-van":
            return False
        if t == "response":
            if not urgent: add(5, "response unit on a scheduled job")
        elif t == "neighbourhood":
            if urgent: add(10, "neighbourhood unit: urgent work only when nothing else is near")
            elif u.home_beat is not None and u.home_beat != i.beat: add(3, "outside its own beat")
        elif t == "armed":
            if not self.firearms: add(8, "armed unit kept for firearms work")
        elif t == "roads":
            if i.opening.kind != "transport": add(4, "roads policing unit")
        elif t == "dog":
            add(6, "dog unit kept for searches")
        if not urgent and t in ("armed", "roads", "dog"): add(20, "specialist unit on a scheduled job")
        if self.firearms and urgent and "firearms" not in u.skills: add(15, "no firearms officers; address flagged firearms known")
        if self.weapon and urgent and "taser" not in u.skills and "firearms" not in u.skills: add(5, "no taser; weapon reported")
        if self.officer_safety and u.crew < 2: add(5, "single-crewed at an officer-safety address")
        if u.status == "refreshment": add(5, "on refreshment")
        if u.area != i.area: add(3, "crosses from " + u.area)
        if not urgent and t == "response" and u.status in DEPLOYABLE and grid.free_response.get(u.area, 0) <= 1:
            add(30, "last free response unit in " + u.area)
        return True


class State:
    """Everything the control room knows, folded from events."""

    def __init__(self, force, units, operators, flags):
        self.force = force
        self.operators = {o["id"]: dict(o, disabled=False) for o in operators}
        self.signed_on = {}
        self.units = {}
        self.grid = UnitGrid(force)
        for u in units:
            self.units[u.callsign] = u
            self.grid.insert(u)
        self.contacts, self.incidents, self.open = {}, {}, set()
        self.waiting = [dict() for _ in CHANNELS]   # per channel, insertion-ordered: the queue
        self.in_hand = set()
        self.flags = flags
        self.flag_keys = [normalized(f["address"]) for f in flags]
        self.day_counters = {}
        self.next_contact = 1
        self.event_count = 0

    # Commands --------------------------------------------------------------------------------------------------------
    def execute(self, command, actor, console, now):
        """Validates and applies a command; returns its events, or raises DispatchError."""
        changes = self.decide(command, actor, now)
        events = [Event(now, actor, console, c) for c in changes]
        for e in events:
            self.apply(e)
        return events

    def authorise(self, action, actor):
        op = self.operators.get(actor)
        if op is None: raise DispatchError(f"{actor} is not a registered operator")
        if op["disabled"]: raise DispatchError(f"{actor} is disabled")
        if action != "sign-on" and actor not in self.signed_on: raise DispatchError(f"{actor} is not signed on")
        role = op["role"]
        allowed = (role == "supervisor" or (role == "trainer" and action != "administer")
                   or (role == "call-handler" and action in CALL_HANDLER) or (role == "dispatcher" and action not in DISPATCHER_NOT))
        if not allowed: raise DispatchError(f"a {role} may not {action}")

    def open_incident(self, ref):
        i = self.incidents.get(ref)
        if i is None: raise DispatchError(f"there is no incident {ref}")
        if i.closed_at is not None: raise DispatchError(f"{ref} is closed")
        return i

    def in_hand_contact(self, cid):
        c = self.contacts.get(cid)
        if c is None: raise DispatchError(f"there is no contact C{cid}")
        if c.state not in ("answered", "waiting"): raise DispatchError(f"C{cid} is not being taken")
        return c

    def decide(self, command, actor, now):
        kind = command[0]
        self.authorise(kind if kind not in ("assign", "unassign", "status", "close", "register") else
                       {"assign": "assign", "unassign": "assign", "status": "status", "close": "close", "register": "administer"}[kind], actor)
        if kind == "sign-on":
            if self.signed_on.get(actor) not in (None, command[1]): raise DispatchError(f"{actor} is signed on elsewhere")
            return [] if self.signed_on.get(actor) == command[1] else [("signed-on",)]
        if kind == "register":
            if command[1]["id"] in self.operators: raise DispatchError(f"{command[1]['id']} already exists")
            return [("registered", command[1])]
        if kind == "receive":
            return [("received", self.next_contact, command[1], command[2])]
        if kind == "answer":
            cid = command[1]
            if cid is None:
                cid = next((next(iter(q)) for q in self.waiting if q), None)
                if cid is None: raise DispatchError("no contact is waiting")
            c = self.contacts.get(cid)
            if c is None or c.state != "waiting": raise DispatchError(f"C{cid} is not waiting")
            return [("answered", cid)]
        if kind == "raise":
            _, cid, grade, category = command
            c = self.in_hand_contact(cid)
            lat, lon = c.details["location"]
            address = c.details["address"].strip()
            day = local_day(now)
            ref = f"{self.force.code}-{day}-{self.day_counters.get(day, 0) + 1:04d}"
            area = self.force.area_containing(lat, lon)
            beat = self.force.beat_nearest(lat, lon, area)
            key = normalized(address)
            flags = [f for f, k in zip(self.flags, self.flag_keys) if not f.get("expired") and (f.get("expires") is None or f["expires"] > now)
                     and ((abs(f["at"][0] - lat) < 0.0006 and abs(f["at"][1] - lon) < 0.001 and nearly_km(f["at"][0], f["at"][1], lat, lon) <= 0.05)
                          or (key and key == k))]
            raised = ("raised", ref, cid, grade, category, (lat, lon), address, area["id"], beat["id"] if beat else None,
                      self.force.is_rural(lat, lon, area), flags)
            return ([("answered", cid)] if c.state == "waiting" else []) + [raised]
        if kind == "link":
            _, cid, ref = command
            c = self.in_hand_contact(cid)
            self.open_incident(ref)
            return ([("answered", cid)] if c.state == "waiting" else []) + [("linked", cid, ref)]
        if kind == "resolve":
            _, cid, advice = command
            c = self.in_hand_contact(cid)
            if not advice.strip(): raise DispatchError("the advice may not be empty")
            return ([("answered", cid)] if c.state == "waiting" else []) + [("resolved", cid, advice.strip())]
        if kind == "assign":
            _, ref, callsigns = command
            i = self.open_incident(ref)
            if i.grade == "resolution": raise DispatchError(f"{ref} is grade 4: no unit is sent")
            if not callsigns: raise DispatchError("name at least one unit")
            out, seen = [], set()
            for cs in callsigns:
                if cs in seen: continue
                seen.add(cs)
                u = self.units.get(cs)
                if u is None: raise DispatchError(f"there is no unit {cs}")
                if u.incident is not None: raise DispatchError(f"{cs} is already committed to {u.incident}")
                if u.status == "refreshment":
                    if i.grade != "emergency": raise DispatchError(f"{cs} is on refreshment")
                elif u.status not in DEPLOYABLE: raise DispatchError(f"{cs} is {u.status}, not deployable")
                out.append(("assigned", cs, ref))
            return out
        if kind == "unassign":
            _, cs, ref = command
            u = self.units.get(cs)
            if u is None: raise DispatchError(f"there is no unit {cs}")
            if u.incident is None or (ref is not None and ref != u.incident): raise DispatchError(f"{cs} is not on {ref}")
            return [("unassigned", cs, u.incident, "")]
        if kind == "status":
            _, cs, status, position = command
            u = self.units.get(cs)
            if u is None: raise DispatchError(f"there is no unit {cs}")
            if status == u.status and (position is None or position == u.position): raise DispatchError(f"{cs} is already {status}")
            if status == "assigned": raise DispatchError("assigned is set by assigning")
            if status in ("enroute", "scene") and u.incident is None: raise DispatchError(f"{cs} has no incident to be {status} for")
            if status in DEPLOYABLE and u.incident is not None:
                return [("unassigned", cs, u.incident, f"cleared {status}"), ("status", cs, status, position)]
            if status in ("refreshment", "off", "unavailable") and u.incident is not None:
                raise DispatchError(f"{cs} is committed to {u.incident}")
            return [("status", cs, status, position)]
        if kind == "close":
            _, ref, category, outcome = command
            self.open_incident(ref)
            return [("closed", ref, category, outcome.strip())]
        raise DispatchError(f"unknown command {kind}")

    # Events ----------------------------------------------------------------------------------------------------------
    def apply(self, e):
        self.event_count += 1
        ch = e.change
        kind = ch[0]
        if kind == "received":
            _, cid, channel, details = ch
            c = Contact()
            c.id, c.channel, c.details, c.received_at, c.state = cid, channel, details, e.at, "waiting"
            c.answered_at = c.handler = c.resolution = c.incident = None
            self.contacts[cid] = c
            self.waiting[CHANNELS.index(channel)][cid] = True
            self.next_contact = max(self.next_contact, cid + 1)
        elif kind == "answered":
            c = self.contacts[ch[1]]
            c.state, c.answered_at, c.handler = "answered", e.at, e.operator
            self.waiting[CHANNELS.index(c.channel)].pop(c.id, None)
            self.in_hand.add(c.id)
        elif kind == "raised":
            _, ref, cid, grade, category, location, address, area, beat, rural, flags = ch
            i = Incident()
            i.ref, i.grade, i.opening, i.location, i.address, i.area, i.beat, i.rural, i.flags = ref, grade, category, location, address, area, beat, rural, flags
            i.contacts, i.created_at, i.units = [cid], e.at, []
            i.narrative = [(e.at, e.operator, "raised", cid, grade, category)]
            i.first_assigned_at = i.first_on_scene_at = i.closed_at = i.closing = i.outcome = None
            self.incidents[ref] = i
            self.open.add(ref)
            self.leave_hand(cid, "raised", ref)
            day = int(ref.split("-")[1])
            self.day_counters[day] = max(self.day_counters.get(day, 0), int(ref.split("-")[2]))
        elif kind == "linked":
            _, cid, ref = ch
            self.leave_hand(cid, "linked", ref)
            i = self.incidents[ref]
            if cid not in i.contacts: i.contacts.append(cid)
            i.narrative.append((e.at, e.operator, "linked", cid))
        elif kind == "resolved":
            self.leave_hand(ch[1], "resolved", None)
            self.contacts[ch[1]].resolution = ch[2]
        elif kind == "assigned":
            _, cs, ref = ch
            u, i = self.units[cs], self.incidents[ref]
            self.grid.remove(u)
            u.incident, u.status, u.status_since = ref, "assigned", e.at
            i.units.append(cs)
            if i.first_assigned_at is None: i.first_assigned_at = e.at
            i.narrative.append((e.at, e.operator, "assigned", cs))
        elif kind == "unassigned":
            _, cs, ref, reason = ch
            self.release(cs, self.incidents[ref], e.at)
            self.incidents[ref].narrative.append((e.at, e.operator, "unassigned", cs, reason))
        elif kind == "status":
            _, cs, status, position = ch
            u = self.units[cs]
            self.grid.remove(u)
            u.status, u.status_since = status, e.at
            if position is not None: u.position = position
            self.grid.insert(u)
            if u.incident is not None:
                i = self.incidents[u.incident]
                if status == "scene" and i.first_on_scene_at is None: i.first_on_scene_at = e.at
                i.narrative.append((e.at, e.operator, "status", cs, status))
        elif kind == "closed":
            _, ref, category, outcome = ch
            i = self.incidents[ref]
            for cs in list(i.units): self.release(cs, i, e.at)
            i.closing, i.outcome, i.closed_at = category, outcome, e.at
            i.narrative.append((e.at, e.operator, "closed", category, outcome))
            self.open.discard(ref)
        elif kind == "signed-on":
            self.signed_on[e.operator] = e.console
        elif kind == "registered":
            self.operators[ch[1]["id"]] = dict(ch[1], disabled=False)

    def leave_hand(self, cid, state, ref):
        c = self.contacts[cid]
        c.state, c.incident = state, ref
        self.waiting[CHANNELS.index(c.channel)].pop(cid, None)
        self.in_hand.discard(cid)

    def release(self, cs, i, now):
        u = self.units[cs]
        if u.incident != i.ref: return
        self.grid.remove(u)
        if u.status == "enroute":   # stood down on the way: wherever it had got to
            u.position = self.estimated_position(u, now)
        u.incident = None
        if u.status in ("assigned", "enroute", "scene"):
            u.status, u.status_since = "available", now
        self.grid.insert(u)
        i.units.remove(cs)

    def estimated_position(self, u, now):
        target = self.incidents[u.incident].location
        eta = round(nearly_km(*u.position, *target) * self.force.road / self.force.area_by_id[u.area].get("speed_kmh", 40) * 3600)
        if eta <= 0: return target
        share = min(1, max(0, (now - u.status_since) / eta))
        return (u.position[0] + (target[0] - u.position[0]) * share, u.position[1] + (target[1] - u.position[1]) * share)

    # Recommendation --------------------------------------------------------------------------------------------------
    def recommend(self, ref, limit=8):
        """Free units ranked for `ref`, ring by ring, stopping once no further unit can beat the limit-th best."""
        i = self.incidents.get(ref)
        if i is None or i.closed_at is not None or i.grade == "resolution":
            return []
        speed = self.force.area_by_id[i.area].get("speed_kmh", 40) if i.area in self.force.area_by_id else 40
        road, grid, rules = self.force.road, self.grid, Rules(i)
        c, r = grid.cell(*i.location)
        top, worst, considered = [], math.inf, 0
        extra = [0.0]

        def add(m, _):
            extra[0] += m

        for n in range(0, max(grid.cols, grid.rows) + 1):
            if worst < math.inf and n >= 2 and (n - 1) * grid.cell_km * road / speed * 60 > worst:
                break
            for cs in grid.ring(n, c, r):
                considered += 1
                u = self.units[cs]
                extra[0] = 0.0
                if not rules.penalties(u, grid, add):
                    continue
                score = grid.km(u.position, i.location) * road / speed * 60 + extra[0]
                if score <= worst:
                    top.append((score, cs))
            if len(top) >= limit:
                top.sort()
                del top[limit:]
                worst = top[-1][0]
            if considered >= grid.count:
                break
        top.sort()
        out = []
        for score, cs in top[:limit]:
            u = self.units[cs]
            reasons = []
            rules.penalties(u, grid, lambda m, why: reasons.append((m, why)))
            km = grid.km(u.position, i.location)
            minutes = km * road / speed * 60
            words = [f"{cs} {round(minutes)} min ({km:.1f} km)", TYPE_LABEL[u.type]]
            if u.skills: words.append(", ".join(sorted(u.skills)))
            words += [f"{why} +{int(m)}" for m, why in reasons]
            out.append({"callsign": cs, "score": score, "eta": round(km * road / speed * 3600), "penalties": reasons, "reason": "; ".join(words)})
        for cand in out[1:]:
            best = out[0]
            parts = []
            slower = (cand["eta"] - best["eta"]) / 60
            if slower >= 0.5: parts.append(f"{round(slower)} min further than {best['callsign']}")
            parts += [f"{why} (+{int(m)})" for m, why in cand["penalties"] if (m, why) not in best["penalties"]]
            cand["lost_because"] = "; ".join(parts) or f"ties with {best['callsign']}; callsign order"
        return out


def local_day(t):
    d = START_DATE + datetime.timedelta(seconds=t)
    return d.year * 10000 + d.month * 100 + d.day


# ---------------------------------------------------------------------------------------------------------------------
# Figures folded from events, as Sources/VigilSim/ShiftStats.swift.

class Stats:
    def __init__(self, state):
        self.events = self.contacts = self.incidents = self.dispatched = 0
        self.response = {g: [] for g in GRADES}
        self.within = {g: 0 for g in GRADES}
        self.answer = {c: [] for c in CHANNELS}
        self.received, self.open = {}, {}
        self.unresourced = self.max_unresourced = 0
        self.unit_status = {cs: (u.status, 0) for cs, u in state.units.items()}
        self.committed = self.on_duty = 0
        self.unit_incident, self.incident_units = {}, {}

    def add(self, e):
        self.events += 1
        ch = e.change
        kind = ch[0]
        if kind == "received":
            self.contacts += 1
            self.received[ch[1]] = (ch[2], e.at)
        elif kind == "answered":
            got = self.received.pop(ch[1], None)
            if got: self.answer[got[0]].append(e.at - got[1])
        elif kind == "raised":
            self.incidents += 1
            self.open[ch[1]] = [ch[3], e.at, ch[9], False, False]
            if ch[3] != "resolution": self.bump(1)
        elif kind == "assigned":
            _, cs, ref = ch
            self.unit_incident[cs] = ref
            self.incident_units.setdefault(ref, []).append(cs)
            self.set_status(cs, "assigned", e.at)
            i = self.open.get(ref)
            if i and not i[3]:
                i[3] = True
                self.dispatched += 1
                if i[0] != "resolution": self.bump(-1)
        elif kind == "status":
            _, cs, status, _ = ch
            ref = self.unit_incident.get(cs)
            i = self.open.get(ref) if ref else None
            if status == "scene" and i and not i[4]:
                i[4] = True
                minutes = (e.at - i[1]) / 60
                self.response[i[0]].append(minutes)
                target = {"emergency": 20 * 60 if i[2] else 15 * 60, "priority": 3600, "scheduled": 48 * 3600}.get(i[0])
                if target is not None and minutes * 60 <= target: self.within[i[0]] += 1
            self.set_status(cs, status, e.at)
        elif kind == "closed":
            i = self.open.pop(ch[1], None)
            if i and not i[3] and i[0] != "resolution": self.bump(-1)
            for cs in self.incident_units.pop(ch[1], []): self.detach(cs, e.at)
        elif kind == "unassigned":
            units = self.incident_units.get(ch[2])
            if units and ch[1] in units: units.remove(ch[1])
            self.detach(ch[1], e.at)

    def detach(self, cs, t):
        if self.unit_incident.pop(cs, None) is None: return
        if self.unit_status[cs][0] in ("assigned", "enroute", "scene"): self.set_status(cs, "available", t)

    def bump(self, d):
        self.unresourced += d
        self.max_unresourced = max(self.max_unresourced, self.unresourced)

    def set_status(self, cs, status, t):
        old, since = self.unit_status[cs]
        if old != "off": self.on_duty += t - since
        if old in ("assigned", "enroute", "scene", "transporting"): self.committed += t - since
        self.unit_status[cs] = (status, t)

    def utilisation(self, end):
        committed, on_duty = self.committed, self.on_duty
        for status, since in self.unit_status.values():
            span = max(0, end - since)
            if status != "off": on_duty += span
            if status in ("assigned", "enroute", "scene", "transporting"): committed += span
        return committed / on_duty if on_duty else 0


# ---------------------------------------------------------------------------------------------------------------------
# The simulated control room.

INTAKE, HANDLERS, DISPATCHER, CREWS = "SIM-TEL", "SIM-CH", "SIM-DSP", "SIM-CREW"
CONSOLE = "sim"


def lognormal(rng, spread):
    if "mean" in spread:
        return rng.expovariate(1 / spread["mean"])
    median, p90 = spread["median"], spread["p90"]
    sigma = math.log(p90 / median) / 1.2815515655446004 if p90 > median else 0
    return median * math.exp(sigma * rng.gauss(0, 1))


class Shift:
    def __init__(self, scenario, force_file, seed, hours):
        self.s = scenario
        self.rng = random.Random(seed)
        self.env = simpy.Environment()
        self.hours = hours
        self.force = Force(force_file)
        d = scenario["demand"]
        self.mix = [d["channels"].get(c, 0) for c in CHANNELS]
        self.resolve = {c: d["resolve_without_incident"].get(c, 0) for c in CHANNELS}
        new_share = (1 - d["duplicate_share"]) * sum(m * (1 - self.resolve[c]) for c, m in zip(CHANNELS, self.mix)) / max(sum(self.mix), 1e-9)
        self.rate = d.get("contacts_per_day", d["incidents_per_day"] / max(new_share, 0.01)) / 86400
        self.hourly = d["hourly"]
        self.mean_hourly = sum(self.hourly) / 24
        self.peak = max(self.hourly) / self.mean_hourly * max(d.get("weekend_factor", 1), 1)
        self.grades = [d["grades"].get(g, 0) for g in GRADES]
        self.cats = [Category(c["category"]) for c in scenario["categories"]]
        self.cat_weights = [c["weight"] for c in scenario["categories"]]
        self.start_hour = int(scenario["start"][11:13])
        units = []
        beats = {b["id"]: b for b in force_file["beats"]}
        for f in force_file["units"]:
            u = Unit()
            st = self.force.stations[f["station"]]
            u.callsign, u.type, u.skills, u.crew = f["callsign"], f["type"], frozenset(f.get("skills", [])), f.get("crew", 2)
            u.home_area = u.area = st["area"]; u.home_station = st["id"]; u.home_beat = f.get("beat")
            u.status = f.get("status", "available"); u.status_since = 0; u.incident = None
            base = st["at"] if u.status == "station" or u.home_beat not in beats else beats[u.home_beat]["centre"]
            u.position = tuple(base) if u.status == "station" else (base[0] + self.rng.uniform(-0.004, 0.004), base[1] + self.rng.uniform(-0.006, 0.006))
            units.append(u)
        flags = [dict(f, expires=None) for f in force_file.get("flags", [])]
        self.state = State(self.force, units, force_file.get("operators", []), flags)
        self.stats = Stats(self.state)
        self.plans, self.recent, self.queue, self.crews, self.leaving = {}, [], {}, {}, set()
        self.recent_start = 0
        self.busy = 0
        self.token = 0

    def execute(self, command, actor):
        try:
            events = self.state.execute(command, actor, CONSOLE, self.env.now)
        except DispatchError:
            return None
        for e in events:
            self.stats.add(e)
        self.observe(events)
        return events

    # Starting ---------------------------------------------------------------------------------------------------------
    def begin(self):
        boss = next(o["id"] for o in self.state.operators.values() if o["role"] == "supervisor")
        self.execute(("sign-on", CONSOLE), boss)
        for op, role in ((INTAKE, "call-handler"), (HANDLERS, "call-handler"), (DISPATCHER, "dispatcher"), (CREWS, "dispatcher")):
            self.execute(("register", {"id": op, "name": op, "role": role}), boss)
            self.execute(("sign-on", CONSOLE), op)

    # Callers and call handlers ----------------------------------------------------------------------------------------
    def arrivals(self):
        clock = 0.0
        while True:
            clock += self.rng.expovariate(self.rate * self.peak)
            yield self.env.timeout(max(0, int(clock) - self.env.now))
            hour = (self.start_hour + int(self.env.now // 3600)) % 24
            if self.rng.random() * self.peak < self.hourly[hour] / self.mean_hourly:
                self.new_contact()

    def place(self):
        area = self.rng.choices(self.force.areas, weights=[a.get("population", 1) for a in self.force.areas])[0]
        b = area["box"]
        for _ in range(20):
            lat, lon = self.rng.uniform(b[0], b[1]), self.rng.uniform(b[2], b[3])
            if inside(area["outline"], lat, lon):
                return (lat, lon)
        return tuple(area["centre"])

    def jitter(self, p, metres):
        return (p[0] + self.rng.uniform(-1, 1) * metres / 111000, p[1] + self.rng.uniform(-1, 1) * metres / 68000)

    def account(self, cat):
        lines = ACCOUNTS.get((cat.kind, cat.detail)) or ACCOUNTS[(cat.kind, None)]
        return self.rng.choice(lines)

    def address(self, p):
        area = self.force.area_containing(*p)
        beat = self.force.beat_nearest(p[0], p[1], area)
        return f"{1 + self.rng.randrange(240)} {self.rng.choice(STREETS)}, {beat['name'] if beat else 'the force area'}"

    def draw_category(self):
        return self.rng.choices(self.cats, weights=self.cat_weights)[0]

    def new_contact(self):
        channel = self.rng.choices(CHANNELS, weights=self.mix)[0]
        now = self.env.now
        # Old ones leave from the front by an index, as in the Swift model, so the cost does not grow with the day.
        while self.recent_start < len(self.recent) and now - self.recent[self.recent_start][1] > 2700:
            self.recent_start += 1
        plan = None
        if self.recent_start < len(self.recent) and self.rng.random() < self.s["demand"]["duplicate_share"]:
            for _ in range(3):
                i = self.state.incidents.get(self.recent[self.rng.randrange(self.recent_start, len(self.recent))][0])
                if i and i.closed_at is None:
                    plan, loc = ("duplicate", i.ref), self.jitter(i.location, 60)
                    break
        if plan is None:
            if self.rng.random() < self.resolve[channel]:
                plan, loc = ("advice",), self.place()
            else:
                grade = self.rng.choices(GRADES, weights=self.grades)[0]
                if channel == "online" and grade == "emergency": grade = "priority"
                plan, loc = ("incident", grade, self.draw_category()), self.place()
        cat = plan[2] if plan[0] == "incident" else (self.state.incidents[plan[1]].opening if plan[0] == "duplicate" else self.draw_category())
        details = {"caller": f"{self.rng.choice(FIRST)} {self.rng.choice(SURNAMES)}",
                   "number": f"07700 9{(100000 + self.rng.randrange(900000)) % 100000:05d}",
                   "location": loc, "address": self.address(loc), "account": self.account(cat)}
        events = self.execute(("receive", channel, details), INTAKE)
        if events:
            self.plans[events[0].change[1]] = plan
            self.answer_waiting()

    def answer_waiting(self):
        while self.busy < self.s["handling"]["handlers"] and any(self.state.waiting):
            events = self.execute(("answer", None), HANDLERS)
            if not events: return
            c = self.state.contacts[events[0].change[1]]
            self.busy += 1
            mean = self.s["handling"]["mean_seconds"][c.channel]
            self.env.process(self.call_done(c.id, max(1, round(self.rng.expovariate(1 / mean)))))

    def call_done(self, cid, after):
        yield self.env.timeout(after)
        self.busy -= 1
        self.finish_call(cid)
        self.answer_waiting()

    def finish_call(self, cid):
        plan = self.plans.pop(cid, None)
        c = self.state.contacts.get(cid)
        if c is None or c.state != "answered": return
        if plan[0] == "duplicate":
            if self.execute(("link", cid, plan[1]), HANDLERS) is None:
                self.execute(("resolve", cid, "Incident already dealt with; caller updated"), HANDLERS)
        elif plan[0] == "advice":
            self.execute(("resolve", cid, "Advice given; no police attendance needed"), HANDLERS)
        elif self.execute(("raise", cid, plan[1], plan[2]), HANDLERS) is None:
            self.execute(("resolve", cid, "Could not be raised; caller advised"), HANDLERS)

    def self_generated(self):
        per_day = self.s["demand"].get("self_generated_per_day", 0)
        if per_day <= 0: return
        while True:
            yield self.env.timeout(round(self.rng.expovariate(per_day / 86400)) + 1)
            if not self.on_shift_list: continue
            unit = None
            for _ in range(12):
                u = self.state.units[self.rng.choice(self.on_shift_list)]
                if u.incident is None and u.status in DEPLOYABLE:
                    unit = u; break
            if unit is None: continue
            cat = self.draw_category()
            grade = "priority" if self.rng.random() < 0.4 else "scheduled"
            loc = self.jitter(unit.position, 150)
            details = {"caller": f"{unit.callsign} (on view)", "number": "radio", "location": loc, "address": self.address(loc),
                       "account": "Officers on patrol: " + self.account(cat)}
            received = self.execute(("receive", "101", details), CREWS)
            if not received: continue
            cid = received[0].change[1]
            if self.execute(("answer", cid), CREWS) is None: continue
            raised = self.execute(("raise", cid, grade, cat), CREWS)
            if raised: self.execute(("assign", raised[-1].change[1], [unit.callsign]), CREWS)

    # Watching what happens ---------------------------------------------------------------------------------------------
    def observe(self, events):
        for e in events:
            ch = e.change
            kind = ch[0]
            if kind == "raised":
                self.recent.append((ch[1], e.at))
                if ch[3] == "resolution":
                    self.env.process(self.desk_close(ch[1], lognormal(self.rng, self.s["dispatch"]["desk_resolution_minutes"]) * 60))
                elif ch[1] not in self.queue:
                    self.queue[ch[1]] = 1
                    self.env.process(self.dispatch_task())
            elif kind == "assigned":
                _, cs, ref = ch
                self.token += 1
                self.crews[cs] = (self.token, ref)
                need = self.queue.get(ref)
                if need is not None:
                    if need > 1: self.queue[ref] = need - 1
                    else: del self.queue[ref]
                self.env.process(self.crew(cs, self.token, ref))
            elif kind == "unassigned":
                self.crews.pop(ch[1], None)
                self.env.process(self.dispatch_task())
            elif kind == "closed":
                self.queue.pop(ch[1], None)
                for cs in self.state.incidents[ch[1]].units: self.crews.pop(cs, None)
                self.env.process(self.dispatch_task())
            elif kind == "status" and ch[2] in DEPLOYABLE:
                self.env.process(self.dispatch_task())

    def desk_close(self, ref, after):
        yield self.env.timeout(round(after))
        i = self.state.incidents.get(ref)
        if i and i.closed_at is None and not i.units:
            self.execute(("close", ref, i.opening, "Resolved by phone; no attendance needed"), DISPATCHER)

    # Dispatch and crews -----------------------------------------------------------------------------------------------
    def dispatch_task(self):
        self.dispatch_waiting()
        yield self.env.timeout(0)

    def dispatch_waiting(self):
        if not self.queue: return
        order = sorted((self.state.incidents[r] for r in self.queue if self.state.incidents[r].closed_at is None),
                       key=lambda i: (GRADE_RANK[i.grade], i.created_at, i.ref))
        misses = 0
        for i in order:
            if self.state.grid.count == 0 or misses >= 3: break
            need = self.queue.get(i.ref, 0)
            while need > 0:
                ranked = self.state.recommend(i.ref, limit=1)
                if not ranked or self.execute(("assign", i.ref, [ranked[0]["callsign"]]), DISPATCHER) is None: break
                need -= 1
            misses = misses + 1 if need > 0 else 0
        for ref in [r for r in self.queue if self.state.incidents[r].closed_at is not None]:
            del self.queue[ref]

    def crew(self, cs, token, ref):
        d = self.s["dispatch"]
        yield self.env.timeout(round(lognormal(self.rng, d["mobilise_minutes"]) * 60))
        u, i = self.state.units[cs], self.state.incidents[ref]
        if self.crews.get(cs, (None,))[0] != token: return
        if u.incident != ref: self.crews.pop(cs, None); return
        if self.execute(("status", cs, "enroute", None), CREWS) is None: return
        speed = self.force.area_by_id[u.area].get("speed_kmh", 40)
        yield self.env.timeout(round(nearly_km(*u.position, *i.location) * self.force.road / speed * 3600))
        if self.crews.get(cs, (None,))[0] != token: return
        if u.incident != ref: self.crews.pop(cs, None); return
        if self.execute(("status", cs, "scene", i.location), CREWS) is None: return
        yield self.env.timeout(round(lognormal(self.rng, self.s["on_scene"][i.opening.kind]) * 60))
        if self.crews.get(cs, (None,))[0] != token: return
        if u.incident != ref: self.crews.pop(cs, None); return
        if i.opening.kind == "crime" and self.rng.random() < d["transport_share"] / 0.5:
            self.execute(("status", cs, "transporting", None), CREWS)
            self.close_if_done(ref)
            yield self.env.timeout(round(lognormal(self.rng, d["transport_minutes"]) * 60))
            if self.crews.get(cs, (None,))[0] != token: return
            self.crews.pop(cs, None)
            self.clear(cs, tuple(self.force.stations[u.home_station]["at"]))
        else:
            self.crews.pop(cs, None)
            self.clear(cs, None)
            self.close_if_done(ref)

    def clear(self, cs, position):
        self.execute(("status", cs, "available", position), CREWS)
        if cs in self.leaving:
            self.leaving.discard(cs)
            self.execute(("status", cs, "off", None), CREWS)

    def close_if_done(self, ref):
        i = self.state.incidents[ref]
        if i.closed_at is not None or ref in self.queue: return
        if any(self.state.units[cs].status in ("assigned", "enroute", "scene") for cs in i.units): return
        self.execute(("close", ref, i.opening, "Dealt with by attending officers"), CREWS)

    # Shifts -----------------------------------------------------------------------------------------------------------
    def shifts(self):
        units = sorted(self.state.units)
        response = [c for c in units if self.state.units[c].type == "response"]
        hood = [c for c in units if self.state.units[c].type == "neighbourhood"]
        blocks, r, n = [], 0, 0
        for sh in self.s["shifts"]:
            blocks.append({response[(r + k) % len(response)] for k in range(min(sh["response"], len(response)))}
                          | {hood[(n + k) % len(hood)] for k in range(min(sh["neighbourhood"], len(hood)))})
            r += sh["response"]; n += sh["neighbourhood"]
        starts = [int(sh["start"][:2]) * 3600 + int(sh["start"][3:]) * 60 for sh in self.s["shifts"]]
        t0 = self.start_hour * 3600
        current = max((k for k, st in enumerate(starts) if st <= t0), default=len(starts) - 1)
        self.set_shift(blocks[current])
        plan = sorted(((st - t0) % 86400 + day * 86400, k) for day in range(2) for k, st in enumerate(starts))
        handover = self.s.get("handover_minutes", 30) * 60
        for at, k in plan:
            if at <= 0 or at > self.hours * 3600: continue
            if at - handover > self.env.now:
                yield self.env.timeout(at - handover - self.env.now)
                for c in sorted(self.on_shift - blocks[k]):
                    if self.state.units[c].status in DEPLOYABLE:
                        self.execute(("status", c, "off", None), CREWS)
            yield self.env.timeout(max(0, at - self.env.now))
            self.set_shift(blocks[k])

    def set_shift(self, incoming):
        for cs, u in self.state.units.items():
            if u.type not in ("response", "neighbourhood"): continue
            if cs in incoming:
                self.leaving.discard(cs)
                if u.status == "off":
                    self.execute(("status", cs, "station", tuple(self.force.stations[u.home_station]["at"])), CREWS)
            elif u.status != "off":
                if u.incident is None and u.status != "transporting":
                    self.execute(("status", cs, "off", None), CREWS)
                else:
                    self.leaving.add(cs)
        self.on_shift = set(incoming)
        self.on_shift_list = sorted(incoming)

    def run(self):
        self.begin()
        self.on_shift, self.on_shift_list = set(), []
        self.env.process(self.shifts())
        self.env.process(self.arrivals())
        self.env.process(self.self_generated())
        self.env.run(until=self.hours * 3600)


def pct(values, p):
    s = sorted(values)
    if not s: return 0
    x = p * (len(s) - 1); lo = int(x); hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (x - lo)


START_DATE = datetime.datetime(2026, 11, 25, 7, 0)


def main():
    global START_DATE
    ap = argparse.ArgumentParser()
    ap.add_argument("--scenario", default=os.path.join(ROOT, "Sources/VigilSim/Resources/scenarios/weekday.toml"))
    ap.add_argument("--force", default=os.path.join(ROOT, "Sources/VigilForce/Resources/demo-force.toml"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--hours", type=float, default=None)
    a = ap.parse_args()
    with open(a.scenario, "rb") as f: scenario = tomllib.load(f)
    with open(a.force, "rb") as f: force = tomllib.load(f)
    START_DATE = datetime.datetime.fromisoformat(scenario["start"])
    started = time.perf_counter()
    shift = Shift(scenario, force, a.seed, a.hours or scenario["hours"])
    shift.run()
    wall = time.perf_counter() - started
    st = shift.stats
    out = {"model": "simpy", "simpy": simpy.__version__, "python": sys.version.split()[0], "wall_seconds": wall,
           "incidents": st.incidents, "contacts": st.contacts, "dispatched": st.dispatched, "events": st.events,
           "response_minutes": {g: {"median": pct(st.response[g], 0.5), "p90": pct(st.response[g], 0.9)} for g in ("emergency", "priority")},
           "emergency_within_target": st.within["emergency"] / max(1, len(st.response["emergency"])),
           "priority_within_target": st.within["priority"] / max(1, len(st.response["priority"])),
           "answer_seconds_999": {"median": pct(st.answer["999"], 0.5), "p90": pct(st.answer["999"], 0.9)},
           "unit_utilisation": st.utilisation(shift.hours * 3600), "max_unresourced": st.max_unresourced}
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main()
