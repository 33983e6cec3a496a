/*
 * heats_kind.c: kind "heats" of podium score.
 *
 * config.rounds describes the format round by round (docs/formats.md); the
 * performances say who skated or raced which heat and how it ended. The
 * adapter reads both strictly (errors name the field), resolves round and
 * final names to indices, runs pd_heats_run, and maps an engine error back
 * to the path of the performance at fault. The output lists the
 * classification; each competitor's detail carries the final reached or the
 * round of elimination and every heat with its place, time, mark and IRM.
 * A round of duels decided by runs ("duel") takes runs_ms instead of a
 * place; its heats also show each run and the points won.
 */
#include "podium/heats_kind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/heats.h"
#include "podium/json.h"
#include "podium/resultdoc.h"
#include "podium/time.h"

/* Measured times above 10 hours are typos, not heats. */
#define MAX_TIME_MS (10LL * 3600 * 1000)
#define MAX_PLACE   1000
#define OPEN_PLACE  MAX_PLACE

static const char *const config_keys[] = {"precision", "tie_break", "placed_irms", "rounds",
                                          "partial",   "complete",  NULL};
static const char *const round_keys[] = {"phase",
                                         "type",
                                         "finals",
                                         "referee_advancement",
                                         "advanced_take_time_places",
                                         "combine",
                                         "first_run_places",
                                         "rank_unfinished",
                                         "ties",
                                         "heat_size",
                                         "advance",
                                         "duel",
                                         "winner_marks",
                                         NULL};
static const char *const duel_keys[] = {"runs", "tie_groups", "tie_mark", NULL};
static const char *const target_keys[] = {"to",       "final",      "heat",        "places",
                                          "mark",     "best_times", "time_places", "time_mark",
                                          "as_drawn", "bracket",    NULL};
static const char *const performance_keys[] = {
    "competitor", "round", "heat", "place", "time_ms", "runs_ms", "irm", "advanced", NULL};

typedef struct {
    pd_heats_format fmt;
    pd_time_prec prec;
} heats_input;

/* What each run of a duel shows when it has no time: "" (null), "DNF", "DSQ", "DNS". */
typedef struct {
    pd_heat_status status[PD_HEATS_MAX_RUNS];
} run_marks;

static pd_err set_path(pd_diag *diag, pd_jpath *path, const char *key, pd_err err)
{
    size_t k = pd_jpath_key(path, key);
    snprintf(diag->path, sizeof diag->path, "%s", path->text);
    pd_jpath_pop(path, k);
    return err;
}

static pd_err read_name(const json_t *obj, const char *key, bool required, char *out,
                        pd_jpath *path, pd_diag *diag)
{
    const char *text = NULL;
    pd_err err = pd_json_get_string(obj, key, required, PD_HEATS_NAME_MAX - 1, &text, path, diag);
    if (!err && text) {
        if (!*text)
            return set_path(diag, path, key,
                            pd_diag_set(diag, PD_ERR_INPUT, NULL, "must not be empty"));
        snprintf(out, PD_HEATS_NAME_MAX, "%s", text);
    }
    return err;
}

/* A [from, to] pair of places; to may be null for "and beyond". */
static pd_err read_range(const json_t *obj, const char *key, int *from, int *to, pd_jpath *path,
                         pd_diag *diag)
{
    json_t *range = NULL;
    int64_t a, b = OPEN_PLACE;
    pd_err err = pd_json_get_array(obj, key, false, 2, 2, &range, path, diag);
    if (err || !range)
        return err;
    size_t k = pd_jpath_key(path, key);
    size_t at = pd_jpath_index(path, 0);
    err = pd_json_int_value(json_array_get(range, 0), 1, MAX_PLACE, &a, path, diag);
    pd_jpath_pop(path, at);
    if (!err && !json_is_null(json_array_get(range, 1))) {
        at = pd_jpath_index(path, 1);
        err = pd_json_int_value(json_array_get(range, 1), a, MAX_PLACE, &b, path, diag);
        pd_jpath_pop(path, at);
    }
    pd_jpath_pop(path, k);
    if (!err) {
        *from = (int)a;
        *to = (int)b;
    }
    return err;
}

static int find_round(const pd_heats_format *fmt, const char *name)
{
    for (int r = 0; r < fmt->round_count; r++)
        if (strcmp(fmt->round[r].name, name) == 0)
            return r;
    return -1;
}

static int find_final(const pd_heats_round *round, const char *name)
{
    for (int f = 0; f < round->final_count; f++)
        if (strcmp(round->final_name[f], name) == 0)
            return f + 1;
    return 0;
}

