/*
 * odf.h: Olympic Data Feed (ODF) XML messages for media.
 *
 * Each message is rendered from the programme and one JSON document the
 * server already renders (podium-result/1 for results, the medal table for
 * DT_MEDALS, a map of unit statuses for DT_SCHEDULE), following the ODF
 * Foundation Principles: an OdfBody header, a Competition element, Result
 * rows with Competitor and Composition/Athlete, ExtendedResults for detail.
 * docs/odf.md lists what is implemented and what is left out.
 *
 * A message is a full replacement of its document, named by its identity
 * (DocumentType, DocumentCode) and its Version, which rises by one each time
 * the document changes. Rendering is pure: same input, same bytes.
 */
#ifndef PODIUM_ODF_H
#define PODIUM_ODF_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "podium/buf.h"
#include "podium/err.h"
#include "podium/programme.h"
#include "podium/results.h"

typedef enum {
    PD_ODF_SCHEDULE = 0,      /* per discipline: its units, times, venues, status */
    PD_ODF_PARTIC,            /* per discipline: its athletes and their events */
    PD_ODF_PARTIC_TEAMS,      /* per discipline: its teams and their members */
    PD_ODF_RESULT,            /* per unit */
    PD_ODF_PHASE_RESULT,      /* per phase */
    PD_ODF_CUMULATIVE_RESULT, /* per event: the standing over all its units */
    PD_ODF_POOL_STANDING,     /* per phase of a round-robin event */
    PD_ODF_BRACKETS,          /* per event of a heats (knock-out) event */
    PD_ODF_MEDALLISTS,        /* per event, once official */
    PD_ODF_MEDALS,            /* the Games: the medal table */
    PD_ODF_TYPE_COUNT
} pd_odf_type;

/* The DocumentCode of Games-level documents (DT_MEDALS): "GLO" padded to 34 with '-'. */
#define PD_ODF_GAMES_CODE "GLO-------------------------------"

/* "DT_RESULT" etc. */
const char *pd_odf_type_name(pd_odf_type type);

/* Parse a DocumentType name; false when unknown. */
bool pd_odf_type_parse(const char *name, pd_odf_type *out);

/* The OdfBody attributes of one message. */
typedef struct {
    pd_odf_type type;
    const char *code;         /* DocumentCode: the RSC of the unit, phase, event, discipline */
    int64_t version;          /* 1, 2, ... per (type, code) */
    const char *competition;  /* CompetitionCode, e.g. "OWG2022" */
    const char *source;       /* Source: the sending system, e.g. "PODIUM" */
    char feed_flag;           /* 'P' production, 'T' test */
    int64_t produced_ms;      /* Unix ms: Date and Time, in the Games' local time */
    const char *logical_date; /* LogicalDate "YYYY-MM-DD"; NULL: the local date produced */
} pd_odf_header;

/*
 * Render one message into out (appended). doc is the input of the type:
 *   DT_RESULT, DT_PHASE_RESULT, DT_CUMULATIVE_RESULT, DT_POOL_STANDING,
 *   DT_BRACKETS, DT_MEDALLISTS: a podium-result/1 document with "rsc" and
 *   "status" (pd_results_*_doc);
 *   DT_MEDALS: the medal table {"medals": [...]} (pd_results_medals_doc);
 *   DT_SCHEDULE: {"units": {RSC: STATUS, ...}} (absent units: START_LIST);
 *   DT_PARTIC, DT_PARTIC_TEAMS: NULL (the programme says everything).
 * Errors: PD_ERR_INPUT (doc lacks what the type needs), PD_ERR_NOMEM.
 */
pd_err pd_odf_render(const pd_programme *prog, const pd_odf_header *hdr, const json_t *doc,
                     pd_buf *out, pd_diag *diag);

/*
 * The content fingerprint of a message: the hex SHA-256 (65 bytes with the
 * NUL) of its type, code and the canonical JSON (sorted keys) of the document
 * it renders, so it does not depend on Version or time, and costs no XML. A
 * new Version is due exactly when it changes. PD_ERR_NOMEM only.
 */
pd_err pd_odf_fingerprint(const pd_programme *prog, pd_odf_type type, const char *code,
                          const json_t *doc, char out[65], pd_diag *diag);

/* The ODF ResultStatus of a podium status: START_LIST, LIVE, UNOFFICIAL, OFFICIAL. */
const char *pd_odf_result_status(pd_status status);

/*
 * The documents of a Games, as (type, code, input) triples handed to emit
 * with a new reference to the input doc (emit must release it; NULL for
 * DT_PARTIC*). Return non-PD_OK from emit to stop.
 */
typedef pd_err (*pd_odf_emit_fn)(void *ctx, pd_odf_type type, const char *code, json_t *doc);

/* Every document of the Games (start-up, full export). */
pd_err pd_odf_feed_all(pd_results *res, const pd_programme *prog, pd_odf_emit_fn emit, void *ctx,
                       pd_diag *diag);

/*
 * The documents a change to unit may change: unit, phase, event. Not the
 * discipline's schedule (pd_odf_feed_schedule, when a unit's status moved)
 * nor the medals (pd_odf_feed_medals).
 */
pd_err pd_odf_feed_unit(pd_results *res, const pd_unit *unit, pd_odf_emit_fn emit, void *ctx,
                        pd_diag *diag);

/* DT_SCHEDULE of a discipline (its code, "ALP"): every unit's status. */
pd_err pd_odf_feed_schedule(pd_results *res, const pd_programme *prog, const char *discipline,
                            pd_odf_emit_fn emit, void *ctx);

/* DT_MEDALS: the medal table (call when it may have changed). */
pd_err pd_odf_feed_medals(pd_results *res, pd_odf_emit_fn emit, void *ctx, pd_diag *diag);

/* The documents of one event (its units, phases, the event itself). */
pd_err pd_odf_feed_event(pd_results *res, const pd_event *event, pd_odf_emit_fn emit, void *ctx,
                         pd_diag *diag);

#endif
