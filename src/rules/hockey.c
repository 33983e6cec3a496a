/*
 * hockey.c: IIHF group standings, seeding across groups, and the Beijing 2022
 * Olympic play-off formats.
 *
 * Sources:
 *  - IIHF Sport Regulations (2021-22), game ranking and tie-breaking formula,
 *    as applied in the Regulations of the Olympic Ice Hockey Tournaments
 *    Beijing 2022. The exact article numbers were not available to us; each
 *    step below quotes what it implements.
 *  - The Beijing 2022 results (NBC/Gracenote feed): the published group
 *    tables, seeding and pairings this code reproduces (tests/rules).
 *
 * Points (IIHF three-point system): a regulation win 3, an overtime or game
 * winning shots (shoot-out) win 2, an OT/SO loss 1, a regulation loss 0.
 *
 * Ranking of a group. Teams are ordered by points. Then each run of teams
 * level on points is resolved:
 *  - Two teams level: "the game between the two teams, the winner of the game
 *    taking precedence".
 *  - Three or more: a subgroup of the games among the tied teams only, and
 *    in order
 *      step 1 points in those games,
 *      step 2 goal difference in those games,
 *      step 3 goals scored in those games,
 *      step 4 results against the closest best-ranked team outside the
 *             subgroup (points, then goal difference, then goals scored),
 *      step 5 the same against the next best-ranked team outside, and so on,
 *      step 6 the IIHF World Ranking (seeding entering the competition).
 *    Whenever a step leaves exactly two teams level, the game between those
 *    two decides ("this process continues until only two teams remain tied;
 *    the game between them is then the deciding factor").
 *
 * Choices where the regulation is silent (docs/formats.md):
 *  - Steps 1-3 keep the subgroup of all teams level on points: when a step
 *    separates some teams, the next step compares the rest with the figures
 *    of that same subgroup; it does not form a new, smaller subgroup.
 *  - "Outside the subgroup" means the teams above it first, nearest first,
 *    then the teams below it, nearest first (a tie at the top has none above).
 *  - Two teams that never met (a group in progress) go through steps 4-6.
 *  - Teams nothing separates (no world ranking given) share the rank and are
 *    listed in input order.
 */
#include "podium/hockey.h"

#include <stdlib.h>
#include <string.h>

const char *pd_iho_decided_name(pd_iho_decided decided)
{
    switch (decided) {
    case PD_IHO_REG:
        return "REG";
    case PD_IHO_OT:
        return "OT";
    case PD_IHO_SO:
        return "SO";
    }
    return "";
}

pd_err pd_iho_decided_parse(const char *text, pd_iho_decided *out, pd_diag *diag)
{
    static const pd_iho_decided all[] = {PD_IHO_REG, PD_IHO_OT, PD_IHO_SO};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strcmp(text, pd_iho_decided_name(all[i])) == 0) {
            *out = all[i];
            return PD_OK;
        }
    return pd_diag_set(diag, PD_ERR_INPUT, NULL, "expected REG, OT or SO, got \"%.20s\"", text);
}

pd_err pd_iho_game_check(const pd_iho_game *game, pd_diag *diag)
{
    int a = game->goals[0];
    int b = game->goals[1];
    if (a < 0 || b < 0)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "goals must not be negative");
    if (a == b)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                           "%d-%d is level, but every hockey game has a winner (IIHF "
                           "three-point system: overtime, then game winning shots)",
                           a, b);
    /* Overtime is sudden death, and a shoot-out win counts as one goal:
     * either way the winner is one goal ahead. */
    if (game->decided != PD_IHO_REG && abs(a - b) != 1)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                           "%d-%d contradicts decided %s: a game decided in %s is won by "
                           "exactly one goal",
                           a, b, pd_iho_decided_name(game->decided),
                           game->decided == PD_IHO_OT ? "overtime (sudden death)"
                                                      : "a shoot-out (counted as one goal)");
    return PD_OK;
}

pd_rr_game pd_iho_rr_game(const pd_iho_game *game)
{
    pd_rr_game rr = {.team = {game->team[0], game->team[1]},
                     .score = {game->goals[0], game->goals[1]},
                     .extra = game->decided != PD_IHO_REG};
    int winner = game->goals[0] > game->goals[1] ? 0 : 1;
    /* IIHF three-point system: 3 for a regulation win; 2 and 1 after OT or SO. */
    rr.points[winner] = rr.extra ? 2 : 3;
    rr.points[1 - winner] = rr.extra ? 1 : 0;
    return rr;
}

