#!/bin/sh
# The HTTP API of a real `podium serve` process (../shared/formats/api.md and
# docs/api.md): every endpoint, writes by role and their refusals, bad input
# that changes nothing, corrections, statuses, live updates over SSE with
# resume and heartbeat, and a restart that serves the same bytes.
# usage: test_api.sh PODIUM
set -u
PODIUM=$1
TMP=$(mktemp -d)
trap 'kill $SERVER_PID $STREAM_PID 2>/dev/null; rm -rf "$TMP"' EXIT
STREAM_PID=
. "$(dirname "$0")/lib.sh"

DH=ALPMDH----------------FNL-000100--
DH_EVENT=ALPMDH----------------------------
CUR=CURMTEAM4-------------------------
DB=$TMP/podium.db
ALP=$("$PODIUM" token add --db "$DB" --role results --discipline ALP --label "alpine desk" | tail -n 1)
CURL_TOKEN=$("$PODIUM" token add --db "$DB" --role results --discipline CUR | tail -n 1)
ADMIN=$("$PODIUM" token add --db "$DB" --role admin --label chief | tail -n 1)
start_server "$DB" --heartbeat 1

# reads
req GET /api/health; expect 200 health; body_has '"status":"ok"' health; body_has '"seq":0' health
req GET /api/events; expect 200 events
[ "$(grep -o '"rsc":' "$TMP/body" | wc -l)" -eq 109 ] || fail "events: not 109 rows"
body_has "\"rsc\":\"$DH_EVENT\",\"name\":\"Men's Downhill\",\"discipline\":\"ALP\"" events
body_has '"start":"2022-02-07T12:00:00+08:00","status":"START_LIST"' events
req GET "/api/events/$DH_EVENT/results"; expect 200 "event results"
body_has '"format":"podium-result/1"' "event results"; body_has '"status":"START_LIST"' "event results"
req GET "/api/units/$DH/results"; expect 200 "unit results"; body_has '"results":[]' "unit results"
req GET "/api/units/$DH"; expect 200 "unit"; body_has '"name":"FEUZ Beat"' unit
req GET /api/medals; expect 200 medals; body_has '"medals":[]' medals
req GET "/api/programme?day=2022-02-07&discipline=ALP"; expect 200 programme; body_has "$DH" programme
req GET /api/units/ALPMDH----------------FNL-000900--/results; expect 404 "unknown unit"
body_has '"error":"not-found"' "unknown unit"
req GET /api/nothing; expect 404 "unknown route"
req DELETE /api/medals; expect 405 "method"
req GET /; expect 200 "site home"; body_has "<html" "site home"
CODE=$(curl -s -o "$TMP/body" -w '%{http_code}' --path-as-is "$URL/../../etc/passwd")
expect 404 "path traversal"; grep -q "root:" "$TMP/body" && fail "path traversal leaked a file"
req GET /.git/config; expect 404 "hidden file"

# refused writes change nothing
GOOD='{"competitor": "603448", "run": 1, "time_ms": 102690}'
req POST "/api/units/$DH/observations" "$GOOD"; expect 401 "no token"; body_has '"error":"unauthorized"' "no token"
req POST "/api/units/$DH/observations" "$GOOD" pd_0000; expect 401 "unknown token"
req POST "/api/units/$DH/observations" "$GOOD" "$CURL_TOKEN"; expect 403 "curling token on alpine"
body_has '"error":"forbidden"' "curling token"
req POST "/api/units/$DH/observations" '{"competitor": "603448", "run": 1,' "$ALP"; expect 400 "malformed JSON"
body_has "invalid JSON at line 1" "malformed JSON"
req POST "/api/units/$DH/observations" '{"competitor": "603448", "run": 1, "time_ms": 1, "wind": 2}' "$ALP"
expect 400 "unknown field"; body_has '"message":"wind: unknown key"' "unknown field"
req POST "/api/units/$DH/observations" '{"competitor": "603448", "run": 1, "time_ms": "1:42.69"}' "$ALP"
expect 400 "wrong type"; body_has 'time_ms' "wrong type"
req POST "/api/units/$DH/observations" '{"competitor": "nobody", "run": 1, "time_ms": 1}' "$ALP"
expect 400 "unknown competitor"; body_has 'competitor: unknown competitor' "unknown competitor"
req POST "/api/units/$DH/observations" '{"status": "OFFICIAL"}' "$ALP"; expect 400 "status to observations"
req POST "/api/units/$DH/observations" '[1, 2]' "$ALP"; expect 400 "not an object"
req POST "/api/units/$DH/observations" "$GOOD" "$ALP" text/plain; expect 415 "content type"
{ printf '{"competitor": "603448"'; head -c 300000 /dev/zero | tr '\0' ' '; printf '}'; } >"$TMP/big"
req POST "/api/units/$DH/observations" "@$TMP/big" "$ALP"; expect 413 "oversized"
req POST /api/units/ALPMDH----------------FNL-000900--/observations "$GOOD" "$ALP"; expect 404 "unknown RSC"
req POST "/api/units/$DH/observations?supersedes=77" "$GOOD" "$ALP"; expect 409 "supersedes unknown"
req POST "/api/units/$DH/observations?supersedes=x" "$GOOD" "$ALP"; expect 400 "supersedes not a seq"
req POST "/api/units/CURMTEAM4-------------RR--000101--/observations" '{"competitor": "x"}' "$CURL_TOKEN"
case "$CODE" in 4??) ;; *) fail "curling write: $CODE" ;; esac
[ "$(seq_now)" = 0 ] || fail "refused writes changed the log (seq $(seq_now))"
req GET "/api/units/$DH/observations"; body_has '"observations":[]' "history after refusals"

