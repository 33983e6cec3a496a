/*
 * Tests for src/rules/ssk_massstart.c with Beijing 2022 figures (NBC/Gracenote
 * feed, ../shared/data/beijing2022, sport 103): men's mass start final (match
 * 2411400): SWINGS 7:47.11 first with 63 (60 + 3 from the intermediate
 * sprints); LEE and MANTIA both 7:47.20, third (20) and fourth (10) by the
 * photo finish; ALDOSHKIN 7:47.59 fifth over the line, 6; TSUCHIYA 7:58.82 with
 * 6 from the intermediate sprints only, ranked sixth after ALDOSHKIN on the
 * order over the line; WENGER sixth over the line (3) plus 1, seventh with 4;
 * GIOVANNINI 7:47.93 without points eleventh; KRAMER 14 laps of 16, sixteenth.
 * The sprint places are the converter's split of the published totals.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "podium/ssk_massstart.h"

static const pd_sskms_race final_race = {.laps = 16, .sprints = 3, .qualify = 0};

static pd_sskms_entry finisher(int64_t time_ms, int64_t finish, int s1, int s2, int s3,
                               int64_t order)
{
    return (pd_sskms_entry){.present = true,
                            .finished = true,
                            .time_ms = time_ms,
                            .finish = finish,
                            .sprint_place = {s1, s2, s3},
                            .order = order};
}

static void test_point_tables(void **state)
{
    (void)state;
    static const int64_t final_points[] = {0, 60, 40, 20, 10, 6, 3, 0};
    for (int64_t place = 0; place < 8; place++)
        assert_int_equal(pd_sskms_final_points(place), final_points[place]);
    static const int64_t sprint_points[] = {0, 3, 2, 1, 0};
    for (int place = 0; place < 5; place++)
        assert_int_equal(pd_sskms_sprint_points(place), sprint_points[place]);
}

static void test_men_final(void **state)
{
    (void)state;
    pd_sskms_entry e[] = {
        finisher(467110, 1, 2, 3, 0, 3),            /* 0 SWINGS: 60 + 2 + 1 */
        finisher(467200, 4, 0, 0, 0, 14),           /* 1 MANTIA */
        finisher(467200, 3, 0, 0, 0, 4),            /* 2 LEE */
        finisher(478820, 13, 1, 1, 0, 12),          /* 3 TSUCHIYA: 3 + 3 */
        finisher(467590, 5, 0, 0, 0, 9),            /* 4 ALDOSHKIN */
        finisher(467860, 6, 0, 0, 3, 6),            /* 5 WENGER: 3 + 1 */
        finisher(467930, 7, 0, 0, 0, 2),            /* 6 GIOVANNINI */
        {.present = true, .laps = 14, .order = 13}, /* 7 KRAMER */
        finisher(467180, 2, 0, 0, 0, 7),            /* 8 JAE-WON */
    };
    pd_sskms_result out[9];
    pd_diag diag = {0};
    assert_int_equal(pd_sskms_score(&final_race, e, 9, out, NULL, &diag), PD_OK);
    static const struct {
        size_t entry;
        int rank;
        int64_t points, final_points;
    } want[] = {
        {0, 1, 63, 60}, {8, 2, 40, 40}, {2, 3, 20, 20}, {1, 4, 10, 10}, {4, 5, 6, 6},
        {3, 6, 6, 0},   {5, 7, 4, 3},   {6, 8, 0, 0},   {7, 9, 0, 0},
    };
    for (size_t i = 0; i < 9; i++) {
        assert_int_equal(out[i].entry, want[i].entry);
        assert_int_equal(out[i].rank, want[i].rank);
        assert_int_equal(out[i].points, want[i].points);
        assert_int_equal(out[i].final_points, want[i].final_points);
        assert_string_equal(out[i].qualified, "");
    }
    assert_int_equal(out[0].time_ms, 467110);
    assert_int_equal(out[0].sprint_points, 3);
    assert_int_equal(out[8].place, 0); /* KRAMER did not cross the line */
}

/* A dead heat over the line shares the place and each skater gets its points. */
static void test_dead_heat(void **state)
{
    (void)state;
    pd_sskms_entry e[] = {
        finisher(480000, 1, 0, 0, 0, 1),
        finisher(480100, 2, 0, 0, 0, 2),
        finisher(480100, 2, 0, 0, 0, 3),
        finisher(480500, 4, 0, 0, 0, 4),
    };
    pd_sskms_result out[4];
    pd_diag diag = {0};
    assert_int_equal(pd_sskms_score(&final_race, e, 4, out, NULL, &diag), PD_OK);
    assert_int_equal(out[1].rank, 2);
    assert_int_equal(out[2].rank, 2);
    assert_int_equal(out[1].points, 40);
    assert_int_equal(out[2].points, 40);
    assert_int_equal(out[3].rank, 4);
    assert_int_equal(out[3].points, 10);
}

/*
 * A disqualified skater keeps the places held (nobody moves up) and loses the
 * points; DNS, WD and skaters without a performance are unranked after it.
 * Women's final: LI Qishi DSQ with 8:16.98, seventh over the line.
 */
