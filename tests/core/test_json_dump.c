/*
 * Tests for pd_json_dump_compact (src/core/json.c): the same bytes as jansson's
 * json_dumps(JSON_COMPACT | JSON_PRESERVE_ORDER), on a table of tricky values
 * built through jansson's API and on every JSON document of the repository
 * (data/ and tests/, walked at run time).
 */
#include <dirent.h>
#include <float.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "podium/json.h"

#define DUMP_FLAGS (JSON_COMPACT | JSON_PRESERVE_ORDER)

/* Both dumpers on value: identical bytes, and the pd_buf form appends the same. */
static void assert_same_dump(const json_t *value)
{
    char *want = json_dumps(value, DUMP_FLAGS);
    assert_non_null(want);
    char *got = NULL;
    size_t len = 0;
    assert_int_equal(pd_json_dump_compact(value, &got, &len), PD_OK);
    if (len != strlen(want) || memcmp(got, want, len) != 0)
        fail_msg("dump differs:\n  jansson: %s\n  podium:  %s", want, got);
    assert_int_equal(got[len], '\0');

    pd_buf buf;
    pd_buf_init(&buf, PD_JSON_DUMP_MAX_BYTES);
    assert_int_equal(pd_buf_adds(&buf, "x"), PD_OK);
    assert_int_equal(pd_json_dump_compact_buf(value, &buf), PD_OK);
    assert_int_equal(buf.len, len + 1);
    assert_memory_equal(buf.data + 1, want, len);
    pd_buf_cleanup(&buf);
    free(got);
    free(want);
}

/* Where json_dumps fails, pd_json_dump_compact fails with PD_ERR_INPUT. */
static void assert_both_refuse(const json_t *value)
{
    assert_null(json_dumps(value, DUMP_FLAGS));
    char *got = NULL;
    size_t len = 0;
    assert_int_equal(pd_json_dump_compact(value, &got, &len), PD_ERR_INPUT);
    assert_null(got);
}

/* value (stolen) as the only element of an array and as the only member of an object */
static void assert_same_wrapped(json_t *value)
{
    json_t *array = json_array();
    json_t *object = json_object();
    json_array_append(array, value);
    json_object_set_new(object, "k", value);
    assert_same_dump(array);
    assert_same_dump(object);
    json_decref(array);
    json_decref(object);
}

static void test_scalars(void **state)
{
    (void)state;
    assert_same_wrapped(json_null());
    assert_same_wrapped(json_true());
    assert_same_wrapped(json_false());
    const json_int_t integers[] = {0,         1,         -1,         9,
                                   10,        -10,       99,         100,
                                   12345,     -987654,   INT32_MAX,  INT32_MIN,
                                   INT64_MAX, INT64_MIN, -INT64_MAX, 1000000000000000000};
    for (size_t i = 0; i < sizeof integers / sizeof integers[0]; i++)
        assert_same_wrapped(json_integer(integers[i]));
    const double reals[] = {
        1.0,       0.1,    1e300, -0.0, 0.0,     1e-5,    1e16,   1e17,
        100.0,     0.5,    -2.5,  6.25, DBL_MAX, DBL_MIN, 5e-324, 123456789012345678.0,
        1.0 / 3.0, -1e-300};
    for (size_t i = 0; i < sizeof reals / sizeof reals[0]; i++)
        assert_same_wrapped(json_real(reals[i]));
}

