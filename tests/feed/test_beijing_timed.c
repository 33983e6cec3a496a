/*
 * Beijing 2022 reproduced: every race decided by time, scored by Podium and
 * compared with what was published.
 *
 * The test data under tests/data/beijing2022/timed/ is made by
 * tools/convert_timed.py from the NBC Olympics / Gracenote results feed
 * (../shared/data/beijing2022): per event a score file and an official file.
 * Each score file goes through pd_scoredoc_parse and its kind's score function;
 * for every competitor of the official file the rank, result and IRM must be
 * equal, and every other official field must be found in the result's detail
 * (objects: each official key equal; arrays: same length, element by element),
 * so "behind" and each run's time and rank are checked too. Where the feed
 * itself is inconsistent the official file says so in "notes" (checked against
 * the official source named there); the notes are printed.
 *
 * usage: test_feed_beijing_timed DIR   (DIR holds index.json)
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
#include "podium/scoredoc.h"

static const char *data_dir;

static json_t *load(const char *dir, const char *file)
{
    char path[1024];
    pd_diag diag = {0};
    json_t *root = NULL;
    snprintf(path, sizeof path, "%s/%s", dir, file);
    if (pd_json_parse_file(path, &root, &diag) != PD_OK) {
        print_error("%s: %s\n", path, diag.reason);
        return NULL;
    }
    return root;
}

/* official is a subset of actual: objects key by key, arrays element by element. */
static int subset(const json_t *official, const json_t *actual)
{
    if (json_is_object(official)) {
        const char *key;
        json_t *value;
        if (!json_is_object(actual))
            return 0;
        json_object_foreach((json_t *)official, key, value)
        {
            if (!subset(value, json_object_get(actual, key)))
                return 0;
        }
        return 1;
    }
    if (json_is_array(official)) {
        if (!json_is_array(actual) || json_array_size(official) != json_array_size(actual))
            return 0;
        for (size_t i = 0; i < json_array_size(official); i++)
            if (!subset(json_array_get(official, i), json_array_get(actual, i)))
                return 0;
        return 1;
    }
    return actual && json_equal((json_t *)official, (json_t *)actual);
}

static int is_envelope_key(const char *key)
{
    return strcmp(key, "competitor") == 0 || strcmp(key, "rank") == 0 ||
           strcmp(key, "result") == 0 || strcmp(key, "irm") == 0 || strncmp(key, "feed_", 5) == 0;
}

/* Compare one event; returns the number of competitors that differ. */
static int compare_event(const json_t *entry)
{
    const char *event = json_string_value(json_object_get(entry, "event"));
    json_t *input = load(data_dir, json_string_value(json_object_get(entry, "file")));
    json_t *official = load(data_dir, json_string_value(json_object_get(entry, "official")));
    json_t *output = NULL;
    pd_scoredoc doc;
    pd_diag diag = {0};
    int differ = 0;
    assert_non_null(input);
    assert_non_null(official);
    if (pd_scoredoc_parse(input, &doc, &diag) != PD_OK)
        fail_msg("%s: %s: %s", event, diag.path, diag.reason);
    const pd_kind *kind = pd_kind_find(doc.kind);
    assert_non_null(kind);
    if (kind->score(&doc, &output, &diag) != PD_OK)
        fail_msg("%s: %s: %s", event, diag.path, diag.reason);

    json_t *results = json_object_get(output, "results");
    json_t *want = json_object_get(official, "results");
    if (json_array_size(results) != json_array_size(want)) {
        print_error("%s: %zu results, official %zu\n", event, json_array_size(results),
                    json_array_size(want));
        differ++;
    }
    for (size_t i = 0; i < json_array_size(want); i++) {
        json_t *w = json_array_get(want, i);
        const char *id = json_string_value(json_object_get(w, "competitor"));
        json_t *got = NULL;
        for (size_t j = 0; j < json_array_size(results) && !got; j++)
            if (strcmp(json_string_value(json_object_get(json_array_get(results, j), "competitor")),
                       id) == 0)
                got = json_array_get(results, j);
        if (!got) {
            print_error("%s: %s missing from the results\n", event, id);
            differ++;
            continue;
        }
        /* rank, result and irm are compared when the official row has them (a phase may
         * publish no overall rank); a null rank means unranked */
        int same = 1;
        static const char *const envelope[] = {"rank", "result", "irm"};
        for (size_t k = 0; k < 3; k++) {
            json_t *want_value = json_object_get(w, envelope[k]);
            json_t *got_value = json_object_get(got, envelope[k]);
            if (want_value && !json_equal(want_value, got_value ? got_value : json_null()))
                same = 0;
        }
        const char *key;
        json_t *value;
        json_t *detail = json_object_get(got, "detail");
        json_object_foreach(w, key, value)
        {
            if (!is_envelope_key(key) && !subset(value, json_object_get(detail, key)))
                same = 0;
        }
        if (!same) {
            char *a = json_dumps(w, JSON_COMPACT | JSON_PRESERVE_ORDER);
            char *b = json_dumps(got, JSON_COMPACT | JSON_PRESERVE_ORDER);
            print_error("%s: official %s\n%s: podium   %s\n", event, a, event, b);
            free(a);
            free(b);
            differ++;
        }
    }
    json_t *notes = json_object_get(official, "notes");
    for (size_t i = 0; i < json_array_size(notes); i++)
        print_message("%s: feed note: %s\n", event, json_string_value(json_array_get(notes, i)));
    print_message("%s: %zu competitors, %d differ\n", event, json_array_size(want), differ);
    json_decref(output);
    pd_scoredoc_cleanup(&doc);
    json_decref(input);
    json_decref(official);
    return differ;
}

static void test_every_event(void **state)
{
    (void)state;
    json_t *index = load(data_dir, "index.json");
    assert_non_null(index);
    json_t *events = json_object_get(index, "events");
    size_t exact = 0;
    assert_true(json_array_size(events) > 0);
    for (size_t i = 0; i < json_array_size(events); i++)
        exact += compare_event(json_array_get(events, i)) == 0;
    print_message("%zu of %zu events reproduced exactly\n", exact, json_array_size(events));
    assert_int_equal(exact, json_array_size(events));
    json_decref(index);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    data_dir = argv[1];
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_every_event)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
