/*
 * skijumping.h: the FIS ski jumping scoring engine (ICR Book III, 2021/22).
 *
 * A jump is worth distance points (base value at the K-point plus or minus
 * the meter value per metre), style points (five judges, highest and lowest
 * dropped, the middle three summed), gate points (compensation for a start
 * gate below or above the starting gate of the round) and wind points
 * (average wind times the head or tail factor). A competition sums the
 * jumps of its rounds; after the first round only the best `final_round`
 * (ties at the cut included) jump again.
 *
 * The same engine ranks individual competitions (one entry per athlete)
 * and team competitions (one entry per team, its members jumping in
 * groups 1..4 of each round, each group with its own starting gate).
 *
 * Every figure is an integer in a fixed unit: points in tenths, distances
 * in tenths of a metre, wind in hundredths of a metre per second, factors
 * in hundredths of a point. Nothing here allocates or does I/O.
 */
#ifndef PODIUM_SKIJUMPING_H
#define PODIUM_SKIJUMPING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "podium/err.h"
#include "podium/rank.h"

#define PD_SJP_MAX_ROUNDS 4
#define PD_SJP_MAX_GROUPS 4
#define PD_SJP_MARKS      5
#define PD_SJP_MAX_GATES  64

/*
 * Where a gate sits on the in-run, for hills whose gates are not evenly
 * spaced: the gate's number and its position along the in-run in
 * centimetres from any common origin (only differences count; a higher
 * gate number is further up).
 */
typedef struct {
    int64_t gate;
    int64_t position_cm;
} pd_sjp_gate_position;

/* The hill, the gate and the wind compensation of one competition. */
typedef struct {
    int64_t k_dm;              /* K-point, tenths of a metre (> 0) */
    int64_t hs_dm;             /* hill size, tenths of a metre; 0 when not given */
    int64_t meter_value_c;     /* points per metre, hundredths (2.0 is 200) */
    int64_t base_t;            /* points for a jump to the K-point, tenths (60.0 is 600) */
    bool has_gate;             /* gate compensation applies */
    int64_t points_per_gate_c; /* hundredths of a point per gate (evenly spaced gates) */
    /*
     * Unevenly spaced gates (gate_position_count > 0, points_per_gate_c unused):
     * the gate factor in hundredths of a point per metre of in-run and the
     * position of every gate that is used, strictly increasing in both gate
     * number and position. Caller storage, not owned.
     */
    int64_t gate_factor_c;
    const pd_sjp_gate_position *gate_positions;
    size_t gate_position_count;
    /* starting gate of each round (index round-1) and group (index group-1, or 0) */
    int64_t gate_start[PD_SJP_MAX_ROUNDS][PD_SJP_MAX_GROUPS];
    int64_t head_c;  /* points per m/s of head wind, hundredths */
    int64_t tail_c;  /* points per m/s of tail wind, hundredths */
    int rounds;      /* 1..PD_SJP_MAX_ROUNDS */
    int final_round; /* entries admitted to round 2 (ties at the cut included) */
    bool team;       /* entries are teams: a member's IRM scores 0, no team IRM */
} pd_sjp_config;

/* One jump: the measured inputs, then the computed points. */
typedef struct {
    size_t entry;                  /* index of the ranked entry (athlete or team) */
    int round;                     /* 1..rounds */
    int group;                     /* team events: 1..PD_SJP_MAX_GROUPS; 0 for individual */
    pd_irm irm;                    /* a jump not made (DSQ, DNS, ...): no figures */
    int64_t distance_dm;           /* tenths of a metre, a multiple of 5 (0.5 m) */
    int64_t marks_t[PD_SJP_MARKS]; /* style marks in tenths, multiples of 5, 0..200 */
    int64_t wind_c;                /* average wind, hundredths of m/s, head wind positive */
    bool has_gate;                 /* gate given */
    int64_t gate;                  /* the gate the jump started from */
    bool coach_gate;               /* gate lowered at the coach's request */
    bool points_only;              /* only the official points are known: `points` is input */
    /* out, tenths of a point (input for `points` when points_only) */
    int64_t distance_points;
    int64_t style_points;
    int64_t gate_points;
    int64_t wind_points;
    int64_t points;
} pd_sjp_jump;

/* One ranked entry after pd_sjp_rank. */
typedef struct {
    int64_t total_t;    /* sum of its jumps, tenths */
    int64_t round1_t;   /* its round-1 points, tenths */
    pd_irm irm;         /* the first IRM among its jumps, NONE otherwise */
    bool qualified;     /* admitted to the final round */
    int jumps;          /* jumps counted */
    bool jumped_round1; /* made a jump in round 1 (without IRM) */
    uint32_t slots;     /* internal: the (round, group) slots seen */
} pd_sjp_standing;

/*
 * Check the config: positive K-point and meter value, rounds in range,
 * non-negative factors, a gate position table (when given) of at most
 * PD_SJP_MAX_GATES gates strictly increasing in number and position with
 * every starting gate in it. PD_ERR_INPUT with the reason in diag (no path).
 */
pd_err pd_sjp_config_check(const pd_sjp_config *config, pd_diag *diag);

/*
 * Compute the points of one jump in place (no-op for a jump with an IRM).
 * PD_ERR_INPUT (reason in diag, no path) when the jump is impossible: a
 * distance not on the half metre, a mark off the half point or beyond
 * 0..20, a round or group out of range, a coach's gate above the starting
 * gate, a coach's gate without the hill size, a gate missing from the
 * gate position table.
 */
pd_err pd_sjp_jump_score(const pd_sjp_config *config, pd_sjp_jump *jump, pd_diag *diag);

/*
 * The in-run position (centimetres) of `gate` in config's gate position
 * table: true and *position_cm set when the gate is listed, false otherwise.
 */
bool pd_sjp_gate_position_of(const pd_sjp_config *config, int64_t gate, int64_t *position_cm);

/*
 * Score every jump, sum each entry's jumps into standings[entry] (caller
 * storage of `entries` items) and rank the entries into items (caller
 * storage of `entries` items; items[i].order must be preset to the start
 * order of entry i, items[i].index to i). Round-1 points decide who is
 * admitted to the final round: the best config->final_round (ties at the
 * cut included) when rounds > 1. In individual events an entry with an
 * IRM in round 1 is unranked and takes that IRM; an IRM in a later round
 * (a disqualification in the final round) scores nothing for that jump and
 * the entry stays ranked on its other jumps. In team events a member's IRM
 * scores nothing. An entry without a round-1 jump is DNS. On PD_ERR_INPUT *bad_jump is the
 * index of the offending jump (a second jump in the same round and group,
 * a final-round jump by an entry not admitted, a later round without the
 * earlier one), with the reason in diag.
 */
pd_err pd_sjp_rank(const pd_sjp_config *config, pd_sjp_jump *jumps, size_t count,
                   pd_sjp_standing *standings, pd_rank_item *items, size_t entries,
                   size_t *bad_jump, pd_diag *diag);

#endif
