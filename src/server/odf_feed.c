/*
 * odf_feed.c: the server's ODF feed: produce, store and serve messages.
 *
 * The writer, through the publish hook, gathers after each durable batch
 * the documents the changed units can touch (pd_odf_feed_unit: documents
 * pd_results remembers, so no scoring; a discipline's schedule only when a
 * unit's status in it moved) and queues them for the feed's own
 * thread; a document already waiting is replaced by its newer state (a feed
 * that falls behind skips states nobody was sent, never content). The feed
 * thread takes the queue at most once per --odf-interval. Each document whose
 * fingerprint (SHA-256 of the document's content) differs from the last
 * stored version is rendered with the next Version and the time; then, the
 * whole take rendered, stored through the thread's own connection to the
 * database in one transaction (the log's lock, shared with the writer, is
 * held only for the storing); then the push threads are woken. A 201 thus means the results
 * are durable; their ODF messages follow within the interval (GET /api/health
 * shows the backlog). The versions known (identity -> version, fingerprint)
 * are kept in memory; start-up loads them from the store and feeds every
 * document of the Games, so what changed while the server was down (or was
 * committed to the log but not yet to the feed when it stopped) gets its next
 * version, and nothing else does.
 *
 * Reads (GET /odf/...) run on the workers and read the store through each
 * worker's own connection: they serve stored bytes, never render.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/keyvalq_struct.h>
#include <libxml/parser.h>
#include <sodium.h>

#include "internal.h"
#include "podium/buf.h"
#include "podium/odf.h"
#include "podium/odf_store.h"

/* Largest message rendered (the biggest, DT_PARTIC of a large discipline, is far below). */
#define ODF_MAX (32u * 1024u * 1024u)

/* A document waiting for the feed thread. */
typedef struct odf_item {
    struct odf_item *next;
    pd_odf_type type;
    char code[PD_RSC_LEN + 1];
    json_t *doc;
} odf_item;

struct odf_feed {
    json_t *versions; /* "TYPE CODE" -> [version, fingerprint]; the producing thread's */
    size_t stored;    /* messages stored since start */
    pd_log *log; /* where messages are stored: the server's at start-up, then the thread's */
    pd_log *own; /* the feed thread's connection */
    pthread_t thread;
    bool running;
    pthread_mutex_t lock; /* guards the queue and stopping */
    pthread_cond_t cond;
    odf_item *head, *tail;
    json_t **stale; /* documents replaced in the queue: released by the feed thread */
    size_t stale_count, stale_cap;
    pd_status *scheduled; /* by unit index: its status in the last DT_SCHEDULE queued (writer) */
    bool stopping;
    atomic_size_t backlog; /* queued and not yet committed */
};

static int64_t now_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

static pd_err remember(const pd_odf_message *msg, void *ctx)
{
    odf_feed *feed = ctx;
    char key[128];
    snprintf(key, sizeof key, "%s %s", msg->type, msg->code);
    json_t *entry = json_pack("[I, s]", (json_int_t)msg->version, msg->fingerprint);
    if (!entry || json_object_set_new(feed->versions, key, entry) != 0)
        return PD_ERR_NOMEM;
    return PD_OK;
}

static void header_for(const server *srv, pd_odf_type type, const char *code, int64_t version,
                       int64_t produced_ms, pd_odf_header *hdr)
{
    /* LogicalDate: the day of the unit, or of the last unit of the phase or event */
    const pd_unit *unit = pd_programme_find_unit(srv->prog, code);
    const pd_event *event = NULL;
    pd_rsc rsc;
    if (!unit && pd_rsc_parse_str(code, &rsc, NULL) == PD_OK) {
        pd_rsc ev = pd_rsc_truncate(&rsc, PD_RSC_MODIFIER);
        event = pd_programme_find_event(srv->prog, ev.code);
    }
    for (size_t p = 0; event && !unit && p < event->phase_count; p++)
        if (strcmp(event->phases[p].rsc.code, code) == 0 && event->phases[p].unit_count)
            unit = &event->phases[p].units[event->phases[p].unit_count - 1];
    if (!unit && event && strcmp(event->rsc.code, code) == 0)
        unit = event->last_unit;
    *hdr = (pd_odf_header){
        .type = type,
        .code = code,
        .version = version,
        .competition = pd_programme_games_code(srv->prog),
        .source = "PODIUM",
        .feed_flag = 'P',
        .produced_ms = produced_ms,
        .logical_date = unit ? unit->day : NULL,
    };
}

