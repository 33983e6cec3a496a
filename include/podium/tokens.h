/*
 * tokens.h: API bearer tokens and their roles.
 *
 * A token is 32 random bytes shown once, as "pd_" and 64 hex digits, when it
 * is created; the database keeps only its SHA-256. A token carries a role:
 * "admin" (everything), "results" with a scope of disciplines ("ALP,BTH") it
 * may write results for, an operations role ("accreditation", "health"), or
 * "scanner" with a scope of venues ("NIS,CIS") where it may check cards.
 */
#ifndef PODIUM_TOKENS_H
#define PODIUM_TOKENS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "podium/err.h"
#include "podium/log.h"

#define PD_TOKEN_LEN       67 /* "pd_" + 64 hex digits */
#define PD_TOKEN_SCOPE_MAX 128
#define PD_TOKEN_LABEL_MAX 64

typedef struct {
    int64_t id;
    char role[32];
    char scope[PD_TOKEN_SCOPE_MAX + 1]; /* comma-separated disciplines or venues, or "" */
    char label[PD_TOKEN_LABEL_MAX + 1]; /* who holds it, for the log's author column */
} pd_token_info;

/*
 * Create a token with role ("admin", "results", "accreditation", "health",
 * "scanner") and scope (for "results": 3-letter discipline codes separated by
 * commas; for "scanner": venue codes of 2 to 8 capitals or digits separated by
 * commas; required for both, empty for the other roles). Writes the plaintext token
 * (NUL-terminated) to out, which must hold PD_TOKEN_LEN + 1 bytes. PD_ERR_INPUT on a bad role or
 * scope.
 */
pd_err pd_token_add(pd_log *log, const char *role, const char *scope, const char *label, char *out,
                    pd_diag *diag);

/*
 * Look a presented token up. PD_ERR_NOT_FOUND when unknown (also for malformed
 * tokens); the comparison is by hash, so timing reveals nothing of stored
 * tokens.
 */
pd_err pd_token_check(pd_log *log, const char *token, pd_token_info *info, pd_diag *diag);

/* May a token with info write results for discipline (3 letters)? Admin may. */
bool pd_token_may_write(const pd_token_info *info, const char *discipline);

/*
 * May a token with info check accreditation cards at venue? A scanner only at
 * the venues of its scope; admin and accreditation officers anywhere.
 */
bool pd_token_may_scan(const pd_token_info *info, const char *venue);

#endif
