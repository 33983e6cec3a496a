/*
 * speedskating_kind.c: kind "speed-skating" of podium score.
 *
 * One performance per skater: time_ms (thousandths) or irm, and optionally
 * the pair number and the lane ("I" inner, "O" outer) which are echoed in the
 * detail. A skater without a performance is DNS. Errors name the field.
 */
#include "podium/speedskating_kind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/json.h"
#include "podium/resultdoc.h"
#include "podium/speedskating.h"
#include "podium/time.h"

#define MAX_TIME_MS (10LL * 3600 * 1000)

static const char *const config_keys[] = {"distance_m", NULL};
static const char *const performance_keys[] = {"competitor", "time_ms", "irm",
                                               "pair",       "lane",    NULL};

typedef struct {
    int64_t pair; /* 0 when not given */
    const char *lane;
    size_t perf; /* performance index + 1, 0 when none */
} skater_extra;

static pd_err parse(const pd_scoredoc *doc, pd_ssk_entry *entries, skater_extra *extra,
                    pd_diag *diag)
{
    pd_jpath path;
    int64_t distance = 0;
    pd_jpath_init(&path);
    size_t mark = pd_jpath_key(&path, "config");
    pd_err err = pd_json_object_keys(doc->config, config_keys, &path, diag);
    if (!err)
        err = pd_json_get_int(doc->config, "distance_m", false, 100, 10000, &distance, &path, diag);
    if (err)
        return err;
    pd_jpath_pop(&path, mark);
    mark = pd_jpath_key(&path, "performances");
    for (size_t i = 0; i < json_array_size(doc->performances); i++) {
        json_t *perf = json_array_get(doc->performances, i);
        size_t c = doc->performance_competitor[i];
        const char *irm_text = NULL;
        int64_t time_ms = -1;
        size_t at = pd_jpath_index(&path, i);
        err = pd_json_object_keys(perf, performance_keys, &path, diag);
        if (err)
            return err;
        err = pd_scoredoc_one_performance(doc, i, c, &extra[c].perf, "competitor", &path, diag);
        if (err)
            return err;
        json_t *t = json_object_get(perf, "time_ms");
        if (t) {
            size_t k = pd_jpath_key(&path, "time_ms");
            if (json_is_integer(t) && json_integer_value(t) < 0)
                return pd_diag_set(diag, PD_ERR_INPUT, path.text, "must not be negative, got %lld",
                                   (long long)json_integer_value(t));
            err = pd_json_int_value(t, 0, MAX_TIME_MS, &time_ms, &path, diag);
            if (err)
                return err;
            pd_jpath_pop(&path, k);
        }
        err = pd_json_get_string(perf, "irm", false, 8, &irm_text, &path, diag);
        if (!err && irm_text && pd_irm_parse(irm_text, &entries[c].irm, diag)) {
            pd_jpath_key(&path, "irm");
            snprintf(diag->path, sizeof diag->path, "%s", path.text);
            return PD_ERR_INPUT;
        }
        if (!err && irm_text && time_ms >= 0)
            err =
                pd_diag_set(diag, PD_ERR_INPUT, path.text, "give either time_ms or irm, not both");
        if (!err && !irm_text && time_ms < 0)
            err = pd_diag_set(diag, PD_ERR_INPUT, path.text, "missing time_ms (or an irm)");
        if (!err)
            err = pd_json_get_int(perf, "pair", false, 1, 1000, &extra[c].pair, &path, diag);
        if (!err)
            err = pd_json_get_string(perf, "lane", false, 1, &extra[c].lane, &path, diag);
        if (!err && extra[c].lane && strcmp(extra[c].lane, "I") != 0 &&
            strcmp(extra[c].lane, "O") != 0) {
            pd_jpath_key(&path, "lane");
            err = pd_diag_set(diag, PD_ERR_INPUT, path.text,
                              "expected \"I\" (inner) or \"O\" (outer), got \"%s\"", extra[c].lane);
        }
        if (err)
            return err;
        entries[c].time_ms = time_ms < 0 ? 0 : time_ms;
        if (extra[c].pair)
            entries[c].order = extra[c].pair * 2 + (extra[c].lane && extra[c].lane[0] == 'O');
        pd_jpath_pop(&path, at);
    }
    return PD_OK;
}

pd_err pd_speedskating_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag)
{
    size_t n = doc->competitor_count;
    pd_ssk_entry *entries = calloc(n ? n : 1, sizeof *entries);
    skater_extra *extra = calloc(n ? n : 1, sizeof *extra);
    pd_ssk_result *results = calloc(n ? n : 1, sizeof *results);
    pd_result_row *rows = calloc(n ? n : 1, sizeof *rows);
    char(*times)[PD_TIME_STR_MAX] = calloc(n ? n : 1, sizeof *times);
    pd_err err = PD_OK;
    if (!entries || !extra || !results || !rows || !times) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    for (size_t c = 0; c < n; c++)
        entries[c].order = pd_scoredoc_start_order(doc, c);
    err = parse(doc, entries, extra, diag);
    if (err)
        goto fail;
    for (size_t c = 0; c < n; c++)
        if (!extra[c].perf)
            entries[c].irm = PD_IRM_DNS;
    err = pd_ssk_rank(entries, n, results, diag);
    if (err)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        const pd_ssk_result *res = &results[i];
        const skater_extra *x = &extra[res->entry];
        char behind[PD_TIME_STR_MAX + 1] = "";
        rows[i].competitor = doc->competitors[res->entry].id;
        rows[i].rank = res->rank;
        rows[i].irm = res->irm;
        if (res->rank) {
            pd_time_format(res->time_ms, res->thousandths ? PD_PREC_MS : PD_PREC_HUNDREDTH,
                           times[i], sizeof times[i]);
            if (res->behind_ms > 0)
                pd_time_format_gap(res->behind_ms, PD_PREC_HUNDREDTH, behind, sizeof behind);
        }
        rows[i].result = times[i];
        json_t *detail = json_pack("{s:s}", "behind", behind);
        if (detail && x->pair)
            json_object_set_new(detail, "pair", json_integer(x->pair));
        if (detail && x->lane)
            json_object_set_new(detail, "lane", json_string(x->lane));
        rows[i].detail = detail;
        if (!detail)
            err = PD_ERR_NOMEM;
    }
    err = pd_resultdoc_finish(doc, rows, n, err, out, diag);
fail:
    free(entries);
    free(extra);
    free(results);
    free(rows);
    free(times);
    return err;
}
