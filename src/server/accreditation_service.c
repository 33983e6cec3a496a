/*
 * accreditation_service.c: the accreditation service on the server
 * (docs/accreditation.md, docs/api.md "Accreditation and access").
 *
 * The pd_acr state sits behind a read-write lock: apply (the writer thread)
 * takes it for writing, requests (workers) for reading. Changes to people and
 * cards are observations submitted through the group commit and answered once
 * durable. Access checks never wait for the disk: the decision is answered at
 * once and the scan joins a pending batch (a mutex-guarded array) that goes to
 * the log as one "scans" observation when it holds SCAN_BATCH scans or its
 * oldest scan is SCAN_FLUSH_MS old, submitted in the background by whichever
 * request to the service finds it due. A crash loses at most that last batch
 * of scan records, never a card change. Counters of recorded scans are derived
 * from the stored batches, like every other state; the last RECENT_MAX scans
 * are kept in memory for the officers' page.
 *
 * Roles: accreditation officers (and admin) read people and change cards;
 * scanners check cards at the venues of their token and fetch the revocation
 * list; nobody else gets anything but the public key.
 *
 * The signing key is read at start-up from the file PODIUM_ACCESS_KEY names
 * (podium access keygen); without it a key is made for this run only and
 * tokens do not survive a restart.
 */
#include "accreditation_service.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "podium/json.h"
#include "podium/log.h"
#include "podium/service.h"

#define SCAN_BATCH     2048
#define SCAN_FLUSH_MS  1000
#define RECENT_MAX     256
#define SEARCH_MAX     100
#define CSV_ERRORS_MAX 100

typedef struct {
    char card[12];
    char venue[9];
    char zone[2];
    const char *reason; /* static string of pd_acr_decision */
    int64_t at_ms;
} scan;

