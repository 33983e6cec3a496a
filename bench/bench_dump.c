/*
 * bench_dump.c: pd_json_dump_compact against jansson's json_dumps, the
 * compact dump the server makes of every document it stores and sends.
 *
 * The document is FILE, or when FILE is a score file (podium-score/1) the
 * result document its kind computes from it (podium-result/1, what the
 * server dumps). Each dumper runs ITERATIONS times (default 10,000) per
 * round, five rounds, and the best round is reported: json_dumps,
 * pd_json_dump_compact (a new malloc'd text each time, as json_dumps), and
 * pd_json_dump_compact_buf into one reused buffer. The texts are checked
 * to be the same bytes first.
 * usage: bench_dump FILE [ITERATIONS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "podium/json.h"
#include "podium/kinds.h"
#include "podium/scoredoc.h"

#define ROUNDS 5

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The document to dump: the file, or the result its kind scores from it. */
static json_t *load_document(const char *file, pd_diag *diag)
{
    json_t *root = NULL, *result = NULL;
    if (pd_json_parse_file(file, &root, diag))
        return NULL;
    const char *format = json_string_value(json_object_get(root, "format"));
    if (!format || strcmp(format, "podium-score/1") != 0)
        return root;
    pd_scoredoc doc;
    pd_err err = pd_scoredoc_parse(root, &doc, diag);
    json_decref(root);
    if (err)
        return NULL;
    const pd_kind *kind = pd_kind_find(doc.kind);
    if (!kind)
        pd_diag_set(diag, PD_ERR_UNSUPPORTED, "kind", "unknown kind %s", doc.kind);
    else if (kind->score(&doc, &result, diag))
        result = NULL;
    pd_scoredoc_cleanup(&doc);
    return result;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_dump FILE [ITERATIONS]\n");
        return 2;
    }
    long iterations = argc > 2 ? strtol(argv[2], NULL, 10) : 10000;
    if (iterations < 1)
        iterations = 1;
    pd_diag diag = {0};
    json_t *doc = load_document(argv[1], &diag);
    if (!doc) {
        fprintf(stderr, "bench_dump: %s: %s %s\n", argv[1], diag.path, diag.reason);
        return 1;
    }
    char *want = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
    char *got = NULL;
    size_t len = 0;
    if (!want || pd_json_dump_compact(doc, &got, &len) != PD_OK || len != strlen(want) ||
        memcmp(got, want, len) != 0) {
        fprintf(stderr, "bench_dump: the two dumps differ\n");
        return 1;
    }
    free(got);
    free(want);

    double best[3] = {1e9, 1e9, 1e9};
    pd_buf reused;
    pd_buf_init(&reused, PD_JSON_DUMP_MAX_BYTES);
    size_t sink = 0; /* keeps the loops from being optimised away */
    for (int round = 0; round < ROUNDS; round++) {
        double t0 = now_s();
        for (long i = 0; i < iterations; i++) {
            char *text = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
            sink += text[0];
            free(text);
        }
        double t1 = now_s();
        for (long i = 0; i < iterations; i++) {
            char *text;
            if (pd_json_dump_compact(doc, &text, &len) != PD_OK)
                return 1;
            sink += text[0];
            free(text);
        }
        double t2 = now_s();
        for (long i = 0; i < iterations; i++) {
            pd_buf_reset(&reused);
            if (pd_json_dump_compact_buf(doc, &reused) != PD_OK)
                return 1;
            sink += reused.data[0];
        }
        double t3 = now_s();
        double took[3] = {t1 - t0, t2 - t1, t3 - t2};
        for (int k = 0; k < 3; k++)
            if (took[k] < best[k])
                best[k] = took[k];
    }
    pd_buf_cleanup(&reused);
    printf("document: %s, %zu bytes compact; %ld dumps per round, best of %d rounds\n", argv[1],
           len, iterations, ROUNDS);
    const char *names[3] = {"json_dumps", "pd_json_dump_compact", "pd_json_dump_compact_buf"};
    for (int k = 0; k < 3; k++)
        printf("  %-26s %8.1f ms  %7.2f us/dump  %6.2fx\n", names[k], best[k] * 1e3,
               best[k] * 1e6 / (double)iterations, best[0] / best[k]);
    json_decref(doc);
    return sink == 0 ? 1 : 0;
}
