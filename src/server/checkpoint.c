/*
 * checkpoint.c: the server's WAL checkpoints, on a thread of their own.
 *
 * SQLite in WAL mode appends each commit to the WAL and, by default, copies
 * the WAL back into the database inside the commit that finds 1,000 pages or
 * more in it (the automatic checkpoint). In the server that commit is the
 * writer's group commit, on the chain every acknowledgement waits for: now
 * and then a batch would carry the copy of some 4 MB and its fsync. So every
 * connection the server opens (server_log_open) hands that work over: its
 * commits only say when a checkpoint is due, and the checkpoint thread
 * ("podium-ckpt", its own connection) runs a passive one. A passive
 * checkpoint waits for nobody: what a reader still needs stays in the WAL for
 * the next round. Durability is unchanged: a commit is durable once its WAL
 * frames are synced (log.c); the checkpoint only moves them.
 */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

struct checkpointer {
    pd_log *log; /* the thread's own connection */
    pthread_t thread;
    bool running;
    pthread_mutex_t lock; /* guards due and stopping */
    pthread_cond_t cond;
    atomic_bool due;
    bool stopping;
};

/* Called by a connection's commit (any thread) when a checkpoint is due. */
static void checkpoint_due(void *ctx)
{
    checkpointer *c = ctx;
    if (atomic_load(&c->due))
        return; /* already asked: the thread will get to it */
    pthread_mutex_lock(&c->lock);
    atomic_store(&c->due, true);
    pthread_cond_signal(&c->cond);
    pthread_mutex_unlock(&c->lock);
}

static void *checkpoint_main(void *arg)
{
    checkpointer *c = arg;
    bool failing = false;
    pthread_setname_np(pthread_self(), "podium-ckpt");
    for (;;) {
        pthread_mutex_lock(&c->lock);
        while (!atomic_load(&c->due) && !c->stopping)
            pthread_cond_wait(&c->cond, &c->lock);
        bool stop = c->stopping;
        atomic_store(&c->due, false);
        pthread_mutex_unlock(&c->lock);
        if (stop)
            break;
        pd_diag diag = {0};
        pd_err err = pd_log_checkpoint(c->log, NULL, NULL, &diag);
        /* not fatal: the commits stay durable, only the WAL grows; said once per spell */
        if (err && !failing)
            fprintf(stderr, "podium serve: checkpoint: %s (the WAL grows until one succeeds)\n",
                    diag.reason);
        failing = err != PD_OK;
    }
    return NULL;
}

pd_err checkpointer_start(server *srv, pd_diag *diag)
{
    checkpointer *c = calloc(1, sizeof *c);
    if (!c)
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->cond, NULL);
    srv->checkpoint = c;
    pd_err err = pd_log_open(srv->cfg.db_path, &c->log, diag);
    if (err)
        return err;
    if (pthread_create(&c->thread, NULL, checkpoint_main, c) != 0)
        return pd_diag_set(diag, PD_ERR_INTERNAL, NULL, "cannot start the checkpoint thread");
    c->running = true;
    return PD_OK;
}

pd_err server_log_open(server *srv, pd_log **out, pd_diag *diag)
{
    pd_err err = pd_log_open(srv->cfg.db_path, out, diag);
    if (!err)
        pd_log_checkpoint_elsewhere(*out, checkpoint_due, srv->checkpoint);
    return err;
}

void checkpointer_free(server *srv)
{
    checkpointer *c = srv->checkpoint;
    if (!c)
        return;
    if (c->running) {
        pthread_mutex_lock(&c->lock);
        c->stopping = true;
        pthread_cond_signal(&c->cond);
        pthread_mutex_unlock(&c->lock);
        pthread_join(c->thread, NULL);
    }
    pd_log_free(c->log);
    pthread_mutex_destroy(&c->lock);
    pthread_cond_destroy(&c->cond);
    free(c);
    srv->checkpoint = NULL;
}