typedef struct {
    pthread_rwlock_t lock;
    pd_acr *acr;
    int64_t last_seq;
    /* recorded scans, from the stored "scans" observations */
    int64_t recorded_allow, recorded_deny;
    unsigned char secret_key[crypto_sign_SECRETKEYBYTES];
    unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
    bool ephemeral_key;

    pthread_mutex_t scan_lock;
    char *pending; /* SCAN_BATCH lines of pd_acr_scan_line */
    size_t pending_len, pending_count;
    int64_t pending_since_ms;
    scan recent[RECENT_MAX];
    uint64_t recent_next;
    uint64_t checks; /* access checks answered since start-up */
} acr_service;

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Today in the Games' time zone (Beijing, UTC+8), as YYYYMMDD. */
static int32_t games_today(void)
{
    time_t t = time(NULL) + 8 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

static void *create(const pd_programme *prog, pd_diag *diag)
{
    const char *codes[PD_ACR_VENUES_MAX];
    static const char *const extra[] = {"MMC", "OVB", "OVY", "OVZ"};
    size_t n = 0;
    for (size_t i = 0; i < pd_programme_venue_count(prog) && n < PD_ACR_VENUES_MAX - 4; i++)
        codes[n++] = pd_programme_venue(prog, i)->code;
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
        codes[n++] = extra[i];
    acr_service *svc = calloc(1, sizeof *svc);
    if (!svc) {
        pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        return NULL;
    }
    svc->pending = malloc(SCAN_BATCH * PD_ACR_SCAN_LINE_MAX);
    svc->acr = svc->pending ? pd_acr_new(codes, n, diag) : NULL;
    if (!svc->acr)
        goto fail;
    const char *key = getenv("PODIUM_ACCESS_KEY");
    if (sodium_init() < 0) {
        pd_diag_set(diag, PD_ERR_INTERNAL, NULL, "libsodium failed to initialise");
        goto fail;
    }
    if (key && key[0]) {
        if (pd_acr_read_secret_key(key, svc->secret_key, diag))
            goto fail;
        crypto_sign_ed25519_sk_to_pk(svc->public_key, svc->secret_key);
    } else {
        crypto_sign_keypair(svc->public_key, svc->secret_key);
        svc->ephemeral_key = true;
        fprintf(stderr, "podium serve: accreditation: PODIUM_ACCESS_KEY is not set; card tokens "
                        "are signed with a key made for this run only\n");
    }
    pthread_rwlock_init(&svc->lock, NULL);
    pthread_mutex_init(&svc->scan_lock, NULL);
    return svc;
fail:
    if (!diag->reason[0])
        pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
    pd_acr_free(svc->acr);
    free(svc->pending);
    free(svc);
    return NULL;
}

static void destroy(void *state)
{
    acr_service *svc = state;
    if (!svc)
        return;
    if (svc->pending_count)
        fprintf(stderr, "podium serve: accreditation: %zu scans not yet recorded at shutdown\n",
                svc->pending_count);
    pthread_rwlock_destroy(&svc->lock);
    pthread_mutex_destroy(&svc->scan_lock);
    sodium_memzero(svc->secret_key, sizeof svc->secret_key);
    pd_acr_free(svc->acr);
    free(svc->pending);
    free(svc);
}

void pd_accreditation_service_set_health(void *state, pd_access_health_fn fn, void *ctx)
{
    acr_service *svc = state;
    pthread_rwlock_wrlock(&svc->lock);
    pd_acr_set_health(svc->acr, fn, ctx);
    pthread_rwlock_unlock(&svc->lock);
}

static pd_err check(void *state, const json_t *body, const char *author, pd_diag *diag)
{
    (void)author;
    acr_service *svc = state;
    pthread_rwlock_rdlock(&svc->lock);
    pd_err err = pd_acr_check(svc->acr, body, diag);
    pthread_rwlock_unlock(&svc->lock);
    return err;
}

static void apply(void *state, int64_t seq, const json_t *body, const char *author,
                  int64_t recorded_at_ms)
{
    acr_service *svc = state;
    pthread_rwlock_wrlock(&svc->lock);
    if (pd_acr_apply(svc->acr, seq, body, author, recorded_at_ms) != PD_OK)
        fprintf(stderr, "podium serve: accreditation: out of memory applying %lld\n",
                (long long)seq);
    const char *type = json_string_value(json_object_get(body, "type"));
    const json_t *scans = json_object_get(body, "scans");
    size_t allowed, denied;
    if (type && strcmp(type, "scans") == 0 && json_is_string(scans) &&
        pd_acr_scans_count(json_string_value(scans), json_string_length(scans), &allowed,
                           &denied) == PD_OK) {
        svc->recorded_allow += (int64_t)allowed;
        svc->recorded_deny += (int64_t)denied;
    }
    svc->last_seq = seq;
    pthread_rwlock_unlock(&svc->lock);
}

/* --- helpers ------------------------------------------------------------------------ */

static bool is_officer(const pd_token_info *t)
{
    return t && (strcmp(t->role, "accreditation") == 0 || strcmp(t->role, "admin") == 0);
}

/* Answer 401/403 unless the caller is an officer. */
static bool need_officer(pd_service_call *call)
{
    const pd_token_info *t = pd_service_token(call);
    if (!t) {
        pd_service_error(call, 401, "unauthorized", "this needs Authorization: Bearer TOKEN");
        return false;
    }
    if (!is_officer(t)) {
        pd_service_error(call, 403, "forbidden",
                         "only accreditation officers may read or change people and cards");
        return false;
    }
    return true;
}

static void reply_diag(pd_service_call *call, int status, const pd_diag *diag)
{
    char line[PD_DIAG_PATH_MAX + PD_DIAG_REASON_MAX + 4];
    pd_service_error(call, status, status == 404 ? "not-found" : "invalid", "%s",
                     pd_diag_format(diag, line, sizeof line));
}

/* Submit obs (taken) unless its text exceeds what the log stores. */
static void submit(pd_service_call *call, json_t *obs, json_t *reply)
{
    size_t size = obs ? json_dumpb(obs, NULL, 0, JSON_COMPACT) : 0;
    if (!obs) {
        json_decref(reply);
        pd_service_error(call, 503, "unavailable", "out of memory");
        return;
    }
    if (size > PD_LOG_BODY_MAX) {
        json_decref(obs);
        json_decref(reply);
        pd_service_error(call, 413, "too-large",
                         "the change takes %zu bytes, more than the log's %u per observation: "
                         "send fewer people at a time",
                         size, PD_LOG_BODY_MAX);
        return;
    }
    pd_service_submit(call, obs, reply);
}

static void check_body(acr_service *svc, pd_service_call *call, const json_t *body);

/* --- scans -------------------------------------------------------------------------- */

/* The pending batch as a "scans" observation, and empty it; call with scan_lock held. */
static json_t *take_batch_locked(acr_service *svc)
{
    json_t *lines = json_stringn_nocheck(svc->pending, svc->pending_len);
    svc->pending_count = 0;
    svc->pending_len = 0;
    return lines ? json_pack("{s:s, s:o}", "type", "scans", "scans", lines) : NULL;
}

static bool batch_due_locked(const acr_service *svc)
{
    return svc->pending_count && (svc->pending_count >= SCAN_BATCH ||
                                  monotonic_ms() - svc->pending_since_ms >= SCAN_FLUSH_MS);
}

/* Take the pending batch when it is due (or when forced and not empty). */
static json_t *take_due_batch(acr_service *svc, bool force)
{
    json_t *obs = NULL;
    pthread_mutex_lock(&svc->scan_lock);
    if (batch_due_locked(svc) || (force && svc->pending_count))
        obs = take_batch_locked(svc);
    pthread_mutex_unlock(&svc->scan_lock);
    return obs;
}

static void flush_scans(acr_service *svc, pd_service_call *call, bool force)
{
    json_t *obs = take_due_batch(svc, force);
    if (obs)
        pd_service_submit_background(call, obs);
}

/*
 * Add a scan to the pending batch; returns the batch as an observation when
 * this scan made it due, for the caller to submit (taken under the same lock,
 * so no scan is ever dropped for a full batch).
 */
static json_t *record_scan(acr_service *svc, const char *card, const char *venue, const char *zone,
                           const char *reason)
{
    scan s;
    char line[PD_ACR_SCAN_LINE_MAX];
    json_t *due = NULL;
    snprintf(s.card, sizeof s.card, "%s", card);
    snprintf(s.venue, sizeof s.venue, "%s", venue);
    snprintf(s.zone, sizeof s.zone, "%s", zone);
    s.reason = reason;
    s.at_ms = now_ms();
    size_t n = pd_acr_scan_line(line, sizeof line, card, venue, zone, reason, s.at_ms);
    pthread_mutex_lock(&svc->scan_lock);
    if (svc->pending_count == 0)
        svc->pending_since_ms = monotonic_ms();
    if (n) {
        memcpy(svc->pending + svc->pending_len, line, n);
        svc->pending_len += n;
        svc->pending_count++;
    }
    svc->recent[svc->recent_next++ % RECENT_MAX] = s;
    svc->checks++;
    if (batch_due_locked(svc))
        due = take_batch_locked(svc);
    pthread_mutex_unlock(&svc->scan_lock);
    return due;
}

/* Append text as a JSON string (quotes, escapes) at out + *used; false when full. */
static bool put_json_string(char *out, size_t size, size_t *used, const char *text)
{
    static const char hex[] = "0123456789abcdef";
    size_t u = *used;
    if (u + 2 > size)
        return false;
    out[u++] = '"';
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if (u + 7 > size)
            return false;
        if (*p == '"' || *p == '\\') {
            out[u++] = '\\';
            out[u++] = (char)*p;
        } else if (*p < 0x20) {
            memcpy(out + u, "\\u00", 4);
            out[u + 4] = hex[*p >> 4];
            out[u + 5] = hex[*p & 15];
            u += 6;
        } else {
            out[u++] = (char)*p;
        }
    }
    out[u++] = '"';
    *used = u;
    return true;
}

