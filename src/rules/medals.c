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

#include "podium/buf.h"
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

static int compare_entry_ptr(const void *a, const void *b)
{
    const pd_medal_entry *x = *(const pd_medal_entry *const *)a;
    const pd_medal_entry *y = *(const pd_medal_entry *const *)b;
    int c = strcmp(x->noc, y->noc);
    if (!c)
        c = strcmp(entry_id(x), entry_id(y));
    if (!c)
        c = x < y ? -1 : x > y; /* the same array: earlier entries first */
    return c;
}

pd_err pd_medals_counted(const pd_medal_event *event, bool *counted, size_t *first_of)
{
    size_t n = event->count;
    const pd_medal_entry **sorted = calloc(n ? n : 1, sizeof *sorted);
    if (!sorted)
        return PD_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        sorted[i] = &event->entries[i];
    /* sorting by (NOC, entry, position) puts each entry's first listing first */
    qsort(sorted, n, sizeof *sorted, compare_entry_ptr);
    size_t first = 0;
    for (size_t i = 0; i < n; i++) {
        size_t at = (size_t)(sorted[i] - event->entries);
        bool same = i > 0 && strcmp(sorted[i - 1]->noc, sorted[i]->noc) == 0 &&
                    strcmp(entry_id(sorted[i - 1]), entry_id(sorted[i])) == 0;
        if (!same)
            first = at;
        counted[at] = !same;
        if (first_of)
            first_of[at] = first;
    }
    free(sorted);
    return PD_OK;
}

static int compare_int(const void *a, const void *b)
{
    int x = *(const int *)a;
    int y = *(const int *)b;
    return x < y ? -1 : x > y;
}

pd_err pd_medals_check_event(const pd_medal_event *event, pd_diag *diag)
{
    char where[48];
    size_t n = event->count;
    pd_err err = PD_OK;
    bool *counted = calloc(n ? n : 1, sizeof *counted);
    size_t *first_of = calloc(n ? n : 1, sizeof *first_of);
    int *ranks = calloc(n ? n : 1, sizeof *ranks);
    size_t ranked = 0;
    if (!counted || !first_of || !ranks || pd_medals_counted(event, counted, first_of)) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < n && !err; i++) {
        const pd_medal_entry *e = &event->entries[i];
        snprintf(where, sizeof where, "entries[%zu]", i);
        if (e->rank < 0)
            err = pd_diag_set(diag, PD_ERR_INPUT, where, "rank %d: ranks start at 1", e->rank);
        else if (!counted[i] && event->entries[first_of[i]].rank != e->rank)
            err = pd_diag_set(diag, PD_ERR_INPUT, where,
                              "entry \"%s\" of %s listed with rank %d and rank %d", entry_id(e),
                              event->event, event->entries[first_of[i]].rank, e->rank);
        else if (counted[i] && e->rank > 0)
            ranks[ranked++] = e->rank;
    }
    if (!err)
        qsort(ranks, ranked, sizeof *ranks, compare_int);
    for (size_t i = 0; i < n && !err; i++) {
        const pd_medal_entry *e = &event->entries[i];
        if (!counted[i] || e->rank == 0)
            continue;
        /* shared ranks skip places: rank r follows exactly r-1 better entries */
        size_t lo = 0, hi = ranked;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (ranks[mid] < e->rank)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo != (size_t)e->rank - 1) {
            snprintf(where, sizeof where, "entries[%zu]", i);
            err = pd_diag_set(diag, PD_ERR_INPUT, where,
                              "rank %d in %s but %zu entries ranked better (ties share a rank "
                              "and skip the next: 1, 1, 3)",
                              e->rank, event->event, lo);
        }
    }
done:
    free(counted);
    free(first_of);
    free(ranks);
    return err;
}

typedef struct {
    const char *noc;
    pd_medal medal;
} medal_item;

static int compare_item(const void *a, const void *b)
{
    return strcmp(((const medal_item *)a)->noc, ((const medal_item *)b)->noc);
}

pd_err pd_medals_table(const pd_medal_event *events, size_t count, pd_medal_table *out,
                       pd_diag *diag)
{
    medal_item *medals = NULL;
    pd_medal_row *rows = NULL;
    pd_rank_item *items = NULL;
    pd_medal_row *sorted = NULL;
    size_t won = 0;
    size_t capacity = 0;
    size_t n = 0;
    pd_err err = PD_OK;
    memset(out, 0, sizeof *out);
    /* every medal won, once per entry */
    for (size_t ev = 0; ev < count; ev++) {
        pd_diag inner = {0};
        pd_err bad = pd_medals_check_event(&events[ev], &inner);
        if (bad) {
            char where[PD_DIAG_PATH_MAX + 32];
            snprintf(where, sizeof where, "events[%zu].%.200s", ev, inner.path);
            err = pd_diag_set(diag, bad, where, "%s", inner.reason);
            goto fail;
        }
        bool *counted = calloc(events[ev].count ? events[ev].count : 1, sizeof *counted);
        if (!counted || pd_medals_counted(&events[ev], counted, NULL)) {
            free(counted);
            err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
            goto fail;
        }
        for (size_t i = 0; i < events[ev].count; i++) {
            const pd_medal_entry *e = &events[ev].entries[i];
            pd_medal medal = pd_medal_for_rank(e->rank);
            if (medal == PD_MEDAL_NONE || !counted[i])
                continue;
            if (pd_grow(&medals, &capacity, won, sizeof *medals, 64) != PD_OK) {
                free(counted);
                err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
                goto fail;
            }
            medals[won++] = (medal_item){e->noc, medal};
        }
        free(counted);
    }
    if (won == 0)
        goto done;
    /* one row per NOC, in NOC code order (the listing order among equal rows) */
    qsort(medals, won, sizeof *medals, compare_item);
    rows = calloc(won, sizeof *rows);
    items = calloc(won, sizeof *items);
    sorted = calloc(won, sizeof *sorted);
    if (!rows || !items || !sorted) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < won; i++) {
        if (n == 0 || strcmp(rows[n - 1].noc, medals[i].noc) != 0)
            rows[n++].noc = medals[i].noc;
        pd_medal_row *row = &rows[n - 1];
        row->gold += medals[i].medal == PD_MEDAL_GOLD;
        row->silver += medals[i].medal == PD_MEDAL_SILVER;
        row->bronze += medals[i].medal == PD_MEDAL_BRONZE;
        row->total++;
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
    free(medals);
    free(items);
    out->rows = rows;
    out->count = n;
    return PD_OK;
fail:
    free(medals);
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
