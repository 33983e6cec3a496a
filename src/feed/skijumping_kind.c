/*
 * skijumping_kind.c: the "ski-jumping" and "ski-jumping-team" kinds.
 *
 * Reads the hill, gate and wind config and every jump of a podium-score/1
 * document into pd_sjp_config and pd_sjp_jump (src/rules/skijumping.c),
 * lets the engine score and rank, and renders podium-result/1: the total as
 * FIS publishes it ("275.0") and each jump's points in detail.jumps.
 *
 * Both kinds share one reader. In the team kind the competitors are teams
 * and each jump names its group (1..4, the order in which the members jump
 * in each round) and, optionally, the athlete; a starting gate may be given
 * per round and per group, because in a mixed team the women's and the
 * men's groups start from different gates.
 *
 * Gates not evenly spaced: instead of `points_per_gate`, `gate.factor`
 * (points per metre of in-run) and `gate.positions` (each gate's place on
 * the in-run in metres); every starting gate and every jump's gate must be
 * listed.
 *
 * Errors name the field: "performances[3].marks: expected 5 marks, got 4".
 */
#include "podium/skijumping_kind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/fixed.h"
#include "podium/json.h"
#include "podium/resultdoc.h"
#include "podium/skijumping.h"

typedef struct {
    const pd_scoredoc *doc;
    bool team;
    pd_sjp_config config;
    pd_sjp_gate_position positions[PD_SJP_MAX_GATES];
    bool has_wind;
    pd_sjp_jump *jumps;
    const char **athletes; /* per jump, team kind only; NULL when not given */
    size_t count;
} sjp_input;

static const char *const config_keys[] = {"hill", "gate", "wind", "rounds", "final_round", NULL};
static const char *const hill_keys[] = {"k", "hs", "meter_value", "base", NULL};
static const char *const gate_keys[] = {"start", "points_per_gate", "factor", "positions", NULL};
static const char *const position_keys[] = {"gate", "metres", NULL};
static const char *const wind_keys[] = {"head", "tail", NULL};
static const char *const jump_keys[] = {"competitor", "round",      "distance", "marks",  "wind",
                                        "gate",       "coach_gate", "irm",      "points", NULL};
static const char *const team_jump_keys[] = {"competitor", "athlete", "group",  "round",
                                             "distance",   "marks",   "wind",   "gate",
                                             "coach_gate", "irm",     "points", NULL};
/* what a measured jump carries; none of it goes with an IRM or with points alone */
static const char *const measured_keys[] = {"distance", "marks", "wind", "gate", "coach_gate"};

/* gate.start: one gate, one per round, or (team) one array of group gates per round. */
static pd_err parse_gate_start(sjp_input *in, json_t *gate, pd_jpath *path, pd_diag *diag)
{
    pd_sjp_config *c = &in->config;
    json_t *start = json_object_get(gate, "start");
    size_t mark = pd_jpath_key(path, "start");
    pd_err err = PD_OK;
    int64_t value;
    if (!start) {
        err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "missing");
    } else if (!json_is_array(start)) {
        err = pd_json_int_value(start, 0, 999, &value, path, diag);
        for (int r = 0; !err && r < PD_SJP_MAX_ROUNDS; r++)
            for (int g = 0; g < PD_SJP_MAX_GROUPS; g++)
                c->gate_start[r][g] = value;
    } else if (json_array_size(start) != (size_t)c->rounds) {
        err = pd_diag_set(diag, PD_ERR_INPUT, path->text,
                          "expected one starting gate per round (%d), got %zu", c->rounds,
                          json_array_size(start));
    } else {
        for (int r = 0; !err && r < c->rounds; r++) {
            json_t *item = json_array_get(start, (size_t)r);
            size_t at = pd_jpath_index(path, (size_t)r);
            if (in->team && json_is_array(item)) {
                if (json_array_size(item) != PD_SJP_MAX_GROUPS)
                    err = pd_diag_set(diag, PD_ERR_INPUT, path->text,
                                      "expected %d group gates, got %zu", PD_SJP_MAX_GROUPS,
                                      json_array_size(item));
                for (int g = 0; !err && g < PD_SJP_MAX_GROUPS; g++) {
                    size_t gat = pd_jpath_index(path, (size_t)g);
                    err = pd_json_int_value(json_array_get(item, (size_t)g), 0, 999,
                                            &c->gate_start[r][g], path, diag);
                    pd_jpath_pop(path, gat);
                }
            } else {
                err = pd_json_int_value(item, 0, 999, &value, path, diag);
                for (int g = 0; !err && g < PD_SJP_MAX_GROUPS; g++)
                    c->gate_start[r][g] = value;
            }
            pd_jpath_pop(path, at);
        }
    }
    pd_jpath_pop(path, mark);
    return err;
}

