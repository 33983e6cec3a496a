#!/bin/sh
# The site's Games services on a real `podium serve`: /api/news (articles from
# data/news, or PODIUM_NEWS_DIR, a bad file left out with a warning) and
# /api/games (the programme's reference tables for the pages).
# usage: test_site_api.sh PODIUM
set -u
PODIUM=$1
TMP=$(mktemp -d)
trap 'kill $SERVER_PID 2>/dev/null; rm -rf "$TMP"' EXIT
. "$(dirname "$0")/lib.sh"

start_server "$TMP/podium.db"
req GET /api/news; expect 200 "news list"
body_has '"slug":"2022-01-closed-loop","title":"The closed loop opens' "news list"
req GET /api/news/2022-01-closed-loop; expect 200 article
body_has '"html":"<p>From <strong>4 January 2022</strong>' article
req GET /api/news/nothing-here; expect 404 "unknown article"; body_has '"error":"not-found"' "unknown article"
req POST /api/news '{"title": "x"}'; expect 405 "news is read-only"
req GET /api/games; expect 200 games
body_has '"first_day":"2022-02-02","last_day":"2022-02-20"' games
body_has '{"code":"YAS","name":"Yanqing National Alpine Skiing Centre","zone":"YAN"}' games
body_has '{"code":"NOR","name":"Norway"}' games
req GET "/api/games/participants?ids=836079,nobody,CURMTEAM4-SUI"; expect 200 "participants by id"
body_has '{"id":"836079","name":"KRIECHMAYR Vincent","noc":"AUT","team":false,"members":[]}' "participants by id"
body_has '"id":"CURMTEAM4-SUI"' "participants by id"
req GET "/api/games/participants?noc=XYZ"; expect 404 "unknown NOC"
req GET "/api/games/participants"; expect 400 "no filter"
req GET /api/games/participants/836079; expect 200 athlete
body_has '"rsc":"ALPMDH----------------FNL-000100--"' athlete
req GET /api/games/participants/nobody; expect 404 "unknown athlete"
stop_server

# a news directory with one good and one bad article: the bad one is left out
mkdir "$TMP/news"
printf -- '---\ntitle: Good\ndate: 2022-01-01\n---\nText <b>.\n' >"$TMP/news/good.md"
printf -- '---\ntitle: Bad\n---\n' >"$TMP/news/bad.md"
PODIUM_NEWS_DIR=$TMP/news start_server "$TMP/podium.db"
req GET /api/news; expect 200 "news dir"
body_has '"slug":"good"' "news dir"
grep -q '"slug":"bad"' "$TMP/body" && fail "bad article published"
grep -q 'bad.md left out: date: required' "$TMP/server.err" || fail "no warning for bad.md: $(cat "$TMP/server.err")"
req GET /api/news/good; body_has 'Text &lt;b&gt;.' "escaped body"
stop_server

echo "site api: $failures failed"
[ "$failures" -eq 0 ]
