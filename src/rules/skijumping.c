/*
 * skijumping.c: points of a ski jump and the ranking of a competition.
 *
 * FIS International Competition Rules, Book III Ski Jumping, edition 2021/22
 * (ICR), "Calculation of points": distance points from the K-point and the
 * meter value, style points from five judges with the highest and the
 * lowest mark dropped, gate and wind compensation with the hill's factors,
 * each compensation rounded to a tenth of a point; a jump's points are the
 * sum of the four and never below zero. Everything is in tenths of a point
 * so the published figures are reproduced digit for digit.
 *
 * Gate compensation is the hill's gate factor (points per metre of in-run)
 * times the in-run length between the starting gate and the jumper's gate.
 * Where the gates are evenly spaced that is a fixed number of points per
 * gate (`points_per_gate`); where they are not, the config carries each
 * gate's position on the in-run (centimetres) and the factor, and the
 * compensation is the factor times the difference of positions, rounded
 * once (FIS results 2013/14, Oberstdorf, codex 3838, gate factor 7.40
 * points/m: 1 gate below the start 3.6 points, 2 gates 7.4, 4 gates 14.8).
 *
 * Ranking is the shared pd_rank on the total: equal totals share a rank
 * (ICR: ties are not broken). The final round admits the best
 * `final_round` entries of round 1 and every entry tied with the last of
 * them.
 */
#include "podium/skijumping.h"

#include <string.h>

#include "podium/fixed.h"
#include "podium/judging.h"

pd_err pd_sjp_config_check(const pd_sjp_config *config, pd_diag *diag)
{
    if (config->k_dm <= 0 || config->k_dm > 3000)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "K-point must be within 0..300 m");
    if (config->hs_dm < 0 || config->hs_dm > 3000)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "hill size must be within 0..300 m");
    if (config->meter_value_c <= 0)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "meter value must be positive");
    if (config->head_c < 0 || config->tail_c < 0 || config->points_per_gate_c < 0)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "factors must not be negative");
    if (config->rounds < 1 || config->rounds > PD_SJP_MAX_ROUNDS)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "rounds must be within 1..%d",
                           PD_SJP_MAX_ROUNDS);
    if (config->final_round < 0)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "final_round must not be negative");
    if (config->gate_position_count > 0) {
        const pd_sjp_gate_position *pos = config->gate_positions;
        if (config->gate_position_count > PD_SJP_MAX_GATES || !pos)
            return pd_diag_set(diag, PD_ERR_INPUT, NULL, "at most %d gate positions",
                               PD_SJP_MAX_GATES);
        if (config->gate_factor_c < 0)
            return pd_diag_set(diag, PD_ERR_INPUT, NULL, "factors must not be negative");
        for (size_t i = 0; i < config->gate_position_count; i++) {
            if (pos[i].gate < 0 || pos[i].gate > 999 || pos[i].position_cm < 0 ||
                pos[i].position_cm > 100000)
                return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                   "gate position %zu out of range (gate 0..999, 0..1000 m)", i);
            if (i > 0 &&
                (pos[i].gate <= pos[i - 1].gate || pos[i].position_cm <= pos[i - 1].position_cm))
                return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                   "gate positions must increase with the gate number "
                                   "(gate %lld)",
                                   (long long)pos[i].gate);
        }
        int64_t unused;
        for (int r = 0; config->has_gate && r < config->rounds; r++)
            for (int g = 0; g < PD_SJP_MAX_GROUPS; g++)
                if (!pd_sjp_gate_position_of(config, config->gate_start[r][g], &unused))
                    return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                       "starting gate %lld has no gate position",
                                       (long long)config->gate_start[r][g]);
    }
    return PD_OK;
}

bool pd_sjp_gate_position_of(const pd_sjp_config *config, int64_t gate, int64_t *position_cm)
{
    for (size_t i = 0; i < config->gate_position_count; i++)
        if (config->gate_positions[i].gate == gate) {
            *position_cm = config->gate_positions[i].position_cm;
            return true;
        }
    return false;
}

