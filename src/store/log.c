/*
 * log.c: the observation log on SQLite.
 *
 * Why SQLite: one file, no server, and a commit that is durable when it
 * returns. The file runs in WAL mode with synchronous=FULL, so each append is
 * one transaction whose WAL frames are fsync'ed before COMMIT returns (SQLite
 * docs, "PRAGMA synchronous": FULL in WAL mode syncs the WAL on every commit).
 *
 * Append-only is enforced twice: this module only ever INSERTs, and triggers
 * make the database itself refuse UPDATE and DELETE on observations. A
 * correction is a row whose `supersedes` names an earlier seq; the column is
 * UNIQUE, so an observation is corrected at most once (chains are allowed:
 * correct the correction).
 *
 * Schema changes are numbered migrations applied in one transaction on open,
 * recorded in PRAGMA user_version.
 */
#include "podium/log.h"
#include "log_internal.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "podium/json.h"
#include "podium/rsc.h"

/* The statements of a batch's transaction, prepared once per connection (see run). */
enum { TX_BEGIN, TX_SAVEPOINT, TX_ROLLBACK_TO, TX_RELEASE, TX_COMMIT, TX_COUNT };
static const char *const tx_sql[TX_COUNT] = {
    "BEGIN IMMEDIATE", "SAVEPOINT entry", "ROLLBACK TO entry", "RELEASE entry", "COMMIT",
};

struct pd_log {
    sqlite3 *db;
    sqlite3_stmt *insert;
    sqlite3_stmt *find;
    sqlite3_stmt *tx[TX_COUNT];
    int schema_version;
    void (*checkpoint_due)(void *ctx); /* see pd_log_checkpoint_elsewhere */
    void *checkpoint_ctx;
};

/* migrations[i] brings a file from version i to version i + 1 */
static const char *const migrations[] = {
    "CREATE TABLE observations ("
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  rsc TEXT NOT NULL CHECK (length(rsc) = 34),"
    "  body TEXT NOT NULL,"
    "  supersedes INTEGER UNIQUE REFERENCES observations(seq),"
    "  recorded_at_ms INTEGER NOT NULL"
    ");"
    "CREATE INDEX observations_by_rsc ON observations(rsc, seq);"
    "CREATE TRIGGER observations_no_update BEFORE UPDATE ON observations"
    "  BEGIN SELECT RAISE(ABORT, 'the observation log is append-only'); END;"
    "CREATE TRIGGER observations_no_delete BEFORE DELETE ON observations"
    "  BEGIN SELECT RAISE(ABORT, 'the observation log is append-only'); END;",
    /* 2: who wrote each observation; API tokens, stored hashed */
    "ALTER TABLE observations ADD COLUMN author TEXT NOT NULL DEFAULT '';"
    "CREATE TABLE tokens ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  hash TEXT NOT NULL UNIQUE,"
    "  role TEXT NOT NULL,"
    "  scope TEXT NOT NULL DEFAULT '',"
    "  label TEXT NOT NULL DEFAULT '',"
    "  created_at_ms INTEGER NOT NULL"
    ");",
    /* 3: ODF messages, every version kept; push receivers and how far each got */
    "CREATE TABLE odf_messages ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  type TEXT NOT NULL,"
    "  code TEXT NOT NULL,"
    "  version INTEGER NOT NULL CHECK (version > 0),"
    "  fingerprint TEXT NOT NULL,"
    "  body TEXT NOT NULL,"
    "  created_at_ms INTEGER NOT NULL,"
    "  UNIQUE (type, code, version)"
    ");"
    "CREATE INDEX odf_messages_by_code ON odf_messages(code, version);"
    "CREATE TRIGGER odf_messages_no_update BEFORE UPDATE ON odf_messages"
    "  BEGIN SELECT RAISE(ABORT, 'ODF messages are kept as sent'); END;"
    "CREATE TABLE odf_receivers ("
    "  url TEXT PRIMARY KEY,"
    "  delivered_id INTEGER NOT NULL DEFAULT 0"
    ");",
};

#define MIGRATION_COUNT ((int)(sizeof migrations / sizeof migrations[0]))

_Static_assert(MIGRATION_COUNT == PD_LOG_SCHEMA_VERSION, "one migration per schema version");

