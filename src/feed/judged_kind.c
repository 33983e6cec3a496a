/*
 * judged_kind.c: kind "judged" of podium score (FRS and SBD halfpipe,
 * slopestyle, big air, aerials and aerials team, moguls).
 *
 * config.rounds describes the rounds; each performance is one run of one
 * round: its published score, the judges' marks (overall impression), the
 * aerials panel (air, form, landing per judge, with the degree of
 * difficulty), or a state (DNS, DNI, DNF). A performance without round and
 * run carries an IRM for the whole competition. Everything is read strictly;
 * errors name the field. The engine is src/rules/judged.c.
 */
#include "podium/judged_kind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/fixed.h"
#include "podium/json.h"
#include "podium/judged.h"
#include "podium/judging.h"
#include "podium/resultdoc.h"

#define MAX_SCORE      100000 /* 1000.00: an aerials team total stays far below */
#define MAX_MARK       10000  /* overall impression marks: 0 to 100.00 */
#define MAX_DIRECTIONS 16
#define SCORE_STR_MAX  24

static const char *const config_keys[] = {"rounds", "panel", "mark", NULL};
static const char *const round_keys[] = {
    "name", "runs", "counting", "advance", "carry", "rank_irm", "second_chance", "ties", NULL};
static const char *const panel_keys[] = {"judges", "drop", NULL};
static const char *const performance_keys[] = {"competitor", "round",    "run", "score",
                                               "marks",      "judges",   "dd",  "state",
                                               "direction",  "tiebreak", "irm", NULL};

typedef struct {
    pd_judged_round rounds[PD_JUDGED_MAX_ROUNDS];
    const char *names[PD_JUDGED_MAX_ROUNDS];
    int round_count;
    int64_t judges; /* panel size, 0 when no panel is configured */
    int64_t drop;
    const char *mark;
    const char *directions[MAX_DIRECTIONS];
    int direction_count;
    pd_judged_entry *entries;
    size_t *perf_at; /* (competitor, round, run) -> performance index + 1 */
    size_t *irm_at;  /* competitor -> performance index + 1 of a competition IRM */
} judged_input;

static size_t slot(size_t c, int round, int run)
{
    return (c * PD_JUDGED_MAX_ROUNDS + (size_t)round) * PD_JUDGED_MAX_RUNS + (size_t)run;
}

static pd_err parse_round(json_t *obj, judged_input *in, int k, pd_jpath *path, pd_diag *diag)
{
    pd_judged_round *r = &in->rounds[k];
    const char *counting = "best";
    const char *ties = "next-runs";
    int64_t runs = 0, advance = 0;
    pd_err err = pd_json_object_keys(obj, round_keys, path, diag);
    if (!err)
        err = pd_json_get_string(obj, "name", false, 64, &in->names[k], path, diag);
    if (!err)
        err = pd_json_get_int(obj, "runs", true, 1, PD_JUDGED_MAX_RUNS, &runs, path, diag);
    if (!err)
        err = pd_json_get_string(obj, "counting", false, 16, &counting, path, diag);
    if (!err) {
        if (strcmp(counting, "best") == 0) {
            r->counting = PD_JUDGED_BEST;
        } else if (strcmp(counting, "best-two") == 0) {
            r->counting = PD_JUDGED_BEST_TWO;
        } else if (strcmp(counting, "sum") == 0) {
            r->counting = PD_JUDGED_SUM;
        } else {
            pd_jpath_key(path, "counting");
            return pd_diag_set(diag, PD_ERR_INPUT, path->text,
                               "expected \"best\", \"best-two\" or \"sum\", got \"%s\"", counting);
        }
    }
    if (!err && r->counting == PD_JUDGED_BEST_TWO && runs < 2) {
        pd_jpath_key(path, "runs");
        return pd_diag_set(diag, PD_ERR_INPUT, path->text, "best-two needs at least 2 runs");
    }
    if (!err)
        err = pd_json_get_int(obj, "advance", false, 0, PD_SCORE_MAX_COMPETITORS, &advance, path,
                              diag);
    if (!err)
        err = pd_json_get_bool(obj, "second_chance", false, &r->second_chance, path, diag);
    if (!err)
        err = pd_json_get_bool(obj, "carry", false, &r->carry, path, diag);
    if (!err)
        err = pd_json_get_bool(obj, "rank_irm", false, &r->rank_irm, path, diag);
    if (!err)
        err = pd_json_get_string(obj, "ties", false, 16, &ties, path, diag);
    if (!err && strcmp(ties, "shared") != 0 && strcmp(ties, "next-runs") != 0) {
        pd_jpath_key(path, "ties");
        return pd_diag_set(diag, PD_ERR_INPUT, path->text,
                           "expected \"next-runs\" or \"shared\", got \"%s\"", ties);
    }
    r->shared_ties = !err && strcmp(ties, "shared") == 0;
    if (err)
        return err;
    if (r->second_chance && k == 0) {
        pd_jpath_key(path, "second_chance");
        return pd_diag_set(diag, PD_ERR_INPUT, path->text,
                           "the first round cannot be a second chance");
    }
    if (r->carry && !r->second_chance) {
        pd_jpath_key(path, "carry");
        return pd_diag_set(diag, PD_ERR_INPUT, path->text, "carry is for a second-chance round");
    }
    r->runs = (int)runs;
    r->advance = (int)advance;
    return PD_OK;
}

