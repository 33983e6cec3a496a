/*
 * route.h: what a request path names, and the numbers in a query or header
 * (private to src/server). Pure: no I/O, no allocation, no libevent, so the
 * parsing of every request can be fuzzed on its own (fuzz/fuzz_route.c).
 */
#ifndef PODIUM_SERVER_ROUTE_H
#define PODIUM_SERVER_ROUTE_H

#include <stdbool.h>
#include <stdint.h>

#include "podium/rsc.h"

typedef enum {
    ROUTE_HEALTH,    /* /api/health */
    ROUTE_EVENTS,    /* /api/events */
    ROUTE_MEDALS,    /* /api/medals */
    ROUTE_STREAM,    /* /api/stream */
    ROUTE_PROGRAMME, /* /api/programme */
    ROUTE_EVENT,     /* /api/events/{rsc}{rest} */
    ROUTE_UNIT,      /* /api/units/{rsc}{rest} */
    ROUTE_API_OTHER, /* anything else under /api (a service's, or unknown) */
    ROUTE_SITE       /* the site's files */
} route_kind;

/* What follows an event's or unit's code. */
typedef enum {
    ROUTE_REST_NONE,         /* "" */
    ROUTE_REST_RESULTS,      /* "/results" */
    ROUTE_REST_OBSERVATIONS, /* "/observations" */
    ROUTE_REST_STATUS,       /* "/status" */
    ROUTE_REST_OTHER
} route_rest;

typedef struct {
    route_kind kind;
    route_rest rest;
    char rsc[PD_RSC_LEN + 1]; /* for ROUTE_EVENT and ROUTE_UNIT: 34 characters, unchecked */
} route;

/*
 * Classify a request's path (without its query; NULL is "/"). A code must be
 * exactly PD_RSC_LEN characters long to name an event or a unit; a path
 * under /api/events/ or /api/units/ whose code is not is ROUTE_API_OTHER.
 */
route route_parse(const char *path);

/*
 * A seq as a query or header gives it: decimal digits only, no sign, no
 * spaces, at most 18 digits; false otherwise. positive: 0 is refused too.
 */
bool route_parse_seq(const char *text, bool positive, int64_t *out);

/*
 * Whether a path is safe to look up under the site's root: it starts with
 * '/', has only [A-Za-z0-9._/-], and no segment starting with '.', so no
 * "..", no hidden file.
 */
bool route_site_path_ok(const char *path);

#endif
