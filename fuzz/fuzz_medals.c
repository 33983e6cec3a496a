/*
 * fuzz_medals.c: score files of the kind medals, the way
 * `podium score` reads them: strict JSON, the podium-score/1 envelope, then
 * the kind's score function whatever "kind" the file names, so that every
 * input reaches the parser of this family.
 */
#include <stdint.h>
#include <stdlib.h>

#include "podium/json.h"
#include "podium/kinds.h"
#include "podium/scoredoc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const kinds[] = {"medals", NULL};
    json_t *root = NULL;
    pd_scoredoc doc;
    pd_diag diag = {0};
    if (pd_json_parse((const char *)data, size, &root, &diag) != PD_OK)
        return 0;
    if (pd_scoredoc_parse(root, &doc, &diag) == PD_OK) {
        for (size_t i = 0; kinds[i]; i++) {
            const pd_kind *kind = pd_kind_find(kinds[i]);
            json_t *result = NULL;
            if (kind && kind->score(&doc, &result, &diag) == PD_OK)
                json_decref(result);
        }
        pd_scoredoc_cleanup(&doc);
    }
    json_decref(root);
    return 0;
}
