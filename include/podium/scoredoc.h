/*
 * scoredoc.h: the envelope of a podium-score/1 document.
 *
 * A score document (../shared/formats/score.md) carries one competition: its
 * discipline, the scoring kind, the kind's config, the competitors and their
 * performances. This module validates what every kind shares (format,
 * discipline, kind, unique competitor ids, each performance naming a known
 * competitor) and leaves config and performance fields to the kind's parser.
 */
#ifndef PODIUM_SCOREDOC_H
#define PODIUM_SCOREDOC_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "podium/err.h"
#include "podium/json.h"

#define PD_SCORE_MAX_COMPETITORS  10000
#define PD_SCORE_MAX_PERFORMANCES 100000

typedef struct {
    const char *id;   /* unique within the document */
    const char *name; /* "" when absent */
    const char *noc;  /* "" when absent */
    const char *bib;  /* "" when absent */
} pd_competitor;

typedef struct {
    json_t *root;           /* owned reference: what config and performances live in */
    const char *discipline; /* 3 letters */
    const char *event;      /* "" when absent */
    const char *kind;
    /*
     * borrowed from root; an empty object when absent. Read only: pd_results
     * passes the programme's own config (shared by every scoring), not a copy.
     */
    const json_t *config;
    pd_competitor *competitors;
    size_t competitor_count;
    const pd_competitor **by_id;    /* competitors sorted by id, for lookup */
    json_t *performances;           /* borrowed array of objects */
    size_t *performance_competitor; /* index into competitors, per performance */
} pd_scoredoc;

/*
 * pd_results (results.c) fills a pd_scoredoc from its programme instead, with
 * the same fields this parser would give: there root is not an envelope but
 * an object holding config and performances, and event points at storage of
 * the caller's that outlives the scoring.
 *
 * Validate the envelope of root and fill doc (caller storage). On success doc
 * holds a new reference to root; release with pd_scoredoc_cleanup. On error
 * doc needs no cleanup.
 */
pd_err pd_scoredoc_parse(json_t *root, pd_scoredoc *doc, pd_diag *diag);

/* Release what pd_scoredoc_parse took. Safe on a zeroed doc. */
void pd_scoredoc_cleanup(pd_scoredoc *doc);

/*
 * The listing order of competitor index among equals: its bib when the bib is
 * a number (start order), else after every numbered bib in input order.
 */
int64_t pd_scoredoc_start_order(const pd_scoredoc *doc, size_t index);

/*
 * For a kind that takes one performance per competitor: performance i (at
 * path) is competitor c's. *first is where the kind keeps c's first
 * performance (its index + 1; 0 when none yet): set to i + 1, or, when it
 * already holds one, PD_ERR_INPUT at path naming the first; who names the
 * competitor in the message ("competitor", "team").
 */
pd_err pd_scoredoc_one_performance(const pd_scoredoc *doc, size_t i, size_t c, size_t *first,
                                   const char *who, const pd_jpath *path, pd_diag *diag);

/* Index of the competitor with id, or (size_t)-1. */
size_t pd_scoredoc_find(const pd_scoredoc *doc, const char *id);

#endif
