/*
 * err.c: error names and diagnostics.
 *
 * Diagnostics are fixed-size values so that reporting an error never allocates
 * and never fails: a reason longer than the buffer is cut, not lost.
 */
#include "podium/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *pd_err_name(pd_err err)
{
    switch (err) {
    case PD_OK:
        return "ok";
    case PD_ERR_INPUT:
        return "input";
    case PD_ERR_NOMEM:
        return "nomem";
    case PD_ERR_IO:
        return "io";
    case PD_ERR_NOT_FOUND:
        return "not-found";
    case PD_ERR_CONFLICT:
        return "conflict";
    case PD_ERR_UNSUPPORTED:
        return "unsupported";
    case PD_ERR_INTERNAL:
        return "internal";
    }
    return "unknown";
}

void pd_diag_clear(pd_diag *diag)
{
    if (!diag)
        return;
    diag->path[0] = '\0';
    diag->reason[0] = '\0';
}

pd_err pd_diag_set(pd_diag *diag, pd_err err, const char *path, const char *fmt, ...)
{
    if (!diag)
        return err;
    snprintf(diag->path, sizeof diag->path, "%s", path ? path : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(diag->reason, sizeof diag->reason, fmt, ap);
    va_end(ap);
    return err;
}

const char *pd_diag_format(const pd_diag *diag, char *out, size_t size)
{
    if (size == 0)
        return out;
    if (diag->path[0])
        snprintf(out, size, "%s: %s", diag->path, diag->reason);
    else
        snprintf(out, size, "%s", diag->reason);
    return out;
}
