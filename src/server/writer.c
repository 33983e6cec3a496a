/*
 * writer.c: the one thread that changes results.
 *
 * Jobs (validated HTTP writes) queue here. The writer takes every job
 * waiting (up to PD_LOG_BATCH_MAX) and checks them as a group: each result
 * job is checked against the state as the jobs before it left it (status
 * order, OFFICIAL, supersedes: pd_results_precheck) and applied; then the
 * documents of the units they changed are scored once, which is the check
 * that their performances are valid. If one of those fails, the group's
 * jobs are taken back (pd_results_undo) and checked one by one with a dry run
 * each (pd_results_check), which finds and refuses the faulty ones exactly
 * as if they had come alone. A service job closes the group before it: its
 * state cannot be taken back.
 *
 * The accepted observations are then appended in one transaction - one fsync
 * for the batch, the group commit - by the committer thread, while the
 * writer renders the documents the batch changed, once per batch (a unit,
 * event or medal table that several jobs changed is rendered once, in its
 * state after the batch; rendering needs only memory). Only when the commit
 * is done are they published, one SSE frame pushed per observation, and the
 * clients answered. A refused job changes nothing. No state between two jobs
 * of a batch is ever published: each frame carries its unit's document as
 * the batch left it.
 *
 * If the commit fails after the state was advanced, memory and disk
 * disagree; the writer then stops the process (crash-only): a restart
 * replays the log, which holds exactly the acknowledged observations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "podium/events_doc.h"
#include "podium/json.h"

static const char *event_status(const pd_event *event, void *ctx)
{
    return pd_status_name(pd_results_event_status(ctx, event));
}

static blob *render_events(server *srv)
{
    json_t *doc;
    if (pd_events_doc_build(srv->prog, NULL, event_status, srv->results, &doc) != PD_OK)
        return NULL;
    blob *b = blob_json(doc);
    json_decref(doc);
    return b;
}

static blob *render_medals(server *srv)
{
    json_t *doc = NULL;
    pd_diag diag = {0};
    if (pd_results_medals_doc(srv->results, &doc, &diag) != PD_OK) {
        fprintf(stderr, "podium serve: medal table: %s\n", diag.reason);
        doc = json_pack("{s:[], s:s}", "medals", "error", diag.reason);
    }
    blob *b = doc ? blob_json(doc) : NULL;
    json_decref(doc);
    return b;
}

/*
 * A document's blob from its text (pd_results_*_text); on an engine error, a
 * document that says so instead (err, diag: the text call's outcome).
 */
static blob *doc_blob(const char *rsc, pd_status status, pd_err err, char *text, size_t len,
                      const pd_diag *diag)
{
    if (err == PD_OK) {
        blob *b = blob_new(text, len);
        free(text);
        return b;
    }
    json_t *doc = json_pack("{s:s, s:s, s:s, s:s}", "rsc", rsc, "status", pd_status_name(status),
                            "error", "engine", "message", diag->reason);
    fprintf(stderr, "podium serve: %s: %s: %s\n", rsc, diag->path, diag->reason);
    blob *b = doc ? blob_json(doc) : NULL;
    json_decref(doc);
    return b;
}

static blob *render_unit(server *srv, const pd_unit *unit)
{
    char *text = NULL;
    size_t len = 0;
    pd_diag diag = {0};
    pd_err err = pd_results_unit_text(srv->results, unit, &text, &len, &diag);
    return doc_blob(unit->rsc.code, pd_results_unit_status(srv->results, unit), err, text, len,
                    &diag);
}

static blob *render_event(server *srv, const pd_event *event)
{
    char *text = NULL;
    size_t len = 0;
    pd_diag diag = {0};
    pd_err err = pd_results_event_text(srv->results, event, &text, &len, &diag);
    return doc_blob(event->rsc.code, pd_results_event_status(srv->results, event), err, text, len,
                    &diag);
}

