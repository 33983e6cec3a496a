/*
 * writer.c: the one thread that changes results.
 *
 * Jobs (validated HTTP writes) queue here. The writer takes every job
 * waiting (up to PD_LOG_BATCH_MAX), and for each in order: checks it against
 * the Games state, applies it and renders the documents it changes (so each
 * SSE event shows the state right after its own observation). Then it
 * appends all accepted observations in one transaction - one fsync for the
 * batch, the group commit - and only then publishes the documents, pushes
 * the SSE frames and answers the clients. A refused job changes nothing.
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

typedef struct {
    size_t unit_index;
    int64_t seq;
    blob *doc;
} unit_update;

/* What one accepted job publishes. */
typedef struct {
    unit_update *units; /* its unit and, when cumulative, the later units of its phase */
    size_t unit_count;
    size_t event_index;
    blob *event_doc;
    blob *events_doc; /* when an event's status changed, else NULL */
    blob *medals_doc; /* when the medal table changed, else NULL */
    blob *frame;      /* the SSE frame */
    char discipline[4];
    char event[PD_RSC_LEN + 1];
} publication;

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
 * Render a unit's document; on an engine error the document says so instead.
 * With sibling (a document of a unit of the same scope, see
 * pd_results_same_scope) the document is a copy of it, not a second scoring.
 * *json_out, when given, receives the document (a new reference).
 */
static blob *render_unit_as(server *srv, const pd_unit *unit, const json_t *sibling,
                            json_t **json_out)
{
    json_t *doc = NULL;
    pd_diag diag = {0};
    if (sibling && pd_results_unit_doc_from(srv->results, unit, sibling, &doc) == PD_OK) {
        /* shared scope: only rsc and status differ */
    } else if (pd_results_unit_doc(srv->results, unit, &doc, &diag) != PD_OK) {
        doc = json_pack("{s:s, s:s, s:s, s:s}", "rsc", unit->rsc.code, "status",
                        pd_status_name(pd_results_unit_status(srv->results, unit)), "error",
                        "engine", "message", diag.reason);
        fprintf(stderr, "podium serve: %s: %s: %s\n", unit->rsc.code, diag.path, diag.reason);
    }
    blob *b = doc ? blob_json(doc) : NULL;
    if (json_out)
        *json_out = doc;
    else
        json_decref(doc);
    return b;
}

static blob *render_event(server *srv, const pd_event *event)
{
    json_t *doc = NULL;
    pd_diag diag = {0};
    if (pd_results_event_doc(srv->results, event, &doc, &diag) != PD_OK) {
        doc = json_pack("{s:s, s:s, s:s, s:s}", "rsc", event->rsc.code, "status",
                        pd_status_name(pd_results_event_status(srv->results, event)), "error",
                        "engine", "message", diag.reason);
        fprintf(stderr, "podium serve: %s: %s: %s\n", event->rsc.code, diag.path, diag.reason);
    }
    blob *b = doc ? blob_json(doc) : NULL;
    json_decref(doc);
    return b;
}

