/*
 * Durability under a crash, for real: a child process appends observations as
 * fast as it can and reports each acknowledged seq through a pipe; the parent
 * kills it with SIGKILL at a random moment, reopens the database and checks
 * that every acknowledged observation is there, intact and in order. Repeated
 * PODIUM_CRASH_TRIALS times (default 25) with random delays; the seed is
 * printed so a failure can be replayed (PODIUM_CRASH_SEED).
 *
 * SIGKILL proves the process-crash half of durability (no buffered state is
 * lost); synchronous=FULL covers the power-loss half, which a test cannot
 * provoke without pulling the plug.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "podium/log.h"

#define UNIT     "BTHWSPRINT------------FNL-000100--"
#define MAX_ACKS 200000

static int failures = 0;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                                   \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            failures++;                                                                            \
            return -1;                                                                             \
        }                                                                                          \
    } while (0)

static void body_for(int64_t n, char *out, size_t size)
{
    /* the body carries its own number so a torn or swapped row is detected */
    snprintf(out, size,
             "{\"competitor\":\"c%" PRId64 "\",\"time_ms\":%" PRId64 ",\"pad\":\"%0200d\"}", n,
             1000000 + n, 0);
}

static void child(const char *path, int fd)
{
    pd_log *log;
    pd_diag diag = {0};
    if (pd_log_open(path, &log, &diag) != PD_OK) {
        fprintf(stderr, "child: %s\n", diag.reason);
        _exit(3);
    }
    for (int64_t n = 1;; n++) {
        char body[512];
        int64_t seq;
        body_for(n, body, sizeof body);
        /* every 7th observation corrects the one before it */
        int64_t supersedes = n % 7 == 0 ? n - 1 : 0;
        if (pd_log_append(log, UNIT, body, strlen(body), supersedes, &seq, &diag) != PD_OK) {
            fprintf(stderr, "child: append: %s\n", diag.reason);
            _exit(4);
        }
        if (write(fd, &seq, sizeof seq) != (ssize_t)sizeof seq)
            _exit(5);
    }
}

typedef struct {
    int64_t next;
    int64_t rows;
} verify_state;

static pd_err verify_row(const pd_observation *obs, void *ctx)
{
    verify_state *st = ctx;
    char want[512];
    if (obs->seq != st->next)
        return PD_ERR_INTERNAL;
    body_for(obs->seq, want, sizeof want);
    if (strcmp(obs->body, want) != 0)
        return PD_ERR_INTERNAL;
    if (obs->supersedes != (obs->seq % 7 == 0 ? obs->seq - 1 : 0))
        return PD_ERR_INTERNAL;
    st->next++;
    st->rows++;
    return PD_OK;
}

static int trial(int number, unsigned int *seed)
{
    char dir[] = "/tmp/podium-crash-XXXXXX";
    char path[128];
    int fds[2];
    static int64_t acks[MAX_ACKS];
    size_t ack_count = 0;

    CHECK(mkdtemp(dir), "mkdtemp: %s", strerror(errno));
    snprintf(path, sizeof path, "%s/log.db", dir);
    CHECK(pipe(fds) == 0, "pipe: %s", strerror(errno));
    pid_t pid = fork();
    CHECK(pid >= 0, "fork: %s", strerror(errno));
    if (pid == 0) {
        close(fds[0]);
        child(path, fds[1]);
    }
    close(fds[1]);
    /* between 20 and 400 ms of appending, then the plug */
    struct timespec delay = {0, (long)(20 + rand_r(seed) % 380) * 1000000L};
    nanosleep(&delay, NULL);
    kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
          "trial %d: the child ended before the kill (status %d)", number, status);
    int64_t seq;
    ssize_t got;
    while ((got = read(fds[0], &seq, sizeof seq)) == (ssize_t)sizeof seq && ack_count < MAX_ACKS)
        acks[ack_count++] = seq;
    close(fds[0]);

    pd_log *log;
    pd_diag diag = {0};
    CHECK(pd_log_open(path, &log, &diag) == PD_OK, "trial %d: reopen: %s", number, diag.reason);
    verify_state st = {.next = 1, .rows = 0};
    pd_err err = pd_log_scan(log, 0, NULL, PD_LOG_ALL, verify_row, &st, &diag);
    pd_log_free(log);
    CHECK(err == PD_OK, "trial %d: row %" PRId64 " is missing, torn or out of order", number,
          st.next);
    for (size_t i = 0; i < ack_count; i++)
        CHECK(acks[i] == (int64_t)i + 1 && acks[i] <= st.rows,
              "trial %d: acknowledged seq %" PRId64 " lost (%" PRId64 " rows survive)", number,
              acks[i], st.rows);
    /* at most the one in flight may survive unacknowledged */
    CHECK(st.rows == (int64_t)ack_count || st.rows == (int64_t)ack_count + 1,
          "trial %d: %" PRId64 " rows for %zu acknowledgements", number, st.rows, ack_count);
    printf("trial %2d: %zu acknowledged, %" PRId64 " stored, all intact\n", number, ack_count,
           st.rows);
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0, "cleanup");
    return 0;
}

int main(void)
{
    const char *trials_env = getenv("PODIUM_CRASH_TRIALS");
    const char *seed_env = getenv("PODIUM_CRASH_SEED");
    int trials = trials_env ? (int)strtol(trials_env, NULL, 10) : 25;
    unsigned int seed = seed_env ? (unsigned int)strtoul(seed_env, NULL, 10)
                                 : (unsigned int)time(NULL) ^ (unsigned int)getpid();
    printf("crash test: %d trials, PODIUM_CRASH_SEED=%u\n", trials, seed);
    for (int i = 1; i <= trials; i++)
        trial(i, &seed);
    if (failures)
        printf("%d trial(s) failed\n", failures);
    return failures ? 1 : 0;
}
