/*
 * health_doc.h: the JSON side of closed-loop health management.
 *
 * Reads rule sets (podium-health-rules/1, data/health/beijing2022.json) and
 * health observations (the "HLT" log code: arrivals, samples, results,
 * reports, contacts, departures, batches of them, audit records) into the
 * pure engine of health.h, and renders its answers as JSON. Formats:
 * docs/health.md; HTTP: docs/api.md.
 */
#ifndef PODIUM_HEALTH_DOC_H
#define PODIUM_HEALTH_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "podium/err.h"
#include "podium/health.h"

/* Items in one batch observation at most. */
#define PD_HEALTH_BATCH_MAX 5000

/*
 * Parse a podium-health-rules/1 document into out (room for max sets);
 * *count receives the number of sets. Errors name the field path.
 */
pd_err pd_health_rules_parse(const json_t *doc, pd_health_rules *out, size_t max, size_t *count,
                             pd_diag *diag);

/* Load a rules file and create the engine state. NULL with diag set on failure. */
pd_health *pd_health_load(const char *path, pd_diag *diag);

/* The rule sets as JSON (public: no personal data). New reference. */
json_t *pd_health_rules_json(const pd_health *h);

/*
 * Would observation obs be accepted by h? Checks its shape and, item by
 * item, the state (a batch may refer to participants and samples it
 * introduces itself). Changes nothing. Errors name the field path
 * ("items[3].ct"), never a participant. An "audit" observation is accepted
 * only when allow_audit (the server writes them; clients may not).
 */
pd_err pd_health_doc_check(const pd_health *h, const json_t *obs, bool allow_audit, pd_diag *diag);

/*
 * Apply an observation already checked (replay or live). Items that do not
 * apply are skipped and counted in *skipped (may be NULL); an audit record
 * changes nothing.
 */
void pd_health_doc_apply(pd_health *h, const json_t *obs, size_t *skipped);

/* One participant's standing on a day as JSON (individual data). New reference. */
json_t *pd_health_standing_json(const pd_health_standing *st);

/*
 * The public figures from first_day to last_day: daily and cumulative, like
 * the official daily reports (aggregates only). NULL with diag on bad days.
 */
json_t *pd_health_figures_json(const pd_health *h, int32_t first_day, int32_t last_day,
                               pd_diag *diag);

#endif
