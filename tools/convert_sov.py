#!/usr/bin/env python3
"""Write data/sov/2021-22.json: the ISU Scale of Values of season 2021/22.

The ISU publishes its Scale of Values (SOV) as PDF tables: one row per
element and level with the base value and the value of each Grade of
Execution (GOE) from -5 to +5. This script holds the published base values
(transcribed below, with the source of each group) and expands them into the
rows the ISU prints, in our own format podium-sov/1 (docs/formats.md,
"Scale of Values files"):

- Singles and pairs (ISU Communication 2253, Scale of Values 2019/20, kept in
  force for 2020/21 by Communication 2332 and for 2021/22): each GOE grade is
  worth 10 % of the base value, so grade g of an element with base value b is
  round_half_up(b * g / 10, 2). Reduced rows are listed like the ISU lists
  them: under-rotated jumps "<" and wrong-edge take-offs "e" at 80 %, both
  "e<" at 60 % (ISU Rule 611 / Communication 2253 note on jumps), spins with
  "V" at 75 %; their GOE values are 10 % of the reduced value as published,
  rounded to 0.01 (CUSpBV 1.13, -5 = -0.57, as the protocols print it).
- Choreographic sequence ChSq1: base 3.00, fixed 0.50 per grade.
- Ice dance (ISU Communication 2256, valid for 2021/22 by Communication
  2393): the GOE values are not 10 % of the base value; the table below
  gives the published value of each grade, see docs/validation.md for
  which rows were established from the protocols.

Python 3 standard library only. Run from anywhere:

    python3 tools/convert_sov.py [--out FILE]
"""

import argparse
import json
import os
import sys
from fractions import Fraction

SEASON = "2021-22"

# Base values of listed jumps in hundredths (ISU Communication 2253, jumps).
JUMPS = {
    1: {"T": 40, "S": 40, "Lo": 50, "Eu": 50, "F": 50, "Lz": 60, "A": 110},
    2: {"T": 130, "S": 130, "Lo": 170, "F": 180, "Lz": 210, "A": 330},
    3: {"T": 420, "S": 430, "Lo": 490, "F": 530, "Lz": 590, "A": 800},
    4: {"T": 950, "S": 970, "Lo": 1050, "F": 1100, "Lz": 1150, "A": 1250},
}
EDGE_JUMPS = ("F", "Lz")  # the take-off edge is judged ("e", "!") only on these

# Spins: code -> values of levels B, 1, 2, 3, 4 (hundredths).
SPINS = {
    "USp": (100, 120, 150, 190, 240),
    "LSp": (120, 150, 190, 240, 270),
    "CSp": (110, 140, 180, 230, 260),
    "SSp": (110, 130, 160, 210, 250),
    "FCSp": (160, 190, 230, 280, 320),
    "FSSp": (170, 200, 230, 260, 300),
    "CUSp": (150, 170, 200, 240, 290),
    "CCSp": (170, 200, 230, 280, 320),
    "CSSp": (160, 190, 230, 260, 300),
    "FCCSp": (170, 200, 230, 280, 320),
    "FCSSp": (160, 190, 230, 260, 300),
    "CoSp": (150, 170, 200, 250, 300),
    "CCoSp": (170, 200, 250, 300, 350),
    "FCCoSp": (170, 200, 250, 300, 350),
}
LEVELS = ("B", "1", "2", "3", "4")

# Step sequence (singles and pairs).
STEPS = {"StSq": (150, 180, 260, 330, 390)}

# Pair elements: only the rows confirmed by a 2021/22 protocol or fixed by a
# stated equality of the SOV (docs/formats.md lists what is left out).
PAIR_LEVELLED = {
    "1Tw": {"1": 110},
    "2Tw": {"B": 260, "1": 280, "2": 300, "3": 320},
    "3Tw": {"2": 540, "3": 570},
    "1Li": {"2": 170},
    "2Li": {"1": 190},
    "3Li": {"2": 430, "3": 470, "4": 510},
    "4Li": {"2": 430, "3": 470, "4": 510},
    "5TLi": {"2": 540, "3": 580, "4": 620},
    "5SLi": {"2": 540, "3": 580, "4": 620},
    "5RLi": {"2": 620, "3": 660, "4": 700},
    "5ALi": {"2": 620, "3": 660, "4": 700},
    "BoDs": {"B": 310, "1": 350, "2": 390, "3": 430},
    "FiDs": {"2": 320, "3": 350},
    "BiDs": {"3": 350},
    "PCoSp": {"3": 400, "4": 450},
}
THROWS = {"2TTh": 250, "2STh": 250, "2LoTh": 280, "3TTh": 440, "3STh": 440, "3LoTh": 500,
          "3FTh": 530, "3LzTh": 530}