static void test_strings(void **state)
{
    (void)state;
    /* every byte below 0x20 alone, inside text, and all of them together */
    char all[32];
    for (int c = 0; c < 0x20; c++) {
        char one[8] = {'a', (char)c, 'b'};
        all[c] = (char)c;
        assert_same_wrapped(json_stringn(one + 1, 1));
        assert_same_wrapped(json_stringn(one, 3));
    }
    assert_same_wrapped(json_stringn(all, sizeof all));
    const char *const texts[] = {
        "",
        "plain text",
        "\"",
        "\\",
        "\"quoted\" and back\\slash\\",
        "/slash/ not escaped",
        "\x7f del",
        "caf\xc3\xa9 \xe5\x8c\x97\xe4\xba\xac 2022 \xf0\x9f\x8f\x82", /* é, 北京, U+1F3C2 */
        "\xc2\x80 \xdf\xbf \xe0\xa0\x80 \xef\xbf\xbf \xf0\x90\x80\x80 \xf4\x8f\xbf\xbf",
        "\xe2\x80\xa8\xe2\x80\xa9", /* U+2028, U+2029: as they are */
        "tab\there\r\nnew line\b\f",
        "ends with an escape\n",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
        assert_same_wrapped(json_string(texts[i]));
    /* embedded NULs: the full length */
    assert_same_wrapped(json_stringn("a\0b", 3));
    assert_same_wrapped(json_stringn("\0", 1));
    assert_same_wrapped(json_stringn("\0\0\"\0", 4));
    /* a long string crosses the buffer's growth many times */
    size_t long_len = 100000;
    char *big = malloc(long_len);
    assert_non_null(big);
    for (size_t i = 0; i < long_len; i++)
        big[i] = (char)(i % 7 == 0 ? '\n' : i % 5 == 0 ? 0x01 : 'a' + (int)(i % 26));
    assert_same_wrapped(json_stringn(big, long_len));
    free(big);
}

static void test_keys_and_order(void **state)
{
    (void)state;
    json_t *object = json_object();
    json_object_set_new(object, "zulu", json_integer(1));
    json_object_set_new(object, "alpha", json_integer(2));
    json_object_set_new(object, "mike", json_integer(3));
    json_object_set_new(object, "", json_integer(4));
    json_object_set_new(object, "key \"with\" \\escapes\\\n\x01", json_integer(5));
    json_object_set_new(object, "\xe5\x8c\x97\xe4\xba\xac", json_integer(6));
    json_object_setn_new(object, "a\0b", 3, json_integer(7));
    assert_same_dump(object);
    /* replaced in place, deleted and added again at the end */
    json_object_set_new(object, "alpha", json_string("replaced"));
    json_object_del(object, "zulu");
    json_object_set_new(object, "zulu", json_true());
    assert_same_dump(object);
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(pd_json_dump_compact(object, &text, &len), PD_OK);
    assert_non_null(strstr(text, "{\"alpha\":\"replaced\",\"mike\":3,"));
    assert_non_null(strstr(text, ",\"zulu\":true}"));
    free(text);
    json_decref(object);
}

static void test_containers(void **state)
{
    (void)state;
    json_t *empty_object = json_object(), *empty_array = json_array();
    assert_same_dump(empty_object);
    assert_same_dump(empty_array);
    char *text = NULL;
    size_t len = 0;
    assert_int_equal(pd_json_dump_compact(empty_array, &text, &len), PD_OK);
    assert_string_equal(text, "[]");
    assert_int_equal(len, 2);
    free(text);
    const char *nested_text = "{\"a\":[{},[],[[{}]],{\"b\":{\"c\":[1,-2,3.5,null,true,false,"
                              "\"deep\",{\"x\":{}}]}}],\"z\":{},\"\":[[],{}]}";
    json_error_t error;
    json_t *nested = json_loads(nested_text, 0, &error);
    assert_non_null(nested);
    assert_same_dump(nested);
    json_decref(nested);
    json_decref(empty_object);
    json_decref(empty_array);
}

/* Nested as deep as jansson parses (2048): the same; one more level, or a cycle: refused. */
static void test_depth_and_cycles(void **state)
{
    (void)state;
    size_t n = JSON_PARSER_MAX_DEPTH;
    char *text = malloc(2 * n + 1);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++) {
        text[i] = '[';
        text[2 * n - 1 - i] = ']';
    }
    text[2 * n] = '\0';
    json_error_t error;
    json_t *deep = json_loads(text, 0, &error);
    assert_non_null(deep);
    assert_same_dump(deep);
    /* built one level deeper by hand: jansson dumps it, we refuse (the depth bound) */
    json_t *deeper = json_array();
    json_array_append(deeper, deep);
    char *got = NULL;
    size_t len = 0;
    assert_int_equal(pd_json_dump_compact(deeper, &got, &len), PD_ERR_INPUT);
    json_decref(deeper);
    json_decref(deep);
    free(text);

    /* a cycle through two arrays (jansson refuses a direct one itself) */
    json_t *a = json_array(), *b = json_array();
    json_array_append(a, b);
    json_array_append(b, a);
    assert_both_refuse(a);
    json_array_clear(b); /* break the cycle so both are freed */
    json_decref(a);
    json_decref(b);
}

