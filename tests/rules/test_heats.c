/*
 * Tests for src/rules/heats.c with Beijing 2022 short track figures
 * (NBC/Gracenote feed, ../shared/data/beijing2022, 302): men's 500m heats 6
 * and 7 (match 2413659): AZHGALIYEV 40.870, HWANG 40.971, PIVIROTTO 40.972
 * (+0.148 = 41.018: q), DE LAAT 4th; LIU Shaoang 40.797, BYKANOV 40.900, SUN
 * Long 42.871 advanced by the Referee (ADV), VAN 'T WOUT penalised (PEN).
 * With two best-time places for thirds, SUN Long's ADV takes one (ISU SR ST
 * Rule 295 as applied in Beijing): PIVIROTTO alone is q.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "podium/heats.h"

enum { AZH, HWA, PIV, DEL, LIU, BYK, SUN, VAN, N };

static pd_heats_format two_rounds(void)
{
    pd_heats_format f = {.round_count = 2, .tiebreak = PD_TIEBREAK_TIME};
    pd_heats_round *h = &f.round[0];
    snprintf(h->name, sizeof h->name, "HEAT");
    h->type = PD_ROUND_RACE;
    h->referee_advancement = true;
    h->advanced_take_time_places = true;
    h->target_count = 1;
    h->target[0] = (pd_heats_target){.to_round = 1,
                                     .place_from = 1,
                                     .place_to = 2,
                                     .best_times = 2,
                                     .time_place_from = 3,
                                     .time_place_to = 3,
                                     .mark = "Q",
                                     .time_mark = "q"};
    pd_heats_round *fin = &f.round[1];
    snprintf(fin->name, sizeof fin->name, "FNL");
    fin->type = PD_ROUND_FINALS;
    fin->final_count = 1;
    snprintf(fin->final_name[0], sizeof fin->final_name[0], "A");
    return f;
}

static const pd_heats_perf heats[] = {
    {AZH, 0, 1, 1, 40870, PD_HEAT_PLACED, -1, {0}, 0},
    {HWA, 0, 1, 2, 40971, PD_HEAT_PLACED, -1, {0}, 0},
    {PIV, 0, 1, 3, 41018, PD_HEAT_PLACED, -1, {0}, 0},
    {DEL, 0, 1, 4, -1, PD_HEAT_PLACED, -1, {0}, 0},
    {LIU, 0, 2, 1, 40797, PD_HEAT_PLACED, -1, {0}, 0},
    {BYK, 0, 2, 2, 40900, PD_HEAT_PLACED, -1, {0}, 0},
    {SUN, 0, 2, 3, 42871, PD_HEAT_PLACED, 0, {0}, 0},
    {VAN, 0, 2, 0, -1, PD_HEAT_PEN, -1, {0}, 0},
};

static void run(const pd_heats_perf *perfs, size_t count, pd_heats_perf_result *res,
                pd_heats_standing *out, pd_err want, size_t want_bad)
{
    pd_heats_format f = two_rounds();
    int64_t seed[N] = {1, 2, 3, 4, 5, 6, 7, 8};
    size_t bad = 999;
    pd_diag diag = {0};
    assert_int_equal(pd_heats_run(&f, seed, N, perfs, count, res, out, &bad, &diag), want);
    if (want)
        assert_int_equal(bad, want_bad);
}

static void test_marks_and_classification(void **state)
{
    (void)state;
    pd_heats_perf perfs[16];
    pd_heats_perf_result res[16];
    pd_heats_standing out[N];
    memcpy(perfs, heats, sizeof heats);
    size_t n = sizeof heats / sizeof *heats;
    /* The final: LIU 1, AZHGALIYEV 2, HWANG 3, SUN 4, BYKANOV DNF, PIVIROTTO 5. */
    const int finalists[] = {LIU, AZH, HWA, SUN, PIV};
    for (int k = 0; k < 5; k++)
        perfs[n++] = (pd_heats_perf){(size_t)finalists[k], 1,  1,   k + 1, 41000 + k,
                                     PD_HEAT_PLACED,       -1, {0}, 0};
    perfs[n++] = (pd_heats_perf){BYK, 1, 1, 0, -1, PD_HEAT_DNF, -1, {0}, 0};
    run(perfs, n, res, out, PD_OK, 0);
    assert_string_equal(res[0].mark, "Q");
    assert_string_equal(res[2].mark, "q");
    assert_string_equal(res[6].mark, "ADV");
    assert_string_equal(res[3].mark, "");
    assert_int_equal(res[7].rank, 0);
    const int order[N] = {LIU, AZH, HWA, SUN, PIV, BYK, DEL, VAN};
    const int rank[N] = {1, 2, 3, 4, 5, 6, 7, 8};
    for (int k = 0; k < N; k++) {
        assert_int_equal(out[k].competitor, order[k]);
        assert_int_equal(out[k].rank, rank[k]);
    }
}

