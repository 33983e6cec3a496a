/*
 * nordiccombined.h: the Gundersen method of FIS Nordic combined (ICR Book
 * VII, 2021/22).
 *
 * The ski jumping part ranks the competitors by their points; each one's
 * deficit to the best jumper becomes a start gap for the cross-country
 * race (individual: 15 points = 1 minute, 4 s per point; team: 45 points =
 * 1 minute, 4/3 s per point), rounded to the nearest second. The race is a
 * pursuit: the order at the finish line is the result. Times are the
 * finish times counted from the first start (start gap included), so
 * finish order is time order, a photo finish deciding equal times.
 *
 * Points are in tenths, times in milliseconds, gaps in seconds. Nothing
 * here allocates or does I/O.
 */
#ifndef PODIUM_NORDICCOMBINED_H
#define PODIUM_NORDICCOMBINED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "podium/err.h"
#include "podium/rank.h"
#include "podium/time.h"

/* FIS ICR Book VII (2021/22): points worth one minute of start gap. */
#define PD_NCB_POINTS_PER_MINUTE_INDIVIDUAL 15
#define PD_NCB_POINTS_PER_MINUTE_TEAM       45

typedef struct {
    int64_t points_per_minute_t; /* tenths of a point worth 60 s (150 individual, 450 team) */
    pd_time_prec precision;      /* race times ranked at this precision (0.1 s in FIS NC) */
} pd_ncb_config;

/* One competitor (athlete or team) of a Gundersen competition. */
typedef struct {
    bool has_jump;         /* a ski jumping result or IRM is known */
    pd_irm jump_irm;       /* DSQ, DNS... in the jumping: no start in the race */
    int64_t jump_points_t; /* tenths */
    bool has_race;         /* a race result or IRM is known */
    pd_irm race_irm;       /* DNF, DSQ, LAP... in the race */
    int64_t finish_ms;     /* finish time from the first start, start gap included */
    int64_t photo_finish;  /* order among equal times (1 first), 0 when not decided */
    /* out */
    int jump_rank;       /* rank in the jumping (shared on ties), 0 with an IRM */
    int64_t start_gap_s; /* start gap in whole seconds, -1 when not starting */
} pd_ncb_entry;

/*
 * Rank the jumping and compute every start gap. jump_items (caller storage,
 * count items, .index and .order preset) receive the jumping order.
 * PD_ERR_INPUT when a points value is negative or the rate is not positive.
 */
pd_err pd_ncb_start_gaps(const pd_ncb_config *config, pd_ncb_entry *entries, size_t count,
                         pd_rank_item *jump_items, pd_diag *diag);

/*
 * Rank the competition by the race: items (caller storage, count items,
 * .index and .order preset) receive the official order. Competitors with a
 * race time rank by it (cut to the precision) then by photo finish; a race
 * IRM, or a jumping IRM, leaves them unranked with that IRM; a competitor
 * with a jump and no race result yet is listed as DNS. On PD_ERR_INPUT
 * *bad is the offending entry (a race time for a competitor disqualified
 * in the jumping, a negative time).
 */
pd_err pd_ncb_rank(const pd_ncb_config *config, const pd_ncb_entry *entries, size_t count,
                   pd_rank_item *items, size_t *bad, pd_diag *diag);

#endif
