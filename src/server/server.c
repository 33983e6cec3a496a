/*
 * server.c: start-up, the worker loops, the listener and shutdown.
 *
 * Start-up is the replay: load the programme, open the log (migrating it),
 * apply every stored observation in seq order to a fresh pd_results, render
 * every document, and only then accept connections, so a restarted server
 * answers exactly what it answered before it stopped.
 *
 * Each worker thread has its own event_base and evhttp accepting on a dup of
 * one listening socket: one accept queue shared by every loop. (Not
 * SO_REUSEPORT: with it a second server started on the same port by mistake
 * would silently take half the connections.) Connections are counted through the bufferevent each
 * one is given (see "connection accounting"); beyond max_connections a new connection is answered
 * 503 and closed at once.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#include <event2/listener.h>
#include <event2/thread.h>

#include "internal.h"
#include "podium/json.h"

static volatile sig_atomic_t stop_requested;

void pd_server_stop(void)
{
    stop_requested = 1;
}

void pd_server_config_init(pd_server_config *cfg, const char *programme_path)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->db_path = "podium.db";
    cfg->programme_path = programme_path;
    cfg->listen = "127.0.0.1:8080";
    cfg->threads = 0;
    cfg->heartbeat_s = 15;
    cfg->max_connections = 10000;
    cfg->sse_queue_bytes = 4u * 1024u * 1024u;
    cfg->request_timeout_s = 30;
    cfg->web_root = NULL;
    cfg->push_retry_s = 5;
    cfg->push_timeout_s = 10;
    cfg->odf_interval_ms = 100;
}

/* --- replay ----------------------------------------------------------------- */

typedef struct {
    server *srv;
    pd_diag *diag;
    size_t applied;
} replay_state;

static pd_err replay_one(const pd_observation *obs, void *ctx)
{
    replay_state *st = ctx;
    for (int i = 0; i < st->srv->service_count; i++)
        if (strcmp(pd_services[i]->code, obs->rsc) == 0) {
            json_t *body;
            pd_err err = pd_json_parse(obs->body, obs->body_len, &body, st->diag);
            if (err)
                return err;
            if (pd_services[i]->apply)
                pd_services[i]->apply(st->srv->service_states[i], obs->seq, body, obs->author,
                                      obs->recorded_at_ms);
            json_decref(body);
            atomic_store(&st->srv->hub.last_seq, obs->seq);
            st->applied++;
            return PD_OK;
        }
    bool applied;
    pd_err err = pd_results_apply_stored(st->srv->results, obs->rsc, obs->body, obs->body_len,
                                         obs->seq, obs->supersedes, &applied, st->diag);
    if (!err && !applied)
        err = pd_diag_set(st->diag, PD_ERR_INPUT, NULL,
                          "observation %lld names %s, which is not in the programme",
                          (long long)obs->seq, obs->rsc);
    atomic_store(&st->srv->hub.last_seq, obs->seq);
    st->applied++;
    return err;
}

/* --- listening ---------------------------------------------------------------- */

static pd_err parse_listen(const char *text, struct sockaddr_in *addr, pd_diag *diag)
{
    char host[64];
    const char *colon = strrchr(text, ':');
    if (!colon || (size_t)(colon - text) >= sizeof host)
        return pd_diag_set(diag, PD_ERR_INPUT, "listen", "expected ADDRESS:PORT, got \"%s\"", text);
    memcpy(host, text, (size_t)(colon - text));
    host[colon - text] = '\0';
    char *end;
    long port = strtol(colon + 1, &end, 10);
    memset(addr, 0, sizeof *addr);
    addr->sin_family = AF_INET;
    addr->sin_port = htons((uint16_t)port);
    if (*end || port < 0 || port > 65535 || colon[1] == '\0' ||
        inet_pton(AF_INET, strcmp(host, "localhost") == 0 ? "127.0.0.1" : host, &addr->sin_addr) !=
            1)
        return pd_diag_set(diag, PD_ERR_INPUT, "listen",
                           "expected an IPv4 ADDRESS:PORT like 127.0.0.1:8080, got \"%s\"", text);
    return PD_OK;
}