# Ice dance (ISU Communication 2256 with Communication 2393, season 2021/22).
# The published GOE values of a dance element do not follow its base value:
# every level of an element type shares one step per grade, and the
# 2021/22 protocols fit exactly a step of 15 % of the type's Level 1 base
# value (Level B: 15 % of the Level B value), grade g worth
# round_half_up(g * step, 0.01); choreographic elements have their own
# steps, larger for + grades than for - grades. docs/validation.md says
# which rows and grades are confirmed by a protocol and which rest on this
# rule only. Values in hundredths.
DANCE_TYPES = [
    # (codes, kind, {level: base}, level-1 base for the GOE step)
    (("RoLi", "StaLi", "CuLi", "SlLi"), "dance-lift", {"2": 380, "3": 455, "4": 530}, 305),
    (("MiSt", "DiSt", "CiSt"), "dance-steps", {"1": 645, "2": 695, "3": 770}, 645),
    (("CoSp",), "dance-spin", {"1": 375, "2": 450, "3": 525, "4": 600}, 375),
    (("Sp",), "dance-spin", {"4": 600}, 375),
    # One partner's part of a set of twizzles or a one-foot step sequence:
    # the element "SyTwW4+SyTwM4" is the sum of its two parts.
    (("SyTwW", "SyTwM", "SqTwW", "SqTwM"), "dance-partner",
     {"B": 80, "1": 242, "2": 267, "3": 305, "4": 342}, 242),
    (("OFStW", "OFStM"), "dance-partner", {"1": 242, "2": 267, "3": 305}, 242),
    # Rhythm Dance pattern dance elements (Blues sections 1 and 2), amended
    # by Communication 2393; the key points ("+kpYYNN") carry no value.
    (("1BL", "2BL"), "dance-pattern", {"B": 250, "1": 350, "2": 400, "3": 475, "4": 550}, 350),
]
# Choreographic elements: base 1.10, + grades 0.83 each, - grades 0.22 each.
DANCE_CHOREO = (("ChSt1", "ChSl1", "ChSp1", "ChLi1"), 110, 83, 22)


def dance_goe(step_hundredths_exact):
    return [fmt(hundredths(step_hundredths_exact * g / 100)) for g in range(-5, 6)]


def round_half_up(value, unit=Fraction(1, 100)):
    """value (a Fraction, >= 0 or < 0) to a multiple of unit, halves away from zero."""
    q = abs(value) / unit
    n = int(q)
    if q - n >= Fraction(1, 2):
        n += 1
    return (n if value >= 0 else -n) * unit


def hundredths(value):
    return int(round_half_up(value) * 100)


