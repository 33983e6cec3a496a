/*
 * judging.c: trimming a judges' panel.
 *
 * Dropping "the highest and the lowest" removes one mark at each end even
 * when several judges gave it (ISU Rule 353.1.a; FIS ICR 431.4), which is
 * what sorting a copy and skipping `drop` from each end does.
 */
#include "podium/judging.h"

#include <string.h>

pd_err pd_judging_trimmed_sum(const int64_t *marks, size_t count, size_t drop, int64_t *sum,
                              size_t *kept, pd_diag *diag)
{
    int64_t sorted[PD_JUDGING_MAX_PANEL];
    if (count > PD_JUDGING_MAX_PANEL)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "a panel has at most %d judges, got %zu",
                           PD_JUDGING_MAX_PANEL, count);
    if (count <= 2 * drop)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                           "a panel of %zu cannot drop %zu highest and %zu lowest", count, drop,
                           drop);
    memcpy(sorted, marks, count * sizeof *marks);
    /* insertion sort: panels are tiny */
    for (size_t i = 1; i < count; i++) {
        int64_t v = sorted[i];
        size_t j = i;
        while (j > 0 && sorted[j - 1] > v) {
            sorted[j] = sorted[j - 1];
            j--;
        }
        sorted[j] = v;
    }
    int64_t total = 0;
    for (size_t i = drop; i < count - drop; i++)
        total += sorted[i];
    *sum = total;
    *kept = count - 2 * drop;
    return PD_OK;
}
