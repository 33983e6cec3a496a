/*
 * routes.c: the HTTP API (docs/api.md) on a worker's loop.
 *
 * Reads serve rendered blobs from the hub without computing; writes are
 * checked here for what needs no Games state (route, token and role, body
 * size and JSON syntax) and handed to the writer, which answers when the
 * observation is durable. Live updates are Server-Sent Events written from
 * the shared ring.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <event2/buffer.h>
#include <sodium.h>
#include <event2/bufferevent.h>
#include <event2/keyvalq_struct.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include "internal.h"
#include "podium/json.h"
#include "route.h"

#define MAX_BODY (256u * 1024u)

struct subscriber {
    subscriber *prev, *next;
    worker *w;
    struct evhttp_request *req;
    struct evhttp_connection *evcon;
    conn_state *conn;
    uint64_t next_number;
    bool chunked; /* the reply is chunked: each frame gets its chunk framing */
    bool body;    /* the reply has a body: not an answer to HEAD */
    char discipline[4];
    char event[PD_RSC_LEN + 1];
};

/* --- replies ---------------------------------------------------------------- */

static void release_blob(const void *data, size_t len, void *arg)
{
    (void)data;
    (void)len;
    blob_unref(arg);
}

/* Add a blob to an evbuffer without copying; takes the reference. */
static void add_blob(struct evbuffer *buf, blob *b)
{
    if (evbuffer_add_reference(buf, b->data, b->len, release_blob, b) != 0)
        blob_unref(b);
}

static void headers_json(struct evhttp_request *req)
{
    struct evkeyvalq *out = evhttp_request_get_output_headers(req);
    evhttp_add_header(out, "Content-Type", "application/json; charset=utf-8");
    evhttp_add_header(out, "Cache-Control", "no-cache");
}

/* Send a blob (taken) as a 200 JSON answer. */
static void send_blob(struct evhttp_request *req, int code, blob *b)
{
    if (!b) {
        evhttp_send_error(req, 503, "starting");
        return;
    }
    struct evbuffer *buf = evbuffer_new();
    headers_json(req);
    if (buf && evhttp_request_get_command(req) != EVHTTP_REQ_HEAD)
        add_blob(buf, b);
    else
        blob_unref(b);
    evhttp_send_reply(req, code, code == 200 ? "OK" : code == 201 ? "Created" : "", buf);
    if (buf)
        evbuffer_free(buf);
}

static void send_json(struct evhttp_request *req, int code, json_t *doc)
{
    blob *b = doc ? blob_json(doc) : NULL;
    json_decref(doc);
    if (!b) {
        evhttp_send_error(req, 503, "out of memory");
        return;
    }
    send_blob(req, code, b);
}

static void send_error(struct evhttp_request *req, int code, const char *error, const char *fmt,
                       ...) __attribute__((format(printf, 4, 5)));

static void send_error(struct evhttp_request *req, int code, const char *error, const char *fmt,
                       ...)
{
    char message[PD_DIAG_PATH_MAX + PD_DIAG_REASON_MAX + 8];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    send_json(req, code, json_pack("{s:s, s:s}", "error", error, "message", message));
}

static void send_diag(struct evhttp_request *req, int code, const char *error, const pd_diag *diag)
{
    char line[PD_DIAG_PATH_MAX + PD_DIAG_REASON_MAX + 4];
    send_error(req, code, error, "%s", pd_diag_format(diag, line, sizeof line));
}

static const char *error_name(int code)
{
    switch (code) {
    case 400:
        return "invalid";
    case 404:
        return "not-found";
    case 409:
        return "conflict";
    case 422:
        return "unsupported";
    case 503:
        return "unavailable";
    default:
        return "internal";
    }
}

/* --- routing helpers ----------------------------------------------------------- */

static const char *query_param(struct evhttp_request *req, const char *name, char *out, size_t size)
{
    const char *query = evhttp_uri_get_query(evhttp_request_get_evhttp_uri(req));
    struct evkeyvalq params;
    const char *found = NULL;
    if (!query || evhttp_parse_query_str(query, &params) != 0)
        return NULL;
    const char *value = evhttp_find_header(&params, name);
    if (value) {
        snprintf(out, size, "%s", value);
        found = out;
    }
    evhttp_clear_headers(&params);
    return found;
}

/* --- reads ------------------------------------------------------------------------- */

static void get_health(worker *w, struct evhttp_request *req)
{
    send_json(req, 200,
              json_pack("{s:s, s:I, s:I}", "status", "ok", "seq",
                        (json_int_t)atomic_load(&w->srv->hub.last_seq), "odf_backlog",
                        (json_int_t)odf_feed_backlog(w->srv)));
}

static void get_unit_info(worker *w, struct evhttp_request *req, const pd_unit *unit)
{
    (void)w;
    json_t *list = json_array();
    for (size_t i = 0; list && i < unit->start_count; i++) {
        const pd_start_entry *e = &unit->start_list[i];
        json_array_append_new(list, json_pack("{s:s, s:s, s:s, s:s, s:i}", "competitor",
                                              e->participant->id, "name", e->participant->name,
                                              "noc", e->participant->noc->code, "bib", e->bib,
                                              "order", e->order));
    }
    const pd_event *event = unit->phase->event;
    send_json(req, 200,
              json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:o}", "rsc",
                        unit->rsc.code, "name", unit->name, "event", event->rsc.code, "event_name",
                        event->name, "phase", unit->phase->rsc.code, "discipline",
                        event->discipline->code, "venue", unit->venue->name, "start", unit->start,
                        "end", unit->end, "medal", unit->medal, "start_list",
                        list ? list : json_array()));
}

