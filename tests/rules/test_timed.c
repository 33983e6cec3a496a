/*
 * Tests for src/rules/timed.c with Beijing 2022 figures (NBC/Gracenote feed,
 * ../shared/data/beijing2022): men's giant slalom (115, match 2411536:
 * ODERMATT 1:02.93 + 1:06.42 = 2:09.35, KRANJEC +0.19, FAIVRE +1.34),
 * men's 20 km individual biathlon (218, match 1937888: FILLON MAILLET
 * 48:47.4 with 2 misses, SMOLSKI +14.8 clean) and men's singles luge
 * (214, match 2412773: the best 20 after three runs start the fourth).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "podium/timed.h"

static pd_timed_run t(int64_t ms)
{
    return (pd_timed_run){.present = true, .time_ms = ms};
}

static pd_timed_run irm(pd_irm mark)
{
    return (pd_timed_run){.present = true, .irm = mark};
}

static void test_giant_slalom(void **state)
{
    (void)state;
    pd_timed_config cfg = {.runs = 2, .prec = PD_PREC_HUNDREDTH};
    /* measured thousandths are cut before summing: 62.939 counts as 62.93 */
    pd_timed_entry e[] = {
        {.run = {t(63010), t(67689)}, .order = 5},  /* FAIVRE */
        {.run = {t(62939), t(66420)}, .order = 4},  /* ODERMATT */
        {.run = {t(63710), t(65835)}, .order = 13}, /* KRANJEC */
        {.run = {irm(PD_IRM_DNF)}, .order = 1},
        {.run = {t(64000)}, .order = 2}, /* no run 2: DNS */
        {.run = {t(64000), irm(PD_IRM_DSQ)}, .order = 3},
    };
    pd_timed_result out[6];
    pd_diag diag = {0};
    assert_int_equal(pd_timed_rank(&cfg, e, 6, out, NULL, NULL, &diag), PD_OK);
    assert_int_equal(out[0].entry, 1);
    assert_int_equal(out[0].total_ms, 129350);
    assert_int_equal(out[0].behind_ms, 0);
    assert_int_equal(out[1].entry, 2);
    assert_int_equal(out[1].behind_ms, 190);
    assert_int_equal(out[1].run[0].rank, 3);
    assert_int_equal(out[1].run[1].rank, 1);
    assert_int_equal(out[2].entry, 0);
    assert_int_equal(out[2].behind_ms, 1340);
    assert_int_equal(out[3].irm, PD_IRM_DNF);
    assert_int_equal(out[4].irm, PD_IRM_DSQ);
    assert_int_equal(out[5].irm, PD_IRM_DNS);
    assert_int_equal(out[5].rank, 0);
    assert_int_equal(out[5].run[0].rank, 4); /* ranked in run 1 all the same */
}

static void test_biathlon_penalty(void **state)
{
    (void)state;
    pd_timed_config cfg = {.runs = 1, .prec = PD_PREC_TENTH, .penalty_ms = 60000};
    /* ski time 46:47.4 plus two minutes; SMOLSKI clean in 49:02.2 */
    pd_timed_entry e[] = {
        {.run = {{.present = true, .time_ms = 2942299}}, .order = 28},
        {.run = {{.present = true, .time_ms = 2807450, .misses = 2}}, .order = 11},
    };
    pd_timed_result out[2];
    pd_diag diag = {0};
    assert_int_equal(pd_timed_rank(&cfg, e, 2, out, NULL, NULL, &diag), PD_OK);
    assert_int_equal(out[0].entry, 1);
    assert_int_equal(out[0].total_ms, 2927400);
    assert_int_equal(out[0].misses, 2);
    assert_int_equal(out[1].behind_ms, 14800);
}

