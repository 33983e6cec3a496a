/*
 * Tests for src/core/rsc.c with Beijing 2022 codes from the NBC/Gracenote feed
 * (../shared/data/beijing2022/Sport-Schedules) and the ODF scheme.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "podium/rsc.h"

static void test_parse_and_split(void **state)
{
    (void)state;
    pd_rsc rsc;
    pd_diag diag = {0};
    char field[16];
    assert_int_equal(pd_rsc_parse_str("ALPMDH----------------FNL-000100--", &rsc, &diag), PD_OK);
    assert_int_equal(pd_rsc_level_of(&rsc), PD_RSC_LEVEL_UNIT);
    pd_rsc_field_get(&rsc, PD_RSC_DISCIPLINE, field, sizeof field);
    assert_string_equal(field, "ALP");
    pd_rsc_field_get(&rsc, PD_RSC_GENDER, field, sizeof field);
    assert_string_equal(field, "M");
    pd_rsc_field_get(&rsc, PD_RSC_EVENT, field, sizeof field);
    assert_string_equal(field, "DH");
    pd_rsc_field_get(&rsc, PD_RSC_MODIFIER, field, sizeof field);
    assert_string_equal(field, "");
    pd_rsc_field_get(&rsc, PD_RSC_PHASE, field, sizeof field);
    assert_string_equal(field, "FNL");
    pd_rsc_field_get(&rsc, PD_RSC_UNIT, field, sizeof field);
    assert_string_equal(field, "000100");

    pd_rsc event = pd_rsc_truncate(&rsc, PD_RSC_MODIFIER);
    assert_string_equal(event.code, "ALPMDH----------------------------");
    assert_int_equal(pd_rsc_level_of(&event), PD_RSC_LEVEL_EVENT);
    pd_rsc phase = pd_rsc_truncate(&rsc, PD_RSC_PHASE);
    assert_string_equal(phase.code, "ALPMDH----------------FNL---------");
    assert_int_equal(pd_rsc_level_of(&phase), PD_RSC_LEVEL_PHASE);
    pd_rsc disc = pd_rsc_truncate(&rsc, PD_RSC_DISCIPLINE);
    assert_int_equal(pd_rsc_level_of(&disc), PD_RSC_LEVEL_DISCIPLINE);

    /* a round of 16 phase whose code starts with a digit (ice hockey playoffs) */
    assert_int_equal(pd_rsc_parse_str("IHOMTEAM6-------------8FNL000100--", &rsc, &diag), PD_OK);
    pd_rsc_field_get(&rsc, PD_RSC_PHASE, field, sizeof field);
    assert_string_equal(field, "8FNL");
}

static void test_build(void **state)
{
    (void)state;
    pd_rsc rsc;
    pd_diag diag = {0};
    assert_int_equal(pd_rsc_build("SSK", "M", "500M", NULL, "FNL", "000100", &rsc, &diag), PD_OK);
    assert_string_equal(rsc.code, "SSKM500M--------------FNL-000100--");
    assert_int_equal(pd_rsc_build("ALP", "M", "DH", "", "", "", &rsc, &diag), PD_OK);
    assert_string_equal(rsc.code, "ALPMDH----------------------------");
    assert_int_equal(pd_rsc_build("ALP", "M", "DOWNHILLXX", NULL, NULL, NULL, &rsc, &diag),
                     PD_ERR_INPUT);
    assert_string_equal(diag.path, "event");
    assert_int_equal(pd_rsc_build("ALP", "M", "dh", NULL, NULL, NULL, &rsc, &diag), PD_ERR_INPUT);
    assert_int_equal(pd_rsc_build("ALP", NULL, NULL, NULL, "FNL", "000100", &rsc, &diag),
                     PD_ERR_INPUT);
}

static void expect_error(const char *code, const char *reason_part)
{
    pd_rsc rsc;
    pd_diag diag = {0};
    assert_int_equal(pd_rsc_parse(code, strlen(code), &rsc, &diag), PD_ERR_INPUT);
    if (!strstr(diag.reason, reason_part))
        fail_msg("reason \"%s\" lacks \"%s\"", diag.reason, reason_part);
}

static void test_errors(void **state)
{
    (void)state;
    expect_error("", "34 characters");
    expect_error("ALPMDH", "has 6");
    expect_error("ALPMDH----------------FNL-000100---", "has 35");
    expect_error("alpMDH----------------FNL-000100--", "bad character at position 1");
    expect_error("ALPMDH----------------FNL-0001 0--", "bad character at position 31");
    expect_error("ALPMD-H---------------FNL-000100--", "event field");
    expect_error("AL-MDH----------------FNL-000100--", "3-letter discipline");
    expect_error("ALPM------------------FNL-000100--", "gender and event");
    expect_error("ALP-------------------FNL-000100--", "phase but no event");
    expect_error("ALPMDH--------------------000100--", "unit but no phase");
    expect_error("----------------------------------", "3-letter discipline");
    /* a NUL inside is a bad character, not the end of the code */
    pd_rsc rsc;
    const char with_nul[] = "ALPMDH---\0------------FNL-000100--";
    assert_int_equal(pd_rsc_parse(with_nul, 34, &rsc, NULL), PD_ERR_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_and_split),
        cmocka_unit_test(test_build),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