static pd_err parse_target(const json_t *obj, pd_heats_format *fmt, int r, pd_heats_target *tg,
                           pd_jpath *path, pd_diag *diag)
{
    char to[PD_HEATS_NAME_MAX] = "", final[PD_HEATS_NAME_MAX] = "";
    int64_t best = 0;
    pd_err err = pd_json_object_keys(obj, target_keys, path, diag);
    if (!err)
        err = read_name(obj, "to", false, to, path, diag);
    if (!err)
        err = read_name(obj, "final", false, final, path, diag);
    int64_t heat = 0;
    if (!err)
        err = pd_json_get_int(obj, "heat", false, 1, PD_HEATS_MAX_HEATS, &heat, path, diag);
    if (!err)
        err = read_range(obj, "places", &tg->place_from, &tg->place_to, path, diag);
    const char *mark_text = NULL;
    if (!err)
        err = pd_json_get_string(obj, "mark", false, PD_HEATS_NAME_MAX - 1, &mark_text, path, diag);
    if (!err && mark_text) /* "" is allowed: a small final is reached without a mark */
        snprintf(tg->mark, sizeof tg->mark, "%s", mark_text);
    if (!err)
        err = pd_json_get_int(obj, "best_times", false, 0, MAX_PLACE, &best, path, diag);
    if (!err)
        err = read_range(obj, "time_places", &tg->time_place_from, &tg->time_place_to, path, diag);
    if (!err)
        err = read_name(obj, "time_mark", false, tg->time_mark, path, diag);
    if (!err)
        err = pd_json_get_bool(obj, "as_drawn", false, &tg->as_drawn, path, diag);
    if (!err)
        err = pd_json_get_bool(obj, "bracket", false, &tg->bracket, path, diag);
    if (err)
        return err;
    tg->best_times = (int)best;
    if (!mark_text)
        snprintf(tg->mark, sizeof tg->mark, "Q");
    if (!tg->time_mark[0])
        snprintf(tg->time_mark, sizeof tg->time_mark, "%s", tg->mark);
    if (!tg->place_from && !tg->best_times)
        return pd_diag_set(diag, PD_ERR_INPUT, path->text,
                           "a target needs places or best_times: nobody would advance");
    if (tg->as_drawn && tg->best_times)
        return pd_diag_set(diag, PD_ERR_INPUT, path->text,
                           "as_drawn targets take places only, not best_times");
    tg->to_round = to[0] ? find_round(fmt, to) : r + 1;
    if (tg->to_round <= r || tg->to_round >= fmt->round_count)
        return set_path(diag, path, "to",
                        pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                    to[0] ? "no later round \"%s\" in config.rounds"
                                          : "%s leads nowhere: no round follows it",
                                    to[0] ? to : fmt->round[r].name));
    const pd_heats_round *next = &fmt->round[tg->to_round];
    if (heat && next->type == PD_ROUND_FINALS)
        return set_path(diag, path, "heat",
                        pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                    "round %s is finals: name the \"final\"", next->name));
    tg->to_heat = (int)heat;
    if (final[0] && next->type != PD_ROUND_FINALS) {
        return set_path(diag, path, "final",
                        pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                    "round %s has heats, not finals: give the \"heat\"",
                                    next->name));
    } else if (final[0]) {
        tg->to_heat = find_final(next, final);
        if (!tg->to_heat)
            return set_path(diag, path, "final",
                            pd_diag_set(diag, PD_ERR_INPUT, NULL, "round %s has no final \"%s\"",
                                        next->name, final));
    } else if (next->type == PD_ROUND_FINALS && next->final_count > 1) {
        return set_path(diag, path, "final",
                        pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                    "missing: round %s has %d finals, say which", next->name,
                                    next->final_count));
    } else if (next->type == PD_ROUND_FINALS) {
        tg->to_heat = 1;
    }
    return PD_OK;
}

/* duel.tie_groups: [[1, 3], [2, 4]], runs summed by their best time for the tie-break. */
static pd_err parse_tie_groups(const json_t *duel_obj, pd_heats_duel *duel, pd_jpath *path,
                               pd_diag *diag)
{
    json_t *groups = NULL;
    pd_err err =
        pd_json_get_array(duel_obj, "tie_groups", false, 1, PD_HEATS_MAX_RUNS, &groups, path, diag);
    if (err || !groups)
        return err;
    size_t k = pd_jpath_key(path, "tie_groups");
    for (size_t g = 0; g < json_array_size(groups); g++) {
        json_t *group = json_array_get(groups, g);
        size_t at = pd_jpath_index(path, g);
        if (!json_is_array(group) || json_array_size(group) < 1 ||
            json_array_size(group) > (size_t)duel->runs)
            return pd_diag_set(diag, PD_ERR_INPUT, path->text,
                               "expected an array of 1 to %d run numbers", duel->runs);
        for (size_t r = 0; r < json_array_size(group); r++) {
            int64_t run;
            size_t at_run = pd_jpath_index(path, r);
            err = pd_json_int_value(json_array_get(group, r), 1, duel->runs, &run, path, diag);
            if (err)
                return err;
            if (duel->group[g] >> (run - 1) & 1u)
                return pd_diag_set(diag, PD_ERR_INPUT, path->text, "run %d named twice", (int)run);
            duel->group[g] |= 1u << (run - 1);
            pd_jpath_pop(path, at_run);
        }
        duel->group_count = (int)g + 1;
        pd_jpath_pop(path, at);
    }
    pd_jpath_pop(path, k);
    return PD_OK;
}

