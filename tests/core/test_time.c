/*
 * Tests for src/core/time.c with the official figures the brief cites and
 * published Beijing 2022 results (NBC/Gracenote feed, ../shared/data/beijing2022):
 * men's downhill winner FEUZ Beat 1:42.69 (102690 ms), second CLAREY +0.10.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "podium/time.h"

static void expect_format(int64_t ms, pd_time_prec prec, const char *want)
{
    char out[PD_TIME_STR_MAX];
    int n = pd_time_format(ms, prec, out, sizeof out);
    assert_string_equal(out, want);
    assert_int_equal(n, (int)strlen(want));
}

static void test_format_official(void **state)
{
    (void)state;
    expect_format(102690, PD_PREC_HUNDREDTH, "1:42.69"); /* FEUZ, men's downhill */
    expect_format(59020, PD_PREC_HUNDREDTH, "59.02");
    expect_format(183406, PD_PREC_MS, "3:03.406");
    expect_format(1244300, PD_PREC_TENTH, "20:44.3");
    expect_format(4569800, PD_PREC_TENTH, "1:16:09.8");
    expect_format(35162, PD_PREC_MS, "35.162"); /* men's 500 m, 21st equal */
    expect_format(9870, PD_PREC_HUNDREDTH, "9.87");
    expect_format(0, PD_PREC_HUNDREDTH, "0.00");
    expect_format(60000, PD_PREC_HUNDREDTH, "1:00.00");
    expect_format(3600000, PD_PREC_TENTH, "1:00:00.0");
    expect_format(36000000 + 61000, PD_PREC_MS, "10:01:01.000");
}

static void test_format_truncates(void **state)
{
    (void)state;
    /* cutting to a precision truncates, never rounds */
    expect_format(102699, PD_PREC_HUNDREDTH, "1:42.69");
    expect_format(59999, PD_PREC_TENTH, "59.9");
    expect_format(59999, PD_PREC_HUNDREDTH, "59.99");
    expect_format(119999, PD_PREC_TENTH, "1:59.9");
    expect_format(3599999, PD_PREC_HUNDREDTH, "59:59.99");
    assert_int_equal(pd_time_cut(102699, PD_PREC_HUNDREDTH), 102690);
    assert_int_equal(pd_time_cut(35162, PD_PREC_HUNDREDTH), 35160);
    assert_int_equal(pd_time_cut(35169, PD_PREC_TENTH), 35100);
}

static void test_format_small_buffer(void **state)
{
    (void)state;
    char out[5];
    /* like snprintf: the length needed, the text cut to the buffer, always terminated */
    assert_int_equal(pd_time_format(102699, PD_PREC_HUNDREDTH, out, sizeof out), 7);
    assert_string_equal(out, "1:42");
    assert_int_equal(pd_time_format(-9870, PD_PREC_HUNDREDTH, NULL, 0), 5);
    char longest[PD_TIME_STR_MAX];
    assert_int_equal(pd_time_format(INT64_MIN, PD_PREC_MS, longest, sizeof longest),
                     (int)strlen("-2562047788015:12:55.808"));
    assert_string_equal(longest, "-2562047788015:12:55.808");
}

static void test_gaps(void **state)
{
    (void)state;
    char out[PD_TIME_STR_MAX];
    pd_time_format_gap(100, PD_PREC_HUNDREDTH, out, sizeof out);
    assert_string_equal(out, "+0.10"); /* CLAREY behind FEUZ */
    pd_time_format_gap(62300, PD_PREC_TENTH, out, sizeof out);
    assert_string_equal(out, "+1:02.3");
    pd_time_format_gap(0, PD_PREC_HUNDREDTH, out, sizeof out);
    assert_string_equal(out, "+0.00");
    pd_time_format_gap(-500, PD_PREC_TENTH, out, sizeof out);
    assert_string_equal(out, "-0.5");
}

