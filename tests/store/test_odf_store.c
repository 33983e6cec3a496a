/*
 * Tests for src/store/odf_store.c: versions kept as sent, lookups by type,
 * code and version, production order, receivers' progress only moving forward.
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

#include "podium/odf_store.h"

#define DH "ALPMDH----------------FNL-000100--"
#define FP "0000000000000000000000000000000000000000000000000000000000000000"

typedef struct {
    char dir[64];
    char path[96];
    pd_log *log;
} fixture;

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/podium-odf-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    snprintf(fx->path, sizeof fx->path, "%s/log.db", fx->dir);
    if (pd_log_open(fx->path, &fx->log, NULL) != PD_OK)
        return -1;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    char cmd[128];
    pd_log_free(fx->log);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
    if (system(cmd) != 0)
        return -1;
    free(fx);
    return 0;
}

typedef struct {
    int count;
    int64_t ids[8];
    int64_t versions[8];
    char bodies[8][32];
    char types[8][32];
} seen;

static pd_err collect(const pd_odf_message *msg, void *ctx)
{
    seen *s = ctx;
    s->ids[s->count] = msg->id;
    s->versions[s->count] = msg->version;
    snprintf(s->bodies[s->count], sizeof s->bodies[0], "%s", msg->body ? msg->body : "(none)");
    snprintf(s->types[s->count], sizeof s->types[0], "%s", msg->type);
    s->count++;
    return PD_OK;
}

static void put(pd_log *log, const char *type, int64_t version, const char *body)
{
    assert_int_equal(pd_odf_store_put(log, type, DH, version, FP, body, strlen(body), NULL, NULL),
                     PD_OK);
}

static void test_versions(void **state)
{
    fixture *fx = *state;
    pd_diag diag = {0};
    seen s = {0};
    put(fx->log, "DT_RESULT", 1, "<v1/>");
    put(fx->log, "DT_RESULT", 2, "<v2/>");
    put(fx->log, "DT_PHASE_RESULT", 1, "<p1/>");
    /* a version is stored once */
    assert_int_equal(pd_odf_store_put(fx->log, "DT_RESULT", DH, 2, FP, "<x/>", 4, NULL, &diag),
                     PD_ERR_CONFLICT);
    /* the latest, a given version, any type */
    assert_int_equal(pd_odf_store_get(fx->log, "DT_RESULT", DH, 0, collect, &s, NULL), PD_OK);
    assert_int_equal(pd_odf_store_get(fx->log, "DT_RESULT", DH, 1, collect, &s, NULL), PD_OK);
    assert_int_equal(pd_odf_store_get(fx->log, NULL, DH, 1, collect, &s, NULL), PD_OK);
    assert_int_equal(s.count, 3);
    assert_string_equal(s.bodies[0], "<v2/>");
    assert_string_equal(s.bodies[1], "<v1/>");
    assert_string_equal(s.types[2], "DT_PHASE_RESULT"); /* the latest produced of version 1 */
    assert_int_equal(pd_odf_store_get(fx->log, "DT_RESULT", DH, 3, collect, &s, &diag),
                     PD_ERR_NOT_FOUND);
    /* the last version of each document */
    memset(&s, 0, sizeof s);
    assert_int_equal(pd_odf_store_latest_all(fx->log, collect, &s, NULL), PD_OK);
    assert_int_equal(s.count, 2);
    /* production order, with and without bodies */
    memset(&s, 0, sizeof s);
    assert_int_equal(pd_odf_store_scan(fx->log, 0, 10, 1, collect, &s, NULL), PD_OK);
    assert_int_equal(s.count, 3);
    assert_true(s.ids[0] < s.ids[1] && s.ids[1] < s.ids[2]);
    assert_string_equal(s.bodies[2], "<p1/>");
    memset(&s, 0, sizeof s);
    assert_int_equal(pd_odf_store_scan(fx->log, 1, 1, 0, collect, &s, NULL), PD_OK);
    assert_int_equal(s.count, 1);
    assert_int_equal(s.versions[0], 2);
    assert_string_equal(s.bodies[0], "(none)");
    /* kept as sent: the database refuses to change a message */
    sqlite3 *db;
    assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(db, "UPDATE odf_messages SET body = 'x'", NULL, NULL, NULL),
                         SQLITE_OK);
    sqlite3_close(db);
}

static void test_receivers(void **state)
{
    fixture *fx = *state;
    int64_t id = -1;
    assert_int_equal(pd_odf_receiver_get(fx->log, "http://a/", &id, NULL), PD_OK);
    assert_int_equal(id, 0);
    assert_int_equal(pd_odf_receiver_ack(fx->log, "http://a/", 5, NULL), PD_OK);
    assert_int_equal(pd_odf_receiver_ack(fx->log, "http://a/", 3, NULL), PD_OK); /* no going back */
    assert_int_equal(pd_odf_receiver_get(fx->log, "http://a/", &id, NULL), PD_OK);
    assert_int_equal(id, 5);
    assert_int_equal(pd_odf_receiver_get(fx->log, "http://b/", &id, NULL), PD_OK);
    assert_int_equal(id, 0);
    /* durable: a reopened file remembers */
    pd_log_free(fx->log);
    assert_int_equal(pd_log_open(fx->path, &fx->log, NULL), PD_OK);
    assert_int_equal(pd_odf_receiver_get(fx->log, "http://a/", &id, NULL), PD_OK);
    assert_int_equal(id, 5);
}

static void test_transaction(void **state)
{
    fixture *fx = *state;
    seen s = {0};
    assert_int_equal(pd_odf_store_begin(fx->log, NULL), PD_OK);
    put(fx->log, "DT_RESULT", 1, "<a/>");
    pd_odf_store_rollback(fx->log);
    assert_int_equal(pd_odf_store_scan(fx->log, 0, 10, 0, collect, &s, NULL), PD_OK);
    assert_int_equal(s.count, 0);
    assert_int_equal(pd_odf_store_begin(fx->log, NULL), PD_OK);
    put(fx->log, "DT_RESULT", 1, "<a/>");
    assert_int_equal(pd_odf_store_commit(fx->log, NULL), PD_OK);
    assert_int_equal(pd_odf_store_scan(fx->log, 0, 10, 0, collect, &s, NULL), PD_OK);
    assert_int_equal(s.count, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_versions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_receivers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_transaction, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
