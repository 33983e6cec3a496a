/*
 * figureskating_event.c: an ISU event across its segments, and the team event.
 *
 * Why: the medals of figure skating are decided not by one segment but by the
 * sum of two (short program + free skating, rhythm dance + free dance), with
 * a cut after the short segment; the Olympic team event turns placements
 * into points. Both only need each segment's printed scores (TSS, TES, PCS),
 * so this module works from those, never from marks.
 *
 * How: every ranking goes through pd_rank. Segment placements use
 * pd_fsk_segment_keys (ISU Rule 353.1.n: TES breaks a tie in the short
 * segment, PCS in the free). The event ranks finalists on the total with the
 * free placement as tie-break, then non-qualifiers on their short placement
 * (Rule 353.1.o). The team event gives top_points + 1 - placement points per
 * segment and ranks on points (ties: best single placement, then the sum of
 * segment scores; our reading of the Olympic team event regulations, see
 * docs/formats.md).
 */
#include "podium/figureskating.h"

#include <string.h>

#define MAX_TEAMS 64

/* Rank one segment's results in place (sets .rank; 0 for absent or IRM). */
static void rank_segment(pd_fsk_segment_result **results, size_t count, pd_fsk_segment segment,
                         pd_rank_item *work)
{
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        results[i]->rank = 0;
        if (!results[i]->present)
            continue;
        memset(&work[n], 0, sizeof work[n]);
        work[n].index = i;
        work[n].irm = results[i]->irm;
        work[n].order = (int64_t)i;
        pd_fsk_segment_keys(segment, results[i]->tss, results[i]->tes, results[i]->pcs, &work[n]);
        n++;
    }
    pd_rank(work, n, 2);
    for (size_t k = 0; k < n; k++)
        results[work[k].index]->rank = work[k].rank;
}

pd_err pd_fsk_event_rank(pd_fsk_event_entry *entries, size_t count, size_t qualifiers,
                         pd_rank_item *work, size_t *failed, pd_diag *diag)
{
    /* Segment placements. */
    for (int pass = 0; pass < 2; pass++) {
        size_t n = 0;
        for (size_t i = 0; i < count; i++) {
            pd_fsk_segment_result *r =
                pass == 0 ? &entries[i].short_segment : &entries[i].free_segment;
            r->rank = 0;
            if (!r->present)
                continue;
            memset(&work[n], 0, sizeof work[n]);
            work[n].index = i;
            work[n].irm = r->irm;
            work[n].order = entries[i].order;
            pd_fsk_segment_keys(pass == 0 ? PD_FSK_SP : PD_FSK_FS, r->tss, r->tes, r->pcs,
                                &work[n]);
            n++;
        }
        pd_rank(work, n, 2);
        for (size_t k = 0; k < n; k++) {
            pd_fsk_event_entry *e = &entries[work[k].index];
            (pass == 0 ? &e->short_segment : &e->free_segment)->rank = work[k].rank;
        }
    }
    for (size_t i = 0; i < count; i++) {
        pd_fsk_event_entry *e = &entries[i];
        const pd_fsk_segment_result *s = &e->short_segment;
        const pd_fsk_segment_result *f = &e->free_segment;
        /* Rule 353.1.o: the cut after the short segment; ties at the cut all qualify. */
        e->qualified =
            s->present && s->irm == PD_IRM_NONE && s->rank > 0 && (size_t)s->rank <= qualifiers;
        e->irm = PD_IRM_NONE;
        e->total = 0;
        if (failed)
            *failed = i;
        if (!s->present)
            return pd_diag_set(diag, PD_ERR_INPUT, NULL, "no short segment result");
        if (s->irm != PD_IRM_NONE) {
            e->irm = s->irm;
            if (f->present)
                return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                   "a free segment result after an IRM in the short");
            continue;
        }
        if (!e->qualified) {
            if (f->present)
                return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                   "placed %d in the short segment, outside the %zu "
                                   "qualifiers, but has a free result",
                                   s->rank, qualifiers);
            e->total = s->tss;
            continue;
        }
        if (!f->present && e->free_pending) {
            e->total = s->tss;
            continue;
        }
        if (!f->present)
            return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                               "qualified for the free segment but has no result there "
                               "(give an IRM)");
        if (f->irm != PD_IRM_NONE) {
            e->irm = f->irm;
            continue;
        }
        e->total = s->tss + f->tss;
    }
    if (failed)
        *failed = (size_t)-1;
    for (size_t i = 0; i < count; i++) {
        pd_fsk_event_entry *e = &entries[i];
        memset(&work[i], 0, sizeof work[i]);
        work[i].index = i;
        work[i].irm = e->irm;
        work[i].order = e->order;
        if (e->qualified && e->free_segment.present) {
            /* Rule 353.1.n: total of both segments; a tie: the better free placement. */
            work[i].key[0] = 0;
            work[i].key[1] = -e->total;
            work[i].key[2] = e->free_segment.rank;
        } else if (e->qualified) {
            /* free segment pending: a provisional standing in short placement */
            work[i].key[0] = 1;
            work[i].key[1] = e->short_segment.rank;
        } else {
            /* Rule 353.1.o: non-qualifiers follow in their short placement. */
            work[i].key[0] = 2;
            work[i].key[1] = e->short_segment.rank;
        }
    }
    pd_rank(work, count, 3);
    for (size_t k = 0; k < count; k++)
        entries[work[k].index].rank = work[k].rank;
    return PD_OK;
}

