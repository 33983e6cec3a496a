/*
 * fuzz_relay.c: libFuzzer target for kind "relay".
 *
 * Feeds the bytes through pd_json_parse, pd_scoredoc_parse and
 * pd_relay_kind_score whatever kind the document names, so every relay
 * field (legs, shooting stages, finish positions, lapped teams) is reached
 * from the seeds in fuzz/corpus/relay. Build: clang -fsanitize=fuzzer,address.
 */
#include <stddef.h>
#include <stdint.h>

#include "podium/json.h"
#include "podium/relay_kind.h"
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
        pd_relay_kind_score(&doc, &out, &diag);
        json_decref(out);
        pd_scoredoc_cleanup(&doc);
    }
    json_decref(root);
    return 0;
}
