#!/bin/sh
# Crash test of the real server: concurrent writers post observations, the
# server is killed with SIGKILL at a random moment, restarted on the same
# database, and must hold every acknowledged observation and serve results
# identical to a clean replay of its log (podium replay). Repeated TRIALS
# times (default 5; PODIUM_SERVER_CRASH_TRIALS).
# usage: test_crash.sh PODIUM
set -u
PODIUM=$1
TRIALS=${PODIUM_SERVER_CRASH_TRIALS:-5}
TMP=$(mktemp -d)
SERVER_PID=
trap 'kill -9 $SERVER_PID 2>/dev/null; rm -rf "$TMP"' EXIT
. "$(dirname "$0")/lib.sh"

UNITS="ALPMDH----------------FNL-000100-- ALPMSG----------------FNL-000100--
ALPWSG----------------FNL-000100-- ALPWDH----------------FNL-000100--
BTHW75KMSP------------FNL-000100-- BTHM10KMSP------------FNL-000100--
CCSW10KMIS------------FNL-000100-- CCSM15KMIS------------FNL-000100--"

# writer N UNIT: posts one time per competitor of the unit's start list; logs acked seqs
writer() {
    n=$1 unit=$2
    curl -s "$URL/api/units/$unit" | grep -o '"competitor":"[^"]*"' | cut -d'"' -f4 >"$TMP/w$n.ids"
    i=0
    while read -r id; do
        i=$((i + 1))
        out=$(curl -s --max-time 5 -o - -w ' %{http_code}' -X POST \
            -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
            --data-binary "{\"competitor\": \"$id\", \"run\": 1, \"time_ms\": $((100000 + n * 1000 + i))}" \
            "$URL/api/units/$unit/observations") || break
        case "$out" in
        *" 201") echo "$out" | sed -n 's/.*"seq":\([0-9]*\).*/\1/p' >>"$TMP/acked" ;;
        *" 000"|"") break ;;
        esac
    done <"$TMP/w$n.ids"
}

for trial in $(seq 1 "$TRIALS"); do
    DB=$TMP/crash$trial.db
    : >"$TMP/acked"
    TOKEN=$("$PODIUM" token add --db "$DB" --role admin --label crash | tail -n 1)
    start_server "$DB"
    n=0
    pids=
    for unit in $UNITS; do
        n=$((n + 1))
        writer "$n" "$unit" &
        pids="$pids $!"
    done
    # kill after 0.3 to 1.5 s of writing
    sleep "$(awk -v s="$$$trial" 'BEGIN { srand(s); printf "%.2f", 0.3 + rand() * 1.2 }')"
    kill -9 "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null
    for p in $pids; do wait "$p"; done
    acked=$(wc -l <"$TMP/acked")

    start_server "$DB"
    stored=$(seq_now)
    [ -n "$stored" ] || { fail "trial $trial: the restarted server does not answer at $URL"; cat "$TMP/server.out" "$TMP/server.err"; ps aux | grep "podium serv[e]"; curl -sv "$URL/api/health"; exit 1; }
    for seq in $(cat "$TMP/acked"); do
        [ "$seq" -le "$stored" ] || fail "trial $trial: acknowledged seq $seq lost (log ends at $stored)"
    done
    # every acknowledged seq is in a unit's history
    for unit in $UNITS; do curl -s "$URL/api/units/$unit/observations"; done >"$TMP/history"
    for seq in $(cat "$TMP/acked"); do
        grep -q "\"seq\":$seq," "$TMP/history" || fail "trial $trial: seq $seq missing from history"
    done
    # results after the restart equal a clean replay of the log, byte for byte
    "$PODIUM" replay "$DB" >"$TMP/replay"
    for unit in $UNITS; do
        want=$(grep " $unit\$" "$TMP/replay" | cut -d' ' -f1)
        got=$(curl -s "$URL/api/units/$unit/results" | sha256sum | cut -d' ' -f1)
        [ "$want" = "$got" ] || fail "trial $trial: $unit differs from a clean replay"
    done
    stop_server
    echo "trial $trial: $acked acknowledged, $stored stored, all present, results = replay"
done

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "crash test passed"
