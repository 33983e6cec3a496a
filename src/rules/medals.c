/*
 * medals.c: medals from final ranks, and the medal table.
 *
 * Medals follow the ranks (Olympic Charter, Rule 56 and its bye-law: medals
 * for the first three; the IOC awards a shared place a medal each): rank 1
 * gold, 2 silver, 3 bronze. Because ranks are shared the "1, 1, 3" way
 * (pd_rank), a tie for gold leaves no silver and a tie for silver no bronze
 * without any special case here. Entries are counted once per event, so a
 * relay or a team is one medal for its NOC.
 *
 * The table sorts NOCs by (gold, silver, bronze) descending and gives rows
 * equal on all three the same rank (the olympics.com medal table); the
 * listing among them is by NOC code. A second rank by total medals is
 * computed alongside, because some media publish that order.
 */
#include "podium/medals.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/rank.h"

const char *pd_medal_name(pd_medal medal)
{
    switch (medal) {
    case PD_MEDAL_GOLD:
        return "gold";
    case PD_MEDAL_SILVER:
        return "silver";
    case PD_MEDAL_BRONZE:
        return "bronze";
    case PD_MEDAL_NONE:
        break;
    }
    return "";
}

pd_medal pd_medal_for_rank(int rank)
{
    switch (rank) {
    case 1:
        return PD_MEDAL_GOLD;
    case 2:
        return PD_MEDAL_SILVER;
    case 3:
        return PD_MEDAL_BRONZE;
    default:
        return PD_MEDAL_NONE;
    }
}

static const char *entry_id(const pd_medal_entry *e)
{
    return e->entry ? e->entry : e->noc;
}

/* True when entry i repeats an earlier entry of the event (same id and NOC). */
static bool repeats_earlier(const pd_medal_event *event, size_t i, size_t *earlier)
{
    const pd_medal_entry *e = &event->entries[i];
    for (size_t j = 0; j < i; j++) {
        const pd_medal_entry *f = &event->entries[j];
        if (strcmp(entry_id(e), entry_id(f)) == 0 && strcmp(e->noc, f->noc) == 0) {
            *earlier = j;
            return true;
        }
    }
    return false;
}

pd_err pd_medals_check_event(const pd_medal_event *event, pd_diag *diag)
{
    char where[48];
    pd_err err = PD_OK;
    bool *repeat = calloc(event->count ? event->count : 1, sizeof *repeat);
    if (!repeat)
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
    for (size_t i = 0; i < event->count && !err; i++) {
        const pd_medal_entry *e = &event->entries[i];
        size_t earlier;
        snprintf(where, sizeof where, "entries[%zu]", i);
        if (e->rank < 0)
            err = pd_diag_set(diag, PD_ERR_INPUT, where, "rank %d: ranks start at 1", e->rank);
        else if ((repeat[i] = repeats_earlier(event, i, &earlier)) &&
                 event->entries[earlier].rank != e->rank)
            err = pd_diag_set(diag, PD_ERR_INPUT, where,
                              "entry \"%s\" of %s listed with rank %d and rank %d", entry_id(e),
                              event->event, event->entries[earlier].rank, e->rank);
    }
    for (size_t i = 0; i < event->count && !err; i++) {
        const pd_medal_entry *e = &event->entries[i];
        if (repeat[i] || e->rank == 0)
            continue;
        /* shared ranks skip places: rank r follows exactly r-1 better entries */
        size_t better = 0;
        for (size_t j = 0; j < event->count; j++)
            if (!repeat[j] && event->entries[j].rank > 0 && event->entries[j].rank < e->rank)
                better++;
        if (better != (size_t)e->rank - 1) {
            snprintf(where, sizeof where, "entries[%zu]", i);
            err = pd_diag_set(diag, PD_ERR_INPUT, where,
                              "rank %d in %s but %zu entries ranked better (ties share a rank "
                              "and skip the next: 1, 1, 3)",
                              e->rank, event->event, better);
        }
    }
    free(repeat);
    return err;
}

static int compare_noc(const void *a, const void *b)
{
    return strcmp(((const pd_medal_row *)a)->noc, ((const pd_medal_row *)b)->noc);
}

pd_err pd_medals_table(const pd_medal_event *events, size_t count, pd_medal_table *out,
                       pd_diag *diag)
{
    pd_medal_row *rows = NULL;
    pd_rank_item *items = NULL;
    pd_medal_row *sorted = NULL;
    size_t n = 0;
    size_t capacity = 0;
    pd_err err = PD_OK;
    memset(out, 0, sizeof *out);
    for (size_t ev = 0; ev < count; ev++) {
        pd_diag inner = {0};
        pd_err bad = pd_medals_check_event(&events[ev], &inner);
        if (bad) {
            char where[PD_DIAG_PATH_MAX + 32];
            snprintf(where, sizeof where, "events[%zu].%.200s", ev, inner.path);
            err = pd_diag_set(diag, bad, where, "%s", inner.reason);
            goto fail;
        }
        for (size_t i = 0; i < events[ev].count; i++) {
            const pd_medal_entry *e = &events[ev].entries[i];
            pd_medal medal = pd_medal_for_rank(e->rank);
            size_t earlier;
            if (medal == PD_MEDAL_NONE || repeats_earlier(&events[ev], i, &earlier))
                continue;
            size_t r = 0;
            while (r < n && strcmp(rows[r].noc, e->noc) != 0)
                r++;
            if (r == n) {
                if (n == capacity) {
                    size_t grown = capacity ? capacity * 2 : 32;
                    pd_medal_row *bigger = realloc(rows, grown * sizeof *rows);
                    if (!bigger) {
                        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
                        goto fail;
                    }
                    rows = bigger;
                    capacity = grown;
                }
                memset(&rows[n], 0, sizeof rows[n]);
                rows[n++].noc = e->noc;
            }
            rows[r].gold += medal == PD_MEDAL_GOLD;
            rows[r].silver += medal == PD_MEDAL_SILVER;
            rows[r].bronze += medal == PD_MEDAL_BRONZE;
            rows[r].total++;
        }
    }
    if (n == 0)
        goto done;
    /* listing order among equal rows: NOC code */
    qsort(rows, n, sizeof *rows, compare_noc);
    items = calloc(n, sizeof *items);
    sorted = calloc(n, sizeof *sorted);
    if (!items || !sorted) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    /* by total first, to fill rank_total */
    for (size_t i = 0; i < n; i++)
        items[i] = (pd_rank_item){.index = i, .key = {-rows[i].total}, .order = (int64_t)i};
    pd_rank(items, n, 1);
    for (size_t i = 0; i < n; i++)
        rows[items[i].index].rank_total = items[i].rank;
    /* the table: gold, then silver, then bronze */
    for (size_t i = 0; i < n; i++)
        items[i] = (pd_rank_item){.index = i,
                                  .key = {-rows[i].gold, -rows[i].silver, -rows[i].bronze},
                                  .order = (int64_t)i};
    pd_rank(items, n, 3);
    for (size_t i = 0; i < n; i++) {
        sorted[i] = rows[items[i].index];
        sorted[i].rank = items[i].rank;
    }
    free(rows);
    rows = sorted;
    sorted = NULL;
done:
    free(items);
    out->rows = rows;
    out->count = n;
    return PD_OK;
fail:
    free(rows);
    free(items);
    free(sorted);
    return err;
}

void pd_medal_table_cleanup(pd_medal_table *table)
{
    free(table->rows);
    table->rows = NULL;
    table->count = 0;
}
