/*
 * curling.h: curling (CUR) games end by end and round-robin standings under
 * the World Curling (WCF) rules used at the Olympic Winter Games 2022.
 *
 * A game is its line score: the points each side scored in each end, who had
 * the hammer (last stone) in the first end, and who conceded, if anyone. The
 * result derives from the ends (pd_cur_game_result). Standings rank by
 * win-loss record, then the games among the tied teams, then the draw shot
 * challenge (DSC); see curling.c for the rules and their sources.
 */
#ifndef PODIUM_CURLING_H
#define PODIUM_CURLING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "podium/err.h"
#include "podium/standings.h"

#define PD_CUR_MAX_ENDS  20
#define PD_CUR_MAX_TEAMS 64

typedef enum {
    PD_CUR_TEAM,         /* four players, 8 stones a team, 10 ends */
    PD_CUR_MIXED_DOUBLES /* two players, 6 stones a team (one placed), 8 ends */
} pd_cur_variant;

/* One game as its line score, sides 0 and 1. */
typedef struct {
    pd_cur_variant variant;
    int end_count;                /* ends played, extra ends included */
    int ends[PD_CUR_MAX_ENDS][2]; /* points of each side in each end */
    int hammer_first;             /* side with the last stone in end 1 */
    int conceded;                 /* side that conceded, -1 when none */
    bool playoff;                 /* a play-off game (stricter concession rule) */
} pd_cur_game;

/* What a line score comes to. */
typedef struct {
    int score[2];                /* totals */
    int winner;                  /* side that won */
    int extra_ends;              /* ends played beyond regulation */
    int hammer[PD_CUR_MAX_ENDS]; /* side with the last stone in each end */
    bool conceded;               /* ended by concession */
} pd_cur_result;

/* Regulation ends: 10 for teams, 8 for mixed doubles. */
int pd_cur_regulation_ends(pd_cur_variant variant);

/*
 * Check a line score and derive its result. Errors (PD_ERR_INPUT, the reason
 * naming the end "ends[3]" in diag->path relative to the game) when: an end
 * has points for both sides, more points than stones, the game is level
 * after regulation with no extra end, an extra end is played when the game
 * was not level, an end follows the deciding extra end, the game stops
 * before regulation without a concession, a team concedes while not behind
 * or before the minimum number of ends.
 */
pd_err pd_cur_game_result(const pd_cur_game *game, pd_cur_result *out, pd_diag *diag);

/* A decided curling game as a table game: one point for the win. */
pd_rr_game pd_cur_rr_game(size_t team0, size_t team1, int score0, int score1, bool extra);

/* Which rule placed a team below the team listed before it. */
typedef enum {
    PD_CUR_BY_NONE,
    PD_CUR_BY_RECORD,       /* fewer wins (more losses) */
    PD_CUR_BY_HEAD_TO_HEAD, /* two teams tied: the game between them */
    PD_CUR_BY_GAMES_AMONG,  /* three or more: record in games among the tied teams */
    PD_CUR_BY_DSC,          /* draw shot challenge */
    PD_CUR_BY_TIED          /* nothing separates them */
} pd_cur_reason;

/* A short English phrase for a reason. */
const char *pd_cur_reason_name(pd_cur_reason reason);

typedef struct {
    size_t team;
    int rank;
    pd_rr_line line;
    pd_cur_reason reason;
} pd_cur_standing;

/*
 * Rank teams 0..team_count-1 of a round robin (pd_cur_rr_game games).
 * dsc_hundredths[t] is team t's DSC in hundredths of a cm, or -1 when not
 * known (such teams follow those with a DSC); dsc may be NULL. out receives
 * team_count standings in official order.
 */
pd_err pd_cur_standings(const pd_rr_game *games, size_t game_count, size_t team_count,
                        const int64_t *dsc_hundredths, pd_cur_standing *out, pd_diag *diag);

/*
 * The draw shot challenge from a team's last stone draw stones (hundredths
 * of a cm, a stone outside the house 19960): the mean after the least
 * successful stone is removed (two when there are 11 or more, as in a
 * nine-game round robin of two stones a game), in hundredths rounded half
 * away from zero. count >= 2.
 */
int64_t pd_cur_dsc(const int64_t *lsd_hundredths, size_t count);

/* Semi-finals 1 v 4 and 2 v 3, bronze and gold games, 5th-10th by round robin. */
const pd_playoff_format *pd_cur_format_owg2022(void);

#endif
