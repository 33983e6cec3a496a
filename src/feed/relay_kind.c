/*
 * relay_kind.c: kind "relay" of podium score.
 *
 * config: precision (required), legs (required) and shooting_stages
 * (biathlon: 2 per leg; default 0). Performances: one per team, the team
 * time_ms or an irm, optional finish (photo-finish position; for a lapped
 * team its position when pulled), optional team shooting totals
 * (penalty_loops, spare_rounds) and optional legs, in leg order, each with
 * its athlete, its leg time_ms and its shooting stages. A team without a
 * performance is DNS. Errors name the field; what the engine finds wrong
 * names the performance (and the leg).
 */
#include "podium/relay_kind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/json.h"
#include "podium/relay.h"
#include "podium/resultdoc.h"

#define MAX_TIME_MS (100LL * 3600 * 1000)
#define MAX_ATHLETE 200

static const char *const config_keys[] = {"precision", "legs", "shooting_stages", NULL};
static const char *const performance_keys[] = {"competitor",    "time_ms",      "irm",  "finish",
                                               "penalty_loops", "spare_rounds", "legs", NULL};
static const char *const leg_keys[] = {"athlete", "time_ms", "shooting", NULL};
static const char *const stage_keys[] = {"spares", "loops", NULL};

typedef struct {
    size_t perf; /* performance index + 1, 0 when none */
    const char *athlete[PD_RELAY_MAX_LEGS];
} extra_t;

static pd_err path_error(pd_diag *diag, pd_jpath *path, const char *key)
{
    size_t k = pd_jpath_key(path, key);
    snprintf(diag->path, sizeof diag->path, "%s", path->text);
    pd_jpath_pop(path, k);
    return PD_ERR_INPUT;
}

/* time_ms: a non-negative integer number of milliseconds, named when negative. */
static pd_err get_time(const json_t *obj, int64_t *out, pd_jpath *path, pd_diag *diag)
{
    json_t *t = json_object_get(obj, "time_ms");
    if (t && json_is_integer(t) && json_integer_value(t) < 0) {
        pd_diag_set(diag, PD_ERR_INPUT, NULL, "must not be negative, got %lld",
                    (long long)json_integer_value(t));
        return path_error(diag, path, "time_ms");
    }
    return pd_json_get_int(obj, "time_ms", false, 0, MAX_TIME_MS, out, path, diag);
}

static pd_err parse_stage(const json_t *stage, pd_relay_stage *st, pd_jpath *path, pd_diag *diag)
{
    int64_t spares = 0, loops = 0;
    pd_err err = pd_json_object_keys(stage, stage_keys, path, diag);
    /* relay shooting: 3 spare rounds, a penalty loop per target left (IBU) */
    if (!err)
        err = pd_json_get_int(stage, "spares", true, 0, PD_RELAY_SPARE_ROUNDS, &spares, path, diag);
    if (!err)
        err = pd_json_get_int(stage, "loops", true, 0, PD_RELAY_TARGETS, &loops, path, diag);
    st->spares = (int)spares;
    st->loops = (int)loops;
    return err;
}

static pd_err parse_leg(const json_t *leg, int stages, pd_relay_leg *out, const char **athlete,
                        pd_jpath *path, pd_diag *diag)
{
    int64_t time_ms = -1;
    json_t *shooting = NULL;
    pd_err err = pd_json_object_keys(leg, leg_keys, path, diag);
    if (!err)
        err = pd_json_get_string(leg, "athlete", false, MAX_ATHLETE, athlete, path, diag);
    if (!err)
        err = get_time(leg, &time_ms, path, diag);
    if (!err && json_object_get(leg, "shooting") && stages == 0) {
        pd_diag_set(diag, PD_ERR_INPUT, NULL, "no shooting in this relay (config.shooting_stages)");
        return path_error(diag, path, "shooting");
    }
    if (!err)
        err = pd_json_get_array(leg, "shooting", false, (size_t)stages, (size_t)stages, &shooting,
                                path, diag);
    if (err)
        return err;
    out->present = true;
    out->has_time = time_ms >= 0;
    out->time_ms = time_ms < 0 ? 0 : time_ms;
    out->has_shooting = shooting != NULL;
    size_t mark = pd_jpath_key(path, "shooting");
    for (size_t s = 0; s < json_array_size(shooting); s++) {
        size_t at = pd_jpath_index(path, s);
        err = parse_stage(json_array_get(shooting, s), &out->stage[s], path, diag);
        if (err)
            return err;
        pd_jpath_pop(path, at);
    }
    pd_jpath_pop(path, mark);
    return PD_OK;
}

