/*
 * internal.h: the server's shared state (private to src/server).
 *
 * Threads and what they own:
 *   - each worker: its event_base, evhttp, SSE subscribers, a read-only view
 *     of the log for tokens and histories;
 *   - the writer: the log for writing, the pd_results state;
 *   - shared, behind locks: the documents (rwlock) and the SSE ring (mutex).
 * Lock order: ring mutex before documents rwlock; the writer never holds
 * both.
 */
#ifndef PODIUM_SERVER_INTERNAL_H
#define PODIUM_SERVER_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <jansson.h>

#include "podium/log.h"
#include "podium/programme.h"
#include "podium/results.h"
#include "podium/server.h"
#include "podium/service.h"
#include "podium/tokens.h"

/* --- immutable shared bytes ---------------------------------------------- */

typedef struct {
    atomic_int refs;
    size_t len;
    char data[];
} blob;

/* A new blob holding a copy of len bytes (refs = 1); NULL when out of memory. */
blob *blob_new(const char *data, size_t len);
/* A new blob of len bytes for the caller to fill before sharing it (NUL-terminated). */
blob *blob_alloc(size_t len);
/* A blob of a JSON value dumped compact, keys in insertion order. */
blob *blob_json(const json_t *value);
blob *blob_ref(blob *b);
void blob_unref(blob *b);

/* --- documents and the SSE ring (hub.c) ------------------------------------ */

#define RING_SIZE 4096

typedef struct {
    uint64_t number;            /* position in the ring's history, 1, 2, ... */
    int64_t seq;                /* the SSE id: the observation's seq */
    char discipline[4];         /* for ?discipline= filters */
    char event[PD_RSC_LEN + 1]; /* event code, for ?event= filters; "" for medals */
    blob *frame;                /* the whole SSE frame, "id: ...\nevent: ...\ndata: ...\n\n" */
} ring_entry;

typedef struct {
    pthread_rwlock_t lock;
    blob **unit_docs;  /* by unit index */
    int64_t *unit_seq; /* last seq applied to each unit */
    blob **event_docs; /* by event index */
    blob *events_doc;  /* GET /api/events */
    blob *medals_doc;  /* GET /api/medals */
    atomic_llong last_seq;

    pthread_mutex_t ring_lock;
    ring_entry ring[RING_SIZE];
    uint64_t ring_next;       /* number of the next entry */
    int64_t ring_dropped_seq; /* largest seq evicted from the ring */
} hub;

typedef struct server server;

/* --- the ODF feed (odf_feed.c) and push delivery (push.c) ---------------------------------- */

typedef struct odf_feed odf_feed;
typedef struct pusher pusher;
typedef struct checkpointer checkpointer;

/*
 * A publish hook: called by the writer once per batch, after the batch is
 * durable and published, with the units it changed (each once) and whether
 * the medal table may have changed. Runs on the writer thread, which owns
 * the Games state, so it may render from srv->results.
 */
typedef void (*publish_hook_fn)(server *srv, const pd_unit *const *units, size_t count,
                                bool medals);

/* --- workers (server.c) ------------------------------------------------------ */

typedef struct subscriber subscriber;
typedef struct conn_state conn_state;

/* A token this worker checked lately (routes.c: token_check_cached). */
#define TOKEN_CACHE_SIZE 16
#define TOKEN_CACHE_MS   5000
typedef struct {
    char token[PD_TOKEN_LEN + 1];
    pd_token_info info;
    int64_t expires_ms; /* monotonic; 0: empty */
} token_cache_entry;

typedef struct {
    server *srv;
    int index;
    pthread_t thread;
    struct event_base *base;
    struct evhttp *http;
    struct event *notify; /* activated by the writer after each batch */
    struct event *fanout; /* the new frames, written an iteration after the answers */
    pthread_mutex_t reply_lock;
    struct write_job *replies, **replies_tail; /* answered by this loop, in order */
    struct event *heartbeat;
    subscriber *subscribers; /* doubly linked */
    conn_state **closers;    /* connections with a pending write or a stream (conns.c) */
    size_t closer_cap;
    size_t closer_count;
    pd_log *log;                       /* this worker's connection: tokens, histories */
    struct conn_slot *conns;           /* open connections by bufferevent (hash table, server.c) */
    size_t conn_used, conn_cap;        /* slots taken (live or removed), slots */
    atomic_int open;                   /* connections this loop holds (of server.connections) */
    struct evhttp_bound_socket *bound; /* its listener on the shared socket */
    atomic_bool accepting;             /* the listener is enabled */
    struct event *rebalance;           /* another loop asks it to look again (balance) */
    token_cache_entry token_cache[TOKEN_CACHE_SIZE];
} worker;