/*
 * The body as JSON: the server parsed it when sent as application/json; a
 * scanner that sends another type (a bare HTML form post, curl -d) is read
 * the same way. *owned is a reference to release.
 */
static const json_t *json_body(pd_service_call *call, json_t **owned, pd_diag *diag)
{
    const json_t *body = pd_service_body(call);
    size_t len;
    *owned = NULL;
    if (body)
        return body;
    const char *raw = pd_service_raw_body(call, &len);
    if (!raw || len == 0 || pd_json_parse(raw, len, owned, diag))
        return NULL;
    return *owned;
}

/* POST /api/access/check {"card", "venue", "zone"[, "day"]} */
static void post_check(acr_service *svc, pd_service_call *call)
{
    json_t *owned;
    pd_diag parse = {0};
    const json_t *body = json_body(call, &owned, &parse);
    if (parse.reason[0]) {
        reply_diag(call, 400, &parse);
        return;
    }
    check_body(svc, call, body);
    json_decref(owned);
}

static void check_body(acr_service *svc, pd_service_call *call, const json_t *body)
{
    static const char *const keys[] = {"card", "venue", "zone", "day", NULL};
    const pd_token_info *token = pd_service_token(call);
    const char *card, *venue, *zone, *day_text = NULL;
    pd_jpath jp;
    pd_diag diag = {0};
    int32_t day = 0;
    if (!token) {
        pd_service_error(call, 401, "unauthorized", "a check needs a scanner's token");
        return;
    }
    pd_jpath_init(&jp);
    if (!json_is_object(body)) {
        pd_service_error(call, 400, "invalid", "expected {\"card\", \"venue\", \"zone\"}");
        return;
    }
    if (pd_json_object_keys(body, keys, &jp, &diag) ||
        pd_json_get_string(body, "card", true, 10, &card, &jp, &diag) ||
        pd_json_get_string(body, "venue", true, 8, &venue, &jp, &diag) ||
        pd_json_get_string(body, "zone", true, 1, &zone, &jp, &diag) ||
        pd_json_get_string(body, "day", false, 10, &day_text, &jp, &diag)) {
        reply_diag(call, 400, &diag);
        return;
    }
    if (day_text && pd_acr_parse_day(day_text, &day)) {
        pd_service_error(call, 400, "invalid", "day: expected a date YYYY-MM-DD, got \"%s\"",
                         day_text);
        return;
    }
    if (!pd_token_may_scan(token, venue)) {
        pd_service_error(call, 403, "forbidden", "a %s token%s%s may not check cards at %s",
                         token->role, token->scope[0] ? " for " : "", token->scope, venue);
        return;
    }
    if (!day)
        day = games_today();
    /*
     * The answer is written by hand: this is the hot path (docs/performance.md),
     * and only name and photo need escaping. The gate compares the face with
     * the photo: name and photo come with an allow only.
     */
    pd_acr_decision d;
    char answer[1024];
    size_t used;
    bool fits = true;
    pthread_rwlock_rdlock(&svc->lock);
    pd_acr_access(svc->acr, card, venue, zone, day, &d);
    const pd_acr_card *c = d.allow ? pd_acr_find_card(svc->acr, d.serial) : NULL;
    const pd_acr_person *p = c ? pd_acr_person_at(svc->acr, c->person) : NULL;
    int n =
        snprintf(answer, sizeof answer,
                 "{\"allow\":%s,\"reason\":\"%s\",\"message\":", p ? "true" : "false", d.reason);
    used = (size_t)n;
    fits = put_json_string(answer, sizeof answer, &used, d.message);
    n = snprintf(answer + used, sizeof answer - used, ",\"card\":%u", d.serial);
    used += (size_t)n;
    if (p && fits) {
        n = snprintf(answer + used, sizeof answer - used,
                     ",\"category\":\"%s\",\"name\":", p->category);
        used += (size_t)n;
        fits = put_json_string(answer, sizeof answer, &used, p->name) && used + 10 < sizeof answer;
        if (fits) {
            memcpy(answer + used, ",\"photo\":", 9);
            used += 9;
            fits = put_json_string(answer, sizeof answer, &used, p->photo);
        }
    }
    pthread_rwlock_unlock(&svc->lock);
    fits = fits && used + 2 < sizeof answer;
    if (fits)
        answer[used++] = '}';
    json_t *batch = record_scan(svc, card, venue, zone, d.reason);
    if (fits)
        pd_service_reply_bytes(call, 200, "application/json; charset=utf-8", answer, used);
    else
        pd_service_error(call, 500, "internal", "answer too long");
    if (batch)
        pd_service_submit_background(call, batch);
}

