#!/bin/sh
# make bench: Podium against its peers on this machine, side by side in one run.
#   writes   durable observations per second, 1 / 8 / 64 / 256 concurrent writers
#   reads    GET /api/events/{rsc}/results keep-alive (wrk) vs nginx serving the same bytes
#   fanout   SSE subscribers (podload, epoll) vs nginx + nchan publishing the same bytes
#   replay   podium replay of the logs written here and of the committed Beijing 2022 data
# Every figure is printed as KEY=VALUE lines under a "== section" header; see
# docs/performance.md. Needs bench/setup.sh (wrk, nginx, nchan) and a C compiler.
# Knobs (environment): BENCH_SECONDS (10), BENCH_SUBS (10000), BENCH_RATE (10),
# BENCH_ONLY (space-separated sections), BENCH_DIR (scratch directory on disk).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$ROOT/build-bench
SECONDS_EACH=${BENCH_SECONDS:-10}
SUBS=${BENCH_SUBS:-10000}
RATE=${BENCH_RATE:-10}
ONLY=${BENCH_ONLY:-writes reads fanout replay}
DIR=${BENCH_DIR:-$ROOT/build-bench/run}
NGINX_PORT=${BENCH_NGINX_PORT:-18480}
PODIUM=$BUILD/podium
PODLOAD=$BUILD/podload
SERVER_PID=
NGINX_PID=

cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null
    true
}
trap cleanup EXIT INT TERM

# --- build (release, no sanitizers) ---------------------------------------------
if [ -f "$BUILD/build.ninja" ]; then
    meson setup --reconfigure "$BUILD" -Dallocator=jemalloc >/dev/null
else
    meson setup "$BUILD" --buildtype=release -Dwerror=true -Dallocator=jemalloc >/dev/null
fi
meson compile -C "$BUILD" podium:executable >/dev/null
cc -O2 -Wall -Wextra -std=gnu11 -o "$PODLOAD" "$ROOT/bench/podload.c"
rm -rf "$DIR"
mkdir -p "$DIR"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

echo "== machine"
echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "cores=$(nproc)"
echo "cpu=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)"
echo "memory_kb=$(sed -n 's/^MemTotal: *\([0-9]*\).*/\1/p' /proc/meminfo)"
echo "kernel=$(uname -r)"
echo "fd_limit=$(ulimit -n)"
echo "load_average=$(cut -d' ' -f1-3 /proc/loadavg)"
echo "nginx=$(nginx -v 2>&1 | sed 's/.*\///')"
echo "commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"

# start_podium DB [ARGS...]: sets SERVER_PID, PORT
start_podium() {
    db=$1
    shift
    : >"$DIR/server.out"
    "$PODIUM" serve --db "$db" --listen 127.0.0.1:0 --max-connections 20000 "$@" \
        >>"$DIR/server.out" 2>"$DIR/server.err" &
    SERVER_PID=$!
    for _ in $(seq 1 100); do
        PORT=$(sed -n 's/.*listening on http:[^ ]*:\([0-9]*\).*/\1/p' "$DIR/server.out")
        [ -n "$PORT" ] && return 0
        sleep 0.1
    done
    echo "podium serve did not start"; cat "$DIR/server.err"; exit 1
}

# CPU time of a process so far, user + system, in clock ticks (/proc/PID/stat fields 14, 15).
cpu_ticks() {
    awk '{print $14 + $15}' "/proc/$1/stat"
}

stop_podium() {
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
}

