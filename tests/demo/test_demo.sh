#!/bin/sh
# The demo end to end: `podium demo --speed max` replays data/demo/beijing2022.log
# through a real server; then the official results of tests/data/demo/expected.json
# (the final ranks of every event, from the committed converted Beijing 2022 data)
# and the medal table of tests/data/medals/owg2022.json are read back over HTTP.
# Usage: test_demo.sh PODIUM SOURCE_ROOT
PODIUM=$1
ROOT=$2
TMP=$(mktemp -d)
trap 'kill "$DEMO_PID" 2>/dev/null; wait "$DEMO_PID" 2>/dev/null; rm -rf "$TMP"' EXIT

"$PODIUM" demo --speed max --db "$TMP/demo.db" --listen 127.0.0.1:0 >"$TMP/out" 2>"$TMP/err" &
DEMO_PID=$!
while ! grep -q "the Games are over\|podium demo: .*stopped\|did not start" "$TMP/out" "$TMP/err"; do
    kill -0 "$DEMO_PID" 2>/dev/null || { echo "demo exited:"; cat "$TMP/out" "$TMP/err"; exit 1; }
    sleep 1
done
grep "the Games are over" "$TMP/out" || { cat "$TMP/err"; exit 1; }
URL=$(sed -n 's/.*live at \(http:[^ ]*\)\/ .*/\1/p' "$TMP/out")
python3 - "$URL" "$ROOT" "$TMP/out" <<'PY'
import json, sys, urllib.request
url, root, out = sys.argv[1:4]
def get(path):
    with urllib.request.urlopen(url + path) as r:
        return json.load(r)
expected = json.load(open(root + '/tests/data/demo/expected.json'))
events = {e['rsc'][:22].rstrip('-'): e['rsc'] for e in get('/api/events')['events']} \
    if isinstance(get('/api/events'), dict) and 'events' in get('/api/events') else {}
exact, failed = 0, []
for code, rows in expected['events'].items():
    doc = get('/api/events/' + events[code]) if code in events else {}
    got = {r['competitor']: r.get('rank') for r in doc.get('results', [])}
    bad = [r for r in rows if r.get('rank') is not None and got.get(r['competitor']) != r['rank']]
    if doc.get('status') == 'OFFICIAL' and not bad:
        exact += 1
    else:
        failed.append((code, doc.get('status'), len(bad), doc.get('message', '')))
medals = get('/api/medals')['medals']
ref = json.load(open(root + '/tests/data/medals/owg2022.json'))
table = {}
for p in ref['performances']:
    if p['rank'] <= 3:
        row = table.setdefault(p['competitor'], [0, 0, 0])
        row[p['rank'] - 1] += 1
# the reference counts each medal once per (event, noc, rank, entry)
got_table = {m['noc']: [m['gold'], m['silver'], m['bronze']] for m in medals}
diff = {k: (table.get(k), got_table.get(k)) for k in set(table) | set(got_table)
        if table.get(k) != got_table.get(k)}
engine = set(expected['engine'])
print('events reproduced: %d/%d (engine events %d/%d)' % (
    exact, len(expected['events']), len([c for c in engine if c not in [f[0] for f in failed]]),
    len(engine)))
for f in failed:
    print('  not reproduced: %s status %s, %d rank(s) differ %s' % f)
print('medal table: %d NOCs, %d differ from tests/data/medals/owg2022.json' % (len(got_table), len(diff)))
for k, v in sorted(diff.items()):
    print('  %s expected %s got %s' % (k, v[0], v[1]))
print('top: ' + ', '.join('%s %d-%d-%d' % (m['noc'], m['gold'], m['silver'], m['bronze']) for m in medals[:4]))
# floor: what this branch reproduced when the test was written (docs/validation.md)
sys.exit(0 if exact >= int(open(root + '/tests/data/demo/floor').read()) else 1)
PY
