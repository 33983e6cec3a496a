/*
 * health.c: closed-loop health management, the pure engine.
 *
 * Why: Beijing 2022 ran its Games inside a closed loop where every
 * participant was tested daily by PCR, reported their health daily, and was
 * isolated, watched as a close contact or released by rules that changed
 * during the Games (the adjustment effective 23 January 2022). The rules are
 * data (pd_health_rules, one set per effective date); this file applies them.
 *
 * How: each participant keeps a short list of events sorted by day (samples
 * with their Ct, health reports, contact links, departure). A standing is
 * never stored: `fold` walks a participant's days from arrival to the day
 * asked, processing that day's events and then judging the day by the rule
 * set in force on it. So a status always follows from the observations and
 * the rules of each day, a late result re-judges the days after it, and a
 * query is a pure read. Walking every participant once gives the official
 * daily figures (pd_health_figures), which is the "every status updated"
 * pass the load benchmark times (bench/bench_health.c).
 *
 * Lookup by id is an open-addressing hash (FNV-1a) for participants and for
 * samples awaiting their lab result.
 */
#include "podium/health.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/buf.h"

enum { EV_SAMPLE, EV_REPORT, EV_CONTACT, EV_DEPART };

typedef struct {
    int32_t day;
    uint8_t kind;
    uint8_t site; /* EV_SAMPLE: pd_health_site */
    uint8_t has_result;
    uint8_t symptoms; /* EV_REPORT */
    uint16_t serial;  /* EV_SAMPLE: matches the sample table */
    int16_t value;    /* EV_SAMPLE: Ct hundredths or PD_HEALTH_CT_NONE; EV_REPORT: tenths */
} event;

typedef struct {
    char id[PD_HEALTH_ID_MAX + 1];
    char venue[PD_HEALTH_ID_MAX + 1];
    uint8_t group;
    bool vaccinated;
    int32_t arrival_day;
    uint16_t next_serial;
    uint16_t count, cap;
    event *events;
} person;

typedef struct {
    char id[PD_HEALTH_ID_MAX + 1];
    uint32_t person;
    uint16_t serial;
    bool resulted;
} sample;

typedef struct {
    uint32_t *slots; /* index + 1, 0 when empty */
    size_t cap;      /* power of two */
} table;

struct pd_health {
    pd_health_rules rules[PD_HEALTH_RULESETS_MAX];
    size_t rule_count;
    person *persons;
    size_t person_count, person_cap;
    table person_index;
    sample *samples;
    size_t sample_count, sample_cap;
    table sample_index;
    int32_t first_day, last_day;
};

/* --- days ------------------------------------------------------------------------------ */

/* Days from 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
static int32_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool pd_health_day_parse(const char *text, int32_t *day)
{
    static const int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!text || strlen(text) != 10 || text[4] != '-' || text[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9'))
            return false;
    int y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + text[3] - '0';
    int m = (text[5] - '0') * 10 + text[6] - '0';
    int d = (text[8] - '0') * 10 + text[9] - '0';
    if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > month_days[m - 1])
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap)
        return false;
    *day = days_from_civil(y, m, d);
    return true;
}

void pd_health_day_format(int32_t day, char *out, size_t size)
{
    int z = day + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    snprintf(out, size, "%04d-%02d-%02d", y + (m <= 2), m, d);
}

/* --- tables ----------------------------------------------------------------------------- */

static uint64_t hash_id(const char *id)
{
    uint64_t h = 14695981039346656037u;
    for (; *id; id++)
        h = (h ^ (unsigned char)*id) * 1099511628211u;
    return h;
}

/* The slot holding id or the empty slot where it would go. */
static uint32_t *table_find(const table *t, const char *id,
                            const char *(*key)(const void *, uint32_t), const void *owner)
{
    size_t mask = t->cap - 1;
    for (size_t i = hash_id(id) & mask;; i = (i + 1) & mask)
        if (!t->slots[i] || strcmp(key(owner, t->slots[i] - 1), id) == 0)
            return &t->slots[i];
}

static const char *person_key(const void *owner, uint32_t index)
{
    return ((const pd_health *)owner)->persons[index].id;
}

static const char *sample_key(const void *owner, uint32_t index)
{
    return ((const pd_health *)owner)->samples[index].id;
}

/* Make room for one more entry (load at most one half). */
static pd_err table_reserve(table *t, size_t count, const char *(*key)(const void *, uint32_t),
                            const void *owner)
{
    if ((count + 1) * 2 <= t->cap)
        return PD_OK;
    size_t cap = t->cap ? t->cap * 2 : 1024;
    table bigger = {calloc(cap, sizeof(uint32_t)), cap};
    if (!bigger.slots)
        return PD_ERR_NOMEM;
    for (size_t i = 0; i < t->cap; i++)
        if (t->slots[i])
            *table_find(&bigger, key(owner, t->slots[i] - 1), key, owner) = t->slots[i];
    free(t->slots);
    *t = bigger;
    return PD_OK;
}