static pd_err open_socket(const struct sockaddr_in *addr, int *out, pd_diag *diag)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    if (fd < 0)
        return pd_diag_set(diag, PD_ERR_IO, "listen", "socket: %s", strerror(errno));
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (const struct sockaddr *)addr, sizeof *addr) != 0 || listen(fd, 1024) != 0) {
        pd_err err = pd_diag_set(diag, PD_ERR_IO, "listen", "cannot listen on %s:%d: %s",
                                 inet_ntoa(addr->sin_addr), ntohs(addr->sin_port), strerror(errno));
        close(fd);
        return err;
    }
    *out = fd;
    return PD_OK;
}

/* --- connection accounting ------------------------------------------------------ */

/*
 * evhttp has no hook for a connection's end, and a filter bufferevent used
 * as one loses replies: evhttp closes a "Connection: close" or HTTP/1.0
 * connection as soon as the filter has handed the reply to the socket's
 * bufferevent, before it reached the kernel, so such clients got nothing.
 * So evhttp gets a plain socket bufferevent, on which the worker keeps one
 * extra reference: evhttp_connection_free then only clears its callbacks,
 * and the worker's sweep (every 200 ms) releases the ones whose callbacks
 * are gone - closing the socket - and uncounts them. evhttp keeps callbacks
 * on a server connection's bufferevent for all of its life.
 *
 * The sweep also enforces the request deadline: evhttp's timeout restarts
 * with every byte read, so a client trickling a request (slowloris) would
 * hold its connection for ever. A connection on which no request arrived
 * within request_timeout_s of its opening or of its previous request is shut
 * down (evhttp then reads its end and frees it); live streams are exempt.
 * The connections of a worker are a hash table by bufferevent, touched only
 * by that worker's thread.
 */
struct conn_slot {
    struct bufferevent *bev; /* NULL: never used; REMOVED: free again */
    int64_t since_ms;        /* opening or last request */
    bool stream;
    bool nodelay; /* TCP_NODELAY set (at the first request: the fd is known) */
};

#define REMOVED ((struct bufferevent *)&removed_marker)
static const char removed_marker;

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static size_t slot_of(const worker *w, const struct bufferevent *bev)
{
    uint64_t h = (uint64_t)(uintptr_t)bev * 0x9E3779B97F4A7C15u;
    return (size_t)(h >> 20) & (w->conn_cap - 1);
}

static struct conn_slot *find_conn(worker *w, const struct bufferevent *bev)
{
    if (!bev || w->conn_cap == 0)
        return NULL;
    for (size_t i = slot_of(w, bev);; i = (i + 1) & (w->conn_cap - 1)) {
        if (w->conns[i].bev == bev)
            return &w->conns[i];
        if (!w->conns[i].bev)
            return NULL;
    }
}

static void place(worker *w, struct conn_slot slot)
{
    size_t i = slot_of(w, slot.bev);
    while (w->conns[i].bev && w->conns[i].bev != REMOVED)
        i = (i + 1) & (w->conn_cap - 1);
    if (!w->conns[i].bev)
        w->conn_used++;
    w->conns[i] = slot;
}

/* Room for one more: at most half the slots taken, counting removed ones. */
static bool reserve(worker *w)
{
    if ((w->conn_used + 1) * 2 <= w->conn_cap)
        return true;
    size_t live = 0;
    for (size_t i = 0; i < w->conn_cap; i++)
        live += w->conns[i].bev && w->conns[i].bev != REMOVED;
    size_t cap = w->conn_cap ? w->conn_cap : 256;
    while ((live + 1) * 4 > cap)
        cap *= 2;
    struct conn_slot *old = w->conns;
    size_t old_cap = w->conn_cap;
    w->conns = calloc(cap, sizeof *w->conns);
    if (!w->conns) {
        w->conns = old;
        return false;
    }
    w->conn_cap = cap;
    w->conn_used = 0;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].bev && old[i].bev != REMOVED)
            place(w, old[i]);
    free(old);
    return true;
}

/*
 * Release the connections evhttp has freed, shut down those past their
 * request deadline; everything: release them all (shutdown of the server).
 */