/* A message made and waiting to be stored (make, then store). */
typedef struct {
    pd_odf_type type;
    char code[PD_RSC_LEN + 1];
    int64_t version;
    char fingerprint[65];
    bool changed; /* false: the content is unchanged, nothing to store */
    pd_buf xml;   /* the message when changed */
} made_message;

/*
 * Make the next version of a document when its content changed (its
 * fingerprint differs from the last stored version's): render the message.
 * No database: the feed thread makes a whole take before it locks the log.
 * Takes doc.
 */
static pd_err make(server *srv, pd_odf_type type, const char *code, json_t *doc,
                   made_message *out, pd_diag *diag)
{
    odf_feed *feed = srv->odf;
    pd_odf_header hdr;
    char key[128];
    *out = (made_message){.type = type};
    pd_buf_init(&out->xml, ODF_MAX);
    snprintf(out->code, sizeof out->code, "%s", code);
    pd_err err = pd_odf_fingerprint(srv->prog, type, code, doc, out->fingerprint, diag);
    if (err)
        goto done;
    snprintf(key, sizeof key, "%s %s", pd_odf_type_name(type), code);
    json_t *known = json_object_get(feed->versions, key);
    if (known && strcmp(json_string_value(json_array_get(known, 1)), out->fingerprint) == 0)
        goto done; /* unchanged: no new version */
    out->version = known ? (int64_t)json_integer_value(json_array_get(known, 0)) + 1 : 1;
    header_for(srv, type, code, out->version, now_ms(), &hdr);
    err = pd_odf_render(srv->prog, &hdr, doc, &out->xml, diag);
    out->changed = err == PD_OK;
done:
    json_decref(doc);
    return err;
}

/* Store a made message inside the open transaction and remember its version. */
static pd_err store(server *srv, made_message *m, pd_diag *diag)
{
    odf_feed *feed = srv->odf;
    if (!m->changed)
        return PD_OK;
    pd_err err = pd_odf_store_put(feed->log, pd_odf_type_name(m->type), m->code, m->version,
                                  m->fingerprint, m->xml.data, m->xml.len, NULL, diag);
    if (!err) {
        pd_odf_message msg = {.type = pd_odf_type_name(m->type),
                              .code = m->code,
                              .version = m->version,
                              .fingerprint = m->fingerprint};
        err = remember(&msg, feed);
        feed->stored++;
    }
    return err;
}

/* The emit callback at start-up (inside the catch-up's transaction): make and store. */
static pd_err produce(void *ctx, pd_odf_type type, const char *code, json_t *doc)
{
    made_message m;
    pd_diag diag = {0};
    pd_err err = make(ctx, type, code, doc, &m, &diag);
    if (!err)
        err = store(ctx, &m, &diag);
    if (err)
        fprintf(stderr, "podium serve: ODF %s %s: %s\n", pd_odf_type_name(type), code, diag.reason);
    pd_buf_cleanup(&m.xml);
    return err;
}

static void fatal(const char *what, const pd_diag *diag)
{
    fprintf(stderr, "podium serve: ODF feed: %s: %s; stopping (a restart catches up)\n", what,
            diag ? diag->reason : "");
    fflush(stderr);
    abort();
}