static person *find_person(const pd_health *h, const char *id)
{
    if (!h->person_index.cap || !id)
        return NULL;
    uint32_t slot = *table_find(&h->person_index, id, person_key, h);
    return slot ? &h->persons[slot - 1] : NULL;
}

static sample *find_sample(const pd_health *h, const char *id)
{
    if (!h->sample_index.cap || !id)
        return NULL;
    uint32_t slot = *table_find(&h->sample_index, id, sample_key, h);
    return slot ? &h->samples[slot - 1] : NULL;
}

static bool valid_id(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    if (n < 1 || n > PD_HEALTH_ID_MAX)
        return false;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '-' || *p == '.'))
            return false;
    return true;
}

/* --- rules -------------------------------------------------------------------------------- */

const char *pd_health_status_name(pd_health_status status)
{
    static const char *const names[] = {"not_in_loop", "cleared",  "due",       "close_contact",
                                        "isolated",    "released", "quarantine"};
    return (unsigned)status < sizeof names / sizeof names[0] ? names[status] : "unknown";
}

static pd_err check_rules(const pd_health_rules *r, size_t i, pd_diag *diag)
{
    char path[32];
    snprintf(path, sizeof path, "rulesets[%zu]", i);
    if (!r->version[0])
        return pd_diag_set(diag, PD_ERR_INPUT, path, "no version");
    if (r->positive_ct_below <= 0 || r->negative_ct_from < r->positive_ct_below ||
        r->negative_ct_from > 5000)
        return pd_diag_set(diag, PD_ERR_INPUT, path,
                           "Ct thresholds: need 0 < positive_below <= negative_from <= 50");
    if (r->release_negatives < 1 || r->release_negatives > 4 || r->release_alt_days < 0 ||
        r->release_alt_days > 4 || (r->release_alt_min_days > 0 && r->release_alt_days < 1))
        return pd_diag_set(diag, PD_ERR_INPUT, path, "release: 1..4 results");
    if (r->screening_tests_per_day < 1 || r->screening_tests_per_day > 4 ||
        r->close_contact_tests_per_day < 1 || r->close_contact_tests_per_day > 4)
        return pd_diag_set(diag, PD_ERR_INPUT, path, "tests a day: 1..4");
    if (r->close_contact_days < 1 || r->close_contact_days > 60 ||
        r->unvaccinated_quarantine_days < 0 || r->unvaccinated_quarantine_days > 60 ||
        (r->grey_action == PD_HEALTH_GREY_CLOSE_CONTACT &&
         (r->grey_close_contact_days < 1 || r->grey_close_contact_days > 60)))
        return pd_diag_set(diag, PD_ERR_INPUT, path, "periods: 1..60 days");
    if (r->predeparture_tests < 0 || r->predeparture_tests > 4)
        return pd_diag_set(diag, PD_ERR_INPUT, path, "pre-departure tests: 0..4");
    return PD_OK;
}

pd_health *pd_health_new(const pd_health_rules *rules, size_t count, pd_diag *diag)
{
    if (count < 1 || count > PD_HEALTH_RULESETS_MAX) {
        pd_diag_set(diag, PD_ERR_INPUT, "rulesets", "expected 1..%d rule sets",
                    PD_HEALTH_RULESETS_MAX);
        return NULL;
    }
    for (size_t i = 0; i < count; i++) {
        if (check_rules(&rules[i], i, diag))
            return NULL;
        if (i > 0 && rules[i].effective_day <= rules[i - 1].effective_day) {
            pd_diag_set(diag, PD_ERR_INPUT, "rulesets", "effective dates must increase");
            return NULL;
        }
    }
    pd_health *h = calloc(1, sizeof *h);
    if (!h) {
        pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        return NULL;
    }
    memcpy(h->rules, rules, count * sizeof *rules);
    h->rule_count = count;
    return h;
}

void pd_health_free(pd_health *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->person_count; i++)
        free(h->persons[i].events);
    free(h->persons);
    free(h->samples);
    free(h->person_index.slots);
    free(h->sample_index.slots);
    free(h);
}

const pd_health_rules *pd_health_rules_on(const pd_health *h, int32_t day)
{
    const pd_health_rules *in_force = NULL;
    for (size_t i = 0; i < h->rule_count && h->rules[i].effective_day <= day; i++)
        in_force = &h->rules[i];
    return in_force;
}

size_t pd_health_rules_count(const pd_health *h)
{
    return h->rule_count;
}

const pd_health_rules *pd_health_rules_at(const pd_health *h, size_t index)
{
    return index < h->rule_count ? &h->rules[index] : NULL;
}

