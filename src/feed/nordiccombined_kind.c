/*
 * nordiccombined_kind.c: the "nordic-combined" kind.
 *
 * One document holds a whole Gundersen competition: each competitor's
 * jumping result ("part": "jump", the points of the jumping round(s), or an
 * IRM) and race result ("part": "race", the finish time from the first
 * start, or an IRM). The engine (src/rules/nordiccombined.c) ranks the
 * jumping, turns deficits into start gaps and ranks the race by finish
 * order. A document with jumps only is the start list of the race: every
 * competitor is then listed as DNS with the gap he will start with.
 *
 * Teams use the same document with "team": true (45 points a minute).
 */
#include "podium/nordiccombined_kind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/fixed.h"
#include "podium/json.h"
#include "podium/nordiccombined.h"
#include "podium/resultdoc.h"

static const char *const config_keys[] = {"team", "points_per_minute", "precision", NULL};
static const char *const jump_keys[] = {"competitor", "part", "points", "irm", NULL};
static const char *const race_keys[] = {"competitor",   "part", "time_ms",
                                        "photo_finish", "irm",  NULL};

static pd_err parse_config(const pd_scoredoc *doc, pd_ncb_config *c, pd_jpath *path, pd_diag *diag)
{
    bool team = false;
    const char *precision = "0.1";
    const json_t *config = doc->config;
    pd_err err = PD_OK;
    c->precision = PD_PREC_TENTH;
    if (!config)
        return PD_OK;
    size_t mark = pd_jpath_key(path, "config");
    err = pd_json_object_keys(config, config_keys, path, diag);
    if (!err)
        err = pd_json_get_bool(config, "team", false, &team, path, diag);
    c->points_per_minute_t =
        10 * (team ? PD_NCB_POINTS_PER_MINUTE_TEAM : PD_NCB_POINTS_PER_MINUTE_INDIVIDUAL);
    if (!err)
        err = pd_json_get_decimal(config, "points_per_minute", false, 1, 1, 100000,
                                  &c->points_per_minute_t, path, diag);
    if (!err)
        err = pd_json_get_string(config, "precision", false, 8, &precision, path, diag);
    if (!err) {
        size_t at = pd_jpath_key(path, "precision");
        if (pd_time_prec_parse(precision, &c->precision, diag) != PD_OK)
            err = pd_diag_set(diag, PD_ERR_INPUT, path->text,
                              "expected \"0.1\", \"0.01\" or \"0.001\", got \"%s\"", precision);
        pd_jpath_pop(path, at);
    }
    pd_jpath_pop(path, mark);
    return err;
}

static pd_err parse_irm(json_t *perf, pd_irm *irm, pd_jpath *path, pd_diag *diag)
{
    const char *text = NULL;
    pd_err err = pd_json_get_string(perf, "irm", false, 8, &text, path, diag);
    if (err || !text)
        return err;
    size_t at = pd_jpath_key(path, "irm");
    err = pd_irm_parse(text, irm, diag);
    if (err)
        pd_diag_set(diag, err, path->text, "expected DNF, DNS, DSQ, LAP or WD, got \"%s\"", text);
    pd_jpath_pop(path, at);
    return err;
}

static pd_err parse_performance(const pd_scoredoc *doc, size_t i, pd_ncb_entry *entries,
                                pd_jpath *path, pd_diag *diag)
{
    json_t *perf = json_array_get(doc->performances, i);
    pd_ncb_entry *e = &entries[doc->performance_competitor[i]];
    const char *part = NULL;
    pd_irm irm = PD_IRM_NONE;
    pd_err err = pd_json_get_string(perf, "part", true, 8, &part, path, diag);
    if (err)
        return err;
    bool jump = strcmp(part, "jump") == 0;
    if (!jump && strcmp(part, "race") != 0) {
        size_t at = pd_jpath_key(path, "part");
        err = pd_diag_set(diag, PD_ERR_INPUT, path->text,
                          "expected \"jump\" or \"race\", got \"%s\"", part);
        pd_jpath_pop(path, at);
        return err;
    }
    err = pd_json_object_keys(perf, jump ? jump_keys : race_keys, path, diag);
    if (!err)
        err = parse_irm(perf, &irm, path, diag);
    if (err)
        return err;
    if (jump ? e->has_jump : e->has_race)
        return pd_diag_set(diag, PD_ERR_INPUT, path->text, "a second %s result for \"%s\"", part,
                           doc->competitors[doc->performance_competitor[i]].id);
    const char *measure = jump ? "points" : "time_ms";
    if (irm != PD_IRM_NONE && json_object_get(perf, measure)) {
        size_t at = pd_jpath_key(path, measure);
        err =
            pd_diag_set(diag, PD_ERR_INPUT, path->text, "a result with an IRM has no %s", measure);
        pd_jpath_pop(path, at);
        return err;
    }
    if (jump) {
        e->has_jump = true;
        e->jump_irm = irm;
        if (irm == PD_IRM_NONE)
            err = pd_json_get_decimal(perf, "points", true, 1, 0, 100000, &e->jump_points_t, path,
                                      diag);
    } else {
        e->has_race = true;
        e->race_irm = irm;
        if (irm == PD_IRM_NONE)
            err = pd_json_get_int(perf, "time_ms", true, 0, INT64_C(359999999), &e->finish_ms, path,
                                  diag);
        if (!err)
            err = pd_json_get_int(perf, "photo_finish", false, 1, PD_SCORE_MAX_COMPETITORS,
                                  &e->photo_finish, path, diag);
    }
    return err;
}

