/*
 * rank.c: the one ranking routine.
 *
 * Sorting is a comparison sort on (irm, deciding keys, listing keys, order,
 * index), which makes the result total and deterministic; ranks are then
 * assigned in one pass: an item equal to its predecessor on the deciding keys
 * takes the predecessor's rank, otherwise its 1-based position. This is the
 * "1, 2, 2, 4" rule with no special case for first place.
 */
#include "podium/rank.h"

#include <stdlib.h>
#include <string.h>

static const char *const irm_names[PD_IRM_COUNT] = {"", "LAP", "DNF", "DSQ", "DNS", "WD"};

const char *pd_irm_name(pd_irm irm)
{
    return (unsigned)irm < PD_IRM_COUNT ? irm_names[irm] : "";
}

pd_err pd_irm_parse(const char *text, pd_irm *out, pd_diag *diag)
{
    for (int i = 1; i < PD_IRM_COUNT; i++)
        if (strcmp(text, irm_names[i]) == 0) {
            *out = (pd_irm)i;
            return PD_OK;
        }
    return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                       "unknown IRM \"%.20s\" (expected DNF, DNS, DSQ, LAP or WD)", text);
}

static int cmp_i64(int64_t a, int64_t b)
{
    return a < b ? -1 : a > b;
}

static int compare(const void *pa, const void *pb)
{
    const pd_rank_item *a = pa;
    const pd_rank_item *b = pb;
    int c = cmp_i64(a->irm, b->irm);
    if (c)
        return c;
    if (a->irm == PD_IRM_NONE)
        for (int k = 0; k < PD_RANK_MAX_KEYS; k++)
            if ((c = cmp_i64(a->key[k], b->key[k])) != 0)
                return c;
    if ((c = cmp_i64(a->order, b->order)) != 0)
        return c;
    return a->index < b->index ? -1 : a->index > b->index;
}

static int same_deciding(const pd_rank_item *a, const pd_rank_item *b, int deciding)
{
    for (int k = 0; k < deciding; k++)
        if (a->key[k] != b->key[k])
            return 0;
    return 1;
}

void pd_rank(pd_rank_item *items, size_t count, int deciding)
{
    if (count == 0)
        return; /* qsort must not see a NULL array, even empty */
    if (deciding < 1)
        deciding = 1;
    if (deciding > PD_RANK_MAX_KEYS)
        deciding = PD_RANK_MAX_KEYS;
    if (count == 0)
        return; /* qsort's pointer must not be NULL, even for zero items */
    qsort(items, count, sizeof *items, compare);
    for (size_t i = 0; i < count; i++) {
        if (items[i].irm != PD_IRM_NONE)
            items[i].rank = 0;
        else if (i > 0 && items[i - 1].irm == PD_IRM_NONE &&
                 same_deciding(&items[i - 1], &items[i], deciding))
            items[i].rank = items[i - 1].rank;
        else
            items[i].rank = (int)i + 1;
    }
}
