/*
 * resultdoc.c: rendering podium-result/1.
 *
 * Keys are inserted in the documented order and dumped with
 * JSON_PRESERVE_ORDER, so outputs are byte-stable for golden files.
 */
#include "podium/resultdoc.h"

#include "podium/json.h"

static json_t *result_row(const pd_result_row *r, json_t *detail)
{
    json_t *row = json_object();
    bool ok = row && pd_json_put(row, "rank", r->rank > 0 ? json_integer(r->rank) : json_null()) &&
              pd_json_put(row, "competitor", json_string(r->competitor)) &&
              pd_json_put(row, "result", json_string(r->result ? r->result : "")) &&
              pd_json_put(row, "irm", json_string(pd_irm_name(r->irm))) &&
              pd_json_put(row, "detail", json_incref(detail));
    json_decref(detail);
    if (!ok) {
        json_decref(row);
        return NULL;
    }
    return row;
}

pd_err pd_resultdoc_build(const pd_scoredoc *doc, pd_result_row *rows, size_t count, json_t **out)
{
    json_t *results = json_array();
    json_t *root = json_pack("{s:s, s:s, s:s, s:s}", "format", "podium-result/1", "discipline",
                             doc->discipline, "event", doc->event, "kind", doc->kind);
    pd_err err = PD_OK;
    if (!results || !root)
        err = PD_ERR_NOMEM;
    for (size_t i = 0; i < count; i++) {
        json_t *detail = rows[i].detail ? rows[i].detail : json_object();
        rows[i].detail = NULL;
        if (err) {
            json_decref(detail);
            continue;
        }
        json_t *row = result_row(&rows[i], detail);
        if (!row || json_array_append_new(results, row) != 0)
            err = PD_ERR_NOMEM;
    }
    if (!err && json_object_set_new(root, "results", results) != 0) {
        results = NULL;
        err = PD_ERR_NOMEM;
    }
    if (err) {
        json_decref(results);
        json_decref(root);
        return err;
    }
    *out = root;
    return PD_OK;
}

pd_err pd_resultdoc_finish(const pd_scoredoc *doc, pd_result_row *rows, size_t count, pd_err err,
                           json_t **out, pd_diag *diag)
{
    if (!err)
        err = pd_resultdoc_build(doc, rows, count, out);
    else
        for (size_t i = 0; i < count; i++) {
            json_decref(rows[i].detail);
            rows[i].detail = NULL;
        }
    if (err)
        pd_diag_set(diag, err, NULL, "out of memory");
    return err;
}
