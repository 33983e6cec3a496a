#!/usr/bin/env python3
"""Convert the FIS ski jumping jumps of 2012-2016 into Podium's test data.

Source: ../shared/data/skijumping (public repository
wrotki8778/Ski_jumping_data_center): jumps_2012_2016.csv (one row per jump:
distance, wind, wind points, gate, gate points, five style marks, style
points, jump points; `codex` is the FIS competition code) and all_comps.csv
(per competition: hill size, K-point, meter value, gate factor, head-wind
factor, not always filled in).

Output: tests/data/sjp/jumps_2012_2016.txt, one line per competition ("C")
followed by one line per jump ("J") with the inputs of the ski-jumping kind
and the five published figures, which tests/rules/test_skijumping.c
recomputes with the engine.

What the CSV does not state is derived from the jumps themselves, and this
derivation is part of the conversion:

* round: an athlete's first row in a competition is round 1, the second
  round 2 (rows are grouped by athlete, in round order);
* group (team events, `team` = 1 in all_comps.csv): the source lists each
  team's four members in jumping order, team after team, so the n-th
  athlete of the competition jumps in group (n - 1) mod 4 + 1; each group of
  each round has its own starting gate (the published figures show it: 2014
  codex 3828, gate 28 is 0.0 for groups 2-4 and -6.8 for group 1, which
  started from 27; 2013 codex 3850, mixed team, women from 20 and 19, men
  from 12, all at 0.0);
* base value: 60 points at K, 120 on flying hills (K >= 170 m), ICR;
* head and tail wind factors (points per m/s, two decimals): the listed
  head factor when it explains every head-wind jump, otherwise the
  two-decimal value that explains the most head-wind jumps; the tail factor
  likewise among the head factor itself (the rule until 2012/13), the head
  factor x 1.21 rounded to two decimals (from 2013/14) and any other
  two-decimal value, preferring them in that order on equal counts;
  round(-wind x factor, 0.1) half away from zero must give the published
  wind points;
* gate: the points per gate (two decimals) and the starting gate of each
  round (each group) that explain the most published gate points, with
  round(gates x points per gate, 0.1); a jump from below the starting gate
  with no gate points and a distance under 95% of the hill size is marked
  as a coach's request (ICR from 2013/14: no compensation then). A
  competition without any gate points gets no gate compensation at all. A
  gate the source garbles (2012 codex 3137, round 1: every gate "0.5", no
  gate points) is written as not given ("-": no compensation);
* gate positions, where one points per gate does not explain every gate
  figure: the listed gate factor (points per metre of in-run) and each
  gate's position on the in-run in whole centimetres, solved from the
  published gate points (see "Gate positions" below).

Python 3 standard library only. Usage:
    tools/convert_skijumping.py [SRC_DIR] [OUT_FILE]
"""
import collections
import csv
import itertools
import os
import sys
from fractions import Fraction as F

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "..", "..", "shared", "data", "skijumping")
OUT = os.path.join(HERE, "..", "tests", "data", "sjp", "jumps_2012_2016.txt")


def round_tenth(x):
    """x (a Fraction) rounded to 0.1 half away from zero, as a Fraction."""
    sign = -1 if x < 0 else 1
    t = abs(x) * 10
    q = int(t)
    if t - q >= F(1, 2):
        q += 1
    return F(sign * q, 10)


def wind_points(wind, head, tail):
    if wind > 0:
        return round_tenth(-wind * head)
    return round_tenth(-wind * tail)


def candidates(pairs):
    """Two-decimal factors f with round(|w| f, 0.1) == |points| for some pair."""
    found = set()
    for w, pts in pairs:
        lo = (abs(pts) - F(1, 20)) / abs(w)
        hi = (abs(pts) + F(1, 20)) / abs(w)
        x = max(0, int(lo * 100) - 1)
        while F(x, 100) <= hi and x < 100000:
            if F(x, 100) >= lo:
                found.add(F(x, 100))
            x += 1
    return found


def best_factor(pairs, preferred):
    """The factor explaining most pairs; preferred values win ties, in order."""
    if not pairs:
        return (preferred[0] if preferred else F(0)), 0
    order = list(preferred) + sorted(candidates(pairs) - set(preferred))
    best, best_n = None, -1
    for f in order:
        n = sum(1 for w, pts in pairs if round_tenth(abs(w) * f) == abs(pts))
        if n > best_n:
            best, best_n = f, n
    return best, best_n