static void sweep_connections(worker *w, bool everything)
{
    int64_t deadline = now_ms() - (int64_t)w->srv->cfg.request_timeout_s * 1000;
    for (size_t i = 0; i < w->conn_cap; i++) {
        struct conn_slot *c = &w->conns[i];
        if (!c->bev || c->bev == REMOVED)
            continue;
        bufferevent_data_cb readcb = NULL;
        bufferevent_getcb(c->bev, &readcb, NULL, NULL, NULL);
        if (readcb && !everything) {
            if (!c->stream && c->since_ms < deadline) {
                evutil_socket_t fd = bufferevent_getfd(c->bev);
                if (fd >= 0)
                    shutdown(fd, SHUT_RDWR); /* evhttp reads the end and frees it */
                c->since_ms = INT64_MAX;     /* once */
            }
            continue;
        }
        bufferevent_decref(c->bev);
        c->bev = REMOVED;
        atomic_fetch_sub(&w->srv->connections, 1);
        atomic_fetch_sub(&w->open, 1);
    }
}

static struct conn_slot *conn_of(worker *w, struct evhttp_request *req)
{
    struct evhttp_connection *evcon = evhttp_request_get_connection(req);
    return evcon ? find_conn(w, evhttp_connection_get_bufferevent(evcon)) : NULL;
}

void server_conn_request(worker *w, struct evhttp_request *req)
{
    struct conn_slot *c = conn_of(w, req);
    if (c && c->since_ms != INT64_MAX)
        c->since_ms = now_ms();
    if (c && !c->nodelay) {
        /* answers and live updates leave at once, not after a delayed ACK (Nagle) */
        int one = 1;
        evutil_socket_t fd = bufferevent_getfd(c->bev);
        if (fd >= 0)
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        c->nodelay = true;
    }
}

void server_conn_streaming(worker *w, struct evhttp_request *req)
{
    struct conn_slot *c = conn_of(w, req);
    if (c)
        c->stream = true;
}

/*
 * A connection beyond the cap is answered 503 and closed at once, before it
 * sends anything: it holds no slot, and connections admitted earlier keep
 * being served however many more arrive. Runs on the next turn of the loop,
 * once evhttp has given the bufferevent its socket; holds a reference.
 */
