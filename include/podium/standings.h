/*
 * standings.h: what every team tournament shares: round-robin tables and
 * play-off formats.
 *
 * A round robin is a list of decided games between teams numbered 0..n-1.
 * The sport decides how many table points each side earns (hockey 3-2-1-0,
 * curling one win); this module sums them into lines over any subset of the
 * teams (the whole group, or only the games among tied teams), and orders
 * teams by integer keys. The sport's engine (hockey.c, curling.c) applies its
 * own tie-breaking procedure with these pieces.
 *
 * A play-off format is a fixed list of games whose two sides are derived from
 * seeds: "seed 5", "winner of game 2", "the best-seeded winner of games 4-7"
 * (re-seeding). With the games' winners known, pd_playoff_resolve says who
 * plays whom in every game and who takes every final place. Nothing here is
 * specific to a sport: the same description serves brackets of any size.
 */
#ifndef PODIUM_STANDINGS_H
#define PODIUM_STANDINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "podium/err.h"

/* One decided round-robin game. */
typedef struct {
    size_t team[2]; /* indices into the caller's teams, team[0] != team[1] */
    int score[2];   /* goals or points as published */
    int points[2];  /* table points each side earned under the sport's rules */
    bool extra;     /* decided after regulation (overtime, shoot-out, extra end) */
} pd_rr_game;

/* A team's line over a set of games. */
typedef struct {
    int played;
    int won;        /* every win, extra time included */
    int lost;       /* every loss, extra time included */
    int extra_won;  /* wins after regulation (hockey OTW, curling extra-end wins) */
    int extra_lost; /* losses after regulation */
    int points;     /* table points */
    int score_for;
    int score_against;
} pd_rr_line;

/*
 * Sum lines[0..team_count) over the games whose two teams are both members
 * (member == NULL: every game). Lines are zeroed first. Games naming a team
 * outside 0..team_count are ignored (callers validate before).
 */
void pd_standings_tally(const pd_rr_game *games, size_t game_count, const bool *member,
                        size_t team_count, pd_rr_line *lines);

/*
 * The lines of the games among teams[0..count) only (the tied teams'
 * sub-table of a tie-breaking procedure): pd_standings_tally with member set
 * to exactly those teams (each < team_count). member is the caller's scratch
 * of team_count flags; on return it marks those teams.
 */
void pd_standings_tally_among(const pd_rr_game *games, size_t game_count, const size_t *teams,
                              size_t count, bool *member, size_t team_count, pd_rr_line *lines);

/* Number of keys pd_standings_sort compares. */
#define PD_STANDINGS_KEYS 3

/*
 * Sort teams[0..count) (team indices) by keys[team][0..nkeys) in descending
 * order, stable: teams with equal keys keep their relative order. keys is
 * indexed by team index, not by position.
 */
void pd_standings_sort(size_t *teams, size_t count, const int64_t (*keys)[PD_STANDINGS_KEYS],
                       int nkeys);

/* True when teams a and b have equal keys[.][0..nkeys). */
bool pd_standings_equal(const int64_t (*keys)[PD_STANDINGS_KEYS], size_t a, size_t b, int nkeys);

/*
 * How many teams at the start of teams[0..count) (team indices, sorted) are
 * level with teams[0] on keys[.][0..nkeys): 1 or more, 0 when count is 0.
 */
size_t pd_standings_run(const size_t *teams, size_t count, const int64_t (*keys)[PD_STANDINGS_KEYS],
                        int nkeys);

/* ---- play-off formats ---- */

typedef enum {
    PD_SLOT_SEED,          /* the team seeded n (1-based) */
    PD_SLOT_WINNER,        /* the winner of game n (0-based index in the format) */
    PD_SLOT_LOSER,         /* the loser of game n */
    PD_SLOT_RESEED_WINNER, /* the n-th best seed among the winners of games first..first+count-1 */
    PD_SLOT_RESEED_LOSER   /* the n-th best seed among the losers of those games */
} pd_slot_kind;

/* Where one side of a game (or one final place) comes from. */
typedef struct {
    pd_slot_kind kind;
    int n;
    int first; /* RESEED_* only */
    int count; /* RESEED_* only */
} pd_slot;

/* Slot literals for format tables: {"gold", {PD_WIN(2), PD_WIN(3)}}. */
#define PD_SEED(n)                                                                                 \
    {                                                                                              \
        PD_SLOT_SEED, (n), 0, 0                                                                    \
    }
#define PD_WIN(g)                                                                                  \
    {                                                                                              \
        PD_SLOT_WINNER, (g), 0, 0                                                                  \
    }
#define PD_LOSE(g)                                                                                 \
    {                                                                                              \
        PD_SLOT_LOSER, (g), 0, 0                                                                   \
    }
#define PD_RWIN(n, first, count)                                                                   \
    {                                                                                              \
        PD_SLOT_RESEED_WINNER, (n), (first), (count)                                               \
    }
#define PD_RLOSE(n, first, count)                                                                  \
    {                                                                                              \
        PD_SLOT_RESEED_LOSER, (n), (first), (count)                                                \
    }

/* One game of a play-off format. */
typedef struct {
    const char *round; /* "qualification", "quarterfinal", "semifinal", "bronze", "gold" */
    pd_slot side[2];   /* side[0] is the better seed where the format says so */
} pd_playoff_game;

/* A play-off format: games in playing order (a slot only refers to earlier games). */
typedef struct {
    const char *name;
    int seeds; /* teams seeded 1..seeds enter */
    const pd_playoff_game *games;
    int game_count;
    const pd_slot *places; /* places[i] is final place i+1 */
    int place_count;
} pd_playoff_format;

#define PD_PLAYOFF_MAX_GAMES 64

/*
 * Resolve a format. winner_side[g] is 0 or 1 when game g has been played
 * (the side that won) and -1 when not yet. On return pairing[g][s] is the
 * seed on side s of game g, 0 while it depends on a game not yet played, and
 * place_seed[p] the seed in final place p+1, 0 while undecided. Returns
 * PD_ERR_INPUT when a format is inconsistent (a slot naming a later game, a
 * seed out of range): formats are code, so this guards bugs and tests.
 */
pd_err pd_playoff_resolve(const pd_playoff_format *format, const int *winner_side,
                          int (*pairing)[2], int *place_seed, pd_diag *diag);

#endif
