/*
 * Tests for src/rules/speedskating.c with the men's 500 m of Beijing 2022
 * (NBC/Gracenote feed, ../shared/data/beijing2022, match 1969390): GAO
 * Tingyu 34.32 first; JUNIO Gilmore (bib 11) and YANG Tao (bib 18) both
 * 35.162, sharing 21st and shown in thousandths; BOSA David 35.168 23rd,
 * +0.84; SHINHAMA Tatsuya 35.12 20th.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "podium/speedskating.h"

static void test_mens_500m(void **state)
{
    (void)state;
    pd_ssk_entry e[] = {
        {.time_ms = 35168, .order = 26}, /* BOSA */
        {.time_ms = 35162, .order = 18}, /* YANG */
        {.time_ms = 34320, .order = 13}, /* GAO */
        {.time_ms = 35162, .order = 11}, /* JUNIO */
        {.time_ms = 35129, .order = 37}, /* SHINHAMA, 35.12 */
        {.irm = PD_IRM_DSQ, .order = 1},
    };
    pd_ssk_result out[6];
    pd_diag diag = {0};
    assert_int_equal(pd_ssk_rank(e, 6, out, &diag), PD_OK);
    assert_int_equal(out[0].entry, 2);
    assert_int_equal(out[0].rank, 1);
    assert_false(out[0].thousandths);
    assert_int_equal(out[1].entry, 4);
    assert_int_equal(out[1].time_ms, 35120); /* truncated, not rounded */
    assert_false(out[1].thousandths);
    assert_int_equal(out[2].entry, 3); /* JUNIO, lower bib, listed first */
    assert_int_equal(out[2].rank, 3);
    assert_true(out[2].thousandths);
    assert_int_equal(out[2].time_ms, 35162);
    assert_int_equal(out[3].entry, 1);
    assert_int_equal(out[3].rank, 3);
    assert_int_equal(out[4].entry, 0);
    assert_int_equal(out[4].rank, 5);
    assert_true(out[4].thousandths);
    assert_int_equal(out[4].behind_ms, 840); /* gaps in hundredths: 35.16 - 34.32 */
    assert_int_equal(out[5].irm, PD_IRM_DSQ);
    assert_int_equal(out[5].rank, 0);
}

static void test_negative(void **state)
{
    (void)state;
    pd_ssk_entry e[] = {{.time_ms = -1}};
    pd_ssk_result out[1];
    pd_diag diag = {0};
    assert_int_equal(pd_ssk_rank(e, 1, out, &diag), PD_ERR_INPUT);
    assert_int_equal(pd_ssk_rank(NULL, 0, out, &diag), PD_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mens_500m),
        cmocka_unit_test(test_negative),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
