#!/bin/sh
# After `make check`: fail when any process of the suite wrote a sanitizer
# report. The tests run with ASan's and UBSan's log_path in DIR, so a report
# from a process no test looks at (a server a shell or Python test started and
# stopped, a CLI run whose stderr a test discards) is kept as a file DIR/asan.PID
# or DIR/ubsan.PID instead of being lost; each such file is printed here.
# usage: sanitizer-reports.sh DIR
set -u
dir=$1
found=0
for f in "$dir"/asan.* "$dir"/ubsan.*; do
    [ -e "$f" ] || continue
    found=$((found + 1))
    echo "=== sanitizer report: $f"
    cat "$f"
done
if [ "$found" -ne 0 ]; then
    echo "make check: $found sanitizer report(s) from processes of the suite (above)"
    exit 1
fi
echo "make check: no sanitizer report from any process of the suite"
