/*
 * results.c: Games state and result documents.
 *
 * State is per unit: the list of observations applied to it (seq, body, a
 * superseded flag) and an explicit status. A document is computed by
 * running the event's kind over the score document of the unit (its start
 * list as competitors, its current performances), so the server, `podium
 * replay` and `podium score` share one path from observations to results.
 * The score document is filled from the programme (score_assembled), the
 * same pd_scoredoc a podium-score/1 file gives, without writing it as JSON
 * and reading it back; test_results compares the two over the whole Games.
 * The scored part of every document is remembered
 * until an observation changes a unit of its event (render); the server
 * keeps the text of what it serves.
 *
 * Cumulative events (scoring.cumulative, e.g. "runs" for two-run alpine
 * races): unit k of a phase shows the standing after k units, i.e. the
 * performances of units 1..k with config[cumulative] = k, as timing boards do.
 *
 * Each phase carries its own scoring (the event's, with the phase's overrides
 * applied by the programme): a qualification may be scored with another
 * config than the final. A unit's document covers its scope (the unit, its
 * phase or its whole event: a heat of a knock-out is meaningful only with the
 * rounds before it); the event's document is its kind over every unit, or the
 * document of one phase ("result": the final of a judged event). While any
 * unit of a document's scope is below UNOFFICIAL, the scoring's "live" keys
 * replace those of its config (a figure skating event whose free skate is
 * still running), and its "completed" key (when named) lists the phases of
 * the scope already complete (a knock-out whose early rounds are closed).
 */
#include "podium/results.h"

#include <stdlib.h>
#include <string.h>

#include "podium/buf.h"
#include "podium/json.h"
#include "podium/kinds.h"
#include "podium/medals.h"
#include "podium/scoredoc.h"

typedef struct {
    int64_t seq;
    int64_t supersedes; /* the seq it superseded, 0 when none (for pd_results_undo) */
    long participant;   /* the programme index of its competitor, -1 when none known */
    json_t *body;
    bool superseded;
    bool is_status;
} entry;

typedef struct {
    entry *entries;
    size_t count;
    size_t cap;
    pd_status explicit_status; /* last status observation, START_LIST when none */
    bool has_status;
    /*
     * The current (not superseded) performances: indexes into entries, rising
     * (seq order). A scoring walks these, not the whole history, so a unit
     * corrected a thousand times scores as fast as one never corrected.
     */
    size_t *current;
    size_t current_count;
    size_t current_cap;
    int64_t last_seq;
    json_t **rows; /* the start list's competitor rows, built at the first scoring, kept */
} unit_state;

/*
 * A scored document remembered: the kind's output (no "rsc", no "status")
 * over one scope with one scoring. The key is what the scoring depends on:
 * the scoring's fields (phases hold copies of their event's, so the pointers
 * are shared) and the scope, a run of the event's units in programme order.
 */
typedef struct {
    const char *kind;
    const json_t *config;
    const json_t *live;
    const char *cumulative;
    const char *completed;
    bool all_competitors;
    const pd_unit *first;
    const pd_unit *last;
    size_t count;
    int cumulative_count;
    json_t *doc;
    char *text; /* doc as compact JSON, made when first asked (render), else NULL */
    size_t text_len;
} memo;

typedef struct {
    memo *items;
    size_t count;
    size_t cap;
} memo_list;

struct pd_results {
    const pd_programme *prog;
    unit_state *units; /* indexed like the programme's units */
    memo_list *memos;  /* indexed like the programme's events */
    /*
     * Sets of participants for one scoring, by programme index: in the score
     * document already (seen), has a performance (performed). A participant is
     * in the set when its mark equals the scoring's generation, so a new set
     * costs nothing (no JSON object of ids per scoring).
     */
    uint32_t *seen, *performed;
    uint32_t generation;
    size_t *slot;          /* a participant's index among a score document's competitors (seen) */
    uint32_t *id_rank;     /* a participant's position among the programme's, sorted by id */
    bool through_envelope; /* score through podium-score/1 JSON (pd_results_through_envelope) */
};

static const char *const status_names[] = {"START_LIST", "LIVE", "UNOFFICIAL", "OFFICIAL"};

const char *pd_status_name(pd_status status)
{
    return (unsigned)status <= PD_STATUS_OFFICIAL ? status_names[status] : "?";
}

/* --- remembered documents --------------------------------------------------- */

/* Drop every document remembered for event: one of its units changed. */
static void forget(pd_results *res, const pd_event *event)
{
    memo_list *list = &res->memos[pd_programme_event_index(res->prog, event)];
    for (size_t i = 0; i < list->count; i++) {
        json_decref(list->items[i].doc);
        free(list->items[i].text);
    }
    list->count = 0;
}

static memo memo_key(const pd_scoring *scoring, const pd_unit *const *units, size_t count,
                     int cumulative_count)
{
    return (memo){.kind = scoring->kind,
                  .config = scoring->config,
                  .live = scoring->live,
                  .cumulative = cumulative_count > 0 ? scoring->cumulative : NULL,
                  .completed = scoring->completed,
                  .all_competitors = scoring->all_competitors,
                  .first = count ? units[0] : NULL,
                  .last = count ? units[count - 1] : NULL,
                  .count = count,
                  .cumulative_count = cumulative_count};
}

static bool memo_equal(const memo *a, const memo *b)
{
    return a->kind == b->kind && a->config == b->config && a->live == b->live &&
           a->cumulative == b->cumulative && a->completed == b->completed &&
           a->all_competitors == b->all_competitors && a->first == b->first && a->last == b->last &&
           a->count == b->count && a->cumulative_count == b->cumulative_count;
}

static memo_list *memos_of(pd_results *res, const pd_event *event)
{
    return &res->memos[pd_programme_event_index(res->prog, event)];
}