/* Rules on day, or the first set for days before it (a participant arriving early). */
static const pd_health_rules *rules_for(const pd_health *h, int32_t day)
{
    const pd_health_rules *r = pd_health_rules_on(h, day);
    return r ? r : &h->rules[0];
}

bool pd_health_predeparture_ok(const pd_health_rules *r, const int *hours, int count, char *reason,
                               size_t size)
{
    /* Playbook (athletes and team officials, v2, Dec 2021): two PCR tests on two separate
     * days, at least 24 hours apart, within 96 hours of departure, one within 72 hours. */
    if (count < r->predeparture_tests) {
        snprintf(reason, size, "%d pre-departure tests, %d required", count, r->predeparture_tests);
        return false;
    }
    bool one_within = r->predeparture_tests == 0;
    for (int i = 0; i < count; i++) {
        if (hours[i] < 0 || hours[i] > r->predeparture_window_h) {
            snprintf(reason, size, "a pre-departure test outside %d hours",
                     r->predeparture_window_h);
            return false;
        }
        one_within |= hours[i] <= r->predeparture_one_within_h;
        for (int j = 0; j < i; j++)
            if (abs(hours[i] - hours[j]) < r->predeparture_min_interval_h) {
                snprintf(reason, size, "pre-departure tests less than %d hours apart",
                         r->predeparture_min_interval_h);
                return false;
            }
    }
    if (!one_within) {
        snprintf(reason, size, "no pre-departure test within %d hours",
                 r->predeparture_one_within_h);
        return false;
    }
    return true;
}

pd_health_result_class pd_health_classify(const pd_health_rules *r, int ct)
{
    /* Beijing 2022 countermeasures: Ct < 40 positive until 22 January 2022, Ct < 35 from
     * 23 January; 35 <= Ct < 40 is the grey zone (rule set fields in beijing2022.json). */
    if (ct == PD_HEALTH_CT_NONE || ct >= r->negative_ct_from)
        return PD_HEALTH_NEGATIVE;
    if (ct < r->positive_ct_below)
        return PD_HEALTH_POSITIVE;
    return PD_HEALTH_GREY;
}

/* --- events ------------------------------------------------------------------------------- */

static void note_day(pd_health *h, int32_t day)
{
    if (!h->first_day || day < h->first_day)
        h->first_day = day;
    if (day > h->last_day)
        h->last_day = day;
}

pd_err pd_health_check_arrive(const pd_health *h, const pd_health_arrival *a, pd_diag *diag)
{
    if (!valid_id(a->person))
        return pd_diag_set(diag, PD_ERR_INPUT, "person", "expected 1..32 of [A-Za-z0-9_.-]");
    if (!valid_id(a->venue))
        return pd_diag_set(diag, PD_ERR_INPUT, "venue", "expected 1..32 of [A-Za-z0-9_.-]");
    if (a->predeparture_count < 0 || a->predeparture_count > 4)
        return pd_diag_set(diag, PD_ERR_INPUT, "predeparture_hours", "0..4 tests");
    if (find_person(h, a->person))
        return pd_diag_set(diag, PD_ERR_CONFLICT, "person", "this participant already arrived");
    if (h->person_count >= PD_HEALTH_PERSONS_MAX)
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "participant limit reached");
    char reason[96];
    if (!pd_health_predeparture_ok(rules_for(h, a->day), a->predeparture_hours,
                                   a->predeparture_count, reason, sizeof reason))
        return pd_diag_set(diag, PD_ERR_INPUT, "predeparture_hours", "%s (rule set %s)", reason,
                           rules_for(h, a->day)->version);
    return PD_OK;
}

pd_err pd_health_arrive(pd_health *h, const pd_health_arrival *a, pd_diag *diag)
{
    pd_err err = pd_health_check_arrive(h, a, diag);
    if (err)
        return err;
    if (pd_grow(&h->persons, &h->person_cap, h->person_count, sizeof *h->persons, 1024) != PD_OK)
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
    person *p = &h->persons[h->person_count];
    memset(p, 0, sizeof *p);
    snprintf(p->id, sizeof p->id, "%s", a->person);
    snprintf(p->venue, sizeof p->venue, "%s", a->venue);
    p->group = (uint8_t)a->group;
    p->vaccinated = a->vaccinated;
    p->arrival_day = a->day;
    if (table_reserve(&h->person_index, h->person_count, person_key, h))
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
    *table_find(&h->person_index, p->id, person_key, h) = (uint32_t)(h->person_count + 1);
    h->person_count++;
    note_day(h, a->day);
    return PD_OK;
}

pd_err pd_health_check_person(const pd_health *h, const char *id, pd_diag *diag)
{
    if (!valid_id(id))
        return pd_diag_set(diag, PD_ERR_INPUT, "person", "expected 1..32 of [A-Za-z0-9_.-]");
    const person *p = find_person(h, id);
    if (!p)
        return pd_diag_set(diag, PD_ERR_CONFLICT, "person", "no arrival for this participant");
    if (p->count >= PD_HEALTH_EVENTS_MAX)
        return pd_diag_set(diag, PD_ERR_NOMEM, "person", "event limit reached");
    return PD_OK;
}

