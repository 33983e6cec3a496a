# score_lib.sh: shared by the score_*.sh tests of `podium score`.
# golden: every DIR/*.json with a DIR/*.expected.json must print exactly it.
# bad_kind KIND NAME FIELD CONFIG PERFORMANCES: a file of that kind must exit 2 with
#   exactly one line on stderr naming FIELD, and nothing on stdout.
# The caller sets podium, dir and DISCIPLINE, sources this file, runs its cases and
# ends with `exit $fail`.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

golden() {
    for input in "$dir"/*.json; do
        case $input in *.expected.json) continue ;; esac
        want=${input%.json}.expected.json
        [ -f "$want" ] || continue
        if ! "$podium" score "$input" >"$tmp/out" 2>"$tmp/err"; then
            echo "FAIL $input: exit $?: $(cat "$tmp/err")"
            fail=1
        elif ! cmp -s "$tmp/out" "$want"; then
            echo "FAIL $input: output differs from $want"
            diff "$want" "$tmp/out" | head -20
            fail=1
        else
            echo "ok $input"
        fi
    done
}

bad_kind() {
    kind=$1 name=$2 field=$3 config=$4 perfs=$5
    cat >"$tmp/$name.json" <<JSON
{"format": "podium-score/1", "discipline": "$DISCIPLINE", "kind": "$kind", "config": $config,
 "competitors": [{"id": "a", "bib": "1"}, {"id": "b", "bib": "2"}, {"id": "c", "bib": "3"}],
 "performances": $perfs}
JSON
    "$podium" score "$tmp/$name.json" >"$tmp/out" 2>"$tmp/err"
    status=$?
    lines=$(wc -l <"$tmp/err")
    if [ "$status" -ne 2 ] || [ -s "$tmp/out" ] || [ "$lines" -ne 1 ] ||
        ! grep -qF -- "$field" "$tmp/err"; then
        echo "FAIL bad $name: exit $status, stdout $(wc -c <"$tmp/out") bytes, stderr: $(cat "$tmp/err")"
        fail=1
    else
        echo "ok bad $name: $(cat "$tmp/err")"
    fi
}