struct server {
    pd_server_config cfg;
    pd_programme *prog;
    pd_log *log;           /* the writer's connection */
    pd_results *results;   /* owned by the writer thread after start-up */
    void **service_states; /* one per pd_services[] entry */
    int service_count;
    hub hub;
    worker *workers;
    int worker_count;
    atomic_int connections;
    atomic_int stopping;
    /* writer queue */
    pthread_t writer_thread;
    pthread_mutex_t queue_lock;
    /* held by the writer and the ODF feed across their write transactions: the one waits
     * for the other on this lock, not in SQLite's busy handler (which sleeps in steps) */
    pthread_mutex_t db_lock;
    pthread_cond_t queue_cond;
    struct write_job *queue_head, *queue_tail;
    size_t queue_length;
    /* after each batch (NULL: none) */
    publish_hook_fn on_publish;
    odf_feed *odf;
    pusher *push;
    checkpointer *checkpoint; /* WAL checkpoints, off the commits (checkpoint.c) */
};

/* Note that a request arrived on req's connection: its deadline starts again (server.c). */
void server_conn_request(worker *w, struct evhttp_request *req);
/* req's connection is a live stream: no request deadline from now on. */
void server_conn_streaming(worker *w, struct evhttp_request *req);

/* --- hub.c --------------------------------------------------------------------- */

pd_err hub_init(hub *h, const pd_programme *prog);
void hub_cleanup(hub *h, const pd_programme *prog);
/* Swap in a document (takes the blob); the old one is released. */
void hub_set_unit(hub *h, size_t index, blob *doc, int64_t seq);
void hub_set_event(hub *h, size_t index, blob *doc);
void hub_set_events(hub *h, blob *doc);
void hub_set_medals(hub *h, blob *doc);
/* A new reference to the current document, NULL when none. */
blob *hub_get_unit(hub *h, size_t index);
blob *hub_get_event(hub *h, size_t index);
blob *hub_get_events(hub *h);
blob *hub_get_medals(hub *h);
/* Append an SSE frame to the ring (takes frame). */
void hub_push(hub *h, int64_t seq, const char *discipline, const char *event, blob *frame);

/* --- conns.c ------------------------------------------------------------------------ */

struct write_job;

/* One open connection, from its first request to its close. */
struct conn_state {
    struct evhttp_connection *evcon;
    worker *w;
    struct write_job *job; /* a write waiting for the writer's answer, or NULL */
    subscriber *sub;       /* the live stream it carries, or NULL */
};

/*
 * The state of evcon, created (and counted, with the close callback set) at
 * its first request; *is_new tells which. NULL when out of memory.
 */
conn_state *conns_get(worker *w, struct evhttp_connection *evcon, bool *is_new);
void conns_cleanup(worker *w);

/* --- writer.c -------------------------------------------------------------------- */

typedef struct write_job {
    struct write_job *next;
    worker *owner;
    struct evhttp_request *req;
    const pd_unit *unit; /* a results write; NULL for a service write */
    int service;         /* index in pd_services[] for a service write, else -1 */
    json_t *reply;       /* a service write's answer, "seq" added */
    int ok_status;       /* a service write's status when stored: 201 unless asked */
    json_t *body;
    int64_t supersedes;
    bool admin;
    char author[PD_TOKEN_LABEL_MAX + 1];
    bool cancelled;   /* the client went away: do not reply */
    conn_state *conn; /* the connection waiting for the answer; NULL once closed */
    /* outcome */
    int status;
    int64_t seq;
    pd_err err;
    pd_diag diag;
} write_job;

/* Render every document from the state (start-up, after the replay). */
pd_err writer_render_all(server *srv, pd_diag *diag);
/* Queue a job; the writer replies on the owner's loop. */
void writer_submit(server *srv, write_job *job);
void *writer_main(void *arg);

/* --- odf_feed.c ------------------------------------------------------------------------------ */

/* Load stored versions, store every document that changed while down, install the hook. */
pd_err odf_feed_start(server *srv, pd_diag *diag);
void odf_feed_free(server *srv);
/* Documents queued for the ODF feed and not yet stored (0 without a feed); any thread. */
size_t odf_feed_backlog(server *srv);
/* Serve GET /odf/...; false when the path is not under /odf/. */
bool odf_routes(worker *w, struct evhttp_request *req, const char *path);

/* --- checkpoint.c ---------------------------------------------------------------------------- */

/* Start the checkpoint thread; before any server_log_open. */
pd_err checkpointer_start(server *srv, pd_diag *diag);
/* Stop it, once every connection from server_log_open is closed. Accepts none started. */
void checkpointer_free(server *srv);
/* pd_log_open for the server's threads: the connection leaves its checkpoints to the thread. */
pd_err server_log_open(server *srv, pd_log **out, pd_diag *diag);

/* --- push.c ----------------------------------------------------------------------------------- */

/* Start one delivery thread per configured receiver (none: nothing). */
pd_err push_start(server *srv, pd_diag *diag);
/* Wake the delivery threads: new messages are stored. */
void push_wake(server *srv);
/* Stop and join the delivery threads. */
void push_stop(server *srv);

/* --- routes.c --------------------------------------------------------------------- */

void routes_handle(struct evhttp_request *req, void *arg);
/* Called on a worker's loop when the writer finished a job. */
void routes_reply_write(write_job *job);
/* Write the ring's new entries to w's subscribers (on w's loop). */
void routes_stream_notify(worker *w);
void routes_stream_heartbeat(worker *w);
void routes_stream_close_all(worker *w);
/* The connection of a subscriber closed: forget it (called by conns.c). */
void routes_stream_closed(subscriber *sub);

#endif