def derive_wind(jumps, listed_head):
    heads = [(j["wind"], j["wind_points"]) for j in jumps if j["wind"] > 0]
    tails = [(j["wind"], j["wind_points"]) for j in jumps if j["wind"] < 0]
    preferred = [listed_head] if listed_head else []
    head, _ = best_factor(heads, preferred)
    tail_pref = [head, round_hundredth(head * F(121, 100))]
    tail, _ = best_factor(tails, tail_pref)
    return head, tail


def round_hundredth(x):
    return F(int(x * 100 + F(1, 2)), 100)


def gate_match(j, start, ppg, hs):
    """(matches, coach) for one jump under starting gate `start`."""
    g, gp = j["gate"], j["gate_points"]
    if g == start:
        return gp == 0, False
    if g < start:
        if gp == 0 and hs and j["dist"] * 100 < hs * 95:
            return True, True
        return gp == round_tenth((start - g) * ppg), False
    return gp == -round_tenth((g - start) * ppg), False


def derive_gate(jumps, nslots, hs):
    """(points per gate, [start gate per slot]) or None without gate points."""
    if all(j["gate_points"] == 0 for j in jumps):
        return None
    # a gate the source garbles (2012 codex 3137, round 1: "0.5") is not given
    jumps = [j for j in jumps if j["gate"].denominator == 1]
    by_round = [[j for j in jumps if j["slot"] == k] for k in range(nslots)]
    starts = []
    for js in by_round:
        gates = sorted({j["gate"] for j in js})
        cand = sorted({g + d for g in gates for d in range(-3, 4)})
        starts.append(cand)
    ppgs = set()
    for r, js in enumerate(by_round):
        for s in starts[r]:
            for j in js:
                n = abs(s - j["gate"])
                if n and j["gate_points"] != 0:
                    ppgs |= candidates([(n, j["gate_points"])])
    best = None
    # most jumps explained; on equal counts the fewest gates between the jumps and their
    # starting gates (2015 codex 3819: 3.90 per gate from one gate above, not 1.30 from three)
    for ppg in sorted(ppgs, key=lambda p: (p.denominator, p)):
        total, chosen, shift = 0, [], 0
        for r, js in enumerate(by_round):
            best_s, best_n = None, -1
            # prefer the gate most jumps started from on equal counts
            common = collections.Counter(j["gate"] for j in js)
            for s in sorted(starts[r], key=lambda s: (-common.get(s, 0), s)):
                n = sum(1 for j in js if gate_match(j, s, ppg, hs)[0])
                if n > best_n:
                    best_s, best_n = s, n
            total += best_n
            chosen.append(best_s)
            shift += sum(abs(best_s - j["gate"]) for j in js)
        if best is None or (total, -shift) > (best[0], -best[3]):
            best = (total, ppg, chosen, shift)
    # a slot without any gate given takes another slot's starting gate (no jump uses it)
    chosen = best[2]
    known = [x for x in chosen if x is not None]
    return best[1], [known[0] if x is None else x for x in chosen]


# Gate positions. Gate compensation is the gate factor (points per metre of
# in-run, listed in all_comps.csv) times the in-run length between the
# starting gate and the jumper's gate. Where one "points per gate" does not
# explain every published gate figure, the gates are not evenly spaced and
# each gate's position (whole centimetres) is derived from the published gate
# points: each distinct (starting gate, gate, points) of the competition
# bounds the in-run length between the two gates to the centimetres that
# round to those points, neighbouring gates are 30..120 cm apart (FIS hills:
# 50..70 cm on most), and these difference constraints are solved exactly
# (Bellman-Ford). The constraints are taken greedily, most jumps first, and
# one that contradicts those already taken is dropped (its jumps stay
# unexplained). A second pass keeps every gate step within 25% of the
# competition's mean step, so a table never bends to fit noise. The table is
# used only when it explains more jumps than the single points per gate.
MIN_STEP_CM, MAX_STEP_CM, STEP_SPREAD = 30, 120, F(1, 4)


