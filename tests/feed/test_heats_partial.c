/*
 * Beijing 2022 heats entered one by one: the partial mode of kind "heats".
 *
 * For every event of tests/data/beijing2022/heats/index.json scored by kind
 * "heats", the performances are entered in the order the rounds were raced
 * (round by round, in each heat as the file lists them: by place, marks
 * last), and after each one the event is scored as the live server scores it
 * with "partial": true: only those who have performed are competitors, and
 * "complete" lists the rounds whose every performance is in. Every prefix
 * must be valid. Once everything is in, the partial result must be the
 * strict one. The same again with each heat entered last finisher first.
 * The number of prefixes the strict mode refuses is printed: those are the
 * refusals the live mode exists for.
 *
 * usage: test_feed_heats_partial DIR   (DIR holds index.json)
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

static json_t *load(const char *file)
{
    char path[1024];
    pd_diag diag = {0};
    json_t *root = NULL;
    snprintf(path, sizeof path, "%s/%s", data_dir, file);
    if (pd_json_parse_file(path, &root, &diag) != PD_OK)
        print_error("%s: %s\n", path, diag.reason);
    return root;
}

/* Score doc; *out is the result or NULL with diag set. */
static pd_err score(json_t *input, json_t **out, pd_diag *diag)
{
    pd_scoredoc doc;
    *out = NULL;
    pd_err err = pd_scoredoc_parse(input, &doc, diag);
    if (err)
        return err;
    const pd_kind *kind = pd_kind_find(doc.kind);
    err = kind ? kind->score(&doc, out, diag) : PD_ERR_UNSUPPORTED;
    pd_scoredoc_cleanup(&doc);
    return err;
}

static size_t round_index(json_t *rounds, const char *name)
{
    for (size_t r = 0; r < json_array_size(rounds); r++)
        if (strcmp(json_string_value(json_object_get(json_array_get(rounds, r), "phase")), name) ==
            0)
            return r;
    return json_array_size(rounds);
}

/* The score document of the first count performances of order[], as the server builds it. */
static json_t *prefix_doc(json_t *input, json_t *const *order, size_t count, size_t total,
                          bool partial)
{
    json_t *doc = json_deep_copy(input);
    json_t *config = json_object_get(doc, "config");
    json_t *rounds = json_object_get(config, "rounds");
    json_t *perfs = json_array();
    json_t *competitors = json_array();
    json_t *seen = json_object();
    json_t *complete = json_array();
    for (size_t i = 0; i < count; i++) {
        json_array_append(perfs, order[i]);
        json_object_set_new(seen, json_string_value(json_object_get(order[i], "competitor")),
                            json_true());
    }
    json_t *all = json_object_get(input, "competitors");
    for (size_t c = 0; c < json_array_size(all); c++) {
        json_t *row = json_array_get(all, c);
        if (json_object_get(seen, json_string_value(json_object_get(row, "id"))))
            json_array_append(competitors, row);
    }
    /* A round is complete when none of its performances is still to come. */
    for (size_t r = 0; r < json_array_size(rounds); r++) {
        const char *name = json_string_value(json_object_get(json_array_get(rounds, r), "phase"));
        bool done = true;
        for (size_t i = count; i < total && done; i++)
            done = strcmp(json_string_value(json_object_get(order[i], "round")), name) != 0;
        if (done)
            json_array_append_new(complete, json_string(name));
    }
    if (partial) {
        json_object_set_new(config, "partial", json_true());
        json_object_set_new(config, "complete", complete);
    } else {
        json_decref(complete);
    }
    json_object_set_new(doc, "performances", perfs);
    json_object_set_new(doc, "competitors", competitors);
    json_decref(seen);
    return doc;
}

