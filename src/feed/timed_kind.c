/*
 * timed_kind.c: kinds "timed" and "sliding" of podium score.
 *
 * The document is read strictly into one pd_timed_entry per competitor: a
 * run beyond config.runs, a negative time, a duplicate run, a performance
 * with both or neither of time_ms and irm are rejected with the field's path.
 * A map from (competitor, run) to the performance index keeps the path of
 * every run, so an error the engine finds (a run after the cut for someone
 * who was cut) still names the performance. Competitors without any
 * performance are DNS, as a missing run is.
 */
#include "podium/timed_kind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/buf.h"
#include "podium/json.h"
#include "podium/resultdoc.h"
#include "podium/timed.h"

/* Measured times above 100 hours are typos, not races. */
#define MAX_TIME_MS          (100LL * 3600 * 1000)
#define MAX_STAGES           8
#define MAX_MISSES_PER_STAGE 5

static const char *const timed_config_keys[] = {"runs", "precision", "penalty_ms", NULL};
static const char *const sliding_config_keys[] = {"runs", "precision", "cut", NULL};
static const char *const cut_keys[] = {"after_run", "best", NULL};
static const char *const performance_keys[] = {"competitor", "run",    "time_ms",
                                               "irm",        "misses", NULL};

typedef struct {
    pd_timed_config cfg;
    bool sliding;
    pd_timed_entry *entries;
    size_t *perf_at; /* competitor * PD_TIMED_MAX_RUNS + run -> performance index + 1 */
    char **shooting; /* per competitor, "0+1+0+0" over the counted runs, or NULL */
} timed_input;

static pd_err parse_config(const pd_scoredoc *doc, timed_input *in, pd_jpath *path, pd_diag *diag)
{
    const char *precision;
    int64_t runs;
    size_t mark = pd_jpath_key(path, "config");
    pd_err err = pd_json_object_keys(
        doc->config, in->sliding ? sliding_config_keys : timed_config_keys, path, diag);
    if (!err)
        err = pd_json_get_int(doc->config, "runs", true, 1, PD_TIMED_MAX_RUNS, &runs, path, diag);
    if (!err)
        err = pd_json_get_string(doc->config, "precision", true, 8, &precision, path, diag);
    if (!err) {
        err = pd_time_prec_parse(precision, &in->cfg.prec, diag);
        if (err) {
            size_t k = pd_jpath_key(path, "precision");
            snprintf(diag->path, sizeof diag->path, "%s", path->text);
            pd_jpath_pop(path, k);
        }
    }
    if (err)
        return err;
    in->cfg.runs = (int)runs;
    if (!in->sliding)
        err = pd_json_get_int(doc->config, "penalty_ms", false, 0, 3600000, &in->cfg.penalty_ms,
                              path, diag);
    if (!err && in->sliding) {
        json_t *cut = NULL;
        int64_t after = 0, best = 0;
        err = pd_json_get_object(doc->config, "cut", false, &cut, path, diag);
        if (!err && cut) {
            size_t k = pd_jpath_key(path, "cut");
            err = pd_json_object_keys(cut, cut_keys, path, diag);
            if (!err)
                err = pd_json_get_int(cut, "after_run", true, 1, PD_TIMED_MAX_RUNS, &after, path,
                                      diag);
            if (!err)
                err = pd_json_get_int(cut, "best", true, 1, PD_SCORE_MAX_COMPETITORS, &best, path,
                                      diag);
            pd_jpath_pop(path, k);
            /* a standing after `after_run` runs or fewer comes before the cut: the
             * intermediate standings of runs 1 to 3 of a four-run race */
            in->cfg.cut_after_run = after < runs ? (int)after : 0;
            in->cfg.cut_best = (int)best;
        }
    }
    pd_jpath_pop(path, mark);
    return err;
}

static pd_err parse_misses(json_t *perf, pd_timed_run *run, pd_buf *shots, pd_jpath *path,
                           pd_diag *diag)
{
    json_t *list = NULL;
    pd_err err = pd_json_get_array(perf, "misses", false, 1, MAX_STAGES, &list, path, diag);
    if (err || !list)
        return err;
    size_t mark = pd_jpath_key(path, "misses");
    for (size_t s = 0; s < json_array_size(list); s++) {
        int64_t m;
        size_t at = pd_jpath_index(path, s);
        err = pd_json_int_value(json_array_get(list, s), 0, MAX_MISSES_PER_STAGE, &m, path, diag);
        if (err)
            return err;
        pd_jpath_pop(path, at);
        run->misses += (int)m;
        if (pd_buf_addf(shots, "%s%lld", shots->len ? "+" : "", (long long)m))
            return pd_diag_set(diag, PD_ERR_NOMEM, path->text, "out of memory");
    }
    pd_jpath_pop(path, mark);
    return PD_OK;
}

