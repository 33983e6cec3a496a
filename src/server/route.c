/*
 * route.c: request paths and query numbers, parsed without I/O.
 *
 * Split out of routes.c so that every byte a client controls in a request
 * line (the path, the numbers in the query and in Last-Event-ID) goes
 * through small pure functions that fuzz/fuzz_route.c exercises on their own.
 * The route table itself stays readable in routes_handle().
 */
#include "route.h"

#include <string.h>

static bool match_code(const char *path, const char *prefix, route *r)
{
    size_t n = strlen(prefix);
    if (strncmp(path, prefix, n) != 0)
        return false;
    const char *code = path + n;
    const char *end = strchr(code, '/');
    size_t len = end ? (size_t)(end - code) : strlen(code);
    if (len != PD_RSC_LEN)
        return false;
    memcpy(r->rsc, code, PD_RSC_LEN);
    r->rsc[PD_RSC_LEN] = '\0';
    const char *rest = end ? end : "";
    r->rest = strcmp(rest, "") == 0                ? ROUTE_REST_NONE
              : strcmp(rest, "/results") == 0      ? ROUTE_REST_RESULTS
              : strcmp(rest, "/observations") == 0 ? ROUTE_REST_OBSERVATIONS
              : strcmp(rest, "/status") == 0       ? ROUTE_REST_STATUS
                                                   : ROUTE_REST_OTHER;
    return true;
}

route route_parse(const char *path)
{
    route r = {ROUTE_SITE, ROUTE_REST_NONE, ""};
    if (!path)
        path = "/";
    if (strcmp(path, "/api/health") == 0)
        r.kind = ROUTE_HEALTH;
    else if (strcmp(path, "/api/events") == 0)
        r.kind = ROUTE_EVENTS;
    else if (strcmp(path, "/api/medals") == 0)
        r.kind = ROUTE_MEDALS;
    else if (strcmp(path, "/api/stream") == 0)
        r.kind = ROUTE_STREAM;
    else if (strcmp(path, "/api/programme") == 0)
        r.kind = ROUTE_PROGRAMME;
    else if (match_code(path, "/api/events/", &r))
        r.kind = ROUTE_EVENT;
    else if (match_code(path, "/api/units/", &r))
        r.kind = ROUTE_UNIT;
    else if (strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0)
        r.kind = ROUTE_API_OTHER;
    return r;
}

bool route_parse_seq(const char *text, bool positive, int64_t *out)
{
    int64_t v = 0;
    size_t n = 0;
    if (!text)
        return false;
    for (; text[n]; n++) {
        if (text[n] < '0' || text[n] > '9' || n >= 18)
            return false;
        v = v * 10 + (text[n] - '0');
    }
    if (n == 0 || (positive && v == 0))
        return false;
    *out = v;
    return true;
}

bool route_site_path_ok(const char *path)
{
    /* a path without its leading slash would name a sibling of the root: "-old/x" */
    if (path[0] != '/')
        return false;
    for (const char *p = path; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '.' || *p == '_' || *p == '/' || *p == '-') ||
            (p[0] == '.' && p > path && p[-1] == '/'))
            return false;
    return true;
}