static pd_err parse_config(const pd_scoredoc *doc, judged_input *in, pd_jpath *path, pd_diag *diag)
{
    json_t *rounds = NULL, *panel = NULL;
    size_t mark = pd_jpath_key(path, "config");
    pd_err err = pd_json_object_keys(doc->config, config_keys, path, diag);
    if (!err)
        err = pd_json_get_array(doc->config, "rounds", true, 1, PD_JUDGED_MAX_ROUNDS, &rounds, path,
                                diag);
    if (!err)
        err = pd_json_get_string(doc->config, "mark", false, 8, &in->mark, path, diag);
    if (!err)
        err = pd_json_get_object(doc->config, "panel", false, &panel, path, diag);
    if (err)
        return err;
    in->round_count = (int)json_array_size(rounds);
    size_t at = pd_jpath_key(path, "rounds");
    for (int k = 0; k < in->round_count; k++) {
        size_t i = pd_jpath_index(path, (size_t)k);
        json_t *obj = json_array_get(rounds, (size_t)k);
        if (!json_is_object(obj))
            return pd_diag_set(diag, PD_ERR_INPUT, path->text, "expected an object, got %s",
                               pd_json_type_name(obj));
        err = parse_round(obj, in, k, path, diag);
        if (err)
            return err;
        if (in->rounds[k].second_chance && k != in->round_count - 1) {
            pd_jpath_key(path, "second_chance");
            return pd_diag_set(diag, PD_ERR_INPUT, path->text,
                               "only the last round may be a second chance");
        }
        pd_jpath_pop(path, i);
    }
    pd_jpath_pop(path, at);
    if (panel) {
        at = pd_jpath_key(path, "panel");
        err = pd_json_object_keys(panel, panel_keys, path, diag);
        if (!err)
            err = pd_json_get_int(panel, "judges", true, 1, PD_JUDGING_MAX_PANEL, &in->judges, path,
                                  diag);
        if (!err)
            err = pd_json_get_int(panel, "drop", false, 0, 7, &in->drop, path, diag);
        if (!err && in->judges <= 2 * in->drop) {
            pd_jpath_key(path, "drop");
            err = pd_diag_set(diag, PD_ERR_INPUT, path->text,
                              "a panel of %lld cannot drop %lld highest and %lld lowest",
                              (long long)in->judges, (long long)in->drop, (long long)in->drop);
        }
        if (err)
            return err;
        pd_jpath_pop(path, at);
    }
    pd_jpath_pop(path, mark);
    return PD_OK;
}

