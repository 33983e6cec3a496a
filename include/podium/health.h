/*
 * health.h: closed-loop health management, the pure engine.
 *
 * Rules come as dated rule sets (pd_health_rules, loaded from
 * data/health/beijing2022.json by health_doc.h); facts come as events
 * (arrivals, samples, lab results with Ct values, daily health reports,
 * contact links, departures). A participant's status on a day is a pure
 * function of their events up to that day, each day judged by the rule set
 * in force on that day. Nothing here reads files, clocks or JSON.
 *
 * Days are whole days counted from 1970-01-01 (Games dates are local Beijing
 * dates, no time of day). Ct values and temperatures are integers in
 * hundredths of a cycle and tenths of a degree Celsius: no floating point.
 */
#ifndef PODIUM_HEALTH_H
#define PODIUM_HEALTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "podium/err.h"

#define PD_HEALTH_ID_MAX       32 /* person, sample, venue ids: [A-Za-z0-9_.-], 1..32 chars */
#define PD_HEALTH_RULESETS_MAX 8
#define PD_HEALTH_PERSONS_MAX  200000
#define PD_HEALTH_EVENTS_MAX   400  /* per person: ~60 days x (2 tests + report) + links */
#define PD_HEALTH_CT_NONE      (-1) /* no amplification: negative at any threshold */
#define PD_HEALTH_REASON_MAX   160

/* What a grey-zone result (between positive and negative) leads to. */
typedef enum {
    PD_HEALTH_GREY_ISOLATE,      /* treated as a case: isolation */
    PD_HEALTH_GREY_CLOSE_CONTACT /* managed as a close contact, generates no contacts */
} pd_health_grey_action;

/* One rule set, in force from `effective_day` until the next set's. */
typedef struct {
    char version[PD_HEALTH_ID_MAX + 1];
    int32_t effective_day;
    /* pre-departure: `tests` negative PCR tests on separate days at least
     * min_interval_h apart, all within window_h of departure, one within
     * one_within_h */
    int predeparture_tests, predeparture_window_h, predeparture_one_within_h,
        predeparture_min_interval_h;
    /* vaccination: fully vaccinated at least `days` before departure, or an
     * arrival quarantine of quarantine_days */
    int vaccination_days_before, unvaccinated_quarantine_days;
    int screening_tests_per_day; /* PCR tests a day in the loop */
    int positive_ct_below;       /* Ct < this: positive (hundredths) */
    int negative_ct_from;        /* Ct >= this (or none): negative; between: grey zone */
    pd_health_grey_action grey_action;
    int grey_close_contact_days;  /* for PD_HEALTH_GREY_CLOSE_CONTACT */
    int release_negatives;        /* consecutive negative results on separate days */
    int release_negative_ct_from; /* a result counts negative for release when Ct >= this */
    int release_alt_min_days;     /* 0: no alternative; else days isolated at least */
    int release_alt_days;         /* ... and a result on each of the last N days */
    int release_alt_ct_from;      /* ... each with Ct >= this */
    int close_contact_days;       /* period after the exposure day */
    int close_contact_tests_per_day;
    int fever_tenths;             /* temperature >= this (tenths of degree C) is fever */
    bool close_contact_may_enter; /* close contacts may train and compete */
} pd_health_rules;

typedef enum {
    PD_HEALTH_NOT_IN_LOOP, /* not arrived, or departed */
    PD_HEALTH_CLEARED,     /* in the loop, tests up to date */
    PD_HEALTH_DUE,         /* must be tested today before being cleared */
    PD_HEALTH_CLOSE_CONTACT,
    PD_HEALTH_ISOLATED,
    PD_HEALTH_RELEASED,  /* released from isolation (on that day and after) */
    PD_HEALTH_QUARANTINE /* arrival quarantine of the unvaccinated */
} pd_health_status;

/* The name used in documents: "cleared", "due", "close_contact", ... */
const char *pd_health_status_name(pd_health_status status);

typedef enum {
    PD_HEALTH_SITE_LOOP,    /* screening in the closed loop */
    PD_HEALTH_SITE_AIRPORT, /* test on arrival */
    PD_HEALTH_SITE_ISOLATION
} pd_health_site;

typedef enum {
    PD_HEALTH_GROUP_ATHLETE, /* athletes and team officials */
    PD_HEALTH_GROUP_OTHER    /* other stakeholders */
} pd_health_group;

/* An arrival in the loop. */
typedef struct {
    const char *person;
    const char *venue; /* hotel or venue where the person is tested */
    pd_health_group group;
    int32_t day;
    bool vaccinated; /* fully vaccinated long enough before departure, or exempt */
    int predeparture_count;
    int predeparture_hours[4]; /* hours before departure of each negative pre-departure test */
} pd_health_arrival;

typedef struct pd_health pd_health;

/* A state with `count` rule sets (copied; sorted by effective day, distinct
 * days). NULL with diag set on bad rules or no memory. Free with pd_health_free. */
pd_health *pd_health_new(const pd_health_rules *rules, size_t count, pd_diag *diag);
void pd_health_free(pd_health *h);

/* The rule set in force on day, NULL before the first one. Borrowed. */
const pd_health_rules *pd_health_rules_on(const pd_health *h, int32_t day);
size_t pd_health_rules_count(const pd_health *h);
const pd_health_rules *pd_health_rules_at(const pd_health *h, size_t index);

/*
 * Pre-departure tests against a rule set: true when they satisfy it; else
 * false with the failing condition in reason (no personal data).
 */
bool pd_health_predeparture_ok(const pd_health_rules *rules, const int *hours, int count,
                               char *reason, size_t size);