pd_err writer_render_all(server *srv, pd_diag *diag)
{
    /* units of one scope share one scoring: pd_results remembers it */
    for (size_t i = 0; i < pd_programme_unit_count(srv->prog); i++) {
        const pd_unit *unit = pd_programme_unit(srv->prog, i);
        blob *doc = render_unit(srv, unit);
        if (!doc)
            return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory rendering documents");
        hub_set_unit(&srv->hub, i, doc, pd_results_unit_last_seq(srv->results, unit));
    }
    for (size_t i = 0; i < pd_programme_event_count(srv->prog); i++) {
        blob *doc = render_event(srv, pd_programme_event(srv->prog, i));
        if (!doc)
            return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory rendering documents");
        hub_set_event(&srv->hub, i, doc);
    }
    blob *events = render_events(srv);
    blob *medals = render_medals(srv);
    if (!events || !medals) {
        blob_unref(events);
        blob_unref(medals);
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory rendering documents");
    }
    hub_set_events(&srv->hub, events);
    hub_set_medals(&srv->hub, medals);
    return PD_OK;
}

void writer_submit(server *srv, write_job *job)
{
    job->next = NULL;
    pthread_mutex_lock(&srv->queue_lock);
    if (srv->queue_tail)
        srv->queue_tail->next = job;
    else
        srv->queue_head = job;
    srv->queue_tail = job;
    srv->queue_length++;
    pthread_cond_signal(&srv->queue_cond);
    pthread_mutex_unlock(&srv->queue_lock);
}

static int status_for(pd_err err)
{
    switch (err) {
    case PD_OK:
        return 201;
    case PD_ERR_INPUT:
        return 400;
    case PD_ERR_NOT_FOUND:
        return 404;
    case PD_ERR_CONFLICT:
        return 409;
    case PD_ERR_UNSUPPORTED:
        return 422;
    case PD_ERR_NOMEM:
        return 503;
    default:
        return 500;
    }
}

/* An SSE frame: head (n bytes), the document, then the closing "}" and blank line. */
static blob *frame(const char *head, int n, const blob *doc)
{
    blob *b = blob_alloc((size_t)n + doc->len + 3);
    if (!b)
        return NULL;
    memcpy(b->data, head, (size_t)n);
    memcpy(b->data + n, doc->data, doc->len);
    memcpy(b->data + n + doc->len, "}\n\n", 3);
    return b;
}

/* Build the SSE frame of a result update: one serialisation for every subscriber. */
static blob *result_frame(int64_t seq, const pd_unit *unit, const blob *doc)
{
    char head[160];
    int n = snprintf(head, sizeof head,
                     "id: %lld\nevent: result\ndata: {\"seq\":%lld,\"rsc\":\"%s\",\"results\":",
                     (long long)seq, (long long)seq, unit->rsc.code);
    return frame(head, n, doc);
}

static blob *medals_frame(int64_t seq, const blob *doc)
{
    char head[96];
    int n = snprintf(head, sizeof head,
                     "id: %lld\nevent: medals\ndata: {\"seq\":%lld,\"table\":", (long long)seq,
                     (long long)seq);
    return frame(head, n, doc);
}

static void fatal(const char *what, const pd_diag *diag)
{
    fprintf(stderr, "podium serve: %s: %s; stopping (a restart replays the log)\n", what,
            diag ? diag->reason : "");
    fflush(stderr);
    abort();
}

/*
 * The job's body as the log stores it, in *text (whatever it held freed) and
 * *len; false (the job refused) when out of memory.
 */
static bool dump_body(write_job *job, char **text, size_t *len)
{
    free(*text);
    *text = NULL;
    if (pd_json_dump_compact(job->body, text, len) == PD_OK)
        return true;
    *text = NULL;
    job->err = pd_diag_set(&job->diag, PD_ERR_NOMEM, NULL, "out of memory");
    return false;
}

