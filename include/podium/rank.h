/*
 * rank.h: ranking with ties and Invalid Result Marks, shared by every engine.
 *
 * Every rulebook ranks the same way once the deciding values are known:
 * competitors ordered by one or more keys; equal keys share a rank and the
 * next rank is skipped (1, 2, 2, 4); a tie for first gives two firsts and no
 * second (IOC/ODF practice; FIS ICR 611.2, IBU 9.5, ISU Rule 353); those with
 * an Invalid Result Mark are unranked and listed after the ranked ones in a
 * fixed IRM order. Tied competitors are listed in start (bib) order.
 *
 * Engines compute keys (smaller ranks first: negate a points total) and call
 * pd_rank once; nothing else in Podium sorts results.
 */
#ifndef PODIUM_RANK_H
#define PODIUM_RANK_H

#include <stddef.h>
#include <stdint.h>

#include "podium/err.h"

/* Invalid Result Marks (ODF), in the order unranked competitors are listed. */
typedef enum {
    PD_IRM_NONE = 0,
    PD_IRM_LAP, /* lapped (biathlon, cross-country): listed first of the unranked */
    PD_IRM_DNF, /* did not finish */
    PD_IRM_DSQ, /* disqualified */
    PD_IRM_DNS, /* did not start */
    PD_IRM_WD,  /* withdrawn */
    PD_IRM_COUNT
} pd_irm;

/* "DNF" etc.; "" for PD_IRM_NONE. */
const char *pd_irm_name(pd_irm irm);

/* Parse "DNF", "DNS", "DSQ", "LAP", "WD" (exact, upper case); PD_ERR_INPUT otherwise. */
pd_err pd_irm_parse(const char *text, pd_irm *out, pd_diag *diag);

#define PD_RANK_MAX_KEYS 4

typedef struct {
    size_t index;                  /* the caller's index of this competitor */
    int64_t key[PD_RANK_MAX_KEYS]; /* ascending: a smaller key ranks higher */
    pd_irm irm;                    /* unranked when not NONE; keys are ignored */
    int64_t order;                 /* listing order among ties (start order, bib) */
    int rank;                      /* out: 1-based shared rank, 0 when irm */
} pd_rank_item;

/*
 * Sort items into official order and fill each rank. The first `deciding`
 * keys (1..PD_RANK_MAX_KEYS) decide the rank: items equal on all of them
 * share it. Keys after `deciding` only order the listing of tied items
 * before `order` does (e.g. alphabetical order never changes a rank).
 * Unranked items follow in IRM order, then by `order`. The sort is stable on
 * the caller's index when everything else is equal.
 */
void pd_rank(pd_rank_item *items, size_t count, int deciding);

#endif
