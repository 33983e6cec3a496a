/*
 * health_service.c: closed-loop health management on the server's log.
 *
 * Why: the health engine (src/ops/health.c) is pure; this adapter puts it on
 * the observation log under code "HLT" + 31 '-' and the URL prefix
 * /api/loop (GET /api/health is the server's own health check).
 *
 * How:
 *   - writes (POST /api/loop/observations, role health) are checked by the
 *     strict parser on the writer thread, stored, then applied;
 *   - public reads (figures, rules) are aggregates only and need no token;
 *   - every read of individual data (a participant, the test list, the
 *     isolation list, an entry check) is built under the read lock, then
 *     recorded as an "audit" observation (who read what) through the group
 *     commit, and answered 200 only once that record is durable: no read
 *     without its audit record. Only the health role reads individual data
 *     (the entry check also takes the accreditation role);
 *   - errors and messages never name a participant.
 * The state is guarded by a rwlock: apply (writer) takes it exclusively,
 * reads share it. The public figures are cached until the next apply.
 */
#include "health_service.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/health.h"
#include "podium/health_doc.h"

#ifndef PODIUM_DATADIR
#define PODIUM_DATADIR "data"
#endif

#define PREFIX "/api/loop"

typedef struct {
    pd_health *h;
    pthread_rwlock_t lock;
    uint64_t version; /* bumped by every apply */
    size_t skipped;   /* batch items that did not apply */
    size_t audits;    /* audit records applied */
    pthread_mutex_t cache_lock;
    char *figures; /* cached public figures (JSON text), for cache_version */
    uint64_t cache_version;
} health_state;

/* The running state, for pd_health_service_may_enter (one server per process). */
static _Atomic(health_state *) running;

static void *create(const pd_programme *prog, pd_diag *diag)
{
    (void)prog;
    health_state *st = calloc(1, sizeof *st);
    if (!st) {
        pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        return NULL;
    }
    st->h = pd_health_load(PODIUM_DATADIR "/health/beijing2022.json", diag);
    if (!st->h) {
        free(st);
        return NULL;
    }
    pthread_rwlock_init(&st->lock, NULL);
    pthread_mutex_init(&st->cache_lock, NULL);
    atomic_store(&running, st);
    return st;
}

static void destroy(void *state)
{
    health_state *st = state;
    health_state *expected = st;
    atomic_compare_exchange_strong(&running, &expected, NULL);
    pd_health_free(st->h);
    free(st->figures);
    pthread_rwlock_destroy(&st->lock);
    pthread_mutex_destroy(&st->cache_lock);
    free(st);
}

static pd_err check(void *state, const json_t *body, const char *author, pd_diag *diag)
{
    (void)author;
    health_state *st = state;
    /* the writer thread is the only one that changes the state: no lock needed to read it */
    return pd_health_doc_check(st->h, body, true, diag);
}

static void apply(void *state, int64_t seq, const json_t *body, const char *author,
                  int64_t recorded_at_ms)
{
    (void)seq;
    (void)author;
    (void)recorded_at_ms;
    health_state *st = state;
    const char *type = json_string_value(json_object_get(body, "type"));
    if (type && strcmp(type, "audit") == 0) {
        st->audits++;
        return;
    }
    pthread_rwlock_wrlock(&st->lock);
    pd_health_doc_apply(st->h, body, &st->skipped);
    st->version++;
    pthread_rwlock_unlock(&st->lock);
}

bool pd_health_service_may_enter(const char *person, const char *day, char *reason, size_t size)
{
    health_state *st = atomic_load(&running);
    if (!st) {
        snprintf(reason, size, "health service not running");
        return false;
    }
    pthread_rwlock_rdlock(&st->lock);
    bool ok = pd_health_may_enter(st->h, person, day, reason, size);
    pthread_rwlock_unlock(&st->lock);
    return ok;
}

