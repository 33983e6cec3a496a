/*
 * figureskating.c: one segment under the ISU Judging System, season 2021/22.
 *
 * Why: the technical score of a figure skating program is decided element by
 * element from a printed code, a Scale of Values and a panel of grades, and
 * every step rounds. This module turns a protocol's Executed Elements column
 * and the judges' marks into the official figures, exactly.
 *
 * How, following the ISU Special Regulations & Technical Rules (S&P/ID 2021)
 * and the Scale of Values communications (see data/sov/2021-22.json):
 *
 * - An element code is split at '+'. Parts are jumps ("3Lz!q", "2A<<",
 *   "1Eu"), throws ("3STh<"), levelled elements ("CCoSp3V", "RoLi4"), one
 *   partner's part of a dance element ("SyTwW4"), or the flags "SEQ", "REP",
 *   "COMBO" and the key points of a pattern dance element ("kpYYNN").
 * - Jump markers (Rule 610/611): "<" under-rotated and "e" wrong edge take
 *   the reduced SOV rows ("3F<", "3Lze", "3Lze<"); "<<" downgraded is valued
 *   as the jump with one revolution less (a downgraded single has no value);
 *   "!" and "q" change only the judges' grades; "*" makes the part invalid
 *   (no value). A no-level code ("StSq", "CCoSp") is an element without value.
 * - A combination is worth the sum of its valid jumps; a jump sequence
 *   ("+SEQ") 80 % of it; a repeated jump element ("+REP", Rule 612) 70 %,
 *   which replaces the sequence reduction; the second-half bonus "x" (Rule
 *   353.1.c) multiplies by 1.1. The product is rounded once to 0.01, half away
 *   from zero (the protocols do not separate the two roundings).
 * - GOE (Rule 353.1.a, 2021/22): each judge's grade becomes the value its SOV
 *   row gives that grade - for a combination or sequence, the row of the jump
 *   with the highest value; for a dance element made of both partners' parts,
 *   the sum of the parts' values. The highest and the lowest value are
 *   dropped (panels of five or more; smaller domestic panels are averaged
 *   whole) and the mean of the others is rounded to 0.01.
 * - Program components (Rule 353.1.b): trimmed mean of the marks rounded to
 *   0.01, times the factor, rounded to 0.01. TES and PCS are the sums, the
 *   segment score TES + PCS - deductions (Rule 353.1.d).
 */
#include "podium/figureskating.h"

#include <stdio.h>
#include <string.h>

#include "podium/fixed.h"
#include "podium/judging.h"

#define MAX_TOKENS 8