/* --- reads ---------------------------------------------------------------------------- */

static bool contains_folded(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return true;
    return false;
}

static json_t *person_summary(const pd_acr *acr, const pd_acr_person *p)
{
    const pd_acr_card *c = p->card ? pd_acr_find_card(acr, p->card) : NULL;
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:s}", "id", p->id, "name", p->name,
                     "org_type", pd_acr_org_name(p->org_type), "organisation", p->organisation,
                     "category", p->category, "card", (json_int_t)p->card, "state",
                     c ? pd_acr_state_name(c->state) : "none");
}

/* GET /api/access/people?q=TEXT&limit=N: id, name, organisation or card serial */
static void get_people(acr_service *svc, pd_service_call *call)
{
    const char *q = pd_service_query(call, "q");
    const char *limit_text = pd_service_query(call, "limit");
    long limit = limit_text ? strtol(limit_text, NULL, 10) : 50;
    if (limit < 1 || limit > SEARCH_MAX)
        limit = 50;
    json_t *list = json_array();
    size_t total = 0;
    pthread_rwlock_rdlock(&svc->lock);
    size_t count = pd_acr_person_count(svc->acr);
    uint32_t serial = q ? (uint32_t)strtoul(q, NULL, 10) : 0;
    for (size_t i = 0; list && i < count; i++) {
        const pd_acr_person *p = pd_acr_person_at(svc->acr, i);
        bool match = !q || !q[0] || contains_folded(p->id, q) || contains_folded(p->name, q) ||
                     contains_folded(p->organisation, q) || strcmp(p->category, q) == 0;
        if (!match && serial) {
            const pd_acr_card *c = pd_acr_find_card(svc->acr, serial);
            match = c && c->person == i;
        }
        if (!match)
            continue;
        if (total++ < (size_t)limit)
            json_array_append_new(list, person_summary(svc->acr, p));
    }
    pthread_rwlock_unlock(&svc->lock);
    pd_service_reply(call, 200,
                     json_pack("{s:I, s:I, s:o}", "total", (json_int_t)total, "people_count",
                               (json_int_t)count, "people", list ? list : json_array()));
}

