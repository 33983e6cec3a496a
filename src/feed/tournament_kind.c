/*
 * tournament_kind.c: the kind "tournament": a whole team event, groups and
 * play-offs, in one of the formats of Beijing 2022 (docs/formats.md).
 *
 *   config.format "owg2022-men"     ice hockey, groups A-C of four, seeds 1-12
 *                                   across groups, qualification play-offs,
 *                                   quarter-finals, semi-finals re-seeded
 *   config.format "owg2022-women"   ice hockey, groups A and B of five, seeds
 *                                   A1-A5 then B1-B5, quarter-finals 1v8...,
 *                                   semi-finals re-seeded
 *   config.format "owg2022-curling" curling (teams or mixed doubles), one
 *                                   round robin of ten, semi-finals 1v4 2v3
 *
 * The group tables come from the sport's engine, the seeds from the group
 * places, and every play-off game given must be the pairing the format
 * derives from the seeds and the earlier results (pd_playoff_resolve): a
 * game between other teams is an error naming the performance. The results
 * are the final ranking; a team whose place is not decided yet has rank null.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/json.h"
#include "podium/resultdoc.h"
#include "podium/round_robin_kind.h"

#define MAX_GROUPS 8

typedef enum { SEED_ACROSS_GROUPS, SEED_GROUP_ORDER } seeding_rule;

typedef struct {
    const char *name;
    rr_sport sport;
    int groups; /* groups required (curling: one, may be omitted) */
    seeding_rule seeding;
    const pd_playoff_format *(*format)(void);
} format_def;

static const format_def formats[] = {
    {"owg2022-men", RR_SPORT_IHO, 3, SEED_ACROSS_GROUPS, pd_iho_format_owg2022_men},
    {"owg2022-women", RR_SPORT_IHO, 2, SEED_GROUP_ORDER, pd_iho_format_owg2022_women},
    {"owg2022-curling", RR_SPORT_CUR, 1, SEED_GROUP_ORDER, pd_cur_format_owg2022},
};

typedef struct {
    const pd_scoredoc *doc;
    const format_def *def;
    const pd_playoff_format *format;
    rr_sport sport;
    int ends;
    size_t n;      /* competitors */
    int *group_of; /* per competitor: group index, -1 none */
    const char *group_name[MAX_GROUPS];
    size_t group_count;
    int *group_rank;  /* per competitor */
    pd_rr_line *line; /* per competitor: group line */
    char (*tie)[160]; /* per competitor: tie-break text */
    int *seed_team;   /* seed (1-based) -> competitor, index 0 unused */
    int *seed_of;     /* competitor -> seed, 0 none */
    rr_game *games;
    size_t game_count;
    int *world;   /* IHO world ranking */
    int64_t *dsc; /* CUR */
} tctx;

static pd_err parse_config(tctx *t, pd_diag *diag)
{
    static const char *const iho_keys[] = {"sport", "format", "groups", "ranking", NULL};
    static const char *const cur_keys[] = {"sport", "format", "groups", "variant", "dsc", NULL};
    pd_jpath path;
    const char *name;
    pd_err err = rr_parse_sport(t->doc, &t->sport, diag);
    if (err)
        return err;
    pd_jpath_init(&path);
    pd_jpath_key(&path, "config");
    err = pd_json_object_keys(t->doc->config, t->sport == RR_SPORT_IHO ? iho_keys : cur_keys, &path,
                              diag);
    if (!err)
        err = pd_json_get_string(t->doc->config, "format", true, 32, &name, &path, diag);
    if (err)
        return err;
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(formats[i].name, name) == 0)
            t->def = &formats[i];
    if (!t->def || t->def->sport != t->sport)
        return pd_diag_set(diag, PD_ERR_INPUT, "config.format",
                           "unknown format \"%s\" for %s (known: owg2022-men, owg2022-women for "
                           "IHO; owg2022-curling for CUR)",
                           name, t->sport == RR_SPORT_IHO ? "IHO" : "CUR");
    t->format = t->def->format();
    t->ends = 10;
    if (t->sport == RR_SPORT_CUR) {
        const char *variant = "team";
        err = pd_json_get_string(t->doc->config, "variant", false, 16, &variant, &path, diag);
        if (err)
            return err;
        if (strcmp(variant, "mixed-doubles") == 0)
            t->ends = pd_cur_regulation_ends(PD_CUR_MIXED_DOUBLES);
        else if (strcmp(variant, "team") != 0)
            return pd_diag_set(diag, PD_ERR_INPUT, "config.variant",
                               "expected \"team\" or \"mixed-doubles\", got \"%s\"", variant);
    }
    return PD_OK;
}