const char *pd_iho_reason_name(pd_iho_reason reason)
{
    switch (reason) {
    case PD_IHO_BY_NONE:
        return "";
    case PD_IHO_BY_POINTS:
        return "points";
    case PD_IHO_BY_HEAD_TO_HEAD:
        return "game between the two tied teams";
    case PD_IHO_BY_SUB_POINTS:
        return "points in games among the tied teams";
    case PD_IHO_BY_SUB_GOAL_DIFF:
        return "goal difference in games among the tied teams";
    case PD_IHO_BY_SUB_GOALS:
        return "goals scored in games among the tied teams";
    case PD_IHO_BY_OUTSIDE:
        return "results against the closest best-ranked team outside the subgroup";
    case PD_IHO_BY_WORLD_RANKING:
        return "IIHF World Ranking";
    case PD_IHO_BY_TIED:
        return "tied";
    }
    return "";
}

typedef struct {
    const pd_rr_game *rr;
    size_t game_count;
    size_t team_count;
    const int *world_rank;
    pd_rr_line *sub; /* scratch lines for the subgroup */
    bool *member;    /* scratch membership mask */
    int64_t (*keys)[PD_STANDINGS_KEYS];
    size_t *order;         /* team at each position */
    pd_iho_reason *reason; /* per position: why below the previous */
    size_t *versus;        /* per position, for PD_IHO_BY_OUTSIDE */
} ctx;

/* Mark the boundaries of positions [a, b) sorted on nkeys keys: a team that
 * differs from the previous on key k is below it for reasons[k]. */
static void mark_boundaries(ctx *c, size_t a, size_t b, int nkeys, const pd_iho_reason *reasons,
                            size_t versus)
{
    for (size_t i = a + 1; i < b; i++)
        for (int k = 0; k < nkeys; k++)
            if (c->keys[c->order[i - 1]][k] != c->keys[c->order[i]][k]) {
                c->reason[i] = reasons[k];
                c->versus[i] = versus;
                break;
            }
}

/* The end of the run of positions level with position a, within [a, b). */
static size_t run_end(const ctx *c, size_t a, size_t b, int nkeys)
{
    return a + pd_standings_run(c->order + a, b - a, (const int64_t(*)[PD_STANDINGS_KEYS])c->keys,
                                nkeys);
}

/* Two teams level: the game(s) between them. False when that does not separate. */
static bool head_to_head(ctx *c, size_t pos)
{
    size_t a = c->order[pos];
    size_t b = c->order[pos + 1];
    int points_a = 0, points_b = 0;
    for (size_t g = 0; g < c->game_count; g++) {
        const pd_rr_game *game = &c->rr[g];
        if (game->team[0] == a && game->team[1] == b) {
            points_a += game->points[0];
            points_b += game->points[1];
        } else if (game->team[0] == b && game->team[1] == a) {
            points_a += game->points[1];
            points_b += game->points[0];
        }
    }
    if (points_a == points_b)
        return false;
    if (points_b > points_a) {
        c->order[pos] = b;
        c->order[pos + 1] = a;
    }
    c->reason[pos + 1] = PD_IHO_BY_HEAD_TO_HEAD;
    return true;
}

/* Step 6: the world ranking; what it cannot separate stays tied. */
static void world_ranking(ctx *c, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        size_t t = c->order[i];
        int wr = c->world_rank ? c->world_rank[t] : 0;
        /* ranked teams first, best (smallest) ranking first */
        c->keys[t][0] = wr > 0 ? -(int64_t)wr : INT64_MIN;
    }
    pd_standings_sort(c->order + a, b - a, (const int64_t(*)[PD_STANDINGS_KEYS])c->keys, 1);
    for (size_t i = a + 1; i < b; i++) {
        size_t prev = c->order[i - 1];
        size_t t = c->order[i];
        bool same = c->keys[prev][0] == c->keys[t][0];
        c->reason[i] = same ? PD_IHO_BY_TIED : PD_IHO_BY_WORLD_RANKING;
    }
}

/* The outside team number `k` for the subgroup at positions [glo, ghi): the
 * teams above first (nearest first), then those below (nearest first).
 * Returns team_count when there is none left. */
