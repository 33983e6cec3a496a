/*
 * figureskating.h: the ISU Judging System (season 2021/22) for one segment,
 * an event across segments and the team event.
 *
 * Everything is counted in hundredths of a point. A segment performance is a
 * list of executed elements, each with the code the protocol prints
 * ("3Lz!q+1Eu+3S<", "CCoSp3V", "SyTwW4+SyTwM4") and each judge's grade
 * (-5..+5), and a list of program components with each judge's mark and the
 * component's factor. The engine finds the base value in the Scale of Values
 * (SOV), applies the markers and the second-half bonus, turns every grade into
 * points with the SOV row, trims the panel and rounds as the ISU does, then
 * sums TES, PCS, deductions and the segment score. See
 * src/rules/figureskating.c for the rules, article by article.
 */
#ifndef PODIUM_FIGURESKATING_H
#define PODIUM_FIGURESKATING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "podium/err.h"
#include "podium/rank.h"

#define PD_FSK_GRADES         11 /* GOE grades -5..+5 */
#define PD_FSK_CODE_MAX       40 /* longest element code accepted, bytes */
#define PD_FSK_MAX_PANEL      9  /* ISU Rule 350: at most nine judges */
#define PD_FSK_MIN_PANEL      3
#define PD_FSK_MAX_ELEMENTS   20 /* elements of one performance */
#define PD_FSK_MAX_COMPONENTS 5

/* What an SOV row is; decides how the parts of an element add up. */
typedef enum {
    PD_FSK_ROW_JUMP,  /* listed jump: combinations take the GOE of the best jump */
    PD_FSK_ROW_THROW, /* pair throw jump */
    PD_FSK_ROW_SPIN,
    PD_FSK_ROW_STEPS,
    PD_FSK_ROW_CHOREO,       /* ChSq1 */
    PD_FSK_ROW_PAIR,         /* twist, lift, death spiral, pair spin */
    PD_FSK_ROW_DANCE,        /* ice dance element scored on its own */
    PD_FSK_ROW_DANCE_PARTNER /* one partner's part: "SyTwW4" of "SyTwW4+SyTwM4" */
} pd_fsk_row_kind;

/* One row of a Scale of Values: an element at one level with its markers. */
typedef struct {
    const char *code; /* "3Lze<", "CCoSp3V", "RoLi4" */
    pd_fsk_row_kind kind;
    int64_t base;               /* base value, hundredths */
    int64_t goe[PD_FSK_GRADES]; /* value of grade g at goe[g + 5], hundredths */
} pd_fsk_sov_row;

/* A table of rows sorted by code (strcmp order), for one group of disciplines. */
typedef struct {
    const char *name; /* "singles-pairs", "dance" */
    const pd_fsk_sov_row *rows;
    size_t count;
} pd_fsk_sov_table;

/* A season's Scale of Values: its tables. */
typedef struct {
    const char *season; /* "2021-22" */
    const pd_fsk_sov_table *singles_pairs;
    const pd_fsk_sov_table *dance;
} pd_fsk_sov;

/*
 * The Scale of Values of a season ("2021-22"), generated from
 * data/sov/<season>.json by tools/convert_sov.py; NULL when unknown.
 */
const pd_fsk_sov *pd_fsk_sov_find(const char *season);

/* The row with exactly this code, or NULL. */
const pd_fsk_sov_row *pd_fsk_sov_lookup(const pd_fsk_sov_table *table, const char *code);

/* The figures of one executed element, hundredths. */
typedef struct {
    int64_t base_value; /* markers, sequence/repetition reductions and bonus applied */
    int64_t goe;        /* the panel's GOE in points */
    int64_t score;      /* base_value + goe */
    bool valued;        /* false for "*", a no-value element, or all jumps invalid */
} pd_fsk_element_result;

/*
 * Score one element. code is as printed in the protocol; second_half is the
 * "x" bonus; grades holds `judges` grades (-5..+5). A panel may be empty
 * (judges == 0) only for an element without value. Errors: PD_ERR_INPUT for
 * a code not in the table, a malformed code, a grade out of range or a panel
 * size outside 3..9; the reason names the problem, the path is left empty.
 */
pd_err pd_fsk_element_score(const pd_fsk_sov_table *table, const char *code, bool second_half,
                            const int *grades, size_t judges, pd_fsk_element_result *out,
                            pd_diag *diag);

/*
 * The panel mark of one program component from `judges` marks in hundredths
 * (0.25 .. 10.00): trimmed mean rounded to 0.01. PD_ERR_INPUT on a bad panel.
 */
pd_err pd_fsk_component_panel(const int64_t *marks, size_t judges, int64_t *panel, pd_diag *diag);

/* A panel mark times its factor (hundredths), rounded to 0.01. */
int64_t pd_fsk_component_factored(int64_t panel, int64_t factor_hundredths);

/* One element of a performance, as read from input. */
typedef struct {
    const char *code;
    bool second_half;
    int grades[PD_FSK_MAX_PANEL];
    size_t judges;
} pd_fsk_element_in;

/* One program component of a performance. */
typedef struct {
    int64_t marks[PD_FSK_MAX_PANEL]; /* hundredths */
    size_t judges;
    int64_t factor; /* hundredths: 1.60 is 160 */
} pd_fsk_component_in;

typedef struct {
    pd_fsk_element_in elements[PD_FSK_MAX_ELEMENTS];
    size_t element_count;
    pd_fsk_component_in components[PD_FSK_MAX_COMPONENTS];
    size_t component_count;
    int64_t deductions; /* hundredths, >= 0, subtracted */
} pd_fsk_performance_in;