pd_err pd_sjp_jump_score(const pd_sjp_config *config, pd_sjp_jump *jump, pd_diag *diag)
{
    if (jump->round < 1 || jump->round > config->rounds)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "round %d is not within 1..%d", jump->round,
                           config->rounds);
    if (jump->group < 0 || jump->group > PD_SJP_MAX_GROUPS)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "group %d is not within 1..%d", jump->group,
                           PD_SJP_MAX_GROUPS);
    jump->distance_points = jump->style_points = jump->gate_points = 0;
    jump->wind_points = 0;
    if (!jump->points_only)
        jump->points = 0;
    if (jump->irm != PD_IRM_NONE)
        return PD_OK;
    if (jump->points_only) {
        /* the official points of a jump whose breakdown is not known */
        if (jump->points < 0 || jump->points > 100000)
            return pd_diag_set(diag, PD_ERR_INPUT, NULL, "points must be within 0..10000");
        return PD_OK;
    }

    /* ICR: distances are measured to the half metre */
    if (jump->distance_dm < 0 || jump->distance_dm > 4000 || jump->distance_dm % 5 != 0)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                           "distance must be a multiple of 0.5 m within 0..400");
    for (int i = 0; i < PD_SJP_MARKS; i++)
        if (jump->marks_t[i] < 0 || jump->marks_t[i] > 200 || jump->marks_t[i] % 5 != 0)
            return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                               "style mark %d must be a multiple of 0.5 within 0..20", i + 1);
    if (jump->wind_c < -5000 || jump->wind_c > 5000)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "wind must be within -50..50 m/s");

    /*
     * ICR distance points: base value at K plus (distance - K) x meter value.
     * dm x hundredths = thousandths of a point; exact for the published meter
     * values (one decimal), otherwise rounded half away to a tenth.
     */
    int64_t distance_milli = (jump->distance_dm - config->k_dm) * config->meter_value_c;
    jump->distance_points = config->base_t + pd_div_half_away(distance_milli, 100);

    /* ICR style: five marks, the highest and the lowest dropped, three summed */
    int64_t style = 0;
    size_t kept = 0;
    pd_err err = pd_judging_trimmed_sum(jump->marks_t, PD_SJP_MARKS, 1, &style, &kept, diag);
    if (err)
        return err;
    jump->style_points = style;

    /*
     * ICR gate compensation: the gate factor times the in-run length between
     * the starting gate of the round (of the group in team events) and the
     * jumper's gate, positive below the start, negative above, rounded once
     * to a tenth of a point, half away from zero like every compensation.
     * Evenly spaced gates: points per gate times the number of gates
     * (hundredths x gates, /10 to tenths). A gate position table: hundredths
     * of a point per metre x centimetres = ten-thousandths, /1000 to tenths.
     * A gate lowered at the coach's request earns its
     * compensation only when the jump reaches 95% of the hill size (ICR
     * 2013/14 onwards); the coach may only lower the gate.
     */
    if (config->has_gate && jump->has_gate) {
        int group = jump->group > 0 ? jump->group - 1 : 0;
        int64_t start = config->gate_start[jump->round - 1][group];
        int64_t gates = start - jump->gate;
        if (gates < -1000 || gates > 1000)
            return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                               "gate %lld is too far from the starting gate %lld",
                               (long long)jump->gate, (long long)start);
        int64_t at_start = 0, at_gate = 0;
        if (config->gate_position_count > 0 &&
            (!pd_sjp_gate_position_of(config, start, &at_start) ||
             !pd_sjp_gate_position_of(config, jump->gate, &at_gate)))
            return pd_diag_set(diag, PD_ERR_INPUT, NULL, "gate %lld has no gate position",
                               (long long)jump->gate);
        bool earned = true;
        if (jump->coach_gate) {
            if (gates <= 0)
                return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                   "a coach may only lower the gate (starting gate %lld)",
                                   (long long)start);
            if (config->hs_dm == 0)
                return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                   "a coach's gate needs the hill size (hill.hs)");
            /* 95% of HS, compared exactly: 100 d >= 95 HS */
            earned = 100 * jump->distance_dm >= 95 * config->hs_dm;
        }
        if (earned && config->gate_position_count > 0) {
            jump->gate_points =
                pd_div_half_away((at_start - at_gate) * config->gate_factor_c, 1000);
        } else if (earned) {
            jump->gate_points = pd_div_half_away(gates * config->points_per_gate_c, 10);
        }
    }

    /*
     * ICR wind compensation: head wind (positive) takes head factor points per
     * m/s, tail wind gives tail factor points per m/s; hundredths of m/s x
     * hundredths of a point = ten-thousandths, rounded half away to a tenth.
     */
    int64_t factor = jump->wind_c > 0 ? config->head_c : config->tail_c;
    jump->wind_points = pd_div_half_away(-jump->wind_c * factor, 1000);

    int64_t points =
        jump->distance_points + jump->style_points + jump->gate_points + jump->wind_points;
    /* ICR: a jump never scores below zero points */
    jump->points = points < 0 ? 0 : points;
    return PD_OK;
}