# live stream opened before the writes
curl -s -N --max-time 20 "$URL/api/stream?discipline=ALP" >"$TMP/stream" &
STREAM_PID=$!
# the same over HTTP/1.0: no chunked framing around the frames the server writes itself
curl -s -N --http1.0 --max-time 20 "$URL/api/stream?discipline=ALP" >"$TMP/stream10" &
STREAM10_PID=$!
sleep 0.5

# accepted writes
req POST "/api/units/$DH/observations" "$GOOD" "$ALP"; expect 201 "first time"; body_has '{"seq":1}' "first time"
# a client that closes after its request still gets the answer once the write is durable
CODE=$(curl -s -o "$TMP/body" -w '%{http_code}' --max-time 10 -H 'Connection: close' \
    -H "Authorization: Bearer $ALP" -H 'Content-Type: application/json' \
    --data-binary '{"competitor": "409997", "run": 1, "time_ms": 102990}' "$URL/api/units/$DH/observations")
expect 201 "second time, Connection: close"; body_has '{"seq":2}' "second time"
req GET "/api/units/$DH/results"; expect 200 "results after writes"
body_has '"rank":1,"competitor":"603448","result":"1:42.69"' "results after writes"
body_has '"behind":"+0.30"' "results after writes"
# a correction: CLAREY's time was 1:42.79 (+0.10), not 1:42.99
req POST "/api/units/$DH/observations?supersedes=2" '{"competitor": "409997", "run": 1, "time_ms": 102790}' "$ALP"
expect 201 correction; body_has '{"seq":3}' correction
req GET "/api/units/$DH/results"; body_has '"behind":"+0.10"' "corrected gap"
req POST "/api/units/$DH/observations?supersedes=2" "$GOOD" "$ALP"; expect 409 "superseding twice"
req GET "/api/units/$DH/observations"; body_has '"author":"alpine desk"' history; body_has '"supersedes":2' history
req GET /api/health; body_has '"seq":3' "health after writes"

# statuses move forward; back only by an admin
req POST "/api/units/$DH/status" '{"status": "OFFICIAL"}' "$ALP"; expect 201 official
req GET "/api/events/$DH_EVENT/results"; body_has '"status":"OFFICIAL"' "event official"
req GET /api/medals; body_has '"noc":"SUI","gold":1' "medal table"
req POST "/api/units/$DH/status" '{"status": "LIVE"}' "$ALP"; expect 409 "status backwards"
req POST "/api/units/$DH/observations" '{"competitor": "720723", "run": 1, "time_ms": 103000}' "$ALP"
expect 409 "write to an official unit"
req POST "/api/units/$DH/status" '{"status": "FINAL"}' "$ALP"; expect 400 "unknown status"
req POST "/api/units/$DH/status" '{"status": "LIVE"}' "$ADMIN"; expect 201 "admin correction"

sleep 1.5
kill "$STREAM_PID" "$STREAM10_PID" 2>/dev/null
# both streams carry the same events, line for line (heartbeats and blank lines aside:
# each loop beats on its own clock)
grep -v -e '^: heartbeat$' -e '^$' "$TMP/stream" >"$TMP/stream.events"
grep -v -e '^: heartbeat$' -e '^$' "$TMP/stream10" >"$TMP/stream10.events"
cmp -s "$TMP/stream.events" "$TMP/stream10.events" || fail "stream: HTTP/1.0 and HTTP/1.1 differ"
grep -q '^id: 1$' "$TMP/stream" || fail "stream: no event 1"
grep -q '^id: 3$' "$TMP/stream" || fail "stream: no event 3"
grep -q '^event: result$' "$TMP/stream" || fail "stream: no result event"
grep -q '^event: medals$' "$TMP/stream" || fail "stream: no medals event"
grep -q "^data: {\"seq\":1,\"rsc\":\"$DH\",\"results\":{" "$TMP/stream" || fail "stream: data shape"
grep -q '^: heartbeat$' "$TMP/stream" || fail "stream: no heartbeat within 1 s"

