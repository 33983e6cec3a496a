/*
 * judged.c: judged runs in rounds, for every FIS judged event of freestyle
 * skiing and snowboard.
 *
 * Why one file: halfpipe, slopestyle and big air (FRS and SBD alike, FIS ICR
 * Book VI, judged events), aerials and moguls differ in how a run is scored
 * but not in how runs make a round and rounds make a ranking. So a round is
 * configured (runs, counting, advancement) and the run scores come in either
 * computed from the panel here (pd_judged_overall_score,
 * pd_judged_aerials_score) or as published.
 *
 * A round's result:
 * - best: the best run; equal results are separated by the next best run,
 *   then the third (the non-counting runs, best first);
 * - best two: the best sum of two jumps whose rotation directions differ
 *   (jumps without a direction pair with anything); equal sums are separated
 *   by the better counting jump, then the best non-counting jump; with no
 *   valid pair the best single jump counts;
 * - sum: all scored runs added (aerials team event).
 * A round may instead leave equal results shared (shared_ties: Beijing 2022
 * aerials qualification). What remains equal shares the rank unless the round's decided precedence
 * (the jury's tie decision, an input) separates it. Ranking is pd_rank.
 *
 * Advancement: the best `advance` of a round (ties at the cut included) go
 * on; a second-chance round is contested by the previous round's other
 * starters, and the overall order puts the previous round's qualifiers first.
 */
#include "podium/judged.h"

#include <stdlib.h>
#include <string.h>

#include "podium/fixed.h"
#include "podium/judging.h"

/* A key after every real score (scores are >= 0, keys are their negation). */
#define KEY_NONE 1

typedef struct {
    int64_t score;
    unsigned bit;
    int direction;
} scored_run;

static size_t collect(const pd_judged_entry *e, int round, bool carry, scored_run *out)
{
    size_t n = 0;
    for (int from = carry ? round - 1 : round; from <= round; from++)
        for (int r = 0; r < PD_JUDGED_MAX_RUNS; r++) {
            const pd_judged_run *run = &e->runs[from][r];
            if (run->state != PD_RUN_SCORED)
                continue;
            out[n].score = run->score;
            out[n].bit = 1u << (r + (from < round ? 8 : 0));
            out[n].direction = run->direction;
            n++;
        }
    return n;
}

/* Sort scored runs best first (insertion sort: at most 2 * PD_JUDGED_MAX_RUNS). */
static void sort_desc(scored_run *runs, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        scored_run v = runs[i];
        size_t j = i;
        while (j > 0 && runs[j - 1].score < v.score) {
            runs[j] = runs[j - 1];
            j--;
        }
        runs[j] = v;
    }
}

/* The round result of one starter and its tie-break keys (key[1], key[2]). */
static void round_result(const pd_judged_round *cfg, const pd_judged_entry *e, int round,
                         pd_judged_round_result *res, int64_t *key)
{
    scored_run runs[2 * PD_JUDGED_MAX_RUNS];
    size_t n = collect(e, round, cfg->second_chance && cfg->carry && round > 0, runs);
    key[1] = key[2] = KEY_NONE;
    res->has_result = false;
    res->counted = 0;
    if (n == 0) {
        bool dnf = false;
        for (int r = 0; r < PD_JUDGED_MAX_RUNS; r++)
            dnf |= e->runs[round][r].state == PD_RUN_DNF;
        res->irm = e->irm != PD_IRM_NONE ? e->irm : dnf ? PD_IRM_DNF : PD_IRM_DNS;
        return;
    }
    res->has_result = true;
    res->irm = PD_IRM_NONE;
    sort_desc(runs, n);
    switch (cfg->counting) {
    case PD_JUDGED_BEST:
        res->result = runs[0].score;
        res->counted = runs[0].bit;
        if (n > 1)
            key[1] = -runs[1].score;
        if (n > 2)
            key[2] = -runs[2].score;
        break;
    case PD_JUDGED_BEST_TWO: {
        size_t best_i = 0, best_j = 0;
        int64_t best = -1;
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++) {
                bool differ = runs[i].direction == 0 || runs[j].direction == 0 ||
                              runs[i].direction != runs[j].direction;
                if (differ && runs[i].score + runs[j].score > best) {
                    best = runs[i].score + runs[j].score;
                    best_i = i;
                    best_j = j;
                }
            }
        if (best < 0) { /* one jump, or all in one direction: the best single jump counts */
            res->result = runs[0].score;
            res->counted = runs[0].bit;
            key[1] = -runs[0].score;
            if (n > 1)
                key[2] = -runs[1].score;
            break;
        }
        res->result = best;
        res->counted = runs[best_i].bit | runs[best_j].bit;
        key[1] = -runs[best_i].score; /* sorted: i holds the better counting jump */
        for (size_t k = 0; k < n; k++)
            if (k != best_i && k != best_j) {
                key[2] = -runs[k].score;
                break;
            }
        break;
    }
    case PD_JUDGED_SUM:
        res->result = 0;
        for (size_t k = 0; k < n; k++) {
            res->result += runs[k].score;
            res->counted |= runs[k].bit;
        }
        break;
    }
}

/* Who starts round k: everyone in round 0; else the previous round's advanced, or its others. */
static bool starts(const pd_judged_round *rounds, int k, const pd_judged_entry *e,
                   const pd_judged_result *res)
{
    if (k == 0)
        return true;
    const pd_judged_round_result *prev = &res->rounds[k - 1];
    if (rounds[k].second_chance)
        return prev->started && !prev->advanced && e->irm == PD_IRM_NONE;
    return prev->advanced;
}