static pd_err need_panel(const judged_input *in, const char *key, pd_jpath *path, pd_diag *diag)
{
    if (in->judges)
        return PD_OK;
    pd_jpath_key(path, key);
    return pd_diag_set(diag, PD_ERR_INPUT, path->text, "needs config.panel");
}

static pd_err panel_array(json_t *perf, const char *key, const judged_input *in, json_t **arr,
                          pd_jpath *path, pd_diag *diag)
{
    pd_err err = need_panel(in, key, path, diag);
    if (!err)
        err = pd_json_get_array(perf, key, true, 0, PD_JUDGING_MAX_PANEL, arr, path, diag);
    if (!err && json_array_size(*arr) != (size_t)in->judges) {
        pd_jpath_key(path, key);
        err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "expected %lld marks, got %zu",
                          (long long)in->judges, json_array_size(*arr));
    }
    return err;
}

/* "marks": one overall-impression mark per judge. */
static pd_err parse_marks(json_t *perf, const judged_input *in, int64_t *score, pd_jpath *path,
                          pd_diag *diag)
{
    json_t *arr = NULL;
    int64_t marks[PD_JUDGING_MAX_PANEL];
    pd_err err = panel_array(perf, "marks", in, &arr, path, diag);
    if (err)
        return err;
    size_t at = pd_jpath_key(path, "marks");
    for (size_t j = 0; j < json_array_size(arr); j++) {
        size_t i = pd_jpath_index(path, j);
        err = pd_json_decimal_value(json_array_get(arr, j), 2, 0, MAX_MARK, &marks[j], path, diag);
        if (err)
            return err;
        pd_jpath_pop(path, i);
    }
    err = pd_judged_overall_score(marks, (size_t)in->judges, (size_t)in->drop, score, diag);
    if (err)
        snprintf(diag->path, sizeof diag->path, "%s", path->text);
    pd_jpath_pop(path, at);
    return err;
}

/* "judges": [air, form, landing] per judge, and "dd", the degree of difficulty. */
static pd_err parse_aerials(json_t *perf, const judged_input *in, int64_t *score, pd_jpath *path,
                            pd_diag *diag)
{
    static const int64_t max_part[3] = {20, 50,
                                        30}; /* FIS aerials: air 20%, form 50%, landing 30% */
    json_t *arr = NULL;
    int64_t parts[PD_JUDGING_MAX_PANEL][3];
    int64_t dd = 0;
    pd_err err = panel_array(perf, "judges", in, &arr, path, diag);
    if (!err)
        err = pd_json_get_decimal(perf, "dd", true, 3, 1, 9999, &dd, path, diag);
    if (err)
        return err;
    size_t at = pd_jpath_key(path, "judges");
    for (size_t j = 0; j < json_array_size(arr); j++) {
        size_t i = pd_jpath_index(path, j);
        json_t *afl = json_array_get(arr, j);
        if (!json_is_array(afl) || json_array_size(afl) != 3)
            return pd_diag_set(diag, PD_ERR_INPUT, path->text,
                               "expected [air, form, landing], got %s", pd_json_type_name(afl));
        for (size_t p = 0; p < 3; p++) {
            size_t q = pd_jpath_index(path, p);
            err = pd_json_decimal_value(json_array_get(afl, p), 1, 0, max_part[p], &parts[j][p],
                                        path, diag);
            if (err)
                return err;
            pd_jpath_pop(path, q);
        }
        pd_jpath_pop(path, i);
    }
    err = pd_judged_aerials_score((const int64_t(*)[3])parts, (size_t)in->judges, (size_t)in->drop,
                                  dd, score, diag);
    if (err)
        snprintf(diag->path, sizeof diag->path, "%s", path->text);
    pd_jpath_pop(path, at);
    return err;
}