static uint32_t slot_bit(const pd_sjp_jump *jump)
{
    return UINT32_C(1) << ((jump->round - 1) * (PD_SJP_MAX_GROUPS + 1) + jump->group);
}

pd_err pd_sjp_rank(const pd_sjp_config *config, pd_sjp_jump *jumps, size_t count,
                   pd_sjp_standing *standings, pd_rank_item *items, size_t entries,
                   size_t *bad_jump, pd_diag *diag)
{
    *bad_jump = (size_t)-1;
    pd_err err = pd_sjp_config_check(config, diag);
    if (err)
        return err;
    memset(standings, 0, entries * sizeof *standings);

    /* score every jump; one jump per entry, round and group */
    for (size_t j = 0; j < count; j++) {
        pd_sjp_jump *jump = &jumps[j];
        *bad_jump = j;
        if (jump->entry >= entries)
            return pd_diag_set(diag, PD_ERR_INTERNAL, NULL, "jump for unknown entry");
        err = pd_sjp_jump_score(config, jump, diag);
        if (err)
            return err;
        pd_sjp_standing *s = &standings[jump->entry];
        uint32_t bit = slot_bit(jump);
        if (s->slots & bit)
            return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                               "a second jump in round %d%s for the same competitor", jump->round,
                               jump->group ? " and group" : "");
        s->slots |= bit;
        uint32_t round_bits = ((UINT32_C(1) << (PD_SJP_MAX_GROUPS + 1)) - 1)
                              << ((jump->round - 1) * (PD_SJP_MAX_GROUPS + 1));
        uint32_t whole = UINT32_C(1) << ((jump->round - 1) * (PD_SJP_MAX_GROUPS + 1));
        if ((s->slots & whole) && (s->slots & round_bits & ~whole))
            return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                               "round %d mixes a whole-team result with group jumps", jump->round);
        if (jump->irm != PD_IRM_NONE) {
            /*
             * An IRM in round 1 puts an athlete out of the competition. A
             * disqualification in a later round scores nothing and the
             * athlete stays ranked on the other jumps (Beijing 2022 men's
             * normal hill: GRANERUD Halvor Egner, DSQ in the final round,
             * ranked 30th on his 127.4 of round 1). A disqualified or absent
             * team member scores nothing for the team, which stays in the
             * competition (Beijing 2022 mixed team).
             */
            if (!config->team && jump->round == 1 && s->irm == PD_IRM_NONE)
                s->irm = jump->irm;
            continue;
        }
        if (jump->round == 1) {
            s->round1_t += jump->points;
            s->jumped_round1 = true;
        }
        s->total_t += jump->points;
        s->jumps++;
    }
    *bad_jump = (size_t)-1;
    /* on the start list without a jump: did not start */
    for (size_t e = 0; e < entries; e++)
        if (!standings[e].jumped_round1 && standings[e].irm == PD_IRM_NONE)
            standings[e].irm = PD_IRM_DNS;

    /*
     * The final round: the best final_round entries of round 1 (ICR: 30 in
     * World Cup and Olympic individual competitions, 8 teams in team events)
     * and every entry tied with the last of them. An IRM in round 1 never
     * admits; final_round 0 admits everyone who jumped.
     */
    if (config->rounds > 1) {
        for (size_t i = 0; i < entries; i++) {
            size_t e = items[i].index;
            items[i].key[0] = -standings[e].round1_t;
            items[i].irm = standings[e].jumped_round1 ? PD_IRM_NONE : PD_IRM_DNS;
        }
        pd_rank(items, entries, 1);
        for (size_t i = 0; i < entries; i++)
            if (items[i].rank > 0 &&
                (config->final_round == 0 || items[i].rank <= config->final_round))
                standings[items[i].index].qualified = true;
        for (size_t j = 0; j < count; j++)
            if (jumps[j].round > 1 && !standings[jumps[j].entry].qualified) {
                *bad_jump = j;
                return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                   "round %d: the competitor was not admitted to the final "
                                   "round (best %d of round 1)",
                                   jumps[j].round, config->final_round);
            }
    }

    /* ICR: the result is the sum of the jumps' points; equal sums share the rank */
    for (size_t i = 0; i < entries; i++) {
        size_t e = items[i].index;
        items[i].key[0] = -standings[e].total_t;
        items[i].irm = standings[e].irm;
    }
    pd_rank(items, entries, 1);
    return PD_OK;
}
