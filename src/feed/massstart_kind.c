/*
 * massstart_kind.c: kind "mass-start" of podium score.
 *
 * config: precision (required) and start ("mass", the default, or
 * "pursuit"). Performances: one per competitor, time_ms or irm, optional
 * finish (photo-finish position), misses (per stage) and, in a pursuit,
 * qualifying_behind_ms (the gap in the sprint), from which the start gap is
 * computed and shown. A competitor without a performance is DNS. Errors name
 * the field; an inconsistency the engine finds names the performance.
 */
#include "podium/massstart_kind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/buf.h"
#include "podium/json.h"
#include "podium/massstart.h"
#include "podium/resultdoc.h"

#define MAX_TIME_MS (100LL * 3600 * 1000)

static const char *const config_keys[] = {"precision", "start", NULL};
static const char *const performance_keys[] = {
    "competitor", "time_ms", "irm", "finish", "misses", "qualifying_behind_ms", NULL};

typedef struct {
    size_t perf; /* performance index + 1, 0 when none */
    int64_t finish;
    int64_t qualifying_ms; /* -1 when not given */
    int misses;
    char shooting[64]; /* "0+1+0+0", "" when not given */
} extra_t;

static pd_err path_error(pd_diag *diag, pd_jpath *path, const char *key)
{
    size_t k = pd_jpath_key(path, key);
    snprintf(diag->path, sizeof diag->path, "%s", path->text);
    pd_jpath_pop(path, k);
    return PD_ERR_INPUT;
}

static pd_err parse_perf(json_t *perf, bool pursuit, pd_mass_entry *e, extra_t *x, pd_jpath *path,
                         pd_diag *diag)
{
    const char *irm_text = NULL;
    int64_t time_ms = -1;
    json_t *misses = NULL;
    pd_err err = pd_json_object_keys(perf, performance_keys, path, diag);
    if (err)
        return err;
    json_t *t = json_object_get(perf, "time_ms");
    if (t && json_is_integer(t) && json_integer_value(t) < 0) {
        pd_diag_set(diag, PD_ERR_INPUT, NULL, "must not be negative, got %lld",
                    (long long)json_integer_value(t));
        return path_error(diag, path, "time_ms");
    }
    err = pd_json_get_int(perf, "time_ms", false, 0, MAX_TIME_MS, &time_ms, path, diag);
    if (!err)
        err = pd_json_get_string(perf, "irm", false, 8, &irm_text, path, diag);
    if (!err && irm_text && pd_irm_parse(irm_text, &e->irm, diag))
        return path_error(diag, path, "irm");
    if (!err && irm_text && time_ms >= 0)
        err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "give either time_ms or irm, not both");
    if (!err && !irm_text && time_ms < 0)
        err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "missing time_ms (or an irm)");
    if (!err)
        err = pd_json_get_int(perf, "finish", false, 1, PD_SCORE_MAX_COMPETITORS, &x->finish, path,
                              diag);
    if (!err && x->finish && irm_text)
        err = pd_diag_set(diag, PD_ERR_INPUT, path->text,
                          "a competitor with an IRM has no finish position");
    if (!err && json_object_get(perf, "qualifying_behind_ms") && !pursuit) {
        pd_diag_set(diag, PD_ERR_INPUT, NULL, "only in a pursuit (config.start \"pursuit\")");
        return path_error(diag, path, "qualifying_behind_ms");
    }
    if (!err)
        err = pd_json_get_int(perf, "qualifying_behind_ms", false, 0, MAX_TIME_MS,
                              &x->qualifying_ms, path, diag);
    if (!err)
        err = pd_json_get_array(perf, "misses", false, 1, 8, &misses, path, diag);
    if (err)
        return err;
    size_t mark = pd_jpath_key(path, "misses");
    for (size_t s = 0; s < json_array_size(misses); s++) {
        int64_t m;
        size_t at = pd_jpath_index(path, s);
        err = pd_json_int_value(json_array_get(misses, s), 0, 5, &m, path, diag);
        if (err)
            return err;
        pd_jpath_pop(path, at);
        x->misses += (int)m;
        size_t len = strlen(x->shooting);
        snprintf(x->shooting + len, sizeof x->shooting - len, "%s%lld", len ? "+" : "",
                 (long long)m);
    }
    pd_jpath_pop(path, mark);
    e->present = true;
    e->time_ms = time_ms < 0 ? 0 : time_ms;
    e->finish = x->finish;
    return PD_OK;
}

