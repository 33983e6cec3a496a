#!/bin/sh
# Install what `make bench` needs beyond the build (Debian 12): wrk for plain
# HTTP load, nginx with the nchan module as the peers. Bench only: `make check`
# never needs these. Idempotent; needs root or sudo.
set -eu
PACKAGES="wrk nginx-light libnginx-mod-nchan"
missing=""
for pkg in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
echo "bench/setup.sh: installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
# the packaged service is not wanted: the benchmark starts its own nginx
if [ -f /run/nginx.pid ]; then $SUDO nginx -s quit 2>/dev/null || true; fi