typedef struct {
    json_t *list;
} history;

static pd_err add_history(const pd_observation *obs, void *ctx)
{
    history *h = ctx;
    json_t *body = json_loadb(obs->body, obs->body_len, 0, NULL);
    json_t *row = json_pack("{s:I, s:o, s:I, s:s, s:I}", "seq", (json_int_t)obs->seq, "body",
                            body ? body : json_null(), "supersedes", (json_int_t)obs->supersedes,
                            "author", obs->author ? obs->author : "", "recorded_at_ms",
                            (json_int_t)obs->recorded_at_ms);
    if (!row || json_array_append_new(h->list, row) != 0)
        return PD_ERR_NOMEM;
    return PD_OK;
}

static void get_history(worker *w, struct evhttp_request *req, const pd_unit *unit)
{
    history h = {json_array()};
    pd_diag diag = {0};
    if (!h.list || pd_log_scan(w->log, 0, unit->rsc.code, PD_LOG_ALL, add_history, &h, &diag)) {
        json_decref(h.list);
        send_error(req, 500, "internal", "reading the log: %s", diag.reason);
        return;
    }
    send_json(req, 200, json_pack("{s:s, s:o}", "rsc", unit->rsc.code, "observations", h.list));
}

static void get_programme(worker *w, struct evhttp_request *req)
{
    char day[16], discipline[8], venue[32];
    const char *want_day = query_param(req, "day", day, sizeof day);
    const char *want_disc = query_param(req, "discipline", discipline, sizeof discipline);
    const char *want_venue = query_param(req, "venue", venue, sizeof venue);
    const pd_programme *prog = w->srv->prog;
    json_t *units = json_array();
    for (size_t i = 0; units && i < pd_programme_unit_count(prog); i++) {
        const pd_unit *u = pd_programme_unit_by_time(prog, i);
        const pd_event *e = u->phase->event;
        if ((want_day && strcmp(u->day, want_day) != 0) ||
            (want_disc && strcmp(e->discipline->code, want_disc) != 0) ||
            (want_venue && strcmp(u->venue->code, want_venue) != 0))
            continue;
        json_array_append_new(
            units, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "rsc", u->rsc.code,
                             "name", u->name, "event", e->rsc.code, "event_name", e->name,
                             "discipline", e->discipline->code, "venue", u->venue->code, "start",
                             u->start, "end", u->end, "medal", u->medal));
    }
    send_json(req, 200, json_pack("{s:o}", "units", units ? units : json_array()));
}

/* --- writes -------------------------------------------------------------------------- */

/* Tie a queued write to its connection, so a close before the answer cancels it. */
static void attach_job(worker *w, struct evhttp_request *req, write_job *job)
{
    bool is_new;
    conn_state *cs = conns_get(w, evhttp_request_get_connection(req), &is_new);
    job->conn = cs;
    if (cs)
        cs->job = job;
}

void routes_reply_write(write_job *job)
{
    if (!job->req) {
        /* a background write (pd_service_submit_background): nobody to answer */
        if (job->status != 201)
            fprintf(stderr, "podium serve: a background %s write was refused: %s: %s\n",
                    job->service >= 0 ? pd_services[job->service]->name : "results", job->diag.path,
                    job->diag.reason);
    } else if (!job->cancelled) {
        if (job->conn)
            job->conn->job = NULL;
        if (job->status == 201 && job->unit) {
            send_json(job->req, 201, json_pack("{s:I}", "seq", (json_int_t)job->seq));
        } else if (job->status == 201) {
            json_t *reply = job->reply ? job->reply : json_object();
            job->reply = NULL;
            json_object_set_new(reply, "seq", json_integer(job->seq));
            send_json(job->req, job->ok_status ? job->ok_status : 201, reply);
        } else
            send_diag(job->req, job->status, error_name(job->status), &job->diag);
    }
    json_decref(job->body);
    json_decref(job->reply);
    free(job);
}

/*
 * pd_token_check through a small per-worker cache: a scanner or an operator
 * sends the same token with every request, and looking it up in SQLite (hash,
 * prepare, query) costs more than answering an access check. A known token is
 * remembered for TOKEN_CACHE_MS, so a change of the tokens table reaches a
 * worker within that time; unknown tokens are never cached. Compared in
 * constant time, like the hash lookup it stands for.
 */
