/*
 * Tests for src/rules/figureskating.c, table driven with official figures of
 * 2021/22 protocols (converted in tests/data/fsk/protocols.json):
 *   NICE-SM-FS  Trophee Metropole Nice Cote d'Azur 2021, Senior Men FS, ECONOMIDES
 *   NICE-JM-FS  same, Junior Men FS;  NICE-JM-SP  Junior Men SP
 *   CDF-NOV     Coupe de France 2022, Novices Dames FS
 *   CDF-BEN     Coupe de France 2022, Benjamins Dames FS
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "podium/figureskating.h"

typedef struct {
    const char *source;
    const char *code;
    bool x;
    int grades[PD_FSK_MAX_PANEL];
    size_t judges;
    int64_t base, goe, score;
} element_case;

static const element_case elements[] = {
    {"NICE-SM-FS", "3A", false, {-3, -3, -2, -1, -2, -3}, 6, 800, -200, 600},
    {"NICE-SM-FS", "3A+1Eu+3S", false, {-2, -2, -3, -1, -2, -2}, 6, 1280, -160, 1120},
    {"NICE-SM-FS", "3Lz", false, {2, 1, 1, 2, 2, 2}, 6, 590, 103, 693},
    {"NICE-SM-FS", "CSSp3", false, {-1, 0, -1, 1, 0, -1}, 6, 260, -13, 247},
    {"NICE-JM-FS", "3Lz+REP", true, {-2, -1, -1, -1, -1, -1, -2}, 7, 454, -71, 383},
    {"NICE-JM-SP", "3Lz+COMBO", false, {-5, -5, -5, -5, -5, -5, -5}, 7, 590, -295, 295},
    {"CDF-NOV", "2F+1A*+SEQ+REP", false, {0, 0, 0, 1, 1}, 5, 126, 6, 132},
    {"CDF-BEN", "2Lz<+SEQ+1A*", false, {-5, -5, -3, -5, -5}, 5, 134, -84, 50},
    {"CDF-BEN", "2S+1A+SEQ", false, {1, 1, 1, 1, 1}, 5, 192, 13, 205},
};

static void test_elements(void **state)
{
    (void)state;
    const pd_fsk_sov *sov = pd_fsk_sov_find("2021-22");
    for (size_t i = 0; i < sizeof elements / sizeof *elements; i++) {
        const element_case *c = &elements[i];
        pd_fsk_element_result r;
        pd_diag diag = {0};
        pd_err err = pd_fsk_element_score(sov->singles_pairs, c->code, c->x, c->grades, c->judges,
                                          &r, &diag);
        if (err)
            fail_msg("%s %s: %s", c->source, c->code, diag.reason);
        assert_int_equal(r.base_value, c->base);
        assert_int_equal(r.goe, c->goe);
        assert_int_equal(r.score, c->score);
    }
}

static void test_markers(void **state)
{
    (void)state;
    const struct {
        const char *code;
        int64_t base;
    } probes[] = {
        {"2A<<", 110},  {"1A<<", 0},     {"2Lze<<", 48}, {"3F!<", 424},    {"2Lz!q", 210},
        {"3Lze<", 354}, {"CCoSp2V*", 0}, {"StSq", 0},    {"CCoSpV", 0},    {"1A+1Lo<<", 110},
        {"A", 0},       {"2A+2T*", 330}, {"3STh<", 352}, {"PCoSp4V", 338},
    };
    const pd_fsk_sov *sov = pd_fsk_sov_find("2021-22");
    const int grades[] = {0, 0, 0, 0, 0};
    for (size_t i = 0; i < sizeof probes / sizeof *probes; i++) {
        pd_fsk_element_result r;
        pd_diag diag = {0};
        if (pd_fsk_element_score(sov->singles_pairs, probes[i].code, false, grades, 5, &r, &diag))
            fail_msg("%s: %s", probes[i].code, diag.reason);
        assert_int_equal(r.base_value, probes[i].base);
    }
}

static void test_components(void **state)
{
    (void)state;
    /* NICE-SM-FS ECONOMIDES, Skating Skills: 6.94, factor 2.0: 13.88 */
    const int64_t marks[] = {675, 700, 700, 700, 675, 725};
    int64_t panel;
    assert_int_equal(pd_fsk_component_panel(marks, 6, &panel, NULL), PD_OK);
    assert_int_equal(panel, 694);
    assert_int_equal(pd_fsk_component_factored(panel, 200), 1388);
    /* factor 1.6 of 6.94 is 11.104: 11.10 */
    assert_int_equal(pd_fsk_component_factored(panel, 160), 1110);
    const int64_t bad[] = {675, 700, 1025};
    pd_diag diag = {0};
    assert_int_equal(pd_fsk_component_panel(bad, 3, &panel, &diag), PD_ERR_INPUT);
}

