/*
 * demo_loop.h: the closed-loop population of `podium demo` (docs/health.md, "Demo").
 */
#ifndef PODIUM_CLI_DEMO_LOOP_H
#define PODIUM_CLI_DEMO_LOOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Games-time tests and cases (Beijing 2022, 23 January to 20 February 2022). */
#define DEMO_LOOP_TESTS     1873113
#define DEMO_LOOP_POSITIVES 437
/* Days of the loop: day 0 is 2022-01-23, the last 2022-02-20. */
#define DEMO_LOOP_DAYS 29

typedef struct demo_loop demo_loop;

/* Called with each batch observation's JSON text; returns false to stop. */
typedef bool (*demo_loop_post_fn)(void *ctx, const char *body, size_t len);

/*
 * The simulated population for seed: stays, cases and their days, exactly
 * DEMO_LOOP_TESTS tests of which DEMO_LOOP_POSITIVES are new cases. The same
 * seed gives the same observations. NULL when out of memory.
 */
demo_loop *demo_loop_new(uint64_t seed);

/* Free a population (NULL is fine). */
void demo_loop_free(demo_loop *loop);

/* "2022-01-23" for day 0, and so on; out must hold 11 bytes. */
void demo_loop_day_text(int day, char out[11]);

/*
 * Post day's observations (0 to DEMO_LOOP_DAYS - 1) as batch observations of at most
 * 2,500 items and 240,000 bytes: arrivals first, then tests, contacts and reports,
 * departures last. Returns false when post did, true otherwise; *items (when not
 * NULL) is increased by the number of items posted.
 */
bool demo_loop_post_day(const demo_loop *loop, int day, demo_loop_post_fn post, void *ctx,
                        size_t *items);

#endif
