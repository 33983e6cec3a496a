/*
 * classification_kind.c: the kind "classification": results entered as the
 * official classification (docs/formats.md).
 *
 * Nothing is computed but the ranking's consistency: each performance gives a
 * competitor's rank (or IRM) and an optional result as published; pd_rank
 * orders them with the given rank as the only key, and a rank that is not
 * the one pd_rank gives (1, 2, 2, 4: shared on ties, the next skipped) is an
 * input error, so a classification entered by hand cannot be inconsistent.
 * Only the classified competitors are listed: who has no performance is not
 * classified yet. The config is empty, or {"partial": true} while the
 * classification is still being entered (the live server's config): then a
 * rank needs only be no better than pd_rank's, since those ranked ahead may
 * not be entered yet (a bronze final decided before the gold one), and the
 * given rank is shown.
 */
#include <stdlib.h>

#include "podium/classification_kind.h"
#include "podium/rank.h"
#include "podium/resultdoc.h"

pd_err pd_classification_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag)
{
    static const char *const keys[] = {"competitor", "rank", "result", "irm", NULL};
    static const char *const config_keys[] = {"partial", NULL};
    bool partial = false;
    size_t n = json_array_size(doc->performances);
    pd_rank_item *items = calloc(n ? n : 1, sizeof *items);
    pd_result_row *rows = calloc(n ? n : 1, sizeof *rows);
    const char **results = calloc(n ? n : 1, sizeof *results);
    bool *seen = calloc(doc->competitor_count ? doc->competitor_count : 1, sizeof *seen);
    pd_jpath path;
    pd_err err = PD_OK;

    pd_jpath_init(&path);
    if (!items || !rows || !results || !seen) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        goto fail;
    }
    size_t mark = pd_jpath_key(&path, "config");
    err = pd_json_object_keys(doc->config, config_keys, &path, diag);
    if (!err)
        err = pd_json_get_bool(doc->config, "partial", false, &partial, &path, diag);
    if (err)
        goto fail;
    pd_jpath_pop(&path, mark);
    pd_jpath_key(&path, "performances");
    for (size_t i = 0; i < n; i++) {
        json_t *item = json_array_get(doc->performances, i);
        size_t at = pd_jpath_index(&path, i);
        size_t who = doc->performance_competitor[i];
        int64_t rank = 0;
        const char *irm_text = NULL;
        err = pd_json_object_keys(item, keys, &path, diag);
        if (!err)
            err = pd_json_get_int(item, "rank", false, 1, 100000, &rank, &path, diag);
        if (!err)
            err = pd_json_get_string(item, "result", false, 64, &results[i], &path, diag);
        if (!err)
            err = pd_json_get_string(item, "irm", false, 8, &irm_text, &path, diag);
        if (err)
            goto fail;
        items[i].index = i;
        items[i].order = (int64_t)who;
        items[i].key[0] = rank;
        if (irm_text) {
            size_t irm_at = pd_jpath_key(&path, "irm");
            err = pd_irm_parse(irm_text, &items[i].irm, diag);
            if (err) {
                pd_diag_set(diag, err, path.text, "%s", diag ? diag->reason : "bad IRM");
                goto fail;
            }
            pd_jpath_pop(&path, irm_at);
        }
        if ((rank > 0) == (irm_text != NULL)) {
            err = pd_diag_set(diag, PD_ERR_INPUT, path.text, "expected either rank or irm");
            goto fail;
        }
        if (seen[who]) {
            pd_jpath_key(&path, "competitor");
            err = pd_diag_set(diag, PD_ERR_INPUT, path.text, "\"%s\" is classified twice",
                              doc->competitors[who].id);
            goto fail;
        }
        seen[who] = true;
        pd_jpath_pop(&path, at);
    }
    pd_rank(items, n, 1);
    for (size_t k = 0; k < n; k++) {
        size_t i = items[k].index;
        bool consistent =
            partial ? items[k].key[0] >= items[k].rank : items[k].key[0] == items[k].rank;
        if (items[k].irm == PD_IRM_NONE && !consistent) {
            pd_jpath_index(&path, i);
            pd_jpath_key(&path, "rank");
            err = pd_diag_set(diag, PD_ERR_INPUT, path.text,
                              "rank %lld is not consistent: the classification gives %d",
                              (long long)items[k].key[0], items[k].rank);
            goto fail;
        }
        rows[k].competitor = doc->competitors[doc->performance_competitor[i]].id;
        rows[k].rank = items[k].irm == PD_IRM_NONE ? (int)items[k].key[0] : 0;
        rows[k].result = results[i] ? results[i] : "";
        rows[k].irm = items[k].irm;
        rows[k].detail = NULL;
    }
    err = pd_resultdoc_build(doc, rows, n, out);
    if (err)
        pd_diag_set(diag, err, NULL, "out of memory");
fail:
    free(items);
    free(rows);
    free(results);
    free(seen);
    return err;
}
