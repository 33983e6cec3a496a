/*
 * round_robin_kind.c: the kind "round-robin" (group standings for ice hockey
 * and curling, ../shared/formats/score.md) and the game reader it shares with
 * the kind "tournament".
 *
 * Reading is strict and names the field on every error: a game id listed
 * twice, an unknown opponent, a hockey score that contradicts `decided`, a
 * curling line score that cannot be (both teams scoring in an end, a level
 * game without an extra end, a concession by the team ahead). The engines
 * (src/rules/hockey.c, curling.c) then rank; this file renders the table.
 */
#include "podium/round_robin_kind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/fixed.h"
#include "podium/kinds.h"
#include "podium/resultdoc.h"

pd_err rr_parse_sport(const pd_scoredoc *doc, rr_sport *out, pd_diag *diag)
{
    pd_jpath path;
    const char *sport;
    pd_jpath_init(&path);
    pd_jpath_key(&path, "config");
    if (!doc->config)
        return pd_diag_set(diag, PD_ERR_INPUT, "config", "missing (config.sport is required)");
    pd_err err = pd_json_get_string(doc->config, "sport", true, 8, &sport, &path, diag);
    if (err)
        return err;
    if (strcmp(sport, "IHO") == 0)
        *out = RR_SPORT_IHO;
    else if (strcmp(sport, "CUR") == 0)
        *out = RR_SPORT_CUR;
    else
        return pd_diag_set(diag, PD_ERR_INPUT, "config.sport",
                           "expected \"IHO\" or \"CUR\", got \"%s\"", sport);
    return PD_OK;
}

static const char *const iho_keys[] = {"competitor", "game",    "opponent", "for",
                                       "against",    "decided", NULL};
static const char *const iho_round_keys[] = {"competitor", "game",    "opponent", "for",
                                             "against",    "decided", "round",    NULL};
static const char *const cur_keys[] = {"competitor", "game",   "opponent", "for", "against",
                                       "ends",       "hammer", "conceded", NULL};
static const char *const cur_round_keys[] = {"competitor", "game",   "opponent", "for",   "against",
                                             "ends",       "hammer", "conceded", "round", NULL};

/* A member naming a competitor of this game ("hammer", "conceded"): side 0 or 1. */
static pd_err side_of(const json_t *item, const char *key, const pd_scoredoc *doc,
                      const rr_game *game, int *side, pd_jpath *path, pd_diag *diag)
{
    const char *id;
    pd_err err = pd_json_get_string(item, key, true, 64, &id, path, diag);
    if (err)
        return err;
    size_t c = pd_scoredoc_find(doc, id);
    if (c == game->team[0] && c != (size_t)-1)
        *side = 0;
    else if (c == game->team[1] && c != (size_t)-1)
        *side = 1;
    else {
        size_t at = pd_jpath_key(path, key);
        err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "\"%s\" is not a team of this game", id);
        pd_jpath_pop(path, at);
        return err;
    }
    return PD_OK;
}

static pd_err parse_ends(const json_t *item, const pd_scoredoc *doc, rr_game *game, int ends,
                         pd_jpath *path, pd_diag *diag)
{
    json_t *list;
    pd_cur_game *cur = &game->cur;
    pd_cur_result result;
    memset(cur, 0, sizeof *cur);
    cur->variant = ends == 8 ? PD_CUR_MIXED_DOUBLES : PD_CUR_TEAM;
    cur->conceded = -1;
    cur->playoff = game->round[0] != '\0' && strcmp(game->round, "round-robin") != 0;
    pd_err err = pd_json_get_array(item, "ends", true, 1, PD_CUR_MAX_ENDS, &list, path, diag);
    if (err)
        return err;
    size_t at = pd_jpath_key(path, "ends");
    for (size_t e = 0; e < json_array_size(list); e++) {
        json_t *end = json_array_get(list, e);
        size_t ae = pd_jpath_index(path, e);
        if (!json_is_array(end) || json_array_size(end) != 2)
            return pd_diag_set(diag, PD_ERR_INPUT, path->text, "expected [for, against], got %s",
                               pd_json_type_name(end));
        for (size_t s = 0; s < 2; s++) {
            int64_t v;
            size_t as = pd_jpath_index(path, s);
            err = pd_json_int_value(json_array_get(end, s), 0, 8, &v, path, diag);
            if (err)
                return err;
            cur->ends[e][s] = (int)v;
            pd_jpath_pop(path, as);
        }
        pd_jpath_pop(path, ae);
    }
    pd_jpath_pop(path, at);
    cur->end_count = (int)json_array_size(list);
    err = side_of(item, "hammer", doc, game, &cur->hammer_first, path, diag);
    if (!err && json_object_get(item, "conceded"))
        err = side_of(item, "conceded", doc, game, &cur->conceded, path, diag);
    if (err)
        return err;
    pd_diag inner = {0};
    err = pd_cur_game_result(cur, &result, &inner);
    if (err) {
        size_t ak = pd_jpath_key(path, inner.path);
        pd_diag_set(diag, err, path->text, "%s", inner.reason);
        pd_jpath_pop(path, ak);
        return err;
    }
    game->score[0] = result.score[0];
    game->score[1] = result.score[1];
    return PD_OK;
}

