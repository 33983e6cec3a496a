/*
 * ssk_massstart_kind.c: kind "ssk-mass-start" of podium score.
 *
 * config: laps (default 16), sprints (intermediate sprints, default 3) and
 * qualify (the qualifying places of a semi-final, default 0: a final).
 * Performances: one per skater, either time_ms (finished; with an optional
 * photo-finish position "finish") or laps (completed, fewer than the race's:
 * did not finish, still ranked); sprints, the place (0 for none) in each
 * intermediate sprint; irm DSQ (the observed time and sprint places may stay:
 * the skater keeps the places, without the points), DNF, DNS or WD (nothing
 * else); advanced (the Referee's ADV, semi-finals only). A skater without a
 * performance is DNS. Errors name the field; a sprint place held twice names
 * the second holder's sprints[s]; a contradiction in the order over the line
 * names the performance's finish.
 */
#include "podium/ssk_massstart_kind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/json.h"
#include "podium/resultdoc.h"
#include "podium/ssk_massstart.h"
#include "podium/time.h"

#define MAX_TIME_MS (10LL * 3600 * 1000)

static const char *const config_keys[] = {"laps", "sprints", "qualify", NULL};
static const char *const performance_keys[] = {"competitor", "time_ms", "finish",   "laps",
                                               "sprints",    "irm",     "advanced", NULL};

static pd_err field_error(pd_diag *diag, pd_jpath *path, const char *key, const char *reason)
{
    size_t k = pd_jpath_key(path, key);
    pd_diag_set(diag, PD_ERR_INPUT, path->text, "%s", reason);
    pd_jpath_pop(path, k);
    return PD_ERR_INPUT;
}

static pd_err parse_config(const pd_scoredoc *doc, pd_sskms_race *race, pd_diag *diag)
{
    pd_jpath path;
    int64_t laps = 16, sprints = 3, qualify = 0;
    pd_jpath_init(&path);
    pd_jpath_key(&path, "config");
    pd_err err = pd_json_object_keys(doc->config, config_keys, &path, diag);
    if (!err)
        err = pd_json_get_int(doc->config, "laps", false, 1, 100, &laps, &path, diag);
    if (!err)
        err = pd_json_get_int(doc->config, "sprints", false, 0, PD_SSKMS_MAX_SPRINTS, &sprints,
                              &path, diag);
    if (!err)
        err = pd_json_get_int(doc->config, "qualify", false, 0, PD_SCORE_MAX_COMPETITORS, &qualify,
                              &path, diag);
    if (!err && sprints >= laps) {
        pd_jpath_key(&path, "sprints");
        err = pd_diag_set(diag, PD_ERR_INPUT, path.text,
                          "%lld intermediate sprints in a race of %lld laps", (long long)sprints,
                          (long long)laps);
    }
    race->laps = (int)laps;
    race->sprints = (int)sprints;
    race->qualify = (int)qualify;
    return err;
}

static pd_err parse_sprints(json_t *perf, const pd_sskms_race *race, pd_sskms_entry *e,
                            size_t holder[][PD_SSKMS_SPRINT_PLACES], size_t perf_index,
                            pd_jpath *path, pd_diag *diag)
{
    json_t *places = NULL;
    pd_err err =
        pd_json_get_array(perf, "sprints", false, 0, PD_SSKMS_MAX_SPRINTS, &places, path, diag);
    if (err || !places)
        return err;
    size_t k = pd_jpath_key(path, "sprints");
    if (json_array_size(places) != (size_t)race->sprints) {
        err = pd_diag_set(diag, PD_ERR_INPUT, path->text,
                          "expected a place for each of the %d intermediate sprints, got %zu",
                          race->sprints, json_array_size(places));
        goto done;
    }
    for (size_t s = 0; s < json_array_size(places); s++) {
        int64_t place = 0;
        size_t at = pd_jpath_index(path, s);
        err = pd_json_int_value(json_array_get(places, s), 0, PD_SSKMS_SPRINT_PLACES, &place, path,
                                diag);
        if (!err && place && holder[s][place - 1])
            err = pd_diag_set(diag, PD_ERR_INPUT, path->text,
                              "sprint %zu place %lld is already held by performances[%zu]", s + 1,
                              (long long)place, holder[s][place - 1] - 1);
        if (err)
            goto done;
        if (place)
            holder[s][place - 1] = perf_index + 1;
        e->sprint_place[s] = (int)place;
        pd_jpath_pop(path, at);
    }
done:
    pd_jpath_pop(path, k);
    return err;
}

