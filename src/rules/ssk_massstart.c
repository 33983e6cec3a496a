/*
 * ssk_massstart.c: points of the speed skating mass start and the ranking
 * they decide.
 *
 * The race is scored in three steps. First the order over the finish line:
 * every skater who crossed it after the last lap, disqualified ones included
 * (they crossed it, so they hold their place: a disqualification voids the
 * skater's points, it does not move the others up), goes through
 * pd_mass_rank, which orders by photo-finish position or by the time cut to
 * 1/100 s and rejects positions that contradict the times. Second the points:
 * each intermediate sprint place and each final sprint place pays from the
 * tables below. Third the ranking with pd_rank on three keys: the points
 * (more first), then finished before not finished, then the place over the
 * line (finishers) or the laps completed (the others, more first); what is
 * still equal (a dead heat, equal laps) shares the rank.
 *
 * Rule source: ISU Special Regulations & Technical Rules Speed Skating, Rule
 * 253 (Mass Start) with the point values of 2021/22 as the ISU applied them
 * at Beijing 2022 (the regulation text of that season could not be read here;
 * the values are established from the official results, see
 * docs/validation.md).
 */
#include "podium/ssk_massstart.h"

#include <stdlib.h>
#include <string.h>

#include "podium/massstart.h"
#include "podium/time.h"

/* ISU Rule 253 (2021/22): intermediate sprints pay the first three 3, 2 and 1 points. */
static const int64_t sprint_table[PD_SSKMS_SPRINT_PLACES] = {3, 2, 1};

/* ISU Rule 253 (2021/22): the final sprint pays the first six 60, 40, 20, 10, 6 and 3 points. */
static const int64_t final_table[PD_SSKMS_FINAL_PLACES] = {60, 40, 20, 10, 6, 3};

int64_t pd_sskms_sprint_points(int place)
{
    return place >= 1 && place <= PD_SSKMS_SPRINT_PLACES ? sprint_table[place - 1] : 0;
}

int64_t pd_sskms_final_points(int64_t place)
{
    return place >= 1 && place <= PD_SSKMS_FINAL_PLACES ? final_table[place - 1] : 0;
}

static bool scored(const pd_sskms_entry *e)
{
    return e->present && (e->irm == PD_IRM_NONE || e->irm == PD_IRM_DSQ);
}

static pd_err check_entries(const pd_sskms_race *race, const pd_sskms_entry *entries, size_t count,
                            size_t *bad_entry, pd_diag *diag)
{
    size_t holder[PD_SSKMS_MAX_SPRINTS][PD_SSKMS_SPRINT_PLACES];
    memset(holder, 0, sizeof holder);
    for (size_t i = 0; i < count; i++) {
        const pd_sskms_entry *e = &entries[i];
        if (bad_entry)
            *bad_entry = i;
        if (e->present && e->finished && e->time_ms < 0)
            return pd_diag_set(diag, PD_ERR_INPUT, NULL, "a finish time must not be negative");
        if (e->present && !e->finished && (e->laps < 0 || e->laps >= race->laps))
            return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                               "laps completed must be 0 to %d without a finish, got %lld",
                               race->laps - 1, (long long)e->laps);
        for (int s = 0; s < PD_SSKMS_MAX_SPRINTS; s++) {
            int place = e->sprint_place[s];
            if (place == 0)
                continue;
            if (s >= race->sprints || place < 1 || place > PD_SSKMS_SPRINT_PLACES)
                return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                   "sprint %d place %d: the race has %d sprints paying places "
                                   "1 to %d",
                                   s + 1, place, race->sprints, PD_SSKMS_SPRINT_PLACES);
            if (!scored(e))
                return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                   "sprint %d place %d for a skater who did not race", s + 1,
                                   place);
            if (holder[s][place - 1])
                return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                   "sprint %d place %d is already held by entry %zu", s + 1, place,
                                   holder[s][place - 1] - 1);
            holder[s][place - 1] = i + 1;
        }
    }
    return PD_OK;
}

pd_err pd_sskms_score(const pd_sskms_race *race, const pd_sskms_entry *entries, size_t count,
                      pd_sskms_result *out, size_t *bad_entry, pd_diag *diag)
{
    if (race->laps < 1 || race->laps > 100 || race->sprints < 0 ||
        race->sprints > PD_SSKMS_MAX_SPRINTS || race->qualify < 0)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "invalid race: %d laps, %d sprints",
                           race->laps, race->sprints);
    pd_err err = check_entries(race, entries, count, bad_entry, diag);
    if (err)
        return err;
    size_t n = count ? count : 1;
    pd_mass_entry *crossing = calloc(n, sizeof *crossing);
    pd_mass_result *crossed = calloc(n, sizeof *crossed);
    pd_rank_item *items = calloc(n, sizeof *items);
    int64_t *place = calloc(n, sizeof *place);
    int64_t *cut = calloc(n, sizeof *cut);
    pd_sskms_result *scratch = calloc(n, sizeof *scratch);
    if (!crossing || !crossed || !items || !place || !cut || !scratch) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < count; i++) {
        const pd_sskms_entry *e = &entries[i];
        crossing[i] = (pd_mass_entry){.present = scored(e) && e->finished,
                                      .irm = PD_IRM_NONE,
                                      .time_ms = e->time_ms,
                                      .finish = e->finish,
                                      .order = e->order};
    }
    /* the order over the line: ISU results are published to 1/100 s and the photo finish
     * separates equal hundredths (Beijing 2022 men's final: LEE and MANTIA both 7:47.20,
     * LEE third with 20 points, MANTIA fourth with 10) */
    err = pd_mass_rank(PD_PREC_HUNDREDTH, crossing, count, crossed, bad_entry, diag);
    if (err)
        goto fail;
    for (size_t i = 0; i < count; i++) {
        place[crossed[i].entry] = crossed[i].rank;
        cut[crossed[i].entry] = crossed[i].time_ms;
    }
    for (size_t i = 0; i < count; i++) {
        const pd_sskms_entry *e = &entries[i];
        pd_sskms_result *res = &scratch[i];
        res->entry = i;
        res->place = place[i];
        res->time_ms = cut[i];
        if (scored(e)) {
            for (int s = 0; s < race->sprints; s++)
                res->sprint_points += pd_sskms_sprint_points(e->sprint_place[s]);
            res->final_points = pd_sskms_final_points(place[i]);
        }
        res->points = res->sprint_points + res->final_points;
        items[i] = (pd_rank_item){.index = i, .order = e->order};
        items[i].irm = !e->present ? PD_IRM_DNS : e->irm;
        items[i].key[0] = -res->points;
        items[i].key[1] = e->finished ? 0 : 1;
        items[i].key[2] = e->finished ? place[i] : -e->laps;
    }
    pd_rank(items, count, 3);
    for (size_t i = 0; i < count; i++) {
        pd_sskms_result *res = &out[i];
        *res = scratch[items[i].index];
        res->rank = items[i].rank;
        res->irm = items[i].irm;
        if (res->irm != PD_IRM_NONE) /* a disqualification voids the skater's points */
            res->points = res->sprint_points = res->final_points = 0;
        /* the best `qualify` of a semi-final, ties at the cut included; else the Referee's ADV */
        if (res->rank && res->rank <= race->qualify)
            res->qualified = "Q";
        else if (entries[res->entry].advanced)
            res->qualified = "ADV";
        else
            res->qualified = "";
    }
fail:
    free(crossing);
    free(crossed);
    free(items);
    free(place);
    free(cut);
    free(scratch);
    return err;
}
