/*
 * kinds.c: the table of scoring kinds.
 *
 * Each kind's adapter adds its row here as it lands; a kind not in the table
 * is answered by `podium score` as unknown, with the list of known kinds.
 */
#include "podium/kinds.h"

#include <string.h>

#include "podium/classification_kind.h"
#include "podium/figureskating_kind.h"
#include "podium/heats_kind.h"
#include "podium/judged_kind.h"
#include "podium/massstart_kind.h"
#include "podium/medals_kind.h"
#include "podium/nordiccombined_kind.h"
#include "podium/relay_kind.h"
#include "podium/round_robin_kind.h"
#include "podium/skijumping_kind.h"
#include "podium/speedskating_kind.h"
#include "podium/ssk_massstart_kind.h"
#include "podium/timed_kind.h"

static const pd_kind kinds[] = {
    {"timed",
     "races decided by time: runs summed, cut to the precision (ALP, LUG, BOB, SKN, BTH, CCS)",
     pd_timed_kind_score},
    {"mass-start", "finish order decides: pursuits, mass starts, skiathlons (BTH, CCS)",
     pd_massstart_kind_score},
    {"speed-skating",
     "long-track distances in pairs: 1/100, thousandths decide equal hundredths (SSK)",
     pd_speedskating_kind_score},
    {"sliding", "timed runs with the cut before the last run (LUG, BOB, SKN)",
     pd_sliding_kind_score},
    {"relay", "relays on the team time, with legs and shooting (BTH, CCS, LUG)",
     pd_relay_kind_score},
    {"ski-jumping", "FIS ski jumping, individual (ICR 2021/22)", pd_sjp_kind_score},
    {"ski-jumping-team", "FIS ski jumping, team and mixed team", pd_sjp_team_kind_score},
    {"nordic-combined", "FIS Nordic combined, Gundersen method", pd_ncb_kind_score},
    {"figure-skating-segment", "one figure skating segment, ISU Judging System 2021/22",
     pd_fsk_segment_kind_score},
    {"figure-skating-event", "a figure skating event: SP + FS or RD + FD, cut, ISU tie-breaks",
     pd_fsk_event_kind_score},
    {"figure-skating-team", "the figure skating team event: placement points, cut, ranking",
     pd_fsk_team_kind_score},
    {"medals", "medallists and the medal table from the final ranks of every event",
     pd_medals_kind_score},
    {"round-robin", "group standings: ice hockey (IIHF) or curling (WCF)",
     pd_round_robin_kind_score},
    {"tournament", "a team event: groups, seeding, play-offs, final ranking (IHO, CUR)",
     pd_tournament_kind_score},
    {"heats",
     "rounds of heats, duels and finals: advancement marks and full classification (STK, CCS, FRS, "
     "SBD, SSK, ALP)",
     pd_heats_kind_score},
    {"judged", "judged runs in rounds: park and pipe, big air, aerials, moguls (FRS, SBD)",
     pd_judged_kind_score},
    {"ssk-mass-start",
     "speed skating mass start: sprint points, then the order over the line (ISU 2021/22)",
     pd_ssk_massstart_kind_score},
    {"classification",
     "results entered as the official classification (events without an engine yet)",
     pd_classification_kind_score},
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