static int compare_game_id(const void *a, const void *b)
{
    const rr_game *x = *(const rr_game *const *)a;
    const rr_game *y = *(const rr_game *const *)b;
    int c = strcmp(x->id, y->id);
    if (c)
        return c;
    return x->performance < y->performance ? -1 : x->performance > y->performance;
}

pd_err rr_parse_games(const pd_scoredoc *doc, rr_sport sport, bool allow_round, int ends,
                      rr_game **games_out, size_t *count_out, pd_diag *diag)
{
    pd_jpath path;
    size_t n = json_array_size(doc->performances);
    rr_game *games = calloc(n ? n : 1, sizeof *games);
    const rr_game **by_id = NULL;
    pd_err err = PD_OK;
    if (!games)
        return pd_diag_set(diag, PD_ERR_NOMEM, "performances", "out of memory");
    pd_jpath_init(&path);
    pd_jpath_key(&path, "performances");
    const char *const *keys = sport == RR_SPORT_IHO ? (allow_round ? iho_round_keys : iho_keys)
                                                    : (allow_round ? cur_round_keys : cur_keys);
    for (size_t i = 0; i < n && !err; i++) {
        json_t *item = json_array_get(doc->performances, i);
        rr_game *game = &games[i];
        const char *opponent;
        size_t at = pd_jpath_index(&path, i);
        game->performance = i;
        game->team[0] = doc->performance_competitor[i];
        game->round = "";
        err = pd_json_object_keys(item, keys, &path, diag);
        if (!err)
            err = pd_json_get_string(item, "game", true, 64, &game->id, &path, diag);
        if (!err && game->id[0] == '\0') {
            pd_jpath_key(&path, "game");
            err = pd_diag_set(diag, PD_ERR_INPUT, path.text, "must not be empty");
        }
        if (!err)
            err = pd_json_get_string(item, "opponent", true, 64, &opponent, &path, diag);
        if (!err) {
            game->team[1] = pd_scoredoc_find(doc, opponent);
            if (game->team[1] == (size_t)-1 || game->team[1] == game->team[0]) {
                pd_jpath_key(&path, "opponent");
                err = pd_diag_set(diag, PD_ERR_INPUT, path.text,
                                  game->team[1] == (size_t)-1 ? "unknown competitor \"%s\""
                                                              : "\"%s\" cannot play itself",
                                  opponent);
            }
        }
        if (!err && allow_round)
            err = pd_json_get_string(item, "round", false, 32, &game->round, &path, diag);
        int64_t score_for = -1, score_against = -1;
        if (!err)
            err = pd_json_get_int(item, "for", sport == RR_SPORT_IHO, 0, 999, &score_for, &path,
                                  diag);
        if (!err)
            err = pd_json_get_int(item, "against", sport == RR_SPORT_IHO, 0, 999, &score_against,
                                  &path, diag);
        if (!err && sport == RR_SPORT_IHO) {
            const char *decided;
            pd_iho_game g;
            pd_diag inner = {0};
            game->score[0] = (int)score_for;
            game->score[1] = (int)score_against;
            err = pd_json_get_string(item, "decided", true, 8, &decided, &path, diag);
            if (!err) {
                pd_jpath_key(&path, "decided");
                err = pd_iho_decided_parse(decided, &game->decided, &inner);
                g = (pd_iho_game){{game->team[0], game->team[1]},
                                  {game->score[0], game->score[1]},
                                  game->decided};
                if (!err)
                    err = pd_iho_game_check(&g, &inner);
                if (err)
                    pd_diag_set(diag, err, path.text, "%s", inner.reason);
            }
        } else if (!err) {
            if (json_object_get(item, "ends")) {
                err = parse_ends(item, doc, game, ends, &path, diag);
                if (!err && score_for >= 0 && score_for != game->score[0]) {
                    pd_jpath_key(&path, "for");
                    err =
                        pd_diag_set(diag, PD_ERR_INPUT, path.text, "%d, but the ends add up to %d",
                                    (int)score_for, game->score[0]);
                }
                if (!err && score_against >= 0 && score_against != game->score[1]) {
                    pd_jpath_key(&path, "against");
                    err =
                        pd_diag_set(diag, PD_ERR_INPUT, path.text, "%d, but the ends add up to %d",
                                    (int)score_against, game->score[1]);
                }
            } else if (score_for < 0 || score_against < 0) {
                err = pd_diag_set(diag, PD_ERR_INPUT, path.text,
                                  "a curling game needs \"ends\" or both \"for\" and \"against\"");
            } else if (score_for == score_against) {
                pd_jpath_key(&path, "against");
                err = pd_diag_set(diag, PD_ERR_INPUT, path.text,
                                  "%d-%d is level, but a curling game has a winner (extra ends)",
                                  (int)score_for, (int)score_against);
            } else {
                game->score[0] = (int)score_for;
                game->score[1] = (int)score_against;
                game->cur.end_count = 0;
                game->cur.conceded = -1;
            }
        }
        pd_jpath_pop(&path, at);
    }
    if (err)
        goto fail;

    /* A game listed twice: sort by (id, position) and compare neighbours. */
    by_id = calloc(n ? n : 1, sizeof *by_id);
    if (!by_id) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, "performances", "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < n; i++)
        by_id[i] = &games[i];
    qsort(by_id, n, sizeof *by_id, compare_game_id);
    for (size_t i = 1; i < n; i++)
        if (strcmp(by_id[i - 1]->id, by_id[i]->id) == 0) {
            char where[64];
            snprintf(where, sizeof where, "performances[%zu].game", by_id[i]->performance);
            err = pd_diag_set(diag, PD_ERR_INPUT, where,
                              "game \"%s\" listed twice (also performances[%zu]); each game "
                              "appears once, from either side",
                              by_id[i]->id, by_id[i - 1]->performance);
            goto fail;
        }
    free(by_id);
    *games_out = games;
    *count_out = n;
    return PD_OK;
fail:
    free(by_id);
    free(games);
    return err;
}

