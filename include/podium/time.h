/*
 * time.h: race times in integer milliseconds, and their official strings.
 *
 * A time is an int64_t count of milliseconds. Timing rules publish and rank
 * times at a precision (1/10, 1/100 or 1/1000 s) reached by truncation, never
 * by rounding (FIS ICR 611.2.1: "times are ... truncated"; IBU, ISU and FIL
 * rules likewise). Strings follow the published forms: "59.02", "1:42.69",
 * "3:03.406", "20:44.3", "1:16:09.8"; gaps "+0.10", "+1:02.3".
 */
#ifndef PODIUM_TIME_H
#define PODIUM_TIME_H

#include <stddef.h>
#include <stdint.h>

#include "podium/err.h"

/* A precision is the size of its step in milliseconds. */
typedef enum {
    PD_PREC_MS = 1,         /* 0.001 */
    PD_PREC_HUNDREDTH = 10, /* 0.01 */
    PD_PREC_TENTH = 100     /* 0.1 */
} pd_time_prec;

/* Longest string pd_time_format can produce, NUL included ("-2562047788015:12:55.807"). */
#define PD_TIME_STR_MAX 32

/* Parse "0.1", "0.01" or "0.001" (exactly) into a precision; PD_ERR_INPUT otherwise. */
pd_err pd_time_prec_parse(const char *text, pd_time_prec *out, pd_diag *diag);

/* The precision as published ("0.01"). */
const char *pd_time_prec_name(pd_time_prec prec);

/* Number of decimals shown at prec (1, 2 or 3). */
int pd_time_prec_decimals(pd_time_prec prec);

/* ms truncated toward zero to a multiple of prec. */
int64_t pd_time_cut(int64_t ms, pd_time_prec prec);

/*
 * Format ms, truncated to prec, as published: seconds alone under a minute
 * ("59.02", "9.87"), then m:ss ("1:42.69"), then h:mm:ss ("1:16:09.8").
 * Negative values get a leading '-'. Returns the length needed, like snprintf;
 * a buffer of PD_TIME_STR_MAX always suffices.
 */
int pd_time_format(int64_t ms, pd_time_prec prec, char *out, size_t size);

/* A gap to the leader: "+" then pd_time_format of gap_ms (>= 0): "+0.10", "+1:02.3". */
int pd_time_format_gap(int64_t gap_ms, pd_time_prec prec, char *out, size_t size);

/*
 * Parse a published time back into ms: "[h:]mm:ss.f", "m:ss.ff", "ss.fff", with
 * 0 to 3 fractional digits and an optional leading '+' or '-'. Minutes and
 * seconds below a higher field must be < 60 and have two digits. PD_ERR_INPUT
 * with a reason otherwise.
 */
pd_err pd_time_parse(const char *text, size_t len, int64_t *out, pd_diag *diag);

#endif
