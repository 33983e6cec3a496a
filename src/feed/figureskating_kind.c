/*
 * figureskating_kind.c: the figure skating kinds of `podium score`.
 *
 * "figure-skating-segment" (../shared/formats/score.md): one segment (SP, FS,
 * RD, FD) of singles, pairs or ice dance under the ISU Judging System. The
 * adapter reads the config and every performance strictly (each error names
 * its field: `performances[2].elements[4].goe[1]`), hands plain structs to the
 * engine in src/rules/figureskating.c, ranks with the segment tie-breaks and
 * renders podium-result/1 with every figure as the protocol prints it.
 *
 * The event and team kinds documented in docs/formats.md live in
 * figureskating_event_kind.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/figureskating.h"
#include "podium/figureskating_kind.h"
#include "podium/fixed.h"
#include "podium/json.h"
#include "podium/kinds.h"
#include "podium/rank.h"
#include "podium/resultdoc.h"

static const char *const config_keys[] = {"segment", "discipline_kind", "sov", NULL};
static const char *const performance_keys[] = {"competitor", "elements", "components",
                                               "deductions", "irm",      NULL};
static const char *const element_keys[] = {"code", "x", "goe", NULL};
static const char *const component_keys[] = {"code", "factor", "marks", NULL};

typedef struct {
    const char *competitor;
    pd_irm irm;
    pd_fsk_performance_in in;
    pd_fsk_performance_out out;
    const char *element_codes[PD_FSK_MAX_ELEMENTS];
    const char *component_codes[PD_FSK_MAX_COMPONENTS];
} fsk_row;

/* Re-address an engine's reason (which names no field) to the field at path. */
static pd_err at_path(pd_diag *diag, pd_err err, const pd_jpath *path)
{
    char reason[PD_DIAG_REASON_MAX];
    snprintf(reason, sizeof reason, "%s", diag ? diag->reason : "");
    return pd_diag_set(diag, err, path->text, "%s", reason);
}

static pd_err read_config(const pd_scoredoc *doc, pd_fsk_segment *segment,
                          const pd_fsk_sov_table **table, pd_jpath *path, pd_diag *diag)
{
    const char *segment_text, *discipline_kind, *season;
    size_t mark = pd_jpath_key(path, "config");
    pd_err err = pd_json_object_keys(doc->config, config_keys, path, diag);
    if (!err)
        err = pd_json_get_string(doc->config, "segment", true, 8, &segment_text, path, diag);
    if (!err)
        err = pd_json_get_string(doc->config, "discipline_kind", true, 16, &discipline_kind, path,
                                 diag);
    if (!err)
        err = pd_json_get_string(doc->config, "sov", true, 16, &season, path, diag);
    if (err)
        return err;
    size_t at = pd_jpath_key(path, "segment");
    err = pd_fsk_segment_parse(segment_text, segment, diag);
    if (err)
        return at_path(diag, err, path);
    pd_jpath_pop(path, at);
    const pd_fsk_sov *sov = pd_fsk_sov_find(season);
    if (!sov) {
        pd_jpath_key(path, "sov");
        return pd_diag_set(diag, PD_ERR_INPUT, path->text,
                           "unknown Scale of Values \"%s\" (known: \"2021-22\")", season);
    }
    bool dance = strcmp(discipline_kind, "dance") == 0;
    if (!dance && strcmp(discipline_kind, "men") != 0 && strcmp(discipline_kind, "women") != 0 &&
        strcmp(discipline_kind, "pairs") != 0) {
        pd_jpath_key(path, "discipline_kind");
        return pd_diag_set(diag, PD_ERR_INPUT, path->text,
                           "expected men, women, pairs or dance, got \"%s\"", discipline_kind);
    }
    bool dance_segment = *segment == PD_FSK_RD || *segment == PD_FSK_FD;
    if (dance != dance_segment) {
        pd_jpath_key(path, "segment");
        return pd_diag_set(diag, PD_ERR_INPUT, path->text, "segment %s does not belong to %s",
                           segment_text, discipline_kind);
    }
    *table = dance ? sov->dance : sov->singles_pairs;
    pd_jpath_pop(path, mark);
    return PD_OK;
}