/* Tie-break keys of a team over segments [from, to): best placement, then scores. */
static void team_keys(const pd_fsk_team_entry *t, int from, int to, int64_t points, int64_t tier,
                      pd_rank_item *item)
{
    int64_t best = 1000;
    int64_t scores = 0;
    for (int s = from; s < to; s++) {
        const pd_fsk_segment_result *r = &t->segments[s];
        if (!r->present || r->irm != PD_IRM_NONE || r->rank == 0)
            continue;
        if (r->rank < best)
            best = r->rank;
        scores += r->tss;
    }
    item->key[0] = tier;
    item->key[1] = -points;
    item->key[2] = best;
    item->key[3] = -scores;
}

pd_err pd_fsk_team_rank(pd_fsk_team_entry *teams, size_t count, size_t qualifiers, int top_points,
                        pd_rank_item *work, pd_diag *diag)
{
    pd_fsk_segment_result *column[MAX_TEAMS];
    if (count > MAX_TEAMS)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "a team event has at most %d teams",
                           MAX_TEAMS);
    if (top_points < 1)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "top_points must be at least 1");
    for (int s = 0; s < PD_FSK_TEAM_SEGMENTS; s++) {
        for (size_t i = 0; i < count; i++)
            column[i] = &teams[i].segments[s];
        rank_segment(column, count, s < 4 ? PD_FSK_SP : PD_FSK_FS, work);
        for (size_t i = 0; i < count; i++) {
            int rank = teams[i].segments[s].rank;
            /* Placement points: top_points for the first, one less per place, never below 0. */
            int points = rank > 0 ? top_points + 1 - rank : 0;
            teams[i].points[s] = points > 0 ? points : 0;
        }
    }
    for (size_t i = 0; i < count; i++) {
        teams[i].short_points = 0;
        for (int s = 0; s < 4; s++)
            teams[i].short_points += teams[i].points[s];
        memset(&work[i], 0, sizeof work[i]);
        work[i].index = i;
        work[i].order = teams[i].order;
        team_keys(&teams[i], 0, 4, teams[i].short_points, 0, &work[i]);
    }
    /* The cut after the short segments: the best `qualifiers` teams, ties included. */
    pd_rank(work, count, 4);
    for (size_t k = 0; k < count; k++)
        teams[work[k].index].qualified = (size_t)work[k].rank <= qualifiers;
    for (size_t i = 0; i < count; i++) {
        pd_fsk_team_entry *t = &teams[i];
        for (int s = 4; s < PD_FSK_TEAM_SEGMENTS; s++)
            if (t->segments[s].present && !t->qualified)
                return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                   "team %zu did not qualify but has a free segment result", i);
        t->total_points = 0;
        for (int s = 0; s < PD_FSK_TEAM_SEGMENTS; s++)
            t->total_points += t->points[s];
        memset(&work[i], 0, sizeof work[i]);
        work[i].index = i;
        work[i].order = t->order;
        if (t->qualified)
            team_keys(t, 0, PD_FSK_TEAM_SEGMENTS, t->total_points, 0, &work[i]);
        else
            team_keys(t, 0, 4, t->short_points, 1, &work[i]);
    }
    pd_rank(work, count, 4);
    for (size_t k = 0; k < count; k++)
        teams[work[k].index].rank = work[k].rank;
    return PD_OK;
}