static pd_err db_error(pd_log *log, pd_diag *diag, const char *what)
{
    return pd_diag_set(diag, PD_ERR_IO, NULL, "%s: %s", what, sqlite3_errmsg(log->db));
}

static pd_err exec(pd_log *log, const char *sql, pd_diag *diag)
{
    char *message = NULL;
    if (sqlite3_exec(log->db, sql, NULL, NULL, &message) != SQLITE_OK) {
        pd_err err =
            pd_diag_set(diag, PD_ERR_IO, NULL, "database: %s", message ? message : "unknown error");
        sqlite3_free(message);
        return err;
    }
    return PD_OK;
}

static pd_err read_user_version(pd_log *log, int *version, pd_diag *diag)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(log->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
        return db_error(log, diag, "reading schema version");
    int rc = sqlite3_step(stmt);
    *version = rc == SQLITE_ROW ? sqlite3_column_int(stmt, 0) : 0;
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW ? PD_OK : db_error(log, diag, "reading schema version");
}

static pd_err migrate(pd_log *log, pd_diag *diag)
{
    int version;
    pd_err err = exec(log, "BEGIN IMMEDIATE", diag);
    if (err)
        return err;
    /* read inside the write lock so two openers cannot both migrate */
    err = read_user_version(log, &version, diag);
    if (err)
        goto fail;
    if (version > PD_LOG_SCHEMA_VERSION) {
        err = pd_diag_set(diag, PD_ERR_UNSUPPORTED, NULL,
                          "the log has schema version %d; this podium reads up to %d", version,
                          PD_LOG_SCHEMA_VERSION);
        goto fail;
    }
    for (; version < PD_LOG_SCHEMA_VERSION; version++) {
        char pragma[64];
        err = exec(log, migrations[version], diag);
        if (err)
            goto fail;
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", version + 1);
        err = exec(log, pragma, diag);
        if (err)
            goto fail;
    }
    err = exec(log, "COMMIT", diag);
    if (err)
        goto fail;
    log->schema_version = version;
    return PD_OK;
fail:
    sqlite3_exec(log->db, "ROLLBACK", NULL, NULL, NULL);
    return err;
}