/* The remembered entry for key, NULL when none (valid until the next remember or forget). */
static memo *recall(pd_results *res, const pd_event *event, const memo *key)
{
    memo_list *list = memos_of(res, event);
    for (size_t i = 0; i < list->count; i++)
        if (memo_equal(&list->items[i], key))
            return &list->items[i];
    return NULL;
}

/* Remember doc (a new reference) for key; NULL when out of memory. */
static memo *remember(pd_results *res, const pd_event *event, const memo *key, json_t *doc)
{
    memo_list *list = memos_of(res, event);
    if (pd_grow(&list->items, &list->cap, list->count, sizeof *list->items, 4) != PD_OK)
        return NULL;
    memo *m = &list->items[list->count++];
    *m = *key;
    m->doc = json_incref(doc);
    return m;
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* id_rank[p]: the position of participant p's id among all the programme's, sorted. */
static void rank_ids(const pd_programme *prog, uint32_t *id_rank)
{
    for (size_t i = 0; i < pd_programme_participant_count(prog); i++)
        id_rank[pd_programme_participant_index(prog, pd_programme_participant_by_id(prog, i))] =
            (uint32_t)i;
}

pd_err pd_results_new(const pd_programme *prog, pd_results **out)
{
    pd_results *res = calloc(1, sizeof *res);
    size_t n = pd_programme_unit_count(prog);
    if (!res)
        return PD_ERR_NOMEM;
    size_t events = pd_programme_event_count(prog);
    size_t parts = pd_programme_participant_count(prog);
    res->units = calloc(n ? n : 1, sizeof *res->units);
    res->memos = calloc(events ? events : 1, sizeof *res->memos);
    res->seen = calloc(parts ? parts : 1, sizeof *res->seen);
    res->performed = calloc(parts ? parts : 1, sizeof *res->performed);
    res->slot = calloc(parts ? parts : 1, sizeof *res->slot);
    res->id_rank = calloc(parts ? parts : 1, sizeof *res->id_rank);
    if (!res->units || !res->memos || !res->seen || !res->performed || !res->slot ||
        !res->id_rank) {
        free(res->units);
        free(res->memos);
        free(res->seen);
        free(res->performed);
        free(res->slot);
        free(res->id_rank);
        free(res);
        return PD_ERR_NOMEM;
    }
    rank_ids(prog, res->id_rank);
    res->prog = prog;
    *out = res;
    return PD_OK;
}

void pd_results_free(pd_results *res)
{
    if (!res)
        return;
    for (size_t u = 0; u < pd_programme_unit_count(res->prog); u++) {
        for (size_t i = 0; i < res->units[u].count; i++)
            json_decref(res->units[u].entries[i].body);
        free(res->units[u].entries);
        free(res->units[u].current);
        const pd_unit *unit = pd_programme_unit(res->prog, u);
        for (size_t i = 0; res->units[u].rows && i < unit->start_count; i++)
            json_decref(res->units[u].rows[i]);
        free(res->units[u].rows);
    }
    for (size_t e = 0; e < pd_programme_event_count(res->prog); e++) {
        forget(res, pd_programme_event(res->prog, e));
        free(res->memos[e].items);
    }
    free(res->units);
    free(res->memos);
    free(res->seen);
    free(res->performed);
    free(res->slot);
    free(res->id_rank);
    free(res);
}

void pd_results_through_envelope(pd_results *res, bool on)
{
    res->through_envelope = on;
}

/*
 * The programme index of the participant a performance names; -1 when none is
 * known, or when the id holds a NUL (the score document refuses it; a lookup
 * would match the part before it).
 */
static long participant_of(const pd_results *res, const json_t *body)
{
    const json_t *value = json_object_get(body, "competitor");
    const char *id = json_string_value(value);
    if (id && strlen(id) != json_string_length(value))
        return -1;
    const pd_participant *part = id ? pd_programme_find_participant(res->prog, id) : NULL;
    return part ? (long)pd_programme_participant_index(res->prog, part) : -1;
}

/* A generation no mark holds yet: the sets of the scoring that takes it start empty. */
static uint32_t new_generation(pd_results *res)
{
    if (++res->generation == 0) {
        size_t parts = pd_programme_participant_count(res->prog);
        memset(res->seen, 0, parts * sizeof *res->seen);
        memset(res->performed, 0, parts * sizeof *res->performed);
        res->generation = 1;
    }
    return res->generation;
}

static unit_state *state_of(const pd_results *res, const pd_unit *unit)
{
    return &res->units[pd_programme_unit_index(res->prog, unit)];
}

static bool body_is_status(const json_t *body)
{
    return json_object_size(body) == 1 && json_object_get(body, "status") != NULL;
}

static pd_err parse_status(const json_t *body, pd_status *out, pd_diag *diag)
{
    const char *text = json_string_value(json_object_get(body, "status"));
    if (!text)
        return pd_diag_set(diag, PD_ERR_INPUT, "status", "expected a string");
    for (int s = PD_STATUS_LIVE; s <= PD_STATUS_OFFICIAL; s++)
        if (strcmp(text, status_names[s]) == 0) {
            *out = (pd_status)s;
            return PD_OK;
        }
    return pd_diag_set(diag, PD_ERR_INPUT, "status",
                       "expected \"LIVE\", \"UNOFFICIAL\" or \"OFFICIAL\", got \"%.20s\"", text);
}

pd_status pd_results_unit_status(const pd_results *res, const pd_unit *unit)
{
    /* the last current status observation decides; without one, whether anything happened */
    const unit_state *st = state_of(res, unit);
    if (st->has_status)
        return st->explicit_status;
    return st->current_count ? PD_STATUS_LIVE : PD_STATUS_START_LIST;
}

pd_status pd_results_event_status(const pd_results *res, const pd_event *event)
{
    /* OFFICIAL when every unit is; START_LIST when none has begun; LIVE otherwise,
     * UNOFFICIAL when every unit is at least unofficial */
    pd_status lowest = PD_STATUS_OFFICIAL, highest = PD_STATUS_START_LIST;
    for (size_t p = 0; p < event->phase_count; p++)
        for (size_t u = 0; u < event->phases[p].unit_count; u++) {
            pd_status s = pd_results_unit_status(res, &event->phases[p].units[u]);
            if (s < lowest)
                lowest = s;
            if (s > highest)
                highest = s;
        }
    if (highest == PD_STATUS_START_LIST)
        return PD_STATUS_START_LIST;
    if (lowest >= PD_STATUS_UNOFFICIAL)
        return lowest;
    return PD_STATUS_LIVE;
}

int64_t pd_results_unit_last_seq(const pd_results *res, const pd_unit *unit)
{
    return state_of(res, unit)->last_seq;
}

/* --- documents ------------------------------------------------------------ */

/*
 * Append the unit's start list to competitors, skipping those already there
 * (seen[] == gen). With only set, only those who performed (performed[] ==
 * gen): while a unit is running, who has not performed yet is waiting, not a
 * DNS. The rows are built once per unit and shared by every score document
 * after (nothing changes a score document's competitors).
 */
static pd_err add_competitors(pd_results *res, json_t *competitors, const pd_unit *unit,
                              unit_state *st, uint32_t gen, bool only)
{
    if (!st->rows && unit->start_count && !(st->rows = calloc(unit->start_count, sizeof *st->rows)))
        return PD_ERR_NOMEM;
    for (size_t i = 0; i < unit->start_count; i++) {
        const pd_participant *part = unit->start_list[i].participant;
        size_t p = pd_programme_participant_index(res->prog, part);
        if (res->seen[p] == gen || (only && res->performed[p] != gen))
            continue;
        if (!st->rows[i])
            st->rows[i] = json_pack("{s:s, s:s, s:s, s:s}", "id", part->id, "name", part->name,
                                    "noc", part->noc->code, "bib", unit->start_list[i].bib);
        if (!st->rows[i] || json_array_append(competitors, st->rows[i]) != 0)
            return PD_ERR_NOMEM;
        res->seen[p] = gen;
    }
    return PD_OK;
}

/* Is any unit of a document's scope still below UNOFFICIAL? */
static bool scope_running(const pd_results *res, const pd_unit *const *units, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (pd_results_unit_status(res, units[i]) < PD_STATUS_UNOFFICIAL)
            return true;
    return false;
}

/*
 * The codes ("QFNL") of the phases of units[] whose every unit is at least
 * UNOFFICIAL, in programme order: the rounds of a knock-out that are known
 * complete while later ones run (scoring "completed"). NULL when out of memory.
 */
static json_t *completed_phases(const pd_results *res, const pd_unit *const *units, size_t count)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < count; i++) {
        const pd_phase *phase = units[i]->phase;
        if (i > 0 && units[i - 1]->phase == phase)
            continue;
        bool done = phase->unit_count > 0;
        for (size_t u = 0; u < phase->unit_count && done; u++)
            done = pd_results_unit_status(res, &phase->units[u]) >= PD_STATUS_UNOFFICIAL;
        char code[16];
        pd_rsc_field_get(&phase->rsc, PD_RSC_PHASE, code, sizeof code);
        if (done && json_array_append_new(list, json_string(code)) != 0) {
            json_decref(list);
            list = NULL;
        }
    }
    return list;
}

