/*
 * Tests for src/feed/nordiccombined_kind.c: the "nordic-combined" kind.
 *
 * - Beijing 2022 (NBC Olympics / Gracenote feed, converted by
 *   tools/convert_ncb_beijing.py into tests/data/ncb): the three events,
 *   every published rank, finish time and IRM in the published order, and
 *   every competitor's jumping points, jumping rank and start gap.
 * - Bad documents: the error names the field.
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
#include "podium/scoredoc.h"

#ifndef PODIUM_TESTDATA
#define PODIUM_TESTDATA "tests/data"
#endif

static pd_err score_root(json_t *root, json_t **out, pd_diag *diag)
{
    pd_scoredoc doc;
    pd_err err = pd_scoredoc_parse(root, &doc, diag);
    if (err)
        return err;
    const pd_kind *kind = pd_kind_find(doc.kind);
    assert_non_null(kind);
    err = kind->score(&doc, out, diag);
    pd_scoredoc_cleanup(&doc);
    return err;
}

static json_t *detail_of(json_t *results, const char *id)
{
    for (size_t i = 0; i < json_array_size(results); i++) {
        json_t *r = json_array_get(results, i);
        if (strcmp(json_string_value(json_object_get(r, "competitor")), id) == 0)
            return json_object_get(r, "detail");
    }
    return NULL;
}

static void reproduce(const char *event)
{
    char name[512], expected_name[512];
    snprintf(name, sizeof name, "%s/ncb/%s.json", PODIUM_TESTDATA, event);
    snprintf(expected_name, sizeof expected_name, "%s/ncb/%s.expected.json", PODIUM_TESTDATA,
             event);
    pd_diag diag = {0};
    json_t *root = NULL, *expected = NULL, *result = NULL;
    assert_int_equal(pd_json_parse_file(name, &root, &diag), PD_OK);
    assert_int_equal(pd_json_parse_file(expected_name, &expected, &diag), PD_OK);
    if (score_root(root, &result, &diag) != PD_OK) {
        char line[1024];
        fprintf(stderr, "%s: %s\n", event, pd_diag_format(&diag, line, sizeof line));
        fail();
    }
    json_t *want = json_object_get(expected, "results");
    json_t *got = json_object_get(result, "results");
    assert_int_equal(json_array_size(got), json_array_size(want));
    size_t rows = 0, gaps = 0;
    for (size_t i = 0; i < json_array_size(want); i++) {
        json_t *w = json_array_get(want, i), *g = json_array_get(got, i);
        int same = json_equal(json_object_get(w, "competitor"), json_object_get(g, "competitor")) &&
                   json_equal(json_object_get(w, "rank"), json_object_get(g, "rank")) &&
                   json_equal(json_object_get(w, "result"), json_object_get(g, "result")) &&
                   json_equal(json_object_get(w, "irm"), json_object_get(g, "irm"));
        if (!same)
            fprintf(stderr, "%s: row %zu differs\n", event, i);
        rows += (size_t)same;
    }
    json_t *jumping = json_object_get(expected, "jumping");
    for (size_t i = 0; i < json_array_size(jumping); i++) {
        json_t *w = json_array_get(jumping, i);
        json_t *d = detail_of(got, json_string_value(json_object_get(w, "competitor")));
        assert_non_null(d);
        int same = json_equal(json_object_get(w, "points"), json_object_get(d, "jump_points")) &&
                   json_equal(json_object_get(w, "rank"), json_object_get(d, "jump_rank")) &&
                   json_equal(json_object_get(w, "start_gap"), json_object_get(d, "start_gap"));
        if (!same)
            fprintf(stderr, "%s: jumping of %s differs\n", event,
                    json_string_value(json_object_get(w, "competitor")));
        gaps += (size_t)same;
    }
    printf("# %s: %zu / %zu results and %zu / %zu start gaps as published\n", event, rows,
           json_array_size(want), gaps, json_array_size(jumping));
    assert_int_equal(rows, json_array_size(want));
    assert_int_equal(gaps, json_array_size(jumping));
    json_decref(result);
    json_decref(expected);
    json_decref(root);
}

static void test_beijing(void **state)
{
    (void)state;
    reproduce("NCBMNH10KM");
    reproduce("NCBMLH10KM");
    reproduce("NCBMLH4X5KM");
}

static void expect_error(const char *config, const char *performances, const char *path,
                         const char *reason)
{
    char text[2048];
    snprintf(text, sizeof text,
             "{\"format\":\"podium-score/1\",\"discipline\":\"NCB\",\"kind\":\"nordic-combined\","
             "\"config\":%s,\"competitors\":[{\"id\":\"a\",\"bib\":\"1\"},{\"id\":\"b\"}],"
             "\"performances\":[%s]}",
             config, performances);
    json_t *root = NULL, *out = NULL;
    pd_diag diag = {0};
    assert_int_equal(pd_json_parse(text, strlen(text), &root, &diag), PD_OK);
    assert_int_equal(score_root(root, &out, &diag), PD_ERR_INPUT);
    if (strcmp(diag.path, path) != 0 || !strstr(diag.reason, reason))
        fprintf(stderr, "got %s: %s\n", diag.path, diag.reason);
    assert_string_equal(diag.path, path);
    assert_non_null(strstr(diag.reason, reason));
    assert_null(out);
    json_decref(root);
}

static void test_bad_documents(void **state)
{
    (void)state;
    expect_error("{}", "{\"competitor\":\"a\",\"part\":\"ski\"}", "performances[0].part",
                 "\"jump\" or \"race\"");
    expect_error("{}", "{\"competitor\":\"a\",\"part\":\"jump\",\"points\":\"12.34\"}",
                 "performances[0].points", "");
    expect_error("{}", "{\"competitor\":\"a\",\"part\":\"race\",\"time_ms\":\"25:07.7\"}",
                 "performances[0].time_ms", "");
    expect_error("{}",
                 "{\"competitor\":\"a\",\"part\":\"jump\",\"points\":\"100.0\"},"
                 "{\"competitor\":\"a\",\"part\":\"jump\",\"points\":\"101.0\"}",
                 "performances[1]", "second jump");
    expect_error("{}", "{\"competitor\":\"a\",\"part\":\"race\",\"irm\":\"DNF\",\"time_ms\":1}",
                 "performances[0].time_ms", "IRM");
    expect_error("{\"precision\":\"0.5\"}", "", "config.precision", "0.5");
    expect_error("{\"team\":1}", "", "config.team", "");
    expect_error("{}",
                 "{\"competitor\":\"a\",\"part\":\"jump\",\"irm\":\"DSQ\"},"
                 "{\"competitor\":\"a\",\"part\":\"race\",\"time_ms\":1500000}",
                 "competitors", "DSQ in the jumping");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_beijing),
        cmocka_unit_test(test_bad_documents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
