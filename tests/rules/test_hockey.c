/*
 * Tests for src/rules/hockey.c and the kinds "round-robin" (IHO) and
 * "tournament" over it.
 *
 * Reproduction: every group table of the Beijing 2022 ice hockey
 * tournaments, computed from the games (tests/data/iho, converted by
 * tools/convert_tournaments.py from the NBC/Gracenote feed) and compared with
 * the published tables (olympics.com results, IIHF.com; the same figures
 * are in the feed's game scores): order, points, goals for and against. The
 * women's group A has FIN, ROC and SUI level on 3 points: FIN ahead on goal
 * difference among the three, ROC ahead of SUI on their game.
 *
 * The rest exercises each step of the IIHF procedure on small made-up groups.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "podium/hockey.h"
#include "podium/json.h"
#include "podium/kinds.h"
#include "podium/scoredoc.h"

#define TESTDATA PODIUM_DATADIR "/../tests/data"

static json_t *score_file(const char *name)
{
    char path[512];
    json_t *root = NULL;
    json_t *out = NULL;
    pd_scoredoc doc;
    pd_diag diag = {0};
    snprintf(path, sizeof path, "%s/%s", TESTDATA, name);
    if (pd_json_parse_file(path, &root, &diag) != PD_OK)
        fail_msg("%s: %s %s", path, diag.path, diag.reason);
    assert_int_equal(pd_scoredoc_parse(root, &doc, &diag), PD_OK);
    json_decref(root);
    const pd_kind *kind = pd_kind_find(doc.kind);
    assert_non_null(kind);
    pd_err err = kind->score(&doc, &out, &diag);
    if (err)
        fail_msg("%s: %s: %s", name, diag.path, diag.reason);
    pd_scoredoc_cleanup(&doc);
    return out;
}

typedef struct {
    const char *noc;
    int points;
    int goals_for;
    int goals_against;
} table_row;

static void check_table(const char *file, const table_row *want, size_t n)
{
    json_t *out = score_file(file);
    json_t *results = json_object_get(out, "results");
    assert_int_equal(json_array_size(results), n);
    for (size_t i = 0; i < n; i++) {
        json_t *row = json_array_get(results, i);
        json_t *detail = json_object_get(row, "detail");
        char text[16];
        assert_string_equal(json_string_value(json_object_get(row, "competitor")), want[i].noc);
        assert_int_equal(json_integer_value(json_object_get(row, "rank")), (json_int_t)i + 1);
        snprintf(text, sizeof text, "%d", want[i].points);
        assert_string_equal(json_string_value(json_object_get(row, "result")), text);
        snprintf(text, sizeof text, "%d", want[i].goals_for);
        assert_string_equal(json_string_value(json_object_get(detail, "goals_for")), text);
        snprintf(text, sizeof text, "%d", want[i].goals_against);
        assert_string_equal(json_string_value(json_object_get(detail, "goals_against")), text);
    }
    json_decref(out);
}

/* Published preliminary-round tables, Beijing 2022 (olympics.com, IIHF). */
static void test_owg2022_groups(void **state)
{
    (void)state;
    static const table_row men_a[] = {
        {"USA", 9, 15, 4}, {"CAN", 6, 12, 5}, {"GER", 3, 6, 10}, {"CHN", 0, 2, 16}};
    static const table_row men_b[] = {
        {"ROC", 7, 8, 6}, {"DEN", 6, 7, 6}, {"CZE", 4, 9, 8}, {"SUI", 1, 4, 8}};
    static const table_row men_c[] = {
        {"FIN", 8, 13, 6}, {"SWE", 7, 10, 7}, {"SVK", 3, 8, 12}, {"LAT", 0, 5, 11}};
    static const table_row women_a[] = {{"CAN", 12, 33, 5},
                                        {"USA", 9, 20, 6},
                                        {"FIN", 3, 10, 19},
                                        {"ROC", 3, 6, 18},
                                        {"SUI", 3, 6, 27}};
    static const table_row women_b[] = {{"JPN", 9, 13, 7},
                                        {"CZE", 7, 10, 8},
                                        {"SWE", 6, 7, 8},
                                        {"CHN", 5, 7, 7},
                                        {"DEN", 3, 7, 14}};
    check_table("iho/owg2022-men-group-A.json", men_a, 4);
    check_table("iho/owg2022-men-group-B.json", men_b, 4);
    check_table("iho/owg2022-men-group-C.json", men_c, 4);
    check_table("iho/owg2022-women-group-A.json", women_a, 5);
    check_table("iho/owg2022-women-group-B.json", women_b, 5);
}

