/*
 * massstart.c: ranking by the order of finish.
 *
 * With finish positions the ranking key is the position (equal positions, a
 * dead heat the photo could not separate, share the rank); without them the
 * key is the time cut to the precision. Either way the cut times must not
 * contradict the order: a competitor who crossed later cannot have the
 * shorter time on the one race clock, so such input is rejected rather than
 * ranked.
 */
#include "podium/massstart.h"

#include <stdlib.h>
#include <string.h>

#include "podium/fixed.h"

int64_t pd_mass_pursuit_start_ms(int64_t qualifying_behind_ms)
{
    /*
     * IBU Event and Competition Rules 6.1.3: pursuit competitors start with
     * their time behind the winner of the qualifying competition rounded to
     * the nearest full second (Beijing 2022: FILLON MAILLET +25.5 in the
     * sprint started +0:26, SMOLSKI +1:12.5 started +1:13).
     */
    return pd_round_half_up(qualifying_behind_ms, 1000);
}

pd_err pd_mass_rank(pd_time_prec prec, const pd_mass_entry *entries, size_t count,
                    pd_mass_result *out, size_t *bad_entry, pd_diag *diag)
{
    size_t with_finish = 0, finishers = 0;
    pd_err err = PD_OK;
    for (size_t i = 0; i < count; i++) {
        if (!entries[i].present || entries[i].irm != PD_IRM_NONE)
            continue;
        finishers++;
        with_finish += entries[i].finish > 0;
    }
    if (with_finish != 0 && with_finish != finishers) {
        for (size_t i = 0; i < count; i++)
            if (entries[i].present && entries[i].irm == PD_IRM_NONE && entries[i].finish <= 0) {
                if (bad_entry)
                    *bad_entry = i;
                break;
            }
        return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                           "a finish position is given for %zu of %zu finishers: give it for "
                           "all or none",
                           with_finish, finishers);
    }
    pd_rank_item *items = calloc(count ? count : 1, sizeof *items);
    if (!items)
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
    for (size_t i = 0; i < count; i++) {
        const pd_mass_entry *e = &entries[i];
        items[i] = (pd_rank_item){.index = i, .order = e->order};
        items[i].irm = !e->present ? PD_IRM_DNS : e->irm;
        /* times are cut, never rounded (IBU 9.5.1; FIS ICR 611.2.1) */
        int64_t cut = pd_time_cut(e->time_ms, prec);
        items[i].key[0] = with_finish ? e->finish : cut;
        items[i].key[1] = cut;
    }
    pd_rank(items, count, 1);
    int64_t winner = 0;
    for (size_t i = 0; i < count; i++) {
        pd_mass_result *res = &out[i];
        memset(res, 0, sizeof *res);
        res->entry = items[i].index;
        res->rank = items[i].rank;
        res->irm = items[i].irm;
        if (!res->rank)
            continue;
        res->time_ms = items[i].key[1];
        if (i == 0)
            winner = res->time_ms;
        res->behind_ms = res->time_ms - winner;
        if (i > 0 && items[i - 1].rank && items[i - 1].key[1] > res->time_ms) {
            if (bad_entry)
                *bad_entry = res->entry;
            err = pd_diag_set(diag, PD_ERR_INPUT, NULL,
                              "finish %lld contradicts the times: an earlier finisher has a "
                              "longer time",
                              (long long)items[i].key[0]);
            break;
        }
    }
    free(items);
    return err;
}