/* duel: {"runs": 4, "tie_groups": [[1, 3], [2, 4]], "tie_mark": "T"} (docs/formats.md). */
static pd_err parse_duel(const json_t *obj, pd_heats_round *round, pd_jpath *path, pd_diag *diag)
{
    json_t *duel_obj = NULL;
    pd_err err = pd_json_get_object(obj, "duel", false, &duel_obj, path, diag);
    if (err || !duel_obj)
        return err;
    if (round->type == PD_ROUND_TIMED)
        return set_path(diag, path, "duel",
                        pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                    "a timed round has no duels (a race or finals has)"));
    size_t k = pd_jpath_key(path, "duel");
    int64_t runs = 0;
    const char *tie_mark = NULL;
    err = pd_json_object_keys(duel_obj, duel_keys, path, diag);
    if (!err)
        err = pd_json_get_int(duel_obj, "runs", true, 1, PD_HEATS_MAX_RUNS, &runs, path, diag);
    round->duel.runs = (int)runs;
    if (!err)
        err = parse_tie_groups(duel_obj, &round->duel, path, diag);
    if (!err)
        err = pd_json_get_string(duel_obj, "tie_mark", false, PD_HEATS_NAME_MAX - 1, &tie_mark,
                                 path, diag);
    if (err)
        return err;
    if (tie_mark)
        snprintf(round->duel.tie_mark, sizeof round->duel.tie_mark, "%s", tie_mark);
    round->has_runs = true;
    pd_jpath_pop(path, k);
    return PD_OK;
}

/* winner_marks: ["W", "w"], the mark of each final's winner (finals rounds only). */
static pd_err parse_winner_marks(const json_t *obj, pd_heats_round *round, pd_jpath *path,
                                 pd_diag *diag)
{
    json_t *marks = NULL;
    pd_err err =
        pd_json_get_array(obj, "winner_marks", false, 1, PD_HEATS_MAX_FINALS, &marks, path, diag);
    if (err || !marks)
        return err;
    if (round->type != PD_ROUND_FINALS || json_array_size(marks) != (size_t)round->final_count)
        return set_path(diag, path, "winner_marks",
                        pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                    "a finals round gives one mark per final (%d)",
                                    round->final_count));
    size_t k = pd_jpath_key(path, "winner_marks");
    for (size_t f = 0; f < json_array_size(marks); f++) {
        const char *text;
        size_t at = pd_jpath_index(path, f);
        err = pd_json_string_value(json_array_get(marks, f), PD_HEATS_NAME_MAX - 1, &text, path,
                                   diag);
        if (err)
            return err;
        snprintf(round->winner_mark[f], PD_HEATS_NAME_MAX, "%s", text);
        pd_jpath_pop(path, at);
    }
    pd_jpath_pop(path, k);
    return PD_OK;
}