static pd_err parse_groups(tctx *t, pd_diag *diag)
{
    pd_jpath path;
    json_t *groups = NULL;
    for (size_t c = 0; c < t->n; c++)
        t->group_of[c] = -1;
    pd_jpath_init(&path);
    pd_jpath_key(&path, "config");
    pd_err err = pd_json_get_object(t->doc->config, "groups", t->sport == RR_SPORT_IHO, &groups,
                                    &path, diag);
    if (err)
        return err;
    if (!groups) { /* curling: one round robin of every competitor */
        t->group_count = 1;
        t->group_name[0] = "";
        for (size_t c = 0; c < t->n; c++)
            t->group_of[c] = 0;
        return PD_OK;
    }
    pd_jpath_key(&path, "groups");
    if (json_object_size(groups) != (size_t)t->def->groups)
        return pd_diag_set(diag, PD_ERR_INPUT, path.text, "format %s has %d groups, got %zu",
                           t->def->name, t->def->groups, json_object_size(groups));
    const char *name;
    json_t *members;
    /* groups in name order, so that "A" seeds before "B" whatever the input order */
    const char *names[MAX_GROUPS];
    size_t count = 0;
    json_object_foreach(groups, name, members)
    {
        size_t i = count++;
        while (i > 0 && strcmp(names[i - 1], name) > 0) {
            names[i] = names[i - 1];
            i--;
        }
        names[i] = name;
    }
    for (size_t g = 0; g < count; g++) {
        members = json_object_get(groups, names[g]);
        size_t at = pd_jpath_key(&path, names[g]);
        t->group_name[g] = names[g];
        if (!json_is_array(members) || json_array_size(members) == 0)
            return pd_diag_set(diag, PD_ERR_INPUT, path.text,
                               "expected a non-empty array of competitor ids");
        for (size_t i = 0; i < json_array_size(members); i++) {
            const char *id;
            size_t ai = pd_jpath_index(&path, i);
            err = pd_json_string_value(json_array_get(members, i), 64, &id, &path, diag);
            if (err)
                return err;
            size_t c = pd_scoredoc_find(t->doc, id);
            if (c == (size_t)-1)
                return pd_diag_set(diag, PD_ERR_INPUT, path.text, "unknown competitor \"%s\"", id);
            if (t->group_of[c] >= 0)
                return pd_diag_set(diag, PD_ERR_INPUT, path.text, "\"%s\" is already in group %s",
                                   id, t->group_name[t->group_of[c]]);
            t->group_of[c] = (int)g;
            pd_jpath_pop(&path, ai);
        }
        pd_jpath_pop(&path, at);
    }
    t->group_count = count;
    for (size_t c = 0; c < t->n; c++)
        if (t->group_of[c] < 0) {
            char where[48];
            snprintf(where, sizeof where, "competitors[%zu].id", c);
            return pd_diag_set(diag, PD_ERR_INPUT, where, "team \"%s\" is in no group",
                               t->doc->competitors[c].id);
        }
    return PD_OK;
}

static bool is_group_game(const rr_game *g)
{
    return g->round[0] == '\0' || strcmp(g->round, "round-robin") == 0;
}

