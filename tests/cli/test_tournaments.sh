#!/bin/sh
# End-to-end tests of `podium score` for the kinds round-robin, tournament and
# medals: the Beijing 2022 files score, and bad variants of them are rejected
# with exit 2, one line on stderr naming the field, nothing on stdout.
# usage: test_tournaments.sh PODIUM SOURCE_ROOT
set -u
PODIUM=$1
DATA=$2/tests/data
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# good FILE TEXT: scores with exit 0 and TEXT in the output
good() {
    "$PODIUM" score "$1" >"$TMP/out" 2>"$TMP/err" || fail "$1: exit $?: $(cat "$TMP/err")"
    grep -qF -- "$2" "$TMP/out" || fail "$1: output lacks '$2'"
}

# bad FILE TEXT: exit 2, one line on stderr containing TEXT, nothing on stdout
bad() {
    "$PODIUM" score "$1" >"$TMP/out" 2>"$TMP/err"
    got=$?
    [ "$got" -eq 2 ] || fail "$1: exit $got, expected 2; stderr: $(cat "$TMP/err")"
    grep -qF -- "$2" "$TMP/err" || fail "$1: stderr lacks '$2': $(cat "$TMP/err")"
    [ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "$1: expected one line on stderr: $(cat "$TMP/err")"
    [ ! -s "$TMP/out" ] || fail "$1: stdout not empty"
}

WA=$DATA/iho/owg2022-women-group-A.json
good "$WA" '"tie_break": "IIHF: goal difference in games among the tied teams"'
good "$DATA/iho/owg2022-men.json" '"competitor": "FIN"'
good "$DATA/cur/owg2022-women-round-robin.json" '"result": "5-4"'
good "$DATA/cur/owg2022-mixed.json" '"competitor": "ITA"'
good "$DATA/medals/owg2022.json" '"result": "16-8-13"'

# a game listed twice (the same line again, from the other side)
sed 's/^  {"competitor": "CAN", "game": "GPA-000100".*$/&\n  {"competitor": "SUI", "game": "GPA-000100", "opponent": "CAN", "for": 1, "against": 12, "decided": "REG"},/' \
    "$WA" >"$TMP/twice.json"
bad "$TMP/twice.json" 'performances[1].game: game "GPA-000100" listed twice (also performances[0])'

# scores that contradict `decided`
sed 's/"for": 12, "against": 1, "decided": "REG"/"for": 12, "against": 1, "decided": "OT"/' \
    "$WA" >"$TMP/ot.json"
bad "$TMP/ot.json" 'performances[0].decided: 12-1 contradicts decided OT'
sed 's/"for": 12, "against": 1, "decided": "REG"/"for": 1, "against": 1, "decided": "SO"/' \
    "$WA" >"$TMP/level.json"
bad "$TMP/level.json" 'performances[0].decided: 1-1 is level'
sed 's/"decided": "REG"/"decided": "ET"/' "$WA" >"$TMP/et.json"
bad "$TMP/et.json" 'performances[0].decided: expected REG, OT or SO'

# an unknown opponent, a team playing itself
sed 's/"opponent": "SUI", "for": 12/"opponent": "XXX", "for": 12/' "$WA" >"$TMP/opp.json"
bad "$TMP/opp.json" 'performances[0].opponent: unknown competitor "XXX"'
sed 's/"opponent": "SUI", "for": 12/"opponent": "CAN", "for": 12/' "$WA" >"$TMP/self.json"
bad "$TMP/self.json" 'performances[0].opponent: "CAN" cannot play itself'

# a team in no group
sed 's/^  {"id": "CAN", "name": "Canada", "noc": "CAN"},$/&\n  {"id": "ITA", "name": "Italy", "noc": "ITA"},/' \
    "$DATA/iho/owg2022-men.json" >"$TMP/nogroup.json"
bad "$TMP/nogroup.json" 'competitors[1].id: team "ITA" is in no group'

# a play-off game the format does not pair (USA played SVK, not CZE)
sed 's/"game": "QFNL000100", "opponent": "SVK"/"game": "QFNL000100", "opponent": "CZE"/' \
    "$DATA/iho/owg2022-men.json" >"$TMP/pairing.json"
bad "$TMP/pairing.json" 'is not a pairing of format owg2022-men'

# a group game across groups
sed 's/"game": "GPA-000100", "opponent": "CHN"/"game": "GPA-000100", "opponent": "FIN"/' \
    "$DATA/iho/owg2022-men.json" >"$TMP/cross.json"
bad "$TMP/cross.json" 'are not in the same group'

# curling: both teams scoring in an end; the ends against a given total
CM=$DATA/cur/owg2022-men-round-robin.json
sed 's/"opponent": "CAN", "ends": \[\[0, 1\], \[2, 0\]/"opponent": "CAN", "ends": [[1, 1], [2, 0]/' "$CM" >"$TMP/both.json"
bad "$TMP/both.json" 'ends[0]: 1-1: only one team scores in an end'
sed 's/"hammer": "DEN", "conceded": "DEN"}/"hammer": "DEN", "conceded": "CAN"}/' "$CM" >"$TMP/concede.json"
bad "$TMP/concede.json" 'conceded: the conceding team is not behind'

# medals: a rank that cannot follow the others
sed '0,/"rank": 2}/s/"rank": 2}/"rank": 4}/' "$DATA/medals/owg2022.json" >"$TMP/rank.json"
bad "$TMP/rank.json" '.rank: rank 4 in'

[ "$failures" -eq 0 ] || exit 1
echo "all tournament CLI checks passed"