pd_err pd_log_open(const char *path, pd_log **out, pd_diag *diag)
{
    pd_err err;
    pd_log *log = calloc(1, sizeof *log);
    if (!log)
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
    if (sqlite3_open_v2(path, &log->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
        SQLITE_OK) {
        err = pd_diag_set(diag, PD_ERR_IO, NULL, "cannot open %s: %s", path,
                          log->db ? sqlite3_errmsg(log->db) : "out of memory");
        goto fail;
    }
    sqlite3_busy_timeout(log->db, 5000);
    sqlite3_extended_result_codes(log->db, 1);
    /* WAL + FULL: a commit is on disk when it returns (see the note at the top) */
    err = exec(log,
               "PRAGMA journal_mode = WAL;"
               "PRAGMA synchronous = FULL;"
               "PRAGMA foreign_keys = ON;",
               diag);
    if (err)
        goto fail;
    err = migrate(log, diag);
    if (err)
        goto fail;
    if (sqlite3_prepare_v3(log->db,
                           "INSERT INTO observations (rsc, body, supersedes, recorded_at_ms,"
                           " author) VALUES (?1, ?2, ?3, ?4, ?5)",
                           -1, SQLITE_PREPARE_PERSISTENT, &log->insert, NULL) != SQLITE_OK ||
        sqlite3_prepare_v3(log->db,
                           "SELECT o.rsc, (SELECT s.seq FROM observations s"
                           "  WHERE s.supersedes = o.seq) FROM observations o WHERE o.seq = ?1",
                           -1, SQLITE_PREPARE_PERSISTENT, &log->find, NULL) != SQLITE_OK) {
        err = db_error(log, diag, "preparing statements");
        goto fail;
    }
    *out = log;
    return PD_OK;
fail:
    pd_log_free(log);
    return err;
}

void pd_log_free(pd_log *log)
{
    if (!log)
        return;
    sqlite3_finalize(log->insert);
    sqlite3_finalize(log->find);
    for (int i = 0; i < TX_COUNT; i++)
        sqlite3_finalize(log->tx[i]);
    sqlite3_close(log->db);
    free(log);
}

sqlite3 *pd_log_db(pd_log *log)
{
    return log->db;
}

int pd_log_schema_version(const pd_log *log)
{
    return log->schema_version;
}

static int64_t now_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/* Check a correction target: same unit, not yet superseded. Runs inside the write txn. */
static pd_err check_supersedes(pd_log *log, const char *rsc, int64_t supersedes, pd_diag *diag)
{
    pd_err err = PD_OK;
    sqlite3_reset(log->find);
    sqlite3_bind_int64(log->find, 1, supersedes);
    int rc = sqlite3_step(log->find);
    if (rc == SQLITE_DONE) {
        err = pd_diag_set(diag, PD_ERR_NOT_FOUND, "supersedes", "no observation with seq %lld",
                          (long long)supersedes);
    } else if (rc != SQLITE_ROW) {
        err = db_error(log, diag, "looking up the superseded observation");
    } else if (strcmp((const char *)sqlite3_column_text(log->find, 0), rsc) != 0) {
        err = pd_diag_set(diag, PD_ERR_CONFLICT, "supersedes",
                          "observation %lld belongs to %s, not %s", (long long)supersedes,
                          (const char *)sqlite3_column_text(log->find, 0), rsc);
    } else if (sqlite3_column_type(log->find, 1) != SQLITE_NULL) {
        err = pd_diag_set(diag, PD_ERR_CONFLICT, "supersedes",
                          "observation %lld is already superseded by %lld", (long long)supersedes,
                          (long long)sqlite3_column_int64(log->find, 1));
    }
    sqlite3_reset(log->find);
    return err;
}

/* Checks that need no database: code, size, JSON object (unless vouched for), supersedes sign. */
static pd_err check_entry(const pd_log_entry *entry, bool parse, pd_diag *diag)
{
    pd_rsc code;
    json_t *parsed = NULL;
    pd_err err = pd_rsc_parse_str(entry->rsc, &code, diag);
    if (err)
        return err;
    if (entry->body_len > PD_LOG_BODY_MAX)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "observation of %zu bytes exceeds %u",
                           entry->body_len, PD_LOG_BODY_MAX);
    /* the log only holds replayable JSON objects; a body the caller dumped is not parsed again */
    bool is_object = entry->body_len >= 2 && entry->body[0] == '{' &&
                     entry->body[entry->body_len - 1] == '}';
    if (parse) {
        err = pd_json_parse(entry->body, entry->body_len, &parsed, diag);
        if (err)
            return err;
        is_object = json_is_object(parsed);
        json_decref(parsed);
    }
    if (!is_object)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "an observation is a JSON object");
    if (entry->supersedes < 0)
        return pd_diag_set(diag, PD_ERR_INPUT, "supersedes", "must be a positive seq");
    return PD_OK;
}

/* Insert one checked entry inside the open transaction. */
static pd_err insert_entry(pd_log *log, const pd_log_entry *entry, int64_t *seq, pd_diag *diag)
{
    pd_err err = PD_OK;
    if (entry->supersedes > 0) {
        err = check_supersedes(log, entry->rsc, entry->supersedes, diag);
        if (err)
            return err;
    }
    sqlite3_reset(log->insert);
    sqlite3_bind_text(log->insert, 1, entry->rsc, PD_RSC_LEN, SQLITE_STATIC);
    sqlite3_bind_text(log->insert, 2, entry->body, (int)entry->body_len, SQLITE_STATIC);
    if (entry->supersedes > 0)
        sqlite3_bind_int64(log->insert, 3, entry->supersedes);
    else
        sqlite3_bind_null(log->insert, 3);
    sqlite3_bind_int64(log->insert, 4, now_ms());
    sqlite3_bind_text(log->insert, 5, entry->author ? entry->author : "", -1, SQLITE_STATIC);
    if (sqlite3_step(log->insert) != SQLITE_DONE)
        err = db_error(log, diag, "storing the observation");
    else
        *seq = sqlite3_last_insert_rowid(log->db);
    sqlite3_reset(log->insert);
    sqlite3_clear_bindings(log->insert);
    return err;
}

/*
 * One of the batch's transaction statements, prepared at its first use and
 * kept: a batch of n entries runs 2n + 2 of them, and parsing each again
 * (sqlite3_exec) cost more than running it.
 */
