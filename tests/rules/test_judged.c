/*
 * Tests for src/rules/judged.c with Beijing 2022 figures (NBC Olympics /
 * Gracenote results feed, freestyle skiing 221 and snowboard 222):
 * - men's freeski big air qualification (2413261): RUUD 94.50 50.50 93.25
 *   = 187.75; BARCLAY 81.00 78.25 84.50 = 162.75, the pair 81.00 + 84.50
 *   being in one rotation direction;
 * - men's freeski halfpipe final (2413234): best of three runs;
 * - men's moguls finals (2413154): 20 in final 1, 12 in final 2, 6 in final 3;
 * - men's aerials qualification (2413167): qualification 2 counts the best of
 *   both jumps (OKIPNIUK 92.76 then 125.00) behind the six qualifiers of
 *   qualification 1.
 * Panel figures are constructed (the feed has no judges' marks).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "podium/judged.h"

static void scored(pd_judged_entry *e, int round, int run, int64_t score, int direction)
{
    e->runs[round][run].state = PD_RUN_SCORED;
    e->runs[round][run].score = score;
    e->runs[round][run].direction = direction;
    e->seen[round] = true;
}

static void test_big_air_directions(void **state)
{
    (void)state;
    pd_judged_round round = {.runs = 3, .counting = PD_JUDGED_BEST_TWO, .advance = 1};
    pd_judged_entry e[3];
    pd_judged_result out[3];
    memset(e, 0, sizeof e);
    scored(&e[0], 0, 0, 9450, 0); /* RUUD */
    scored(&e[0], 0, 1, 5050, 0);
    scored(&e[0], 0, 2, 9325, 0);
    scored(&e[1], 0, 0, 8100, 1); /* BARCLAY: 81.00 and 84.50 in one direction */
    scored(&e[1], 0, 1, 7825, 2);
    scored(&e[1], 0, 2, 8450, 1);
    scored(&e[2], 0, 0, 2000, 1); /* CLAIRE (women): 20.00 17.25 DNS, one direction */
    scored(&e[2], 0, 1, 1725, 1);
    e[2].runs[0][2].state = PD_RUN_DNS;
    for (int i = 0; i < 3; i++)
        e[i].order = i;
    assert_int_equal(pd_judged_rank(&round, 1, e, 3, out, NULL, NULL, NULL), PD_OK);
    assert_int_equal(out[0].entry, 0);
    assert_int_equal(out[0].rounds[0].result, 18775);
    assert_int_equal(out[0].rounds[0].counted, 5u);
    assert_true(out[0].rounds[0].advanced);
    assert_int_equal(out[1].rounds[0].result, 16275);
    assert_int_equal(out[1].rounds[0].counted, 6u);
    assert_false(out[1].rounds[0].advanced);
    assert_int_equal(out[2].rounds[0].result, 2000);
    assert_int_equal(out[2].rank, 3);
}

static void test_best_run_and_ties(void **state)
{
    (void)state;
    pd_judged_round final = {.runs = 3, .counting = PD_JUDGED_BEST, .rank_irm = true};
    pd_judged_entry e[4];
    pd_judged_result out[4];
    memset(e, 0, sizeof e);
    scored(&e[0], 0, 0, 9075, 0); /* WISE 90.75 7.75 40.00 */
    scored(&e[0], 0, 1, 775, 0);
    scored(&e[0], 0, 2, 4000, 0);
    scored(&e[1], 0, 0, 9300, 0); /* PORTEOUS 93.00 30.75 9.25 */
    scored(&e[1], 0, 1, 3075, 0);
    scored(&e[1], 0, 2, 925, 0);
    scored(&e[2], 0, 0, 9075, 0); /* constructed: equal best, better second run */
    scored(&e[2], 0, 1, 4100, 0);
    e[3].runs[0][0].state = PD_RUN_DNS; /* a finalist who did not start: ranked last */
    e[3].seen[0] = true;
    assert_int_equal(pd_judged_rank(&final, 1, e, 4, out, NULL, NULL, NULL), PD_OK);
    assert_int_equal(out[0].entry, 1);
    assert_int_equal(out[1].entry, 2);
    assert_int_equal(out[1].rank, 2);
    assert_int_equal(out[2].entry, 0);
    assert_int_equal(out[2].rank, 3);
    assert_int_equal(out[3].entry, 3);
    assert_int_equal(out[3].rank, 4);
    assert_int_equal(out[3].irm, PD_IRM_DNS);

    /* equal on every run: shared, unless the jury's precedence separates them */
    scored(&e[2], 0, 1, 775, 0);
    scored(&e[2], 0, 2, 4000, 0);
    assert_int_equal(pd_judged_rank(&final, 1, e, 4, out, NULL, NULL, NULL), PD_OK);
    assert_int_equal(out[1].rank, 2);
    assert_int_equal(out[2].rank, 2);
    e[0].tiebreak[0] = 1;
    e[2].tiebreak[0] = 2;
    assert_int_equal(pd_judged_rank(&final, 1, e, 4, out, NULL, NULL, NULL), PD_OK);
    assert_int_equal(out[1].entry, 0);
    assert_int_equal(out[2].rank, 3);
}

