/*
 * Tests for src/rules/rank.c. Real ties from Beijing 2022 (NBC/Gracenote feed,
 * ../shared/data/beijing2022): the men's 500 m speed skating had two skaters at
 * 35.162 sharing 21st. Also the rule "1, 2, 2, 4" and a tie
 * for gold giving two golds and no silver.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "podium/rank.h"

static void test_shared_ranks(void **state)
{
    (void)state;
    /* times in ms, start order as bib */
    pd_rank_item items[] = {
        {.index = 0, .key = {35162}, .order = 9},    {.index = 1, .key = {34320}, .order = 5},
        {.index = 2, .key = {35162}, .order = 3},    {.index = 3, .key = {35200}, .order = 1},
        {.index = 4, .irm = PD_IRM_DSQ, .order = 2}, {.index = 5, .irm = PD_IRM_DNF, .order = 4},
        {.index = 6, .irm = PD_IRM_LAP, .order = 8},
    };
    pd_rank(items, 7, 1);
    const size_t want_index[] = {1, 2, 0, 3, 6, 5, 4};
    const int want_rank[] = {1, 2, 2, 4, 0, 0, 0};
    for (size_t i = 0; i < 7; i++) {
        assert_int_equal(items[i].index, want_index[i]);
        assert_int_equal(items[i].rank, want_rank[i]);
    }
}

static void test_tie_for_gold(void **state)
{
    (void)state;
    pd_rank_item items[] = {
        {.index = 0, .key = {100}, .order = 2},
        {.index = 1, .key = {100}, .order = 1},
        {.index = 2, .key = {101}, .order = 3},
    };
    pd_rank(items, 3, 1);
    assert_int_equal(items[0].rank, 1);
    assert_int_equal(items[0].index, 1); /* start order among the tied */
    assert_int_equal(items[1].rank, 1);
    assert_int_equal(items[2].rank, 3); /* no silver */
}

static void test_deciding_keys(void **state)
{
    (void)state;
    /* two keys decide (total, then a tie-break); a third only orders the listing */
    pd_rank_item items[] = {
        {.index = 0, .key = {-2000, -1000, 7}, .order = 1},
        {.index = 1, .key = {-2000, -1100, 9}, .order = 2},
        {.index = 2, .key = {-2000, -1100, 3}, .order = 3},
    };
    pd_rank(items, 3, 2);
    assert_int_equal(items[0].index, 2);
    assert_int_equal(items[0].rank, 1);
    assert_int_equal(items[1].index, 1);
    assert_int_equal(items[1].rank, 1);
    assert_int_equal(items[2].index, 0);
    assert_int_equal(items[2].rank, 3);
}

static void test_irm_names(void **state)
{
    (void)state;
    pd_irm irm;
    pd_diag diag = {0};
    assert_int_equal(pd_irm_parse("DNS", &irm, &diag), PD_OK);
    assert_int_equal(irm, PD_IRM_DNS);
    assert_string_equal(pd_irm_name(irm), "DNS");
    assert_string_equal(pd_irm_name(PD_IRM_NONE), "");
    assert_int_equal(pd_irm_parse("dnf", &irm, &diag), PD_ERR_INPUT);
    assert_non_null(strstr(diag.reason, "\"dnf\""));
    assert_int_equal(pd_irm_parse("", &irm, &diag), PD_ERR_INPUT);
    pd_rank(NULL, 0, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_ranks),
        cmocka_unit_test(test_tie_for_gold),
        cmocka_unit_test(test_deciding_keys),
        cmocka_unit_test(test_irm_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
