/*
 * Tests for src/rules/skijumping.c.
 *
 * - Single jumps with official figures: Beijing 2022 men's normal hill
 *   (NBC Olympics / Gracenote feed, ../shared/data/beijing2022/215) and FIS
 *   World Cup jumps of 2012-2016 (../shared/data/skijumping).
 * - Every jump of tests/data/sjp/jumps_2012_2016.txt (17,869 World Cup and
 *   Grand Prix jumps converted by tools/convert_skijumping.py) recomputed:
 *   distance, style, gate, wind and jump points against the published ones;
 *   25 competitions on hills whose gates are not evenly spaced use a gate
 *   position table with the hill's gate factor; team events start each group
 *   from its own gate.
 * - The final round: best 30 with ties at the cut; team IRMs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "podium/fixed.h"
#include "podium/skijumping.h"

#ifndef PODIUM_TESTDATA
#define PODIUM_TESTDATA "tests/data"
#endif

/*
 * The 2012-2016 file reproduced (docs/validation.md): jumps with all five
 * figures exact, out of 17869; the gate and wind figures not reproduced;
 * competitions with every jump exact, out of 245. Any change fails the test:
 * a drop is a regression, a gain must be recorded here and in the docs.
 */
#define SJP_2012_2016_TOTAL       17869
#define SJP_2012_2016_EXACT       17787
#define SJP_2012_2016_GATE_MISS   7
#define SJP_2012_2016_WIND_MISS   75
#define SJP_2012_2016_COMPS       245
#define SJP_2012_2016_COMPS_EXACT 202

static pd_sjp_config large_hill(void)
{
    /* Innsbruck 2012 (codex 3069): K 120, HS 130, 1.8 points/m, 4.2 points/gate, 8.46 */
    pd_sjp_config c = {.k_dm = 1200,
                       .hs_dm = 1300,
                       .meter_value_c = 180,
                       .base_t = 600,
                       .has_gate = true,
                       .points_per_gate_c = 420,
                       .head_c = 846,
                       .tail_c = 846,
                       .rounds = 2,
                       .final_round = 30};
    for (int r = 0; r < PD_SJP_MAX_ROUNDS; r++)
        for (int g = 0; g < PD_SJP_MAX_GROUPS; g++)
            c.gate_start[r][g] = 10;
    return c;
}

static void test_one_jump(void **state)
{
    (void)state;
    pd_sjp_config c = large_hill();
    /* KOFLER Andreas, round 1: 127.5 m, 18.5 18 19 18.5 18.5, 0.56 m/s, gate 9 */
    pd_sjp_jump j = {.round = 1,
                     .distance_dm = 1275,
                     .marks_t = {185, 180, 190, 185, 185},
                     .wind_c = 56,
                     .has_gate = true,
                     .gate = 9};
    assert_int_equal(pd_sjp_jump_score(&c, &j, NULL), PD_OK);
    assert_int_equal(j.distance_points, 735);
    assert_int_equal(j.style_points, 555);
    assert_int_equal(j.gate_points, 42);
    assert_int_equal(j.wind_points, -47);
    assert_int_equal(j.points, 1285);
    /* a higher gate loses, tail wind gains: -0.35 m/s x 8.46 = 2.961 -> +3.0 */
    j.gate = 11;
    j.wind_c = -35;
    assert_int_equal(pd_sjp_jump_score(&c, &j, NULL), PD_OK);
    assert_int_equal(j.gate_points, -42);
    assert_int_equal(j.wind_points, 30);
}

/*
 * Gates not evenly spaced: FIS World Cup Oberstdorf 2013/14 (codex 3838, K
 * 120, gate factor 7.40 points per metre of in-run), published gate points:
 * round 1 from gate 19, gate 18 +3.6, gate 17 +7.4, gate 15 +14.8; round 2
 * from gate 18, gate 17 +3.8, gate 16 +7.5. No single points per gate gives
 * both 3.6 and 7.4; the in-run positions derived by tools/convert_skijumping.py
 * (gates 15..19 at 0, 50, 100, 151, 200 cm) give all five.
 */