/*
 * One scoring: units[] (one list of the event's, in programme order) with the
 * event's kind. extra (may be NULL) is one more performance placed last; skip
 * is a seq left out; cumulative_count > 0 sets config[cumulative] to it.
 */
typedef struct {
    const pd_event *event;
    const pd_scoring *scoring;
    const pd_unit *const *units;
    size_t unit_count;
    const json_t *extra;
    int64_t skip;
    int cumulative_count;
    char event_code[16]; /* display code: discipline + gender + event ("ALPMDH") */
    bool running;        /* a unit of the scope is still below UNOFFICIAL */
} scoring_scope;

/*
 * The config a scoring runs with: the scoring's, with config[cumulative] set
 * to cumulative_count (when > 0), and while a unit of the scope runs, its
 * "live" keys and its "completed" phases. A new reference; the programme's
 * config is shared when nothing is added (kinds only read it), else copied
 * shallowly (only top-level keys are set). NULL when out of memory.
 */
static json_t *scoring_config(const pd_results *res, const scoring_scope *sc)
{
    const pd_scoring *scoring = sc->scoring;
    bool cumulative = sc->cumulative_count > 0 && scoring->cumulative;
    bool live = scoring->live && sc->running;
    bool completed = scoring->completed && sc->running;
    if (!cumulative && !live && !completed)
        return scoring->config ? json_incref((json_t *)scoring->config) : json_object();
    json_t *config = scoring->config ? json_copy((json_t *)scoring->config) : json_object();
    if (!config)
        return NULL;
    if ((cumulative && json_object_set_new(config, scoring->cumulative,
                                           json_integer(sc->cumulative_count)) != 0) ||
        (live && json_object_update(config, (json_t *)scoring->live) != 0) ||
        (completed && json_object_set_new(config, scoring->completed,
                                          completed_phases(res, sc->units, sc->unit_count)) != 0)) {
        json_decref(config);
        return NULL;
    }
    return config;
}

/*
 * The performances of a scoring: the current ones of its units (less skip),
 * then extra. Marks who performed with gen; parts (may be NULL) gets each
 * performance's programme participant index, -1 when none is known.
 */