pd_err rr_parse_ranking(const pd_scoredoc *doc, int *rank, pd_diag *diag)
{
    pd_jpath path;
    json_t *list = NULL;
    memset(rank, 0, doc->competitor_count * sizeof *rank);
    if (!doc->config)
        return PD_OK;
    pd_jpath_init(&path);
    pd_jpath_key(&path, "config");
    pd_err err = pd_json_get_array(doc->config, "ranking", false, 0, PD_SCORE_MAX_COMPETITORS,
                                   &list, &path, diag);
    if (err || !list)
        return err;
    pd_jpath_key(&path, "ranking");
    for (size_t i = 0; i < json_array_size(list); i++) {
        const char *id;
        size_t at = pd_jpath_index(&path, i);
        err = pd_json_string_value(json_array_get(list, i), 64, &id, &path, diag);
        if (err)
            return err;
        size_t c = pd_scoredoc_find(doc, id);
        if (c == (size_t)-1)
            return pd_diag_set(diag, PD_ERR_INPUT, path.text, "unknown competitor \"%s\"", id);
        if (rank[c])
            return pd_diag_set(diag, PD_ERR_INPUT, path.text, "\"%s\" ranked twice", id);
        rank[c] = (int)i + 1;
        pd_jpath_pop(&path, at);
    }
    return PD_OK;
}

pd_err rr_parse_dsc(const pd_scoredoc *doc, int64_t *dsc, pd_diag *diag)
{
    pd_jpath path;
    json_t *obj = NULL;
    for (size_t i = 0; i < doc->competitor_count; i++)
        dsc[i] = -1;
    if (!doc->config)
        return PD_OK;
    pd_jpath_init(&path);
    pd_jpath_key(&path, "config");
    pd_err err = pd_json_get_object(doc->config, "dsc", false, &obj, &path, diag);
    if (err || !obj)
        return err;
    pd_jpath_key(&path, "dsc");
    const char *id;
    json_t *value;
    json_object_foreach(obj, id, value)
    {
        size_t c = pd_scoredoc_find(doc, id);
        size_t at = pd_jpath_key(&path, id);
        if (c == (size_t)-1)
            return pd_diag_set(diag, PD_ERR_INPUT, path.text, "unknown competitor \"%s\"", id);
        /* DSC in cm, published with up to two decimals; a stone outside the
         * house counts 199.6 cm, so no DSC exceeds it. */
        err = pd_json_decimal_value(value, 2, 0, 19960, &dsc[c], &path, diag);
        if (err)
            return err;
        pd_jpath_pop(&path, at);
    }
    return PD_OK;
}