/* gate.positions: [{"gate": 9, "metres": "0.00"}, ...], increasing in gate and metres. */
static pd_err parse_gate_positions(sjp_input *in, json_t *gate, pd_jpath *path, pd_diag *diag)
{
    pd_sjp_config *c = &in->config;
    json_t *list = NULL;
    pd_err err = pd_json_get_array(gate, "positions", true, 1, PD_SJP_MAX_GATES, &list, path, diag);
    if (err)
        return err;
    size_t mark = pd_jpath_key(path, "positions");
    for (size_t i = 0; !err && i < json_array_size(list); i++) {
        json_t *item = json_array_get(list, i);
        pd_sjp_gate_position *p = &in->positions[i];
        size_t at = pd_jpath_index(path, i);
        err = pd_json_object_keys(item, position_keys, path, diag);
        if (!err)
            err = pd_json_get_int(item, "gate", true, 0, 999, &p->gate, path, diag);
        if (!err)
            err = pd_json_get_decimal(item, "metres", true, 2, 0, 100000, &p->position_cm, path,
                                      diag);
        if (!err && i > 0 && p->gate <= in->positions[i - 1].gate) {
            size_t k = pd_jpath_key(path, "gate");
            err = pd_diag_set(diag, PD_ERR_INPUT, path->text,
                              "gates must be listed in increasing order");
            pd_jpath_pop(path, k);
        }
        if (!err && i > 0 && p->position_cm <= in->positions[i - 1].position_cm) {
            size_t k = pd_jpath_key(path, "metres");
            err = pd_diag_set(diag, PD_ERR_INPUT, path->text,
                              "a higher gate is further up the in-run (greater metres)");
            pd_jpath_pop(path, k);
        }
        pd_jpath_pop(path, at);
    }
    pd_jpath_pop(path, mark);
    if (err)
        return err;
    c->gate_positions = in->positions;
    c->gate_position_count = json_array_size(list);
    /* every starting gate needs its place on the in-run */
    int64_t unused;
    for (int r = 0; r < c->rounds; r++)
        for (int g = 0; g < PD_SJP_MAX_GROUPS; g++)
            if (!pd_sjp_gate_position_of(c, c->gate_start[r][g], &unused)) {
                size_t k = pd_jpath_key(path, "start");
                err = pd_diag_set(diag, PD_ERR_INPUT, path->text,
                                  "starting gate %lld is not in gate.positions",
                                  (long long)c->gate_start[r][g]);
                pd_jpath_pop(path, k);
                return err;
            }
    return PD_OK;
}

/* gate: points_per_gate (evenly spaced gates) or factor and positions. */
static pd_err parse_gate_compensation(sjp_input *in, json_t *gate, pd_jpath *path, pd_diag *diag)
{
    pd_sjp_config *c = &in->config;
    bool table = json_object_get(gate, "positions") != NULL;
    const char *other = table ? "points_per_gate" : "factor";
    if (json_object_get(gate, other)) {
        size_t k = pd_jpath_key(path, other);
        pd_err err = pd_diag_set(diag, PD_ERR_INPUT, path->text,
                                 table ? "not with gate.positions (use gate.factor)"
                                       : "needs gate.positions");
        pd_jpath_pop(path, k);
        return err;
    }
    if (!table)
        return pd_json_get_decimal(gate, "points_per_gate", true, 2, 0, 10000,
                                   &c->points_per_gate_c, path, diag);
    pd_err err =
        pd_json_get_decimal(gate, "factor", true, 2, 0, 10000, &c->gate_factor_c, path, diag);
    if (!err)
        err = parse_gate_positions(in, gate, path, diag);
    return err;
}

