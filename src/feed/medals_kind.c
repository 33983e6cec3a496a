/*
 * medals_kind.c: the kind "medals": the final ranks of every event in, the
 * medallists and the medal table out (docs/formats.md, "Medal table").
 *
 * Each performance is one ranked entry of one event: {"competitor": NOC id,
 * "event": id, "rank": n, "entry": optional athlete/pair/team id}. Entries of
 * an event are grouped, checked (ranks must be final ranks, an entry listed
 * twice must agree) and handed to pd_medals_table. Errors name the
 * performance. Results are the table rows, one per NOC with a medal.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/medals_kind.h"
#include "podium/medals.h"
#include "podium/resultdoc.h"

typedef struct {
    const char *event;
    const char *entry; /* NULL when absent */
    int rank;
    size_t performance;
} perf_row;

static int compare_perf(const void *a, const void *b)
{
    const perf_row *x = a;
    const perf_row *y = b;
    int c = strcmp(x->event, y->event);
    if (c)
        return c;
    return x->performance < y->performance ? -1 : x->performance > y->performance;
}

static pd_err read_performances(const pd_scoredoc *doc, perf_row *rows, pd_diag *diag)
{
    static const char *const keys[] = {"competitor", "event", "entry", "rank", NULL};
    pd_jpath path;
    pd_jpath_init(&path);
    pd_jpath_key(&path, "performances");
    for (size_t i = 0; i < json_array_size(doc->performances); i++) {
        json_t *item = json_array_get(doc->performances, i);
        int64_t rank;
        size_t at = pd_jpath_index(&path, i);
        rows[i].performance = i;
        rows[i].entry = NULL;
        pd_err err = pd_json_object_keys(item, keys, &path, diag);
        if (!err)
            err = pd_json_get_string(item, "event", true, 64, &rows[i].event, &path, diag);
        if (!err && rows[i].event[0] == '\0') {
            pd_jpath_key(&path, "event");
            err = pd_diag_set(diag, PD_ERR_INPUT, path.text, "must not be empty");
        }
        if (!err)
            err = pd_json_get_string(item, "entry", false, 200, &rows[i].entry, &path, diag);
        if (!err)
            err = pd_json_get_int(item, "rank", true, 1, 100000, &rank, &path, diag);
        if (err)
            return err;
        rows[i].rank = (int)rank;
        pd_jpath_pop(&path, at);
    }
    return PD_OK;
}

static int compare_row_noc(const void *a, const void *b)
{
    return strcmp((*(const pd_medal_row *const *)a)->noc, (*(const pd_medal_row *const *)b)->noc);
}

static json_t *count_string(int n)
{
    char text[16];
    snprintf(text, sizeof text, "%d", n);
    return json_string(text);
}

