/*
 * heats.c: advancement through rounds of heats and the final classification.
 *
 * The engine works in four passes over the performances:
 *   1. check each performance against the format (round, heat, place or
 *      status, one performance per competitor and round, ADV only where the
 *      round allows it) and rank it in its heat (race: its place; timed:
 *      pd_rank over the whole round);
 *   2. per round, decide who advances and with which mark: referee
 *      advancements first (they are decisions, not results), then each target
 *      in the format's order, by place and then by best times among the given
 *      places (ties at the cut all go through);
 *   3. check the next rounds against those decisions: every competitor of a
 *      later round qualified for it (and for that final, or for the bracket's
 *      heat), every qualifier is there once the round is drawn;
 *   4. rank everyone with pd_rank on (group, heat, place, tie-break):
 *      finalists by final and place, then the eliminated of each round from
 *      the last round back, by place and then by time or by seeding.
 * The classification rules are those of the federations' 2021/22 books:
 * ISU Special Regulations & Technical Rules Short Track Speed Skating 2021
 * (Rule 295, final classification by final A, final B, then the round and
 * place of elimination and the time), FIS ICR Cross-Country 2021/22 (sprint:
 * final, semi-finals, quarter-finals by place then time, then the
 * qualification), FIS ICR Freestyle and Snowboard 2021/22 (cross: big final,
 * small final, then by round, place in the heat and the seeding).
 *
 * Duel rounds (the FIS alpine team parallel event) get their places from
 * the runs before pass 2 (decide_duels): run by run points, then the time
 * tie-break; the rules' sources are cited there. Their eliminated rank by
 * points won, then by the tie-break time.
 */
#include "podium/heats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const status_names[PD_HEAT_STATUS_COUNT] = {"",    "RAL", "DNF", "PEN", "YC",
                                                               "DNS", "DSQ", "RC",  "DQB"};

const char *pd_heat_status_name(pd_heat_status status)
{
    return (unsigned)status < PD_HEAT_STATUS_COUNT ? status_names[status] : "";
}

pd_err pd_heat_status_parse(const char *text, pd_heat_status *out, pd_diag *diag)
{
    for (int i = 1; i < PD_HEAT_STATUS_COUNT; i++)
        if (strcmp(text, status_names[i]) == 0) {
            *out = (pd_heat_status)i;
            return PD_OK;
        }
    return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                       "unknown mark \"%.20s\" (expected RAL, DNF, DNS, DSQ, PEN, YC, RC or DQB)",
                       text);
}

/* Where one performance sends its competitor. */
typedef struct {
    bool qualified;
    int to_round;
    int to_heat;  /* 0: any heat */
    bool bracket; /* the heat is fixed by the bracket */
} destination;

typedef struct {
    const pd_heats_format *fmt;
    const pd_heats_perf *perfs;
    size_t perf_count;
    size_t competitor_count;
    pd_heats_perf_result *res;
    destination *dest;
    size_t *at;      /* competitor * rounds + round -> perf index + 1 */
    size_t *scratch; /* perf indices */
    const int64_t *seed;
} engine;

static size_t at_index(const engine *e, size_t competitor, int round)
{
    return competitor * (size_t)e->fmt->round_count + (size_t)round;
}

static pd_err fail_at(size_t *bad_perf, size_t index, pd_diag *diag, const char *reason)
{
    if (bad_perf)
        *bad_perf = index;
    return pd_diag_set(diag, PD_ERR_INPUT, NULL, "%s", reason);
}

static pd_err check_format(const pd_heats_format *fmt, pd_diag *diag)
{
    if (fmt->round_count < 1 || fmt->round_count > PD_HEATS_MAX_ROUNDS)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "a format has 1 to %d rounds, got %d",
                           PD_HEATS_MAX_ROUNDS, fmt->round_count);
    for (int r = 0; r < fmt->round_count; r++) {
        const pd_heats_round *round = &fmt->round[r];
        if (round->type == PD_ROUND_FINALS && r != fmt->round_count - 1)
            return pd_diag_set(diag, PD_ERR_INPUT, NULL, "round %s: finals must be the last round",
                               round->name);
        if (round->type == PD_ROUND_FINALS &&
            (round->final_count < 1 || round->final_count > PD_HEATS_MAX_FINALS))
            return pd_diag_set(diag, PD_ERR_INPUT, NULL, "round %s: 1 to %d finals, got %d",
                               round->name, PD_HEATS_MAX_FINALS, round->final_count);
        if (r < fmt->round_count - 1 && round->target_count < 1)
            return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                               "round %s: nobody advances (no target) but rounds follow",
                               round->name);
        if (round->duel.runs) {
            const pd_heats_duel *duel = &round->duel;
            unsigned all = (1u << duel->runs) - 1;
            if (round->type == PD_ROUND_TIMED || duel->runs < 0 || duel->runs > PD_HEATS_MAX_RUNS ||
                duel->group_count < 0 || duel->group_count > PD_HEATS_MAX_RUNS)
                return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                   "round %s: duels are races or finals of 1 to %d runs",
                                   round->name, PD_HEATS_MAX_RUNS);
            for (int g = 0; g < duel->group_count; g++)
                if (!duel->group[g] || (duel->group[g] & ~all))
                    return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                       "round %s: a tie-break group names runs 1 to %d",
                                       round->name, duel->runs);
        }
        if (round->target_count < 0 || round->target_count > PD_HEATS_MAX_TARGETS)
            return pd_diag_set(diag, PD_ERR_INPUT, NULL, "round %s: 0 to %d targets, got %d",
                               round->name, PD_HEATS_MAX_TARGETS, round->target_count);
        for (int t = 0; t < round->target_count; t++) {
            const pd_heats_target *tg = &round->target[t];
            if (tg->to_round <= r || tg->to_round >= fmt->round_count)
                return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                   "round %s: a target must lead to a later round", round->name);
            const pd_heats_round *next = &fmt->round[tg->to_round];
            int heats = next->type == PD_ROUND_FINALS ? next->final_count : PD_HEATS_MAX_HEATS;
            if (tg->to_heat < 0 || tg->to_heat > heats)
                return pd_diag_set(diag, PD_ERR_INPUT, NULL, "round %s: no final %d in round %s",
                                   round->name, tg->to_heat, next->name);
            if (tg->place_from < 0 || tg->place_to < tg->place_from || tg->best_times < 0 ||
                tg->time_place_from < 0 || tg->time_place_to < tg->time_place_from)
                return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                   "round %s: place ranges must run from low to high", round->name);
        }
    }
    return PD_OK;
}

