/*
 * Tests for src/feed/skijumping_kind.c: the "ski-jumping" and
 * "ski-jumping-team" kinds end to end (document in, podium-result/1 out).
 *
 * - Beijing 2022 (NBC Olympics / Gracenote feed, converted by
 *   tools/convert_skijumping_beijing.py into tests/data/sjp/beijing2022):
 *   the five events and the two qualification rounds, every published rank,
 *   total and IRM in the published order.
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

static pd_err score_text(const char *text, json_t **out, pd_diag *diag)
{
    json_t *root = NULL;
    pd_scoredoc doc;
    pd_err err = pd_json_parse(text, strlen(text), &root, diag);
    if (err)
        return err;
    err = pd_scoredoc_parse(root, &doc, diag);
    json_decref(root);
    if (err)
        return err;
    const pd_kind *kind = pd_kind_find(doc.kind);
    assert_non_null(kind);
    err = kind->score(&doc, out, diag);
    pd_scoredoc_cleanup(&doc);
    return err;
}

static void reproduce(const char *event)
{
    char name[512], expected_name[512];
    snprintf(name, sizeof name, "%s/sjp/beijing2022/%s.json", PODIUM_TESTDATA, event);
    snprintf(expected_name, sizeof expected_name, "%s/sjp/beijing2022/%s.expected.json",
             PODIUM_TESTDATA, event);
    pd_diag diag = {0};
    json_t *root = NULL, *expected = NULL, *result = NULL;
    pd_scoredoc doc;
    assert_int_equal(pd_json_parse_file(name, &root, &diag), PD_OK);
    assert_int_equal(pd_json_parse_file(expected_name, &expected, &diag), PD_OK);
    assert_int_equal(pd_scoredoc_parse(root, &doc, &diag), PD_OK);
    const pd_kind *kind = pd_kind_find(doc.kind);
    assert_non_null(kind);
    if (kind->score(&doc, &result, &diag) != PD_OK) {
        char line[1024];
        fprintf(stderr, "%s: %s\n", event, pd_diag_format(&diag, line, sizeof line));
        fail();
    }
    json_t *want = json_object_get(expected, "results");
    json_t *got = json_object_get(result, "results");
    assert_int_equal(json_array_size(got), json_array_size(want));
    size_t exact = 0;
    for (size_t i = 0; i < json_array_size(want); i++) {
        json_t *w = json_array_get(want, i), *g = json_array_get(got, i);
        int same = strcmp(json_string_value(json_object_get(w, "competitor")),
                          json_string_value(json_object_get(g, "competitor"))) == 0 &&
                   json_equal(json_object_get(w, "rank"), json_object_get(g, "rank")) &&
                   json_equal(json_object_get(w, "result"), json_object_get(g, "result")) &&
                   json_equal(json_object_get(w, "irm"), json_object_get(g, "irm"));
        if (!same)
            fprintf(stderr, "%s: row %zu differs\n", event, i);
        exact += (size_t)same;
    }
    printf("# %s: %zu / %zu rows as published\n", event, exact, json_array_size(want));
    assert_int_equal(exact, json_array_size(want));
    json_decref(result);
    json_decref(expected);
    json_decref(root);
    pd_scoredoc_cleanup(&doc);
}

static void test_beijing_mnh(void **state)
{
    (void)state;
    reproduce("SJPMNH");
    reproduce("SJPMNH-QUAL");
}

static void test_beijing_wnh(void **state)
{
    (void)state;
    reproduce("SJPWNH");
}

static void test_beijing_mlh(void **state)
{
    (void)state;
    reproduce("SJPMLH");
    reproduce("SJPMLH-QUAL");
}

static void test_beijing_teams(void **state)
{
    (void)state;
    reproduce("SJPMLHTEAM4");
    reproduce("SJPXNHTEAM4");
}

#define HEAD                                                                                       \
    "{\"format\":\"podium-score/1\",\"discipline\":\"SJP\",\"kind\":\"ski-jumping\","              \
    "\"config\":{\"hill\":{\"k\":95,\"hs\":106,\"meter_value\":\"2.0\",\"base\":\"60.0\"},"        \
    "\"gate\":{\"start\":12,\"points_per_gate\":\"5.6\"},\"wind\":{\"head\":\"8.0\","              \
    "\"tail\":\"9.68\"},\"rounds\":2,\"final_round\":30},"                                         \
    "\"competitors\":[{\"id\":\"1240224\",\"name\":\"KOBAYASHI Ryoyu\",\"bib\":\"52\"}],"

static void test_good_document(void **state)
{
    (void)state;
    const char *text = HEAD "\"performances\":[{\"competitor\":\"1240224\",\"round\":1,"
                            "\"distance\":\"104.5\",\"marks\":[\"18.5\",\"18.0\",\"19.0\","
                            "\"18.5\",\"18.5\"],\"wind\":\"0.56\",\"gate\":10}]}";
    json_t *out = NULL;
    pd_diag diag = {0};
    assert_int_equal(score_text(text, &out, &diag), PD_OK);
    json_t *row = json_array_get(json_object_get(out, "results"), 0);
    /* 79.0 + 55.5 + 11.2 (2 gates x 5.6) - 4.5 (0.56 x 8.0 = 4.48) = 141.2 */
    assert_string_equal(json_string_value(json_object_get(row, "result")), "141.2");
    json_t *jump = json_array_get(json_object_get(json_object_get(row, "detail"), "jumps"), 0);
    assert_string_equal(json_string_value(json_object_get(jump, "distance_points")), "79.0");
    assert_string_equal(json_string_value(json_object_get(jump, "style_points")), "55.5");
    assert_string_equal(json_string_value(json_object_get(jump, "gate_points")), "11.2");
    assert_string_equal(json_string_value(json_object_get(jump, "wind_points")), "-4.5");
    assert_string_equal(json_string_value(json_object_get(jump, "points")), "141.2");
    json_decref(out);
}