static pd_err parse_perf(json_t *perf, size_t i, const pd_sskms_race *race, pd_sskms_entry *e,
                         size_t holder[][PD_SSKMS_SPRINT_PLACES], pd_jpath *path, pd_diag *diag)
{
    const char *irm_text = NULL;
    int64_t time_ms = -1, laps = -1;
    bool advanced = false;
    pd_err err = pd_json_object_keys(perf, performance_keys, path, diag);
    json_t *t = json_object_get(perf, "time_ms");
    if (!err && t && json_is_integer(t) && json_integer_value(t) < 0)
        return field_error(diag, path, "time_ms", "must not be negative");
    if (!err)
        err = pd_json_get_int(perf, "time_ms", false, 0, MAX_TIME_MS, &time_ms, path, diag);
    if (!err)
        err = pd_json_get_int(perf, "finish", false, 1, PD_SCORE_MAX_COMPETITORS, &e->finish, path,
                              diag);
    if (!err)
        err = pd_json_get_int(perf, "laps", false, 0, race->laps, &laps, path, diag);
    if (!err)
        err = pd_json_get_string(perf, "irm", false, 8, &irm_text, path, diag);
    if (!err)
        err = pd_json_get_bool(perf, "advanced", false, &advanced, path, diag);
    if (err)
        return err;
    if (irm_text) {
        if (pd_irm_parse(irm_text, &e->irm, diag) || e->irm == PD_IRM_LAP)
            return field_error(diag, path, "irm", "expected DSQ, DNF, DNS or WD");
        if (e->irm != PD_IRM_DSQ) {
            static const char *const observed[] = {"time_ms", "finish", "laps", "sprints"};
            for (size_t k = 0; k < 4; k++)
                if (json_object_get(perf, observed[k]))
                    return field_error(diag, path, observed[k],
                                       "not with a DNF, DNS or WD (only a DSQ keeps what was "
                                       "observed)");
        }
    } else if (time_ms < 0 && laps < 0) {
        return pd_diag_set(diag, PD_ERR_INPUT, path->text,
                           "missing time_ms (finished), laps (did not finish) or irm");
    }
    if (time_ms >= 0 && laps >= 0 && laps != race->laps)
        return field_error(diag, path, "laps", "a skater with a finish time completed every lap");
    if (time_ms < 0 && laps == race->laps)
        return field_error(diag, path, "laps", "every lap completed: give the finish time_ms");
    if (e->finish && time_ms < 0)
        return field_error(diag, path, "finish", "a finish position needs the finish time_ms");
    if (advanced && race->qualify == 0)
        return field_error(diag, path, "advanced",
                           "a Referee advancement only in a semi-final (config.qualify)");
    e->present = true;
    e->finished = time_ms >= 0;
    e->time_ms = e->finished ? time_ms : 0;
    e->laps = laps < 0 ? 0 : laps;
    e->advanced = advanced;
    return parse_sprints(perf, race, e, holder, i, path, diag);
}

static json_t *points_string(int64_t points)
{
    char text[32];
    snprintf(text, sizeof text, "%lld", (long long)points);
    return json_string(text);
}

