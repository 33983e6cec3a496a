/*
 * push.c: ODF push delivery, one thread per receiver.
 *
 * The queue is the store itself: a receiver's row in odf_receivers says the
 * id of the last message it acknowledged, and its queue is every stored
 * message with a larger id, in id order, which is production order, so the
 * versions of each document arrive in order. A thread POSTs the next message
 * (Content-Type application/xml, X-API-KEY), waits for the answer, and only
 * on 200 records the id (durably) and moves on; anything else (refused
 * connection, another status, no answer within the timeout) is retried every
 * retry interval (5 s) with the same message. Both sides may restart: the
 * sender resumes from the stored id, and a receiver that went away gets what
 * it had not acknowledged. A message acknowledged but not yet recorded when
 * the sender stops is sent again (at-least-once; the receiver sees the same
 * DocumentCode and Version and can drop it).
 *
 * HTTP/1.1 over plain blocking sockets with poll() timeouts: one request per
 * connection, http:// only.
 */
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "podium/odf_store.h"

typedef struct {
    server *srv;
    const char *url;
    const char *key;
    pthread_t thread;
    bool started;
} receiver;

struct pusher {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    uint64_t generation; /* bumped on every wake */
    receiver *receivers;
    int count;
};

/* --- a minimal HTTP client -------------------------------------------------------------------- */

typedef struct {
    char host[256];
    char port[8];
    char path[1024];
} http_url;

static bool parse_url(const char *url, http_url *out)
{
    if (strncmp(url, "http://", 7) != 0)
        return false;
    const char *host = url + 7;
    const char *path = strchr(host, '/');
    size_t hostport = path ? (size_t)(path - host) : strlen(host);
    const char *colon = memchr(host, ':', hostport);
    size_t host_len = colon ? (size_t)(colon - host) : hostport;
    if (host_len == 0 || host_len >= sizeof out->host)
        return false;
    memcpy(out->host, host, host_len);
    out->host[host_len] = '\0';
    if (colon) {
        size_t port_len = hostport - host_len - 1;
        if (port_len == 0 || port_len >= sizeof out->port)
            return false;
        memcpy(out->port, colon + 1, port_len);
        out->port[port_len] = '\0';
    } else {
        snprintf(out->port, sizeof out->port, "80");
    }
    snprintf(out->path, sizeof out->path, "%s", path ? path : "/");
    return true;
}

static int wait_fd(int fd, short events, int timeout_ms)
{
    struct pollfd p = {fd, events, 0};
    int rc;
    do
        rc = poll(&p, 1, timeout_ms);
    while (rc < 0 && errno == EINTR);
    return rc;
}

static int connect_to(const http_url *u, int timeout_ms)
{
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(u->host, u->port, &hints, &res) != 0)
        return -1;
    int fd = -1;
    for (struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0)
            continue;
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
            int soerr = 0;
            socklen_t len = sizeof soerr;
            if (errno != EINPROGRESS || wait_fd(fd, POLLOUT, timeout_ms) <= 0 ||
                getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) != 0 || soerr != 0) {
                close(fd);
                fd = -1;
            }
        }
    }
    freeaddrinfo(res);
    return fd;
}

static bool send_all(int fd, const char *data, size_t len, int timeout_ms)
{
    while (len > 0) {
        if (wait_fd(fd, POLLOUT, timeout_ms) <= 0)
            return false;
        ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (n <= 0)
            return false;
        data += n;
        len -= (size_t)n;
    }
    return true;
}

/* POST body; returns the HTTP status, or 0 when there was no answer. */
static int http_post(const http_url *u, const char *key, const char *body, size_t len,
                     int timeout_ms)
{
    char head[2048];
    int n = snprintf(head, sizeof head,
                     "POST %s HTTP/1.1\r\nHost: %s:%s\r\nContent-Type: application/xml\r\n"
                     "X-API-KEY: %s\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n",
                     u->path, u->host, u->port, key ? key : "", len);
    if (n < 0 || (size_t)n >= sizeof head)
        return 0;
    int fd = connect_to(u, timeout_ms);
    if (fd < 0)
        return 0;
    int status = 0;
    char reply[256];
    size_t got = 0;
    if (send_all(fd, head, (size_t)n, timeout_ms) && send_all(fd, body, len, timeout_ms)) {
        /* the status line is all we need */
        while (got < sizeof reply - 1 && !memchr(reply, '\n', got)) {
            if (wait_fd(fd, POLLIN, timeout_ms) <= 0)
                break;
            ssize_t r = recv(fd, reply + got, sizeof reply - 1 - got, 0);
            if (r < 0 && (errno == EAGAIN || errno == EINTR))
                continue;
            if (r <= 0)
                break;
            got += (size_t)r;
        }
        reply[got] = '\0';
        int code;
        if (memchr(reply, '\n', got) && sscanf(reply, "HTTP/1.%*d %d", &code) == 1)
            status = code;
    }
    close(fd);
    return status;
}

/* --- delivery ----------------------------------------------------------------------------------
 */

typedef struct {
    int64_t id;
    char *body;
    size_t len;
    char type[32];
    char code[PD_RSC_LEN + 1];
    int64_t version;
} next_message;

static pd_err take(const pd_odf_message *msg, void *arg)
{
    next_message *next = arg;
    next->body = malloc(msg->body_len + 1);
    if (!next->body)
        return PD_ERR_NOMEM;
    memcpy(next->body, msg->body, msg->body_len);
    next->len = msg->body_len;
    next->id = msg->id;
    next->version = msg->version;
    snprintf(next->type, sizeof next->type, "%s", msg->type);
    snprintf(next->code, sizeof next->code, "%s", msg->code);
    return PD_OK;
}