static pd_err parse_config(sjp_input *in, pd_jpath *path, pd_diag *diag)
{
    pd_sjp_config *c = &in->config;
    const json_t *config = in->doc->config;
    json_t *hill = NULL, *gate = NULL, *wind = NULL;
    int64_t rounds = 0, final_round = in->team ? 8 : 30;
    size_t mark = pd_jpath_key(path, "config");
    pd_err err = PD_OK;

    memset(c, 0, sizeof *c);
    c->team = in->team;
    if (!config)
        err = pd_diag_set(diag, PD_ERR_INPUT, "config", "missing");
    if (!err)
        err = pd_json_object_keys(config, config_keys, path, diag);
    if (!err)
        err = pd_json_get_object(config, "hill", true, &hill, path, diag);
    if (!err) {
        size_t at = pd_jpath_key(path, "hill");
        err = pd_json_object_keys(hill, hill_keys, path, diag);
        if (!err)
            err = pd_json_get_decimal(hill, "k", true, 1, 1, 3000, &c->k_dm, path, diag);
        if (!err)
            err = pd_json_get_decimal(hill, "hs", false, 1, 1, 3000, &c->hs_dm, path, diag);
        if (!err)
            err = pd_json_get_decimal(hill, "meter_value", true, 2, 1, 1000, &c->meter_value_c,
                                      path, diag);
        /* ICR: 60 points at K on normal and large hills, 120 on flying hills (K >= 170 m) */
        c->base_t = c->k_dm >= 1700 ? 1200 : 600;
        if (!err)
            err = pd_json_get_decimal(hill, "base", false, 1, 0, 10000, &c->base_t, path, diag);
        pd_jpath_pop(path, at);
    }
    if (!err)
        err = pd_json_get_int(config, "rounds", true, 1, PD_SJP_MAX_ROUNDS, &rounds, path, diag);
    c->rounds = (int)rounds;
    if (!err)
        err = pd_json_get_int(config, "final_round", false, 0, PD_SCORE_MAX_COMPETITORS,
                              &final_round, path, diag);
    c->final_round = (int)final_round;
    if (!err)
        err = pd_json_get_object(config, "gate", false, &gate, path, diag);
    if (!err && gate) {
        size_t at = pd_jpath_key(path, "gate");
        c->has_gate = true;
        err = pd_json_object_keys(gate, gate_keys, path, diag);
        if (!err)
            err = parse_gate_start(in, gate, path, diag);
        if (!err)
            err = parse_gate_compensation(in, gate, path, diag);
        pd_jpath_pop(path, at);
    }
    if (!err)
        err = pd_json_get_object(config, "wind", false, &wind, path, diag);
    if (!err && wind) {
        size_t at = pd_jpath_key(path, "wind");
        in->has_wind = true;
        err = pd_json_object_keys(wind, wind_keys, path, diag);
        if (!err)
            err = pd_json_get_decimal(wind, "head", true, 2, 0, 10000, &c->head_c, path, diag);
        if (!err)
            err = pd_json_get_decimal(wind, "tail", true, 2, 0, 10000, &c->tail_c, path, diag);
        pd_jpath_pop(path, at);
    }
    if (!err)
        err = pd_sjp_config_check(c, diag);
    if (err && !diag->path[0]) {
        char reason[PD_DIAG_REASON_MAX];
        snprintf(reason, sizeof reason, "%s", diag->reason);
        pd_diag_set(diag, err, "config", "%s", reason);
    }
    pd_jpath_pop(path, mark);
    return err;
}

