#!/bin/sh
# make check-valgrind: every compiled test of the suite (the cmocka unit tests,
# the Beijing reproductions, every fuzz target over its seed corpus) run with
# the arguments meson gives it, under valgrind memcheck, from a build without
# sanitizers. Fails on any memcheck error and on any definite, indirect or
# possible leak. Shell and Python tests (which drive the podium binary) and
# the log crash test (it kills its own children) are left to `make check`.
# usage: check-valgrind.sh BUILD_DIR
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$1" && pwd)
VALGRIND="valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible --track-origins=yes"
# test_results compares two scoring paths at every 16th observation of the
# demo log (about 25 minutes under memcheck); here at every 500th
export PODIUM_TEST_STRIDE=500
start=$(date +%s)
meson introspect --tests "$BUILD" | python3 -c '
import json, shlex, sys
for t in json.load(sys.stdin):
    prog = t["cmd"][0].rsplit("/", 1)[-1]
    if prog in ("sh", "bash", "python3") or prog.endswith((".sh", ".py")) or \
            t["name"] == "store/log_crash":
        continue
    print(t["name"].replace("/", "_") + " " + shlex.join(t["cmd"]))
' >"$BUILD/valgrind-tests.txt"
failures=0
passed=0
cd "$BUILD" || exit 1
while read -r name cmd; do
    # shellcheck disable=SC2086
    if eval "$VALGRIND $cmd" >"$BUILD/valgrind-$name.log" 2>&1 </dev/null; then
        passed=$((passed + 1))
        echo "ok   $name"
    else
        failures=$((failures + 1))
        echo "FAIL $name (log: $BUILD/valgrind-$name.log)"
        tail -n 30 "$BUILD/valgrind-$name.log"
    fi
done <"$BUILD/valgrind-tests.txt"
echo "valgrind: $passed passed, $failures failed in $(( $(date +%s) - start )) s"
[ "$failures" -eq 0 ]
