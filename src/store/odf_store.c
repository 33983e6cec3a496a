/*
 * odf_store.c: ODF messages and push progress in the log's SQLite file.
 *
 * The tables come from migration 3 of log.c. Messages are only inserted
 * (a trigger refuses UPDATE): a message once sent is kept as sent, so a
 * resend request is answered with the very bytes of that version. The
 * receivers' table is the one mutable thing: the id each one acknowledged.
 * A batch of messages (pd_odf_store_begin .. commit) is one transaction
 * committed without its own fsync (synchronous NORMAL for that commit only):
 * messages are derived from the log, and the next durable log commit syncs
 * their WAL frames too. A crash can lose only messages whose observations'
 * documents start-up renders again, finding their fingerprints new and storing
 * them under the same version numbers. Other writes are durable on return
 * (WAL, synchronous FULL, set by pd_log_open).
 */
#include "podium/odf_store.h"
#include "log_internal.h"

#include <stdio.h>
#include <sys/time.h>

static pd_err db_error(sqlite3 *db, pd_diag *diag, const char *what)
{
    return pd_diag_set(diag, PD_ERR_IO, NULL, "%s: %s", what, sqlite3_errmsg(db));
}

static int64_t now_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/* Step a prepared SELECT of (id, type, code, version, fingerprint, body, created) rows. */
static pd_err visit_rows(sqlite3 *db, sqlite3_stmt *stmt, pd_odf_visit_fn visit, void *ctx,
                         size_t *count, pd_diag *diag)
{
    int rc;
    pd_err err = PD_OK;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        pd_odf_message msg = {
            .id = sqlite3_column_int64(stmt, 0),
            .type = (const char *)sqlite3_column_text(stmt, 1),
            .code = (const char *)sqlite3_column_text(stmt, 2),
            .version = sqlite3_column_int64(stmt, 3),
            .fingerprint = (const char *)sqlite3_column_text(stmt, 4),
            .body = (const char *)sqlite3_column_text(stmt, 5),
            .body_len = (size_t)sqlite3_column_bytes(stmt, 5),
            .created_at_ms = sqlite3_column_int64(stmt, 6),
        };
        if (count)
            (*count)++;
        err = visit(&msg, ctx);
        if (err)
            break;
    }
    if (!err && rc != SQLITE_DONE)
        err = db_error(db, diag, "reading ODF messages");
    sqlite3_finalize(stmt);
    return err;
}

pd_err pd_odf_store_latest_all(pd_log *log, pd_odf_visit_fn visit, void *ctx, pd_diag *diag)
{
    sqlite3 *db = pd_log_db(log);
    sqlite3_stmt *stmt;
    const char *sql = "SELECT id, type, code, version, fingerprint, NULL, created_at_ms"
                      " FROM odf_messages m WHERE version ="
                      " (SELECT max(version) FROM odf_messages o"
                      "  WHERE o.type = m.type AND o.code = m.code)";
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return db_error(db, diag, "reading ODF versions");
    return visit_rows(db, stmt, visit, ctx, NULL, diag);
}

pd_err pd_odf_store_put(pd_log *log, const char *type, const char *code, int64_t version,
                        const char *fingerprint, const char *body, size_t body_len, int64_t *id_out,
                        pd_diag *diag)
{
    sqlite3 *db = pd_log_db(log);
    sqlite3_stmt *stmt;
    pd_err err = PD_OK;
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO odf_messages (type, code, version, fingerprint, body,"
                           " created_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                           -1, &stmt, NULL) != SQLITE_OK)
        return db_error(db, diag, "storing an ODF message");
    sqlite3_bind_text(stmt, 1, type, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, code, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 3, version);
    sqlite3_bind_text(stmt, 4, fingerprint, -1, SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, body, (int)body_len, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 6, now_ms());
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_CONSTRAINT_UNIQUE)
        err = pd_diag_set(diag, PD_ERR_CONFLICT, NULL, "%s %s version %lld is stored already", type,
                          code, (long long)version);
    else if (rc != SQLITE_DONE)
        err = db_error(db, diag, "storing an ODF message");
    else if (id_out)
        *id_out = sqlite3_last_insert_rowid(db);
    sqlite3_finalize(stmt);
    return err;
}

