#!/bin/sh
# make check-valgrind: every cmocka unit test, and every fuzz target over its
# seed corpus, under valgrind memcheck, from a build without sanitizers.
# Fails on any memcheck error or any definite, indirect or possible leak.
# usage: check-valgrind.sh BUILD_DIR
set -u
BUILD=$1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VALGRIND="valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible --track-origins=yes"
failures=0
passed=0
start=$(date +%s)
run() {
    name=$1
    shift
    if $VALGRIND "$@" >"$BUILD/valgrind-$name.log" 2>&1; then
        passed=$((passed + 1))
        echo "ok   $name"
    else
        failures=$((failures + 1))
        echo "FAIL $name (log: $BUILD/valgrind-$name.log)"
        tail -n 30 "$BUILD/valgrind-$name.log"
    fi
}
for exe in "$BUILD"/tests/test_*; do
    [ -x "$exe" ] && [ -f "$exe" ] || continue
    name=$(basename "$exe")
    # the log crash test kills its own children on purpose: not a memcheck subject
    [ "$name" = test_store_log_crash ] && continue
    (cd "$BUILD/tests" && run "$name" "$exe") || true
done
for exe in "$BUILD"/fuzz/fuzz_*; do
    [ -x "$exe" ] && [ -f "$exe" ] || continue
    name=$(basename "$exe")
    run "$name" "$exe" "$ROOT/fuzz/corpus/${name#fuzz_}"
done
echo "valgrind: $passed passed, $failures failed in $(( $(date +%s) - start )) s"
[ "$failures" -eq 0 ]