/* Insert ev keeping the events sorted by day (stable: same-day events stay in order). */
static pd_err add_event(pd_health *h, person *p, event ev, pd_diag *diag)
{
    if (p->count == p->cap) {
        uint16_t cap = p->cap ? (uint16_t)(p->cap * 2) : 8;
        if (cap > PD_HEALTH_EVENTS_MAX)
            cap = PD_HEALTH_EVENTS_MAX;
        event *bigger = realloc(p->events, cap * sizeof *bigger);
        if (!bigger)
            return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        p->events = bigger;
        p->cap = cap;
    }
    size_t at = p->count;
    while (at > 0 && p->events[at - 1].day > ev.day)
        at--;
    memmove(&p->events[at + 1], &p->events[at], (p->count - at) * sizeof *p->events);
    p->events[at] = ev;
    p->count++;
    note_day(h, ev.day);
    return PD_OK;
}

static pd_err check_day(const person *p, int32_t day, pd_diag *diag)
{
    if (day < p->arrival_day)
        return pd_diag_set(diag, PD_ERR_INPUT, "day", "before the participant's arrival");
    if (day > p->arrival_day + 366)
        return pd_diag_set(diag, PD_ERR_INPUT, "day", "more than a year after arrival");
    return PD_OK;
}

pd_err pd_health_depart(pd_health *h, const char *id, int32_t day, pd_diag *diag)
{
    pd_err err = pd_health_check_person(h, id, diag);
    person *p = err ? NULL : find_person(h, id);
    if (!err)
        err = check_day(p, day, diag);
    if (err)
        return err;
    return add_event(h, p, (event){.day = day, .kind = EV_DEPART}, diag);
}

pd_err pd_health_check_sample(const pd_health *h, const char *id, const char *person_id,
                              pd_diag *diag)
{
    if (id && !valid_id(id))
        return pd_diag_set(diag, PD_ERR_INPUT, "sample", "expected 1..32 of [A-Za-z0-9_.-]");
    if (id && find_sample(h, id))
        return pd_diag_set(diag, PD_ERR_CONFLICT, "sample", "this sample is already recorded");
    return pd_health_check_person(h, person_id, diag);
}

/* A sample with its result at once (id NULL) or awaiting it. */
static pd_err add_sample(pd_health *h, const char *id, const char *person_id, int32_t day,
                         pd_health_site site, bool has_result, int ct, pd_diag *diag)
{
    pd_err err = pd_health_check_sample(h, id, person_id, diag);
    person *p = err ? NULL : find_person(h, person_id);
    if (!err)
        err = check_day(p, day, diag);
    if (err)
        return err;
    if ((unsigned)site > PD_HEALTH_SITE_ISOLATION)
        return pd_diag_set(diag, PD_ERR_INPUT, "site", "unknown site");
    if (has_result && ct != PD_HEALTH_CT_NONE && (ct < 0 || ct > 5000))
        return pd_diag_set(diag, PD_ERR_INPUT, "ct", "expected 0..50");
    if (id) {
        if (pd_grow(&h->samples, &h->sample_cap, h->sample_count, sizeof *h->samples, 4096))
            return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        if (table_reserve(&h->sample_index, h->sample_count, sample_key, h))
            return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
    }
    event ev = {.day = day,
                .kind = EV_SAMPLE,
                .site = (uint8_t)site,
                .has_result = has_result,
                .serial = p->next_serial,
                .value = (int16_t)(has_result ? ct : 0)};
    err = add_event(h, p, ev, diag);
    if (err)
        return err;
    p->next_serial++;
    if (id) {
        sample *s = &h->samples[h->sample_count];
        snprintf(s->id, sizeof s->id, "%s", id);
        s->person = (uint32_t)(p - h->persons);
        s->serial = ev.serial;
        s->resulted = false;
        *table_find(&h->sample_index, s->id, sample_key, h) = (uint32_t)(h->sample_count + 1);
        h->sample_count++;
    }
    return PD_OK;
}

pd_err pd_health_sample(pd_health *h, const char *id, const char *person_id, int32_t day,
                        pd_health_site site, pd_diag *diag)
{
    if (!id)
        return pd_diag_set(diag, PD_ERR_INPUT, "sample", "missing");
    return add_sample(h, id, person_id, day, site, false, 0, diag);
}

pd_err pd_health_test(pd_health *h, const char *person_id, int32_t day, pd_health_site site, int ct,
                      pd_diag *diag)
{
    return add_sample(h, NULL, person_id, day, site, true, ct, diag);
}

