/*
 * ssk_massstart_kind.h: the score-file adapter of kind "ssk-mass-start".
 *
 * One race of the speed skating mass start (a semi-final or the final): the
 * race's laps, intermediate sprints and qualifying places in config; per
 * skater the finish time (or the laps completed), the photo-finish position,
 * the place in each intermediate sprint, an IRM and a Referee advancement.
 * See docs/formats.md.
 */
#ifndef PODIUM_SSK_MASSSTART_KIND_H
#define PODIUM_SSK_MASSSTART_KIND_H

#include <jansson.h>

#include "podium/err.h"
#include "podium/scoredoc.h"

/* kind "ssk-mass-start": score with pd_sskms_score and render podium-result/1. */
pd_err pd_ssk_massstart_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag);

#endif
