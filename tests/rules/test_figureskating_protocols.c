/*
 * Reproduction of real ISU Judging System protocols of season 2021/22.
 *
 * tests/data/fsk/protocols.json is converted by tools/convert_fsk.py from the
 * protocols of ../shared/data/fsk-2021-22 (French competitions under ISU
 * rules and the international First Trophy Metropole Nice Cote d'Azur 2021;
 * public repository AbelThorne/figure-skating-analyzer). Each protocol is a
 * podium-score/1 document scored here through the "figure-skating-segment"
 * kind exactly as `podium score` does, and every official figure is
 * compared: each element's base value, GOE and score, each component's panel
 * mark, TES, PCS, TSS and (for complete fields) the rank.
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

#define PROTOCOLS PODIUM_DATADIR "/../tests/data/fsk/protocols.json"

typedef struct {
    const char *name;
    int exact;
    int total;
} tally;

static int same(const json_t *value, const char *expected)
{
    return json_is_string(value) && strcmp(json_string_value(value), expected) == 0;
}

/* Compare one result row with the protocol's figures; print the first difference. */
static int compare(const char *file, const json_t *row, const json_t *want)
{
    const json_t *detail = json_object_get(row, "detail");
    const char *who = json_string_value(json_object_get(want, "competitor"));
    const char *fields[][2] = {{"tss", NULL}, {"tes", "tes"}, {"pcs", "pcs"}};
    for (size_t f = 0; f < 3; f++) {
        const json_t *got =
            fields[f][1] ? json_object_get(detail, fields[f][1]) : json_object_get(row, "result");
        const char *expected = json_string_value(json_object_get(want, fields[f][0]));
        if (!same(got, expected)) {
            print_message("%s %s: %s %s, expected %s\n", file, who, fields[f][0],
                          json_is_string(got) ? json_string_value(got) : "?", expected);
            return 0;
        }
    }
    const json_t *rank = json_object_get(want, "rank");
    if (rank && json_integer_value(json_object_get(row, "rank")) != json_integer_value(rank)) {
        print_message("%s %s: rank %lld, expected %lld\n", file, who,
                      (long long)json_integer_value(json_object_get(row, "rank")),
                      (long long)json_integer_value(rank));
        return 0;
    }
    const json_t *elements = json_object_get(detail, "elements");
    const json_t *want_elements = json_object_get(want, "elements");
    if (json_array_size(elements) != json_array_size(want_elements))
        return 0;
    for (size_t i = 0; i < json_array_size(elements); i++) {
        const json_t *e = json_array_get(elements, i);
        const json_t *w = json_array_get(want_elements, i);
        const char *keys[] = {"base_value", "goe", "score"};
        for (size_t k = 0; k < 3; k++)
            if (!same(json_object_get(e, keys[k]), json_string_value(json_array_get(w, k)))) {
                print_message("%s %s: element %zu %s %s %s, expected %s\n", file, who, i + 1,
                              json_string_value(json_object_get(e, "code")), keys[k],
                              json_string_value(json_object_get(e, keys[k])),
                              json_string_value(json_array_get(w, k)));
                return 0;
            }
    }
    const json_t *components = json_object_get(detail, "components");
    const json_t *want_components = json_object_get(want, "components");
    if (json_array_size(components) != json_array_size(want_components))
        return 0;
    for (size_t c = 0; c < json_array_size(components); c++)
        if (!same(json_object_get(json_array_get(components, c), "panel"),
                  json_string_value(json_array_get(want_components, c)))) {
            print_message("%s %s: component %zu panel differs\n", file, who, c + 1);
            return 0;
        }
    return 1;
}

static void test_protocols(void **state)
{
    (void)state;
    json_t *root = NULL;
    pd_diag diag = {0};
    tally tallies[] = {{"men", 0, 0}, {"women", 0, 0}, {"pairs", 0, 0}, {"dance", 0, 0}};
    pd_err err = pd_json_parse_file(PROTOCOLS, &root, &diag);
    if (err)
        fail_msg("%s: %s", PROTOCOLS, diag.reason);
    const pd_kind *kind = pd_kind_find("figure-skating-segment");
    assert_non_null(kind);
    json_t *protocols = json_object_get(root, "protocols");
    assert_true(json_array_size(protocols) > 0);
    for (size_t p = 0; p < json_array_size(protocols); p++) {
        json_t *protocol = json_array_get(protocols, p);
        const char *file = json_string_value(json_object_get(protocol, "file"));
        json_t *score = json_object_get(protocol, "score");
        const char *discipline =
            json_string_value(json_object_get(json_object_get(score, "config"), "discipline_kind"));
        tally *t = NULL;
        for (size_t k = 0; k < 4; k++)
            if (strcmp(tallies[k].name, discipline) == 0)
                t = &tallies[k];
        assert_non_null(t);
        pd_scoredoc doc;
        json_t *result = NULL;
        err = pd_scoredoc_parse(score, &doc, &diag);
        if (!err) {
            err = kind->score(&doc, &result, &diag);
            pd_scoredoc_cleanup(&doc);
        }
        json_t *expected = json_object_get(protocol, "expected");
        t->total += (int)json_array_size(expected);
        if (err) {
            print_message("%s: %s: %s\n", file, diag.path, diag.reason);
            continue;
        }
        json_t *rows = json_object_get(result, "results");
        for (size_t i = 0; i < json_array_size(expected); i++) {
            json_t *want = json_array_get(expected, i);
            const char *who = json_string_value(json_object_get(want, "competitor"));
            for (size_t r = 0; r < json_array_size(rows); r++) {
                json_t *row = json_array_get(rows, r);
                if (strcmp(json_string_value(json_object_get(row, "competitor")), who) == 0)
                    t->exact += compare(file, row, want);
            }
        }
        json_decref(result);
    }
    json_decref(root);
    int all_exact = 1;
    for (size_t k = 0; k < 4; k++) {
        print_message("figure skating %-6s %4d / %4d performances exact\n", tallies[k].name,
                      tallies[k].exact, tallies[k].total);
        all_exact = all_exact && tallies[k].exact == tallies[k].total;
    }
    assert_true(all_exact);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_protocols),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
