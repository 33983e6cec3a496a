/*
 * medals_kind.h: the kind "medals" (internal to src/feed; registered in
 * kinds.c). The engine itself is include/podium/medals.h.
 */
#ifndef PODIUM_FEED_MEDALS_KIND_H
#define PODIUM_FEED_MEDALS_KIND_H

#include <jansson.h>

#include "podium/err.h"
#include "podium/scoredoc.h"

/* Score a "medals" document: the medal table as podium-result/1. */
pd_err pd_medals_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag);

#endif
