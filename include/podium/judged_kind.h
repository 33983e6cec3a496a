/*
 * judged_kind.h: the score-file adapter of kind "judged".
 *
 * Freestyle skiing and snowboard judged events (halfpipe, slopestyle, big
 * air, aerials and the aerials team event, moguls): rounds of runs, each run
 * given as the judges' marks, the aerials panel with the degree of
 * difficulty, the published run score, or a state (DNS, DNI, DNF). See
 * docs/formats.md.
 */
#ifndef PODIUM_JUDGED_KIND_H
#define PODIUM_JUDGED_KIND_H

#include <jansson.h>

#include "podium/err.h"
#include "podium/scoredoc.h"

/* kind "judged": rank with pd_judged_rank and render podium-result/1. */
pd_err pd_judged_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag);

#endif