static pd_err parse_round_head(const json_t *obj, pd_heats_round *round, pd_jpath *path,
                               pd_diag *diag)
{
    const char *type = NULL;
    json_t *finals = NULL;
    pd_err err = pd_json_object_keys(obj, round_keys, path, diag);
    if (!err)
        err = read_name(obj, "phase", true, round->name, path, diag);
    if (!err)
        err = pd_json_get_string(obj, "type", true, 16, &type, path, diag);
    if (err)
        return err;
    if (strcmp(type, "timed") == 0)
        round->type = PD_ROUND_TIMED;
    else if (strcmp(type, "race") == 0)
        round->type = PD_ROUND_RACE;
    else if (strcmp(type, "finals") == 0)
        round->type = PD_ROUND_FINALS;
    else
        return set_path(diag, path, "type",
                        pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                    "expected \"timed\", \"race\" or \"finals\", got \"%.20s\"",
                                    type));
    err = pd_json_get_bool(obj, "referee_advancement", false, &round->referee_advancement, path,
                           diag);
    if (!err)
        err = pd_json_get_bool(obj, "advanced_take_time_places", false,
                               &round->advanced_take_time_places, path, diag);
    const char *combine = NULL;
    int64_t first_run = 0;
    if (!err)
        err = pd_json_get_string(obj, "combine", false, 8, &combine, path, diag);
    if (!err && combine) {
        if (round->type != PD_ROUND_TIMED)
            return set_path(diag, path, "combine",
                            pd_diag_set(diag, PD_ERR_INPUT, NULL, "only a timed round has runs"));
        if (strcmp(combine, "sum") == 0)
            round->combine = PD_COMBINE_SUM;
        else if (strcmp(combine, "best") == 0)
            round->combine = PD_COMBINE_BEST;
        else
            return set_path(diag, path, "combine",
                            pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                        "expected \"sum\" or \"best\", got \"%.20s\"", combine));
        round->has_runs = true;
    }
    if (!err)
        err = pd_json_get_int(obj, "first_run_places", false, 1, MAX_PLACE, &first_run, path, diag);
    if (!err && first_run && !combine)
        return set_path(
            diag, path, "first_run_places",
            pd_diag_set(diag, PD_ERR_INPUT, NULL, "needs \"combine\" (a round of runs)"));
    round->first_run_places = (int)first_run;
    if (!err)
        err = pd_json_get_bool(obj, "rank_unfinished", false, &round->rank_unfinished, path, diag);
    if (!err && round->rank_unfinished && round->type != PD_ROUND_TIMED)
        return set_path(diag, path, "rank_unfinished",
                        pd_diag_set(diag, PD_ERR_INPUT, NULL, "only a timed round ranks by time"));
    const char *ties = NULL;
    if (!err)
        err = pd_json_get_string(obj, "ties", false, 16, &ties, path, diag);
    if (!err && ties) {
        if (strcmp(ties, "later_start") == 0)
            round->ties = PD_TIES_LATER_START;
        else if (strcmp(ties, "last_run") == 0)
            round->ties = PD_TIES_LAST_RUN;
        else
            return set_path(diag, path, "ties",
                            pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                        "expected \"later_start\" or \"last_run\", got \"%.20s\"",
                                        ties));
        if (round->type != PD_ROUND_TIMED)
            return set_path(diag, path, "ties",
                            pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                        "only a timed round has equal times to decide"));
    }
    int64_t heat_size = 0;
    if (!err)
        err = pd_json_get_int(obj, "heat_size", false, 1, MAX_PLACE, &heat_size, path, diag);
    round->heat_size = (int)heat_size;
    if (!err)
        err = parse_duel(obj, round, path, diag);
    if (!err)
        err = pd_json_get_array(obj, "finals", round->type == PD_ROUND_FINALS, 1,
                                PD_HEATS_MAX_FINALS, &finals, path, diag);
    if (err)
        return err;
    if (finals && round->type != PD_ROUND_FINALS)
        return set_path(diag, path, "finals",
                        pd_diag_set(diag, PD_ERR_INPUT, NULL, "only a finals round has finals"));
    size_t k = pd_jpath_key(path, "finals");
    for (size_t f = 0; finals && f < json_array_size(finals); f++) {
        const char *name;
        size_t at = pd_jpath_index(path, f);
        err = pd_json_string_value(json_array_get(finals, f), PD_HEATS_NAME_MAX - 1, &name, path,
                                   diag);
        if (!err && (!*name || find_final(round, name)))
            err = pd_diag_set(diag, PD_ERR_INPUT, path->text,
                              *name ? "final \"%s\" named twice" : "must not be empty%s", name);
        if (err)
            return err;
        snprintf(round->final_name[f], PD_HEATS_NAME_MAX, "%s", name);
        round->final_count = (int)f + 1;
        pd_jpath_pop(path, at);
    }
    pd_jpath_pop(path, k);
    return parse_winner_marks(obj, round, path, diag);
}

/* placed_irms: ["DNF", "DSQ"], the marks that may keep a place in a race heat. */
static pd_err parse_placed_irms(const json_t *config, pd_heats_format *fmt, pd_jpath *path,
                                pd_diag *diag)
{
    json_t *list = NULL;
    pd_err err =
        pd_json_get_array(config, "placed_irms", false, 1, PD_HEAT_STATUS_COUNT, &list, path, diag);
    if (err || !list)
        return err;
    size_t k = pd_jpath_key(path, "placed_irms");
    for (size_t i = 0; i < json_array_size(list); i++) {
        const char *name;
        pd_heat_status status;
        size_t at = pd_jpath_index(path, i);
        err = pd_json_string_value(json_array_get(list, i), 8, &name, path, diag);
        if (!err) {
            err = pd_heat_status_parse(name, &status, diag);
            if (err)
                snprintf(diag->path, sizeof diag->path, "%s", path->text);
        }
        if (err)
            return err;
        fmt->placed_irms |= 1u << status;
        pd_jpath_pop(path, at);
    }
    pd_jpath_pop(path, k);
    return PD_OK;
}

/*
 * partial: true, a competition still running (the server's "live" config);
 * complete: ["QUAL", "QFNL"], the rounds known to be entered in full, which
 * partial mode checks as strictly as a closed competition.
 */
static pd_err parse_partial(const json_t *config, pd_heats_format *fmt, pd_jpath *path,
                            pd_diag *diag)
{
    json_t *list = NULL;
    pd_err err = pd_json_get_bool(config, "partial", false, &fmt->partial, path, diag);
    if (!err)
        err =
            pd_json_get_array(config, "complete", false, 0, PD_HEATS_MAX_ROUNDS, &list, path, diag);
    if (err || !list)
        return err;
    if (!fmt->partial)
        return set_path(diag, path, "complete",
                        pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                    "only with \"partial\": true (a closed competition is "
                                    "complete)"));
    size_t k = pd_jpath_key(path, "complete");
    for (size_t i = 0; i < json_array_size(list); i++) {
        const char *name;
        size_t at = pd_jpath_index(path, i);
        err =
            pd_json_string_value(json_array_get(list, i), PD_HEATS_NAME_MAX - 1, &name, path, diag);
        if (err)
            return err;
        int r = find_round(fmt, name);
        if (r < 0)
            return pd_diag_set(diag, PD_ERR_INPUT, path->text, "no round \"%s\" in config.rounds",
                               name);
        fmt->round[r].complete = true;
        pd_jpath_pop(path, at);
    }
    pd_jpath_pop(path, k);
    return PD_OK;
}