start_nginx() {
    mkdir -p "$DIR/nginx/www" "$DIR/nginx/tmp"
    cat >"$DIR/nginx/nginx.conf" <<EOF
load_module /usr/lib/nginx/modules/ngx_nchan_module.so;
worker_processes $(nproc);
worker_rlimit_nofile 40000;
pid $DIR/nginx/nginx.pid;
error_log $DIR/nginx/error.log warn;
events { worker_connections 20000; multi_accept on; }
http {
    access_log off;
    client_body_temp_path $DIR/nginx/tmp/body;
    proxy_temp_path $DIR/nginx/tmp/proxy;
    fastcgi_temp_path $DIR/nginx/tmp/fastcgi;
    uwsgi_temp_path $DIR/nginx/tmp/uwsgi;
    scgi_temp_path $DIR/nginx/tmp/scgi;
    keepalive_requests 1000000;
    sendfile on;
    nchan_shared_memory_size 256M;
    server {
        listen 127.0.0.1:$NGINX_PORT backlog=4096;
        location = /pub { nchan_publisher; nchan_channel_id bench; nchan_message_buffer_length 4096; }
        location = /sub { nchan_subscriber eventsource; nchan_channel_id bench; }
        location / { root $DIR/nginx/www; default_type application/json; }
    }
}
EOF
    nginx -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -g 'daemon off;' &
    NGINX_PID=$!
    sleep 1
    kill -0 "$NGINX_PID" || { cat "$DIR/nginx/error.log"; exit 1; }
}

stop_nginx() {
    kill -QUIT "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
    NGINX_PID=
}

nginx_pids() {
    echo "$NGINX_PID,$(pgrep -P "$NGINX_PID" | paste -sd, -)"
}

# The timed units of tests/server/test_crash.sh: "UNIT COMPETITOR" for every start-list row.
UNITS="ALPMDH----------------FNL-000100-- ALPMSG----------------FNL-000100--
ALPWSG----------------FNL-000100-- ALPWDH----------------FNL-000100--
BTHW75KMSP------------FNL-000100-- BTHM10KMSP------------FNL-000100--
CCSW10KMIS------------FNL-000100-- CCSM15KMIS------------FNL-000100--"
start_podium "$DIR/pairs.db"
for unit in $UNITS; do
    curl -s "http://127.0.0.1:$PORT/api/units/$unit" | grep -o '"competitor":"[^"]*"' |
        cut -d'"' -f4 | sed "s/^/$unit /"
done >"$DIR/pairs"
stop_podium
echo "pairs=$(wc -l <"$DIR/pairs")"

case " $ONLY " in *" writes "*)
    echo "== writes (durable: SQLite WAL, synchronous=FULL; ${SECONDS_EACH}s each)"
    for conns in 1 8 64 256; do
        db=$DIR/writes$conns.db
        token=$("$PODIUM" token add --db "$db" --role admin --label bench | tail -n 1)
        start_podium "$db"
        echo "-- podium, $conns writers"
        cpu0=$(cpu_ticks "$SERVER_PID")
        "$PODLOAD" writes "$PORT" "$token" "$conns" "$SECONDS_EACH" "$DIR/pairs" |
            tee "$DIR/writes.out" || true
        cpu1=$(cpu_ticks "$SERVER_PID")
        acked=$(sed -n 's/^acknowledged=//p' "$DIR/writes.out")
        # the server's CPU (every thread, user + system) per acknowledged observation:
        # steadier than the rate on a shared machine whose speed moves between runs
        [ "${acked:-0}" -gt 0 ] && echo "server_cpu_us_per_observation=$(( (cpu1 - cpu0) * 1000000 / $(getconf CLK_TCK) / acked ))"
        stop_podium
    done
esac

