/*
 * err.h: the one error enum of Podium and the diagnostics that explain it.
 *
 * Every fallible function returns a pd_err (PD_OK is 0). When the cause lies in
 * input, the function also fills a pd_diag with the path of the offending field
 * ("performances[3].marks[2]") and a reason ("expected 5 marks, got 4"), so that
 * every front end (CLI, HTTP, replay) can report it the same way.
 */
#ifndef PODIUM_ERR_H
#define PODIUM_ERR_H

#include <stddef.h>

typedef enum {
    PD_OK = 0,
    PD_ERR_INPUT,       /* malformed or out-of-range input; see the pd_diag */
    PD_ERR_NOMEM,       /* allocation failed or a hard size limit was reached */
    PD_ERR_IO,          /* file or database I/O failed */
    PD_ERR_NOT_FOUND,   /* a named thing (file, RSC code, id) does not exist */
    PD_ERR_CONFLICT,    /* the request contradicts stored state (duplicate, superseded) */
    PD_ERR_UNSUPPORTED, /* valid input that this build cannot handle (unknown kind) */
    PD_ERR_INTERNAL     /* a broken invariant: a bug */
} pd_err;

#define PD_DIAG_PATH_MAX   256
#define PD_DIAG_REASON_MAX 512

/* What went wrong and where. A plain value: zero-initialise it, or pd_diag_clear(). */
typedef struct {
    char path[PD_DIAG_PATH_MAX];     /* field path, "" when not about one field */
    char reason[PD_DIAG_REASON_MAX]; /* human sentence, no trailing period */
} pd_diag;

/* A short stable name for an error ("input", "io", ...). Never NULL. */
const char *pd_err_name(pd_err err);

/* Empty both path and reason. Accepts NULL. */
void pd_diag_clear(pd_diag *diag);

/*
 * Record `err` for field `path` (may be NULL or "") with a printf-style reason,
 * truncating silently at the buffer sizes. Accepts diag == NULL (then only
 * returns). Returns `err` so callers can write `return pd_diag_set(...)`.
 */
pd_err pd_diag_set(pd_diag *diag, pd_err err, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * Write "path: reason" (or just "reason" when the path is empty) into out,
 * NUL-terminated and truncated to size. Returns out.
 */
const char *pd_diag_format(const pd_diag *diag, char *out, size_t size);

#endif