static pd_err parse_marks(json_t *perf, pd_sjp_jump *jump, pd_jpath *path, pd_diag *diag)
{
    json_t *marks;
    pd_err err = pd_json_get_array(perf, "marks", true, 0, 64, &marks, path, diag);
    if (err)
        return err;
    size_t mark = pd_jpath_key(path, "marks");
    if (json_array_size(marks) != PD_SJP_MARKS)
        err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "expected %d marks, got %zu",
                          PD_SJP_MARKS, json_array_size(marks));
    for (size_t i = 0; !err && i < PD_SJP_MARKS; i++) {
        size_t at = pd_jpath_index(path, i);
        err = pd_json_decimal_value(json_array_get(marks, i), 1, 0, 200, &jump->marks_t[i], path,
                                    diag);
        if (!err && jump->marks_t[i] % 5 != 0)
            err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "a style mark is a multiple of 0.5");
        pd_jpath_pop(path, at);
    }
    pd_jpath_pop(path, mark);
    return err;
}

static pd_err parse_jump(sjp_input *in, size_t i, pd_jpath *path, pd_diag *diag)
{
    json_t *perf = json_array_get(in->doc->performances, i);
    pd_sjp_jump *jump = &in->jumps[i];
    int64_t round = 0, group = 0;
    const char *irm = NULL;
    pd_err err = pd_json_object_keys(perf, in->team ? team_jump_keys : jump_keys, path, diag);

    memset(jump, 0, sizeof *jump);
    jump->entry = in->doc->performance_competitor[i];
    if (!err)
        err = pd_json_get_int(perf, "round", true, 1, in->config.rounds, &round, path, diag);
    jump->round = (int)round;
    bool points_only = json_object_get(perf, "points") != NULL;
    if (!err && in->team) {
        /* a whole team's round (points alone) has no group */
        err =
            pd_json_get_int(perf, "group", !points_only, 1, PD_SJP_MAX_GROUPS, &group, path, diag);
        if (!err)
            err = pd_json_get_string(perf, "athlete", false, 200, &in->athletes[i], path, diag);
    }
    jump->group = (int)group;
    if (!err)
        err = pd_json_get_string(perf, "irm", false, 8, &irm, path, diag);
    if (!err && irm) {
        size_t at = pd_jpath_key(path, "irm");
        err = pd_irm_parse(irm, &jump->irm, diag);
        if (err)
            pd_diag_set(diag, err, path->text, "expected DSQ, DNS, DNF, LAP or WD, got \"%s\"",
                        irm);
        pd_jpath_pop(path, at);
        if (!err && points_only) {
            at = pd_jpath_key(path, "points");
            err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "a jump with an IRM has no points");
            pd_jpath_pop(path, at);
        }
    }
    if (!err && (irm || points_only)) {
        for (size_t k = 0; !err && k < sizeof measured_keys / sizeof *measured_keys; k++)
            if (json_object_get(perf, measured_keys[k])) {
                size_t at = pd_jpath_key(path, measured_keys[k]);
                err = pd_diag_set(diag, PD_ERR_INPUT, path->text,
                                  irm ? "a jump with an IRM carries no measurement"
                                      : "a jump given by its points carries no measurement");
                pd_jpath_pop(path, at);
            }
        if (!err && points_only) {
            jump->points_only = true;
            err =
                pd_json_get_decimal(perf, "points", true, 1, 0, 100000, &jump->points, path, diag);
        }
        return err;
    }
    if (!err)
        err =
            pd_json_get_decimal(perf, "distance", true, 1, 0, 4000, &jump->distance_dm, path, diag);
    if (!err && jump->distance_dm % 5 != 0) {
        size_t at = pd_jpath_key(path, "distance");
        err =
            pd_diag_set(diag, PD_ERR_INPUT, path->text, "distances are measured to the half metre");
        pd_jpath_pop(path, at);
    }
    if (!err)
        err = parse_marks(perf, jump, path, diag);
    if (!err)
        err = pd_json_get_decimal(perf, "wind", in->has_wind, 2, -5000, 5000, &jump->wind_c, path,
                                  diag);
    if (!err && json_object_get(perf, "gate")) {
        jump->has_gate = true;
        err = pd_json_get_int(perf, "gate", true, 0, 999, &jump->gate, path, diag);
        int64_t unused;
        if (!err && in->config.has_gate && in->config.gate_position_count > 0 &&
            !pd_sjp_gate_position_of(&in->config, jump->gate, &unused)) {
            size_t at = pd_jpath_key(path, "gate");
            err = pd_diag_set(diag, PD_ERR_INPUT, path->text,
                              "gate %lld is not in config.gate.positions", (long long)jump->gate);
            pd_jpath_pop(path, at);
        }
    } else if (!err && in->config.has_gate) {
        size_t at = pd_jpath_key(path, "gate");
        err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "missing (config.gate is given)");
        pd_jpath_pop(path, at);
    }
    if (!err)
        err = pd_json_get_bool(perf, "coach_gate", false, &jump->coach_gate, path, diag);
    if (!err && jump->coach_gate && !in->config.has_gate) {
        size_t at = pd_jpath_key(path, "coach_gate");
        err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "needs config.gate");
        pd_jpath_pop(path, at);
    }
    return err;
}

