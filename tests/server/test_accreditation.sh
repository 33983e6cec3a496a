#!/bin/sh
# Accreditation and access control on a real `podium serve` (docs/accreditation.md):
# CSV import (bad rows by line and field, nothing half-imported, offline and over
# HTTP), every deny reason of POST /api/access/check, role refusals, card changes
# with their authors, offline verification of a revoked card against the synced
# revocation list, scans recorded in batches, and a restart that rebuilds it all.
# usage: test_accreditation.sh PODIUM
set -u
PODIUM=$1
TMP=$(mktemp -d)
SERVER_PID=
trap 'kill $SERVER_PID 2>/dev/null; rm -rf "$TMP"' EXIT
. "$(dirname "$0")/lib.sh"

DB=$TMP/podium.db
H=id,name,org_type,organisation,category,venues,zones,transport,dining,valid_from,valid_to,photo
cat >"$TMP/people.csv" <<EOF
$H
603448,FEUZ Beat,NOC,SUI,Aa,YAS;OVY,1;2;3,TA,yes,2022-01-27,2022-02-23,photos/603448.jpg
M0001,"LI, Wei",MEDIA,Xinhua,E,MMC;NIS;CIS,4;6,TM,no,2022-01-23,2022-02-22,
W0001,ZHANG Min,WORKFORCE,BOCOG,Ao,NIS,1;2;3;4;5;6,,yes,2022-01-15,2022-02-25,
EOF
cat >"$TMP/bad.csv" <<EOF
$H
X1,Fine Person,OCOG,BOCOG,Ao,NIS,1,,no,2022-01-01,2022-03-01,
X2,Bad Venue,OCOG,BOCOG,Ao,NIS;XYZ,1,,no,2022-01-01,2022-03-01,
X3,Bad Date,OCOG,BOCOG,Ao,NIS,1,,no,2022-02-30,2022-03-01,
X4,Too Short,OCOG
EOF

# offline import: bad rows by line and field, exit 2, nothing stored
"$PODIUM" import accreditation "$TMP/bad.csv" --db "$DB" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ] || fail "import of bad rows: exit status not 2"
grep -q "bad.csv:3: venues: unknown venue \"XYZ\"" "$TMP/err" || fail "import: line 3 venues: $(cat "$TMP/err")"
grep -q "bad.csv:4: valid_from:" "$TMP/err" || fail "import: line 4 valid_from"
grep -q "bad.csv:5: expected 12 fields, got 3" "$TMP/err" || fail "import: line 5 fields"
grep -q "nothing was imported" "$TMP/err" || fail "import: says nothing was imported"
[ -s "$TMP/out" ] && fail "import of bad rows printed on stdout"
"$PODIUM" import accreditation "$TMP/people.csv" --db "$DB" >"$TMP/out" 2>"$TMP/err" ||
    fail "import: $(cat "$TMP/err")"
grep -q "imported 3 people in 1 observations (seq 1 to 1)" "$TMP/out" || fail "import: $(cat "$TMP/out")"
"$PODIUM" export accreditation --db "$DB" >"$TMP/export.csv" || fail "export"
grep -q '^M0001,"LI, Wei",MEDIA,Xinhua,E,CIS;NIS;MMC,4;6,TM,no,2022-01-23,2022-02-22,$' \
    "$TMP/export.csv" || fail "export: $(cat "$TMP/export.csv")"

OFFICER=$("$PODIUM" token add --db "$DB" --role accreditation --label "officer one" | tail -n 1)
GATE=$("$PODIUM" token add --db "$DB" --role scanner --venue NIS --label "NIS gate 1" | tail -n 1)
RESULTS=$("$PODIUM" token add --db "$DB" --role results --discipline ALP | tail -n 1)
HEALTH=$("$PODIUM" token add --db "$DB" --role health | tail -n 1)
"$PODIUM" access keygen --secret "$TMP/games.key" --public "$TMP/games.pub" >/dev/null ||
    fail "keygen"
PODIUM_ACCESS_KEY=$TMP/games.key
export PODIUM_ACCESS_KEY
start_server "$DB"

check() { # check CARD VENUE ZONE DAY: a scan at the NIS gate (or other venues as officer)
    req POST /api/access/check "{\"card\": \"$1\", \"venue\": \"$2\", \"zone\": \"$3\", \"day\": \"$4\"}" "${5-$GATE}"
}
deny() { # deny REASON CARD VENUE ZONE DAY [TOKEN]
    reason=$1
    shift
    check "$@"
    expect 200 "check $*"
    body_has "\"allow\":false,\"reason\":\"$reason\"" "deny $reason ($*)"
}

