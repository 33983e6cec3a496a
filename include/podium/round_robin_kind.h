/*
 * round_robin_kind.h: reading team games from a score document (internal to
 * src/feed), shared by the kinds "round-robin" and "tournament".
 *
 * Each performance is one game seen from one side: {"competitor", "game",
 * "opponent", "for", "against", ...}. Hockey adds "decided" (REG, OT, SO);
 * curling gives the line score in "ends" with "hammer" and "conceded"
 * (docs/formats.md). Every game appears once; this module rejects a game id
 * listed twice, an opponent that is unknown or the competitor itself, and
 * scores that contradict how the game was decided.
 */
#ifndef PODIUM_FEED_ROUND_ROBIN_KIND_H
#define PODIUM_FEED_ROUND_ROBIN_KIND_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "podium/curling.h"
#include "podium/err.h"
#include "podium/hockey.h"
#include "podium/scoredoc.h"

typedef enum { RR_SPORT_IHO, RR_SPORT_CUR } rr_sport;

typedef struct {
    const char *id;         /* the game id as given */
    size_t performance;     /* index of the performance that gave it */
    size_t team[2];         /* competitor indices: the performance's competitor, its opponent */
    int score[2];           /* goals (hockey, shoot-out goal included) or points (curling) */
    pd_iho_decided decided; /* hockey */
    pd_cur_game cur;        /* curling: the line score (team[] as above) */
    const char *round;      /* "round" when allowed, else "" */
} rr_game;

/* Parse config.sport ("IHO" or "CUR"); the path is config.sport. */
pd_err rr_parse_sport(const pd_scoredoc *doc, rr_sport *out, pd_diag *diag);

/*
 * Read every performance as a game. allow_round accepts a "round" member
 * (the tournament kind). ends is the number of regulation ends for curling
 * (10, or 8 for mixed doubles). *games is allocated (free()), *count games.
 */
pd_err rr_parse_games(const pd_scoredoc *doc, rr_sport sport, bool allow_round, int ends,
                      rr_game **games, size_t *count, pd_diag *diag);

/*
 * config.ranking: an optional array of competitor ids in world-ranking order.
 * rank[competitor] becomes 1.. for listed ones, 0 otherwise; rank has
 * doc->competitor_count slots.
 */
pd_err rr_parse_ranking(const pd_scoredoc *doc, int *rank, pd_diag *diag);

/*
 * config.dsc: an optional object {competitor id: "45.3"} of draw shot
 * challenge distances in cm; dsc[competitor] in hundredths of a cm, -1 when
 * absent.
 */
pd_err rr_parse_dsc(const pd_scoredoc *doc, int64_t *dsc, pd_diag *diag);

/* The hockey detail object of a group line. New reference or NULL (no memory). */
json_t *rr_iho_detail(const pd_rr_line *line, const char *tie_break);

/* The curling detail object of a round-robin line (dsc -1: none). New reference or NULL. */
json_t *rr_cur_detail(const pd_rr_line *line, const char *tie_break, int64_t dsc);

/* The kinds "round-robin" and "tournament" (registered in kinds.c). */
pd_err pd_round_robin_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag);
pd_err pd_tournament_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag);

/*
 * The standing of one group of a "tournament" result document (doc, with
 * rsc and status as the server renders it), in the shape kind "round-robin"
 * gives a group: the group's teams (detail.group equal to group; "" for a
 * tournament without groups, the curling round robin) ordered and ranked by
 * their group rank, the result a round-robin line's (hockey: points; curling:
 * won-lost), the detail the group line's (no group, seed or play-off games).
 * Other members as in doc, kind "round-robin". *out is a new reference, NULL
 * when no team is in group. PD_ERR_NOMEM only.
 */
pd_err pd_tournament_pool_standing(const json_t *doc, const char *group, json_t **out);

/* A "+7" / "-3" / "0" string for a difference. */
void rr_format_diff(int diff, char *out, size_t size);

#endif
