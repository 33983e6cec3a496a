/*
 * results.h: the live results of a Games, derived from observations.
 *
 * pd_results holds, for every unit of a programme, the observations that
 * are current (not superseded) and the unit's status, and renders the result
 * documents on demand by running the event's scoring kind (programme
 * "scoring") over them. It is the "apply to Games state -> recompute" step of
 * the design: the server and `podium replay` feed it the log in seq order
 * and get bit-identical documents.
 *
 * Two kinds of observation bodies exist:
 *   - a performance: one performances[] object of the event's kind
 *     (score.md), e.g. {"competitor": "603448", "run": 1, "time_ms": 102690};
 *   - a status change: {"status": "LIVE" | "UNOFFICIAL" | "OFFICIAL"}.
 *
 * Not thread-safe: one thread applies and renders.
 */
#ifndef PODIUM_RESULTS_H
#define PODIUM_RESULTS_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "podium/err.h"
#include "podium/programme.h"

/* Result status of a unit or event; only moves forward but by an admin's correction. */
typedef enum {
    PD_STATUS_START_LIST = 0,
    PD_STATUS_LIVE,
    PD_STATUS_UNOFFICIAL,
    PD_STATUS_OFFICIAL
} pd_status;

/* "START_LIST", "LIVE", "UNOFFICIAL", "OFFICIAL". */
const char *pd_status_name(pd_status status);

typedef struct pd_results pd_results;

/* Empty results for prog (borrowed; must outlive the results). */
pd_err pd_results_new(const pd_programme *prog, pd_results **out);

/* Free. Accepts NULL. */
void pd_results_free(pd_results *res);

/*
 * Score through the podium-score/1 JSON of each scope, read back as a score
 * file is, instead of filling the score document from the programme (the
 * default, which gives the same documents without the JSON round trip). For
 * tests that compare the two.
 */
void pd_results_through_envelope(pd_results *res, bool on);

/*
 * Would this observation be accepted for unit? A status change must name a
 * known status and move forward (admin may move it back: a correction); a
 * performance must be valid for the event's kind, checked by scoring the unit
 * with it (and without the observation it supersedes). A unit that is
 * OFFICIAL takes performances from an admin only. Changes nothing. Errors are
 * PD_ERR_INPUT (path relative to the body), PD_ERR_CONFLICT (status order,
 * official unit, supersedes of another unit), PD_ERR_UNSUPPORTED (the event
 * has no scoring kind yet).
 */
pd_err pd_results_check(pd_results *res, const pd_unit *unit, const json_t *body,
                        int64_t supersedes, bool admin, pd_diag *diag);

/*
 * pd_results_check without the dry run: every check that does not score
 * (status order, OFFICIAL, supersedes). A caller that applies on this alone
 * must render the unit's document next and, if that fails, pd_results_undo
 * what it applied (the server's writer checks a group commit this way).
 */
pd_err pd_results_precheck(pd_results *res, const pd_unit *unit, const json_t *body,
                           int64_t supersedes, bool admin, pd_diag *diag);

/*
 * Apply an observation already stored with seq (bodies of the log are
 * trusted: they passed pd_results_check when written). Takes a new reference
 * to body. Seqs rise: a seq not above the unit's last is PD_ERR_CONFLICT;
 * otherwise PD_ERR_NOMEM only.
 */
pd_err pd_results_apply(pd_results *res, const pd_unit *unit, int64_t seq, json_t *body,
                        int64_t supersedes);

/*
 * Take back the last observation applied to unit, which must have seq (else
 * PD_ERR_NOT_FOUND): what it superseded is current again. Undoing in the
 * reverse order of applying restores the state exactly.
 */
pd_err pd_results_undo(pd_results *res, const pd_unit *unit, int64_t seq);

/*
 * Apply an observation as stored in the log (code, JSON text): when code is
 * a unit of the programme, parse the body and apply it (*applied = true);
 * any other code (a Games service's observations) is not a result
 * (*applied = false, PD_OK). The one path every replay of a log takes.
 */
pd_err pd_results_apply_stored(pd_results *res, const char *code, const char *body, size_t body_len,
                               int64_t seq, int64_t supersedes, bool *applied, pd_diag *diag);

/*
 * Render the unit's or event's current document: podium-result/1 plus "rsc"
 * and "status". The scored part is remembered until an observation changes a
 * unit of the event; callers must not change the document they get.
 */
pd_err pd_results_unit_doc(pd_results *res, const pd_unit *unit, json_t **out, pd_diag *diag);
pd_err pd_results_event_doc(pd_results *res, const pd_event *event, json_t **out, pd_diag *diag);

/*
 * The same documents as compact JSON text (*text malloc'd, *len its length):
 * byte for byte json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER) of the
 * above, made from the remembered scoring's text without dumping it again.
 */
pd_err pd_results_unit_text(pd_results *res, const pd_unit *unit, char **text, size_t *len,
                            pd_diag *diag);
pd_err pd_results_event_text(pd_results *res, const pd_event *event, char **text, size_t *len,
                             pd_diag *diag);

/*
 * A phase's document: all its units together (for cumulative events, the
 * standing after its last unit), named by the phase's RSC.
 */
pd_err pd_results_phase_doc(pd_results *res, const pd_phase *phase, json_t **out, pd_diag *diag);

/* OFFICIAL when every unit of the phase is; START_LIST when none has begun; else LIVE/UNOFFICIAL.
 */
pd_status pd_results_phase_status(const pd_results *res, const pd_phase *phase);

pd_status pd_results_unit_status(const pd_results *res, const pd_unit *unit);
pd_status pd_results_event_status(const pd_results *res, const pd_event *event);

/*
 * The medal table from every OFFICIAL event's final ranks (ranks 1-3 win
 * medals; ties share them), as the GET /api/medals document:
 * {"medals": [{"rank", "noc", "gold", "silver", "bronze", "total"}, ...]}.
 */
pd_err pd_results_medals_doc(pd_results *res, json_t **out, pd_diag *diag);

/*
 * The units whose documents change when unit's observations change: those
 * whose scope (scoring "cumulative", "scope") includes it, unit itself among
 * them, in programme order. out must hold as many units as unit's event has;
 * returns the count (0 only when out of memory).
 */
size_t pd_results_dependents(const pd_unit *unit, const pd_unit **out);

/* The seq of the last observation applied to a unit, 0 when none. */
int64_t pd_results_unit_last_seq(const pd_results *res, const pd_unit *unit);

#endif