static void test_qualifier_missing(void **state)
{
    (void)state;
    pd_heats_perf perfs[16];
    pd_heats_perf_result res[16];
    pd_heats_standing out[N];
    memcpy(perfs, heats, sizeof heats);
    size_t n = sizeof heats / sizeof *heats;
    perfs[n++] = (pd_heats_perf){LIU, 1, 1, 1, 40338, PD_HEAT_PLACED, -1, {0}, 0};
    /* AZHGALIYEV qualified (perf 0) but is not in the final. */
    run(perfs, n, res, out, PD_ERR_INPUT, 0);
}

static void test_not_qualified(void **state)
{
    (void)state;
    pd_heats_perf perfs[16];
    pd_heats_perf_result res[16];
    pd_heats_standing out[N];
    memcpy(perfs, heats, sizeof heats);
    size_t n = sizeof heats / sizeof *heats;
    const int finalists[] = {LIU, AZH, HWA, SUN, PIV, BYK};
    for (int k = 0; k < 6; k++)
        perfs[n++] = (pd_heats_perf){(size_t)finalists[k], 1,  1,   k + 1, 41000 + k,
                                     PD_HEAT_PLACED,       -1, {0}, 0};
    perfs[n++] = (pd_heats_perf){DEL, 1, 1, 7, 42000, PD_HEAT_PLACED, -1, {0}, 0};
    run(perfs, n, res, out, PD_ERR_INPUT, n - 1);
}

static void test_advancement_not_allowed(void **state)
{
    (void)state;
    pd_heats_format f = two_rounds();
    f.round[0].referee_advancement = false;
    int64_t seed[N] = {0};
    pd_heats_perf_result res[8];
    pd_heats_standing out[N];
    size_t bad = 0;
    pd_diag diag = {0};
    assert_int_equal(pd_heats_run(&f, seed, N, heats, 8, res, out, &bad, &diag), PD_ERR_INPUT);
    assert_int_equal(bad, 6);
}

static void test_equal_times_at_the_cut(void **state)
{
    (void)state;
    pd_heats_perf perfs[8];
    pd_heats_perf_result res[8];
    pd_heats_standing out[N];
    memcpy(perfs, heats, sizeof heats);
    perfs[6].advanced = -1;
    perfs[6].time_ms = 41018; /* SUN equal to PIVIROTTO: both q, no final drawn yet */
    perfs[3].time_ms = 41018;
    run(perfs, 8, res, out, PD_OK, 0);
    assert_string_equal(res[2].mark, "q");
    assert_string_equal(res[6].mark, "q");
}

/*
 * Snowboard cross seeding in two runs, from Beijing 2022 men's snowboard
 * cross (match 2413441): SURGET 1:18.64 in run 1 (16th: through), LAMBERT
 * 1:19.33 then 1:17.56 (17th on his better run although faster than
 * SURGET), EGUIBAR 1:18.73 then 1:19.93 (his run 1 counts), HOUSER DNS
 * (seeded last, still in the heats). Reduced here to first_run_places 1.
 */