static json_t *tenths(int64_t value)
{
    char text[32];
    pd_fixed_format(value, 1, text, sizeof text);
    return json_string(text);
}

static json_t *jump_detail(const sjp_input *in, size_t j)
{
    const pd_sjp_jump *jump = &in->jumps[j];
    json_t *out = json_object();
    if (!out)
        return NULL;
    int bad = json_object_set_new(out, "round", json_integer(jump->round));
    if (in->team) {
        bad |= json_object_set_new(out, "group", json_integer(jump->group));
        if (in->athletes[j])
            bad |= json_object_set_new(out, "athlete", json_string(in->athletes[j]));
    }
    if (jump->irm != PD_IRM_NONE) {
        bad |= json_object_set_new(out, "irm", json_string(pd_irm_name(jump->irm)));
    } else if (jump->points_only) {
        bad |= json_object_set_new(out, "points", tenths(jump->points));
    } else {
        bad |= json_object_set_new(out, "distance_points", tenths(jump->distance_points));
        bad |= json_object_set_new(out, "style_points", tenths(jump->style_points));
        bad |= json_object_set_new(out, "gate_points", tenths(jump->gate_points));
        bad |= json_object_set_new(out, "wind_points", tenths(jump->wind_points));
        bad |= json_object_set_new(out, "points", tenths(jump->points));
    }
    if (bad) {
        json_decref(out);
        return NULL;
    }
    return out;
}

/* A jump's place in the listing: entry, round, group (sorted without globals). */
typedef struct {
    size_t entry;
    int round;
    int group;
    size_t index;
} jump_ref;

static int cmp_jump_ref(const void *a, const void *b)
{
    const jump_ref *x = a;
    const jump_ref *y = b;
    if (x->entry != y->entry)
        return x->entry < y->entry ? -1 : 1;
    if (x->round != y->round)
        return x->round - y->round;
    return x->group - y->group;
}

/*
 * Listing order among equal totals. FIS results list tied athletes by
 * descending bib, the last starter first: every tie of Beijing 2022 (six
 * on the individual hills and their qualifications, one pair of DSQs) is
 * listed so. Without a numeric bib, input order.
 */
static int64_t listing_order(const pd_competitor *c, size_t index)
{
    int64_t bib = 0;
    pd_diag ignored;
    if (c->bib[0] && pd_fixed_parse(c->bib, strlen(c->bib), 0, &bib, &ignored) == PD_OK &&
        bib >= 0 && bib < PD_SCORE_MAX_COMPETITORS * 100)
        return -bib;
    return (int64_t)index;
}