static pd_err parse_perf(const json_t *perf, const pd_relay_config *cfg, pd_relay_entry *e,
                         extra_t *x, pd_jpath *path, pd_diag *diag)
{
    const char *irm_text = NULL;
    int64_t time_ms = -1, loops = -1, spares = -1, finish = 0;
    json_t *legs = NULL;
    pd_err err = pd_json_object_keys(perf, performance_keys, path, diag);
    if (!err)
        err = get_time(perf, &time_ms, path, diag);
    if (!err)
        err = pd_json_get_string(perf, "irm", false, 8, &irm_text, path, diag);
    if (!err && irm_text && pd_irm_parse(irm_text, &e->irm, diag))
        return path_error(diag, path, "irm");
    if (!err && irm_text && time_ms >= 0)
        err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "give either time_ms or irm, not both");
    if (!err)
        err = pd_json_get_int(perf, "finish", false, 1, PD_SCORE_MAX_COMPETITORS, &finish, path,
                              diag);
    if (!err && finish && irm_text && e->irm != PD_IRM_LAP) {
        pd_diag_set(diag, PD_ERR_INPUT, NULL, "only a finished or lapped team has a position");
        return path_error(diag, path, "finish");
    }
    /* relay shooting totals: at most 5 loops and 3 spare rounds per stage */
    int64_t stages = (int64_t)cfg->legs * cfg->shooting_stages;
    if (!err && cfg->shooting_stages == 0 &&
        (json_object_get(perf, "penalty_loops") || json_object_get(perf, "spare_rounds"))) {
        pd_diag_set(diag, PD_ERR_INPUT, NULL, "no shooting in this relay (config.shooting_stages)");
        return path_error(
            diag, path, json_object_get(perf, "penalty_loops") ? "penalty_loops" : "spare_rounds");
    }
    if (!err)
        err = pd_json_get_int(perf, "penalty_loops", false, 0, stages * PD_RELAY_TARGETS, &loops,
                              path, diag);
    if (!err)
        err = pd_json_get_int(perf, "spare_rounds", false, 0, stages * PD_RELAY_SPARE_ROUNDS,
                              &spares, path, diag);
    if (!err && (loops < 0) != (spares < 0))
        err = pd_diag_set(diag, PD_ERR_INPUT, path->text,
                          "give penalty_loops and spare_rounds together");
    if (!err)
        err = pd_json_get_array(perf, "legs", false, 1, (size_t)cfg->legs, &legs, path, diag);
    if (err)
        return err;
    size_t mark = pd_jpath_key(path, "legs");
    for (size_t l = 0; l < json_array_size(legs); l++) {
        size_t at = pd_jpath_index(path, l);
        err = parse_leg(json_array_get(legs, l), cfg->shooting_stages, &e->leg[l], &x->athlete[l],
                        path, diag);
        if (err)
            return err;
        pd_jpath_pop(path, at);
    }
    pd_jpath_pop(path, mark);
    e->present = true;
    e->has_time = time_ms >= 0;
    e->time_ms = time_ms < 0 ? 0 : time_ms;
    e->finish = finish;
    e->has_totals = loops >= 0;
    e->total_loops = (int)(loops < 0 ? 0 : loops);
    e->total_spares = (int)(spares < 0 ? 0 : spares);
    if (!irm_text && time_ms < 0 && json_array_size(legs) == 0)
        return pd_diag_set(diag, PD_ERR_INPUT, path->text,
                           "missing time_ms (or an irm, or timed legs)");
    return PD_OK;
}

static pd_err parse_config(const json_t *config, pd_relay_config *cfg, pd_jpath *path,
                           pd_diag *diag)
{
    const char *precision;
    int64_t legs = 0, stages = 0;
    size_t mark = pd_jpath_key(path, "config");
    pd_err err = pd_json_object_keys(config, config_keys, path, diag);
    if (!err)
        err = pd_json_get_string(config, "precision", true, 8, &precision, path, diag);
    if (!err && pd_time_prec_parse(precision, &cfg->prec, diag))
        err = path_error(diag, path, "precision");
    if (!err)
        err = pd_json_get_int(config, "legs", true, 1, PD_RELAY_MAX_LEGS, &legs, path, diag);
    if (!err)
        err = pd_json_get_int(config, "shooting_stages", false, 0, PD_RELAY_MAX_STAGES, &stages,
                              path, diag);
    cfg->legs = (int)legs;
    cfg->shooting_stages = (int)stages;
    pd_jpath_pop(path, mark);
    return err;
}

static json_t *count_string(int value)
{
    char text[16];
    snprintf(text, sizeof text, "%d", value);
    return json_string(text);
}