static void expect_error(const char *performances, const char *path, const char *reason)
{
    char text[4096];
    snprintf(text, sizeof text, HEAD "\"performances\":[%s]}", performances);
    json_t *out = NULL;
    pd_diag diag = {0};
    assert_int_equal(score_text(text, &out, &diag), PD_ERR_INPUT);
    if (strcmp(diag.path, path) != 0 || !strstr(diag.reason, reason))
        fprintf(stderr, "got %s: %s\n", diag.path, diag.reason);
    assert_string_equal(diag.path, path);
    assert_non_null(strstr(diag.reason, reason));
    assert_null(out);
}

static void test_bad_documents(void **state)
{
    (void)state;
    expect_error("{\"competitor\":\"1240224\",\"round\":1,\"distance\":\"104.5\","
                 "\"marks\":[\"18.5\",\"18.0\",\"19.0\",\"18.5\"],\"wind\":\"0.56\",\"gate\":10}",
                 "performances[0].marks", "expected 5 marks, got 4");
    expect_error("{\"competitor\":\"1240224\",\"round\":1,\"distance\":\"104.3\","
                 "\"marks\":[\"18.5\",\"18.0\",\"19.0\",\"18.5\",\"18.5\"],\"wind\":\"0.56\","
                 "\"gate\":10}",
                 "performances[0].distance", "half metre");
    expect_error("{\"competitor\":\"1240224\",\"round\":1,\"distance\":\"104.5\","
                 "\"marks\":[\"18.5\",\"18.2\",\"19.0\",\"18.5\",\"18.5\"],\"wind\":\"0.56\","
                 "\"gate\":10}",
                 "performances[0].marks[1]", "multiple of 0.5");
    expect_error("{\"competitor\":\"1240224\",\"round\":1,\"distance\":\"104.5\","
                 "\"marks\":[\"18.5\",\"18.0\",\"19.0\",\"18.5\",\"18.5\"],\"gate\":10}",
                 "performances[0].wind", "missing");
    expect_error("{\"competitor\":\"1240224\",\"round\":3,\"irm\":\"DSQ\"}",
                 "performances[0].round", "");
    expect_error("{\"competitor\":\"1240224\",\"round\":1,\"irm\":\"DQ\"}", "performances[0].irm",
                 "DQ");
    expect_error("{\"competitor\":\"1240224\",\"round\":1,\"irm\":\"DSQ\",\"distance\":\"9\"}",
                 "performances[0].distance", "IRM");
    expect_error("{\"competitor\":\"1240224\",\"round\":1,\"points\":\"120.0\",\"windy\":1}",
                 "performances[0].windy", "unknown key");
    expect_error("{\"competitor\":\"1240224\",\"round\":1,\"points\":\"120.0\"},"
                 "{\"competitor\":\"1240224\",\"round\":1,\"points\":\"121.0\"}",
                 "performances[1]", "second jump");
}

static void test_bad_config(void **state)
{
    (void)state;
    const char *text =
        "{\"format\":\"podium-score/1\",\"discipline\":\"SJP\",\"kind\":\"ski-jumping\","
        "\"config\":{\"hill\":{\"k\":95,\"meter_value\":\"2.0\"},\"rounds\":2,"
        "\"gate\":{\"start\":[12],\"points_per_gate\":\"5.6\"}},"
        "\"competitors\":[],\"performances\":[]}";
    json_t *out = NULL;
    pd_diag diag = {0};
    assert_int_equal(score_text(text, &out, &diag), PD_ERR_INPUT);
    assert_string_equal(diag.path, "config.gate.start");
    const char *text2 = "{\"format\":\"podium-score/1\",\"discipline\":\"SJP\","
                        "\"kind\":\"ski-jumping\",\"config\":{\"hill\":{\"k\":95},\"rounds\":1},"
                        "\"competitors\":[],\"performances\":[]}";
    assert_int_equal(score_text(text2, &out, &diag), PD_ERR_INPUT);
    assert_string_equal(diag.path, "config.hill.meter_value");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_beijing_mnh),   cmocka_unit_test(test_beijing_wnh),
        cmocka_unit_test(test_beijing_mlh),   cmocka_unit_test(test_beijing_teams),
        cmocka_unit_test(test_good_document), cmocka_unit_test(test_bad_documents),
        cmocka_unit_test(test_bad_config),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