# allow, then every deny reason
check 3 NIS 4 2022-02-05; expect 200 "allow"
body_has '"allow":true,"reason":"ok"' allow; body_has '"name":"ZHANG Min"' "allow shows the name"
deny unknown-card 99 NIS 1 2022-02-05
deny unknown-card "abc" NIS 1 2022-02-05
deny outside-dates 3 NIS 1 2022-02-26
deny outside-dates 3 NIS 1 2022-01-14
deny venue 1 NIS 1 2022-02-05
deny zone 2 NIS 1 2022-02-05
grep -q '"name"' "$TMP/body" && fail "a deny shows personal data"
req POST /api/access/cards/2/suspend "" "$OFFICER"; expect 201 "suspend"; body_has '"seq":2' suspend
deny suspended 2 NIS 4 2022-02-05
req POST /api/access/cards/2/reinstate "" "$OFFICER"; expect 201 "reinstate"
check 2 NIS 4 2022-02-05; body_has '"allow":true' "reinstated"
req POST /api/access/cards/2/lost "" "$OFFICER"; expect 201 "lost"
deny lost 2 NIS 4 2022-02-05
req POST /api/access/people/M0001/issue "" "$OFFICER"; expect 201 "replacement card"
check 4 NIS 4 2022-02-05; body_has '"allow":true,"reason":"ok","message":"allowed, category E","card":4' "new serial"
deny lost 2 NIS 4 2022-02-05
req POST /api/access/people/M0001/issue "" "$OFFICER"; expect 201 "reprint"
deny replaced 4 NIS 4 2022-02-05
check 5 NIS 4 2022-02-05; body_has '"allow":true' "reprinted card"
req POST /api/access/cards/3/revoke "" "$OFFICER"; expect 201 "revoke"
deny revoked 3 NIS 4 2022-02-05
req POST /api/access/cards/3/reinstate "" "$OFFICER"; expect 409 "a revoked card stays revoked"
req POST /api/access/cards/77/suspend "" "$OFFICER"; expect 404 "unknown card"
req POST /api/access/people/NOBODY/issue "" "$OFFICER"; expect 404 "unknown person"

# role refusals
check 5 NIS 4 2022-02-05 ""; expect 401 "check without a token"
check 1 YAS 1 2022-02-05; expect 403 "scanner at another venue"
body_has "may not check cards at YAS" "scanner scope"
check 1 YAS 1 2022-02-05 "$RESULTS"; expect 403 "results token checks"
check 1 YAS 1 2022-02-05 "$HEALTH"; expect 403 "health token checks"
check 1 YAS 1 2022-02-05 "$OFFICER"; expect 200 "an officer checks anywhere"
body_has '"allow":true' "officer check"
for path in "/api/access/people?q=FEUZ" /api/access/people/603448 /api/access/export \
    /api/access/scans /api/access/cards/1/token; do
    req GET "$path"; expect 401 "no token: $path"
    req GET "$path" "" "$GATE"; expect 403 "scanner: $path"
    req GET "$path" "" "$RESULTS"; expect 403 "results: $path"
    grep -q "FEUZ" "$TMP/body" && fail "personal data leaked on $path"
done
req POST /api/access/cards/1/suspend "" "$GATE"; expect 403 "scanner suspends"
req POST /api/access/people "{\"id\": \"Z\"}" "$HEALTH"; expect 403 "health adds people"
req GET /api/access/revocations; expect 401 "revocations without a token"
req GET /api/access/revocations "" "$RESULTS"; expect 403 "revocations for results"
req GET /api/access/key; expect 200 "the public key is public"
body_has '"algorithm":"Ed25519"' key; body_has '"ephemeral":false' "key from the file"

# officers: find, read, add, refusals name the field
req GET "/api/access/people?q=feuz" "" "$OFFICER"; expect 200 search
body_has '"total":1' search; body_has '"id":"603448","name":"FEUZ Beat"' search
req GET "/api/access/people?q=5" "" "$OFFICER"; body_has '"id":"M0001"' "search by card serial"
req GET /api/access/people/M0001 "" "$OFFICER"; expect 200 person
body_has '"cards":[{"serial":2,"state":"lost"' person; body_has '"changed_by":"officer one"' author
PERSON='{"id": "J001", "name": "MEYER Anna", "org_type": "IF", "organisation": "FIS", "category": "If", "venues": ["YAS"], "zones": ["*"], "valid_from": "2022-02-01", "valid_to": "2022-02-20"}'
req POST /api/access/people "$PERSON" "$OFFICER"; expect 201 "add a person"
body_has '"people":1' "add a person"
req POST /api/access/people '{"id": "J002", "name": "X", "org_type": "IF", "organisation": "FIS", "category": "If", "venues": ["YAS"], "zones": ["1"], "valid_from": "2022-02-01", "valid_to": "2022-01-20"}' "$OFFICER"
expect 400 "dates reversed"; body_has 'people[0].valid_to: 2022-01-20 is before valid_from' "dates reversed"
req POST /api/access/people '{"id": "J003", "nme": "X"}' "$OFFICER"; expect 400 "unknown key"
body_has 'people[0].nme: unknown key' "unknown key"

