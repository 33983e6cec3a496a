/*
 * demo_loop.c: the closed-loop population of `podium demo`, generated in process.
 *
 * The same simulation as tools/health_demo.py (docs/health.md, "Demo"), written
 * again in C so the demo needs no Python: participants arrive from 23 January
 * 2022 (most in the first days), are tested once a day while in the loop and
 * leave by 21 February; exactly DEMO_LOOP_POSITIVES of them become new cases,
 * weighted by their days in the loop, among exactly DEMO_LOOP_TESTS tests (the
 * published Games-time figures). About 4 cases in 10 are found by the arrival
 * test (a simulated split, not published data); a case's later tests come from
 * isolation with a rising Ct until two results >= 35 release them; up to two
 * close contacts present that day are linked to each case; about one ordinary
 * test in 40,000 falls in the grey zone and one person-day in 5,000 reports a
 * fever.
 *
 * Only the stays and the cases are held in memory (a few bytes a participant);
 * a day's items are made when the day is posted, each participant-day from its
 * own generator seeded from (seed, participant, day), so a day can be made
 * alone and every run gives the same observations. The random numbers are
 * splitmix64; a stay's days are geometric draws (an exponential floored to a
 * day: P(X >= k) = exp(-k / mean)), with doubles, which is fine here: this is a
 * simulation, not scoring. Ct values are drawn as integers in hundredths.
 */
#include "demo_loop.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BATCH_ITEMS 2500
#define BATCH_BYTES 240000 /* under the server's 256 KiB body limit */
#define ISO_MAX     8
#define NO_CASE     (-1)

typedef struct {
    int8_t arrival;   /* first day in the loop (tested at the airport) */
    int8_t departure; /* first day out of the loop; DEMO_LOOP_DAYS when still there */
    int8_t case_day;  /* the day of the positive test, or NO_CASE */
} stay;

struct demo_loop {
    uint64_t seed;
    stay *stays;
    size_t count;
};

/* --- random numbers -------------------------------------------------------------------------- */