/* The time of a timed round made of runs; -1 when the runs give none. */
static int64_t combined_time(const pd_heats_round *round, const pd_heats_perf *p)
{
    int64_t t = -1;
    for (int k = 0; k < p->run_count; k++) {
        int64_t run = p->run_ms[k];
        if (round->combine == PD_COMBINE_SUM) {
            if (run < 0)
                return -1;
            t = (t < 0 ? 0 : t) + run;
        } else if (run >= 0 && (t < 0 || run < t)) {
            t = run;
        }
    }
    return t;
}

/* Whether a mark may keep a place in a race heat (config placed_irms). */
static bool may_place(const pd_heats_format *fmt, pd_heat_status status)
{
    return status != PD_HEAT_PLACED && (fmt->placed_irms >> status & 1u);
}

static pd_err check_perfs(engine *e, size_t *bad_perf, pd_diag *diag)
{
    const pd_heats_format *fmt = e->fmt;
    for (size_t i = 0; i < e->perf_count; i++) {
        const pd_heats_perf *p = &e->perfs[i];
        if (p->competitor >= e->competitor_count)
            return fail_at(bad_perf, i, diag, "unknown competitor");
        if (p->round < 0 || p->round >= fmt->round_count)
            return fail_at(bad_perf, i, diag, "no such round in the format");
        const pd_heats_round *round = &fmt->round[p->round];
        int heats = round->type == PD_ROUND_FINALS ? round->final_count : PD_HEATS_MAX_HEATS;
        if (p->heat < 1 || p->heat > heats)
            return fail_at(bad_perf, i, diag,
                           round->type == PD_ROUND_FINALS ? "no such final in the format"
                                                          : "heat out of range");
        size_t slot = at_index(e, p->competitor, p->round);
        if (e->at[slot])
            return fail_at(bad_perf, i, diag, "competitor already in this round");
        e->at[slot] = i + 1;
        bool placed = p->status == PD_HEAT_PLACED;
        if (p->run_count < 0 || p->run_count > PD_HEATS_MAX_RUNS)
            return fail_at(bad_perf, i, diag, "too many runs");
        bool duel = round->duel.runs > 0;
        if (p->run_count && round->type != PD_ROUND_TIMED && !duel)
            return fail_at(bad_perf, i, diag, "runs belong to timed rounds and duels only");
        if (duel && p->run_count && p->run_count != round->duel.runs)
            return fail_at(bad_perf, i, diag, "a duel needs one entry per run of the round");
        if (duel && p->run_count && !placed)
            return fail_at(bad_perf, i, diag, "give either runs or a mark, not both");
        if (duel && p->place > 0)
            return fail_at(bad_perf, i, diag, "a duel's place comes from its runs, not a place");
        if (duel && p->time_ms >= 0)
            return fail_at(bad_perf, i, diag, "a duel's time comes from its runs, not time_ms");
        if (p->run_count && placed && !duel && p->run_ms[0] < 0)
            return fail_at(bad_perf, i, diag, "the first run needs a time (or a mark)");
        e->res[i].time_ms = p->run_count && !duel ? combined_time(round, p) : p->time_ms;
        if (duel) {
            /* decide_duels gives the place */
        } else if (round->type == PD_ROUND_TIMED) {
            if (placed && e->res[i].time_ms < 0)
                return fail_at(bad_perf, i, diag,
                               p->run_count ? "the runs give no time (sum of runs with one missing)"
                                            : "a timed round needs a time (or a mark)");
        } else {
            if (placed && p->place < 1)
                return fail_at(bad_perf, i, diag, "a race needs a place (or a mark)");
        }
        if (!placed && p->place > 0 &&
            !(may_place(fmt, p->status) && round->type != PD_ROUND_TIMED))
            return fail_at(bad_perf, i, diag, "give either a place or a mark, not both");
        if (p->status == PD_HEAT_RAL && round->type == PD_ROUND_TIMED)
            return fail_at(bad_perf, i, diag,
                           "RAL (ranked as last) is a heat decision, not a time");
        if (p->advanced >= 0) {
            if (!round->referee_advancement)
                return fail_at(bad_perf, i, diag,
                               "the format allows no referee advancement in this round");
            bool found = false;
            for (int t = 0; t < round->target_count && !found; t++)
                found = p->advanced == 0 ? t == 0 : round->target[t].to_heat == p->advanced;
            if (!found)
                return fail_at(bad_perf, i, diag,
                               "the format allows no advancement to that final from this round");
        }
    }
    /*
     * Places cannot exceed the number in the heat, nor the round's heat_size.
     * A competition still running (partial) holds only part of some heats:
     * there places are bounded by heat_size alone, unless the round is
     * complete, and two performances of one heat may not share a place.
     */
    static const size_t heats_max = PD_HEATS_MAX_HEATS + 1;
    size_t *in_heat = calloc((size_t)fmt->round_count * heats_max, sizeof *in_heat);
    if (!in_heat)
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
    for (size_t i = 0; i < e->perf_count; i++)
        in_heat[(size_t)e->perfs[i].round * heats_max + (size_t)e->perfs[i].heat]++;
    for (size_t i = 0; i < e->perf_count; i++) {
        const pd_heats_perf *p = &e->perfs[i];
        const pd_heats_round *round = &fmt->round[p->round];
        const char *fault = NULL;
        if (p->place <= 0)
            continue;
        if (round->heat_size > 0 && p->place > round->heat_size)
            fault = "place beyond the round's heat_size";
        else if ((!fmt->partial || round->complete) &&
                 (size_t)p->place > in_heat[(size_t)p->round * heats_max + (size_t)p->heat])
            fault = "place beyond the number in the heat";
        for (size_t j = 0; j < i && fmt->partial && !fault; j++)
            if (e->perfs[j].round == p->round && e->perfs[j].heat == p->heat &&
                e->perfs[j].place == p->place)
                fault = "place already given in this heat";
        if (fault) {
            free(in_heat);
            return fail_at(bad_perf, i, diag, fault);
        }
    }
    free(in_heat);
    return PD_OK;
}