static pd_err parse_performances(const pd_scoredoc *doc, timed_input *in, pd_jpath *path,
                                 pd_diag *diag)
{
    size_t n = json_array_size(doc->performances);
    size_t mark = pd_jpath_key(path, "performances");
    pd_buf shots;
    pd_err err = PD_OK;
    pd_buf_init(&shots, 256);
    for (size_t i = 0; i < n && !err; i++) {
        json_t *perf = json_array_get(doc->performances, i);
        size_t c = doc->performance_competitor[i];
        int64_t run_no, time_ms = -1;
        const char *irm_text = NULL;
        size_t at = pd_jpath_index(path, i);
        err = pd_json_object_keys(perf, performance_keys, path, diag);
        if (!err)
            err = pd_json_get_int(perf, "run", true, 1, PD_TIMED_MAX_RUNS, &run_no, path, diag);
        if (!err && run_no > in->cfg.runs) {
            pd_jpath_key(path, "run");
            err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "run %lld is beyond config.runs (%d)",
                              (long long)run_no, in->cfg.runs);
        }
        if (err)
            break;
        size_t slot = c * PD_TIMED_MAX_RUNS + (size_t)(run_no - 1);
        if (in->perf_at[slot]) {
            pd_jpath_key(path, "run");
            err =
                pd_diag_set(diag, PD_ERR_INPUT, path->text,
                            "duplicate run %lld for competitor \"%s\" (first in performances[%zu])",
                            (long long)run_no, doc->competitors[c].id, in->perf_at[slot] - 1);
            break;
        }
        in->perf_at[slot] = i + 1;
        pd_timed_run *run = &in->entries[c].run[run_no - 1];
        run->present = true;
        if (json_object_get(perf, "time_ms")) {
            json_t *t = json_object_get(perf, "time_ms");
            size_t k = pd_jpath_key(path, "time_ms");
            if (json_is_integer(t) && json_integer_value(t) < 0)
                err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "must not be negative, got %lld",
                                  (long long)json_integer_value(t));
            else
                err = pd_json_int_value(t, 0, MAX_TIME_MS, &time_ms, path, diag);
            pd_jpath_pop(path, k);
        }
        if (!err)
            err = pd_json_get_string(perf, "irm", false, 8, &irm_text, path, diag);
        if (!err && irm_text) {
            err = pd_irm_parse(irm_text, &run->irm, diag);
            if (err) {
                size_t k = pd_jpath_key(path, "irm");
                snprintf(diag->path, sizeof diag->path, "%s", path->text);
                pd_jpath_pop(path, k);
            }
        }
        if (!err && irm_text && time_ms >= 0)
            err =
                pd_diag_set(diag, PD_ERR_INPUT, path->text, "give either time_ms or irm, not both");
        if (!err && !irm_text && time_ms < 0)
            err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "missing time_ms (or an irm)");
        run->time_ms = time_ms < 0 ? 0 : time_ms;
        if (!err) {
            pd_buf_reset(&shots);
            err = parse_misses(perf, run, &shots, path, diag);
        }
        if (!err && shots.len) {
            char **slot_text = &in->shooting[c * PD_TIMED_MAX_RUNS + (size_t)(run_no - 1)];
            *slot_text = strdup(pd_buf_str(&shots));
            if (!*slot_text)
                err = pd_diag_set(diag, PD_ERR_NOMEM, path->text, "out of memory");
        }
        if (!err)
            pd_jpath_pop(path, at);
    }
    pd_buf_cleanup(&shots);
    if (!err)
        pd_jpath_pop(path, mark);
    return err;
}

static json_t *run_detail(const timed_input *in, size_t c, const pd_timed_result *res, int r)
{
    const pd_timed_run *run = &in->entries[c].run[r];
    char text[PD_TIME_STR_MAX] = "";
    if (run->irm == PD_IRM_NONE)
        pd_time_format(res->run[r].time_ms, in->cfg.prec, text, sizeof text);
    const char *shooting = in->shooting[c * PD_TIMED_MAX_RUNS + (size_t)r];
    json_t *obj = json_object();
    if (!obj || !pd_json_put(obj, "run", json_integer(r + 1)) ||
        !pd_json_put(obj, "time", json_string(text)) ||
        !pd_json_put(obj, "rank",
                     res->run[r].rank ? json_integer(res->run[r].rank) : json_null()) ||
        !pd_json_put(obj, "irm", json_string(pd_irm_name(run->irm))) ||
        (shooting && !pd_json_put(obj, "misses", json_string(shooting)))) {
        json_decref(obj);
        return NULL;
    }
    return obj;
}

