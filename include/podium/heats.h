/*
 * heats.h: events decided through rounds of heats, duels and finals.
 *
 * One mechanism for short track, cross-country sprints, ski and snowboard
 * cross, parallel events and team pursuit: a format is a list of rounds; a
 * round is either timed (one ranking by time over all its heats:
 * qualification, seeding run, team pursuit quarter-final), a race (each heat
 * ranked by finishing place) or the finals (heats A, B, ... each ranking a
 * block of places). Each round names its advancement targets: places in each
 * heat, then the best times among given places (short track "q", sprint
 * "lucky losers"), then referee advancements (ADV) where the federation
 * allows them. The engine checks that the next rounds hold exactly the
 * qualifiers (a heat with someone who did not qualify, or a qualifier missing,
 * is an error naming the performance), marks each performance and ranks
 * everyone: finalists by final and place, then the eliminated round by round
 * (later rounds first), by place in their heat and then by time or seeding.
 *
 * A race or finals round may be made of duels decided by runs (the alpine
 * team parallel event): each of the two competitors of a heat gives the
 * time of each run, run k of one against run k of the other; a run's winner
 * scores a point, the most points win the duel and equal points go to a
 * time tie-break (the sum of each group's best run: best woman plus best
 * man). The engine gives the places; advancement and classification then
 * work as for any race.
 */
#ifndef PODIUM_HEATS_H
#define PODIUM_HEATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "podium/err.h"
#include "podium/rank.h"

#define PD_HEATS_MAX_ROUNDS  8
#define PD_HEATS_MAX_TARGETS 8
#define PD_HEATS_MAX_FINALS  8
#define PD_HEATS_NAME_MAX    8 /* "QFNL", "A", "Big", NUL included */
#define PD_HEATS_MAX_HEATS   512
#define PD_HEATS_MAX_RUNS    4

/* How a competitor ended one heat. Listed after the placed ones in this order. */
typedef enum {
    PD_HEAT_PLACED = 0, /* finished, has a place (race) or a time (timed) */
    PD_HEAT_RAL,        /* ranked as last in the heat by the Jury (FIS cross): keeps a place */
    PD_HEAT_DNF,        /* did not finish */
    PD_HEAT_PEN,        /* short track penalty: out of this race (ISU SR ST Rule 295) */
    PD_HEAT_YC,         /* short track yellow card: penalty and record */
    PD_HEAT_DNS,        /* did not start */
    PD_HEAT_DSQ,        /* disqualified from the event */
    PD_HEAT_RC,         /* short track red card: out of the competition */
    PD_HEAT_DQB,        /* disqualified for unsportsmanlike behaviour */
    PD_HEAT_STATUS_COUNT
} pd_heat_status;

/* "" for PLACED, else the ODF mark ("PEN"). */
const char *pd_heat_status_name(pd_heat_status status);

/* Parse "RAL", "DNF", "DNS", "DSQ", "PEN", "YC", "RC", "DQB"; PD_ERR_INPUT otherwise. */
pd_err pd_heat_status_parse(const char *text, pd_heat_status *out, pd_diag *diag);

typedef enum {
    PD_ROUND_TIMED, /* one ranking by time over all heats of the round */
    PD_ROUND_RACE,  /* each heat ranked by finishing place */
    PD_ROUND_FINALS /* heats are finals A, B, ...: final k ranks after final k-1 */
} pd_round_type;

/* What orders eliminated competitors of one round with the same place. */
typedef enum {
    PD_TIEBREAK_TIME, /* their time in that heat (ISU short track, FIS sprint) */
    PD_TIEBREAK_SEED  /* their seeding (FIS ski cross and snowboard cross) */
} pd_heats_tiebreak;

/* One way out of a round. Ranges are inclusive, 0..0 is "none". */
typedef struct {
    int to_round;   /* index of the round this target fills (> this round) */
    int to_heat;    /* 1-based heat (finals: final) of to_round; 0: any heat */
    int place_from; /* places (timed: overall ranks) that qualify outright */
    int place_to;
    int best_times;      /* then this many best times ... */
    int time_place_from; /* ... among those placed here (0..0: any place) */
    int time_place_to;
    bool as_drawn;                /* places qualify when drawn in the target (referee's draw) */
    bool bracket;                 /* heat h feeds heat (h+1)/2 of to_round (knock-out) */
    char mark[PD_HEATS_NAME_MAX]; /* "Q", "QA" */
    char time_mark[PD_HEATS_NAME_MAX]; /* "q", "LL" */
} pd_heats_target;

/* How a timed round makes one time of several runs. */
typedef enum {
    PD_COMBINE_SUM = 0, /* total of every run (parallel qualification on both courses) */
    PD_COMBINE_BEST     /* best run (cross seeding: the second run for those not through) */
} pd_heats_combine;

/* Equal times in a timed round. */
typedef enum {
    PD_TIES_SHARED = 0,  /* equal times share the rank */
    PD_TIES_LATER_START, /* the later starter (higher seed number) ranks first (FIS cross) */
    PD_TIES_LAST_RUN     /* the better last run ranks first (parallel qualification) */
} pd_heats_ties;

/*
 * Duels decided by runs (a race or finals round with duel.runs > 0). Each
 * performance gives runs time_ms or -1 (no time: DNF, DSQ, DNS in that run).
 * Run k: the faster scores a point, equal times score one each, a time beats
 * none, two without a time score nothing. More points win; equal points: the
 * smaller tie-break time (for each group, the competitor's best run in it,
 * summed; a group without a time gives none, which loses), then the fastest
 * single run, then the better seed.
 */
