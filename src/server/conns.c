/*
 * conns.c: what a worker knows about each open connection.
 *
 * evhttp gives one close callback per connection, and two things need to
 * hear of a close: a write waiting for the writer (its answer must not go to
 * a freed request) and a live-stream subscriber (it must leave the worker's
 * list). So a connection that carries either gets one conn_state, found again
 * through a small open-addressing table keyed by the evhttp_connection
 * pointer, and one close callback that settles both. (Counting connections
 * for the cap and the request deadline is server.c's, from the accept on.)
 * Only the worker's own thread touches its table.
 */
#include <stdint.h>
#include <stdlib.h>

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
    size_t cap = w->closer_cap ? w->closer_cap * 2 : 256;
    conn_state **table = calloc(cap, sizeof *table);
    if (!table)
        return false;
    for (size_t i = 0; i < w->closer_cap; i++) {
        conn_state *cs = w->closers[i];
        if (!cs)
            continue;
        size_t s = slot_of(cs->evcon, cap);
        while (table[s])
            s = (s + 1) & (cap - 1);
        table[s] = cs;
    }
    free(w->closers);
    w->closers = table;
    w->closer_cap = cap;
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
    /* remove with backward shift so probing chains stay whole */
    size_t s = slot_of(cs->evcon, w->closer_cap);
    while (w->closers[s] != cs)
        s = (s + 1) & (w->closer_cap - 1);
    w->closers[s] = NULL;
    for (size_t next = (s + 1) & (w->closer_cap - 1); w->closers[next];
         next = (next + 1) & (w->closer_cap - 1)) {
        conn_state *moved = w->closers[next];
        w->closers[next] = NULL;
        size_t t = slot_of(moved->evcon, w->closer_cap);
        while (w->closers[t])
            t = (t + 1) & (w->closer_cap - 1);
        w->closers[t] = moved;
    }
    w->closer_count--;
    free(cs);
}

conn_state *conns_get(worker *w, struct evhttp_connection *evcon, bool *is_new)
{
    *is_new = false;
    if (w->closer_cap) {
        for (size_t s = slot_of(evcon, w->closer_cap); w->closers[s];
             s = (s + 1) & (w->closer_cap - 1))
            if (w->closers[s]->evcon == evcon)
                return w->closers[s];
    }
    if ((w->closer_count + 1) * 2 > w->closer_cap && !grow(w))
        return NULL;
    conn_state *cs = calloc(1, sizeof *cs);
    if (!cs)
        return NULL;
    cs->evcon = evcon;
    cs->w = w;
    size_t s = slot_of(evcon, w->closer_cap);
    while (w->closers[s])
        s = (s + 1) & (w->closer_cap - 1);
    w->closers[s] = cs;
    w->closer_count++;
    evhttp_connection_set_closecb(evcon, on_conn_close, cs);

    *is_new = true;
    return cs;
}

void conns_cleanup(worker *w)
{
    free(w->closers);
    w->closers = NULL;
    w->closer_cap = w->closer_count = 0;
}