static pd_err parse_direction(json_t *perf, judged_input *in, int *out, pd_jpath *path,
                              pd_diag *diag)
{
    const char *label = NULL;
    pd_err err = pd_json_get_string(perf, "direction", false, 16, &label, path, diag);
    if (err || !label)
        return err;
    for (int d = 0; d < in->direction_count; d++)
        if (strcmp(in->directions[d], label) == 0) {
            *out = d + 1;
            return PD_OK;
        }
    if (in->direction_count == MAX_DIRECTIONS || !label[0]) {
        pd_jpath_key(path, "direction");
        return pd_diag_set(diag, PD_ERR_INPUT, path->text,
                           label[0] ? "more than %d directions" : "empty direction",
                           MAX_DIRECTIONS);
    }
    in->directions[in->direction_count++] = label;
    *out = in->direction_count;
    return PD_OK;
}

static pd_err parse_irm_only(json_t *perf, judged_input *in, const char *id, size_t c, size_t i,
                             pd_jpath *path, pd_diag *diag)
{
    const char *irm = NULL;
    pd_err err = pd_json_get_string(perf, "irm", true, 8, &irm, path, diag);
    if (err)
        return err;
    pd_jpath_key(path, "irm");
    if (pd_irm_parse(irm, &in->entries[c].irm, diag)) {
        snprintf(diag->path, sizeof diag->path, "%s", path->text);
        return PD_ERR_INPUT;
    }
    if (in->irm_at[c])
        return pd_diag_set(diag, PD_ERR_INPUT, path->text,
                           "a second irm for competitor \"%s\" (first in performances[%zu])", id,
                           in->irm_at[c] - 1);
    in->irm_at[c] = i + 1;
    return PD_OK;
}

static pd_err parse_run(json_t *perf, judged_input *in, size_t c, size_t i, pd_jpath *path,
                        pd_diag *diag)
{
    int64_t round = 0, run = 0, tiebreak = 0;
    const char *state = NULL;
    pd_err err = pd_json_get_int(perf, "round", true, 1, in->round_count, &round, path, diag);
    if (!err)
        err = pd_json_get_int(perf, "run", true, 1, in->rounds[round - 1].runs, &run, path, diag);
    if (err)
        return err;
    int k = (int)round - 1, r = (int)run - 1;
    pd_judged_entry *e = &in->entries[c];
    pd_judged_run *out = &e->runs[k][r];
    if (in->perf_at[slot(c, k, r)]) {
        pd_jpath_key(path, "run");
        return pd_diag_set(diag, PD_ERR_INPUT, path->text,
                           "round %d run %d already given in performances[%zu]", k + 1, r + 1,
                           in->perf_at[slot(c, k, r)] - 1);
    }
    in->perf_at[slot(c, k, r)] = i + 1;
    e->seen[k] = true;
    int given =
        (json_object_get(perf, "score") != NULL) + (json_object_get(perf, "marks") != NULL) +
        (json_object_get(perf, "judges") != NULL) + (json_object_get(perf, "state") != NULL);
    if (given != 1)
        return pd_diag_set(diag, PD_ERR_INPUT, path->text,
                           "give exactly one of score, marks, judges (with dd) or state");
    if (json_object_get(perf, "dd") && !json_object_get(perf, "judges")) {
        pd_jpath_key(path, "dd");
        return pd_diag_set(diag, PD_ERR_INPUT, path->text, "dd goes with judges");
    }
    if (json_object_get(perf, "irm")) {
        pd_jpath_key(path, "irm");
        return pd_diag_set(diag, PD_ERR_INPUT, path->text,
                           "an irm is for the whole competition: give it without round and run");
    }
    out->state = PD_RUN_SCORED;
    if (json_object_get(perf, "score"))
        err = pd_json_get_decimal(perf, "score", true, 2, 0, MAX_SCORE, &out->score, path, diag);
    else if (json_object_get(perf, "marks"))
        err = parse_marks(perf, in, &out->score, path, diag);
    else if (json_object_get(perf, "judges"))
        err = parse_aerials(perf, in, &out->score, path, diag);
    else {
        err = pd_json_get_string(perf, "state", true, 4, &state, path, diag);
        if (!err) {
            out->state = strcmp(state, "DNS") == 0   ? PD_RUN_DNS
                         : strcmp(state, "DNI") == 0 ? PD_RUN_DNI
                         : strcmp(state, "DNF") == 0 ? PD_RUN_DNF
                                                     : PD_RUN_ABSENT;
            if (out->state == PD_RUN_ABSENT) {
                pd_jpath_key(path, "state");
                return pd_diag_set(diag, PD_ERR_INPUT, path->text,
                                   "expected \"DNS\", \"DNI\" or \"DNF\", got \"%s\"", state);
            }
        }
    }
    if (!err)
        err = parse_direction(perf, in, &out->direction, path, diag);
    if (!err)
        err = pd_json_get_int(perf, "tiebreak", false, 1, PD_SCORE_MAX_COMPETITORS, &tiebreak, path,
                              diag);
    if (!err && tiebreak) {
        if (e->tiebreak[k] && e->tiebreak[k] != tiebreak) {
            pd_jpath_key(path, "tiebreak");
            return pd_diag_set(diag, PD_ERR_INPUT, path->text,
                               "differs from this competitor's tiebreak in round %d", k + 1);
        }
        e->tiebreak[k] = tiebreak;
    }
    return err;
}