/* How a timed round lists those without a time: DNF, then DSQ, then DNS. */
static pd_irm timed_irm(pd_heat_status status)
{
    switch (status) {
    case PD_HEAT_PLACED:
        return PD_IRM_NONE;
    case PD_HEAT_DNS:
        return PD_IRM_DNS;
    case PD_HEAT_DSQ:
    case PD_HEAT_RC:
    case PD_HEAT_DQB:
        return PD_IRM_DSQ;
    default:
        return PD_IRM_DNF;
    }
}

static pd_err rank_timed_round(engine *e, int r)
{
    size_t n = 0;
    for (size_t i = 0; i < e->perf_count; i++)
        n += e->perfs[i].round == r;
    if (n == 0)
        return PD_OK;
    const pd_heats_round *round = &e->fmt->round[r];
    pd_rank_item *items = calloc(n, sizeof *items);
    if (!items)
        return PD_ERR_NOMEM;
    size_t k = 0;
    /*
     * Places decided by the first run alone (FIS snowboard cross seeding in
     * two runs: the best of run 1 are through, the others run again and
     * rank after them on their best run): rank run 1 first, then put those
     * within first_run_places in a tier of their own.
     */
    if (round->first_run_places > 0) {
        for (size_t i = 0; i < e->perf_count; i++) {
            const pd_heats_perf *p = &e->perfs[i];
            if (p->round != r)
                continue;
            bool timed = p->status == PD_HEAT_PLACED && p->run_count > 0 && p->run_ms[0] >= 0;
            items[k] = (pd_rank_item){.index = i,
                                      .key = {timed ? p->run_ms[0] : 0},
                                      .irm = timed ? PD_IRM_NONE : PD_IRM_DNF,
                                      .order = (int64_t)i};
            k++;
        }
        pd_rank(items, n, 1);
        for (size_t j = 0; j < n; j++)
            e->res[items[j].index].rank = items[j].rank;
        k = 0;
    }
    for (size_t i = 0; i < e->perf_count; i++) {
        const pd_heats_perf *p = &e->perfs[i];
        if (p->round != r)
            continue;
        int run1 = e->res[i].rank;
        bool direct = round->first_run_places > 0 && run1 > 0 && run1 <= round->first_run_places;
        items[k].index = i;
        items[k].key[0] = direct ? 0 : 1;
        items[k].key[1] = direct ? p->run_ms[0] : e->res[i].time_ms;
        /*
         * Equal times: the later starter ranks first (FIS cross seeding), or
         * the better last run (parallel qualification, as Beijing 2022 shows).
         */
        if (round->ties == PD_TIES_LATER_START)
            items[k].key[2] = -e->seed[p->competitor];
        else if (round->ties == PD_TIES_LAST_RUN && p->run_count > 0)
            items[k].key[2] =
                p->run_ms[p->run_count - 1] >= 0 ? p->run_ms[p->run_count - 1] : INT64_MAX;
        items[k].irm = timed_irm(p->status);
        items[k].order = (int64_t)i;
        k++;
    }
    pd_rank(items, n, 3);
    /*
     * rank_unfinished: those without a time take the ranks after the timed
     * ones, in listing order (FIS cross: with fewer starters than heat
     * places, everyone entered keeps a start in the heats and a seed).
     */
    int next = 0;
    for (size_t j = 0; j < n; j++) {
        int rank = items[j].rank;
        if (!rank && round->rank_unfinished && e->perfs[items[j].index].status < PD_HEAT_DSQ)
            rank = next + 1;
        if (rank)
            next = (int)j + 1;
        e->res[items[j].index].rank = rank;
    }
    free(items);
    return PD_OK;
}

