/*
 * fixed.h: exact decimal arithmetic on integers.
 *
 * A score is an int64_t counted in a fixed unit (hundredths of a point,
 * tenths of a point, milliseconds). Rulebooks round at named steps; each step
 * is one of the functions below, called where the rulebook rounds and with
 * the rule cited beside the call. No float or double is used anywhere in
 * scoring.
 *
 * `unit` arguments are the size of the target step in the value's own unit:
 * rounding thousandths to hundredths is unit 10.
 */
#ifndef PODIUM_FIXED_H
#define PODIUM_FIXED_H

#include <stddef.h>
#include <stdint.h>

#include "podium/err.h"

/* The largest number of decimals pd_fixed_parse/pd_fixed_format accept. */
#define PD_FIXED_MAX_DECIMALS 9

/* Round x to a multiple of unit (> 0), halves away from zero: 1.5 -> 2, -1.5 -> -2. */
int64_t pd_round_half_away(int64_t x, int64_t unit);

/* Round x to a multiple of unit (> 0), halves toward +infinity: 1.5 -> 2, -1.5 -> -1. */
int64_t pd_round_half_up(int64_t x, int64_t unit);

/* Cut x to a multiple of unit (> 0) toward zero: 1.99 -> 1, -1.99 -> -1. */
int64_t pd_trunc(int64_t x, int64_t unit);

/* Cut x to a multiple of unit (> 0) toward -infinity: -1.01 -> -2. */
int64_t pd_floor(int64_t x, int64_t unit);

/*
 * num / den (den != 0) as an integer, the quotient rounded half away from zero.
 * The exact quotient of a mean is decided here, without an intermediate cut.
 */
int64_t pd_div_half_away(int64_t num, int64_t den);

/* num / den (den != 0), truncated toward zero. */
int64_t pd_div_trunc(int64_t num, int64_t den);

/* 10^decimals for 0 <= decimals <= PD_FIXED_MAX_DECIMALS. */
int64_t pd_pow10(int decimals);

/*
 * Parse a decimal string ("-2.5", "111.73", "7") of at most `decimals`
 * fractional digits into an integer counted in 10^-decimals ("2.5" with 2
 * decimals is 250). Accepts an optional leading '-' or '+', at least one digit
 * before any '.', and at least one after it. More fractional digits than
 * `decimals`, other characters, or a value beyond int64 are PD_ERR_INPUT with a
 * reason in diag (path left empty: the caller knows the field).
 */
pd_err pd_fixed_parse(const char *text, size_t len, int decimals, int64_t *out, pd_diag *diag);

/*
 * Format value (counted in 10^-decimals) with exactly `decimals` fractional
 * digits: 25000 at 2 is "250.00", -5 at 2 is "-0.05". Writes at most size bytes
 * including the NUL; returns the length it needed, like snprintf.
 */
int pd_fixed_format(int64_t value, int decimals, char *out, size_t size);

#endif