static void test_runs_and_unfinished(void **state)
{
    (void)state;
    enum { SUR, LAM, EGU, HOU, C4 };
    pd_heats_format f = {.round_count = 2, .tiebreak = PD_TIEBREAK_SEED};
    pd_heats_round *q = &f.round[0];
    snprintf(q->name, sizeof q->name, "QUAL");
    q->type = PD_ROUND_TIMED;
    q->combine = PD_COMBINE_BEST;
    q->first_run_places = 1;
    q->rank_unfinished = true;
    q->target_count = 1;
    q->target[0] = (pd_heats_target){.to_round = 1, .place_from = 1, .place_to = 4, .mark = "Q"};
    pd_heats_round *fin = &f.round[1];
    snprintf(fin->name, sizeof fin->name, "FNL");
    fin->type = PD_ROUND_FINALS;
    fin->final_count = 1;
    snprintf(fin->final_name[0], sizeof fin->final_name[0], "Big");
    pd_heats_perf perfs[] = {
        {SUR, 0, 1, 0, -1, PD_HEAT_PLACED, -1, {78640, -1}, 2},
        {LAM, 0, 1, 0, -1, PD_HEAT_PLACED, -1, {79330, 77560}, 2},
        {EGU, 0, 1, 0, -1, PD_HEAT_PLACED, -1, {78730, 79930}, 2},
        {HOU, 0, 1, 0, -1, PD_HEAT_DNS, -1, {-1, -1}, 2},
        {SUR, 1, 1, 1, -1, PD_HEAT_PLACED, -1, {0}, 0},
        {LAM, 1, 1, 2, -1, PD_HEAT_PLACED, -1, {0}, 0},
        {EGU, 1, 1, 3, -1, PD_HEAT_PLACED, -1, {0}, 0},
        {HOU, 1, 1, 0, -1, PD_HEAT_DNS, -1, {0}, 0},
    };
    int64_t seed[C4] = {1, 2, 3, 4};
    pd_heats_perf_result res[8];
    pd_heats_standing out[C4];
    pd_diag diag = {0};
    assert_int_equal(pd_heats_run(&f, seed, C4, perfs, 8, res, out, NULL, &diag), PD_OK);
    assert_int_equal(res[0].rank, 1);
    assert_int_equal(res[1].rank, 2);
    assert_int_equal(res[1].time_ms, 77560);
    assert_int_equal(res[2].rank, 3);
    assert_int_equal(res[2].time_ms, 78730);
    assert_int_equal(res[3].rank, 4);
    assert_string_equal(res[3].mark, "Q");
    /* A sum of runs needs every run. */
    q->combine = PD_COMBINE_SUM;
    perfs[0].run_count = 2;
    size_t bad = 0;
    assert_int_equal(pd_heats_run(&f, seed, C4, perfs, 8, res, out, &bad, &diag), PD_ERR_INPUT);
    assert_int_equal(bad, 0);
}

/*
 * Women's ski cross big final, Beijing 2022 (match 2413212): NAESLUND,
 * THOMPSON, MAIER, SMITH ranked as last (RAL): 4th. A DNF keeps its place
 * where the format says so (FIS cross), and advances by it.
 */
static void test_ranked_as_last_and_placed_dnf(void **state)
{
    (void)state;
    enum { NAE, THO, MAI, SMI, C4 };
    pd_heats_format f = {
        .round_count = 2, .tiebreak = PD_TIEBREAK_SEED, .placed_irms = 1u << PD_HEAT_DNF};
    pd_heats_round *sf = &f.round[0];
    snprintf(sf->name, sizeof sf->name, "SFNL");
    sf->type = PD_ROUND_RACE;
    sf->target_count = 1;
    sf->target[0] =
        (pd_heats_target){.to_round = 1, .to_heat = 1, .place_from = 1, .place_to = 4, .mark = "Q"};
    pd_heats_round *fin = &f.round[1];
    snprintf(fin->name, sizeof fin->name, "FNL");
    fin->type = PD_ROUND_FINALS;
    fin->final_count = 1;
    snprintf(fin->final_name[0], sizeof fin->final_name[0], "Big");
    pd_heats_perf perfs[] = {
        {NAE, 0, 1, 1, -1, PD_HEAT_PLACED, -1, {0}, 0},
        {THO, 0, 1, 2, -1, PD_HEAT_PLACED, -1, {0}, 0},
        {MAI, 0, 1, 3, -1, PD_HEAT_PLACED, -1, {0}, 0},
        {SMI, 0, 1, 4, -1, PD_HEAT_DNF, -1, {0}, 0},
        {SMI, 1, 1, 0, -1, PD_HEAT_RAL, -1, {0}, 0},
        {MAI, 1, 1, 3, -1, PD_HEAT_PLACED, -1, {0}, 0},
        {THO, 1, 1, 2, -1, PD_HEAT_PLACED, -1, {0}, 0},
        {NAE, 1, 1, 1, -1, PD_HEAT_PLACED, -1, {0}, 0},
    };
    int64_t seed[C4] = {1, 5, 3, 2};
    pd_heats_perf_result res[8];
    pd_heats_standing out[C4];
    pd_diag diag = {0};
    assert_int_equal(pd_heats_run(&f, seed, C4, perfs, 8, res, out, NULL, &diag), PD_OK);
    assert_int_equal(res[3].rank, 4);
    assert_string_equal(res[3].mark, "Q");
    assert_int_equal(res[4].rank, 4);
    assert_string_equal(pd_heat_status_name(PD_HEAT_RAL), "RAL");
    const int order[C4] = {NAE, THO, MAI, SMI};
    for (int k = 0; k < C4; k++) {
        assert_int_equal(out[k].competitor, order[k]);
        assert_int_equal(out[k].rank, k + 1);
    }
    /* Unless placed_irms says so, a DNF with a place is an error. */
    f.placed_irms = 0;
    size_t bad = 0;
    assert_int_equal(pd_heats_run(&f, seed, C4, perfs, 8, res, out, &bad, &diag), PD_ERR_INPUT);
    assert_int_equal(bad, 3);
}