static pd_err collect_performances(pd_results *res, const scoring_scope *sc, uint32_t gen,
                                   json_t *performances, long **parts)
{
    size_t total = sc->extra != NULL;
    for (size_t i = 0; i < sc->unit_count; i++)
        total += state_of(res, sc->units[i])->current_count;
    if (parts && !(*parts = malloc((total ? total : 1) * sizeof **parts)))
        return PD_ERR_NOMEM;
    for (size_t i = 0; i < sc->unit_count; i++) {
        const unit_state *st = state_of(res, sc->units[i]);
        for (size_t k = 0; k < st->current_count; k++) {
            const entry *e = &st->entries[st->current[k]];
            if (e->seq == sc->skip)
                continue;
            if (parts)
                (*parts)[json_array_size(performances)] = e->participant;
            if (json_array_append(performances, e->body) != 0)
                return PD_ERR_NOMEM;
            if (e->participant >= 0)
                res->performed[e->participant] = gen;
        }
    }
    if (sc->extra) {
        long part = participant_of(res, sc->extra);
        if (parts)
            (*parts)[json_array_size(performances)] = part;
        if (json_array_append(performances, (json_t *)sc->extra) != 0)
            return PD_ERR_NOMEM;
        if (part >= 0)
            res->performed[part] = gen;
    }
    return PD_OK;
}

/*
 * Until every unit of the document's scope is unofficial, only those who have
 * performed are ranked (the others are waiting, not DNS); the same for every unit
 * of one scope, so their documents differ only by rsc and status.
 */
static bool only_performed(const scoring_scope *sc)
{
    return sc->running && !sc->scoring->all_competitors;
}

/*
 * The score document of a scope as pd_scoredoc_parse would read it from its
 * podium-score/1 text (score_envelope), filled from the programme instead:
 * the competitors are the programme's participants (ids, names, NOCs and
 * bibs the programme loader already checked, unique by id), so nothing is
 * built as JSON and read back. *assembled is false, with nothing held, when a
 * performance names no competitor of the scope or a list is beyond the
 * envelope's limits: score_envelope then gives the error, worded as for a
 * score file.
 */
static pd_err score_assembled(pd_results *res, const scoring_scope *sc, pd_scoredoc *doc,
                              bool *assembled)
{
    json_t *performances = json_array();
    json_t *config = scoring_config(res, sc);
    long *parts = NULL;
    uint64_t *order = NULL;
    pd_err err = PD_ERR_NOMEM;

    *assembled = false;
    memset(doc, 0, sizeof *doc);
    uint32_t gen = new_generation(res);
    if (!performances || !config)
        goto done;
    err = collect_performances(res, sc, gen, performances, &parts);
    if (err)
        goto done;
    size_t perf_count = json_array_size(performances);
    size_t cap = 0;
    for (size_t i = 0; i < sc->unit_count; i++)
        cap += sc->units[i]->start_count;
    bool only = only_performed(sc);
    doc->competitors = calloc(cap ? cap : 1, sizeof *doc->competitors);
    doc->by_id = calloc(cap ? cap : 1, sizeof *doc->by_id);
    doc->performance_competitor =
        calloc(perf_count ? perf_count : 1, sizeof *doc->performance_competitor);
    order = malloc((cap ? cap : 1) * sizeof *order);
    err = PD_ERR_NOMEM;
    if (!doc->competitors || !doc->by_id || !doc->performance_competitor || !order)
        goto done;
    /* in start-list order, each participant once, as add_competitors lists them */
    size_t n = 0;
    for (size_t i = 0; i < sc->unit_count; i++)
        for (size_t s = 0; s < sc->units[i]->start_count; s++) {
            const pd_start_entry *start = &sc->units[i]->start_list[s];
            size_t p = pd_programme_participant_index(res->prog, start->participant);
            if (res->seen[p] == gen || (only && res->performed[p] != gen))
                continue;
            res->seen[p] = gen;
            res->slot[p] = n;
            doc->competitors[n] = (pd_competitor){start->participant->id, start->participant->name,
                                                  start->participant->noc->code, start->bib};
            order[n] = (uint64_t)res->id_rank[p] << 32 | n;
            n++;
        }
    doc->competitor_count = n;
    err = PD_OK;
    if (n > PD_SCORE_MAX_COMPETITORS || perf_count > PD_SCORE_MAX_PERFORMANCES)
        goto done;
    for (size_t i = 0; i < perf_count; i++) {
        if (parts[i] < 0 || res->seen[parts[i]] != gen)
            goto done;
        doc->performance_competitor[i] = res->slot[parts[i]];
    }
    /* by id: the rank of each id among the programme's, sorted once */
    qsort(order, n, sizeof *order, compare_u64);
    for (size_t i = 0; i < n; i++)
        doc->by_id[i] = &doc->competitors[order[i] & 0xffffffffu];
    /* the envelope's fields: root keeps config and performances alive */
    if (!(doc->root = json_object()) || json_object_set(doc->root, "config", config) != 0 ||
        json_object_set(doc->root, "performances", performances) != 0) {
        err = PD_ERR_NOMEM;
        goto done;
    }
    doc->discipline = sc->event->discipline->code;
    doc->event = sc->event_code;
    doc->kind = sc->scoring->kind;
    doc->config = config;
    doc->performances = performances;
    *assembled = true;
done:
    if (!*assembled)
        pd_scoredoc_cleanup(doc);
    free(order);
    free(parts);
    json_decref(config);
    json_decref(performances);
    return err;
}

/*
 * The score document of a scope as podium-score/1 JSON (the start lists'
 * competitor rows and the performances), read by pd_scoredoc_parse as a score
 * file is: the path taken when score_assembled cannot, and by a results set
 * told to (pd_results_through_envelope), so tests compare the two.
 */
static pd_err score_envelope(pd_results *res, const scoring_scope *sc, pd_scoredoc *doc,
                             pd_diag *diag)
{
    json_t *competitors = json_array();
    json_t *performances = json_array();
    json_t *config = scoring_config(res, sc);
    json_t *score = NULL;
    pd_err err = PD_ERR_NOMEM;

    uint32_t gen = new_generation(res);
    if (!competitors || !performances || !config)
        goto done;
    err = collect_performances(res, sc, gen, performances, NULL);
    bool only = only_performed(sc);
    for (size_t i = 0; i < sc->unit_count && !err; i++)
        err =
            add_competitors(res, competitors, sc->units[i], state_of(res, sc->units[i]), gen, only);
    if (err)
        goto done;
    score =
        json_pack("{s:s, s:s, s:s, s:s, s:O, s:O, s:O}", "format", "podium-score/1", "discipline",
                  sc->event->discipline->code, "event", sc->event_code, "kind", sc->scoring->kind,
                  "config", config, "competitors", competitors, "performances", performances);
    err = score ? pd_scoredoc_parse(score, doc, diag) : PD_ERR_NOMEM;
done:
    json_decref(score);
    json_decref(config);
    json_decref(competitors);
    json_decref(performances);
    return err;
}