static void refuse_connection(evutil_socket_t unused, short what, void *arg)
{
    static const char reply[] =
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n"
        "Connection: close\r\nContent-Length: 57\r\n\r\n"
        "{\"error\":\"unavailable\",\"message\":\"too many connections\"}\n";
    struct bufferevent *bev = arg;
    evutil_socket_t fd = bufferevent_getfd(bev);
    (void)unused;
    (void)what;
    if (fd >= 0) {
        ssize_t sent = send(fd, reply, sizeof reply - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
        (void)sent;              /* a client gone already needs no answer */
        shutdown(fd, SHUT_RDWR); /* evhttp reads the end and frees the connection */
    }
    bufferevent_decref(bev);
}

/*
 * Keep the connections spread over the loops. They all accept from one
 * socket, and the loop that wakes first takes a burst of connections (a load
 * balancer reconnecting, benchmark writers connecting at once), which then
 * stay on it. A loop holding more than its share plus a quarter (at least
 * BALANCE_SLACK more: a rough balance, so that a burst is not slowed by loops
 * taking turns) stops accepting until it is back under. A loop looks at each
 * of its accepts and on its 200 ms tick, always on its own thread; a loop
 * under its share that accepts wakes the loops that stopped (their rebalance
 * event), so they look again at once. Loops cannot all be over at once.
 */
#define BALANCE_SLACK 16

static void balance(worker *w)
{
    int loops = w->srv->worker_count;
    if (loops < 2 || !w->bound)
        return;
    int fair = atomic_load(&w->srv->connections) / loops;
    int share = fair + (fair / 4 > BALANCE_SLACK ? fair / 4 : BALANCE_SLACK);
    bool over = atomic_load(&w->open) > share;
    struct evconnlistener *listener = evhttp_bound_socket_get_listener(w->bound);
    if (over && atomic_load(&w->accepting))
        atomic_store(&w->accepting, evconnlistener_disable(listener) != 0);
    else if (!over && !atomic_load(&w->accepting))
        atomic_store(&w->accepting, evconnlistener_enable(listener) == 0);
    if (over)
        return;
    for (int i = 0; i < loops; i++) {
        worker *other = &w->srv->workers[i];
        if (other != w && other->rebalance && !atomic_load(&other->accepting))
            event_active(other->rebalance, EV_READ, 0);
    }
}

static void on_rebalance(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    balance(arg);
}

static struct bufferevent *make_bev(struct event_base *base, void *arg)
{
    worker *w = arg;
    struct timeval now = {0, 0};
    /* at the cap, first release what this loop's evhttp has closed since the last sweep */
    if (atomic_load(&w->srv->connections) >= w->srv->cfg.max_connections)
        sweep_connections(w, false);
    if (!reserve(w))
        return NULL;
    struct bufferevent *bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
    if (!bev)
        return NULL;
    bufferevent_incref(bev);
    place(w, (struct conn_slot){bev, now_ms(), false, false});
    atomic_fetch_add(&w->open, 1);
    balance(w);
    if (atomic_fetch_add(&w->srv->connections, 1) >= w->srv->cfg.max_connections) {
        bufferevent_incref(bev);
        if (event_base_once(base, -1, EV_TIMEOUT, refuse_connection, bev, &now) != 0)
            bufferevent_decref(bev);
    }
    return bev;
}

static void handle(struct evhttp_request *req, void *arg)
{
    server_conn_request(arg, req);
    routes_handle(req, arg);
}

/* --- workers ---------------------------------------------------------------------- */

static void on_fanout(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    routes_stream_notify(arg);
}

/*
 * The writer finished a batch: answer this loop's writers, then write the
 * new frames to its subscribers. The frames wait for the next iteration of the
 * loop (a zero timeout is taken after the sockets found ready), so the
 * answers, queued first, are written first: a writer's 201 does not wait
 * behind thousands of subscribers' frames. Without answers here, the frames
 * go at once.
 */
static void on_notify(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    worker *w = arg;
    pthread_mutex_lock(&w->reply_lock);
    write_job *job = w->replies;
    w->replies = NULL;
    w->replies_tail = &w->replies;
    pthread_mutex_unlock(&w->reply_lock);
    bool answered = job != NULL;
    while (job) {
        write_job *next = job->next;
        routes_reply_write(job);
        job = next;
    }
    static const struct timeval now = {0, 0};
    if (!answered || !w->subscribers || evtimer_add(w->fanout, &now) != 0)
        routes_stream_notify(w);
}

static void on_heartbeat(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    routes_stream_heartbeat(arg);
}

static void on_stop_check(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    worker *w = arg;
    sweep_connections(w, false);
    balance(w);
    if (stop_requested || atomic_load(&w->srv->stopping)) {
        routes_stream_close_all(w);
        event_base_loopexit(w->base, NULL);
    }
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    char name[16];
    snprintf(name, sizeof name, "podium-http%d", w->index);
    pthread_setname_np(pthread_self(), name); /* as top -H and perf show it */
    struct timeval beat = {w->srv->cfg.heartbeat_s, 0};
    struct timeval tick = {0, 200000};
    struct event *stop_check = event_new(w->base, -1, EV_PERSIST, on_stop_check, w);
    evtimer_add(w->heartbeat, &beat);
    if (stop_check)
        evtimer_add(stop_check, &tick);
    event_base_dispatch(w->base);
    if (stop_check)
        event_free(stop_check);
    return NULL;
}

static pd_err worker_init(server *srv, worker *w, int index, int fd, pd_diag *diag)
{
    w->srv = srv;
    w->index = index;
    w->base = event_base_new();
    w->http = w->base ? evhttp_new(w->base) : NULL;
    if (!w->http)
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "cannot create an event loop");
    evhttp_set_gencb(w->http, handle, w);
    evhttp_set_bevcb(w->http, make_bev, w);
    evhttp_set_allowed_methods(w->http, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD | EVHTTP_REQ_POST |
                                            EVHTTP_REQ_PUT | EVHTTP_REQ_DELETE |
                                            EVHTTP_REQ_OPTIONS | EVHTTP_REQ_PATCH);
    evhttp_set_max_headers_size(w->http, 16 * 1024);
    evhttp_set_max_body_size(w->http, 1024 * 1024);
    evhttp_set_timeout(w->http, srv->cfg.request_timeout_s);
    w->bound = evhttp_accept_socket_with_handle(w->http, fd);
    if (!w->bound)
        return pd_diag_set(diag, PD_ERR_IO, "listen", "cannot accept on the socket");
    atomic_store(&w->accepting, true);
    pthread_mutex_init(&w->reply_lock, NULL);
    w->replies_tail = &w->replies;
    w->notify = event_new(w->base, -1, 0, on_notify, w);
    w->fanout = evtimer_new(w->base, on_fanout, w);
    w->heartbeat = event_new(w->base, -1, EV_PERSIST, on_heartbeat, w);
    w->rebalance = event_new(w->base, -1, 0, on_rebalance, w);
    if (!w->notify || !w->fanout || !w->heartbeat || !w->rebalance)
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "cannot create events");
    return server_log_open(srv, &w->log, diag);
}

