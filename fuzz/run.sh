#!/bin/sh
# make fuzz: run every libFuzzer target of BUILD for SECONDS each.
# Each target starts from its committed seeds (fuzz/corpus/NAME, read only)
# plus a scratch corpus under BUILD/fuzz-work/NAME that keeps what it found
# between runs. A crashing input is saved as fuzz/corpus/NAME/crash-<sha1>:
# commit it as a regression seed (make check runs every seed under ASan and
# UBSan) once the bug is fixed.
# usage: run.sh BUILD SECONDS [NAME...]
set -u
BUILD=$1
SECONDS_EACH=$2
shift 2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
names=${*:-$(cd "$BUILD/fuzz" && ls fuzz_* | sed 's/^fuzz_//')}
failed=0
for name in $names; do
    exe=$BUILD/fuzz/fuzz_$name
    [ -x "$exe" ] || { echo "fuzz: no $exe"; failed=$((failed + 1)); continue; }
    work=$BUILD/fuzz-work/$name
    mkdir -p "$work"
    log=$BUILD/fuzz-work/$name.log
    "$exe" -max_total_time="$SECONDS_EACH" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$ROOT/fuzz/corpus/$name/crash-" \
        "$work" "$ROOT/fuzz/corpus/$name" >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
    if [ $rc -eq 0 ]; then
        echo "fuzz_$name: ${runs:-?} runs in ${SECONDS_EACH} s, $cov, no finding"
    else
        failed=$((failed + 1))
        echo "fuzz_$name: FINDING (exit $rc), see $log; input saved under fuzz/corpus/$name/"
        grep -m 5 -E 'ERROR|SUMMARY|runtime error' "$log"
    fi
done
[ "$failed" -eq 0 ]
