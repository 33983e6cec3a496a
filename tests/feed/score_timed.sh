#!/bin/sh
# podium score on the timed kinds: golden outputs for good files; for bad files
# exit 2, exactly one line on stderr naming the field, nothing on stdout.
# usage: score_timed.sh PODIUM DIR   (DIR holds *.json with *.expected.json)
set -u
podium=$1
dir=$2
DISCIPLINE=ALP
. "$(dirname "$0")/score_lib.sh"

golden

# bad NAME FIELD KIND CONFIG PERFORMANCES
bad() { bad_kind "$3" "$1" "$2" "$4" "$5"; }

two='{"runs": 2, "precision": "0.01"}'
bad run_beyond 'performances[1].run' timed "$two" \
    '[{"competitor": "a", "run": 1, "time_ms": 1000}, {"competitor": "a", "run": 3, "time_ms": 1000}]'
bad run_zero 'performances[0].run' timed "$two" '[{"competitor": "a", "run": 0, "time_ms": 1000}]'
bad negative 'performances[0].time_ms' timed "$two" \
    '[{"competitor": "a", "run": 1, "time_ms": -5}]'
bad unknown 'performances[1].competitor' timed "$two" \
    '[{"competitor": "a", "run": 1, "time_ms": 1000}, {"competitor": "zz", "run": 1, "time_ms": 1}]'
bad duplicate 'performances[2].run' timed "$two" \
    '[{"competitor": "a", "run": 1, "time_ms": 1000}, {"competitor": "b", "run": 1, "time_ms": 1000},
      {"competitor": "a", "run": 1, "irm": "DNF"}]'
bad both 'performances[0]' timed "$two" '[{"competitor": "a", "run": 1, "time_ms": 1, "irm": "DNF"}]'
bad neither 'performances[0]' timed "$two" '[{"competitor": "a", "run": 1}]'
bad irm 'performances[0].irm' timed "$two" '[{"competitor": "a", "run": 1, "irm": "dnf"}]'
bad float_time 'performances[0].time_ms' timed "$two" '[{"competitor": "a", "run": 1, "time_ms": 1.5}]'
bad key 'performances[0].tme_ms' timed "$two" '[{"competitor": "a", "run": 1, "tme_ms": 1}]'
bad misses 'performances[0].misses[1]' timed '{"runs": 1, "precision": "0.1", "penalty_ms": 60000}' \
    '[{"competitor": "a", "run": 1, "time_ms": 1, "misses": [0, 6]}]'
bad precision 'config.precision' timed '{"runs": 1, "precision": "0.05"}' '[]'
bad runs 'config.runs' timed '{"runs": 0, "precision": "0.1"}' '[]'
bad config_key 'config.cut' timed '{"runs": 2, "precision": "0.1", "cut": {"after_run": 1, "best": 1}}' '[]'
bad no_precision 'config.precision' timed '{"runs": 1}' '[]'
bad cut_after 'config.cut.after_run' sliding '{"runs": 2, "precision": "0.001", "cut": {"after_run": 0, "best": 1}}' '[]'
bad after_cut 'performances[3].run' sliding '{"runs": 2, "precision": "0.001", "cut": {"after_run": 1, "best": 1}}' \
    '[{"competitor": "a", "run": 1, "time_ms": 1000}, {"competitor": "b", "run": 1, "time_ms": 2000},
      {"competitor": "a", "run": 2, "time_ms": 1000}, {"competitor": "b", "run": 2, "time_ms": 1000}]'

bad ssk_duplicate 'performances[1]: duplicate performance for competitor "a" (first in performances[0])' speed-skating '{}' \
    '[{"competitor": "a", "time_ms": 35000}, {"competitor": "a", "time_ms": 35001}]'
bad ssk_negative 'performances[0].time_ms' speed-skating '{}' '[{"competitor": "a", "time_ms": -1}]'
bad ssk_lane 'performances[0].lane' speed-skating '{}' \
    '[{"competitor": "a", "time_ms": 1, "lane": "X"}]'
bad ssk_run 'performances[0].run' speed-skating '{}' '[{"competitor": "a", "run": 1, "time_ms": 1}]'
bad ssk_config 'config.runs' speed-skating '{"runs": 1}' '[]'
bad ssk_unknown 'performances[0].competitor' speed-skating '{}' '[{"competitor": "q", "time_ms": 1}]'
bad ms_partial_finish 'performances[1].finish' mass-start '{"precision": "0.1"}' \
    '[{"competitor": "a", "time_ms": 1000, "finish": 1}, {"competitor": "b", "time_ms": 2000}]'
bad ms_contradiction 'performances[0].finish' mass-start '{"precision": "0.1"}' \
    '[{"competitor": "a", "time_ms": 1000, "finish": 2}, {"competitor": "b", "time_ms": 2000, "finish": 1}]'
bad ms_qualifying 'performances[0].qualifying_behind_ms' mass-start '{"precision": "0.1"}' \
    '[{"competitor": "a", "time_ms": 1000, "qualifying_behind_ms": 0}]'
bad ms_start 'config.start' mass-start '{"precision": "0.1", "start": "wave"}' '[]'
bad ms_duplicate 'performances[1]: duplicate performance for competitor "a" (first in performances[0])' mass-start '{"precision": "0.1"}' \
    '[{"competitor": "a", "time_ms": 1000}, {"competitor": "a", "irm": "DNF"}]'
bad ms_negative 'performances[0].time_ms' mass-start '{"precision": "0.1"}' \
    '[{"competitor": "a", "time_ms": -100}]'
bad ms_irm_finish 'performances[0]' mass-start '{"precision": "0.1"}' \
    '[{"competitor": "a", "irm": "LAP", "finish": 3}]'

exit $fail
