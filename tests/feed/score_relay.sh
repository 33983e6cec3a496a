#!/bin/sh
# podium score on kind "relay": golden outputs for good files; for bad files
# exit 2, exactly one line on stderr naming the field, nothing on stdout.
# usage: score_relay.sh PODIUM DIR   (DIR holds *.json with *.expected.json)
set -u
podium=$1
dir=$2
DISCIPLINE=BTH
. "$(dirname "$0")/score_lib.sh"

golden

# bad NAME FIELD CONFIG PERFORMANCES
bad() { bad_kind relay "$@"; }

bth='{"precision": "0.1", "legs": 2, "shooting_stages": 2}'
ccs='{"precision": "0.1", "legs": 2}'
leg='{"athlete": "X", "time_ms": 1000, "shooting": [{"spares": 0, "loops": 0}, {"spares": 1, "loops": 0}]}'
bad no_legs 'config.legs' '{"precision": "0.1"}' '[]'
bad legs_zero 'config.legs' '{"precision": "0.1", "legs": 0}' '[]'
bad precision 'config.precision' '{"precision": "0.5", "legs": 2}' '[]'
bad unknown_config 'config.relay' '{"precision": "0.1", "legs": 2, "relay": true}' '[]'
bad negative 'performances[0].time_ms' "$ccs" '[{"competitor": "a", "time_ms": -1}]'
bad leg_negative 'performances[0].legs[1].time_ms' "$ccs" \
    '[{"competitor": "a", "legs": [{"time_ms": 1}, {"time_ms": -1}]}]'
bad unknown 'performances[1].competitor' "$ccs" \
    '[{"competitor": "a", "time_ms": 1}, {"competitor": "zz", "time_ms": 1}]'
bad duplicate 'performances[1]: duplicate performance for team "a" (first in performances[0])' "$ccs" \
    '[{"competitor": "a", "time_ms": 1}, {"competitor": "a", "irm": "DNF"}]'
bad both 'performances[0]' "$ccs" '[{"competitor": "a", "time_ms": 1, "irm": "DNF"}]'
bad neither 'performances[0]' "$ccs" '[{"competitor": "a"}]'
bad irm 'performances[0].irm' "$ccs" '[{"competitor": "a", "irm": "DNQ"}]'
bad too_many_legs 'performances[0].legs' "$ccs" \
    '[{"competitor": "a", "legs": [{"time_ms": 1}, {"time_ms": 1}, {"time_ms": 1}]}]'
bad missing_leg 'performances[0]' "$ccs" \
    '[{"competitor": "a", "time_ms": 5, "legs": [{"time_ms": 5}]}]'
bad leg_sum 'performances[1]' "$ccs" \
    '[{"competitor": "b", "time_ms": 2}, {"competitor": "a", "time_ms": 5, "legs": [{"time_ms": 1}, {"time_ms": 1}]}]'
bad spares 'performances[0].legs[0].shooting[1].spares' "$bth" \
    '[{"competitor": "a", "legs": [{"time_ms": 1, "shooting": [{"spares": 0, "loops": 0}, {"spares": 4, "loops": 0}]}, '"$leg"']}]'
bad loops 'performances[0].legs[1].shooting[0].loops' "$bth" \
    '[{"competitor": "a", "legs": ['"$leg"', {"time_ms": 1, "shooting": [{"spares": 3, "loops": 6}, {"spares": 0, "loops": 0}]}]}]'
bad stages 'performances[0].legs[0].shooting' "$bth" \
    '[{"competitor": "a", "legs": [{"time_ms": 1, "shooting": [{"spares": 0, "loops": 0}]}, '"$leg"']}]'
bad no_shooting 'performances[0].legs[0].shooting' "$ccs" \
    '[{"competitor": "a", "legs": ['"$leg"', '"$leg"']}]'
bad totals 'performances[0]' "$bth" \
    '[{"competitor": "a", "penalty_loops": 0, "spare_rounds": 1, "legs": ['"$leg"', '"$leg"']}]'
bad half_totals 'performances[0]' "$bth" '[{"competitor": "a", "time_ms": 1, "penalty_loops": 0}]'
bad finish_dnf 'performances[0].finish' "$ccs" '[{"competitor": "a", "irm": "DNF", "finish": 1}]'
bad finish_some 'performances[1].finish' "$ccs" \
    '[{"competitor": "a", "time_ms": 1, "finish": 1}, {"competitor": "b", "time_ms": 2}]'
bad photo 'performances[0].finish' "$ccs" \
    '[{"competitor": "a", "time_ms": 100, "finish": 2}, {"competitor": "b", "time_ms": 900, "finish": 1}]'
bad lapped_early 'performances[1].finish' "$ccs" \
    '[{"competitor": "a", "time_ms": 100, "finish": 1}, {"competitor": "b", "irm": "LAP", "finish": 1}]'
bad not_array 'performances[0].legs' "$ccs" '[{"competitor": "a", "time_ms": 1, "legs": {}}]'

exit $fail
