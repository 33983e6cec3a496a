/*
 * fuzz_figure_skating.c: figure skating score files through strict JSON, the
 * podium-score/1 envelope and the "figure-skating-segment" kind, whatever
 * kind the input names (element codes, markers, panels, components).
 */
#include <stdint.h>
#include <stdlib.h>

#include "podium/json.h"
#include "podium/kinds.h"
#include "podium/scoredoc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *root = NULL;
    pd_scoredoc doc;
    pd_diag diag = {0};
    if (pd_json_parse((const char *)data, size, &root, &diag) != PD_OK)
        return 0;
    if (pd_scoredoc_parse(root, &doc, &diag) == PD_OK) {
        const pd_kind *kind = pd_kind_find("figure-skating-segment");
        json_t *result = NULL;
        if (kind && kind->score(&doc, &result, &diag) == PD_OK)
            json_decref(result);
        pd_scoredoc_cleanup(&doc);
    }
    json_decref(root);
    return 0;
}