# HTTP import: bad rows by line and field, nothing half-imported
before=$(seq_now)
req POST /api/access/import "$(cat "$TMP/bad.csv")" "$OFFICER" text/csv; expect 400 "import bad rows"
body_has '"bad_rows":3' "import bad rows"
body_has '{"line":3,"field":"venues","message":"unknown venue \"XYZ\""}' "import line 3"
body_has '{"line":4,"field":"valid_from"' "import line 4"
body_has '{"line":5,"field":"","message":"expected 12 fields, got 3"}' "import line 5"
[ "$(seq_now)" = "$before" ] || fail "a refused import stored something"
req GET /api/access/people/X1 "" "$OFFICER"; expect 404 "the good row of a bad file is not imported"
printf '%s\nK1,KIM Yuna,OCOG,BOCOG,Ao,OVB,1,,yes,2022-01-01,2022-03-01,\n' "$H" >"$TMP/one.csv"
req POST /api/access/import "$(cat "$TMP/one.csv")" "$OFFICER" text/csv; expect 201 "import"
body_has '"people":1' import

# offline: the card's signed token, a revoked card, the synced revocation list
req GET /api/access/cards/1/token "" "$OFFICER"; expect 200 "token"
TOKEN1=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' "$TMP/body")
req GET /api/access/cards/3/token "" "$OFFICER"; expect 200 "token of the revoked card"
TOKEN3=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' "$TMP/body")
req GET /api/access/revocations "" "$GATE"; expect 200 "revocations for the gate"
body_has '"revoked":[2,3,4]' revocations
cp "$TMP/body" "$TMP/revoked.json"
curl -s "$URL/api/access/key" >"$TMP/key.json"
"$PODIUM" access verify "$TOKEN1" --key "$TMP/key.json" --revoked "$TMP/revoked.json" \
    --venue YAS --zone 1 --day 2022-02-06 >"$TMP/out" || fail "verify a good card: $(cat "$TMP/out")"
grep -q "^allow card 1 person 603448 category Aa$" "$TMP/out" || fail "verify: $(cat "$TMP/out")"
"$PODIUM" access verify "$TOKEN3" --key "$TMP/games.pub" --revoked "$TMP/revoked.json" \
    --venue NIS --zone 1 --day 2022-02-06 >"$TMP/out"
[ $? -eq 3 ] || fail "verify a revoked card: exit status not 3"
grep -q "^deny revoked card 3 person W0001" "$TMP/out" || fail "verify revoked: $(cat "$TMP/out")"
# the list is signed: with card 3 struck off, or checked against another key, it is refused
sed 's/"revoked":\[2,3,4\]/"revoked":[2,4]/' "$TMP/revoked.json" >"$TMP/struck.json"
grep -q '"revoked":\[2,4\]' "$TMP/struck.json" || fail "could not strike card 3 off the list"
"$PODIUM" access verify "$TOKEN3" --key "$TMP/games.pub" --revoked "$TMP/struck.json" \
    --venue NIS --zone 1 --day 2022-02-06 >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ] || fail "verify with a list altered: exit status not 2"
grep -q "signature: does not verify" "$TMP/err" || fail "altered list: $(cat "$TMP/err")"
[ -s "$TMP/out" ] && fail "a card was judged against an altered list"
"$PODIUM" access keygen --secret "$TMP/other.key" --public "$TMP/other.pub" >/dev/null ||
    fail "keygen of another key"
"$PODIUM" access verify "$TOKEN1" --key "$TMP/other.pub" --revoked "$TMP/revoked.json" \
    --venue YAS --zone 1 --day 2022-02-06 >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ] && grep -q "signature: does not verify" "$TMP/err" ||
    fail "a list checked against another key: $(cat "$TMP/err")"
# without the list the revoked card still passes offline: the list is what stops it
"$PODIUM" access verify "$TOKEN3" --key "$TMP/games.pub" --venue NIS --zone 1 --day 2022-02-06 \
    >/dev/null || fail "verify without the list"
"$PODIUM" access verify "$TOKEN1" --key "$TMP/games.pub" --venue NIS --zone 1 \
    --day 2022-02-06 >"$TMP/out"
[ $? -eq 3 ] && grep -q "^deny venue" "$TMP/out" || fail "verify at another venue"
FORGED=$(echo "$TOKEN1" | sed 's/:YAS,OVY:/:YAS,OVY,NIS:/')
"$PODIUM" access verify "$FORGED" --key "$TMP/games.pub" >"$TMP/out" 2>"$TMP/err"
[ $? -eq 2 ] || fail "verify a forged token: exit status not 2"
grep -q "does not verify" "$TMP/err" || fail "forged: $(cat "$TMP/err")"
[ -s "$TMP/out" ] && fail "a forged token printed on stdout"

