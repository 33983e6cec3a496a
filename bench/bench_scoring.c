/*
 * bench_scoring.c: the writer's scoring work alone, without the network and
 * the disk: what a batch of the writes benchmark costs in pd_results.
 *
 * The units are those of `make bench`'s writes (bench/run.sh: four alpine,
 * two biathlon and two cross-country races), every competitor of their start
 * lists with one performance; then each batch corrects BATCH performances
 * chosen by a fixed generator (a performance superseding the current one, as
 * podload posts) and renders, as the writer does after a batch, the text of
 * every unit it changed and of their events. Five rounds of BATCHES batches;
 * the best round's CPU time is reported, per observation and per batch, then
 * every round's: the history grows from round to round as in the server
 * (corrections accumulate), so a cost that grows with it shows in the later
 * rounds.
 *
 * usage: bench_scoring [BATCHES [BATCH]]   (defaults 2000 and 32)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "podium/json.h"
#include "podium/programme.h"
#include "podium/results.h"

#define BEIJING PODIUM_DATADIR "/programme/beijing2022.json"
#define ROUNDS  5

static const char *const unit_codes[] = {
    "ALPMDH----------------FNL-000100--", "ALPMSG----------------FNL-000100--",
    "ALPWSG----------------FNL-000100--", "ALPWDH----------------FNL-000100--",
    "BTHW75KMSP------------FNL-000100--", "BTHM10KMSP------------FNL-000100--",
    "CCSW10KMIS------------FNL-000100--", "CCSM15KMIS------------FNL-000100--"};
#define UNITS (sizeof unit_codes / sizeof *unit_codes)

typedef struct {
    const pd_unit *unit;
    const char *competitor;
    int64_t last_seq;
} pair;

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, const pd_diag *diag)
{
    fprintf(stderr, "bench_scoring: %s: %s %s\n", what, diag ? diag->path : "",
            diag ? diag->reason : "");
    exit(1);
}

static int64_t next_seq = 1;
static uint32_t rng = 2022;
static unsigned post_counter;

/* One performance of p (a correction when it has one), checked, applied. */
static void post(pd_results *res, pair *p)
{
    char text[160];
    /* the same bodies as podload's */
    int n = snprintf(text, sizeof text, "{\"competitor\":\"%s\",\"run\":1,\"time_ms\":%u}",
                     p->competitor, 100000u + (post_counter++ % 100000u));
    json_t *body;
    pd_diag diag = {0};
    if (pd_json_parse(text, (size_t)n, &body, &diag) != PD_OK)
        die("parse", &diag);
    if (pd_results_precheck(res, p->unit, body, p->last_seq, true, &diag) != PD_OK)
        die("precheck", &diag);
    if (pd_results_apply(res, p->unit, next_seq, body, p->last_seq) != PD_OK)
        die("apply", NULL);
    p->last_seq = next_seq++;
    json_decref(body);
}

/* The writer after a batch: each changed unit scored, its text and its event's made. */
static size_t render(pd_results *res, const pd_unit *const *changed, size_t count)
{
    size_t bytes = 0;
    for (size_t i = 0; i < count; i++) {
        char *text = NULL;
        size_t len = 0;
        pd_diag diag = {0};
        json_t *doc = NULL;
        if (pd_results_unit_doc(res, changed[i], &doc, &diag) != PD_OK)
            die("score", &diag);
        json_decref(doc);
        if (pd_results_unit_text(res, changed[i], &text, &len, &diag) != PD_OK)
            die("unit text", &diag);
        bytes += len;
        free(text);
        if (pd_results_event_text(res, changed[i]->phase->event, &text, &len, &diag) != PD_OK)
            die("event text", &diag);
        bytes += len;
        free(text);
    }
    return bytes;
}

int main(int argc, char **argv)
{
    long batches = argc > 1 ? strtol(argv[1], NULL, 10) : 2000;
    long batch = argc > 2 ? strtol(argv[2], NULL, 10) : 32;
    if (batches < 1 || batch < 1 || argc > 3) {
        fprintf(stderr, "usage: bench_scoring [BATCHES [BATCH]]\n");
        return 2;
    }
    pd_programme *prog;
    pd_results *res;
    pd_diag diag = {0};
    if (pd_programme_load_file(BEIJING, &prog, &diag) != PD_OK)
        die("programme", &diag);
    if (pd_results_new(prog, &res) != PD_OK)
        die("out of memory", NULL);
    pair *pairs = NULL;
    size_t pair_count = 0;
    for (size_t u = 0; u < UNITS; u++) {
        const pd_unit *unit = pd_programme_find_unit(prog, unit_codes[u]);
        if (!unit)
            die(unit_codes[u], NULL);
        pairs = realloc(pairs, (pair_count + unit->start_count) * sizeof *pairs);
        if (!pairs)
            die("out of memory", NULL);
        for (size_t s = 0; s < unit->start_count; s++)
            pairs[pair_count++] = (pair){unit, unit->start_list[s].participant->id, 0};
    }
    for (size_t i = 0; i < pair_count; i++)
        post(res, &pairs[i]);
    const pd_unit *changed[UNITS];
    double best = 0, round_s[ROUNDS];
    size_t bytes = 0;
    for (int round = 0; round < ROUNDS; round++) {
        double t0 = cpu_s();
        for (long b = 0; b < batches; b++) {
            size_t count = 0;
            for (long j = 0; j < batch; j++) {
                rng = rng * 1103515245u + 12345u;
                pair *p = &pairs[(rng >> 8) % pair_count];
                post(res, p);
                size_t k = 0;
                while (k < count && changed[k] != p->unit)
                    k++;
                if (k == count)
                    changed[count++] = p->unit;
            }
            bytes += render(res, changed, count);
        }
        double t = cpu_s() - t0;
        round_s[round] = t;
        if (round == 0 || t < best)
            best = t;
    }
    double obs = (double)batches * (double)batch;
    printf("pairs=%zu batches=%ld batch=%ld rounds=%d\n", pair_count, batches, batch, ROUNDS);
    printf("best_round_s=%.3f us_per_observation=%.2f us_per_batch=%.1f text_bytes=%zu\n", best,
           best / obs * 1e6, best / (double)batches * 1e6, bytes);
    /* each round starts with the history the rounds before it left */
    printf("rounds_us_per_observation=");
    for (int round = 0; round < ROUNDS; round++)
        printf("%s%.2f", round ? "," : "", round_s[round] / obs * 1e6);
    printf("\n");
    free(pairs);
    pd_results_free(res);
    pd_programme_free(prog);
    return 0;
}