static void test_gate_positions(void **state)
{
    (void)state;
    static const pd_sjp_gate_position pos[] = {{15, 0}, {16, 50}, {17, 100}, {18, 151}, {19, 200}};
    pd_sjp_config c = {.k_dm = 1200,
                       .hs_dm = 1370,
                       .meter_value_c = 180,
                       .base_t = 600,
                       .has_gate = true,
                       .gate_factor_c = 740,
                       .gate_positions = pos,
                       .gate_position_count = 5,
                       .rounds = 2,
                       .final_round = 30};
    for (int g = 0; g < PD_SJP_MAX_GROUPS; g++) {
        c.gate_start[0][g] = 19;
        c.gate_start[1][g] = 18;
    }
    assert_int_equal(pd_sjp_config_check(&c, NULL), PD_OK);
    const struct {
        int round;
        int64_t gate;
        int64_t want_t;
    } cases[] = {{1, 19, 0}, {1, 18, 36}, {1, 17, 74}, {1, 15, 148},
                 {2, 18, 0}, {2, 17, 38}, {2, 16, 75}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        pd_sjp_jump j = {.round = cases[i].round,
                         .distance_dm = 1200,
                         .has_gate = true,
                         .gate = cases[i].gate,
                         .marks_t = {180, 180, 180, 180, 180}};
        assert_int_equal(pd_sjp_jump_score(&c, &j, NULL), PD_OK);
        assert_int_equal(j.gate_points, cases[i].want_t);
    }
    /* a gate without a position, a starting gate without one, a table out of order */
    pd_sjp_jump j = {.round = 1,
                     .distance_dm = 1200,
                     .has_gate = true,
                     .gate = 14,
                     .marks_t = {180, 180, 180, 180, 180}};
    assert_int_equal(pd_sjp_jump_score(&c, &j, NULL), PD_ERR_INPUT);
    c.gate_start[1][0] = 20;
    assert_int_equal(pd_sjp_config_check(&c, NULL), PD_ERR_INPUT);
    c.gate_start[1][0] = 18;
    static const pd_sjp_gate_position unordered[] = {{15, 0}, {16, 50}, {17, 40}};
    c.gate_positions = unordered;
    c.gate_position_count = 3;
    assert_int_equal(pd_sjp_config_check(&c, NULL), PD_ERR_INPUT);
}

static void test_zero_floor_and_coach(void **state)
{
    (void)state;
    /* WELLINGER Andreas, 2015 codex 3815: 55 m on K 120 = -57 distance points, 0 in all */
    pd_sjp_config c = large_hill();
    c.tail_c = c.head_c = 1170;
    pd_sjp_jump j = {.round = 1,
                     .distance_dm = 550,
                     .marks_t = {30, 30, 40, 30, 30},
                     .wind_c = 154,
                     .has_gate = true,
                     .gate = 10};
    assert_int_equal(pd_sjp_jump_score(&c, &j, NULL), PD_OK);
    assert_int_equal(j.distance_points, -570);
    assert_int_equal(j.style_points, 90);
    assert_int_equal(j.wind_points, -180);
    assert_int_equal(j.points, 0);

    /* coach's gate: compensation only at 95% of HS (123.5 m on HS 130) */
    c = large_hill();
    pd_sjp_jump k = {.round = 1,
                     .distance_dm = 1230,
                     .marks_t = {180, 180, 180, 180, 180},
                     .has_gate = true,
                     .gate = 9,
                     .coach_gate = true};
    assert_int_equal(pd_sjp_jump_score(&c, &k, NULL), PD_OK);
    assert_int_equal(k.gate_points, 0);
    k.distance_dm = 1235;
    assert_int_equal(pd_sjp_jump_score(&c, &k, NULL), PD_OK);
    assert_int_equal(k.gate_points, 42);
    k.gate = 11; /* a coach cannot raise the gate */
    pd_diag diag = {0};
    assert_int_equal(pd_sjp_jump_score(&c, &k, &diag), PD_ERR_INPUT);
    assert_non_null(strstr(diag.reason, "coach"));
}

static void test_bad_jumps(void **state)
{
    (void)state;
    pd_sjp_config c = large_hill();
    pd_diag diag = {0};
    pd_sjp_jump j = {.round = 1, .distance_dm = 1273, .marks_t = {185, 180, 190, 185, 185}};
    assert_int_equal(pd_sjp_jump_score(&c, &j, &diag), PD_ERR_INPUT);
    assert_non_null(strstr(diag.reason, "0.5 m"));
    j.distance_dm = 1275;
    j.marks_t[2] = 205;
    assert_int_equal(pd_sjp_jump_score(&c, &j, &diag), PD_ERR_INPUT);
    j.marks_t[2] = 190;
    j.round = 3;
    assert_int_equal(pd_sjp_jump_score(&c, &j, &diag), PD_ERR_INPUT);
}