/* Rank one group; fills group_rank, line, tie for its members. */
static pd_err rank_group(tctx *t, size_t group, pd_diag *diag)
{
    pd_err err = PD_OK;
    size_t *members = calloc(t->n, sizeof *members);
    size_t *local = calloc(t->n, sizeof *local);
    pd_iho_game *iho = calloc(t->game_count ? t->game_count : 1, sizeof *iho);
    pd_rr_game *rr = calloc(t->game_count ? t->game_count : 1, sizeof *rr);
    pd_iho_standing *ist = calloc(t->n, sizeof *ist);
    pd_cur_standing *cst = calloc(t->n, sizeof *cst);
    int *world = calloc(t->n, sizeof *world);
    int64_t *dsc = calloc(t->n, sizeof *dsc);
    if (!members || !local || !iho || !rr || !ist || !cst || !world || !dsc) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    size_t m = 0;
    for (size_t c = 0; c < t->n; c++)
        if (t->group_of[c] == (int)group) {
            local[c] = m;
            world[m] = t->world ? t->world[c] : 0;
            dsc[m] = t->dsc ? t->dsc[c] : -1;
            members[m++] = c;
        }
    size_t gc = 0;
    for (size_t g = 0; g < t->game_count; g++) {
        const rr_game *game = &t->games[g];
        if (!is_group_game(game) || t->group_of[game->team[0]] != (int)group)
            continue;
        size_t a = local[game->team[0]], b = local[game->team[1]];
        if (t->sport == RR_SPORT_IHO)
            iho[gc++] = (pd_iho_game){{a, b}, {game->score[0], game->score[1]}, game->decided};
        else
            rr[gc++] = pd_cur_rr_game(a, b, game->score[0], game->score[1], false);
    }
    if (t->sport == RR_SPORT_IHO)
        err = pd_iho_standings(iho, gc, m, world, ist, diag);
    else
        err = pd_cur_standings(rr, gc, m, dsc, cst, diag);
    if (err)
        goto fail;
    for (size_t i = 0; i < m; i++) {
        size_t c = members[t->sport == RR_SPORT_IHO ? ist[i].team : cst[i].team];
        t->group_rank[c] = t->sport == RR_SPORT_IHO ? ist[i].rank : cst[i].rank;
        t->line[c] = t->sport == RR_SPORT_IHO ? ist[i].line : cst[i].line;
        t->tie[c][0] = '\0';
        if (t->sport == RR_SPORT_IHO && ist[i].reason == PD_IHO_BY_OUTSIDE)
            snprintf(t->tie[c], sizeof t->tie[c], "IIHF: results against %s",
                     t->doc->competitors[members[ist[i].versus]].id);
        else if (t->sport == RR_SPORT_IHO && ist[i].reason > PD_IHO_BY_POINTS)
            snprintf(t->tie[c], sizeof t->tie[c], "IIHF: %s", pd_iho_reason_name(ist[i].reason));
        else if (t->sport == RR_SPORT_CUR && cst[i].reason > PD_CUR_BY_RECORD)
            snprintf(t->tie[c], sizeof t->tie[c], "WCF C9: %s", pd_cur_reason_name(cst[i].reason));
    }
fail:
    free(members);
    free(local);
    free(iho);
    free(rr);
    free(ist);
    free(cst);
    free(world);
    free(dsc);
    return err;
}

/* Seeds 1..n from the group places. */
static pd_err seed(tctx *t, pd_diag *diag)
{
    if ((int)t->n != t->format->seeds)
        return pd_diag_set(diag, PD_ERR_INPUT, "competitors", "format %s needs %d teams, got %zu",
                           t->def->name, t->format->seeds, t->n);
    size_t s = 1;
    if (t->def->seeding == SEED_ACROSS_GROUPS) {
        pd_iho_placed *placed = calloc(t->n, sizeof *placed);
        if (!placed)
            return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        for (size_t c = 0; c < t->n; c++)
            placed[c] =
                (pd_iho_placed){c, t->group_rank[c], t->line[c], t->world ? t->world[c] : 0};
        pd_iho_seed(placed, t->n);
        for (size_t i = 0; i < t->n; i++)
            t->seed_team[s++] = (int)placed[i].team;
        free(placed);
    } else {
        /* group by group in name order, each in its table order */
        for (size_t g = 0; g < t->group_count; g++)
            for (int r = 1; r <= (int)t->n; r++)
                for (size_t c = 0; c < t->n; c++)
                    if (t->group_of[c] == (int)g && t->group_rank[c] == r)
                        t->seed_team[s++] = (int)c;
    }
    for (size_t i = 1; i <= t->n; i++)
        t->seed_of[t->seed_team[i]] = (int)i;
    return PD_OK;
}

static bool round_known(const tctx *t, const char *round)
{
    if (is_group_game(&(rr_game){.round = round}))
        return true;
    for (int g = 0; g < t->format->game_count; g++)
        if (strcmp(t->format->games[g].round, round) == 0)
            return true;
    return false;
}

