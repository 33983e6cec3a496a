/*
 * server.h: `podium serve`, the live results server.
 *
 * One process: worker threads each running a libevent loop that answers
 * HTTP on a shared port (SO_REUSEPORT), and one writer thread that owns the
 * observation log and the Games state. Writes are validated, appended with a
 * group commit, applied, rendered once and published; reads serve the last
 * rendered document from memory. See docs/server.md and docs/api.md.
 */
#ifndef PODIUM_SERVER_H
#define PODIUM_SERVER_H

#include <stddef.h>

#include "podium/err.h"

typedef struct {
    const char *db_path;        /* the SQLite log; created when absent */
    const char *programme_path; /* podium-programme/1 file */
    const char *web_root;       /* directory served at / ("" or NULL: none) */
    const char *listen;         /* "127.0.0.1:8080" */
    int threads;                /* HTTP worker threads; 0 = one per core */
    int heartbeat_s;            /* SSE comment line interval; 15 */
    int max_connections;        /* open connections at most; more are refused */
    size_t sse_queue_bytes;     /* a subscriber further behind than this is dropped */
    int request_timeout_s;      /* read/write timeout of a request */
    /* ODF push receivers (docs/odf.md): URL i gets key i as X-API-KEY */
    const char *const *push_urls;
    const char *const *push_keys;
    int push_count;
    int push_retry_s;    /* while a receiver is down, retry every...; 5 */
    int push_timeout_s;  /* no answer within this is a failure; 10 */
    int odf_interval_ms; /* the ODF feed stores at most once per this; 100 */
} pd_server_config;

/* Defaults: podium.db, the Beijing 2022 programme, 127.0.0.1:8080, 15 s heartbeat ... */
void pd_server_config_init(pd_server_config *cfg, const char *programme_path);

/*
 * Load the programme, open the log, replay it, listen and serve until SIGINT
 * or SIGTERM (or pd_server_stop). Prints "listening on http://ADDR" on stdout
 * once ready. Errors: cannot listen, bad programme, unreadable log.
 */
pd_err pd_server_run(const pd_server_config *cfg, pd_diag *diag);

/* Ask a running server to stop (async-signal-safe). */
void pd_server_stop(void);

#endif