static void worker_cleanup(worker *w)
{
    if (w->notify)
        event_free(w->notify);
    if (w->fanout)
        event_free(w->fanout);
    if (w->heartbeat)
        event_free(w->heartbeat);
    if (w->rebalance)
        event_free(w->rebalance);
    if (w->http)
        evhttp_free(w->http); /* closes the connections: their states go with them */
    /* answers the loop stopped before giving (their connections just closed, marking them) */
    for (write_job *job = w->replies, *next; job; job = next) {
        next = job->next;
        job->cancelled = true;
        routes_reply_write(job);
    }
    w->replies = NULL;
    if (w->replies_tail)
        pthread_mutex_destroy(&w->reply_lock);
    conns_cleanup(w);
    sweep_connections(w, true);
    free(w->conns);
    if (w->base)
        event_base_free(w->base);
    pd_log_free(w->log);
}

/*
 * Each connection holds a descriptor: raise the soft limit towards the hard
 * one so that max_connections can be reached (64 spare for the log, the
 * loops and the site's files). Best effort: the cap still answers 503 beyond.
 */
static void raise_fd_limit(int max_connections)
{
    struct rlimit lim;
    rlim_t want = (rlim_t)max_connections + 64;
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0 || lim.rlim_cur >= want)
        return;
    lim.rlim_cur = lim.rlim_max != RLIM_INFINITY && lim.rlim_max < want ? lim.rlim_max : want;
    setrlimit(RLIMIT_NOFILE, &lim);
}

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