/* 33 athletes; round-1 points 100.0 down, with three tied at 30th */
static void test_final_round_ties(void **state)
{
    (void)state;
    enum { N = 33 };
    pd_sjp_config c = large_hill();
    c.has_gate = false;
    pd_sjp_jump jumps[N + 3];
    pd_sjp_standing st[N];
    pd_rank_item items[N];
    size_t bad;
    memset(jumps, 0, sizeof jumps);
    for (size_t i = 0; i < N; i++) {
        /* distance 120 m + i half metres less; 29, 30, 31 share 30th */
        size_t step = i < 29 ? i : (i < 32 ? 29 : 31);
        jumps[i] = (pd_sjp_jump){.entry = i,
                                 .round = 1,
                                 .distance_dm = (int64_t)(1400 - 5 * step),
                                 .marks_t = {180, 180, 180, 180, 180}};
        items[i] = (pd_rank_item){.index = i, .order = (int64_t)i};
    }
    /* the three tied at the cut jump again */
    for (size_t t = 0; t < 3; t++)
        jumps[N + t] = (pd_sjp_jump){
            .entry = 29 + t, .round = 2, .distance_dm = 1200, .marks_t = {180, 180, 180, 180, 180}};
    assert_int_equal(pd_sjp_rank(&c, jumps, N + 3, st, items, N, &bad, NULL), PD_OK);
    assert_true(st[31].qualified);
    assert_false(st[32].qualified);
    /* the 33rd did not reach the final round: a second jump is refused */
    jumps[N].entry = 32;
    pd_diag diag = {0};
    assert_int_equal(pd_sjp_rank(&c, jumps, N + 3, st, items, N, &bad, &diag), PD_ERR_INPUT);
    assert_int_equal(bad, N);
    assert_non_null(strstr(diag.reason, "not admitted"));
}

static void test_ranks_and_irm(void **state)
{
    (void)state;
    pd_sjp_config c = large_hill();
    c.has_gate = false;
    c.rounds = 1;
    pd_sjp_jump jumps[] = {
        {.entry = 0, .round = 1, .distance_dm = 1200, .marks_t = {180, 180, 180, 180, 180}},
        {.entry = 1, .round = 1, .irm = PD_IRM_DSQ},
        {.entry = 2, .round = 1, .distance_dm = 1200, .marks_t = {180, 180, 180, 180, 180}},
        {.entry = 3, .round = 1, .distance_dm = 1250, .marks_t = {180, 180, 180, 180, 180}},
    };
    pd_sjp_standing st[5];
    pd_rank_item items[5];
    for (size_t i = 0; i < 5; i++)
        items[i] = (pd_rank_item){.index = i, .order = (int64_t)(10 - i)};
    size_t bad;
    assert_int_equal(pd_sjp_rank(&c, jumps, 4, st, items, 5, &bad, NULL), PD_OK);
    const size_t want_index[] = {3, 2, 0, 1, 4};
    const int want_rank[] = {1, 2, 2, 0, 0};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(items[i].index, want_index[i]);
        assert_int_equal(items[i].rank, want_rank[i]);
    }
    assert_int_equal(st[1].irm, PD_IRM_DSQ);
    assert_int_equal(st[4].irm, PD_IRM_DNS); /* on the list, no jump */
    /* in a team event a member's DSQ scores nothing and the team stays ranked */
    c.team = true;
    jumps[1].group = 2;
    assert_int_equal(pd_sjp_rank(&c, jumps, 4, st, items, 5, &bad, NULL), PD_OK);
    assert_int_equal(st[1].irm, PD_IRM_DNS); /* its only jump was the DSQ */
}

/* ---- the 2012-2016 file ---- */

static int parse_fixed(const char *text, int decimals, int64_t *out)
{
    return pd_fixed_parse(text, strlen(text), decimals, out, NULL) == PD_OK;
}

