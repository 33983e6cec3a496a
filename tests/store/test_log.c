/*
 * Tests for src/store/log.c: order, corrections, append-only, bad input that
 * changes nothing, schema versions, checkpoints left to another connection.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "podium/log.h"

#define DH "ALPMDH----------------FNL-000100--"
#define SL "ALPMSL----------------FNL-000100--"

typedef struct {
    char dir[64];
    char path[96];
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/podium-log-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    snprintf(fx->path, sizeof fx->path, "%s/log.db", fx->dir);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
    if (system(cmd) != 0)
        return -1;
    free(fx);
    return 0;
}

typedef struct {
    int64_t seqs[64];
    char bodies[64][64];
    int count;
} collected;

static pd_err collect(const pd_observation *obs, void *ctx)
{
    collected *c = ctx;
    c->seqs[c->count] = obs->seq;
    snprintf(c->bodies[c->count], sizeof c->bodies[0], "%s", obs->body);
    c->count++;
    return PD_OK;
}

static int64_t append(pd_log *log, const char *rsc, const char *body, int64_t supersedes)
{
    int64_t seq = -1;
    pd_diag diag = {0};
    assert_int_equal(pd_log_append(log, rsc, body, strlen(body), supersedes, &seq, &diag), PD_OK);
    return seq;
}

static int64_t last_seq(pd_log *log)
{
    int64_t seq = -1;
    assert_int_equal(pd_log_last_seq(log, &seq, NULL), PD_OK);
    return seq;
}

static void test_append_and_scan(void **state)
{
    fixture *fx = *state;
    pd_log *log;
    pd_diag diag = {0};
    assert_int_equal(pd_log_open(fx->path, &log, &diag), PD_OK);
    assert_int_equal(pd_log_schema_version(log), PD_LOG_SCHEMA_VERSION);
    assert_int_equal(last_seq(log), 0);
    assert_int_equal(append(log, DH, "{\"competitor\":\"603448\",\"time_ms\":102690}", 0), 1);
    assert_int_equal(append(log, DH, "{\"competitor\":\"409997\",\"time_ms\":102790}", 0), 2);
    assert_int_equal(append(log, SL, "{\"competitor\":\"1351727\"}", 0), 3);
    assert_int_equal(last_seq(log), 3);

    collected all = {0};
    assert_int_equal(pd_log_scan(log, 0, NULL, PD_LOG_ALL, collect, &all, &diag), PD_OK);
    assert_int_equal(all.count, 3);
    assert_int_equal(all.seqs[0], 1);
    assert_int_equal(all.seqs[2], 3);
    assert_string_equal(all.bodies[1], "{\"competitor\":\"409997\",\"time_ms\":102790}");

    collected after = {0};
    assert_int_equal(pd_log_scan(log, 1, NULL, PD_LOG_ALL, collect, &after, &diag), PD_OK);
    assert_int_equal(after.count, 2);
    assert_int_equal(after.seqs[0], 2);

    collected dh = {0};
    assert_int_equal(pd_log_scan(log, 0, DH, PD_LOG_ALL, collect, &dh, &diag), PD_OK);
    assert_int_equal(dh.count, 2);
    pd_log_free(log);

    /* reopening finds everything, and numbering goes on */
    assert_int_equal(pd_log_open(fx->path, &log, &diag), PD_OK);
    assert_int_equal(last_seq(log), 3);
    assert_int_equal(append(log, SL, "{}", 0), 4);
    pd_log_free(log);
}

