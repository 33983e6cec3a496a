/*
 * Tests for src/core/fixed.c: the named rounding steps and exact decimals.
 * Figure-skating-style figures: a judge's GOE of +2 on a 3A (base 8.00, 10%
 * per grade) is 1.60; a trimmed mean of 7 marks rounds half away to 0.01.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "podium/fixed.h"

static void test_round_half_away(void **state)
{
    (void)state;
    assert_int_equal(pd_round_half_away(15, 10), 20);
    assert_int_equal(pd_round_half_away(-15, 10), -20);
    assert_int_equal(pd_round_half_away(14, 10), 10);
    assert_int_equal(pd_round_half_away(-14, 10), -10);
    assert_int_equal(pd_round_half_away(25, 10), 30);
    assert_int_equal(pd_round_half_away(0, 10), 0);
    assert_int_equal(pd_round_half_away(12345, 100), 12300);
    assert_int_equal(pd_round_half_away(12350, 100), 12400);
}

static void test_round_half_up(void **state)
{
    (void)state;
    assert_int_equal(pd_round_half_up(15, 10), 20);
    assert_int_equal(pd_round_half_up(-15, 10), -10);
    assert_int_equal(pd_round_half_up(-16, 10), -20);
    assert_int_equal(pd_round_half_up(-14, 10), -10);
    assert_int_equal(pd_round_half_up(14, 10), 10);
}

static void test_trunc_floor(void **state)
{
    (void)state;
    assert_int_equal(pd_trunc(199, 100), 100);
    assert_int_equal(pd_trunc(-199, 100), -100);
    assert_int_equal(pd_floor(-101, 100), -200);
    assert_int_equal(pd_floor(101, 100), 100);
    assert_int_equal(pd_floor(-100, 100), -100);
}

static void test_div(void **state)
{
    (void)state;
    /* mean of 5 trimmed GOE points 1.60+1.60+0.80+1.60+2.40 = 8.00 / 5 = 1.60 */
    assert_int_equal(pd_div_half_away(800, 5), 160);
    /* 7.333.. rounds to 7, 7.5 to 8, -7.5 to -8 */
    assert_int_equal(pd_div_half_away(22, 3), 7);
    assert_int_equal(pd_div_half_away(15, 2), 8);
    assert_int_equal(pd_div_half_away(-15, 2), -8);
    assert_int_equal(pd_div_half_away(15, -2), -8);
    assert_int_equal(pd_div_trunc(-15, 2), -7);
}

static void expect_parse(const char *text, int decimals, int64_t want)
{
    int64_t v = 0;
    pd_diag diag = {0};
    assert_int_equal(pd_fixed_parse(text, strlen(text), decimals, &v, &diag), PD_OK);
    assert_int_equal(v, want);
}

static void expect_parse_error(const char *text, int decimals, const char *reason_part)
{
    int64_t v = 7;
    pd_diag diag = {0};
    assert_int_equal(pd_fixed_parse(text, strlen(text), decimals, &v, &diag), PD_ERR_INPUT);
    assert_int_equal(v, 7);
    assert_non_null(strstr(diag.reason, reason_part));
}

static void test_parse(void **state)
{
    (void)state;
    expect_parse("111.73", 2, 11173);
    expect_parse("2.5", 2, 250);
    expect_parse("-2.5", 2, -250);
    expect_parse("+7", 1, 70);
    expect_parse("0", 0, 0);
    expect_parse("9.68", 2, 968);
    expect_parse("139.2", 1, 1392);
    expect_parse_error("1.234", 2, "more than 2 decimals");
    expect_parse_error("1.", 2, "expected a decimal");
    expect_parse_error(".5", 2, "expected a decimal");
    expect_parse_error("", 2, "expected a decimal");
    expect_parse_error("1e5", 2, "expected a decimal");
    expect_parse_error("--1", 2, "expected a decimal");
    expect_parse_error("99999999999999999999", 0, "out of range");
    expect_parse_error("9999999999999999.99", 3, "out of range");
}

static void test_format(void **state)
{
    (void)state;
    char out[64];
    pd_fixed_format(11173, 2, out, sizeof out);
    assert_string_equal(out, "111.73");
    pd_fixed_format(-5, 2, out, sizeof out);
    assert_string_equal(out, "-0.05");
    pd_fixed_format(2750, 1, out, sizeof out);
    assert_string_equal(out, "275.0");
    pd_fixed_format(42, 0, out, sizeof out);
    assert_string_equal(out, "42");
    pd_fixed_format(INT64_MIN, 2, out, sizeof out);
    assert_string_equal(out, "-92233720368547758.08");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_half_away), cmocka_unit_test(test_round_half_up),
        cmocka_unit_test(test_trunc_floor),     cmocka_unit_test(test_div),
        cmocka_unit_test(test_parse),           cmocka_unit_test(test_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
