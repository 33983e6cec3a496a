/*
 * odf_store.h: ODF messages kept durably, and the push receivers' progress.
 *
 * Messages live in the log's SQLite file (table odf_messages, schema 3):
 * every version of every document, as sent, in production order (id). A
 * document's identity is (type, code); its versions are 1, 2, ... A new
 * version is stored only when the document's fingerprint (a digest of its
 * input) differs from the last stored one, so a restart that renders every
 * document again stores nothing new unless something changed.
 *
 * A push receiver is named by its URL (table odf_receivers) with the id of
 * the last message it acknowledged: the outbound queue is "every message
 * with a larger id, in id order", durable on both sides of a restart.
 */
#ifndef PODIUM_ODF_STORE_H
#define PODIUM_ODF_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "podium/err.h"
#include "podium/log.h"

/* Fingerprints are hex SHA-256 digests. */
#define PD_ODF_FINGERPRINT_LEN 64

/* One stored message; strings are borrowed for the duration of a callback. */
typedef struct {
    int64_t id;
    const char *type;
    const char *code;
    int64_t version;
    const char *fingerprint;
    const char *body;
    size_t body_len;
    int64_t created_at_ms;
} pd_odf_message;

typedef pd_err (*pd_odf_visit_fn)(const pd_odf_message *msg, void *ctx);

/*
 * Visit the last version of every document (no body: body NULL), in no
 * particular order: what start-up needs to know the versions.
 */
pd_err pd_odf_store_latest_all(pd_log *log, pd_odf_visit_fn visit, void *ctx, pd_diag *diag);

/*
 * Store version `version` of (type, code) with its fingerprint and body;
 * durable when it returns. *id_out (may be NULL) gets the message id.
 * PD_ERR_CONFLICT when that version exists already.
 */
pd_err pd_odf_store_put(pd_log *log, const char *type, const char *code, int64_t version,
                        const char *fingerprint, const char *body, size_t body_len, int64_t *id_out,
                        pd_diag *diag);

/*
 * Visit one message: version 0 means the latest. type may be NULL (any
 * type with that code; the latest of them when version is 0).
 * PD_ERR_NOT_FOUND when there is none.
 */
pd_err pd_odf_store_get(pd_log *log, const char *type, const char *code, int64_t version,
                        pd_odf_visit_fn visit, void *ctx, pd_diag *diag);

/* Group many puts in one transaction (one fsync): begin, puts, commit (or rollback). */
pd_err pd_odf_store_begin(pd_log *log, pd_diag *diag);
pd_err pd_odf_store_commit(pd_log *log, pd_diag *diag);
void pd_odf_store_rollback(pd_log *log);

/* Visit up to limit messages with id > after_id in id order (with bodies when bodies). */
pd_err pd_odf_store_scan(pd_log *log, int64_t after_id, int limit, int bodies,
                         pd_odf_visit_fn visit, void *ctx, pd_diag *diag);

/* The id of the last message a receiver acknowledged; registers it (0) when new. */
pd_err pd_odf_receiver_get(pd_log *log, const char *url, int64_t *delivered_id, pd_diag *diag);

/* Record that a receiver acknowledged every message up to id. Durable when it returns. */
pd_err pd_odf_receiver_ack(pd_log *log, const char *url, int64_t id, pd_diag *diag);

#endif