bool pd_health_service_gate(void *ctx, const char *person, const char *day, char *reason,
                            size_t size)
{
    (void)ctx;
    health_state *st = atomic_load(&running);
    if (!st)
        return true; /* no health service: no health reason to deny */
    pthread_rwlock_rdlock(&st->lock);
    /* someone with no record in the loop is none of its business (see the header) */
    bool known = pd_health_check_person(st->h, person, NULL) != PD_ERR_CONFLICT;
    bool ok = !known || pd_health_may_enter(st->h, person, day, reason, size);
    pthread_rwlock_unlock(&st->lock);
    return ok;
}

/* --- requests ------------------------------------------------------------------------------- */

static bool has_role(const pd_token_info *token, const char *role)
{
    return token && strcmp(token->role, role) == 0;
}

/* Individual data: the health role only (401 without a token, 403 with another role). */
static bool may_read_individual(pd_service_call *call, bool accreditation_too)
{
    const pd_token_info *token = pd_service_token(call);
    if (!token) {
        pd_service_error(call, 401, "unauthorized", "individual health data needs a health token");
        return false;
    }
    if (has_role(token, "health") || (accreditation_too && has_role(token, "accreditation")))
        return true;
    pd_service_error(call, 403, "forbidden", "a %s token may not read individual health data",
                     token->role);
    return false;
}

/* The ?day= parameter, or the last day with an event (or the first rule set's day). */
static bool query_day(pd_service_call *call, health_state *st, int32_t *day)
{
    const char *text = pd_service_query(call, "day");
    int32_t first;
    if (text) {
        if (pd_health_day_parse(text, day))
            return true;
        pd_service_error(call, 400, "invalid", "day: expected YYYY-MM-DD");
        return false;
    }
    if (!pd_health_day_range(st->h, &first, day))
        *day = pd_health_rules_at(st->h, 0)->effective_day;
    return true;
}

static json_t *day_string(int32_t day)
{
    char text[16];
    pd_health_day_format(day, text, sizeof text);
    return json_string(text);
}

/* Record the read (what, whose) as an audit observation, then answer 200 with reply. */
static void audited_reply(pd_service_call *call, const char *what, const char *subject, int32_t day,
                          json_t *reply)
{
    json_t *audit =
        json_pack("{s:s, s:s, s:o}", "type", "audit", "read", what, "day", day_string(day));
    if (subject)
        json_object_set_new(audit, "subject", json_string(subject));
    pd_service_submit_status(call, audit, reply, 200);
}

typedef struct {
    json_t *history;
} history_ctx;

static void add_history_day(int32_t day, const pd_health_standing *standing, void *ctx)
{
    history_ctx *c = ctx;
    json_t *row = pd_health_standing_json(standing);
    json_object_set_new(row, "day", day_string(day));
    json_array_append_new(c->history, row);
}

static void get_person(pd_service_call *call, health_state *st, const char *person)
{
    int32_t day;
    pd_health_standing standing;
    if (!may_read_individual(call, false))
        return;
    pthread_rwlock_rdlock(&st->lock);
    if (!query_day(call, st, &day)) {
        pthread_rwlock_unlock(&st->lock);
        return;
    }
    if (pd_health_standing_on(st->h, person, day, &standing) != PD_OK) {
        pthread_rwlock_unlock(&st->lock);
        pd_service_error(call, 404, "not-found", "no such participant");
        return;
    }
    history_ctx c = {json_array()};
    pd_health_history(st->h, person, day, add_history_day, &c);
    pthread_rwlock_unlock(&st->lock);
    json_t *reply = json_pack("{s:s, s:s, s:o, s:o, s:o}", "format", "podium-health-person/1",
                              "person", person, "day", day_string(day), "standing",
                              pd_health_standing_json(&standing), "history", c.history);
    audited_reply(call, "person", person, day, reply);
}

typedef struct {
    const char *venue_filter;
    json_t *venues; /* venue -> array */
    bool isolations;
} list_ctx;

