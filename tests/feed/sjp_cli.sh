#!/bin/sh
# podium score on ski jumping files: a good file gives JSON and exit 0; each bad
# file gives exit 2, nothing on stdout and one line on stderr naming the field.
# usage: sjp_cli.sh PODIUM TESTDATA
set -u
podium=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

"$podium" score "$data/sjp/beijing2022/SJPMNH.json" >"$tmp/out" 2>"$tmp/err"
status=$?
if [ $status -ne 0 ] || ! grep -q '"result": "275.0"' "$tmp/out" || [ -s "$tmp/err" ]; then
    echo "FAIL good file: status $status"; cat "$tmp/err"; fail=1
fi

# gates not evenly spaced (Oberstdorf 2013/14, codex 3838): published 155.0, 153.3, 131.4
"$podium" score "$data/sjp/gate_positions.json" >"$tmp/out" 2>"$tmp/err"
status=$?
if [ $status -ne 0 ] || [ -s "$tmp/err" ] || ! grep -q '"result": "155.0"' "$tmp/out" ||
    ! grep -q '"result": "153.3"' "$tmp/out" || ! grep -q '"result": "131.4"' "$tmp/out"; then
    echo "FAIL gate_positions.json: status $status"; cat "$tmp/err"; fail=1
fi

check_bad() { # file field
    "$podium" score "$data/sjp/bad/$1" >"$tmp/out" 2>"$tmp/err"
    status=$?
    lines=$(wc -l <"$tmp/err")
    if [ $status -ne 2 ] || [ -s "$tmp/out" ] || [ "$lines" -ne 1 ] || ! grep -q "$2" "$tmp/err"
    then
        echo "FAIL $1: status $status, stderr:"; cat "$tmp/err"; fail=1
    else
        echo "ok $1: $(cat "$tmp/err")"
    fi
}
check_bad marks4.json 'performances\[0\]\.marks: expected 5 marks, got 4'
check_bad gate_missing.json 'performances\[0\]\.gate'
check_bad not_admitted.json 'performances\[2\]'
check_bad wind_text.json 'performances\[0\]\.wind'
check_bad gate_positions_order.json 'config\.gate\.positions\[3\]\.metres'
check_bad gate_not_listed.json 'performances\[0\]\.gate: gate 14 is not in config\.gate\.positions'
check_bad gate_positions_ppg.json 'config\.gate\.points_per_gate'
check_bad gate_start_not_listed.json 'config\.gate\.start: starting gate 20'
check_bad gate_factor_alone.json 'config\.gate\.factor: needs gate\.positions'
exit $fail
