#!/usr/bin/env python3
"""Convert the Beijing 2022 results feed into Podium's programme file.

Reads the NBC Olympics / Gracenote feed as collected in the public repository
billyfryer/Beijing-Olympics-Data-Repo (folder Data/, copied to
../shared/data/beijing2022) and writes data/programme/beijing2022.json in the
format "podium-programme/1" documented in docs/formats.md.

What it uses from the feed:
  Event-Matches/*.csv   the 109 medal events (RSC code, name)
  Sport-Schedules/*.csv one row per scheduled unit or phase (RSC code, local
                        times, venue, medals awarded, competitors of games)
  NNN-JSONs/<id>.json   the unit file: start list (bib, start order, teams and
                        their members), sub-units (heats, runs), medallists,
                        line-ups of hockey and curling games
  NNN-CSVs/<id>.csv     second source for a start list when the JSON has none
  Date_List.csv         first and last day of the Games

The output is deterministic: same input, byte-identical output.
Python 3 standard library only.

Usage: python3 tools/convert_programme.py [--data DIR] [--out FILE] [--quiet]
"""

import argparse
import csv
import datetime
import json
import os
import re
import sys

FORMAT = "podium-programme/1"

GAMES = {
    "code": "OWG2022",
    "name": "Beijing 2022 Olympic Winter Games",
    "utc_offset": "+08:00",
    "first_day": "2022-02-02",
    "last_day": "2022-02-20",
    "source": "NBC Olympics / Gracenote results feed, via billyfryer/Beijing-Olympics-Data-Repo",
}
UTC_OFFSET = datetime.timedelta(hours=8)

# Feed sport id -> ODF discipline code (checked against Sport_List.csv).
FEED_SPORTS = {
    "103": "SSK", "113": "IHO", "115": "ALP", "212": "CUR", "213": "BOB",
    "214": "LUG", "215": "SJP", "216": "NCB", "217": "FSK", "218": "BTH",
    "220": "CCS", "221": "FRS", "222": "SBD", "302": "STK", "307": "SKN",
}

SPORTS = [
    ("BOB", "Bobsleigh"), ("BTH", "Biathlon"), ("CUR", "Curling"), ("IHO", "Ice Hockey"),
    ("LUG", "Luge"), ("SKA", "Skating"), ("SKI", "Skiing"),
]

# code, IOC name, sport, expected number of medal events
DISCIPLINES = [
    ("ALP", "Alpine Skiing", "SKI", 11),
    ("BOB", "Bobsleigh", "BOB", 4),
    ("BTH", "Biathlon", "BTH", 11),
    ("CCS", "Cross-Country Skiing", "SKI", 12),
    ("CUR", "Curling", "CUR", 3),
    ("FRS", "Freestyle Skiing", "SKI", 13),
    ("FSK", "Figure Skating", "SKA", 5),
    ("IHO", "Ice Hockey", "IHO", 2),
    ("LUG", "Luge", "LUG", 4),
    ("NCB", "Nordic Combined", "SKI", 3),
    ("SBD", "Snowboard", "SKI", 11),
    ("SJP", "Ski Jumping", "SKI", 5),
    ("SKN", "Skeleton", "BOB", 2),
    ("SSK", "Speed Skating", "SKA", 14),
    ("STK", "Short Track Speed Skating", "SKA", 9),
]
EXPECTED_EVENTS = 109
EXPECTED_NOCS = 91

ZONES = [("BEJ", "Beijing"), ("YAN", "Yanqing"), ("ZHA", "Zhangjiakou")]

# code, name, zone, the names the feed uses for it
VENUES = [
    ("BAS", "Big Air Shougang", "BEJ", ["Big Air Shougang"]),
    ("CIS", "Capital Indoor Stadium", "BEJ", ["Capital Indoor Stadium"]),
    ("NAC", "National Aquatics Centre", "BEJ", ["National Aquatics Center"]),
    ("NIS", "National Indoor Stadium", "BEJ", ["National Indoor Stadium"]),
    ("NSO", "National Speed Skating Oval", "BEJ", ["National Speed Skating Oval"]),
    ("WKS", "Wukesong Sports Centre", "BEJ", ["Wukesong Sports Centre"]),
    ("YAS", "Yanqing National Alpine Skiing Centre", "YAN", ["Yanqing Alpine Skiing Centre"]),
    ("YSC", "Yanqing National Sliding Centre", "YAN", ["Yanqing Sliding Centre"]),
    ("GSP", "Genting Snow Park", "ZHA", ["Genting Snow Park"]),
    ("ZBT", "Zhangjiakou National Biathlon Centre", "ZHA", ["Zhangjiakou Biathlon Centre"]),
    ("ZCC", "Zhangjiakou National Cross-Country Centre", "ZHA",
     ["Zhangjiakou Cross-Country Centre"]),
    ("ZSJ", "Zhangjiakou National Ski Jumping Centre", "ZHA", ["Zhangjiakou Ski Jump Centre"]),
]

# Event names that differ from the feed's c_GenderEvent (keyed by event code).
EVENT_NAME_OVERRIDES = {
    "ALPMAC": "Men's Alpine Combined",
    "ALPWAC": "Women's Alpine Combined",
    "ALPXTE": "Mixed Team Parallel",
    "NCBMNH10KM": "Men's Individual Gundersen Normal Hill/10km",
    "NCBMLH10KM": "Men's Individual Gundersen Large Hill/10km",
    "NCBMLH4X5KM": "Men's Team Gundersen Large Hill/4x5km",
    "SJPMLHTEAM4": "Men's Team Large Hill",
    "SJPXNHTEAM4": "Mixed Team Normal Hill",
}