/* The women's group A three-way tie, with the steps that decided it. */
static void test_owg2022_women_a_tie_break(void **state)
{
    (void)state;
    json_t *out = score_file("iho/owg2022-women-group-A.json");
    json_t *results = json_object_get(out, "results");
    const char *rank4 = json_string_value(
        json_object_get(json_object_get(json_array_get(results, 3), "detail"), "tie_break"));
    const char *rank5 = json_string_value(
        json_object_get(json_object_get(json_array_get(results, 4), "detail"), "tie_break"));
    assert_non_null(strstr(rank4, "goal difference in games among the tied teams"));
    assert_non_null(strstr(rank5, "game between the two tied teams"));
    json_decref(out);
}

enum { A, B, C, D, E };

static void rank_teams(const pd_iho_game *games, size_t n, size_t teams, const int *world,
                       pd_iho_standing *out)
{
    pd_diag diag = {0};
    for (size_t g = 0; g < n; g++)
        assert_int_equal(pd_iho_game_check(&games[g], &diag), PD_OK);
    assert_int_equal(pd_iho_standings(games, n, teams, world, out, &diag), PD_OK);
}

/* Two teams level on points: the game between them, whatever the goal difference. */
static void test_two_teams_head_to_head(void **state)
{
    (void)state;
    const pd_iho_game games[] = {
        {{A, B}, {2, 3}, PD_IHO_OT},  /* B beats A: B 2, A 1 */
        {{A, C}, {9, 0}, PD_IHO_REG}, /* A 4 points, +8 */
        {{B, C}, {1, 0}, PD_IHO_SO},  /* B 4 points, +2 */
    };
    pd_iho_standing st[3];
    rank_teams(games, 3, 3, NULL, st);
    assert_int_equal(st[0].team, B);
    assert_int_equal(st[1].team, A);
    assert_int_equal(st[1].reason, PD_IHO_BY_HEAD_TO_HEAD);
    assert_int_equal(st[1].rank, 2);
}

/* Step 1: points in the games among three tied teams (OT results count 2-1). */
static void test_step1_points_among(void **state)
{
    (void)state;
    const pd_iho_game games[] = {
        {{A, B}, {3, 1}, PD_IHO_REG}, /* A 3 */
        {{B, C}, {2, 0}, PD_IHO_REG}, /* B 3 */
        {{C, A}, {4, 3}, PD_IHO_OT},  /* C 2, A 1 */
        {{A, D}, {1, 2}, PD_IHO_OT},  /* A 1 -> 5 */
        {{B, D}, {2, 1}, PD_IHO_SO},  /* B 2 -> 5 */
        {{C, D}, {3, 0}, PD_IHO_REG}, /* C 3 -> 5 */
    };
    pd_iho_standing st[4];
    rank_teams(games, 6, 4, NULL, st);
    assert_int_equal(st[0].team, A);
    assert_int_equal(st[1].team, B);
    assert_int_equal(st[1].reason, PD_IHO_BY_SUB_POINTS);
    assert_int_equal(st[2].team, C);
    assert_int_equal(st[3].team, D);
    assert_int_equal(st[3].reason, PD_IHO_BY_POINTS);
}

