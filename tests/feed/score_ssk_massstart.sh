#!/bin/sh
# podium score on kind "ssk-mass-start": golden outputs for good files; for bad
# files exit 2, exactly one line on stderr naming the field, nothing on stdout.
# usage: score_ssk_massstart.sh PODIUM DIR   (DIR holds *.json with *.expected.json)
set -u
podium=$1
dir=$2
DISCIPLINE=SSK
. "$(dirname "$0")/score_lib.sh"

golden

# bad NAME FIELD CONFIG PERFORMANCES
bad() { bad_kind ssk-mass-start "$@"; }

race='{"laps": 16, "sprints": 3}'
semi='{"laps": 16, "sprints": 3, "qualify": 8}'
bad config_key 'config.lap' '{"lap": 16}' '[]'
bad laps_zero 'config.laps' '{"laps": 0}' '[]'
bad sprints_many 'config.sprints' '{"laps": 4, "sprints": 4}' '[]'
bad sprints_type 'config.sprints' '{"sprints": "3"}' '[]'
bad qualify_negative 'config.qualify' '{"qualify": -1}' '[]'
bad neither 'performances[0]' "$race" '[{"competitor": "a"}]'
bad time_negative 'performances[0].time_ms' "$race" '[{"competitor": "a", "time_ms": -5}]'
bad time_type 'performances[0].time_ms' "$race" '[{"competitor": "a", "time_ms": "7:47.11"}]'
bad laps_beyond 'performances[0].laps' "$race" '[{"competitor": "a", "laps": 17}]'
bad laps_all 'performances[0].laps' "$race" '[{"competitor": "a", "laps": 16}]'
bad laps_with_time 'performances[0].laps' "$race" '[{"competitor": "a", "time_ms": 467110, "laps": 14}]'
bad finish_without_time 'performances[0].finish' "$race" '[{"competitor": "a", "laps": 14, "finish": 3}]'
bad finish_zero 'performances[0].finish' "$race" '[{"competitor": "a", "time_ms": 467110, "finish": 0}]'
bad finish_partial 'performances[1].finish' "$race" \
    '[{"competitor": "a", "time_ms": 467110, "finish": 1}, {"competitor": "b", "time_ms": 467180}]'
bad finish_contradicts 'performances[0].finish' "$race" \
    '[{"competitor": "a", "time_ms": 467110, "finish": 2}, {"competitor": "b", "time_ms": 467180, "finish": 1}]'
bad sprints_count 'performances[0].sprints' "$race" '[{"competitor": "a", "time_ms": 467110, "sprints": [1, 0]}]'
bad sprint_place 'performances[0].sprints[2]' "$race" '[{"competitor": "a", "time_ms": 467110, "sprints": [1, 0, 4]}]'
bad sprint_twice 'performances[1].sprints[0]' "$race" \
    '[{"competitor": "a", "time_ms": 467110, "sprints": [1, 0, 0]}, {"competitor": "b", "time_ms": 467180, "sprints": [1, 0, 0]}]'
bad irm_value 'performances[0].irm' "$race" '[{"competitor": "a", "irm": "DQ"}]'
bad irm_lap 'performances[0].irm' "$race" '[{"competitor": "a", "irm": "LAP"}]'
bad dnf_with_time 'performances[0].time_ms' "$race" '[{"competitor": "a", "irm": "DNF", "time_ms": 467110}]'
bad dns_with_sprints 'performances[0].sprints' "$race" '[{"competitor": "a", "irm": "DNS", "sprints": [1, 0, 0]}]'
bad advanced_final 'performances[0].advanced' "$race" '[{"competitor": "a", "time_ms": 467110, "advanced": true}]'
bad advanced_type 'performances[0].advanced' "$semi" '[{"competitor": "a", "time_ms": 467110, "advanced": 1}]'
bad duplicate 'performances[1]: duplicate performance for competitor "a" (first in performances[0])' "$race" \
    '[{"competitor": "a", "time_ms": 467110}, {"competitor": "a", "time_ms": 467180}]'
bad unknown_key 'performances[0].time' "$race" '[{"competitor": "a", "time": "7:47.11"}]'
bad unknown_competitor 'performances[0].competitor' "$race" '[{"competitor": "z", "time_ms": 467110}]'

exit $fail
