/* Tests for src/core/buf.c: growth and the hard maximum. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "podium/buf.h"

static void test_grow_and_limit(void **state)
{
    (void)state;
    pd_buf buf;
    pd_buf_init(&buf, 1000);
    assert_string_equal(pd_buf_str(&buf), "");
    for (int i = 0; i < 100; i++)
        assert_int_equal(pd_buf_addf(&buf, "%d,", i % 10), PD_OK);
    assert_int_equal(buf.len, 200);
    assert_int_equal(pd_buf_add(&buf, "x", 801), PD_ERR_NOMEM);
    assert_int_equal(buf.len, 200);
    char big[800];
    memset(big, 'a', sizeof big);
    assert_int_equal(pd_buf_add(&buf, big, sizeof big), PD_OK);
    assert_int_equal(buf.len, 1000);
    assert_int_equal(pd_buf_adds(&buf, "y"), PD_ERR_NOMEM);
    assert_int_equal(pd_buf_addf(&buf, "%s", "y"), PD_ERR_NOMEM);
    assert_int_equal(strlen(pd_buf_str(&buf)), 1000);
    pd_buf_reset(&buf);
    assert_string_equal(pd_buf_str(&buf), "");
    pd_buf_cleanup(&buf);
    pd_buf_cleanup(&buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_grow_and_limit)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
