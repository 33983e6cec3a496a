# Shared helpers for the server tests: start a real `podium serve` on a free
# loopback port, talk to it with curl, check answers.
# Needs: PODIUM (the binary), TMP (a scratch directory).

failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# start_server DB [ARGS...]: starts podium serve in the background on a free port;
# sets SERVER_PID and URL. Waits until it listens (60 s at most: start-up under valgrind
# takes some 10 s).
start_server() {
    db=$1
    shift
    # a fresh file before the start: the child truncating it may come after the first read
    rm -f "$TMP/server.out" "$TMP/server.err"
    : >"$TMP/server.out"
    "$PODIUM" serve --db "$db" --listen 127.0.0.1:0 "$@" >>"$TMP/server.out" 2>"$TMP/server.err" &
    SERVER_PID=$!
    for _ in $(seq 1 600); do
        URL=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$TMP/server.out")
        [ -n "$URL" ] && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    echo "server did not start:"; cat "$TMP/server.out" "$TMP/server.err"
    exit 1
}

stop_server() {
    kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
}

# req METHOD PATH [BODY [TOKEN [CONTENT-TYPE]]]: sets CODE, answer in $TMP/body
req() {
    method=$1 path=$2 body=${3:-} token=${4:-} ctype=${5:-application/json}
    set -- -s -o "$TMP/body" -w '%{http_code}' -X "$method" --max-time 10
    [ -n "$token" ] && set -- "$@" -H "Authorization: Bearer $token"
    [ -n "$body" ] && set -- "$@" -H "Content-Type: $ctype" --data-binary "$body"
    CODE=$(curl "$@" "$URL$path")
}

expect() {
    want=$1 what=$2
    [ "$CODE" = "$want" ] || fail "$what: status $CODE, expected $want: $(head -c 300 "$TMP/body")"
}

body_has() {
    grep -qF -- "$1" "$TMP/body" || fail "$2: body lacks '$1': $(head -c 300 "$TMP/body")"
}

seq_now() {
    curl -s --max-time 5 "$URL/api/health" | sed -n 's/.*"seq":\([0-9]*\).*/\1/p'
}

# Wait until the ODF feed has stored every document queued (GET /api/health's
# odf_backlog is 0): the feed stores on its own thread after the 201.
odf_settled() {
    for _ in $(seq 1 200); do
        curl -s --max-time 5 "$URL/api/health" | grep -q '"odf_backlog": *0[,}]' && return 0
        sleep 0.05
    done
    fail "the ODF feed did not catch up: $(curl -s "$URL/api/health")"
}