# IOC English names where the feed uses a short or informal one (feed name in comment).
NOC_NAME_OVERRIDES = {
    "HKG": "Hong Kong, China",            # Hong Kong
    "IRI": "Islamic Republic of Iran",    # Iran
    "ISV": "Virgin Islands, US",          # Virgin Islands
    "KOR": "Republic of Korea",           # South Korea / Korea
    "MDA": "Republic of Moldova",         # Moldova
    "MKD": "North Macedonia",             # Macedonia
    "TTO": "Trinidad and Tobago",         # Trinidad & Tobago
    "USA": "United States of America",    # United States
}

# Phase names by the phase field of the code; per-discipline overrides first.
PHASE_NAMES = {
    "FNL": "Final", "SFNL": "Semifinal", "QFNL": "Quarterfinal", "8FNL": "1/8 Final",
    "QUAL": "Qualification", "SEED": "Seeding", "HEAT": "Heat", "PREL": "Round Robin",
    "GPA": "Preliminary Round Group A", "GPB": "Preliminary Round Group B",
    "GPC": "Preliminary Round Group C",
}
PHASE_NAME_OVERRIDES = {
    ("IHO", "8FNL"): "Play-off Qualification",
    ("IHO", "FNL"): "Medal Games",
    ("CUR", "FNL"): "Medal Games",
}
GAME_DISCIPLINES = ("IHO", "CUR")  # units are games between two teams
NOC_TEAM_EVENTS = ("FSKXTEAM",)    # start lists name skaters; the entrant is the NOC team

RSC_RE = re.compile(r"^[A-Z0-9-]{34}$")
UNIT_NUM_RE = re.compile(r"^[0-9]{6}--$")


class ConvertError(Exception):
    pass


def fail(message):
    raise ConvertError(message)


# --------------------------------------------------------------------------- reading


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def na(value):
    """The feed writes missing CSV values as NA and missing JSON values as {}."""
    if value is None or value == {} or value == [] or value == "NA":
        return None
    if isinstance(value, list) and len(value) == 1:
        return na(value[0])
    if isinstance(value, str):
        value = value.strip()
        return value if value and value != "NA" else None
    return value


def truthy(value):
    return value == "TRUE"


# --------------------------------------------------------------------------- codes


def split_rsc(code):
    if len(code) != 34:
        fail("RSC code %r: %d characters, expected 34" % (code, len(code)))
    return [code[0:3], code[3:4], code[4:12], code[12:22], code[22:26], code[26:34]]


def normalise_rsc(code, notes):
    """Bring a feed code into the project's scheme (A-Z 0-9 -; gender M, W, X or O).

    The feed follows ODF, which writes decimal points in biathlon event codes
    (BTHW7.5KMSP). We drop the point (and re-pad the field). Gender O (open:
    four-man bobsleigh, luge doubles) is ODF's own code and is kept.
    """
    disc, gender, event, modifier, phase, unit = split_rsc(code)
    new_event = event.replace(".", "")
    new_gender = gender
    if new_event != event:
        notes.add("event code %s written %s (no '.')" % (event.rstrip("-"), new_event.rstrip("-")))
    if new_gender != gender:
        notes.add("gender O (open): %sO%s written %sM%s"
                  % (disc, event.rstrip("-"), disc, event.rstrip("-")))
    out = disc + new_gender + new_event.rstrip("-").ljust(8, "-") + modifier + phase + unit
    if len(out) != 34:
        fail("normalised code %r is not 34 characters" % out)
    return out


def event_rsc(code):
    return code[:22] + "-" * 12


def phase_rsc(code):
    return code[:26] + "-" * 8


def event_key(code):
    """Discipline + gender + event field, e.g. CURMTEAM4: the stem of team ids."""
    return code[0:4] + code[4:12].rstrip("-")


# --------------------------------------------------------------------------- times