pd_err writer_render_all(server *srv, pd_diag *diag)
{
    /* units of one scope are neighbours in the programme: score once, copy for the rest */
    const pd_unit *shared_unit = NULL;
    json_t *shared_doc = NULL;
    for (size_t i = 0; i < pd_programme_unit_count(srv->prog); i++) {
        const pd_unit *unit = pd_programme_unit(srv->prog, i);
        bool shared = shared_doc && pd_results_same_scope(shared_unit, unit);
        json_t *doc_json = NULL;
        blob *doc =
            render_unit_as(srv, unit, shared ? shared_doc : NULL, shared ? NULL : &doc_json);
        if (!shared) {
            json_decref(shared_doc);
            shared_doc = doc_json;
            shared_unit = unit;
        }
        if (!doc) {
            json_decref(shared_doc);
            return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory rendering documents");
        }
        hub_set_unit(&srv->hub, i, doc, pd_results_unit_last_seq(srv->results, unit));
    }
    json_decref(shared_doc);
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

/* Build the SSE frame of a result update: one serialisation for every subscriber. */
static blob *result_frame(int64_t seq, const pd_unit *unit, const blob *doc)
{
    char head[160];
    int n = snprintf(head, sizeof head,
                     "id: %lld\nevent: result\ndata: {\"seq\":%lld,\"rsc\":\"%s\",\"results\":",
                     (long long)seq, (long long)seq, unit->rsc.code);
    size_t len = (size_t)n + doc->len + 3;
    char *text = malloc(len + 1);
    if (!text)
        return NULL;
    memcpy(text, head, (size_t)n);
    memcpy(text + n, doc->data, doc->len);
    memcpy(text + n + doc->len, "}\n\n", 3);
    blob *b = blob_new(text, len);
    free(text);
    return b;
}

static blob *medals_frame(int64_t seq, const blob *doc)
{
    char head[96];
    int n = snprintf(head, sizeof head,
                     "id: %lld\nevent: medals\ndata: {\"seq\":%lld,\"table\":", (long long)seq,
                     (long long)seq);
    size_t len = (size_t)n + doc->len + 3;
    char *text = malloc(len + 1);
    if (!text)
        return NULL;
    memcpy(text, head, (size_t)n);
    memcpy(text + n, doc->data, doc->len);
    memcpy(text + n + doc->len, "}\n\n", 3);
    blob *b = blob_new(text, len);
    free(text);
    return b;
}

static void fatal(const char *what, const pd_diag *diag)
{
    fprintf(stderr, "podium serve: %s: %s; stopping (a restart replays the log)\n", what,
            diag ? diag->reason : "");
    fflush(stderr);
    abort();
}

/* Render what an applied job changed. */
static void render_job(server *srv, write_job *job, publication *pub, pd_status *event_before)
{
    const pd_unit *unit = job->unit;
    const pd_event *event = unit->phase->event;
    size_t total = 0;
    for (size_t p = 0; p < event->phase_count; p++)
        total += event->phases[p].unit_count;
    /* the unit first (its frame is published), then every other unit whose scope holds it */
    const pd_unit **deps = calloc(total, sizeof *deps);
    size_t dep_count = deps ? pd_results_dependents(unit, deps) : 0;
    pub->units = calloc(dep_count + 1, sizeof *pub->units);
    if (!deps || !dep_count || !pub->units)
        fatal("out of memory", NULL);
    for (size_t d = 0; d < dep_count; d++)
        if (deps[d] == unit) {
            deps[d] = deps[0];
            deps[0] = unit;
        }
    /* units of one scope share one scoring: render the first, copy it for the others */
    json_t *first_doc = NULL;
    for (size_t u = 0; u < dep_count; u++) {
        const pd_unit *dep = deps[u];
        unit_update *up = &pub->units[pub->unit_count++];
        bool shared = first_doc && pd_results_same_scope(deps[0], dep);
        up->unit_index = pd_programme_unit_index(srv->prog, dep);
        up->seq = pd_results_unit_last_seq(srv->results, dep);
        up->doc = render_unit_as(srv, dep, shared ? first_doc : NULL, u == 0 ? &first_doc : NULL);
    }
    json_decref(first_doc);
    free(deps);
    pub->event_index = pd_programme_event_index(srv->prog, event);
    pub->event_doc = render_event(srv, event);
    pd_status now = pd_results_event_status(srv->results, event);
    if (now != *event_before)
        pub->events_doc = render_events(srv);
    /* medals move when an official event changes: its status or, by correction, its ranks */
    if (now == PD_STATUS_OFFICIAL || *event_before == PD_STATUS_OFFICIAL)
        pub->medals_doc = render_medals(srv);
    pub->frame = pub->units[0].doc ? result_frame(job->seq, unit, pub->units[0].doc) : NULL;
    snprintf(pub->discipline, sizeof pub->discipline, "%s", event->discipline->code);
    snprintf(pub->event, sizeof pub->event, "%s", event->rsc.code);
    if (!pub->event_doc || !pub->frame || !pub->units[0].doc)
        fatal("out of memory", NULL);
}

static void publish(server *srv, write_job *job, publication *pub)
{
    hub *h = &srv->hub;
    for (size_t i = 0; i < pub->unit_count; i++)
        hub_set_unit(h, pub->units[i].unit_index, pub->units[i].doc, pub->units[i].seq);
    hub_set_event(h, pub->event_index, pub->event_doc);
    if (pub->events_doc)
        hub_set_events(h, pub->events_doc);
    hub_push(h, job->seq, pub->discipline, pub->event, pub->frame);
    if (pub->medals_doc) {
        blob *current = hub_get_medals(h);
        bool changed = !current || current->len != pub->medals_doc->len ||
                       memcmp(current->data, pub->medals_doc->data, current->len) != 0;
        blob_unref(current);
        if (changed) {
            blob *frame = medals_frame(job->seq, pub->medals_doc);
            hub_set_medals(h, pub->medals_doc);
            if (frame)
                hub_push(h, job->seq, "", "", frame);
        } else {
            blob_unref(pub->medals_doc);
        }
    }
    atomic_store(&h->last_seq, job->seq);
    free(pub->units);
}

static void reply_on_owner(evutil_socket_t fd, short what, void *arg)
{
    (void)fd;
    (void)what;
    routes_reply_write(arg);
}

/* A service write: check, predict the seq, apply; false when refused. */
static bool process_service(server *srv, write_job *job, pd_log_entry *entry, char **text,
                            int64_t seq)
{
    const pd_service *svc = pd_services[job->service];
    void *state = srv->service_states[job->service];
    job->err = svc->check ? svc->check(state, job->body, job->author, &job->diag) : PD_OK;
    if (job->err)
        return false;
    *text = json_dumps(job->body, JSON_COMPACT | JSON_PRESERVE_ORDER);
    if (!*text) {
        job->err = pd_diag_set(&job->diag, PD_ERR_NOMEM, NULL, "out of memory");
        return false;
    }
    job->seq = seq;
    svc->apply(state, seq, job->body, job->author, 0);
    *entry = (pd_log_entry){svc->code, *text, strlen(*text), 0, job->author};
    return true;
}

static void process(server *srv, write_job **jobs, size_t count)
{
    pd_log_entry *entries = calloc(count, sizeof *entries);
    char **texts = calloc(count, sizeof *texts);
    size_t *entry_job = calloc(count, sizeof *entry_job);
    pd_log_outcome *outcomes = calloc(count, sizeof *outcomes);
    publication *pubs = calloc(count, sizeof *pubs);
    size_t accepted = 0;
    int64_t next_seq = atomic_load(&srv->hub.last_seq) + 1;

    if (!entries || !texts || !entry_job || !outcomes || !pubs)
        fatal("out of memory", NULL);
    for (size_t i = 0; i < count; i++) {
        write_job *job = jobs[i];
        pd_diag_clear(&job->diag);
        if (!job->unit) {
            if (!process_service(srv, job, &entries[accepted], &texts[i], next_seq)) {
                job->status = status_for(job->err);
                continue;
            }
            next_seq++;
            entry_job[accepted++] = i;
            continue;
        }
        job->err = pd_results_check(srv->results, job->unit, job->body, job->supersedes, job->admin,
                                    &job->diag);
        if (!job->err) {
            texts[i] = json_dumps(job->body, JSON_COMPACT | JSON_PRESERVE_ORDER);
            if (!texts[i])
                job->err = pd_diag_set(&job->diag, PD_ERR_NOMEM, NULL, "out of memory");
        }
        if (job->err) {
            job->status = status_for(job->err);
            continue;
        }
        pd_status event_before = pd_results_event_status(srv->results, job->unit->phase->event);
        job->seq = next_seq++;
        if (pd_results_apply(srv->results, job->unit, job->seq, job->body, job->supersedes))
            fatal("out of memory", NULL);
        entries[accepted] = (pd_log_entry){job->unit->rsc.code, texts[i], strlen(texts[i]),
                                           job->supersedes, job->author};
        entry_job[accepted] = i;
        render_job(srv, job, &pubs[i], &event_before);
        accepted++;
    }
    if (accepted) {
        pd_err err = pd_log_append_batch(srv->log, entries, accepted, outcomes);
        if (err)
            fatal("the log refused a batch", &outcomes[0].diag);
        for (size_t e = 0; e < accepted; e++) {
            write_job *job = jobs[entry_job[e]];
            if (outcomes[e].err || outcomes[e].seq != job->seq)
                fatal("the log and the state disagree", &outcomes[e].diag);
        }
    }
    /* durable: publish in seq order, then answer */
    const pd_unit **changed = calloc(count, sizeof *changed);
    size_t changed_count = 0;
    bool medals = false;
    if (!changed)
        fatal("out of memory", NULL);
    for (size_t i = 0; i < count; i++) {
        if (!jobs[i]->err && jobs[i]->unit) {
            bool seen = false;
            for (size_t c = 0; c < changed_count; c++)
                seen |= changed[c] == jobs[i]->unit;
            if (!seen)
                changed[changed_count++] = jobs[i]->unit;
            medals |= pubs[i].medals_doc != NULL;
        }
    }
    for (size_t i = 0; i < count; i++) {
        if (!jobs[i]->err) {
            if (jobs[i]->unit)
                publish(srv, jobs[i], &pubs[i]);
            else
                atomic_store(&srv->hub.last_seq, jobs[i]->seq);
            jobs[i]->status = 201;
        }
        free(texts[i]);
    }
    if (accepted)
        for (int w = 0; w < srv->worker_count; w++)
            event_active(srv->workers[w].notify, EV_READ, 0);
    /* the publish hook (the ODF feed) sees the state after the whole batch */
    if (srv->on_publish && changed_count)
        srv->on_publish(srv, changed, changed_count, medals);
    free(changed);
    for (size_t i = 0; i < count; i++) {
        struct timeval now = {0, 0};
        if (event_base_once(jobs[i]->owner->base, -1, EV_TIMEOUT, reply_on_owner, jobs[i], &now) !=
            0)
            fatal("cannot reach a worker", NULL);
    }
    free(entries);
    free(texts);
    free(entry_job);
    free(outcomes);
    free(pubs);
}

void *writer_main(void *arg)
{
    server *srv = arg;
    write_job *batch[PD_LOG_BATCH_MAX];
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
            batch[count++] = srv->queue_head;
            srv->queue_head = srv->queue_head->next;
            srv->queue_length--;
        }
        if (!srv->queue_head)
            srv->queue_tail = NULL;
        pthread_mutex_unlock(&srv->queue_lock);
        process(srv, batch, count);
    }
    return NULL;
}
