/*
 * kinds.c: the table of scoring kinds.
 *
 * Each kind's adapter adds its row here as it lands; a kind not in the table
 * is answered by `podium score` as unknown, with the list of known kinds.
 */
#include "podium/kinds.h"

#include <string.h>

#include "podium/judged_kind.h"
#include "podium/massstart_kind.h"
#include "podium/speedskating_kind.h"
#include "podium/timed_kind.h"

static const pd_kind kinds[] = {
    {"timed", "races decided by time: runs summed, cut to the precision (ALP, LUG, BOB, SKN, BTH, CCS)",
     pd_timed_kind_score},
    {"mass-start", "finish order decides: pursuits, mass starts, skiathlons (BTH, CCS)",
     pd_massstart_kind_score},
    {"speed-skating", "long-track distances in pairs: 1/100, thousandths decide equal hundredths (SSK)",
     pd_speedskating_kind_score},
    {"sliding", "timed runs with the cut before the last run (LUG, BOB, SKN)", pd_sliding_kind_score},
    {"judged", "judged runs in rounds: park and pipe, big air, aerials, moguls (FRS, SBD)",
     pd_judged_kind_score},
    {NULL, NULL, NULL}, /* sentinel: the table ends here */
};

size_t pd_kind_count(void)
{
    size_t n = 0;
    while (kinds[n].name)
        n++;
    return n;
}

const pd_kind *pd_kind_at(size_t index)
{
    return index < pd_kind_count() ? &kinds[index] : NULL;
}

const pd_kind *pd_kind_find(const char *name)
{
    for (const pd_kind *kind = kinds; kind->name; kind++)
        if (strcmp(kind->name, name) == 0)
            return kind;
    return NULL;
}