void rr_format_diff(int diff, char *out, size_t size)
{
    snprintf(out, size, diff > 0 ? "+%d" : "%d", diff);
}

static json_t *count_string(int n)
{
    char text[16];
    snprintf(text, sizeof text, "%d", n);
    return json_string(text);
}

json_t *rr_iho_detail(const pd_rr_line *line, const char *tie_break)
{
    char diff[16];
    rr_format_diff(line->score_for - line->score_against, diff, sizeof diff);
    /* IIHF table columns: GP, W, OTW, OTL, L, GF:GA, GD, PTS. W and L are
     * regulation results; OTW and OTL include game winning shots. */
    return json_pack(
        "{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:s}", "played", count_string(line->played),
        "won", count_string(line->won - line->extra_won), "ot_won", count_string(line->extra_won),
        "ot_lost", count_string(line->extra_lost), "lost",
        count_string(line->lost - line->extra_lost), "goals_for", count_string(line->score_for),
        "goals_against", count_string(line->score_against), "goal_difference", diff, "tie_break",
        tie_break);
}

/* "goal difference in games among the tied teams (FIN, ROC, SUI)" for standings[i]. */
static void iho_tie_text(const pd_scoredoc *doc, const pd_iho_standing *st, size_t count, size_t i,
                         char *out, size_t size)
{
    out[0] = '\0';
    pd_iho_reason r = st[i].reason;
    if (r == PD_IHO_BY_NONE || r == PD_IHO_BY_POINTS)
        return;
    if (r == PD_IHO_BY_OUTSIDE)
        snprintf(out, size, "IIHF: results against %s", doc->competitors[st[i].versus].id);
    else
        snprintf(out, size, "IIHF: %s", pd_iho_reason_name(r));
    (void)count;
}

static pd_err score_iho(const pd_scoredoc *doc, json_t **out, pd_diag *diag)
{
    static const char *const config_keys[] = {"sport", "ranking", NULL};
    pd_jpath path;
    rr_game *games = NULL;
    size_t count = 0;
    pd_iho_game *iho = NULL;
    int *world = NULL;
    pd_iho_standing *table = NULL;
    pd_result_row *rows = NULL;
    char(*points)[16] = NULL;
    size_t n = doc->competitor_count;
    pd_jpath_init(&path);
    pd_jpath_key(&path, "config");
    pd_err err = pd_json_object_keys(doc->config, config_keys, &path, diag);
    if (!err && n > PD_IHO_MAX_TEAMS)
        err = pd_diag_set(diag, PD_ERR_INPUT, "competitors", "%zu teams in one group (at most %d)",
                          n, PD_IHO_MAX_TEAMS);
    if (!err)
        err = rr_parse_games(doc, RR_SPORT_IHO, false, 0, &games, &count, diag);
    if (err)
        return err;
    iho = calloc(count ? count : 1, sizeof *iho);
    world = calloc(n ? n : 1, sizeof *world);
    table = calloc(n ? n : 1, sizeof *table);
    rows = calloc(n ? n : 1, sizeof *rows);
    points = calloc(n ? n : 1, sizeof *points);
    if (!iho || !world || !table || !rows || !points) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    err = rr_parse_ranking(doc, world, diag);
    if (err)
        goto fail;
    for (size_t g = 0; g < count; g++)
        iho[g] = (pd_iho_game){{games[g].team[0], games[g].team[1]},
                               {games[g].score[0], games[g].score[1]},
                               games[g].decided};
    err = pd_iho_standings(iho, count, n, world, table, diag);
    if (err)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        char tie[200];
        iho_tie_text(doc, table, n, i, tie, sizeof tie);
        snprintf(points[i], sizeof points[i], "%d", table[i].line.points);
        rows[i].competitor = doc->competitors[table[i].team].id;
        rows[i].rank = table[i].rank;
        rows[i].result = points[i];
        rows[i].detail = rr_iho_detail(&table[i].line, tie);
    }
    err = pd_resultdoc_build(doc, rows, n, out);
    if (err)
        pd_diag_set(diag, err, NULL, "out of memory");
fail:
    free(games);
    free(iho);
    free(world);
    free(table);
    free(rows);
    free(points);
    return err;
}