static pd_err read_element(json_t *item, fsk_row *row, size_t index, pd_jpath *path, pd_diag *diag)
{
    pd_fsk_element_in *e = &row->in.elements[index];
    json_t *grades;
    pd_err err = pd_json_object_keys(item, element_keys, path, diag);
    if (!err)
        err = pd_json_get_string(item, "code", true, PD_FSK_CODE_MAX, &e->code, path, diag);
    if (!err)
        err = pd_json_get_bool(item, "x", false, &e->second_half, path, diag);
    if (!err)
        err = pd_json_get_array(item, "goe", true, 0, PD_FSK_MAX_PANEL, &grades, path, diag);
    if (err)
        return err;
    row->element_codes[index] = e->code;
    e->judges = json_array_size(grades);
    size_t mark = pd_jpath_key(path, "goe");
    for (size_t j = 0; j < e->judges; j++) {
        int64_t grade;
        size_t at = pd_jpath_index(path, j);
        err = pd_json_int_value(json_array_get(grades, j), -5, 5, &grade, path, diag);
        if (err)
            return err;
        e->grades[j] = (int)grade;
        pd_jpath_pop(path, at);
    }
    pd_jpath_pop(path, mark);
    return PD_OK;
}

static pd_err read_component(json_t *item, fsk_row *row, size_t index, pd_jpath *path,
                             pd_diag *diag)
{
    pd_fsk_component_in *c = &row->in.components[index];
    json_t *marks;
    pd_err err = pd_json_object_keys(item, component_keys, path, diag);
    if (!err)
        err = pd_json_get_string(item, "code", true, 16, &row->component_codes[index], path, diag);
    if (!err)
        err = pd_json_get_decimal(item, "factor", true, 2, 1, 1000, &c->factor, path, diag);
    if (!err)
        err = pd_json_get_array(item, "marks", true, PD_FSK_MIN_PANEL, PD_FSK_MAX_PANEL, &marks,
                                path, diag);
    if (err)
        return err;
    c->judges = json_array_size(marks);
    size_t mark = pd_jpath_key(path, "marks");
    for (size_t j = 0; j < c->judges; j++) {
        size_t at = pd_jpath_index(path, j);
        err =
            pd_json_decimal_value(json_array_get(marks, j), 2, 25, 1000, &c->marks[j], path, diag);
        if (!err && c->marks[j] % 25 != 0)
            err = pd_diag_set(diag, PD_ERR_INPUT, path->text,
                              "a component mark is a multiple of 0.25");
        if (err)
            return err;
        pd_jpath_pop(path, at);
    }
    pd_jpath_pop(path, mark);
    return PD_OK;
}

/* Check that every element and component of a performance has the same panel. */
static pd_err check_panels(const fsk_row *row, pd_jpath *path, pd_diag *diag)
{
    size_t panel = 0;
    for (size_t c = 0; c < row->in.component_count; c++) {
        size_t judges = row->in.components[c].judges;
        if (panel == 0)
            panel = judges;
        else if (judges != panel) {
            pd_jpath_key(path, "components");
            pd_jpath_index(path, c);
            pd_jpath_key(path, "marks");
            return pd_diag_set(diag, PD_ERR_INPUT, path->text, "expected %zu marks, got %zu", panel,
                               judges);
        }
    }
    for (size_t i = 0; i < row->in.element_count; i++) {
        size_t judges = row->in.elements[i].judges;
        if (judges == 0)
            continue; /* allowed for an element without value, checked by the engine */
        if (panel == 0)
            panel = judges;
        else if (judges != panel) {
            pd_jpath_key(path, "elements");
            pd_jpath_index(path, i);
            pd_jpath_key(path, "goe");
            return pd_diag_set(diag, PD_ERR_INPUT, path->text, "expected %zu grades, got %zu",
                               panel, judges);
        }
    }
    return PD_OK;
}

