/*
 * relay_kind.h: the score-file adapter of kind "relay".
 *
 * One performance per team: the team time (or an IRM), the finish position,
 * the shooting totals and the legs (athlete, leg time, shooting stages). See
 * docs/formats.md.
 */
#ifndef PODIUM_RELAY_KIND_H
#define PODIUM_RELAY_KIND_H

#include <jansson.h>

#include "podium/err.h"
#include "podium/scoredoc.h"

/* kind "relay": rank with pd_relay_rank and render podium-result/1. */
pd_err pd_relay_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag);

#endif
