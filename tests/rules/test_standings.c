/*
 * Tests for src/rules/standings.c: tallying over a subset of teams, the
 * stable multi-key sort, runs of level teams, and play-off formats resolved
 * from seeds (the
 * Beijing 2022 women's hockey format: quarter-finals 1v8 2v7 3v6 4v5, then
 * re-seeded semi-finals; published pairings CAN v SUI and USA v FIN).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

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

/*
 * Beijing 2022 women's ice hockey, group A (olympics.com, IIHF; the games as
 * in tests/data/iho/owg2022-women-group-A.json): CAN 12 points, USA 9, FIN,
 * ROC and SUI 3 each. Among those three (ROC 5-2 SUI, SUI 3-2 FIN, FIN 5-0
 * ROC) each has 3 points; FIN 7-3 in goals, ROC and SUI 5-7.
 */
enum { CAN, FIN, ROC, SUI, USA, GROUP_A };

static void group_a(pd_rr_game *games)
{
    static const pd_iho_game played[10] = {
        {{CAN, SUI}, {12, 1}, PD_IHO_REG}, {{FIN, USA}, {2, 5}, PD_IHO_REG},
        {{ROC, SUI}, {5, 2}, PD_IHO_REG},  {{CAN, FIN}, {11, 1}, PD_IHO_REG},
        {{USA, ROC}, {5, 0}, PD_IHO_REG},  {{SUI, USA}, {0, 8}, PD_IHO_REG},
        {{ROC, CAN}, {1, 6}, PD_IHO_REG},  {{SUI, FIN}, {3, 2}, PD_IHO_REG},
        {{USA, CAN}, {2, 4}, PD_IHO_REG},  {{FIN, ROC}, {5, 0}, PD_IHO_REG},
    };
    for (size_t g = 0; g < 10; g++)
        games[g] = pd_iho_rr_game(&played[g]);
}

static void test_tally_among(void **state)
{
    (void)state;
    pd_rr_game games[10];
    pd_rr_line lines[GROUP_A];
    bool member[GROUP_A];
    const size_t tied[] = {SUI, FIN, ROC}; /* any order */
    static const struct {
        size_t team;
        int played, points, score_for, score_against;
        bool member;
    } want[] = {
        {CAN, 0, 0, 0, 0, false}, {FIN, 2, 3, 7, 3, true},  {ROC, 2, 3, 5, 7, true},
        {SUI, 2, 3, 5, 7, true},  {USA, 0, 0, 0, 0, false},
    };
    group_a(games);
    memset(member, 1, sizeof member); /* scratch left over from an earlier call */
    pd_standings_tally_among(games, 10, tied, 3, member, GROUP_A, lines);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        const pd_rr_line *line = &lines[want[i].team];
        assert_int_equal(line->played, want[i].played);
        assert_int_equal(line->points, want[i].points);
        assert_int_equal(line->score_for, want[i].score_for);
        assert_int_equal(line->score_against, want[i].score_against);
        assert_int_equal(member[want[i].team], want[i].member);
    }
}

static void test_runs(void **state)
{
    (void)state;
    pd_rr_game games[10];
    pd_rr_line lines[GROUP_A];
    int64_t keys[GROUP_A][PD_STANDINGS_KEYS] = {{0}};
    size_t order[GROUP_A] = {CAN, FIN, ROC, SUI, USA};
    group_a(games);
    pd_standings_tally(games, 10, NULL, GROUP_A, lines);
    for (size_t t = 0; t < GROUP_A; t++)
        keys[t][0] = lines[t].points;
    pd_standings_sort(order, GROUP_A, (const int64_t(*)[PD_STANDINGS_KEYS])keys, 1);
    /* CAN | USA | FIN ROC SUI: the runs of teams level on points */
    static const size_t runs[][2] = {{0, 1}, {1, 1}, {2, 3}, {3, 2}, {4, 1}, {5, 0}};
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++)
        assert_int_equal(pd_standings_run(order + runs[i][0], GROUP_A - runs[i][0],
                                          (const int64_t(*)[PD_STANDINGS_KEYS])keys, 1),
                         runs[i][1]);
    /* on points and goal difference among the three: FIN | ROC SUI */
    size_t *tied = order + 2;
    keys[FIN][1] = 7 - 3;
    keys[ROC][1] = keys[SUI][1] = 5 - 7;
    assert_int_equal(pd_standings_run(tied, 3, (const int64_t(*)[PD_STANDINGS_KEYS])keys, 2), 1);
    assert_int_equal(pd_standings_run(tied + 1, 2, (const int64_t(*)[PD_STANDINGS_KEYS])keys, 2),
                     2);
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
    const pd_playoff_game broken_games[] = {{"gold", {PD_WIN(3), PD_SEED(1)}}};
    const pd_playoff_format broken = {"broken", 2, broken_games, 1, NULL, 0};
    assert_int_equal(pd_playoff_resolve(&broken, winner, pairing, places, &diag), PD_ERR_INPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tally_subset), cmocka_unit_test(test_sort_stable),
        cmocka_unit_test(test_tally_among),  cmocka_unit_test(test_runs),
        cmocka_unit_test(test_women_format),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