/* The publish hook's emit (writer thread): queue the document, or refresh the one waiting. */
static pd_err enqueue(void *ctx, pd_odf_type type, const char *code, json_t *doc)
{
    odf_feed *feed = ((server *)ctx)->odf;
    pthread_mutex_lock(&feed->lock);
    for (odf_item *it = feed->head; it; it = it->next)
        if (it->type == type && strcmp(it->code, code) == 0) {
            /* the writer only hands the old one over: freeing a document is the feed's work */
            if (pd_grow(&feed->stale, &feed->stale_cap, feed->stale_count, sizeof *feed->stale,
                        64) != PD_OK) {
                pthread_mutex_unlock(&feed->lock);
                json_decref(doc);
                return PD_ERR_NOMEM;
            }
            feed->stale[feed->stale_count++] = it->doc;
            it->doc = doc;
            pthread_mutex_unlock(&feed->lock);
            return PD_OK;
        }
    odf_item *item = calloc(1, sizeof *item);
    if (!item) {
        pthread_mutex_unlock(&feed->lock);
        json_decref(doc);
        return PD_ERR_NOMEM;
    }
    item->type = type;
    snprintf(item->code, sizeof item->code, "%s", code);
    item->doc = doc;
    if (feed->tail)
        feed->tail->next = item;
    else
        feed->head = item;
    feed->tail = item;
    atomic_fetch_add(&feed->backlog, 1);
    pthread_cond_signal(&feed->cond);
    pthread_mutex_unlock(&feed->lock);
    return PD_OK;
}

/* The publish hook (writer thread). */
static void on_publish(server *srv, const pd_unit *const *units, size_t count, bool medals)
{
    odf_feed *feed = srv->odf;
    pd_diag diag = {0};
    pd_err err = PD_OK;
    for (size_t i = 0; !err && i < count; i++)
        err = pd_odf_feed_unit(srv->results, units[i], enqueue, srv, &diag);
    /* a discipline's schedule (every unit's status) only when a status in it moved */
    for (size_t i = 0; !err && i < count; i++) {
        size_t u = pd_programme_unit_index(srv->prog, units[i]);
        pd_status now = pd_results_unit_status(srv->results, units[i]);
        if (feed->scheduled[u] == now)
            continue;
        feed->scheduled[u] = now;
        /* twice in one batch (two units of a discipline): the queue keeps the one */
        err = pd_odf_feed_schedule(srv->results, srv->prog,
                                   units[i]->phase->event->discipline->code, enqueue, srv);
    }
    if (!err && medals)
        err = pd_odf_feed_medals(srv->results, enqueue, srv, &diag);
    if (err)
        fatal("cannot queue messages", &diag);
}