static size_t outside_team(const ctx *c, size_t glo, size_t ghi, size_t k)
{
    if (k < glo)
        return c->order[glo - 1 - k];
    k -= glo;
    if (ghi + k < c->team_count)
        return c->order[ghi + k];
    return c->team_count;
}

/* Steps 4-6 for the teams at positions [a, b), all inside the subgroup [glo, ghi),
 * starting with outside team number k. */
static void outside_steps(ctx *c, size_t a, size_t b, size_t glo, size_t ghi, size_t k)
{
    static const pd_iho_reason reasons[3] = {PD_IHO_BY_OUTSIDE, PD_IHO_BY_OUTSIDE,
                                             PD_IHO_BY_OUTSIDE};
    for (;; k++) {
        size_t other = outside_team(c, glo, ghi, k);
        if (other == c->team_count) {
            world_ranking(c, a, b);
            return;
        }
        /* Steps 4 and 5: results against that team, 1. points, 2. goal
         * difference, 3. goals scored. */
        for (size_t i = a; i < b; i++)
            c->keys[c->order[i]][0] = c->keys[c->order[i]][1] = c->keys[c->order[i]][2] = 0;
        for (size_t g = 0; g < c->game_count; g++) {
            const pd_rr_game *game = &c->rr[g];
            for (int s = 0; s < 2; s++) {
                if (game->team[1 - s] != other)
                    continue;
                size_t t = game->team[s];
                bool in = false;
                for (size_t i = a; i < b && !in; i++)
                    in = c->order[i] == t;
                if (!in)
                    continue;
                c->keys[t][0] += game->points[s];
                c->keys[t][1] += game->score[s] - game->score[1 - s];
                c->keys[t][2] += game->score[s];
            }
        }
        pd_standings_sort(c->order + a, b - a, (const int64_t(*)[PD_STANDINGS_KEYS])c->keys, 3);
        size_t first_end = run_end(c, a, b, 3);
        if (first_end == b)
            continue; /* nobody separated: the next team outside */
        mark_boundaries(c, a, b, 3, reasons, other);
        for (size_t s = a; s < b;) {
            size_t e = run_end(c, s, b, 3);
            if (e - s == 2) {
                if (!head_to_head(c, s))
                    outside_steps(c, s, e, glo, ghi, k + 1);
            } else if (e - s > 2) {
                outside_steps(c, s, e, glo, ghi, k + 1);
            }
            s = e;
        }
        return;
    }
}

/* Teams level on points at positions [lo, hi). */
static void resolve_level(ctx *c, size_t lo, size_t hi)
{
    static const pd_iho_reason reasons[3] = {PD_IHO_BY_SUB_POINTS, PD_IHO_BY_SUB_GOAL_DIFF,
                                             PD_IHO_BY_SUB_GOALS};
    if (hi - lo < 2)
        return;
    if (hi - lo == 2 && head_to_head(c, lo))
        return;
    /* Steps 1-3: the subgroup of games among the tied teams. */
    pd_standings_tally_among(c->rr, c->game_count, c->order + lo, hi - lo, c->member, c->team_count,
                             c->sub);
    for (size_t i = lo; i < hi; i++) {
        size_t t = c->order[i];
        c->keys[t][0] = c->sub[t].points;
        c->keys[t][1] = c->sub[t].score_for - c->sub[t].score_against;
        c->keys[t][2] = c->sub[t].score_for;
    }
    pd_standings_sort(c->order + lo, hi - lo, (const int64_t(*)[PD_STANDINGS_KEYS])c->keys, 3);
    mark_boundaries(c, lo, hi, 3, reasons, 0);
    if (hi - lo == 2 && run_end(c, lo, hi, 3) == hi) {
        outside_steps(c, lo, hi, lo, hi, 0);
        return;
    }
    /* Run boundaries are all marked before any run is refined, because
     * refining reuses the keys of that run's teams. */
    size_t ends[PD_IHO_MAX_TEAMS];
    size_t runs = 0;
    for (size_t s = lo; s < hi; s = ends[runs - 1])
        ends[runs++] = run_end(c, s, hi, 3);
    size_t s = lo;
    for (size_t r = 0; r < runs; r++) {
        size_t e = ends[r];
        if (e - s == 2) {
            if (!head_to_head(c, s))
                outside_steps(c, s, e, lo, hi, 0);
        } else if (e - s > 2) {
            outside_steps(c, s, e, lo, hi, 0);
        }
        s = e;
    }
}