/* Score units[] with the event's kind (render adds "rsc" and "status"); see scoring_scope. */
static pd_err score_scope(pd_results *res, const pd_event *event, const pd_scoring *scoring,
                          const pd_unit *const *units, size_t unit_count, const json_t *extra,
                          int64_t skip, int cumulative_count, json_t **out, pd_diag *diag)
{
    scoring_scope sc = {.event = event,
                        .scoring = scoring,
                        .units = units,
                        .unit_count = unit_count,
                        .extra = extra,
                        .skip = skip,
                        .cumulative_count = cumulative_count,
                        .running = scope_running(res, units, unit_count)};
    snprintf(sc.event_code, sizeof sc.event_code, "%.12s", event->rsc.code);
    for (char *c = sc.event_code + strlen(sc.event_code); c > sc.event_code && c[-1] == '-'; c--)
        c[-1] = '\0';

    if (!scoring->kind) {
        /* no engine for this event yet: the start list, no results */
        if (extra)
            return pd_diag_set(diag, PD_ERR_UNSUPPORTED, NULL,
                               "%s has no scoring kind yet: results cannot be entered",
                               event->rsc.code);
        *out = json_pack("{s:s, s:s, s:s, s:s, s:[]}", "format", "podium-result/1", "discipline",
                         event->discipline->code, "event", sc.event_code, "kind", "", "results");
        return *out ? PD_OK : PD_ERR_NOMEM;
    }
    pd_scoredoc doc;
    bool assembled = false;
    pd_err err = PD_OK;
    if (!res->through_envelope)
        err = score_assembled(res, &sc, &doc, &assembled);
    if (!err && !assembled)
        err = score_envelope(res, &sc, &doc, diag);
    if (err == PD_ERR_NOMEM)
        return pd_diag_set(diag, err, NULL, "out of memory");
    if (err)
        return err;
    const pd_kind *kind = pd_kind_find(doc.kind);
    if (!kind)
        err = pd_diag_set(diag, PD_ERR_UNSUPPORTED, NULL, "unknown scoring kind \"%s\"",
                          scoring->kind);
    else
        err = kind->score(&doc, out, diag);
    pd_scoredoc_cleanup(&doc);
    return err;
}

/*
 * A document: the scored scope (remembered until an observation changes a
 * unit of the event, see forget) plus "rsc" and "status". The memory is
 * what makes a unit, its phase and its event, when they cover the same
 * units, one scoring, and what lets the medal table read every official
 * event without scoring them again. A dry run (extra or skip) is never
 * remembered. Out: the document as JSON (out), or as its compact text (text,
 * len): the remembered scoring's text, dumped once, with rsc and status
 * appended, byte for byte what json_dumps(JSON_COMPACT) prints of the JSON.
 */
static pd_err render(pd_results *res, const pd_event *event, const pd_scoring *scoring,
                     const pd_unit *const *units, size_t unit_count, const json_t *extra,
                     int64_t skip, int cumulative_count, const char *rsc, pd_status status,
                     json_t **out, char **text, size_t *len, pd_diag *diag)
{
    bool dry = extra || skip;
    memo key = memo_key(scoring, units, unit_count, cumulative_count);
    memo *m = dry ? NULL : recall(res, event, &key);
    json_t *scored = m ? json_incref(m->doc) : NULL;
    if (!scored) {
        pd_err err = score_scope(res, event, scoring, units, unit_count, extra, skip,
                                 cumulative_count, &scored, diag);
        if (err)
            return err;
        m = dry ? NULL : remember(res, event, &key, scored);
    }
    if (text) {
        json_decref(scored);
        if (!m)
            return PD_ERR_NOMEM; /* a dry run never asks for text */
        if (!m->text && pd_json_dump_compact(m->doc, &m->text, &m->text_len) != PD_OK)
            return PD_ERR_NOMEM;
        /* "{...}" -> "{...,"rsc":"R","status":"S"}"; rsc codes and status names need no escape */
        const char *name = pd_status_name(status);
        bool empty = m->text_len <= 2;
        size_t head = m->text_len - 1, size = head + strlen(rsc) + strlen(name) + 24;
        char *t = malloc(size);
        if (!t)
            return PD_ERR_NOMEM;
        memcpy(t, m->text, head);
        int n = snprintf(t + head, size - head, "%s\"rsc\":\"%s\",\"status\":\"%s\"}",
                         empty ? "" : ",", rsc, name);
        *text = t;
        *len = head + (size_t)n;
        return PD_OK;
    }
    json_t *doc = json_copy(scored); /* shallow: only rsc and status are set on it */
    json_decref(scored);
    if (!doc || json_object_set_new(doc, "rsc", json_string(rsc)) != 0 ||
        json_object_set_new(doc, "status", json_string(pd_status_name(status))) != 0) {
        json_decref(doc);
        return PD_ERR_NOMEM;
    }
    *out = doc;
    return PD_OK;
}

/* Number of units of an event. */
static size_t event_unit_count(const pd_event *event)
{
    size_t total = 0;
    for (size_t p = 0; p < event->phase_count; p++)
        total += event->phases[p].unit_count;
    return total;
}

/*
 * The units a unit's document covers (scope must hold the event's unit
 * count): itself, units 1..k of its phase when cumulative, its phase or its
 * event (scoring.scope).
 */