pd_err pd_health_check_result(const pd_health *h, const char *id, pd_diag *diag)
{
    if (!valid_id(id))
        return pd_diag_set(diag, PD_ERR_INPUT, "sample", "expected 1..32 of [A-Za-z0-9_.-]");
    const sample *s = find_sample(h, id);
    if (!s)
        return pd_diag_set(diag, PD_ERR_CONFLICT, "sample", "no such sample");
    if (s->resulted)
        return pd_diag_set(diag, PD_ERR_CONFLICT, "sample", "this sample already has a result");
    return PD_OK;
}

pd_err pd_health_result(pd_health *h, const char *id, int ct, pd_diag *diag)
{
    pd_err err = pd_health_check_result(h, id, diag);
    if (err)
        return err;
    if (ct != PD_HEALTH_CT_NONE && (ct < 0 || ct > 5000))
        return pd_diag_set(diag, PD_ERR_INPUT, "ct", "expected 0..50");
    sample *s = find_sample(h, id);
    person *p = &h->persons[s->person];
    for (size_t i = 0; i < p->count; i++)
        if (p->events[i].kind == EV_SAMPLE && p->events[i].serial == s->serial) {
            p->events[i].has_result = 1;
            p->events[i].value = (int16_t)ct;
            s->resulted = true;
            return PD_OK;
        }
    return pd_diag_set(diag, PD_ERR_INTERNAL, "sample", "sample without its event");
}

pd_err pd_health_report(pd_health *h, const char *id, int32_t day, int temperature_tenths,
                        bool symptoms, pd_diag *diag)
{
    pd_err err = pd_health_check_person(h, id, diag);
    person *p = err ? NULL : find_person(h, id);
    if (!err)
        err = check_day(p, day, diag);
    if (err)
        return err;
    if (temperature_tenths < 300 || temperature_tenths > 450)
        return pd_diag_set(diag, PD_ERR_INPUT, "temperature", "expected 30.0..45.0");
    return add_event(h, p,
                     (event){.day = day,
                             .kind = EV_REPORT,
                             .symptoms = symptoms,
                             .value = (int16_t)temperature_tenths},
                     diag);
}

pd_err pd_health_contact(pd_health *h, const char *id, const char *case_id, int32_t day,
                         pd_diag *diag)
{
    pd_err err = pd_health_check_person(h, id, diag);
    person *p = err ? NULL : find_person(h, id);
    if (!err)
        err = check_day(p, day, diag);
    if (err)
        return err;
    if (!valid_id(case_id))
        return pd_diag_set(diag, PD_ERR_INPUT, "case", "expected 1..32 of [A-Za-z0-9_.-]");
    if (strcmp(case_id, id) == 0)
        return pd_diag_set(diag, PD_ERR_INPUT, "case", "a participant is not their own contact");
    return add_event(h, p, (event){.day = day, .kind = EV_CONTACT}, diag);
}

/* --- the fold ----------------------------------------------------------------------------- */

/* What happened on one day, for the figures. */
typedef struct {
    int tests[3];      /* by site */
    int new_case_site; /* -1, or the site of the sample that isolated the person */
    bool grey;
    bool released;
} day_events;

typedef void (*fold_fn)(int32_t day, const pd_health_standing *st, const day_events *ev, void *ctx);

#define RING 4

typedef struct {
    bool departed, isolated, grey_contact;
    int32_t isolated_day, released_day, last_negative_day, symptom_day, contact_start;
    int32_t ring_day[RING]; /* results since isolation, per day (lowest Ct of the day) */
    int ring_ct[RING];
    int ring_len;
    pd_health_status last_status;
    int32_t since;
} fold_state;

static void ring_push(fold_state *s, int32_t day, int ct)
{
    int value = ct == PD_HEALTH_CT_NONE ? 9999 : ct;
    if (s->ring_len && s->ring_day[s->ring_len - 1] == day) {
        if (value < s->ring_ct[s->ring_len - 1])
            s->ring_ct[s->ring_len - 1] = value;
        return;
    }
    if (s->ring_len == RING) {
        memmove(s->ring_day, s->ring_day + 1, (RING - 1) * sizeof *s->ring_day);
        memmove(s->ring_ct, s->ring_ct + 1, (RING - 1) * sizeof *s->ring_ct);
        s->ring_len--;
    }
    s->ring_day[s->ring_len] = day;
    s->ring_ct[s->ring_len++] = value;
}

static void isolate(fold_state *s, int32_t day)
{
    s->isolated = true;
    s->isolated_day = day;
    s->ring_len = 0;
    s->contact_start = 0;
}

/* Release condition A: the last n results (distinct days) all count negative. */
static bool release_by_negatives(const fold_state *s, const pd_health_rules *r)
{
    int n = r->release_negatives;
    if (s->ring_len < n)
        return false;
    for (int i = s->ring_len - n; i < s->ring_len; i++)
        if (s->ring_ct[i] < r->release_negative_ct_from)
            return false;
    return s->symptom_day < s->ring_day[s->ring_len - n];
}