pd_err pd_judged_rank(const pd_judged_round *rounds, int round_count,
                      const pd_judged_entry *entries, size_t count, pd_judged_result *out,
                      size_t *bad_entry, int *bad_round, pd_diag *diag)
{
    pd_judged_result *work = calloc(count ? count : 1, sizeof *work);
    pd_rank_item *items = calloc(count ? count : 1, sizeof *items);
    pd_err err = PD_OK;
    if (!work || !items) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < count; i++) {
        work[i].entry = i;
        work[i].last_round = -1;
    }
    for (int k = 0; k < round_count; k++) {
        size_t n = 0;
        for (size_t i = 0; i < count; i++) {
            pd_judged_round_result *rr = &work[i].rounds[k];
            rr->started = starts(rounds, k, &entries[i], &work[i]);
            if (!rr->started) {
                if (entries[i].seen[k]) {
                    if (bad_entry)
                        *bad_entry = i;
                    if (bad_round)
                        *bad_round = k;
                    err = pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                      "competitor is not a starter of round %d", k + 1);
                    goto fail;
                }
                continue;
            }
            work[i].last_round = k;
            pd_rank_item *it = &items[n++];
            memset(it, 0, sizeof *it);
            it->index = i;
            it->order = entries[i].order;
            round_result(&rounds[k], &entries[i], k, rr, it->key);
            if (rounds[k].shared_ties)
                it->key[1] = it->key[2] = KEY_NONE;
            it->key[3] = entries[i].tiebreak[k];
            if (rr->has_result) {
                it->key[0] = -rr->result;
            } else if (rounds[k].rank_irm && entries[i].irm == PD_IRM_NONE) {
                it->key[0] = KEY_NONE; /* ranked after every result */
            } else {
                it->irm = rr->irm;
            }
        }
        pd_rank(items, n, 4);
        for (size_t j = 0; j < n; j++) {
            pd_judged_round_result *rr = &work[items[j].index].rounds[k];
            rr->rank = items[j].rank;
            rr->advanced = rr->has_result && rounds[k].advance > 0 && rr->rank > 0 &&
                           rr->rank <= rounds[k].advance;
        }
    }

    /* overall: the rank in the last round contested, after the qualifiers of a second chance */
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        pd_judged_result *r = &work[i];
        pd_rank_item *it = &items[n++];
        memset(it, 0, sizeof *it);
        it->index = i;
        it->order = entries[i].order;
        int last = r->last_round;
        if (last < 0) {
            it->irm = entries[i].irm != PD_IRM_NONE ? entries[i].irm : PD_IRM_DNS;
            continue;
        }
        const pd_judged_round_result *rr = &r->rounds[last];
        r->irm = rr->has_result ? PD_IRM_NONE : rr->irm;
        if (rr->rank == 0) {
            it->irm = rr->irm;
            continue;
        }
        int64_t before = 0;
        if (rounds[last].second_chance)
            for (size_t j = 0; j < count; j++)
                before += work[j].rounds[last - 1].advanced;
        r->rank = (int)(before + rr->rank);
        it->key[0] = r->rank;
        it->key[1] = rr->has_result ? -rr->result : KEY_NONE;
    }
    pd_rank(items, n, 1);
    for (size_t j = 0; j < n; j++) {
        out[j] = work[items[j].index];
        if (items[j].irm != PD_IRM_NONE)
            out[j].irm = items[j].irm;
    }
fail:
    free(work);
    free(items);
    return err;
}

pd_err pd_judged_overall_score(const int64_t *marks, size_t count, size_t drop, int64_t *score,
                               pd_diag *diag)
{
    int64_t sum;
    size_t kept;
    pd_err err = pd_judging_trimmed_sum(marks, count, drop, &sum, &kept, diag);
    if (err)
        return err;
    /* FIS ICR Book VI, judged events: the mean of the remaining judges' scores; marks are in
     * hundredths, so the mean is rounded half away to 0.01 (the rounding step is not stated
     * in the rule text available to us: docs/validation.md) */
    *score = pd_div_half_away(sum, (int64_t)kept);
    return PD_OK;
}

pd_err pd_judged_aerials_score(const int64_t (*air_form_landing)[3], size_t judges, size_t drop,
                               int64_t dd_thousandths, int64_t *score, pd_diag *diag)
{
    int64_t totals[PD_JUDGING_MAX_PANEL];
    int64_t sum;
    size_t kept;
    if (judges > PD_JUDGING_MAX_PANEL)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "a panel has at most %d judges, got %zu",
                           PD_JUDGING_MAX_PANEL, judges);
    /* FIS ICR aerials: each judge's score is air + form + landing (tenths) */
    for (size_t j = 0; j < judges; j++)
        totals[j] = air_form_landing[j][0] + air_form_landing[j][1] + air_form_landing[j][2];
    pd_err err = pd_judging_trimmed_sum(totals, judges, drop, &sum, &kept, diag);
    if (err)
        return err;
    /* the trimmed sum times the degree of difficulty: tenths x thousandths = 1/10000; the
     * product is cut to 0.01 (FIS data service practice, INT(x * 100) / 100) */
    *score = pd_trunc(sum * dd_thousandths, 100) / 100;
    return PD_OK;
}