static size_t unit_scope(const pd_unit *unit, const pd_unit **scope, int *cumulative_count)
{
    const pd_phase *phase = unit->phase;
    const pd_event *event = phase->event;
    size_t k = (size_t)(unit - phase->units);
    size_t n = 0;
    *cumulative_count = 0;
    if (phase->scoring.cumulative) {
        for (size_t i = 0; i <= k; i++)
            scope[n++] = &phase->units[i];
        *cumulative_count = (int)(k + 1);
    } else if (phase->scoring.scope == PD_SCOPE_PHASE) {
        for (size_t i = 0; i < phase->unit_count; i++)
            scope[n++] = &phase->units[i];
    } else if (phase->scoring.scope == PD_SCOPE_EVENT) {
        for (size_t p = 0; p < event->phase_count; p++)
            for (size_t i = 0; i < event->phases[p].unit_count; i++)
                scope[n++] = &event->phases[p].units[i];
    } else {
        scope[n++] = unit;
    }
    return n;
}

static pd_err unit_render(pd_results *res, const pd_unit *unit, json_t **out, char **text,
                          size_t *len, pd_diag *diag)
{
    const pd_event *event = unit->phase->event;
    const pd_unit **scope = calloc(event_unit_count(event), sizeof *scope);
    int cumulative_count;
    if (!scope)
        return PD_ERR_NOMEM;
    size_t n = unit_scope(unit, scope, &cumulative_count);
    pd_err err = render(res, event, &unit->phase->scoring, scope, n, NULL, 0, cumulative_count,
                        unit->rsc.code, pd_results_unit_status(res, unit), out, text, len, diag);
    free(scope);
    return err;
}

pd_err pd_results_unit_doc(pd_results *res, const pd_unit *unit, json_t **out, pd_diag *diag)
{
    return unit_render(res, unit, out, NULL, NULL, diag);
}

pd_err pd_results_unit_text(pd_results *res, const pd_unit *unit, char **text, size_t *len,
                            pd_diag *diag)
{
    return unit_render(res, unit, NULL, text, len, diag);
}

/* A cumulative phase: the standing after all its units, named by the phase. */
static pd_err render_phase_cumulative(pd_results *res, const pd_phase *phase, json_t **out,
                                      pd_diag *diag)
{
    const pd_unit **scope = calloc(event_unit_count(phase->event), sizeof *scope);
    int cumulative_count;
    if (!scope)
        return PD_ERR_NOMEM;
    size_t n = unit_scope(&phase->units[phase->unit_count - 1], scope, &cumulative_count);
    pd_err err =
        render(res, phase->event, &phase->scoring, scope, n, NULL, 0, cumulative_count,
               phase->rsc.code, pd_results_phase_status(res, phase), out, NULL, NULL, diag);
    free(scope);
    return err;
}

pd_status pd_results_phase_status(const pd_results *res, const pd_phase *phase)
{
    /* as for an event: OFFICIAL when every unit is, START_LIST when none has begun */
    pd_status lowest = PD_STATUS_OFFICIAL, highest = PD_STATUS_START_LIST;
    for (size_t u = 0; u < phase->unit_count; u++) {
        pd_status s = pd_results_unit_status(res, &phase->units[u]);
        if (s < lowest)
            lowest = s;
        if (s > highest)
            highest = s;
    }
    if (highest == PD_STATUS_START_LIST)
        return PD_STATUS_START_LIST;
    return lowest >= PD_STATUS_UNOFFICIAL ? lowest : PD_STATUS_LIVE;
}

pd_err pd_results_phase_doc(pd_results *res, const pd_phase *phase, json_t **out, pd_diag *diag)
{
    const pd_event *event = phase->event;
    if (phase->unit_count == 0)
        return render(res, event, &phase->scoring, NULL, 0, NULL, 0, 0, phase->rsc.code,
                      PD_STATUS_START_LIST, out, NULL, NULL, diag);
    if (phase->scoring.cumulative) /* the last unit's standing covers the whole phase */
        return render_phase_cumulative(res, phase, out, diag);
    const pd_unit **scope = calloc(phase->unit_count, sizeof *scope);
    if (!scope)
        return PD_ERR_NOMEM;
    for (size_t u = 0; u < phase->unit_count; u++)
        scope[u] = &phase->units[u];
    pd_err err =
        render(res, event, &phase->scoring, scope, phase->unit_count, NULL, 0, 0, phase->rsc.code,
               pd_results_phase_status(res, phase), out, NULL, NULL, diag);
    free(scope);
    return err;
}

static pd_err event_render(pd_results *res, const pd_event *event, json_t **out, char **text,
                           size_t *len, pd_diag *diag)
{
    size_t total = event_unit_count(event);
    const pd_unit **scope = calloc(total ? total : 1, sizeof *scope);
    const pd_scoring *scoring = &event->scoring;
    if (!scope)
        return PD_ERR_NOMEM;
    size_t n = 0;
    if (event->result_phase) {
        /* the event's result is that of one phase, all its units counted */
        scoring = &event->result_phase->scoring;
        for (size_t u = 0; u < event->result_phase->unit_count; u++)
            scope[n++] = &event->result_phase->units[u];
    } else {
        for (size_t p = 0; p < event->phase_count; p++)
            for (size_t u = 0; u < event->phases[p].unit_count; u++)
                scope[n++] = &event->phases[p].units[u];
    }
    pd_err err = render(res, event, scoring, scope, n, NULL, 0, 0, event->rsc.code,
                        pd_results_event_status(res, event), out, text, len, diag);
    free(scope);
    return err;
}

pd_err pd_results_event_doc(pd_results *res, const pd_event *event, json_t **out, pd_diag *diag)
{
    return event_render(res, event, out, NULL, NULL, diag);
}

pd_err pd_results_event_text(pd_results *res, const pd_event *event, char **text, size_t *len,
                             pd_diag *diag)
{
    return event_render(res, event, NULL, text, len, diag);
}

