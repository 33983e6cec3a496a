/*
 * fuzz_ssk_mass_start.c: libFuzzer target for kind "ssk-mass-start" (speed skating
 * mass start).
 *
 * Feeds the bytes through pd_json_parse, pd_scoredoc_parse and
 * pd_ssk_massstart_kind_score, whatever kind the document names, so every config
 * and performance path of the adapter and the engine is reached.
 * Build: clang -fsanitize=fuzzer,address.
 */
#include <stddef.h>
#include <stdint.h>

#include "podium/json.h"
#include "podium/ssk_massstart_kind.h"
#include "podium/scoredoc.h"

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
        pd_ssk_massstart_kind_score(&doc, &out, &diag);
        json_decref(out);
        pd_scoredoc_cleanup(&doc);
    }
    json_decref(root);
    return 0;
}