const pd_fsk_sov_row *pd_fsk_sov_lookup(const pd_fsk_sov_table *table, const char *code)
{
    size_t lo = 0;
    size_t hi = table ? table->count : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int cmp = strcmp(table->rows[mid].code, code);
        if (cmp == 0)
            return &table->rows[mid];
        if (cmp < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* One part of an element once read. */
typedef struct {
    const pd_fsk_sov_row *row; /* NULL when the part has no value */
    bool is_jump;
} part;

static bool starts_with(const char *text, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(text, prefix, n) == 0;
}

static const char *const jump_types[] = {"Lz", "Lo", "Eu", "T", "S", "F", "A", NULL};

/*
 * Read a jump part ("3Lz!q", "2A<<*", "3STh<", bare "Lz") into *out. Returns
 * 1 when the text is a jump, 0 when it is not, -1 on an unknown jump.
 */
static int read_jump(const pd_fsk_sov_table *table, const char *text, size_t len, part *out,
                     pd_diag *diag)
{
    size_t pos = 0;
    int rotations = 0;
    if (pos < len && text[pos] >= '1' && text[pos] <= '4')
        rotations = text[pos++] - '0';
    const char *type = NULL;
    for (const char *const *t = jump_types; *t; t++)
        if (starts_with(text + pos, len - pos, *t)) {
            type = *t;
            break;
        }
    if (!type)
        return 0;
    pos += strlen(type);
    bool throw_jump = starts_with(text + pos, len - pos, "Th");
    if (throw_jump)
        pos += 2;
    bool edge = false, alert = false, quarter = false, under = false, down = false, invalid = false;
    while (pos < len) {
        char c = text[pos];
        bool *flag = NULL;
        if (c == '<' && pos + 1 < len && text[pos + 1] == '<') {
            flag = &down;
            pos++;
        } else if (c == '<') {
            flag = &under;
        } else if (c == 'e') {
            flag = &edge;
        } else if (c == '!') {
            flag = &alert;
        } else if (c == 'q') {
            flag = &quarter;
        } else if (c == '*') {
            flag = &invalid;
        } else {
            return 0;
        }
        if (*flag) {
            pd_diag_set(diag, PD_ERR_INPUT, NULL, "marker '%c' given twice in '%.*s'", c, (int)len,
                        text);
            return -1;
        }
        *flag = true;
        pos++;
    }
    if (under && down) {
        pd_diag_set(diag, PD_ERR_INPUT, NULL, "'%.*s' is both under-rotated and downgraded",
                    (int)len, text);
        return -1;
    }
    if ((edge || alert) && strcmp(type, "F") != 0 && strcmp(type, "Lz") != 0) {
        pd_diag_set(diag, PD_ERR_INPUT, NULL, "edge markers apply to F and Lz only, not '%.*s'",
                    (int)len, text);
        return -1;
    }
    if (edge && alert) {
        pd_diag_set(diag, PD_ERR_INPUT, NULL, "'%.*s' has both 'e' and '!'", (int)len, text);
        return -1;
    }
    out->is_jump = true;
    out->row = NULL;
    /* A jump without its number of revolutions, or invalid ("*"): no value. */
    if (rotations == 0 || invalid)
        return 1;
    /* Rule 611: a downgraded jump is valued as the jump with one revolution less. */
    if (down)
        rotations--;
    if (rotations == 0)
        return 1;
    char code[PD_FSK_CODE_MAX];
    snprintf(code, sizeof code, "%d%s%s%s%s", rotations, type, throw_jump ? "Th" : "",
             edge ? "e" : "", under ? "<" : "");
    out->row = pd_fsk_sov_lookup(table, code);
    if (!out->row) {
        pd_diag_set(diag, PD_ERR_INPUT, NULL, "'%s' (from '%.*s') is not in the %s Scale of Values",
                    code, (int)len, text, table->name);
        return -1;
    }
    return 1;
}

/* Read a non-jump part ("CCoSp3V", "RoLi4", "StSq", "CCoSp2V*"). */
static pd_err read_levelled(const pd_fsk_sov_table *table, const char *text, size_t len, part *out,
                            pd_diag *diag)
{
    char code[PD_FSK_CODE_MAX + 4];
    bool invalid = len > 0 && text[len - 1] == '*';
    size_t core = invalid ? len - 1 : len;
    if (core == 0 || core > PD_FSK_CODE_MAX)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "empty element part in '%.*s'", (int)len,
                           text);
    memcpy(code, text, core);
    code[core] = '\0';
    out->is_jump = false;
    out->row = pd_fsk_sov_lookup(table, code);
    if (out->row) {
        if (invalid)
            out->row = NULL;
        return PD_OK;
    }
    /* A code printed without its level ("StSq", "CCoSpV") has no value; so have
     * "Sp" (a spin the panel could not identify) and "PiF" (a pair pivot figure
     * without level, novice). */
    if (strcmp(code, "Sp") == 0 || strcmp(code, "PiF") == 0)
        return PD_OK;
    static const char *const levels[] = {"B", "1", "4"};
    bool reduced = core > 1 && code[core - 1] == 'V';
    for (size_t i = 0; i < sizeof levels / sizeof *levels; i++) {
        char probe[2 * PD_FSK_CODE_MAX];
        snprintf(probe, sizeof probe, "%.*s%s%s", (int)(reduced ? core - 1 : core), code, levels[i],
                 reduced ? "V" : "");
        if (pd_fsk_sov_lookup(table, probe))
            return PD_OK;
    }
    return pd_diag_set(diag, PD_ERR_INPUT, NULL, "'%s' is not in the %s Scale of Values", code,
                       table->name);
}

static bool is_key_points(const char *text, size_t len)
{
    if (!starts_with(text, len, "kp") || len < 3)
        return false;
    for (size_t i = 2; i < len; i++)
        if (text[i] != 'Y' && text[i] != 'N' && !(text[i] == '<' && i == len - 1))
            return false;
    return true;
}

static pd_err check_code(const char *code, pd_diag *diag)
{
    size_t len = strlen(code);
    if (len == 0)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "empty element code");
    if (len > PD_FSK_CODE_MAX)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "element code longer than %d characters",
                           PD_FSK_CODE_MAX);
    for (size_t i = 0; i < len; i++) {
        char c = code[i];
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '<' || c == '!' || c == '*' || c == '+';
        if (!ok)
            return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                               "unexpected character '%c' in element code '%s'", c, code);
    }
    return PD_OK;
}

