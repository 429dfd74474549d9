"""The weekday shift of Vigil's simulator, written once in SimPy 4 for a speed comparison.

The same model as Sources/VigilSim/Simulation.swift, read from the same scenario and force files: callers arriving
by thinning against the hourly profile, call handlers answering 999 before 101 before online, an auto-dispatcher
sending the best-scoring free unit (ETA by the force's travel model plus the recommendation's penalties), crews that
mobilise, travel, stay at scene, sometimes transport a prisoner, and clear; shifts with the handover dip.
Like the Swift model it makes up a caller, an address and an account for every contact.
It keeps plain Python structures where the Swift core keeps its dispatch state, and does not validate commands or
write events: it is the model a capable analyst would write in SimPy, not a port of the whole control room.

Usage: python3 weekday.py [--scenario PATH] [--force PATH] [--seed N] [--hours H]   (prints one JSON object)
"""
import argparse, datetime, heapq, json, math, os, random, sys, time, tomllib

import simpy

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
CHANNELS = ["999", "101", "online"]
GRADES = ["emergency", "priority", "scheduled", "resolution"]
FIRST = ["Aisha", "Ben", "Chloe", "Darren", "Elaine", "Farhan", "Grace", "Harpreet", "Ian", "Jade", "Kwame", "Lucy",
         "Mohammed", "Nicola", "Owen", "Priya", "Rachel", "Sean", "Tariq", "Una", "Vikram", "Wendy", "Yusuf", "Zoe"]
SURNAMES = ["Ahmed", "Begum", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hussain", "Iqbal", "Jones", "Khan",
            "Lewis", "Morris", "Nolan", "O'Brien", "Patel", "Quinn", "Roberts", "Singh", "Taylor", "Walsh", "Young"]
STREETS = ["High Street", "Church Road", "Station Road", "Park Road", "Victoria Road", "Green Lane", "Manor Road",
           "School Lane", "Queens Road", "New Road", "Albert Road", "Chester Road", "Bristol Road", "Coventry Road"]
ACCOUNTS = {
    "public-safety": ["Haven't seen my neighbour for days and the curtains are shut.", "A man is sitting on the bridge railings looking upset."],
    "crime": ["Came home to find the back door forced.", "A fight has broken out outside the pub, one man on the floor.",
              "My bike's been taken from outside the station."],
    "asb": ["Group of youths throwing stones at passing cars.", "Loud music from the flat upstairs for three hours."],
    "transport": ["Minor bump at the roundabout, drivers arguing.", "Car has hit a cyclist, he's not moving."],
    "admin": ["I found a wallet on the bus.", "Calling with information about a car I keep seeing."],
}
TARGET = {"emergency": 15 * 60, "priority": 60 * 60, "scheduled": 48 * 3600}


def lognormal(rng, spread):
    median, p90 = spread["median"], spread["p90"]
    sigma = math.log(p90 / median) / 1.2815515655446004 if p90 > median else 0
    return median * math.exp(sigma * rng.gauss(0, 1))