static json_t *render_detail(const pd_sskms_race *race, const pd_sskms_entry *e,
                             const pd_sskms_result *res)
{
    char time_text[PD_TIME_STR_MAX] = "";
    char laps_text[16] = "";
    if (e->present && e->finished)
        pd_time_format(res->time_ms, PD_PREC_HUNDREDTH, time_text, sizeof time_text);
    if (e->present && (e->irm == PD_IRM_NONE || (e->irm == PD_IRM_DSQ && e->finished)))
        snprintf(laps_text, sizeof laps_text, "%lld",
                 (long long)(e->finished ? race->laps : e->laps));
    json_t *sprints = json_array();
    for (int s = 0; sprints && s < race->sprints; s++)
        json_array_append_new(sprints,
                              e->sprint_place[s] ? json_integer(e->sprint_place[s]) : json_null());
    return json_pack("{s:o, s:o, s:o, s:o, s:s, s:s, s:o, s:s}", "points",
                     points_string(res->points), "sprint_points", points_string(res->sprint_points),
                     "final_sprint_points", points_string(res->final_points), "place",
                     res->place ? json_integer(res->place) : json_null(), "time", time_text, "laps",
                     laps_text, "sprints", sprints, "qualified", res->qualified);
}

pd_err pd_ssk_massstart_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag)
{
    size_t n = doc->competitor_count;
    size_t holder[PD_SSKMS_MAX_SPRINTS][PD_SSKMS_SPRINT_PLACES];
    pd_sskms_race race;
    pd_sskms_entry *entries = calloc(n ? n : 1, sizeof *entries);
    size_t *perf_of = calloc(n ? n : 1, sizeof *perf_of);
    pd_sskms_result *results = calloc(n ? n : 1, sizeof *results);
    pd_result_row *rows = calloc(n ? n : 1, sizeof *rows);
    char(*points)[32] = calloc(n ? n : 1, sizeof *points);
    pd_jpath path;
    pd_err err = PD_OK;
    memset(holder, 0, sizeof holder);
    if (!entries || !perf_of || !results || !rows || !points) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    err = parse_config(doc, &race, diag);
    if (err)
        goto fail;
    for (size_t c = 0; c < n; c++)
        entries[c].order = pd_scoredoc_start_order(doc, c);
    pd_jpath_init(&path);
    pd_jpath_key(&path, "performances");
    for (size_t i = 0; i < json_array_size(doc->performances); i++) {
        size_t c = doc->performance_competitor[i];
        size_t at = pd_jpath_index(&path, i);
        err = pd_scoredoc_one_performance(doc, i, c, &perf_of[c], "competitor", &path, diag);
        if (err)
            goto fail;
        err = parse_perf(json_array_get(doc->performances, i), i, &race, &entries[c], holder, &path,
                         diag);
        if (err)
            goto fail;
        pd_jpath_pop(&path, at);
    }
    size_t bad = (size_t)-1;
    err = pd_sskms_score(&race, entries, n, results, &bad, diag);
    if (err) {
        if (err == PD_ERR_INPUT && bad < n && perf_of[bad]) {
            char field[PD_DIAG_PATH_MAX];
            snprintf(field, sizeof field, "performances[%zu].finish", perf_of[bad] - 1);
            snprintf(diag->path, sizeof diag->path, "%s", field);
        }
        goto fail;
    }
    for (size_t i = 0; i < n; i++) {
        const pd_sskms_result *res = &results[i];
        rows[i].competitor = doc->competitors[res->entry].id;
        rows[i].rank = res->rank;
        rows[i].irm = res->irm;
        if (res->rank && res->points > 0)
            snprintf(points[i], sizeof points[i], "%lld", (long long)res->points);
        rows[i].result = points[i];
        rows[i].detail = render_detail(&race, &entries[res->entry], res);
        if (!rows[i].detail)
            err = PD_ERR_NOMEM;
    }
    err = pd_resultdoc_finish(doc, rows, n, err, out, diag);
fail:
    free(entries);
    free(perf_of);
    free(results);
    free(rows);
    free(points);
    return err;
}
