#!/bin/sh
# Access-control benchmark (docs/performance.md):
#   1. access checks per second over HTTP: a generated Beijing 2022 population
#      (70,000 people) imported into a fresh log, `podium serve`, and wrk
#      posting POST /api/access/check with random cards at one venue's gate;
#   2. offline verifications per second (bench/access_verify).
# usage: bench/access.sh [BUILD_DIR] [SECONDS] [CONNECTIONS]
# Build first with a release build: meson setup build --buildtype=release && meson compile -C build
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
SECONDS_RUN=${2:-10}
CONNECTIONS=${3:-64}
PODIUM=$BUILD/podium
TMP=$(mktemp -d)
SERVER_PID=
trap 'kill $SERVER_PID 2>/dev/null; rm -rf "$TMP"' EXIT
command -v wrk >/dev/null || { echo "bench/access.sh needs wrk (apt-get install wrk)"; exit 2; }

python3 "$ROOT/tools/gen_accreditation.py" --out "$TMP/people.csv" 2>/dev/null
"$PODIUM" import accreditation "$TMP/people.csv" --db "$TMP/podium.db" >/dev/null
TOKEN=$("$PODIUM" token add --db "$TMP/podium.db" --role scanner --venue NIS --label bench | tail -n 1)
"$PODIUM" access keygen --secret "$TMP/games.key" --public "$TMP/games.pub" >/dev/null
PODIUM_ACCESS_KEY=$TMP/games.key "$PODIUM" serve --db "$TMP/podium.db" --listen 127.0.0.1:0 \
    >"$TMP/server.out" 2>"$TMP/server.err" &
SERVER_PID=$!
URL=
for _ in $(seq 1 100); do
    URL=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$TMP/server.out")
    [ -n "$URL" ] && break
    sleep 0.1
done
[ -n "$URL" ] || { cat "$TMP/server.err"; exit 1; }
echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)"
echo "population: $(($(wc -l <"$TMP/people.csv") - 1)) people; wrk $CONNECTIONS connections, 2 threads, ${SECONDS_RUN}s"
PODIUM_BENCH_TOKEN=$TOKEN wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" \
    -s "$ROOT/bench/access_check.lua" "$URL/api/access/check" | tail -n 1
echo "for comparison, the server's cheapest answer (GET /api/health, no token, no body):"
wrk -t2 -c"$CONNECTIONS" -d5s "$URL/api/health" | sed -n 's/^Requests\/sec: */requests\/s /p'
sleep 1.2
curl -s -H "Authorization: Bearer $TOKEN" "$URL/api/access/revocations" >/dev/null
sleep 0.5
OFFICER=$("$PODIUM" token add --db "$TMP/podium.db" --role accreditation | tail -n 1)
curl -s -H "Authorization: Bearer $OFFICER" "$URL/api/access/scans" |
    sed 's/,"recent".*//; s/^{/scans: {/'
echo
"$BUILD/bench/access_verify" 1000