def fmt(h):
    sign = "-" if h < 0 else ""
    h = abs(h)
    return "%s%d.%02d" % (sign, h // 100, h % 100)


def ten_percent_row(code, base_exact, kind):
    """A row whose grade g is worth g * 10 % of the published (rounded) base value."""
    base = hundredths(base_exact)
    goe = []
    for g in range(-5, 6):
        goe.append(fmt(hundredths(Fraction(base, 100) * g / 10)))
    return {"code": code, "kind": kind, "base": fmt(base), "goe": goe}


def singles_pairs_rows():
    rows = []
    for rot, jumps in JUMPS.items():
        for name, base in jumps.items():
            b = Fraction(base, 100)
            code = "%d%s" % (rot, name)
            rows.append(ten_percent_row(code, b, "jump"))
            rows.append(ten_percent_row(code + "<", b * Fraction(8, 10), "jump"))
            if name in EDGE_JUMPS:
                rows.append(ten_percent_row(code + "e", b * Fraction(8, 10), "jump"))
                rows.append(ten_percent_row(code + "e<", b * Fraction(6, 10), "jump"))
    for code, base in THROWS.items():
        b = Fraction(base, 100)
        rows.append(ten_percent_row(code, b, "throw"))
        rows.append(ten_percent_row(code + "<", b * Fraction(8, 10), "throw"))
    for name, values in SPINS.items():
        for level, base in zip(LEVELS, values):
            b = Fraction(base, 100)
            rows.append(ten_percent_row(name + level, b, "spin"))
            rows.append(ten_percent_row(name + level + "V", b * Fraction(75, 100), "spin"))
    for name, values in STEPS.items():
        for level, base in zip(LEVELS, values):
            rows.append(ten_percent_row(name + level, Fraction(base, 100), "steps"))
    rows.append({"code": "ChSq1", "kind": "choreo", "base": "3.00",
                 "goe": [fmt(50 * g) for g in range(-5, 6)]})
    for name, levels in PAIR_LEVELLED.items():
        for level in LEVELS:
            if level in levels:
                b = Fraction(levels[level], 100)
            rows.append(ten_percent_row(name + level, b, "pair"))
            if name.endswith("Sp"):
                rows.append(ten_percent_row(name + level + "V", b * Fraction(75, 100), "pair"))
    return rows


def dance_rows():
    rows = []
    for codes, kind, levels, level1 in DANCE_TYPES:
        for code in codes:
            for level in LEVELS:
                if level not in levels:
                    continue
                base = levels[level]
                step = Fraction(15, 100) * (base if level == "B" else level1)
                rows.append({"code": code + level, "kind": kind, "base": fmt(base),
                             "goe": dance_goe(step)})
    codes, base, plus, minus = DANCE_CHOREO
    for code in codes:
        goe = [fmt(minus * g) for g in range(-5, 0)] + [fmt(plus * g) for g in range(0, 6)]
        rows.append({"code": code, "kind": "dance-choreo", "base": fmt(base), "goe": goe})
    return rows


def build():
    return {
        "format": "podium-sov/1",
        "season": SEASON,
        "sources": [
            "ISU Communication 2253 (Single & Pair Skating Scale of Values), in force for "
            "2021/22",
            "ISU Communication 2256 (Ice Dance Scale of Values), valid for 2021/22 per ISU "
            "Communication 2393",
        ],
        "tables": [
            {"name": "singles-pairs", "rows": singles_pairs_rows()},
            {"name": "dance", "rows": dance_rows()},
        ],
    }


def dump(doc):
    """Pretty JSON, one row per line, byte-stable."""
    out = ['{', ' "format": %s,' % json.dumps(doc["format"]),
           ' "season": %s,' % json.dumps(doc["season"]),
           ' "sources": %s,' % json.dumps(doc["sources"]), ' "tables": [']
    for ti, table in enumerate(doc["tables"]):
        out.append('  {"name": %s, "rows": [' % json.dumps(table["name"]))
        for ri, row in enumerate(table["rows"]):
            comma = "," if ri + 1 < len(table["rows"]) else ""
            out.append("   " + json.dumps(row, separators=(", ", ": ")) + comma)
        out.append("  ]}" + ("," if ti + 1 < len(doc["tables"]) else ""))
    out.append(" ]")
    out.append("}")
    return "\n".join(out) + "\n"


KIND_ENUM = {
    "jump": "PD_FSK_ROW_JUMP", "throw": "PD_FSK_ROW_THROW", "spin": "PD_FSK_ROW_SPIN",
    "steps": "PD_FSK_ROW_STEPS", "choreo": "PD_FSK_ROW_CHOREO", "pair": "PD_FSK_ROW_PAIR",
    "dance-lift": "PD_FSK_ROW_DANCE", "dance-steps": "PD_FSK_ROW_DANCE",
    "dance-spin": "PD_FSK_ROW_DANCE", "dance-pattern": "PD_FSK_ROW_DANCE",
    "dance-choreo": "PD_FSK_ROW_DANCE", "dance-partner": "PD_FSK_ROW_DANCE_PARTNER",
}


def cents(text):
    sign = -1 if text.startswith("-") else 1
    whole, frac = text.lstrip("-").split(".")
    return sign * (int(whole) * 100 + int(frac))


def c_source(doc):
    """The same tables as C data for src/rules/figureskating_sov.c."""
    ident = doc["season"].replace("-", "_")
    out = ["/*",
           " * figureskating_sov.c: the ISU Scale of Values %s as C tables." % doc["season"],
           " *",
           " * GENERATED by tools/convert_sov.py from the same source as",
           " * data/sov/%s.json (format podium-sov/1, docs/formats.md); do not edit." % doc["season"],
           " * tests/rules/test_figureskating_sov.c checks that both agree row by row.",
           " * Rows are sorted by code (strcmp order) for pd_fsk_sov_lookup.",
           " */",
           '#include "podium/figureskating.h"', "", "#include <string.h>", ""]
    names = {}
    for table in doc["tables"]:
        cname = "sov_%s_%s" % (ident, table["name"].replace("-", "_"))
        names[table["name"]] = cname
        rows = sorted(table["rows"], key=lambda r: r["code"].encode())
        out.append("static const pd_fsk_sov_row %s_rows[] = {" % cname)
        for row in rows:
            goe = ", ".join(str(cents(v)) for v in row["goe"])
            out.append('    {"%s", %s, %d,' % (row["code"], KIND_ENUM[row["kind"]],
                                             cents(row["base"])))
            out.append('     {%s}},' % goe)
        out.append("};")
        out.append("static const pd_fsk_sov_table %s = {\n    \"%s\", %s_rows," % (
            cname, table["name"], cname))
        out.append("    sizeof %s_rows / sizeof %s_rows[0]};" % (cname, cname))
        out.append("")
    out.append("static const pd_fsk_sov sov_%s = {\"%s\", &%s, &%s};" % (
        ident, doc["season"], names["singles-pairs"], names["dance"]))
    out.append("")
    out.append("const pd_fsk_sov *pd_fsk_sov_find(const char *season)")
    out.append("{")
    out.append("    return strcmp(season, \"%s\") == 0 ? &sov_%s : NULL;" % (doc["season"], ident))
    out.append("}")
    return "\n".join(out) + "\n"


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(root, "data", "sov", SEASON + ".json"))
    ap.add_argument("--c-out", default=os.path.join(root, "src", "rules",
                                                    "figureskating_sov.c"))
    args = ap.parse_args()
    doc = build()
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(dump(doc))
    with open(args.c_out, "w", encoding="utf-8") as f:
        f.write(c_source(doc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