/*
 * Partial mode: the two heats and the final above entered one performance at
 * a time, in the order they were raced and published, each round declared
 * complete once its last performance is in (what the server does while the
 * event runs). Every prefix is valid; marks and ranks are provisional.
 */
static pd_err run_partial(pd_heats_format *f, const pd_heats_perf *perfs, size_t count,
                          pd_heats_perf_result *res, pd_heats_standing *out, size_t *bad)
{
    int64_t seed[N] = {1, 2, 3, 4, 5, 6, 7, 8};
    pd_diag diag = {0};
    f->partial = true;
    return pd_heats_run(f, seed, N, perfs, count, res, out, bad, &diag);
}

static const pd_heats_standing *standing_of(const pd_heats_standing *out, int competitor)
{
    for (int k = 0; k < N; k++)
        if (out[k].competitor == (size_t)competitor)
            return &out[k];
    return NULL;
}

static void test_partial_in_order(void **state)
{
    (void)state;
    pd_heats_perf perfs[16];
    pd_heats_perf_result res[16];
    pd_heats_standing out[N];
    memcpy(perfs, heats, sizeof heats);
    size_t n = sizeof heats / sizeof *heats;
    const int finalists[] = {LIU, AZH, HWA, SUN, PIV};
    for (int k = 0; k < 5; k++)
        perfs[n++] = (pd_heats_perf){(size_t)finalists[k], 1,  1,   k + 1, 41000 + k,
                                     PD_HEAT_PLACED,       -1, {0}, 0};
    perfs[n++] = (pd_heats_perf){BYK, 1, 1, 0, -1, PD_HEAT_DNF, -1, {0}, 0};
    for (size_t count = 1; count <= n; count++) {
        pd_heats_format f = two_rounds();
        size_t bad = 999;
        f.round[0].complete = count >= 8;
        f.round[1].complete = count == n;
        assert_int_equal(run_partial(&f, perfs, count, res, out, &bad), PD_OK);
        if (count == 1) {
            /* AZHGALIYEV first of heat 6 alone: Q, racing for the final. */
            assert_string_equal(res[0].mark, "Q");
            assert_true(standing_of(out, AZH)->racing);
            assert_int_equal(standing_of(out, AZH)->rank, 0);
        }
        if (count == 4) {
            /* Heat 6 in: PIVIROTTO q for now (heat 7 may beat his time), DE LAAT 4th overall. */
            assert_string_equal(res[2].mark, "q");
            assert_int_equal(standing_of(out, DEL)->rank, 4);
            assert_false(standing_of(out, DEL)->racing);
        }
        if (count == 9) {
            /* LIU has won the final; the other four finalists still race it. */
            assert_int_equal(standing_of(out, LIU)->rank, 1);
            assert_int_equal(standing_of(out, AZH)->rank, 0);
            assert_int_equal(standing_of(out, DEL)->rank, 7);
        }
    }
    /* All in and every round complete: the strict classification. */
    const int order[N] = {LIU, AZH, HWA, SUN, PIV, BYK, DEL, VAN};
    for (int k = 0; k < N; k++) {
        assert_int_equal(out[k].competitor, order[k]);
        assert_int_equal(out[k].rank, k + 1);
        assert_false(out[k].racing);
    }
    /* The heats entered last finisher first: still valid at every step. */
    pd_heats_perf reversed[8];
    for (size_t i = 0; i < 8; i++)
        reversed[i] = heats[(i < 4 ? 3 - i : 11 - i)];
    for (size_t count = 1; count <= 8; count++) {
        pd_heats_format f = two_rounds();
        size_t bad = 999;
        f.round[0].complete = count == 8;
        assert_int_equal(run_partial(&f, reversed, count, res, out, &bad), PD_OK);
    }
}