static void test_ties_share(void **state)
{
    (void)state;
    pd_timed_config cfg = {.runs = 1, .prec = PD_PREC_HUNDREDTH};
    /* equal after the cut: a tie for gold gives two golds and no silver */
    pd_timed_entry e[] = {
        {.run = {t(60159)}, .order = 9},
        {.run = {t(60151)}, .order = 3},
        {.run = {t(60280)}, .order = 1},
    };
    pd_timed_result out[3];
    pd_diag diag = {0};
    assert_int_equal(pd_timed_rank(&cfg, e, 3, out, NULL, NULL, &diag), PD_OK);
    assert_int_equal(out[0].entry, 1); /* start order among the tied */
    assert_int_equal(out[0].rank, 1);
    assert_int_equal(out[1].rank, 1);
    assert_int_equal(out[1].behind_ms, 0);
    assert_int_equal(out[2].rank, 3);
}

static void test_sliding_cut(void **state)
{
    (void)state;
    /* best 2 after run 2 start run 3; the third is ranked after them on two runs */
    pd_timed_config cfg = {.runs = 3, .prec = PD_PREC_MS, .cut_after_run = 2, .cut_best = 2};
    pd_timed_entry e[] = {
        {.run = {t(57063), t(57438), t(57043)}, .order = 1},
        {.run = {t(57110), t(57430), t(57117)}, .order = 2},
        {.run = {t(58205), t(58764)}, .order = 3},
        {.run = {irm(PD_IRM_DNS)}, .order = 4},
    };
    pd_timed_result out[4];
    pd_diag diag = {0};
    assert_int_equal(pd_timed_rank(&cfg, e, 4, out, NULL, NULL, &diag), PD_OK);
    assert_int_equal(out[0].entry, 0);
    assert_int_equal(out[1].entry, 1);
    assert_int_equal(out[2].entry, 2);
    assert_int_equal(out[2].rank, 3);
    assert_int_equal(out[2].runs_counted, 2);
    assert_int_equal(out[2].total_ms, 116969);
    /* measured from the leader after run 2 (57.063 + 57.438) */
    assert_int_equal(out[2].behind_ms, 116969 - 114501);
    assert_int_equal(out[3].irm, PD_IRM_DNS);

    /* a run after the cut for someone who was cut is an error naming them */
    e[2].run[2] = t(58000);
    size_t bad = 99;
    int bad_run = 0;
    assert_int_equal(pd_timed_rank(&cfg, e, 4, out, &bad, &bad_run, &diag), PD_ERR_INPUT);
    assert_int_equal(bad, 2);
    assert_int_equal(bad_run, 3);
}

static void test_cut_ties_go_on(void **state)
{
    (void)state;
    pd_timed_config cfg = {.runs = 2, .prec = PD_PREC_MS, .cut_after_run = 1, .cut_best = 1};
    pd_timed_entry e[] = {
        {.run = {t(50000), t(50000)}, .order = 1},
        {.run = {t(50000), t(49000)}, .order = 2},
    };
    pd_timed_result out[2];
    pd_diag diag = {0};
    assert_int_equal(pd_timed_rank(&cfg, e, 2, out, NULL, NULL, &diag), PD_OK);
    assert_int_equal(out[0].entry, 1);
    assert_int_equal(out[0].runs_counted, 2);
    assert_int_equal(out[1].runs_counted, 2);
}

static void test_bad_config(void **state)
{
    (void)state;
    pd_timed_config cfg = {.runs = 0, .prec = PD_PREC_MS};
    pd_timed_result out[1];
    pd_diag diag = {0};
    assert_int_equal(pd_timed_rank(&cfg, NULL, 0, out, NULL, NULL, &diag), PD_ERR_INPUT);
    cfg.runs = 2;
    cfg.cut_after_run = 2;
    cfg.cut_best = 1;
    assert_int_equal(pd_timed_rank(&cfg, NULL, 0, out, NULL, NULL, &diag), PD_ERR_INPUT);
    cfg.cut_after_run = 0;
    assert_int_equal(pd_timed_rank(&cfg, NULL, 0, out, NULL, NULL, &diag), PD_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_giant_slalom),   cmocka_unit_test(test_biathlon_penalty),
        cmocka_unit_test(test_ties_share),     cmocka_unit_test(test_sliding_cut),
        cmocka_unit_test(test_cut_ties_go_on), cmocka_unit_test(test_bad_config),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
