/*
 * Tests for pd_tournament_pool_standing (src/feed/tournament_kind.c): a
 * group's standing taken from a whole tournament's result is the standing
 * kind "round-robin" gives from that group's games alone. Data: the Beijing
 * 2022 hockey and curling score files of tests/data/iho and tests/data/cur
 * (tools/convert_tournaments.py, NBC Olympics / Gracenote feed): the whole
 * event (kind "tournament") and each group or round robin on its own (kind
 * "round-robin", whose standings are checked against the published tables by
 * tests/rules/test_hockey.c and test_curling.c). The ODF feed publishes these
 * standings as DT_POOL_STANDING of the phases GPA, GPB, GPC and PREL.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "podium/json.h"
#include "podium/kinds.h"
#include "podium/round_robin_kind.h"
#include "podium/scoredoc.h"

#define TESTDATA PODIUM_DATADIR "/../tests/data/"

/* The result document of a score file. */
static json_t *score(const char *file)
{
    json_t *root = NULL, *out = NULL;
    pd_scoredoc doc;
    pd_diag diag = {0};
    if (pd_json_parse_file(file, &root, &diag) != PD_OK)
        fail_msg("%s: %s", file, diag.reason);
    if (pd_scoredoc_parse(root, &doc, &diag) != PD_OK)
        fail_msg("%s: %s: %s", file, diag.path, diag.reason);
    const pd_kind *kind = pd_kind_find(doc.kind);
    assert_non_null(kind);
    if (kind->score(&doc, &out, &diag) != PD_OK)
        fail_msg("%s: %s: %s", file, diag.path, diag.reason);
    pd_scoredoc_cleanup(&doc);
    json_decref(root);
    return out;
}

/* The pool of group taken from the tournament equals the round robin's standing, row by row. */
static void check_pool(const char *tournament_file, const char *group, const char *group_file,
                       size_t teams)
{
    json_t *tournament = score(tournament_file);
    json_t *want = score(group_file);
    json_t *pool = NULL;
    assert_int_equal(pd_tournament_pool_standing(tournament, group, &pool), PD_OK);
    assert_non_null(pool);
    assert_string_equal(json_string_value(json_object_get(pool, "kind")), "round-robin");
    json_t *got_rows = json_object_get(pool, "results");
    json_t *want_rows = json_object_get(want, "results");
    assert_int_equal(json_array_size(got_rows), teams);
    assert_int_equal(json_array_size(want_rows), teams);
    for (size_t i = 0; i < teams; i++) {
        json_t *got = json_array_get(got_rows, i);
        json_t *row = json_array_get(want_rows, i);
        if (!json_equal(got, row)) {
            char *a = json_dumps(got, JSON_COMPACT | JSON_PRESERVE_ORDER);
            char *b = json_dumps(row, JSON_COMPACT | JSON_PRESERVE_ORDER);
            fail_msg("%s group \"%s\" row %zu:\n  pool        %s\n  round robin %s",
                     tournament_file, group, i + 1, a, b);
        }
    }
    /* the tournament's own rows are untouched: still its final ranking */
    json_t *first = json_array_get(json_object_get(tournament, "results"), 0);
    assert_non_null(json_object_get(json_object_get(first, "detail"), "playoff"));
    json_decref(pool);
    json_decref(want);
    json_decref(tournament);
}

/* Each Beijing 2022 group and round robin: the whole event, the group, the group alone. */
static const struct {
    const char *tournament, *group, *alone;
    size_t teams;
} groups[] = {
    {TESTDATA "iho/owg2022-women.json", "A", TESTDATA "iho/owg2022-women-group-A.json", 5},
    {TESTDATA "iho/owg2022-women.json", "B", TESTDATA "iho/owg2022-women-group-B.json", 5},
    {TESTDATA "iho/owg2022-men.json", "A", TESTDATA "iho/owg2022-men-group-A.json", 4},
    {TESTDATA "iho/owg2022-men.json", "B", TESTDATA "iho/owg2022-men-group-B.json", 4},
    {TESTDATA "iho/owg2022-men.json", "C", TESTDATA "iho/owg2022-men-group-C.json", 4},
    {TESTDATA "cur/owg2022-men.json", "", TESTDATA "cur/owg2022-men-round-robin.json", 10},
    {TESTDATA "cur/owg2022-women.json", "", TESTDATA "cur/owg2022-women-round-robin.json", 10},
    {TESTDATA "cur/owg2022-mixed.json", "", TESTDATA "cur/owg2022-mixed-round-robin.json", 10},
};

static void test_groups(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof groups / sizeof *groups; i++)
        check_pool(groups[i].tournament, groups[i].group, groups[i].alone, groups[i].teams);
}

/* A group nobody plays in: no standing. */
static void test_no_such_group(void **state)
{
    (void)state;
    json_t *tournament = score(TESTDATA "iho/owg2022-men.json");
    json_t *pool = (json_t *)1;
    assert_int_equal(pd_tournament_pool_standing(tournament, "D", &pool), PD_OK);
    assert_null(pool);
    assert_int_equal(pd_tournament_pool_standing(tournament, "", &pool), PD_OK);
    assert_null(pool);
    json_decref(tournament);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_groups),
        cmocka_unit_test(test_no_such_group),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
