/*
 * Tests for src/feed/classification_kind.c: strict and partial consistency
 * of entered ranks. Figures: Beijing 2022 women's parallel giant slalom
 * (SBDWPGS): LEDECKA 1, ULBING 2 (big final), KOTNIK 3 (small final, run
 * before the big final), as the demo log enters them.
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

static pd_err score(const char *config, const char *performances, json_t **out, pd_diag *diag)
{
    char text[2048];
    json_t *root = NULL;
    pd_scoredoc doc;
    snprintf(text, sizeof text,
             "{\"format\": \"podium-score/1\", \"discipline\": \"SBD\", \"event\": \"SBDWPGS\", "
             "\"kind\": \"classification\", \"config\": %s, \"competitors\": ["
             "{\"id\": \"915831\", \"name\": \"LEDECKA Ester\", \"noc\": \"CZE\"}, "
             "{\"id\": \"1252358\", \"name\": \"ULBING Daniela\", \"noc\": \"AUT\"}, "
             "{\"id\": \"597246\", \"name\": \"KOTNIK Gloria\", \"noc\": \"SLO\"}], "
             "\"performances\": %s}",
             config, performances);
    assert_int_equal(pd_json_parse(text, strlen(text), &root, NULL), PD_OK);
    pd_err err = pd_scoredoc_parse(root, &doc, diag);
    assert_int_equal(err, PD_OK);
    err = pd_kind_find("classification")->score(&doc, out, diag);
    pd_scoredoc_cleanup(&doc);
    json_decref(root);
    return err;
}

static void test_bronze_first(void **state)
{
    (void)state;
    static const char *const bronze = "[{\"competitor\": \"597246\", \"rank\": 3}]";
    json_t *out = NULL;
    pd_diag diag = {0};
    /* Strict: alone, the bronze medallist would be first. */
    assert_int_equal(score("{}", bronze, &out, &diag), PD_ERR_INPUT);
    assert_string_equal(diag.path, "performances[0].rank");
    /* Partial: ranks 1 and 2 are still to come; the given rank is shown. */
    assert_int_equal(score("{\"partial\": true}", bronze, &out, &diag), PD_OK);
    json_t *row = json_array_get(json_object_get(out, "results"), 0);
    assert_int_equal(json_integer_value(json_object_get(row, "rank")), 3);
    json_decref(out);
    /* Complete, either way. */
    static const char *const all = "[{\"competitor\": \"597246\", \"rank\": 3}, "
                                   "{\"competitor\": \"915831\", \"rank\": 1}, "
                                   "{\"competitor\": \"1252358\", \"rank\": 2}]";
    assert_int_equal(score("{}", all, &out, &diag), PD_OK);
    json_decref(out);
    assert_int_equal(score("{\"partial\": true}", all, &out, &diag), PD_OK);
    json_decref(out);
}

static void test_partial_refusals(void **state)
{
    (void)state;
    json_t *out = NULL;
    pd_diag diag = {0};
    /* Two firsts leave no second place. */
    assert_int_equal(score("{\"partial\": true}",
                           "[{\"competitor\": \"915831\", \"rank\": 1}, "
                           "{\"competitor\": \"1252358\", \"rank\": 1}, "
                           "{\"competitor\": \"597246\", \"rank\": 2}]",
                           &out, &diag),
                     PD_ERR_INPUT);
    assert_string_equal(diag.path, "performances[2].rank");
    assert_int_equal(score("{\"partial\": 1}", "[]", &out, &diag), PD_ERR_INPUT);
    assert_int_equal(score("{\"live\": true}", "[]", &out, &diag), PD_ERR_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bronze_first),
        cmocka_unit_test(test_partial_refusals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