/* A service write: check, predict the seq, apply; false when refused. */
static bool process_service(server *srv, write_job *job, pd_log_entry *entry, char **text,
                            int64_t seq)
{
    const pd_service *svc = pd_services[job->service];
    void *state = srv->service_states[job->service];
    job->err = svc->check ? svc->check(state, job->body, job->author, &job->diag) : PD_OK;
    size_t len;
    if (job->err || !dump_body(job, text, &len))
        return false;
    job->seq = seq;
    if (svc->apply)
        svc->apply(state, seq, job->body, job->author, 0);
    *entry = (pd_log_entry){svc->code, *text, len, 0, job->author};
    return true;
}

/* One batch of jobs on its way through the writer. */
typedef struct {
    write_job **jobs;
    size_t count;
    pd_log_entry *entries; /* the accepted observations, in seq order */
    char **texts;          /* by job: its body as stored */
    size_t *entry_job;     /* by entry: its job */
    size_t accepted;       /* entries so far */
    int64_t next_seq;
    /* the open group of result jobs, checked together */
    bool group_open;
    size_t group_from;  /* its first job */
    size_t group_entry; /* its first entry */
    int64_t group_seq;  /* its first seq */
    /* every event a result job names, with its status before the batch */
    const pd_event **events;
    pd_status *events_before;
    size_t event_count;
    int64_t *seqs; /* by entry: the seq the log gave it */
    /* for render_batch and publish_batch, as many as the programme has units */
    const pd_unit **units; /* the documents changed */
    size_t unit_count;
    blob **docs;            /* their blobs */
    const pd_unit **deps;   /* scratch for pd_results_dependents */
    const pd_unit **direct; /* the units written */
    size_t direct_count;
    /* by event (as events): its document when a job wrote it, else NULL */
    blob **event_docs;
    blob *events_doc;  /* the list of events, when a status changed, else NULL */
    bool medals_moved; /* an official event changed: the medal table may have */
    blob *medals;      /* the medal table when medals_moved (NULL when out of memory) */
    int64_t last_result_seq;
    /* the committer inserting the entries while the last group is scored (commit_begin) */
    struct committer *inserting;
    bool redone; /* the last group was checked again: the entries changed after commit_begin */
} write_batch;

static void commit_hold(write_batch *b);

/* The writer's batch, its arrays allocated once for the largest batch and the programme. */
static void batch_init(write_batch *b, size_t units)
{
    size_t n = PD_LOG_BATCH_MAX, u = units ? units : 1;
    *b = (write_batch){.entries = calloc(n, sizeof *b->entries),
                       .texts = calloc(n, sizeof *b->texts),
                       .entry_job = calloc(n, sizeof *b->entry_job),
                       .events = calloc(n, sizeof *b->events),
                       .events_before = calloc(n, sizeof *b->events_before),
                       .seqs = calloc(n, sizeof *b->seqs),
                       .units = calloc(u, sizeof *b->units),
                       .docs = calloc(u, sizeof *b->docs),
                       .deps = calloc(u, sizeof *b->deps),
                       .direct = calloc(u, sizeof *b->direct),
                       .event_docs = calloc(n, sizeof *b->event_docs)};
    if (!b->entries || !b->texts || !b->entry_job || !b->events || !b->events_before || !b->seqs ||
        !b->units || !b->docs || !b->deps || !b->direct || !b->event_docs)
        fatal("out of memory", NULL);
}

static void batch_cleanup(write_batch *b)
{
    free(b->entries);
    free(b->texts);
    free(b->entry_job);
    free(b->events);
    free(b->events_before);
    free(b->seqs);
    free(b->units);
    free(b->docs);
    free(b->deps);
    free(b->direct);
    free(b->event_docs);
}

static void note_event(server *srv, write_batch *b, const pd_event *event)
{
    for (size_t e = 0; e < b->event_count; e++)
        if (b->events[e] == event)
            return;
    b->events[b->event_count] = event;
    b->events_before[b->event_count++] = pd_results_event_status(srv->results, event);
}