static pd_err render(sjp_input *in, pd_sjp_standing *standings, pd_rank_item *items, json_t **out)
{
    const pd_scoredoc *doc = in->doc;
    size_t entries = doc->competitor_count;
    jump_ref *order = calloc(in->count ? in->count : 1, sizeof *order);
    size_t *first = calloc(entries + 1, sizeof *first);
    pd_result_row *rows = calloc(entries ? entries : 1, sizeof *rows);
    char(*results)[32] = calloc(entries ? entries : 1, sizeof *results);
    pd_err err = PD_OK;
    if (!order || !first || !rows || !results) {
        err = PD_ERR_NOMEM;
        goto fail;
    }
    /* the jumps of each entry in round (then group) order */
    for (size_t j = 0; j < in->count; j++)
        order[j] = (jump_ref){in->jumps[j].entry, in->jumps[j].round, in->jumps[j].group, j};
    qsort(order, in->count, sizeof *order, cmp_jump_ref);
    for (size_t j = 0, e = 0; e <= entries; e++) {
        first[e] = j;
        while (j < in->count && order[j].entry == e)
            j++;
    }
    for (size_t i = 0; i < entries; i++) {
        size_t e = items[i].index;
        json_t *jumps = json_array();
        rows[i].competitor = doc->competitors[e].id;
        rows[i].rank = items[i].rank;
        rows[i].irm = items[i].irm;
        rows[i].result = results[i];
        if (items[i].irm == PD_IRM_NONE)
            pd_fixed_format(standings[e].total_t, 1, results[i], sizeof results[i]);
        rows[i].detail = json_object();
        if (!jumps || !rows[i].detail) {
            json_decref(jumps);
            err = PD_ERR_NOMEM;
            continue;
        }
        for (size_t j = first[e]; j < first[e + 1]; j++) {
            json_t *one = jump_detail(in, order[j].index);
            if (!one || json_array_append_new(jumps, one) != 0)
                err = PD_ERR_NOMEM;
        }
        if (json_object_set_new(rows[i].detail, "jumps", jumps) != 0)
            err = PD_ERR_NOMEM;
    }
    if (err) {
        for (size_t i = 0; i < entries; i++)
            json_decref(rows[i].detail);
        goto fail;
    }
    err = pd_resultdoc_build(doc, rows, entries, out);
fail:
    free(order);
    free(first);
    free(rows);
    free(results);
    return err;
}

static pd_err score(const pd_scoredoc *doc, bool team, json_t **out, pd_diag *diag)
{
    sjp_input in = {.doc = doc, .team = team};
    pd_jpath path;
    size_t entries = doc->competitor_count;
    pd_sjp_standing *standings = NULL;
    pd_rank_item *items = NULL;
    size_t bad = (size_t)-1;
    pd_err err;

    pd_jpath_init(&path);
    in.count = json_array_size(doc->performances);
    in.jumps = calloc(in.count ? in.count : 1, sizeof *in.jumps);
    in.athletes = calloc(in.count ? in.count : 1, sizeof *in.athletes);
    standings = calloc(entries ? entries : 1, sizeof *standings);
    items = calloc(entries ? entries : 1, sizeof *items);
    if (!in.jumps || !in.athletes || !standings || !items) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    err = parse_config(&in, &path, diag);
    if (err)
        goto fail;
    size_t mark = pd_jpath_key(&path, "performances");
    for (size_t i = 0; i < in.count && !err; i++) {
        size_t at = pd_jpath_index(&path, i);
        err = parse_jump(&in, i, &path, diag);
        pd_jpath_pop(&path, at);
    }
    pd_jpath_pop(&path, mark);
    if (err)
        goto fail;
    for (size_t e = 0; e < entries; e++) {
        items[e].index = e;
        items[e].order = listing_order(&doc->competitors[e], e);
    }
    err = pd_sjp_rank(&in.config, in.jumps, in.count, standings, items, entries, &bad, diag);
    if (err) {
        char where[64];
        char reason[PD_DIAG_REASON_MAX];
        snprintf(reason, sizeof reason, "%s", diag->reason);
        if (bad != (size_t)-1)
            snprintf(where, sizeof where, "performances[%zu]", bad);
        else
            snprintf(where, sizeof where, "config");
        pd_diag_set(diag, err, where, "%s", reason);
        goto fail;
    }
    err = render(&in, standings, items, out);
    if (err)
        pd_diag_set(diag, err, NULL, "out of memory");
fail:
    free(in.jumps);
    free(in.athletes);
    free(standings);
    free(items);
    return err;
}

pd_err pd_sjp_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag)
{
    return score(doc, false, out, diag);
}

pd_err pd_sjp_team_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag)
{
    return score(doc, true, out, diag);
}