/* Steps 2 and 3: goal difference, then goals scored, among the tied teams. */
static void test_steps2_3(void **state)
{
    (void)state;
    const pd_iho_game games[] = {
        {{A, B}, {5, 4}, PD_IHO_REG}, {{B, C}, {4, 3}, PD_IHO_REG},
        {{C, A}, {2, 1}, PD_IHO_REG}, /* level on points and goal difference; goals A 6, B 8, C 5 */
        {{D, A}, {1, 0}, PD_IHO_REG}, {{D, B}, {1, 0}, PD_IHO_REG},
        {{D, C}, {1, 0}, PD_IHO_REG},
    };
    pd_iho_standing st[4];
    rank_teams(games, 6, 4, NULL, st);
    assert_int_equal(st[0].team, D);
    assert_int_equal(st[1].team, B); /* most goals among the tied */
    assert_int_equal(st[2].team, A);
    assert_int_equal(st[2].reason, PD_IHO_BY_SUB_GOALS);
    assert_int_equal(st[3].team, C);
}

/* Step 4: results against the closest best-ranked team outside the subgroup. */
static void test_step4_outside(void **state)
{
    (void)state;
    const pd_iho_game games[] = {
        {{A, B}, {2, 1}, PD_IHO_REG}, {{B, C}, {2, 1}, PD_IHO_REG},
        {{C, A}, {2, 1}, PD_IHO_REG}, /* a perfect circle */
        {{D, A}, {1, 0}, PD_IHO_REG}, {{D, B}, {2, 0}, PD_IHO_REG},
        {{D, C}, {3, 0}, PD_IHO_REG},
    };
    pd_iho_standing st[4];
    rank_teams(games, 6, 4, NULL, st);
    assert_int_equal(st[0].team, D);
    assert_int_equal(st[1].team, A);
    assert_int_equal(st[2].team, B);
    assert_int_equal(st[2].reason, PD_IHO_BY_OUTSIDE);
    assert_int_equal(st[2].versus, D);
    assert_int_equal(st[3].team, C);
}

/* Step 4 leaves two level: the game between those two decides. */
static void test_step4_then_head_to_head(void **state)
{
    (void)state;
    const pd_iho_game games[] = {
        {{A, B}, {1, 2}, PD_IHO_REG}, {{B, C}, {1, 2}, PD_IHO_REG},
        {{C, A}, {1, 2}, PD_IHO_REG}, /* B beat A, C beat B, A beat C */
        {{D, A}, {1, 0}, PD_IHO_REG}, {{D, B}, {1, 0}, PD_IHO_REG},
        {{D, C}, {3, 0}, PD_IHO_REG},
    };
    pd_iho_standing st[4];
    rank_teams(games, 6, 4, NULL, st);
    assert_int_equal(st[1].team, B);
    assert_int_equal(st[2].team, A);
    assert_int_equal(st[2].reason, PD_IHO_BY_HEAD_TO_HEAD);
    assert_int_equal(st[3].team, C);
    assert_int_equal(st[3].reason, PD_IHO_BY_OUTSIDE);
}

/* Step 6: the world ranking; without it the teams share the rank. */
static void test_step6_world_ranking(void **state)
{
    (void)state;
    const pd_iho_game games[] = {
        {{A, B}, {2, 1}, PD_IHO_REG}, {{B, C}, {2, 1}, PD_IHO_REG}, {{C, A}, {2, 1}, PD_IHO_REG},
        {{D, A}, {1, 0}, PD_IHO_REG}, {{D, B}, {1, 0}, PD_IHO_REG}, {{D, C}, {1, 0}, PD_IHO_REG},
    };
    const int world[] = {3, 0, 1, 7}; /* C 1st, A 3rd, B unranked */
    pd_iho_standing st[4];
    rank_teams(games, 6, 4, world, st);
    assert_int_equal(st[1].team, C);
    assert_int_equal(st[2].team, A);
    assert_int_equal(st[2].reason, PD_IHO_BY_WORLD_RANKING);
    assert_int_equal(st[3].team, B);
    rank_teams(games, 6, 4, NULL, st);
    assert_int_equal(st[1].rank, 2);
    assert_int_equal(st[2].rank, 2);
    assert_int_equal(st[3].rank, 2);
    assert_int_equal(st[3].reason, PD_IHO_BY_TIED);
    assert_int_equal(st[1].team, A); /* input order among the tied */
}

