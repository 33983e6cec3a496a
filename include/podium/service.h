/*
 * service.h: extending the server with a Games service (accreditation,
 * health, ...) that lives on the same log.
 *
 * A service owns a log code (a discipline-level RSC such as
 * "ACR-------------------------------") and a URL prefix. Its state is a pure
 * function of its observations, like results: the server applies every
 * stored observation of the code to it, at start-up (replay) and live, on
 * the writer thread; a write goes through the service's check, the group
 * commit, then apply, and is acknowledged only once durable. Requests under
 * its prefix are handed to `handle` on a worker thread: reads answer from the
 * state (the service locks it: apply runs concurrently on the writer),
 * writes call pd_service_submit.
 *
 * Services are listed in src/server/services.c.
 */
#ifndef PODIUM_SERVICE_H
#define PODIUM_SERVICE_H

#include <stdint.h>

#include <jansson.h>

#include "podium/err.h"
#include "podium/programme.h"
#include "podium/tokens.h"

typedef struct pd_service_call pd_service_call;

typedef struct {
    const char *name;   /* "accreditation" */
    const char *code;   /* its log code, 34 characters ("ACR" + 31 '-') */
    const char *prefix; /* URL prefix it answers, "/api/access" */
    /* Create the state for a Games; NULL with diag set on failure. */
    void *(*create)(const pd_programme *prog, pd_diag *diag);
    void (*destroy)(void *state);
    /* Writer thread: would this observation be accepted? Changes nothing. */
    pd_err (*check)(void *state, const json_t *body, const char *author, pd_diag *diag);
    /* Writer thread: apply a stored observation (replay or live). NULL for a read-only
     * service, whose check refuses every write: it never has an observation. */
    void (*apply)(void *state, int64_t seq, const json_t *body, const char *author,
                  int64_t recorded_at_ms);
    /* Worker thread: answer a request under prefix (reply or submit exactly once). */
    void (*handle)(void *state, pd_service_call *call);
} pd_service;

/* The request. Strings are borrowed for the duration of handle. */
const char *pd_service_method(const pd_service_call *call); /* "GET", "POST", ... */
const char *pd_service_path(const pd_service_call *call);   /* "/api/access/check" */
/* A query parameter, or NULL. */
const char *pd_service_query(pd_service_call *call, const char *name);
/* The body parsed as JSON (borrowed), NULL when there is none; a malformed body is
 * answered 400 by the server before handle is called. */
const json_t *pd_service_body(const pd_service_call *call);
/* The raw body bytes (borrowed) and their length. */
const char *pd_service_raw_body(const pd_service_call *call, size_t *len);
/* The caller's token, NULL when none was given; an unknown token is answered 401
 * by the server before handle is called. */
const pd_token_info *pd_service_token(const pd_service_call *call);
/* A request header, or NULL. */
const char *pd_service_header(const pd_service_call *call, const char *name);

/* Answer with a JSON document (taken). */
void pd_service_reply(pd_service_call *call, int status, json_t *doc);
/* Answer with bytes of a content type (copied), e.g. text/html or text/csv. */
void pd_service_reply_bytes(pd_service_call *call, int status, const char *content_type,
                            const char *bytes, size_t len);
/* Answer {"error": error, "message": ...}. */
void pd_service_error(pd_service_call *call, int status, const char *error, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * Store an observation (taken) of the service: the writer checks it, appends
 * it durably, applies it, then answers 201 with reply (taken; may be NULL)
 * plus "seq", or the check's error (400/409/...).
 */
void pd_service_submit(pd_service_call *call, json_t *observation, json_t *reply);

/*
 * pd_service_submit answering ok_status (200, 201, ...) instead of 201 once
 * the observation is durable: for a read that must be recorded before it is
 * answered (an audited read of personal data), reply being what was read.
 */
void pd_service_submit_status(pd_service_call *call, json_t *observation, json_t *reply,
                              int ok_status);

/*
 * Store an observation (taken) of the service without answering the call
 * with it: the writer checks, appends and applies it with its next group
 * commit, and nobody waits for it (a refusal is reported on stderr). The call
 * itself must still be answered. For records that ride along with requests,
 * such as a batch of access scans.
 */
void pd_service_submit_background(pd_service_call *call, json_t *observation);

/* The services compiled in, NULL-terminated (src/server/services.c). */
extern const pd_service *const pd_services[];

/* Connect services that use each other, once every state exists (states[i] for pd_services[i]). */
void pd_services_connect(void *const *states);

#endif
