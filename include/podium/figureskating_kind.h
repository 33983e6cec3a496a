/*
 * figureskating_kind.h: the score-file adapters of figure skating.
 *
 * "figure-skating-segment" is the fixed contract of ../shared/formats/score.md;
 * "figure-skating-event" (SP + FS, RD + FD) and "figure-skating-team" are
 * documented in docs/formats.md. Each reads the document strictly into the
 * structs of podium/figureskating.h, ranks with the ISU rules and renders
 * podium-result/1.
 */
#ifndef PODIUM_FIGURESKATING_KIND_H
#define PODIUM_FIGURESKATING_KIND_H

#include <jansson.h>

#include "podium/err.h"
#include "podium/scoredoc.h"

/* kind "figure-skating-segment": see ../shared/formats/score.md. Errors name the field. */
pd_err pd_fsk_segment_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag);

/* kind "figure-skating-event": segment scores in, event standings out (docs/formats.md). */
pd_err pd_fsk_event_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag);

/* kind "figure-skating-team": the team event's segment scores in, team standings out. */
pd_err pd_fsk_team_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag);

#endif
