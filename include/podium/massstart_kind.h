/*
 * massstart_kind.h: the score-file adapter of kind "mass-start".
 *
 * One performance per competitor with the time on the race clock (or an
 * IRM), the photo-finish position, the misses per shooting stage and, in a
 * pursuit, the gap in the qualifying race. See docs/formats.md.
 */
#ifndef PODIUM_MASSSTART_KIND_H
#define PODIUM_MASSSTART_KIND_H

#include <jansson.h>

#include "podium/err.h"
#include "podium/scoredoc.h"

/* kind "mass-start": rank with pd_mass_rank and render podium-result/1. */
pd_err pd_massstart_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag);

#endif