static json_t *detail_of(const timed_input *in, const pd_timed_result *res)
{
    size_t c = res->entry;
    char behind[PD_TIME_STR_MAX + 1] = "";
    char behind_cut[PD_TIME_STR_MAX + 1] = "";
    bool was_cut = res->rank && res->runs_counted < in->cfg.runs;
    /*
     * Those cut before the last run are published with their total over the
     * runs up to the cut and no gap to the finalists; their gap to the leader
     * after the cut run goes in behind_cut.
     */
    if (res->rank && res->behind_ms > 0)
        pd_time_format_gap(res->behind_ms, in->cfg.prec, was_cut ? behind_cut : behind,
                           PD_TIME_STR_MAX + 1);
    json_t *runs = json_array();
    json_t *detail = json_object();
    if (detail && !pd_json_put(detail, "behind", json_string(behind))) {
        json_decref(detail);
        detail = NULL;
    }
    bool any_shooting = false;
    for (int r = 0; runs && r < in->cfg.runs; r++) {
        if (!in->entries[c].run[r].present)
            continue;
        any_shooting |= in->shooting[c * PD_TIMED_MAX_RUNS + (size_t)r] != NULL;
        json_array_append_new(runs, run_detail(in, c, res, r));
    }
    if (!detail || !runs) {
        json_decref(runs);
        json_decref(detail);
        return NULL;
    }
    json_object_set_new(detail, "runs", runs);
    if (any_shooting && res->irm == PD_IRM_NONE) {
        char total[24];
        snprintf(total, sizeof total, "%d", res->misses);
        json_object_set_new(detail, "misses", json_string(total));
    }
    if (in->sliding && in->cfg.cut_after_run) {
        json_object_set_new(detail, "runs_counted", json_integer(res->runs_counted));
        if (was_cut)
            json_object_set_new(detail, "behind_cut", json_string(behind_cut));
    }
    return detail;
}

static pd_err score(const pd_scoredoc *doc, bool sliding, json_t **out, pd_diag *diag)
{
    timed_input in = {.sliding = sliding};
    pd_timed_result *results = NULL;
    pd_result_row *rows = NULL;
    char(*totals)[PD_TIME_STR_MAX] = NULL;
    size_t n = doc->competitor_count;
    size_t bad_entry = 0;
    int bad_run = 0;
    pd_jpath path;
    pd_err err;

    pd_jpath_init(&path);
    in.entries = calloc(n ? n : 1, sizeof *in.entries);
    in.perf_at = calloc((n ? n : 1) * PD_TIMED_MAX_RUNS, sizeof *in.perf_at);
    in.shooting = calloc((n ? n : 1) * PD_TIMED_MAX_RUNS, sizeof *in.shooting);
    results = calloc(n ? n : 1, sizeof *results);
    rows = calloc(n ? n : 1, sizeof *rows);
    totals = calloc(n ? n : 1, sizeof *totals);
    if (!in.entries || !in.perf_at || !in.shooting || !results || !rows || !totals) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    err = parse_config(doc, &in, &path, diag);
    if (err)
        goto fail;
    for (size_t c = 0; c < n; c++)
        in.entries[c].order = pd_scoredoc_start_order(doc, c);
    err = parse_performances(doc, &in, &path, diag);
    if (err)
        goto fail;
    err = pd_timed_rank(&in.cfg, in.entries, n, results, &bad_entry, &bad_run, diag);
    if (err == PD_ERR_INPUT) {
        size_t perf = in.perf_at[bad_entry * PD_TIMED_MAX_RUNS + (size_t)(bad_run - 1)];
        snprintf(diag->path, sizeof diag->path, "performances[%zu].run", perf - 1);
    }
    if (err)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        rows[i].competitor = doc->competitors[results[i].entry].id;
        rows[i].rank = results[i].rank;
        rows[i].irm = results[i].irm;
        if (results[i].rank)
            pd_time_format(results[i].total_ms, in.cfg.prec, totals[i], sizeof totals[i]);
        rows[i].result = totals[i];
        rows[i].detail = detail_of(&in, &results[i]);
        if (!rows[i].detail)
            err = PD_ERR_NOMEM;
    }
    err = pd_resultdoc_finish(doc, rows, n, err, out, diag);
fail:
    if (in.shooting)
        for (size_t i = 0; i < n * PD_TIMED_MAX_RUNS; i++)
            free(in.shooting[i]);
    free(in.shooting);
    free(in.entries);
    free(in.perf_at);
    free(results);
    free(rows);
    free(totals);
    return err;
}

pd_err pd_timed_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag)
{
    return score(doc, false, out, diag);
}

pd_err pd_sliding_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag)
{
    return score(doc, true, out, diag);
}