def km(a, b):
    dlat = math.radians(b[0] - a[0]); dlon = math.radians(b[1] - a[1])
    h = math.sin(dlat / 2) ** 2 + math.cos(math.radians(a[0])) * math.cos(math.radians(b[0])) * math.sin(dlon / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def inside(poly, p):
    lat, lon = p
    ins = False
    j = len(poly) - 1
    for i in range(len(poly)):
        a, b = poly[i], poly[j]
        if (a[0] > lat) != (b[0] > lat):
            x = (b[1] - a[1]) * (lat - a[0]) / (b[0] - a[0]) + a[1]
            if lon < x:
                ins = not ins
        j = i
    return ins


class Shift:
    def __init__(self, scenario, force, seed, hours):
        self.s, self.f = scenario, force
        self.rng = random.Random(seed)
        self.env = simpy.Environment()
        self.hours = hours
        d = scenario["demand"]
        mix = {c: d["channels"].get(c, 0) for c in CHANNELS}
        resolve = {c: d["resolve_without_incident"].get(c, 0) for c in CHANNELS}
        new_share = (1 - d["duplicate_share"]) * sum(mix[c] * (1 - resolve[c]) for c in CHANNELS) / max(sum(mix.values()), 1e-9)
        self.rate = d["incidents_per_day"] / max(new_share, 0.01) / 86400
        self.hourly = d["hourly"]
        self.mean_hourly = sum(self.hourly) / 24
        self.peak = max(self.hourly) / self.mean_hourly * max(d.get("weekend_factor", 1), 1)
        self.mix, self.resolve = mix, resolve
        self.grades = [d["grades"].get(g, 0) for g in GRADES]
        self.cats = [(c["category"], c["weight"]) for c in scenario["categories"]]
        self.start_hour = int(scenario["start"][11:13])
        self.road = force["force"].get("road_factor", 1.3)
        self.areas = force["areas"]
        self.area_by_id = {a["id"]: a for a in self.areas}
        self.stations = {s["id"]: s for s in force["stations"]}
        self.beats_by_area = {}
        for b in force["beats"]:
            self.beats_by_area.setdefault(b["area"], []).append(b)
        self.units = {}
        for u in force["units"]:
            st = self.stations[u["station"]]
            self.units[u["callsign"]] = {"cs": u["callsign"], "type": u["type"], "area": st["area"], "pos": tuple(st["at"]),
                                         "status": "available", "incident": None, "token": 0}
        self.handlers = simpy.PriorityResource(self.env, capacity=scenario["handling"]["handlers"])
        self.incidents, self.queue, self.recent = {}, {}, []
        self.next_ref = 0
        self.leaving = set()
        self.stats = {"contacts": 0, "incidents": 0, "dispatched": 0, "events": 0, "answer999": [], "response": {g: [] for g in GRADES},
                      "within": {g: 0 for g in GRADES}}

    # Callers and handlers
    def arrivals(self):
        clock = 0.0
        while True:
            clock += self.rng.expovariate(self.rate * self.peak)
            yield self.env.timeout(max(0, clock - self.env.now))
            hour = (self.start_hour + int(self.env.now // 3600)) % 24
            if self.rng.random() * self.peak < self.hourly[hour] / self.mean_hourly:
                self.env.process(self.contact())

    def self_generated(self):
        per_day = self.s["demand"].get("self_generated_per_day", 0)
        if per_day <= 0:
            return
        while True:
            yield self.env.timeout(round(self.rng.expovariate(per_day / 86400)) + 1)
            free = sorted(c for c in self.on_shift if self.units[c]["incident"] is None and self.units[c]["status"] in ("available", "station"))
            if not free:
                continue
            u = self.units[self.rng.choice(free)]
            cat = self.rng.choices([c for c, _ in self.cats], weights=[w for _, w in self.cats])[0]
            grade = "priority" if self.rng.random() < 0.4 else "scheduled"
            loc = (u["pos"][0] + self.rng.uniform(-0.0013, 0.0013), u["pos"][1] + self.rng.uniform(-0.0022, 0.0022))
            area = self.area_of(loc)
            beat = min(self.beats_by_area.get(area["id"], [{"name": area["name"], "centre": area["centre"]}]), key=lambda b: km(b["centre"], loc))
            details = {"caller": f"{u['cs']} (on view)", "number": "radio", "loc": loc,
                       "address": f"{1 + self.rng.randrange(240)} {self.rng.choice(STREETS)}, {beat['name']}",
                       "account": "Officers on patrol: " + self.rng.choice(ACCOUNTS.get(cat.split("/")[0], ACCOUNTS["admin"]))}
            self.stats["contacts"] += 1; self.stats["events"] += 2
            self.raise_incident(grade, cat, details, area, unit=u)

    def place(self):
        area = self.rng.choices(self.areas, weights=[a.get("population", 1) for a in self.areas])[0]
        poly = area["outline"]
        lats = [p[0] for p in poly]; lons = [p[1] for p in poly]
        for _ in range(20):
            p = (self.rng.uniform(min(lats), max(lats)), self.rng.uniform(min(lons), max(lons)))
            if inside(poly, p):
                return p
        return tuple(area["centre"])

    def area_of(self, p):
        for a in self.areas:
            if inside(a["outline"], p):
                return a
        return min(self.areas, key=lambda a: km(a["centre"], p))

    def contact(self):
        channel = self.rng.choices(CHANNELS, weights=[self.mix[c] for c in CHANNELS])[0]
        self.recent = [(r, t) for r, t in self.recent if self.env.now - t <= 2700 and self.incidents[r]["open"]]
        if self.recent and self.rng.random() < self.s["demand"]["duplicate_share"]:
            ref = self.rng.choice(self.recent)[0]
            plan, loc = ("duplicate", ref), self.incidents[ref]["loc"]
        elif self.rng.random() < self.resolve[channel]:
            plan, loc = ("advice",), self.place()
        else:
            grade = self.rng.choices(GRADES, weights=self.grades)[0]
            if channel == "online" and grade == "emergency":
                grade = "priority"
            cat = self.rng.choices([c for c, _ in self.cats], weights=[w for _, w in self.cats])[0]
            plan, loc = ("incident", grade, cat), self.place()
        kind = plan[2].split("/")[0] if plan[0] == "incident" else "admin"
        area = self.area_of(loc)
        beat = min(self.beats_by_area.get(area["id"], [{"name": area["name"], "centre": area["centre"]}]), key=lambda b: km(b["centre"], loc))
        details = {"caller": f"{self.rng.choice(FIRST)} {self.rng.choice(SURNAMES)}", "number": f"07700 9{100000 + self.rng.randrange(900000) % 100000:05d}",
                   "address": f"{1 + self.rng.randrange(240)} {self.rng.choice(STREETS)}, {beat['name']}",
                   "account": self.rng.choice(ACCOUNTS.get(kind, ACCOUNTS["admin"])), "loc": loc}
        self.stats["contacts"] += 1; self.stats["events"] += 1
        rang = self.env.now
        with self.handlers.request(priority=CHANNELS.index(channel)) as req:
            yield req
            self.stats["events"] += 1
            if channel == "999":
                self.stats["answer999"].append(self.env.now - rang)
            mean = self.s["handling"]["mean_seconds"][channel]
            yield self.env.timeout(max(1, round(self.rng.expovariate(1 / mean))))
        self.stats["events"] += 1
        if plan[0] == "duplicate" and self.incidents[plan[1]]["open"]:
            self.incidents[plan[1]]["contacts"].append(details)
        elif plan[0] == "incident":
            self.raise_incident(plan[1], plan[2], details, area)

    def raise_incident(self, grade, category, details, area, unit=None):
        self.next_ref += 1
        ref = self.next_ref
        self.incidents[ref] = {"ref": ref, "grade": grade, "cat": category, "loc": details["loc"], "area": area["id"], "open": True,
                               "since": self.env.now, "units": [], "on_scene": False, "contacts": [details],
                               "rural": area.get("setting") == "rural"}
        self.recent.append((ref, self.env.now))
        self.stats["incidents"] += 1
        if unit is not None:
            self.assign(unit, self.incidents[ref])
        elif grade == "resolution":
            self.env.process(self.desk_close(ref))
        else:
            self.queue[ref] = 1
            self.dispatch()

    def desk_close(self, ref):
        yield self.env.timeout(lognormal(self.rng, self.s["dispatch"]["desk_resolution_minutes"]) * 60)
        self.close(ref)

    def close(self, ref):
        i = self.incidents[ref]
        if i["open"]:
            i["open"] = False
            self.queue.pop(ref, None)
            self.stats["events"] += 1

    # Dispatch and crews
    def score(self, u, i):
        urgent = i["grade"] in ("emergency", "priority")
        extra = 0
        t = u["type"]
        if t == "custody-van":
            return None
        if t == "response" and not urgent: extra += 5
        if t == "neighbourhood" and urgent: extra += 10
        if t == "armed": extra += 8
        if t == "roads" and not i["cat"].startswith("transport"): extra += 4
        if t == "dog": extra += 6
        if not urgent and t in ("armed", "roads", "dog"): extra += 20
        if u["area"] != i["area"]: extra += 3
        speed = self.area_by_id[i["area"]].get("speed_kmh", 40)
        return km(u["pos"], i["loc"]) * self.road / speed * 60 + extra

    def dispatch(self):
        order = sorted((r for r in self.queue if self.incidents[r]["open"]),
                       key=lambda r: (GRADES.index(self.incidents[r]["grade"]), self.incidents[r]["since"], r))
        misses = 0
        for ref in order:
            if misses >= 3:
                break
            i = self.incidents[ref]
            need = self.queue.get(ref, 0)
            while need > 0:
                best, best_score = None, None
                for u in self.units.values():
                    if u["status"] in ("available", "station") and u["incident"] is None:
                        sc = self.score(u, i)
                        if sc is not None and (best_score is None or sc < best_score):
                            best, best_score = u, sc
                if best is None:
                    break
                self.assign(best, i)
                need -= 1
            if need > 0:
                self.queue[ref] = need; misses += 1
            else:
                self.queue.pop(ref, None); misses = 0

    def assign(self, u, i):
        if not i["units"]:
            self.stats["dispatched"] += 1
        u["status"], u["incident"] = "assigned", i["ref"]
        u["token"] += 1
        i["units"].append(u["cs"])
        self.stats["events"] += 1
        self.env.process(self.crew(u, i, u["token"]))

    def crew(self, u, i, token):
        d = self.s["dispatch"]
        yield self.env.timeout(lognormal(self.rng, d["mobilise_minutes"]) * 60)
        if u["token"] != token or not i["open"]: return
        u["status"] = "enroute"; self.stats["events"] += 1
        speed = self.area_by_id[u["area"]].get("speed_kmh", 40)
        yield self.env.timeout(round(km(u["pos"], i["loc"]) * self.road / speed * 3600))
        if u["token"] != token or not i["open"]: return
        u["status"], u["pos"] = "scene", i["loc"]; self.stats["events"] += 1
        if not i["on_scene"]:
            i["on_scene"] = True
            waited = self.env.now - i["since"]
            self.stats["response"][i["grade"]].append(waited / 60)
            target = 20 * 60 if (i["rural"] and i["grade"] == "emergency") else TARGET[i["grade"]]
            if waited <= target:
                self.stats["within"][i["grade"]] += 1
        kind = i["cat"].split("/")[0]
        yield self.env.timeout(lognormal(self.rng, self.s["on_scene"][kind]) * 60)
        if u["token"] != token: return
        if kind == "crime" and self.rng.random() < d["transport_share"] / 0.5:
            u["status"] = "transporting"; self.stats["events"] += 1
            self.close_if_done(i, except_unit=u)
            yield self.env.timeout(lognormal(self.rng, d["transport_minutes"]) * 60)
            u["pos"] = tuple(self.stations[self.f_station(u)]["at"])
        self.free(u)
        self.close_if_done(i)

    def f_station(self, u):
        return next(x["station"] for x in self.f["units"] if x["callsign"] == u["cs"])

    def close_if_done(self, i, except_unit=None):
        if not i["open"] or i["ref"] in self.queue: return
        working = any(self.units[c]["status"] in ("assigned", "enroute", "scene") and self.units[c]["incident"] == i["ref"]
                      for c in i["units"] if self.units[c] is not except_unit)
        if not working:
            self.close(i["ref"])

    def free(self, u):
        u["status"], u["incident"] = "available", None
        self.stats["events"] += 1
        if u["cs"] in self.leaving:
            self.leaving.discard(u["cs"]); u["status"] = "off"; self.stats["events"] += 1
        self.dispatch()

    # Shifts
    def shifts(self):
        response = sorted(c for c, u in self.units.items() if u["type"] == "response")
        hood = sorted(c for c, u in self.units.items() if u["type"] == "neighbourhood")
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
                for c in list(self.on_shift - blocks[k]):
                    if self.units[c]["status"] in ("available", "station"):
                        self.units[c]["status"] = "off"; self.stats["events"] += 1
            yield self.env.timeout(max(0, at - self.env.now))
            self.set_shift(blocks[k])

    def set_shift(self, incoming):
        for c, u in self.units.items():
            if u["type"] not in ("response", "neighbourhood"): continue
            if c in incoming:
                self.leaving.discard(c)
                if u["status"] == "off":
                    u["status"] = "station"; self.stats["events"] += 1
            elif u["status"] != "off":
                if u["incident"] is None and u["status"] != "transporting":
                    u["status"] = "off"; self.stats["events"] += 1
                else:
                    self.leaving.add(c)
        self.on_shift = set(incoming)
        self.dispatch()

    def run(self):
        self.env.process(self.shifts())
        self.env.process(self.arrivals())
        self.env.process(self.self_generated())
        self.env.run(until=self.hours * 3600)


def pct(values, p):
    s = sorted(values)
    if not s: return 0
    x = p * (len(s) - 1); lo = int(x); hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (x - lo)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scenario", default=os.path.join(ROOT, "Sources/VigilSim/Resources/scenarios/weekday.toml"))
    ap.add_argument("--force", default=os.path.join(ROOT, "Sources/VigilForce/Resources/demo-force.toml"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--hours", type=float, default=None)
    a = ap.parse_args()
    with open(a.scenario, "rb") as f: scenario = tomllib.load(f)
    with open(a.force, "rb") as f: force = tomllib.load(f)
    started = time.perf_counter()
    shift = Shift(scenario, force, a.seed, a.hours or scenario["hours"])
    shift.run()
    wall = time.perf_counter() - started
    st = shift.stats
    out = {"model": "simpy", "simpy": simpy.__version__, "python": sys.version.split()[0], "wall_seconds": wall,
           "incidents": st["incidents"], "contacts": st["contacts"], "dispatched": st["dispatched"], "events": st["events"],
           "response_minutes": {g: {"median": pct(st["response"][g], 0.5), "p90": pct(st["response"][g], 0.9)} for g in ("emergency", "priority")},
           "emergency_within_target": st["within"]["emergency"] / max(1, len(st["response"]["emergency"])),
           "answer_seconds_999": {"median": pct(st["answer999"], 0.5), "p90": pct(st["answer999"], 0.9)}}
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main()
