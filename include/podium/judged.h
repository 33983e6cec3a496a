/*
 * judged.h: judged runs and jumps in rounds (freestyle skiing and snowboard:
 * halfpipe, slopestyle, big air, aerials, moguls).
 *
 * One mechanism for every FIS judged event: a competition is a list of
 * rounds; in each round a competitor takes one or more runs (jumps), each
 * scored by a panel (or given as the published run score); the round result
 * counts the best run, the best two jumps of different rotation directions
 * (big air) or the sum of the runs (aerials team); the best of a round go on
 * to the next round, or, in a second-chance round, those who did not go on
 * try again. Panel arithmetic uses pd_judging_trimmed_sum (judging.h).
 *
 * Scores are integers in hundredths of a point.
 */
#ifndef PODIUM_JUDGED_H
#define PODIUM_JUDGED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "podium/err.h"
#include "podium/rank.h"

#define PD_JUDGED_MAX_ROUNDS 4
#define PD_JUDGED_MAX_RUNS   4

/* How a round's runs make its result. */
typedef enum {
    PD_JUDGED_BEST = 0, /* the best run (halfpipe, slopestyle, aerials, moguls) */
    PD_JUDGED_BEST_TWO, /* the best two jumps of different rotation directions (big air) */
    PD_JUDGED_SUM       /* every run summed (aerials team: one jump per team member) */
} pd_judged_counting;

typedef struct {
    int runs; /* runs (jumps) in the round, 1..PD_JUDGED_MAX_RUNS */
    pd_judged_counting counting;
    int advance;        /* the best `advance` go on, ties at the cut included; 0 none */
    bool second_chance; /* contested by those the previous round did not advance */
    bool carry;         /* second chance: the previous round's runs count too */
    bool rank_irm;      /* starters without a result are ranked last (finals) */
    bool shared_ties;   /* equal results share the rank: the other runs do not decide */
} pd_judged_round;

typedef enum {
    PD_RUN_ABSENT = 0, /* no performance for this run */
    PD_RUN_SCORED,
    PD_RUN_DNS, /* did not start the run */
    PD_RUN_DNI, /* did not improve: a run not taken because it could not change the rank */
    PD_RUN_DNF  /* did not finish (moguls): no score */
} pd_run_state;

typedef struct {
    pd_run_state state;
    int64_t score; /* hundredths, >= 0, when SCORED */
    int direction; /* rotation direction label (> 0), 0 when not given */
} pd_judged_run;

typedef struct {
    pd_judged_run runs[PD_JUDGED_MAX_ROUNDS][PD_JUDGED_MAX_RUNS];
    bool seen[PD_JUDGED_MAX_ROUNDS];        /* a performance was given for the round */
    int64_t tiebreak[PD_JUDGED_MAX_ROUNDS]; /* decided precedence among equals, 0 none */
    pd_irm irm;    /* for the whole competition (DSQ, WD, DNS), else NONE */
    int64_t order; /* start order, for listing ties */
} pd_judged_entry;

typedef struct {
    bool started; /* a starter of this round */
    bool has_result;
    int64_t result;   /* hundredths, when has_result */
    int rank;         /* rank in the round, 0 when unranked */
    pd_irm irm;       /* why there is no result */
    bool advanced;    /* goes on to the next round (or out of this competition: qualified) */
    unsigned counted; /* bit r set: run r counts in the result (previous round's runs: bit 8+r) */
} pd_judged_round_result;

typedef struct {
    size_t entry; /* index into the entries */
    int rank;     /* overall rank, 0 when unranked */
    pd_irm irm;
    int last_round; /* the last round contested (0-based), -1 when none */
    pd_judged_round_result rounds[PD_JUDGED_MAX_ROUNDS];
} pd_judged_result;

/*
 * Rank count entries over round_count rounds into out (count results,
 * caller storage) in official order: those of the last round by their rank
 * there, then those each earlier round did not advance by their rank in it;
 * in a second-chance round, the previous round's qualifiers come first.
 * PD_ERR_INPUT when a competitor has runs in a round they are not a starter
 * of (*bad_entry and *bad_round, when not NULL, name the entry and the 0-based
 * round); PD_ERR_NOMEM when scratch memory is lacking.
 */
pd_err pd_judged_rank(const pd_judged_round *rounds, int round_count,
                      const pd_judged_entry *entries, size_t count, pd_judged_result *out,
                      size_t *bad_entry, int *bad_round, pd_diag *diag);

/*
 * Overall-impression run score (halfpipe, slopestyle, big air): marks in
 * hundredths, the `drop` highest and lowest dropped, the mean of the rest
 * rounded half away from zero to 0.01.
 */
pd_err pd_judged_overall_score(const int64_t *marks, size_t count, size_t drop, int64_t *score,
                               pd_diag *diag);

/*
 * Aerials jump score: each judge's air + form + landing (tenths) make that
 * judge's mark; the `drop` highest and lowest marks are dropped, the rest
 * summed and multiplied by the degree of difficulty (thousandths); the
 * product is cut to 0.01.
 */
pd_err pd_judged_aerials_score(const int64_t (*air_form_landing)[3], size_t judges, size_t drop,
                               int64_t dd_thousandths, int64_t *score, pd_diag *diag);

#endif