static pd_err read_performance(json_t *item, fsk_row *row, pd_jpath *path, pd_diag *diag)
{
    json_t *elements = NULL, *components = NULL;
    const char *irm_text = NULL;
    pd_err err = pd_json_object_keys(item, performance_keys, path, diag);
    if (!err)
        err = pd_json_get_string(item, "irm", false, 8, &irm_text, path, diag);
    if (err)
        return err;
    row->irm = PD_IRM_NONE;
    if (irm_text) {
        size_t at = pd_jpath_key(path, "irm");
        err = pd_irm_parse(irm_text, &row->irm, diag);
        if (err)
            return at_path(diag, err, path);
        pd_jpath_pop(path, at);
    }
    bool required = row->irm == PD_IRM_NONE;
    err = pd_json_get_array(item, "elements", required, 0, PD_FSK_MAX_ELEMENTS, &elements, path,
                            diag);
    if (!err)
        err = pd_json_get_array(item, "components", required, 1, PD_FSK_MAX_COMPONENTS, &components,
                                path, diag);
    if (!err)
        err = pd_json_get_decimal(item, "deductions", false, 2, 0, 100000, &row->in.deductions,
                                  path, diag);
    if (err)
        return err;
    row->in.element_count = elements ? json_array_size(elements) : 0;
    row->in.component_count = components ? json_array_size(components) : 0;
    size_t mark = pd_jpath_key(path, "elements");
    for (size_t i = 0; i < row->in.element_count; i++) {
        size_t at = pd_jpath_index(path, i);
        json_t *e = json_array_get(elements, i);
        if (!json_is_object(e))
            return pd_diag_set(diag, PD_ERR_INPUT, path->text, "expected an object, got %s",
                               pd_json_type_name(e));
        err = read_element(e, row, i, path, diag);
        if (err)
            return err;
        pd_jpath_pop(path, at);
    }
    pd_jpath_pop(path, mark);
    mark = pd_jpath_key(path, "components");
    for (size_t c = 0; c < row->in.component_count; c++) {
        size_t at = pd_jpath_index(path, c);
        json_t *comp = json_array_get(components, c);
        if (!json_is_object(comp))
            return pd_diag_set(diag, PD_ERR_INPUT, path->text, "expected an object, got %s",
                               pd_json_type_name(comp));
        err = read_component(comp, row, c, path, diag);
        if (err)
            return err;
        pd_jpath_pop(path, at);
    }
    pd_jpath_pop(path, mark);
    return check_panels(row, path, diag);
}

static json_t *money(int64_t hundredths)
{
    char text[32];
    pd_fixed_format(hundredths, 2, text, sizeof text);
    return json_string(text);
}

static json_t *performance_detail(const fsk_row *row)
{
    const pd_fsk_performance_out *o = &row->out;
    json_t *elements = json_array();
    json_t *components = json_array();
    for (size_t i = 0; elements && i < row->in.element_count; i++)
        json_array_append_new(
            elements, json_pack("{s:s, s:o, s:o, s:o}", "code", row->element_codes[i], "base_value",
                                money(o->elements[i].base_value), "goe", money(o->elements[i].goe),
                                "score", money(o->elements[i].score)));
    for (size_t c = 0; components && c < row->in.component_count; c++)
        json_array_append_new(components,
                              json_pack("{s:s, s:o, s:o}", "code", row->component_codes[c], "panel",
                                        money(o->component_panel[c]), "factored",
                                        money(o->component_factored[c])));
    return json_pack("{s:o, s:o, s:o, s:o*, s:o*}", "tes", money(o->tes), "pcs", money(o->pcs),
                     "deductions", money(o->deductions), "elements", elements, "components",
                     components);
}

