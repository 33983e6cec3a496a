/*
 * resultdoc.h: the podium-result/1 document every kind renders.
 *
 * Engines rank; this module writes the ranking in the one shape
 * ../shared/formats/score.md fixes: {"format", "discipline", "event",
 * "kind", "results": [{"rank", "competitor", "result", "irm", "detail"}]},
 * rank null for IRMs, every figure a pre-formatted string.
 */
#ifndef PODIUM_RESULTDOC_H
#define PODIUM_RESULTDOC_H

#include <stddef.h>

#include <jansson.h>

#include "podium/err.h"
#include "podium/rank.h"
#include "podium/scoredoc.h"

typedef struct {
    const char *competitor; /* competitor id */
    int rank;               /* 1-based; 0 renders as null */
    const char *result;     /* formatted as published; "" when none */
    pd_irm irm;
    json_t *detail; /* taken (reference stolen); NULL renders as {} */
} pd_result_row;

/*
 * Build the document for doc's discipline, event and kind with rows in
 * official order. Takes every row's detail reference, also on error.
 * *out is a new reference. PD_ERR_NOMEM only.
 */
pd_err pd_resultdoc_build(const pd_scoredoc *doc, pd_result_row *rows, size_t count, json_t **out);

/*
 * The end every adapter shares: when err is set (building the rows failed,
 * e.g. a detail could not be allocated) release every row's detail and return
 * err with diag saying so; otherwise pd_resultdoc_build, with diag set if it
 * fails.
 */
pd_err pd_resultdoc_finish(const pd_scoredoc *doc, pd_result_row *rows, size_t count, pd_err err,
                           json_t **out, pd_diag *diag);

#endif