static void get_person(acr_service *svc, pd_service_call *call, const char *id)
{
    pthread_rwlock_rdlock(&svc->lock);
    const pd_acr_person *p = pd_acr_find_person(svc->acr, id);
    json_t *doc = p ? pd_acr_person_json(svc->acr, p) : NULL;
    pthread_rwlock_unlock(&svc->lock);
    if (!doc)
        pd_service_error(call, 404, "not-found", "no person %.40s", id);
    else
        pd_service_reply(call, 200, doc);
}

static void get_token(acr_service *svc, pd_service_call *call, uint32_t serial)
{
    char token[PD_ACR_TOKEN_MAX];
    pd_diag diag = {0};
    pthread_rwlock_rdlock(&svc->lock);
    const pd_acr_card *c = pd_acr_find_card(svc->acr, serial);
    pd_acr_card_state state = c ? c->state : PD_ACR_REVOKED;
    pd_err err = pd_acr_token(svc->acr, serial, svc->secret_key, token, sizeof token, &diag);
    pthread_rwlock_unlock(&svc->lock);
    if (err)
        reply_diag(call, err == PD_ERR_NOT_FOUND ? 404 : 500, &diag);
    else
        pd_service_reply(call, 200,
                         json_pack("{s:I, s:s, s:s}", "serial", (json_int_t)serial, "state",
                                   pd_acr_state_name(state), "token", token));
}

static void get_revocations(acr_service *svc, pd_service_call *call)
{
    const pd_token_info *t = pd_service_token(call);
    if (!t || !(is_officer(t) || strcmp(t->role, "scanner") == 0)) {
        pd_service_error(call, t ? 403 : 401, t ? "forbidden" : "unauthorized",
                         "the revocation list is for scanners and accreditation officers");
        return;
    }
    pthread_rwlock_rdlock(&svc->lock);
    json_t *doc = pd_acr_revocations(svc->acr, svc->last_seq, svc->secret_key);
    pthread_rwlock_unlock(&svc->lock);
    pd_service_reply(call, doc ? 200 : 503, doc ? doc : json_pack("{s:s}", "error", "memory"));
    flush_scans(svc, call, false);
}