static void test_disqualified(void **state)
{
    (void)state;
    pd_sskms_entry e[] = {
        finisher(494730, 0, 0, 0, 0, 8),
        finisher(494790, 0, 1, 0, 0, 1),
        {.present = true,
         .irm = PD_IRM_DSQ,
         .finished = true,
         .time_ms = 494750,
         .sprint_place = {2, 0, 0},
         .order = 5},
        {.present = true, .irm = PD_IRM_WD, .order = 6},
        {.present = false, .order = 7},
    };
    pd_sskms_result out[5];
    pd_diag diag = {0};
    assert_int_equal(pd_sskms_score(&final_race, e, 5, out, NULL, &diag), PD_OK);
    assert_int_equal(out[0].entry, 0);
    assert_int_equal(out[0].points, 60);
    assert_int_equal(out[1].entry, 1);
    assert_int_equal(out[1].points, 23); /* third over the line behind the DSQ: 20 + 3 */
    assert_int_equal(out[1].rank, 2);
    assert_int_equal(out[2].irm, PD_IRM_DSQ);
    assert_int_equal(out[2].rank, 0);
    assert_int_equal(out[2].points, 0);
    assert_int_equal(out[2].place, 2);
    assert_int_equal(out[3].irm, PD_IRM_DNS);
    assert_int_equal(out[4].irm, PD_IRM_WD);
}

/*
 * Non-finishers: after every finisher unless their points rank them higher,
 * more laps first, equal laps share. Semi-final qualification: the best
 * `qualify` ranks (ties at the cut included), then the Referee's ADV.
 */
static void test_non_finishers_and_qualification(void **state)
{
    (void)state;
    pd_sskms_race semi = {.laps = 16, .sprints = 3, .qualify = 3};
    pd_sskms_entry e[] = {
        finisher(500000, 1, 0, 0, 0, 1),
        finisher(501000, 2, 0, 0, 0, 2),
        {.present = true, .laps = 14, .order = 3},
        {.present = true, .laps = 5, .sprint_place = {1, 0, 0}, .order = 4},
        {.present = true, .laps = 14, .order = 5},
        {.present = true, .laps = 9, .advanced = true, .order = 6},
        finisher(502000, 3, 0, 0, 0, 7),
    };
    pd_sskms_result out[7];
    pd_diag diag = {0};
    assert_int_equal(pd_sskms_score(&semi, e, 7, out, NULL, &diag), PD_OK);
    static const struct {
        size_t entry;
        int rank;
        const char *qualified;
    } want[] = {{0, 1, "Q"}, {1, 2, "Q"}, {6, 3, "Q"},  {3, 4, ""},
                {2, 5, ""},  {4, 5, ""},  {5, 7, "ADV"}};
    for (size_t i = 0; i < 7; i++) {
        assert_int_equal(out[i].entry, want[i].entry);
        assert_int_equal(out[i].rank, want[i].rank);
        assert_string_equal(out[i].qualified, want[i].qualified);
    }
    assert_int_equal(out[2].points, 20);
    assert_int_equal(out[3].points, 3);

    /* a tie at the cut: both qualify */
    semi.qualify = 5;
    assert_int_equal(pd_sskms_score(&semi, e, 7, out, NULL, &diag), PD_OK);
    assert_string_equal(out[4].qualified, "Q");
    assert_string_equal(out[5].qualified, "Q");
}

static void test_bad_input(void **state)
{
    (void)state;
    pd_sskms_entry e[] = {
        finisher(500000, 1, 1, 0, 0, 1),
        finisher(501000, 2, 1, 0, 0, 2),
    };
    pd_sskms_result out[2];
    pd_diag diag = {0};
    size_t bad = 99;
    /* sprint 1 place 1 held twice */
    assert_int_equal(pd_sskms_score(&final_race, e, 2, out, &bad, &diag), PD_ERR_INPUT);
    assert_int_equal(bad, 1);
    assert_non_null(strstr(diag.reason, "sprint 1 place 1"));
    /* a place beyond the race's sprints */
    e[1].sprint_place[0] = 0;
    e[1].sprint_place[3] = 1;
    assert_int_equal(pd_sskms_score(&final_race, e, 2, out, &bad, &diag), PD_ERR_INPUT);
    e[1].sprint_place[3] = 0;
    /* the later finisher has the shorter time */
    e[1].time_ms = 400000;
    assert_int_equal(pd_sskms_score(&final_race, e, 2, out, &bad, &diag), PD_ERR_INPUT);
    /* laps out of range for a non-finisher */
    e[1] = (pd_sskms_entry){.present = true, .laps = 16};
    assert_int_equal(pd_sskms_score(&final_race, e, 2, out, &bad, &diag), PD_ERR_INPUT);
    assert_int_equal(bad, 1);
    /* a sprint place for a skater who did not race */
    e[1] = (pd_sskms_entry){.present = true, .irm = PD_IRM_DNS, .sprint_place = {0, 2, 0}};
    assert_int_equal(pd_sskms_score(&final_race, e, 2, out, &bad, &diag), PD_ERR_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_point_tables),
        cmocka_unit_test(test_men_final),
        cmocka_unit_test(test_dead_heat),
        cmocka_unit_test(test_disqualified),
        cmocka_unit_test(test_non_finishers_and_qualification),
        cmocka_unit_test(test_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
