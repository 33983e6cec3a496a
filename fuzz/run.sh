#!/bin/sh
# make fuzz: run every libFuzzer target of BUILD for SECONDS each.
# Each target starts from its committed seeds (fuzz/corpus/NAME, read only)
# plus a scratch corpus under BUILD/fuzz-work/NAME that keeps what it found
# between runs. A crashing input is saved as fuzz/corpus/NAME/crash-<sha1>:
# commit it as a regression seed (make check runs every seed under ASan and
# UBSan) once the bug is fixed.
# usage: run.sh BUILD SECONDS [NAME...]
# Environment:
#   FUZZ_JOBS=N    run N targets at a time (default 1)
#   FUZZ_SEED=S    libFuzzer's -seed (default 0: a random one); with FUZZ_FRESH a run is
#                  repeatable: the same seeds, the same mutations
#   FUZZ_FRESH=1   start from the committed seeds only (empty scratch corpus), as CI does
set -u
BUILD=$1
SECONDS_EACH=$2
shift 2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JOBS=${FUZZ_JOBS:-1}
SEED=${FUZZ_SEED:-0}
# every target built: the executables fuzz_NAME (not meson's fuzz_NAME.p directories)
names=${*:-$(cd "$BUILD/fuzz" && for f in fuzz_*; do
    [ -f "$f" ] && [ -x "$f" ] && echo "${f#fuzz_}"
done)}
results=$BUILD/fuzz-work/results
mkdir -p "$BUILD/fuzz-work"
: >"$results"

run_one() {
    name=$1
    exe=$BUILD/fuzz/fuzz_$name
    [ -x "$exe" ] || { echo "FAIL fuzz: no $exe" >>"$results"; return; }
    work=$BUILD/fuzz-work/$name
    [ "${FUZZ_FRESH:-0}" = 1 ] && rm -rf "$work"
    mkdir -p "$work"
    log=$BUILD/fuzz-work/$name.log
    "$exe" -max_total_time="$SECONDS_EACH" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
        -seed="$SEED" -print_final_stats=1 -artifact_prefix="$ROOT/fuzz/corpus/$name/crash-" \
        "$work" "$ROOT/fuzz/corpus/$name" >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
    if [ $rc -eq 0 ]; then
        echo "ok   fuzz_$name: ${runs:-?} runs in ${SECONDS_EACH} s, $cov, no finding" >>"$results"
    else
        {
            echo "FAIL fuzz_$name: FINDING (exit $rc), see $log; input saved under fuzz/corpus/$name/"
            grep -m 5 -E 'ERROR|SUMMARY|runtime error' "$log"
        } >>"$results"
    fi
}

# JOBS lanes, each running its share of the targets one after the other
lane=0
pids=
while [ "$lane" -lt "$JOBS" ]; do
    (
        i=0
        for name in $names; do
            [ $((i % JOBS)) = "$lane" ] && run_one "$name"
            i=$((i + 1))
        done
    ) &
    pids="$pids $!"
    lane=$((lane + 1))
done
# shellcheck disable=SC2086
wait $pids
sed 's/^ok   //' "$results"
! grep -q '^FAIL' "$results"
