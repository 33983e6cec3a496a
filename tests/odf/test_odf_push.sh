#!/bin/sh
# ODF push to a real receiving HTTP server (tests/odf/receiver.c) that
# refuses (503), is down (connection refused), stalls (never answers) and
# restarts, while the sender is killed and restarted too: in the end the
# receiver holds every stored message exactly once, in production order, so
# each document's versions arrive 1, 2, 3, ... Also: GET /odf/ paths, the
# resend request, and a restart that stores no new version.
# Then `podium export` of the same log in the three formats.
# usage: test_odf_push.sh PODIUM RECEIVER XSD
set -u
PODIUM=$1
RECEIVER=$2
XSD=$3
TMP=$(mktemp -d)
SERVER_PID=
RECV_PID=
trap 'kill $SERVER_PID $RECV_PID 2>/dev/null; rm -rf "$TMP"' EXIT
. "$(dirname "$0")/../server/lib.sh"

KEY=odf-test-key
LOG=$TMP/received
DB=$TMP/podium.db
DH=ALPMDH----------------FNL-000100--
GS1=ALPWGS----------------FNL-000100--
PORT=0

start_receiver() {
    "$RECEIVER" "$PORT" "$LOG" "$1" "$KEY" >"$TMP/recv.out" 2>"$TMP/recv.err" &
    RECV_PID=$!
    for _ in $(seq 1 300); do
        p=$(sed -n 's/^port \([0-9]*\)$/\1/p' "$TMP/recv.out")
        [ -n "$p" ] && { PORT=$p; return 0; }
        sleep 0.1
    done
    echo "receiver did not start"; cat "$TMP/recv.err"; exit 1
}

stop_receiver() {
    kill "$RECV_PID" 2>/dev/null
    wait "$RECV_PID" 2>/dev/null
    RECV_PID=
}

lines() { [ -f "$LOG" ] && wc -l <"$LOG" || echo 0; }

# every stored message, in id order, as the receiver logs them
expected() {
    { curl -s --max-time 10 "$URL/odf/messages?limit=10000"; echo; } | sed 's/},{/}\n{/g' |
        sed -n 's/.*"type":"\([^"]*\)","code":"\([^"]*\)","version":\([0-9]*\).*/\1 \2 \3/p'
}

# each write's ODF messages are stored (on the feed's thread) before the next write
post() { req POST "/api/units/$1/$2" "$3" "$ADMIN"; expect 201 "post $1 $3"; odf_settled; }

ADMIN=$("$PODIUM" token add --db "$DB" --role admin | tail -n 1)

# 1. the receiver refuses: nothing is recorded, the sender says so and retries
start_receiver refuse
SERVE_ARGS="--push http://127.0.0.1:$PORT/odf/in --push-key $KEY --push-retry 1 --push-timeout 2"
# shellcheck disable=SC2086
start_server "$DB" $SERVE_ARGS
sleep 2
[ "$(lines)" = 0 ] || fail "a refusing receiver recorded messages"
grep -q "status 503" "$TMP/server.err" || fail "the refusal was not reported: $(cat "$TMP/server.err")"

# GET /odf/...: the index, a message, a version, the resend request
TOTAL0=$(expected | wc -l)
# the whole Games: a DT_RESULT for each of the programme's 638 units, and the rest
[ "$(expected | grep -c '^DT_RESULT ')" = 638 ] || fail "start-up: not one DT_RESULT per unit"
[ "$TOTAL0" -gt 900 ] || fail "start-up stored $TOTAL0 messages, expected the whole Games"
req GET "/odf/DT_RESULT/$DH"; expect 200 "latest DT_RESULT"
body_has 'DocumentType="DT_RESULT"' "latest"; body_has 'Version="1"' "latest"
body_has 'ResultStatus="START_LIST"' "latest"
req GET /odf/DT_SCHEDULE/ALP-------------------------------; expect 200 schedule
req GET /odf/DT_MEDALS/GLO-------------------------------; expect 200 medals
req GET "/odf/DT_RESULT/$DH/2"; expect 404 "unknown version"
req GET "/odf/DT_NOPE/$DH"; expect 404 "unknown type"
req GET "/odf/resend?code=$DH"; expect 400 "resend without version"
req POST "/odf/messages" "x"; expect 405 "POST to the feed"

# 2. the receiver is down (connection refused) while results come in
stop_receiver
post "$DH" observations '{"competitor": "603448", "run": 1, "time_ms": 102690}'
post "$DH" observations '{"competitor": "409997", "run": 1, "time_ms": 102990}'
sleep 1.5
# the downhill went from START_LIST to LIVE: the discipline's schedule has its version 2, and
# only that (the second time did not move a status; docs/odf.md, "When messages are produced")
req GET /odf/DT_SCHEDULE/ALP-------------------------------; expect 200 "schedule after a status"
body_has 'Version="2"' "a new schedule when a status moves"
req GET /odf/DT_SCHEDULE/ALP-------------------------------/3; expect 404 "no third schedule"

# 3. the receiver stalls (reads, never answers)
start_receiver stall
sleep 3
[ "$(lines)" = 0 ] || fail "a stalled receiver recorded messages"
grep -q "no answer" "$TMP/server.err" || fail "the stall was not reported"
stop_receiver