static void get_scans(acr_service *svc, pd_service_call *call)
{
    json_t *recent = json_array();
    pthread_mutex_lock(&svc->scan_lock);
    uint64_t first = svc->recent_next > RECENT_MAX ? svc->recent_next - RECENT_MAX : 0;
    for (uint64_t i = svc->recent_next; recent && i > first; i--) {
        const scan *s = &svc->recent[(i - 1) % RECENT_MAX];
        json_array_append_new(recent, json_pack("{s:s, s:s, s:s, s:s, s:I}", "card", s->card,
                                                "venue", s->venue, "zone", s->zone, "reason",
                                                s->reason, "at_ms", (json_int_t)s->at_ms));
    }
    uint64_t checks = svc->checks;
    size_t pending = svc->pending_count;
    pthread_mutex_unlock(&svc->scan_lock);
    pthread_rwlock_rdlock(&svc->lock);
    json_t *doc = json_pack(
        "{s:I, s:I, s:I, s:I, s:I, s:I, s:o}", "checks", (json_int_t)checks, "pending",
        (json_int_t)pending, "recorded_allow", (json_int_t)svc->recorded_allow, "recorded_deny",
        (json_int_t)svc->recorded_deny, "people", (json_int_t)pd_acr_person_count(svc->acr),
        "cards", (json_int_t)pd_acr_card_count(svc->acr), "recent", recent ? recent : json_array());
    pthread_rwlock_unlock(&svc->lock);
    pd_service_reply(call, 200, doc);
    flush_scans(svc, call, false);
}

static void get_export(acr_service *svc, pd_service_call *call)
{
    char *csv = NULL;
    size_t len = 0;
    pthread_rwlock_rdlock(&svc->lock);
    pd_err err = pd_acr_csv_export(svc->acr, &csv, &len);
    pthread_rwlock_unlock(&svc->lock);
    if (err)
        pd_service_error(call, 503, "unavailable", "out of memory");
    else
        pd_service_reply_bytes(call, 200, "text/csv; charset=utf-8", csv, len);
    free(csv);
}

/* --- writes ----------------------------------------------------------------------------- */

/* POST /api/access/people: one person object or {"people": [...]} */
static void post_people(pd_service_call *call)
{
    json_t *owned, *people;
    pd_diag parse = {0};
    const json_t *body = json_body(call, &owned, &parse);
    if (parse.reason[0]) {
        reply_diag(call, 400, &parse);
        return;
    }
    if (json_is_object(body) && json_object_get(body, "people") && json_object_size(body) == 1)
        people = json_deep_copy(json_object_get(body, "people"));
    else if (json_is_object(body))
        people = json_pack("[O]", body);
    else {
        json_decref(owned);
        pd_service_error(call, 400, "invalid", "expected a person object or {\"people\": [...]}");
        return;
    }
    json_decref(owned);
    size_t n = json_array_size(people);
    submit(call, json_pack("{s:s, s:o}", "type", "people", "people", people),
           json_pack("{s:I}", "people", (json_int_t)n));
}

/* POST /api/access/import, text/csv: all rows or nothing */
static void post_import(acr_service *svc, pd_service_call *call)
{
    size_t len, count = 0;
    const char *text = pd_service_raw_body(call, &len);
    pd_acr_csv_error *errors = calloc(CSV_ERRORS_MAX, sizeof *errors);
    json_t *people = NULL;
    if (!errors) {
        pd_service_error(call, 503, "unavailable", "out of memory");
        return;
    }
    pthread_rwlock_rdlock(&svc->lock);
    pd_err err =
        pd_acr_csv_parse(svc->acr, text ? text : "", len, &people, errors, CSV_ERRORS_MAX, &count);
    pthread_rwlock_unlock(&svc->lock);
    if (err == PD_ERR_INPUT) {
        json_t *list = json_array();
        for (size_t i = 0; list && i < count && i < CSV_ERRORS_MAX; i++)
            json_array_append_new(list,
                                  json_pack("{s:I, s:s, s:s}", "line", (json_int_t)errors[i].line,
                                            "field", errors[i].field, "message", errors[i].reason));
        pd_service_reply(call, 400,
                         json_pack("{s:s, s:s, s:I, s:o}", "error", "invalid", "message",
                                   "bad rows: nothing was imported", "bad_rows", (json_int_t)count,
                                   "errors", list ? list : json_array()));
    } else if (err) {
        pd_service_error(call, 503, "unavailable", "out of memory");
    } else {
        size_t n = json_array_size(people);
        submit(call, json_pack("{s:s, s:o}", "type", "people", "people", people),
               json_pack("{s:I}", "people", (json_int_t)n));
    }
    free(errors);
}