def delta_range(factor, points):
    """Whole centimetres d with round(factor x d / 100, 0.1) == points, or None."""
    t = abs(points) * 10
    if points == 0 or t.denominator != 1:
        return None
    lo = (t - F(1, 2)) * 10 / factor
    hi = (t + F(1, 2)) * 10 / factor
    dlo = -((-lo.numerator) // lo.denominator)  # ceil
    dhi = -((-hi.numerator) // hi.denominator) - 1  # below hi: half away from zero
    if dlo > dhi:
        return None
    return (dlo, dhi) if points > 0 else (-dhi, -dlo)


def solve_constraints(nodes, cons):
    """Potentials p with lo <= p[u] - p[v] <= hi for each (u, v, lo, hi), or None."""
    edges = []
    for u, v, lo, hi in cons:
        edges.append((v, u, hi))
        edges.append((u, v, -lo))
    dist = dict.fromkeys(nodes, 0)
    for _ in range(len(nodes) + 1):
        changed = False
        for a, b, w in edges:
            if dist[a] + w < dist[b]:
                dist[b] = dist[a] + w
                changed = True
        if not changed:
            return dist
    return None


def position_fit(jumps, starts, factor, hs, step_lo, step_hi):
    """(positions by gate, kept constraints, nodes, constraints) for these starts."""
    groups = collections.Counter()
    for j in jumps:
        s, g, gp = starts[j["slot"]], int(j["gate"]), j["gate_points"]
        if g != s and not (g < s and gp == 0 and hs and j["dist"] * 100 < hs * 95):
            groups[(s, g, gp)] += 1
    gates = {int(j["gate"]) for j in jumps} | set(starts)
    nodes = list(range(min(gates), max(gates) + 1))
    cons = [(g + 1, g, step_lo, step_hi) for g in nodes[:-1]]
    kept = []
    for (s, g, gp), _ in sorted(groups.items(), key=lambda kv: (-kv[1], kv[0])):
        r = delta_range(factor, gp)
        if r is None:
            continue
        trial = cons + [(s, g, r[0], r[1])]
        if solve_constraints(nodes, trial) is not None:
            cons = trial
            kept.append((s, g, r, gp))
    return kept, nodes, cons


def canonical_positions(nodes, cons, step):
    """One solution: each gate in turn as near as allowed to an even `step` from the lowest."""
    ref, fixed = nodes[0], list(cons)
    pos = {}
    for g in nodes:
        # the allowed range of p[g] - p[ref] given the gates fixed so far
        lo, hi = None, None
        for cand in range(0, (g - ref) * MAX_STEP_CM + 1):
            if solve_constraints(nodes, fixed + [(g, ref, cand, cand)]) is not None:
                lo = cand
                break
        for cand in range((g - ref) * MAX_STEP_CM, -1, -1):
            if solve_constraints(nodes, fixed + [(g, ref, cand, cand)]) is not None:
                hi = cand
                break
        prev = pos.get(g - 1, -step)
        target = int(prev + step + F(1, 2)) if g > ref else 0
        pos[g] = min(max(target, lo), hi)
        fixed.append((g, ref, pos[g], pos[g]))
    return pos


def gate_match_positions(j, start, factor, pos, hs):
    """(matches, coach) for one jump with gate positions."""
    g, gp = int(j["gate"]), j["gate_points"]
    if g == start:
        return gp == 0, False
    if g < start and gp == 0 and hs and j["dist"] * 100 < hs * 95:
        return True, True
    return gp == round_tenth(factor * F(pos[start] - pos[g], 100)), False


def fit_starts(jumps, starts, factor, hs):
    """(jumps explained, nodes, constraints, mean step) for these starting gates, or None."""
    kept, nodes, cons = position_fit(jumps, starts, factor, hs, MIN_STEP_CM, MAX_STEP_CM)
    if not kept:
        return None
    # the mean gate step the kept constraints imply, then the fit again within 25% of it
    num = sum(F(r[0] + r[1], 2) * (1 if s > g else -1) for s, g, r, _ in kept)
    den = sum(abs(s - g) for s, g, _, _ in kept)
    step = num / den
    lo = max(MIN_STEP_CM, int(step * (1 - STEP_SPREAD)) + 1)
    hi = min(MAX_STEP_CM, int(step * (1 + STEP_SPREAD)))
    if lo > hi:
        return None
    kept, nodes, cons = position_fit(jumps, starts, factor, hs, lo, hi)
    if not kept:
        return None
    # every solution meets the kept constraints and none meets a dropped one
    keys = {(s, g, gp) for s, g, r, gp in kept}
    score = 0
    for j in jumps:
        s, g, gp = starts[j["slot"]], int(j["gate"]), j["gate_points"]
        if g == s:
            score += gp == 0
        elif g < s and gp == 0 and hs and j["dist"] * 100 < hs * 95:
            score += 1
        else:
            score += (s, g, gp) in keys
    return score, nodes, cons, step


def derive_positions(jumps, nslots, hs, factor, single_starts):
    """(starts per slot, positions, jumps explained) explaining the most jumps, or None.

    Every combination of starting gates near the gates used when there are few
    (individual events), else each slot's starting gate in turn from those of
    the single points per gate until no change explains more (team events)."""
    if factor <= 0 or any(j["gate"].denominator != 1 for j in jumps):
        return None  # only where every gate is given
    cands = []
    for k in range(nslots):
        used = sorted({int(j["gate"]) for j in jumps if j["slot"] == k})
        near = {g + d for g in used for d in range(-3, 4)} | {int(single_starts[k])}
        # the gate most jumps of the slot started from first, as for one points per gate
        common = collections.Counter(int(j["gate"]) for j in jumps if j["slot"] == k)
        cands.append(sorted(near, key=lambda s: (-common.get(s, 0), s)))
    best = None
    combos = 1
    for c in cands:
        combos *= len(c)
    if combos <= 400:
        for starts in itertools.product(*cands):
            fit = fit_starts(jumps, starts, factor, hs)
            if fit and (best is None or fit[0] > best[0][0]):
                best = (fit, starts)
    else:
        starts = tuple(int(x) for x in single_starts)
        fit = fit_starts(jumps, starts, factor, hs)
        best = (fit, starts) if fit else None
        improved = True
        while improved and best:
            improved = False
            for k in range(nslots):
                for c in cands[k]:
                    trial = best[1][:k] + (c,) + best[1][k + 1:]
                    fit = fit_starts(jumps, trial, factor, hs)
                    if fit and fit[0] > best[0][0]:
                        best, improved = (fit, trial), True
    if best is None:
        return None
    (score, nodes, cons, step), starts = best
    pos = canonical_positions(nodes, cons, step)
    return list(starts), pos, score


def start_text(slots, starts):
    """Starting gates: "19,18" per round; team events "20/12/19/12,..." per group."""
    rounds = []
    for r in sorted({r for r, _ in slots}):
        by_group = {g: int(starts[i]) for i, (rr, g) in enumerate(slots) if rr == r}
        if set(by_group) == {0}:
            rounds.append(str(by_group[0]))
        else:
            # a group without a jump in this round takes the round's first group's gate
            first = by_group[min(by_group)]
            rounds.append("/".join(str(by_group.get(g, first)) for g in range(1, 5)))
    return ",".join(rounds)


def fmt(x, decimals):
    """A Fraction with exactly `decimals` decimals (it must be exact)."""
    scaled = x * 10 ** decimals
    if scaled.denominator != 1:
        raise ValueError("%s has more than %d decimals" % (x, decimals))
    n = int(scaled)
    sign = "-" if n < 0 else ""
    n = abs(n)
    if decimals == 0:
        return "%s%d" % (sign, n)
    return "%s%d.%0*d" % (sign, n // 10 ** decimals, decimals, n % 10 ** decimals)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else SRC
    out = sys.argv[2] if len(sys.argv) > 2 else OUT
    hills = {}
    with open(os.path.join(src, "all_comps.csv"), newline="") as f:
        for row in csv.DictReader(f):
            hills.setdefault((row["season"], row["codex"]), row)
    comps = collections.OrderedDict()
    with open(os.path.join(src, "jumps_2012_2016.csv"), newline="") as f:
        for row in csv.DictReader(f):
            comps.setdefault((row["year"], row["codex"]), []).append(row)

    lines = [
        "# FIS ski jumping World Cup and Grand Prix jumps 2012-2016, converted by",
        "# tools/convert_skijumping.py from ../shared/data/skijumping (public repository",
        "# wrotki8778/Ski_jumping_data_center). Do not edit: rerun the converter.",
        "# C season codex k hs meter_value base rounds head tail ppg|factor|- start_gates|-"
        " positions|-",
        "# (positions: LOWEST_GATE:cm,cm,... the in-run position of each gate from the lowest;"
        " with positions the ppg field is the gate factor in points per metre)",
        "# (start_gates: one per round, comma-separated; team events: the gates of groups 1..4"
        " of each round joined by '/')",
        "# J athlete round group(0: individual) distance m1 m2 m3 m4 m5 wind gate|- coach(0/1)"
        " => distance_points style_points gate_points wind_points points",
    ]
    njumps, tables = 0, 0
    for (season, codex), rows in comps.items():
        hill = hills[(season, codex)]
        k, hs, mv = F(hill["k-point"]), F(hill["hill_size_x"]), F(hill["meter value"])
        base = F(120) if k >= 170 else F(60)
        ids, seen, jumps = {}, collections.Counter(), []
        for row in rows:
            seen[row["name"]] += 1
            ids.setdefault(row["name"], len(ids) + 1)
            jumps.append({
                "athlete": ids[row["name"]], "round": seen[row["name"]],
                "dist": F(row["dist"]), "marks": [F(row["note_%d" % i]) for i in range(1, 6)],
                "wind": F(row["wind"]), "gate": F(row["gate"]),
                "wind_points": F(row["wind_comp"]), "gate_points": F(row["gate_points"]),
                "dist_points": F(row["dist_points"]), "style": F(row["note_points"]),
                "points": F(row["points"]),
            })
        rounds = max(j["round"] for j in jumps)
        # team events: members jump in groups 1..4, each group from its own starting gate
        # (the source lists each team's members in group order, teams one after another)
        team = hill["team"] == "1"
        for j in jumps:
            j["group"] = (j["athlete"] - 1) % 4 + 1 if team else 0
        slots = sorted({(j["round"], j["group"]) for j in jumps})
        for j in jumps:
            j["slot"] = slots.index((j["round"], j["group"]))
        listed = F(hill["wind factor"]) if hill["wind factor"] else None
        head, tail = derive_wind(jumps, listed)
        gate = derive_gate(jumps, len(slots), hs)
        factor, pos = None, None
        if gate:
            ppg, starts = gate
            single = sum(1 for j in jumps
                         if (gate_match(j, starts[j["slot"]], ppg, hs)[0]
                             if j["gate"].denominator == 1 else j["gate_points"] == 0))
            fit = None
            if single < len(jumps) and hill["gate factor"]:
                fit = derive_positions(jumps, len(slots), hs, F(hill["gate factor"]), starts)
            if fit and fit[2] > single:
                starts, pos, _ = fit
                factor = F(hill["gate factor"])
                low = min(pos)
                table = "%d:%s" % (low, ",".join(str(pos[g] - pos[low]) for g in sorted(pos)))
                gate_txt = "%s %s %s" % (fmt(factor, 2), start_text(slots, starts), table)
                tables += 1
                print("  %s %s: gate factor %s/m, %d -> %d of %d jumps, steps %s cm" % (
                    season, codex, fmt(factor, 2), single, fit[2], len(jumps),
                    [pos[g + 1] - pos[g] for g in sorted(pos)[:-1]]))
            else:
                gate_txt = "%s %s -" % (fmt(ppg, 2), start_text(slots, starts))
        else:
            gate_txt = "- - -"
        lines.append("C %s %s %s %s %s %s %d %s %s %s" % (
            season, codex, fmt(k, 1), fmt(hs, 1), fmt(mv, 2), fmt(base, 1), rounds,
            fmt(head, 2), fmt(tail, 2), gate_txt))
        for j in jumps:
            coach = False
            if j["gate"].denominator != 1:
                pass  # gate not given: no compensation
            elif pos:
                coach = gate_match_positions(j, starts[j["slot"]], factor, pos, hs)[1]
            elif gate:
                coach = gate_match(j, starts[j["slot"]], ppg, hs)[1]
            gate_field = fmt(j["gate"], 0) if j["gate"].denominator == 1 and gate else "-"
            lines.append("J %d %d %d %s %s %s %s %d => %s %s %s %s %s" % (
                j["athlete"], j["round"], j["group"], fmt(j["dist"], 1),
                " ".join(fmt(m, 1) for m in j["marks"]), fmt(j["wind"], 2), gate_field,
                1 if coach else 0, fmt(j["dist_points"], 1), fmt(j["style"], 1),
                fmt(j["gate_points"], 1), fmt(j["wind_points"], 1), fmt(j["points"], 1)))
            njumps += 1
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("%d competitions (%d with gate positions), %d jumps -> %s" % (
        len(comps), tables, njumps, out))


if __name__ == "__main__":
    main()
