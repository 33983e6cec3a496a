/*
 * time.c: milliseconds to official time strings and back.
 *
 * Cutting to the published precision is truncation (pd_time_cut); it happens
 * before formatting, so the string always shows the time that ranks. Parsing
 * is strict: a time that would not be printed this way is rejected, because a
 * score file with "1:7.5" is more likely a typo than a time.
 */
#include "podium/time.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

pd_err pd_time_prec_parse(const char *text, pd_time_prec *out, pd_diag *diag)
{
    if (strcmp(text, "0.1") == 0)
        *out = PD_PREC_TENTH;
    else if (strcmp(text, "0.01") == 0)
        *out = PD_PREC_HUNDREDTH;
    else if (strcmp(text, "0.001") == 0)
        *out = PD_PREC_MS;
    else
        return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                           "precision must be \"0.1\", \"0.01\" or \"0.001\", got \"%.20s\"", text);
    return PD_OK;
}

const char *pd_time_prec_name(pd_time_prec prec)
{
    switch (prec) {
    case PD_PREC_TENTH:
        return "0.1";
    case PD_PREC_HUNDREDTH:
        return "0.01";
    case PD_PREC_MS:
        return "0.001";
    }
    return "?";
}

int pd_time_prec_decimals(pd_time_prec prec)
{
    switch (prec) {
    case PD_PREC_TENTH:
        return 1;
    case PD_PREC_HUNDREDTH:
        return 2;
    case PD_PREC_MS:
        return 3;
    }
    return 3;
}

int64_t pd_time_cut(int64_t ms, pd_time_prec prec)
{
    return (ms / (int64_t)prec) * (int64_t)prec;
}

/* Write v in decimal with at least width digits at p; returns the end. */
static char *put_digits(char *p, uint64_t v, int width)
{
    char rev[24];
    int n = 0;
    do {
        rev[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n < width)
        rev[n++] = '0';
    while (n)
        *p++ = rev[--n];
    return p;
}

/* Formatted by hand, not by snprintf: results documents format thousands of times a second. */
int pd_time_format(int64_t ms, pd_time_prec prec, char *out, size_t size)
{
    int64_t cut = pd_time_cut(ms, prec);
    uint64_t magnitude = cut < 0 ? (uint64_t)0 - (uint64_t)cut : (uint64_t)cut;
    int decimals = pd_time_prec_decimals(prec);
    uint64_t frac = (magnitude % 1000) / (uint64_t)prec;
    uint64_t total_s = magnitude / 1000;
    uint64_t s = total_s % 60;
    uint64_t m = (total_s / 60) % 60;
    uint64_t h = total_s / 3600;
    char text[80], *p = text;

    if (cut < 0)
        *p++ = '-';
    if (h > 0) {
        p = put_digits(p, h, 1);
        *p++ = ':';
        p = put_digits(p, m, 2);
        *p++ = ':';
        p = put_digits(p, s, 2);
    } else if (m > 0) {
        p = put_digits(p, m, 1);
        *p++ = ':';
        p = put_digits(p, s, 2);
    } else {
        p = put_digits(p, s, 1);
    }
    *p++ = '.';
    p = put_digits(p, frac, decimals);
    size_t len = (size_t)(p - text);
    if (size > 0) {
        size_t n = len < size ? len : size - 1;
        memcpy(out, text, n);
        out[n] = '\0';
    }
    return (int)len;
}

int pd_time_format_gap(int64_t gap_ms, pd_time_prec prec, char *out, size_t size)
{
    char body[PD_TIME_STR_MAX];
    pd_time_format(gap_ms, prec, body, sizeof body);
    return snprintf(out, size, "%s%s", body[0] == '-' ? "" : "+", body);
}

/* Read 1..maxd digits at *pos; returns count read, value in *v. */
static int digits(const char *text, size_t len, size_t *pos, int maxd, int64_t *v)
{
    int n = 0;
    *v = 0;
    while (*pos < len && text[*pos] >= '0' && text[*pos] <= '9' && n < maxd) {
        *v = *v * 10 + (text[*pos] - '0');
        (*pos)++;
        n++;
    }
    return n;
}

pd_err pd_time_parse(const char *text, size_t len, int64_t *out, pd_diag *diag)
{
    size_t pos = 0;
    int negative = 0;
    int64_t fields[3];
    int widths[3];
    int nfields = 0;
    int64_t frac = 0;
    int frac_digits = 0;

    if (len > 0 && (text[0] == '+' || text[0] == '-')) {
        negative = text[0] == '-';
        pos++;
    }
    for (;;) {
        if (nfields == 3)
            goto bad;
        /* 12 digits bound the leading field: about 31,700 years, no overflow */
        widths[nfields] = digits(text, len, &pos, 12, &fields[nfields]);
        if (widths[nfields] == 0)
            goto bad;
        nfields++;
        if (pos < len && text[pos] == ':') {
            pos++;
            continue;
        }
        break;
    }
    if (pos < len && text[pos] == '.') {
        pos++;
        frac_digits = digits(text, len, &pos, 3, &frac);
        if (frac_digits == 0)
            goto bad;
    }
    if (pos != len)
        goto bad;
    /* every field after the first is two digits below 60 */
    for (int i = 1; i < nfields; i++)
        if (widths[i] != 2 || fields[i] >= 60)
            goto bad;
    int64_t seconds = 0;
    for (int i = 0; i < nfields; i++)
        seconds = seconds * 60 + fields[i];
    for (int d = frac_digits; d < 3; d++)
        frac *= 10;
    *out = (seconds * 1000 + frac) * (negative ? -1 : 1);
    return PD_OK;
bad:
    return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                       "expected a time like \"1:42.69\" or \"59.02\", got \"%.*s\"",
                       (int)(len > 40 ? 40 : len), text);
}