pd_err pd_medals_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag)
{
    static const char *const config_keys[] = {NULL};
    pd_jpath path;
    size_t n = json_array_size(doc->performances);
    perf_row *rows = NULL;
    pd_medal_entry *entries = NULL;
    pd_medal_event *events = NULL;
    size_t event_count = 0;
    pd_medal_table table = {0};
    pd_result_row *result_rows = NULL;
    char(*results)[48] = NULL;
    const pd_medal_row **by_noc = NULL;
    json_t **lists = NULL;
    pd_err err;

    pd_jpath_init(&path);
    pd_jpath_key(&path, "config");
    err = pd_json_object_keys(doc->config, config_keys, &path, diag);
    if (err)
        return err;
    rows = calloc(n ? n : 1, sizeof *rows);
    entries = calloc(n ? n : 1, sizeof *entries);
    events = calloc(n ? n : 1, sizeof *events);
    if (!rows || !entries || !events) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    err = read_performances(doc, rows, diag);
    if (err)
        goto fail;
    qsort(rows, n, sizeof *rows, compare_perf);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && strcmp(rows[j].event, rows[i].event) == 0) {
            entries[j] = (pd_medal_entry){
                doc->competitors[doc->performance_competitor[rows[j].performance]].id,
                rows[j].entry, rows[j].rank};
            j++;
        }
        pd_medal_event *ev = &events[event_count++];
        *ev = (pd_medal_event){rows[i].event, &entries[i], j - i};
        pd_diag inner = {0};
        err = pd_medals_check_event(ev, &inner);
        if (err) {
            /* inner.path is "entries[k]": name the performance instead */
            size_t k = 0;
            sscanf(inner.path, "entries[%zu]", &k);
            char where[64];
            snprintf(where, sizeof where, "performances[%zu].rank",
                     k < j - i ? rows[i + k].performance : rows[i].performance);
            pd_diag_set(diag, err, err == PD_ERR_INPUT ? where : NULL, "%s", inner.reason);
            goto fail;
        }
        i = j;
    }
    err = pd_medals_table(events, event_count, &table, diag);
    if (err)
        goto fail;
    result_rows = calloc(table.count ? table.count : 1, sizeof *result_rows);
    results = calloc(table.count ? table.count : 1, sizeof *results);
    if (!result_rows || !results) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    /* the medallists, event by event (events in id order), filed under their NOC */
    by_noc = calloc(table.count ? table.count : 1, sizeof *by_noc);
    lists = calloc(table.count ? table.count : 1, sizeof *lists);
    if (!by_noc || !lists) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    for (size_t r = 0; r < table.count; r++) {
        by_noc[r] = &table.rows[r];
        lists[r] = json_array();
    }
    qsort(by_noc, table.count, sizeof *by_noc, compare_row_noc);
    for (size_t e = 0; e < event_count; e++) {
        bool *counted = calloc(events[e].count, sizeof *counted);
        if (!counted || pd_medals_counted(&events[e], counted, NULL)) {
            free(counted);
            err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
            goto fail;
        }
        for (size_t k = 0; k < events[e].count; k++) {
            const pd_medal_entry *entry = &events[e].entries[k];
            pd_medal medal = pd_medal_for_rank(entry->rank);
            if (medal == PD_MEDAL_NONE || !counted[k])
                continue;
            pd_medal_row key = {.noc = entry->noc};
            const pd_medal_row *keyp = &key;
            const pd_medal_row **found =
                bsearch(&keyp, by_noc, table.count, sizeof *by_noc, compare_row_noc);
            size_t r = found ? (size_t)(*found - table.rows) : table.count;
            if (r < table.count && lists[r])
                json_array_append_new(lists[r],
                                      json_pack("{s:s, s:s, s:s}", "event", events[e].event,
                                                "medal", pd_medal_name(medal), "entry",
                                                entry->entry ? entry->entry : ""));
        }
        free(counted);
    }
    for (size_t r = 0; r < table.count; r++) {
        const pd_medal_row *row = &table.rows[r];
        json_t *medals = lists[r];
        lists[r] = NULL;
        snprintf(results[r], sizeof results[r], "%d-%d-%d", row->gold, row->silver, row->bronze);
        result_rows[r].competitor = row->noc;
        result_rows[r].rank = row->rank;
        result_rows[r].result = results[r];
        result_rows[r].detail =
            medals ? json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "gold", count_string(row->gold),
                               "silver", count_string(row->silver), "bronze",
                               count_string(row->bronze), "total", count_string(row->total),
                               "rank_by_total", count_string(row->rank_total), "medals", medals)
                   : NULL;
    }
    err = pd_resultdoc_build(doc, result_rows, table.count, out);
    if (err)
        pd_diag_set(diag, err, NULL, "out of memory");
fail:
    for (size_t r = 0; lists && r < table.count; r++)
        json_decref(lists[r]);
    free(lists);
    free(by_noc);
    pd_medal_table_cleanup(&table);
    free(rows);
    free(entries);
    free(events);
    free(result_rows);
    free(results);
    return err;
}
