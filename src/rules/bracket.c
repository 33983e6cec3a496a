/*
 * bracket.c: seeding positions and progression of knock-out brackets.
 *
 * The FIS order is built by doubling: start from (1, 2); to go from n to 2n
 * positions, every seed s at an even index becomes (s, 2n+1-s) and every seed
 * at an odd index becomes (2n+1-s, s). Four heats give 1 8 5 4 3 6 7 2 read
 * as the top seed of each heat, which is the draw the Beijing 2022 ski cross,
 * snowboard cross, parallel giant slalom and alpine team event brackets show.
 * Nothing is allocated: the order is rebuilt in the caller's array.
 */
#include "podium/bracket.h"

static int is_power_of_two(size_t n)
{
    return n >= 1 && (n & (n - 1)) == 0;
}

pd_err pd_bracket_pairs(size_t heats, int *seeds, pd_diag *diag)
{
    if (!is_power_of_two(heats) || heats > PD_BRACKET_MAX_HEATS)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                           "a bracket needs a power of two of heats (1 to %d), got %zu",
                           PD_BRACKET_MAX_HEATS, heats);
    /* Top seeds of each heat, built in place from the back of the array. */
    size_t n = 1;
    seeds[0] = 1;
    while (n < heats) {
        for (size_t i = n; i-- > 0;) {
            int s = seeds[i];
            int mirror = (int)(2 * n) + 1 - s;
            seeds[2 * i] = (i % 2 == 0) ? s : mirror;
            seeds[2 * i + 1] = (i % 2 == 0) ? mirror : s;
        }
        n *= 2;
    }
    /* seeds[0..heats) now holds each heat's leading seed; expand to pairs. */
    for (size_t k = heats; k-- > 0;) {
        int a = seeds[k];
        seeds[2 * k] = a;
        seeds[2 * k + 1] = (int)(2 * heats) + 1 - a;
    }
    return PD_OK;
}

size_t pd_bracket_heat_of_seed(size_t heats, size_t per_heat, size_t seed)
{
    int pairs[2 * PD_BRACKET_MAX_HEATS];
    if ((per_heat != 2 && per_heat != 4) || seed < 1 || seed > heats * per_heat)
        return 0;
    if (pd_bracket_pairs(heats, pairs, NULL) != PD_OK)
        return 0;
    if (seed > 2 * heats)
        seed = 4 * heats + 1 - seed;
    for (size_t i = 0; i < 2 * heats; i++)
        if ((size_t)pairs[i] == seed)
            return i / 2 + 1;
    return 0;
}

size_t pd_bracket_next_heat(size_t heat)
{
    return (heat + 1) / 2;
}