static pd_err parse_config(const pd_scoredoc *doc, heats_input *in, pd_jpath *path, pd_diag *diag)
{
    const char *precision = NULL, *tie_break = NULL;
    json_t *rounds = NULL;
    size_t mark = pd_jpath_key(path, "config");
    pd_err err = pd_json_object_keys(doc->config, config_keys, path, diag);
    if (!err)
        err = pd_json_get_string(doc->config, "precision", true, 8, &precision, path, diag);
    if (!err) {
        err = pd_time_prec_parse(precision, &in->prec, diag);
        if (err)
            return set_path(diag, path, "precision", err);
    }
    if (!err)
        err = pd_json_get_string(doc->config, "tie_break", false, 8, &tie_break, path, diag);
    if (!err && tie_break) {
        if (strcmp(tie_break, "time") == 0)
            in->fmt.tiebreak = PD_TIEBREAK_TIME;
        else if (strcmp(tie_break, "seed") == 0)
            in->fmt.tiebreak = PD_TIEBREAK_SEED;
        else
            return set_path(diag, path, "tie_break",
                            pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                        "expected \"time\" or \"seed\", got \"%.20s\"", tie_break));
    }
    if (!err)
        err = parse_placed_irms(doc->config, &in->fmt, path, diag);
    if (!err)
        err = pd_json_get_array(doc->config, "rounds", true, 1, PD_HEATS_MAX_ROUNDS, &rounds, path,
                                diag);
    if (err)
        return err;
    size_t k = pd_jpath_key(path, "rounds");
    size_t count = json_array_size(rounds);
    /* Heads first: targets name later rounds and their finals. */
    for (size_t r = 0; r < count; r++) {
        size_t at = pd_jpath_index(path, r);
        json_t *obj = json_array_get(rounds, r);
        if (!json_is_object(obj))
            return pd_diag_set(diag, PD_ERR_INPUT, path->text, "expected an object, got %s",
                               pd_json_type_name(obj));
        err = parse_round_head(obj, &in->fmt.round[r], path, diag);
        if (err)
            return err;
        if (find_round(&in->fmt, in->fmt.round[r].name) >= 0)
            return set_path(diag, path, "phase",
                            pd_diag_set(diag, PD_ERR_INPUT, NULL, "round \"%s\" named twice",
                                        in->fmt.round[r].name));
        in->fmt.round_count = (int)r + 1;
        if (in->fmt.round[r].type == PD_ROUND_FINALS && r + 1 != count)
            return set_path(diag, path, "type",
                            pd_diag_set(diag, PD_ERR_INPUT, NULL, "finals must be the last round"));
        pd_jpath_pop(path, at);
    }
    for (size_t r = 0; r < count; r++) {
        size_t at = pd_jpath_index(path, r);
        json_t *advance = NULL;
        pd_heats_round *round = &in->fmt.round[r];
        err = pd_json_get_array(json_array_get(rounds, r), "advance", r + 1 < count, 1,
                                PD_HEATS_MAX_TARGETS, &advance, path, diag);
        if (err)
            return err;
        if (advance && r + 1 == count)
            return set_path(
                diag, path, "advance",
                pd_diag_set(diag, PD_ERR_INPUT, NULL, "the last round has nowhere to advance to"));
        size_t ka = pd_jpath_key(path, "advance");
        for (size_t t = 0; advance && t < json_array_size(advance); t++) {
            size_t ati = pd_jpath_index(path, t);
            json_t *obj = json_array_get(advance, t);
            if (!json_is_object(obj))
                return pd_diag_set(diag, PD_ERR_INPUT, path->text, "expected an object, got %s",
                                   pd_json_type_name(obj));
            err = parse_target(obj, &in->fmt, (int)r, &round->target[t], path, diag);
            if (err)
                return err;
            round->target_count = (int)t + 1;
            pd_jpath_pop(path, ati);
        }
        pd_jpath_pop(path, ka);
        pd_jpath_pop(path, at);
    }
    pd_jpath_pop(path, k);
    err = parse_partial(doc->config, &in->fmt, path, diag);
    if (err)
        return err;
    pd_jpath_pop(path, mark);
    return PD_OK;
}

