#!/bin/sh
# The closed-loop health service of a real `podium serve` (docs/api.md,
# "Closed-loop health"): writes by role, refusals, individual reads only by
# the health role and each one audited in the log, public aggregates, no
# personal data in error messages or server output, a restart that replays.
# usage: test_health.sh PODIUM
set -u
PODIUM=$1
TMP=$(mktemp -d)
trap 'kill $SERVER_PID 2>/dev/null; rm -rf "$TMP"' EXIT
SERVER_PID=
. "$(dirname "$0")/lib.sh"

DB=$TMP/podium.db
HEALTH=$("$PODIUM" token add --db "$DB" --role health --label "health desk" | tail -n 1)
ACR=$("$PODIUM" token add --db "$DB" --role accreditation | tail -n 1)
ALP=$("$PODIUM" token add --db "$DB" --role results --discipline ALP | tail -n 1)
ADMIN=$("$PODIUM" token add --db "$DB" --role admin | tail -n 1)
start_server "$DB"

SECRET=ZQXJ7731
ARRIVE='{"type":"batch","items":[
 {"type":"arrival","person":"'$SECRET'","venue":"H07","group":"athlete","day":"2022-02-01","vaccinated":true,"predeparture_hours":[90,40]},
 {"type":"sample","sample":"S-1","person":"'$SECRET'","day":"2022-02-01","site":"airport"},
 {"type":"arrival","person":"B2","venue":"H07","group":"other","day":"2022-02-01","vaccinated":true,"predeparture_hours":[70,30]},
 {"type":"test","person":"B2","day":"2022-02-01","site":"airport","ct":"30.00"}]}'

# writes by role
req POST /api/loop/observations "$ARRIVE"; expect 401 "write without token"
req POST /api/loop/observations "$ARRIVE" "$ALP"; expect 403 "write with a results token"
req POST /api/loop/observations "$ARRIVE" "$ACR"; expect 403 "write with an accreditation token"
req POST /api/loop/observations "$ARRIVE" "$HEALTH"; expect 201 "batch by health"
body_has '"seq":' "batch by health"
req POST /api/loop/observations "$ARRIVE" "$HEALTH"; expect 409 "same arrivals again"
body_has 'items[0].person' "conflict names the field"
grep -q "$SECRET" "$TMP/body" && fail "conflict message names the participant"
req POST /api/loop/observations '{"type":"result","sample":"S-1","ct":"35.001"}' "$HEALTH"
expect 400 "Ct with three decimals"; body_has '"ct' "bad Ct names the field"
req POST /api/loop/observations '{"type":"audit","read":"person"}' "$HEALTH"; expect 400 "audit by a client"
req POST /api/loop/observations '{"type":"result","sample":"S-1","ct":"35.00"}' "$HEALTH"
expect 201 "result at the grey-zone threshold"

# public aggregates: no token, no ids
req GET "/api/loop/figures?from=2022-02-01&to=2022-02-02"; expect 200 figures
body_has '"positives_airport":{"athletes":0,"others":1}' "airport positive counted"
body_has '"grey_zone":1' "grey zone counted"
grep -q "$SECRET" "$TMP/body" && fail "figures name a participant"
req GET /api/loop/figures; expect 200 "figures, default range"
req GET /api/loop/rules; expect 200 rules; body_has '"effective":"2022-01-23"' rules

# individual reads: health only
before=$(seq_now)
req GET "/api/loop/persons/$SECRET?day=2022-02-01"; expect 401 "person without token"
req GET "/api/loop/persons/$SECRET?day=2022-02-01" "" "$ALP"; expect 403 "person, results token"
req GET "/api/loop/persons/$SECRET?day=2022-02-01" "" "$ACR"; expect 403 "person, accreditation"
req GET "/api/loop/persons/$SECRET?day=2022-02-01" "" "$ADMIN"; expect 403 "person, admin"
req GET /api/loop/tests "" "$ALP"; expect 403 "tests, results token"
req GET /api/loop/isolations; expect 401 "isolations without token"
[ "$(seq_now)" = "$before" ] || fail "a refused read was recorded"
grep -q "$SECRET" "$TMP/body" && fail "refusal names the participant"

req GET "/api/loop/persons/$SECRET?day=2022-02-01" "" "$HEALTH"; expect 200 "person by health"
body_has '"status":"close_contact"' "grey zone on 1 Feb: close contact"
body_has '"rule":"ct.grey_zone"' "the rule applied"
body_has '"rule_set":"adjusted-2022-01-23"' "the rule set in force"
[ "$(seq_now)" -gt "$before" ] || fail "the read was not audited"
req GET "/api/loop/persons/NOBODY1?day=2022-02-01" "" "$HEALTH"; expect 404 "unknown participant"
grep -q NOBODY1 "$TMP/body" && fail "404 names the participant"
req GET "/api/loop/persons/$SECRET?day=2022-13-01" "" "$HEALTH"; expect 400 "bad day"
req GET "/api/loop/tests?day=2022-02-02&venue=H07" "" "$HEALTH"; expect 200 "tests by health"
body_has '"venue":"H07"' "test list by venue"
body_has '"tests_required":2' "close contact tested twice"
req GET "/api/loop/isolations?day=2022-02-02" "" "$HEALTH"; expect 200 "isolations"
body_has '"person":"B2","status":"isolated","isolated":"2022-02-01"' "isolation list"
req GET "/api/loop/entry/B2?day=2022-02-02" "" "$ACR"; expect 200 "entry check, accreditation"
body_has '"may_enter":false,"reason":"in isolation"' "isolated may not enter"
req GET "/api/loop/entry/B2?day=2022-02-02" "" "$ALP"; expect 403 "entry check, results"
audited=$(seq_now)

# restart: the log replays to the same answers, the audit records included
stop_server
start_server "$DB"
[ "$(seq_now)" = "$audited" ] || fail "seq after restart: $(seq_now), expected $audited"
req GET "/api/loop/entry/B2?day=2022-02-02" "" "$HEALTH"; expect 200 "entry after restart"
body_has '"may_enter":false' "still isolated after restart"

# personal data never in the server's output
stop_server
grep -q "$SECRET" "$TMP/server.out" "$TMP/server.err" && fail "server output names a participant"

[ "$failures" -eq 0 ] && echo "health server: all passed"
exit "$failures"
