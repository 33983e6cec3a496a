/*
 * Tests for src/rules/nordiccombined.c with Beijing 2022 figures (NBC
 * Olympics / Gracenote feed, ../shared/data/beijing2022/216):
 * - men's normal hill: YAMAMOTO Ryota 133.0 points starts first, GREIDERER
 *   Lukas 123.4 starts +0:38 (9.6 points x 4 s = 38.4 s);
 * - team large hill: Austria 475.4, Czech Republic 403.7 starts +1:36
 *   (71.7 points x 4/3 s = 95.6 s), China 184.7 +6:28 (387.6 s);
 * - the race decided by finish order, the photo finish deciding equal times.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "podium/nordiccombined.h"

static void test_individual_gaps(void **state)
{
    (void)state;
    pd_ncb_config c = {.points_per_minute_t = 150, .precision = PD_PREC_TENTH};
    pd_ncb_entry e[] = {
        {.has_jump = true, .jump_points_t = 1234},
        {.has_jump = true, .jump_points_t = 1330},
        {.has_jump = true, .jump_irm = PD_IRM_DSQ},
        {.has_jump = true, .jump_points_t = 1234},
    };
    pd_rank_item items[4];
    for (size_t i = 0; i < 4; i++)
        items[i] = (pd_rank_item){.index = i, .order = (int64_t)i};
    assert_int_equal(pd_ncb_start_gaps(&c, e, 4, items, NULL), PD_OK);
    assert_int_equal(e[1].start_gap_s, 0);
    assert_int_equal(e[1].jump_rank, 1);
    assert_int_equal(e[0].start_gap_s, 38);
    assert_int_equal(e[0].jump_rank, 2);
    assert_int_equal(e[3].jump_rank, 2);
    assert_int_equal(e[2].start_gap_s, -1);
    assert_int_equal(e[2].jump_rank, 0);
}

static void test_team_gaps(void **state)
{
    (void)state;
    pd_ncb_config c = {.points_per_minute_t = 450, .precision = PD_PREC_TENTH};
    pd_ncb_entry e[] = {
        {.has_jump = true, .jump_points_t = 4754},
        {.has_jump = true, .jump_points_t = 4037},
        {.has_jump = true, .jump_points_t = 1847},
        {.has_jump = true, .jump_points_t = 4670}, /* Germany 467.0: 8.4 x 4/3 = 11.2 */
    };
    pd_rank_item items[4];
    for (size_t i = 0; i < 4; i++)
        items[i] = (pd_rank_item){.index = i, .order = (int64_t)i};
    assert_int_equal(pd_ncb_start_gaps(&c, e, 4, items, NULL), PD_OK);
    assert_int_equal(e[1].start_gap_s, 96);
    assert_int_equal(e[2].start_gap_s, 388);
    assert_int_equal(e[3].start_gap_s, 11);
}

static void test_race_order(void **state)
{
    (void)state;
    pd_ncb_config c = {.points_per_minute_t = 150, .precision = PD_PREC_TENTH};
    pd_ncb_entry e[] = {
        /* GRAABAK 25:08.5, GEIGER 25:07.7 (NH), equal times decided by photo */
        {.has_jump = true, .has_race = true, .finish_ms = 1508500},
        {.has_jump = true, .has_race = true, .finish_ms = 1507700},
        {.has_jump = true, .has_race = true, .finish_ms = 1514349, .photo_finish = 2},
        {.has_jump = true, .has_race = true, .finish_ms = 1514300, .photo_finish = 1},
        {.has_jump = true, .has_race = true, .race_irm = PD_IRM_DNF},
        {.has_jump = true, .jump_irm = PD_IRM_DSQ},
        {.has_jump = true},
    };
    pd_rank_item items[7];
    for (size_t i = 0; i < 7; i++)
        items[i] = (pd_rank_item){.index = i, .order = (int64_t)i};
    size_t bad;
    assert_int_equal(pd_ncb_rank(&c, e, 7, items, &bad, NULL), PD_OK);
    const size_t want_index[] = {1, 0, 3, 2, 4, 5, 6};
    const int want_rank[] = {1, 2, 3, 4, 0, 0, 0};
    for (size_t i = 0; i < 7; i++) {
        assert_int_equal(items[i].index, want_index[i]);
        assert_int_equal(items[i].rank, want_rank[i]);
    }
    assert_int_equal(items[5].irm, PD_IRM_DSQ);
    assert_int_equal(items[6].irm, PD_IRM_DNS);
    /* without the photo finish, equal times (to the tenth) share the rank */
    e[2].photo_finish = e[3].photo_finish = 0;
    for (size_t i = 0; i < 7; i++)
        items[i] = (pd_rank_item){.index = i, .order = (int64_t)i};
    assert_int_equal(pd_ncb_rank(&c, e, 7, items, &bad, NULL), PD_OK);
    assert_int_equal(items[2].rank, 3);
    assert_int_equal(items[3].rank, 3);
    /* a race time after a jumping DSQ is refused */
    e[5].has_race = true;
    e[5].finish_ms = 1600000;
    pd_diag diag = {0};
    for (size_t i = 0; i < 7; i++)
        items[i] = (pd_rank_item){.index = i, .order = (int64_t)i};
    assert_int_equal(pd_ncb_rank(&c, e, 7, items, &bad, &diag), PD_ERR_INPUT);
    assert_int_equal(bad, 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_individual_gaps),
        cmocka_unit_test(test_team_gaps),
        cmocka_unit_test(test_race_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
