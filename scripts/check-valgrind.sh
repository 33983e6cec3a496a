#!/bin/sh
# make check-valgrind: the test suite under valgrind memcheck, from a build
# without sanitizers. Fails on any memcheck error and on any definite,
# indirect or possible leak.
#  - Compiled tests (the cmocka unit tests, the Beijing reproductions, every
#    fuzz target over its seed corpus) run under valgrind with the arguments
#    meson gives them; any memcheck line in the output fails them, so the
#    report of a process they fork counts too.
#  - Shell and Python tests run as they are, but each program of this build
#    they are handed (`podium`, the ODF tools) is replaced by valgrind running
#    it (BUILD/valgrind-bin/NAME): every server and CLI run they start is
#    checked; each process writes its own report to
#    BUILD/valgrind-logs/TEST/PID.log and the test fails if any is not empty.
#  - Left to `make check` (SKIP below, with the reason): the demo, whose
#    work under memcheck's 20-50x slowdown takes too long.
# usage: check-valgrind.sh BUILD_DIR
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$1" && pwd)
VALGRIND="valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible --track-origins=yes"
# test_results compares two scoring paths at every 16th observation of the
# demo log (about 25 minutes under memcheck); here at every 500th
export PODIUM_TEST_STRIDE=500
# demo/beijing2022: the whole Games through a real server (70 s without valgrind) had
# not finished after 20 minutes under memcheck. The crash test's children, killed
# mid-write by design, leave no report (their parent and every child's errors until
# the kill do); the limits and site tests keep their bounds (answers within 2 s, RSS
# growth under 64 MB), which the server under memcheck meets (64 s and 32 s here).
SKIP="demo/beijing2022"
start=$(date +%s)
mkdir -p "$BUILD/valgrind-bin"
meson introspect --tests "$BUILD" | SKIP="$SKIP" BUILD="$BUILD" VALGRIND="$VALGRIND" python3 -c '
import json, os, shlex, sys
skip = os.environ["SKIP"].split()
build = os.path.realpath(os.environ["BUILD"])
bindir = os.path.join(build, "valgrind-bin")

def wrapped(arg):
    """A program built here that a test is handed (podium, odf_replay, ...): its wrapper."""
    path = os.path.realpath(os.path.join(build, arg))  # tests run in the build folder
    if not path.startswith(build + "/") or not os.path.isfile(path) \
            or not os.access(path, os.X_OK) or path.endswith((".sh", ".py")):
        return arg
    wrapper = os.path.join(bindir, os.path.basename(path))
    with open(wrapper, "w") as f:
        f.write("#!/bin/sh\nexec %s --log-file=\"${PODIUM_VG_LOGS:?}/%%p.log\" %s \"$@\"\n"
                % (os.environ["VALGRIND"], shlex.quote(path)))
    os.chmod(wrapper, 0o755)
    return wrapper

for t in json.load(sys.stdin):
    if t["name"] in skip:
        continue
    prog = t["cmd"][0].rsplit("/", 1)[-1]
    name = t["name"].replace("/", "_")
    if prog in ("sh", "bash", "python3") or prog.endswith((".sh", ".py")):
        print("driver " + name + " " + shlex.join([t["cmd"][0]] + [wrapped(c) for c in t["cmd"][1:]]))
    else:
        print("unit " + name + " " + shlex.join(t["cmd"]))
' >"$BUILD/valgrind-tests.txt"
cd "$BUILD" || exit 1

# run_list LIST: each test of LIST in turn; prints "ok NAME (S s)" or "FAIL NAME" and its log
run_list() {
    while read -r kind name cmd; do
        t0=$(date +%s)
        log="$BUILD/valgrind-$name.log"
        if [ "$kind" = unit ]; then
            # shellcheck disable=SC2086
            eval "$VALGRIND $cmd" >"$log" 2>&1 </dev/null
            rc=$?
            # a forked child's report (the crash test's writers) does not reach the exit code
            grep -q '^==[0-9]*== ' "$log" && rc=99
        else
            logs="$BUILD/valgrind-logs/$name"
            rm -rf "$logs" && mkdir -p "$logs"
            export PODIUM_VG_LOGS="$logs"
            eval "$cmd" >"$log" 2>&1 </dev/null
            rc=$?
            for f in "$logs"/*.log; do
                if [ -s "$f" ]; then
                    echo "=== memcheck report of a process the test started: $f" >>"$log"
                    cat "$f" >>"$log"
                    rc=99
                fi
            done
        fi
        if [ "$rc" -eq 0 ]; then
            echo "ok   $name ($(( $(date +%s) - t0 )) s)"
        else
            echo "FAIL $name (log: $log)"
            tail -n 40 "$log"
        fi
    done <"$1"
}

# VG_JOBS lists at once (default: one per core), the tests dealt out in turn
jobs=${VG_JOBS:-$(nproc)}
i=0
while [ "$i" -lt "$jobs" ]; do
    awk -v n="$jobs" -v k="$i" 'NR % n == k' valgrind-tests.txt >"valgrind-tests.$i.txt"
    run_list "valgrind-tests.$i.txt" >"valgrind-results.$i.txt" &
    i=$((i + 1))
done
wait
cat valgrind-results.*.txt
passed=$(cat valgrind-results.*.txt | grep -c '^ok ')
failures=$(cat valgrind-results.*.txt | grep -c '^FAIL ')
total=$(wc -l <valgrind-tests.txt)
rm -f valgrind-tests.*.txt valgrind-results.*.txt
echo "valgrind: $passed passed, $failures failed of $total in $(( $(date +%s) - start )) s ($jobs at once)"
[ "$failures" -eq 0 ] && [ "$passed" -eq "$total" ]
