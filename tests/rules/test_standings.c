/*
 * Tests for src/rules/standings.c: tallying over a subset of teams, the
 * stable multi-key sort, and play-off formats resolved from seeds (the
 * Beijing 2022 women's hockey format: quarter-finals 1v8 2v7 3v6 4v5, then
 * re-seeded semi-finals; published pairings CAN v SUI and USA v FIN).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "podium/hockey.h"
#include "podium/standings.h"

static void test_tally_subset(void **state)
{
    (void)state;
    const pd_rr_game games[] = {
        {{0, 1}, {3, 2}, {2, 1}, true},
        {{1, 2}, {4, 0}, {3, 0}, false},
        {{2, 0}, {1, 5}, {0, 3}, false},
    };
    pd_rr_line lines[3];
    const bool member[3] = {true, true, false};
    pd_standings_tally(games, 3, NULL, 3, lines);
    assert_int_equal(lines[0].points, 5);
    assert_int_equal(lines[0].extra_won, 1);
    assert_int_equal(lines[1].extra_lost, 1);
    assert_int_equal(lines[1].score_for, 6);
    pd_standings_tally(games, 3, member, 3, lines);
    assert_int_equal(lines[0].played, 1);
    assert_int_equal(lines[1].points, 1);
    assert_int_equal(lines[2].played, 0);
}

static void test_sort_stable(void **state)
{
    (void)state;
    const int64_t keys[4][PD_STANDINGS_KEYS] = {{3, 1, 0}, {5, 0, 0}, {3, 1, 0}, {3, 2, 0}};
    size_t teams[4] = {0, 1, 2, 3};
    pd_standings_sort(teams, 4, keys, 2);
    assert_int_equal(teams[0], 1);
    assert_int_equal(teams[1], 3);
    assert_int_equal(teams[2], 0); /* equal to 2: input order kept */
    assert_int_equal(teams[3], 2);
    assert_true(pd_standings_equal(keys, 0, 2, 3));
}

static void test_women_format(void **state)
{
    (void)state;
    const pd_playoff_format *f = pd_iho_format_owg2022_women();
    int winner[PD_PLAYOFF_MAX_GAMES];
    int pairing[PD_PLAYOFF_MAX_GAMES][2];
    int places[10];
    pd_diag diag = {0};
    /* QF: 1 CAN, 2 USA, 3 FIN won; 5 SUI beat 4 ROC */
    const int qf[] = {0, 0, 0, 1};
    for (int g = 0; g < f->game_count; g++)
        winner[g] = g < 4 ? qf[g] : -1;
    assert_int_equal(pd_playoff_resolve(f, winner, pairing, places, &diag), PD_OK);
    assert_int_equal(pairing[3][0], 4);
    assert_int_equal(pairing[3][1], 5);
    assert_int_equal(pairing[4][0], 1); /* CAN v SUI */
    assert_int_equal(pairing[4][1], 5);
    assert_int_equal(pairing[5][0], 2); /* USA v FIN */
    assert_int_equal(pairing[5][1], 3);
    assert_int_equal(places[4], 4); /* 5th ROC */
    assert_int_equal(places[8], 9); /* 9th B4 */
    assert_int_equal(places[2], 0); /* bronze not played */
    /* a malformed format is refused */
    const pd_playoff_game broken_games[] = {
        {"gold", {{PD_SLOT_WINNER, 3, 0, 0}, {PD_SLOT_SEED, 1, 0, 0}}}};
    const pd_playoff_format broken = {"broken", 2, broken_games, 1, NULL, 0};
    assert_int_equal(pd_playoff_resolve(&broken, winner, pairing, places, &diag), PD_ERR_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tally_subset),
        cmocka_unit_test(test_sort_stable),
        cmocka_unit_test(test_women_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