/* --- dispatch ------------------------------------------------------------------------------ */

static void handle(void *state, pd_service_call *call)
{
    acr_service *svc = state;
    const char *method = pd_service_method(call);
    const char *path = pd_service_path(call) + strlen("/api/access");
    bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    bool post = strcmp(method, "POST") == 0;

    if (strcmp(path, "/check") == 0 && post) {
        post_check(svc, call);
        return;
    }
    if (strcmp(path, "/key") == 0 && get) {
        char hex[2 * crypto_sign_PUBLICKEYBYTES + 1];
        sodium_bin2hex(hex, sizeof hex, svc->public_key, sizeof svc->public_key);
        pd_service_reply(call, 200,
                         json_pack("{s:s, s:s, s:b}", "algorithm", "Ed25519", "public_key", hex,
                                   "ephemeral", svc->ephemeral_key));
        return;
    }
    if (strcmp(path, "/revocations") == 0 && get) {
        get_revocations(svc, call);
        return;
    }
    if (!need_officer(call))
        return;
    if (strcmp(path, "/people") == 0 && get) {
        get_people(svc, call);
    } else if (strcmp(path, "/people") == 0 && post) {
        post_people(call);
    } else if (strncmp(path, "/people/", 8) == 0) {
        char id[PD_ACR_ID_MAX + 1];
        const char *rest = strchr(path + 8, '/');
        size_t len = rest ? (size_t)(rest - (path + 8)) : strlen(path + 8);
        if (len == 0 || len > PD_ACR_ID_MAX) {
            pd_service_error(call, 404, "not-found", "no person %.40s", path + 8);
            return;
        }
        memcpy(id, path + 8, len);
        id[len] = '\0';
        if (!rest && get)
            get_person(svc, call, id);
        else if (rest && strcmp(rest, "/issue") == 0 && post)
            submit(call, json_pack("{s:s, s:s}", "type", "issue", "person", id), NULL);
        else
            pd_service_error(call, 404, "not-found", "no route %s %s", method,
                             pd_service_path(call));
    } else if (strncmp(path, "/cards/", 7) == 0) {
        uint32_t serial;
        const char *rest = strchr(path + 7, '/');
        size_t len = rest ? (size_t)(rest - (path + 7)) : strlen(path + 7);
        if (!rest || !pd_acr_parse_serial(path + 7, len, &serial)) {
            pd_service_error(call, 404, "not-found", "no route %s %s", method,
                             pd_service_path(call));
        } else if (strcmp(rest, "/token") == 0 && get) {
            get_token(svc, call, serial);
        } else if (post && (strcmp(rest, "/suspend") == 0 || strcmp(rest, "/reinstate") == 0 ||
                            strcmp(rest, "/revoke") == 0 || strcmp(rest, "/lost") == 0)) {
            submit(call,
                   json_pack("{s:s, s:I, s:s}", "type", "card", "serial", (json_int_t)serial,
                             "action", rest + 1),
                   NULL);
        } else {
            pd_service_error(call, 404, "not-found", "no route %s %s", method,
                             pd_service_path(call));
        }
    } else if (strcmp(path, "/import") == 0 && post) {
        post_import(svc, call);
    } else if (strcmp(path, "/export") == 0 && get) {
        get_export(svc, call);
    } else if (strcmp(path, "/scans") == 0 && get) {
        get_scans(svc, call);
    } else if (strcmp(path, "/scans/flush") == 0 && post) {
        flush_scans(svc, call, true);
        pd_service_reply(call, 202, json_pack("{s:b}", "flushing", 1));
    } else {
        pd_service_error(call, 404, "not-found", "no route %s %s", method, pd_service_path(call));
    }
}

const pd_service pd_accreditation_service = {
    .name = "accreditation",
    .code = PD_ACR_CODE,
    .prefix = "/api/access",
    .create = create,
    .destroy = destroy,
    .check = check,
    .apply = apply,
    .handle = handle,
};
