/*
 * scoredoc.c: validating the podium-score/1 envelope.
 *
 * Competitor lookup is by a sorted index so that a file with thousands of
 * performances stays linear-logarithmic. Each performance is checked to be an
 * object naming a known competitor here, once, so kind parsers start from
 * performances that are known to belong to someone.
 */
#include "podium/scoredoc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const envelope_keys[] = {"format", "discipline",  "event",        "kind",
                                            "config", "competitors", "performances", NULL};
static const char *const competitor_keys[] = {"id", "name", "noc", "bib", NULL};

static int cmp_competitor_ptr(const void *a, const void *b)
{
    const pd_competitor *const *ca = a;
    const pd_competitor *const *cb = b;
    return strcmp((*ca)->id, (*cb)->id);
}

pd_err pd_scoredoc_one_performance(const pd_scoredoc *doc, size_t i, size_t c, size_t *first,
                                   const char *who, const pd_jpath *path, pd_diag *diag)
{
    if (*first)
        return pd_diag_set(diag, PD_ERR_INPUT, path->text,
                           "duplicate performance for %s \"%s\" (first in performances[%zu])", who,
                           doc->competitors[c].id, *first - 1);
    *first = i + 1;
    return PD_OK;
}

int64_t pd_scoredoc_start_order(const pd_scoredoc *doc, size_t index)
{
    const char *bib = doc->competitors[index].bib;
    int64_t number = 0;
    size_t n = strlen(bib);
    if (n == 0 || n > 9)
        return 1000000000LL + (int64_t)index;
    for (size_t i = 0; i < n; i++) {
        if (bib[i] < '0' || bib[i] > '9')
            return 1000000000LL + (int64_t)index;
        number = number * 10 + (bib[i] - '0');
    }
    return number;
}

size_t pd_scoredoc_find(const pd_scoredoc *doc, const char *id)
{
    pd_competitor key = {.id = id};
    const pd_competitor *keyp = &key;
    const pd_competitor **found =
        bsearch(&keyp, doc->by_id, doc->competitor_count, sizeof *doc->by_id, cmp_competitor_ptr);
    return found ? (size_t)(*found - doc->competitors) : (size_t)-1;
}

static pd_err parse_competitors(pd_scoredoc *doc, json_t *list, pd_jpath *path, pd_diag *diag)
{
    size_t n = json_array_size(list);
    doc->competitors = calloc(n ? n : 1, sizeof *doc->competitors);
    if (!doc->competitors)
        return pd_diag_set(diag, PD_ERR_NOMEM, "competitors", "out of memory");
    doc->competitor_count = n;
    size_t mark = pd_jpath_key(path, "competitors");
    for (size_t i = 0; i < n; i++) {
        json_t *item = json_array_get(list, i);
        pd_competitor *c = &doc->competitors[i];
        size_t at = pd_jpath_index(path, i);
        c->name = c->noc = c->bib = "";
        pd_err err = pd_json_object_keys(item, competitor_keys, path, diag);
        if (!err)
            err = pd_json_get_string(item, "id", true, 64, &c->id, path, diag);
        if (!err && c->id[0] == '\0') {
            size_t k = pd_jpath_key(path, "id");
            err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "must not be empty");
            pd_jpath_pop(path, k);
        }
        if (!err)
            err = pd_json_get_string(item, "name", false, 200, &c->name, path, diag);
        if (!err)
            err = pd_json_get_string(item, "noc", false, 3, &c->noc, path, diag);
        if (!err)
            err = pd_json_get_string(item, "bib", false, 16, &c->bib, path, diag);
        if (err)
            return err;
        pd_jpath_pop(path, at);
    }
    pd_jpath_pop(path, mark);

    /* duplicate ids: sort pointers, compare neighbours */
    const pd_competitor **sorted = calloc(n ? n : 1, sizeof *sorted);
    if (!sorted)
        return pd_diag_set(diag, PD_ERR_NOMEM, "competitors", "out of memory");
    doc->by_id = sorted;
    for (size_t i = 0; i < n; i++)
        sorted[i] = &doc->competitors[i];
    qsort(sorted, n, sizeof *sorted, cmp_competitor_ptr);
    pd_err err = PD_OK;
    for (size_t i = 1; i < n && !err; i++)
        if (strcmp(sorted[i - 1]->id, sorted[i]->id) == 0) {
            size_t second = (size_t)(sorted[i] - doc->competitors);
            if (sorted[i - 1] > sorted[i])
                second = (size_t)(sorted[i - 1] - doc->competitors);
            char where[64];
            snprintf(where, sizeof where, "competitors[%zu].id", second);
            err = pd_diag_set(diag, PD_ERR_INPUT, where, "duplicate id \"%s\"", sorted[i]->id);
        }
    return err;
}