/* Release condition B (from 23 January 2022): isolated at least min_days and a result with
 * Ct >= the threshold on each of the last days, without symptoms. */
static bool release_by_days(const fold_state *s, const pd_health_rules *r, int32_t day)
{
    int n = r->release_alt_days;
    if (r->release_alt_min_days <= 0 || day - s->isolated_day < r->release_alt_min_days ||
        s->ring_len < n)
        return false;
    for (int i = 0; i < n; i++) {
        int k = s->ring_len - 1 - i;
        if (s->ring_day[k] != day - i || s->ring_ct[k] < r->release_alt_ct_from)
            return false;
    }
    return s->symptom_day < day - n + 1;
}

static void set(pd_health_standing *st, pd_health_status status, bool may_enter, const char *rule)
{
    st->status = status;
    st->may_enter = may_enter;
    st->rule = rule;
}

/*
 * Walk person's days from arrival through last_day, calling visit for each.
 * The heart of the engine: every rule is applied here, each day by the rule
 * set in force on that day.
 */
static void fold(const pd_health *h, const person *p, int32_t last_day, fold_fn visit, void *ctx)
{
    fold_state s = {.last_negative_day = INT32_MIN / 2, .symptom_day = INT32_MIN / 2};
    const pd_health_rules *arrival_rules = rules_for(h, p->arrival_day);
    size_t next = 0;
    char day_text[16];
    s.last_status = PD_HEALTH_NOT_IN_LOOP;
    for (int32_t day = p->arrival_day; day <= last_day; day++) {
        const pd_health_rules *r = rules_for(h, day);
        day_events ev = {.new_case_site = -1};
        pd_health_standing st = {.rule_version = r->version};
        for (; next < p->count && p->events[next].day == day; next++) {
            const event *e = &p->events[next];
            switch (e->kind) {
            case EV_SAMPLE:
                st.tests_taken++;
                if (!e->has_result)
                    break;
                ev.tests[e->site]++;
                pd_health_result_class cls = pd_health_classify(r, e->value);
                if (s.isolated) {
                    ring_push(&s, day, e->value);
                } else if (cls == PD_HEALTH_POSITIVE ||
                           (cls == PD_HEALTH_GREY && r->grey_action == PD_HEALTH_GREY_ISOLATE)) {
                    isolate(&s, day);
                    ev.new_case_site = e->site;
                    ev.grey = cls == PD_HEALTH_GREY;
                } else if (cls == PD_HEALTH_GREY) {
                    /* 23 January 2022: Ct >= 35 managed as a close contact for 7 days */
                    ev.grey = true;
                    s.contact_start = day;
                    s.grey_contact = true;
                    s.last_negative_day = day;
                } else {
                    s.last_negative_day = day;
                }
                break;
            case EV_REPORT:
                if (e->symptoms || e->value >= r->fever_tenths)
                    s.symptom_day = day;
                break;
            case EV_CONTACT:
                if (!s.isolated && (!s.contact_start || s.grey_contact || day > s.contact_start)) {
                    s.contact_start = day;
                    s.grey_contact = false;
                }
                break;
            case EV_DEPART:
                s.departed = true;
                break;
            }
        }
        /* judge the day */
        int32_t quarantine_end = p->arrival_day + arrival_rules->unvaccinated_quarantine_days - 1;
        bool tested_recently = s.last_negative_day >= day - 1;
        st.tests_required = r->screening_tests_per_day;
        if (s.departed) {
            set(&st, PD_HEALTH_NOT_IN_LOOP, false, "departure");
            snprintf(st.reason, sizeof st.reason, "departed");
            st.tests_required = 0;
        } else if (s.isolated) {
            bool by_negatives = release_by_negatives(&s, r);
            if (by_negatives || release_by_days(&s, r, day)) {
                s.isolated = false;
                s.released_day = day;
                ev.released = true;
                s.last_negative_day = day;
                set(&st, PD_HEALTH_RELEASED, true,
                    by_negatives ? "isolation.release_negatives" : "isolation.release_after_days");
                if (by_negatives)
                    snprintf(st.reason, sizeof st.reason,
                             "released: %d consecutive results with Ct >= %d.%02d, no symptoms",
                             r->release_negatives, r->release_negative_ct_from / 100,
                             r->release_negative_ct_from % 100);
                else
                    snprintf(st.reason, sizeof st.reason,
                             "released: %d days isolated, Ct >= %d.%02d on each of the last %d "
                             "days, no symptoms",
                             r->release_alt_min_days, r->release_alt_ct_from / 100,
                             r->release_alt_ct_from % 100, r->release_alt_days);
            } else {
                pd_health_day_format(s.isolated_day, day_text, sizeof day_text);
                set(&st, PD_HEALTH_ISOLATED, false, "isolation.release_negatives");
                snprintf(st.reason, sizeof st.reason,
                         "isolated since %s: positive PCR; release needs %d consecutive results "
                         "with Ct >= %d.%02d",
                         day_text, r->release_negatives, r->release_negative_ct_from / 100,
                         r->release_negative_ct_from % 100);
                st.tests_required = 1;
            }
        } else if (!p->vaccinated && day <= quarantine_end) {
            pd_health_day_format(quarantine_end, day_text, sizeof day_text);
            set(&st, PD_HEALTH_QUARANTINE, false, "vaccination.unvaccinated_quarantine_days");
            snprintf(st.reason, sizeof st.reason,
                     "arrival quarantine of %d days (not fully vaccinated) through %s",
                     arrival_rules->unvaccinated_quarantine_days, day_text);
            st.until_day = quarantine_end;
            st.tests_required = 1;
        }
        if (st.reason[0]) {
            /* judged above */
        } else if (s.contact_start &&
                   day < s.contact_start + (s.grey_contact ? r->grey_close_contact_days
                                                           : r->close_contact_days)) {
            int days = s.grey_contact ? r->grey_close_contact_days : r->close_contact_days;
            st.until_day = s.contact_start + days - 1;
            pd_health_day_format(st.until_day, day_text, sizeof day_text);
            set(&st, PD_HEALTH_CLOSE_CONTACT, r->close_contact_may_enter && tested_recently,
                s.grey_contact ? "ct.grey_zone" : "close_contact.days");
            snprintf(st.reason, sizeof st.reason, "%s: %d days through %s, PCR %d times a day",
                     s.grey_contact ? "grey-zone result managed as a close contact"
                                    : "close contact",
                     days, day_text, r->close_contact_tests_per_day);
            st.tests_required = r->close_contact_tests_per_day;
        } else if (s.symptom_day > s.last_negative_day) {
            set(&st, PD_HEALTH_DUE, false, "health_report.fever_tenths");
            snprintf(st.reason, sizeof st.reason,
                     "fever or symptoms reported: a negative PCR test is needed");
        } else if (s.last_negative_day < p->arrival_day) {
            set(&st, PD_HEALTH_DUE, false, "screening.arrival_test");
            snprintf(st.reason, sizeof st.reason, "waiting for a negative arrival test");
        } else if (st.tests_taken >= st.tests_required) {
            set(&st, PD_HEALTH_CLEARED, tested_recently, "screening.tests_per_day");
            snprintf(st.reason, sizeof st.reason, "tested today (%d a day)",
                     r->screening_tests_per_day);
        } else {
            set(&st, PD_HEALTH_DUE, tested_recently, "screening.tests_per_day");
            if (tested_recently)
                snprintf(st.reason, sizeof st.reason, "daily PCR test due (%d of %d taken)",
                         st.tests_taken, st.tests_required);
            else {
                pd_health_day_format(s.last_negative_day, day_text, sizeof day_text);
                snprintf(st.reason, sizeof st.reason, "no negative test since %s", day_text);
            }
        }
        if (st.status != s.last_status)
            s.since = day;
        s.last_status = st.status;
        st.since_day = s.since;
        st.isolated_day = s.isolated_day;
        st.released_day = s.released_day;
        visit(day, &st, &ev, ctx);
        if (s.departed)
            break;
    }
}

