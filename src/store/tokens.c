/*
 * tokens.c: creating and checking bearer tokens.
 *
 * Randomness comes from libsodium (randombytes_buf), hashing is SHA-256
 * (crypto_hash_sha256): a database leak gives away no usable token, and a
 * token is looked up by its hash, an indexed equality, so checking costs the
 * same for every wrong guess.
 */
#include "podium/tokens.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>

#include "log_internal.h"

static const char *const roles[] = {"admin", "results", "accreditation", "health", "scanner", NULL};

static void hash_hex(const char *token, char out[65])
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(out, 65, digest, sizeof digest);
}

/* A scanner's scope: venue codes (2 to 8 capitals or digits) separated by commas. */
static pd_err check_venues(const char *scope, size_t len, pd_diag *diag)
{
    size_t item = 0;
    if (len == 0)
        return pd_diag_set(diag, PD_ERR_INPUT, "scope",
                           "a scanner token needs one or more venues (--venue NIS)");
    for (size_t i = 0; i <= len; i++) {
        char c = scope[i];
        if (c == ',' || c == '\0') {
            if (item < 2 || item > 8)
                break;
            item = 0;
            if (c == '\0')
                return PD_OK;
        } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            item++;
        } else {
            break;
        }
    }
    return pd_diag_set(diag, PD_ERR_INPUT, "scope",
                       "expected venue codes like \"NIS,CIS\", got \"%s\"", scope);
}

static pd_err check_scope(const char *role, const char *scope, pd_diag *diag)
{
    size_t len = strlen(scope);
    if (len > PD_TOKEN_SCOPE_MAX)
        return pd_diag_set(diag, PD_ERR_INPUT, "scope", "longer than %d characters",
                           PD_TOKEN_SCOPE_MAX);
    if (strcmp(role, "scanner") == 0)
        return check_venues(scope, len, diag);
    if (strcmp(role, "results") != 0) {
        if (len)
            return pd_diag_set(diag, PD_ERR_INPUT, "scope",
                               "only the results and scanner roles take a scope");
        return PD_OK;
    }
    if (len == 0)
        return pd_diag_set(diag, PD_ERR_INPUT, "scope",
                           "a results token needs one or more disciplines (--discipline ALP)");
    /* "ALP" or "ALP,BTH,...": groups of three capitals separated by commas */
    for (size_t i = 0; i < len; i++) {
        int in_code = (i % 4) != 3;
        if (in_code ? !(scope[i] >= 'A' && scope[i] <= 'Z') : scope[i] != ',')
            return pd_diag_set(diag, PD_ERR_INPUT, "scope",
                               "expected discipline codes like \"ALP,BTH\", got \"%s\"", scope);
    }
    if (len % 4 != 3)
        return pd_diag_set(diag, PD_ERR_INPUT, "scope",
                           "expected discipline codes like \"ALP,BTH\", got \"%s\"", scope);
    return PD_OK;
}

pd_err pd_token_add(pd_log *log, const char *role, const char *scope, const char *label, char *out,
                    pd_diag *diag)
{
    int known = 0;
    for (const char *const *r = roles; *r; r++)
        known |= strcmp(*r, role) == 0;
    if (!known)
        return pd_diag_set(
            diag, PD_ERR_INPUT, "role",
            "unknown role \"%.32s\" (admin, results, accreditation, health, scanner)", role);
    pd_err err = check_scope(role, scope ? scope : "", diag);
    if (err)
        return err;
    if (label && strlen(label) > PD_TOKEN_LABEL_MAX)
        return pd_diag_set(diag, PD_ERR_INPUT, "label", "longer than %d characters",
                           PD_TOKEN_LABEL_MAX);
    if (sodium_init() < 0)
        return pd_diag_set(diag, PD_ERR_INTERNAL, NULL, "libsodium failed to initialise");

    unsigned char secret[32];
    char token[PD_TOKEN_LEN + 1];
    char hash[65];
    randombytes_buf(secret, sizeof secret);
    memcpy(token, "pd_", 3);
    sodium_bin2hex(token + 3, sizeof token - 3, secret, sizeof secret);
    sodium_memzero(secret, sizeof secret);
    hash_hex(token, hash);

    sqlite3 *db = pd_log_db(log);
    sqlite3_stmt *stmt;
    struct timeval tv;
    gettimeofday(&tv, NULL);
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO tokens (hash, role, scope, label, created_at_ms)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)",
                           -1, &stmt, NULL) != SQLITE_OK)
        return pd_diag_set(diag, PD_ERR_IO, NULL, "storing the token: %s", sqlite3_errmsg(db));
    sqlite3_bind_text(stmt, 1, hash, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, role, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 3, scope ? scope : "", -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 4, label ? label : "", -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 5, (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000);
    int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
        return pd_diag_set(diag, PD_ERR_IO, NULL, "storing the token: %s", sqlite3_errmsg(db));
    memcpy(out, token, sizeof token);
    sodium_memzero(token, sizeof token);
    return PD_OK;
}

pd_err pd_token_check(pd_log *log, const char *token, pd_token_info *info, pd_diag *diag)
{
    char hash[65];
    if (strlen(token) != PD_TOKEN_LEN || strncmp(token, "pd_", 3) != 0)
        return pd_diag_set(diag, PD_ERR_NOT_FOUND, NULL, "unknown token");
    if (sodium_init() < 0)
        return pd_diag_set(diag, PD_ERR_INTERNAL, NULL, "libsodium failed to initialise");
    hash_hex(token, hash);
    sqlite3 *db = pd_log_db(log);
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(db, "SELECT id, role, scope, label FROM tokens WHERE hash = ?1", -1,
                           &stmt, NULL) != SQLITE_OK)
        return pd_diag_set(diag, PD_ERR_IO, NULL, "reading tokens: %s", sqlite3_errmsg(db));
    sqlite3_bind_text(stmt, 1, hash, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    pd_err err = PD_OK;
    if (rc == SQLITE_ROW) {
        info->id = sqlite3_column_int64(stmt, 0);
        snprintf(info->role, sizeof info->role, "%s", (const char *)sqlite3_column_text(stmt, 1));
        snprintf(info->scope, sizeof info->scope, "%s", (const char *)sqlite3_column_text(stmt, 2));
        snprintf(info->label, sizeof info->label, "%s", (const char *)sqlite3_column_text(stmt, 3));
    } else if (rc == SQLITE_DONE) {
        err = pd_diag_set(diag, PD_ERR_NOT_FOUND, NULL, "unknown token");
    } else {
        err = pd_diag_set(diag, PD_ERR_IO, NULL, "reading tokens: %s", sqlite3_errmsg(db));
    }
    sqlite3_finalize(stmt);
    return err;
}

bool pd_token_may_write(const pd_token_info *info, const char *discipline)
{
    if (strcmp(info->role, "admin") == 0)
        return true;
    if (strcmp(info->role, "results") != 0 || strlen(discipline) != 3)
        return false;
    for (const char *p = info->scope; *p; p += 4) {
        if (strncmp(p, discipline, 3) == 0)
            return true;
        if (p[3] == '\0')
            break;
    }
    return false;
}

bool pd_token_may_scan(const pd_token_info *info, const char *venue)
{
    if (strcmp(info->role, "admin") == 0 || strcmp(info->role, "accreditation") == 0)
        return true;
    size_t len = strlen(venue);
    if (strcmp(info->role, "scanner") != 0 || len == 0)
        return false;
    for (const char *p = info->scope; *p;) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n == len && strncmp(p, venue, n) == 0)
            return true;
        p += n + (end ? 1 : 0);
    }
    return false;
}
