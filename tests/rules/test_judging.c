/*
 * Tests for src/rules/judging.c. Ski jumping style marks from Beijing 2022's
 * normal hill (FIS ICR 431: five marks, highest and lowest dropped):
 * 18.5 18.0 19.0 18.5 18.5 give 55.5 (in tenths: 555).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "podium/judging.h"

static void test_trimmed_sum(void **state)
{
    (void)state;
    const int64_t style[] = {185, 180, 190, 185, 185};
    int64_t sum;
    size_t kept;
    assert_int_equal(pd_judging_trimmed_sum(style, 5, 1, &sum, &kept, NULL), PD_OK);
    assert_int_equal(sum, 555);
    assert_int_equal(kept, 3);
    /* equal extremes: only one of each is dropped */
    const int64_t goe[] = {2, 2, 1, 2, 2, 1, 2};
    assert_int_equal(pd_judging_trimmed_sum(goe, 7, 1, &sum, &kept, NULL), PD_OK);
    assert_int_equal(sum, 9);
    assert_int_equal(kept, 5);
    /* no trimming */
    assert_int_equal(pd_judging_trimmed_sum(goe, 3, 0, &sum, &kept, NULL), PD_OK);
    assert_int_equal(sum, 5);
}

static void test_bad_panels(void **state)
{
    (void)state;
    const int64_t marks[16] = {0};
    int64_t sum;
    size_t kept;
    pd_diag diag = {0};
    assert_int_equal(pd_judging_trimmed_sum(marks, 2, 1, &sum, &kept, &diag), PD_ERR_INPUT);
    assert_non_null(strstr(diag.reason, "panel of 2"));
    assert_int_equal(pd_judging_trimmed_sum(marks, 16, 1, &sum, &kept, &diag), PD_ERR_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trimmed_sum),
        cmocka_unit_test(test_bad_panels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