pd_err pd_fsk_segment_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag)
{
    pd_jpath path;
    pd_fsk_segment segment;
    const pd_fsk_sov_table *table = NULL;
    size_t n = json_array_size(doc->performances);
    fsk_row *rows = NULL;
    pd_rank_item *items = NULL;
    pd_result_row *results = NULL;
    char(*totals)[32] = NULL;
    bool *seen = NULL;
    pd_err err;

    pd_jpath_init(&path);
    err = read_config(doc, &segment, &table, &path, diag);
    if (err)
        return err;
    rows = calloc(n ? n : 1, sizeof *rows);
    items = calloc(n ? n : 1, sizeof *items);
    results = calloc(n ? n : 1, sizeof *results);
    totals = calloc(n ? n : 1, sizeof *totals);
    seen = calloc(doc->competitor_count ? doc->competitor_count : 1, sizeof *seen);
    if (!rows || !items || !results || !totals || !seen) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    size_t mark = pd_jpath_key(&path, "performances");
    for (size_t i = 0; i < n; i++) {
        size_t at = pd_jpath_index(&path, i);
        fsk_row *row = &rows[i];
        size_t who = doc->performance_competitor[i];
        row->competitor = doc->competitors[who].id;
        if (seen[who]) {
            pd_jpath_key(&path, "competitor");
            err = pd_diag_set(diag, PD_ERR_INPUT, path.text,
                              "competitor \"%s\" has a second performance", row->competitor);
            goto fail;
        }
        seen[who] = true;
        err = read_performance(json_array_get(doc->performances, i), row, &path, diag);
        if (err)
            goto fail;
        if (row->irm == PD_IRM_NONE) {
            size_t bad_element, bad_component;
            err = pd_fsk_performance_score(table, &row->in, &row->out, &bad_element, &bad_component,
                                           diag);
            if (err) {
                if (bad_element != (size_t)-1) {
                    pd_jpath_key(&path, "elements");
                    pd_jpath_index(&path, bad_element);
                    pd_jpath_key(&path, "code");
                } else if (bad_component != (size_t)-1) {
                    pd_jpath_key(&path, "components");
                    pd_jpath_index(&path, bad_component);
                }
                err = at_path(diag, err, &path);
                goto fail;
            }
        }
        items[i].index = i;
        items[i].irm = row->irm;
        items[i].order = (int64_t)i;
        pd_fsk_segment_keys(segment, row->out.tss, row->out.tes, row->out.pcs, &items[i]);
        pd_jpath_pop(&path, at);
    }
    pd_jpath_pop(&path, mark);
    for (size_t c = 0; c < doc->competitor_count; c++)
        if (!seen[c]) {
            char where[64];
            snprintf(where, sizeof where, "competitors[%zu]", c);
            err = pd_diag_set(diag, PD_ERR_INPUT, where, "competitor \"%s\" has no performance",
                              doc->competitors[c].id);
            goto fail;
        }
    /* Rule 353.1.n: segment score, then TES (SP/RD) or PCS (FS/FD). */
    pd_rank(items, n, 2);
    for (size_t k = 0; k < n; k++) {
        const fsk_row *row = &rows[items[k].index];
        results[k].competitor = row->competitor;
        results[k].rank = items[k].rank;
        results[k].irm = row->irm;
        if (row->irm == PD_IRM_NONE) {
            pd_fixed_format(row->out.tss, 2, totals[k], sizeof totals[k]);
            results[k].result = totals[k];
            results[k].detail = performance_detail(row);
        } else {
            results[k].result = "";
        }
    }
    err = pd_resultdoc_build(doc, results, n, out);
    if (err)
        pd_diag_set(diag, err, NULL, "out of memory");
fail:
    free(rows);
    free(items);
    free(results);
    free(totals);
    free(seen);
    return err;
}

/* ---- "figure-skating-event" and "figure-skating-team" (docs/formats.md) ---- */

static const char *const segment_result_keys[] = {"competitor", "segment", "skater", "tss",
                                                  "tes",        "pcs",     "irm",    NULL};