static void test_negative_and_limits(void **state)
{
    (void)state;
    expect_format(-102690, PD_PREC_HUNDREDTH, "-1:42.69");
    char out[PD_TIME_STR_MAX];
    pd_time_format(INT64_MAX, PD_PREC_MS, out, sizeof out);
    assert_true(strlen(out) < PD_TIME_STR_MAX);
    pd_time_format(INT64_MIN, PD_PREC_MS, out, sizeof out);
    assert_true(strlen(out) < PD_TIME_STR_MAX);
    /* a short buffer is cut, not overrun */
    char tiny[4];
    int need = pd_time_format(102690, PD_PREC_HUNDREDTH, tiny, sizeof tiny);
    assert_int_equal(need, 7);
    assert_string_equal(tiny, "1:4");
}

static void expect_parse(const char *text, int64_t want)
{
    int64_t ms = -1;
    pd_diag diag = {0};
    assert_int_equal(pd_time_parse(text, strlen(text), &ms, &diag), PD_OK);
    assert_int_equal(ms, want);
}

static void expect_parse_error(const char *text)
{
    int64_t ms = 42;
    pd_diag diag = {0};
    assert_int_equal(pd_time_parse(text, strlen(text), &ms, &diag), PD_ERR_INPUT);
    assert_int_equal(ms, 42);
    assert_non_null(strstr(diag.reason, "expected a time"));
}

static void test_parse(void **state)
{
    (void)state;
    expect_parse("1:42.69", 102690);
    expect_parse("59.02", 59020);
    expect_parse("3:03.406", 183406);
    expect_parse("20:44.3", 1244300);
    expect_parse("1:16:09.8", 4569800);
    expect_parse("+0.10", 100);
    expect_parse("+1:02.3", 62300);
    expect_parse("-0.5", -500);
    expect_parse("59", 59000);
    expect_parse_error("");
    expect_parse_error("1:7.5");
    expect_parse_error("1:60.00");
    expect_parse_error("1:42.6900");
    expect_parse_error("1:42.");
    expect_parse_error(".5");
    expect_parse_error("1:2:3:4.5");
    expect_parse_error("1:42.69x");
    expect_parse_error("abc");
    expect_parse_error("1::42");
    expect_parse_error("9999999999999.0");
}

static void test_round_trip(void **state)
{
    (void)state;
    const pd_time_prec precs[] = {PD_PREC_TENTH, PD_PREC_HUNDREDTH, PD_PREC_MS};
    for (int64_t ms = 0; ms < 8000000; ms += 7919) {
        for (size_t p = 0; p < 3; p++) {
            char out[PD_TIME_STR_MAX];
            int64_t back;
            pd_time_format(ms, precs[p], out, sizeof out);
            assert_int_equal(pd_time_parse(out, strlen(out), &back, NULL), PD_OK);
            assert_int_equal(back, pd_time_cut(ms, precs[p]));
        }
    }
}

static void test_precision_names(void **state)
{
    (void)state;
    pd_time_prec prec;
    pd_diag diag = {0};
    assert_int_equal(pd_time_prec_parse("0.01", &prec, &diag), PD_OK);
    assert_int_equal(prec, PD_PREC_HUNDREDTH);
    assert_int_equal(pd_time_prec_parse("0.1", &prec, &diag), PD_OK);
    assert_int_equal(prec, PD_PREC_TENTH);
    assert_int_equal(pd_time_prec_parse("0.001", &prec, &diag), PD_OK);
    assert_int_equal(prec, PD_PREC_MS);
    assert_int_equal(pd_time_prec_parse("0.010", &prec, &diag), PD_ERR_INPUT);
    assert_non_null(strstr(diag.reason, "\"0.010\""));
    assert_string_equal(pd_time_prec_name(PD_PREC_TENTH), "0.1");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_official),
        cmocka_unit_test(test_format_truncates),
        cmocka_unit_test(test_format_small_buffer),
        cmocka_unit_test(test_gaps),
        cmocka_unit_test(test_negative_and_limits),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_precision_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