static pd_err check_games(tctx *t, pd_diag *diag)
{
    for (size_t g = 0; g < t->game_count; g++) {
        const rr_game *game = &t->games[g];
        char where[64];
        if (!round_known(t, game->round)) {
            snprintf(where, sizeof where, "performances[%zu].round", game->performance);
            return pd_diag_set(diag, PD_ERR_INPUT, where, "no round \"%s\" in format %s",
                               game->round, t->def->name);
        }
        if (is_group_game(game) && t->group_of[game->team[0]] != t->group_of[game->team[1]]) {
            snprintf(where, sizeof where, "performances[%zu].opponent", game->performance);
            return pd_diag_set(
                diag, PD_ERR_INPUT, where,
                "%s (group %s) and %s (group %s) are not in the same group",
                t->doc->competitors[game->team[0]].id, t->group_name[t->group_of[game->team[0]]],
                t->doc->competitors[game->team[1]].id, t->group_name[t->group_of[game->team[1]]]);
        }
    }
    return PD_OK;
}

/* Match the play-off games given with the format's games; fills winner_side and used. */
static pd_err play_offs(tctx *t, int *winner_side, int (*pairing)[2], int *place_seed,
                        size_t *matched, pd_diag *diag)
{
    int count = t->format->game_count;
    bool *used = calloc(t->game_count ? t->game_count : 1, sizeof *used);
    pd_err err = PD_OK;
    if (!used)
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
    for (int g = 0; g < count; g++) {
        winner_side[g] = -1;
        matched[g] = (size_t)-1;
    }
    bool progress = true;
    while (progress && !err) {
        progress = false;
        err = pd_playoff_resolve(t->format, winner_side, pairing, place_seed, diag);
        for (int g = 0; g < count && !err; g++) {
            if (winner_side[g] >= 0 || !pairing[g][0] || !pairing[g][1])
                continue;
            int a = t->seed_team[pairing[g][0]], b = t->seed_team[pairing[g][1]];
            for (size_t k = 0; k < t->game_count; k++) {
                const rr_game *game = &t->games[k];
                if (used[k] || strcmp(game->round, t->format->games[g].round) != 0)
                    continue;
                int x = (int)game->team[0], y = (int)game->team[1];
                if (!((x == a && y == b) || (x == b && y == a)))
                    continue;
                int winner = game->score[0] > game->score[1] ? x : y;
                winner_side[g] = winner == a ? 0 : 1;
                matched[g] = k;
                used[k] = true;
                progress = true;
                break;
            }
        }
    }
    for (size_t k = 0; k < t->game_count && !err; k++) {
        const rr_game *game = &t->games[k];
        if (used[k] || is_group_game(game))
            continue;
        char where[64];
        snprintf(where, sizeof where, "performances[%zu]", game->performance);
        err = pd_diag_set(diag, PD_ERR_INPUT, where,
                          "%s %s v %s is not a pairing of format %s: the seeds and the earlier "
                          "results do not bring these teams together in this round",
                          game->round, t->doc->competitors[game->team[0]].id,
                          t->doc->competitors[game->team[1]].id, t->def->name);
    }
    free(used);
    return err;
}

static json_t *count_string(int n)
{
    char text[16];
    snprintf(text, sizeof text, "%d", n);
    return json_string(text);
}

