/*
 * bracket.h: knock-out brackets: where each seed starts and where each winner goes.
 *
 * A knock-out of H first-round heats (H a power of two) is drawn from the
 * seeding list so that the best seeds meet as late as possible. The FIS
 * seeding tables of the 2021/22 rules (ICR Freestyle Skiing, ski cross; ICR
 * Snowboard, snowboard cross and parallel events; ICR Alpine, team parallel)
 * lead the eight heats of a 1/8 final with seeds 1, 8, 5, 4, 3, 6, 7, 2:
 * heat k holds the pair (a, 2H+1-a) of its leading seed a and, with four per
 * heat, also the mirror seeds 4H+1-a and 4H+1-b (heat 1 of 32: 1, 16, 17,
 * 32), as the Beijing 2022 brackets show. The qualifiers of heats 2k-1 and
 * 2k meet in heat k of the next round.
 */
#ifndef PODIUM_BRACKET_H
#define PODIUM_BRACKET_H

#include <stddef.h>

#include "podium/err.h"

/* The largest first round a bracket may have (512 duels). */
#define PD_BRACKET_MAX_HEATS 512

/*
 * Fill seeds (2*heats values, caller storage) with the seeds of each pair of
 * the first round, pair by pair: seeds[2k] and seeds[2k+1] meet in heat k+1
 * and sum to 2*heats+1; for 4 heats {1,8, 4,5, 3,6, 2,7}. PD_ERR_INPUT
 * unless heats is a power of two between 1 and PD_BRACKET_MAX_HEATS.
 */
pd_err pd_bracket_pairs(size_t heats, int *seeds, pd_diag *diag);

/*
 * The heat (1-based) of the first round where seed (1-based) starts, for a
 * round of `heats` heats of `per_heat` competitors (2 or 4): seeds beyond
 * 2*heats are mirrored (seed s goes with 4*heats+1-s). 0 when seed is out of
 * range or the shape is not a bracket.
 */
size_t pd_bracket_heat_of_seed(size_t heats, size_t per_heat, size_t seed);

/* The heat of the next round that the qualifiers of heat (1-based) go to. */
size_t pd_bracket_next_heat(size_t heat);

#endif