static bool stopping(const server *srv)
{
    return atomic_load(&srv->stopping) != 0;
}

/* Sleep up to ms, or until woken (new messages) when wakeable, or until the server stops. */
static void pause_for(server *srv, int ms, bool wakeable)
{
    pusher *p = srv->push;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += ms / 1000;
    until.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&p->lock);
    uint64_t seen = p->generation;
    while (!stopping(srv)) {
        if (wakeable && p->generation != seen)
            break;
        /* wake at least every 200 ms to notice a stop */
        struct timespec now, step;
        clock_gettime(CLOCK_REALTIME, &now);
        if (now.tv_sec > until.tv_sec ||
            (now.tv_sec == until.tv_sec && now.tv_nsec >= until.tv_nsec))
            break;
        step = now;
        step.tv_nsec += 200000000L;
        if (step.tv_nsec >= 1000000000L) {
            step.tv_sec++;
            step.tv_nsec -= 1000000000L;
        }
        if (step.tv_sec > until.tv_sec ||
            (step.tv_sec == until.tv_sec && step.tv_nsec > until.tv_nsec))
            step = until;
        pthread_cond_timedwait(&p->cond, &p->lock, &step);
    }
    pthread_mutex_unlock(&p->lock);
}

static void *deliver(void *arg)
{
    receiver *r = arg;
    server *srv = r->srv;
    pd_log *log = NULL;
    pthread_setname_np(pthread_self(), "podium-push");
    pd_diag diag = {0};
    http_url u;
    int64_t delivered = 0;
    bool down = false;
    int last_status = -1;
    int retry_ms = (srv->cfg.push_retry_s > 0 ? srv->cfg.push_retry_s : 5) * 1000;
    int timeout_ms = (srv->cfg.push_timeout_s > 0 ? srv->cfg.push_timeout_s : 10) * 1000;

    if (!parse_url(r->url, &u) || server_log_open(srv, &log, &diag) != PD_OK ||
        pd_odf_receiver_get(log, r->url, &delivered, &diag) != PD_OK) {
        fprintf(stderr, "podium serve: push to %s: cannot start: %s\n", r->url, diag.reason);
        pd_log_free(log);
        return NULL;
    }
    while (!stopping(srv)) {
        next_message next = {0};
        pd_diag_clear(&diag);
        pd_err err = pd_odf_store_scan(log, delivered, 1, 1, take, &next, &diag);
        if (err || !next.body) {
            free(next.body);
            if (err)
                fprintf(stderr, "podium serve: push to %s: %s\n", r->url, diag.reason);
            pause_for(srv, 1000, true);
            continue;
        }
        int status = http_post(&u, r->key, next.body, next.len, timeout_ms);
        if (status == 200) {
            if (pd_odf_receiver_ack(log, r->url, next.id, &diag) != PD_OK)
                fprintf(stderr, "podium serve: push to %s: %s\n", r->url, diag.reason);
            else
                delivered = next.id;
            if (down)
                fprintf(stderr, "podium serve: push to %s: delivering again\n", r->url);
            down = false;
        } else {
            if (!down || status != last_status)
                fprintf(stderr,
                        "podium serve: push to %s: %s %s version %lld: %s%d; retrying every "
                        "%d s\n",
                        r->url, next.type, next.code, (long long)next.version,
                        status ? "status " : "no answer ", status, retry_ms / 1000);
            down = true;
            last_status = status;
            pause_for(srv, retry_ms, false);
        }
        free(next.body);
    }
    pd_log_free(log);
    return NULL;
}

pd_err push_start(server *srv, pd_diag *diag)
{
    if (srv->cfg.push_count <= 0)
        return PD_OK;
    pusher *p = calloc(1, sizeof *p);
    if (!p)
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
    p->receivers = calloc((size_t)srv->cfg.push_count, sizeof *p->receivers);
    if (!p->receivers) {
        free(p);
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
    }
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->cond, NULL);
    srv->push = p;
    for (int i = 0; i < srv->cfg.push_count; i++) {
        http_url u;
        if (!parse_url(srv->cfg.push_urls[i], &u))
            return pd_diag_set(diag, PD_ERR_INPUT, "push",
                               "expected http://HOST[:PORT]/PATH, got \"%s\"",
                               srv->cfg.push_urls[i]);
    }
    for (int i = 0; i < srv->cfg.push_count; i++) {
        receiver *r = &p->receivers[i];
        r->srv = srv;
        r->url = srv->cfg.push_urls[i];
        r->key = srv->cfg.push_keys ? srv->cfg.push_keys[i] : NULL;
        if (pthread_create(&r->thread, NULL, deliver, r) != 0)
            return pd_diag_set(diag, PD_ERR_INTERNAL, NULL, "cannot start a push thread");
        r->started = true;
        p->count = i + 1;
    }
    return PD_OK;
}

void push_wake(server *srv)
{
    pusher *p = srv->push;
    if (!p)
        return;
    pthread_mutex_lock(&p->lock);
    p->generation++;
    pthread_cond_broadcast(&p->cond);
    pthread_mutex_unlock(&p->lock);
}

void push_stop(server *srv)
{
    pusher *p = srv->push;
    if (!p)
        return;
    push_wake(srv);
    for (int i = 0; i < p->count; i++)
        if (p->receivers[i].started)
            pthread_join(p->receivers[i].thread, NULL);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->cond);
    free(p->receivers);
    free(p);
    srv->push = NULL;
}