static pd_err token_check_cached(worker *w, const char *token, pd_token_info *info, pd_diag *diag)
{
    struct timespec ts;
    size_t len = strlen(token);
    if (len != PD_TOKEN_LEN)
        return pd_token_check(w->log, token, info, diag);
    clock_gettime(CLOCK_MONOTONIC, &ts);
    int64_t now = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
    unsigned slot = 0;
    for (size_t i = 3; i < 11; i++) /* hex digits of random bytes: any few spread well */
        slot = slot * 31 + (unsigned char)token[i];
    token_cache_entry *e = &w->token_cache[slot % TOKEN_CACHE_SIZE];
    if (e->expires_ms > now && sodium_memcmp(e->token, token, PD_TOKEN_LEN) == 0) {
        *info = e->info;
        return PD_OK;
    }
    pd_err err = pd_token_check(w->log, token, info, diag);
    if (!err) {
        memcpy(e->token, token, PD_TOKEN_LEN + 1);
        e->info = *info;
        e->expires_ms = now + TOKEN_CACHE_MS;
    }
    return err;
}

static bool authorise(worker *w, struct evhttp_request *req, const char *discipline,
                      pd_token_info *info)
{
    const char *auth = evhttp_find_header(evhttp_request_get_input_headers(req), "Authorization");
    if (!auth || strncmp(auth, "Bearer ", 7) != 0) {
        send_error(req, 401, "unauthorized", "a write needs Authorization: Bearer TOKEN");
        return false;
    }
    pd_diag diag = {0};
    pd_err err = token_check_cached(w, auth + 7, info, &diag);
    if (err == PD_ERR_NOT_FOUND) {
        send_error(req, 401, "unauthorized", "unknown token");
        return false;
    }
    if (err) {
        send_diag(req, 500, "internal", &diag);
        return false;
    }
    if (!pd_token_may_write(info, discipline)) {
        send_error(req, 403, "forbidden", "a %s token%s%s may not write %s results", info->role,
                   info->scope[0] ? " for " : "", info->scope, discipline);
        return false;
    }
    return true;
}

static void post_observation(worker *w, struct evhttp_request *req, const pd_unit *unit,
                             bool status_change)
{
    pd_token_info info;
    const pd_event *event = unit->phase->event;
    if (!authorise(w, req, event->discipline->code, &info))
        return;
    const char *type = evhttp_find_header(evhttp_request_get_input_headers(req), "Content-Type");
    if (type && strncmp(type, "application/json", 16) != 0) {
        send_error(req, 415, "unsupported-media-type", "send the body as application/json");
        return;
    }
    struct evbuffer *in = evhttp_request_get_input_buffer(req);
    size_t len = evbuffer_get_length(in);
    if (len > MAX_BODY) {
        send_error(req, 413, "too-large", "body of %zu bytes exceeds %u", len, MAX_BODY);
        return;
    }
    char supersedes_text[24];
    int64_t supersedes = 0;
    if (query_param(req, "supersedes", supersedes_text, sizeof supersedes_text) &&
        !route_parse_seq(supersedes_text, true, &supersedes)) {
        send_error(req, 400, "invalid", "supersedes: expected a positive seq, got \"%s\"",
                   supersedes_text);
        return;
    }
    json_t *body = NULL;
    pd_diag diag = {0};
    pd_err err = pd_json_parse((const char *)evbuffer_pullup(in, -1), len, &body, &diag);
    if (err) {
        send_diag(req, 400, "invalid", &diag);
        return;
    }
    if (!json_is_object(body)) {
        json_decref(body);
        send_error(req, 400, "invalid", "the body is one JSON object");
        return;
    }
    bool is_status = json_object_get(body, "status") && json_object_size(body) == 1;
    if (status_change != is_status) {
        json_decref(body);
        send_error(req, 400, "invalid",
                   status_change ? "expected {\"status\": \"LIVE\" | \"UNOFFICIAL\" | \"OFFICIAL\"}"
                                 : "a status change goes to /api/units/{rsc}/status");
        return;
    }
    write_job *job = calloc(1, sizeof *job);
    if (!job) {
        json_decref(body);
        send_error(req, 503, "unavailable", "out of memory");
        return;
    }
    job->owner = w;
    job->req = req;
    job->unit = unit;
    job->service = -1;
    job->body = body;
    job->supersedes = supersedes;
    job->admin = strcmp(info.role, "admin") == 0;
    snprintf(job->author, sizeof job->author, "%s", info.label[0] ? info.label : info.role);
    attach_job(w, req, job);
    writer_submit(w->srv, job);
}

/* --- live updates ------------------------------------------------------------------------ */

static void unlink_subscriber(subscriber *sub)
{
    worker *w = sub->w;
    if (sub->prev)
        sub->prev->next = sub->next;
    else
        w->subscribers = sub->next;
    if (sub->next)
        sub->next->prev = sub->prev;
}

void routes_stream_closed(subscriber *sub)
{
    /*
     * A client that closes its stream leaves the request to us: evhttp takes
     * a request whose reply was never ended off the connection and frees only
     * the connection (evhttp_connection_incoming_fail). Ending the reply of a
     * request without a connection frees it (evhttp_send_reply_end). When the
     * server closes the connection itself (drop, shutdown), the request is
     * still on it and evhttp frees the two together.
     */
    struct evhttp_request *req = sub->req;
    unlink_subscriber(sub);
    free(sub);
    if (req && !evhttp_request_get_connection(req))
        evhttp_send_reply_end(req);
}

/* Drop a subscriber: close its connection (conns.c then counts it gone). */
static void drop(subscriber *sub)
{
    struct evhttp_connection *evcon = sub->evcon;
    if (sub->conn)
        sub->conn->sub = NULL;
    unlink_subscriber(sub);
    free(sub);
    evhttp_connection_free(evcon);
}