/* Enter order[] one by one; returns the number of failures. */
static int replay(const char *event, json_t *input, json_t *const *order, size_t n,
                  size_t *strict_refused)
{
    int failures = 0;
    for (size_t count = 1; count <= n; count++) {
        json_t *doc = prefix_doc(input, order, count, n, true);
        json_t *out = NULL;
        pd_diag diag = {0};
        if (score(doc, &out, &diag) != PD_OK) {
            print_error("%s: after %zu of %zu: %s: %s\n", event, count, n, diag.path, diag.reason);
            failures++;
        }
        json_decref(out);
        json_decref(doc);
        doc = prefix_doc(input, order, count, n, false);
        if (score(doc, &out, &diag) != PD_OK)
            (*strict_refused)++;
        json_decref(out);
        json_decref(doc);
    }
    /* Everything in: the partial result is the strict one. */
    json_t *doc = prefix_doc(input, order, n, n, true), *partial = NULL, *strict = NULL;
    pd_diag diag = {0};
    if (score(doc, &partial, &diag) != PD_OK || score(input, &strict, &diag) != PD_OK ||
        !json_equal(json_object_get(partial, "results"), json_object_get(strict, "results"))) {
        print_error("%s: the complete partial result is not the strict one\n", event);
        failures++;
    }
    json_decref(partial);
    json_decref(strict);
    json_decref(doc);
    return failures;
}

static int partial_event(const json_t *entry, size_t *performances, size_t *strict_refused)
{
    const char *event = json_string_value(json_object_get(entry, "event"));
    json_t *input = load(json_string_value(json_object_get(entry, "file")));
    assert_non_null(input);
    json_t *rounds = json_object_get(json_object_get(input, "config"), "rounds");
    json_t *perfs = json_object_get(input, "performances");
    size_t n = json_array_size(perfs), k = 0;
    json_t **order = calloc(n ? n : 1, sizeof *order);
    assert_non_null(order);
    /* Round by round, each round in the file's order. */
    for (size_t r = 0; r < json_array_size(rounds); r++)
        for (size_t i = 0; i < n; i++) {
            json_t *p = json_array_get(perfs, i);
            if (round_index(rounds, json_string_value(json_object_get(p, "round"))) == r)
                order[k++] = p;
        }
    assert_int_equal(k, n);
    size_t refused = 0;
    int failures = replay(event, input, order, n, &refused);
    /* Each heat reversed: last finisher first. */
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n &&
               json_equal(json_object_get(order[j], "round"), json_object_get(order[i], "round")) &&
               json_equal(json_object_get(order[j], "heat"), json_object_get(order[i], "heat")))
            j++;
        for (size_t a = i, b = j - 1; a < b; a++, b--) {
            json_t *t = order[a];
            order[a] = order[b];
            order[b] = t;
        }
        i = j;
    }
    failures += replay(event, input, order, n, &refused);
    print_message("%s: %zu performances entered one by one, twice: %d failures (strict mode "
                  "refuses %zu of the %zu steps)\n",
                  event, n, failures, refused, 2 * n);
    *performances += n;
    *strict_refused += refused;
    free(order);
    json_decref(input);
    return failures;
}

static void test_every_event_entered_in_order(void **state)
{
    (void)state;
    json_t *index = load("index.json");
    assert_non_null(index);
    json_t *events = json_object_get(index, "events");
    size_t valid = 0, tried = 0, performances = 0, refused = 0;
    for (size_t i = 0; i < json_array_size(events); i++) {
        json_t *entry = json_array_get(events, i);
        json_t *input = load(json_string_value(json_object_get(entry, "file")));
        assert_non_null(input);
        bool heats = strcmp(json_string_value(json_object_get(input, "kind")), "heats") == 0;
        json_decref(input);
        if (!heats)
            continue;
        tried++;
        valid += partial_event(entry, &performances, &refused) == 0;
    }
    print_message("%zu of %zu events valid at every step (%zu performances; strict mode "
                  "refuses %zu steps)\n",
                  valid, tried, performances, refused);
    assert_true(tried > 0);
    assert_int_equal(valid, tried);
    json_decref(index);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s DIR\n", argv[0]);
        return 2;
    }
    data_dir = argv[1];
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_every_event_entered_in_order)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