/* --- queries ------------------------------------------------------------------------------ */

typedef struct {
    int32_t day;
    pd_health_standing *out;
    bool found;
} standing_ctx;

static void keep_standing(int32_t day, const pd_health_standing *st, const day_events *ev,
                          void *ctx)
{
    (void)ev;
    standing_ctx *c = ctx;
    *c->out = *st; /* the last day visited wins: the day asked, or the departure before it */
    c->found = day <= c->day;
}

static void standing_of(const pd_health *h, const person *p, int32_t day, pd_health_standing *out)
{
    standing_ctx c = {day, out, false};
    memset(out, 0, sizeof *out);
    out->rule_version = "";
    out->rule = "arrival";
    if (day >= p->arrival_day)
        fold(h, p, day, keep_standing, &c);
    if (!c.found || day < p->arrival_day) {
        out->status = PD_HEALTH_NOT_IN_LOOP;
        out->may_enter = false;
        snprintf(out->reason, sizeof out->reason, "not arrived");
    }
}

pd_err pd_health_standing_on(const pd_health *h, const char *id, int32_t day,
                             pd_health_standing *out)
{
    const person *p = find_person(h, id);
    if (!p)
        return PD_ERR_NOT_FOUND;
    standing_of(h, p, day, out);
    return PD_OK;
}

typedef struct {
    pd_health_day_fn visit;
    void *ctx;
} history_ctx;