pd_err pd_server_run(const pd_server_config *cfg, pd_diag *diag)
{
    server *srv = calloc(1, sizeof *srv);
    struct sockaddr_in addr;
    pd_err err;
    bool writer_started = false;
    int started = 0;

    if (!srv)
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
    srv->cfg = *cfg;
    stop_requested = 0;
    pthread_mutex_init(&srv->queue_lock, NULL);
    pthread_mutex_init(&srv->db_lock, NULL);
    pthread_cond_init(&srv->queue_cond, NULL);
    err = parse_listen(cfg->listen, &addr, diag);
    if (err)
        goto done;
    if (evthread_use_pthreads() != 0) {
        err = pd_diag_set(diag, PD_ERR_INTERNAL, NULL, "libevent without thread support");
        goto done;
    }
    err = pd_programme_load_file(cfg->programme_path, &srv->prog, diag);
    if (err)
        goto done;
    err = checkpointer_start(srv, diag);
    if (err)
        goto done;
    err = server_log_open(srv, &srv->log, diag);
    if (err)
        goto done;
    err = pd_results_new(srv->prog, &srv->results);
    if (err)
        goto done;
    err = hub_init(&srv->hub, srv->prog);
    if (err)
        goto done;
    while (pd_services[srv->service_count])
        srv->service_count++;
    srv->service_states = calloc((size_t)srv->service_count + 1, sizeof(void *));
    if (!srv->service_states) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto done;
    }
    for (int i = 0; i < srv->service_count; i++) {
        srv->service_states[i] = pd_services[i]->create(srv->prog, diag);
        if (!srv->service_states[i]) {
            err = PD_ERR_INTERNAL;
            goto done;
        }
    }
    pd_services_connect(srv->service_states);
    replay_state replay = {srv, diag, 0};
    err = pd_log_scan(srv->log, 0, NULL, PD_LOG_ALL, replay_one, &replay, diag);
    if (err)
        goto done;
    err = writer_render_all(srv, diag);
    if (err)
        goto done;
    err = odf_feed_start(srv, diag);
    if (err)
        goto done;
    err = push_start(srv, diag);
    if (err)
        goto done;

    srv->worker_count = cfg->threads > 0 ? cfg->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (srv->worker_count < 1)
        srv->worker_count = 1;
    if (srv->worker_count > 64)
        srv->worker_count = 64;
    srv->workers = calloc((size_t)srv->worker_count, sizeof *srv->workers);
    if (!srv->workers) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto done;
    }
    int listen_fd = -1;
    err = open_socket(&addr, &listen_fd, diag);
    if (err)
        goto done;
    socklen_t addr_len = sizeof addr;
    getsockname(listen_fd, (struct sockaddr *)&addr, &addr_len); /* the port, when 0 was asked */
    for (int i = 0; i < srv->worker_count; i++) {
        /* each loop owns a dup: evhttp closes its own; the accept queue stays one */
        int fd = i == 0 ? listen_fd : fcntl(listen_fd, F_DUPFD_CLOEXEC, 0);
        if (fd < 0) {
            err = pd_diag_set(diag, PD_ERR_IO, "listen", "dup: %s", strerror(errno));
            goto done;
        }
        err = worker_init(srv, &srv->workers[i], i, fd, diag);
        if (err)
            goto done;
    }
    raise_fd_limit(cfg->max_connections);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    if (pthread_create(&srv->writer_thread, NULL, writer_main, srv) != 0) {
        err = pd_diag_set(diag, PD_ERR_INTERNAL, NULL, "cannot start the writer");
        goto done;
    }
    writer_started = true;
    for (; started < srv->worker_count; started++)
        if (pthread_create(&srv->workers[started].thread, NULL, worker_main,
                           &srv->workers[started]) != 0) {
            err = pd_diag_set(diag, PD_ERR_INTERNAL, NULL, "cannot start a worker");
            stop_requested = 1;
            break;
        }
    printf("podium serve: %zu observations replayed; listening on http://%s:%d\n", replay.applied,
           inet_ntoa(addr.sin_addr), ntohs(addr.sin_port));
    fflush(stdout);
    for (int i = 0; i < started; i++)
        pthread_join(srv->workers[i].thread, NULL);
done:
    atomic_store(&srv->stopping, 1);
    if (writer_started) {
        pthread_mutex_lock(&srv->queue_lock);
        pthread_cond_broadcast(&srv->queue_cond);
        pthread_mutex_unlock(&srv->queue_lock);
        pthread_join(srv->writer_thread, NULL);
    }
    odf_feed_free(srv); /* stores what the writer queued, then the push threads stop */
    push_stop(srv);
    for (int i = 0; srv->workers && i < srv->worker_count; i++)
        worker_cleanup(&srv->workers[i]);
    free(srv->workers);
    if (srv->prog)
        hub_cleanup(&srv->hub, srv->prog);
    for (int i = 0; srv->service_states && i < srv->service_count; i++)
        if (srv->service_states[i])
            pd_services[i]->destroy(srv->service_states[i]);
    free(srv->service_states);
    pd_results_free(srv->results);
    pd_log_free(srv->log);
    checkpointer_free(srv); /* after every connection that hands it checkpoints */
    pd_programme_free(srv->prog);
    pthread_mutex_destroy(&srv->queue_lock);
    pthread_mutex_destroy(&srv->db_lock);
    pthread_cond_destroy(&srv->queue_cond);
    free(srv);
    return err;
}