static void test_reproduce_2012_2016(void **state)
{
    (void)state;
    const char *name = PODIUM_TESTDATA "/sjp/jumps_2012_2016.txt";
    FILE *f = fopen(name, "r");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", name);
        fail();
    }
    char line[512];
    pd_sjp_config c = {0};
    pd_sjp_gate_position positions[PD_SJP_MAX_GATES];
    long total = 0, exact = 0, comps = 0, comps_exact = 0, comp_bad = 0;
    long part_bad[5] = {0};
    while (fgets(line, sizeof line, f)) {
        char *tok[32] = {0};
        int n = 0;
        /* split on spaces in place */
        for (char *p = line; *p && n < 32;) {
            while (*p == ' ' || *p == '\n')
                *p++ = '\0';
            if (!*p)
                break;
            tok[n++] = p;
            while (*p && *p != ' ' && *p != '\n')
                p++;
        }
        if (n == 0 || tok[0][0] == '#')
            continue;
        if (strcmp(tok[0], "C") == 0) {
            assert_int_equal(n, 13);
            if (comps > 0 && comp_bad == 0)
                comps_exact++;
            comps++;
            comp_bad = 0;
            memset(&c, 0, sizeof c);
            assert_true(parse_fixed(tok[3], 1, &c.k_dm));
            assert_true(parse_fixed(tok[4], 1, &c.hs_dm));
            assert_true(parse_fixed(tok[5], 2, &c.meter_value_c));
            assert_true(parse_fixed(tok[6], 1, &c.base_t));
            c.rounds = (int)strtol(tok[7], NULL, 10);
            assert_true(parse_fixed(tok[8], 2, &c.head_c));
            assert_true(parse_fixed(tok[9], 2, &c.tail_c));
            c.has_gate = strcmp(tok[10], "-") != 0;
            if (c.has_gate && strcmp(tok[12], "-") != 0) {
                /* unevenly spaced gates: gate factor per metre, LOWEST:cm,cm,... */
                assert_true(parse_fixed(tok[10], 2, &c.gate_factor_c));
                char *p = tok[12];
                int64_t gate = strtol(p, &p, 10);
                assert_int_equal(*p, ':');
                size_t count = 0;
                while (*p == ':' || *p == ',') {
                    p++;
                    assert_true(count < PD_SJP_MAX_GATES);
                    positions[count].gate = gate++;
                    positions[count].position_cm = strtol(p, &p, 10);
                    count++;
                }
                c.gate_positions = positions;
                c.gate_position_count = count;
            } else if (c.has_gate) {
                assert_true(parse_fixed(tok[10], 2, &c.points_per_gate_c));
            }
            if (c.has_gate) {
                /* "19,18": one gate per round; team events "24/20/16/12,...": per group */
                char *p = tok[11];
                for (int r = 0; r < c.rounds; r++) {
                    int64_t g = strtol(p, &p, 10);
                    for (int k = 0; k < PD_SJP_MAX_GROUPS; k++)
                        c.gate_start[r][k] = g;
                    for (int k = 1; k < PD_SJP_MAX_GROUPS && *p == '/'; k++)
                        c.gate_start[r][k] = strtol(p + 1, &p, 10);
                    if (*p == ',')
                        p++;
                }
            }
            assert_int_equal(pd_sjp_config_check(&c, NULL), PD_OK);
            continue;
        }
        assert_string_equal(tok[0], "J");
        assert_int_equal(n, 19);
        pd_sjp_jump j = {.round = (int)strtol(tok[2], NULL, 10),
                         .group = (int)strtol(tok[3], NULL, 10)};
        int64_t want[5];
        assert_true(parse_fixed(tok[4], 1, &j.distance_dm));
        for (int m = 0; m < 5; m++)
            assert_true(parse_fixed(tok[5 + m], 1, &j.marks_t[m]));
        assert_true(parse_fixed(tok[10], 2, &j.wind_c));
        if (strcmp(tok[11], "-") != 0) {
            j.has_gate = true;
            j.gate = strtol(tok[11], NULL, 10);
        }
        j.coach_gate = tok[12][0] == '1';
        for (int k = 0; k < 5; k++)
            assert_true(parse_fixed(tok[14 + k], 1, &want[k]));
        assert_int_equal(pd_sjp_jump_score(&c, &j, NULL), PD_OK);
        const int64_t got[5] = {j.distance_points, j.style_points, j.gate_points, j.wind_points,
                                j.points};
        int ok = 1;
        for (int k = 0; k < 5; k++)
            if (got[k] != want[k]) {
                part_bad[k]++;
                ok = 0;
            }
        total++;
        exact += ok;
        comp_bad += !ok;
    }
    if (comps > 0 && comp_bad == 0)
        comps_exact++;
    fclose(f);
    printf("# 2012-2016 jumps reproduced exactly: %ld / %ld (competitions all exact: %ld / %ld)\n",
           exact, total, comps_exact, comps);
    printf("# mismatches: distance %ld, style %ld, gate %ld, wind %ld, points %ld\n", part_bad[0],
           part_bad[1], part_bad[2], part_bad[3], part_bad[4]);
    assert_int_equal(total, SJP_2012_2016_TOTAL);
    assert_int_equal(exact, SJP_2012_2016_EXACT);
    assert_int_equal(part_bad[0], 0);
    assert_int_equal(part_bad[1], 0);
    assert_int_equal(part_bad[2], SJP_2012_2016_GATE_MISS);
    assert_int_equal(part_bad[3], SJP_2012_2016_WIND_MISS);
    assert_int_equal(comps, SJP_2012_2016_COMPS);
    assert_int_equal(comps_exact, SJP_2012_2016_COMPS_EXACT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_jump),
        cmocka_unit_test(test_gate_positions),
        cmocka_unit_test(test_zero_floor_and_coach),
        cmocka_unit_test(test_bad_jumps),
        cmocka_unit_test(test_final_round_ties),
        cmocka_unit_test(test_ranks_and_irm),
        cmocka_unit_test(test_reproduce_2012_2016),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
