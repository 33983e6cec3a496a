/*
 * curling.c: line scores, round-robin ranking and the Olympic play-offs of
 * curling under the World Curling rules (The Rules of Curling and Rules of
 * Competition, October 2021, as used at Beijing 2022).
 *
 * Line scores. Only one team scores in an end (a team scores one point per
 * stone nearer the tee than any opponent stone), so at most 8 (teams) or 6
 * (mixed doubles) and never both. A game has 10 ends (mixed doubles 8); a
 * game level after them goes to extra ends until one team scores. The last
 * stone (the hammer) passes to the team that did not score: in team curling
 * the team that scores delivers first in the next end and a blank end leaves
 * the hammer where it was; in mixed doubles a blank end passes it to the
 * other team (WCF mixed doubles rules). A game stops early only when the
 * trailing team concedes, and not before six ends of a ten-end game (eight
 * in the play-offs) or five of an eight-end game (WCF rules of competition).
 *
 * Round-robin ranking (WCF Rules of Competition, C9 team ranking procedure):
 *  (a) win-loss record;
 *  (b) two teams tied: the winner of their round-robin game ranks higher;
 *  (c) three or more tied: the record in the games among them; when that
 *      separates only some, the teams still tied are ranked again by the
 *      games among themselves (two left: their game);
 *  (d) teams still tied: the draw shot challenge (DSC), the lower ranking
 *      higher. The DSC is the average distance of a team's last stone draw
 *      stones in the round robin (a stone outside the house counts 199.6
 *      cm), the least successful one removed, or two from 11 stones up.
 * Teams with no DSC (not given) follow those with one and share a rank.
 */
#include "podium/curling.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/fixed.h"

int pd_cur_regulation_ends(pd_cur_variant variant)
{
    return variant == PD_CUR_MIXED_DOUBLES ? 8 : 10;
}

static int stones(pd_cur_variant variant)
{
    return variant == PD_CUR_MIXED_DOUBLES ? 6 : 8;
}

/* Team curling: six ends in the round robin, eight in the play-offs (WCF
 * rules of competition, as NBC Olympics summarised them for Beijing 2022).
 * Mixed doubles: five ends; the data of Beijing (no concession before six)
 * agrees, but we found no source for a stricter play-off minimum. */
static int min_ends_before_concession(const pd_cur_game *game)
{
    if (game->variant == PD_CUR_MIXED_DOUBLES)
        return 5;
    return game->playoff ? 8 : 6;
}

pd_err pd_cur_game_result(const pd_cur_game *game, pd_cur_result *out, pd_diag *diag)
{
    int regulation = pd_cur_regulation_ends(game->variant);
    char where[32];
    memset(out, 0, sizeof *out);
    if (game->end_count < 1 || game->end_count > PD_CUR_MAX_ENDS)
        return pd_diag_set(diag, PD_ERR_INPUT, "ends", "expected 1 to %d ends, got %d",
                           PD_CUR_MAX_ENDS, game->end_count);
    if (game->hammer_first != 0 && game->hammer_first != 1)
        return pd_diag_set(diag, PD_ERR_INPUT, "hammer", "no side has the hammer in end 1");
    int hammer = game->hammer_first;
    for (int e = 0; e < game->end_count; e++) {
        int a = game->ends[e][0];
        int b = game->ends[e][1];
        snprintf(where, sizeof where, "ends[%d]", e);
        if (a < 0 || b < 0 || a > stones(game->variant) || b > stones(game->variant))
            return pd_diag_set(diag, PD_ERR_INPUT, where, "%d-%d: a team scores 0 to %d in an end",
                               a, b, stones(game->variant));
        if (a > 0 && b > 0)
            return pd_diag_set(diag, PD_ERR_INPUT, where, "%d-%d: only one team scores in an end",
                               a, b);
        if (e >= regulation) {
            /* an extra end is played only while the game is level, so nothing
             * follows the extra end that decides it */
            if (out->score[0] != out->score[1])
                return pd_diag_set(diag, PD_ERR_INPUT, where,
                                   "extra end played but the game was decided (%d-%d)",
                                   out->score[0], out->score[1]);
            out->extra_ends++;
        }
        out->hammer[e] = hammer;
        out->score[0] += a;
        out->score[1] += b;
        if (a > 0)
            hammer = 1;
        else if (b > 0)
            hammer = 0;
        else if (game->variant == PD_CUR_MIXED_DOUBLES)
            hammer = 1 - hammer; /* mixed doubles: a blank end passes the hammer */
    }
    int played = game->end_count;
    bool level = out->score[0] == out->score[1];
    if (game->conceded >= 0) {
        if (game->conceded > 1)
            return pd_diag_set(diag, PD_ERR_INPUT, "conceded", "not a side of this game");
        if (out->score[game->conceded] >= out->score[1 - game->conceded])
            return pd_diag_set(diag, PD_ERR_INPUT, "conceded",
                               "the conceding team is not behind (%d-%d)", out->score[0],
                               out->score[1]);
        if (played < min_ends_before_concession(game))
            return pd_diag_set(diag, PD_ERR_INPUT, "conceded",
                               "conceded after %d ends; a %d-end game may be conceded only "
                               "after %d",
                               played, regulation, min_ends_before_concession(game));
        if (out->extra_ends == 0 && played > regulation)
            return pd_diag_set(diag, PD_ERR_INPUT, "ends", "%d ends in a %d-end game", played,
                               regulation);
        out->conceded = true;
        out->winner = 1 - game->conceded;
        return PD_OK;
    }
    if (played < regulation)
        return pd_diag_set(diag, PD_ERR_INPUT, "ends", "%d ends of %d played and no team conceded",
                           played, regulation);
    if (level)
        return pd_diag_set(diag, PD_ERR_INPUT, "ends",
                           "level %d-%d after %d ends: an extra end is needed", out->score[0],
                           out->score[1], played);
    out->winner = out->score[0] > out->score[1] ? 0 : 1;
    return PD_OK;
}

