/* Tests for src/core/buf.c: growth and the hard maximum. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
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

/* pd_grow: room for one more, doubling from first; the content stays. */
static void test_pd_grow(void **state)
{
    (void)state;
    int *list = NULL;
    size_t cap = 0, count = 0;
    for (int i = 0; i < 100; i++) {
        assert_int_equal(pd_grow(&list, &cap, count, sizeof *list, 4), PD_OK);
        assert_true(count < cap);
        list[count++] = i;
    }
    assert_int_equal(cap, 128); /* 4, 8, 16, 32, 64, 128 */
    for (int i = 0; i < 100; i++)
        assert_int_equal(list[i], i);
    /* room already: nothing moves */
    int *before = list;
    assert_int_equal(pd_grow(&list, &cap, 100, sizeof *list, 4), PD_OK);
    assert_ptr_equal(list, before);
    /* a size that cannot be allocated: NOMEM, the array as it was */
    size_t huge = cap;
    assert_int_equal(pd_grow(&list, &huge, cap, SIZE_MAX / 64, 4), PD_ERR_NOMEM);
    assert_ptr_equal(list, before);
    assert_int_equal(huge, cap);
    free(list);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_grow_and_limit),
                                       cmocka_unit_test(test_pd_grow)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
