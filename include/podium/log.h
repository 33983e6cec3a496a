/*
 * log.h: the observation log, Podium's system of record.
 *
 * Every fact from a venue is appended here before anything else happens to it.
 * The log is append-only: a correction is a new observation that names the
 * one it supersedes; nothing is updated or deleted (the database refuses it).
 * Replaying the log in sequence order rebuilds every result.
 *
 * The default store is one SQLite file in WAL mode with synchronous=FULL:
 * pd_log_append returns only after the observation is durable on disk.
 * One process writes a log at a time.
 */
#ifndef PODIUM_LOG_H
#define PODIUM_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "podium/err.h"

/* The schema this build writes; older files are migrated on open. */
#define PD_LOG_SCHEMA_VERSION 3

/* Largest observation body accepted, in bytes. */
#define PD_LOG_BODY_MAX (256u * 1024u)

typedef struct pd_log pd_log;

/* One stored observation, borrowed for the duration of a visit callback. */
typedef struct {
    int64_t seq;      /* 1, 2, 3, ... in append order */
    const char *rsc;  /* the unit (or phase, event) it concerns: 34 chars */
    const char *body; /* the observation as JSON text */
    size_t body_len;
    int64_t supersedes;     /* seq of the observation it corrects, 0 when none */
    int64_t recorded_at_ms; /* wall clock at append, Unix ms; informative only */
    const char *author;     /* who wrote it (token label), "" when unknown */
} pd_observation;

/* One observation to append (see pd_log_append_batch). */
typedef struct {
    const char *rsc;
    const char *body;
    size_t body_len;
    int64_t supersedes; /* 0 or the seq it corrects */
    const char *author; /* NULL or "" when unknown */
} pd_log_entry;

/* The outcome of one entry of a batch. */
typedef struct {
    pd_err err;   /* PD_OK when stored */
    int64_t seq;  /* its seq when stored */
    pd_diag diag; /* why not, when not */
} pd_log_outcome;

/* Largest batch pd_log_append_batch takes. */
#define PD_LOG_BATCH_MAX 1024

/* Visit callback: return PD_OK to go on, anything else stops the scan with that error. */
typedef pd_err (*pd_log_visit_fn)(const pd_observation *obs, void *ctx);

/* Scan flags. */
enum {
    PD_LOG_ALL = 0,
    PD_LOG_CURRENT = 1 /* skip observations that a later one supersedes */
};

/*
 * Open (creating if needed) the log at path and bring its schema up to
 * PD_LOG_SCHEMA_VERSION. A file from a newer Podium is refused
 * (PD_ERR_UNSUPPORTED). *out is freed with pd_log_free.
 */
pd_err pd_log_open(const char *path, pd_log **out, pd_diag *diag);

/* Close the log. Accepts NULL. */
void pd_log_free(pd_log *log);

/*
 * Append one observation for `rsc` (a valid RSC code) with `body` (a JSON
 * object, at most PD_LOG_BODY_MAX bytes). supersedes is 0 or the seq of an
 * earlier observation of the same rsc that no other observation supersedes yet.
 * Returns only once the observation is durable; then *seq_out holds its seq.
 * Errors: PD_ERR_INPUT (bad rsc or body), PD_ERR_NOT_FOUND (supersedes an
 * unknown seq), PD_ERR_CONFLICT (other rsc, or already superseded), PD_ERR_IO.
 * On error nothing is stored.
 */
pd_err pd_log_append(pd_log *log, const char *rsc, const char *body, size_t body_len,
                     int64_t supersedes, int64_t *seq_out, pd_diag *diag);

/*
 * Group commit: append up to PD_LOG_BATCH_MAX entries in one transaction, so
 * one fsync makes them all durable. Each entry is checked as pd_log_append
 * checks it and stands alone: a refused entry stores nothing and does not
 * affect the others (later entries see the earlier ones, so a batch may
 * correct its own observations). outcomes[i] tells each entry's fate. Returns
 * PD_OK when the transaction committed (whatever the single outcomes), an
 * error (PD_ERR_IO) when it did not, in which case nothing was stored and
 * every outcome carries that error.
 */
pd_err pd_log_append_batch(pd_log *log, const pd_log_entry *entries, size_t count,
                           pd_log_outcome *outcomes);

/*
 * Group commit for a caller that has already checked its entries against its
 * own state (the server's writer): each body must be a compact JSON object the
 * caller dumped itself, so it is not parsed again; the code, size, supersedes
 * and the database's constraints are still checked. All or nothing: the
 * first refused entry (its index in *failed, its reason in diag) rolls back
 * the whole batch. On success seqs[i] is entry i's seq.
 */
pd_err pd_log_append_all(pd_log *log, const pd_log_entry *entries, size_t count, int64_t *seqs,
                         size_t *failed, pd_diag *diag);

/*
 * pd_log_append_all in two steps, for a caller that inserts while it still
 * decides: pd_log_append_open checks and inserts the entries inside a
 * transaction it leaves open (on a refusal it rolls back, as
 * pd_log_append_all does); pd_log_append_close then commits it (durable when
 * it returns PD_OK) or, commit false, rolls it back. Nothing else may use log
 * in between.
 */
pd_err pd_log_append_open(pd_log *log, const pd_log_entry *entries, size_t count, int64_t *seqs,
                          size_t *failed, pd_diag *diag);
pd_err pd_log_append_close(pd_log *log, bool commit, pd_diag *diag);

/* The seq of the last stored observation, 0 for an empty log. */
pd_err pd_log_last_seq(pd_log *log, int64_t *seq_out, pd_diag *diag);

/*
 * Visit observations with seq > after_seq in seq order; rsc_filter (NULL for
 * all) limits the scan to one code. flags: PD_LOG_ALL or PD_LOG_CURRENT.
 */
pd_err pd_log_scan(pd_log *log, int64_t after_seq, const char *rsc_filter, unsigned flags,
                   pd_log_visit_fn visit, void *ctx, pd_diag *diag);

/* The schema version of the open file (after migration). */
int pd_log_schema_version(const pd_log *log);

/* WAL pages after which a checkpoint is due: SQLite's own automatic threshold. */
#define PD_LOG_CHECKPOINT_PAGES 1000

/*
 * Checkpoint on another connection: from now on log's commits no longer copy
 * the WAL back into the database themselves (SQLite's automatic checkpoint,
 * which runs inside the commit that finds PD_LOG_CHECKPOINT_PAGES pages or
 * more in the WAL, so on the committing thread). Instead due(ctx) is called
 * after each commit that leaves that many pages in the WAL, and the caller
 * has pd_log_checkpoint run on a connection of its own. due must be cheap
 * and must not use log.
 */
void pd_log_checkpoint_elsewhere(pd_log *log, void (*due)(void *ctx), void *ctx);

/*
 * A passive checkpoint (SQLITE_CHECKPOINT_PASSIVE): copy back into the
 * database every WAL page no reader still needs, without waiting for readers
 * or writers. *wal_pages and *copied (either may be NULL) tell how many pages
 * the WAL held and how many are now in the database; once all are, the next
 * commit starts the WAL from its beginning again.
 */
pd_err pd_log_checkpoint(pd_log *log, int *wal_pages, int *copied, pd_diag *diag);

#endif
