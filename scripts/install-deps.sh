#!/bin/sh
# Install what Podium needs to build and test on Debian 12, and nothing else.
# Idempotent: packages already installed are skipped; apt-get runs only when
# something is missing. Needs root, or sudo for the install step.
set -eu

PACKAGES="gcc make pkg-config meson ninja-build \
libjansson-dev libsqlite3-dev libcmocka-dev libsodium-dev libevent-dev libxml2-dev \
libjemalloc-dev libxml2-utils curl python3 chromium nodejs"
# chromium and nodejs (with npm) run the site's browser tests (tests/web); jemalloc is the
# server's allocator in the demo and bench builds (meson option allocator).
# Extras by argument: `fuzz` adds clang and its libFuzzer runtime (make fuzz), `valgrind`
# adds valgrind (make check-valgrind).
for extra in "$@"; do
    case $extra in
    fuzz) PACKAGES="$PACKAGES clang libclang-rt-14-dev" ;;
    valgrind) PACKAGES="$PACKAGES valgrind" ;;
    *) echo "install-deps: unknown extra '$extra' (fuzz, valgrind)" >&2; exit 2 ;;
    esac
done

missing=""
for pkg in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $pkg"
    fi
done

# npm: Debian ships it apart from nodejs; NodeSource's nodejs package bundles it
if ! command -v npm >/dev/null 2>&1; then
    missing="$missing npm"
fi

if [ -z "$missing" ]; then
    exit 0
fi

echo "install-deps: installing:$missing"
if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "install-deps: need root or sudo to install:$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
