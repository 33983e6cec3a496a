#!/bin/sh
# The site in a real browser: starts `podium serve` on a free port with a
# fresh database and results tokens, installs playwright-core (npm ci, from
# tests/web/package-lock.json) into the build directory and runs
# site.test.mjs against Debian's headless chromium. Screenshots go to OUT.
# usage: test_site.sh PODIUM TESTS_WEB_DIR OUT
# Without chromium or node the test is skipped (exit 77), except under CI.
set -u
PODIUM=$1
SRC=$2
OUT=$3
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ] || ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "browser tests need $CHROMIUM, node and npm (scripts/install-deps.sh installs them)"
    [ "${CI:-}" = true ] && exit 1
    exit 77
fi
TMP=$(mktemp -d)
SERVER_PID=
trap 'kill $SERVER_PID 2>/dev/null; rm -rf "$TMP"' EXIT
. "$(dirname "$0")/../server/lib.sh"

# playwright-core, pinned by the lock file, installed once per lock file
NODE_DIR=$OUT/node
mkdir -p "$NODE_DIR" "$OUT/screenshots"
if ! cmp -s "$SRC/package-lock.json" "$NODE_DIR/package-lock.json" || [ ! -d "$NODE_DIR/node_modules/playwright-core" ]; then
    cp "$SRC/package.json" "$SRC/package-lock.json" "$NODE_DIR/"
    (cd "$NODE_DIR" && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed"; exit 1; }
fi

DB=$TMP/podium.db
export PODIUM_ALP_TOKEN PODIUM_ADMIN_TOKEN
PODIUM_ALP_TOKEN=$("$PODIUM" token add --db "$DB" --role results --discipline ALP --label "alpine desk" | tail -n 1)
PODIUM_ADMIN_TOKEN=$("$PODIUM" token add --db "$DB" --role admin --label chief | tail -n 1)
export PODIUM_ACR_TOKEN PODIUM_SCAN_TOKEN PODIUM_HEALTH_TOKEN
PODIUM_HEALTH_TOKEN=$("$PODIUM" token add --db "$DB" --role health --label "health desk" | tail -n 1)
PODIUM_ACR_TOKEN=$("$PODIUM" token add --db "$DB" --role accreditation --label office | tail -n 1)
PODIUM_SCAN_TOKEN=$("$PODIUM" token add --db "$DB" --role scanner --venue NIS --label gate | tail -n 1)
start_server "$DB"

PODIUM_URL=$URL SCREENSHOTS=$OUT/screenshots CHROMIUM=$CHROMIUM NODE_DIR=$NODE_DIR \
    node "$SRC/site.test.mjs"
status=$?
if [ $status -ne 0 ]; then
    echo "--- server stderr"; tail -n 20 "$TMP/server.err"
fi
echo "screenshots in $OUT/screenshots"
exit $status
