#!/usr/bin/env python3
"""Convert the 2021/22 ISU protocols into Podium test data.

Reads ../shared/data/fsk-2021-22 (ISU Judging System protocols of French
competitions of season 2021/22, among them the international First Trophy
Metropole Nice Cote d'Azur 2021, parsed to JSON with every judge's marks by
the public repository AbelThorne/figure-skating-analyzer) and writes
tests/data/fsk/protocols.json (format podium-fsk-protocols/1): for every
protocol, a podium-score/1 document of kind "figure-skating-segment" and the
official figures of each performance as the protocol prints them. The test
tests/rules/test_figureskating_protocols.c scores every document with
`podium score`'s code and compares.

A performance is kept when (the brief of issue 5, then the ISU rules):
  - its panel has 5 judges or more (domestic panels of 3 use a plain mean),
  - it has no "bonification" (a French domestic addition outside the rules),
  - its printed totals obey the ISU identity TSS = TES + PCS - deductions.
    Protocols of the French "socle commun" categories (SC*, Cat. B/D,
    Regional, Open socle commun) break it: they value "x" at 200 % and
    print a TSS that is not the sum; they are not ISU Judging System
    protocols and are left out, counted in the summary.

Python 3 standard library only. From the repository root:

    python3 tools/convert_fsk.py [--data DIR] [--out FILE]
"""

import argparse
import glob
import json
import math
import os
import sys
from fractions import Fraction

COMPONENTS = {
    "skating_skills": "SS", "transitions": "TR", "performance": "PE", "composition": "CO",
    "interpretation_of_the_music": "IN", "interpretation": "IN",
    "interpretation_of_the_music/_timing": "IN",
}
DANCE_HINTS = ("SyTw", "SqTw", "OFSt", "MiSt", "DiSt", "CiSt", "RoLi", "StaLi", "CuLi", "SlLi",
               "BL1", "BL2", "BL3", "BL4", "BLB", "ChSl", "ChSt1", "ChSp1", "ChLi1")
PAIR_HINTS = ("Tw", "Li", "Th", "Ds", "PCoSp", "PiF")


def nan(v):
    return isinstance(v, float) and math.isnan(v)


def dec(v):
    return Fraction(str(v))