static void test_partial_errors(void **state)
{
    (void)state;
    pd_heats_perf perfs[16];
    pd_heats_perf_result res[16];
    pd_heats_standing out[N];
    pd_heats_format f = two_rounds();
    size_t bad = 999;
    memcpy(perfs, heats, sizeof heats);
    /* Two second places in heat 6. */
    perfs[2].place = 2;
    assert_int_equal(run_partial(&f, perfs, 3, res, out, &bad), PD_ERR_INPUT);
    assert_int_equal(bad, 2);
    /* A fifth place in a heat of four entries: valid until the round is complete. */
    perfs[2].place = 5;
    assert_int_equal(run_partial(&f, perfs, 3, res, out, &bad), PD_OK);
    f.round[0].complete = true;
    assert_int_equal(run_partial(&f, perfs, 4, res, out, &bad), PD_ERR_INPUT);
    assert_int_equal(bad, 2);
    /* ... and never beyond the round's heat_size. */
    f = two_rounds();
    f.round[0].heat_size = 4;
    assert_int_equal(run_partial(&f, perfs, 3, res, out, &bad), PD_ERR_INPUT);
    assert_int_equal(bad, 2);
    /* DE LAAT (4th) drawn in the final: possible while the heats run, not once they are in. */
    memcpy(perfs, heats, sizeof heats);
    perfs[8] = (pd_heats_perf){DEL, 1, 1, 1, 41000, PD_HEAT_PLACED, -1, {0}, 0};
    f = two_rounds();
    assert_int_equal(run_partial(&f, perfs, 9, res, out, &bad), PD_OK);
    f.round[0].complete = true;
    assert_int_equal(run_partial(&f, perfs, 9, res, out, &bad), PD_ERR_INPUT);
    assert_int_equal(bad, 8);
    /* A qualifier missing from the final is an error once the final is complete. */
    perfs[8] = (pd_heats_perf){LIU, 1, 1, 1, 41000, PD_HEAT_PLACED, -1, {0}, 0};
    f = two_rounds();
    f.round[0].complete = true;
    assert_int_equal(run_partial(&f, perfs, 9, res, out, &bad), PD_OK);
    f.round[1].complete = true;
    assert_int_equal(run_partial(&f, perfs, 9, res, out, &bad), PD_ERR_INPUT);
    assert_int_equal(bad, 0);
}

/*
 * Duels decided by runs: the Beijing 2022 alpine mixed team parallel
 * (NBC/Gracenote feed, ../shared/data/beijing2022/115, matches 2411569 and
 * 2411570), runs 1 and 3 women, 2 and 4 men; -1 is DNF. Semi-final 1: AUT
 * 25.05 23.84 24.44 24.69 v NOR 24.62 24.46 25.30 24.27, 2:2, tie-break
 * 24.44 + 23.84 = 48.28 v 24.62 + 24.27 = 48.89: AUT "QBFT", NOR "QSF".
 * Semi-final 2: GER 24.93 24.69 DNF 24.00 v USA 25.03 23.96 DNF 24.84, 2:1
 * (run 3: neither finished, nobody scores). Big final AUT v GER 2:2, 48.27 v
 * 48.46; small final NOR v USA 2:2, 48.34 v 48.76.
 */