/* The feed thread: store what the writer queued, one transaction per take. */
static void *feed_main(void *arg)
{
    server *srv = arg;
    odf_feed *feed = srv->odf;
    pthread_setname_np(pthread_self(), "podium-odf");
    for (;;) {
        pthread_mutex_lock(&feed->lock);
        while (!feed->head && !feed->stopping)
            pthread_cond_wait(&feed->cond, &feed->lock);
        odf_item *items = feed->head;
        feed->head = feed->tail = NULL;
        json_t **stale = feed->stale;
        size_t stale_count = feed->stale_count;
        feed->stale = NULL;
        feed->stale_count = feed->stale_cap = 0;
        pthread_mutex_unlock(&feed->lock);
        for (size_t i = 0; i < stale_count; i++)
            json_decref(stale[i]);
        free(stale);
        if (!items)
            break;
        pd_diag diag = {0};
        size_t taken = 0;
        pd_err err = PD_OK;
        for (odf_item *it = items; it; it = it->next)
            taken++;
        /* make every message of the take first: the log is locked only to store them */
        made_message *made = calloc(taken ? taken : 1, sizeof *made);
        if (!made)
            fatal("out of memory", NULL);
        size_t n = 0;
        while (items) {
            odf_item *next = items->next;
            if (!err)
                err = make(srv, items->type, items->code, items->doc, &made[n++], &diag);
            else
                json_decref(items->doc);
            free(items);
            items = next;
        }
        if (err)
            fatal("cannot make messages", &diag);
        pthread_mutex_lock(&srv->db_lock);
        err = pd_odf_store_begin(feed->log, &diag);
        for (size_t i = 0; i < n && !err; i++)
            err = store(srv, &made[i], &diag);
        if (!err)
            err = pd_odf_store_commit(feed->log, &diag);
        if (err) {
            /* memory may now name versions the store does not have: restart and catch up */
            pd_odf_store_rollback(feed->log);
            fatal("cannot store messages", &diag);
        }
        pthread_mutex_unlock(&srv->db_lock);
        for (size_t i = 0; i < n; i++)
            pd_buf_cleanup(&made[i].xml);
        free(made);
        atomic_fetch_sub(&feed->backlog, taken);
        push_wake(srv);
        /* at most one take per interval: what changes meanwhile is coalesced in the queue */
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        long ns = until.tv_nsec + (long)srv->cfg.odf_interval_ms * 1000000L;
        until.tv_sec += ns / 1000000000L;
        until.tv_nsec = ns % 1000000000L;
        pthread_mutex_lock(&feed->lock);
        while (!feed->stopping &&
               pthread_cond_timedwait(&feed->cond, &feed->lock, &until) != ETIMEDOUT)
            ;
        pthread_mutex_unlock(&feed->lock);
    }
    return NULL;
}

size_t odf_feed_backlog(server *srv)
{
    return srv->odf ? atomic_load(&srv->odf->backlog) : 0;
}

pd_err odf_feed_start(server *srv, pd_diag *diag)
{
    odf_feed *feed = calloc(1, sizeof *feed);
    if (!feed || sodium_init() < 0)
        goto nomem;
    xmlInitParser(); /* libxml2 is used from more than one thread from now on */
    feed->versions = json_object();
    if (!feed->versions)
        goto nomem;
    pthread_mutex_init(&feed->lock, NULL);
    pthread_cond_init(&feed->cond, NULL);
    feed->log = srv->log;
    srv->odf = feed;
    pd_err err = pd_odf_store_latest_all(srv->log, remember, feed, diag);
    if (!err)
        err = pd_odf_store_begin(srv->log, diag);
    if (!err) {
        err = pd_odf_feed_all(srv->results, srv->prog, produce, srv, diag);
        if (!err)
            err = pd_odf_store_commit(srv->log, diag);
        else
            pd_odf_store_rollback(srv->log);
    }
    if (!err)
        err = server_log_open(srv, &feed->own, diag);
    if (err)
        return err;
    /* the statuses the schedules just fed show; on_publish queues a schedule when one moves */
    size_t units = pd_programme_unit_count(srv->prog);
    feed->scheduled = calloc(units ? units : 1, sizeof *feed->scheduled);
    if (!feed->scheduled)
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
    for (size_t u = 0; u < units; u++)
        feed->scheduled[u] = pd_results_unit_status(srv->results, pd_programme_unit(srv->prog, u));
    feed->log = feed->own;
    if (pthread_create(&feed->thread, NULL, feed_main, srv) != 0)
        return pd_diag_set(diag, PD_ERR_INTERNAL, NULL, "cannot start the ODF feed");
    feed->running = true;
    srv->on_publish = on_publish;
    return PD_OK;
nomem:
    free(feed);
    return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
}