/*
 * RAL, ranked as last (FIS cross: a Jury decision in a heat): the place
 * after everyone of the heat who finished or did not finish it.
 */
static void rank_as_last(engine *e, int r)
{
    for (size_t i = 0; i < e->perf_count; i++) {
        const pd_heats_perf *p = &e->perfs[i];
        if (p->round != r || p->status != PD_HEAT_RAL)
            continue;
        int ahead = 0;
        for (size_t j = 0; j < e->perf_count; j++) {
            const pd_heats_perf *q = &e->perfs[j];
            ahead += q->round == r && q->heat == p->heat &&
                     (q->status == PD_HEAT_PLACED || q->status == PD_HEAT_DNF);
        }
        e->res[i].rank = ahead + 1;
    }
}

/*
 * Duels decided by runs: the FIS alpine team parallel event, as FIS
 * describes it (Alpine Team Event Rules at the World Cup, the FIS Alpine
 * World Ski Championships and the Olympic Winter Games: the bracket of 16,
 * a heat without an opponent qualifies its team; run points and the 2:2
 * tie-break as olympedia.org gives the 2018 Olympic rules; the ICR article
 * numbers were not checked, offline) and as the Beijing 2022 feed shows it
 * (15 duels, 7 of them 2:2). In each run the faster of the two scores a
 * point, equal times score one each, a time beats no time. When neither
 * finishes FIS gives the point to whoever got further down the course; the
 * results carry no distance, so nobody scores (our choice). More points
 * win; on equal points the smaller tie-break time (for each group of runs,
 * the best time in it, summed: best woman plus best man), then the fastest
 * single run, then the better seed (Nations Cup standing).
 */
static int64_t run_time(const pd_heats_perf *p, int k)
{
    return k < p->run_count ? p->run_ms[k] : -1;
}

static int64_t duel_tie_time(const pd_heats_duel *duel, const pd_heats_perf *p)
{
    int64_t sum = 0;
    int groups = duel->group_count ? duel->group_count : 1;
    for (int g = 0; g < groups; g++) {
        unsigned mask = duel->group_count ? duel->group[g] : (1u << duel->runs) - 1;
        int64_t best = -1;
        for (int k = 0; k < duel->runs; k++) {
            int64_t t = run_time(p, k);
            if ((mask >> k & 1u) && t >= 0 && (best < 0 || t < best))
                best = t;
        }
        if (best < 0)
            return -1;
        sum += best;
    }
    return sum;
}

static int64_t fastest_run(const pd_heats_duel *duel, const pd_heats_perf *p)
{
    int64_t best = -1;
    for (int k = 0; k < duel->runs; k++) {
        int64_t t = run_time(p, k);
        if (t >= 0 && (best < 0 || t < best))
            best = t;
    }
    return best;
}

/* A smaller time first; no time (-1) last. */
static int cmp_present(int64_t a, int64_t b)
{
    if (a < 0 || b < 0)
        return (a < 0) - (b < 0);
    return a < b ? -1 : a > b;
}

/* Score one duel of two competitors who both raced. */
static void run_duel(engine *e, const pd_heats_duel *duel, size_t a, size_t b)
{
    const pd_heats_perf *pa = &e->perfs[a], *pb = &e->perfs[b];
    int points_a = 0, points_b = 0;
    for (int k = 0; k < duel->runs; k++) {
        int c = cmp_present(run_time(pa, k), run_time(pb, k));
        if (run_time(pa, k) < 0 && run_time(pb, k) < 0)
            continue; /* neither finished: nobody scores (see above) */
        points_a += c <= 0;
        points_b += c >= 0;
    }
    int64_t tie_a = duel_tie_time(duel, pa), tie_b = duel_tie_time(duel, pb);
    int c = (points_a > points_b) ? -1 : points_a < points_b;
    bool tie_break = c == 0;
    if (c == 0)
        c = cmp_present(tie_a, tie_b);
    if (c == 0)
        c = cmp_present(fastest_run(duel, pa), fastest_run(duel, pb));
    if (c == 0)
        c = (e->seed[pa->competitor] > e->seed[pb->competitor]) -
            (e->seed[pa->competitor] < e->seed[pb->competitor]);
    e->res[a].points = points_a;
    e->res[b].points = points_b;
    e->res[a].time_ms = tie_a;
    e->res[b].time_ms = tie_b;
    e->res[a].rank = c <= 0 ? 1 : 2;
    e->res[b].rank = c >= 0 ? 1 : 2;
    e->res[a].by_tie_break = tie_break && c < 0;
    e->res[b].by_tie_break = tie_break && c > 0;
}