/* Read {"tss","tes","pcs"} or {"irm"} of a segment result into r. */
static pd_err read_segment_result(json_t *item, pd_fsk_segment_result *r, pd_jpath *path,
                                  pd_diag *diag)
{
    const char *irm_text = NULL;
    pd_err err = pd_json_get_string(item, "irm", false, 8, &irm_text, path, diag);
    if (err)
        return err;
    r->present = true;
    r->irm = PD_IRM_NONE;
    if (irm_text) {
        size_t at = pd_jpath_key(path, "irm");
        err = pd_irm_parse(irm_text, &r->irm, diag);
        if (err)
            return at_path(diag, err, path);
        pd_jpath_pop(path, at);
    }
    bool required = r->irm == PD_IRM_NONE;
    err = pd_json_get_decimal(item, "tss", required, 2, -100000, 100000, &r->tss, path, diag);
    if (!err)
        err = pd_json_get_decimal(item, "tes", required, 2, 0, 100000, &r->tes, path, diag);
    if (!err)
        err = pd_json_get_decimal(item, "pcs", required, 2, 0, 100000, &r->pcs, path, diag);
    return err;
}

static json_t *segment_json(const pd_fsk_segment_result *r)
{
    if (!r->present)
        return json_null();
    if (r->irm != PD_IRM_NONE)
        return json_pack("{s:n, s:s, s:s}", "rank", "score", "", "irm", pd_irm_name(r->irm));
    return json_pack("{s:i, s:o, s:s}", "rank", r->rank, "score", money(r->tss), "irm", "");
}

pd_err pd_fsk_event_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag)
{
    static const char *const keys[] = {"discipline_kind", "qualifiers", "free_pending", NULL};
    pd_jpath path;
    const char *discipline_kind;
    int64_t qualifiers;
    bool free_pending = false;
    size_t n = doc->competitor_count;
    pd_fsk_event_entry *entries = NULL;
    pd_rank_item *work = NULL;
    pd_result_row *results = NULL;
    char(*totals)[32] = NULL;
    pd_err err;

    pd_jpath_init(&path);
    size_t mark = pd_jpath_key(&path, "config");
    err = pd_json_object_keys(doc->config, keys, &path, diag);
    if (!err)
        err = pd_json_get_string(doc->config, "discipline_kind", true, 16, &discipline_kind, &path,
                                 diag);
    if (!err)
        err = pd_json_get_int(doc->config, "qualifiers", true, 1, 1000, &qualifiers, &path, diag);
    if (!err)
        err = pd_json_get_bool(doc->config, "free_pending", false, &free_pending, &path, diag);
    if (err)
        return err;
    bool dance = strcmp(discipline_kind, "dance") == 0;
    if (!dance && strcmp(discipline_kind, "men") != 0 && strcmp(discipline_kind, "women") != 0 &&
        strcmp(discipline_kind, "pairs") != 0) {
        pd_jpath_key(&path, "discipline_kind");
        return pd_diag_set(diag, PD_ERR_INPUT, path.text,
                           "expected men, women, pairs or dance, got \"%s\"", discipline_kind);
    }
    pd_jpath_pop(&path, mark);
    entries = calloc(n ? n : 1, sizeof *entries);
    work = calloc(n ? n : 1, sizeof *work);
    results = calloc(n ? n : 1, sizeof *results);
    totals = calloc(n ? n : 1, sizeof *totals);
    if (!entries || !work || !results || !totals) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < n; i++) {
        entries[i].order = (int64_t)i;
        entries[i].free_pending = free_pending;
    }
    mark = pd_jpath_key(&path, "performances");
    for (size_t i = 0; i < json_array_size(doc->performances); i++) {
        size_t at = pd_jpath_index(&path, i);
        json_t *item = json_array_get(doc->performances, i);
        const char *segment_text;
        pd_fsk_segment segment;
        err = pd_json_object_keys(item, segment_result_keys, &path, diag);
        if (!err)
            err = pd_json_get_string(item, "segment", true, 8, &segment_text, &path, diag);
        if (err)
            goto fail;
        size_t seg_at = pd_jpath_key(&path, "segment");
        err = pd_fsk_segment_parse(segment_text, &segment, diag);
        if (!err && (segment == PD_FSK_RD || segment == PD_FSK_FD) != dance)
            err = pd_diag_set(diag, PD_ERR_INPUT, NULL, "segment %s does not belong to %s",
                              segment_text, discipline_kind);
        if (err) {
            err = at_path(diag, err, &path);
            goto fail;
        }
        pd_jpath_pop(&path, seg_at);
        pd_fsk_event_entry *e = &entries[doc->performance_competitor[i]];
        pd_fsk_segment_result *r =
            pd_fsk_segment_is_short(segment) ? &e->short_segment : &e->free_segment;
        if (r->present) {
            pd_jpath_key(&path, "segment");
            err = pd_diag_set(diag, PD_ERR_INPUT, path.text, "a second %s result for \"%s\"",
                              segment_text, doc->competitors[doc->performance_competitor[i]].id);
            goto fail;
        }
        err = read_segment_result(item, r, &path, diag);
        if (err)
            goto fail;
        pd_jpath_pop(&path, at);
    }
    pd_jpath_pop(&path, mark);
    size_t failed = (size_t)-1;
    err = pd_fsk_event_rank(entries, n, (size_t)qualifiers, work, &failed, diag);
    if (err) {
        char reason[PD_DIAG_REASON_MAX], where[64];
        snprintf(reason, sizeof reason, "%s", diag ? diag->reason : "");
        snprintf(where, sizeof where, "competitors[%zu]", failed < n ? failed : 0);
        err = pd_diag_set(diag, err, where, "\"%s\" %s",
                          failed < n ? doc->competitors[failed].id : "", reason);
        goto fail;
    }
    /* list in event order: reuse pd_rank's order by sorting on the computed ranks */
    for (size_t i = 0; i < n; i++) {
        memset(&work[i], 0, sizeof work[i]);
        work[i].index = i;
        work[i].irm = entries[i].irm;
        work[i].order = (int64_t)i;
        work[i].key[0] = entries[i].rank;
    }
    pd_rank(work, n, 1);
    for (size_t k = 0; k < n; k++) {
        const pd_fsk_event_entry *e = &entries[work[k].index];
        results[k].competitor = doc->competitors[work[k].index].id;
        results[k].rank = e->rank;
        results[k].irm = e->irm;
        results[k].result = "";
        if (e->irm == PD_IRM_NONE) {
            pd_fixed_format(e->total, 2, totals[k], sizeof totals[k]);
            results[k].result = totals[k];
        }
        results[k].detail =
            json_pack("{s:b, s:o, s:o}", "qualified", e->qualified, "short",
                      segment_json(&e->short_segment), "free", segment_json(&e->free_segment));
    }
    err = pd_resultdoc_build(doc, results, n, out);
    if (err)
        pd_diag_set(diag, err, NULL, "out of memory");
