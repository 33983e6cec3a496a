#!/bin/sh
# Every ODF message type, from a replay of the committed Beijing 2022 data,
# is well-formed and valid against tests/odf/podium-odf.xsd (xmllint --schema).
# usage: test_odf_schema.sh ODF_REPLAY PROGRAMME TESTDATA XSD
set -u
REPLAY=$1 PROGRAMME=$2 TESTDATA=$3 XSD=$4
if ! command -v xmllint >/dev/null 2>&1; then
    echo "SKIP: xmllint not installed (libxml2-utils)"; exit 77
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$REPLAY" "$PROGRAMME" "$TESTDATA" "$TMP" || { echo "FAIL: odf_replay"; exit 1; }
n=$(ls "$TMP" | wc -l)
[ "$n" -gt 1000 ] || { echo "FAIL: only $n messages"; exit 1; }
# one xmllint run over every file; it names each invalid one
if ! xmllint --noout --schema "$XSD" "$TMP"/*.xml 2>"$TMP.err"; then
    grep -v ' validates$' "$TMP.err" | head -20
    rm -f "$TMP.err"
    echo "FAIL: messages invalid against $XSD"; exit 1
fi
rm -f "$TMP.err"
echo "ok: $n messages valid"