def fmt(f):
    """A Fraction with at most two decimals as the protocol prints it."""
    cents = f * 100
    if cents.denominator != 1:
        raise ValueError("more than two decimals: %s" % f)
    c = int(cents)
    sign = "-" if c < 0 else ""
    return "%s%d.%02d" % (sign, abs(c) // 100, abs(c) % 100)


def judges(item):
    return [item["J%d" % j] for j in range(1, 10) if not nan(item["J%d" % j])]


def elements_of(perf):
    return [e for k, e in perf["elements"].items()
            if k != "total" and isinstance(e["element_desc"], str)]


def discipline_kind(name, perfs):
    codes = [e["element_desc"] for p in perfs for e in elements_of(p)]
    upper = name.upper()
    if "DANCE" in upper or any(h in c for c in codes for h in DANCE_HINTS):
        return "dance"
    if "COUPLE" in upper or "PAIRS" in upper or any(
            h in c for c in codes for h in PAIR_HINTS if not c.startswith(("C", "F", "S", "U", "L"))):
        return "pairs"
    if any(w in upper for w in ("WOMEN", "FEMME", "DAME", "FILLE")):
        return "women"
    if any(w in upper for w in ("HOMME", "MESSIEURS", "MESSSIEURS", "MEN", "GARCONS", "GARONS")):
        return "men"
    return "women"


def segment_of(name, kind):
    for seg in ("SP", "FS", "RD", "FD"):
        if "_%s_" % seg in name:
            if kind == "dance" and seg in ("SP", "FS"):
                return {"SP": "RD", "FS": "FD"}[seg]
            return seg
    raise ValueError("no segment in " + name)


def exclusion(perf):
    m = perf["metadata"]
    panel = max([len(judges(e)) for e in elements_of(perf)] + [0])
    if panel < 5:
        return "panel of fewer than 5 judges"
    if m["bonifications"]:
        return "bonification"
    total = dec(m["total_element_score"]) + dec(m["total_component_score"]) - abs(
        dec(m["total_deductions"]))
    if total != dec(m["total_segment_score"]):
        return "printed TSS is not TES + PCS - deductions (domestic scoring)"
    return None


def convert_performance(perf, cid):
    m = perf["metadata"]
    elements, expected_elements = [], []
    for e in elements_of(perf):
        grades = judges(e)
        for g in grades:
            if g != int(g):
                raise ValueError("grade %s" % g)
        elements.append({"code": e["element_desc"], "x": e["credit_flag"] == "x",
                         "goe": [int(g) for g in grades]})
        goe = Fraction(0) if nan(e["goe"]) else dec(e["goe"])
        expected_elements.append([fmt(dec(e["base_value"])), fmt(goe),
                                  fmt(dec(e["scores_of_panel"]))])
    components, expected_components = [], []
    for key, c in perf["components"].items():
        marks = judges(c)
        if not marks:
            continue  # a component this domestic category does not judge
        components.append({"code": COMPONENTS[key], "factor": fmt(dec(c["factor"])),
                           "marks": [fmt(dec(v)) for v in marks]})
        expected_components.append(fmt(dec(c["scores_of_panel"])))
    score = {"competitor": cid, "elements": elements, "components": components,
             "deductions": fmt(abs(dec(m["total_deductions"])))}
    expected = {"competitor": cid, "rank": int(m["rank"]), "tss": fmt(dec(m["total_segment_score"])),
                "tes": fmt(dec(m["total_element_score"])),
                "pcs": fmt(dec(m["total_component_score"])),
                "elements": expected_elements, "components": expected_components}
    return score, expected


def convert(data_dir):
    protocols, summary = [], {}
    for path in sorted(glob.glob(os.path.join(data_dir, "*", "*.json"))):
        rel = os.path.relpath(path, data_dir)
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        perfs = doc["performances"]
        kind = discipline_kind(os.path.basename(path), perfs)
        segment = segment_of(os.path.basename(path), kind)
        competitors, scores, expected = [], [], []
        for perf in perfs:
            reason = exclusion(perf)
            group = summary.setdefault(kind, {"kept": 0})
            if reason:
                group[reason] = group.get(reason, 0) + 1
                continue
            group["kept"] += 1
            m = perf["metadata"]
            cid = "c%s" % m["starting_number"]
            competitors.append({"id": cid, "name": m["name"], "noc": m["nation"][:3],
                                "bib": str(m["starting_number"])})
            s, e = convert_performance(perf, cid)
            scores.append(s)
            expected.append(e)
        if not scores:
            continue
        complete = len(scores) == len(perfs)
        if not complete:
            for e in expected:
                del e["rank"]  # ranks only compare within a complete field
        protocols.append({
            "file": rel,
            "score": {"format": "podium-score/1", "discipline": "FSK",
                      "kind": "figure-skating-segment",
                      "config": {"segment": segment, "discipline_kind": kind, "sov": "2021-22"},
                      "competitors": competitors, "performances": scores},
            "expected": expected,
        })
    return protocols, summary


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=os.path.join(root, "..", "shared", "data", "fsk-2021-22"))
    ap.add_argument("--out", default=os.path.join(root, "tests", "data", "fsk", "protocols.json"))
    args = ap.parse_args()
    protocols, summary = convert(args.data)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    out = {"format": "podium-fsk-protocols/1",
           "source": "AbelThorne/figure-skating-analyzer data/competitions/2021-2022 "
                     "(ISU Judging System protocols, season 2021/22)",
           "summary": summary, "protocols": protocols}
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("{\n")
        f.write(' "format": %s,\n "source": %s,\n' % (json.dumps(out["format"]),
                                                     json.dumps(out["source"])))
        f.write(' "summary": %s,\n "protocols": [\n' % json.dumps(summary, sort_keys=True))
        for i, p in enumerate(protocols):
            f.write("  " + json.dumps(p, ensure_ascii=False, separators=(",", ":")))
            f.write(",\n" if i + 1 < len(protocols) else "\n")
        f.write(" ]\n}\n")
    for kind in sorted(summary):
        print(kind, json.dumps(summary[kind], sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
