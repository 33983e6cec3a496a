/*
 * Beijing 2022 figure skating (sport 217 of the NBC Olympics / Gracenote
 * feed) reproduced from the segment scores: the standings of men, women,
 * pairs and ice dance (rank, total, IRM, each segment's placement, the cut)
 * through the "figure-skating-event" kind, and the team event (rank, points,
 * qualification, every segment's placement points) through
 * "figure-skating-team". Data: tests/data/fsk/beijing2022.json, converted by
 * tools/convert_fsk_beijing.py.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "podium/json.h"
#include "podium/kinds.h"
#include "podium/scoredoc.h"

#define EVENTS PODIUM_DATADIR "/../tests/data/fsk/beijing2022.json"

static json_t *find_row(json_t *rows, const char *competitor)
{
    for (size_t r = 0; r < json_array_size(rows); r++) {
        json_t *row = json_array_get(rows, r);
        if (strcmp(json_string_value(json_object_get(row, "competitor")), competitor) == 0)
            return row;
    }
    return NULL;
}

/* json_equal with null and absent treated alike (an unranked segment). */
static int same_value(json_t *a, json_t *b)
{
    if ((!a || json_is_null(a)) && (!b || json_is_null(b)))
        return 1;
    return a && b && json_equal(a, b);
}

static int event_row_ok(json_t *row, json_t *want)
{
    json_t *detail = json_object_get(row, "detail");
    json_t *s = json_object_get(detail, "short");
    json_t *f = json_object_get(detail, "free");
    return same_value(json_object_get(row, "rank"), json_object_get(want, "rank")) &&
           json_equal(json_object_get(row, "result"), json_object_get(want, "result")) &&
           json_equal(json_object_get(row, "irm"), json_object_get(want, "irm")) &&
           same_value(json_is_object(s) ? json_object_get(s, "rank") : NULL,
                      json_object_get(want, "short_rank")) &&
           same_value(json_is_object(f) ? json_object_get(f, "rank") : NULL,
                      json_object_get(want, "free_rank"));
}

static int team_row_ok(json_t *row, json_t *want)
{
    json_t *detail = json_object_get(row, "detail");
    if (!json_equal(json_object_get(row, "rank"), json_object_get(want, "rank")) ||
        !json_equal(json_object_get(row, "result"), json_object_get(want, "result")) ||
        !json_equal(json_object_get(detail, "qualified"), json_object_get(want, "qualified")))
        return 0;
    json_t *points = json_object_get(want, "points");
    json_t *segments = json_object_get(detail, "segments");
    if (json_array_size(segments) != json_object_size(points))
        return 0;
    for (size_t s = 0; s < json_array_size(segments); s++) {
        json_t *seg = json_array_get(segments, s);
        json_t *expected =
            json_object_get(points, json_string_value(json_object_get(seg, "segment")));
        if (!expected || !json_equal(json_object_get(seg, "points"), expected))
            return 0;
    }
    return 1;
}

static void test_beijing(void **state)
{
    (void)state;
    json_t *root = NULL;
    pd_diag diag = {0};
    if (pd_json_parse_file(EVENTS, &root, &diag))
        fail_msg("%s: %s", EVENTS, diag.reason);
    json_t *events = json_object_get(root, "events");
    assert_int_equal(json_array_size(events), 5);
    int exact = 0, total = 0;
    for (size_t e = 0; e < json_array_size(events); e++) {
        json_t *event = json_array_get(events, e);
        const char *name = json_string_value(json_object_get(event, "event"));
        json_t *score = json_object_get(event, "score");
        pd_scoredoc doc;
        json_t *result = NULL;
        if (pd_scoredoc_parse(score, &doc, &diag))
            fail_msg("%s: %s: %s", name, diag.path, diag.reason);
        const pd_kind *kind = pd_kind_find(doc.kind);
        assert_non_null(kind);
        pd_err err = kind->score(&doc, &result, &diag);
        int team = strcmp(doc.kind, "figure-skating-team") == 0;
        pd_scoredoc_cleanup(&doc);
        if (err)
            fail_msg("%s: %s: %s", name, diag.path, diag.reason);
        json_t *rows = json_object_get(result, "results");
        json_t *expected = json_object_get(event, "expected");
        int event_exact = 0;
        for (size_t i = 0; i < json_array_size(expected); i++) {
            json_t *want = json_array_get(expected, i);
            json_t *row = find_row(rows, json_string_value(json_object_get(want, "competitor")));
            int ok = row && (team ? team_row_ok(row, want) : event_row_ok(row, want));
            if (!ok)
                print_message("%s: %s differs\n", name,
                              json_string_value(json_object_get(want, "competitor")));
            event_exact += ok;
        }
        /* official order: the listing follows the standings */
        for (size_t i = 0; i < json_array_size(expected); i++)
            assert_string_equal(
                json_string_value(json_object_get(json_array_get(rows, i), "competitor")),
                json_string_value(json_object_get(json_array_get(expected, i), "competitor")));
        print_message("Beijing 2022 %-16s %2d / %2zu standings exact\n", name, event_exact,
                      json_array_size(expected));
        exact += event_exact;
        total += (int)json_array_size(expected);
        json_decref(result);
    }
    json_decref(root);
    assert_int_equal(exact, total);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_beijing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
