/*
 * relay.c: relays ranked on the team's time, with the legs.
 *
 * The team ranking is the mass-start ranking (pd_mass_rank): one race clock,
 * the finish position deciding equal times when the teams started together,
 * lapped teams ranked after the finishers by the position they were pulled
 * at. What this module adds is the relay's own consistency and detail:
 *
 * - the team time is given, or is the sum of the leg times when every leg is
 *   timed; when both are given they must agree to the millisecond (the leg
 *   times are differences of exchange times on the same clock);
 * - a team without an IRM has all its legs when any leg is given;
 * - biathlon shooting per stage: 0..3 spare rounds, 0..5 penalty loops; team
 *   totals given with the legs' detail must equal their sums;
 * - each leg time is cut and ranked among the teams timed in that leg, and
 *   the race-clock time at each exchange (the sum of the measured leg times,
 *   cut once) ranked among the teams timed up to there.
 *
 * Cut, never rounded: IBU Event and Competition Rules 9.5.1, FIS ICR
 * (cross-country timing), FIL International Luge Regulations (timing to
 * 1/1000 s).
 */
#include "podium/relay.h"

#include <stdlib.h>
#include <string.h>

static pd_err entry_error(size_t entry, int leg, size_t *bad_entry, int *bad_leg)
{
    if (bad_entry)
        *bad_entry = entry;
    if (bad_leg)
        *bad_leg = leg;
    return PD_ERR_INPUT;
}

/* Check one team and work out its time; *time_ms is -1 when it has none. */
static pd_err check_team(const pd_relay_config *cfg, const pd_relay_entry *e, size_t index,
                         int64_t *time_ms, size_t *bad_entry, int *bad_leg, pd_diag *diag)
{
    int given = 0, timed = 0, loops = 0, spares = 0, shot = 0;
    int64_t sum = 0;
    *time_ms = -1;
    for (int l = 0; l < cfg->legs; l++) {
        const pd_relay_leg *leg = &e->leg[l];
        if (!leg->present)
            continue;
        given++;
        if (leg->has_time) {
            if (leg->time_ms < 0) {
                pd_diag_set(diag, PD_ERR_INPUT, NULL, "a leg time must not be negative");
                return entry_error(index, l + 1, bad_entry, bad_leg);
            }
            timed++;
            sum += leg->time_ms;
        }
        if (leg->has_shooting) {
            shot++;
            for (int s = 0; s < cfg->shooting_stages; s++) {
                const pd_relay_stage *st = &leg->stage[s];
                /* relay shooting: five targets, eight rounds of which three spare rounds */
                if (st->spares < 0 || st->spares > PD_RELAY_SPARE_ROUNDS || st->loops < 0 ||
                    st->loops > PD_RELAY_TARGETS) {
                    pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                "stage %d: %d spare rounds and %d penalty loops (at most %d "
                                "and %d)",
                                s + 1, st->spares, st->loops, PD_RELAY_SPARE_ROUNDS,
                                PD_RELAY_TARGETS);
                    return entry_error(index, l + 1, bad_entry, bad_leg);
                }
                loops += st->loops;
                spares += st->spares;
            }
        }
    }
    if (shot && cfg->shooting_stages == 0) {
        pd_diag_set(diag, PD_ERR_INPUT, NULL, "shooting given but config.shooting_stages is 0");
        return entry_error(index, 0, bad_entry, bad_leg);
    }
    bool finished = e->present && e->irm == PD_IRM_NONE;
    if (finished && given && given != cfg->legs) {
        pd_diag_set(diag, PD_ERR_INPUT, NULL,
                    "%d of %d legs given for a team that finished: give every leg or none", given,
                    cfg->legs);
        return entry_error(index, 0, bad_entry, bad_leg);
    }
    if (shot && shot != given) {
        pd_diag_set(diag, PD_ERR_INPUT, NULL, "shooting given for %d of %d legs", shot, given);
        return entry_error(index, 0, bad_entry, bad_leg);
    }
    if (e->has_totals && shot && (e->total_loops != loops || e->total_spares != spares)) {
        pd_diag_set(diag, PD_ERR_INPUT, NULL,
                    "shooting totals %d+%d differ from the legs' %d+%d (penalty loops + "
                    "spare rounds)",
                    e->total_loops, e->total_spares, loops, spares);
        return entry_error(index, 0, bad_entry, bad_leg);
    }
    if (!finished)
        return PD_OK;
    if (e->has_time && timed == cfg->legs && sum != e->time_ms) {
        pd_diag_set(diag, PD_ERR_INPUT, NULL,
                    "the leg times add up to %lld ms but the team time is %lld ms", (long long)sum,
                    (long long)e->time_ms);
        return entry_error(index, 0, bad_entry, bad_leg);
    }
    if (e->has_time)
        *time_ms = e->time_ms;
    else if (timed == cfg->legs)
        *time_ms = sum;
    else {
        pd_diag_set(diag, PD_ERR_INPUT, NULL, "no team time: give time_ms or a time for every leg");
        return entry_error(index, 0, bad_entry, bad_leg);
    }
    return PD_OK;
}