# 4. the receiver accepts; the sender is killed (no clean stop) mid-delivery
start_receiver ok
for _ in $(seq 1 300); do [ "$(lines)" -ge 100 ] && break; sleep 0.1; done
[ "$(lines)" -ge 100 ] || fail "delivery did not resume: $(lines) lines"
kill -9 "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null
BEFORE=$(lines)
# shellcheck disable=SC2086
start_server "$DB" $SERVE_ARGS
TOTAL1=$(expected | wc -l)
[ "$TOTAL1" -ge "$TOTAL0" ] || fail "messages lost across the restart ($TOTAL0 -> $TOTAL1)"
req GET "/odf/DT_RESULT/$DH"; body_has 'Version="3"' "DT_RESULT after two performances"

# a clean restart with nothing new stores nothing new
stop_server
# shellcheck disable=SC2086
start_server "$DB" $SERVE_ARGS
[ "$(expected | wc -l)" = "$TOTAL1" ] || fail "a restart stored new versions"

# 5. more results; the receiver restarts mid-delivery
post "$DH" status '{"status": "OFFICIAL"}'
post "$GS1" observations '{"competitor": "827252", "run": 1, "time_ms": 57560}'
sleep 0.3
stop_receiver
start_receiver ok

# 6. in the end: every message exactly once, in order. Waited for as long as delivery moves
# (under memcheck, sender and receiver both, a thousand messages take minutes), and 30 s
# without a new one is a stall
TOTAL=$(expected | wc -l)
LAST=-1
STILL=0
while [ "$(lines)" -lt "$TOTAL" ] && [ "$STILL" -lt 300 ]; do
    N=$(lines)
    if [ "$N" = "$LAST" ]; then STILL=$((STILL + 1)); else STILL=0; LAST=$N; fi
    sleep 0.1
done
expected >"$TMP/expected"
if ! cmp -s "$TMP/expected" "$LOG"; then
    fail "the receiver's messages differ from the store's ($(lines) received, $TOTAL stored)"
    diff "$TMP/expected" "$LOG" | head -5
fi
# versions of each document arrive 1, 2, 3, ...
awk '{ k = $1 " " $2; if ($3 != v[k] + 1) { print "out of order: " $0; bad = 1 } v[k] = $3 }
     END { exit bad }' "$LOG" || fail "versions out of order"
grep -q "^DT_MEDALLISTS ALPMDH-* 1$" "$LOG" || fail "no DT_MEDALLISTS for the downhill"
grep -q "^DT_MEDALS GLO-* 2$" "$LOG" || fail "no second DT_MEDALS"
[ "$BEFORE" -gt 0 ] || fail "nothing delivered before the kill"

# the resend request is answered from the store with that very version
req GET "/odf/resend?code=$DH&version=2&type=DT_RESULT"; expect 200 "resend"
body_has 'Version="2"' resend; body_has 'ResultStatus="LIVE"' resend

stop_server
stop_receiver

# exports of the same log
DH_EVENT=ALPMDH----------------------------
"$PODIUM" export --db "$DB" --format csv --event "$DH_EVENT" >"$TMP/dh.csv" || fail "export csv"
[ "$(head -n 1 "$TMP/dh.csv")" = "event,rank,competitor,name,noc,result,irm" ] || fail "csv header"
grep -q "^$DH_EVENT,1,603448,FEUZ Beat,SUI,1:42.69,$" "$TMP/dh.csv" || fail "csv row: $(cat "$TMP/dh.csv")"
"$PODIUM" export --db "$DB" --format json --event "$DH_EVENT" >"$TMP/dh.json" || fail "export json"
grep -q '"status": "OFFICIAL"' "$TMP/dh.json" || fail "json export: $(head -c 300 "$TMP/dh.json")"
"$PODIUM" export --db "$DB" --format json >"$TMP/all.json" || fail "export json, the Games"
grep -q '"medals": \[' "$TMP/all.json" || fail "Games json export lacks the medal table"
"$PODIUM" export --db "$DB" --format csv | grep -c '^' >"$TMP/n" || fail "export csv, the Games"
"$PODIUM" export --db "$DB" --format odf --event "$DH_EVENT" --out "$TMP/odf-dh" 2>/dev/null ||
    fail "export odf"
# the same content carries the version the feed gave it
grep -q 'Version="4"' "$TMP/odf-dh/DT_RESULT__$DH.xml" || fail "exported DT_RESULT is not version 4"
grep -q 'Version="1"' "$TMP/odf-dh/DT_MEDALLISTS__$DH_EVENT.xml" || fail "exported medallists"
"$PODIUM" export --db "$DB" --format odf --out "$TMP/odf-all" 2>/dev/null || fail "export odf, the Games"
if command -v xmllint >/dev/null 2>&1; then
    xmllint --noout --schema "$XSD" "$TMP"/odf-dh/*.xml "$TMP"/odf-all/*.xml 2>"$TMP/lint" ||
        fail "exported ODF invalid: $(grep -v validates "$TMP/lint" | head -3)"
fi
"$PODIUM" export --db "$DB" --format odf 2>/dev/null; [ $? = 2 ] || fail "odf without --out"
"$PODIUM" export --db "$DB" --format xml 2>/dev/null; [ $? = 2 ] || fail "unknown format"
"$PODIUM" export --db "$DB" --format csv --event NOPE 2>/dev/null; [ $? = 2 ] || fail "bad event"

[ "$failures" = 0 ] || { echo "$failures failures"; exit 1; }
echo "ok: $(lines) messages delivered in order"
