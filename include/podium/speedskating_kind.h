/*
 * speedskating_kind.h: the score-file adapter of kind "speed-skating".
 *
 * One distance skated in pairs: one performance per skater with the time in
 * thousandths (or an IRM), optional pair and lane. See docs/formats.md.
 */
#ifndef PODIUM_SPEEDSKATING_KIND_H
#define PODIUM_SPEEDSKATING_KIND_H

#include <jansson.h>

#include "podium/err.h"
#include "podium/scoredoc.h"

/* kind "speed-skating": rank with pd_ssk_rank and render podium-result/1. */
pd_err pd_speedskating_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag);

#endif