/*
 * Place every heat of duel round r: two who raced, one without an
 * opponent (a bye when it has no runs), or a mark that loses. In partial
 * mode a heat not complete yet is undecided.
 */
static pd_err decide_duels(engine *e, int r, size_t *bad_perf, pd_diag *diag)
{
    const pd_heats_round *round = &e->fmt->round[r];
    bool open = e->fmt->partial && !round->complete;
    for (size_t i = 0; i < e->perf_count; i++) {
        const pd_heats_perf *p = &e->perfs[i];
        if (p->round != r)
            continue;
        size_t in_heat[3];
        int n = 0;
        bool first = true;
        for (size_t j = 0; j < e->perf_count; j++) {
            const pd_heats_perf *q = &e->perfs[j];
            if (q->round != r || q->heat != p->heat)
                continue;
            first &= j >= i;
            if (n < 3)
                in_heat[n++] = j;
        }
        if (!first)
            continue;
        if (n > 2)
            return fail_at(bad_perf, in_heat[2], diag, "a duel holds two competitors");
        int raced = 0, placed = 0;
        for (int k = 0; k < n; k++) {
            const pd_heats_perf *q = &e->perfs[in_heat[k]];
            placed += q->status == PD_HEAT_PLACED;
            raced += q->status == PD_HEAT_PLACED && q->run_count > 0;
            e->res[in_heat[k]].rank = 0;
        }
        if (n == 2 && raced == 2) {
            run_duel(e, &round->duel, in_heat[0], in_heat[1]);
            continue;
        }
        if (placed == 0)
            continue; /* marks only: nobody wins */
        size_t w = e->perfs[in_heat[0]].status == PD_HEAT_PLACED ? in_heat[0] : in_heat[1];
        bool alone = n == 1 || placed == 1;
        if (alone && (e->perfs[w].run_count == 0 || placed < n)) {
            /* A bye, or the opponent out with a mark: the heat is won. */
            e->res[w].rank = 1;
            e->res[w].time_ms = duel_tie_time(&round->duel, &e->perfs[w]);
            continue;
        }
        if (open) {
            for (int k = 0; k < n; k++)
                e->res[in_heat[k]].undecided = e->perfs[in_heat[k]].status == PD_HEAT_PLACED;
            continue;
        }
        for (int k = 0; k < n; k++)
            if (e->perfs[in_heat[k]].status == PD_HEAT_PLACED &&
                (n == 1 || e->perfs[in_heat[k]].run_count == 0))
                return fail_at(bad_perf, in_heat[k], diag,
                               n == 1 ? "a duel with runs needs an opponent (a bye has none)"
                                      : "a duel needs the runs of both (runs_ms)");
    }
    return PD_OK;
}

static int in_range(int value, int from, int to)
{
    return from > 0 && value >= from && value <= to;
}

static void qualify(engine *e, size_t i, const pd_heats_target *tg, int to_heat, const char *mark)
{
    e->dest[i].qualified = true;
    e->dest[i].to_round = tg->to_round;
    e->dest[i].to_heat = to_heat;
    e->dest[i].bracket = tg->bracket && to_heat == 0;
    /* A duel won on the tie-break: "QT", "QBFT" (the Beijing 2022 feed). */
    const pd_heats_duel *duel = &e->fmt->round[e->perfs[i].round].duel;
    snprintf(e->res[i].mark, sizeof e->res[i].mark, "%s%s", mark,
             e->res[i].by_tie_break ? duel->tie_mark : "");
}

/* The mark of each final's winner, where the format gives one ("W", "w"). */
static void mark_winners(engine *e, int r)
{
    const pd_heats_round *round = &e->fmt->round[r];
    if (round->type != PD_ROUND_FINALS)
        return;
    for (size_t i = 0; i < e->perf_count; i++) {
        const pd_heats_perf *p = &e->perfs[i];
        if (p->round == r && e->res[i].rank == 1 && p->heat >= 1 && p->heat <= round->final_count)
            snprintf(e->res[i].mark, sizeof e->res[i].mark, "%s", round->winner_mark[p->heat - 1]);
    }
}

static bool drawn_in(const engine *e, size_t competitor, int round, int heat)
{
    size_t at = e->at[at_index(e, competitor, round)];
    return at && (heat == 0 || e->perfs[at - 1].heat == heat);
}

static int cmp_time(const engine *e, size_t a, size_t b)
{
    int64_t ta = e->res[a].time_ms, tb = e->res[b].time_ms;
    return ta < tb ? -1 : ta > tb;
}

/* Insertion sort of perf indices by time: rounds are small. */
static void sort_by_time(const engine *e, size_t *idx, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        size_t v = idx[i], j = i;
        while (j > 0 && cmp_time(e, idx[j - 1], v) > 0) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = v;
    }
}

