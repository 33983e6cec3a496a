#!/bin/sh
# `podium score` on figure skating segment files: a good file (the top three
# of the Trophee Metropole Nice Cote d'Azur 2021 Senior Men free skating, as
# printed: 137.86, 130.73, 130.68) and bad files, each rejected with exit 2,
# one line on stderr naming the field, nothing on stdout.
# usage: test_figureskating_cli.sh PODIUM SOURCE_ROOT
set -u
PODIUM=$1
DATA=$2/tests/data/fsk/cli
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0
fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

"$PODIUM" score "$DATA/good.json" >"$TMP/out" 2>"$TMP/err" || fail "good.json exited $?"
[ -s "$TMP/err" ] && fail "good.json wrote to stderr: $(cat "$TMP/err")"
for want in '"result": "137.86"' '"result": "130.73"' '"result": "130.68"' '"tes": "68.36"' \
    '"pcs": "69.50"' '"code": "3A+1Eu+3S"' '"base_value": "12.80"' '"factored": "13.88"'; do
    grep -qF -- "$want" "$TMP/out" || fail "good.json output lacks $want"
done

# bad FILE FIELD: exit 2, one line naming FIELD, empty stdout
bad() {
    "$PODIUM" score "$DATA/$1" >"$TMP/out" 2>"$TMP/err"
    status=$?
    [ "$status" -eq 2 ] || fail "$1 exited $status, expected 2"
    [ -s "$TMP/out" ] && fail "$1 wrote to stdout"
    [ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "$1: expected one line on stderr: $(cat "$TMP/err")"
    grep -qF -- "$2" "$TMP/err" || fail "$1: stderr does not name $2: $(cat "$TMP/err")"
}
bad bad_code.json "performances[0].elements[0].code"
bad bad_grade.json "performances[0].elements[2].goe[1]"
bad bad_panel.json "performances[1].components[1].marks"
bad bad_segment.json "config.segment"
bad bad_key.json "performances[0].elements[0].bonus"
bad bad_mark.json "performances[2].components[0].marks[0]"
bad bad_sov.json "config.sov"
bad bad_missing.json "competitors[2]"

# the event and team kinds: Beijing 2022 men's singles and team event
"$PODIUM" score "$DATA/event_good.json" >"$TMP/out" 2>"$TMP/err" || fail "event_good.json exited $?"
for want in '"result": "332.60"' '"irm": "WD"' '"qualified": false'; do
    grep -qF -- "$want" "$TMP/out" || fail "event_good.json output lacks $want"
done
"$PODIUM" score "$DATA/team_good.json" >"$TMP/out" 2>"$TMP/err" || fail "team_good.json exited $?"
for want in '"result": "74"' '"result": "65"' '"points": 10'; do
    grep -qF -- "$want" "$TMP/out" || fail "team_good.json output lacks $want"
done
bad event_bad_segment.json "performances[0].segment"
bad event_bad_qualifiers.json "config.qualifiers"
bad event_missing_free.json "competitors[2]"
bad team_bad_segment.json "performances[3].segment"
bad team_bad_tes.json "performances[2].tes"

[ "$failures" -eq 0 ] || exit 1
echo "figure skating CLI: all checks passed"
