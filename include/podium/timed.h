/*
 * timed.h: races decided by time, run by run (kind "timed" and its sliding
 * variant with a cut before the last run).
 *
 * Alpine skiing, luge, bobsleigh, skeleton, speed skating, biathlon and
 * cross-country interval starts publish a time per run, cut (truncated) to the
 * discipline's precision, and rank on the sum of the cut run times (FIS ICR
 * 611.2.1; IBSF International Rules 11.5; FIL International Luge Regulations
 * 12.1; IBU Event and Competition Rules 9.5). Biathlon individual adds a
 * fixed penalty per missed shot (IBU 9.2.3: one minute). The sliding sports
 * cut the field before the last run: the best N after run K start the
 * remaining runs and the rest are ranked after them on K runs (IBSF 11.4,
 * FIL 12.1.3).
 */
#ifndef PODIUM_TIMED_H
#define PODIUM_TIMED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "podium/err.h"
#include "podium/rank.h"
#include "podium/time.h"

#define PD_TIMED_MAX_RUNS 8

typedef struct {
    int runs;           /* runs summed for the result, 1..PD_TIMED_MAX_RUNS */
    pd_time_prec prec;  /* each run time is cut to this before summing */
    int64_t penalty_ms; /* added per miss; 0 for none */
    int cut_after_run;  /* 0: no cut; else 1..runs-1 */
    int cut_best;       /* with a cut: how many (ties at the cut included) go on */
} pd_timed_config;

typedef struct {
    bool present;    /* false: no performance for this run */
    int64_t time_ms; /* measured time (>= 0) when irm is NONE */
    pd_irm irm;      /* an IRM in this run */
    int misses;      /* missed shots in this run (>= 0) */
} pd_timed_run;

typedef struct {
    pd_timed_run run[PD_TIMED_MAX_RUNS]; /* index 0 is run 1 */
    int64_t order;                       /* start (bib) order, for listing ties */
} pd_timed_entry;

typedef struct {
    int64_t time_ms; /* the run's cut time plus its penalties; valid when rank > 0 */
    int rank;        /* rank in this run among those with a time in it; 0 when none */
} pd_timed_run_result;

typedef struct {
    size_t entry;      /* index into the entries */
    int rank;          /* 1-based, shared on ties; 0 with an IRM */
    pd_irm irm;        /* the first IRM in run order, DNS for a missing run */
    int runs_counted;  /* runs in the total: config.runs, or cut_after_run if cut */
    int64_t total_ms;  /* sum of cut run times and penalties; valid when rank > 0 */
    int64_t behind_ms; /* gap to the best total over the same runs; valid when rank > 0 */
    int misses;        /* all misses over the counted runs */
    pd_timed_run_result run[PD_TIMED_MAX_RUNS];
} pd_timed_result;

/*
 * Rank count entries under cfg into out (count results, caller storage), in
 * official order. PD_ERR_INPUT when cfg is out of range or an entry has a
 * run after the cut although it was not among the best (the reason names
 * the entry index and run); PD_ERR_NOMEM when scratch memory is lacking.
 * *bad_entry and *bad_run (may be NULL) receive the offending entry and run
 * (1-based) on PD_ERR_INPUT about an entry.
 */
pd_err pd_timed_rank(const pd_timed_config *cfg, const pd_timed_entry *entries, size_t count,
                     pd_timed_result *out, size_t *bad_entry, int *bad_run, pd_diag *diag);

#endif