static void advance_round(engine *e, int r)
{
    const pd_heats_round *round = &e->fmt->round[r];
    int advanced_count[PD_HEATS_MAX_TARGETS] = {0};
    /* Referee advancements are decisions of the Referee (ISU SR ST Rule 295), taken first. */
    for (size_t i = 0; i < e->perf_count; i++) {
        const pd_heats_perf *p = &e->perfs[i];
        if (p->round != r || p->advanced < 0)
            continue;
        for (int t = 0; t < round->target_count; t++) {
            const pd_heats_target *tg = &round->target[t];
            if (p->advanced == 0 ? t != 0 : tg->to_heat != p->advanced)
                continue;
            char mark[PD_HEATS_NAME_MAX + 4];
            const pd_heats_round *next = &e->fmt->round[tg->to_round];
            snprintf(mark, sizeof mark, "ADV%s",
                     p->advanced > 0 ? next->final_name[p->advanced - 1] : "");
            qualify(e, i, tg, p->advanced > 0 ? p->advanced : 0, mark);
            advanced_count[t]++;
            break;
        }
    }
    for (int t = 0; t < round->target_count; t++) {
        const pd_heats_target *tg = &round->target[t];
        int to_heat = tg->to_heat;
        for (size_t i = 0; i < e->perf_count; i++) {
            const pd_heats_perf *p = &e->perfs[i];
            bool ranked =
                p->status == PD_HEAT_PLACED ||
                (round->rank_unfinished && round->type == PD_ROUND_TIMED && e->res[i].rank > 0) ||
                (may_place(e->fmt, p->status) && e->res[i].rank > 0);
            if (p->round != r || e->dest[i].qualified || !ranked)
                continue;
            if (tg->as_drawn) {
                if (in_range(e->res[i].rank, tg->place_from, tg->place_to) &&
                    drawn_in(e, p->competitor, tg->to_round, to_heat))
                    qualify(e, i, tg, to_heat, tg->mark);
            } else if (in_range(e->res[i].rank, tg->place_from, tg->place_to)) {
                qualify(e, i, tg, to_heat, tg->mark);
            }
        }
        int slots = tg->best_times;
        /*
         * Short track: a skater advanced by the Referee to this target takes
         * one of its places that go by time, so the next round keeps the size
         * of the ISU progression table (what the Beijing 2022 heats,
         * quarter-finals and semi-finals show; see docs/validation.md).
         */
        if (round->advanced_take_time_places)
            slots -= advanced_count[t];
        if (slots <= 0)
            continue;
        size_t n = 0;
        for (size_t i = 0; i < e->perf_count; i++) {
            const pd_heats_perf *p = &e->perfs[i];
            if (p->round != r || e->dest[i].qualified || p->status != PD_HEAT_PLACED ||
                e->res[i].time_ms < 0)
                continue;
            if (tg->time_place_from &&
                !in_range(e->res[i].rank, tg->time_place_from, tg->time_place_to))
                continue;
            e->scratch[n++] = i;
        }
        sort_by_time(e, e->scratch, n);
        for (size_t k = 0; k < n; k++) {
            /* Equal times at the cut all advance: neither can be preferred. */
            if ((int)k >= slots && cmp_time(e, e->scratch[k - 1], e->scratch[k]) != 0)
                break;
            qualify(e, e->scratch[k], tg, to_heat, tg->time_mark);
        }
    }
}

/* The performance that sent competitor c into round r, or perf_count. */
static size_t qualifier_of(const engine *e, size_t c, int r)
{
    for (int q = 0; q < r; q++) {
        size_t at = e->at[at_index(e, c, q)];
        if (at && e->dest[at - 1].qualified && e->dest[at - 1].to_round == r)
            return at - 1;
    }
    return e->perf_count;
}

/*
 * Partial mode: is the round that should have sent p's competitor to p's
 * round complete? It is the last earlier round they appear in; without one,
 * every earlier round must be complete. Always true in strict mode.
 */
static bool qualifying_round_complete(const engine *e, const pd_heats_perf *p)
{
    if (!e->fmt->partial)
        return true;
    for (int q = p->round - 1; q >= 0; q--)
        if (e->at[at_index(e, p->competitor, q)])
            return e->fmt->round[q].complete;
    for (int q = 0; q < p->round; q++)
        if (!e->fmt->round[q].complete)
            return false;
    return true;
}