/* The legs as published: athlete, leg time and rank, exchange time and rank, shooting. */
static json_t *render_legs(const pd_relay_config *cfg, const pd_relay_entry *e, const extra_t *x,
                           const pd_relay_result *res)
{
    json_t *legs = json_array();
    for (int l = 0; legs && l < cfg->legs; l++) {
        const pd_relay_leg *in = &e->leg[l];
        const pd_relay_leg_result *r = &res->leg[l];
        if (!in->present)
            break;
        char time[PD_TIME_STR_MAX];
        json_t *leg = json_pack("{s:i}", "leg", l + 1);
        if (!leg || json_array_append_new(legs, leg) != 0) {
            json_decref(legs);
            return NULL;
        }
        if (x->athlete[l])
            json_object_set_new(leg, "athlete", json_string(x->athlete[l]));
        if (r->rank) {
            pd_time_format(r->time_ms, cfg->prec, time, sizeof time);
            json_object_set_new(leg, "time", json_string(time));
            json_object_set_new(leg, "rank", json_integer(r->rank));
        }
        if (r->exchange_rank) {
            pd_time_format(r->exchange_ms, cfg->prec, time, sizeof time);
            json_object_set_new(leg, "exchange", json_string(time));
            json_object_set_new(leg, "exchange_rank", json_integer(r->exchange_rank));
        }
        if (in->has_shooting) {
            /* IBU relay notation: penalty loops + spare rounds, per stage */
            char text[64] = "";
            for (int s = 0; s < cfg->shooting_stages; s++) {
                size_t len = strlen(text);
                snprintf(text + len, sizeof text - len, "%s%d+%d", s ? " " : "", in->stage[s].loops,
                         in->stage[s].spares);
            }
            char total[32];
            snprintf(total, sizeof total, "%d+%d", r->loops, r->spares);
            json_object_set_new(leg, "shooting", json_string(total));
            json_object_set_new(leg, "stages", json_string(text));
        }
    }
    return legs;
}

static json_t *render_detail(const pd_relay_config *cfg, const pd_relay_entry *e, const extra_t *x,
                             const pd_relay_result *res)
{
    char behind[PD_TIME_STR_MAX + 1] = "";
    if (res->rank && res->irm == PD_IRM_NONE && res->behind_ms > 0)
        pd_time_format_gap(res->behind_ms, cfg->prec, behind, sizeof behind);
    json_t *detail = json_pack("{s:s}", "behind", behind);
    if (detail && e->finish)
        json_object_set_new(detail, "finish", json_integer(e->finish));
    if (detail && res->has_shooting) {
        char text[32];
        snprintf(text, sizeof text, "%d+%d", res->loops, res->spares);
        json_object_set_new(detail, "shooting", json_string(text));
        json_object_set_new(detail, "penalty_loops", count_string(res->loops));
        json_object_set_new(detail, "spare_rounds", count_string(res->spares));
    }
    if (detail && e->leg[0].present) {
        json_t *legs = render_legs(cfg, e, x, res);
        if (!legs || json_object_set_new(detail, "legs", legs) != 0) {
            json_decref(detail);
            return NULL;
        }
    }
    return detail;
}

pd_err pd_relay_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag)
{
    size_t n = doc->competitor_count;
    pd_relay_entry *entries = calloc(n ? n : 1, sizeof *entries);
    extra_t *extra = calloc(n ? n : 1, sizeof *extra);
    pd_relay_result *results = calloc(n ? n : 1, sizeof *results);
    pd_result_row *rows = calloc(n ? n : 1, sizeof *rows);
    char(*times)[PD_TIME_STR_MAX] = calloc(n ? n : 1, sizeof *times);
    pd_relay_config cfg = {0};
    size_t bad = 0;
    int bad_leg = 0;
    pd_jpath path;
    pd_err err = PD_OK;
    pd_jpath_init(&path);
    if (!entries || !extra || !results || !rows || !times) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    err = parse_config(doc->config, &cfg, &path, diag);
    if (err)
        goto fail;
    for (size_t c = 0; c < n; c++)
        entries[c].order = pd_scoredoc_start_order(doc, c);
    size_t mark = pd_jpath_key(&path, "performances");
    for (size_t i = 0; i < json_array_size(doc->performances); i++) {
        size_t c = doc->performance_competitor[i];
        size_t at = pd_jpath_index(&path, i);
        err = pd_scoredoc_one_performance(doc, i, c, &extra[c].perf, "team", &path, diag);
        if (err)
            goto fail;
        err = parse_perf(json_array_get(doc->performances, i), &cfg, &entries[c], &extra[c], &path,
                         diag);
        if (err)
            goto fail;
        pd_jpath_pop(&path, at);
    }
    pd_jpath_pop(&path, mark);
    err = pd_relay_rank(&cfg, entries, n, results, &bad, &bad_leg, diag);
    if (err == PD_ERR_INPUT && bad < n && extra[bad].perf) {
        if (bad_leg < 0)
            snprintf(diag->path, sizeof diag->path, "performances[%zu].finish",
                     extra[bad].perf - 1);
        else if (bad_leg)
            snprintf(diag->path, sizeof diag->path, "performances[%zu].legs[%d]",
                     extra[bad].perf - 1, bad_leg - 1);
        else
            snprintf(diag->path, sizeof diag->path, "performances[%zu]", extra[bad].perf - 1);
    }
    if (err)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        const pd_relay_result *res = &results[i];
        rows[i].competitor = doc->competitors[res->entry].id;
        rows[i].rank = res->rank;
        rows[i].irm = res->irm;
        if (res->rank && res->irm == PD_IRM_NONE)
            pd_time_format(res->time_ms, cfg.prec, times[i], sizeof times[i]);
        rows[i].result = times[i];
        rows[i].detail = render_detail(&cfg, &entries[res->entry], &extra[res->entry], res);
        if (!rows[i].detail)
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
