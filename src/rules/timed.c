/*
 * timed.c: ranking runs summed to a total time.
 *
 * Each run time is first cut to the published precision (truncation, never
 * rounding: FIS ICR 611.2.1, IBSF 11.5, FIL 12.1, IBU 9.5.1), then the
 * penalties of that run are added, then the runs are summed. A competitor
 * with an IRM in a counted run, or without a performance for one, has no
 * total: the first IRM in run order is theirs, a missing run is DNS.
 *
 * With a cut (sliding sports), the field is ranked on the runs up to the cut
 * first; those ranked within the best `cut_best` (ties at the cut go on) are
 * finalists and are ranked on every run; the others are ranked after all
 * finalists on the runs up to the cut (IBSF 11.4; FIL 12.1.3). The ranking
 * itself is one pd_rank call with the tier (finalist or not) as the first key.
 */
#include "podium/timed.h"

#include <stdlib.h>
#include <string.h>

static pd_err check_config(const pd_timed_config *cfg, pd_diag *diag)
{
    if (cfg->runs < 1 || cfg->runs > PD_TIMED_MAX_RUNS)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "runs must be 1 to %d, got %d",
                           PD_TIMED_MAX_RUNS, cfg->runs);
    if (cfg->penalty_ms < 0)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "penalty must not be negative");
    if (cfg->cut_after_run != 0 &&
        (cfg->cut_after_run < 1 || cfg->cut_after_run >= cfg->runs || cfg->cut_best < 1))
        return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                           "a cut needs 1 <= after_run < runs (%d) and best >= 1", cfg->runs);
    return PD_OK;
}

/* The run's time as ranked: cut to the precision, then penalties (IBU 9.2.3). */
static int64_t run_time(const pd_timed_config *cfg, const pd_timed_run *run)
{
    /* FIS ICR 611.2.1 and the other codes: times are truncated, never rounded */
    return pd_time_cut(run->time_ms, cfg->prec) + cfg->penalty_ms * run->misses;
}

/*
 * Total over runs [0, upto): *irm gets the first IRM (DNS for a missing
 * run), or NONE with *total and *misses filled.
 */
static void total_upto(const pd_timed_config *cfg, const pd_timed_entry *e, int upto,
                       int64_t *total, int *misses, pd_irm *irm)
{
    *total = 0;
    *misses = 0;
    *irm = PD_IRM_NONE;
    for (int r = 0; r < upto; r++) {
        const pd_timed_run *run = &e->run[r];
        if (!run->present) {
            *irm = PD_IRM_DNS;
            return;
        }
        if (run->irm != PD_IRM_NONE) {
            *irm = run->irm;
            return;
        }
        *total += run_time(cfg, run);
        *misses += run->misses;
    }
}

static void rank_runs(const pd_timed_config *cfg, const pd_timed_entry *entries, size_t count,
                      pd_timed_result *out, pd_rank_item *items)
{
    for (int r = 0; r < cfg->runs; r++) {
        for (size_t i = 0; i < count; i++) {
            const pd_timed_run *run = &entries[i].run[r];
            bool timed = run->present && run->irm == PD_IRM_NONE;
            items[i] = (pd_rank_item){.index = i, .order = entries[i].order};
            items[i].irm = timed ? PD_IRM_NONE : PD_IRM_DNS;
            if (timed)
                items[i].key[0] = run_time(cfg, run);
        }
        pd_rank(items, count, 1);
        for (size_t i = 0; i < count; i++) {
            pd_timed_run_result *rr = &out[items[i].index].run[r];
            rr->rank = items[i].rank;
            rr->time_ms = items[i].rank ? items[i].key[0] : 0;
        }
    }
}

/* Mark in `finalist` those within the best cut_best after cut_after_run runs. */
static void find_finalists(const pd_timed_config *cfg, const pd_timed_entry *entries, size_t count,
                           pd_rank_item *items, bool *finalist, int64_t *best)
{
    for (size_t i = 0; i < count; i++) {
        int misses;
        items[i] = (pd_rank_item){.index = i, .order = entries[i].order};
        total_upto(cfg, &entries[i], cfg->cut_after_run, &items[i].key[0], &misses, &items[i].irm);
        finalist[i] = false;
    }
    pd_rank(items, count, 1);
    if (count > 0 && items[0].rank == 1)
        *best = items[0].key[0];
    /* ties at the cut all go on: a shared rank within cut_best qualifies */
    for (size_t i = 0; i < count; i++)
        if (items[i].rank > 0 && items[i].rank <= cfg->cut_best)
            finalist[items[i].index] = true;
}

pd_err pd_timed_rank(const pd_timed_config *cfg, const pd_timed_entry *entries, size_t count,
                     pd_timed_result *out, size_t *bad_entry, int *bad_run, pd_diag *diag)
{
    pd_rank_item *items = NULL;
    bool *finalist = NULL;
    pd_timed_result *sorted = NULL;
    /* the best totals over all runs (finalists) and over the runs up to the cut */
    int64_t best[2] = {-1, -1};
    pd_err err = check_config(cfg, diag);
    if (err)
        return err;
    items = calloc(count ? count : 1, sizeof *items);
    finalist = calloc(count ? count : 1, sizeof *finalist);
    if (!items || !finalist) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    memset(out, 0, count * sizeof *out);

    if (cfg->cut_after_run) {
        find_finalists(cfg, entries, count, items, finalist, &best[1]);
        for (size_t i = 0; i < count; i++) {
            if (finalist[i])
                continue;
            for (int r = cfg->cut_after_run; r < cfg->runs; r++)
                if (entries[i].run[r].present) {
                    if (bad_entry)
                        *bad_entry = i;
                    if (bad_run)
                        *bad_run = r + 1;
                    err = pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                      "not among the best %d after run %d, so no run %d",
                                      cfg->cut_best, cfg->cut_after_run, r + 1);
                    goto fail;
                }
        }
    } else {
        for (size_t i = 0; i < count; i++)
            finalist[i] = true;
    }

    rank_runs(cfg, entries, count, out, items);

    /* the result: finalists on every run first (tier 0), the rest on the cut runs (tier 1) */
    for (size_t i = 0; i < count; i++) {
        pd_timed_result *res = &out[i];
        int upto = finalist[i] ? cfg->runs : cfg->cut_after_run;
        res->entry = i;
        res->runs_counted = upto;
        total_upto(cfg, &entries[i], upto, &res->total_ms, &res->misses, &res->irm);
        items[i] = (pd_rank_item){.index = i, .order = entries[i].order, .irm = res->irm};
        items[i].key[0] = finalist[i] ? 0 : 1;
        items[i].key[1] = res->total_ms;
    }
    pd_rank(items, count, 2);

    /*
     * gaps: to the best total over the same runs; those cut are measured from
     * the leader after the cut run, as the official standings do
     */
    if (count > 0 && items[0].rank == 1 && items[0].key[0] == 0)
        best[0] = items[0].key[1];
    sorted = calloc(count ? count : 1, sizeof *sorted);
    if (!sorted) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < count; i++) {
        pd_timed_result *res = &sorted[i];
        *res = out[items[i].index];
        res->rank = items[i].rank;
        if (res->rank)
            res->behind_ms = res->total_ms - best[items[i].key[0]];
    }
    memcpy(out, sorted, count * sizeof *out);
fail:
    free(sorted);
    free(items);
    free(finalist);
    return err;
}
