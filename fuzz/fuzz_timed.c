/*
 * fuzz_timed.c: libFuzzer target for the kinds of races decided by time
 * ("timed", "sliding", "speed-skating", "mass-start").
 *
 * Feeds the bytes through pd_json_parse, pd_scoredoc_parse and the kind's
 * score function; the kind is taken from the document, so one corpus
 * (fuzz/corpus/timed) exercises all of them; other kinds are skipped.
 * Build: clang -fsanitize=fuzzer,address.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "podium/json.h"
#include "podium/massstart_kind.h"
#include "podium/scoredoc.h"
#include "podium/speedskating_kind.h"
#include "podium/timed_kind.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pd_diag diag = {0};
    json_t *root = NULL;
    json_t *out = NULL;
    pd_scoredoc doc;
    if (pd_json_parse((const char *)data, size, &root, &diag) != PD_OK)
        return 0;
    if (pd_scoredoc_parse(root, &doc, &diag) == PD_OK) {
        if (strcmp(doc.kind, "sliding") == 0)
            pd_sliding_kind_score(&doc, &out, &diag);
        else if (strcmp(doc.kind, "mass-start") == 0)
            pd_massstart_kind_score(&doc, &out, &diag);
        else if (strcmp(doc.kind, "speed-skating") == 0)
            pd_speedskating_kind_score(&doc, &out, &diag);
        else
            pd_timed_kind_score(&doc, &out, &diag);
        json_decref(out);
        pd_scoredoc_cleanup(&doc);
    }
    json_decref(root);
    return 0;
}
