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

/* pd_grow_to: room for need in one call, doubling from first; refusals change nothing. */
static void test_pd_grow_to(void **state)
{
    (void)state;
    int *list = NULL;
    size_t cap = 0;
    assert_int_equal(pd_grow_to(&list, &cap, 0, sizeof *list, 4), PD_OK);
    assert_null(list);
    assert_int_equal(pd_grow_to(&list, &cap, 3, sizeof *list, 4), PD_OK);
    assert_int_equal(cap, 4);
    list[0] = 7;
    assert_int_equal(pd_grow_to(&list, &cap, 70000, sizeof *list, 4), PD_OK);
    assert_int_equal(cap, 131072); /* 4 doubled 15 times: the first power past 70,000 */
    list[69999] = 9;
    assert_int_equal(list[0], 7);
    int *before = list;
    assert_int_equal(pd_grow_to(&list, &cap, 131072, sizeof *list, 4), PD_OK);
    assert_ptr_equal(list, before);
    /* more than memory can address, or than doubling can reach: NOMEM, nothing moves */
    assert_int_equal(pd_grow_to(&list, &cap, SIZE_MAX / 2, sizeof *list, 4), PD_ERR_NOMEM);
    assert_int_equal(pd_grow_to(&list, &cap, SIZE_MAX, 1, 4), PD_ERR_NOMEM);
    assert_ptr_equal(list, before);
    assert_int_equal(cap, 131072);
    /* pd_grow at the very last count */
    assert_int_equal(pd_grow(&list, &cap, SIZE_MAX, 1, 4), PD_ERR_NOMEM);
    free(list);
}

/* pd_buf_reserve + pd_buf_commit: writing in place; the maximum still holds. */
static void test_reserve_commit(void **state)
{
    (void)state;
    pd_buf buf;
    pd_buf_init(&buf, 600);
    char *space;
    size_t room;
    assert_int_equal(pd_buf_reserve(&buf, 10, &space, &room), PD_OK);
    assert_true(room >= 10);
    memcpy(space, "hello", 5);
    pd_buf_commit(&buf, 5);
    assert_string_equal(pd_buf_str(&buf), "hello");
    /* a second reserve past the first storage keeps the content */
    assert_int_equal(pd_buf_reserve(&buf, 500, &space, &room), PD_OK);
    assert_true(room >= 500 && room <= 600 - 5);
    assert_ptr_equal(space, buf.data + 5);
    memset(space, 'x', 500);
    pd_buf_commit(&buf, 500);
    assert_int_equal(buf.len, 505);
    assert_int_equal(strlen(pd_buf_str(&buf)), 505);
    assert_memory_equal(pd_buf_str(&buf), "hellox", 6);
    /* past the maximum: NOMEM, the content as it was */
    assert_int_equal(pd_buf_reserve(&buf, 96, &space, &room), PD_ERR_NOMEM);
    assert_int_equal(buf.len, 505);
    assert_int_equal(pd_buf_reserve(&buf, 95, &space, &room), PD_OK);
    assert_int_equal(room, 95);
    pd_buf_commit(&buf, 0);
    /* truncate cuts back, never forward */
    pd_buf_truncate(&buf, 3);
    assert_string_equal(pd_buf_str(&buf), "hel");
    pd_buf_truncate(&buf, 10);
    assert_string_equal(pd_buf_str(&buf), "hel");
    pd_buf_cleanup(&buf);
    /* on an empty buffer: nothing happens */
    pd_buf_commit(&buf, 0);
    pd_buf_truncate(&buf, 0);
    assert_string_equal(pd_buf_str(&buf), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grow_and_limit), cmocka_unit_test(test_pd_grow),
        cmocka_unit_test(test_pd_grow_to), cmocka_unit_test(test_reserve_commit)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