static void test_refusals(void **state)
{
    (void)state;
    /* a bare scalar at the root: json_dumps wants JSON_ENCODE_ANY */
    json_t *scalar = json_integer(3);
    assert_both_refuse(scalar);
    json_decref(scalar);
    assert_both_refuse(NULL);
    /* invalid UTF-8 in a value (only a _nocheck constructor lets it in) */
    const char *const bad[] = {
        "\xff",         "a\x80",        "\xc0\xaf",         "\xc1\xbf",
        "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",
        "\xc3",         "\xe5\x8c",     "\xf0\x9f\x8f",     "ok\xc3("};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        json_t *array = json_array();
        json_array_append_new(array, json_string_nocheck(bad[i]));
        assert_both_refuse(array);
        json_decref(array);
    }
    /* an invalid key: jansson writes broken text ({":1}), we refuse */
    json_t *object = json_object();
    json_object_set_new_nocheck(object, "ab\xff", json_integer(1));
    char *want = json_dumps(object, DUMP_FLAGS);
    assert_string_equal(want, "{\":1}");
    free(want);
    char *got = NULL;
    size_t len = 0;
    assert_int_equal(pd_json_dump_compact(object, &got, &len), PD_ERR_INPUT);
    json_decref(object);
}

/* The maximum of a caller's pd_buf holds; a failed append leaves the buffer as it was. */
static void test_buffer_limit(void **state)
{
    (void)state;
    json_t *value =
        json_pack("{s:s,s:[i,i,i]}", "name", "a rather long name to exceed", "n", 1, 2, 3);
    char *text = json_dumps(value, DUMP_FLAGS);
    size_t need = strlen(text);
    for (size_t max = 2; max < need + 4; max++) {
        pd_buf buf;
        pd_buf_init(&buf, max);
        assert_int_equal(pd_buf_adds(&buf, "ab"), PD_OK);
        pd_err err = pd_json_dump_compact_buf(value, &buf);
        if (need + 2 <= max) {
            assert_int_equal(err, PD_OK);
            assert_string_equal(pd_buf_str(&buf) + 2, text);
        } else {
            assert_int_equal(err, PD_ERR_NOMEM);
            assert_string_equal(pd_buf_str(&buf), "ab");
        }
        pd_buf_cleanup(&buf);
    }
    free(text);
    json_decref(value);
}

/* Every *.json under dir, recursively: those jansson loads are dumped both ways. */
static void compare_documents(const char *dir, int *compared, int *unparsed)
{
    DIR *handle = opendir(dir);
    if (!handle)
        fail_msg("cannot open %s", dir);
    struct dirent *entry;
    while ((entry = readdir(handle)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            compare_documents(path, compared, unparsed);
            continue;
        }
        size_t name_len = strlen(entry->d_name);
        if (name_len < 5 || strcmp(entry->d_name + name_len - 5, ".json") != 0)
            continue;
        json_error_t error;
        json_t *doc = json_load_file(path, JSON_DECODE_ANY, &error);
        if (!doc) {
            (*unparsed)++; /* the bad-input fixtures of other tests */
            continue;
        }
        if (json_is_object(doc) || json_is_array(doc)) {
            assert_same_dump(doc);
            (*compared)++;
        } else {
            assert_same_wrapped(json_incref(doc));
            (*compared)++;
        }
        json_decref(doc);
    }
    closedir(handle);
}

static void test_repository_documents(void **state)
{
    (void)state;
    int compared = 0, unparsed = 0;
    compare_documents(PODIUM_DATADIR, &compared, &unparsed);
    int in_data = compared;
    compare_documents(PODIUM_TESTDIR, &compared, &unparsed);
    printf("json dump: %d documents compared byte for byte (%d under data/, %d under tests/), "
           "%d files not JSON jansson loads\n",
           compared, in_data, compared - in_data, unparsed);
    assert_true(in_data >= 4);
    assert_true(compared - in_data >= 200);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scalars),          cmocka_unit_test(test_strings),
        cmocka_unit_test(test_keys_and_order),   cmocka_unit_test(test_containers),
        cmocka_unit_test(test_depth_and_cycles), cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_buffer_limit),     cmocka_unit_test(test_repository_documents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