/* A checked result job becomes the next observation: its seq, applied, its log entry. */
static void accept_result(server *srv, write_batch *b, size_t i, size_t text_len)
{
    write_job *job = b->jobs[i];
    job->seq = b->next_seq++;
    if (pd_results_apply(srv->results, job->unit, job->seq, job->body, job->supersedes))
        fatal("out of memory", NULL);
    b->entries[b->accepted] =
        (pd_log_entry){job->unit->rsc.code, b->texts[i], text_len, job->supersedes, job->author};
    b->entry_job[b->accepted++] = i;
}

typedef pd_err (*check_fn)(pd_results *res, const pd_unit *unit, const json_t *body,
                           int64_t supersedes, bool admin, pd_diag *diag);

/* Check a result job with check; accepted, it becomes the next observation, else refused. */
static void check_and_accept(server *srv, write_batch *b, size_t i, check_fn check)
{
    write_job *job = b->jobs[i];
    pd_diag_clear(&job->diag);
    job->seq = 0;
    job->err = check(srv->results, job->unit, job->body, job->supersedes, job->admin, &job->diag);
    size_t len;
    if (!job->err && dump_body(job, &b->texts[i], &len))
        accept_result(srv, b, i, len);
    else
        job->status = status_for(job->err);
}

/*
 * Close the open group of result jobs jobs[group_from..end): score the
 * document of every unit they changed (remembered, so the publication after
 * the commit reuses it). When one fails, take the group back, last job
 * first, and check its jobs one by one with a dry run each.
 */
static void close_group(server *srv, write_batch *b, size_t end)
{
    if (!b->group_open)
        return;
    b->group_open = false;
    bool valid = true;
    for (size_t i = b->group_from; i < end && valid; i++) {
        write_job *job = b->jobs[i];
        json_t *doc = NULL;
        pd_diag diag = {0};
        if (!job->err)
            valid = pd_results_unit_doc(srv->results, job->unit, &doc, &diag) == PD_OK;
        json_decref(doc);
    }
    if (valid)
        return;
    /* the committer reads the entries and their texts until it has inserted them */
    commit_hold(b);
    for (size_t i = end; i-- > b->group_from;) {
        write_job *job = b->jobs[i];
        if (!job->err && pd_results_undo(srv->results, job->unit, job->seq) != PD_OK)
            fatal("cannot take back a job", NULL);
    }
    b->accepted = b->group_entry;
    b->next_seq = b->group_seq;
    for (size_t i = b->group_from; i < end; i++)
        check_and_accept(srv, b, i, pd_results_check);
}

/* A result job: checked but for its scoring, applied, in the open group. */
static void take_result(server *srv, write_batch *b, size_t i)
{
    write_job *job = b->jobs[i];
    note_event(srv, b, job->unit->phase->event);
    if (!b->group_open) {
        b->group_open = true;
        b->group_from = i;
        b->group_entry = b->accepted;
        b->group_seq = b->next_seq;
    }
    check_and_accept(srv, b, i, pd_results_precheck);
}

static bool accepted_result(const write_job *job)
{
    return job->unit && !job->err;
}

/* Index of unit in units[0..count), count when absent. */
static size_t find_unit(const pd_unit *const *units, size_t count, const pd_unit *unit)
{
    size_t k = 0;
    while (k < count && units[k] != unit)
        k++;
    return k;
}

/*
 * Render what the batch changed, once each, in its state after the batch:
 * the documents of the units it wrote and of those that depend on them, the
 * documents of the events it wrote, the list of events when a status moved,
 * the medal table when an official event changed. Memory only (the writer
 * alone changes pd_results): it runs while the committer makes the batch
 * durable, and nothing of it is seen before publish_batch.
 */
