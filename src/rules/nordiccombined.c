/*
 * nordiccombined.c: the Gundersen method.
 *
 * FIS ICR Book VII Nordic Combined, 2021/22: after the jumping the best
 * jumper starts the cross-country race first and every other competitor
 * follows by his deficit in points converted to time: 15 points are one
 * minute in individual competitions (4 s a point) and 45 points one minute
 * in the team competition (4/3 s a point), the gap rounded to the full
 * second. Beijing 2022 confirms both to the second: 9.6 points behind was
 * +0:38 (38.4 s), the Czech team's 71.7 points +1:36 (95.6 s; "1.33 s a
 * point" would give 95.36 s, +1:35). Halves cannot occur with these rates
 * (points in tenths), so nearest and half-away agree.
 *
 * The race is a pursuit: whoever crosses the line first wins. With finish
 * times counted from the first start, that is time order; the photo finish
 * decides equal times, and without it the competitors share the rank.
 */
#include "podium/nordiccombined.h"

#include "podium/fixed.h"

pd_err pd_ncb_start_gaps(const pd_ncb_config *config, pd_ncb_entry *entries, size_t count,
                         pd_rank_item *jump_items, pd_diag *diag)
{
    if (config->points_per_minute_t <= 0)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "points per minute must be positive");
    int64_t best = 0;
    bool any = false;
    for (size_t i = 0; i < count; i++) {
        pd_ncb_entry *e = &entries[i];
        if (e->has_jump && e->jump_irm == PD_IRM_NONE) {
            if (e->jump_points_t < 0 || e->jump_points_t > 100000)
                return pd_diag_set(diag, PD_ERR_INPUT, NULL, "jump points must be within 0..10000");
            if (!any || e->jump_points_t > best)
                best = e->jump_points_t;
            any = true;
        }
    }
    for (size_t i = 0; i < count; i++) {
        entries[i].start_gap_s = -1;
        entries[i].jump_rank = 0;
    }
    for (size_t i = 0; i < count; i++) {
        pd_rank_item *it = &jump_items[i];
        pd_ncb_entry *e = &entries[it->index];
        if (!e->has_jump) {
            it->irm = PD_IRM_DNS;
            continue;
        }
        it->irm = e->jump_irm;
        it->key[0] = -e->jump_points_t;
        if (e->jump_irm != PD_IRM_NONE)
            continue;
        /*
         * ICR Gundersen: (best - own) points x 60 s / points_per_minute, to the
         * nearest second. Tenths over tenths: seconds = diff_t x 60 / ppm_t.
         */
        e->start_gap_s =
            pd_div_half_away((best - e->jump_points_t) * 60, config->points_per_minute_t);
    }
    pd_rank(jump_items, count, 1);
    for (size_t i = 0; i < count; i++)
        entries[jump_items[i].index].jump_rank = jump_items[i].rank;
    return PD_OK;
}

pd_err pd_ncb_rank(const pd_ncb_config *config, const pd_ncb_entry *entries, size_t count,
                   pd_rank_item *items, size_t *bad, pd_diag *diag)
{
    *bad = (size_t)-1;
    for (size_t i = 0; i < count; i++) {
        pd_rank_item *it = &items[i];
        const pd_ncb_entry *e = &entries[it->index];
        it->key[0] = it->key[1] = 0;
        if (e->has_race && e->race_irm == PD_IRM_NONE) {
            if (e->has_jump && e->jump_irm != PD_IRM_NONE) {
                *bad = it->index;
                return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                   "a race time for a competitor with %s in the jumping",
                                   pd_irm_name(e->jump_irm));
            }
            if (e->finish_ms < 0) {
                *bad = it->index;
                return pd_diag_set(diag, PD_ERR_INPUT, NULL, "a finish time is not negative");
            }
        }
        if (e->has_jump && e->jump_irm != PD_IRM_NONE)
            it->irm = e->jump_irm;
        else if (e->has_race && e->race_irm != PD_IRM_NONE)
            it->irm = e->race_irm;
        else if (!e->has_race)
            it->irm = PD_IRM_DNS;
        else {
            it->irm = PD_IRM_NONE;
            /* FIS ICR: race times are cut (not rounded) to the precision */
            it->key[0] = pd_time_cut(e->finish_ms, config->precision);
            /* the photo finish orders equal times; undecided ones share the rank */
            it->key[1] = e->photo_finish;
        }
    }
    pd_rank(items, count, 2);
    return PD_OK;
}