pd_err pd_iho_standings(const pd_iho_game *games, size_t game_count, size_t team_count,
                        const int *world_rank, pd_iho_standing *out, pd_diag *diag)
{
    pd_err err = PD_OK;
    ctx c = {.game_count = game_count, .team_count = team_count, .world_rank = world_rank};
    pd_rr_game *rr = NULL;
    pd_rr_line *lines = NULL;
    if (team_count == 0)
        return PD_OK;
    if (team_count > PD_IHO_MAX_TEAMS)
        return pd_diag_set(diag, PD_ERR_INPUT, "competitors", "%zu teams in one group (at most %d)",
                           team_count, PD_IHO_MAX_TEAMS);
    rr = calloc(game_count ? game_count : 1, sizeof *rr);
    lines = calloc(team_count, sizeof *lines);
    c.sub = calloc(team_count, sizeof *c.sub);
    c.member = calloc(team_count, sizeof *c.member);
    c.keys = calloc(team_count, sizeof *c.keys);
    c.order = calloc(team_count, sizeof *c.order);
    c.reason = calloc(team_count, sizeof *c.reason);
    c.versus = calloc(team_count, sizeof *c.versus);
    if (!rr || !lines || !c.sub || !c.member || !c.keys || !c.order || !c.reason || !c.versus) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    for (size_t g = 0; g < game_count; g++)
        rr[g] = pd_iho_rr_game(&games[g]);
    c.rr = rr;
    pd_standings_tally(rr, game_count, NULL, team_count, lines);

    /* The table: points first. */
    for (size_t t = 0; t < team_count; t++) {
        c.order[t] = t;
        c.keys[t][0] = lines[t].points;
    }
    pd_standings_sort(c.order, team_count, (const int64_t(*)[PD_STANDINGS_KEYS])c.keys, 1);
    static const pd_iho_reason by_points[1] = {PD_IHO_BY_POINTS};
    mark_boundaries(&c, 0, team_count, 1, by_points, 0);
    size_t ends[PD_IHO_MAX_TEAMS];
    size_t runs = 0;
    for (size_t s = 0; s < team_count; s = ends[runs - 1])
        ends[runs++] = run_end(&c, s, team_count, 1);
    size_t s = 0;
    for (size_t r = 0; r < runs; r++) {
        resolve_level(&c, s, ends[r]);
        s = ends[r];
    }

    for (size_t i = 0; i < team_count; i++) {
        pd_iho_standing *st = &out[i];
        st->team = c.order[i];
        st->line = lines[c.order[i]];
        st->reason = i == 0 ? PD_IHO_BY_NONE : c.reason[i];
        st->versus = c.versus[i];
        st->rank = (i > 0 && st->reason == PD_IHO_BY_TIED) ? out[i - 1].rank : (int)i + 1;
    }
fail:
    free(rr);
    free(lines);
    free(c.sub);
    free(c.member);
    free(c.keys);
    free(c.order);
    free(c.reason);
    free(c.versus);
    return err;
}

static int compare_placed(const pd_iho_placed *a, const pd_iho_placed *b)
{
    /* Beijing 2022 men: ranking after the preliminary round, in order:
     * higher position in the group, more points, better goal difference, more
     * goals scored, better IIHF World Ranking. */
    int64_t ka[5] = {-a->group_rank, a->line.points, a->line.score_for - a->line.score_against,
                     a->line.score_for, a->world_rank > 0 ? -a->world_rank : INT32_MIN};
    int64_t kb[5] = {-b->group_rank, b->line.points, b->line.score_for - b->line.score_against,
                     b->line.score_for, b->world_rank > 0 ? -b->world_rank : INT32_MIN};
    for (int k = 0; k < 5; k++)
        if (ka[k] != kb[k])
            return ka[k] > kb[k] ? -1 : 1;
    return 0;
}

void pd_iho_seed(pd_iho_placed *placed, size_t count)
{
    for (size_t i = 1; i < count; i++) {
        pd_iho_placed item = placed[i];
        size_t j = i;
        while (j > 0 && compare_placed(&item, &placed[j - 1]) < 0) {
            placed[j] = placed[j - 1];
            j--;
        }
        placed[j] = item;
    }
}

