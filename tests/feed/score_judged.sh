#!/bin/sh
# podium score on kind "judged": golden outputs for good files; for bad files
# exit 2, exactly one line on stderr naming the field, nothing on stdout.
# usage: score_judged.sh PODIUM DIR   (DIR holds *.json with *.expected.json)
set -u
podium=$1
dir=$2
DISCIPLINE=SBD
. "$(dirname "$0")/score_lib.sh"

golden

# bad NAME FIELD CONFIG PERFORMANCES
bad() { bad_kind judged "$@"; }

one='{"rounds": [{"runs": 2}]}'
panel='{"rounds": [{"runs": 2}], "panel": {"judges": 6, "drop": 1}}'
ko='{"rounds": [{"runs": 1, "advance": 1}, {"runs": 1}]}'
bad no_rounds 'config.rounds' '{}' '[]'
bad rounds_empty 'config.rounds' '{"rounds": []}' '[]'
bad runs_zero 'config.rounds[0].runs' '{"rounds": [{"runs": 0}]}' '[]'
bad counting 'config.rounds[0].counting' '{"rounds": [{"runs": 3, "counting": "best-3"}]}' '[]'
bad best_two_one 'config.rounds[0].runs' '{"rounds": [{"runs": 1, "counting": "best-two"}]}' '[]'
bad first_second_chance 'config.rounds[0].second_chance' '{"rounds": [{"runs": 1, "second_chance": true}]}' '[]'
bad carry 'config.rounds[1].carry' '{"rounds": [{"runs": 1, "advance": 1}, {"runs": 1, "carry": true}]}' '[]'
bad ties 'config.rounds[0].ties' '{"rounds": [{"runs": 1, "ties": "bib"}]}' '[]'
bad config_key 'config.round' '{"rounds": [{"runs": 1}], "round": 1}' '[]'
bad panel_drop 'config.panel.drop' '{"rounds": [{"runs": 1}], "panel": {"judges": 2, "drop": 1}}' '[]'
bad run_beyond 'performances[0].run' "$one" '[{"competitor": "a", "round": 1, "run": 3, "score": "1.00"}]'
bad round_beyond 'performances[0].round' "$one" '[{"competitor": "a", "round": 2, "run": 1, "score": "1.00"}]'
bad duplicate 'performances[1].run' "$one" \
    '[{"competitor": "a", "round": 1, "run": 1, "score": "1.00"}, {"competitor": "a", "round": 1, "run": 1, "state": "DNS"}]'
bad score_decimals 'performances[0].score' "$one" '[{"competitor": "a", "round": 1, "run": 1, "score": "1.005"}]'
bad score_negative 'performances[0].score' "$one" '[{"competitor": "a", "round": 1, "run": 1, "score": "-1"}]'
bad both 'performances[0]' "$panel" \
    '[{"competitor": "a", "round": 1, "run": 1, "score": "1.00", "marks": ["1", "1", "1", "1", "1", "1"]}]'
bad neither 'performances[0]' "$one" '[{"competitor": "a", "round": 1, "run": 1}]'
bad state 'performances[0].state' "$one" '[{"competitor": "a", "round": 1, "run": 1, "state": "DSQ"}]'
bad marks_no_panel 'performances[0].marks' "$one" '[{"competitor": "a", "round": 1, "run": 1, "marks": ["1"]}]'
bad marks_count 'performances[0].marks' "$panel" \
    '[{"competitor": "a", "round": 1, "run": 1, "marks": ["90", "91", "92", "93", "94"]}]'
bad mark_range 'performances[0].marks[2]' "$panel" \
    '[{"competitor": "a", "round": 1, "run": 1, "marks": ["90", "91", "100.01", "93", "94", "95"]}]'
bad aerials_dd 'performances[0].dd' '{"rounds": [{"runs": 1}], "panel": {"judges": 3}}' \
    '[{"competitor": "a", "round": 1, "run": 1, "judges": [[1, 4, 2], [1, 4, 2], [1, 4, 2]]}]'
bad aerials_air 'performances[0].judges[1][0]' '{"rounds": [{"runs": 1}], "panel": {"judges": 3}}' \
    '[{"competitor": "a", "round": 1, "run": 1, "dd": "4.425", "judges": [[1, 4, 2], [2.1, 4, 2], [1, 4, 2]]}]'
bad aerials_shape 'performances[0].judges[0]' '{"rounds": [{"runs": 1}], "panel": {"judges": 3}}' \
    '[{"competitor": "a", "round": 1, "run": 1, "dd": "4.425", "judges": [[1, 4], [1, 4, 2], [1, 4, 2]]}]'
bad dd_alone 'performances[0].dd' "$one" '[{"competitor": "a", "round": 1, "run": 1, "score": "1.00", "dd": "1.000"}]'
bad not_advanced 'performances[3].round' "$ko" \
    '[{"competitor": "a", "round": 1, "run": 1, "score": "9.00"}, {"competitor": "b", "round": 1, "run": 1, "score": "8.00"},
      {"competitor": "a", "round": 2, "run": 1, "score": "9.00"}, {"competitor": "b", "round": 2, "run": 1, "score": "9.00"}]'
bad irm_with_run 'performances[0].irm' "$one" '[{"competitor": "a", "round": 1, "run": 1, "score": "1.00", "irm": "DSQ"}]'
bad irm_value 'performances[0].irm' "$one" '[{"competitor": "a", "irm": "DQ"}]'
bad irm_twice 'performances[1].irm' "$one" '[{"competitor": "a", "irm": "DSQ"}, {"competitor": "a", "irm": "WD"}]'
bad tiebreak 'performances[1].tiebreak' "$one" \
    '[{"competitor": "a", "round": 1, "run": 1, "score": "1.00", "tiebreak": 1}, {"competitor": "a", "round": 1, "run": 2, "score": "1.00", "tiebreak": 2}]'
bad direction 'performances[0].direction' "$one" '[{"competitor": "a", "round": 1, "run": 1, "score": "1.00", "direction": ""}]'
bad unknown_key 'performances[0].scor' "$one" '[{"competitor": "a", "round": 1, "run": 1, "scor": "1.00"}]'
bad unknown_competitor 'performances[0].competitor' "$one" '[{"competitor": "z", "round": 1, "run": 1, "score": "1.00"}]'

exit $fail
