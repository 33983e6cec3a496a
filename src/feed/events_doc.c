/*
 * events_doc.c: render the programme's medal events as JSON.
 *
 * An event's "start" and "venue" are those of its earliest unit; its day
 * filter matches when any of its units starts on that local day, so a
 * two-day event (alpine combined, a hockey tournament) shows on every day it
 * is contested.
 */
#include "podium/events_doc.h"

#include <string.h>

int pd_events_filter_match(const pd_event *event, const pd_events_filter *filter)
{
    if (!filter)
        return 1;
    if (filter->discipline && strcmp(filter->discipline, event->discipline->code) != 0)
        return 0;
    if (!filter->day)
        return 1;
    for (size_t p = 0; p < event->phase_count; p++)
        for (size_t u = 0; u < event->phases[p].unit_count; u++)
            if (strcmp(event->phases[p].units[u].day, filter->day) == 0)
                return 1;
    return 0;
}

pd_err pd_events_doc_build(const pd_programme *prog, const pd_events_filter *filter,
                           pd_event_status_fn status, void *ctx, json_t **out)
{
    json_t *events = json_array();
    json_t *doc = json_object();
    if (!events || !doc)
        goto nomem;
    for (size_t i = 0; i < pd_programme_event_count(prog); i++) {
        const pd_event *event = pd_programme_event(prog, i);
        if (!pd_events_filter_match(event, filter))
            continue;
        json_t *row = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "rsc", event->rsc.code, "name",
                                event->name, "discipline", event->discipline->code, "venue",
                                event->first_unit->venue->name, "start", event->first_unit->start,
                                "status", status ? status(event, ctx) : "SCHEDULED");
        if (!row || json_array_append_new(events, row) != 0)
            goto nomem;
    }
    if (json_object_set_new(doc, "events", events) != 0) {
        events = NULL;
        goto nomem;
    }
    *out = doc;
    return PD_OK;
nomem:
    json_decref(events);
    json_decref(doc);
    return PD_ERR_NOMEM;
}
