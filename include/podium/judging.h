/*
 * judging.h: panels of judges, shared by every judged discipline.
 *
 * Figure skating (ISU Rule 353: the highest and lowest of a panel are
 * dropped), ski jumping (FIS ICR 431: five style marks, highest and lowest
 * dropped, the middle three summed), freestyle and snowboard judged events
 * all start from a trimmed panel. This module does the trimming exactly, on
 * integers; each discipline then averages or sums and rounds where its
 * rulebook says, with the rule cited there.
 */
#ifndef PODIUM_JUDGING_H
#define PODIUM_JUDGING_H

#include <stddef.h>
#include <stdint.h>

#include "podium/err.h"

#define PD_JUDGING_MAX_PANEL 15

/*
 * Sum of the marks after dropping the `drop` highest and `drop` lowest
 * (one of each per tied value: two equal highest marks drop only one).
 * *kept receives the number of marks summed. PD_ERR_INPUT when count is
 * above PD_JUDGING_MAX_PANEL or does not leave at least one mark.
 */
pd_err pd_judging_trimmed_sum(const int64_t *marks, size_t count, size_t drop, int64_t *sum,
                              size_t *kept, pd_diag *diag);

#endif
