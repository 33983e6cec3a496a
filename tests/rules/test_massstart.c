/*
 * Tests for src/rules/massstart.c with Beijing 2022 figures (NBC/Gracenote
 * feed, ../shared/data/beijing2022): men's 50 km mass start (220, match
 * 1937872): BOLSHUNOV 1:11:32.7 first; ROJO (bib 33) and PRALONG (bib 34)
 * both 1:14:50.5, 21st and 22nd by the photo finish, +3:17.8. Men's 12.5 km
 * pursuit start list (218, match 1937886) from the 10 km sprint gaps:
 * FILLON MAILLET +25.5 -> +0:26, SMOLSKI +1:12.5 -> +1:13, BOE T +38.9 -> +0:39.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "podium/massstart.h"

static void test_photo_finish(void **state)
{
    (void)state;
    pd_mass_entry e[] = {
        {.present = true, .time_ms = 4490540, .finish = 22, .order = 34}, /* PRALONG */
        {.present = true, .time_ms = 4292700, .finish = 1, .order = 2},   /* BOLSHUNOV */
        {.present = true, .time_ms = 4490500, .finish = 21, .order = 33}, /* ROJO */
        {.present = true, .irm = PD_IRM_DNF, .order = 1},                 /* KLAEBO */
        {.present = false, .order = 9},                                   /* NOVAK: DNS */
    };
    pd_mass_result out[5];
    pd_diag diag = {0};
    assert_int_equal(pd_mass_rank(PD_PREC_TENTH, e, 5, out, NULL, &diag), PD_OK);
    assert_int_equal(out[0].entry, 1);
    assert_int_equal(out[1].entry, 2);
    assert_int_equal(out[1].rank, 2);
    assert_int_equal(out[2].entry, 0);
    assert_int_equal(out[2].rank, 3); /* equal time, separated by the photo */
    assert_int_equal(out[2].time_ms, 4490500);
    assert_int_equal(out[2].behind_ms, 197800);
    assert_int_equal(out[3].irm, PD_IRM_DNF);
    assert_int_equal(out[4].irm, PD_IRM_DNS);

    /* without finish positions, equal cut times share the rank */
    e[0].finish = e[1].finish = e[2].finish = 0;
    assert_int_equal(pd_mass_rank(PD_PREC_TENTH, e, 5, out, NULL, &diag), PD_OK);
    assert_int_equal(out[1].rank, 2);
    assert_int_equal(out[2].rank, 2);
}

static void test_inconsistent(void **state)
{
    (void)state;
    pd_mass_entry e[] = {
        {.present = true, .time_ms = 1000, .finish = 2},
        {.present = true, .time_ms = 2000, .finish = 1},
        {.present = true, .time_ms = 3000},
    };
    pd_mass_result out[3];
    pd_diag diag = {0};
    size_t bad = 99;
    /* finish for some finishers only */
    assert_int_equal(pd_mass_rank(PD_PREC_TENTH, e, 3, out, &bad, &diag), PD_ERR_INPUT);
    assert_int_equal(bad, 2);
    /* a later finish with a shorter time */
    e[2].finish = 3;
    assert_int_equal(pd_mass_rank(PD_PREC_TENTH, e, 3, out, &bad, &diag), PD_ERR_INPUT);
    assert_int_equal(bad, 0);
}

static void test_pursuit_start(void **state)
{
    (void)state;
    assert_int_equal(pd_mass_pursuit_start_ms(0), 0);
    assert_int_equal(pd_mass_pursuit_start_ms(25500), 26000);
    assert_int_equal(pd_mass_pursuit_start_ms(72500), 73000);
    assert_int_equal(pd_mass_pursuit_start_ms(38900), 39000);
    assert_int_equal(pd_mass_pursuit_start_ms(53400), 53000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_photo_finish),
        cmocka_unit_test(test_inconsistent),
        cmocka_unit_test(test_pursuit_start),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