static size_t queued_bytes(subscriber *sub)
{
    struct bufferevent *bev = evhttp_connection_get_bufferevent(sub->evcon);
    return bev ? evbuffer_get_length(bufferevent_get_output(bev)) : 0;
}

static bool wants(const subscriber *sub, const ring_entry *e)
{
    if (sub->discipline[0] && e->discipline[0] && strcmp(sub->discipline, e->discipline) != 0)
        return false;
    if (sub->event[0] && e->event[0] && strcmp(sub->event, e->event) != 0)
        return false;
    return true;
}

/*
 * What the ring holds from `first` up to `next`, copied under the ring's lock
 * once per delivery round (one lock for every subscriber of the loop, not one
 * each). Each copy holds a reference to its frame; frame NULL: the entry was
 * overwritten, a subscriber still needing it is too slow.
 */
typedef struct {
    uint64_t first, next;
    ring_entry *entries; /* next - first of them */
} ring_view;

static bool view_take(hub *h, uint64_t first, ring_view *view)
{
    pthread_mutex_lock(&h->ring_lock);
    uint64_t next = h->ring_next;
    if (first >= next) {
        pthread_mutex_unlock(&h->ring_lock);
        return false;
    }
    if (next - first > RING_SIZE)
        first = next - RING_SIZE; /* older numbers are overwritten whatever happens */
    view->entries = malloc((size_t)(next - first) * sizeof *view->entries);
    if (!view->entries) {
        pthread_mutex_unlock(&h->ring_lock);
        return false; /* out of memory: the next round tries again */
    }
    view->first = first;
    view->next = next;
    for (uint64_t n = first; n < next; n++) {
        const ring_entry *e = &h->ring[n % RING_SIZE];
        ring_entry *copy = &view->entries[n - first];
        *copy = *e;
        copy->frame = e->number == n ? blob_ref(e->frame) : NULL;
    }
    pthread_mutex_unlock(&h->ring_lock);
    return true;
}

static void view_release(ring_view *view)
{
    for (uint64_t n = view->first; n < view->next; n++)
        blob_unref(view->entries[n - view->first].frame);
    free(view->entries);
}

/* Most frames sent at once (3 iovecs each when chunked): deliver passes at most this many. */
#define DIRECT_FRAMES 64

/*
 * Send count (at most DIRECT_FRAMES) frames to sub, in order, with the chunk
 * framing evhttp_send_reply_chunk would add. When nothing is queued on its
 * connection, they go straight to the socket in one sendmsg: no event
 * registration and no buffer per frame, the cost of one delivery to one of
 * thousands of subscribers. What the socket does not take, or everything when
 * output is already queued, is added to the connection's output buffer (the
 * frames by reference), which libevent writes as the socket drains. false
 * when the connection failed.
 */