void odf_feed_free(server *srv)
{
    odf_feed *feed = srv->odf;
    if (!feed)
        return;
    if (feed->running) {
        /* what the writer queued is stored before the feed stops */
        pthread_mutex_lock(&feed->lock);
        feed->stopping = true;
        pthread_cond_signal(&feed->cond);
        pthread_mutex_unlock(&feed->lock);
        pthread_join(feed->thread, NULL);
    }
    pd_log_free(feed->own);
    for (size_t i = 0; i < feed->stale_count; i++)
        json_decref(feed->stale[i]);
    free(feed->stale);
    free(feed->scheduled);
    pthread_mutex_destroy(&feed->lock);
    pthread_cond_destroy(&feed->cond);
    json_decref(feed->versions);
    free(feed);
    srv->odf = NULL;
}

/* --- reads --------------------------------------------------------------------------------- */

static void send_text(struct evhttp_request *req, int code, const char *type, const char *text,
                      size_t len)
{
    struct evbuffer *buf = evbuffer_new();
    struct evkeyvalq *out = evhttp_request_get_output_headers(req);
    evhttp_add_header(out, "Content-Type", type);
    evhttp_add_header(out, "Cache-Control", "no-cache");
    if (buf && evhttp_request_get_command(req) != EVHTTP_REQ_HEAD)
        evbuffer_add(buf, text, len);
    struct evhttp_connection *evcon = evhttp_request_get_connection(req);
    struct bufferevent *bev = evcon ? evhttp_connection_get_bufferevent(evcon) : NULL;
    evhttp_send_reply(req, code, code == 200 ? "OK" : "", buf);
    /* the connection's counting filter passes output on only when flushed (routes.c) */
    if (bev)
        bufferevent_flush(bev, EV_WRITE, BEV_NORMAL);
    if (buf)
        evbuffer_free(buf);
}

static void send_problem(struct evhttp_request *req, int code, const char *error,
                         const char *message)
{
    json_t *doc = json_pack("{s:s, s:s}", "error", error, "message", message);
    char *text = doc ? json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    if (text)
        send_text(req, code, "application/json; charset=utf-8", text, strlen(text));
    else
        evhttp_send_error(req, 503, "out of memory");
    free(text);
    json_decref(doc);
}

typedef struct {
    struct evhttp_request *req;
    json_t *list;
    bool sent;
} read_ctx;

static pd_err send_message(const pd_odf_message *msg, void *arg)
{
    read_ctx *ctx = arg;
    char version[24];
    snprintf(version, sizeof version, "%lld", (long long)msg->version);
    struct evkeyvalq *out = evhttp_request_get_output_headers(ctx->req);
    evhttp_add_header(out, "X-ODF-Version", version);
    send_text(ctx->req, 200, "application/xml; charset=utf-8", msg->body, msg->body_len);
    ctx->sent = true;
    return PD_OK;
}

static pd_err list_message(const pd_odf_message *msg, void *arg)
{
    read_ctx *ctx = arg;
    json_t *row = json_pack("{s:I, s:s, s:s, s:I, s:I}", "id", (json_int_t)msg->id, "type",
                            msg->type, "code", msg->code, "version", (json_int_t)msg->version,
                            "created_at_ms", (json_int_t)msg->created_at_ms);
    if (!row || json_array_append_new(ctx->list, row) != 0)
        return PD_ERR_NOMEM;
    return PD_OK;
}

static bool query_value(struct evhttp_request *req, const char *name, char *out, size_t size)
{
    struct evkeyvalq params;
    const char *query = evhttp_uri_get_query(evhttp_request_get_evhttp_uri(req));
    bool found = false;
    if (!query || evhttp_parse_query_str(query, &params) != 0)
        return false;
    const char *v = evhttp_find_header(&params, name);
    if (v && strlen(v) < size) {
        snprintf(out, size, "%s", v);
        found = true;
    }
    evhttp_clear_headers(&params);
    return found;
}

static bool parse_int(const char *text, long long min, long long *out)
{
    char *end;
    long long v = strtoll(text, &end, 10);
    if (!*text || *end || v < min)
        return false;
    *out = v;
    return true;
}