/* "+0:26", "+1:06", "0:00" as pursuit start lists publish the gap. */
static void format_start(int64_t ms, char *out, size_t size)
{
    int64_t s = ms / 1000;
    snprintf(out, size, "%s%lld:%02lld", s ? "+" : "", (long long)(s / 60), (long long)(s % 60));
}

pd_err pd_massstart_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag)
{
    size_t n = doc->competitor_count;
    pd_mass_entry *entries = calloc(n ? n : 1, sizeof *entries);
    extra_t *extra = calloc(n ? n : 1, sizeof *extra);
    pd_mass_result *results = calloc(n ? n : 1, sizeof *results);
    pd_result_row *rows = calloc(n ? n : 1, sizeof *rows);
    char(*times)[PD_TIME_STR_MAX] = calloc(n ? n : 1, sizeof *times);
    const char *precision, *start = "mass";
    pd_time_prec prec = PD_PREC_TENTH;
    size_t bad = 0;
    pd_jpath path;
    pd_err err = PD_OK;
    pd_jpath_init(&path);
    if (!entries || !extra || !results || !rows || !times) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    size_t mark = pd_jpath_key(&path, "config");
    err = pd_json_object_keys(doc->config, config_keys, &path, diag);
    if (!err)
        err = pd_json_get_string(doc->config, "precision", true, 8, &precision, &path, diag);
    if (!err && pd_time_prec_parse(precision, &prec, diag))
        err = path_error(diag, &path, "precision");
    if (!err)
        err = pd_json_get_string(doc->config, "start", false, 16, &start, &path, diag);
    if (!err && strcmp(start, "mass") != 0 && strcmp(start, "pursuit") != 0) {
        pd_diag_set(diag, PD_ERR_INPUT, NULL, "expected \"mass\" or \"pursuit\", got \"%s\"",
                    start);
        err = path_error(diag, &path, "start");
    }
    if (err)
        goto fail;
    pd_jpath_pop(&path, mark);
    bool pursuit = strcmp(start, "pursuit") == 0;
    for (size_t c = 0; c < n; c++) {
        entries[c].order = pd_scoredoc_start_order(doc, c);
        extra[c].qualifying_ms = -1;
    }
    mark = pd_jpath_key(&path, "performances");
    for (size_t i = 0; i < json_array_size(doc->performances); i++) {
        size_t c = doc->performance_competitor[i];
        size_t at = pd_jpath_index(&path, i);
        err = pd_scoredoc_one_performance(doc, i, c, &extra[c].perf, "competitor", &path, diag);
        if (err)
            goto fail;
        err = parse_perf(json_array_get(doc->performances, i), pursuit, &entries[c], &extra[c],
                         &path, diag);
        if (err)
            goto fail;
        pd_jpath_pop(&path, at);
    }
    pd_jpath_pop(&path, mark);
    err = pd_mass_rank(prec, entries, n, results, &bad, diag);
    if (err == PD_ERR_INPUT && extra[bad].perf)
        snprintf(diag->path, sizeof diag->path, "performances[%zu].finish", extra[bad].perf - 1);
    if (err)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        const pd_mass_result *res = &results[i];
        const extra_t *x = &extra[res->entry];
        char behind[PD_TIME_STR_MAX + 1] = "";
        rows[i].competitor = doc->competitors[res->entry].id;
        rows[i].rank = res->rank;
        rows[i].irm = res->irm;
        if (res->rank) {
            pd_time_format(res->time_ms, prec, times[i], sizeof times[i]);
            if (res->behind_ms > 0)
                pd_time_format_gap(res->behind_ms, prec, behind, sizeof behind);
        }
        rows[i].result = times[i];
        json_t *detail = json_pack("{s:s}", "behind", behind);
        if (detail && x->finish)
            json_object_set_new(detail, "finish", json_integer(x->finish));
        if (detail && x->shooting[0]) {
            char total[16];
            snprintf(total, sizeof total, "%d", x->misses);
            json_object_set_new(detail, "shooting", json_string(x->shooting));
            json_object_set_new(detail, "misses", json_string(total));
        }
        if (detail && x->qualifying_ms >= 0) {
            char gap[32];
            format_start(pd_mass_pursuit_start_ms(x->qualifying_ms), gap, sizeof gap);
            json_object_set_new(detail, "start", json_string(gap));
        }
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