# a scanner's --state keeps the newest list's seq: an older list, though signed, is then
# refused as a replay (a list from before a card was revoked, played back to the scanner)
req POST /api/access/people '{"id": "J004", "name": "ODA Ken", "org_type": "IF", "organisation": "FIS", "category": "If", "venues": ["YAS"], "zones": ["1"], "valid_from": "2022-02-01", "valid_to": "2022-02-20"}' "$OFFICER"
expect 201 "a write after the list was synced"
req GET /api/access/revocations "" "$GATE"; expect 200 "the newer revocations"
cp "$TMP/body" "$TMP/newer.json"
OLD_SEQ=$(sed -n 's/.*"seq":\([0-9]*\).*/\1/p' "$TMP/revoked.json")
NEW_SEQ=$(sed -n 's/.*"seq":\([0-9]*\).*/\1/p' "$TMP/newer.json")
[ "$NEW_SEQ" -gt "$OLD_SEQ" ] || fail "the list's seq did not move: $OLD_SEQ, $NEW_SEQ"
verify_state() { # LIST STATE: verify card 1 at YAS against LIST, keeping STATE
    "$PODIUM" access verify "$TOKEN1" --key "$TMP/games.pub" --revoked "$1" --state "$2" \
        --venue YAS --zone 1 --day 2022-02-06 >"$TMP/out" 2>"$TMP/err"
}
verify_state "$TMP/newer.json" "$TMP/scanner.state" || fail "verify keeping a state: $(cat "$TMP/err")"
grep -q "^[0-9a-f]\{64\} $NEW_SEQ\$" "$TMP/scanner.state" ||
    fail "state after the newer list: $(cat "$TMP/scanner.state")"
verify_state "$TMP/revoked.json" "$TMP/scanner.state"
[ $? -eq 2 ] || fail "an older list after a newer one: exit status not 2"
grep -q "revoked: seq $OLD_SEQ is older than seq $NEW_SEQ, the newest list this scanner accepted" \
    "$TMP/err" || fail "replayed list: $(cat "$TMP/err")"
[ -s "$TMP/out" ] && fail "a card was judged against a replayed list"
grep -q " $NEW_SEQ\$" "$TMP/scanner.state" || fail "a refused list changed the state"
verify_state "$TMP/newer.json" "$TMP/scanner.state" || fail "the same list again: $(cat "$TMP/err")"
printf 'not a state\n' >"$TMP/bad.state"
verify_state "$TMP/newer.json" "$TMP/bad.state"
[ $? -eq 2 ] && grep -q "state: .*bad.state: expected one line 'KEY SEQ'" "$TMP/err" ||
    fail "a malformed state file: $(cat "$TMP/err")"
{ tr -d '\n' <"$TMP/scanner.state"; printf '%300s\n' x; } >"$TMP/long.state"
verify_state "$TMP/newer.json" "$TMP/long.state"
[ $? -eq 2 ] && grep -q "expected one line 'KEY SEQ'" "$TMP/err" ||
    fail "a state line followed by more: $(cat "$TMP/err")"
"$PODIUM" access verify "$TOKEN1" --key "$TMP/games.pub" --state "$TMP/scanner.state" \
    >/dev/null 2>"$TMP/err"
[ $? -eq 2 ] && grep -q "needs --revoked" "$TMP/err" || fail "--state without a list"

# scans are recorded in batches: flush, then the counts come from the log
req GET /api/access/scans "" "$OFFICER"; expect 200 scans
body_has '"recent":[{"card":"1","venue":"YAS","zone":"1","reason":"ok"' "recent scans"
req POST /api/access/scans/flush "" "$OFFICER"; expect 202 flush
for _ in $(seq 1 300); do
    req GET /api/access/scans "" "$OFFICER"
    grep -q '"pending":0' "$TMP/body" && grep -q '"recorded_allow":[1-9]' "$TMP/body" && break
    sleep 0.1
done
body_has '"recorded_allow":5,"recorded_deny":11' "recorded scans"
after=$(seq_now)

# a restart rebuilds people, cards and recorded scans from the log
stop_server
start_server "$DB"
[ "$(seq_now)" = "$after" ] || fail "restart: seq $(seq_now), expected $after"
deny replaced 4 NIS 4 2022-02-05
check 5 NIS 4 2022-02-05; body_has '"allow":true' "after restart"
req GET /api/access/scans "" "$OFFICER"; body_has '"recorded_allow":5,"recorded_deny":11' "restart scans"
req GET /api/access/cards/1/token "" "$OFFICER"
[ "$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' "$TMP/body")" = "$TOKEN1" ] ||
    fail "the same key signs the same token after a restart"
stop_server

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "accreditation: all checks passed"