static void test_bad_elements(void **state)
{
    (void)state;
    const pd_fsk_sov *sov = pd_fsk_sov_find("2021-22");
    const int grades[] = {0, 0, 0, 0, 0, 6};
    const char *bad[] = {
        "",           "3X",    "5T",     "3A++3T",     "3T<<<",
        "3T<<<<",     "3Te",   "CCoSp9", "3A+CCoSp4",  "SEQ",
        "3A+SEQ+SEQ", "3A 3T", "kpYY",   "CCoSp4+REP", "3A+3T+3T+3T+3T+3T+3T+3T+3T"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        pd_fsk_element_result r;
        pd_diag diag = {0};
        if (pd_fsk_element_score(sov->singles_pairs, bad[i], false, grades, 5, &r, &diag) !=
            PD_ERR_INPUT)
            fail_msg("accepted \"%s\"", bad[i]);
        assert_true(diag.reason[0] != '\0');
    }
    pd_fsk_element_result r;
    pd_diag diag = {0};
    /* a grade out of range, a panel too small or missing for a valued element */
    assert_int_equal(pd_fsk_element_score(sov->singles_pairs, "3A", false, grades, 6, &r, &diag),
                     PD_ERR_INPUT);
    assert_int_equal(pd_fsk_element_score(sov->singles_pairs, "3A", false, grades, 2, &r, &diag),
                     PD_ERR_INPUT);
    assert_int_equal(pd_fsk_element_score(sov->singles_pairs, "3A", false, grades, 0, &r, &diag),
                     PD_ERR_INPUT);
    /* no value: an empty panel is fine */
    assert_int_equal(pd_fsk_element_score(sov->singles_pairs, "3A*", false, grades, 0, &r, &diag),
                     PD_OK);
    assert_false(r.valued);
    /* dance codes are not in the singles table, and the reverse */
    assert_int_equal(pd_fsk_element_score(sov->singles_pairs, "RoLi4", false, grades, 5, &r, &diag),
                     PD_ERR_INPUT);
    assert_int_equal(pd_fsk_element_score(sov->dance, "3A", false, grades, 5, &r, &diag),
                     PD_ERR_INPUT);
}

static void test_segment_keys(void **state)
{
    (void)state;
    pd_rank_item items[3] = {{0}};
    /* equal TSS: the short program prefers TES, the free skating PCS */
    pd_fsk_segment_keys(PD_FSK_SP, 8000, 4500, 3500, &items[0]);
    pd_fsk_segment_keys(PD_FSK_SP, 8000, 4000, 4000, &items[1]);
    pd_fsk_segment_keys(PD_FSK_SP, 8100, 4000, 4100, &items[2]);
    for (size_t i = 0; i < 3; i++)
        items[i].index = items[i].order = (int64_t)i;
    pd_rank(items, 3, 2);
    assert_int_equal(items[0].index, 2);
    assert_int_equal(items[1].index, 0);
    assert_int_equal(items[2].rank, 3);
    pd_fsk_segment_keys(PD_FSK_FS, 8000, 4500, 3500, &items[0]);
    assert_int_equal(items[0].key[1], -3500);
    pd_fsk_segment segment;
    assert_int_equal(pd_fsk_segment_parse("RD", &segment, NULL), PD_OK);
    assert_int_equal(segment, PD_FSK_RD);
    assert_int_equal(pd_fsk_segment_parse("LP", &segment, NULL), PD_ERR_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_elements),     cmocka_unit_test(test_markers),
        cmocka_unit_test(test_components),   cmocka_unit_test(test_bad_elements),
        cmocka_unit_test(test_segment_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