fail:
    free(entries);
    free(work);
    free(results);
    free(totals);
    return err;
}

static const char *const team_segments[PD_FSK_TEAM_SEGMENTS] = {
    "men-SP", "women-SP", "pairs-SP", "dance-RD", "men-FS", "women-FS", "pairs-FS", "dance-FD"};

pd_err pd_fsk_team_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag)
{
    static const char *const keys[] = {"qualifiers", "top_points", NULL};
    pd_jpath path;
    int64_t qualifiers, top_points;
    size_t n = doc->competitor_count;
    pd_fsk_team_entry *teams = NULL;
    const char *(*skaters)[PD_FSK_TEAM_SEGMENTS] = NULL;
    pd_rank_item *work = NULL;
    pd_result_row *results = NULL;
    char(*totals)[16] = NULL;
    pd_err err;

    pd_jpath_init(&path);
    size_t mark = pd_jpath_key(&path, "config");
    err = pd_json_object_keys(doc->config, keys, &path, diag);
    if (!err)
        err = pd_json_get_int(doc->config, "qualifiers", true, 1, 64, &qualifiers, &path, diag);
    if (!err)
        err = pd_json_get_int(doc->config, "top_points", true, 1, 64, &top_points, &path, diag);
    if (err)
        return err;
    pd_jpath_pop(&path, mark);
    if (n > 64)
        return pd_diag_set(diag, PD_ERR_INPUT, "competitors", "a team event has at most 64 teams");
    teams = calloc(n ? n : 1, sizeof *teams);
    skaters = calloc(n ? n : 1, sizeof *skaters);
    work = calloc(n ? n : 1, sizeof *work);
    results = calloc(n ? n : 1, sizeof *results);
    totals = calloc(n ? n : 1, sizeof *totals);
    if (!teams || !skaters || !work || !results || !totals) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    for (size_t i = 0; i < n; i++)
        teams[i].order = (int64_t)i;
    mark = pd_jpath_key(&path, "performances");
    for (size_t i = 0; i < json_array_size(doc->performances); i++) {
        size_t at = pd_jpath_index(&path, i);
        json_t *item = json_array_get(doc->performances, i);
        const char *segment_text, *skater = "";
        err = pd_json_object_keys(item, segment_result_keys, &path, diag);
        if (!err)
            err = pd_json_get_string(item, "segment", true, 16, &segment_text, &path, diag);
        if (!err)
            err = pd_json_get_string(item, "skater", false, 200, &skater, &path, diag);
        if (err)
            goto fail;
        int segment = -1;
        for (int s = 0; s < PD_FSK_TEAM_SEGMENTS; s++)
            if (strcmp(segment_text, team_segments[s]) == 0)
                segment = s;
        size_t team = doc->performance_competitor[i];
        if (segment < 0 || teams[team].segments[segment].present) {
            pd_jpath_key(&path, "segment");
            err = pd_diag_set(diag, PD_ERR_INPUT, path.text,
                              segment < 0 ? "expected men-SP, women-SP, pairs-SP, dance-RD, "
                                            "men-FS, women-FS, pairs-FS or dance-FD, got \"%s\""
                                          : "a second \"%s\" result for this team",
                              segment_text);
            goto fail;
        }
        err = read_segment_result(item, &teams[team].segments[segment], &path, diag);
        if (err)
            goto fail;
        skaters[team][segment] = skater;
        pd_jpath_pop(&path, at);
    }
    pd_jpath_pop(&path, mark);
    err = pd_fsk_team_rank(teams, n, (size_t)qualifiers, (int)top_points, work, diag);
    if (err) {
        char reason[PD_DIAG_REASON_MAX];
        snprintf(reason, sizeof reason, "%s", diag ? diag->reason : "");
        err = pd_diag_set(diag, err, "performances", "%s", reason);
        goto fail;
    }
    for (size_t i = 0; i < n; i++) {
        memset(&work[i], 0, sizeof work[i]);
        work[i].index = i;
        work[i].order = (int64_t)i;
        work[i].key[0] = teams[i].rank;
    }
    pd_rank(work, n, 1);
    for (size_t k = 0; k < n; k++) {
        const pd_fsk_team_entry *t = &teams[work[k].index];
        json_t *segments = json_array();
        for (int s = 0; segments && s < PD_FSK_TEAM_SEGMENTS; s++) {
            if (!t->segments[s].present)
                continue;
            json_t *seg = segment_json(&t->segments[s]);
            if (seg) {
                json_object_set_new(seg, "segment", json_string(team_segments[s]));
                json_object_set_new(
                    seg, "skater",
                    json_string(skaters[work[k].index][s] ? skaters[work[k].index][s] : ""));
                json_object_set_new(seg, "points", json_integer(t->points[s]));
            }
            json_array_append_new(segments, seg);
        }
        snprintf(totals[k], sizeof totals[k], "%d", t->total_points);
        results[k].competitor = doc->competitors[work[k].index].id;
        results[k].rank = t->rank;
        results[k].irm = PD_IRM_NONE;
        results[k].result = totals[k];
        results[k].detail = json_pack("{s:b, s:i, s:o*}", "qualified", t->qualified, "short_points",
                                      t->short_points, "segments", segments);
    }
    err = pd_resultdoc_build(doc, results, n, out);
    if (err)
        pd_diag_set(diag, err, NULL, "out of memory");
fail:
    free(teams);
    free(skaters);
    free(work);
    free(results);
    free(totals);
    return err;
}