/* GET one message: type may be NULL; version 0 = latest. */
static void get_message(worker *w, struct evhttp_request *req, const char *type, const char *code,
                        long long version)
{
    read_ctx ctx = {req, NULL, false};
    pd_diag diag = {0};
    pd_err err = pd_odf_store_get(w->log, type, code, version, send_message, &ctx, &diag);
    if (err == PD_ERR_NOT_FOUND)
        send_problem(req, 404, "not-found", diag.reason);
    else if (err && !ctx.sent)
        send_problem(req, 500, "internal", diag.reason);
}

bool odf_routes(worker *w, struct evhttp_request *req, const char *path)
{
    if (strncmp(path, "/odf/", 5) != 0 && strcmp(path, "/odf") != 0)
        return false;
    enum evhttp_cmd_type method = evhttp_request_get_command(req);
    if (method != EVHTTP_REQ_GET && method != EVHTTP_REQ_HEAD) {
        send_problem(req, 405, "method-not-allowed", "the ODF feed is read with GET");
        return true;
    }
    const char *rest = path + (path[4] == '/' ? 5 : 4);
    char value[64], code[PD_RSC_LEN + 1], type[32];
    long long after = 0, limit = 1000, version = 0;
    if (strcmp(rest, "") == 0 || strcmp(rest, "messages") == 0) {
        /* the index, in production (and push) order */
        if ((query_value(req, "after", value, sizeof value) && !parse_int(value, 0, &after)) ||
            (query_value(req, "limit", value, sizeof value) &&
             (!parse_int(value, 1, &limit) || limit > 10000))) {
            send_problem(req, 400, "bad-request", "after: a message id; limit: 1 to 10000");
            return true;
        }
        read_ctx ctx = {req, json_array(), false};
        pd_diag diag = {0};
        pd_err err =
            ctx.list ? pd_odf_store_scan(w->log, after, (int)limit, 0, list_message, &ctx, &diag)
                     : PD_ERR_NOMEM;
        json_t *doc = err ? NULL : json_pack("{s:O}", "messages", ctx.list);
        char *text = doc ? json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
        if (text)
            send_text(req, 200, "application/json; charset=utf-8", text, strlen(text));
        else
            send_problem(req, 500, "internal", "cannot list the messages");
        free(text);
        json_decref(doc);
        json_decref(ctx.list);
        return true;
    }
    if (strcmp(rest, "resend") == 0) {
        /* a resend request: by document code and version (type optional) */
        bool has_type = query_value(req, "type", type, sizeof type);
        if (!query_value(req, "code", code, sizeof code) ||
            !query_value(req, "version", value, sizeof value) || !parse_int(value, 1, &version)) {
            send_problem(req, 400, "bad-request",
                         "resend needs ?code=DOCUMENTCODE&version=N (and optionally &type=DT_...)");
            return true;
        }
        get_message(w, req, has_type ? type : NULL, code, version);
        return true;
    }
    /* DT_TYPE/CODE[/VERSION] */
    const char *slash = strchr(rest, '/');
    pd_odf_type t;
    if (!slash || (size_t)(slash - rest) >= sizeof type) {
        send_problem(req, 404, "not-found", "expected /odf/DT_TYPE/CODE[/VERSION]");
        return true;
    }
    snprintf(type, sizeof type, "%.*s", (int)(slash - rest), rest);
    const char *code_start = slash + 1;
    const char *vslash = strchr(code_start, '/');
    size_t code_len = vslash ? (size_t)(vslash - code_start) : strlen(code_start);
    if (!pd_odf_type_parse(type, &t) || code_len != PD_RSC_LEN ||
        (vslash && !parse_int(vslash + 1, 1, &version))) {
        send_problem(req, 404, "not-found", "expected /odf/DT_TYPE/CODE[/VERSION]");
        return true;
    }
    snprintf(code, sizeof code, "%.*s", (int)code_len, code_start);
    get_message(w, req, type, code, version);
    return true;
}