static void render_batch(server *srv, write_batch *b)
{
    const pd_unit **units = b->units, **deps = b->deps, **direct = b->direct;
    size_t unit_count = 0, direct_count = 0;
    b->last_result_seq = 0;
    for (size_t i = 0; i < b->count; i++) {
        const write_job *job = b->jobs[i];
        if (!accepted_result(job))
            continue;
        b->last_result_seq = job->seq;
        if (find_unit(direct, direct_count, job->unit) < direct_count)
            continue;
        direct[direct_count++] = job->unit;
        size_t dep_count = pd_results_dependents(job->unit, deps);
        if (!dep_count)
            fatal("out of memory", NULL);
        for (size_t d = 0; d < dep_count; d++)
            if (find_unit(units, unit_count, deps[d]) == unit_count)
                units[unit_count++] = deps[d];
    }
    b->unit_count = unit_count;
    b->direct_count = direct_count;
    for (size_t k = 0; k < unit_count; k++)
        if (!(b->docs[k] = render_unit(srv, units[k])))
            fatal("out of memory", NULL);
    bool events_changed = false, medals = false;
    for (size_t e = 0; e < b->event_count; e++) {
        const pd_event *event = b->events[e];
        bool written = false;
        for (size_t d = 0; d < direct_count && !written; d++)
            written = direct[d]->phase->event == event;
        b->event_docs[e] = NULL;
        if (!written)
            continue;
        if (!(b->event_docs[e] = render_event(srv, event)))
            fatal("out of memory", NULL);
        pd_status now = pd_results_event_status(srv->results, event);
        events_changed |= now != b->events_before[e];
        /* medals move when an official event changes: its status or, by correction, its ranks */
        medals |= now == PD_STATUS_OFFICIAL || b->events_before[e] == PD_STATUS_OFFICIAL;
    }
    b->events_doc = events_changed ? render_events(srv) : NULL;
    if (events_changed && !b->events_doc)
        fatal("out of memory", NULL);
    b->medals_moved = medals;
    b->medals = medals ? render_medals(srv) : NULL;
}

/*
 * The batch is durable: publish what render_batch made, the documents first,
 * then one frame per observation in seq order, then the medal table when it
 * changed.
 */
static void publish_batch(server *srv, write_batch *b)
{
    hub *h = &srv->hub;
    for (size_t k = 0; k < b->unit_count; k++)
        hub_set_unit(h, pd_programme_unit_index(srv->prog, b->units[k]), blob_ref(b->docs[k]),
                     pd_results_unit_last_seq(srv->results, b->units[k]));
    for (size_t e = 0; e < b->event_count; e++)
        if (b->event_docs[e])
            hub_set_event(h, pd_programme_event_index(srv->prog, b->events[e]), b->event_docs[e]);
    if (b->events_doc)
        hub_set_events(h, b->events_doc);
    for (size_t i = 0; i < b->count; i++) {
        const write_job *job = b->jobs[i];
        if (!accepted_result(job))
            continue;
        const pd_event *event = job->unit->phase->event;
        blob *frame = result_frame(job->seq, job->unit,
                                   b->docs[find_unit(b->units, b->unit_count, job->unit)]);
        if (!frame)
            fatal("out of memory", NULL);
        hub_push(h, job->seq, event->discipline->code, event->rsc.code, frame);
    }
    blob *table = b->medals;
    if (table) {
        blob *current = hub_get_medals(h);
        bool changed = !current || current->len != table->len ||
                       memcmp(current->data, table->data, current->len) != 0;
        blob_unref(current);
        if (changed) {
            blob *frame = medals_frame(b->last_result_seq, table);
            hub_set_medals(h, table);
            if (frame)
                hub_push(h, b->last_result_seq, "", "", frame);
        } else {
            blob_unref(table);
        }
    }
    if (b->accepted)
        atomic_store(&h->last_seq, b->next_seq - 1);
    for (size_t k = 0; k < b->unit_count; k++)
        blob_unref(b->docs[k]);
    /* the publish hook (the ODF feed) sees the state after the whole batch */
    if (srv->on_publish && b->direct_count)
        srv->on_publish(srv, b->direct, b->direct_count, b->medals_moved);
}

