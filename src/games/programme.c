/*
 * programme.c: loading and validating a podium-programme/1 file.
 *
 * The loader keeps the parsed jansson document alive and points into its
 * strings, so loading copies no text. Collections are arrays sized once from
 * the document; lookups go through arrays of pointers sorted by key and
 * bsearch. Every reference (venue -> zone, discipline -> sport, participant
 * -> NOC, team -> members, start list -> participant, unit -> venue) is
 * resolved here, once; a dangling one is an error that names its path.
 */
#include "podium/programme.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/json.h"

/* Sizes no Games comes near; they bound what a hostile file can make us allocate. */
#define MAX_ITEMS 200000
#define MAX_NAME  200
#define MAX_CODE  16
#define MAX_ID    64

struct pd_programme {
    json_t *root;
    const char *games_name;
    const char *games_code;
    const char *utc_offset;
    pd_zone *zones;
    size_t zone_count;
    pd_venue *venues;
    size_t venue_count;
    pd_sport *sports;
    size_t sport_count;
    pd_discipline *disciplines;
    size_t discipline_count;
    pd_noc *nocs;
    size_t noc_count;
    pd_participant *participants;
    size_t participant_count;
    const pd_participant **sorted_participants;
    const pd_participant **member_links; /* storage for every team's members */
    pd_event *events;
    size_t event_count;
    pd_phase *phases;
    size_t phase_count;
    pd_unit *units;
    size_t unit_count;
    pd_start_entry *entries;
    size_t entry_count;
    const pd_unit **units_by_rsc;
    const pd_unit **units_by_time;
};

/* Loader state: the programme under construction and the JSON path. */
typedef struct {
    pd_programme *prog;
    pd_jpath path;
    pd_diag *diag;
} loader;

