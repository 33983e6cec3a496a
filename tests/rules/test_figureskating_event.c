/*
 * Tests for src/rules/figureskating_event.c: the event across segments and
 * the team event, on small constructed fields where the rule decides, and on
 * the tie-breaks of the team event (the Beijing 2022 tie of Germany and
 * Ukraine, 8 points each, is in test_figureskating_beijing.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "podium/figureskating.h"

static pd_fsk_segment_result seg(int64_t tss, int64_t tes, int64_t pcs)
{
    pd_fsk_segment_result r = {0};
    r.present = true;
    r.tss = tss;
    r.tes = tes;
    r.pcs = pcs;
    return r;
}

static void test_event_total_tie(void **state)
{
    (void)state;
    pd_fsk_event_entry e[4];
    pd_rank_item work[4];
    memset(e, 0, sizeof e);
    /* A and B tie on 300.00; B has the better free skating: B first */
    e[0].short_segment = seg(10000, 5000, 5000);
    e[0].free_segment = seg(20000, 10000, 10000);
    e[1].short_segment = seg(9000, 5000, 4000);
    e[1].free_segment = seg(21000, 11000, 10000);
    /* C: equal short score to A, lower TES: placed behind A in the short program */
    e[2].short_segment = seg(10000, 4000, 6000);
    e[2].free_segment = seg(15000, 7000, 8000);
    /* D: outside the cut of 3 */
    e[3].short_segment = seg(5000, 2500, 2500);
    for (int i = 0; i < 4; i++)
        e[i].order = i;
    assert_int_equal(pd_fsk_event_rank(e, 4, 3, work, NULL, NULL), PD_OK);
    assert_int_equal(e[0].short_segment.rank, 1);
    assert_int_equal(e[2].short_segment.rank, 2);
    assert_int_equal(e[1].short_segment.rank, 3);
    assert_int_equal(e[1].rank, 1);
    assert_int_equal(e[0].rank, 2);
    assert_int_equal(e[2].rank, 3);
    assert_int_equal(e[3].rank, 4);
    assert_false(e[3].qualified);
    assert_int_equal(e[3].total, 5000);
    /* a non-qualifier with a free result, and a finalist without one */
    e[3].free_segment = seg(100, 50, 50);
    pd_diag diag = {0};
    assert_int_equal(pd_fsk_event_rank(e, 4, 3, work, NULL, &diag), PD_ERR_INPUT);
    assert_non_null(strstr(diag.reason, "qualifiers"));
    e[3].free_segment.present = false;
    e[2].free_segment.present = false;
    assert_int_equal(pd_fsk_event_rank(e, 4, 3, work, NULL, &diag), PD_ERR_INPUT);
    /* a withdrawal in the free skating is the event's IRM */
    e[2].free_segment.present = true;
    e[2].free_segment.irm = PD_IRM_WD;
    assert_int_equal(pd_fsk_event_rank(e, 4, 3, work, NULL, NULL), PD_OK);
    assert_int_equal(e[2].irm, PD_IRM_WD);
    assert_int_equal(e[2].rank, 0);
    assert_int_equal(e[3].rank, 3);
}

static void test_event_tie_at_cut(void **state)
{
    (void)state;
    pd_fsk_event_entry e[3];
    pd_rank_item work[3];
    memset(e, 0, sizeof e);
    e[0].short_segment = seg(8000, 4000, 4000);
    e[1].short_segment = seg(7000, 3500, 3500);
    e[2].short_segment = seg(7000, 3500, 3500); /* a true tie for the last place */
    for (int i = 0; i < 3; i++)
        e[i].free_segment = seg(10000, 5000, 5000 - i);
    assert_int_equal(pd_fsk_event_rank(e, 3, 2, work, NULL, NULL), PD_OK);
    assert_true(e[1].qualified && e[2].qualified);
    assert_int_equal(e[1].short_segment.rank, 2);
    assert_int_equal(e[2].short_segment.rank, 2);
}

static void test_event_free_pending(void **state)
{
    (void)state;
    pd_fsk_event_entry e[3];
    pd_rank_item work[3];
    memset(e, 0, sizeof e);
    /* cut of 2; A has skated the free, B (better short) has not yet, C did not qualify */
    e[0].short_segment = seg(8000, 4000, 4000);
    e[0].free_segment = seg(15000, 7000, 8000);
    e[1].short_segment = seg(9000, 4500, 4500);
    e[2].short_segment = seg(5000, 2500, 2500);
    pd_diag diag = {0};
    assert_int_equal(pd_fsk_event_rank(e, 3, 2, work, NULL, &diag), PD_ERR_INPUT);
    for (int i = 0; i < 3; i++) {
        e[i].order = i;
        e[i].free_pending = true;
    }
    assert_int_equal(pd_fsk_event_rank(e, 3, 2, work, NULL, NULL), PD_OK);
    assert_int_equal(e[0].rank, 1);
    assert_int_equal(e[1].rank, 2);
    assert_int_equal(e[1].total, 9000);
    assert_true(e[1].qualified);
    assert_int_equal(e[2].rank, 3);
}

static void test_team_tie(void **state)
{
    (void)state;
    pd_fsk_team_entry t[3];
    pd_rank_item work[3];
    memset(t, 0, sizeof t);
    /* A: 1st and 3rd, B: 2nd and 2nd, C: 3rd and 1st: 18 points each */
    t[0].segments[0] = seg(10000, 5000, 5000);
    t[1].segments[0] = seg(9000, 4500, 4500);
    t[2].segments[0] = seg(8000, 4000, 4000);
    t[0].segments[1] = seg(8000, 4000, 4000);
    t[1].segments[1] = seg(9000, 4500, 4500);
    t[2].segments[1] = seg(10100, 5000, 5100);
    for (int i = 0; i < 3; i++)
        t[i].order = i;
    assert_int_equal(pd_fsk_team_rank(t, 3, 3, 10, work, NULL), PD_OK);
    for (int i = 0; i < 3; i++)
        assert_int_equal(t[i].total_points, 18);
    /* the best single placement first (B has none better than 2nd), then the
     * sum of segment scores (C 181.00 against A 180.00) */
    assert_int_equal(t[2].rank, 1);
    assert_int_equal(t[0].rank, 2);
    assert_int_equal(t[1].rank, 3);
    /* the cut after the short segments: only C may skate a free segment */
    t[0].segments[4] = seg(100, 50, 50);
    pd_diag diag = {0};
    assert_int_equal(pd_fsk_team_rank(t, 3, 1, 10, work, &diag), PD_ERR_INPUT);
    assert_non_null(strstr(diag.reason, "did not qualify"));
    /* free segments: points continue from the top (10, 9, ...) among finalists */
    t[0].segments[4].present = false;
    t[2].segments[4] = seg(100, 50, 50);
    assert_int_equal(pd_fsk_team_rank(t, 3, 1, 10, work, NULL), PD_OK);
    assert_int_equal(t[2].points[4], 10);
    assert_int_equal(t[2].total_points, 28);
    assert_true(t[2].qualified && !t[0].qualified);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_event_total_tie),
        cmocka_unit_test(test_event_tie_at_cut),
        cmocka_unit_test(test_event_free_pending),
        cmocka_unit_test(test_team_tie),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