pd_err pd_tournament_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag)
{
    tctx t = {.doc = doc, .n = doc->competitor_count};
    int winner_side[PD_PLAYOFF_MAX_GAMES];
    int pairing[PD_PLAYOFF_MAX_GAMES][2];
    size_t matched[PD_PLAYOFF_MAX_GAMES];
    int *place_seed = NULL;
    pd_result_row *rows = NULL;
    size_t *row_team = NULL; /* by row: the competitor's index */
    char(*results)[32] = NULL;
    size_t n = t.n;
    pd_err err = parse_config(&t, diag);
    if (err)
        return err;
    if (n == 0 || n > PD_IHO_MAX_TEAMS)
        return pd_diag_set(diag, PD_ERR_INPUT, "competitors", "format %s needs %d teams, got %zu",
                           t.def->name, t.format->seeds, n);
    t.group_of = calloc(n, sizeof *t.group_of);
    t.group_rank = calloc(n, sizeof *t.group_rank);
    t.line = calloc(n, sizeof *t.line);
    t.tie = calloc(n, sizeof *t.tie);
    t.seed_team = calloc(n + 1, sizeof *t.seed_team);
    t.seed_of = calloc(n, sizeof *t.seed_of);
    t.world = calloc(n, sizeof *t.world);
    t.dsc = calloc(n, sizeof *t.dsc);
    place_seed = calloc((size_t)t.format->place_count + 1, sizeof *place_seed);
    rows = calloc(n, sizeof *rows);
    row_team = calloc(n, sizeof *row_team);
    results = calloc(n, sizeof *results);
    if (!t.group_of || !t.group_rank || !t.line || !t.tie || !t.seed_team || !t.seed_of ||
        !t.world || !t.dsc || !place_seed || !rows || !row_team || !results) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    err = parse_groups(&t, diag);
    if (!err && t.sport == RR_SPORT_IHO)
        err = rr_parse_ranking(doc, t.world, diag);
    if (!err && t.sport == RR_SPORT_CUR)
        err = rr_parse_dsc(doc, t.dsc, diag);
    if (!err)
        err = rr_parse_games(doc, t.sport, true, t.ends, &t.games, &t.game_count, diag);
    if (!err)
        err = check_games(&t, diag);
    for (size_t g = 0; g < t.group_count && !err; g++)
        err = rank_group(&t, g, diag);
    if (!err)
        err = seed(&t, diag);
    if (!err)
        err = play_offs(&t, winner_side, pairing, place_seed, matched, diag);
    if (err)
        goto fail;

    /* final ranking: decided places first, then the rest in seed order */
    bool *placed = calloc(n, sizeof *placed);
    size_t r = 0;
    if (!placed) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    for (int p = 0; p < t.format->place_count; p++)
        if (place_seed[p] > 0) {
            size_t c = (size_t)t.seed_team[place_seed[p]];
            rows[r].competitor = doc->competitors[c].id;
            row_team[r] = c;
            rows[r].rank = p + 1;
            placed[c] = true;
            r++;
        }
    for (int s = 1; s <= (int)n; s++) {
        size_t c = (size_t)t.seed_team[s];
        if (!placed[c]) {
            rows[r].competitor = doc->competitors[c].id;
            row_team[r] = c;
            rows[r].rank = 0;
            r++;
        }
    }
    free(placed);
    for (size_t i = 0; i < n; i++) {
        size_t c = row_team[i];
        const pd_rr_line *line = &t.line[c];
        json_t *games = json_array();
        for (int g = 0; g < t.format->game_count && games; g++) {
            if (matched[g] == (size_t)-1)
                continue;
            const rr_game *game = &t.games[matched[g]];
            int side = game->team[0] == c ? 0 : game->team[1] == c ? 1 : -1;
            if (side < 0)
                continue;
            char score[32];
            snprintf(score, sizeof score, "%d-%d", game->score[side], game->score[1 - side]);
            json_array_append_new(
                games,
                json_pack("{s:s, s:s, s:s, s:s}", "round", game->round, "opponent",
                          doc->competitors[game->team[1 - side]].id, "score", score, "decided",
                          t.sport == RR_SPORT_IHO ? pd_iho_decided_name(game->decided) : ""));
        }
        json_t *detail = t.sport == RR_SPORT_IHO ? rr_iho_detail(line, t.tie[c])
                                                 : rr_cur_detail(line, t.tie[c], t.dsc[c]);
        if (detail) {
            json_object_set_new(detail, "group", json_string(t.group_name[t.group_of[c]]));
            json_object_set_new(detail, "group_rank", count_string(t.group_rank[c]));
            json_object_set_new(detail, "seed", count_string(t.seed_of[c]));
            if (t.sport == RR_SPORT_IHO)
                json_object_set_new(detail, "points", count_string(line->points));
            json_object_set_new(detail, "playoff", games ? games : json_array());
        } else {
            json_decref(games);
        }
        /* result: the final place reached ("1"), or empty while undecided */
        if (rows[i].rank > 0)
            snprintf(results[i], sizeof results[i], "%d", rows[i].rank);
        rows[i].result = results[i];
        rows[i].detail = detail;
    }
    err = pd_resultdoc_build(doc, rows, n, out);
    if (err)
        pd_diag_set(diag, err, NULL, "out of memory");
fail:
    free(t.group_of);
    free(t.group_rank);
    free(t.line);
    free(t.tie);
    free(t.seed_team);
    free(t.seed_of);
    free(t.world);
    free(t.dsc);
    free(t.games);
    free(place_seed);
    free(rows);
    free(row_team);
    free(results);
    return err;
}