size_t pd_results_dependents(const pd_unit *unit, const pd_unit **out)
{
    const pd_event *event = unit->phase->event;
    const pd_unit **scope = calloc(event_unit_count(event), sizeof *scope);
    size_t count = 0;
    int cumulative_count;
    if (!scope)
        return 0;
    for (size_t p = 0; p < event->phase_count; p++)
        for (size_t u = 0; u < event->phases[p].unit_count; u++) {
            const pd_unit *other = &event->phases[p].units[u];
            size_t n = unit_scope(other, scope, &cumulative_count);
            for (size_t i = 0; i < n; i++)
                if (scope[i] == unit) {
                    out[count++] = other;
                    break;
                }
        }
    free(scope);
    return count;
}

/* --- checking and applying -------------------------------------------------- */

/* A unit's entries are in seq order (applied in log order): binary search. */
static entry *find_entry(unit_state *st, int64_t seq)
{
    size_t lo = 0, hi = st->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (st->entries[mid].seq < seq)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < st->count && st->entries[lo].seq == seq ? &st->entries[lo] : NULL;
}

/* Keep only the part of a path after "performances[N]." when N is the new performance. */
static void relative_path(pd_diag *diag, size_t index)
{
    char prefix[48];
    if (!diag)
        return;
    int n = snprintf(prefix, sizeof prefix, "performances[%zu]", index);
    if (strncmp(diag->path, prefix, (size_t)n) != 0)
        return;
    const char *rest = diag->path + n;
    if (*rest == '.')
        rest++;
    memmove(diag->path, rest, strlen(rest) + 1);
}

pd_err pd_results_precheck(pd_results *res, const pd_unit *unit, const json_t *body,
                           int64_t supersedes, bool admin, pd_diag *diag)
{
    unit_state *st = state_of(res, unit);
    pd_status current = pd_results_unit_status(res, unit);
    if (!json_is_object(body))
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "an observation is a JSON object");
    if (supersedes > 0) {
        entry *target = find_entry(st, supersedes);
        if (!target)
            return pd_diag_set(diag, PD_ERR_CONFLICT, "supersedes",
                               "observation %lld is not one of %s", (long long)supersedes,
                               unit->rsc.code);
        if (target->superseded)
            return pd_diag_set(diag, PD_ERR_CONFLICT, "supersedes",
                               "observation %lld is already superseded", (long long)supersedes);
        if (target->is_status != body_is_status(body))
            return pd_diag_set(diag, PD_ERR_INPUT, "supersedes",
                               "a status change and a performance cannot supersede each other");
    }
    if (body_is_status(body)) {
        pd_status wanted = PD_STATUS_START_LIST;
        pd_err err = parse_status(body, &wanted, diag);
        if (err)
            return err;
        if (wanted < current && !admin)
            return pd_diag_set(diag, PD_ERR_CONFLICT, "status",
                               "%s is %s: a status moves only forward (an admin may correct it)",
                               unit->rsc.code, pd_status_name(current));
        return PD_OK;
    }
    if (current == PD_STATUS_OFFICIAL && !admin)
        return pd_diag_set(diag, PD_ERR_CONFLICT, NULL,
                           "%s is OFFICIAL: only an admin may change its results", unit->rsc.code);
    return PD_OK;
}

pd_err pd_results_check(pd_results *res, const pd_unit *unit, const json_t *body,
                        int64_t supersedes, bool admin, pd_diag *diag)
{
    pd_err err = pd_results_precheck(res, unit, body, supersedes, admin, diag);
    if (err || body_is_status(body))
        return err;
    pd_status current = pd_results_unit_status(res, unit);
    /* dry run: score the unit with the new performance last */
    const pd_unit **scope = calloc(event_unit_count(unit->phase->event), sizeof *scope);
    int cumulative_count;
    json_t *doc = NULL;
    if (!scope)
        return PD_ERR_NOMEM;
    size_t n = unit_scope(unit, scope, &cumulative_count);
    size_t index = 0;
    for (size_t i = 0; i < n; i++) {
        unit_state *s = state_of(res, scope[i]);
        const entry *target = supersedes > 0 ? find_entry(s, supersedes) : NULL;
        index += s->current_count - (target && !target->superseded && !target->is_status);
    }
    err = render(res, unit->phase->event, &unit->phase->scoring, scope, n, body, supersedes,
                 cumulative_count, unit->rsc.code, current, &doc, NULL, NULL, diag);
    free(scope);
    json_decref(doc);
    if (err == PD_ERR_INPUT)
        relative_path(diag, index);
    return err;
}

/* Derive the unit's status and last seq from its entries. */
static void settle(unit_state *st)
{
    /* the status is that of the last current status observation */
    st->has_status = false;
    for (size_t i = st->count; i-- > 0;) {
        pd_status status = PD_STATUS_START_LIST;
        if (st->entries[i].is_status && !st->entries[i].superseded &&
            parse_status(st->entries[i].body, &status, NULL) == PD_OK) {
            st->explicit_status = status;
            st->has_status = true;
            break;
        }
    }
    st->last_seq = st->count ? st->entries[st->count - 1].seq : 0;
}