static void test_corrections(void **state)
{
    fixture *fx = *state;
    pd_log *log;
    pd_diag diag = {0};
    int64_t seq = -1;
    assert_int_equal(pd_log_open(fx->path, &log, &diag), PD_OK);
    append(log, DH, "{\"time_ms\":102690}", 0); /* 1 */
    append(log, DH, "{\"time_ms\":999999}", 0); /* 2: a typo */
    append(log, SL, "{\"time_ms\":1}", 0);      /* 3 */
    assert_int_equal(append(log, DH, "{\"time_ms\":102790}", 2), 4);

    collected current = {0};
    assert_int_equal(pd_log_scan(log, 0, DH, PD_LOG_CURRENT, collect, &current, &diag), PD_OK);
    assert_int_equal(current.count, 2);
    assert_int_equal(current.seqs[0], 1);
    assert_int_equal(current.seqs[1], 4);

    /* the same observation cannot be corrected twice */
    assert_int_equal(pd_log_append(log, DH, "{}", 2, 2, &seq, &diag), PD_ERR_CONFLICT);
    assert_string_equal(diag.path, "supersedes");
    assert_non_null(strstr(diag.reason, "already superseded by 4"));
    /* nor a correction name another unit's observation */
    assert_int_equal(pd_log_append(log, DH, "{}", 2, 3, &seq, &diag), PD_ERR_CONFLICT);
    assert_non_null(strstr(diag.reason, "belongs to " SL));
    assert_int_equal(pd_log_append(log, DH, "{}", 2, 99, &seq, &diag), PD_ERR_NOT_FOUND);
    assert_non_null(strstr(diag.reason, "no observation with seq 99"));
    assert_int_equal(pd_log_append(log, DH, "{}", 2, -1, &seq, &diag), PD_ERR_INPUT);
    /* a correction of a correction is allowed */
    assert_int_equal(append(log, DH, "{\"time_ms\":102780}", 4), 5);
    assert_int_equal(last_seq(log), 5);
    pd_log_free(log);
}

static void test_bad_input_changes_nothing(void **state)
{
    fixture *fx = *state;
    pd_log *log;
    pd_diag diag = {0};
    int64_t seq = -7;
    assert_int_equal(pd_log_open(fx->path, &log, &diag), PD_OK);
    append(log, DH, "{}", 0);
    assert_int_equal(pd_log_append(log, "ALPMDH", "{}", 2, 0, &seq, &diag), PD_ERR_INPUT);
    assert_non_null(strstr(diag.reason, "34 characters"));
    assert_int_equal(pd_log_append(log, DH, "{\"a\":", 5, 0, &seq, &diag), PD_ERR_INPUT);
    assert_non_null(strstr(diag.reason, "invalid JSON"));
    assert_int_equal(pd_log_append(log, DH, "[1]", 3, 0, &seq, &diag), PD_ERR_INPUT);
    assert_non_null(strstr(diag.reason, "JSON object"));
    size_t big_len = PD_LOG_BODY_MAX + 1;
    char *big = malloc(big_len);
    memset(big, ' ', big_len);
    assert_int_equal(pd_log_append(log, DH, big, big_len, 0, &seq, &diag), PD_ERR_INPUT);
    free(big);
    assert_int_equal(seq, -7);
    assert_int_equal(last_seq(log), 1);
    pd_log_free(log);
}

static void test_database_refuses_edits(void **state)
{
    fixture *fx = *state;
    pd_log *log;
    assert_int_equal(pd_log_open(fx->path, &log, NULL), PD_OK);
    append(log, DH, "{\"time_ms\":102690}", 0);
    pd_log_free(log);

    sqlite3 *db;
    char *message = NULL;
    assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
    assert_int_not_equal(
        sqlite3_exec(db, "UPDATE observations SET body = '{}'", NULL, NULL, &message), SQLITE_OK);
    assert_non_null(strstr(message, "append-only"));
    sqlite3_free(message);
    assert_int_not_equal(sqlite3_exec(db, "DELETE FROM observations", NULL, NULL, &message),
                         SQLITE_OK);
    assert_non_null(strstr(message, "append-only"));
    sqlite3_free(message);
    sqlite3_close(db);
}

