/*
 * standings.c: round-robin lines and seeded play-off formats.
 *
 * Tallying is one pass over the games, restricted to a membership mask so
 * that the same function gives the full group table and the "games among the
 * tied teams" sub-tables every tie-breaking procedure needs. Sorting is a
 * comparison sort on (keys descending, position before the sort), so equal
 * teams keep the order the caller gave, which is how a procedure refines an
 * order step by step: it sorts, splits the order into runs of level teams
 * (pd_standings_run) and refines each run.
 *
 * A play-off format is resolved by walking its games in order: each side is
 * a seed, the winner or loser of an earlier game, or the n-th best seed of
 * the winners (losers) of a run of earlier games, which is how "re-seeded"
 * rounds are written. Final places use the same slots. Seeds are 1-based
 * and 0 means "not known yet", so a tournament in progress resolves as far
 * as its played games allow.
 */
#include "podium/standings.h"

#include <stdlib.h>
#include <string.h>

void pd_standings_tally(const pd_rr_game *games, size_t game_count, const bool *member,
                        size_t team_count, pd_rr_line *lines)
{
    memset(lines, 0, team_count * sizeof *lines);
    for (size_t g = 0; g < game_count; g++) {
        const pd_rr_game *game = &games[g];
        if (game->team[0] >= team_count || game->team[1] >= team_count)
            continue;
        if (member && (!member[game->team[0]] || !member[game->team[1]]))
            continue;
        for (int s = 0; s < 2; s++) {
            pd_rr_line *line = &lines[game->team[s]];
            int mine = game->score[s];
            int theirs = game->score[1 - s];
            line->played++;
            line->points += game->points[s];
            line->score_for += mine;
            line->score_against += theirs;
            if (mine > theirs) {
                line->won++;
                line->extra_won += game->extra;
            } else if (mine < theirs) {
                line->lost++;
                line->extra_lost += game->extra;
            }
        }
    }
}

void pd_standings_tally_among(const pd_rr_game *games, size_t game_count, const size_t *teams,
                              size_t count, bool *member, size_t team_count, pd_rr_line *lines)
{
    memset(member, 0, team_count * sizeof *member);
    for (size_t i = 0; i < count; i++)
        member[teams[i]] = true;
    pd_standings_tally(games, game_count, member, team_count, lines);
}

/* True when team a ranks strictly ahead of team b on the keys (descending). */
static bool ahead(const int64_t *a, const int64_t *b, int nkeys)
{
    for (int k = 0; k < nkeys; k++)
        if (a[k] != b[k])
            return a[k] > b[k];
    return false;
}

void pd_standings_sort(size_t *teams, size_t count, const int64_t (*keys)[PD_STANDINGS_KEYS],
                       int nkeys)
{
    /* Insertion sort: groups are small, it allocates nothing, and moving a team
     * only past teams it is strictly ahead of keeps equal teams in place. */
    if (nkeys > PD_STANDINGS_KEYS)
        nkeys = PD_STANDINGS_KEYS;
    for (size_t i = 1; i < count; i++) {
        size_t team = teams[i];
        size_t j = i;
        while (j > 0 && ahead(keys[team], keys[teams[j - 1]], nkeys)) {
            teams[j] = teams[j - 1];
            j--;
        }
        teams[j] = team;
    }
}

bool pd_standings_equal(const int64_t (*keys)[PD_STANDINGS_KEYS], size_t a, size_t b, int nkeys)
{
    for (int k = 0; k < nkeys && k < PD_STANDINGS_KEYS; k++)
        if (keys[a][k] != keys[b][k])
            return false;
    return true;
}

size_t pd_standings_run(const size_t *teams, size_t count, const int64_t (*keys)[PD_STANDINGS_KEYS],
                        int nkeys)
{
    size_t n = count ? 1 : 0;
    while (n < count && pd_standings_equal(keys, teams[0], teams[n], nkeys))
        n++;
    return n;
}

/* The seed a slot names, 0 when not known yet, -1 when the slot is malformed. */
static int slot_seed(const pd_playoff_format *format, const pd_slot *slot, int before,
                     const int *winner_side, int (*pairing)[2])
{
    switch (slot->kind) {
    case PD_SLOT_SEED:
        return slot->n >= 1 && slot->n <= format->seeds ? slot->n : -1;
    case PD_SLOT_WINNER:
    case PD_SLOT_LOSER: {
        if (slot->n < 0 || slot->n >= before)
            return -1;
        int w = winner_side[slot->n];
        if (w != 0 && w != 1)
            return 0;
        int side = slot->kind == PD_SLOT_WINNER ? w : 1 - w;
        return pairing[slot->n][side];
    }
    case PD_SLOT_RESEED_WINNER:
    case PD_SLOT_RESEED_LOSER: {
        if (slot->first < 0 || slot->count < 1 || slot->first + slot->count > before ||
            slot->n < 1 || slot->n > slot->count)
            return -1;
        int pool[PD_PLAYOFF_MAX_GAMES];
        for (int i = 0; i < slot->count; i++) {
            int g = slot->first + i;
            int w = winner_side[g];
            if ((w != 0 && w != 1) || pairing[g][0] == 0 || pairing[g][1] == 0)
                return 0; /* the pool is complete only when all its games are played */
            pool[i] = pairing[g][slot->kind == PD_SLOT_RESEED_WINNER ? w : 1 - w];
        }
        /* the n-th smallest seed number is the n-th best seed */
        for (int i = 1; i < slot->count; i++)
            for (int j = i; j > 0 && pool[j - 1] > pool[j]; j--) {
                int t = pool[j];
                pool[j] = pool[j - 1];
                pool[j - 1] = t;
            }
        return pool[slot->n - 1];
    }
    }
    return -1;
}

pd_err pd_playoff_resolve(const pd_playoff_format *format, const int *winner_side,
                          int (*pairing)[2], int *place_seed, pd_diag *diag)
{
    if (format->game_count < 0 || format->game_count > PD_PLAYOFF_MAX_GAMES)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "format %s: %d games (at most %d)",
                           format->name, format->game_count, PD_PLAYOFF_MAX_GAMES);
    for (int g = 0; g < format->game_count; g++)
        for (int s = 0; s < 2; s++) {
            int seed = slot_seed(format, &format->games[g].side[s], g, winner_side, pairing);
            if (seed < 0)
                return pd_diag_set(diag, PD_ERR_INPUT, NULL, "format %s: game %d side %d: bad slot",
                                   format->name, g, s);
            pairing[g][s] = seed;
        }
    for (int p = 0; p < format->place_count; p++) {
        int seed = slot_seed(format, &format->places[p], format->game_count, winner_side, pairing);
        if (seed < 0)
            return pd_diag_set(diag, PD_ERR_INPUT, NULL, "format %s: place %d: bad slot",
                               format->name, p + 1);
        place_seed[p] = seed;
    }
    return PD_OK;
}