static uint64_t splitmix(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double uniform(uint64_t *state)
{
    return (double)(splitmix(state) >> 11) * 0x1.0p-53;
}

/* Uniform integer in [lo, hi]. */
static int between(uint64_t *state, int lo, int hi)
{
    return lo + (int)(splitmix(state) % (uint64_t)(hi - lo + 1));
}

/* An exponential draw of the given exp(-1 / mean), floored to whole days. */
static int days_drawn(uint64_t *state, double exp_minus_one_over_mean)
{
    int k = 0;
    while (k < DEMO_LOOP_DAYS && uniform(state) < exp_minus_one_over_mean)
        k++;
    return k;
}

/* The generator of one participant's day (or other stream, by tag). */
static uint64_t stream(uint64_t seed, size_t person, int tag)
{
    uint64_t state = seed ^ ((uint64_t)person * 0x100000001b3ULL + (uint64_t)tag * 0x9e37ULL);
    (void)splitmix(&state);
    return state;
}

/* --- the population --------------------------------------------------------------------------- */

void demo_loop_day_text(int day, char out[11])
{
    /* January has 31 days; the loop runs from 23 January into February */
    unsigned date = 23u + (unsigned)day % 60u;
    unsigned month = date > 31 ? 2u : 1u;
    date = date > 31 ? date - 31 : date;
    snprintf(out, 11, "2022-%02u-%02u", month % 100u, date % 100u);
}

demo_loop *demo_loop_new(uint64_t seed)
{
    demo_loop *loop = calloc(1, sizeof *loop);
    size_t cap = 0;
    long *ends = NULL; /* cumulated tests up to and including each participant */
    long total = 0;
    uint64_t rng = seed;
    if (!loop)
        return NULL;
    loop->seed = seed;
    while (total < DEMO_LOOP_TESTS) {
        if (loop->count == cap) {
            cap = cap ? cap * 2 : 65536;
            stay *grown = realloc(loop->stays, cap * sizeof *grown);
            long *grown_ends = realloc(ends, cap * sizeof *grown_ends);
            if (grown)
                loop->stays = grown;
            if (grown_ends)
                ends = grown_ends;
            if (!grown || !grown_ends)
                goto fail;
        }
        /* arrivals: exponential with a mean of 1.2 days; stays to the end but for an
         * exponential early departure (mean 1.5 days), at least 6 days */
        int arrival = days_drawn(&rng, 0.4345982085070782); /* exp(-1 / 1.2) */
        if (arrival > DEMO_LOOP_DAYS - 3)
            arrival = DEMO_LOOP_DAYS - 3;
        int departure = DEMO_LOOP_DAYS - days_drawn(&rng, 0.5134171190325920); /* exp(-1/1.5) */
        int least = arrival + 6 < DEMO_LOOP_DAYS ? arrival + 6 : DEMO_LOOP_DAYS;
        if (departure < least)
            departure = least;
        if (total + (departure - arrival) > DEMO_LOOP_TESTS)
            departure = arrival + (int)(DEMO_LOOP_TESTS - total);
        total += departure - arrival;
        loop->stays[loop->count] = (stay){(int8_t)arrival, (int8_t)departure, NO_CASE};
        ends[loop->count++] = total;
    }
    /* cases: a test drawn at random among all (so weighted by days in the loop) */
    for (int cases = 0; cases < DEMO_LOOP_POSITIVES;) {
        long test = (long)(splitmix(&rng) % (uint64_t)DEMO_LOOP_TESTS);
        size_t lo = 0, hi = loop->count - 1;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (ends[mid] > test)
                hi = mid;
            else
                lo = mid + 1;
        }
        stay *s = &loop->stays[lo];
        if (s->case_day != NO_CASE || s->departure <= s->arrival)
            continue;
        s->case_day = (int8_t)(uniform(&rng) < 0.4 ? s->arrival
                                                   : between(&rng, s->arrival, s->departure - 1));
        cases++;
    }
    free(ends);
    return loop;
fail:
    free(ends);
    demo_loop_free(loop);
    return NULL;
}

void demo_loop_free(demo_loop *loop)
{
    if (!loop)
        return;
    free(loop->stays);
    free(loop);
}

/* The Ct values (hundredths) of a case's isolation tests: rising until two >= 35. */
static int isolation_cts(const demo_loop *loop, size_t person, int cts[ISO_MAX])
{
    uint64_t rng = stream(loop->seed, person, 1000);
    int n = between(&rng, 1, 6);
    for (int i = 0; i < n; i++)
        cts[i] = between(&rng, 2500, 3299);
    cts[n++] = between(&rng, 3500, 3749);
    cts[n++] = between(&rng, 3750, 3989);
    return n;
}

/* --- batches ---------------------------------------------------------------------------------- */

typedef struct {
    char *buf;
    size_t len, cap, count, posted;
    demo_loop_post_fn post;
    void *ctx;
    bool failed;
} batch;

static const char batch_head[] = "{\"type\":\"batch\",\"items\":[";

static void flush(batch *b)
{
    if (b->failed || b->count == 0)
        return;
    b->buf[b->len++] = ']';
    b->buf[b->len++] = '}';
    b->buf[b->len] = '\0';
    if (!b->post(b->ctx, b->buf, b->len))
        b->failed = true;
    b->posted += b->count;
    b->count = 0;
    b->len = 0;
}

static void add(batch *b, const char *item, int n)
{
    if (b->failed || n <= 0)
        return;
    size_t need = sizeof batch_head + (size_t)n + 4;
    if (b->count == BATCH_ITEMS || (b->count && b->len + (size_t)n + 4 > BATCH_BYTES))
        flush(b);
    if (b->len + need > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : BATCH_BYTES + 1024;
        char *grown = realloc(b->buf, cap);
        if (!grown) {
            b->failed = true;
            return;
        }
        b->buf = grown;
        b->cap = cap;
    }
    if (b->count == 0) {
        memcpy(b->buf, batch_head, sizeof batch_head - 1);
        b->len = sizeof batch_head - 1;
    } else {
        b->buf[b->len++] = ',';
    }
    memcpy(b->buf + b->len, item, (size_t)n);
    b->len += (size_t)n;
    b->count++;
}