static void test_schema_versions(void **state)
{
    fixture *fx = *state;
    sqlite3 *db;
    pd_log *log;
    pd_diag diag = {0};
    /* a file from a newer podium is refused, untouched */
    assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(pd_log_open(fx->path, &log, &diag), PD_ERR_UNSUPPORTED);
    assert_non_null(strstr(diag.reason, "schema version 99"));

    /* an unwritable place is an I/O error naming the path */
    assert_int_equal(pd_log_open("/nonexistent/dir/log.db", &log, &diag), PD_ERR_IO);
    assert_non_null(strstr(diag.reason, "/nonexistent/dir/log.db"));
}

static void test_group_commit(void **state)
{
    fixture *fx = *state;
    pd_log *log;
    assert_int_equal(pd_log_open(fx->path, &log, NULL), PD_OK);
    append(log, DH, "{\"time_ms\":1}", 0); /* 1 */
    const pd_log_entry batch[] = {
        {DH, "{\"time_ms\":2}", 13, 0, "op-alp"}, /* 2 */
        {DH, "{\"time_ms\":", 12, 0, "op-alp"},   /* refused: bad JSON */
        {DH, "{\"time_ms\":3}", 13, 2, "op-alp"}, /* 3 corrects 2, from this batch */
        {DH, "{\"time_ms\":4}", 13, 2, "op-alp"}, /* refused: 2 already superseded */
        {"ALPMDH", "{}", 2, 0, NULL},             /* refused: bad code */
        {SL, "{}", 2, 0, NULL},                   /* 4 */
    };
    pd_log_outcome out[6];
    assert_int_equal(pd_log_append_batch(log, batch, 6, out), PD_OK);
    assert_int_equal(out[0].err, PD_OK);
    assert_int_equal(out[0].seq, 2);
    assert_int_equal(out[1].err, PD_ERR_INPUT);
    assert_int_equal(out[1].seq, 0);
    assert_int_equal(out[2].err, PD_OK);
    assert_int_equal(out[2].seq, 3);
    assert_int_equal(out[3].err, PD_ERR_CONFLICT);
    assert_string_equal(out[3].diag.path, "supersedes");
    assert_int_equal(out[4].err, PD_ERR_INPUT);
    assert_int_equal(out[5].seq, 4);
    assert_int_equal(last_seq(log), 4);
    collected all = {0};
    assert_int_equal(pd_log_scan(log, 0, NULL, PD_LOG_ALL, collect, &all, NULL), PD_OK);
    assert_int_equal(all.count, 4);
    assert_string_equal(all.bodies[2], "{\"time_ms\":3}");
    pd_log_free(log);
}

static void test_append_all(void **state)
{
    fixture *fx = *state;
    pd_log *log;
    pd_diag diag = {0};
    int64_t seqs[3];
    size_t failed = 99;
    assert_int_equal(pd_log_open(fx->path, &log, NULL), PD_OK);
    append(log, DH, "{\"time_ms\":1}", 0); /* 1 */
    const pd_log_entry good[] = {
        {DH, "{\"time_ms\":2}", 13, 1, "op-alp"}, /* 2 corrects 1 */
        {SL, "{}", 2, 0, NULL},                   /* 3 */
        {DH, "{\"time_ms\":3}", 13, 2, "op-alp"}, /* 4 corrects 2, from this batch */
    };
    assert_int_equal(pd_log_append_all(log, good, 3, seqs, &failed, &diag), PD_OK);
    assert_int_equal(seqs[0], 2);
    assert_int_equal(seqs[1], 3);
    assert_int_equal(seqs[2], 4);
    assert_int_equal(last_seq(log), 4);

    /* one refusal takes the whole batch back: the database's own checks still run */
    const pd_log_entry bad[] = {
        {DH, "{\"time_ms\":5}", 13, 0, NULL},
        {DH, "{\"time_ms\":6}", 13, 2, NULL}, /* 2 is already superseded */
    };
    assert_int_equal(pd_log_append_all(log, bad, 2, seqs, &failed, &diag), PD_ERR_CONFLICT);
    assert_int_equal(failed, 1);
    assert_string_equal(diag.path, "supersedes");
    assert_int_equal(last_seq(log), 4);
    /* the body is vouched for, but must at least look like an object */
    const pd_log_entry not_object[] = {{DH, "[1]", 3, 0, NULL}};
    assert_int_equal(pd_log_append_all(log, not_object, 1, seqs, &failed, &diag), PD_ERR_INPUT);
    assert_int_equal(failed, 0);
    const pd_log_entry bad_code[] = {{"ALPMDH", "{}", 2, 0, NULL}};
    assert_int_equal(pd_log_append_all(log, bad_code, 1, seqs, NULL, &diag), PD_ERR_INPUT);
    assert_int_equal(last_seq(log), 4);
    /* and the log is still usable after a rollback */
    assert_int_equal(pd_log_append_all(log, bad, 1, seqs, &failed, &diag), PD_OK);
    assert_int_equal(seqs[0], 5);
    pd_log_free(log);
}