/* The panel's GOE from the values each judge's grade is worth (Rule 353.1.a). */
static pd_err panel_goe(const int64_t *values, size_t judges, int64_t *goe, pd_diag *diag)
{
    int64_t sum;
    size_t kept;
    /* ISU Rule 353.1.a: the highest and the lowest are dropped; domestic panels
     * of three or four judges are averaged whole. */
    pd_err err = pd_judging_trimmed_sum(values, judges, judges >= 5 ? 1 : 0, &sum, &kept, diag);
    if (err)
        return err;
    /* ISU Rule 353.1.a: the trimmed mean is rounded to two decimals. */
    *goe = pd_div_half_away(sum, (int64_t)kept);
    return PD_OK;
}

static pd_err check_panel(size_t judges, bool allow_empty, pd_diag *diag)
{
    if (judges == 0 && allow_empty)
        return PD_OK;
    if (judges < PD_FSK_MIN_PANEL || judges > PD_FSK_MAX_PANEL)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "a panel has 3 to 9 judges, got %zu", judges);
    return PD_OK;
}

pd_err pd_fsk_element_score(const pd_fsk_sov_table *table, const char *code, bool second_half,
                            const int *grades, size_t judges, pd_fsk_element_result *out,
                            pd_diag *diag)
{
    part parts[MAX_TOKENS];
    size_t part_count = 0;
    bool seq = false, rep = false, combo = false;
    pd_err err = check_code(code, diag);
    if (err)
        return err;
    if (judges > PD_FSK_MAX_PANEL)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "a panel has 3 to 9 judges, got %zu", judges);
    for (size_t j = 0; j < judges; j++)
        if (grades[j] < -5 || grades[j] > 5)
            return pd_diag_set(diag, PD_ERR_INPUT, NULL, "a grade is -5..+5, got %d", grades[j]);

    const char *token = code;
    size_t tokens = 0;
    for (;;) {
        const char *plus = strchr(token, '+');
        size_t len = plus ? (size_t)(plus - token) : strlen(token);
        if (len == 0)
            return pd_diag_set(diag, PD_ERR_INPUT, NULL, "empty part in element code '%s'", code);
        if (++tokens > MAX_TOKENS)
            return pd_diag_set(diag, PD_ERR_INPUT, NULL, "too many parts in '%s'", code);
        bool *flag = NULL;
        if (len == 3 && memcmp(token, "SEQ", 3) == 0)
            flag = &seq;
        else if (len == 3 && memcmp(token, "REP", 3) == 0)
            flag = &rep;
        else if (len == 5 && memcmp(token, "COMBO", 5) == 0)
            flag = &combo;
        if (flag) {
            if (*flag)
                return pd_diag_set(diag, PD_ERR_INPUT, NULL, "'%.*s' given twice in '%s'", (int)len,
                                   token, code);
            *flag = true;
        } else if (is_key_points(token, len)) {
            if (part_count == 0)
                return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                                   "key points without an element in '%s'", code);
        } else {
            part *p = &parts[part_count++];
            int jump = read_jump(table, token, len, p, diag);
            if (jump < 0)
                return PD_ERR_INPUT;
            if (jump == 0) {
                err = read_levelled(table, token, len, p, diag);
                if (err)
                    return err;
            }
        }
        if (!plus)
            break;
        token = plus + 1;
    }
    if (part_count == 0)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "no element in '%s'", code);

    bool all_jumps = true;
    size_t partners = 0;
    for (size_t i = 0; i < part_count; i++) {
        all_jumps = all_jumps && parts[i].is_jump;
        if (parts[i].row && parts[i].row->kind == PD_FSK_ROW_DANCE_PARTNER)
            partners++;
    }
    if ((seq || rep || combo) && !all_jumps)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "SEQ, REP and COMBO apply to jumps, in '%s'",
                           code);
    if (!all_jumps && part_count > 1 && partners != part_count)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "'%s' joins elements that do not combine",
                           code);
    if (partners > 0 && partners != part_count)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "'%s' mixes a partner's part with others",
                           code);

    int64_t base = 0;
    int64_t goe_table[PD_FSK_GRADES] = {0};
    bool valued = false;
    if (partners > 0) {
        /* Ice dance: both partners' parts add up, base and GOE values alike. */
        for (size_t i = 0; i < part_count; i++) {
            base += parts[i].row->base;
            for (int g = 0; g < PD_FSK_GRADES; g++)
                goe_table[g] += parts[i].row->goe[g];
        }
        valued = true;
    } else {
        const pd_fsk_sov_row *best = NULL;
        for (size_t i = 0; i < part_count; i++) {
            const pd_fsk_sov_row *row = parts[i].row;
            if (!row)
                continue;
            base += row->base;
            /* GOE of a combination or sequence: the jump with the highest value. */
            if (!best || row->base > best->base)
                best = row;
        }
        if (best) {
            valued = true;
            memcpy(goe_table, best->goe, sizeof goe_table);
        }
    }
    if (!valued) {
        out->base_value = out->goe = out->score = 0;
        out->valued = false;
        return check_panel(judges, true, diag);
    }
    err = check_panel(judges, false, diag);
    if (err)
        return err;

    /* Rule 612 (+REP 70 %), Rule 613 (+SEQ 80 %), Rule 353.1.c (x: 110 %). */
    int64_t percent = rep ? 70 : seq ? 80 : 100;
    int64_t bonus = second_half ? 110 : 100;
    /* One rounding to 0.01, half away from zero, of the reduced base value. */
    out->base_value = pd_div_half_away(base * percent * bonus, 10000);

    int64_t values[PD_FSK_MAX_PANEL];
    for (size_t j = 0; j < judges; j++)
        values[j] = goe_table[grades[j] + 5];
    err = panel_goe(values, judges, &out->goe, diag);
    if (err)
        return err;
    out->score = out->base_value + out->goe;
    out->valued = true;
    return PD_OK;
}