static const char *const irm_only_keys[] = {"competitor", "irm", NULL};

static pd_err parse_performances(const pd_scoredoc *doc, judged_input *in, pd_jpath *path,
                                 pd_diag *diag)
{
    size_t mark = pd_jpath_key(path, "performances");
    for (size_t i = 0; i < json_array_size(doc->performances); i++) {
        json_t *perf = json_array_get(doc->performances, i);
        size_t c = doc->performance_competitor[i];
        size_t at = pd_jpath_index(path, i);
        bool irm_only = !json_object_get(perf, "round") && !json_object_get(perf, "run") &&
                        json_object_get(perf, "irm");
        pd_err err =
            pd_json_object_keys(perf, irm_only ? irm_only_keys : performance_keys, path, diag);
        if (!err)
            err = irm_only ? parse_irm_only(perf, in, doc->competitors[c].id, c, i, path, diag)
                           : parse_run(perf, in, c, i, path, diag);
        if (err)
            return err;
        pd_jpath_pop(path, at);
    }
    pd_jpath_pop(path, mark);
    return PD_OK;
}

static json_t *score_string(int64_t hundredths)
{
    char text[SCORE_STR_MAX];
    pd_fixed_format(hundredths, 2, text, sizeof text);
    return json_string(text);
}

static const char *state_name(pd_run_state state)
{
    switch (state) {
    case PD_RUN_DNS:
        return "DNS";
    case PD_RUN_DNI:
        return "DNI";
    case PD_RUN_DNF:
        return "DNF";
    default:
        return "";
    }
}

static json_t *round_detail(const judged_input *in, const pd_judged_result *res, int k)
{
    const pd_judged_round_result *rr = &res->rounds[k];
    const pd_judged_entry *e = &in->entries[res->entry];
    json_t *runs = json_array();
    json_t *counted = json_array();
    json_t *obj = json_object();
    if (!runs || !counted || !obj)
        goto fail;
    for (int r = 0; r < in->rounds[k].runs; r++) {
        const pd_judged_run *run = &e->runs[k][r];
        json_t *v = run->state == PD_RUN_SCORED ? score_string(run->score)
                                                : json_string(state_name(run->state));
        if (json_array_append_new(runs, v) ||
            json_array_append_new(counted, json_boolean(rr->counted & (1u << r))))
            goto fail;
    }
    json_object_set_new(obj, "round", json_integer(k + 1));
    if (in->names[k])
        json_object_set_new(obj, "name", json_string(in->names[k]));
    json_object_set_new(obj, "rank", rr->rank ? json_integer(rr->rank) : json_null());
    json_object_set_new(obj, "result", rr->has_result ? score_string(rr->result) : json_string(""));
    json_object_set_new(obj, "irm",
                        json_string(pd_irm_name(rr->has_result ? PD_IRM_NONE : rr->irm)));
    json_object_set_new(obj, "runs", runs);
    json_object_set_new(obj, "counted", counted);
    json_object_set_new(obj, "qualified",
                        json_string(rr->advanced ? (in->mark ? in->mark : "Q") : ""));
    return obj;
fail:
    json_decref(runs);
    json_decref(counted);
    json_decref(obj);
    return NULL;
}

