/*
 * hockey.h: ice hockey (IHO) group standings under the IIHF rules applied at
 * Beijing 2022, and the Olympic tournament formats of that Games.
 *
 * Games are decided in regulation (REG), overtime (OT) or by the game winning
 * shots (SO). Points: 3 for a regulation win, 2 for an OT or SO win, 1 for an
 * OT or SO loss, 0 for a regulation loss. A shoot-out win counts as one goal
 * in the score, as published (CHN 2-1 JPN after a 1-1 draw and a shoot-out).
 *
 * pd_iho_standings ranks one group with the complete IIHF tie-breaking
 * procedure (see hockey.c for each step and its source); pd_iho_seed ranks
 * the teams of several groups 1..n for the play-offs.
 */
#ifndef PODIUM_HOCKEY_H
#define PODIUM_HOCKEY_H

#include <stddef.h>

#include "podium/err.h"
#include "podium/standings.h"

/* The most teams one group may hold (a bound on the work per group). */
#define PD_IHO_MAX_TEAMS 64

typedef enum { PD_IHO_REG, PD_IHO_OT, PD_IHO_SO } pd_iho_decided;

/* "REG", "OT", "SO". */
const char *pd_iho_decided_name(pd_iho_decided decided);

/* Parse "REG", "OT" or "SO" (exact). PD_ERR_INPUT otherwise, with a reason. */
pd_err pd_iho_decided_parse(const char *text, pd_iho_decided *out, pd_diag *diag);

/* One game as published: goals include the one goal a shoot-out win adds. */
typedef struct {
    size_t team[2];
    int goals[2];
    pd_iho_decided decided;
} pd_iho_game;

/*
 * Check that a game's score can be a final hockey score for its `decided`:
 * never level; OT and SO won by exactly one goal. PD_ERR_INPUT with a reason
 * (path left empty: the caller names the field).
 */
pd_err pd_iho_game_check(const pd_iho_game *game, pd_diag *diag);

/* The table game for a hockey game: points 3-0, 2-1 (OT/SO), extra when not REG. */
pd_rr_game pd_iho_rr_game(const pd_iho_game *game);

/* Which rule placed a team below the team listed before it. */
typedef enum {
    PD_IHO_BY_NONE,         /* first of the group, or not separated */
    PD_IHO_BY_POINTS,       /* fewer points */
    PD_IHO_BY_HEAD_TO_HEAD, /* two teams level: the game between them */
    PD_IHO_BY_SUB_POINTS,   /* step 1: points in games among the tied teams */
    PD_IHO_BY_SUB_GOAL_DIFF,
    PD_IHO_BY_SUB_GOALS,
    PD_IHO_BY_OUTSIDE, /* steps 4-5: results against a team outside the subgroup */
    PD_IHO_BY_WORLD_RANKING,
    PD_IHO_BY_TIED /* nothing separates them: they share the rank */
} pd_iho_reason;

/* A short English phrase for a reason ("goal difference among tied teams"). */
const char *pd_iho_reason_name(pd_iho_reason reason);

typedef struct {
    size_t team;
    int rank;             /* 1-based; shared only when the procedure cannot separate */
    pd_rr_line line;      /* over every game of the group */
    pd_iho_reason reason; /* why this team is below the previous one */
    size_t versus;        /* PD_IHO_BY_OUTSIDE: the outside team whose results decided */
} pd_iho_standing;

/*
 * Rank teams 0..team_count-1 of one group. games must be valid
 * (pd_iho_game_check, team indices < team_count). world_rank[t] is the
 * team's position in the world ranking given in config (1 best), 0 when
 * unranked; world_rank may be NULL. out receives team_count standings in
 * official order. PD_ERR_NOMEM only.
 */
pd_err pd_iho_standings(const pd_iho_game *games, size_t game_count, size_t team_count,
                        const int *world_rank, pd_iho_standing *out, pd_diag *diag);

/* A team's place in its group, for seeding across groups. */
typedef struct {
    size_t team;
    int group_rank;  /* 1-based position in its group */
    pd_rr_line line; /* its group line */
    int world_rank;  /* 0 when unranked */
} pd_iho_placed;

/*
 * Seed the teams of several groups 1..count: by position in the group, then
 * points, goal difference, goals scored, then world ranking (Beijing 2022
 * men's tournament, ranking after the preliminary round). Sorts placed in
 * place; ties left by every criterion keep the input order.
 */
void pd_iho_seed(pd_iho_placed *placed, size_t count);

/* The Beijing 2022 play-off formats, as pd_playoff_format values. */
const pd_playoff_format *pd_iho_format_owg2022_men(void);
const pd_playoff_format *pd_iho_format_owg2022_women(void);

#endif