enum { T_AUT, T_GER, T_NOR, T_USA, T_N };

static pd_heats_format duel_format(void)
{
    pd_heats_format f = {.round_count = 2, .tiebreak = PD_TIEBREAK_SEED};
    pd_heats_duel duel = {.runs = 4, .group_count = 2, .group = {0x5, 0xa}, .tie_mark = "T"};
    pd_heats_round *sf = &f.round[0];
    snprintf(sf->name, sizeof sf->name, "SFNL");
    sf->type = PD_ROUND_RACE;
    sf->duel = duel;
    sf->target_count = 2;
    sf->target[0] = (pd_heats_target){
        .to_round = 1, .to_heat = 1, .place_from = 1, .place_to = 1, .mark = "QBF"};
    sf->target[1] = (pd_heats_target){
        .to_round = 1, .to_heat = 2, .place_from = 2, .place_to = 2, .mark = "QSF"};
    pd_heats_round *fin = &f.round[1];
    snprintf(fin->name, sizeof fin->name, "FNL");
    fin->type = PD_ROUND_FINALS;
    fin->final_count = 2;
    fin->duel = duel;
    snprintf(fin->final_name[0], sizeof fin->final_name[0], "Big");
    snprintf(fin->final_name[1], sizeof fin->final_name[1], "Small");
    snprintf(fin->winner_mark[0], sizeof fin->winner_mark[0], "W");
    snprintf(fin->winner_mark[1], sizeof fin->winner_mark[1], "w");
    return f;
}

static const pd_heats_perf duels[] = {
    {T_AUT, 0, 1, 0, -1, PD_HEAT_PLACED, -1, {25050, 23840, 24440, 24690}, 4},
    {T_NOR, 0, 1, 0, -1, PD_HEAT_PLACED, -1, {24620, 24460, 25300, 24270}, 4},
    {T_GER, 0, 2, 0, -1, PD_HEAT_PLACED, -1, {24930, 24690, -1, 24000}, 4},
    {T_USA, 0, 2, 0, -1, PD_HEAT_PLACED, -1, {25030, 23960, -1, 24840}, 4},
    {T_AUT, 1, 1, 0, -1, PD_HEAT_PLACED, -1, {25110, 23720, 24550, 25170}, 4},
    {T_GER, 1, 1, 0, -1, PD_HEAT_PLACED, -1, {24590, 24330, -1, 23870}, 4},
    {T_NOR, 1, 2, 0, -1, PD_HEAT_PLACED, -1, {25460, 24020, 24320, -1}, 4},
    {T_USA, 1, 2, 0, -1, PD_HEAT_PLACED, -1, {24720, 24960, 24840, 24040}, 4},
};

static pd_err run_duels(pd_heats_format *f, const pd_heats_perf *perfs, size_t count,
                        pd_heats_perf_result *res, pd_heats_standing *out, size_t *bad)
{
    int64_t seed[T_N] = {1, 7, 4, 6}; /* the Beijing bibs */
    pd_diag diag = {0};
    return pd_heats_run(f, seed, T_N, perfs, count, res, out, bad, &diag);
}

static void test_duels_beijing(void **state)
{
    (void)state;
    pd_heats_format f = duel_format();
    pd_heats_perf_result res[8];
    pd_heats_standing out[T_N];
    size_t bad = 999;
    assert_int_equal(run_duels(&f, duels, 8, res, out, &bad), PD_OK);
    static const struct {
        int rank, points;
        int64_t tie_ms;
        const char *mark;
    } want[] = {{1, 2, 48280, "QBFT"}, {2, 2, 48890, "QSF"}, {1, 2, 48930, "QBF"},
                {2, 1, 48990, "QSF"},  {1, 2, 48270, "W"},   {2, 2, 48460, ""},
                {1, 2, 48340, "w"},    {2, 2, 48760, ""}};
    for (size_t i = 0; i < 8; i++) {
        assert_int_equal(res[i].rank, want[i].rank);
        assert_int_equal(res[i].points, want[i].points);
        assert_int_equal(res[i].time_ms, want[i].tie_ms);
        assert_string_equal(res[i].mark, want[i].mark);
    }
    static const int podium[] = {T_AUT, T_GER, T_NOR, T_USA};
    for (int k = 0; k < T_N; k++) {
        assert_int_equal(out[k].competitor, podium[k]);
        assert_int_equal(out[k].rank, k + 1);
    }
}