pd_rr_game pd_cur_rr_game(size_t team0, size_t team1, int score0, int score1, bool extra)
{
    pd_rr_game rr = {.team = {team0, team1}, .score = {score0, score1}, .extra = extra};
    rr.points[score0 > score1 ? 0 : 1] = 1;
    return rr;
}

const char *pd_cur_reason_name(pd_cur_reason reason)
{
    switch (reason) {
    case PD_CUR_BY_NONE:
        return "";
    case PD_CUR_BY_RECORD:
        return "win-loss record";
    case PD_CUR_BY_HEAD_TO_HEAD:
        return "game between the two tied teams";
    case PD_CUR_BY_GAMES_AMONG:
        return "record in games among the tied teams";
    case PD_CUR_BY_DSC:
        return "draw shot challenge";
    case PD_CUR_BY_TIED:
        return "tied";
    }
    return "";
}

typedef struct {
    const pd_rr_game *games;
    size_t game_count;
    size_t team_count;
    const int64_t *dsc;
    bool *member;
    pd_rr_line *sub;
    int64_t (*keys)[PD_STANDINGS_KEYS];
    size_t *order;
    pd_cur_reason *reason;
} ctx;

static void by_dsc(ctx *c, size_t a, size_t b)
{
    for (size_t i = a; i < b; i++) {
        size_t t = c->order[i];
        int64_t d = c->dsc ? c->dsc[t] : -1;
        c->keys[t][0] = d >= 0 ? -d : INT64_MIN; /* the lower DSC ranks higher */
    }
    pd_standings_sort(c->order + a, b - a, (const int64_t(*)[PD_STANDINGS_KEYS])c->keys, 1);
    for (size_t i = a + 1; i < b; i++)
        c->reason[i] =
            c->keys[c->order[i - 1]][0] == c->keys[c->order[i]][0] ? PD_CUR_BY_TIED : PD_CUR_BY_DSC;
}

/* Teams tied on record at positions [lo, hi): C9 (b)-(d). */
static void resolve(ctx *c, size_t lo, size_t hi)
{
    if (hi - lo < 2)
        return;
    pd_standings_tally_among(c->games, c->game_count, c->order + lo, hi - lo, c->member,
                             c->team_count, c->sub);
    for (size_t i = lo; i < hi; i++) {
        size_t t = c->order[i];
        c->keys[t][0] = c->sub[t].won;
        c->keys[t][1] = -(int64_t)c->sub[t].lost;
    }
    pd_standings_sort(c->order + lo, hi - lo, (const int64_t(*)[PD_STANDINGS_KEYS])c->keys, 2);
    pd_cur_reason step = hi - lo == 2 ? PD_CUR_BY_HEAD_TO_HEAD : PD_CUR_BY_GAMES_AMONG;
    size_t ends[PD_CUR_MAX_TEAMS];
    size_t runs = 0;
    for (size_t s = lo; s < hi;) {
        size_t e = s + pd_standings_run(c->order + s, hi - s,
                                        (const int64_t(*)[PD_STANDINGS_KEYS])c->keys, 2);
        if (s > lo)
            c->reason[s] = step;
        ends[runs++] = e;
        s = e;
    }
    if (runs == 1) {
        by_dsc(c, lo, hi); /* the games among them separate nobody */
        return;
    }
    /* C9 (c): the teams still tied are ranked again on the games among themselves. */
    size_t s = lo;
    for (size_t r = 0; r < runs; r++) {
        resolve(c, s, ends[r]);
        s = ends[r];
    }
}

