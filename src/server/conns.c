/*
 * conns.c: what a worker knows about each open connection.
 *
 * evhttp gives one close callback per connection, and three things need to
 * hear of a close: the connection count (the cap), a write waiting for the
 * writer (its answer must not go to a freed request), and a live-stream
 * subscriber (it must leave the worker's list). So every connection gets one
 * conn_state at its first request, found again through a small open-addressing
 * table keyed by the evhttp_connection pointer, and one close callback that
 * settles all three. Only the worker's own thread touches its table.
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/socket.h>

#include <event2/bufferevent.h>

#include "internal.h"

static size_t slot_of(const void *key, size_t cap)
{
    uint64_t h = (uint64_t)(uintptr_t)key;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return (size_t)h & (cap - 1);
}

static bool grow(worker *w)
{
    size_t cap = w->conn_cap ? w->conn_cap * 2 : 256;
    conn_state **table = calloc(cap, sizeof *table);
    if (!table)
        return false;
    for (size_t i = 0; i < w->conn_cap; i++) {
        conn_state *cs = w->conns[i];
        if (!cs)
            continue;
        size_t s = slot_of(cs->evcon, cap);
        while (table[s])
            s = (s + 1) & (cap - 1);
        table[s] = cs;
    }
    free(w->conns);
    w->conns = table;
    w->conn_cap = cap;
    return true;
}

static void on_conn_close(struct evhttp_connection *evcon, void *arg)
{
    (void)evcon;
    conn_state *cs = arg;
    worker *w = cs->w;
    if (cs->job) {
        cs->job->cancelled = true; /* the writer's answer has nowhere to go */
        cs->job->conn = NULL;
    }
    if (cs->sub)
        routes_stream_closed(cs->sub);
    atomic_fetch_sub(&w->srv->connections, 1);
    /* remove with backward shift so probing chains stay whole */
    size_t s = slot_of(cs->evcon, w->conn_cap);
    while (w->conns[s] != cs)
        s = (s + 1) & (w->conn_cap - 1);
    w->conns[s] = NULL;
    for (size_t next = (s + 1) & (w->conn_cap - 1); w->conns[next];
         next = (next + 1) & (w->conn_cap - 1)) {
        conn_state *moved = w->conns[next];
        w->conns[next] = NULL;
        size_t t = slot_of(moved->evcon, w->conn_cap);
        while (w->conns[t])
            t = (t + 1) & (w->conn_cap - 1);
        w->conns[t] = moved;
    }
    w->conn_count--;
    free(cs);
}

conn_state *conns_get(worker *w, struct evhttp_connection *evcon, bool *is_new)
{
    *is_new = false;
    if (w->conn_cap) {
        for (size_t s = slot_of(evcon, w->conn_cap); w->conns[s]; s = (s + 1) & (w->conn_cap - 1))
            if (w->conns[s]->evcon == evcon)
                return w->conns[s];
    }
    if ((w->conn_count + 1) * 2 > w->conn_cap && !grow(w))
        return NULL;
    conn_state *cs = calloc(1, sizeof *cs);
    if (!cs)
        return NULL;
    cs->evcon = evcon;
    cs->w = w;
    size_t s = slot_of(evcon, w->conn_cap);
    while (w->conns[s])
        s = (s + 1) & (w->conn_cap - 1);
    w->conns[s] = cs;
    w->conn_count++;
    atomic_fetch_add(&w->srv->connections, 1);
    evhttp_connection_set_closecb(evcon, on_conn_close, cs);
    /* answers and live updates leave at once, not after a delayed ACK (Nagle) */
    struct bufferevent *bev = evhttp_connection_get_bufferevent(evcon);
    evutil_socket_t fd = bev ? bufferevent_getfd(bev) : -1;
    int one = 1;
    if (fd >= 0)
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    *is_new = true;
    return cs;
}

void conns_cleanup(worker *w)
{
    free(w->conns);
    w->conns = NULL;
    w->conn_cap = w->conn_count = 0;
}