typedef struct {
    int runs; /* runs per duel, 1..PD_HEATS_MAX_RUNS; 0: not a duel round */
    int group_count;
    unsigned group[PD_HEATS_MAX_RUNS]; /* bit k: run k+1 belongs to the group */
    char tie_mark[PD_HEATS_NAME_MAX];  /* appended to the mark of a duel won on the tie-break */
} pd_heats_duel;

typedef struct {
    char name[PD_HEATS_NAME_MAX]; /* RSC phase: "HEAT", "QFNL", "FNL" */
    pd_round_type type;
    /* Timed rounds with runs (performances with run_count > 0). */
    bool has_runs; /* performances give runs_ms (the adapter's check) */
    pd_heats_combine combine;
    int first_run_places; /* > 0: ranks 1..n go by the first run alone, the rest follow */
    bool rank_unfinished; /* those without a time take the ranks after the timed ones */
    pd_heats_ties ties;   /* what decides equal times in a timed round */
    pd_heats_target target[PD_HEATS_MAX_TARGETS];
    int target_count;
    bool referee_advancement;       /* ADV allowed (ISU SR ST Rule 295) */
    bool advanced_take_time_places; /* each ADV takes one of the best-time places */
    int final_count;                /* finals rounds: number of finals */
    int heat_size;                  /* > 0: no place beyond it in a heat (config); 0: unset */
    bool complete;                  /* partial mode: every heat of the round is entered */
    char final_name[PD_HEATS_MAX_FINALS][PD_HEATS_NAME_MAX];
    char winner_mark[PD_HEATS_MAX_FINALS][PD_HEATS_NAME_MAX]; /* mark of place 1 ("W") */
    pd_heats_duel duel; /* duel.runs > 0: heats are duels decided by runs */
} pd_heats_round;

typedef struct {
    pd_heats_round round[PD_HEATS_MAX_ROUNDS];
    int round_count;
    pd_heats_tiebreak tiebreak;
    unsigned placed_irms; /* races: bit 1 << status for the marks that may keep a place in
                             the heat (FIS cross: DNF; parallel: DNF, DSQ), ranked and
                             advancing by it; such a DSQ is the heat's, not the event's */
    bool partial;         /* a competition still running (see pd_heats_run) */
} pd_heats_format;

/* One competitor in one heat. */
typedef struct {
    size_t competitor; /* index into the competitor list */
    int round;         /* 0-based index into the format's rounds */
    int heat;          /* 1-based heat (finals: 1 = first final) */
    int place;         /* race: finishing place >= 1 when PLACED; 0 otherwise */
    int64_t time_ms;   /* -1 when none; timed rounds with runs: ignored */
    pd_heat_status status;
    int advanced; /* referee advancement: -1 none, 0 next round, k > 0 final k */
    int64_t run_ms[PD_HEATS_MAX_RUNS]; /* timed rounds and duels: each run, -1 when no time */
    int run_count;                     /* 0: time_ms is the time (duels: a bye) */
} pd_heats_perf;

/* What the engine says about one performance. */
typedef struct {
    int rank;                         /* place in the heat (timed: overall), 0 when none */
    int64_t time_ms;                  /* the time that counts (runs combined), -1 when none */
    char mark[PD_HEATS_NAME_MAX * 2]; /* "Q", "q", "QA", "ADV", "ADVA", "QT", "" */
    int points;                       /* duels: runs won */
    bool by_tie_break;                /* duels: decided on equal points */
    bool undecided;                   /* duels, partial mode: the opponent is not in yet */
} pd_heats_perf_result;

/* One competitor's place in the final classification. */
typedef struct {
    size_t competitor;
    int rank;         /* 0 with an IRM, or still racing (partial mode) */
    bool racing;      /* partial mode: qualified for a round not yet drawn for them */
    pd_irm irm;       /* DSQ (disqualified from the event) or DNS (never started) */
    int last_round;   /* index of the last round skated, -1 when none */
    size_t last_perf; /* index of the performance there (when last_round >= 0) */
} pd_heats_standing;

/*
 * Check and rank an event. seed[c] is competitor c's seeding (1 best; ties
 * and listing by it). perfs are in any order. On success perf_out[i] holds
 * each performance's rank and mark and out (competitor_count entries) the
 * classification in official order. On PD_ERR_INPUT *bad_perf (may be NULL)
 * is the index of the performance at fault, or perf_count when the fault is
 * the format itself; the diag reason says what is wrong (its path is left
 * for the caller). PD_ERR_NOMEM when scratch memory is lacking.
 *
 * With format->partial the competition may be incomplete (results entered
 * one by one while it runs): a heat may hold fewer performances than were
 * drawn in it (places are still distinct, and within the round's heat_size
 * when set, or within the number in the heat when the round is complete);
 * advancement is decided on what is entered (time qualifiers are
 * provisional); a qualifier not yet drawn in the next round is not an error
 * unless that round is complete; someone drawn without qualifying is an
 * error only when the round that should have qualified them is complete
 * (round.complete; with no earlier performance, every earlier round).
 * Competitors qualified for a round where they are not drawn yet are still
 * racing: rank 0 without IRM, listed where they stand at least (after those
 * placed in the round or final they qualified for); the others' ranks are
 * provisional until the competition closes. A duel with one side entered is
 * undecided: no place, and its competitor is racing.
 *
 * Duel rounds: the places come from the runs (pd_heats_duel); a heat holds
 * two competitors, or one without runs (a bye: place 1). Those eliminated in
 * a duel round rank by the points they won, then by their tie-break time.
 */
pd_err pd_heats_run(const pd_heats_format *format, const int64_t *seed, size_t competitor_count,
                    const pd_heats_perf *perfs, size_t perf_count, pd_heats_perf_result *perf_out,
                    pd_heats_standing *out, size_t *bad_perf, pd_diag *diag);

#endif
