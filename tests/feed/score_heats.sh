#!/bin/sh
# podium score on kind "heats": the golden output of a good file; for bad files
# exit 2, exactly one line on stderr naming the field, nothing on stdout.
# usage: score_heats.sh PODIUM DIR   (DIR holds small.json, duel.json and their .expected.json)
set -u
podium=$1
dir=$2
. "$(dirname "$0")/score_lib.sh"

golden
src=small.json

# bad NAME FIELD PYTHON-EDIT: edit small.json with a python expression on d, expect exit 2
bad() {
    name=$1 field=$2 edit=$3
    python3 -c "
import json, sys
d = json.load(open(sys.argv[1]))
$edit
json.dump(d, open(sys.argv[2], 'w'))" "$dir/$src" "$tmp/$name.json" || { fail=1; return; }
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

P='d["performances"]'
R='d["config"]["rounds"]'
bad unknown_competitor 'performances[8].competitor' "$P[8]['competitor'] = 'nobody'"
bad not_qualified 'performances[11]' "$P[6].pop('advanced')"
bad wrong_final 'performances[12]' "$P[12]['heat'] = 'B'"
bad bracket_open 'performances[8]' "del $P[12]"
bad adv_not_allowed 'performances[6]' "$R[0]['referee_advancement'] = False"
bad adv_unknown_final 'performances[6].advanced' "$P[6]['advanced'] = 'C'"
bad no_such_round 'performances[0].round' "$P[0]['round'] = 'QFNL'"
bad no_such_final 'performances[12].heat' "$P[12]['heat'] = 'C'"
bad place_and_irm 'performances[3].place' "$P[3]['place'] = 4"
bad no_place 'performances[0].place' "del $P[0]['place']"
bad place_beyond 'performances[0]' "$P[0]['place'] = 9"
bad twice_in_round 'performances[1]' "$P[1]['competitor'] = 'h1'"
bad unknown_irm 'performances[3].irm' "$P[3]['irm'] = 'OUT'"
bad bad_type 'config.rounds[0].type' "$R[0]['type'] = 'sprint'"
bad target_final 'config.rounds[1].advance[0].final' "$R[1]['advance'][0]['final'] = 'Z'"
bad no_final_named 'config.rounds[1].advance[0].final' "del $R[1]['advance'][0]['final']"
bad finals_not_last 'config.rounds[0].type' "$R[0]['type'] = 'finals'; $R[0]['finals'] = ['A']"
bad unknown_key 'config.rounds[0].advance[0].place' "$R[0]['advance'][0]['place'] = 1"
bad empty_target 'config.rounds[0].advance[0]' "$R[0]['advance'][0] = {'mark': 'Q'}"
bad heat_zero 'performances[0].heat' "$P[0]['heat'] = 0"
bad precision 'config.precision' "d['config']['precision'] = '0.5'"
bad runs_in_race 'performances[0].runs_ms' "$P[0]['runs_ms'] = [40000]"
bad combine_in_race 'config.rounds[0].combine' "$R[0]['combine'] = 'best'"
bad first_run_alone 'config.rounds[0].first_run_places' "$R[0]['first_run_places'] = 4"
bad ties_in_race 'config.rounds[0].ties' "$R[0]['ties'] = 'later_start'"
bad unfinished_in_race 'config.rounds[0].rank_unfinished' "$R[0]['rank_unfinished'] = True"
bad heat_of_finals 'config.rounds[1].advance[0].heat' "$R[1]['advance'][0]['heat'] = 1"
bad wrong_heat 'performances[8]' "$R[0]['advance'][0]['heat'] = 2"
bad placed_irms_type 'config.placed_irms' "d['config']['placed_irms'] = 'DNF'"
bad placed_irms_mark 'config.placed_irms[1]' "d['config']['placed_irms'] = ['DNF', 'OUT']"
bad dnf_with_place 'performances[3].place' "$P[3]['irm'] = 'DNF'; $P[3]['place'] = 4"

# Duels decided by runs (alpine team parallel).
src=duel.json
bad duel_place 'performances[0].place' "$P[0]['place'] = 1"
bad duel_time 'performances[0].time_ms' "del $P[0]['runs_ms']; $P[0]['time_ms'] = 48000"
bad duel_run_count 'performances[1].runs_ms' "$P[1]['runs_ms'] = [25000, 24000]"
bad duel_run_mark 'performances[3].runs_ms[2]' "$P[3]['runs_ms'][2] = 'OUT'"
bad duel_runs_and_irm 'performances[0].runs_ms' "$P[0]['irm'] = 'DSQ'"
bad duel_three 'performances[2]' "$P[2]['heat'] = 1"
bad duel_no_opponent 'performances[0]' "del $P[1]"
bad duel_no_runs 'performances[1]' "del $P[1]['runs_ms']"
bad duel_timed 'config.rounds[0].duel' "$R[0]['type'] = 'timed'; del $R[0]['advance'][1]; $R[0]['advance'][0] = {'to': 'FNL', 'final': 'Big', 'places': [1, 2]}"
bad duel_runs_missing 'config.rounds[0].duel.runs' "del $R[0]['duel']['runs']"
bad duel_group_run 'config.rounds[0].duel.tie_groups[1][1]' "$R[0]['duel']['tie_groups'][1][1] = 5"
bad duel_group_twice 'config.rounds[0].duel.tie_groups[0][1]' "$R[0]['duel']['tie_groups'][0][1] = 1"
bad duel_unknown_key 'config.rounds[0].duel.points' "$R[0]['duel']['points'] = 1"
bad winner_marks_count 'config.rounds[1].winner_marks' "$R[1]['winner_marks'] = ['W']"
bad winner_marks_race 'config.rounds[0].winner_marks' "$R[0]['winner_marks'] = ['W', 'w']"
bad duel_not_qualified 'performances[4]' "$P[0]['runs_ms'] = [26000, 24100, 25600, 24100]"

exit $fail