/* Classify a Ct value (hundredths, or PD_HEALTH_CT_NONE) under rules. */
typedef enum { PD_HEALTH_NEGATIVE, PD_HEALTH_GREY, PD_HEALTH_POSITIVE } pd_health_result_class;
pd_health_result_class pd_health_classify(const pd_health_rules *rules, int ct);

/*
 * Events. Each returns PD_ERR_INPUT with diag (naming a field, never a
 * person) on bad input, PD_ERR_CONFLICT when it contradicts the state (a
 * second arrival, an unknown or duplicate sample), PD_ERR_NOMEM at the limits.
 * A call that fails changes nothing. The check_* twins answer the same
 * question without changing anything.
 */
pd_err pd_health_arrive(pd_health *h, const pd_health_arrival *arrival, pd_diag *diag);
pd_err pd_health_depart(pd_health *h, const char *person, int32_t day, pd_diag *diag);
/* A sample taken on day at site (its result follows with pd_health_result). */
pd_err pd_health_sample(pd_health *h, const char *sample, const char *person, int32_t day,
                        pd_health_site site, pd_diag *diag);
/* A sample taken and analysed at once (bulk feeds without sample ids). */
pd_err pd_health_test(pd_health *h, const char *person, int32_t day, pd_health_site site, int ct,
                      pd_diag *diag);
/* The lab result of a sample: Ct in hundredths or PD_HEALTH_CT_NONE. */
pd_err pd_health_result(pd_health *h, const char *sample, int ct, pd_diag *diag);
/* A daily health report: temperature in tenths of a degree, symptoms. */
pd_err pd_health_report(pd_health *h, const char *person, int32_t day, int temperature_tenths,
                        bool symptoms, pd_diag *diag);
/* person was in close contact with case_person on day (the exposure day). */
pd_err pd_health_contact(pd_health *h, const char *person, const char *case_person, int32_t day,
                         pd_diag *diag);

pd_err pd_health_check_arrive(const pd_health *h, const pd_health_arrival *arrival, pd_diag *diag);
pd_err pd_health_check_person(const pd_health *h, const char *person, pd_diag *diag);
pd_err pd_health_check_sample(const pd_health *h, const char *sample, const char *person,
                              pd_diag *diag);
pd_err pd_health_check_result(const pd_health *h, const char *sample, pd_diag *diag);

/* A participant's standing on one day, with why and by which rule. */
typedef struct {
    pd_health_status status;
    bool may_enter;
    int32_t since_day;        /* first day of this status (0 when none) */
    int32_t until_day;        /* last planned day (close contact, quarantine), 0 when open */
    int32_t isolated_day;     /* start of the current or last isolation, 0 when none */
    int32_t released_day;     /* day of the last release, 0 when none */
    int tests_required;       /* PCR tests required that day */
    int tests_taken;          /* samples taken that day */
    const char *rule_version; /* the rule set in force that day (borrowed), "" before any */
    const char *rule;         /* the rule applied: "ct.positive_below", ... */
    char reason[PD_HEALTH_REASON_MAX];
} pd_health_standing;

/* The standing of person on day. PD_ERR_NOT_FOUND for an unknown person. */
pd_err pd_health_standing_on(const pd_health *h, const char *person, int32_t day,
                             pd_health_standing *out);

/* Visit every day of person's standing from their arrival through last_day. */
typedef void (*pd_health_day_fn)(int32_t day, const pd_health_standing *standing, void *ctx);
pd_err pd_health_history(const pd_health *h, const char *person, int32_t last_day,
                         pd_health_day_fn visit, void *ctx);

/*
 * May person enter a venue on day ("YYYY-MM-DD")? false for an unknown
 * person, a bad day, and anyone isolated, in arrival quarantine, out of the
 * loop or without an up-to-date test; reason says why in a few words without
 * clinical detail (no Ct, no temperature) so it can be shown at a gate.
 * A pure query: it changes nothing. The accreditation service calls it.
 */
bool pd_health_may_enter(const pd_health *h, const char *person, const char *day, char *reason,
                         size_t size);

/* Official-style figures for one day. */
typedef struct {
    int32_t day;
    int arrivals[2]; /* by pd_health_group */
    int tests_airport, tests_loop;
    int positives_airport[2], positives_loop[2];        /* by group */
    int grey;                                           /* grey-zone results */
    int isolations, releases;                           /* started / ended that day */
    int isolated, close_contacts, quarantined, in_loop; /* at the end of the day */
} pd_health_day_figures;

/*
 * Figures for every day from first_day to last_day (at most 400 days) into
 * out (last_day - first_day + 1 entries). Every participant's standing is
 * recomputed: this is the "every status updated" pass.
 */
pd_err pd_health_figures(const pd_health *h, int32_t first_day, int32_t last_day,
                         pd_health_day_figures *out, pd_diag *diag);

/* Participants (ids borrowed) and their standing on day, for lists. */
typedef void (*pd_health_person_fn)(const char *person, const char *venue,
                                    const pd_health_standing *standing, void *ctx);
void pd_health_each(const pd_health *h, int32_t day, pd_health_person_fn visit, void *ctx);

/* Counts. */
size_t pd_health_person_count(const pd_health *h);
/* First and last day with an event; false when there are none. */
bool pd_health_day_range(const pd_health *h, int32_t *first, int32_t *last);

/* "YYYY-MM-DD" <-> day number. Parse: false on anything else (1900..2199). */
bool pd_health_day_parse(const char *text, int32_t *day);
/* Writes "YYYY-MM-DD" into out (at least 11 bytes). */
void pd_health_day_format(int32_t day, char *out, size_t size);

#endif