/* Where index is, or would go, in the unit's rising list of current performances. */
static size_t current_position(const unit_state *st, size_t index)
{
    size_t lo = 0, hi = st->current_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (st->current[mid] < index)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* A performance is superseded: it leaves the current list. */
static void drop_current(unit_state *st, size_t index)
{
    size_t at = current_position(st, index);
    if (at < st->current_count && st->current[at] == index) {
        memmove(&st->current[at], &st->current[at + 1],
                (st->current_count - at - 1) * sizeof *st->current);
        st->current_count--;
    }
}

/*
 * Its superseding observation taken back, a performance is current again. No
 * allocation: the list had it before, and undo first drops the one taken back.
 */
static void restore_current(unit_state *st, size_t index)
{
    size_t at = current_position(st, index);
    memmove(&st->current[at + 1], &st->current[at], (st->current_count - at) * sizeof *st->current);
    st->current[at] = index;
    st->current_count++;
}

pd_err pd_results_apply(pd_results *res, const pd_unit *unit, int64_t seq, json_t *body,
                        int64_t supersedes)
{
    unit_state *st = state_of(res, unit);
    if (st->count && seq <= st->entries[st->count - 1].seq)
        return PD_ERR_CONFLICT; /* seqs rise: find_entry searches them */
    if (pd_grow(&st->entries, &st->cap, st->count, sizeof *st->entries, 16) != PD_OK ||
        pd_grow(&st->current, &st->current_cap, st->current_count, sizeof *st->current, 16) !=
            PD_OK)
        return PD_ERR_NOMEM;
    /*
     * What it supersedes, looked up before it is added (a log row naming its own
     * seq takes nothing). A target that is unknown or already superseded (only a
     * log edited by hand gets here: the server prechecks) is not taken, and the
     * entry records none, so that undo gives back only what apply took.
     */
    entry *target = supersedes > 0 ? find_entry(st, supersedes) : NULL;
    if (target && target->superseded)
        target = NULL;
    size_t index = st->count;
    entry *e = &st->entries[st->count++];
    e->seq = seq;
    e->supersedes = target ? supersedes : 0;
    e->participant = participant_of(res, body);
    e->body = json_incref(body);
    e->superseded = false;
    e->is_status = body_is_status(body);
    bool status_moved = e->is_status;
    if (target) {
        target->superseded = true;
        status_moved |= target->is_status;
        if (!target->is_status)
            drop_current(st, (size_t)(target - st->entries));
    }
    if (!e->is_status)
        st->current[st->current_count++] = index;
    /* only a status observation, new or superseded, moves the status: scan then */
    if (status_moved)
        settle(st);
    else
        st->last_seq = seq;
    forget(res, unit->phase->event);
    return PD_OK;
}

pd_err pd_results_undo(pd_results *res, const pd_unit *unit, int64_t seq)
{
    unit_state *st = state_of(res, unit);
    if (!st->count || st->entries[st->count - 1].seq != seq)
        return PD_ERR_NOT_FOUND;
    entry *e = &st->entries[--st->count];
    /* a performance is the last current one: its seq is the unit's highest */
    if (!e->is_status)
        st->current_count--;
    if (e->supersedes > 0) {
        entry *target = find_entry(st, e->supersedes);
        if (target && target->superseded) {
            target->superseded = false;
            if (!target->is_status)
                restore_current(st, (size_t)(target - st->entries));
        }
    }
    json_decref(e->body);
    settle(st);
    forget(res, unit->phase->event);
    return PD_OK;
}

/* --- the medal table ------------------------------------------------------------ */

pd_err pd_results_medals_doc(pd_results *res, json_t **out, pd_diag *diag)
{
    size_t event_count = pd_programme_event_count(res->prog);
    pd_medal_event *events = calloc(event_count ? event_count : 1, sizeof *events);
    json_t **docs = calloc(event_count ? event_count : 1, sizeof *docs);
    pd_medal_table table = {0};
    size_t used = 0;
    pd_err err = PD_ERR_NOMEM;
    if (!events || !docs)
        goto done;
    for (size_t i = 0; i < event_count; i++) {
        const pd_event *event = pd_programme_event(res->prog, i);
        if (pd_results_event_status(res, event) != PD_STATUS_OFFICIAL)
            continue;
        err = pd_results_event_doc(res, event, &docs[used], diag);
        if (err)
            goto done;
        json_t *rows = json_object_get(docs[used], "results");
        size_t n = json_array_size(rows);
        pd_medal_entry *entries = calloc(n ? n : 1, sizeof *entries);
        if (!entries) {
            err = PD_ERR_NOMEM;
            json_decref(docs[used]);
            goto done;
        }
        for (size_t r = 0; r < n; r++) {
            json_t *row = json_array_get(rows, r);
            const char *id = json_string_value(json_object_get(row, "competitor"));
            const pd_participant *part = id ? pd_programme_find_participant(res->prog, id) : NULL;
            entries[r].noc = part ? part->noc->code : "";
            entries[r].entry = id;
            entries[r].rank = (int)json_integer_value(json_object_get(row, "rank"));
        }
        events[used].event = event->rsc.code;
        events[used].entries = entries;
        events[used].count = n;
        used++;
    }
    err = pd_medals_table(events, used, &table, diag);
    if (err)
        goto done;
    json_t *list = json_array();
    for (size_t i = 0; list && i < table.count; i++) {
        const pd_medal_row *row = &table.rows[i];
        json_array_append_new(list,
                              json_pack("{s:i, s:s, s:i, s:i, s:i, s:i}", "rank", row->rank, "noc",
                                        row->noc, "gold", row->gold, "silver", row->silver,
                                        "bronze", row->bronze, "total", row->total));
    }
    *out = list ? json_pack("{s:o}", "medals", list) : NULL;
    err = *out ? PD_OK : PD_ERR_NOMEM;
    pd_medal_table_cleanup(&table);
done:
    for (size_t i = 0; i < used; i++) {
        free((void *)events[i].entries);
        json_decref(docs[i]);
    }
    free(events);
    free(docs);
    return err;
}

pd_err pd_results_apply_stored(pd_results *res, const char *code, const char *body, size_t body_len,
                               int64_t seq, int64_t supersedes, bool *applied, pd_diag *diag)
{
    const pd_unit *unit = pd_programme_find_unit(res->prog, code);
    json_t *parsed;
    *applied = false;
    if (!unit)
        return PD_OK;
    pd_err err = pd_json_parse(body, body_len, &parsed, diag);
    if (err)
        return err;
    err = pd_results_apply(res, unit, seq, parsed, supersedes);
    json_decref(parsed);
    *applied = !err;
    return err;
}