# resume after a disconnect: everything after id 1, nothing before
curl -s -N --max-time 2 -H 'Last-Event-ID: 1' "$URL/api/stream" >"$TMP/resume"
grep -q '^id: 1$' "$TMP/resume" && fail "resume repeated event 1"
grep -q '^id: 2$' "$TMP/resume" || fail "resume missed event 2"
grep -q '^id: 3$' "$TMP/resume" || fail "resume missed event 3"
# a filter for another discipline sees no alpine result
curl -s -N --max-time 2 -H 'Last-Event-ID: 0' "$URL/api/stream?discipline=CUR" >"$TMP/other"
grep -q "$DH" "$TMP/other" && fail "a CUR stream carried an alpine result"
req GET "/api/stream?discipline=XYZ"; expect 400 "unknown stream filter"

# a restart replays the log and serves the same bytes
curl -s "$URL/api/units/$DH/results" >"$TMP/before"
curl -s "$URL/api/medals" >"$TMP/medals-before"
stop_server
start_server "$DB"
curl -s "$URL/api/units/$DH/results" >"$TMP/after"
curl -s "$URL/api/medals" >"$TMP/medals-after"
cmp -s "$TMP/before" "$TMP/after" || fail "the restart changed the unit document"
cmp -s "$TMP/medals-before" "$TMP/medals-after" || fail "the restart changed the medal table"
[ "$(seq_now)" = 5 ] || fail "after restart: seq $(seq_now), expected 5"
# a Games service's observation in the same log does not disturb the results' replay
HEALTH=$("$PODIUM" token add --db "$DB" --role health --label "loop desk" | tail -n 1)
req POST /api/loop/observations '{"type":"arrival","person":"P1","venue":"H07","group":"other","day":"2022-02-01","vaccinated":true,"predeparture_hours":[70,30]}' "$HEALTH"
expect 201 "a health observation"
# and podium replay agrees byte for byte with the server
want=$("$PODIUM" replay "$DB" | grep " $DH\$" | cut -d' ' -f1)
got=$(sha256sum "$TMP/after" | cut -d' ' -f1)
[ "$want" = "$got" ] || fail "podium replay digest $want, server document $got"

# writes arriving together are checked as a group (docs/server.md, "A write"): 40 sent at
# once on 40 connections (tests/server/burst.py), 4 naming a run the kind refuses; those 4
# get the answer they get alone, the 36 others are stored with consecutive seqs, and the
# served documents are a replay's
GS1=ALPWGS----------------FNL-000100--
first=$(($(seq_now) + 1))
curl -s "$URL/api/units/$GS1" | tr '{' '\n' | sed -n 's/.*"competitor":"\([0-9]*\)".*/\1/p' |
    head -n 40 >"$TMP/gs1"
[ "$(wc -l <"$TMP/gs1")" = 40 ] || fail "the GS run 1 start list has fewer than 40 entries"
i=0
while read -r id; do
    i=$((i + 1))
    run=1
    [ $((i % 10)) = 0 ] && run=7
    echo "POST /api/units/$GS1/observations $ADMIN {\"competitor\": \"$id\", \"run\": $run, \"time_ms\": $((60000 + i))}"
done <"$TMP/gs1" >"$TMP/burst"
python3 "$(dirname "$0")/burst.py" "${URL##*:}" "$TMP/burst" >"$TMP/burst.out" || fail "burst.py"
[ "$(grep -c '^201 {"seq":' "$TMP/burst.out")" = 36 ] || fail "group writes: $(sort "$TMP/burst.out" | uniq -c | head -5)"
[ "$(grep -c '^400 .*"message":"run: run 7 is beyond config.runs (1)"' "$TMP/burst.out")" = 4 ] ||
    fail "group refusals: $(grep -v '^201' "$TMP/burst.out" | head -5)"
sed -n 's/^201 {"seq":\([0-9]*\)}$/\1/p' "$TMP/burst.out" | sort -n >"$TMP/seqs"
seq "$first" $((first + 35)) | cmp -s - "$TMP/seqs" || fail "group seqs are not $first..$((first + 35))"
# alone, the same bad write gets the same answer
req POST "/api/units/$GS1/observations" '{"competitor": "1020946", "run": 7, "time_ms": 1}' "$ADMIN"
expect 400 "a run the kind refuses, alone"
body_has '"message":"run: run 7 is beyond' "the refusal alone names run"
curl -s "$URL/api/units/$GS1/results" >"$TMP/gs1.json"
rows=$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)["results"]))' <"$TMP/gs1.json")
[ "$rows" = 36 ] || fail "GS run 1 ranks $rows, expected 36"
want=$("$PODIUM" replay "$DB" | grep " $GS1\$" | cut -d' ' -f1)
got=$(sha256sum "$TMP/gs1.json" | cut -d' ' -f1)
[ "$want" = "$got" ] || fail "after the group: podium replay digest $want, server document $got"
stop_server

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "all API checks passed"
