/*
 * rsc.c: parsing and building Results System Codes.
 *
 * The field table below is the whole format; every function is a walk over
 * it. Validation is strict because codes are keys: two spellings of one unit
 * would split its observations.
 */
#include "podium/rsc.h"

#include <string.h>

static const struct {
    size_t offset;
    size_t width;
    const char *name;
} fields[PD_RSC_FIELD_COUNT] = {
    {0, 3, "discipline"}, {3, 1, "gender"}, {4, 8, "event"},
    {12, 10, "modifier"}, {22, 4, "phase"}, {26, 8, "unit"},
};

size_t pd_rsc_field_offset(pd_rsc_field field)
{
    return fields[field].offset;
}

size_t pd_rsc_field_width(pd_rsc_field field)
{
    return fields[field].width;
}

static int code_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Length of a field's content, or -1 when a dash sits inside it. */
static int content_len(const char *code, pd_rsc_field field)
{
    const char *p = code + fields[field].offset;
    size_t n = 0;
    while (n < fields[field].width && p[n] != '-')
        n++;
    for (size_t i = n; i < fields[field].width; i++)
        if (p[i] != '-')
            return -1;
    return (int)n;
}

pd_err pd_rsc_parse(const char *text, size_t len, pd_rsc *out, pd_diag *diag)
{
    int set[PD_RSC_FIELD_COUNT];

    if (len != PD_RSC_LEN)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                           "an RSC code has 34 characters, \"%.*s\" has %zu",
                           (int)(len > 40 ? 40 : len), text, len);
    for (size_t i = 0; i < len; i++)
        if (!code_char(text[i]) && text[i] != '-')
            return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                               "RSC code \"%.34s\" has a bad character at position %zu "
                               "(A-Z, 0-9 and '-' only)",
                               text, i + 1);
    for (int f = 0; f < PD_RSC_FIELD_COUNT; f++) {
        int n = content_len(text, (pd_rsc_field)f);
        if (n < 0)
            return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                               "RSC code \"%.34s\": the %s field \"%.*s\" has a '-' inside it",
                               text, fields[f].name, (int)fields[f].width, text + fields[f].offset);
        set[f] = n > 0;
    }
    if (!set[PD_RSC_DISCIPLINE] || content_len(text, PD_RSC_DISCIPLINE) != 3)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                           "RSC code \"%.34s\" must start with a 3-letter discipline", text);
    if (set[PD_RSC_EVENT] != set[PD_RSC_GENDER])
        return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                           "RSC code \"%.34s\": gender and event are set together", text);
    if (set[PD_RSC_PHASE] && !set[PD_RSC_EVENT])
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "RSC code \"%.34s\" has a phase but no event",
                           text);
    if (set[PD_RSC_UNIT] && !set[PD_RSC_PHASE])
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "RSC code \"%.34s\" has a unit but no phase",
                           text);
    if (set[PD_RSC_MODIFIER] && !set[PD_RSC_EVENT])
        return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                           "RSC code \"%.34s\" has a modifier but no event", text);
    memcpy(out->code, text, PD_RSC_LEN);
    out->code[PD_RSC_LEN] = '\0';
    return PD_OK;
}

pd_err pd_rsc_parse_str(const char *text, pd_rsc *out, pd_diag *diag)
{
    return pd_rsc_parse(text, strlen(text), out, diag);
}

pd_err pd_rsc_build(const char *discipline, const char *gender, const char *event,
                    const char *modifier, const char *phase, const char *unit, pd_rsc *out,
                    pd_diag *diag)
{
    const char *parts[PD_RSC_FIELD_COUNT] = {discipline, gender, event, modifier, phase, unit};
    char code[PD_RSC_LEN];

    memset(code, '-', sizeof code);
    for (int f = 0; f < PD_RSC_FIELD_COUNT; f++) {
        const char *part = parts[f] ? parts[f] : "";
        size_t n = strlen(part);
        if (n > fields[f].width)
            return pd_diag_set(diag, PD_ERR_INPUT, fields[f].name,
                               "\"%.20s\" is longer than %zu characters", part, fields[f].width);
        for (size_t i = 0; i < n; i++)
            if (!code_char(part[i]))
                return pd_diag_set(diag, PD_ERR_INPUT, fields[f].name,
                                   "\"%.20s\" has a bad character (A-Z and 0-9 only)", part);
        memcpy(code + fields[f].offset, part, n);
    }
    return pd_rsc_parse(code, sizeof code, out, diag);
}

void pd_rsc_field_get(const pd_rsc *rsc, pd_rsc_field field, char *out, size_t size)
{
    int n = content_len(rsc->code, field);
    if (n < 0)
        n = 0;
    if ((size_t)n >= size)
        n = size ? (int)size - 1 : 0;
    if (size) {
        memcpy(out, rsc->code + fields[field].offset, (size_t)n);
        out[n] = '\0';
    }
}

pd_rsc_level pd_rsc_level_of(const pd_rsc *rsc)
{
    if (content_len(rsc->code, PD_RSC_UNIT) > 0)
        return PD_RSC_LEVEL_UNIT;
    if (content_len(rsc->code, PD_RSC_PHASE) > 0)
        return PD_RSC_LEVEL_PHASE;
    if (content_len(rsc->code, PD_RSC_EVENT) > 0)
        return PD_RSC_LEVEL_EVENT;
    return PD_RSC_LEVEL_DISCIPLINE;
}

pd_rsc pd_rsc_truncate(const pd_rsc *rsc, pd_rsc_field keep)
{
    pd_rsc out = *rsc;
    size_t from = fields[keep].offset + fields[keep].width;
    memset(out.code + from, '-', PD_RSC_LEN - from);
    return out;
}