static void add_test(batch *b, size_t person, const char *day, const char *site, int ct)
{
    char item[160], ct_text[16] = "null";
    if (ct >= 0)
        snprintf(ct_text, sizeof ct_text, "\"%d.%02d\"", ct / 100, ct % 100);
    add(b, item,
        snprintf(item, sizeof item,
                 "{\"type\":\"test\",\"person\":\"P%06zu\",\"day\":\"%s\",\"site\":\"%s\","
                 "\"ct\":%s}",
                 person, day, site, ct_text));
}

/* A participant's day in the loop: contacts of a new case, the test, a fever report. */
static void person_day(const demo_loop *loop, batch *b, size_t i, int day, const char *day_text)
{
    const stay *s = &loop->stays[i];
    uint64_t rng = stream(loop->seed, i, day);
    char item[160];
    const char *site = day == s->arrival ? "airport" : "loop";
    int ct = -1;
    if (day == s->case_day) {
        ct = between(&rng, 1800, 3499);
        for (int k = 0; k < 2; k++) {
            size_t other = (size_t)(splitmix(&rng) % loop->count);
            const stay *o = &loop->stays[other];
            if (other != i && o->arrival <= day && day < o->departure && o->case_day == NO_CASE)
                add(b, item,
                    snprintf(item, sizeof item,
                             "{\"type\":\"contact\",\"person\":\"P%06zu\",\"case\":\"P%06zu\","
                             "\"day\":\"%s\"}",
                             other, i, day_text));
        }
    } else if (s->case_day != NO_CASE && day > s->case_day) {
        int cts[ISO_MAX];
        int n = isolation_cts(loop, i, cts);
        if (day - s->case_day - 1 < n) {
            ct = cts[day - s->case_day - 1];
            site = "isolation";
        }
    }
    if (ct < 0 && uniform(&rng) < 1.0 / 40000)
        ct = between(&rng, 3500, 3999); /* the grey zone */
    add_test(b, i, day_text, site, ct);
    if (uniform(&rng) < 1.0 / 5000)
        add(b, item,
            snprintf(item, sizeof item,
                     "{\"type\":\"report\",\"person\":\"P%06zu\",\"day\":\"%s\","
                     "\"temperature\":\"37.6\",\"symptoms\":false}",
                     i, day_text));
}

bool demo_loop_post_day(const demo_loop *loop, int day, demo_loop_post_fn post, void *ctx,
                        size_t *items)
{
    batch b = {.post = post, .ctx = ctx};
    char day_text[11], item[256];
    demo_loop_day_text(day, day_text);
    for (size_t i = 0; i < loop->count; i++) {
        if (loop->stays[i].arrival != day)
            continue;
        uint64_t rng = stream(loop->seed, i, 2000);
        int early = between(&rng, 73, 96), late = between(&rng, 12, 48);
        add(&b, item,
            snprintf(item, sizeof item,
                     "{\"type\":\"arrival\",\"person\":\"P%06zu\",\"venue\":\"H%03zu\","
                     "\"group\":\"%s\",\"day\":\"%s\",\"vaccinated\":true,"
                     "\"predeparture_hours\":[%d,%d]}",
                     i, i % 120, i % 10 == 0 ? "athlete" : "other", day_text, early, late));
    }
    for (size_t i = 0; i < loop->count; i++)
        if (loop->stays[i].arrival <= day && day < loop->stays[i].departure)
            person_day(loop, &b, i, day, day_text);
    for (size_t i = 0; i < loop->count; i++)
        if (loop->stays[i].departure == day)
            add(&b, item,
                snprintf(item, sizeof item,
                         "{\"type\":\"departure\",\"person\":\"P%06zu\",\"day\":\"%s\"}", i,
                         day_text));
    flush(&b);
    free(b.buf);
    if (items)
        *items += b.posted;
    return !b.failed;
}
