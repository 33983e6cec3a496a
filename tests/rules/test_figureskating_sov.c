/*
 * Tests for the Scale of Values 2021/22 (src/rules/figureskating_sov.c,
 * data/sov/2021-22.json, both written by tools/convert_sov.py).
 *
 * 1. The C tables and the shipped JSON agree row by row.
 * 2. Rows against published figures:
 *    - ISU Communication 2168 (SOV 2018/19), rows unchanged in Communication
 *      2253 which is in force for 2021/22: 1T 0.40 (-5 = -0.20, +5 = +0.20),
 *      1Lo 0.50 (+1 = +0.05), 1A 1.10 (-5 = -0.55, +1 = +0.11).
 *    - ISU Communication 2253 (2019/20, in force 2021/22): 3A 8.00, 4T 9.50,
 *      3Lz 5.90, 2A 3.30, "<" and "e" at 80 %, "e<" at 60 %: 3Lz< 4.72,
 *      2Lze 1.68, 2Lze< 1.26; CCoSp4 3.50; StSq4 3.90; ChSq1 3.00 with 0.50
 *      per grade; V spins at 75 %: CCoSp3V 2.25, FCCoSp2V 1.88.
 *    - Base values and GOE printed by 2021/22 protocols (Trophee Metropole
 *      Nice Cote d'Azur 2021, Juniors Dance): RoLi4 5.30, MiSt3 7.70,
 *      OFStW3+OFStM3 6.10, SyTwW4+SyTwM4 6.84, CoSp4 6.00, ChSt1 1.10.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "podium/figureskating.h"
#include "podium/fixed.h"
#include "podium/json.h"

static int64_t cents(const json_t *value)
{
    int64_t out = 0;
    const char *text = json_string_value(value);
    assert_non_null(text);
    assert_int_equal(pd_fixed_parse(text, strlen(text), 2, &out, NULL), PD_OK);
    return out;
}

static void test_json_matches_tables(void **state)
{
    (void)state;
    json_t *root = NULL;
    pd_diag diag = {0};
    if (pd_json_parse_file(PODIUM_DATADIR "/sov/2021-22.json", &root, &diag))
        fail_msg("%s", diag.reason);
    const pd_fsk_sov *sov = pd_fsk_sov_find("2021-22");
    assert_non_null(sov);
    assert_null(pd_fsk_sov_find("2022-23"));
    assert_string_equal(json_string_value(json_object_get(root, "format")), "podium-sov/1");
    json_t *tables = json_object_get(root, "tables");
    assert_int_equal(json_array_size(tables), 2);
    for (size_t t = 0; t < 2; t++) {
        json_t *table = json_array_get(tables, t);
        const char *name = json_string_value(json_object_get(table, "name"));
        const pd_fsk_sov_table *ctable =
            strcmp(name, "dance") == 0 ? sov->dance : sov->singles_pairs;
        assert_string_equal(ctable->name, name);
        json_t *rows = json_object_get(table, "rows");
        assert_int_equal(json_array_size(rows), ctable->count);
        for (size_t r = 0; r < json_array_size(rows); r++) {
            json_t *row = json_array_get(rows, r);
            const char *code = json_string_value(json_object_get(row, "code"));
            const pd_fsk_sov_row *crow = pd_fsk_sov_lookup(ctable, code);
            if (!crow)
                fail_msg("%s: %s missing from the C table", name, code);
            assert_int_equal(crow->base, cents(json_object_get(row, "base")));
            json_t *goe = json_object_get(row, "goe");
            assert_int_equal(json_array_size(goe), PD_FSK_GRADES);
            for (size_t g = 0; g < PD_FSK_GRADES; g++)
                assert_int_equal(crow->goe[g], cents(json_array_get(goe, g)));
        }
        for (size_t i = 1; i < ctable->count; i++)
            assert_true(strcmp(ctable->rows[i - 1].code, ctable->rows[i].code) < 0);
    }
    json_decref(root);
}

typedef struct {
    const char *code;
    int64_t base;
    int grade;
    int64_t value;
} published;

static const published singles_pairs[] = {
    {"1T", 40, -5, -20},      {"1T", 40, 5, 20},        {"1Lo", 50, 1, 5},
    {"1A", 110, -5, -55},     {"1A", 110, 1, 11},       {"3A", 800, 5, 400},
    {"3A", 800, -1, -80},     {"4T", 950, 3, 285},      {"3Lz", 590, 2, 118},
    {"2A", 330, -3, -99},     {"3Lz<", 472, 1, 47},     {"2Lze", 168, -2, -34},
    {"2Lze<", 126, 1, 13},    {"CCoSp4", 350, 3, 105},  {"StSq4", 390, -5, -195},
    {"ChSq1", 300, 1, 50},    {"ChSq1", 300, -5, -250}, {"CCoSp3V", 225, 2, 45},
    {"FCCoSp2V", 188, 1, 19}, {"3LoTh", 500, 2, 100},   {"5ALi4", 700, 1, 70},
};

static const published dance[] = {
    {"RoLi4", 530, 2, 92},  {"RoLi3", 455, 1, 46},  {"MiSt3", 770, 1, 97},
    {"CoSp4", 600, 1, 56},  {"ChSt1", 110, 1, 83},  {"ChSp1", 110, -1, -22},
    {"SyTwW4", 342, 1, 36}, {"1BLB", 250, -2, -75}, {"1BL4", 550, 1, 53},
};

static void check(const pd_fsk_sov_table *table, const published *rows, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        const pd_fsk_sov_row *row = pd_fsk_sov_lookup(table, rows[i].code);
        if (!row)
            fail_msg("%s not in the table", rows[i].code);
        assert_int_equal(row->base, rows[i].base);
        assert_int_equal(row->goe[rows[i].grade + 5], rows[i].value);
        assert_int_equal(row->goe[5], 0);
    }
}

static void test_published_figures(void **state)
{
    (void)state;
    const pd_fsk_sov *sov = pd_fsk_sov_find("2021-22");
    check(sov->singles_pairs, singles_pairs, sizeof singles_pairs / sizeof *singles_pairs);
    check(sov->dance, dance, sizeof dance / sizeof *dance);
    /* both partners' twizzles add up: 3.42 + 3.42 (Nice 2021 Juniors RD/FD) */
    pd_fsk_element_result r;
    const int grades[] = {2, 2, 2, 1, 2, 1, 2, 2};
    assert_int_equal(pd_fsk_element_score(sov->dance, "SyTwW4+SyTwM4", false, grades, 8, &r, NULL),
                     PD_OK);
    assert_int_equal(r.base_value, 684);
    assert_int_equal(r.goe, 134);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_matches_tables),
        cmocka_unit_test(test_published_figures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