pd_err pd_cur_standings(const pd_rr_game *games, size_t game_count, size_t team_count,
                        const int64_t *dsc_hundredths, pd_cur_standing *out, pd_diag *diag)
{
    pd_err err = PD_OK;
    pd_rr_line *lines = NULL;
    ctx c = {
        .games = games, .game_count = game_count, .team_count = team_count, .dsc = dsc_hundredths};
    if (team_count == 0)
        return PD_OK;
    if (team_count > PD_CUR_MAX_TEAMS)
        return pd_diag_set(diag, PD_ERR_INPUT, "competitors",
                           "%zu teams in one round robin (at most %d)", team_count,
                           PD_CUR_MAX_TEAMS);
    lines = calloc(team_count, sizeof *lines);
    c.member = calloc(team_count, sizeof *c.member);
    c.sub = calloc(team_count, sizeof *c.sub);
    c.keys = calloc(team_count, sizeof *c.keys);
    c.order = calloc(team_count, sizeof *c.order);
    c.reason = calloc(team_count, sizeof *c.reason);
    if (!lines || !c.member || !c.sub || !c.keys || !c.order || !c.reason) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    pd_standings_tally(games, game_count, NULL, team_count, lines);
    /* C9 (a): win-loss record: more wins, then fewer losses (a round robin in progress). */
    for (size_t t = 0; t < team_count; t++) {
        c.order[t] = t;
        c.keys[t][0] = lines[t].won;
        c.keys[t][1] = -(int64_t)lines[t].lost;
    }
    pd_standings_sort(c.order, team_count, (const int64_t(*)[PD_STANDINGS_KEYS])c.keys, 2);
    size_t ends[PD_CUR_MAX_TEAMS];
    size_t runs = 0;
    for (size_t s = 0; s < team_count;) {
        size_t e = s + pd_standings_run(c.order + s, team_count - s,
                                        (const int64_t(*)[PD_STANDINGS_KEYS])c.keys, 2);
        if (s > 0)
            c.reason[s] = PD_CUR_BY_RECORD;
        ends[runs++] = e;
        s = e;
    }
    size_t s = 0;
    for (size_t r = 0; r < runs; r++) {
        resolve(&c, s, ends[r]);
        s = ends[r];
    }
    for (size_t i = 0; i < team_count; i++) {
        out[i].team = c.order[i];
        out[i].line = lines[c.order[i]];
        out[i].reason = i == 0 ? PD_CUR_BY_NONE : c.reason[i];
        out[i].rank = (i > 0 && out[i].reason == PD_CUR_BY_TIED) ? out[i - 1].rank : (int)i + 1;
    }
fail:
    free(lines);
    free(c.member);
    free(c.sub);
    free(c.keys);
    free(c.order);
    free(c.reason);
    return err;
}

int64_t pd_cur_dsc(const int64_t *lsd_hundredths, size_t count)
{
    /* The least successful stones are removed before averaging: one, or two
     * when a team has 11 or more (a nine-game round robin has 18 LSD stones,
     * one clockwise and one counter-clockwise per game; Beijing 2022 removed
     * each team's two worst, Jiji Press 17 February 2022; the rule as
     * summarised by curlingseattle.org/dsc). */
    size_t discard = count >= 11 ? 2 : 1;
    if (count <= discard)
        return count ? lsd_hundredths[0] : 0;
    int64_t sum = 0;
    int64_t worst[2] = {-1, -1}; /* worst[0] >= worst[1] */
    for (size_t i = 0; i < count; i++) {
        int64_t d = lsd_hundredths[i];
        sum += d;
        if (d > worst[0]) {
            worst[1] = worst[0];
            worst[0] = d;
        } else if (d > worst[1]) {
            worst[1] = d;
        }
    }
    sum -= worst[0];
    if (discard == 2)
        sum -= worst[1];
    /* published to 0.01 cm: the mean rounded half away from zero */
    return pd_div_half_away(sum, (int64_t)(count - discard));
}

/* Olympic curling play-offs (teams and mixed doubles): the four best of the
 * round robin play semi-finals 1 v 4 and 2 v 3, then bronze and gold games;
 * 5th-10th are the round-robin places. */
static const pd_playoff_game cur_games[] = {
    {"semifinal", {PD_SEED(1), PD_SEED(4)}},
    {"semifinal", {PD_SEED(2), PD_SEED(3)}},
    {"bronze", {PD_LOSE(0), PD_LOSE(1)}},
    {"gold", {PD_WIN(0), PD_WIN(1)}},
};
static const pd_slot cur_places[] = {
    PD_WIN(3),  PD_LOSE(3), PD_WIN(2),  PD_LOSE(2), PD_SEED(5),
    PD_SEED(6), PD_SEED(7), PD_SEED(8), PD_SEED(9), PD_SEED(10),
};
static const pd_playoff_format cur_format = {"owg2022-curling", 10, cur_games, 4, cur_places, 10};

const pd_playoff_format *pd_cur_format_owg2022(void)
{
    return &cur_format;
}