static pd_err run(pd_log *log, int which, pd_diag *diag)
{
    sqlite3_stmt **stmt = &log->tx[which];
    if (!*stmt && sqlite3_prepare_v3(log->db, tx_sql[which], -1, SQLITE_PREPARE_PERSISTENT, stmt,
                                     NULL) != SQLITE_OK)
        return db_error(log, diag, "preparing a transaction");
    int rc = sqlite3_step(*stmt);
    sqlite3_reset(*stmt);
    if (rc != SQLITE_DONE)
        return pd_diag_set(diag, PD_ERR_IO, NULL, "database: %s", sqlite3_errmsg(log->db));
    return PD_OK;
}

pd_err pd_log_append_batch(pd_log *log, const pd_log_entry *entries, size_t count,
                           pd_log_outcome *outcomes)
{
    pd_diag diag = {0};
    if (count > PD_LOG_BATCH_MAX)
        return PD_ERR_INTERNAL;
    for (size_t i = 0; i < count; i++) {
        pd_diag_clear(&outcomes[i].diag);
        outcomes[i].seq = 0;
        outcomes[i].err = check_entry(&entries[i], true, &outcomes[i].diag);
    }
    pd_err err = run(log, TX_BEGIN, &diag);
    if (err)
        goto fail;
    for (size_t i = 0; i < count; i++) {
        if (outcomes[i].err)
            continue;
        /* a savepoint per entry: a refused entry leaves the others in the batch */
        err = run(log, TX_SAVEPOINT, &diag);
        if (err)
            goto fail;
        outcomes[i].err = insert_entry(log, &entries[i], &outcomes[i].seq, &outcomes[i].diag);
        if (outcomes[i].err) {
            outcomes[i].seq = 0;
            err = run(log, TX_ROLLBACK_TO, &diag);
            if (err)
                goto fail;
        }
        err = run(log, TX_RELEASE, &diag);
        if (err)
            goto fail;
    }
    /* durable once COMMIT returns: synchronous=FULL syncs the WAL here, once for all */
    err = run(log, TX_COMMIT, &diag);
    if (err)
        goto fail;
    return PD_OK;
fail:
    sqlite3_exec(log->db, "ROLLBACK", NULL, NULL, NULL);
    for (size_t i = 0; i < count; i++) {
        outcomes[i].err = err;
        outcomes[i].seq = 0;
        outcomes[i].diag = diag;
    }
    return err;
}

pd_err pd_log_append_open(pd_log *log, const pd_log_entry *entries, size_t count, int64_t *seqs,
                          size_t *failed, pd_diag *diag)
{
    pd_err err = PD_OK;
    size_t i = 0;
    if (count > PD_LOG_BATCH_MAX)
        return PD_ERR_INTERNAL;
    for (; i < count; i++) {
        err = check_entry(&entries[i], false, diag);
        if (err)
            goto refused;
    }
    /* no savepoints: one refusal takes the whole batch back */
    err = run(log, TX_BEGIN, diag);
    if (err)
        return err;
    for (i = 0; i < count; i++) {
        err = insert_entry(log, &entries[i], &seqs[i], diag);
        if (err) {
            sqlite3_exec(log->db, "ROLLBACK", NULL, NULL, NULL);
            goto refused;
        }
    }
    return PD_OK;
refused:
    if (failed)
        *failed = i;
    return err;
}

pd_err pd_log_append_close(pd_log *log, bool commit, pd_diag *diag)
{
    if (!commit) {
        sqlite3_exec(log->db, "ROLLBACK", NULL, NULL, NULL);
        return PD_OK;
    }
    /* durable once COMMIT returns: synchronous=FULL syncs the WAL here, once for all */
    pd_err err = run(log, TX_COMMIT, diag);
    if (err)
        sqlite3_exec(log->db, "ROLLBACK", NULL, NULL, NULL);
    return err;
}

pd_err pd_log_append_all(pd_log *log, const pd_log_entry *entries, size_t count, int64_t *seqs,
                         size_t *failed, pd_diag *diag)
{
    pd_err err = pd_log_append_open(log, entries, count, seqs, failed, diag);
    return err ? err : pd_log_append_close(log, true, diag);
}

