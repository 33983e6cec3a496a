/* Tests for src/store/tokens.c: roles, scopes, hashing, refusals. */
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

#include "podium/tokens.h"

static char dir[64];
static char path[96];

static void test_tokens(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/podium-tokens-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/log.db", dir);
    pd_log *log;
    pd_diag diag = {0};
    char alp[PD_TOKEN_LEN + 1], admin[PD_TOKEN_LEN + 1], other[PD_TOKEN_LEN + 1];
    assert_int_equal(pd_log_open(path, &log, &diag), PD_OK);
    assert_int_equal(pd_token_add(log, "results", "ALP,BTH", "alpine desk", alp, &diag), PD_OK);
    assert_int_equal(strlen(alp), PD_TOKEN_LEN);
    assert_int_equal(strncmp(alp, "pd_", 3), 0);
    assert_int_equal(pd_token_add(log, "admin", "", "chief", admin, &diag), PD_OK);
    assert_string_not_equal(alp, admin);

    pd_token_info info;
    assert_int_equal(pd_token_check(log, alp, &info, &diag), PD_OK);
    assert_string_equal(info.role, "results");
    assert_string_equal(info.scope, "ALP,BTH");
    assert_string_equal(info.label, "alpine desk");
    assert_true(pd_token_may_write(&info, "ALP"));
    assert_true(pd_token_may_write(&info, "BTH"));
    assert_false(pd_token_may_write(&info, "CUR"));
    assert_false(pd_token_may_write(&info, "AL"));
    assert_int_equal(pd_token_check(log, admin, &info, &diag), PD_OK);
    assert_true(pd_token_may_write(&info, "CUR"));

    /* a wrong, short or foreign token */
    memcpy(other, alp, sizeof other);
    other[10] = other[10] == 'a' ? 'b' : 'a';
    assert_int_equal(pd_token_check(log, other, &info, &diag), PD_ERR_NOT_FOUND);
    assert_int_equal(pd_token_check(log, "pd_123", &info, &diag), PD_ERR_NOT_FOUND);
    assert_int_equal(pd_token_check(log, "", &info, &diag), PD_ERR_NOT_FOUND);

    /* refusals name the field */
    assert_int_equal(pd_token_add(log, "king", "", NULL, other, &diag), PD_ERR_INPUT);
    assert_string_equal(diag.path, "role");
    assert_int_equal(pd_token_add(log, "results", "", NULL, other, &diag), PD_ERR_INPUT);
    assert_string_equal(diag.path, "scope");
    assert_int_equal(pd_token_add(log, "results", "ALP,", NULL, other, &diag), PD_ERR_INPUT);
    assert_int_equal(pd_token_add(log, "results", "alp", NULL, other, &diag), PD_ERR_INPUT);
    assert_int_equal(pd_token_add(log, "admin", "ALP", NULL, other, &diag), PD_ERR_INPUT);
    pd_log_free(log);

    /* only hashes are stored */
    sqlite3 *db;
    sqlite3_stmt *stmt;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT hash FROM tokens", -1, &stmt, NULL), SQLITE_OK);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        const char *hash = (const char *)sqlite3_column_text(stmt, 0);
        assert_int_equal(strlen(hash), 64);
        assert_null(strstr(alp, hash));
        assert_null(strstr(hash, alp + 3));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* Scanner tokens carry the venues where they may check cards. */
static void test_scanner(void **state)
{
    (void)state;
    char tmp[64], file[96], token[PD_TOKEN_LEN + 1];
    snprintf(tmp, sizeof tmp, "/tmp/podium-scanner-XXXXXX");
    assert_non_null(mkdtemp(tmp));
    snprintf(file, sizeof file, "%s/log.db", tmp);
    pd_log *log;
    pd_diag diag = {0};
    pd_token_info info;
    assert_int_equal(pd_log_open(file, &log, &diag), PD_OK);
    assert_int_equal(pd_token_add(log, "scanner", "NIS,YAS", "gate 3", token, &diag), PD_OK);
    assert_int_equal(pd_token_check(log, token, &info, &diag), PD_OK);
    assert_string_equal(info.role, "scanner");
    assert_string_equal(info.scope, "NIS,YAS");
    assert_true(pd_token_may_scan(&info, "NIS"));
    assert_true(pd_token_may_scan(&info, "YAS"));
    assert_false(pd_token_may_scan(&info, "NI"));
    assert_false(pd_token_may_scan(&info, "CIS"));
    assert_false(pd_token_may_scan(&info, ""));
    assert_false(pd_token_may_write(&info, "ALP"));
    /* officers and admin check anywhere; results and health tokens nowhere */
    pd_token_info other = {.role = "accreditation"};
    assert_true(pd_token_may_scan(&other, "CIS"));
    snprintf(other.role, sizeof other.role, "admin");
    assert_true(pd_token_may_scan(&other, "CIS"));
    snprintf(other.role, sizeof other.role, "results");
    snprintf(other.scope, sizeof other.scope, "NIS");
    assert_false(pd_token_may_scan(&other, "NIS"));
    snprintf(other.role, sizeof other.role, "health");
    assert_false(pd_token_may_scan(&other, "NIS"));
    /* a scanner needs venues of 2 to 8 capitals or digits */
    assert_int_equal(pd_token_add(log, "scanner", "", NULL, token, &diag), PD_ERR_INPUT);
    assert_string_equal(diag.path, "scope");
    assert_int_equal(pd_token_add(log, "scanner", "NIS,", NULL, token, &diag), PD_ERR_INPUT);
    assert_int_equal(pd_token_add(log, "scanner", "nis", NULL, token, &diag), PD_ERR_INPUT);
    assert_int_equal(pd_token_add(log, "scanner", "N", NULL, token, &diag), PD_ERR_INPUT);
    assert_int_equal(pd_token_add(log, "scanner", "ABCDEFGHI", NULL, token, &diag), PD_ERR_INPUT);
    assert_int_equal(pd_token_add(log, "scanner", ",NIS", NULL, token, &diag), PD_ERR_INPUT);
    assert_int_equal(pd_token_add(log, "health", "NIS", NULL, token, &diag), PD_ERR_INPUT);
    assert_int_equal(pd_token_add(log, "scanner", "MMC", NULL, token, &diag), PD_OK);
    pd_log_free(log);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_tokens),
                                       cmocka_unit_test(test_scanner)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