static pd_err parse_heat(const json_t *perf, const pd_heats_round *round, int *heat, pd_jpath *path,
                         pd_diag *diag)
{
    json_t *value = json_object_get(perf, "heat");
    if (!value)
        return set_path(diag, path, "heat", pd_diag_set(diag, PD_ERR_INPUT, NULL, "missing"));
    size_t k = pd_jpath_key(path, "heat");
    pd_err err = PD_OK;
    if (round->type == PD_ROUND_FINALS) {
        const char *name;
        err = pd_json_string_value(value, PD_HEATS_NAME_MAX - 1, &name, path, diag);
        if (!err) {
            *heat = find_final(round, name);
            if (!*heat)
                err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "round %s has no final \"%s\"",
                                  round->name, name);
        }
    } else {
        int64_t h;
        err = pd_json_int_value(value, 1, PD_HEATS_MAX_HEATS, &h, path, diag);
        *heat = (int)h;
    }
    pd_jpath_pop(path, k);
    return err;
}

static pd_err parse_advanced(const json_t *perf, const pd_heats_format *fmt, int r, int *out,
                             pd_jpath *path, pd_diag *diag)
{
    json_t *value = json_object_get(perf, "advanced");
    *out = -1;
    if (!value || json_is_false(value))
        return PD_OK;
    if (json_is_true(value)) {
        *out = 0;
        return PD_OK;
    }
    size_t k = pd_jpath_key(path, "advanced");
    const char *name;
    pd_err err = pd_json_string_value(value, PD_HEATS_NAME_MAX - 1, &name, path, diag);
    if (!err) {
        const pd_heats_round *round = &fmt->round[r];
        for (int t = 0; t < round->target_count && *out < 0; t++) {
            const pd_heats_round *next = &fmt->round[round->target[t].to_round];
            int f = next->type == PD_ROUND_FINALS ? find_final(next, name) : 0;
            if (f)
                *out = f;
        }
        if (*out < 0)
            err = pd_diag_set(diag, PD_ERR_INPUT, path->text,
                              "no final \"%s\" follows round %s (true advances to the next round)",
                              name, round->name);
    }
    pd_jpath_pop(path, k);
    return err;
}

/*
 * runs_ms: each run's time, null for a run not run; only where the round
 * combines runs or is made of duels. A duel's run may also say why it has no
 * time: "DNF", "DSQ" or "DNS" (shown, and scored as no time).
 */
static pd_err parse_runs(const json_t *perf, const pd_heats_round *round, pd_heats_perf *p,
                         run_marks *marks, pd_jpath *path, pd_diag *diag)
{
    json_t *runs = NULL;
    pd_err err = pd_json_get_array(perf, "runs_ms", false, 1, PD_HEATS_MAX_RUNS, &runs, path, diag);
    if (err || !runs)
        return err;
    if (!round->has_runs)
        return set_path(diag, path, "runs_ms",
                        pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                    "round %s has no runs (\"combine\" or \"duel\" in its "
                                    "config)",
                                    round->name));
    if (p->time_ms >= 0)
        return set_path(
            diag, path, "runs_ms",
            pd_diag_set(diag, PD_ERR_INPUT, NULL, "give either time_ms or runs_ms, not both"));
    size_t k = pd_jpath_key(path, "runs_ms");
    for (size_t r = 0; r < json_array_size(runs); r++) {
        json_t *v = json_array_get(runs, r);
        p->run_ms[r] = -1;
        marks->status[r] = PD_HEAT_PLACED;
        if (json_is_null(v))
            continue;
        size_t at = pd_jpath_index(path, r);
        if (json_is_string(v) && round->duel.runs) {
            const char *text = json_string_value(v);
            if (strcmp(text, "DNF") == 0)
                marks->status[r] = PD_HEAT_DNF;
            else if (strcmp(text, "DSQ") == 0)
                marks->status[r] = PD_HEAT_DSQ;
            else if (strcmp(text, "DNS") == 0)
                marks->status[r] = PD_HEAT_DNS;
            else
                return pd_diag_set(diag, PD_ERR_INPUT, path->text,
                                   "expected a time in ms, null, \"DNF\", \"DSQ\" or \"DNS\", "
                                   "got \"%.20s\"",
                                   text);
            pd_jpath_pop(path, at);
            continue;
        }
        err = pd_json_int_value(v, 0, MAX_TIME_MS, &p->run_ms[r], path, diag);
        if (err)
            return err;
        pd_jpath_pop(path, at);
    }
    pd_jpath_pop(path, k);
    p->run_count = (int)json_array_size(runs);
    if (round->duel.runs && p->run_count != round->duel.runs)
        return set_path(diag, path, "runs_ms",
                        pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                    "round %s has %d runs per duel, got %d", round->name,
                                    round->duel.runs, p->run_count));
    return PD_OK;
}