static pd_err fail_at(loader *ld, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Report a problem at the current path, plus key when given. */
static pd_err fail_at(loader *ld, const char *key, const char *fmt, ...)
{
    char reason[PD_DIAG_REASON_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    size_t mark = key ? pd_jpath_key(&ld->path, key) : ld->path.len;
    pd_err err = pd_diag_set(ld->diag, PD_ERR_INPUT, ld->path.text, "%s", reason);
    pd_jpath_pop(&ld->path, mark);
    return err;
}

/* Allocate n zeroed items, n may be 0. */
static void *alloc_array(size_t n, size_t size)
{
    return calloc(n ? n : 1, size);
}

/* --- lookups over sorted pointer arrays ---------------------------------- */

static int cmp_participant(const void *a, const void *b)
{
    const pd_participant *const *pa = a;
    const pd_participant *const *pb = b;
    return strcmp((*pa)->id, (*pb)->id);
}

static int cmp_unit_rsc(const void *a, const void *b)
{
    const pd_unit *const *ua = a;
    const pd_unit *const *ub = b;
    return strcmp((*ua)->rsc.code, (*ub)->rsc.code);
}

static int cmp_unit_time(const void *a, const void *b)
{
    const pd_unit *const *ua = a;
    const pd_unit *const *ub = b;
    int c = strcmp((*ua)->start, (*ub)->start);
    return c ? c : strcmp((*ua)->rsc.code, (*ub)->rsc.code);
}

const pd_participant *pd_programme_find_participant(const pd_programme *prog, const char *id)
{
    pd_participant key = {.id = id};
    const pd_participant *keyp = &key;
    const pd_participant *const *found =
        bsearch(&keyp, prog->sorted_participants, prog->participant_count,
                sizeof *prog->sorted_participants, cmp_participant);
    return found ? *found : NULL;
}

const pd_unit *pd_programme_find_unit(const pd_programme *prog, const char *rsc)
{
    pd_unit key;
    memset(&key, 0, sizeof key);
    snprintf(key.rsc.code, sizeof key.rsc.code, "%s", rsc);
    const pd_unit *keyp = &key;
    const pd_unit *const *found = bsearch(&keyp, prog->units_by_rsc, prog->unit_count,
                                          sizeof *prog->units_by_rsc, cmp_unit_rsc);
    return found ? *found : NULL;
}

const pd_event *pd_programme_find_event(const pd_programme *prog, const char *rsc)
{
    for (size_t i = 0; i < prog->event_count; i++)
        if (strcmp(prog->events[i].rsc.code, rsc) == 0)
            return &prog->events[i];
    return NULL;
}

const pd_discipline *pd_programme_find_discipline(const pd_programme *prog, const char *code)
{
    for (size_t i = 0; i < prog->discipline_count; i++)
        if (strcmp(prog->disciplines[i].code, code) == 0)
            return &prog->disciplines[i];
    return NULL;
}

const pd_noc *pd_programme_find_noc(const pd_programme *prog, const char *code)
{
    for (size_t i = 0; i < prog->noc_count; i++)
        if (strcmp(prog->nocs[i].code, code) == 0)
            return &prog->nocs[i];
    return NULL;
}

static const pd_zone *find_zone(const pd_programme *prog, const char *code)
{
    for (size_t i = 0; i < prog->zone_count; i++)
        if (strcmp(prog->zones[i].code, code) == 0)
            return &prog->zones[i];
    return NULL;
}

static const pd_sport *find_sport(const pd_programme *prog, const char *code)
{
    for (size_t i = 0; i < prog->sport_count; i++)
        if (strcmp(prog->sports[i].code, code) == 0)
            return &prog->sports[i];
    return NULL;
}

static const pd_venue *find_venue(const pd_programme *prog, const char *code)
{
    for (size_t i = 0; i < prog->venue_count; i++)
        if (strcmp(prog->venues[i].code, code) == 0)
            return &prog->venues[i];
    return NULL;
}

/* --- field readers -------------------------------------------------------- */

/* A code: 1..MAX_CODE characters of A-Z, 0-9. */
static pd_err get_code(loader *ld, const json_t *obj, const char *key, size_t min_len,
                       size_t max_len, const char **out)
{
    pd_err err = pd_json_get_string(obj, key, true, max_len, out, &ld->path, ld->diag);
    if (err)
        return err;
    size_t n = strlen(*out);
    if (n < min_len)
        return fail_at(ld, key, "\"%s\" is too short", *out);
    for (size_t i = 0; i < n; i++)
        if (!((*out)[i] >= 'A' && (*out)[i] <= 'Z') && !((*out)[i] >= '0' && (*out)[i] <= '9'))
            return fail_at(ld, key, "\"%s\" must be upper-case letters and digits", *out);
    return PD_OK;
}

static pd_err get_name(loader *ld, const json_t *obj, const char *key, const char **out)
{
    pd_err err = pd_json_get_string(obj, key, true, MAX_NAME, out, &ld->path, ld->diag);
    if (!err && (*out)[0] == '\0')
        return fail_at(ld, key, "must not be empty");
    return err;
}

static int two_digits(const char *p, int max)
{
    if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
        return -1;
    int v = (p[0] - '0') * 10 + (p[1] - '0');
    return v <= max ? v : -1;
}

/* "YYYY-MM-DDTHH:MM:SS+HH:MM" exactly. */
static int valid_local_time(const char *t)
{
    if (strlen(t) != 25)
        return 0;
    for (int i = 0; i < 4; i++)
        if (t[i] < '0' || t[i] > '9')
            return 0;
    return t[4] == '-' && two_digits(t + 5, 12) >= 1 && t[7] == '-' && two_digits(t + 8, 31) >= 1 &&
           t[10] == 'T' && two_digits(t + 11, 23) >= 0 && t[13] == ':' &&
           two_digits(t + 14, 59) >= 0 && t[16] == ':' && two_digits(t + 17, 59) >= 0 &&
           (t[19] == '+' || t[19] == '-') && two_digits(t + 20, 14) >= 0 && t[22] == ':' &&
           two_digits(t + 23, 59) >= 0;
}

static pd_err get_time(loader *ld, const json_t *obj, const char *key, const char **out)
{
    pd_err err = pd_json_get_string(obj, key, true, 32, out, &ld->path, ld->diag);
    if (!err && !valid_local_time(*out))
        return fail_at(
            ld, key, "expected a local time like \"2022-02-07T12:00:00+08:00\", got \"%s\"", *out);
    return err;
}

static pd_err get_rsc(loader *ld, const json_t *obj, pd_rsc_level level, pd_rsc *out)
{
    static const char *const level_names[] = {"a discipline", "an event", "a phase", "a unit"};
    const char *text;
    pd_err err = pd_json_get_string(obj, "rsc", true, 64, &text, &ld->path, ld->diag);
    if (err)
        return err;
    size_t mark = pd_jpath_key(&ld->path, "rsc");
    err = pd_rsc_parse_str(text, out, ld->diag);
    if (err) {
        if (ld->diag)
            snprintf(ld->diag->path, sizeof ld->diag->path, "%s", ld->path.text);
    } else if (pd_rsc_level_of(out) != level) {
        err = pd_diag_set(ld->diag, PD_ERR_INPUT, ld->path.text, "\"%s\" is not %s code", text,
                          level_names[level]);
    }
    pd_jpath_pop(&ld->path, mark);
    return err;
}

/* Iterate the array at key, calling fn for each object element with the path set. */
typedef pd_err (*item_fn)(loader *ld, const json_t *item, size_t index, void *ctx);

static pd_err each_item(loader *ld, const json_t *array, const char *key, item_fn fn, void *ctx)
{
    size_t mark = pd_jpath_key(&ld->path, key);
    pd_err err = PD_OK;
    for (size_t i = 0; i < json_array_size(array) && !err; i++) {
        size_t at = pd_jpath_index(&ld->path, i);
        err = fn(ld, json_array_get(array, i), i, ctx);
        if (!err)
            pd_jpath_pop(&ld->path, at);
    }
    if (!err)
        pd_jpath_pop(&ld->path, mark);
    return err;
}

static pd_err get_list(loader *ld, const json_t *obj, const char *key, size_t min_len, json_t **out)
{
    return pd_json_get_array(obj, key, true, min_len, MAX_ITEMS, out, &ld->path, ld->diag);
}

/* --- sections ------------------------------------------------------------- */

static pd_err load_zone(loader *ld, const json_t *item, size_t i, void *ctx)
{
    static const char *const keys[] = {"code", "name", NULL};
    pd_zone *zone = &ld->prog->zones[i];
    pd_err err = pd_json_object_keys(item, keys, &ld->path, ld->diag);
    if (!err)
        err = get_code(ld, item, "code", 1, MAX_CODE, &zone->code);
    if (!err)
        err = get_name(ld, item, "name", &zone->name);
    if (!err && find_zone(ld->prog, zone->code) != zone)
        err = fail_at(ld, "code", "duplicate zone \"%s\"", zone->code);
    return err;
}

static pd_err load_venue(loader *ld, const json_t *item, size_t i, void *ctx)
{
    static const char *const keys[] = {"code", "name", "zone", NULL};
    pd_venue *venue = &ld->prog->venues[i];
    const char *zone;
    pd_err err = pd_json_object_keys(item, keys, &ld->path, ld->diag);
    if (!err)
        err = get_code(ld, item, "code", 1, MAX_CODE, &venue->code);
    if (!err)
        err = get_name(ld, item, "name", &venue->name);
    if (!err)
        err = get_code(ld, item, "zone", 1, MAX_CODE, &zone);
    if (!err && !(venue->zone = find_zone(ld->prog, zone)))
        err = fail_at(ld, "zone", "unknown zone \"%s\"", zone);
    if (!err && find_venue(ld->prog, venue->code) != venue)
        err = fail_at(ld, "code", "duplicate venue \"%s\"", venue->code);
    return err;
}

static pd_err load_sport(loader *ld, const json_t *item, size_t i, void *ctx)
{
    static const char *const keys[] = {"code", "name", NULL};
    pd_sport *sport = &ld->prog->sports[i];
    pd_err err = pd_json_object_keys(item, keys, &ld->path, ld->diag);
    if (!err)
        err = get_code(ld, item, "code", 1, MAX_CODE, &sport->code);
    if (!err)
        err = get_name(ld, item, "name", &sport->name);
    if (!err && find_sport(ld->prog, sport->code) != sport)
        err = fail_at(ld, "code", "duplicate sport \"%s\"", sport->code);
    return err;
}

static pd_err load_discipline(loader *ld, const json_t *item, size_t i, void *ctx)
{
    static const char *const keys[] = {"code", "name", "sport", NULL};
    pd_discipline *disc = &ld->prog->disciplines[i];
    const char *sport;
    pd_err err = pd_json_object_keys(item, keys, &ld->path, ld->diag);
    if (!err)
        err = get_code(ld, item, "code", 3, 3, &disc->code);
    if (!err)
        err = get_name(ld, item, "name", &disc->name);
    if (!err)
        err = get_code(ld, item, "sport", 1, MAX_CODE, &sport);
    if (!err && !(disc->sport = find_sport(ld->prog, sport)))
        err = fail_at(ld, "sport", "unknown sport \"%s\"", sport);
    if (!err && pd_programme_find_discipline(ld->prog, disc->code) != disc)
        err = fail_at(ld, "code", "duplicate discipline \"%s\"", disc->code);
    return err;
}

static pd_err load_noc(loader *ld, const json_t *item, size_t i, void *ctx)
{
    static const char *const keys[] = {"code", "name", NULL};
    pd_noc *noc = &ld->prog->nocs[i];
    pd_err err = pd_json_object_keys(item, keys, &ld->path, ld->diag);
    if (!err)
        err = get_code(ld, item, "code", 3, 3, &noc->code);
    if (!err)
        err = get_name(ld, item, "name", &noc->name);
    if (!err && pd_programme_find_noc(ld->prog, noc->code) != noc)
        err = fail_at(ld, "code", "duplicate NOC \"%s\"", noc->code);
    return err;
}

/* First pass over participants: identity and NOC. Members are linked after sorting. */
static pd_err load_participant(loader *ld, const json_t *item, size_t i, void *ctx)
{
    static const char *const keys[] = {"id", "name", "noc", "members", NULL};
    size_t *member_total = ctx;
    pd_participant *part = &ld->prog->participants[i];
    const char *noc;
    json_t *members = NULL;
    pd_err err = pd_json_object_keys(item, keys, &ld->path, ld->diag);
    if (!err)
        err = pd_json_get_string(item, "id", true, MAX_ID, &part->id, &ld->path, ld->diag);
    if (!err && part->id[0] == '\0')
        err = fail_at(ld, "id", "must not be empty");
    if (!err)
        err = get_name(ld, item, "name", &part->name);
    if (!err)
        err = get_code(ld, item, "noc", 3, 3, &noc);
    if (!err && !(part->noc = pd_programme_find_noc(ld->prog, noc)))
        err = fail_at(ld, "noc", "unknown NOC \"%s\"", noc);
    if (!err)
        err = pd_json_get_array(item, "members", false, 0, 64, &members, &ld->path, ld->diag);
    if (!err && members) {
        part->is_team = true;
        part->member_count = json_array_size(members);
        *member_total += part->member_count;
    }
    return err;
}

static pd_err link_members(loader *ld, const json_t *item, size_t i, void *ctx)
{
    const pd_participant ***next = ctx;
    pd_participant *part = &ld->prog->participants[i];
    json_t *members = json_object_get(item, "members");
    if (!members)
        return PD_OK;
    part->members = *next;
    size_t mark = pd_jpath_key(&ld->path, "members");
    for (size_t m = 0; m < part->member_count; m++) {
        size_t at = pd_jpath_index(&ld->path, m);
        const char *id;
        pd_err err =
            pd_json_string_value(json_array_get(members, m), MAX_ID, &id, &ld->path, ld->diag);
        if (err)
            return err;
        const pd_participant *member = pd_programme_find_participant(ld->prog, id);
        if (!member || member->is_team)
            return fail_at(ld, NULL, "unknown athlete \"%s\"", id);
        (*next)[m] = member;
        pd_jpath_pop(&ld->path, at);
    }
    pd_jpath_pop(&ld->path, mark);
    *next += part->member_count;
    return PD_OK;
}

/* Counting pass over events so arrays are allocated once. */
static pd_err count_event(loader *ld, const json_t *item, size_t i, void *ctx)
{
    static const char *const event_keys[] = {"rsc",    "name",    "discipline", "gender",
                                             "phases", "scoring", NULL};
    static const char *const phase_keys[] = {"rsc", "name", "units", NULL};
    static const char *const unit_keys[] = {"rsc", "name",  "venue",      "start",
                                            "end", "medal", "start_list", NULL};
    pd_programme *prog = ld->prog;
    json_t *phases, *units, *start_list;
    pd_err err = pd_json_object_keys(item, event_keys, &ld->path, ld->diag);
    if (!err)
        err = get_list(ld, item, "phases", 1, &phases);
    if (err)
        return err;
    size_t pmark = pd_jpath_key(&ld->path, "phases");
    for (size_t p = 0; p < json_array_size(phases); p++) {
        json_t *phase = json_array_get(phases, p);
        size_t pat = pd_jpath_index(&ld->path, p);
        err = pd_json_object_keys(phase, phase_keys, &ld->path, ld->diag);
        if (!err)
            err = get_list(ld, phase, "units", 1, &units);
        if (err)
            return err;
        size_t umark = pd_jpath_key(&ld->path, "units");
        for (size_t u = 0; u < json_array_size(units); u++) {
            json_t *unit = json_array_get(units, u);
            size_t uat = pd_jpath_index(&ld->path, u);
            err = pd_json_object_keys(unit, unit_keys, &ld->path, ld->diag);
            if (!err)
                err = get_list(ld, unit, "start_list", 0, &start_list);
            if (err)
                return err;
            prog->entry_count += json_array_size(start_list);
            pd_jpath_pop(&ld->path, uat);
        }
        pd_jpath_pop(&ld->path, umark);
        prog->unit_count += json_array_size(units);
        pd_jpath_pop(&ld->path, pat);
    }
    pd_jpath_pop(&ld->path, pmark);
    prog->phase_count += json_array_size(phases);
    if (prog->unit_count > MAX_ITEMS || prog->entry_count > 10 * (size_t)MAX_ITEMS)
        return fail_at(ld, NULL, "too many units or start-list entries");
    return PD_OK;
}

typedef struct {
    size_t next_phase;
    size_t next_unit;
    size_t next_entry;
} fill_state;

static pd_err load_entry(loader *ld, const json_t *item, size_t i, void *ctx)
{
    static const char *const keys[] = {"participant", "bib", "order", NULL};
    pd_start_entry *entry = ctx;
    entry += i;
    const char *id;
    int64_t order = (int64_t)i + 1;
    pd_err err = pd_json_object_keys(item, keys, &ld->path, ld->diag);
    if (!err)
        err = pd_json_get_string(item, "participant", true, MAX_ID, &id, &ld->path, ld->diag);
    if (!err && !(entry->participant = pd_programme_find_participant(ld->prog, id)))
        err = fail_at(ld, "participant", "unknown participant \"%s\"", id);
    entry->bib = "";
    if (!err)
        err = pd_json_get_string(item, "bib", false, 16, &entry->bib, &ld->path, ld->diag);
    if (!err)
        err = pd_json_get_int(item, "order", false, 1, 100000, &order, &ld->path, ld->diag);
    entry->order = (int)order;
    return err;
}

static pd_err load_unit(loader *ld, const json_t *item, size_t i, void *ctx)
{
    fill_state *st = ctx;
    pd_programme *prog = ld->prog;
    pd_phase *phase = &prog->phases[st->next_phase - 1];
    pd_unit *unit = &prog->units[st->next_unit++];
    const char *venue;
    json_t *start_list;
    bool medal = false;

    unit->phase = phase;
    pd_err err = get_rsc(ld, item, PD_RSC_LEVEL_UNIT, &unit->rsc);
    if (!err && memcmp(unit->rsc.code, phase->rsc.code, 26) != 0)
        err = fail_at(ld, "rsc", "\"%s\" is not a unit of its phase", unit->rsc.code);
    if (!err)
        err = get_name(ld, item, "name", &unit->name);
    if (!err)
        err = get_code(ld, item, "venue", 1, MAX_CODE, &venue);
    if (!err && !(unit->venue = find_venue(prog, venue)))
        err = fail_at(ld, "venue", "unknown venue \"%s\"", venue);
    if (!err)
        err = get_time(ld, item, "start", &unit->start);
    if (!err)
        err = get_time(ld, item, "end", &unit->end);
    if (!err && strcmp(unit->end, unit->start) < 0)
        err = fail_at(ld, "end", "ends before it starts (%s)", unit->start);
    if (!err)
        err = pd_json_get_bool(item, "medal", false, &medal, &ld->path, ld->diag);
    unit->medal = medal;
    if (err)
        return err;
    memcpy(unit->day, unit->start, 10);
    unit->day[10] = '\0';
    start_list = json_object_get(item, "start_list");
    unit->start_list = &prog->entries[st->next_entry];
    unit->start_count = json_array_size(start_list);
    st->next_entry += unit->start_count;
    return each_item(ld, start_list, "start_list", load_entry, (void *)(uintptr_t)unit->start_list);
}

static pd_err load_phase(loader *ld, const json_t *item, size_t i, void *ctx)
{
    fill_state *st = ctx;
    pd_programme *prog = ld->prog;
    pd_event *event = &prog->events[prog->event_count - 1];
    pd_phase *phase = &prog->phases[st->next_phase++];

    phase->event = event;
    pd_err err = get_rsc(ld, item, PD_RSC_LEVEL_PHASE, &phase->rsc);
    if (!err && memcmp(phase->rsc.code, event->rsc.code, 22) != 0)
        err = fail_at(ld, "rsc", "\"%s\" is not a phase of its event", phase->rsc.code);
    if (!err)
        err = get_name(ld, item, "name", &phase->name);
    if (err)
        return err;
    json_t *units = json_object_get(item, "units");
    phase->units = &prog->units[st->next_unit];
    phase->unit_count = json_array_size(units);
    return each_item(ld, units, "units", load_unit, st);
}

/* A phase's code without its padding: "QUAL", "FNL", "GPA". */
static void phase_code(const pd_phase *phase, char *out, size_t size)
{
    pd_rsc_field_get(&phase->rsc, PD_RSC_PHASE, out, size);
    for (size_t n = strlen(out); n > 0 && out[n - 1] == '-'; n--)
        out[n - 1] = '\0';
}

/*
 * One scoring object at the current path into *sc. Keys absent keep what *sc
 * holds (a phase override inherits the event's); allowed lists the keys.
 */
static pd_err load_scoring_fields(loader *ld, const json_t *scoring, const char *const *allowed,
                                  pd_scoring *sc)
{
    json_t *config = NULL, *live = NULL;
    const char *scope = NULL, *competitors = NULL;
    pd_err err = pd_json_object_keys(scoring, allowed, &ld->path, ld->diag);
    if (!err)
        err = pd_json_get_string(scoring, "kind", false, 64, &sc->kind, &ld->path, ld->diag);
    if (!err)
        err = pd_json_get_object(scoring, "config", false, &config, &ld->path, ld->diag);
    if (!err)
        err = pd_json_get_string(scoring, "cumulative", false, 32, &sc->cumulative, &ld->path,
                                 ld->diag);
    if (!err)
        err = pd_json_get_string(scoring, "scope", false, 16, &scope, &ld->path, ld->diag);
    if (!err)
        err = pd_json_get_object(scoring, "live", false, &live, &ld->path, ld->diag);
    if (!err)
        err = pd_json_get_string(scoring, "competitors", false, 16, &competitors, &ld->path,
                                 ld->diag);
    if (!err)
        err = pd_json_get_string(scoring, "completed", false, 32, &sc->completed, &ld->path,
                                 ld->diag);
    if (err)
        return err;
    if (competitors) {
        if (strcmp(competitors, "all") != 0 && strcmp(competitors, "performed") != 0)
            return fail_at(ld, "competitors", "expected \"all\" or \"performed\", got \"%s\"",
                           competitors);
        sc->all_competitors = strcmp(competitors, "all") == 0;
    }
    if (config)
        sc->config = config;
    if (live)
        sc->live = live;
    if (scope) {
        if (strcmp(scope, "unit") == 0)
            sc->scope = PD_SCOPE_UNIT;
        else if (strcmp(scope, "phase") == 0)
            sc->scope = PD_SCOPE_PHASE;
        else if (strcmp(scope, "event") == 0)
            sc->scope = PD_SCOPE_EVENT;
        else
            return fail_at(ld, "scope", "expected \"unit\", \"phase\" or \"event\", got \"%s\"",
                           scope);
    }
    return PD_OK;
}

/*
 * Optional "scoring": {"kind", "config", "cumulative", "scope", "live",
 * "competitors", "completed", "phases", "result"}: how the event's results are computed. Called
 * once the event's phases are loaded: "phases" overrides the scoring of the phases it names by
 * code, "result" names the phase whose document is the event's.
 */
static pd_err load_scoring(loader *ld, const json_t *item, pd_event *event)
{
    static const char *const keys[] = {"kind",   "config", "cumulative",  "scope",     "live",
                                       "phases", "result", "competitors", "completed", NULL};
    static const char *const phase_keys[] = {"kind", "config",      "cumulative", "scope",
                                             "live", "competitors", "completed",  NULL};
    json_t *scoring = NULL, *phases = NULL;
    const char *result = NULL;
    char code[8];
    pd_err err = pd_json_get_object(item, "scoring", false, &scoring, &ld->path, ld->diag);
    if (err || !scoring)
        return err;
    size_t mark = pd_jpath_key(&ld->path, "scoring");
    err = load_scoring_fields(ld, scoring, keys, &event->scoring);
    if (!err && !event->scoring.kind)
        err = fail_at(ld, "kind", "missing");
    if (!err)
        err = pd_json_get_object(scoring, "phases", false, &phases, &ld->path, ld->diag);
    if (!err)
        err = pd_json_get_string(scoring, "result", false, 8, &result, &ld->path, ld->diag);
    if (err)
        return err;
    for (size_t p = 0; p < event->phase_count; p++)
        ((pd_phase *)&event->phases[p])->scoring = event->scoring;
    const char *key;
    json_t *value;
    json_object_foreach(phases, key, value)
    {
        pd_phase *phase = NULL;
        for (size_t p = 0; p < event->phase_count && !phase; p++) {
            phase_code(&event->phases[p], code, sizeof code);
            if (strcmp(code, key) == 0)
                phase = (pd_phase *)&event->phases[p];
        }
        size_t pmark = pd_jpath_key(&ld->path, "phases");
        if (!phase)
            return fail_at(ld, key, "the event has no phase \"%s\"", key);
        pd_jpath_key(&ld->path, key);
        if (!json_is_object(value))
            return fail_at(ld, NULL, "expected an object");
        err = load_scoring_fields(ld, value, phase_keys, &phase->scoring);
        if (err)
            return err;
        pd_jpath_pop(&ld->path, pmark);
    }
    if (result) {
        for (size_t p = 0; p < event->phase_count && !event->result_phase; p++) {
            phase_code(&event->phases[p], code, sizeof code);
            if (strcmp(code, result) == 0)
                event->result_phase = &event->phases[p];
        }
        if (!event->result_phase)
            return fail_at(ld, "result", "the event has no phase \"%s\"", result);
    }
    pd_jpath_pop(&ld->path, mark);
    return PD_OK;
}

static pd_err load_event(loader *ld, const json_t *item, size_t i, void *ctx)
{
    pd_programme *prog = ld->prog;
    fill_state *st = ctx;
    pd_event *event = &prog->events[prog->event_count++];
    const char *discipline, *gender;
    char field[16];

    pd_err err = get_rsc(ld, item, PD_RSC_LEVEL_EVENT, &event->rsc);
    if (!err)
        err = get_name(ld, item, "name", &event->name);
    if (!err)
        err = get_code(ld, item, "discipline", 3, 3, &discipline);
    if (!err && !(event->discipline = pd_programme_find_discipline(prog, discipline)))
        err = fail_at(ld, "discipline", "unknown discipline \"%s\"", discipline);
    if (!err) {
        pd_rsc_field_get(&event->rsc, PD_RSC_DISCIPLINE, field, sizeof field);
        if (strcmp(field, discipline) != 0)
            err = fail_at(ld, "rsc", "code does not belong to discipline \"%s\"", discipline);
    }
    if (!err)
        err = pd_json_get_string(item, "gender", true, 1, &gender, &ld->path, ld->diag);
    if (!err && (strlen(gender) != 1 || !strchr("MWXO", gender[0])))
        err = fail_at(ld, "gender", "expected \"M\", \"W\", \"X\" or \"O\", got \"%s\"", gender);
    if (!err && event->rsc.code[3] != gender[0])
        err = fail_at(ld, "gender", "\"%s\" does not match the event code", gender);
    if (!err && pd_programme_find_event(prog, event->rsc.code) != event)
        err = fail_at(ld, "rsc", "duplicate event \"%s\"", event->rsc.code);
    if (err)
        return err;
    event->gender = gender[0];
    json_t *phases = json_object_get(item, "phases");
    event->phases = &prog->phases[st->next_phase];
    event->phase_count = json_array_size(phases);
    err = each_item(ld, phases, "phases", load_phase, st);
    if (!err)
        err = load_scoring(ld, item, event);
    if (err)
        return err;
    for (size_t p = 0; p < event->phase_count; p++)
        for (size_t u = 0; u < event->phases[p].unit_count; u++) {
            const pd_unit *unit = &event->phases[p].units[u];
            if (!event->first_unit || cmp_unit_time(&unit, &event->first_unit) < 0)
                event->first_unit = unit;
            if (!event->last_unit || strcmp(unit->end, event->last_unit->end) > 0)
                event->last_unit = unit;
        }
    return PD_OK;
}

static pd_err load_section(loader *ld, const json_t *root, const char *key, size_t min_len,
                           void **array, size_t item_size, size_t *count, item_fn fn, void *ctx)
{
    json_t *list;
    pd_err err = get_list(ld, root, key, min_len, &list);
    if (err)
        return err;
    *array = alloc_array(json_array_size(list), item_size);
    if (!*array)
        return pd_diag_set(ld->diag, PD_ERR_NOMEM, key, "out of memory");
    /* the count grows with each loaded item, so duplicate checks see only loaded ones */
    *count = 0;
    size_t mark = pd_jpath_key(&ld->path, key);
    for (size_t i = 0; i < json_array_size(list); i++) {
        size_t at = pd_jpath_index(&ld->path, i);
        *count = i + 1;
        err = fn(ld, json_array_get(list, i), i, ctx);
        if (err)
            return err;
        pd_jpath_pop(&ld->path, at);
    }
    pd_jpath_pop(&ld->path, mark);
    return PD_OK;
}

static pd_err load_games(loader *ld, const json_t *root)
{
    static const char *const keys[] = {"code",     "name",   "utc_offset", "first_day",
                                       "last_day", "source", NULL};
    json_t *games;
    pd_err err = pd_json_get_object(root, "games", true, &games, &ld->path, ld->diag);
    if (err)
        return err;
    size_t mark = pd_jpath_key(&ld->path, "games");
    err = pd_json_object_keys(games, keys, &ld->path, ld->diag);
    if (!err)
        err = get_name(ld, games, "name", &ld->prog->games_name);
    if (!err)
        err = pd_json_get_string(games, "utc_offset", true, 6, &ld->prog->utc_offset, &ld->path,
                                 ld->diag);
    if (!err)
        err = pd_json_get_string(games, "code", false, 16, &ld->prog->games_code, &ld->path,
                                 ld->diag);
    pd_jpath_pop(&ld->path, mark);
    return err;
}

pd_err pd_programme_load_json(json_t *root, pd_programme **out, pd_diag *diag)
{
    static const char *const keys[] = {"format",      "games", "zones",        "venues", "sports",
                                       "disciplines", "nocs",  "participants", "events", NULL};
    loader ld = {.diag = diag};
    pd_programme *prog = calloc(1, sizeof *prog);
    const char *format;
    json_t *events;
    size_t member_total = 0;
    pd_err err;

    if (!prog)
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
    ld.prog = prog;
    pd_jpath_init(&ld.path);
    err = pd_json_object_keys(root, keys, &ld.path, diag);
    if (!err)
        err = pd_json_get_string(root, "format", true, 64, &format, &ld.path, diag);
    if (!err && strcmp(format, "podium-programme/1") != 0)
        err = fail_at(&ld, "format", "expected \"podium-programme/1\", got \"%s\"", format);
    if (!err)
        err = load_games(&ld, root);
    if (!err)
        err = load_section(&ld, root, "zones", 1, (void **)&prog->zones, sizeof *prog->zones,
                           &prog->zone_count, load_zone, NULL);
    if (!err)
        err = load_section(&ld, root, "venues", 1, (void **)&prog->venues, sizeof *prog->venues,
                           &prog->venue_count, load_venue, NULL);
    if (!err)
        err = load_section(&ld, root, "sports", 1, (void **)&prog->sports, sizeof *prog->sports,
                           &prog->sport_count, load_sport, NULL);
    if (!err)
        err =
            load_section(&ld, root, "disciplines", 1, (void **)&prog->disciplines,
                         sizeof *prog->disciplines, &prog->discipline_count, load_discipline, NULL);
    if (!err)
        err = load_section(&ld, root, "nocs", 1, (void **)&prog->nocs, sizeof *prog->nocs,
                           &prog->noc_count, load_noc, NULL);
    if (!err)
        err = load_section(&ld, root, "participants", 0, (void **)&prog->participants,
                           sizeof *prog->participants, &prog->participant_count, load_participant,
                           &member_total);
    if (err)
        goto fail;

    /* participants sorted for lookup, then duplicate ids and team members */
    prog->sorted_participants = alloc_array(prog->participant_count, sizeof(void *));
    prog->member_links = alloc_array(member_total, sizeof(void *));
    if (!prog->sorted_participants || !prog->member_links) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < prog->participant_count; i++)
        prog->sorted_participants[i] = &prog->participants[i];
    qsort(prog->sorted_participants, prog->participant_count, sizeof(void *), cmp_participant);
    for (size_t i = 1; i < prog->participant_count; i++)
        if (strcmp(prog->sorted_participants[i - 1]->id, prog->sorted_participants[i]->id) == 0) {
            err = pd_diag_set(diag, PD_ERR_INPUT, "participants", "duplicate participant id \"%s\"",
                              prog->sorted_participants[i]->id);
            goto fail;
        }
    const pd_participant **next_link = prog->member_links;
    err = each_item(&ld, json_object_get(root, "participants"), "participants", link_members,
                    &next_link);
    if (err)
        goto fail;

    /* events: count, allocate once, then fill */
    err = get_list(&ld, root, "events", 1, &events);
    if (!err)
        err = each_item(&ld, events, "events", count_event, NULL);
    if (err)
        goto fail;
    prog->events = alloc_array(json_array_size(events), sizeof *prog->events);
    prog->phases = alloc_array(prog->phase_count, sizeof *prog->phases);
    prog->units = alloc_array(prog->unit_count, sizeof *prog->units);
    prog->entries = alloc_array(prog->entry_count, sizeof *prog->entries);
    prog->units_by_rsc = alloc_array(prog->unit_count, sizeof(void *));
    prog->units_by_time = alloc_array(prog->unit_count, sizeof(void *));
    if (!prog->events || !prog->phases || !prog->units || !prog->entries || !prog->units_by_rsc ||
        !prog->units_by_time) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    fill_state st = {0};
    err = each_item(&ld, events, "events", load_event, &st);
    if (err)
        goto fail;
    for (size_t i = 0; i < prog->unit_count; i++)
        prog->units_by_rsc[i] = prog->units_by_time[i] = &prog->units[i];
    qsort(prog->units_by_rsc, prog->unit_count, sizeof(void *), cmp_unit_rsc);
    qsort(prog->units_by_time, prog->unit_count, sizeof(void *), cmp_unit_time);
    for (size_t i = 1; i < prog->unit_count; i++)
        if (strcmp(prog->units_by_rsc[i - 1]->rsc.code, prog->units_by_rsc[i]->rsc.code) == 0) {
            err = pd_diag_set(diag, PD_ERR_INPUT, "events", "duplicate unit \"%s\"",
                              prog->units_by_rsc[i]->rsc.code);
            goto fail;
        }
    prog->root = json_incref(root);
    *out = prog;
    return PD_OK;
fail:
    pd_programme_free(prog);
    return err;
}

pd_err pd_programme_load_file(const char *filename, pd_programme **out, pd_diag *diag)
{
    json_t *root;
    pd_err err = pd_json_parse_file(filename, &root, diag);
    if (err)
        return err;
    err = pd_programme_load_json(root, out, diag);
    json_decref(root);
    return err;
}

void pd_programme_free(pd_programme *prog)
{
    if (!prog)
        return;
    free(prog->zones);
    free(prog->venues);
    free(prog->sports);
    free(prog->disciplines);
    free(prog->nocs);
    free(prog->participants);
    free(prog->sorted_participants);
    free(prog->member_links);
    free(prog->events);
    free(prog->phases);
    free(prog->units);
    free(prog->entries);
    free(prog->units_by_rsc);
    free(prog->units_by_time);
    json_decref(prog->root);
    free(prog);
}

const char *pd_programme_games_name(const pd_programme *prog)
{
    return prog->games_name;
}

const char *pd_programme_games_code(const pd_programme *prog)
{
    return prog->games_code ? prog->games_code : "";
}

const char *pd_programme_utc_offset(const pd_programme *prog)
{
    return prog->utc_offset;
}

size_t pd_programme_event_count(const pd_programme *prog)
{
    return prog->event_count;
}

const pd_event *pd_programme_event(const pd_programme *prog, size_t index)
{
    return &prog->events[index];
}

size_t pd_programme_discipline_count(const pd_programme *prog)
{
    return prog->discipline_count;
}

const pd_discipline *pd_programme_discipline(const pd_programme *prog, size_t index)
{
    return &prog->disciplines[index];
}

size_t pd_programme_sport_count(const pd_programme *prog)
{
    return prog->sport_count;
}

size_t pd_programme_venue_count(const pd_programme *prog)
{
    return prog->venue_count;
}

const pd_venue *pd_programme_venue(const pd_programme *prog, size_t index)
{
    return &prog->venues[index];
}

size_t pd_programme_zone_count(const pd_programme *prog)
{
    return prog->zone_count;
}

size_t pd_programme_noc_count(const pd_programme *prog)
{
    return prog->noc_count;
}

size_t pd_programme_participant_count(const pd_programme *prog)
{
    return prog->participant_count;
}

const pd_zone *pd_programme_zone(const pd_programme *prog, size_t index)
{
    return &prog->zones[index];
}

const pd_noc *pd_programme_noc(const pd_programme *prog, size_t index)
{
    return &prog->nocs[index];
}

const pd_participant *pd_programme_participant(const pd_programme *prog, size_t index)
{
    return &prog->participants[index];
}

size_t pd_programme_unit_count(const pd_programme *prog)
{
    return prog->unit_count;
}

const pd_unit *pd_programme_unit_by_time(const pd_programme *prog, size_t index)
{
    return prog->units_by_time[index];
}

const pd_participant *pd_programme_participant_by_id(const pd_programme *prog, size_t index)
{
    return prog->sorted_participants[index];
}

size_t pd_programme_unit_index(const pd_programme *prog, const pd_unit *unit)
{
    return (size_t)(unit - prog->units);
}

size_t pd_programme_event_index(const pd_programme *prog, const pd_event *event)
{
    return (size_t)(event - prog->events);
}

size_t pd_programme_participant_index(const pd_programme *prog, const pd_participant *part)
{
    return (size_t)(part - prog->participants);
}

const pd_unit *pd_programme_unit(const pd_programme *prog, size_t index)
{
    return &prog->units[index];
}

size_t pd_programme_discipline_event_count(const pd_programme *prog, const char *code)
{
    size_t n = 0;
    for (size_t i = 0; i < prog->event_count; i++)
        if (strcmp(prog->events[i].discipline->code, code) == 0)
            n++;
    return n;
}
