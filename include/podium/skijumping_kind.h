/*
 * skijumping_kind.h: the "ski-jumping" and "ski-jumping-team" kinds.
 *
 * Score functions registered in kinds.c; see skijumping_kind.c and
 * docs/formats.md for the documents they read.
 */
#ifndef PODIUM_FEED_SKIJUMPING_KIND_H
#define PODIUM_FEED_SKIJUMPING_KIND_H

#include <jansson.h>

#include "podium/err.h"
#include "podium/scoredoc.h"

/* kind "ski-jumping": an individual competition (../shared/formats/score.md). */
pd_err pd_sjp_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag);

/* kind "ski-jumping-team": team and mixed team competitions (docs/formats.md). */
pd_err pd_sjp_team_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag);

#endif