static bool sub_send(subscriber *sub, blob *const *frames, size_t count)
{
    struct bufferevent *bev = evhttp_connection_get_bufferevent(sub->evcon);
    if (!bev || count == 0 || !sub->body)
        return bev != NULL;
    struct evbuffer *output = bufferevent_get_output(bev);
    char heads[DIRECT_FRAMES][20];
    struct iovec iov[DIRECT_FRAMES * 3];
    size_t nv = 0, written = 0;
    for (size_t f = 0; f < count; f++) {
        if (sub->chunked) {
            int n = snprintf(heads[f], sizeof heads[f], "%zx\r\n", frames[f]->len);
            iov[nv++] = (struct iovec){heads[f], (size_t)n};
        }
        iov[nv++] = (struct iovec){frames[f]->data, frames[f]->len};
        if (sub->chunked)
            iov[nv++] = (struct iovec){(char *)"\r\n", 2};
    }
    if (evbuffer_get_length(output) == 0) {
        struct msghdr msg = {.msg_iov = iov, .msg_iovlen = nv};
        ssize_t n = sendmsg(bufferevent_getfd(bev), &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
            return false;
        written = n > 0 ? (size_t)n : 0;
    }
    /* queue what the socket did not take */
    for (size_t v = 0, f = 0; v < nv; v++) {
        bool body = sub->chunked ? v % 3 == 1 : true;
        size_t len = iov[v].iov_len;
        size_t skip = written < len ? written : len;
        written -= skip;
        if (skip < len) {
            const char *start = (const char *)iov[v].iov_base + skip;
            if (body) {
                blob *b = blob_ref(frames[f]);
                if (evbuffer_add_reference(output, start, len - skip, release_blob, b) != 0) {
                    blob_unref(b);
                    return false;
                }
            } else if (evbuffer_add(output, start, len - skip) != 0) {
                return false;
            }
        }
        if (body)
            f++;
    }
    /* libevent writes what was queued when the socket is writable */
    if (evbuffer_get_length(output) > 0)
        bufferevent_enable(bev, EV_WRITE);
    return true;
}

/*
 * Deliver to sub what view holds for it; false when sub had to be dropped
 * (it fell a whole ring behind, its queue passed the limit, or its connection
 * failed).
 */
static bool deliver(subscriber *sub, const ring_view *view)
{
    if (sub->next_number >= view->next)
        return true;
    bool ok = sub->next_number >= view->first;
    blob *frames[DIRECT_FRAMES];
    size_t count = 0;
    for (uint64_t n = sub->next_number; ok && n < view->next; n++) {
        const ring_entry *e = &view->entries[n - view->first];
        if (!e->frame) {
            ok = false; /* overwritten: the subscriber fell a whole ring behind */
            break;
        }
        if (!wants(sub, e))
            continue;
        frames[count++] = e->frame;
        if (count == DIRECT_FRAMES) {
            ok = sub_send(sub, frames, count);
            count = 0;
        }
    }
    if (ok)
        ok = sub_send(sub, frames, count);
    sub->next_number = view->next;
    if (!ok || queued_bytes(sub) > sub->w->srv->cfg.sse_queue_bytes) {
        drop(sub);
        return false;
    }
    return true;
}

/* Deliver the new frames to every subscriber of w, or to `only`. */
static void deliver_all(worker *w, subscriber *only)
{
    uint64_t first = UINT64_MAX;
    for (subscriber *sub = only ? only : w->subscribers; sub; sub = only ? NULL : sub->next)
        if (sub->next_number < first)
            first = sub->next_number;
    ring_view view;
    if (first == UINT64_MAX || !view_take(&w->srv->hub, first, &view))
        return;
    for (subscriber *sub = only ? only : w->subscribers; sub;) {
        subscriber *next = only ? NULL : sub->next;
        deliver(sub, &view);
        sub = next;
    }
    view_release(&view);
}

void routes_stream_notify(worker *w)
{
    deliver_all(w, NULL);
}

void routes_stream_heartbeat(worker *w)
{
    for (subscriber *sub = w->subscribers; sub;) {
        subscriber *next = sub->next;
        struct evbuffer *out = evbuffer_new();
        if (out) {
            evbuffer_add(out, ": heartbeat\n\n", 13);
            evhttp_send_reply_chunk(sub->req, out);
            evbuffer_free(out);
        }
        if (queued_bytes(sub) > w->srv->cfg.sse_queue_bytes)
            drop(sub);
        sub = next;
    }
}

void routes_stream_close_all(worker *w)
{
    while (w->subscribers)
        drop(w->subscribers);
}

typedef struct {
    int64_t seq;
    size_t unit;
} pending_unit;

static int cmp_pending(const void *a, const void *b)
{
    const pending_unit *pa = a, *pb = b;
    return pa->seq < pb->seq ? -1 : pa->seq > pb->seq;
}

/*
 * Resume after last_id. When the ring still holds everything after it, the
 * subscriber replays the ring exactly. Otherwise it gets, for every unit
 * changed since, the unit's current document (id = the unit's last seq), in
 * seq order, then the live ring: the same final state, nothing missed.
 */
static void resume(subscriber *sub, int64_t last_id, struct evbuffer *out)
{
    server *srv = sub->w->srv;
    hub *h = &srv->hub;
    pthread_mutex_lock(&h->ring_lock);
    if (h->ring_dropped_seq <= last_id) {
        uint64_t first = h->ring_next > RING_SIZE ? h->ring_next - RING_SIZE : 1;
        sub->next_number = h->ring_next;
        for (uint64_t n = first; n < h->ring_next; n++)
            if (h->ring[n % RING_SIZE].number == n && h->ring[n % RING_SIZE].seq > last_id) {
                sub->next_number = n;
                break;
            }
        pthread_mutex_unlock(&h->ring_lock);
        return;
    }
    sub->next_number = h->ring_next;
    size_t count = pd_programme_unit_count(srv->prog);
    pending_unit *pending = calloc(count ? count : 1, sizeof *pending);
    size_t n = 0;
    pthread_rwlock_rdlock(&h->lock);
    for (size_t u = 0; pending && u < count; u++)
        if (h->unit_seq[u] > last_id)
            pending[n++] = (pending_unit){h->unit_seq[u], u};
    pthread_rwlock_unlock(&h->lock);
    pthread_mutex_unlock(&h->ring_lock);
    if (!pending)
        return;
    qsort(pending, n, sizeof *pending, cmp_pending);
    for (size_t i = 0; i < n; i++) {
        const pd_unit *unit = pd_programme_unit(srv->prog, pending[i].unit);
        const pd_event *event = unit->phase->event;
        ring_entry filter = {0};
        snprintf(filter.discipline, sizeof filter.discipline, "%s", event->discipline->code);
        snprintf(filter.event, sizeof filter.event, "%s", event->rsc.code);
        if (!wants(sub, &filter))
            continue;
        blob *doc = hub_get_unit(h, pending[i].unit);
        if (!doc)
            continue;
        evbuffer_add_printf(out,
                            "id: %" PRId64 "\nevent: result\ndata: {\"seq\":%" PRId64
                            ",\"rsc\":\"%s\",\"results\":",
                            pending[i].seq, pending[i].seq, unit->rsc.code);
        evbuffer_add(out, doc->data, doc->len);
        evbuffer_add(out, "}\n\n", 3);
        blob_unref(doc);
    }
    free(pending);
}

static void get_stream(worker *w, struct evhttp_request *req)
{
    char discipline[8] = "", event[64] = "";
    subscriber *sub = calloc(1, sizeof *sub);
    if (!sub) {
        send_error(req, 503, "unavailable", "out of memory");
        return;
    }
    if (query_param(req, "discipline", discipline, sizeof discipline) &&
        !pd_programme_find_discipline(w->srv->prog, discipline)) {
        free(sub);
        send_error(req, 400, "invalid", "discipline: unknown discipline \"%s\"", discipline);
        return;
    }
    if (query_param(req, "event", event, sizeof event) &&
        !pd_programme_find_event(w->srv->prog, event)) {
        free(sub);
        send_error(req, 400, "invalid", "event: unknown event \"%.40s\"", event);
        return;
    }
    /* both were checked against the programme: a discipline is 3 letters, an event 34 */
    memcpy(sub->discipline, discipline, sizeof sub->discipline - 1);
    memcpy(sub->event, event, sizeof sub->event - 1);
    sub->w = w;
    sub->req = req;
    sub->evcon = evhttp_request_get_connection(req);

    struct evbuffer *out = evbuffer_new();
    if (!out) {
        free(sub);
        send_error(req, 503, "unavailable", "out of memory");
        return;
    }
    evbuffer_add(out, ": podium live results\n\n", 23);
    const char *last = evhttp_find_header(evhttp_request_get_input_headers(req), "Last-Event-ID");
    if (last) {
        int64_t id;
        if (!route_parse_seq(last, false, &id)) {
            evbuffer_free(out);
            free(sub);
            send_error(req, 400, "invalid", "Last-Event-ID: expected a seq, got \"%.40s\"", last);
            return;
        }
        resume(sub, id, out);
    } else {
        pthread_mutex_lock(&w->srv->hub.ring_lock);
        sub->next_number = w->srv->hub.ring_next;
        pthread_mutex_unlock(&w->srv->hub.ring_lock);
    }
    struct evkeyvalq *headers = evhttp_request_get_output_headers(req);
    evhttp_add_header(headers, "Content-Type", "text/event-stream; charset=utf-8");
    evhttp_add_header(headers, "Cache-Control", "no-cache");
    evhttp_add_header(headers, "X-Accel-Buffering", "no");
    evhttp_send_reply_start(req, 200, "OK");
    /* evhttp chose the framing: chunked for HTTP/1.1, or none (HTTP/1.0) */
    const char *te = evhttp_find_header(headers, "Transfer-Encoding");
    sub->chunked = te && strcmp(te, "chunked") == 0;
    sub->body = evhttp_request_get_command(req) != EVHTTP_REQ_HEAD;
    /* a live stream is not a slow request: no read or write deadline of its own */
    evhttp_connection_set_timeout(sub->evcon, 24 * 3600);
    bool is_new;
    sub->conn = conns_get(w, sub->evcon, &is_new);
    if (sub->conn)
        sub->conn->sub = sub;
    server_conn_streaming(w, req);
    sub->next = w->subscribers;
    if (w->subscribers)
        w->subscribers->prev = sub;
    w->subscribers = sub;
    evhttp_send_reply_chunk(req, out);
    evbuffer_free(out);
    deliver_all(w, sub);
}

/* --- services ----------------------------------------------------------------------------- */

struct pd_service_call {
    worker *w;
    struct evhttp_request *req;
    int service;
    json_t *body;
    pd_token_info token;
    bool has_token;
    struct evkeyvalq query;
    bool query_parsed;
    bool answered;
};

const char *pd_service_method(const pd_service_call *call)
{
    switch (evhttp_request_get_command(call->req)) {
    case EVHTTP_REQ_GET:
        return "GET";
    case EVHTTP_REQ_HEAD:
        return "HEAD";
    case EVHTTP_REQ_POST:
        return "POST";
    case EVHTTP_REQ_PUT:
        return "PUT";
    case EVHTTP_REQ_DELETE:
        return "DELETE";
    case EVHTTP_REQ_PATCH:
        return "PATCH";
    default:
        return "OTHER";
    }
}

const char *pd_service_path(const pd_service_call *call)
{
    const char *path = evhttp_uri_get_path(evhttp_request_get_evhttp_uri(call->req));
    return path ? path : "/";
}

const char *pd_service_query(pd_service_call *call, const char *name)
{
    if (!call->query_parsed) {
        const char *query = evhttp_uri_get_query(evhttp_request_get_evhttp_uri(call->req));
        TAILQ_INIT(&call->query);
        if (query)
            evhttp_parse_query_str(query, &call->query);
        call->query_parsed = true;
    }
    return evhttp_find_header(&call->query, name);
}

const json_t *pd_service_body(const pd_service_call *call)
{
    return call->body;
}

const char *pd_service_raw_body(const pd_service_call *call, size_t *len)
{
    struct evbuffer *in = evhttp_request_get_input_buffer(call->req);
    *len = evbuffer_get_length(in);
    return (const char *)evbuffer_pullup(in, -1);
}

const pd_token_info *pd_service_token(const pd_service_call *call)
{
    return call->has_token ? &call->token : NULL;
}

const char *pd_service_header(const pd_service_call *call, const char *name)
{
    return evhttp_find_header(evhttp_request_get_input_headers(call->req), name);
}

void pd_service_reply(pd_service_call *call, int status, json_t *doc)
{
    if (call->answered) {
        json_decref(doc);
        return;
    }
    call->answered = true;
    send_json(call->req, status, doc);
}

void pd_service_reply_bytes(pd_service_call *call, int status, const char *content_type,
                            const char *bytes, size_t len)
{
    if (call->answered)
        return;
    call->answered = true;
    blob *b = blob_new(bytes, len);
    if (!b) {
        evhttp_send_error(call->req, 503, "out of memory");
        return;
    }
    struct evbuffer *buf = evbuffer_new();
    evhttp_add_header(evhttp_request_get_output_headers(call->req), "Content-Type", content_type);
    if (buf)
        add_blob(buf, b);
    else
        blob_unref(b);
    evhttp_send_reply(call->req, status, "", buf);
    if (buf)
        evbuffer_free(buf);
}

void pd_service_error(pd_service_call *call, int status, const char *error, const char *fmt, ...)
{
    char message[PD_DIAG_PATH_MAX + PD_DIAG_REASON_MAX + 8];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    pd_service_reply(call, status, json_pack("{s:s, s:s}", "error", error, "message", message));
}

void pd_service_submit(pd_service_call *call, json_t *observation, json_t *reply)
{
    pd_service_submit_status(call, observation, reply, 201);
}

void pd_service_submit_status(pd_service_call *call, json_t *observation, json_t *reply,
                              int ok_status)
{
    write_job *job = call->answered ? NULL : calloc(1, sizeof *job);
    if (!job) {
        json_decref(observation);
        json_decref(reply);
        if (!call->answered)
            pd_service_error(call, 503, "unavailable", "out of memory");
        return;
    }
    call->answered = true;
    job->owner = call->w;
    job->req = call->req;
    job->service = call->service;
    job->body = observation;
    job->reply = reply;
    job->ok_status = ok_status;
    job->admin = call->has_token && strcmp(call->token.role, "admin") == 0;
    snprintf(job->author, sizeof job->author, "%s",
             !call->has_token       ? ""
             : call->token.label[0] ? call->token.label
                                    : call->token.role);
    attach_job(call->w, call->req, job);
    writer_submit(call->w->srv, job);
}

void pd_service_submit_background(pd_service_call *call, json_t *observation)
{
    write_job *job = calloc(1, sizeof *job);
    if (!job) {
        json_decref(observation);
        fprintf(stderr, "podium serve: out of memory: a background write was dropped\n");
        return;
    }
    job->owner = call->w;
    job->req = NULL;
    job->service = call->service;
    job->body = observation;
    snprintf(job->author, sizeof job->author, "%s",
             !call->has_token       ? ""
             : call->token.label[0] ? call->token.label
                                    : call->token.role);
    writer_submit(call->w->srv, job);
}

static bool under(const char *path, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(path, prefix, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* Hand a request to the service whose prefix it is under; false when none is. */
static bool dispatch_service(worker *w, struct evhttp_request *req, const char *path)
{
    for (int i = 0; i < w->srv->service_count; i++) {
        if (!under(path, pd_services[i]->prefix))
            continue;
        pd_service_call call = {.w = w, .req = req, .service = i};
        const char *auth =
            evhttp_find_header(evhttp_request_get_input_headers(req), "Authorization");
        if (auth) {
            pd_diag diag = {0};
            if (strncmp(auth, "Bearer ", 7) != 0 ||
                token_check_cached(w, auth + 7, &call.token, &diag) != PD_OK) {
                send_error(req, 401, "unauthorized", "unknown token");
                return true;
            }
            call.has_token = true;
        }
        struct evbuffer *in = evhttp_request_get_input_buffer(req);
        size_t len = evbuffer_get_length(in);
        if (len > MAX_BODY) {
            send_error(req, 413, "too-large", "body of %zu bytes exceeds %u", len, MAX_BODY);
            return true;
        }
        const char *type =
            evhttp_find_header(evhttp_request_get_input_headers(req), "Content-Type");
        if (len > 0 && (!type || strncmp(type, "application/json", 16) == 0)) {
            pd_diag diag = {0};
            if (pd_json_parse((const char *)evbuffer_pullup(in, -1), len, &call.body, &diag)) {
                send_diag(req, 400, "invalid", &diag);
                return true;
            }
        }
        pd_services[i]->handle(w->srv->service_states[i], &call);
        if (!call.answered)
            send_error(req, 500, "internal", "the %s service gave no answer", pd_services[i]->name);
        json_decref(call.body);
        if (call.query_parsed)
            evhttp_clear_headers(&call.query);
        return true;
    }
    return false;
}

/* --- the site ------------------------------------------------------------------------------ */

static const char *content_type_of(const char *path)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".html", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".json", "application/json; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".md", "text/markdown; charset=utf-8"},
        {".txt", "text/plain; charset=utf-8"},
        {".woff2", "font/woff2"},
    };
    const char *dot = strrchr(path, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0)
            return types[i].type;
    return "application/octet-stream";
}

/*
 * Files of the site from web_root. Paths are checked before they touch the
 * file system: only [A-Za-z0-9._/-], no "..", no hidden files; a directory
 * means its index.html; an unknown page that has no extension falls back to
 * index.html so the site's own router can draw it.
 */
static void serve_static(worker *w, struct evhttp_request *req, const char *path)
{
    const char *root = w->srv->cfg.web_root;
    char file[1024];
    if (!root || !root[0]) {
        send_error(req, 404, "not-found", "no page %s", path);
        return;
    }
    if (!route_site_path_ok(path)) {
        send_error(req, 404, "not-found", "no page %.100s", path);
        return;
    }
    size_t n = strlen(path);
    snprintf(file, sizeof file, "%s%s%s", root, path, n && path[n - 1] == '/' ? "index.html" : "");
    FILE *f = fopen(file, "rb");
    const char *slash = strrchr(path, '/');
    if (!f && slash && !strchr(slash, '.')) {
        snprintf(file, sizeof file, "%s/index.html", root);
        f = fopen(file, "rb");
    }
    if (!f) {
        send_error(req, 404, "not-found", "no page %.100s", path);
        return;
    }
    struct evbuffer *buf = evbuffer_new();
    char chunk[16384];
    size_t got, total = 0;
    while (buf && (got = fread(chunk, 1, sizeof chunk, f)) > 0 && total < 16u * 1024u * 1024u) {
        evbuffer_add(buf, chunk, got);
        total += got;
    }
    fclose(f);
    if (!buf) {
        evhttp_send_error(req, 503, "out of memory");
        return;
    }
    struct evkeyvalq *out = evhttp_request_get_output_headers(req);
    evhttp_add_header(out, "Content-Type", content_type_of(file));
    evhttp_add_header(out, "Cache-Control", "no-cache");
    evhttp_add_header(out, "X-Content-Type-Options", "nosniff");
    evhttp_send_reply(req, 200, "OK", buf);
    evbuffer_free(buf);
}

/* --- dispatch ----------------------------------------------------------------------------- */

void routes_handle(struct evhttp_request *req, void *arg)
{
    worker *w = arg;
    server *srv = w->srv;
    const char *path = evhttp_uri_get_path(evhttp_request_get_evhttp_uri(req));
    enum evhttp_cmd_type method = evhttp_request_get_command(req);
    bool get = method == EVHTTP_REQ_GET || method == EVHTTP_REQ_HEAD;
    bool post = method == EVHTTP_REQ_POST;

    if (!path)
        path = "/";
    if (!get && !post) {
        send_error(req, 405, "method-not-allowed", "use GET or POST");
        return;
    }
    route r = route_parse(path);
    if (r.kind == ROUTE_HEALTH && get) {
        get_health(w, req);
    } else if (r.kind == ROUTE_EVENTS && get) {
        blob *b = hub_get_events(&srv->hub);
        b ? send_blob(req, 200, b) : send_error(req, 503, "unavailable", "starting");
    } else if (r.kind == ROUTE_MEDALS && get) {
        blob *b = hub_get_medals(&srv->hub);
        b ? send_blob(req, 200, b) : send_error(req, 503, "unavailable", "starting");
    } else if (r.kind == ROUTE_STREAM && get) {
        get_stream(w, req);
    } else if (r.kind == ROUTE_PROGRAMME && get) {
        get_programme(w, req);
    } else if (r.kind == ROUTE_EVENT) {
        const pd_event *event = pd_programme_find_event(srv->prog, r.rsc);
        if (!event)
            send_error(req, 404, "not-found", "no event %s", r.rsc);
        else if (r.rest == ROUTE_REST_RESULTS && get)
            send_blob(req, 200,
                      hub_get_event(&srv->hub, pd_programme_event_index(srv->prog, event)));
        else
            send_error(req, 404, "not-found", "no route %s %s", post ? "POST" : "GET", path);
    } else if (r.kind == ROUTE_UNIT) {
        const pd_unit *unit = pd_programme_find_unit(srv->prog, r.rsc);
        if (!unit)
            send_error(req, 404, "not-found", "no unit %s", r.rsc);
        else if (r.rest == ROUTE_REST_RESULTS && get)
            send_blob(req, 200, hub_get_unit(&srv->hub, pd_programme_unit_index(srv->prog, unit)));
        else if (r.rest == ROUTE_REST_NONE && get)
            get_unit_info(w, req, unit);
        else if (r.rest == ROUTE_REST_OBSERVATIONS && get)
            get_history(w, req, unit);
        else if (r.rest == ROUTE_REST_OBSERVATIONS && post)
            post_observation(w, req, unit, false);
        else if (r.rest == ROUTE_REST_STATUS && post)
            post_observation(w, req, unit, true);
        else
            send_error(req, 404, "not-found", "no route %s %s", post ? "POST" : "GET", path);
    } else if (odf_routes(w, req, path)) {
        /* the ODF feed (odf_feed.c) */
    } else if (dispatch_service(w, req, path)) {
        /* answered by a Games service */
    } else if (r.kind != ROUTE_SITE) {
        send_error(req, 404, "not-found", "no route %s %s", post ? "POST" : "GET", path);
    } else if (get) {
        serve_static(w, req, path);
    } else {
        send_error(req, 404, "not-found", "no page %s", path);
    }
}
