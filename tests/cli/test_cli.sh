#!/bin/sh
# End-to-end tests of the podium command: exit statuses, messages on stderr,
# nothing on stdout on error, the programme's JSON contract.
# usage: test_cli.sh PODIUM SOURCE_ROOT
set -u
PODIUM=$1
ROOT=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# run EXPECTED_STATUS ARGS...: runs podium, keeps stdout/stderr in $TMP
run() {
    want=$1
    shift
    "$PODIUM" "$@" >"$TMP/out" 2>"$TMP/err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        fail "podium $* exited $got, expected $want; stderr: $(head -c 300 "$TMP/err")"
    fi
}

stderr_has() {
    grep -qF -- "$1" "$TMP/err" || fail "stderr lacks '$1': $(head -c 300 "$TMP/err")"
}

stdout_has() {
    grep -qF -- "$1" "$TMP/out" || fail "stdout lacks '$1'"
}

stdout_empty() {
    [ ! -s "$TMP/out" ] || fail "stdout not empty: $(head -c 200 "$TMP/out")"
}

one_line_stderr() {
    [ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "expected one line on stderr, got: $(cat "$TMP/err")"
}

# help and usage
run 0 --help
stdout_has "podium COMMAND"
run 0 --version
stdout_has "podium "
run 2
run 2 frobnicate
stderr_has "unknown command 'frobnicate'"
for cmd in programme score check demo; do
    run 0 "$cmd" --help
    stdout_has "usage: podium $cmd"
    run 2 "$cmd" --no-such-option
    stderr_has "unknown option '--no-such-option'"
    stdout_empty
done

# programme
run 0 programme --day 2022-02-07 --discipline ALP
stdout_has "Monday 7 February 2022"
stdout_has "Men's Downhill"
stdout_has "Yanqing"
run 2 programme --day 2022-02-30
stderr_has "--day: expected a date"
run 2 programme --day
stderr_has "option '--day' needs a value"
run 2 programme --discipline XYZ
stderr_has "unknown discipline 'XYZ'"
run 2 programme --json=yes
stderr_has "takes no value"
run 0 programme --json
[ "$(grep -c '"rsc":' "$TMP/out")" -eq 109 ] || fail "programme --json does not list 109 events"
stdout_has '"rsc": "ALPMDH----------------------------"'
stdout_has '"start": "2022-02-07T12:00:00+08:00"'
stdout_has '"venue": "Yanqing National Alpine Skiing Centre"'
run 0 programme --json --discipline CUR --day 2022-02-20
[ "$(grep -c '"rsc":' "$TMP/out")" -eq 1 ] || fail "CUR on 20 February: expected 1 event"
run 0 programme --day 2022-03-20
stdout_has "No units match."

# check
run 0 check
stdout_has "109 medal events"
printf '{"format": "podium-programme/1", "games": 3}' >"$TMP/bad.json"
run 2 check --programme "$TMP/bad.json"
stderr_has "games: expected an object, got integer"
one_line_stderr
run 2 check --programme "$TMP/missing.json"
stderr_has "cannot open"

# score: the envelope and unknown kinds
cat >"$TMP/score.json" <<'JSON'
{"format": "podium-score/1", "discipline": "ALP", "event": "ALPMDH", "kind": "no-such-kind",
 "config": {}, "competitors": [{"id": "603448", "name": "FEUZ Beat", "noc": "SUI"}],
 "performances": [{"competitor": "603448", "run": 1, "time_ms": 102690}]}
JSON
run 2 score "$TMP/score.json"
stderr_has 'kind: unknown kind "no-such-kind"'
stdout_empty
one_line_stderr
run 2 score - <"$TMP/score.json"
stderr_has 'unknown kind'
printf '{"format": "podium-score/1", "discipline": "ALP", "kind": "timed",\n "competitors": [], "performances": [{"competitor": "x"}]}' >"$TMP/unknown.json"
run 2 score "$TMP/unknown.json"
stderr_has 'performances[0].competitor: unknown competitor "x"'
stdout_empty
one_line_stderr
printf '{"format": "podium-score/1",' >"$TMP/truncated.json"
run 2 score "$TMP/truncated.json"
stderr_has "invalid JSON at line 1"
stdout_empty
run 2 score "$TMP/nothing-here.json"
stderr_has "cannot open"
run 2 score
stderr_has "missing FILE"
run 2 score a.json b.json
stderr_has "unexpected argument 'b.json'"
run 2 score --format xml "$TMP/score.json"
stderr_has "--format: expected json or table"

# a table for people
run 0 score "$ROOT/tests/data/beijing2022/timed/ALPMDH.json" --format table
stdout_has "FEUZ Beat"
grep -q '^1 .*FEUZ Beat .*SUI .*1:42.69' "$TMP/out" || fail "table: the winner's row"
grep -q '^2 .*CLAREY Johan .*1:42.79 .*+0.10' "$TMP/out" || fail "table: the gap"

# demo: bad speeds and an existing database are refused before anything starts
run 2 demo --speed fast
stderr_has "--speed: expected a number"
stdout_empty
: >"$TMP/existing.db"
run 2 demo --db "$TMP/existing.db"
stderr_has "exists"
stdout_empty

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "all CLI checks passed"
