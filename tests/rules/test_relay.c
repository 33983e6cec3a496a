/*
 * Tests for src/rules/relay.c with Beijing 2022 figures (NBC/Gracenote feed,
 * ../shared/data/beijing2022):
 * - biathlon mixed relay (218, match 1937891): NOR 1:06:45.6 (3+13), FRA
 *   1:06:46.5 +0.9 (3+11), ROC 1:06:47.1 +1.5 (1+13); SVK, JPN lapped, ranked
 *   17th and 18th;
 * - women's team sprint final (220, match 2412696): HENNIG/CARL 22:09.85,
 *   DAHLQVIST/SUNDLING 22:10.02 +0.17;
 * - luge team relay (214, match 1939957): GER 3:03.406, AUT 3:03.486 +0.080,
 *   SVK DNF.
 * Leg splits where the feed has none are made up for the test and say so.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "podium/relay.h"

static pd_relay_entry team(int64_t time_ms, int64_t finish, int64_t bib)
{
    pd_relay_entry e;
    memset(&e, 0, sizeof e);
    e.present = true;
    e.has_time = true;
    e.time_ms = time_ms;
    e.finish = finish;
    e.order = bib;
    return e;
}

static void test_mixed_relay(void **state)
{
    (void)state;
    pd_relay_config cfg = {.legs = 4, .prec = PD_PREC_TENTH, .shooting_stages = 2};
    pd_relay_entry e[6];
    e[0] = team(4006500, 2, 3); /* FRA */
    e[1] = team(4005600, 1, 1); /* NOR */
    e[2] = team(0, 18, 20);     /* JPN, lapped */
    e[2].has_time = false;
    e[2].irm = PD_IRM_LAP;
    e[3] = team(4007100, 3, 5); /* ROC */
    e[4] = team(0, 17, 15);     /* SVK, lapped */
    e[4].has_time = false;
    e[4].irm = PD_IRM_LAP;
    e[5] = team(0, 0, 11); /* a DNF, bib 11 */
    e[5].has_time = false;
    e[5].irm = PD_IRM_DNF;
    e[1].has_totals = true;
    e[1].total_loops = 3;
    e[1].total_spares = 13;
    pd_relay_result out[6];
    pd_diag diag = {0};
    assert_int_equal(pd_relay_rank(&cfg, e, 6, out, NULL, NULL, &diag), PD_OK);
    assert_int_equal(out[0].entry, 1);
    assert_int_equal(out[0].rank, 1);
    assert_int_equal(out[0].time_ms, 4005600);
    assert_true(out[0].has_shooting);
    assert_int_equal(out[0].loops, 3);
    assert_int_equal(out[0].spares, 13);
    assert_int_equal(out[1].entry, 0);
    assert_int_equal(out[1].behind_ms, 900);
    assert_int_equal(out[2].behind_ms, 1500);
    /* lapped teams ranked after the finishers in the order they were pulled */
    assert_int_equal(out[3].entry, 4);
    assert_int_equal(out[3].rank, 4);
    assert_int_equal(out[3].irm, PD_IRM_LAP);
    assert_int_equal(out[4].entry, 2);
    assert_int_equal(out[4].rank, 5);
    assert_int_equal(out[5].rank, 0);
    assert_int_equal(out[5].irm, PD_IRM_DNF);

    /* a lapped team cannot be placed among the finishers */
    size_t bad = 99;
    int bad_leg = 0;
    e[4].finish = 2;
    assert_int_equal(pd_relay_rank(&cfg, e, 6, out, &bad, &bad_leg, &diag), PD_ERR_INPUT);
    assert_int_equal(bad, 4);
    assert_int_equal(bad_leg, -1);
}