static void add_to_list(const char *person, const char *venue, const pd_health_standing *s,
                        void *ctx)
{
    list_ctx *c = ctx;
    if (c->isolations) {
        if (!s->isolated_day ||
            (s->status != PD_HEALTH_ISOLATED && s->status != PD_HEALTH_RELEASED))
            return;
        json_t *row = json_pack(
            "{s:s, s:s, s:o, s:o}", "person", person, "status", pd_health_status_name(s->status),
            "isolated", day_string(s->isolated_day), "released",
            s->status == PD_HEALTH_RELEASED ? day_string(s->released_day) : json_null());
        json_array_append_new(c->venues, row);
        return;
    }
    if (s->tests_required <= 0)
        return;
    /* the isolated are tested where they are isolated */
    const char *where = s->status == PD_HEALTH_ISOLATED ? "isolation" : venue;
    if (c->venue_filter && strcmp(c->venue_filter, where) != 0)
        return;
    json_t *list = json_object_get(c->venues, where);
    if (!list) {
        list = json_array();
        json_object_set_new(c->venues, where, list);
    }
    json_array_append_new(list, json_pack("{s:s, s:s, s:i, s:i}", "person", person, "status",
                                          pd_health_status_name(s->status), "tests_required",
                                          s->tests_required, "tests_taken", s->tests_taken));
}

static void get_list(pd_service_call *call, health_state *st, bool isolations)
{
    int32_t day;
    if (!may_read_individual(call, false))
        return;
    list_ctx c = {pd_service_query(call, "venue"), isolations ? json_array() : json_object(),
                  isolations};
    pthread_rwlock_rdlock(&st->lock);
    if (!query_day(call, st, &day)) {
        pthread_rwlock_unlock(&st->lock);
        json_decref(c.venues);
        return;
    }
    pd_health_each(st->h, day, add_to_list, &c);
    pthread_rwlock_unlock(&st->lock);
    json_t *reply;
    if (isolations) {
        reply = json_pack("{s:s, s:o, s:o}", "format", "podium-health-isolations/1", "day",
                          day_string(day), "isolations", c.venues);
    } else {
        json_t *venues = json_array();
        const char *venue;
        json_t *persons;
        size_t total = 0;
        json_object_foreach(c.venues, venue, persons)
        {
            total += json_array_size(persons);
            json_array_append_new(venues, json_pack("{s:s, s:I, s:O}", "venue", venue, "count",
                                                    (json_int_t)json_array_size(persons), "persons",
                                                    persons));
        }
        json_decref(c.venues);
        reply = json_pack("{s:s, s:o, s:I, s:o}", "format", "podium-health-tests/1", "day",
                          day_string(day), "count", (json_int_t)total, "venues", venues);
    }
    audited_reply(call, isolations ? "isolations" : "tests", NULL, day, reply);
}

static void get_entry(pd_service_call *call, health_state *st, const char *person)
{
    int32_t day;
    char reason[PD_HEALTH_REASON_MAX], day_text[16];
    if (!may_read_individual(call, true))
        return;
    pthread_rwlock_rdlock(&st->lock);
    bool ok = query_day(call, st, &day);
    bool may_enter = false;
    if (ok) {
        pd_health_day_format(day, day_text, sizeof day_text);
        may_enter = pd_health_may_enter(st->h, person, day_text, reason, sizeof reason);
    }
    pthread_rwlock_unlock(&st->lock);
    if (!ok)
        return;
    audited_reply(call, "entry", person, day,
                  json_pack("{s:s, s:s, s:b, s:s}", "person", person, "day", day_text, "may_enter",
                            may_enter, "reason", reason));
}