static pd_err parse_performances(const pd_scoredoc *doc, const heats_input *in,
                                 pd_heats_perf *perfs, run_marks *marks, pd_jpath *path,
                                 pd_diag *diag)
{
    size_t n = json_array_size(doc->performances);
    size_t mark = pd_jpath_key(path, "performances");
    for (size_t i = 0; i < n; i++) {
        json_t *perf = json_array_get(doc->performances, i);
        pd_heats_perf *p = &perfs[i];
        char round_name[PD_HEATS_NAME_MAX] = "";
        const char *irm = NULL;
        int64_t place = 0;
        size_t at = pd_jpath_index(path, i);
        p->competitor = doc->performance_competitor[i];
        p->time_ms = -1;
        p->status = PD_HEAT_PLACED;
        pd_err err = pd_json_object_keys(perf, performance_keys, path, diag);
        if (!err)
            err = read_name(perf, "round", true, round_name, path, diag);
        if (err)
            return err;
        p->round = find_round(&in->fmt, round_name);
        if (p->round < 0)
            return set_path(diag, path, "round",
                            pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                        "no round \"%s\" in config.rounds", round_name));
        const pd_heats_round *round = &in->fmt.round[p->round];
        err = parse_heat(perf, round, &p->heat, path, diag);
        if (!err)
            err = pd_json_get_int(perf, "place", false, 1, MAX_PLACE, &place, path, diag);
        if (!err)
            err = pd_json_get_int(perf, "time_ms", false, 0, MAX_TIME_MS, &p->time_ms, path, diag);
        if (!err)
            err = parse_runs(perf, round, p, &marks[i], path, diag);
        if (!err)
            err = pd_json_get_string(perf, "irm", false, 8, &irm, path, diag);
        if (!err && irm) {
            err = pd_heat_status_parse(irm, &p->status, diag);
            if (err)
                return set_path(diag, path, "irm", err);
        }
        if (!err)
            err = parse_advanced(perf, &in->fmt, p->round, &p->advanced, path, diag);
        if (err)
            return err;
        p->place = (int)place;
        if (round->type == PD_ROUND_TIMED && place)
            return set_path(diag, path, "place",
                            pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                        "round %s is timed: its ranking comes from the times",
                                        round->name));
        if (irm && place && !(in->fmt.placed_irms >> p->status & 1u))
            return set_path(
                diag, path, "place",
                pd_diag_set(diag, PD_ERR_INPUT, NULL, "give either a place or an irm, not both"));
        if (round->duel.runs && place)
            return set_path(diag, path, "place",
                            pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                        "round %s is duels: the place comes from runs_ms",
                                        round->name));
        if (round->duel.runs && p->time_ms >= 0)
            return set_path(diag, path, "time_ms",
                            pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                        "round %s is duels: the time comes from runs_ms",
                                        round->name));
        if (round->duel.runs && irm && p->run_count)
            return set_path(
                diag, path, "runs_ms",
                pd_diag_set(diag, PD_ERR_INPUT, NULL, "give either runs_ms or an irm, not both"));
        if (!irm && round->type != PD_ROUND_TIMED && !place && !round->duel.runs)
            return set_path(diag, path, "place",
                            pd_diag_set(diag, PD_ERR_INPUT, NULL, "missing (or an irm)"));
        if (!irm && round->type == PD_ROUND_TIMED && p->time_ms < 0 && !p->run_count)
            return set_path(diag, path, "time_ms",
                            pd_diag_set(diag, PD_ERR_INPUT, NULL, "missing (or an irm)"));
        pd_jpath_pop(path, at);
    }
    pd_jpath_pop(path, mark);
    return PD_OK;
}

/* A duel's runs as shown: each time, or the mark of a run without one ("" when none). */
static json_t *duel_runs(const heats_input *in, const pd_heats_perf *p, const run_marks *marks)
{
    json_t *runs = json_array();
    for (int k = 0; runs && k < p->run_count; k++) {
        char time[PD_TIME_STR_MAX] = "";
        if (p->run_ms[k] >= 0)
            pd_time_format(p->run_ms[k], in->prec, time, sizeof time);
        else
            snprintf(time, sizeof time, "%s", pd_heat_status_name(marks->status[k]));
        if (json_array_append_new(runs, json_string(time))) {
            json_decref(runs);
            return NULL;
        }
    }
    return runs;
}

static json_t *round_detail(const heats_input *in, const pd_heats_perf *p,
                            const pd_heats_perf_result *r, const run_marks *marks)
{
    const pd_heats_round *round = &in->fmt.round[p->round];
    char time[PD_TIME_STR_MAX] = "";
    if (r->time_ms >= 0 && p->status == PD_HEAT_PLACED)
        pd_time_format(r->time_ms, in->prec, time, sizeof time);
    json_t *heat = round->type == PD_ROUND_FINALS ? json_string(round->final_name[p->heat - 1])
                                                  : json_integer(p->heat);
    json_t *detail = json_pack("{s:s, s:o, s:o, s:s, s:s, s:s}", "phase", round->name, "heat", heat,
                               "rank", r->rank ? json_integer(r->rank) : json_null(), "time", time,
                               "irm", pd_heat_status_name(p->status), "mark", r->mark);
    if (detail && round->duel.runs && p->run_count) {
        /* A duel: the runs as raced and the points won; "time" is the tie-break time. */
        json_t *runs = duel_runs(in, p, marks);
        if (!runs || json_object_set_new(detail, "runs", runs) ||
            json_object_set_new(detail, "points", json_integer(r->points))) {
            json_decref(detail);
            return NULL;
        }
    }
    return detail;
}

