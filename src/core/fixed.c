/*
 * fixed.c: integer rounding and decimal text for fixed-point scores.
 *
 * Rounding functions take a value and the size of the step to round to, both
 * in the same unit, so that the caller writes the rulebook's step literally:
 * pd_round_half_away(points_thousandths, 10) rounds to hundredths.
 * Division-based helpers exist because a mean must be rounded from its exact
 * rational value: dividing first and rounding later would round twice.
 */
#include "podium/fixed.h"

#include <inttypes.h>
#include <stdio.h>

int64_t pd_pow10(int decimals)
{
    int64_t p = 1;
    for (int i = 0; i < decimals; i++)
        p *= 10;
    return p;
}

int64_t pd_div_trunc(int64_t num, int64_t den)
{
    return num / den;
}

int64_t pd_div_half_away(int64_t num, int64_t den)
{
    if (den < 0) {
        num = -num;
        den = -den;
    }
    int64_t q = num / den;
    int64_t r = num % den; /* same sign as num */
    int64_t twice = r < 0 ? -2 * r : 2 * r;
    if (twice >= den)
        q += num < 0 ? -1 : 1;
    return q;
}

int64_t pd_round_half_away(int64_t x, int64_t unit)
{
    return pd_div_half_away(x, unit) * unit;
}

int64_t pd_floor(int64_t x, int64_t unit)
{
    int64_t q = x / unit;
    if (x % unit != 0 && x < 0)
        q -= 1;
    return q * unit;
}

int64_t pd_round_half_up(int64_t x, int64_t unit)
{
    /* floor(x / unit + 1/2) * unit, computed without overflow for sane units */
    int64_t low = pd_floor(x, unit);
    int64_t rest = x - low; /* 0 <= rest < unit */
    return 2 * rest >= unit ? low + unit : low;
}

int64_t pd_trunc(int64_t x, int64_t unit)
{
    return (x / unit) * unit;
}

pd_err pd_fixed_parse(const char *text, size_t len, int decimals, int64_t *out, pd_diag *diag)
{
    size_t i = 0;
    int negative = 0;
    int64_t value = 0;
    int int_digits = 0;
    int frac_digits = 0;

    if (decimals < 0 || decimals > PD_FIXED_MAX_DECIMALS)
        return pd_diag_set(diag, PD_ERR_INTERNAL, NULL, "unsupported precision %d", decimals);
    if (len == 0)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "expected a decimal number, got \"\"");
    if (text[0] == '-' || text[0] == '+') {
        negative = text[0] == '-';
        i++;
    }
    for (; i < len && text[i] >= '0' && text[i] <= '9'; i++, int_digits++) {
        if (__builtin_mul_overflow(value, 10, &value) ||
            __builtin_add_overflow(value, text[i] - '0', &value))
            goto range;
    }
    if (int_digits == 0)
        goto syntax;
    if (i < len && text[i] == '.') {
        i++;
        for (; i < len && text[i] >= '0' && text[i] <= '9'; i++, frac_digits++) {
            if (frac_digits >= decimals)
                return pd_diag_set(diag, PD_ERR_INPUT, NULL, "\"%.*s\" has more than %d decimal%s",
                                   (int)len, text, decimals, decimals == 1 ? "" : "s");
            if (__builtin_mul_overflow(value, 10, &value) ||
                __builtin_add_overflow(value, text[i] - '0', &value))
                goto range;
        }
        if (frac_digits == 0)
            goto syntax;
    }
    if (i != len)
        goto syntax;
    for (; frac_digits < decimals; frac_digits++)
        if (__builtin_mul_overflow(value, 10, &value))
            goto range;
    *out = negative ? -value : value;
    return PD_OK;
syntax:
    return pd_diag_set(diag, PD_ERR_INPUT, NULL, "expected a decimal number, got \"%.*s\"",
                       (int)(len > 40 ? 40 : len), text);
range:
    return pd_diag_set(diag, PD_ERR_INPUT, NULL, "number \"%.*s\" is out of range",
                       (int)(len > 40 ? 40 : len), text);
}

int pd_fixed_format(int64_t value, int decimals, char *out, size_t size)
{
    /* Work on the magnitude as unsigned so INT64_MIN formats correctly. */
    uint64_t magnitude = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
    const char *sign = value < 0 ? "-" : "";
    if (decimals <= 0)
        return snprintf(out, size, "%s%" PRIu64, sign, magnitude);
    uint64_t scale = (uint64_t)pd_pow10(decimals);
    return snprintf(out, size, "%s%" PRIu64 ".%0*" PRIu64, sign, magnitude / scale, decimals,
                    magnitude % scale);
}