static pd_err check_draws(engine *e, size_t *bad_perf, pd_diag *diag)
{
    const pd_heats_format *fmt = e->fmt;
    for (size_t i = 0; i < e->perf_count; i++) {
        const pd_heats_perf *p = &e->perfs[i];
        if (p->round == 0)
            continue;
        size_t q = qualifier_of(e, p->competitor, p->round);
        if (q == e->perf_count && !qualifying_round_complete(e, p)) {
            /* partial: the round that qualifies them may still send them here */
            continue;
        } else if (q == e->perf_count) {
            if (bad_perf)
                *bad_perf = i;
            return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                               "drawn in %s without qualifying for it (no advancing place, "
                               "time or referee advancement)",
                               fmt->round[p->round].name);
        }
        const destination *d = &e->dest[q];
        if (d->to_heat && d->to_heat != p->heat) {
            if (bad_perf)
                *bad_perf = i;
            if (fmt->round[p->round].type != PD_ROUND_FINALS)
                return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                   "qualified for heat %d (%s), drawn in heat %d", d->to_heat,
                                   e->res[q].mark, p->heat);
            return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                               "qualified for final %s (%s), drawn in final %s",
                               fmt->round[p->round].final_name[d->to_heat - 1], e->res[q].mark,
                               fmt->round[p->round].final_name[p->heat - 1]);
        }
        if (d->bracket && (int)((e->perfs[q].heat + 1) / 2) != p->heat) {
            if (bad_perf)
                *bad_perf = i;
            return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                               "the bracket sends heat %d of %s to heat %d, not heat %d",
                               e->perfs[q].heat, fmt->round[e->perfs[q].round].name,
                               (e->perfs[q].heat + 1) / 2, p->heat);
        }
    }
    bool drawn[PD_HEATS_MAX_ROUNDS] = {false};
    for (size_t i = 0; i < e->perf_count; i++)
        drawn[e->perfs[i].round] = true;
    for (size_t i = 0; i < e->perf_count; i++) {
        const destination *d = &e->dest[i];
        if (!d->qualified || !drawn[d->to_round] ||
            (fmt->partial && !fmt->round[d->to_round].complete))
            continue;
        if (!drawn_in(e, e->perfs[i].competitor, d->to_round, 0)) {
            if (bad_perf)
                *bad_perf = i;
            return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                               "qualified (%s) for %s but missing from it: the bracket does not "
                               "close",
                               e->res[i].mark, fmt->round[d->to_round].name);
        }
    }
    return PD_OK;
}

static bool disqualified(pd_heat_status s)
{
    return s == PD_HEAT_DSQ || s == PD_HEAT_RC || s == PD_HEAT_DQB;
}

/*
 * Partial mode: the place key of those still racing: after the places of a
 * heat (the adapters allow up to 1000), before its marks (1000 + status).
 */
#define RACING_PLACE 1000

static pd_err classify(engine *e, const int64_t *seed, pd_heats_standing *out)
{
    const pd_heats_format *fmt = e->fmt;
    size_t n = e->competitor_count;
    if (n == 0)
        return PD_OK;
    pd_rank_item *items = calloc(n, sizeof *items);
    int64_t *eff_seed = calloc(n, sizeof *eff_seed);
    if (!items || !eff_seed) {
        free(items);
        free(eff_seed);
        return PD_ERR_NOMEM;
    }
    /*
     * The seeding is the rank of a timed first round (seeding run,
     * qualification) when there is one, the given seeding after it.
     */
    for (size_t c = 0; c < n; c++) {
        size_t at = e->at[at_index(e, c, 0)];
        bool seeded = fmt->round[0].type == PD_ROUND_TIMED && at && e->res[at - 1].rank > 0;
        eff_seed[c] = seeded ? e->res[at - 1].rank : 1000000 + seed[c];
    }
    for (size_t c = 0; c < n; c++) {
        pd_rank_item *it = &items[c];
        int last = -1;
        bool dsq = false;
        for (int r = 0; r < fmt->round_count; r++) {
            size_t at = e->at[at_index(e, c, r)];
            if (!at)
                continue;
            last = r;
            /* A placed DSQ lost the heat only (parallel duels). */
            dsq |= disqualified(e->perfs[at - 1].status) && e->res[at - 1].rank == 0;
        }
        it->index = c;
        it->order = eff_seed[c];
        out[c].competitor = c;
        out[c].last_round = last;
        out[c].last_perf = 0;
        out[c].racing = false;
        if (last < 0) {
            it->irm = PD_IRM_DNS;
            continue;
        }
        size_t pi = e->at[at_index(e, c, last)] - 1;
        const pd_heats_perf *p = &e->perfs[pi];
        out[c].last_perf = pi;
        if (dsq) {
            it->irm = PD_IRM_DSQ;
            continue;
        }
        if (last == 0 && p->status == PD_HEAT_DNS) {
            it->irm = PD_IRM_DNS;
            continue;
        }
        const destination *d = &e->dest[pi];
        if (fmt->partial && d->qualified && !drawn_in(e, c, d->to_round, 0)) {
            /*
             * Still racing: qualified for a round not drawn for them yet.
             * Unranked, but counted where they stand at least: after those
             * placed in that round (or that final), so the ranks of those
             * behind them do not move when they race.
             */
            const pd_heats_round *next = &fmt->round[d->to_round];
            bool finals = next->type == PD_ROUND_FINALS;
            out[c].racing = true;
            it->key[0] = finals ? 0 : 1 + (fmt->round_count - 1 - d->to_round);
            it->key[1] = finals ? (d->to_heat ? d->to_heat : 1) : 0;
            it->key[2] = RACING_PLACE;
            it->key[3] = 0;
            continue;
        }
        const pd_heats_round *round = &fmt->round[last];
        if (e->res[pi].undecided) {
            /* Partial mode: their duel waits for the opponent; ahead of its losers. */
            bool finals = round->type == PD_ROUND_FINALS;
            out[c].racing = true;
            it->key[0] = finals ? 0 : 1 + (fmt->round_count - 1 - last);
            it->key[1] = finals ? p->heat : -(int64_t)PD_HEATS_MAX_RUNS - 1;
            it->key[2] = RACING_PLACE;
            it->key[3] = 0;
            continue;
        }
        /* A RAL keeps the place the engine gave it: last of its heat. */
        bool placed = p->status == PD_HEAT_PLACED || p->status == PD_HEAT_RAL ||
                      (may_place(fmt, p->status) && e->res[pi].rank > 0);
        int64_t place = placed ? e->res[pi].rank : 1000 + (int64_t)p->status;
        if (round->type == PD_ROUND_FINALS) {
            /* Final A, then final B, ...: each final ranks a block of places. */
            it->key[0] = 0;
            it->key[1] = p->heat;
            it->key[2] = place;
            it->key[3] = 0;
            continue;
        }
        /* Eliminated: later rounds first, then place, then time or seeding. */
        it->key[0] = 1 + (fmt->round_count - 1 - last);
        it->key[1] = 0;
        it->key[2] = place;
        if (round->duel.runs && placed) {
            /*
             * Lost a duel: more points won first, then the smaller tie-break
             * time (our reading: the Beijing 2022 order is published for the
             * medals only; olympics.com has Italy, 1:3 and 49.84, eighth).
             */
            it->key[1] = -(int64_t)e->res[pi].points;
            it->key[3] = e->res[pi].time_ms >= 0 ? e->res[pi].time_ms : INT64_MAX;
        } else if (round->type == PD_ROUND_TIMED || !placed)
            it->key[3] = fmt->tiebreak == PD_TIEBREAK_SEED ? eff_seed[c] : 0;
        else if (fmt->tiebreak == PD_TIEBREAK_SEED)
            it->key[3] = eff_seed[c];
        else
            it->key[3] = e->res[pi].time_ms >= 0 ? e->res[pi].time_ms : INT64_MAX;
    }
    pd_rank(items, n, 4);
    pd_heats_standing *sorted = calloc(n, sizeof *sorted);
    if (!sorted) {
        free(items);
        free(eff_seed);
        return PD_ERR_NOMEM;
    }
    for (size_t k = 0; k < n; k++) {
        sorted[k] = out[items[k].index];
        sorted[k].rank = sorted[k].racing ? 0 : items[k].rank;
        sorted[k].irm = items[k].irm;
    }
    memcpy(out, sorted, n * sizeof *out);
    free(sorted);
    free(items);
    free(eff_seed);
    return PD_OK;
}