/*
 * Men, Beijing 2022: 12 teams seeded 1-12 after three groups of four. Seeds
 * 1-4 go to the quarter-finals; 5-12 play the qualification play-offs 5 v 12,
 * 6 v 11, 7 v 10, 8 v 9. Quarter-finals are fixed by seed: 1 v W(8/9),
 * 2 v W(7/10), 3 v W(6/11), 4 v W(5/12) (the published pairings USA v SVK,
 * FIN v SUI, ROC v DEN, SWE v CAN prove they were not re-seeded). The four
 * winners are re-seeded for the semi-finals: best v worst seed, second v
 * third (FIN v SVK, ROC v SWE). Losing quarter-finalists are 5th-8th and
 * losing qualifiers 9th-12th, each in seed order.
 */
static const pd_playoff_game men_games[] = {
    {"qualification", {PD_SEED(5), PD_SEED(12)}},
    {"qualification", {PD_SEED(6), PD_SEED(11)}},
    {"qualification", {PD_SEED(7), PD_SEED(10)}},
    {"qualification", {PD_SEED(8), PD_SEED(9)}},
    {"quarterfinal", {PD_SEED(1), PD_WIN(3)}},
    {"quarterfinal", {PD_SEED(2), PD_WIN(2)}},
    {"quarterfinal", {PD_SEED(3), PD_WIN(1)}},
    {"quarterfinal", {PD_SEED(4), PD_WIN(0)}},
    {"semifinal", {PD_RWIN(1, 4, 4), PD_RWIN(4, 4, 4)}},
    {"semifinal", {PD_RWIN(2, 4, 4), PD_RWIN(3, 4, 4)}},
    {"bronze", {PD_LOSE(8), PD_LOSE(9)}},
    {"gold", {PD_WIN(8), PD_WIN(9)}},
};
static const pd_slot men_places[] = {
    PD_WIN(11),        PD_LOSE(11),       PD_WIN(10),        PD_LOSE(10),
    PD_RLOSE(1, 4, 4), PD_RLOSE(2, 4, 4), PD_RLOSE(3, 4, 4), PD_RLOSE(4, 4, 4),
    PD_RLOSE(1, 0, 4), PD_RLOSE(2, 0, 4), PD_RLOSE(3, 0, 4), PD_RLOSE(4, 0, 4),
};
static const pd_playoff_format men_format = {"owg2022-men", 12, men_games, 12, men_places, 12};

/*
 * Women, Beijing 2022: group A (the five best ranked) and group B (five);
 * seeds 1-5 are A1-A5, 6-10 are B1-B5. The quarter-finals are 1 v 8, 2 v 7,
 * 3 v 6, 4 v 5 (CAN v SWE, USA v CZE, FIN v JPN, ROC v SUI); the winners are
 * re-seeded for the semi-finals (CAN v SUI, USA v FIN). Losing
 * quarter-finalists are 5th-8th in seed order; B4 and B5 are 9th and 10th.
 */
static const pd_playoff_game women_games[] = {
    {"quarterfinal", {PD_SEED(1), PD_SEED(8)}},
    {"quarterfinal", {PD_SEED(2), PD_SEED(7)}},
    {"quarterfinal", {PD_SEED(3), PD_SEED(6)}},
    {"quarterfinal", {PD_SEED(4), PD_SEED(5)}},
    {"semifinal", {PD_RWIN(1, 0, 4), PD_RWIN(4, 0, 4)}},
    {"semifinal", {PD_RWIN(2, 0, 4), PD_RWIN(3, 0, 4)}},
    {"bronze", {PD_LOSE(4), PD_LOSE(5)}},
    {"gold", {PD_WIN(4), PD_WIN(5)}},
};
static const pd_slot women_places[] = {
    PD_WIN(7),         PD_LOSE(7),        PD_WIN(6),         PD_LOSE(6), PD_RLOSE(1, 0, 4),
    PD_RLOSE(2, 0, 4), PD_RLOSE(3, 0, 4), PD_RLOSE(4, 0, 4), PD_SEED(9), PD_SEED(10),
};
static const pd_playoff_format women_format = {"owg2022-women", 10, women_games, 8,
                                               women_places,    10};

const pd_playoff_format *pd_iho_format_owg2022_men(void)
{
    return &men_format;
}

const pd_playoff_format *pd_iho_format_owg2022_women(void)
{
    return &women_format;
}