static void test_knockout_rounds(void **state)
{
    (void)state;
    /* moguls finals, cut to 2 then 1 (Beijing: 20, 12, 6) */
    pd_judged_round rounds[3] = {
        {.runs = 1, .advance = 2, .rank_irm = true},
        {.runs = 1, .advance = 1, .rank_irm = true},
        {.runs = 1, .rank_irm = true},
    };
    pd_judged_entry e[4];
    pd_judged_result out[4];
    size_t bad = 99;
    int bad_round = -1;
    memset(e, 0, sizeof e);
    scored(&e[0], 0, 0, 8178, 0);       /* KINGSBURY */
    scored(&e[1], 0, 0, 7805, 0);       /* WALLBERG */
    scored(&e[2], 0, 0, 7791, 0);       /* HORISHIMA */
    e[3].runs[0][0].state = PD_RUN_DNF; /* SALONEN: DNF, ranked last of final 1 */
    e[3].seen[0] = true;
    scored(&e[0], 1, 0, 7959, 0);
    scored(&e[1], 1, 0, 8033, 0);
    scored(&e[1], 2, 0, 8323, 0);
    assert_int_equal(pd_judged_rank(rounds, 3, e, 4, out, NULL, NULL, NULL), PD_OK);
    assert_int_equal(out[0].entry, 1);
    assert_int_equal(out[0].rank, 1);
    assert_int_equal(out[0].last_round, 2);
    assert_int_equal(out[1].entry, 0);
    assert_int_equal(out[1].rank, 2);
    assert_int_equal(out[2].entry, 2);
    assert_int_equal(out[2].rank, 3);
    assert_int_equal(out[3].entry, 3);
    assert_int_equal(out[3].rank, 4);
    assert_int_equal(out[3].irm, PD_IRM_DNF);

    /* a run in a round the competitor did not reach */
    scored(&e[2], 1, 0, 7958, 0);
    assert_int_equal(pd_judged_rank(rounds, 3, e, 4, out, &bad, &bad_round, NULL), PD_ERR_INPUT);
    assert_int_equal(bad, 2);
    assert_int_equal(bad_round, 1);
}

static void test_second_chance(void **state)
{
    (void)state;
    pd_judged_round rounds[2] = {
        {.runs = 1, .advance = 1},
        {.runs = 1, .advance = 1, .second_chance = true, .carry = true},
    };
    pd_judged_entry e[3];
    pd_judged_result out[3];
    memset(e, 0, sizeof e);
    scored(&e[0], 0, 0, 12788, 0); /* QI: qualified in qualification 1 */
    scored(&e[1], 0, 0, 9276, 0);  /* OKIPNIUK: 92.76 then 125.00 */
    scored(&e[1], 1, 0, 12500, 0);
    scored(&e[2], 0, 0, 11947, 0); /* NIKITIN: 119.47 then 86.88 */
    scored(&e[2], 1, 0, 8688, 0);
    assert_int_equal(pd_judged_rank(rounds, 2, e, 3, out, NULL, NULL, NULL), PD_OK);
    assert_int_equal(out[0].entry, 0);
    assert_int_equal(out[0].rank, 1);
    assert_true(out[0].rounds[0].advanced);
    assert_int_equal(out[1].entry, 1);
    assert_int_equal(out[1].rank, 2);
    assert_int_equal(out[1].rounds[1].result, 12500);
    assert_true(out[1].rounds[1].advanced);
    assert_int_equal(out[2].entry, 2);
    assert_int_equal(out[2].rank, 3);
    assert_int_equal(out[2].rounds[1].result, 11947);
    assert_int_equal(out[2].rounds[1].counted, 1u << 8);
}

static void test_panels(void **state)
{
    (void)state;
    int64_t score;
    /* six judges, highest and lowest dropped, mean of four: 93 92 95 91 94 90 -> 92.50 */
    const int64_t marks[] = {9300, 9200, 9500, 9100, 9400, 9000};
    assert_int_equal(pd_judged_overall_score(marks, 6, 1, &score, NULL), PD_OK);
    assert_int_equal(score, 9250);
    /* three kept marks: 80.00 80.00 80.10 -> 80.0333 -> 80.03 */
    const int64_t three[] = {8000, 8000, 8010, 7000, 9000};
    assert_int_equal(pd_judged_overall_score(three, 5, 1, &score, NULL), PD_OK);
    assert_int_equal(score, 8003);
    /* aerials: five judges' air + form + landing, see below */
    const int64_t afl[5][3] = {
        {18, 44, 26}, {17, 43, 27}, {19, 45, 28}, {16, 42, 25}, {18, 43, 26},
    };
    /* totals 8.8 8.7 9.2 8.3 8.7: drop 9.2 and 8.3, sum 26.2; 26.2 x 4.425 = 115.935 -> 115.93 */
    assert_int_equal(pd_judged_aerials_score(afl, 5, 1, 4425, &score, NULL), PD_OK);
    assert_int_equal(score, 11593);
    pd_diag diag = {0};
    assert_int_equal(pd_judged_overall_score(marks, 2, 1, &score, &diag), PD_ERR_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_big_air_directions),
        cmocka_unit_test(test_best_run_and_ties),
        cmocka_unit_test(test_knockout_rounds),
        cmocka_unit_test(test_second_chance),
        cmocka_unit_test(test_panels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