static void test_game_check(void **state)
{
    (void)state;
    pd_diag diag = {0};
    pd_iho_game level = {{A, B}, {2, 2}, PD_IHO_REG};
    pd_iho_game ot_two = {{A, B}, {4, 2}, PD_IHO_OT};
    pd_iho_game so_one = {{A, B}, {2, 3}, PD_IHO_SO};
    assert_int_equal(pd_iho_game_check(&level, &diag), PD_ERR_INPUT);
    assert_int_equal(pd_iho_game_check(&ot_two, &diag), PD_ERR_INPUT);
    assert_non_null(strstr(diag.reason, "contradicts decided OT"));
    assert_int_equal(pd_iho_game_check(&so_one, &diag), PD_OK);
    pd_rr_game rr = pd_iho_rr_game(&so_one);
    assert_int_equal(rr.points[0], 1);
    assert_int_equal(rr.points[1], 2);
}

/* Men's seeding across groups (ranking after the preliminary round). */
static void test_seed_across_groups(void **state)
{
    (void)state;
    /* Beijing 2022 group lines: points, goals for, goals against */
    pd_iho_placed placed[] = {
        {0, 1, {.points = 9, .score_for = 15, .score_against = 4}, 0},  /* USA */
        {1, 2, {.points = 6, .score_for = 12, .score_against = 5}, 0},  /* CAN */
        {2, 3, {.points = 3, .score_for = 6, .score_against = 10}, 0},  /* GER */
        {3, 4, {.points = 0, .score_for = 2, .score_against = 16}, 0},  /* CHN */
        {4, 1, {.points = 7, .score_for = 8, .score_against = 6}, 0},   /* ROC */
        {5, 2, {.points = 6, .score_for = 7, .score_against = 6}, 0},   /* DEN */
        {6, 3, {.points = 4, .score_for = 9, .score_against = 8}, 0},   /* CZE */
        {7, 4, {.points = 1, .score_for = 4, .score_against = 8}, 0},   /* SUI */
        {8, 1, {.points = 8, .score_for = 13, .score_against = 6}, 0},  /* FIN */
        {9, 2, {.points = 7, .score_for = 10, .score_against = 7}, 0},  /* SWE */
        {10, 3, {.points = 3, .score_for = 8, .score_against = 12}, 0}, /* SVK */
        {11, 4, {.points = 0, .score_for = 5, .score_against = 11}, 0}, /* LAT */
    };
    /* Published seeding 1-12: USA FIN ROC SWE CAN DEN CZE SVK GER SUI LAT CHN */
    const size_t want[] = {0, 8, 4, 9, 1, 5, 6, 10, 2, 7, 11, 3};
    pd_iho_seed(placed, 12);
    for (size_t i = 0; i < 12; i++)
        assert_int_equal(placed[i].team, want[i]);
}

typedef struct {
    const char *noc;
    int seed;
} placed_row;

static void check_final(const char *file, const placed_row *want, size_t n)
{
    json_t *out = score_file(file);
    json_t *results = json_object_get(out, "results");
    assert_int_equal(json_array_size(results), n);
    for (size_t i = 0; i < n; i++) {
        json_t *row = json_array_get(results, i);
        char seed[16];
        snprintf(seed, sizeof seed, "%d", want[i].seed);
        assert_string_equal(json_string_value(json_object_get(row, "competitor")), want[i].noc);
        assert_int_equal(json_integer_value(json_object_get(row, "rank")), (json_int_t)i + 1);
        assert_string_equal(
            json_string_value(json_object_get(json_object_get(row, "detail"), "seed")), seed);
    }
    json_decref(out);
}

/*
 * The whole men's tournament: seeds 1-12 after the preliminary round (USA,
 * FIN, ROC, SWE, CAN, DEN, CZE, SVK, GER, SUI, LAT, CHN: "Seedings for
 * Knockout Rounds", kindertruthandhonesty.wordpress.com, 14 February 2022),
 * every play-off game accepted as the pairing the format derives (a game
 * between other teams is rejected), and the final standings 1-12 (same
 * source, 20 February 2022; Wikipedia: the Czech Republic ninth).
 */
