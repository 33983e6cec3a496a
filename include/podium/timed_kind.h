/*
 * timed_kind.h: the score-file adapters of the races decided by time.
 *
 * "timed" is the fixed contract of ../shared/formats/score.md; "sliding" is
 * the same race with the cut before the last run of luge, bobsleigh and
 * skeleton (docs/formats.md). Both read the document into pd_timed_entry
 * values, rank with pd_timed_rank and render podium-result/1.
 */
#ifndef PODIUM_TIMED_KIND_H
#define PODIUM_TIMED_KIND_H

#include <jansson.h>

#include "podium/err.h"
#include "podium/scoredoc.h"

/* kind "timed": see ../shared/formats/score.md. Errors name the field. */
pd_err pd_timed_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag);

/* kind "sliding": "timed" plus config.cut {after_run, best}; see docs/formats.md. */
pd_err pd_sliding_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag);

#endif
