/*
 * massstart.h: races where the order of finish decides (biathlon pursuit and
 * mass start, cross-country mass start and skiathlon).
 *
 * Everyone's time runs from one clock (the mass start, or the first start of
 * a pursuit), so the order of crossing the line is the order of the times;
 * where times are equal at the published precision the photo-finish order
 * decides, and a tie is declared only when the photo cannot separate them
 * (IBU Event and Competition Rules 9.2.5 and 9.2.6; the FIS cross-country
 * rules on the photo finish likewise). Pursuit
 * start gaps are the qualifying race's gaps rounded to the nearest full
 * second (IBU 6.1.3).
 */
#ifndef PODIUM_MASSSTART_H
#define PODIUM_MASSSTART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "podium/err.h"
#include "podium/rank.h"
#include "podium/time.h"

typedef struct {
    bool present;    /* false: no performance (DNS) */
    int64_t time_ms; /* from the race clock's start, >= 0, when irm is NONE */
    pd_irm irm;
    int64_t finish; /* photo-finish position (>= 1), 0 when not given; equal = dead heat */
    int64_t order;  /* start order (bib), for listing ties */
} pd_mass_entry;

typedef struct {
    size_t entry; /* index into the entries */
    int rank;     /* 0 with an IRM */
    pd_irm irm;
    int64_t time_ms;   /* cut to the precision */
    int64_t behind_ms; /* cut time minus the winner's */
} pd_mass_result;

/*
 * Rank count entries at precision prec into out (count results, caller
 * storage) in official order: by finish position when given, else by the cut
 * time (equal cut times then share the rank). PD_ERR_INPUT when finish
 * positions are given for some finishers but not all, or contradict the
 * times (a later finish with an earlier time); *bad_entry (may be NULL)
 * names the entry. PD_ERR_NOMEM when scratch memory is lacking.
 */
pd_err pd_mass_rank(pd_time_prec prec, const pd_mass_entry *entries, size_t count,
                    pd_mass_result *out, size_t *bad_entry, pd_diag *diag);

/* A pursuit start gap from the qualifying race's gap: rounded to the nearest second. */
int64_t pd_mass_pursuit_start_ms(int64_t qualifying_behind_ms);

#endif