case " $ONLY " in *" reads "*)
    echo "== reads (wrk -t2 -c64 -d${SECONDS_EACH}s, keep-alive, same bytes)"
    db=$DIR/reads.db
    token=$("$PODIUM" token add --db "$db" --role admin --label bench | tail -n 1)
    start_podium "$db"
    # one timed result per competitor of the downhill: a full document
    "$PODLOAD" writes "$PORT" "$token" 1 1 "$DIR/pairs" >/dev/null || true
    path=/api/events/ALPMDH----------------------------/results
    curl -s "http://127.0.0.1:$PORT$path" >"$DIR/doc.json"
    echo "document_bytes=$(wc -c <"$DIR/doc.json")"
    start_nginx
    cp "$DIR/doc.json" "$DIR/nginx/www/results.json"
    cmp -s "$DIR/doc.json" "$(curl -s -o "$DIR/nginx.json" -w '%{filename_effective}' \
        "http://127.0.0.1:$NGINX_PORT/results.json")" || echo "warning: nginx serves other bytes"
    for round in 1 2 3; do
        p=$(wrk -t2 -c64 -d"${SECONDS_EACH}s" "http://127.0.0.1:$PORT$path" |
            sed -n 's/^Requests\/sec: *//p')
        n=$(wrk -t2 -c64 -d"${SECONDS_EACH}s" "http://127.0.0.1:$NGINX_PORT/results.json" |
            sed -n 's/^Requests\/sec: *//p')
        echo "round$round podium_rps=$p nginx_rps=$n ratio=$(echo "$p $n" | awk '{printf "%.2f", $1 / $2}')"
    done
    stop_nginx
    stop_podium
esac

case " $ONLY " in *" fanout "*)
    echo "== fanout ($SUBS subscribers, $RATE messages/s for ${SECONDS_EACH}s)"
    db=$DIR/fanout.db
    token=$("$PODIUM" token add --db "$db" --role admin --label bench | tail -n 1)
    start_podium "$db" --threads "$(nproc)"
    # fill the units first, so frames have their real size (every competitor timed); then
    # the publisher corrects the downhill's times: every frame is that unit's document
    PODLOAD_STATE=$DIR/pairs.seq "$PODLOAD" writes "$PORT" "$token" 8 3 "$DIR/pairs" >/dev/null || true
    grep '^ALPMDH' "$DIR/pairs.seq" >"$DIR/fanout.pairs"
    curl -s "http://127.0.0.1:$PORT/api/units/ALPMDH----------------FNL-000100--/results" \
        >"$DIR/frame_doc.json"
    echo "-- podium (frames: the unit document, $(wc -c <"$DIR/frame_doc.json") bytes, in SSE framing)"
    "$PODLOAD" fanout podium "$PORT" "$SUBS" "$RATE" "$SECONDS_EACH" "$SERVER_PID" "$token" \
        "$DIR/fanout.pairs" || true
    stop_podium
    start_nginx
    echo "-- nginx + nchan (payload: a podium unit document, $(wc -c <"$DIR/frame_doc.json") bytes)"
    "$PODLOAD" fanout nchan "$NGINX_PORT" "$SUBS" "$RATE" "$SECONDS_EACH" "$(nginx_pids)" \
        "$DIR/frame_doc.json" || true
    stop_nginx
esac

case " $ONLY " in *" replay "*)
    echo "== replay (podium replay --quiet, best of 3)"
    # the whole Games: the demo's log (every event, every engine) posted through a real
    # server by `podium demo --speed max --no-ops`, stopped once the Games are over
    db=$DIR/beijing2022.db
    "$PODIUM" demo --speed max --no-ops --db "$db" --listen 127.0.0.1:0 >"$DIR/demo.out" 2>&1 &
    demo_pid=$!
    for _ in $(seq 1 600); do
        grep -q "the Games are over" "$DIR/demo.out" && break
        sleep 1
    done
    grep "the Games are over" "$DIR/demo.out" || echo "warning: the demo did not finish"
    kill -INT "$demo_pid" 2>/dev/null
    wait "$demo_pid" 2>/dev/null || true
    for db in "$DIR"/writes*.db "$DIR"/beijing2022.db; do
        [ -f "$db" ] || continue
        obs=$("$PODIUM" replay "$db" --quiet | sed -n 's/.*(\([0-9]*\) observations).*/\1/p')
        best=$(for _ in 1 2 3; do
            s=$(date +%s.%N)
            "$PODIUM" replay "$db" --quiet >/dev/null
            e=$(date +%s.%N)
            echo "$s $e" | awk '{printf "%.3f\n", $2 - $1}'
        done | sort -n | head -n 1)
        echo "$(basename "$db") observations=$obs seconds=$best"
    done
esac
