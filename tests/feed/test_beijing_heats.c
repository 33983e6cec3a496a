/*
 * Beijing 2022 reproduced: every event decided through heats, scored by
 * Podium and compared with what was published.
 *
 * The test data under tests/data/beijing2022/heats/ is made by
 * tools/convert_heats.py from the NBC Olympics / Gracenote results feed
 * (../shared/data/beijing2022): per event a score file of kind "heats" and an
 * official file. For every performance of the official file (one competitor
 * in one heat) the engine's place, IRM, heat and qualification mark (Q, q,
 * QA, QB, LL, ADV...) must be the published ones (a field absent from the
 * official entry is one the feed does not publish), and the medallists must
 * hold ranks 1, 2 and 3 of the classification. Where the feed contradicts
 * itself or the rulebook, the official entry carries "engine" with the value
 * the rules give and the event's "notes" say why; the notes are printed.
 *
 * usage: test_feed_beijing_heats DIR   (DIR holds index.json)
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

static json_t *find_result(json_t *results, const char *id)
{
    for (size_t j = 0; j < json_array_size(results); j++) {
        json_t *r = json_array_get(results, j);
        if (strcmp(json_string_value(json_object_get(r, "competitor")), id) == 0)
            return r;
    }
    return NULL;
}

static json_t *find_round(json_t *result, const char *phase)
{
    json_t *rounds = json_object_get(json_object_get(result, "detail"), "rounds");
    for (size_t j = 0; j < json_array_size(rounds); j++) {
        json_t *r = json_array_get(rounds, j);
        if (strcmp(json_string_value(json_object_get(r, "phase")), phase) == 0)
            return r;
    }
    return NULL;
}

static int same_value(json_t *want, json_t *got)
{
    if (!want || json_is_null(want))
        return !got || json_is_null(got);
    return got && json_equal(want, got);
}

/* Compare one event; returns the number of differences. */
static int compare_event(const json_t *entry, size_t *performances)
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
    json_t *rounds = json_object_get(official, "rounds");
    static const char *const fields[] = {"heat", "rank", "irm", "mark"};
    for (size_t i = 0; i < json_array_size(rounds); i++) {
        json_t *w = json_array_get(rounds, i);
        const char *id = json_string_value(json_object_get(w, "competitor"));
        const char *phase = json_string_value(json_object_get(w, "phase"));
        json_t *got = find_round(find_result(results, id), phase);
        json_t *engine = json_object_get(w, "engine");
        if (!got) {
            print_error("%s: %s has no %s in the results\n", event, id, phase);
            differ++;
            continue;
        }
        for (size_t f = 0; f < sizeof fields / sizeof *fields; f++) {
            json_t *want = json_object_get(w, fields[f]);
            /* A field the feed does not publish is absent: not checked (null is checked). */
            if (!want)
                continue;
            if (engine && json_object_get(engine, fields[f]))
                want = json_object_get(engine, fields[f]);
            if (!same_value(want, json_object_get(got, fields[f]))) {
                char *a = json_dumps(w, JSON_COMPACT | JSON_PRESERVE_ORDER);
                char *b = json_dumps(got, JSON_COMPACT | JSON_PRESERVE_ORDER);
                print_error("%s: %s: official %s\n%s: podium   %s\n", event, fields[f], a, event,
                            b);
                free(a);
                free(b);
                differ++;
                break;
            }
        }
    }
    *performances += json_array_size(rounds);
    json_t *medals = json_object_get(official, "medals");
    for (size_t m = 0; m < json_array_size(medals); m++) {
        const char *id = json_string_value(json_array_get(medals, m));
        json_t *got = find_result(results, id);
        json_t *rank = got ? json_object_get(got, "rank") : NULL;
        if (!json_is_integer(rank) || json_integer_value(rank) != (json_int_t)m + 1) {
            print_error("%s: medallist %zu (%s) ranked %s\n", event, m + 1, id,
                        json_is_integer(rank) ? "otherwise" : "null");
            differ++;
        }
    }
    json_t *notes = json_object_get(official, "notes");
    for (size_t i = 0; i < json_array_size(notes); i++)
        print_message("%s: note: %s\n", event, json_string_value(json_array_get(notes, i)));
    print_message("%s: %zu performances, %zu medallists, %d differ\n", event,
                  json_array_size(rounds), json_array_size(medals), differ);
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
    size_t exact = 0, performances = 0;
    assert_true(json_array_size(events) > 0);
    for (size_t i = 0; i < json_array_size(events); i++)
        exact += compare_event(json_array_get(events, i), &performances) == 0;
    print_message("%zu of %zu events reproduced exactly (%zu performances)\n", exact,
                  json_array_size(events), performances);
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
