/*
 * Tests for src/core/json.c: every error names its field path and reason.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "podium/json.h"

static json_t *parse(const char *text)
{
    json_t *root = NULL;
    pd_diag diag = {0};
    assert_int_equal(pd_json_parse(text, strlen(text), &root, &diag), PD_OK);
    return root;
}

static void test_parse_errors(void **state)
{
    (void)state;
    json_t *root = NULL;
    pd_diag diag = {0};
    const char *bad = "{\"a\": 1,\n \"b\": }";
    assert_int_equal(pd_json_parse(bad, strlen(bad), &root, &diag), PD_ERR_INPUT);
    assert_non_null(strstr(diag.reason, "line 2"));
    const char *dup = "{\"a\": 1, \"a\": 2}";
    assert_int_equal(pd_json_parse(dup, strlen(dup), &root, &diag), PD_ERR_INPUT);
    assert_non_null(strstr(diag.reason, "duplicate"));
    const char *trailing = "{} {}";
    assert_int_equal(pd_json_parse(trailing, strlen(trailing), &root, &diag), PD_ERR_INPUT);
    const char *bad_utf8 = "{\"a\": \"\xff\"}";
    assert_int_equal(pd_json_parse(bad_utf8, strlen(bad_utf8), &root, &diag), PD_ERR_INPUT);
    assert_int_equal(pd_json_parse_file("/nonexistent/podium.json", &root, &diag),
                     PD_ERR_NOT_FOUND);
    assert_non_null(strstr(diag.reason, "/nonexistent/podium.json"));
}

static void test_paths(void **state)
{
    (void)state;
    json_t *root = parse("{\"performances\": [{}, {}, {}, {\"marks\": [1, 2, \"x\"]}]}");
    pd_jpath path;
    pd_diag diag = {0};
    pd_jpath_init(&path);
    size_t a = pd_jpath_key(&path, "performances");
    size_t b = pd_jpath_index(&path, 3);
    json_t *perf = json_array_get(json_object_get(root, "performances"), 3);
    json_t *marks;
    assert_int_equal(pd_json_get_array(perf, "marks", true, 3, 3, &marks, &path, &diag), PD_OK);
    size_t c = pd_jpath_key(&path, "marks");
    pd_jpath_index(&path, 2);
    int64_t v;
    assert_int_equal(pd_json_int_value(json_array_get(marks, 2), 0, 10, &v, &path, &diag),
                     PD_ERR_INPUT);
    assert_string_equal(diag.path, "performances[3].marks[2]");
    assert_string_equal(diag.reason, "expected an integer, got string");
    pd_jpath_pop(&path, c);
    assert_int_equal(pd_json_get_array(perf, "marks", true, 5, 5, &marks, &path, &diag),
                     PD_ERR_INPUT);
    assert_string_equal(diag.path, "performances[3].marks");
    assert_string_equal(diag.reason, "expected 5 to 5 items, got 3");
    pd_jpath_pop(&path, b);
    pd_jpath_pop(&path, a);
    assert_string_equal(path.text, "");
    json_decref(root);
}

static void test_keys_and_types(void **state)
{
    (void)state;
    json_t *root = parse("{\"run\": 2, \"time_ms\": 102690.5, \"name\": \"FEUZ\", \"x\": true,"
                         " \"typo\": 1}");
    static const char *const keys[] = {"run", "time_ms", "name", "x", NULL};
    pd_jpath path;
    pd_diag diag = {0};
    pd_jpath_init(&path);
    assert_int_equal(pd_json_object_keys(root, keys, &path, &diag), PD_ERR_INPUT);
    assert_string_equal(diag.path, "typo");
    assert_string_equal(diag.reason, "unknown key");

    int64_t v = 0;
    assert_int_equal(pd_json_get_int(root, "run", true, 1, 2, &v, &path, &diag), PD_OK);
    assert_int_equal(v, 2);
    assert_int_equal(pd_json_get_int(root, "run", true, 3, 4, &v, &path, &diag), PD_ERR_INPUT);
    assert_string_equal(diag.path, "run");
    assert_string_equal(diag.reason, "2 is out of range 3..4");
    assert_int_equal(pd_json_get_int(root, "time_ms", true, 0, INT64_MAX, &v, &path, &diag),
                     PD_ERR_INPUT);
    assert_string_equal(diag.reason, "expected an integer, got number");
    assert_int_equal(pd_json_get_int(root, "missing", true, 0, 1, &v, &path, &diag), PD_ERR_INPUT);
    assert_string_equal(diag.path, "missing");
    assert_string_equal(diag.reason, "missing");
    v = 99;
    assert_int_equal(pd_json_get_int(root, "missing", false, 0, 1, &v, &path, &diag), PD_OK);
    assert_int_equal(v, 99);

    const char *s;
    assert_int_equal(pd_json_get_string(root, "name", true, 10, &s, &path, &diag), PD_OK);
    assert_string_equal(s, "FEUZ");
    assert_int_equal(pd_json_get_string(root, "name", true, 2, &s, &path, &diag), PD_ERR_INPUT);
    assert_int_equal(pd_json_get_string(root, "run", true, 2, &s, &path, &diag), PD_ERR_INPUT);
    assert_string_equal(diag.reason, "expected a string, got integer");
    bool b = false;
    assert_int_equal(pd_json_get_bool(root, "x", true, &b, &path, &diag), PD_OK);
    assert_true(b);
    assert_int_equal(pd_json_get_bool(root, "run", true, &b, &path, &diag), PD_ERR_INPUT);
    json_t *o;
    assert_int_equal(pd_json_get_object(root, "run", true, &o, &path, &diag), PD_ERR_INPUT);
    assert_string_equal(diag.reason, "expected an object, got integer");
    json_decref(root);
}

static void test_decimals(void **state)
{
    (void)state;
    json_t *root = parse("{\"a\": \"2.00\", \"b\": 6.25, \"c\": 6.1, \"d\": 7, \"e\": 6.125,"
                         " \"f\": \"abc\", \"g\": 1e300, \"h\": [1]}");
    pd_jpath path;
    pd_diag diag = {0};
    int64_t v;
    pd_jpath_init(&path);
    assert_int_equal(pd_json_get_decimal(root, "a", true, 2, 0, 10000, &v, &path, &diag), PD_OK);
    assert_int_equal(v, 200);
    assert_int_equal(pd_json_get_decimal(root, "b", true, 2, 0, 10000, &v, &path, &diag), PD_OK);
    assert_int_equal(v, 625);
    assert_int_equal(pd_json_get_decimal(root, "c", true, 2, 0, 10000, &v, &path, &diag), PD_OK);
    assert_int_equal(v, 610);
    assert_int_equal(pd_json_get_decimal(root, "d", true, 2, 0, 10000, &v, &path, &diag), PD_OK);
    assert_int_equal(v, 700);
    assert_int_equal(pd_json_get_decimal(root, "e", true, 2, 0, 10000, &v, &path, &diag),
                     PD_ERR_INPUT);
    assert_string_equal(diag.path, "e");
    assert_non_null(strstr(diag.reason, "more than 2 decimals"));
    assert_int_equal(pd_json_get_decimal(root, "f", true, 2, 0, 10000, &v, &path, &diag),
                     PD_ERR_INPUT);
    assert_string_equal(diag.path, "f");
    assert_int_equal(pd_json_get_decimal(root, "g", true, 2, 0, 10000, &v, &path, &diag),
                     PD_ERR_INPUT);
    assert_int_equal(pd_json_get_decimal(root, "h", true, 2, 0, 10000, &v, &path, &diag),
                     PD_ERR_INPUT);
    assert_string_equal(diag.reason, "expected a decimal number, got array");
    assert_int_equal(pd_json_get_decimal(root, "a", true, 2, 0, 100, &v, &path, &diag),
                     PD_ERR_INPUT);
    assert_string_equal(diag.reason, "2.00 is out of range 0.00..1.00");
    json_decref(root);
}

static void test_deep_path_is_cut(void **state)
{
    (void)state;
    pd_jpath path;
    pd_jpath_init(&path);
    for (int i = 0; i < 200; i++)
        pd_jpath_key(&path, "performances");
    assert_true(path.len < sizeof path.text);
    assert_non_null(strstr(path.text, "..."));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_errors),     cmocka_unit_test(test_paths),
        cmocka_unit_test(test_keys_and_types),   cmocka_unit_test(test_decimals),
        cmocka_unit_test(test_deep_path_is_cut),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