static void format_gap(int64_t seconds, char *out, size_t size)
{
    /* as published: "0:00" for the best jumper, "+0:38", "+6:28" */
    snprintf(out, size, "%s%lld:%02lld", seconds > 0 ? "+" : "", (long long)(seconds / 60),
             (long long)(seconds % 60));
}

static json_t *entry_detail(const pd_ncb_config *config, const pd_ncb_entry *e, int64_t best_ms,
                            bool ranked)
{
    char text[PD_TIME_STR_MAX];
    json_t *d = json_object();
    if (!d)
        return NULL;
    int bad = 0;
    if (e->has_jump && e->jump_irm == PD_IRM_NONE) {
        pd_fixed_format(e->jump_points_t, 1, text, sizeof text);
        bad |= json_object_set_new(d, "jump_points", json_string(text));
        bad |= json_object_set_new(d, "jump_rank", json_integer(e->jump_rank));
        format_gap(e->start_gap_s, text, sizeof text);
        bad |= json_object_set_new(d, "start_gap", json_string(text));
    } else if (e->has_jump) {
        bad |= json_object_set_new(d, "jump_irm", json_string(pd_irm_name(e->jump_irm)));
    }
    if (ranked) {
        pd_time_format(e->finish_ms, config->precision, text, sizeof text);
        bad |= json_object_set_new(d, "time", json_string(text));
        int64_t gap = pd_time_cut(e->finish_ms, config->precision) - best_ms;
        if (gap > 0)
            pd_time_format_gap(gap, config->precision, text, sizeof text);
        else
            text[0] = '\0';
        bad |= json_object_set_new(d, "behind", json_string(text));
    }
    if (bad) {
        json_decref(d);
        return NULL;
    }
    return d;
}

pd_err pd_ncb_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag)
{
    size_t n = doc->competitor_count;
    size_t perfs = json_array_size(doc->performances);
    pd_ncb_config config = {.points_per_minute_t = 10 * PD_NCB_POINTS_PER_MINUTE_INDIVIDUAL,
                            .precision = PD_PREC_TENTH};
    pd_ncb_entry *entries = calloc(n ? n : 1, sizeof *entries);
    pd_rank_item *items = calloc(n ? n : 1, sizeof *items);
    pd_result_row *rows = calloc(n ? n : 1, sizeof *rows);
    char(*results)[PD_TIME_STR_MAX] = calloc(n ? n : 1, sizeof *results);
    pd_jpath path;
    pd_err err = PD_OK;

    pd_jpath_init(&path);
    if (!entries || !items || !rows || !results) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    err = parse_config(doc, &config, &path, diag);
    size_t mark = pd_jpath_key(&path, "performances");
    for (size_t i = 0; !err && i < perfs; i++) {
        size_t at = pd_jpath_index(&path, i);
        err = parse_performance(doc, i, entries, &path, diag);
        pd_jpath_pop(&path, at);
    }
    pd_jpath_pop(&path, mark);
    if (err)
        goto fail;

    /* listing order among ties: start (bib) order, else input order */
    for (size_t i = 0; i < n; i++) {
        int64_t bib = 0;
        pd_diag ignored;
        const char *b = doc->competitors[i].bib;
        items[i].index = i;
        items[i].order = (b[0] && pd_fixed_parse(b, strlen(b), 0, &bib, &ignored) == PD_OK &&
                          bib >= 0 && bib < PD_SCORE_MAX_COMPETITORS)
                             ? bib
                             : PD_SCORE_MAX_COMPETITORS + (int64_t)i;
    }
    err = pd_ncb_start_gaps(&config, entries, n, items, diag);
    size_t bad = (size_t)-1;
    if (!err)
        err = pd_ncb_rank(&config, entries, n, items, &bad, diag);
    if (err) {
        char reason[PD_DIAG_REASON_MAX];
        snprintf(reason, sizeof reason, "%s", diag->reason);
        if (bad != (size_t)-1)
            pd_diag_set(diag, err, "competitors", "\"%s\": %s", doc->competitors[bad].id, reason);
        else
            pd_diag_set(diag, err, "config", "%s", reason);
        goto fail;
    }
    int64_t best_ms = 0;
    for (size_t i = 0; i < n; i++)
        if (items[i].rank == 1) {
            best_ms = pd_time_cut(entries[items[i].index].finish_ms, config.precision);
            break;
        }
    for (size_t i = 0; i < n; i++) {
        const pd_ncb_entry *e = &entries[items[i].index];
        bool ranked = items[i].rank > 0;
        rows[i].competitor = doc->competitors[items[i].index].id;
        rows[i].rank = items[i].rank;
        rows[i].irm = items[i].irm;
        rows[i].result = results[i];
        if (ranked)
            pd_time_format(e->finish_ms, config.precision, results[i], sizeof results[i]);
        rows[i].detail = entry_detail(&config, e, best_ms, ranked);
        if (!rows[i].detail)
            err = PD_ERR_NOMEM;
    }
    err = pd_resultdoc_finish(doc, rows, n, err, out, diag);
fail:
    free(entries);
    free(items);
    free(rows);
    free(results);
    return err;
}