/*
 * The committer: a thread that appends a batch to the log (one transaction,
 * its fsync) beside the writer. The writer hands it the batch once every job
 * is checked but the last group's scoring (commit_begin): the committer
 * inserts the entries while the writer scores, then waits for its word
 * (commit_decide). If the scoring took the group back and checked its jobs
 * again (commit_hold saw to it that the committer had finished reading the
 * entries first), the committer rolls back and inserts the batch's entries
 * as they now are. Then it commits, while the writer renders the batch's
 * documents, which need only memory. The writer waits for the commit
 * (commit_end) before publishing or answering anything, so a 201 still
 * follows the fsync and nothing is published that is not durable.
 */
typedef struct committer {
    server *srv;
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t work, done;
    write_batch *batch; /* handed over, not yet committed; NULL when none */
    bool inserted;      /* the batch's entries as handed over are inserted */
    bool decided;       /* the writer's word: commit, or redo when batch->redone */
    bool stop;
    pd_err err;
    pd_diag diag;
} committer;

static void *committer_main(void *arg)
{
    committer *c = arg;
    pd_log *log = c->srv->log;
    pthread_setname_np(pthread_self(), "podium-commit");
    pthread_mutex_lock(&c->lock);
    for (;;) {
        while (!c->batch && !c->stop)
            pthread_cond_wait(&c->work, &c->lock);
        write_batch *b = c->batch;
        if (!b)
            break;
        size_t count = b->accepted;
        pthread_mutex_unlock(&c->lock);
        pd_diag diag = {0};
        pthread_mutex_lock(&c->srv->db_lock);
        pd_err err = pd_log_append_open(log, b->entries, count, b->seqs, NULL, &diag);
        pthread_mutex_lock(&c->lock);
        c->inserted = true;
        pthread_cond_broadcast(&c->done);
        while (!c->decided)
            pthread_cond_wait(&c->work, &c->lock);
        bool redo = b->redone;
        count = b->accepted;
        pthread_mutex_unlock(&c->lock);
        if (!err && redo) {
            pd_log_append_close(log, false, NULL);
            if (count)
                err = pd_log_append_open(log, b->entries, count, b->seqs, NULL, &diag);
        }
        if (!err && count)
            err = pd_log_append_close(log, true, &diag);
        pthread_mutex_unlock(&c->srv->db_lock);
        pthread_mutex_lock(&c->lock);
        c->err = err;
        c->diag = diag;
        c->batch = NULL;
        c->inserted = c->decided = false;
        pthread_cond_broadcast(&c->done);
    }
    pthread_mutex_unlock(&c->lock);
    return NULL;
}

/* Hand the batch over: the committer inserts its entries and fills b->seqs. */
static void commit_begin(committer *c, write_batch *b)
{
    pthread_mutex_lock(&c->lock);
    b->inserting = c;
    b->redone = false;
    c->batch = b;
    pthread_cond_signal(&c->work);
    pthread_mutex_unlock(&c->lock);
}

/* The writer is about to change the entries handed over: wait until they are inserted. */
static void commit_hold(write_batch *b)
{
    committer *c = b->inserting;
    if (!c)
        return;
    pthread_mutex_lock(&c->lock);
    while (!c->inserted)
        pthread_cond_wait(&c->done, &c->lock);
    b->redone = true;
    pthread_mutex_unlock(&c->lock);
}

/* The scoring is done: commit the entries (again, when they changed). */
static void commit_decide(committer *c)
{
    pthread_mutex_lock(&c->lock);
    c->decided = true;
    pthread_cond_signal(&c->work);
    pthread_mutex_unlock(&c->lock);
}

/* Wait for the batch handed over; the log refusing it (or failing) stops the process. */
static void commit_end(committer *c, write_batch *b)
{
    pthread_mutex_lock(&c->lock);
    while (c->batch)
        pthread_cond_wait(&c->done, &c->lock);
    pd_err err = c->err;
    pd_diag diag = c->diag;
    pthread_mutex_unlock(&c->lock);
    b->inserting = NULL;
    /* every entry was checked against the state: a refusal here means they disagree */
    if (err)
        fatal("the log refused a batch", &diag);
    for (size_t e = 0; e < b->accepted; e++)
        if (b->seqs[e] != b->jobs[b->entry_job[e]]->seq)
            fatal("the log and the state disagree", NULL);
}

