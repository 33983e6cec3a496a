/*
 * Tests for src/rules/medals.c and the kind "medals".
 *
 * Reproduction: the Beijing 2022 medal table as it stood on 20 February 2022
 * (olympics.com medal table, the IOC's order by gold, silver, bronze), every
 * one of its 29 rows, computed from the medallists of the 109 events in the
 * NBC/Gracenote feed (tests/data/medals/owg2022.json, converted by
 * tools/convert_medals.py). Then ties: two golds and no silver, a shared
 * bronze, a team counted once, ranks that cannot be final.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "podium/json.h"
#include "podium/kinds.h"
#include "podium/medals.h"
#include "podium/scoredoc.h"

#define TESTDATA PODIUM_DATADIR "/../tests/data"

typedef struct {
    int rank;
    const char *noc;
    int gold, silver, bronze;
} published_row;

/* olympics.com, Beijing 2022 medal table (state of 20 February 2022) */
static const published_row owg2022[] = {
    {1, "NOR", 16, 8, 13}, {2, "GER", 12, 10, 5}, {3, "CHN", 9, 4, 2},   {4, "USA", 8, 10, 7},
    {5, "SWE", 8, 5, 5},   {6, "NED", 8, 5, 4},   {7, "AUT", 7, 7, 4},   {8, "SUI", 7, 2, 5},
    {9, "ROC", 6, 12, 14}, {10, "FRA", 5, 7, 2},  {11, "CAN", 4, 8, 14}, {12, "JPN", 3, 6, 9},
    {13, "ITA", 2, 7, 8},  {14, "KOR", 2, 5, 2},  {15, "SLO", 2, 3, 2},  {16, "FIN", 2, 2, 4},
    {17, "NZL", 2, 1, 0},  {18, "AUS", 1, 2, 1},  {19, "GBR", 1, 1, 0},  {20, "HUN", 1, 0, 2},
    {21, "BEL", 1, 0, 1},  {21, "CZE", 1, 0, 1},  {21, "SVK", 1, 0, 1},  {24, "BLR", 0, 2, 0},
    {25, "ESP", 0, 1, 0},  {25, "UKR", 0, 1, 0},  {27, "EST", 0, 0, 1},  {27, "LAT", 0, 0, 1},
    {27, "POL", 0, 0, 1},
};

static void test_owg2022_table(void **state)
{
    (void)state;
    json_t *root = NULL;
    json_t *out = NULL;
    pd_scoredoc doc;
    pd_diag diag = {0};
    size_t n = sizeof owg2022 / sizeof owg2022[0];
    assert_int_equal(pd_json_parse_file(TESTDATA "/medals/owg2022.json", &root, &diag), PD_OK);
    assert_int_equal(pd_scoredoc_parse(root, &doc, &diag), PD_OK);
    json_decref(root);
    assert_int_equal(pd_kind_find("medals")->score(&doc, &out, &diag), PD_OK);
    pd_scoredoc_cleanup(&doc);
    json_t *results = json_object_get(out, "results");
    assert_int_equal(json_array_size(results), n);
    for (size_t i = 0; i < n; i++) {
        json_t *row = json_array_get(results, i);
        char want[32];
        snprintf(want, sizeof want, "%d-%d-%d", owg2022[i].gold, owg2022[i].silver,
                 owg2022[i].bronze);
        assert_string_equal(json_string_value(json_object_get(row, "competitor")), owg2022[i].noc);
        assert_int_equal(json_integer_value(json_object_get(row, "rank")), owg2022[i].rank);
        assert_string_equal(json_string_value(json_object_get(row, "result")), want);
    }
    /* NOR's 16 golds are listed event by event */
    json_t *nor = json_object_get(json_array_get(results, 0), "detail");
    assert_int_equal(json_array_size(json_object_get(nor, "medals")), 37);
    json_decref(out);
}