/* --- one group's standing -------------------------------------------------------------- */

typedef struct {
    json_t *row;
    long group_rank; /* 0: none yet */
    size_t order;    /* the row's place in the tournament's results */
} pool_entry;

static int cmp_pool_entry(const void *a, const void *b)
{
    const pool_entry *x = a, *y = b;
    long rx = x->group_rank ? x->group_rank : 1000000, ry = y->group_rank ? y->group_rank : 1000000;
    if (rx != ry)
        return rx < ry ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* A string member's text, or fallback when absent. */
static const char *text_or(const json_t *obj, const char *key, const char *fallback)
{
    const char *text = json_string_value(json_object_get(obj, key));
    return text ? text : fallback;
}

/* A row of the group's standing from a row of the tournament; NULL when out of memory. */
static json_t *pool_row(const pool_entry *e, bool hockey)
{
    static const char *const tournament_only[] = {"group", "group_rank", "seed", "playoff",
                                                  "points"};
    json_t *detail = json_object_get(e->row, "detail");
    json_t *row = json_object(), *standing = json_copy(detail);
    char result[32];
    if (hockey)
        snprintf(result, sizeof result, "%s", text_or(detail, "points", ""));
    else
        snprintf(result, sizeof result, "%s-%s", text_or(detail, "won", "0"),
                 text_or(detail, "lost", "0"));
    for (size_t k = 0; standing && k < sizeof tournament_only / sizeof *tournament_only; k++)
        json_object_del(standing, tournament_only[k]);
    json_t *irm = json_object_get(e->row, "irm");
    bool ok = row && standing &&
              pd_json_put(row, "rank", e->group_rank ? json_integer(e->group_rank) : json_null()) &&
              pd_json_put(row, "competitor", json_incref(json_object_get(e->row, "competitor"))) &&
              pd_json_put(row, "result", json_string(result)) &&
              pd_json_put(row, "irm", irm ? json_incref(irm) : json_string(""));
    if (ok) {
        ok = pd_json_put(row, "detail", standing); /* taken, also on failure */
        standing = NULL;
    }
    if (!ok) {
        json_decref(standing);
        json_decref(row);
        return NULL;
    }
    return row;
}

pd_err pd_tournament_pool_standing(const json_t *doc, const char *group, json_t **out)
{
    json_t *results = json_object_get(doc, "results");
    size_t n = json_array_size(results), count = 0;
    bool hockey = strcmp(text_or(doc, "discipline", ""), "IHO") == 0;
    *out = NULL;
    pool_entry *entries = calloc(n ? n : 1, sizeof *entries);
    if (!entries)
        return PD_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        json_t *row = json_array_get(results, i);
        json_t *detail = json_object_get(row, "detail");
        const char *name = json_string_value(json_object_get(detail, "group"));
        if (!name || strcmp(name, group) != 0)
            continue;
        const char *rank = json_string_value(json_object_get(detail, "group_rank"));
        entries[count++] = (pool_entry){row, rank ? strtol(rank, NULL, 10) : 0, i};
    }
    pd_err err = PD_OK;
    if (count > 0) {
        qsort(entries, count, sizeof *entries, cmp_pool_entry);
        json_t *rows = json_array();
        bool ok = rows != NULL;
        for (size_t i = 0; ok && i < count; i++)
            ok = json_array_append_new(rows, pool_row(&entries[i], hockey)) == 0;
        json_t *pool = ok ? json_copy((json_t *)doc) : NULL; /* shallow: its rows are replaced */
        if (!pool || !pd_json_put(pool, "kind", json_string("round-robin"))) {
            json_decref(rows);
            json_decref(pool);
            err = PD_ERR_NOMEM;
        } else if (json_object_set_new(pool, "results", rows) != 0) { /* rows taken */
            json_decref(pool);
            err = PD_ERR_NOMEM;
        } else {
            *out = pool;
        }
    }
    free(entries);
    return err;
}
