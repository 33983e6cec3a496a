/*
 * events_doc.h: the programme as the `GET /api/events` document.
 *
 * One renderer for the schedule shared by the CLI (`podium programme --json`)
 * and the server, so both always print the same contract
 * (../shared/formats/api.md): {"events": [{"rsc", "name", "discipline",
 * "venue", "start", "status"}, ...]}, one row per medal event in programme
 * order.
 */
#ifndef PODIUM_EVENTS_DOC_H
#define PODIUM_EVENTS_DOC_H

#include <jansson.h>

#include "podium/err.h"
#include "podium/programme.h"

/* Which events to list; NULL members mean no filter. */
typedef struct {
    const char *day;        /* "2022-02-07": events with a unit starting that local day */
    const char *discipline; /* "ALP" */
} pd_events_filter;

/* Status of an event for the document; the caller knows the results. */
typedef const char *(*pd_event_status_fn)(const pd_event *event, void *ctx);

/*
 * Build the document. status may be NULL (every event "SCHEDULED"). *out is a
 * new reference. PD_ERR_NOMEM only.
 */
pd_err pd_events_doc_build(const pd_programme *prog, const pd_events_filter *filter,
                           pd_event_status_fn status, void *ctx, json_t **out);

/* True when the event passes the filter (shared with the table printer). */
int pd_events_filter_match(const pd_event *event, const pd_events_filter *filter);

#endif