static void test_owg2022_men_tournament(void **state)
{
    (void)state;
    static const placed_row want[] = {
        {"FIN", 2}, {"ROC", 3},  {"SVK", 8}, {"SWE", 4}, {"USA", 1},  {"CAN", 5},
        {"DEN", 6}, {"SUI", 10}, {"CZE", 7}, {"GER", 9}, {"LAT", 11}, {"CHN", 12},
    };
    check_final("iho/owg2022-men.json", want, 12);
}

/* Women: seeds A1-A5 then B1-B5; final ranking (medallists as in the feed;
 * 5th-10th follow the IIHF rule and were not checked against a publication
 * in this work). */
static void test_owg2022_women_tournament(void **state)
{
    (void)state;
    static const placed_row want[] = {
        {"CAN", 1}, {"USA", 2}, {"FIN", 3}, {"SUI", 5}, {"ROC", 4},
        {"JPN", 6}, {"CZE", 7}, {"SWE", 8}, {"CHN", 9}, {"DEN", 10},
    };
    check_final("iho/owg2022-women.json", want, 10);
}

/* The format itself: pairings from seeds and winners, re-seeded semi-finals. */
static void test_men_format_pairings(void **state)
{
    (void)state;
    const pd_playoff_format *f = pd_iho_format_owg2022_men();
    int winner[PD_PLAYOFF_MAX_GAMES];
    int pairing[PD_PLAYOFF_MAX_GAMES][2];
    int places[12];
    pd_diag diag = {0};
    for (int g = 0; g < f->game_count; g++)
        winner[g] = -1;
    assert_int_equal(pd_playoff_resolve(f, winner, pairing, places, &diag), PD_OK);
    assert_int_equal(pairing[0][0], 5);
    assert_int_equal(pairing[0][1], 12);
    assert_int_equal(pairing[4][1], 0); /* QF1 waits for 8 v 9 */
    /* Beijing: 5, 6, 10 and 8 won the qualification games */
    winner[0] = 0;
    winner[1] = 0;
    winner[2] = 1;
    winner[3] = 0;
    assert_int_equal(pd_playoff_resolve(f, winner, pairing, places, &diag), PD_OK);
    assert_int_equal(pairing[4][1], 8);  /* 1 v SVK */
    assert_int_equal(pairing[5][1], 10); /* 2 v SUI */
    assert_int_equal(places[8], 7);      /* 9th: CZE, best-seeded qualification loser */
    /* QF winners 8, 2, 3, 4: semi-finals 2 v 8 and 3 v 4 */
    winner[4] = 1;
    winner[5] = 0;
    winner[6] = 0;
    winner[7] = 0;
    assert_int_equal(pd_playoff_resolve(f, winner, pairing, places, &diag), PD_OK);
    assert_int_equal(pairing[8][0], 2);
    assert_int_equal(pairing[8][1], 8);
    assert_int_equal(pairing[9][0], 3);
    assert_int_equal(pairing[9][1], 4);
    assert_int_equal(places[4], 1); /* 5th: USA, best-seeded QF loser */
    assert_int_equal(places[0], 0); /* gold not played yet */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_owg2022_groups),
        cmocka_unit_test(test_owg2022_women_a_tie_break),
        cmocka_unit_test(test_two_teams_head_to_head),
        cmocka_unit_test(test_step1_points_among),
        cmocka_unit_test(test_steps2_3),
        cmocka_unit_test(test_step4_outside),
        cmocka_unit_test(test_step4_then_head_to_head),
        cmocka_unit_test(test_step6_world_ranking),
        cmocka_unit_test(test_game_check),
        cmocka_unit_test(test_seed_across_groups),
        cmocka_unit_test(test_owg2022_men_tournament),
        cmocka_unit_test(test_owg2022_women_tournament),
        cmocka_unit_test(test_men_format_pairings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