pd_err pd_fsk_component_panel(const int64_t *marks, size_t judges, int64_t *panel, pd_diag *diag)
{
    pd_err err = check_panel(judges, false, diag);
    if (err)
        return err;
    for (size_t j = 0; j < judges; j++)
        if (marks[j] < 25 || marks[j] > 1000 || marks[j] % 25 != 0)
            return pd_diag_set(diag, PD_ERR_INPUT, NULL,
                               "a component mark is 0.25 to 10.00 in steps of 0.25");
    int64_t sum;
    size_t kept;
    /* Rule 353.1.b: highest and lowest dropped, mean rounded to two decimals. */
    err = pd_judging_trimmed_sum(marks, judges, judges >= 5 ? 1 : 0, &sum, &kept, diag);
    if (err)
        return err;
    *panel = pd_div_half_away(sum, (int64_t)kept);
    return PD_OK;
}

int64_t pd_fsk_component_factored(int64_t panel, int64_t factor_hundredths)
{
    /* Rule 353.1.b: the panel mark times the factor, rounded to two decimals. */
    return pd_div_half_away(panel * factor_hundredths, 100);
}

pd_err pd_fsk_performance_score(const pd_fsk_sov_table *table, const pd_fsk_performance_in *in,
                                pd_fsk_performance_out *out, size_t *failed_element,
                                size_t *failed_component, pd_diag *diag)
{
    if (failed_element)
        *failed_element = (size_t)-1;
    if (failed_component)
        *failed_component = (size_t)-1;
    if (in->element_count > PD_FSK_MAX_ELEMENTS || in->component_count > PD_FSK_MAX_COMPONENTS)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "too many elements or components");
    if (in->deductions < 0)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "deductions are given as a positive number");
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < in->element_count; i++) {
        const pd_fsk_element_in *e = &in->elements[i];
        pd_err err = pd_fsk_element_score(table, e->code, e->second_half, e->grades, e->judges,
                                          &out->elements[i], diag);
        if (err) {
            if (failed_element)
                *failed_element = i;
            return err;
        }
        out->tes += out->elements[i].score;
    }
    for (size_t c = 0; c < in->component_count; c++) {
        const pd_fsk_component_in *comp = &in->components[c];
        pd_err err =
            pd_fsk_component_panel(comp->marks, comp->judges, &out->component_panel[c], diag);
        if (err) {
            if (failed_component)
                *failed_component = c;
            return err;
        }
        out->component_factored[c] =
            pd_fsk_component_factored(out->component_panel[c], comp->factor);
        out->pcs += out->component_factored[c];
    }
    out->deductions = in->deductions;
    /* Rule 353.1.d: segment score = TES + PCS - deductions. */
    out->tss = out->tes + out->pcs - out->deductions;
    return PD_OK;
}

pd_err pd_fsk_segment_parse(const char *text, pd_fsk_segment *out, pd_diag *diag)
{
    static const char *const names[] = {"SP", "FS", "RD", "FD"};
    for (int i = 0; i < 4; i++)
        if (strcmp(text, names[i]) == 0) {
            *out = (pd_fsk_segment)i;
            return PD_OK;
        }
    return pd_diag_set(diag, PD_ERR_INPUT, NULL, "expected SP, FS, RD or FD, got \"%s\"", text);
}

bool pd_fsk_segment_is_short(pd_fsk_segment segment)
{
    return segment == PD_FSK_SP || segment == PD_FSK_RD;
}

void pd_fsk_segment_keys(pd_fsk_segment segment, int64_t tss, int64_t tes, int64_t pcs,
                         pd_rank_item *item)
{
    /* Rule 353.1.n: higher segment score; ties: TES in SP/RD, PCS in FS/FD. */
    item->key[0] = -tss;
    item->key[1] = pd_fsk_segment_is_short(segment) ? -tes : -pcs;
}
