/*
 * Tests for src/games/scoredoc.c: the podium-score/1 envelope
 * (../shared/formats/score.md), good and bad.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "podium/json.h"
#include "podium/scoredoc.h"

static const char good[] =
    "{\"format\": \"podium-score/1\", \"discipline\": \"ALP\", \"event\": \"ALPMDH\","
    " \"kind\": \"timed\", \"config\": {\"runs\": 1, \"precision\": \"0.01\"},"
    " \"competitors\": [{\"id\": \"603448\", \"name\": \"FEUZ Beat\", \"noc\": \"SUI\","
    " \"bib\": \"13\"}, {\"id\": \"409997\", \"name\": \"CLAREY Johan\", \"noc\": \"FRA\"}],"
    " \"performances\": [{\"competitor\": \"603448\", \"run\": 1, \"time_ms\": 102690},"
    " {\"competitor\": \"409997\", \"run\": 1, \"time_ms\": 102790}]}";

static pd_err parse_variant(const char *from, const char *to, pd_scoredoc *doc, pd_diag *diag)
{
    char text[sizeof good + 256];
    const char *at = strstr(good, from);
    assert_non_null(at);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - good), good, to, at + strlen(from));
    json_t *root;
    pd_err err = pd_json_parse(text, strlen(text), &root, diag);
    if (err)
        return err;
    err = pd_scoredoc_parse(root, doc, diag);
    json_decref(root);
    return err;
}

static void test_good(void **state)
{
    (void)state;
    pd_scoredoc doc;
    pd_diag diag = {0};
    assert_int_equal(parse_variant("ALPMDH", "ALPMDH", &doc, &diag), PD_OK);
    assert_string_equal(doc.discipline, "ALP");
    assert_string_equal(doc.event, "ALPMDH");
    assert_string_equal(doc.kind, "timed");
    assert_int_equal(doc.competitor_count, 2);
    assert_string_equal(doc.competitors[1].bib, "");
    assert_int_equal(pd_scoredoc_find(&doc, "409997"), 1);
    assert_int_equal(pd_scoredoc_find(&doc, "nobody"), (size_t)-1);
    assert_int_equal(doc.performance_competitor[0], 0);
    assert_int_equal(doc.performance_competitor[1], 1);
    assert_non_null(doc.config);
    pd_scoredoc_cleanup(&doc);
    pd_scoredoc_cleanup(&doc);
}

static void test_bad(void **state)
{
    (void)state;
    static const struct {
        const char *from, *to, *path, *reason;
    } cases[] = {
        {"podium-score/1", "podium-score/2", "format", "expected \"podium-score/1\""},
        {"\"kind\"", "\"knid\"", "knid", "unknown key"},
        {"\"discipline\": \"ALP\"", "\"discipline\": \"ALPINE\"", "discipline", "longer than 3"},
        {"\"discipline\": \"ALP\"", "\"discipline\": \"AL\"", "discipline", "3-letter code"},
        {"\"kind\": \"timed\", ", "", "kind", "missing"},
        {"{\"runs\": 1, \"precision\": \"0.01\"}", "5", "config", "expected an object"},
        {"\"bib\": \"13\"", "\"bib\": 13", "competitors[0].bib", "expected a string"},
        {"\"id\": \"409997\"", "\"id\": \"603448\"", "competitors[1].id", "duplicate id"},
        {"\"id\": \"409997\"", "\"id\": \"\"", "competitors[1].id", "must not be empty"},
        {"\"name\": \"FEUZ Beat\", ", "\"nmae\": 1, ", "competitors[0].nmae", "unknown key"},
        {"{\"competitor\": \"409997\", \"run\"", "{\"competitor\": \"4\", \"run\"",
         "performances[1].competitor", "unknown competitor \"4\""},
        {"{\"competitor\": \"409997\", \"run\": 1, \"time_ms\": 102790}", "[]", "performances[1]",
         "expected an object, got array"},
        {"{\"competitor\": \"409997\", ", "{", "performances[1].competitor", "missing"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pd_scoredoc doc;
        pd_diag diag = {0};
        pd_err err = parse_variant(cases[i].from, cases[i].to, &doc, &diag);
        if (err != PD_ERR_INPUT || strcmp(diag.path, cases[i].path) != 0 ||
            !strstr(diag.reason, cases[i].reason))
            fail_msg("case %zu: err %d, path \"%s\" (want \"%s\"), reason \"%s\" (want \"%s\")", i,
                     err, diag.path, cases[i].path, diag.reason, cases[i].reason);
    }
}

static void test_not_an_array(void **state)
{
    (void)state;
    const char *text = "{\"format\": \"podium-score/1\", \"discipline\": \"ALP\","
                       " \"kind\": \"timed\", \"competitors\": [], \"performances\": 3}";
    json_t *root;
    pd_scoredoc doc;
    pd_diag diag = {0};
    assert_int_equal(pd_json_parse(text, strlen(text), &root, &diag), PD_OK);
    assert_int_equal(pd_scoredoc_parse(root, &doc, &diag), PD_ERR_INPUT);
    assert_string_equal(diag.path, "performances");
    assert_string_equal(diag.reason, "expected an array, got integer");
    assert_int_equal(pd_scoredoc_parse(json_array_get(root, 0), &doc, &diag), PD_ERR_INPUT);
    assert_string_equal(diag.reason, "expected an object, got nothing");
    json_decref(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good),
        cmocka_unit_test(test_bad),
        cmocka_unit_test(test_not_an_array),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
