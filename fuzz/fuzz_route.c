/*
 * fuzz_route.c: libFuzzer target for the HTTP request path and query.
 *
 * The bytes are a request target ("/api/units/X/observations?supersedes=3")
 * followed, after a newline, by a header value (Last-Event-ID). They go
 * through what podium serve does with a request line: libevent's URI parser
 * and query splitter, then src/server/route.c: route_parse on the path,
 * route_parse_seq on every query value and on the header, and
 * route_site_path_ok. Properties beyond "no crash, no UB": a code is copied
 * only from a path that holds it at the right place, a parsed seq prints
 * back to its text, and a path accepted for the site has no ".." segment
 * and starts with '/'.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <event2/http.h>
#include <event2/keyvalq_struct.h>

#include "../src/server/route.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_seq(const char *text, bool positive)
{
    int64_t v = -1;
    if (!route_parse_seq(text, positive, &v))
        return;
    char back[32];
    snprintf(back, sizeof back, "%lld", (long long)v);
    /* leading zeros aside, the digits are the number */
    const char *t = text;
    while (t[0] == '0' && t[1])
        t++;
    if (strcmp(back, t) != 0 || v < 0 || (positive && v == 0))
        abort();
}

static void check_path(const char *path)
{
    route r = route_parse(path);
    if (r.kind == ROUTE_EVENT || r.kind == ROUTE_UNIT) {
        const char *prefix = r.kind == ROUTE_EVENT ? "/api/events/" : "/api/units/";
        if (strncmp(path, prefix, strlen(prefix)) != 0 ||
            strncmp(path + strlen(prefix), r.rsc, PD_RSC_LEN) != 0 || strlen(r.rsc) != PD_RSC_LEN)
            abort();
    }
    if (route_site_path_ok(path) && (path[0] != '/' || strstr(path, "/..") || strstr(path, "/.")))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char *header = strchr(text, '\n');
    if (header)
        *header++ = '\0';

    check_path(text); /* the raw bytes, as if the URI parser had passed them */
    struct evhttp_uri *uri = evhttp_uri_parse_with_flags(text, EVHTTP_URI_NONCONFORMANT);
    if (uri) {
        const char *path = evhttp_uri_get_path(uri);
        check_path(path ? path : "/");
        const char *query = evhttp_uri_get_query(uri);
        struct evkeyvalq params;
        if (query && evhttp_parse_query_str(query, &params) == 0) {
            for (struct evkeyval *kv = params.tqh_first; kv; kv = kv->next.tqe_next)
                check_seq(kv->value, true);
            evhttp_clear_headers(&params);
        }
        evhttp_uri_free(uri);
    }
    if (header)
        check_seq(header, false);
    free(text);
    return 0;
}