static void test_legs(void **state)
{
    (void)state;
    /* NOR's 1:06:45.6 split over four legs (splits made up; they add up) */
    pd_relay_config cfg = {.legs = 4, .prec = PD_PREC_TENTH, .shooting_stages = 2};
    const int64_t split[4] = {1001234, 1003366, 1000000, 1001000};
    const pd_relay_stage stages[4][2] = {
        {{1, 0}, {3, 1}}, {{2, 0}, {3, 2}}, {{1, 0}, {1, 0}}, {{1, 0}, {1, 0}}};
    pd_relay_entry e[2];
    e[0] = team(0, 0, 1);
    e[0].has_time = false; /* the team time is the sum of the legs */
    e[1] = team(4005700, 0, 3);
    for (int l = 0; l < 4; l++) {
        e[0].leg[l] = (pd_relay_leg){
            .present = true, .has_time = true, .time_ms = split[l], .has_shooting = true};
        memcpy(e[0].leg[l].stage, stages[l], sizeof stages[l]);
    }
    e[0].has_totals = true;
    e[0].total_loops = 3;
    e[0].total_spares = 13;
    pd_relay_result out[2];
    pd_diag diag = {0};
    assert_int_equal(pd_relay_rank(&cfg, e, 2, out, NULL, NULL, &diag), PD_OK);
    assert_int_equal(out[0].entry, 0);
    assert_int_equal(out[0].time_ms, 4005600); /* 4005600 ms exactly, cut to 0.1 */
    assert_int_equal(out[0].leg[0].time_ms, 1001200);
    assert_int_equal(out[0].leg[0].rank, 1);
    assert_int_equal(out[0].leg[1].exchange_ms, 2004600); /* 1001234 + 1003366, cut once */
    assert_int_equal(out[0].leg[1].time_ms, 1003300);
    assert_int_equal(out[0].leg[1].loops, 2);
    assert_int_equal(out[0].leg[1].spares, 5);
    assert_int_equal(out[1].behind_ms, 100);
    assert_int_equal(out[1].leg[0].rank, 0); /* no legs given for the second team */

    size_t bad = 99;
    int bad_leg = 99;
    /* the legs must add up to the team time */
    e[0].has_time = true;
    e[0].time_ms = 4005601;
    assert_int_equal(pd_relay_rank(&cfg, e, 2, out, &bad, &bad_leg, &diag), PD_ERR_INPUT);
    assert_int_equal(bad, 0);
    assert_int_equal(bad_leg, 0);
    e[0].has_time = false;
    /* totals that disagree with the stages */
    e[0].total_spares = 12;
    assert_int_equal(pd_relay_rank(&cfg, e, 2, out, &bad, &bad_leg, &diag), PD_ERR_INPUT);
    e[0].total_spares = 13;
    /* at most three spare rounds per stage */
    e[0].leg[2].stage[1].spares = 4;
    assert_int_equal(pd_relay_rank(&cfg, e, 2, out, &bad, &bad_leg, &diag), PD_ERR_INPUT);
    assert_int_equal(bad_leg, 3);
    e[0].leg[2].stage[1].spares = 1;
    /* a finished team needs every leg once legs are given */
    e[0].leg[3].present = false;
    e[0].has_time = true;
    e[0].time_ms = 4005600;
    assert_int_equal(pd_relay_rank(&cfg, e, 2, out, &bad, &bad_leg, &diag), PD_ERR_INPUT);
    /* ... but a DNF team may stop after any leg */
    e[0].has_time = false;
    e[0].irm = PD_IRM_DNF;
    e[0].has_totals = false;
    assert_int_equal(pd_relay_rank(&cfg, e, 2, out, &bad, &bad_leg, &diag), PD_OK);
    assert_int_equal(out[1].irm, PD_IRM_DNF);
    assert_int_equal(out[1].leg[2].exchange_rank, 1);
    assert_int_equal(out[1].leg[3].rank, 0);
}

static void test_team_sprint_photo(void **state)
{
    (void)state;
    pd_relay_config cfg = {.legs = 6, .prec = PD_PREC_HUNDREDTH};
    pd_relay_entry e[3];
    e[0] = team(1330020, 2, 15); /* DAHLQVIST/SUNDLING */
    e[1] = team(1329850, 1, 4);  /* HENNIG/CARL */
    e[2] = team(1330025, 3, 14); /* equal hundredths, separated by the photo (made up) */
    pd_relay_result out[3];
    pd_diag diag = {0};
    assert_int_equal(pd_relay_rank(&cfg, e, 3, out, NULL, NULL, &diag), PD_OK);
    assert_int_equal(out[0].entry, 1);
    assert_int_equal(out[1].behind_ms, 170);
    assert_int_equal(out[2].rank, 3);
    assert_int_equal(out[2].time_ms, 1330020);
    /* without the photo the equal hundredths share the rank */
    e[0].finish = e[1].finish = e[2].finish = 0;
    assert_int_equal(pd_relay_rank(&cfg, e, 3, out, NULL, NULL, &diag), PD_OK);
    assert_int_equal(out[1].rank, 2);
    assert_int_equal(out[2].rank, 2);
    /* a photo that contradicts the times is refused */
    e[0].finish = 1;
    e[1].finish = 2;
    e[2].finish = 3;
    assert_int_equal(pd_relay_rank(&cfg, e, 3, out, NULL, NULL, &diag), PD_ERR_INPUT);
}

static void test_luge_team_relay(void **state)
{
    (void)state;
    pd_relay_config cfg = {.legs = 3, .prec = PD_PREC_MS};
    pd_relay_entry e[3];
    e[0] = team(183486, 0, 13); /* AUT */
    e[1] = team(0, 0, 7);       /* SVK */
    e[1].has_time = false;
    e[1].irm = PD_IRM_DNF;
    e[2] = team(183406, 0, 14); /* GER */
    pd_relay_result out[3];
    pd_diag diag = {0};
    assert_int_equal(pd_relay_rank(&cfg, e, 3, out, NULL, NULL, &diag), PD_OK);
    assert_int_equal(out[0].entry, 2);
    assert_int_equal(out[1].behind_ms, 80);
    assert_int_equal(out[2].irm, PD_IRM_DNF);
    assert_false(out[0].has_shooting);
    /* a team without a time nor timed legs is refused */
    e[0].has_time = false;
    size_t bad = 99;
    assert_int_equal(pd_relay_rank(&cfg, e, 3, out, &bad, NULL, &diag), PD_ERR_INPUT);
    assert_int_equal(bad, 0);
    cfg.legs = 0;
    assert_int_equal(pd_relay_rank(&cfg, e, 3, out, NULL, NULL, &diag), PD_ERR_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mixed_relay),
        cmocka_unit_test(test_legs),
        cmocka_unit_test(test_team_sprint_photo),
        cmocka_unit_test(test_luge_team_relay),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