pd_err pd_odf_store_get(pd_log *log, const char *type, const char *code, int64_t version,
                        pd_odf_visit_fn visit, void *ctx, pd_diag *diag)
{
    sqlite3 *db = pd_log_db(log);
    sqlite3_stmt *stmt;
    size_t count = 0;
    const char *sql = "SELECT id, type, code, version, fingerprint, body, created_at_ms"
                      " FROM odf_messages WHERE code = ?1 AND (?2 IS NULL OR type = ?2)"
                      " AND (?3 = 0 OR version = ?3) ORDER BY id DESC LIMIT 1";
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return db_error(db, diag, "reading ODF messages");
    sqlite3_bind_text(stmt, 1, code, -1, SQLITE_STATIC);
    if (type)
        sqlite3_bind_text(stmt, 2, type, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(stmt, 2);
    sqlite3_bind_int64(stmt, 3, version);
    pd_err err = visit_rows(db, stmt, visit, ctx, &count, diag);
    if (!err && count == 0)
        err = pd_diag_set(diag, PD_ERR_NOT_FOUND, NULL, "no ODF message %s%s%s version %lld",
                          type ? type : "", type ? " " : "", code, (long long)version);
    return err;
}

pd_err pd_odf_store_scan(pd_log *log, int64_t after_id, int limit, int bodies,
                         pd_odf_visit_fn visit, void *ctx, pd_diag *diag)
{
    sqlite3 *db = pd_log_db(log);
    sqlite3_stmt *stmt;
    const char *sql = bodies ? "SELECT id, type, code, version, fingerprint, body, created_at_ms"
                               " FROM odf_messages WHERE id > ?1 ORDER BY id LIMIT ?2"
                             : "SELECT id, type, code, version, fingerprint, NULL, created_at_ms"
                               " FROM odf_messages WHERE id > ?1 ORDER BY id LIMIT ?2";
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return db_error(db, diag, "reading ODF messages");
    sqlite3_bind_int64(stmt, 1, after_id);
    sqlite3_bind_int(stmt, 2, limit);
    return visit_rows(db, stmt, visit, ctx, NULL, diag);
}

pd_err pd_odf_receiver_get(pd_log *log, const char *url, int64_t *delivered_id, pd_diag *diag)
{
    sqlite3 *db = pd_log_db(log);
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO odf_receivers (url) VALUES (?1)", -1, &stmt,
                           NULL) != SQLITE_OK)
        return db_error(db, diag, "registering a push receiver");
    sqlite3_bind_text(stmt, 1, url, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    if (rc != SQLITE_DONE)
        return db_error(db, diag, "registering a push receiver");
    if (sqlite3_prepare_v2(db, "SELECT delivered_id FROM odf_receivers WHERE url = ?1", -1, &stmt,
                           NULL) != SQLITE_OK)
        return db_error(db, diag, "reading a push receiver");
    sqlite3_bind_text(stmt, 1, url, -1, SQLITE_STATIC);
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *delivered_id = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW ? PD_OK : db_error(db, diag, "reading a push receiver");
}

pd_err pd_odf_receiver_ack(pd_log *log, const char *url, int64_t id, pd_diag *diag)
{
    sqlite3 *db = pd_log_db(log);
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(db,
                           "UPDATE odf_receivers SET delivered_id = ?2"
                           " WHERE url = ?1 AND delivered_id < ?2",
                           -1, &stmt, NULL) != SQLITE_OK)
        return db_error(db, diag, "recording a delivery");
    sqlite3_bind_text(stmt, 1, url, -1, SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 2, id);
    int rc = sqlite3_step(stmt);
    sqlite3_finalize(stmt);
    return rc == SQLITE_DONE ? PD_OK : db_error(db, diag, "recording a delivery");
}

static pd_err exec(sqlite3 *db, const char *sql, pd_diag *diag)
{
    if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
        return db_error(db, diag, sql);
    return PD_OK;
}

pd_err pd_odf_store_begin(pd_log *log, pd_diag *diag)
{
    /* derived data: no fsync of its own (see the note at the top) */
    pd_err err = exec(pd_log_db(log), "PRAGMA synchronous = NORMAL", diag);
    return err ? err : exec(pd_log_db(log), "BEGIN IMMEDIATE", diag);
}

pd_err pd_odf_store_commit(pd_log *log, pd_diag *diag)
{
    pd_err err = exec(pd_log_db(log), "COMMIT", diag);
    /* back to durable commits for the log, whatever happened */
    pd_err sync = exec(pd_log_db(log), "PRAGMA synchronous = FULL", diag);
    return err ? err : sync;
}

void pd_odf_store_rollback(pd_log *log)
{
    sqlite3_exec(pd_log_db(log), "ROLLBACK", NULL, NULL, NULL);
    sqlite3_exec(pd_log_db(log), "PRAGMA synchronous = FULL", NULL, NULL, NULL);
}