static void process(server *srv, committer *c, write_batch *batch, write_job **jobs, size_t count)
{
    write_batch b = *batch; /* the arrays; the counts start at 0 */
    b.jobs = jobs;
    b.count = count;
    b.next_seq = atomic_load(&srv->hub.last_seq) + 1;
    memset(b.texts, 0, count * sizeof *b.texts);
    for (size_t i = 0; i < count; i++) {
        write_job *job = jobs[i];
        pd_diag_clear(&job->diag);
        job->seq = 0;
        if (job->unit) {
            take_result(srv, &b, i);
            continue;
        }
        /* a service's state cannot be taken back: the group closes before it */
        close_group(srv, &b, i);
        if (!process_service(srv, job, &b.entries[b.accepted], &b.texts[i], b.next_seq)) {
            job->status = status_for(job->err);
            continue;
        }
        b.next_seq++;
        b.entry_job[b.accepted++] = i;
    }
    /* inserted while the last group is scored, durable while rendered (see committer) */
    bool handed = b.accepted > 0;
    if (handed)
        commit_begin(c, &b);
    close_group(srv, &b, count);
    if (handed)
        commit_decide(c);
    render_batch(srv, &b);
    if (handed)
        commit_end(c, &b);
    /* durable: publish, then answer */
    publish_batch(srv, &b);
    for (size_t i = 0; i < count; i++) {
        if (!jobs[i]->err)
            jobs[i]->status = 201;
        free(b.texts[i]);
    }
    /* each loop answers its writers, then (an iteration later) writes the new frames */
    for (size_t i = 0; i < count; i++) {
        worker *w = jobs[i]->owner;
        jobs[i]->next = NULL;
        pthread_mutex_lock(&w->reply_lock);
        *w->replies_tail = jobs[i];
        w->replies_tail = &jobs[i]->next;
        pthread_mutex_unlock(&w->reply_lock);
    }
    for (int w = 0; w < srv->worker_count; w++)
        event_active(srv->workers[w].notify, EV_READ, 0);
}

void *writer_main(void *arg)
{
    server *srv = arg;
    pthread_setname_np(pthread_self(), "podium-writer");
    write_job *jobs[PD_LOG_BATCH_MAX];
    write_batch batch;
    batch_init(&batch, pd_programme_unit_count(srv->prog));
    committer c = {.srv = srv};
    pthread_mutex_init(&c.lock, NULL);
    pthread_cond_init(&c.work, NULL);
    pthread_cond_init(&c.done, NULL);
    if (pthread_create(&c.thread, NULL, committer_main, &c) != 0)
        fatal("cannot start the committer thread", NULL);
    for (;;) {
        pthread_mutex_lock(&srv->queue_lock);
        while (!srv->queue_head && !atomic_load(&srv->stopping))
            pthread_cond_wait(&srv->queue_cond, &srv->queue_lock);
        if (!srv->queue_head) {
            pthread_mutex_unlock(&srv->queue_lock);
            break;
        }
        size_t count = 0;
        while (srv->queue_head && count < PD_LOG_BATCH_MAX) {
            jobs[count++] = srv->queue_head;
            srv->queue_head = srv->queue_head->next;
            srv->queue_length--;
        }
        if (!srv->queue_head)
            srv->queue_tail = NULL;
        pthread_mutex_unlock(&srv->queue_lock);
        process(srv, &c, &batch, jobs, count);
    }
    pthread_mutex_lock(&c.lock);
    c.stop = true;
    pthread_cond_signal(&c.work);
    pthread_mutex_unlock(&c.lock);
    pthread_join(c.thread, NULL);
    pthread_cond_destroy(&c.work);
    pthread_cond_destroy(&c.done);
    pthread_mutex_destroy(&c.lock);
    batch_cleanup(&batch);
    return NULL;
}
