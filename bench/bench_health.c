/*
 * bench_health.c: a day of the closed loop at full size.
 *
 * 70,000 participants arrive (the loop held 69,872 on 13 February 2022,
 * insidethegames 14 February 2022), are tested daily from 23 January; then
 * one more day's 70,000 results arrive as JSON batch observations (the
 * shape POST /api/loop/observations takes, 2,500 items each) and every
 * participant's status is recomputed for every day (the public figures
 * pass). Times: parse + check + apply of the day's results, and the
 * recompute. Positivity as published: 437 in 1,873,113.
 * usage: bench_health RULES.json [PARTICIPANTS]
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "podium/health.h"
#include "podium/health_doc.h"
#include "podium/json.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* xorshift: a fixed seed, the same population every run */
static uint64_t rng = 88172645463325252u;
static uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Ct of a screening test at the published positivity (437 / 1,873,113). */
static int screening_ct(void)
{
    if (next_random() % 1873113 < 437)
        return 2000 + (int)(next_random() % 1400);
    return PD_HEALTH_CT_NONE;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_health RULES.json [PARTICIPANTS]\n");
        return 2;
    }
    int n = argc > 2 ? atoi(argv[2]) : 70000;
    pd_diag diag = {0};
    pd_health *h = pd_health_load(argv[1], &diag);
    if (!h) {
        fprintf(stderr, "bench_health: %s: %s\n", diag.path, diag.reason);
        return 1;
    }
    int32_t first, day, last;
    pd_health_day_parse("2022-01-23", &first);
    pd_health_day_parse("2022-02-13", &last);
    char id[16];
    double t0 = now_s();
    for (int i = 0; i < n; i++) {
        snprintf(id, sizeof id, "P%06d", i);
        pd_health_arrival a = {
            id,      i % 7 ? "HOTEL" : "VENUE", (pd_health_group)(i % 10 != 0), first, true, 2,
            {90, 40}};
        char venue[16];
        snprintf(venue, sizeof venue, "H%03d", i % 120);
        a.venue = venue;
        if (pd_health_arrive(h, &a, &diag))
            goto fail;
        for (day = first; day < last; day++)
            if (pd_health_test(h, id, day,
                               day == first ? PD_HEALTH_SITE_AIRPORT : PD_HEALTH_SITE_LOOP,
                               screening_ct(), &diag))
                goto fail;
    }
    double t1 = now_s();
    printf("setup: %d participants, %" PRId32 " days of tests: %.2f s\n", n, last - first, t1 - t0);

    /* the day's results as JSON text, batches of 2,500 */
    char **texts = calloc((size_t)n / 2500 + 2, sizeof *texts);
    size_t batches = 0;
    char day_text[16];
    pd_health_day_format(last, day_text, sizeof day_text);
    for (int i = 0; i < n; i += 2500) {
        json_t *items = json_array();
        for (int k = i; k < n && k < i + 2500; k++) {
            snprintf(id, sizeof id, "P%06d", k);
            int ct = screening_ct();
            char ct_text[16];
            snprintf(ct_text, sizeof ct_text, "%d.%02d", ct / 100, ct % 100);
            json_array_append_new(items,
                                  json_pack("{s:s, s:s, s:s, s:s, s:o}", "type", "test", "person",
                                            id, "day", day_text, "site", "loop", "ct",
                                            ct < 0 ? json_null() : json_string(ct_text)));
        }
        json_t *batch = json_pack("{s:s, s:o}", "type", "batch", "items", items);
        texts[batches++] = json_dumps(batch, JSON_COMPACT);
        json_decref(batch);
    }
    double t2 = now_s();
    size_t skipped = 0;
    for (size_t b = 0; b < batches; b++) {
        json_t *obs;
        if (pd_json_parse(texts[b], strlen(texts[b]), &obs, &diag) ||
            pd_health_doc_check(h, obs, false, &diag))
            goto fail;
        pd_health_doc_apply(h, obs, &skipped);
        json_decref(obs);
        free(texts[b]);
    }
    free(texts);
    double t3 = now_s();
    pd_health_day_figures *figures = calloc((size_t)(last - first + 1), sizeof *figures);
    if (pd_health_figures(h, first, last, figures, &diag))
        goto fail;
    double t4 = now_s();
    long long tests = 0, positives = 0;
    for (int32_t d = 0; d <= last - first; d++) {
        tests += figures[d].tests_airport + figures[d].tests_loop;
        positives += figures[d].positives_airport[0] + figures[d].positives_airport[1] +
                     figures[d].positives_loop[0] + figures[d].positives_loop[1];
    }
    printf("ingest: %d results of %s in %zu batch observations (parse, check, apply): %.3f s\n", n,
           day_text, batches, t3 - t2);
    printf("recompute: every status of %d participants for %" PRId32 " days: %.3f s\n", n,
           last - first + 1, t4 - t3);
    printf("figures: %lld tests, %lld new cases, %d isolated on %s, skipped %zu\n", tests,
           positives, figures[last - first].isolated, day_text, skipped);
    free(figures);
    pd_health_free(h);
    return 0;
fail:
    fprintf(stderr, "bench_health: %s: %s\n", diag.path, diag.reason);
    pd_health_free(h);
    return 1;
}