pd_err pd_heats_run(const pd_heats_format *format, const int64_t *seed, size_t competitor_count,
                    const pd_heats_perf *perfs, size_t perf_count, pd_heats_perf_result *perf_out,
                    pd_heats_standing *out, size_t *bad_perf, pd_diag *diag)
{
    engine e = {.fmt = format,
                .perfs = perfs,
                .perf_count = perf_count,
                .competitor_count = competitor_count,
                .res = perf_out,
                .seed = seed};
    pd_err err = check_format(format, diag);
    if (err) {
        if (bad_perf)
            *bad_perf = perf_count;
        return err;
    }
    size_t slots = competitor_count * (size_t)format->round_count;
    e.at = calloc(slots ? slots : 1, sizeof *e.at);
    e.dest = calloc(perf_count ? perf_count : 1, sizeof *e.dest);
    e.scratch = calloc(perf_count ? perf_count : 1, sizeof *e.scratch);
    if (!e.at || !e.dest || !e.scratch) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < perf_count; i++) {
        perf_out[i].rank = 0;
        perf_out[i].time_ms = -1;
        perf_out[i].mark[0] = '\0';
        perf_out[i].points = 0;
        perf_out[i].by_tie_break = false;
        perf_out[i].undecided = false;
    }
    err = check_perfs(&e, bad_perf, diag);
    if (err)
        goto fail;
    for (int r = 0; r < format->round_count; r++) {
        if (format->round[r].duel.runs > 0) {
            err = decide_duels(&e, r, bad_perf, diag);
            if (err)
                goto fail;
            continue;
        }
        if (format->round[r].type == PD_ROUND_TIMED) {
            err = rank_timed_round(&e, r);
            if (err) {
                pd_diag_set(diag, err, NULL, "out of memory");
                goto fail;
            }
            continue;
        }
        for (size_t i = 0; i < perf_count; i++)
            if (perfs[i].round == r)
                perf_out[i].rank =
                    perfs[i].status == PD_HEAT_PLACED || may_place(format, perfs[i].status)
                        ? perfs[i].place
                        : 0;
        rank_as_last(&e, r);
    }
    for (int r = 0; r < format->round_count; r++) {
        advance_round(&e, r);
        mark_winners(&e, r);
    }
    err = check_draws(&e, bad_perf, diag);
    if (err)
        goto fail;
    err = classify(&e, seed, out);
    if (err)
        pd_diag_set(diag, err, NULL, "out of memory");
fail:
    free(e.at);
    free(e.dest);
    free(e.scratch);
    return err;
}
