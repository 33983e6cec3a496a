/*
 * programme.h: the competition programme of a Games.
 *
 * A programme is loaded from a podium-programme/1 file (docs/formats.md):
 * zones, venues, sports, disciplines, NOCs, participants (athletes and teams),
 * and the medal events with their phases and units, each unit with its venue,
 * local start time and start list. Loading validates every reference, so code
 * that holds a pd_programme can follow pointers without checks.
 *
 * The pd_programme is opaque and immutable once loaded; the structs it hands
 * out are borrowed views that live as long as it.
 */
#ifndef PODIUM_PROGRAMME_H
#define PODIUM_PROGRAMME_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "podium/err.h"
#include "podium/rsc.h"

typedef struct {
    const char *code;
    const char *name;
} pd_zone;

typedef struct {
    const char *code;
    const char *name;
    const pd_zone *zone;
} pd_venue;

typedef struct {
    const char *code;
    const char *name;
} pd_sport;

typedef struct {
    const char *code; /* ALP, BTH, ... */
    const char *name;
    const pd_sport *sport;
} pd_discipline;

typedef struct {
    const char *code; /* IOC three-letter code */
    const char *name;
} pd_noc;

typedef struct pd_participant pd_participant;
struct pd_participant {
    const char *id;
    const char *name;
    const pd_noc *noc;
    const pd_participant *const *members; /* team members; NULL when an athlete */
    size_t member_count;
    bool is_team;
};

typedef struct {
    const pd_participant *participant;
    const char *bib; /* "" when none */
    int order;       /* start order, 1-based */
} pd_start_entry;

typedef struct pd_event pd_event;
typedef struct pd_phase pd_phase;

/* What a unit's result document covers (docs/formats.md, "scoring"). */
typedef enum {
    PD_SCOPE_UNIT = 0, /* the unit itself, or units 1..k of its phase when cumulative */
    PD_SCOPE_PHASE,    /* every unit of its phase */
    PD_SCOPE_EVENT     /* every unit of its event */
} pd_scope;

/* How results are computed from observations (docs/formats.md, "scoring"). */
typedef struct {
    const char *kind;       /* scoring kind; NULL when not given (no engine) */
    const json_t *config;   /* borrowed; an object, NULL when not given */
    const char *cumulative; /* config key counting units ("runs"), NULL when none */
    pd_scope scope;         /* what a unit's document covers */
    const json_t *live;     /* borrowed; config keys that replace config's while a unit of
                             * the document's scope is below UNOFFICIAL; NULL when none */
    bool all_competitors;   /* every start-list entry is a competitor at once (a tournament
                             * needs its whole field), not only those who performed */
    const char *completed;  /* config key that lists, while a unit of the scope is below
                             * UNOFFICIAL, the phase codes of the scope whose every unit is
                             * at least UNOFFICIAL ("complete"); NULL when none */
} pd_scoring;

typedef struct {
    pd_rsc rsc;
    const char *name;
    const pd_venue *venue;
    const char *start; /* "2022-02-07T12:00:00+08:00", local time with offset */
    const char *end;   /* same form */
    char day[11];      /* local date "2022-02-07" */
    bool medal;        /* this unit awards medals */
    const pd_start_entry *start_list;
    size_t start_count;
    const pd_phase *phase;
} pd_unit;

struct pd_phase {
    pd_rsc rsc;
    const char *name;
    const pd_unit *units;
    size_t unit_count;
    const pd_event *event;
    pd_scoring scoring; /* the event's, with the phase's overrides ("phases") applied */
};

struct pd_event {
    pd_rsc rsc;
    const char *name;
    const pd_discipline *discipline;
    char gender; /* 'M' men, 'W' women, 'X' mixed, 'O' open (ODF) */
    const pd_phase *phases;
    size_t phase_count;
    const pd_unit *first_unit; /* earliest start: the event's start and venue */
    const pd_unit *last_unit;  /* latest end */
    /* How results are computed (docs/formats.md, "scoring"); kind NULL when not given */
    pd_scoring scoring;
    /* The phase whose document is the event's result ("result"); NULL: the event's
     * kind over every unit of the event */
    const pd_phase *result_phase;
};

typedef struct pd_programme pd_programme;

/*
 * Load and validate a programme file. Errors name the JSON path of the first
 * problem ("events[3].phases[0].units[2].venue: unknown venue \"XYZ\"").
 */
pd_err pd_programme_load_file(const char *filename, pd_programme **out, pd_diag *diag);

/* Load from a parsed document; takes a new reference to root on success. */
pd_err pd_programme_load_json(json_t *root, pd_programme **out, pd_diag *diag);

/* Free a programme. Accepts NULL. */
void pd_programme_free(pd_programme *prog);

/* Games-level facts. */
const char *pd_programme_games_name(const pd_programme *prog);
const char *pd_programme_utc_offset(const pd_programme *prog);
/* The Games' code ("OWG2022"); "" when the file gives none. */
const char *pd_programme_games_code(const pd_programme *prog);

/* Collections, in file order. Index must be below the count. */
size_t pd_programme_event_count(const pd_programme *prog);
const pd_event *pd_programme_event(const pd_programme *prog, size_t index);
size_t pd_programme_discipline_count(const pd_programme *prog);
const pd_discipline *pd_programme_discipline(const pd_programme *prog, size_t index);
size_t pd_programme_sport_count(const pd_programme *prog);
size_t pd_programme_venue_count(const pd_programme *prog);
const pd_venue *pd_programme_venue(const pd_programme *prog, size_t index);
size_t pd_programme_zone_count(const pd_programme *prog);
size_t pd_programme_noc_count(const pd_programme *prog);
size_t pd_programme_participant_count(const pd_programme *prog);
/* The index-th zone, NOC or participant in file order (index below the count). */
const pd_zone *pd_programme_zone(const pd_programme *prog, size_t index);
const pd_noc *pd_programme_noc(const pd_programme *prog, size_t index);
const pd_participant *pd_programme_participant(const pd_programme *prog, size_t index);
size_t pd_programme_unit_count(const pd_programme *prog);

/* Every unit sorted by start time, then rsc. */
const pd_unit *pd_programme_unit_by_time(const pd_programme *prog, size_t index);

/* Every participant sorted by id (strcmp), as pd_programme_find_participant searches them. */
const pd_participant *pd_programme_participant_by_id(const pd_programme *prog, size_t index);

/* Lookups; NULL when absent. */
const pd_event *pd_programme_find_event(const pd_programme *prog, const char *rsc);
const pd_unit *pd_programme_find_unit(const pd_programme *prog, const char *rsc);
const pd_discipline *pd_programme_find_discipline(const pd_programme *prog, const char *code);
const pd_noc *pd_programme_find_noc(const pd_programme *prog, const char *code);
const pd_participant *pd_programme_find_participant(const pd_programme *prog, const char *id);

/* Position of a unit (0..unit_count-1, in file order), event or participant, for arrays kept
 * beside. */
size_t pd_programme_unit_index(const pd_programme *prog, const pd_unit *unit);
size_t pd_programme_event_index(const pd_programme *prog, const pd_event *event);
size_t pd_programme_participant_index(const pd_programme *prog, const pd_participant *part);

/* The unit at a file-order position. */
const pd_unit *pd_programme_unit(const pd_programme *prog, size_t index);

/* Count the medal events of a discipline. */
size_t pd_programme_discipline_event_count(const pd_programme *prog, const char *code);

#endif
