/*
 * heats_kind.h: the score-file adapter of events decided through heats.
 *
 * kind "heats" (docs/formats.md): the format's rounds and advancement
 * targets in config, one performance per competitor and round. The document
 * is read into pd_heats_format and pd_heats_perf values, run through
 * pd_heats_run and rendered as podium-result/1: the classification, each
 * performance's place and mark (Q, q, QA, ADV...) in detail.rounds.
 */
#ifndef PODIUM_HEATS_KIND_H
#define PODIUM_HEATS_KIND_H

#include <jansson.h>

#include "podium/err.h"
#include "podium/scoredoc.h"

/* kind "heats": see docs/formats.md. Errors name the field. */
pd_err pd_heats_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag);

#endif