static json_t *detail_of(const heats_input *in, const pd_heats_perf *perfs, const size_t *perf_of,
                         const pd_heats_perf_result *res, const run_marks *marks,
                         const pd_heats_standing *s)
{
    const pd_heats_format *fmt = &in->fmt;
    const char *final = "", *eliminated = "";
    if (s->last_round >= 0) {
        const pd_heats_perf *last = &perfs[s->last_perf];
        if (fmt->round[s->last_round].type == PD_ROUND_FINALS)
            final = fmt->round[s->last_round].final_name[last->heat - 1];
        else if (!res[s->last_perf].mark[0] && !s->racing)
            eliminated = fmt->round[s->last_round].name;
    }
    json_t *rounds = json_array();
    json_t *detail = json_pack("{s:s, s:s}", "final", final, "eliminated_in", eliminated);
    for (int r = 0; rounds && r < fmt->round_count; r++) {
        size_t at = perf_of[s->competitor * PD_HEATS_MAX_ROUNDS + (size_t)r];
        if (at)
            json_array_append_new(rounds,
                                  round_detail(in, &perfs[at - 1], &res[at - 1], &marks[at - 1]));
    }
    if (!detail || !rounds) {
        json_decref(rounds);
        json_decref(detail);
        return NULL;
    }
    json_object_set_new(detail, "rounds", rounds);
    if (s->racing) /* partial mode only: unranked until they race the round they reached */
        json_object_set_new(detail, "racing", json_true());
    return detail;
}

pd_err pd_heats_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag)
{
    heats_input *in = calloc(1, sizeof *in);
    size_t n = doc->competitor_count;
    size_t np = json_array_size(doc->performances);
    pd_heats_perf *perfs = calloc(np ? np : 1, sizeof *perfs);
    pd_heats_perf_result *res = calloc(np ? np : 1, sizeof *res);
    pd_heats_standing *standing = calloc(n ? n : 1, sizeof *standing);
    int64_t *seed = calloc(n ? n : 1, sizeof *seed);
    pd_result_row *rows = calloc(n ? n : 1, sizeof *rows);
    char(*results)[PD_TIME_STR_MAX] = calloc(n ? n : 1, sizeof *results);
    size_t *perf_of = calloc((n ? n : 1) * PD_HEATS_MAX_ROUNDS, sizeof *perf_of);
    run_marks *marks = calloc(np ? np : 1, sizeof *marks);
    size_t bad = 0;
    pd_jpath path;
    pd_err err;

    pd_jpath_init(&path);
    if (!in || !perfs || !res || !standing || !seed || !rows || !results || !perf_of || !marks) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    err = parse_config(doc, in, &path, diag);
    if (err)
        goto fail;
    err = parse_performances(doc, in, perfs, marks, &path, diag);
    if (err)
        goto fail;
    for (size_t c = 0; c < n; c++)
        seed[c] = pd_scoredoc_start_order(doc, c);
    err = pd_heats_run(&in->fmt, seed, n, perfs, np, res, standing, &bad, diag);
    if (err == PD_ERR_INPUT) {
        if (bad < np)
            snprintf(diag->path, sizeof diag->path, "performances[%zu]", bad);
        else
            snprintf(diag->path, sizeof diag->path, "config.rounds");
    }
    if (err)
        goto fail;
    for (size_t i = 0; i < np; i++)
        perf_of[perfs[i].competitor * PD_HEATS_MAX_ROUNDS + (size_t)perfs[i].round] = i + 1;
    for (size_t k = 0; k < n; k++) {
        const pd_heats_standing *s = &standing[k];
        rows[k].competitor = doc->competitors[s->competitor].id;
        rows[k].rank = s->rank;
        rows[k].irm = s->irm;
        /*
         * The result is the time of the last heat skated, as published ("" without one);
         * after a duel decided by runs, the points won in it (the feed's "Points").
         */
        const pd_heats_perf *last = s->last_round >= 0 ? &perfs[s->last_perf] : NULL;
        int64_t last_time = last ? res[s->last_perf].time_ms : -1;
        bool duel = last && in->fmt.round[last->round].duel.runs > 0;
        if (s->rank && duel && last->status == PD_HEAT_PLACED && last->run_count)
            snprintf(results[k], sizeof results[k], "%d", res[s->last_perf].points);
        else if (s->rank && last && last->status == PD_HEAT_PLACED && last_time >= 0 && !duel)
            pd_time_format(last_time, in->prec, results[k], sizeof results[k]);
        rows[k].result = results[k];
        rows[k].detail = detail_of(in, perfs, perf_of, res, marks, s);
        if (!rows[k].detail)
            err = PD_ERR_NOMEM;
    }
    err = pd_resultdoc_finish(doc, rows, n, err, out, diag);
fail:
    free(in);
    free(perfs);
    free(res);
    free(standing);
    free(seed);
    free(rows);
    free(results);
    free(perf_of);
    free(marks);
    return err;
}