static void test_duel_ties_byes_and_errors(void **state)
{
    (void)state;
    pd_heats_format f = duel_format();
    pd_heats_perf p[8];
    pd_heats_perf_result res[8];
    pd_heats_standing out[T_N];
    size_t bad = 999;
    /* Equal run times score a point each; equal tie-break times: the fastest run decides. */
    memcpy(p, duels, sizeof duels);
    p[0] = (pd_heats_perf){T_AUT, 0, 1, 0, -1, PD_HEAT_PLACED, -1, {25000, 24000, -1, 24500}, 4};
    p[1] = (pd_heats_perf){T_NOR, 0, 1, 0, -1, PD_HEAT_PLACED, -1, {25000, 23900, 25000, -1}, 4};
    assert_int_equal(run_duels(&f, p, 8, res, out, &bad), PD_ERR_INPUT);
    assert_int_equal(bad, 4); /* NOR now wins the semi-final: AUT is not in the big final */
    assert_int_equal(res[0].points, 2);
    assert_int_equal(res[1].points, 3);
    /* 2:2, tie-break 25.00 + 23.90 v 24.90 + 24.00, both 48.90: AUT's 23.90 is the fastest. */
    p[0] = (pd_heats_perf){T_AUT, 0, 1, 0, -1, PD_HEAT_PLACED, -1, {25000, 24100, 25600, 23900}, 4};
    p[1] = (pd_heats_perf){T_NOR, 0, 1, 0, -1, PD_HEAT_PLACED, -1, {25100, 24000, 24900, 24000}, 4};
    assert_int_equal(run_duels(&f, p, 8, res, out, &bad), PD_OK);
    assert_int_equal(res[0].time_ms, res[1].time_ms);
    assert_int_equal(res[0].rank, 1);
    assert_string_equal(res[0].mark, "QBFT");
    /* A bye: alone and without runs, the heat is won. */
    memcpy(p, duels, sizeof duels);
    p[1] = p[0];
    p[1].competitor = T_NOR;
    p[1].heat = 3;
    p[1].run_count = 0;
    assert_int_equal(run_duels(&f, p, 2, res, out, &bad), PD_ERR_INPUT);
    assert_int_equal(bad, 0); /* AUT has runs and no opponent */
    /* Partial mode: a duel with one side entered is undecided and its team racing. */
    f.partial = true;
    assert_int_equal(run_duels(&f, p, 2, res, out, &bad), PD_OK);
    assert_int_equal(res[0].rank, 0);
    assert_true(res[0].undecided);
    assert_true(standing_of(out, T_AUT)->racing);
    assert_int_equal(standing_of(out, T_AUT)->rank, 0);
    assert_int_equal(res[1].rank, 1);
    assert_string_equal(res[1].mark, "QBF");
    f.round[0].complete = true;
    assert_int_equal(run_duels(&f, p, 2, res, out, &bad), PD_ERR_INPUT);
    /* Three in a duel; a place given. */
    f = duel_format();
    memcpy(p, duels, sizeof duels);
    p[2].heat = 1;
    assert_int_equal(run_duels(&f, p, 4, res, out, &bad), PD_ERR_INPUT);
    assert_int_equal(bad, 2);
    memcpy(p, duels, sizeof duels);
    p[3].place = 1;
    assert_int_equal(run_duels(&f, p, 8, res, out, &bad), PD_ERR_INPUT);
    assert_int_equal(bad, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_marks_and_classification),
        cmocka_unit_test(test_qualifier_missing),
        cmocka_unit_test(test_not_qualified),
        cmocka_unit_test(test_advancement_not_allowed),
        cmocka_unit_test(test_equal_times_at_the_cut),
        cmocka_unit_test(test_runs_and_unfinished),
        cmocka_unit_test(test_ranked_as_last_and_placed_dnf),
        cmocka_unit_test(test_partial_in_order),
        cmocka_unit_test(test_partial_errors),
        cmocka_unit_test(test_duels_beijing),
        cmocka_unit_test(test_duel_ties_byes_and_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