static json_t *detail_of(const judged_input *in, const pd_judged_result *res)
{
    json_t *rounds = json_array();
    if (!rounds)
        return NULL;
    for (int k = 0; k < in->round_count; k++) {
        if (!res->rounds[k].started)
            continue;
        json_t *d = round_detail(in, res, k);
        if (!d || json_array_append_new(rounds, d)) {
            json_decref(rounds);
            return NULL;
        }
    }
    const pd_judged_round_result *last =
        res->last_round >= 0 ? &res->rounds[res->last_round] : NULL;
    return json_pack("{s:o, s:s}", "rounds", rounds, "qualified",
                     last && last->advanced ? (in->mark ? in->mark : "Q") : "");
}

pd_err pd_judged_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag)
{
    size_t n = doc->competitor_count;
    judged_input in;
    memset(&in, 0, sizeof in);
    pd_judged_result *results = calloc(n ? n : 1, sizeof *results);
    pd_result_row *rows = calloc(n ? n : 1, sizeof *rows);
    char(*texts)[SCORE_STR_MAX] = calloc(n ? n : 1, sizeof *texts);
    in.entries = calloc(n ? n : 1, sizeof *in.entries);
    in.perf_at =
        calloc((n ? n : 1) * PD_JUDGED_MAX_ROUNDS * PD_JUDGED_MAX_RUNS, sizeof *in.perf_at);
    in.irm_at = calloc(n ? n : 1, sizeof *in.irm_at);
    pd_jpath path;
    pd_err err = PD_OK;
    if (!results || !rows || !texts || !in.entries || !in.perf_at || !in.irm_at) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    pd_jpath_init(&path);
    err = parse_config(doc, &in, &path, diag);
    if (!err)
        err = parse_performances(doc, &in, &path, diag);
    if (err)
        goto fail;
    for (size_t c = 0; c < n; c++)
        in.entries[c].order = pd_scoredoc_start_order(doc, c);
    size_t bad = 0;
    int bad_round = 0;
    err = pd_judged_rank(in.rounds, in.round_count, in.entries, n, results, &bad, &bad_round, diag);
    if (err == PD_ERR_INPUT) {
        /* name the first performance of that competitor in that round */
        for (int r = 0; r < PD_JUDGED_MAX_RUNS; r++) {
            size_t p = in.perf_at[slot(bad, bad_round, r)];
            if (p) {
                snprintf(diag->path, sizeof diag->path, "performances[%zu].round", p - 1);
                break;
            }
        }
    }
    if (err)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        const pd_judged_result *res = &results[i];
        rows[i].competitor = doc->competitors[res->entry].id;
        rows[i].rank = res->rank;
        rows[i].irm = res->irm;
        if (res->last_round >= 0 && res->rounds[res->last_round].has_result)
            pd_fixed_format(res->rounds[res->last_round].result, 2, texts[i], sizeof texts[i]);
        rows[i].result = texts[i];
        rows[i].detail = detail_of(&in, res);
        if (!rows[i].detail)
            err = PD_ERR_NOMEM;
    }
    err = pd_resultdoc_finish(doc, rows, n, err, out, diag);
fail:
    free(results);
    free(rows);
    free(texts);
    free(in.entries);
    free(in.perf_at);
    free(in.irm_at);
    return err;
}