static pd_err parse_variant(const pd_scoredoc *doc, int *ends, pd_diag *diag)
{
    pd_jpath path;
    const char *variant = "team";
    pd_jpath_init(&path);
    pd_jpath_key(&path, "config");
    pd_err err = pd_json_get_string(doc->config, "variant", false, 16, &variant, &path, diag);
    if (err)
        return err;
    if (strcmp(variant, "team") == 0)
        *ends = pd_cur_regulation_ends(PD_CUR_TEAM);
    else if (strcmp(variant, "mixed-doubles") == 0)
        *ends = pd_cur_regulation_ends(PD_CUR_MIXED_DOUBLES);
    else
        return pd_diag_set(diag, PD_ERR_INPUT, "config.variant",
                           "expected \"team\" or \"mixed-doubles\", got \"%s\"", variant);
    return PD_OK;
}

json_t *rr_cur_detail(const pd_rr_line *line, const char *tie_break, int64_t dsc)
{
    char dsc_text[32] = "";
    if (dsc >= 0)
        pd_fixed_format(dsc, 2, dsc_text, sizeof dsc_text);
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:s, s:s}", "played", count_string(line->played),
                     "won", count_string(line->won), "lost", count_string(line->lost), "points_for",
                     count_string(line->score_for), "points_against",
                     count_string(line->score_against), "dsc", dsc_text, "tie_break", tie_break);
}

static pd_err score_cur(const pd_scoredoc *doc, json_t **out, pd_diag *diag)
{
    static const char *const config_keys[] = {"sport", "variant", "dsc", NULL};
    pd_jpath path;
    rr_game *games = NULL;
    size_t count = 0;
    pd_rr_game *rr = NULL;
    int64_t *dsc = NULL;
    pd_cur_standing *table = NULL;
    pd_result_row *rows = NULL;
    char(*records)[32] = NULL;
    size_t n = doc->competitor_count;
    int ends = 10;
    pd_jpath_init(&path);
    pd_jpath_key(&path, "config");
    pd_err err = pd_json_object_keys(doc->config, config_keys, &path, diag);
    if (!err && n > PD_CUR_MAX_TEAMS)
        err = pd_diag_set(diag, PD_ERR_INPUT, "competitors",
                          "%zu teams in one round robin (at most %d)", n, PD_CUR_MAX_TEAMS);
    if (!err)
        err = parse_variant(doc, &ends, diag);
    if (!err)
        err = rr_parse_games(doc, RR_SPORT_CUR, false, ends, &games, &count, diag);
    if (err)
        return err;
    rr = calloc(count ? count : 1, sizeof *rr);
    dsc = calloc(n ? n : 1, sizeof *dsc);
    table = calloc(n ? n : 1, sizeof *table);
    rows = calloc(n ? n : 1, sizeof *rows);
    records = calloc(n ? n : 1, sizeof *records);
    if (!rr || !dsc || !table || !rows || !records) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    err = rr_parse_dsc(doc, dsc, diag);
    if (err)
        goto fail;
    for (size_t g = 0; g < count; g++) {
        pd_cur_result result;
        bool extra = false;
        if (games[g].cur.end_count > 0 && pd_cur_game_result(&games[g].cur, &result, NULL) == PD_OK)
            extra = result.extra_ends > 0;
        rr[g] = pd_cur_rr_game(games[g].team[0], games[g].team[1], games[g].score[0],
                               games[g].score[1], extra);
    }
    err = pd_cur_standings(rr, count, n, dsc, table, diag);
    if (err)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        char tie[128] = "";
        if (table[i].reason != PD_CUR_BY_NONE && table[i].reason != PD_CUR_BY_RECORD)
            snprintf(tie, sizeof tie, "WCF C9: %s", pd_cur_reason_name(table[i].reason));
        /* WCF standings show the record as wins-losses: "8-1" */
        snprintf(records[i], sizeof records[i], "%d-%d", table[i].line.won, table[i].line.lost);
        rows[i].competitor = doc->competitors[table[i].team].id;
        rows[i].rank = table[i].rank;
        rows[i].result = records[i];
        rows[i].detail = rr_cur_detail(&table[i].line, tie, dsc[table[i].team]);
    }
    err = pd_resultdoc_build(doc, rows, n, out);
    if (err)
        pd_diag_set(diag, err, NULL, "out of memory");
fail:
    free(games);
    free(rr);
    free(dsc);
    free(table);
    free(rows);
    free(records);
    return err;
}

pd_err pd_round_robin_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag)
{
    rr_sport sport;
    pd_err err = rr_parse_sport(doc, &sport, diag);
    if (err)
        return err;
    return sport == RR_SPORT_IHO ? score_iho(doc, out, diag) : score_cur(doc, out, diag);
}