static void pass_day(int32_t day, const pd_health_standing *st, const day_events *ev, void *ctx)
{
    (void)ev;
    history_ctx *c = ctx;
    c->visit(day, st, c->ctx);
}

pd_err pd_health_history(const pd_health *h, const char *id, int32_t last_day,
                         pd_health_day_fn visit, void *ctx)
{
    const person *p = find_person(h, id);
    if (!p)
        return PD_ERR_NOT_FOUND;
    history_ctx c = {visit, ctx};
    fold(h, p, last_day, pass_day, &c);
    return PD_OK;
}

bool pd_health_may_enter(const pd_health *h, const char *id, const char *day_text, char *reason,
                         size_t size)
{
    int32_t day;
    pd_health_standing st;
    if (!h) {
        snprintf(reason, size, "no health state");
        return false;
    }
    if (!pd_health_day_parse(day_text, &day)) {
        snprintf(reason, size, "bad day");
        return false;
    }
    const person *p = find_person(h, id);
    if (!p) {
        snprintf(reason, size, "not in the closed loop");
        return false;
    }
    standing_of(h, p, day, &st);
    /* a few words for a gate: the status, never Ct values or temperatures */
    const char *why = "health status";
    switch (st.status) {
    case PD_HEALTH_NOT_IN_LOOP:
        why = "not in the closed loop";
        break;
    case PD_HEALTH_CLEARED:
        why = "cleared";
        break;
    case PD_HEALTH_DUE:
        why = st.may_enter ? "cleared, daily test due" : "no valid negative test";
        break;
    case PD_HEALTH_CLOSE_CONTACT:
        why = st.may_enter ? "close contact: dedicated transport, tests twice a day"
                           : "close contact without a valid negative test";
        break;
    case PD_HEALTH_ISOLATED:
        why = "in isolation";
        break;
    case PD_HEALTH_RELEASED:
        why = "released from isolation";
        break;
    case PD_HEALTH_QUARANTINE:
        why = "in arrival quarantine";
        break;
    }
    snprintf(reason, size, "%s", why);
    return st.may_enter;
}

typedef struct {
    int32_t first, last;
    pd_health_day_figures *out;
    uint8_t group;
} figures_ctx;

static void count_day(int32_t day, const pd_health_standing *st, const day_events *ev, void *ctx)
{
    figures_ctx *c = ctx;
    if (day < c->first || day > c->last)
        return;
    pd_health_day_figures *f = &c->out[day - c->first];
    f->tests_airport += ev->tests[PD_HEALTH_SITE_AIRPORT];
    f->tests_loop += ev->tests[PD_HEALTH_SITE_LOOP] + ev->tests[PD_HEALTH_SITE_ISOLATION];
    if (ev->new_case_site == PD_HEALTH_SITE_AIRPORT)
        f->positives_airport[c->group]++;
    else if (ev->new_case_site >= 0)
        f->positives_loop[c->group]++;
    f->grey += ev->grey;
    f->isolations += ev->new_case_site >= 0;
    f->releases += ev->released;
    f->isolated += st->status == PD_HEALTH_ISOLATED;
    f->close_contacts += st->status == PD_HEALTH_CLOSE_CONTACT;
    f->quarantined += st->status == PD_HEALTH_QUARANTINE;
    f->in_loop += st->status != PD_HEALTH_NOT_IN_LOOP;
}

pd_err pd_health_figures(const pd_health *h, int32_t first_day, int32_t last_day,
                         pd_health_day_figures *out, pd_diag *diag)
{
    if (last_day < first_day || last_day - first_day >= 400)
        return pd_diag_set(diag, PD_ERR_INPUT, "day", "expected 1..400 days");
    for (int32_t d = first_day; d <= last_day; d++)
        out[d - first_day] = (pd_health_day_figures){.day = d};
    figures_ctx c = {first_day, last_day, out, 0};
    for (size_t i = 0; i < h->person_count; i++) {
        const person *p = &h->persons[i];
        c.group = p->group ? 1 : 0;
        if (p->arrival_day >= first_day && p->arrival_day <= last_day)
            out[p->arrival_day - first_day].arrivals[c.group]++;
        fold(h, p, last_day, count_day, &c);
    }
    return PD_OK;
}

void pd_health_each(const pd_health *h, int32_t day, pd_health_person_fn visit, void *ctx)
{
    pd_health_standing st;
    for (size_t i = 0; i < h->person_count; i++) {
        const person *p = &h->persons[i];
        if (day < p->arrival_day)
            continue;
        standing_of(h, p, day, &st);
        visit(p->id, p->venue, &st, ctx);
    }
}

size_t pd_health_person_count(const pd_health *h)
{
    return h->person_count;
}

bool pd_health_day_range(const pd_health *h, int32_t *first, int32_t *last)
{
    if (!h->first_day)
        return false;
    *first = h->first_day;
    *last = h->last_day;
    return true;
}
