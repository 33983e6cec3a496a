/*
 * speedskating.c: ranking a long-track distance.
 *
 * The deciding key is the time in thousandths: ordering by hundredths and
 * then thousandths is the same order. What differs from "timed" is only the
 * display: a time is published at 1/100 (truncated), except when another
 * ranked skater has the same hundredths, then at 1/1000 so that the reader
 * sees why the ranks differ or are shared. Gaps are published in hundredths,
 * from the truncated times (men's 500 m, Beijing 2022: BOSA 35.168 is +0.84
 * behind GAO 34.32).
 */
#include "podium/speedskating.h"

#include <stdlib.h>
#include <string.h>

#include "podium/time.h"

pd_err pd_ssk_rank(const pd_ssk_entry *entries, size_t count, pd_ssk_result *out, pd_diag *diag)
{
    for (size_t i = 0; i < count; i++)
        if (entries[i].irm == PD_IRM_NONE && entries[i].time_ms < 0)
            return pd_diag_set(diag, PD_ERR_INPUT, NULL, "entry %zu: negative time", i);
    pd_rank_item *items = calloc(count ? count : 1, sizeof *items);
    if (!items)
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
    for (size_t i = 0; i < count; i++) {
        items[i] = (pd_rank_item){.index = i, .irm = entries[i].irm, .order = entries[i].order};
        items[i].key[0] = entries[i].time_ms;
    }
    pd_rank(items, count, 1);
    int64_t winner = -1;
    for (size_t i = 0; i < count; i++) {
        pd_ssk_result *res = &out[i];
        const pd_ssk_entry *e = &entries[items[i].index];
        memset(res, 0, sizeof *res);
        res->entry = items[i].index;
        res->rank = items[i].rank;
        res->irm = e->irm;
        if (!res->rank)
            continue;
        /* ISU automatic timekeeping: published to 1/100 s, truncated */
        int64_t hundredths = pd_time_cut(e->time_ms, PD_PREC_HUNDREDTH);
        if (winner < 0)
            winner = hundredths;
        /* ranked skaters are sorted by time: equal hundredths are neighbours */
        bool same_prev = i > 0 && items[i - 1].rank &&
                         pd_time_cut(items[i - 1].key[0], PD_PREC_HUNDREDTH) == hundredths;
        bool same_next = i + 1 < count && items[i + 1].rank &&
                         pd_time_cut(items[i + 1].key[0], PD_PREC_HUNDREDTH) == hundredths;
        res->thousandths = same_prev || same_next;
        res->time_ms = res->thousandths ? e->time_ms : hundredths;
        res->behind_ms = hundredths - winner;
    }
    free(items);
    return PD_OK;
}
