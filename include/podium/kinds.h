/*
 * kinds.h: the registry of scoring kinds that `podium score` can run.
 *
 * A kind is one scoring contract of ../shared/formats/score.md ("timed",
 * "ski-jumping", ...). Rules engines in src/rules are pure (structs in,
 * ranked structs out); a kind's adapter in src/feed reads the kind's config
 * and performances from a pd_scoredoc into those structs, calls the engine
 * and renders the ranking with pd_resultdoc_build. The registry is a static
 * table in src/feed/kinds.c: adding a kind is adding a row.
 */
#ifndef PODIUM_KINDS_H
#define PODIUM_KINDS_H

#include <stddef.h>

#include <jansson.h>

#include "podium/err.h"
#include "podium/scoredoc.h"

/*
 * Score a document whose envelope is valid: parse the kind's config and
 * performances (errors name the field), compute, and return a new
 * podium-result/1 object in *out.
 */
typedef pd_err (*pd_kind_score_fn)(const pd_scoredoc *doc, json_t **out, pd_diag *diag);

typedef struct {
    const char *name;    /* "timed" */
    const char *summary; /* one line for --help */
    pd_kind_score_fn score;
} pd_kind;

/* The kind called name, or NULL. */
const pd_kind *pd_kind_find(const char *name);

/* Number of registered kinds and the kind at index (for listings). */
size_t pd_kind_count(void);
const pd_kind *pd_kind_at(size_t index);

#endif