def local_time(text, utc_text=None, what=""):
    """Feed local time 'YYYY-MM-DDTHH:MM:SS[.fff]' -> ISO 8601 with +08:00.

    Fractions of a second (game end times) are dropped. When the UTC time is
    given, checks that local = UTC + 8 h.
    """
    if not text:
        return None
    text = text.replace(" ", "T")
    base = text.split(".")[0]
    try:
        moment = datetime.datetime.strptime(base, "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        fail("%s: bad time %r" % (what, text))
    if utc_text:
        utc = datetime.datetime.strptime(utc_text.replace(" ", "T").split(".")[0],
                                         "%Y-%m-%dT%H:%M:%S")
        if moment - utc != UTC_OFFSET:
            fail("%s: local time %s is not UTC %s + 8 h" % (what, text, utc_text))
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + GAMES["utc_offset"]


# --------------------------------------------------------------------------- registry


class Registry:
    """Athletes, teams and NOCs met in the feed, with every inconsistency noted."""

    def __init__(self):
        self.nocs = {}          # code -> name
        self.noc_ids = {}       # feed NOC id -> code
        self.persons = {}       # id -> {"name", "noc"}
        self.teams = {}         # (event key, feed key) -> team record
        self.problems = []

    def noc(self, noc):
        if not isinstance(noc, dict):
            return None
        code = na(noc.get("c_Short"))
        name = na(noc.get("c_Name"))
        feed_id = na(noc.get("n_ID"))
        if not code:
            return None
        if name and code not in self.nocs:
            self.nocs[code] = name
        elif name and self.nocs.get(code) != name:
            self.problems.append("NOC %s named both %r and %r" % (code, self.nocs[code], name))
        if feed_id is not None:
            self.noc_ids[str(feed_id)] = code
        return code

    def noc_code(self, code, name):
        if code and code not in self.nocs and name:
            self.nocs[code] = name
        return code

    def person(self, person_id, name, noc, where):
        if person_id is None:
            fail("%s: a participant without an id" % where)
        pid = str(person_id)
        if not name:
            fail("%s: participant %s without a name" % (where, pid))
        if not noc:
            fail("%s: participant %s (%s) without an NOC" % (where, pid, name))
        known = self.persons.get(pid)
        if known is None:
            self.persons[pid] = {"name": name, "noc": noc}
        else:
            if known["name"] != name:
                self.problems.append("person %s named both %r and %r (kept the first)"
                                     % (pid, known["name"], name))
            if known["noc"] != noc:
                fail("%s: person %s (%s) with NOCs %s and %s"
                     % (where, pid, name, known["noc"], noc))
        return pid

    def team(self, ev_key, feed_key, name, noc, chrono):
        """A team entry of one event; feed_key identifies it across the event's units."""
        key = (ev_key, feed_key)
        team = self.teams.get(key)
        if team is None:
            team = {"event": ev_key, "feed_key": feed_key, "name": name, "noc": noc,
                    "members": [], "first_seen": chrono, "id": None}
            self.teams[key] = team
        elif team["noc"] != noc:
            fail("team %s of %s with NOCs %s and %s" % (feed_key, ev_key, team["noc"], noc))
        return team

    @staticmethod
    def add_member(team, pid):
        if pid not in team["members"]:
            team["members"].append(pid)

    def assign_team_ids(self):
        """<event key>-<NOC>, or <event key>-<NOC>-<n> when an NOC has several entries.

        n comes from a trailing number in the feed's name ("Italy 2") when every
        entry of that NOC has a distinct one, else from the order of first
        appearance (first unit in time, then start order).
        """
        groups = {}
        for team in self.teams.values():
            groups.setdefault((team["event"], team["noc"]), []).append(team)
        for (ev_key, noc), teams in sorted(groups.items()):
            if len(teams) == 1:
                teams[0]["id"] = "%s-%s" % (ev_key, noc)
                continue
            numbers = [re.search(r" ([0-9]+)$", t["name"]) for t in teams]
            if all(numbers) and len({m.group(1) for m in numbers}) == len(teams):
                for team, m in zip(teams, numbers):
                    team["id"] = "%s-%s-%d" % (ev_key, noc, int(m.group(1)))
            else:
                teams.sort(key=lambda t: t["first_seen"])
                for n, team in enumerate(teams, 1):
                    team["id"] = "%s-%s-%d" % (ev_key, noc, n)


# --------------------------------------------------------------------------- start lists


def entry_sort_key(entry):
    order = entry["feed_order"]
    return (0, order, entry["index"]) if order is not None else (1, 0, entry["index"])


def finish_start_list(entries, where, notes):
    """Entries in start order with integer orders.

    The feed's n_StartOrder is kept when every entrant has one and they are
    distinct; otherwise entrants are sorted by it (those without one last, in
    list order) and numbered 1..n.
    """
    orders = [e["feed_order"] for e in entries]
    unique = None not in orders and len(set(orders)) == len(orders)
    entries = sorted(entries, key=entry_sort_key)
    if not unique and entries:
        if None in orders:
            notes.append("%s: %d entrant(s) without a start order, numbered after the others"
                         % (where, orders.count(None)))
        else:
            notes.append("%s: start orders repeat, entrants renumbered 1..%d"
                         % (where, len(entries)))
    out = []
    seen = set()
    for n, e in enumerate(entries, 1):
        if e["participant"] in seen:
            fail("%s: %s listed twice" % (where, e["participant"]))
        seen.add(e["participant"])
        out.append({"participant": e["participant"], "bib": e["bib"],
                    "order": e["feed_order"] if unique else n})
    return out


class Converter:
    def __init__(self, data_dir):
        self.data = data_dir
        self.reg = Registry()
        self.code_notes = set()
        self.notes = []          # start-list notes
        self.fallbacks = []      # every start list not taken from the unit's own list
        self.renumbered = []
        self.warnings = []
        self.events = {}         # event rsc -> event record
        self.event_by_feed = {}  # feed n_EventMatchID -> event rsc

    # ------------------------------------------------------------- feed files

    def path(self, *parts):
        return os.path.join(self.data, *parts)

    def check_sports(self):
        rows = read_csv(self.path("Sport_List.csv"))
        found = {r["n_SportID"]: r["c_SportShort"] for r in rows}
        if found != FEED_SPORTS:
            fail("Sport_List.csv does not list the 15 expected sports: %r" % found)
        days = sorted(r["n_Date"] for r in read_csv(self.path("Date_List.csv")))
        first = "%s-%s-%s" % (days[0][:4], days[0][4:6], days[0][6:])
        last = "%s-%s-%s" % (days[-1][:4], days[-1][4:6], days[-1][6:])
        if (first, last) != (GAMES["first_day"], GAMES["last_day"]):
            fail("Date_List.csv runs %s..%s" % (first, last))

    def load_events(self):
        disciplines = {d[0] for d in DISCIPLINES}
        for sid, disc in sorted(FEED_SPORTS.items()):
            for row in read_csv(self.path("Event-Matches", "%s_Event_Matches.csv" % sid)):
                code = normalise_rsc(row["c_RSCCode"], self.code_notes)
                ev = event_rsc(code)
                if ev[:3] != disc or disc not in disciplines:
                    fail("event %s listed under sport %s" % (ev, sid))
                if ev in self.events:
                    fail("event %s listed twice" % ev)
                name = EVENT_NAME_OVERRIDES.get(event_key(ev), na(row["c_GenderEvent"]))
                self.events[ev] = {"rsc": ev, "name": name, "discipline": disc,
                                   "gender": ev[3], "phases": {}}
                self.event_by_feed[row["n_EventMatchID"]] = ev

    def unit_file(self, sid, row):
        key = row.get("Match.n_ID") or row["n_MatchID"]
        if key == "NA":
            key = row["n_MatchID"]
        jpath = self.path("%s-JSONs" % sid, "%s.json" % key)
        cpath = self.path("%s-CSVs" % sid, "%s.csv" % key)
        doc = read_json(jpath) if os.path.exists(jpath) else None
        return key, doc, (cpath if os.path.exists(cpath) else None)

    # ------------------------------------------------------------- units

    def load_schedules(self):
        rows = []
        for sid in sorted(FEED_SPORTS):
            for row in read_csv(self.path("Sport-Schedules", "%s_Sport_Schedule.csv" % sid)):
                rows.append((sid, row))

        def chrono(item):
            sid, row = item
            return (row["DateTimes.Start.c_Local"], row["c_RSCCode"], row["n_MatchID"],
                    row.get("Match.n_ID", ""))

        rows.sort(key=chrono)
        self.game_numbers = {}
        for n, (sid, row) in enumerate(rows):
            self.add_row(sid, row, n)

    def venue_code(self, name, where):
        for code, _, _, feed_names in VENUES:
            if name in feed_names:
                return code
        fail("%s: unknown venue %r" % (where, name))

    def add_row(self, sid, row, chrono):
        code = normalise_rsc(row["c_RSCCode"], self.code_notes)
        where = "%s (feed match %s)" % (row["c_RSCCode"], row["n_MatchID"])
        ev = self.event_by_feed.get(row["n_EventMatchID"])
        if ev is None:
            fail("%s: unknown event %s" % (where, row["n_EventMatchID"]))
        if event_rsc(code) != ev:
            fail("%s: code does not belong to its event %s" % (where, ev))
        event = self.events[ev]
        start = local_time(row["DateTimes.Start.c_Local"], row["DateTimes.Start.c_UTC"], where)
        end = local_time(row["DateTimes.End.c_Local"], row["DateTimes.End.c_UTC"], where)
        venue = self.venue_code(row["Venue.c_Name"], where)
        medal = any(truthy(row["MedalsToBeAwarded.b_%s" % m]) for m in ("Gold", "Silver", "Bronze"))
        key, doc, csv_path = self.unit_file(sid, row)
        phase = event["phases"].setdefault(phase_rsc(code), {"rsc": phase_rsc(code), "units": []})
        base = {"venue": venue, "start": start, "end": end, "medal": medal,
                "chrono": chrono, "feed": key, "where": where}

        if event["discipline"] in GAME_DISCIPLINES:
            unit = dict(base, data_unit=code[26:], name=None, row=row)
            unit["start_list"] = self.game_start_list(ev, row, doc, chrono, where)
            phase["units"].append(unit)
            return

        subs = self.sub_phases(doc)
        if code[26:] == "-" * 8:
            # A phase-level row: its units are the feed's sub-phases (heats, runs,
            # Final A/B...), numbered 000100, 000200, ... in the feed's order.
            if not subs:
                fail("%s: a phase row whose file %s has no sub-phases" % (where, key))
            built = []
            for n, (sub, result_sub) in enumerate(subs, 1):
                sub_where = "%s unit %d" % (where, n)
                times = sub.get("DateTimes") or {}
                s = local_time(na((times.get("Start") or {}).get("c_Local")),
                               na((times.get("Start") or {}).get("c_UTC")), sub_where) or start
                e = local_time(na((times.get("End") or {}).get("c_Local")),
                               na((times.get("End") or {}).get("c_UTC")), sub_where) or end
                name = na(sub.get("c_Phase")) or self.row_name(row)
                unit = dict(base, start=s, end=e, data_unit=None,
                            built_unit="%06d--" % (n * 100), name=name)
                unit["start_list"] = self.start_list(ev, [(sub, result_sub)], csv_path, chrono,
                                                     sub_where)
                unit["entrants_feed"] = self.feed_ids([(sub, result_sub)])
                built.append(unit)
            if medal:
                self.mark_medal_units(built, doc, where)
            phase["units"].extend(built)
        else:
            name = self.row_name(row, subs)
            unit = dict(base, data_unit=code[26:], name=name)
            unit["start_list"] = self.start_list(ev, subs, csv_path, chrono, where)
            phase["units"].append(unit)

    @staticmethod
    def row_name(row, subs=None):
        if subs and len(subs) == 1 and na(subs[0][0].get("c_Phase")):
            return na(subs[0][0].get("c_Phase"))
        return na(row["c_Match"]) or na(row["c_ContainerMatch"])

    @staticmethod
    def sub_phases(doc):
        """(start-list sub-phase, matching result sub-phase or None) pairs, in feed order."""
        if not doc:
            return []
        start = ((doc.get("StartList") or {}).get("PhaseList")) or []
        result = ((doc.get("Result") or {}).get("PhaseList")) or []
        by_id = {p.get("n_PhaseID"): p for p in result}
        if start:
            return [(p, by_id.get(p.get("n_PhaseID"))) for p in start]
        return [(p, p) for p in result]

    @staticmethod
    def feed_ids(subs):
        ids = set()
        for sub, result_sub in subs:
            for p in sub.get("ParticipantList") or []:
                ids.add(p.get("n_ParticipantID"))
            for p in (result_sub or {}).get("ParticipantList") or []:
                ids.add(p.get("n_ParticipantID"))
        return ids

    def mark_medal_units(self, units, doc, where):
        """In a medal phase split into several units, the medal units are those where
        a medallist competes for the last time (Final A and Final B of team pursuit,
        Big and Small Final, the last of several final rounds)."""
        medals = (doc or {}).get("Medals") or {}
        medallists = [m.get("n_ParticipantID") for k in ("GoldMedals", "SilverMedals",
                                                         "BronzeMedals")
                      for m in medals.get(k) or []]
        for unit in units:
            unit["medal"] = False
        if not medallists:
            units[-1]["medal"] = True
            self.fallbacks.append("%s: no medallists in the file; the last unit carries the "
                                  "medals" % where)
            return
        for feed_id in medallists:
            last = None
            for unit in units:
                if feed_id in unit["entrants_feed"]:
                    last = unit
            if last is None:
                fail("%s: medallist %s in none of its units" % (where, feed_id))
            last["medal"] = True

    # ------------------------------------------------------------- entrants

    def entrant(self, ev, p, chrono, where):
        """(participant id, bib, start order) for one feed start-list entry."""
        ptype = p.get("n_ParticipantType")
        noc = self.reg.noc(p.get("NOC"))
        name = na(p.get("c_Participant"))
        feed_id = na(p.get("n_ParticipantID"))
        bib = na(p.get("c_Bib")) or ""
        order = na(p.get("n_StartOrder"))
        members = p.get("TeamMemberList") or []
        ev_key = event_key(ev)
        if ev_key in NOC_TEAM_EVENTS:
            team = self.reg.team(ev_key, noc, self.reg.nocs.get(noc, noc), noc, chrono)
            people = members if members else [{"n_PersonID": feed_id, "c_Person": name}]
            for m in people:
                pid = self.reg.person(na(m.get("n_PersonID")), na(m.get("c_Person")), noc, where)
                self.reg.add_member(team, pid)
            return team, "", order
        if ptype == 1 and not members:
            return self.reg.person(feed_id, name, noc, where), bib, order
        if ptype in (2, 4):
            if feed_id is None:
                fail("%s: team entry without an id" % where)
            team = self.reg.team(ev_key, str(feed_id), name, noc, chrono)
            for m in sorted(members, key=lambda m: (m.get("n_Position") or 0)):
                pid = self.reg.person(na(m.get("n_PersonID")), na(m.get("c_Person")), noc, where)
                self.reg.add_member(team, pid)
            return team, bib, order
        fail("%s: participant type %r not understood" % (where, ptype))

    def start_list(self, ev, subs, csv_path, chrono, where):
        raw = []
        for sub, result_sub in subs:
            plist = sub.get("ParticipantList") or []
            if not plist and result_sub:
                plist = result_sub.get("ParticipantList") or []
                if plist:
                    self.fallbacks.append("%s: start list taken from the result list" % where)
            raw.extend(plist)
        if not raw and csv_path:
            raw = self.csv_participants(csv_path)
            if raw:
                self.fallbacks.append("%s: start list taken from the unit's CSV" % where)
        if not raw:
            fail("%s: no start list in the unit's files" % where)
        entries = []
        for index, p in enumerate(raw):
            who, bib, order = self.entrant(ev, p, (chrono, order_key(p), index), where)
            entries.append({"participant": who, "bib": bib, "feed_order": order, "index": index})
        return self.collapse(entries, where)

    @staticmethod
    def collapse(entries, where):
        """Several feed entries may name the same team (figure skating team event):
        keep its first entry."""
        seen = {}
        out = []
        for e in entries:
            key = id(e["participant"]) if isinstance(e["participant"], dict) else e["participant"]
            if key in seen:
                continue
            seen[key] = True
            out.append(e)
        return {"entries": out, "where": where}

    @staticmethod
    def csv_participants(path):
        rows = read_csv(path)
        out = []
        for r in rows:
            if "n_ParticipantID" not in r:
                return []
            out.append({
                "n_ParticipantType": int(r["n_ParticipantType"]),
                "n_ParticipantID": int(r["n_ParticipantID"]),
                "c_Participant": r["c_Participant"],
                "c_Bib": r.get("c_Bib"),
                "n_StartOrder": int(r["n_StartOrder"]) if na(r.get("n_StartOrder")) else None,
                "NOC": {"c_Short": r.get("NOC.c_Short"), "c_Name": r.get("NOC.c_Name"),
                        "n_ID": r.get("NOC.n_ID")},
            })
        return out

    def game_start_list(self, ev, row, doc, chrono, where):
        """The two teams of a hockey or curling game; members from the line-ups."""
        ev_key = event_key(ev)
        lineups = ((doc or {}).get("LineUp")) or {}
        entries = []
        for side in (1, 2):
            prefix = "Match.Competitor%d." % side
            noc = self.reg.noc_code(na(row[prefix + "c_NOCShort"]), na(row[prefix + "c_NOC"]))
            if not noc:
                fail("%s: competitor %d unknown" % (where, side))
            if noc in self.reg.nocs and na(row[prefix + "c_NOC"]) != self.reg.nocs[noc]:
                self.reg.problems.append("NOC %s named both %r and %r"
                                         % (noc, self.reg.nocs[noc], row[prefix + "c_NOC"]))
            self.reg.noc_ids.setdefault(row[prefix + "n_NOCID"], noc)
            team = self.reg.team(ev_key, noc, na(row[prefix + "c_Name"]), noc, (chrono, side, 0))
            players = ((lineups.get("Competitor%d" % side) or {}).get("LineUp")) or []
            if not players:
                self.fallbacks.append("%s: no line-up for %s in the game file" % (where, noc))
            for m in players:
                mnoc = self.reg.noc(m.get("NOC")) or noc
                if mnoc != noc:
                    fail("%s: %s player %s listed with NOC %s" % (where, noc, m.get("c_Person"),
                                                                   mnoc))
                pid = self.reg.person(na(m.get("n_PersonID")), na(m.get("c_Person")), noc, where)
                self.reg.add_member(team, pid)
            entries.append({"participant": team, "bib": "", "feed_order": side, "index": side})
        return {"entries": entries, "where": where}

    # ------------------------------------------------------------- finishing

    def number_units(self):
        """Give every unit its final code.

        The feed's unit numbers are kept when, within the phase, they already run
        000100, 000200, ... (runs, hockey games, heats), when they carry ODF letters
        (0001DH, 0001SJ, 0002LD), or when they follow the curling round-robin
        session scheme 00SSGG. Otherwise they are rescheduling artefacts (men's
        downhill 000102, curling medal games 000101/000102) and the phase's units
        are renumbered 000100, 000200, ... in the order of the feed's numbers.
        """
        for event in self.events.values():
            for prsc, phase in event["phases"].items():
                units = phase["units"]
                data = [u for u in units if u["data_unit"] is not None]
                built = [u for u in units if u["data_unit"] is None]
                if data and built:
                    fail("%s: phase mixes numbered and phase-level rows" % prsc)
                for u in built:
                    u["unit"] = u["built_unit"]
                if not data:
                    continue
                fields = [u["data_unit"] for u in data]
                numeric = all(UNIT_NUM_RE.match(f) for f in fields)
                if not numeric:
                    if not all(re.match(r"^[0-9A-Z]{6}--$", f) for f in fields):
                        fail("%s: odd unit fields %r" % (prsc, fields))
                    for u in data:
                        u["unit"] = u["data_unit"]
                    continue
                numbers = sorted(int(f[:6]) for f in fields)
                consecutive = numbers == [100 * k for k in range(1, len(numbers) + 1)]
                sessions = (prsc[22:26] == "PREL"
                            and all(1 <= n % 100 <= 99 and n >= 100 for n in numbers)
                            and len(set(numbers)) == len(numbers))
                if consecutive or sessions:
                    for u in data:
                        u["unit"] = u["data_unit"]
                    continue
                data.sort(key=lambda u: (int(u["data_unit"][:6]), u["chrono"]))
                for k, u in enumerate(data, 1):
                    u["unit"] = "%06d--" % (k * 100)
                    if u["unit"] != u["data_unit"]:
                        self.renumbered.append("%s%s -> %s%s" % (prsc[:26], u["data_unit"],
                                                                 prsc[:26], u["unit"]))

    def name_games(self):
        """Human names for hockey and curling games."""
        for event in self.events.values():
            if event["discipline"] not in GAME_DISCIPLINES:
                continue
            all_units = [u for p in event["phases"].values() for u in p["units"]]
            all_units.sort(key=lambda u: (u["start"], u["rsc_tmp"]))
            game_no = {id(u): n for n, u in enumerate(all_units, 1)}
            for prsc, phase in event["phases"].items():
                code = prsc[22:26].rstrip("-")
                units = sorted(phase["units"], key=lambda u: u["rsc_tmp"])
                for k, u in enumerate(units, 1):
                    teams = [e["participant"]["noc"] for e in u["start_list"]["entries"]]
                    versus = "%s - %s" % (teams[0], teams[1])
                    if code == "FNL":
                        row = u["row"]
                        label = ("Gold Medal Game" if truthy(row["MedalsToBeAwarded.b_Gold"])
                                 else "Bronze Medal Game")
                    elif code == "SFNL":
                        label = "Semifinal %d" % k
                    elif code == "QFNL":
                        label = "Quarterfinal %d" % k
                    elif code == "8FNL":
                        label = "Play-off Qualification %d" % k
                    else:
                        label = "Game %d" % game_no[id(u)]
                    u["name"] = "%s: %s" % (label, versus)

    def build(self):
        self.check_sports()
        self.load_events()
        self.load_schedules()
        self.number_units()
        for event in self.events.values():
            for prsc, phase in event["phases"].items():
                for u in phase["units"]:
                    u["rsc_tmp"] = prsc[:26] + u["unit"]
        self.name_games()
        self.reg.assign_team_ids()
        return self.document()

    def document(self):
        reg = self.reg
        events_out = []
        for ev, event in self.events.items():
            phases_out = []
            for prsc in sorted(event["phases"]):
                phase = event["phases"][prsc]
                code = prsc[22:26].rstrip("-")
                pname = PHASE_NAME_OVERRIDES.get((event["discipline"], code),
                                                 PHASE_NAMES.get(code))
                if not pname:
                    fail("%s: no name for phase code %s" % (prsc, code))
                units_out = []
                for u in sorted(phase["units"], key=lambda u: u["rsc_tmp"]):
                    entries = []
                    for e in u["start_list"]["entries"]:
                        who = e["participant"]
                        pid = who["id"] if isinstance(who, dict) else who
                        entries.append({"participant": pid, "bib": e["bib"],
                                        "feed_order": e["feed_order"], "index": e["index"]})
                    units_out.append({
                        "rsc": u["rsc_tmp"],
                        "name": u["name"],
                        "venue": u["venue"],
                        "start": u["start"],
                        "end": u["end"],
                        "medal": u["medal"],
                        "start_list": finish_start_list(entries, u["rsc_tmp"], self.notes),
                    })
                    if u["end"] < u["start"]:
                        self.warnings.append("%s ends before it starts" % u["rsc_tmp"])
                phases_out.append({"rsc": prsc, "name": pname, "units": units_out})
            first = min(u["start"] for p in phases_out for u in p["units"])
            events_out.append(((event["discipline"], first, ev), {
                "rsc": ev, "name": event["name"], "discipline": event["discipline"],
                "gender": event["gender"], "phases": phases_out}))
        events_out = [e for _, e in sorted(events_out, key=lambda x: x[0])]

        participants = {}
        for pid, person in reg.persons.items():
            participants[pid] = {"id": pid, "name": person["name"], "noc": person["noc"]}
        for team in reg.teams.values():
            if team["id"] in participants:
                fail("participant id %s used twice" % team["id"])
            record = {"id": team["id"], "name": team["name"], "noc": team["noc"]}
            if team["members"]:
                record["members"] = list(team["members"])
            participants[team["id"]] = record
        used_nocs = {p["noc"] for p in participants.values()}
        nocs = [{"code": c, "name": NOC_NAME_OVERRIDES.get(c, reg.nocs[c])}
                for c in sorted(used_nocs)]

        doc = {
            "format": FORMAT,
            "games": dict(GAMES),
            "zones": [{"code": c, "name": n} for c, n in ZONES],
            "venues": [{"code": c, "name": n, "zone": z} for c, n, z, _ in VENUES],
            "sports": [{"code": c, "name": n} for c, n in SPORTS],
            "disciplines": [{"code": c, "name": n, "sport": s} for c, n, s, _ in DISCIPLINES],
            "nocs": nocs,
            "participants": [participants[k] for k in sorted(participants)],
            "events": events_out,
        }
        return doc

    def participating_noc_ids(self):
        """NOC ids the schedules list as taking part, mapped to codes where known."""
        ids = set()
        for sid in FEED_SPORTS:
            for row in read_csv(self.path("Sport-Schedules", "%s_Sport_Schedule.csv" % sid)):
                for part in row["Sport.c_ParticipatingNOCIDList"].split(";"):
                    if part.strip() and part.strip() != "0":
                        ids.add(part.strip())
        return ids


def order_key(p):
    order = na(p.get("n_StartOrder"))
    return order if isinstance(order, int) else 1 << 30


# --------------------------------------------------------------------------- checks


def check(doc):
    """Abort with a message when the document breaks a rule of the format."""
    codes = set()

    def code_ok(code, what):
        if not isinstance(code, str) or not RSC_RE.match(code):
            fail("%s: code %r is not 34 characters of A-Z 0-9 -" % (what, code))
        if code in codes:
            fail("%s: code %s used twice" % (what, code))
        codes.add(code)

    sports = {s["code"] for s in doc["sports"]}
    if len(sports) != 7:
        fail("expected 7 sports, have %d" % len(sports))
    disciplines = {}
    for d in doc["disciplines"]:
        if d["sport"] not in sports:
            fail("discipline %s: unknown sport %s" % (d["code"], d["sport"]))
        disciplines[d["code"]] = d
    if len(disciplines) != 15:
        fail("expected 15 disciplines, have %d" % len(disciplines))
    zones = {z["code"] for z in doc["zones"]}
    venues = set()
    for v in doc["venues"]:
        if v["zone"] not in zones or not re.match(r"^[A-Z]{3}$", v["code"]) or v["code"] in venues:
            fail("venue %r is wrong" % v)
        venues.add(v["code"])
    if len(venues) != 12:
        fail("expected 12 venues, have %d" % len(venues))
    nocs = {n["code"] for n in doc["nocs"]}
    if len(nocs) != EXPECTED_NOCS:
        fail("expected %d NOCs, have %d" % (EXPECTED_NOCS, len(nocs)))
    for n in nocs:
        if not re.match(r"^[A-Z]{3}$", n):
            fail("NOC code %r is not three letters" % n)
    participants = {}
    for p in doc["participants"]:
        if p["id"] in participants:
            fail("participant %s listed twice" % p["id"])
        if p["noc"] not in nocs:
            fail("participant %s: unknown NOC %s" % (p["id"], p["noc"]))
        participants[p["id"]] = p
    for p in doc["participants"]:
        for m in p.get("members", []):
            if m not in participants or "members" in participants[m]:
                fail("team %s: member %s is not an athlete" % (p["id"], m))
    if len(doc["events"]) != EXPECTED_EVENTS:
        fail("expected %d events, have %d" % (EXPECTED_EVENTS, len(doc["events"])))
    per_discipline = {}
    used_participants = set()
    used_venues = set()
    for ev in doc["events"]:
        code_ok(ev["rsc"], "event")
        if ev["rsc"][22:] != "-" * 12 or ev["discipline"] != ev["rsc"][:3]:
            fail("event %s: bad event code" % ev["rsc"])
        if ev["discipline"] not in disciplines:
            fail("event %s: unknown discipline" % ev["rsc"])
        if ev["gender"] not in ("M", "W", "X", "O") or ev["gender"] != ev["rsc"][3]:
            fail("event %s: gender %r" % (ev["rsc"], ev["gender"]))
        per_discipline[ev["discipline"]] = per_discipline.get(ev["discipline"], 0) + 1
        medal_units = 0
        if not ev["phases"]:
            fail("event %s has no phase" % ev["rsc"])
        for ph in ev["phases"]:
            code_ok(ph["rsc"], "phase")
            if ph["rsc"][:22] != ev["rsc"][:22] or ph["rsc"][26:] != "-" * 8 or \
                    ph["rsc"][22:26] == "----":
                fail("phase %s does not belong to event %s" % (ph["rsc"], ev["rsc"]))
            if not ph["units"]:
                fail("phase %s has no unit" % ph["rsc"])
            for u in ph["units"]:
                code_ok(u["rsc"], "unit")
                if u["rsc"][:26] != ph["rsc"][:26] or u["rsc"][26:] == "-" * 8:
                    fail("unit %s does not belong to phase %s" % (u["rsc"], ph["rsc"]))
                if u["venue"] not in venues:
                    fail("unit %s: unknown venue %s" % (u["rsc"], u["venue"]))
                used_venues.add(u["venue"])
                for t in ("start", "end"):
                    if not re.match(r"^2022-02-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+08:00$",
                                    u[t] or ""):
                        fail("unit %s: %s time %r" % (u["rsc"], t, u[t]))
                    if not (doc["games"]["first_day"] <= u[t][:10] <= doc["games"]["last_day"]):
                        fail("unit %s: %s outside the Games" % (u["rsc"], t))
                medal_units += 1 if u["medal"] else 0
                if not u["start_list"]:
                    fail("unit %s has an empty start list" % u["rsc"])
                orders = set()
                for e in u["start_list"]:
                    if e["participant"] not in participants:
                        fail("unit %s: unknown participant %s" % (u["rsc"], e["participant"]))
                    if not isinstance(e["order"], int) or e["order"] in orders:
                        fail("unit %s: bad or repeated order %r" % (u["rsc"], e["order"]))
                    if not isinstance(e["bib"], str):
                        fail("unit %s: bib %r is not a string" % (u["rsc"], e["bib"]))
                    orders.add(e["order"])
                    used_participants.add(e["participant"])
                if ev["discipline"] in GAME_DISCIPLINES and len(u["start_list"]) != 2:
                    fail("game %s does not have two teams" % u["rsc"])
        if medal_units == 0:
            fail("event %s awards no medals" % ev["rsc"])
    for code, _, _, expected in DISCIPLINES:
        if per_discipline.get(code, 0) != expected:
            fail("discipline %s: expected %d events, have %d"
                 % (code, expected, per_discipline.get(code, 0)))
    if used_venues != venues:
        fail("venues without a unit: %s" % sorted(venues - used_venues))
    for p in doc["participants"]:
        if "members" in p and p["id"] not in used_participants:
            fail("team %s is in no start list" % p["id"])
    return per_discipline


# --------------------------------------------------------------------------- output


def dump(value, indent=0):
    """JSON with 1-space indentation; objects and arrays holding only scalars
    stay on one line. Keys keep their insertion order (stable output)."""
    pad = " " * indent

    def scalar(v):
        return json.dumps(v, ensure_ascii=False)

    def flat(v):
        if isinstance(v, dict):
            return all(not isinstance(x, (dict, list)) or (isinstance(x, list) and
                       all(not isinstance(y, (dict, list)) for y in x)) for x in v.values())
        if isinstance(v, list):
            return all(not isinstance(x, (dict, list)) for x in v)
        return True

    def inline(v):
        if isinstance(v, dict):
            return "{" + ", ".join("%s: %s" % (scalar(k), inline(x)) for k, x in v.items()) + "}"
        if isinstance(v, list):
            return "[" + ", ".join(inline(x) for x in v) + "]"
        return scalar(v)

    if not isinstance(value, (dict, list)) or flat(value) or not value:
        return inline(value)
    inner = " " * (indent + 1)
    if isinstance(value, dict):
        items = ["%s%s: %s" % (inner, scalar(k), dump(v, indent + 1)) for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    items = ["%s%s" % (inner, dump(v, indent + 1)) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + pad + "]"


def add_scoring(doc, path):
    """Give each event its "scoring" (kind, config, cumulative) from the scoring table.

    The table is keyed by the event's display code (discipline + gender + event,
    "ALPMDH"); events without a row have no engine yet and are served as start lists.
    """
    with open(path, encoding="utf-8") as f:
        table = json.load(f)
    if table.get("format") != "podium-scoring/1":
        raise ConvertError("%s: not a podium-scoring/1 file" % path)
    codes = {e["rsc"][:12].rstrip("-"): e for e in doc["events"]}
    for code, scoring in table["events"].items():
        if code not in codes:
            raise ConvertError("%s: no event %s in the programme" % (path, code))
        codes[code]["scoring"] = scoring


def main(argv=None):
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(
        description="Convert the Beijing 2022 feed into data/programme/beijing2022.json "
                    "(podium-programme/1).")
    parser.add_argument("--data", default=os.path.join(repo, "..", "shared", "data",
                                                       "beijing2022"),
                        help="the feed folder (default: ../shared/data/beijing2022 "
                             "next to the repository)")
    parser.add_argument("--out", default=os.path.join(repo, "data", "programme",
                                                      "beijing2022.json"),
                        help="output file (default: data/programme/beijing2022.json)")
    parser.add_argument("--scoring", default=os.path.join(repo, "data", "programme",
                                                          "scoring-beijing2022.json"),
                        help="how each event is scored (default: "
                             "data/programme/scoring-beijing2022.json)")
    parser.add_argument("--quiet", action="store_true", help="print nothing on success")
    args = parser.parse_args(argv)

    conv = Converter(os.path.normpath(args.data))
    try:
        doc = conv.build()
        add_scoring(doc, os.path.normpath(args.scoring))
        per_discipline = check(doc)
    except (ConvertError, OSError, KeyError, ValueError) as exc:
        print("convert_programme: %s" % exc, file=sys.stderr)
        return 1

    text = dump(doc) + "\n"
    out = os.path.normpath(args.out)
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, out)

    if not args.quiet:
        units = [u for e in doc["events"] for p in e["phases"] for u in p["units"]]
        teams = [p for p in doc["participants"] if p["id"] and not p["id"].isdigit()]
        feed_nocs = conv.participating_noc_ids()
        mapped = {conv.reg.noc_ids.get(i) for i in feed_nocs}
        print("wrote %s (%d bytes)" % (out, len(text.encode("utf-8"))))
        print("events %d: %s" % (len(doc["events"]), " ".join(
            "%s %d" % (c, per_discipline[c]) for c, _, _, _ in DISCIPLINES)))
        print("phases %d, units %d (medal units %d), start-list entries %d" % (
            sum(len(e["phases"]) for e in doc["events"]), len(units),
            sum(1 for u in units if u["medal"]), sum(len(u["start_list"]) for u in units)))
        print("participants %d (athletes %d, teams %d), NOCs %d, venues %d" % (
            len(doc["participants"]), len(doc["participants"]) - len(teams), len(teams),
            len(doc["nocs"]), len(doc["venues"])))
        print("schedules list %d participating NOC ids (%d mapped to codes, %s)" % (
            len(feed_nocs), len(mapped - {None}),
            "same set" if mapped == {n["code"] for n in doc["nocs"]} else "DIFFERENT set"))
        for note in sorted(conv.code_notes):
            print("code: %s" % note)
        for note in conv.renumbered:
            print("renumbered: %s" % note)
        for note in conv.fallbacks:
            print("fallback: %s" % note)
        for note in conv.notes:
            print("start order: %s" % note)
        for note in sorted(set(conv.reg.problems)):
            print("data: %s" % note)
        for note in conv.warnings:
            print("warning: %s" % note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