static pd_err parse_performances(pd_scoredoc *doc, pd_jpath *path, pd_diag *diag)
{
    size_t n = json_array_size(doc->performances);
    doc->performance_competitor = calloc(n ? n : 1, sizeof *doc->performance_competitor);
    if (!doc->performance_competitor)
        return pd_diag_set(diag, PD_ERR_NOMEM, "performances", "out of memory");
    size_t mark = pd_jpath_key(path, "performances");
    for (size_t i = 0; i < n; i++) {
        json_t *item = json_array_get(doc->performances, i);
        const char *id;
        size_t at = pd_jpath_index(path, i);
        if (!json_is_object(item))
            return pd_diag_set(diag, PD_ERR_INPUT, path->text, "expected an object, got %s",
                               pd_json_type_name(item));
        pd_err err = pd_json_get_string(item, "competitor", true, 64, &id, path, diag);
        if (err)
            return err;
        size_t index = pd_scoredoc_find(doc, id);
        if (index == (size_t)-1) {
            pd_jpath_key(path, "competitor");
            return pd_diag_set(diag, PD_ERR_INPUT, path->text, "unknown competitor \"%s\"", id);
        }
        doc->performance_competitor[i] = index;
        pd_jpath_pop(path, at);
    }
    pd_jpath_pop(path, mark);
    return PD_OK;
}

pd_err pd_scoredoc_parse(json_t *root, pd_scoredoc *doc, pd_diag *diag)
{
    pd_jpath path;
    const char *format;
    json_t *competitors;
    pd_err err;

    memset(doc, 0, sizeof *doc);
    pd_jpath_init(&path);
    doc->event = "";
    err = pd_json_object_keys(root, envelope_keys, &path, diag);
    if (!err)
        err = pd_json_get_string(root, "format", true, 32, &format, &path, diag);
    if (!err && strcmp(format, "podium-score/1") != 0)
        err = pd_diag_set(diag, PD_ERR_INPUT, "format", "expected \"podium-score/1\", got \"%s\"",
                          format);
    if (!err)
        err = pd_json_get_string(root, "discipline", true, 3, &doc->discipline, &path, diag);
    if (!err && strlen(doc->discipline) != 3)
        err = pd_diag_set(diag, PD_ERR_INPUT, "discipline",
                          "expected a 3-letter code like \"ALP\", got \"%s\"", doc->discipline);
    if (!err)
        err = pd_json_get_string(root, "event", false, 64, &doc->event, &path, diag);
    if (!err)
        err = pd_json_get_string(root, "kind", true, 64, &doc->kind, &path, diag);
    json_t *config = NULL;
    if (!err)
        err = pd_json_get_object(root, "config", false, &config, &path, diag);
    doc->config = config;
    if (!err)
        err = pd_json_get_array(root, "competitors", true, 0, PD_SCORE_MAX_COMPETITORS,
                                &competitors, &path, diag);
    if (!err)
        err = pd_json_get_array(root, "performances", true, 0, PD_SCORE_MAX_PERFORMANCES,
                                &doc->performances, &path, diag);
    if (!err)
        err = parse_competitors(doc, competitors, &path, diag);
    if (!err)
        err = parse_performances(doc, &path, diag);
    if (err) {
        free(doc->competitors);
        free(doc->by_id);
        free(doc->performance_competitor);
        memset(doc, 0, sizeof *doc);
        return err;
    }
    if (!doc->config)
        doc->config = json_object_get(root, "config"); /* stays NULL-safe for kinds */
    doc->root = json_incref(root);
    return PD_OK;
}

void pd_scoredoc_cleanup(pd_scoredoc *doc)
{
    free(doc->competitors);
    free(doc->by_id);
    free(doc->performance_competitor);
    json_decref(doc->root);
    memset(doc, 0, sizeof *doc);
}
