/*
 * relay.h: relays decided by the team's time (biathlon relays and mixed
 * relay, cross-country relays and team sprint finals, luge team relay).
 *
 * A team covers its legs one after the other on one race clock; its result
 * is the time from the start to the end of its last leg, cut to the
 * discipline's precision (IBU Event and Competition Rules 9.5.1: 1/10 s;
 * FIS ICR cross-country: 1/10 s, team sprint 1/100 s as published; FIL
 * International Luge Regulations: 1/1000 s). Where the teams started together
 * the finish order (photo finish) decides between equal times and a tie
 * stands only when the photo cannot separate them (IBU 9.2.5, 9.2.6; FIS ICR
 * photo-finish rules); the luge team relay has no common start, so equal
 * times share the rank. Lapped teams keep a rank after the finishers, in the
 * order they were pulled (as IBU and FIS publish relay results).
 *
 * Each leg has its athlete, its leg time (exchange to exchange) and, in
 * biathlon, per shooting stage the spare rounds used (at most 3, loaded one
 * at a time) and the penalty loops skied (one per target still standing
 * after the 8 rounds; IBU Event and Competition Rules, relay shooting). The ranking
 * itself is pd_mass_rank: this module adds the legs (their times must add up
 * to the team time), the leg ranks, the exchange times and the shooting
 * totals.
 */
#ifndef PODIUM_RELAY_H
#define PODIUM_RELAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "podium/err.h"
#include "podium/massstart.h"
#include "podium/rank.h"
#include "podium/time.h"

#define PD_RELAY_MAX_LEGS     12
#define PD_RELAY_MAX_STAGES   4
#define PD_RELAY_SPARE_ROUNDS 3 /* IBU: three spare rounds per relay shooting stage */
#define PD_RELAY_TARGETS      5 /* five targets per stage */

typedef struct {
    int legs;            /* legs per team, 1..PD_RELAY_MAX_LEGS */
    pd_time_prec prec;   /* times are cut to this */
    int shooting_stages; /* per leg, 0 (no shooting) .. PD_RELAY_MAX_STAGES */
} pd_relay_config;

typedef struct {
    int spares; /* spare rounds used, 0..PD_RELAY_SPARE_ROUNDS */
    int loops;  /* penalty loops skied, 0..PD_RELAY_TARGETS */
} pd_relay_stage;

typedef struct {
    bool present;    /* false: leg not given (not reached, or no leg data at all) */
    bool has_time;   /* the leg time is known */
    int64_t time_ms; /* leg time (exchange to exchange), >= 0, when has_time */
    bool has_shooting;
    pd_relay_stage stage[PD_RELAY_MAX_STAGES]; /* config.shooting_stages of them */
} pd_relay_leg;

typedef struct {
    bool present;    /* false: no performance (DNS) */
    pd_irm irm;      /* the team's IRM */
    bool has_time;   /* a team time given (else the sum of all leg times, if complete) */
    int64_t time_ms; /* the team time on the race clock, >= 0 */
    int64_t finish;  /* finish (photo) position, or a lapped team's position; 0: none */
    int64_t order;   /* start order (bib), for listing ties */
    bool has_totals; /* team shooting totals given without the legs' detail */
    int total_loops;
    int total_spares;
    pd_relay_leg leg[PD_RELAY_MAX_LEGS];
} pd_relay_entry;

typedef struct {
    int64_t time_ms;     /* cut leg time; valid when rank > 0 */
    int rank;            /* rank among the teams with a time in this leg; 0 when none */
    int64_t exchange_ms; /* cut race-clock time at the end of this leg; valid when > 0 */
    int exchange_rank;   /* rank at this exchange among teams with every earlier leg timed */
    int loops;           /* penalty loops and spare rounds of the leg (when shooting) */
    int spares;
} pd_relay_leg_result;

typedef struct {
    size_t entry;      /* index into the entries */
    int rank;          /* 1-based, shared on ties; 0 with an IRM (LAP teams may be ranked) */
    pd_irm irm;        /* the team's IRM (LAP also when ranked) */
    int64_t time_ms;   /* cut team time; valid when rank > 0 and irm is NONE */
    int64_t behind_ms; /* gap to the winner */
    bool has_shooting; /* shooting totals known */
    int loops;         /* penalty loops of the team */
    int spares;        /* spare rounds used by the team */
    pd_relay_leg_result leg[PD_RELAY_MAX_LEGS];
} pd_relay_result;

/*
 * Rank count teams under cfg into out (count results, caller storage) in
 * official order. Checks what the legs say against the team: a finished team
 * (no IRM) has every leg when legs are given; leg times add up exactly to the
 * team time; shooting totals match the stages; spare rounds and penalty loops
 * are in range. PD_ERR_INPUT names the entry (and the leg, 1-based, 0 for the
 * team, -1 for its finish position) through *bad_entry and *bad_leg (may be
 * NULL); PD_ERR_NOMEM when
 * scratch memory is lacking.
 */
pd_err pd_relay_rank(const pd_relay_config *cfg, const pd_relay_entry *entries, size_t count,
                     pd_relay_result *out, size_t *bad_entry, int *bad_leg, pd_diag *diag);

#endif