static void get_figures(pd_service_call *call, health_state *st)
{
    const char *from_text = pd_service_query(call, "from");
    const char *to_text = pd_service_query(call, "to");
    int32_t from, to, first, last;
    pd_diag diag = {0};
    pthread_rwlock_rdlock(&st->lock);
    bool any = pd_health_day_range(st->h, &first, &last);
    from = pd_health_rules_at(st->h, 0)->effective_day;
    to = any && last > from ? last : from;
    bool custom = from_text || to_text;
    if ((from_text && !pd_health_day_parse(from_text, &from)) ||
        (to_text && !pd_health_day_parse(to_text, &to))) {
        pthread_rwlock_unlock(&st->lock);
        pd_service_error(call, 400, "invalid", "from, to: expected YYYY-MM-DD");
        return;
    }
    char *text = NULL;
    json_t *doc = NULL;
    pthread_mutex_lock(&st->cache_lock);
    if (!custom && st->figures && st->cache_version == st->version)
        text = strdup(st->figures);
    pthread_mutex_unlock(&st->cache_lock);
    if (!text) {
        doc = pd_health_figures_json(st->h, from, to, &diag);
        if (doc)
            json_object_set_new(doc, "participants",
                                json_integer((json_int_t)pd_health_person_count(st->h)));
        if (doc && !custom) {
            char *dumped = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
            pthread_mutex_lock(&st->cache_lock);
            free(st->figures);
            st->figures = dumped;
            st->cache_version = st->version;
            pthread_mutex_unlock(&st->cache_lock);
        }
    }
    pthread_rwlock_unlock(&st->lock);
    if (text) {
        doc = json_loads(text, 0, NULL);
        free(text);
    }
    if (!doc) {
        pd_service_error(call, 400, "invalid", "%s: %s", diag.path, diag.reason);
        return;
    }
    pd_service_reply(call, 200, doc);
}

static void post_observation(pd_service_call *call)
{
    const pd_token_info *token = pd_service_token(call);
    const json_t *body = pd_service_body(call);
    if (!token) {
        pd_service_error(call, 401, "unauthorized", "a write needs Authorization: Bearer TOKEN");
        return;
    }
    if (!has_role(token, "health") && !has_role(token, "admin")) {
        pd_service_error(call, 403, "forbidden", "a %s token may not write health observations",
                         token->role);
        return;
    }
    if (!body) {
        pd_service_error(call, 400, "invalid", "expected a JSON observation");
        return;
    }
    const char *type = json_string_value(json_object_get(body, "type"));
    if (type && strcmp(type, "audit") == 0) {
        pd_service_error(call, 400, "invalid", "type: audit records are written by the server");
        return;
    }
    pd_service_submit(call, json_deep_copy(body), NULL);
}

static void handle(void *state, pd_service_call *call)
{
    health_state *st = state;
    const char *path = pd_service_path(call) + strlen(PREFIX);
    const char *method = pd_service_method(call);
    bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    bool post = strcmp(method, "POST") == 0;

    if (get && strcmp(path, "/figures") == 0) {
        get_figures(call, st);
    } else if (get && strcmp(path, "/rules") == 0) {
        pd_service_reply(call, 200, pd_health_rules_json(st->h)); /* rules never change */
    } else if (post && strcmp(path, "/observations") == 0) {
        post_observation(call);
    } else if (get && strncmp(path, "/persons/", 9) == 0 && path[9]) {
        get_person(call, st, path + 9);
    } else if (get && strncmp(path, "/entry/", 7) == 0 && path[7]) {
        get_entry(call, st, path + 7);
    } else if (get && strcmp(path, "/tests") == 0) {
        get_list(call, st, false);
    } else if (get && strcmp(path, "/isolations") == 0) {
        get_list(call, st, true);
    } else {
        pd_service_error(call, 404, "not-found", "no route %s %s", method,
                         strncmp(path, "/persons/", 9) == 0 || strncmp(path, "/entry/", 7) == 0
                             ? PREFIX "/..."
                             : pd_service_path(call));
    }
}

const pd_service pd_health_service = {
    .name = "health",
    .code = "HLT-------------------------------",
    .prefix = PREFIX,
    .create = create,
    .destroy = destroy,
    .check = check,
    .apply = apply,
    .handle = handle,
};
