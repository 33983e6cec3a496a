/*
 * ssk_massstart.h: the speed skating mass start, decided by sprint points.
 *
 * A mass start race (16 laps at the Olympic Winter Games) has intermediate
 * sprints (after laps 4, 8 and 12) and the final sprint (the finish). The
 * first three of an intermediate sprint earn 3, 2 and 1 points; the first six
 * over the finish line earn 60, 40, 20, 10, 6 and 3 points (the values in force
 * for 2021/22 and applied at Beijing 2022; the 2018 values were 5, 3, 1 and
 * 60, 40, 20). Skaters are ranked by their points; those with equal points,
 * and those without points, by the order in which they crossed the finish
 * line; skaters who did not complete the race after every finisher, by the
 * number of laps they completed (more laps first). A disqualified skater is
 * unranked and the points of the places they held are not passed on. The
 * best `qualify` of a semi-final go to the final (ties at the cut included);
 * the Referee may advance others (ADV).
 *
 * The crossing order is pd_mass_rank's: finish positions when given (photo
 * finish), else the times cut to 1/100 s; equal positions are a dead heat and
 * share the place, so the place's points go to each of them.
 */
#ifndef PODIUM_SSK_MASSSTART_H
#define PODIUM_SSK_MASSSTART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "podium/err.h"
#include "podium/rank.h"

/* Most intermediate sprints a race can have. */
#define PD_SSKMS_MAX_SPRINTS 15

/* Places that earn points: in an intermediate sprint, in the final sprint. */
#define PD_SSKMS_SPRINT_PLACES 3
#define PD_SSKMS_FINAL_PLACES  6

typedef struct {
    bool present;                           /* false: no performance (DNS) */
    pd_irm irm;                             /* NONE, DSQ, DNF, DNS or WD */
    bool finished;                          /* crossed the finish line after the last lap */
    int64_t time_ms;                        /* race time when finished, >= 0 */
    int64_t finish;                         /* photo-finish position (>= 1), 0 when not given */
    int64_t laps;                           /* laps completed when not finished (0 .. laps - 1) */
    int sprint_place[PD_SSKMS_MAX_SPRINTS]; /* place in each intermediate sprint, 0 none */
    bool advanced;                          /* advanced to the final by the Referee */
    int64_t order;                          /* start order (bib), for listing ties */
} pd_sskms_entry;

typedef struct {
    int laps;    /* laps of the race, 1..100 (16) */
    int sprints; /* intermediate sprints, 0..PD_SSKMS_MAX_SPRINTS (3) */
    int qualify; /* semi-final: the best N qualify (Q); 0 in a final */
} pd_sskms_race;

typedef struct {
    size_t entry; /* index into the entries */
    int rank;     /* 0 with an IRM */
    pd_irm irm;
    int64_t points;        /* total, 0 with an IRM */
    int64_t sprint_points; /* from the intermediate sprints */
    int64_t final_points;  /* from the final sprint */
    int64_t place;         /* place over the finish line (shared in a dead heat), 0 if none */
    int64_t time_ms;       /* finish time cut to 1/100 s, when finished */
    const char *qualified; /* "Q", "ADV" or "" */
} pd_sskms_result;

/* Points of intermediate sprint place (1-based), 0 beyond the paid places. */
int64_t pd_sskms_sprint_points(int place);

/* Points of final sprint place (1-based), 0 beyond the paid places. */
int64_t pd_sskms_final_points(int64_t place);

/*
 * Score and rank count entries of one race into out (count results, caller
 * storage) in official order. PD_ERR_INPUT, with *bad_entry (may be NULL) set
 * to the entry, for an invalid race, a negative finish time, laps out of
 * 0..laps-1 without a finish, a sprint place out of 1..3 or beyond the race's
 * sprints, held by two skaters or by a skater who did not race, finish
 * positions given for some finishers only or contradicting the times; the
 * reason names the sprint or position. PD_ERR_NOMEM when scratch memory is
 * lacking.
 */
pd_err pd_sskms_score(const pd_sskms_race *race, const pd_sskms_entry *entries, size_t count,
                      pd_sskms_result *out, size_t *bad_entry, pd_diag *diag);

#endif
