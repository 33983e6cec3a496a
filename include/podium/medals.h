/*
 * medals.h: medallists of each event and the medal table of the Games.
 *
 * Input: every event with the final ranks of its entries (an athlete, a pair
 * or a team, each under one NOC). Ranks 1, 2 and 3 win gold, silver and
 * bronze; ties share the medal and take the places after them (1, 1, 3: two
 * golds, no silver, a bronze). An entry wins one medal however many athletes
 * it has, so a team event counts once for its NOC.
 *
 * Output: one row per NOC that won a medal, ordered by golds, then silvers,
 * then bronzes (the order of the IOC and olympics.com), rows equal on all
 * three sharing a rank and listed by NOC code. The function is pure and
 * allocates only the table it hands back, so the server can call it on the
 * Games state after every final.
 */
#ifndef PODIUM_MEDALS_H
#define PODIUM_MEDALS_H

#include <stdbool.h>
#include <stddef.h>

#include "podium/err.h"

typedef enum { PD_MEDAL_NONE, PD_MEDAL_GOLD, PD_MEDAL_SILVER, PD_MEDAL_BRONZE } pd_medal;

/* "gold", "silver", "bronze", "" for none. */
const char *pd_medal_name(pd_medal medal);

/* The medal a final rank wins: 1 gold, 2 silver, 3 bronze, else none. */
pd_medal pd_medal_for_rank(int rank);

/* One ranked entry of an event. */
typedef struct {
    const char *noc;   /* IOC code */
    const char *entry; /* athlete, pair or team id; NULL: the NOC itself (one entry per NOC) */
    int rank;          /* final rank, 1-based; 0 for an entry without a rank (IRM) */
} pd_medal_entry;

typedef struct {
    const char *event; /* event id, for messages */
    const pd_medal_entry *entries;
    size_t count;
} pd_medal_event;

typedef struct {
    const char *noc; /* borrowed from the input */
    int gold;
    int silver;
    int bronze;
    int total;
    int rank;       /* by gold, silver, bronze; shared when all three are equal */
    int rank_total; /* by total medals (as some media rank); shared on equal totals */
} pd_medal_row;

typedef struct {
    pd_medal_row *rows; /* owned; in official order */
    size_t count;
} pd_medal_table;

/*
 * Check that an event's ranks can be final ranks: each ranked entry's rank is
 * one more than the number of entries ranked better (1, 1, 3 and 1, 2, 2, 4
 * are fine; 1, 3 is not), and an entry listed twice has the same rank. On
 * error diag->path is "entries[i]" (relative to the event) and the reason
 * says why.
 */
pd_err pd_medals_check_event(const pd_medal_event *event, pd_diag *diag);

/*
 * Which entries of an event count: counted[i] is false when entry i repeats
 * an earlier entry (same NOC and entry id), e.g. a team given member by
 * member. first_of (may be NULL) receives, for each entry, the index of its
 * first listing. Both arrays have event->count slots. PD_ERR_NOMEM only;
 * O(n log n).
 */
pd_err pd_medals_counted(const pd_medal_event *event, bool *counted, size_t *first_of);

/*
 * Compute the medal table of events[0..count). Every event is checked with
 * pd_medals_check_event first (diag->path "events[e].entries[i]"). On
 * success out holds the table; release it with pd_medal_table_cleanup.
 */
pd_err pd_medals_table(const pd_medal_event *events, size_t count, pd_medal_table *out,
                       pd_diag *diag);

/* Free the rows; safe on a zeroed table. */
void pd_medal_table_cleanup(pd_medal_table *table);

#endif