typedef struct {
    pd_fsk_element_result elements[PD_FSK_MAX_ELEMENTS];
    int64_t component_panel[PD_FSK_MAX_COMPONENTS];
    int64_t component_factored[PD_FSK_MAX_COMPONENTS];
    int64_t tes, pcs, deductions, tss;
} pd_fsk_performance_out;

/*
 * Score a whole segment performance. Errors as pd_fsk_element_score, with the
 * reason prefixed by the element or component index ("elements[3]: ...")
 * so the adapter can name the field; *failed_element or *failed_component
 * (either may be NULL) receive the index, or (size_t)-1.
 */
pd_err pd_fsk_performance_score(const pd_fsk_sov_table *table, const pd_fsk_performance_in *in,
                                pd_fsk_performance_out *out, size_t *failed_element,
                                size_t *failed_component, pd_diag *diag);

/* Segments of the ISU Judging System. */
typedef enum { PD_FSK_SP, PD_FSK_FS, PD_FSK_RD, PD_FSK_FD } pd_fsk_segment;

/* "SP", "FS", "RD", "FD" into *out; PD_ERR_INPUT otherwise. */
pd_err pd_fsk_segment_parse(const char *text, pd_fsk_segment *out, pd_diag *diag);

/* True for the short segments (SP, RD). */
bool pd_fsk_segment_is_short(pd_fsk_segment segment);

/*
 * Fill a rank item's keys for a segment result (ISU Rule 353.1.n): the
 * segment score decides; a tie in the short program / rhythm dance is broken
 * by the higher TES, in the free skating / free dance by the higher PCS; a
 * tie that remains is shared. Call pd_rank(items, count, 2) afterwards.
 */
void pd_fsk_segment_keys(pd_fsk_segment segment, int64_t tss, int64_t tes, int64_t pcs,
                         pd_rank_item *item);

/* ---- Event across segments and team event (src/rules/figureskating_event.c) ---- */

/* One competitor's result in one segment, as the segment's result list prints it. */
typedef struct {
    bool present; /* the competitor has a result or an IRM in this segment */
    pd_irm irm;   /* WD, DNS, DSQ... then the figures are ignored */
    int64_t tss, tes, pcs;
    int rank; /* out: the segment placement, 0 when none */
} pd_fsk_segment_result;

/* One competitor of an event (SP + FS, or RD + FD). */
typedef struct {
    pd_fsk_segment_result short_segment;
    pd_fsk_segment_result free_segment;
    int64_t order;     /* listing order among ties (start order) */
    bool free_pending; /* the free segment is still to come for this competitor: a
                        * qualifier without a free result is a provisional standing */
    /* out */
    bool qualified; /* placed within the cut after the short segment */
    int64_t total;  /* SP + FS, or the SP score of a non-qualifier */
    pd_irm irm;     /* the IRM of the event result */
    int rank;       /* 0 when irm */
} pd_fsk_event_entry;

/*
 * Rank an event (ISU Rule 353.1.n and 353.1.o):
 * - each segment is ranked by its score, a tie broken by TES in the short
 *   segment and PCS in the free segment;
 * - the best `qualifiers` of the short segment skate the free (competitors
 *   tied at the cut all qualify); a free result of anyone else is an error;
 * - finalists are ranked by SP + FS, a tie broken by the better free
 *   placement; non-qualifiers follow in their short placement, their total
 *   being the short score; an IRM in either segment is the event's IRM.
 * A qualifier without a free result whose free_pending is set follows the
 * finalists who have skated, in short placement, total the short score (the
 * standing while the free segment runs).
 * `work` is caller storage for `count` rank items. PD_ERR_INPUT for a finalist
 * without a free result (free_pending unset) or a free result of a non-qualifier; *failed (may be
 * NULL) then receives the entry's index.
 */
pd_err pd_fsk_event_rank(pd_fsk_event_entry *entries, size_t count, size_t qualifiers,
                         pd_rank_item *work, size_t *failed, pd_diag *diag);

#define PD_FSK_TEAM_SEGMENTS 8 /* men, women, pairs, dance: short then free */

/* One team of the team event. */
typedef struct {
    pd_fsk_segment_result segments[PD_FSK_TEAM_SEGMENTS]; /* index: see the adapter */
    int64_t order;
    /* out */
    int points[PD_FSK_TEAM_SEGMENTS]; /* placement points per segment, 0 when absent */
    int short_points, total_points;
    bool qualified; /* among the best `qualifiers` after the four short segments */
    int rank;
} pd_fsk_team_entry;

/*
 * Rank the team event (ISU Rule 359 and the Olympic team event regulations,
 * Beijing 2022): in each segment the placement p earns top_points + 1 - p
 * points (10 for the first; tied placements earn the same); the best
 * `qualifiers` teams after the short segments skate the free segments; teams
 * are ranked by total points, finalists first, then by their short-segment
 * points. A tie in points is broken by the best single placement in any
 * segment, then by the higher sum of segment scores; a tie that remains is
 * shared. Segments 0..3 are the short segments, 4..7 the free ones.
 * `work` is caller storage for `count` rank items.
 */
pd_err pd_fsk_team_rank(pd_fsk_team_entry *teams, size_t count, size_t qualifiers, int top_points,
                        pd_rank_item *work, pd_diag *diag);

#endif