static void test_tie_for_gold(void **state)
{
    (void)state;
    /* two golds, no silver, then a bronze */
    const pd_medal_entry entries[] = {
        {"CAN", "a", 1}, {"USA", "b", 1}, {"CAN", "c", 3}, {"GER", "d", 4}};
    const pd_medal_event ev = {"E1", entries, 4};
    pd_medal_table table;
    pd_diag diag = {0};
    assert_int_equal(pd_medals_table(&ev, 1, &table, &diag), PD_OK);
    assert_int_equal(table.count, 2);
    assert_string_equal(table.rows[0].noc, "CAN");
    assert_int_equal(table.rows[0].gold, 1);
    assert_int_equal(table.rows[0].bronze, 1);
    assert_string_equal(table.rows[1].noc, "USA");
    assert_int_equal(table.rows[1].gold, 1);
    assert_int_equal(table.rows[1].silver, 0);
    pd_medal_table_cleanup(&table);
}

static void test_team_counts_once_and_shared_rows(void **state)
{
    (void)state;
    /* a relay listed member by member: one entry, one medal */
    const pd_medal_entry relay[] = {{"NOR", "relay-NOR", 1},
                                    {"NOR", "relay-NOR", 1},
                                    {"NOR", "relay-NOR", 1},
                                    {"SWE", "relay-SWE", 2},
                                    {"FIN", NULL, 3}};
    /* shared bronze: two bronzes */
    const pd_medal_entry single[] = {
        {"SWE", "x", 1}, {"FIN", "y", 2}, {"NOR", "z", 3}, {"AUT", "w", 3}};
    const pd_medal_event events[] = {{"RELAY", relay, 5}, {"SINGLE", single, 4}};
    pd_medal_table table;
    pd_diag diag = {0};
    assert_int_equal(pd_medals_table(events, 2, &table, &diag), PD_OK);
    assert_int_equal(table.count, 4);
    /* NOR 1-0-1, SWE 1-1-0: SWE ahead on silver; FIN 0-1-1; AUT 0-0-1 */
    assert_string_equal(table.rows[0].noc, "SWE");
    assert_string_equal(table.rows[1].noc, "NOR");
    assert_int_equal(table.rows[1].gold, 1);
    assert_int_equal(table.rows[1].total, 2);
    assert_string_equal(table.rows[2].noc, "FIN");
    assert_string_equal(table.rows[3].noc, "AUT");
    assert_int_equal(table.rows[3].rank, 4);
    pd_medal_table_cleanup(&table);

    /* equal rows share the rank, listed by NOC code */
    const pd_medal_entry e2[] = {{"ZZZ", NULL, 1}, {"AAA", NULL, 2}};
    const pd_medal_entry e3[] = {{"AAA", NULL, 1}, {"ZZZ", NULL, 2}};
    const pd_medal_event ev2[] = {{"E2", e2, 2}, {"E3", e3, 2}};
    assert_int_equal(pd_medals_table(ev2, 2, &table, &diag), PD_OK);
    assert_string_equal(table.rows[0].noc, "AAA");
    assert_int_equal(table.rows[0].rank, 1);
    assert_int_equal(table.rows[1].rank, 1);
    pd_medal_table_cleanup(&table);
}

static void test_bad_ranks(void **state)
{
    (void)state;
    pd_diag diag = {0};
    const pd_medal_entry gap[] = {{"CAN", "a", 1}, {"USA", "b", 3}};
    const pd_medal_event ev_gap = {"E", gap, 2};
    assert_int_equal(pd_medals_check_event(&ev_gap, &diag), PD_ERR_INPUT);
    assert_string_equal(diag.path, "entries[1]");
    const pd_medal_entry twice[] = {{"CAN", "a", 1}, {"CAN", "a", 2}};
    const pd_medal_event ev_twice = {"E", twice, 2};
    assert_int_equal(pd_medals_check_event(&ev_twice, &diag), PD_ERR_INPUT);
    const pd_medal_entry tie_after[] = {{"CAN", "a", 1}, {"USA", "b", 1}, {"GER", "c", 2}};
    const pd_medal_event ev_tie = {"E", tie_after, 3};
    assert_int_equal(pd_medals_check_event(&ev_tie, &diag), PD_ERR_INPUT);
    pd_medal_table table;
    assert_int_equal(pd_medals_table(&ev_tie, 1, &table, &diag), PD_ERR_INPUT);
    assert_string_equal(diag.path, "events[0].entries[2]");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_owg2022_table),
        cmocka_unit_test(test_tie_for_gold),
        cmocka_unit_test(test_team_counts_once_and_shared_rows),
        cmocka_unit_test(test_bad_ranks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
