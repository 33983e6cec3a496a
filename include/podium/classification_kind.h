/*
 * classification_kind.h: the score-file adapter of kind "classification".
 *
 * An event whose results are entered as the official classification, one
 * performance per ranked competitor: {"competitor", "rank", "result"} or
 * {"competitor", "irm"}. For events no engine computes yet (team parallel,
 * snowboard cross, team pursuit...): their medals still count. See
 * docs/formats.md.
 */
#ifndef PODIUM_CLASSIFICATION_KIND_H
#define PODIUM_CLASSIFICATION_KIND_H

#include <jansson.h>

#include "podium/err.h"
#include "podium/scoredoc.h"

/*
 * kind "classification": check that the ranks given are those pd_rank gives
 * (shared on ties, the next skipped) and render podium-result/1 listing the
 * classified competitors only. PD_ERR_INPUT naming the performance otherwise.
 */
pd_err pd_classification_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag);

#endif