static void count_due(void *ctx)
{
    (*(int *)ctx)++;
}

/* Append `commits` transactions of 20 entries of about 3 KB each (a page or so each). */
static void append_pages(pd_log *log, int commits)
{
    static char body[3100];
    memset(body, 'x', sizeof body);
    memcpy(body, "{\"x\":\"", 6);
    memcpy(body + sizeof body - 3, "\"}", 3);
    pd_log_entry batch[20];
    for (int i = 0; i < 20; i++)
        batch[i] = (pd_log_entry){DH, body, strlen(body), 0, NULL};
    pd_log_outcome out[20];
    for (int c = 0; c < commits; c++)
        assert_int_equal(pd_log_append_batch(log, batch, 20, out), PD_OK);
}

static void test_checkpoint_elsewhere(void **state)
{
    fixture *fx = *state;
    pd_log *log, *other;
    int due = 0, pages = -1, copied = -1;
    assert_int_equal(pd_log_open(fx->path, &log, NULL), PD_OK);
    assert_int_equal(pd_log_open(fx->path, &other, NULL), PD_OK);
    pd_log_checkpoint_elsewhere(log, count_due, &due);
    /* 150 commits of some 20 pages: past 1,000 pages the commits say so, and copy nothing */
    append_pages(log, 150);
    assert_true(due > 50);
    assert_int_equal(pd_log_checkpoint(other, &pages, &copied, NULL), PD_OK);
    assert_true(pages > 2 * PD_LOG_CHECKPOINT_PAGES); /* SQLite would have started at 1,000 */
    assert_int_equal(copied, pages);                  /* no reader: everything copied */
    /* then the next commit starts the WAL again, and says nothing */
    int before = due;
    append_pages(log, 1);
    assert_int_equal(due, before);
    assert_int_equal(pd_log_checkpoint(other, &pages, &copied, NULL), PD_OK);
    assert_true(pages > 0 && pages < 100);
    int64_t last = -1;
    assert_int_equal(pd_log_last_seq(other, &last, NULL), PD_OK);
    assert_int_equal(last, 151 * 20);
    pd_log_free(other);
    pd_log_free(log);

    /* an ordinary connection still checkpoints itself (SQLite's automatic checkpoint) */
    assert_int_equal(pd_log_open(fx->path, &log, NULL), PD_OK);
    assert_int_equal(pd_log_open(fx->path, &other, NULL), PD_OK);
    append_pages(log, 150);
    assert_int_equal(pd_log_checkpoint(other, &pages, &copied, NULL), PD_OK);
    assert_true(pages < 2 * PD_LOG_CHECKPOINT_PAGES);
    pd_log_free(other);
    pd_log_free(log);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_append_and_scan, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corrections, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_input_changes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_database_refuses_edits, setup, teardown),
        cmocka_unit_test_setup_teardown(test_schema_versions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_group_commit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_append_all, setup, teardown),
        cmocka_unit_test_setup_teardown(test_checkpoint_elsewhere, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
