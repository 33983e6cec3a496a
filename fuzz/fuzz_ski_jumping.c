/*
 * fuzz_ski_jumping.c: libFuzzer target for the "ski-jumping" and
 * "ski-jumping-team" kinds. The bytes go through the strict JSON reader, the
 * podium-score/1 envelope and the kind's scorer; whatever the input, the
 * result is a document or a diagnosed error, never a crash.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "podium/json.h"
#include "podium/kinds.h"
#include "podium/scoredoc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *root = NULL;
    json_t *out = NULL;
    pd_scoredoc doc;
    pd_diag diag = {0};
    if (pd_json_parse((const char *)data, size, &root, &diag) != PD_OK)
        return 0;
    if (pd_scoredoc_parse(root, &doc, &diag) == PD_OK) {
        /* score as the document's kind when it is ours, else as ski-jumping */
        const pd_kind *kind = pd_kind_find(doc.kind);
        if (!kind || strncmp(kind->name, "ski-jumping", 11) != 0)
            kind = pd_kind_find("ski-jumping");
        if (kind && kind->score(&doc, &out, &diag) == PD_OK)
            json_decref(out);
        pd_scoredoc_cleanup(&doc);
    }
    json_decref(root);
    return 0;
}