/* Rank the teams on one leg's cut time, or on the cut clock time at one exchange. */
static void rank_leg(const pd_relay_config *cfg, const pd_relay_entry *entries, size_t count,
                     int leg, bool exchange, pd_rank_item *items, pd_relay_leg_result *by_entry)
{
    for (size_t i = 0; i < count; i++) {
        const pd_relay_entry *e = &entries[i];
        int64_t ms = 0;
        bool timed = e->present;
        for (int l = exchange ? 0 : leg; l <= leg && timed; l++) {
            timed = e->leg[l].present && e->leg[l].has_time;
            ms += timed ? e->leg[l].time_ms : 0;
        }
        items[i] = (pd_rank_item){.index = i, .order = e->order};
        items[i].irm = timed ? PD_IRM_NONE : PD_IRM_DNS;
        /* each published leg and exchange time is cut, never rounded (IBU 9.5.1) */
        items[i].key[0] = pd_time_cut(ms, cfg->prec);
    }
    pd_rank(items, count, 1);
    for (size_t i = 0; i < count; i++) {
        pd_relay_leg_result *r = &by_entry[items[i].index * PD_RELAY_MAX_LEGS + (size_t)leg];
        if (!items[i].rank)
            continue;
        if (exchange) {
            r->exchange_ms = items[i].key[0];
            r->exchange_rank = items[i].rank;
        } else {
            r->time_ms = items[i].key[0];
            r->rank = items[i].rank;
        }
    }
}

pd_err pd_relay_rank(const pd_relay_config *cfg, const pd_relay_entry *entries, size_t count,
                     pd_relay_result *out, size_t *bad_entry, int *bad_leg, pd_diag *diag)
{
    pd_mass_entry *mass = NULL;
    pd_mass_result *ranked = NULL;
    pd_rank_item *items = NULL;
    pd_relay_leg_result *legs = NULL;
    pd_err err = PD_OK;
    if (cfg->legs < 1 || cfg->legs > PD_RELAY_MAX_LEGS || cfg->shooting_stages < 0 ||
        cfg->shooting_stages > PD_RELAY_MAX_STAGES)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "legs must be 1..%d, shooting stages 0..%d",
                           PD_RELAY_MAX_LEGS, PD_RELAY_MAX_STAGES);
    size_t n = count ? count : 1;
    mass = calloc(n, sizeof *mass);
    ranked = calloc(n, sizeof *ranked);
    items = calloc(n, sizeof *items);
    legs = calloc(n * PD_RELAY_MAX_LEGS, sizeof *legs);
    if (!mass || !ranked || !items || !legs) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < count; i++) {
        int64_t time_ms;
        err = check_team(cfg, &entries[i], i, &time_ms, bad_entry, bad_leg, diag);
        if (err)
            goto fail;
        mass[i] = (pd_mass_entry){.present = entries[i].present,
                                  .irm = entries[i].irm,
                                  .time_ms = time_ms < 0 ? 0 : time_ms,
                                  .finish = entries[i].finish,
                                  .order = entries[i].order};
    }
    if (bad_leg)
        *bad_leg = 0;
    err = pd_mass_rank(cfg->prec, mass, count, ranked, bad_entry, diag);
    if (err == PD_ERR_INPUT && bad_leg)
        *bad_leg = -1; /* the finish position is at fault */
    if (err)
        goto fail;
    for (int l = 0; l < cfg->legs; l++) {
        rank_leg(cfg, entries, count, l, false, items, legs);
        rank_leg(cfg, entries, count, l, true, items, legs);
    }
    for (size_t i = 0; i < count; i++) {
        pd_relay_result *res = &out[i];
        const pd_relay_entry *e = &entries[ranked[i].entry];
        memset(res, 0, sizeof *res);
        res->entry = ranked[i].entry;
        res->rank = ranked[i].rank;
        res->irm = ranked[i].irm;
        res->time_ms = ranked[i].time_ms;
        res->behind_ms = ranked[i].behind_ms;
        for (int l = 0; l < cfg->legs; l++) {
            res->leg[l] = legs[res->entry * PD_RELAY_MAX_LEGS + (size_t)l];
            if (!e->leg[l].has_shooting)
                continue;
            res->has_shooting = true;
            for (int s = 0; s < cfg->shooting_stages; s++) {
                res->leg[l].loops += e->leg[l].stage[s].loops;
                res->leg[l].spares += e->leg[l].stage[s].spares;
            }
            res->loops += res->leg[l].loops;
            res->spares += res->leg[l].spares;
        }
        if (!res->has_shooting && e->has_totals) {
            res->has_shooting = true;
            res->loops = e->total_loops;
            res->spares = e->total_spares;
        }
    }
fail:
    free(mass);
    free(ranked);
    free(items);
    free(legs);
    return err;
}