pd_err pd_log_append(pd_log *log, const char *rsc, const char *body, size_t body_len,
                     int64_t supersedes, int64_t *seq_out, pd_diag *diag)
{
    pd_log_entry entry = {rsc, body, body_len, supersedes, NULL};
    pd_log_outcome outcome;
    pd_err err = pd_log_append_batch(log, &entry, 1, &outcome);
    if (!err)
        err = outcome.err;
    if (err) {
        if (diag)
            *diag = outcome.diag;
        return err;
    }
    *seq_out = outcome.seq;
    return PD_OK;
}

pd_err pd_log_last_seq(pd_log *log, int64_t *seq_out, pd_diag *diag)
{
    sqlite3_stmt *stmt;
    if (sqlite3_prepare_v2(log->db, "SELECT coalesce(max(seq), 0) FROM observations", -1, &stmt,
                           NULL) != SQLITE_OK)
        return db_error(log, diag, "reading the last seq");
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *seq_out = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return rc == SQLITE_ROW ? PD_OK : db_error(log, diag, "reading the last seq");
}

pd_err pd_log_scan(pd_log *log, int64_t after_seq, const char *rsc_filter, unsigned flags,
                   pd_log_visit_fn visit, void *ctx, pd_diag *diag)
{
    sqlite3_stmt *stmt;
    pd_err err = PD_OK;
    const char *sql =
        "SELECT o.seq, o.rsc, o.body, coalesce(o.supersedes, 0), o.recorded_at_ms, o.author"
        " FROM observations o"
        " WHERE o.seq > ?1 AND (?2 IS NULL OR o.rsc = ?2)"
        "   AND (?3 = 0 OR NOT EXISTS (SELECT 1 FROM observations s WHERE s.supersedes = o.seq))"
        " ORDER BY o.seq";
    if (sqlite3_prepare_v2(log->db, sql, -1, &stmt, NULL) != SQLITE_OK)
        return db_error(log, diag, "reading the log");
    sqlite3_bind_int64(stmt, 1, after_seq);
    if (rsc_filter)
        sqlite3_bind_text(stmt, 2, rsc_filter, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(stmt, 2);
    sqlite3_bind_int(stmt, 3, (flags & PD_LOG_CURRENT) ? 1 : 0);
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        pd_observation obs = {
            .seq = sqlite3_column_int64(stmt, 0),
            .rsc = (const char *)sqlite3_column_text(stmt, 1),
            .body = (const char *)sqlite3_column_text(stmt, 2),
            .body_len = (size_t)sqlite3_column_bytes(stmt, 2),
            .supersedes = sqlite3_column_int64(stmt, 3),
            .recorded_at_ms = sqlite3_column_int64(stmt, 4),
            .author = (const char *)sqlite3_column_text(stmt, 5),
        };
        err = visit(&obs, ctx);
        if (err)
            break;
    }
    if (!err && rc != SQLITE_DONE)
        err = db_error(log, diag, "reading the log");
    sqlite3_finalize(stmt);
    return err;
}

/* SQLite's WAL hook: after each commit, with the pages the WAL now holds. */
static int wal_committed(void *arg, sqlite3 *db, const char *name, int pages)
{
    (void)db;
    (void)name;
    pd_log *log = arg;
    if (pages >= PD_LOG_CHECKPOINT_PAGES)
        log->checkpoint_due(log->checkpoint_ctx);
    return SQLITE_OK;
}

void pd_log_checkpoint_elsewhere(pd_log *log, void (*due)(void *ctx), void *ctx)
{
    log->checkpoint_due = due;
    log->checkpoint_ctx = ctx;
    /* replaces the automatic checkpoint, which is itself a WAL hook (sqlite3_wal_autocheckpoint) */
    sqlite3_wal_hook(log->db, wal_committed, log);
}

pd_err pd_log_checkpoint(pd_log *log, int *wal_pages, int *copied, pd_diag *diag)
{
    int pages = 0, done = 0;
    int rc = sqlite3_wal_checkpoint_v2(log->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &pages, &done);
    if (rc != SQLITE_OK && rc != SQLITE_BUSY) /* BUSY: another checkpoint is running */
        return db_error(log, diag, "checkpoint");
    if (wal_pages)
        *wal_pages = pages;
    if (copied)
        *copied = done;
    return PD_OK;
}
