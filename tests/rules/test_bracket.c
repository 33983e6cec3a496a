/*
 * Tests for src/rules/bracket.c against the Beijing 2022 men's ski cross
 * bracket (NBC/Gracenote feed, ../shared/data/beijing2022, 221, matches
 * 2413185 seeding and 2413186 1/8 finals): heat 1 held seeds 1, 16, 17, 32,
 * heat 2 8, 9, 24, 25, heat 3 5, 12, 21, 28, heat 4 4, 13, 20, 29, heat 5
 * 3, 14, 19, 30, heat 6 6, 11, 22, 27, heat 7 7, 10, 23, 26, heat 8 2, 15,
 * 18, 31; quarter-final 1 took the first two of heats 1 and 2.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "podium/bracket.h"

static void test_pairs_of_eight_heats(void **state)
{
    (void)state;
    int seeds[16];
    const int want[16] = {1, 16, 8, 9, 5, 12, 4, 13, 3, 14, 6, 11, 7, 10, 2, 15};
    assert_int_equal(pd_bracket_pairs(8, seeds, NULL), PD_OK);
    for (int i = 0; i < 16; i++)
        assert_int_equal(seeds[i], want[i]);
}

static void test_pairs_small(void **state)
{
    (void)state;
    int seeds[8];
    assert_int_equal(pd_bracket_pairs(1, seeds, NULL), PD_OK);
    assert_int_equal(seeds[0], 1);
    assert_int_equal(seeds[1], 2);
    assert_int_equal(pd_bracket_pairs(4, seeds, NULL), PD_OK);
    const int want[8] = {1, 8, 4, 5, 3, 6, 2, 7};
    for (int i = 0; i < 8; i++)
        assert_int_equal(seeds[i], want[i]);
}

static void test_heats_of_four(void **state)
{
    (void)state;
    const int heat_of[33] = {0, 1, 8, 5, 4, 3, 6, 7, 2, 2, 7, 6, 3, 4, 5, 8, 1,
                             1, 8, 5, 4, 3, 6, 7, 2, 2, 7, 6, 3, 4, 5, 8, 1};
    for (size_t seed = 1; seed <= 32; seed++)
        assert_int_equal(pd_bracket_heat_of_seed(8, 4, seed), heat_of[seed]);
    assert_int_equal(pd_bracket_heat_of_seed(8, 4, 33), 0);
    assert_int_equal(pd_bracket_heat_of_seed(8, 3, 1), 0);
}

static void test_next_heat(void **state)
{
    (void)state;
    assert_int_equal(pd_bracket_next_heat(1), 1);
    assert_int_equal(pd_bracket_next_heat(2), 1);
    assert_int_equal(pd_bracket_next_heat(7), 4);
}

static void test_not_a_bracket(void **state)
{
    (void)state;
    int seeds[12];
    pd_diag diag = {0};
    assert_int_equal(pd_bracket_pairs(6, seeds, &diag), PD_ERR_INPUT);
    assert_int_equal(pd_bracket_pairs(0, seeds, &diag), PD_ERR_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pairs_of_eight_heats), cmocka_unit_test(test_pairs_small),
        cmocka_unit_test(test_heats_of_four),        cmocka_unit_test(test_next_heat),
        cmocka_unit_test(test_not_a_bracket),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
