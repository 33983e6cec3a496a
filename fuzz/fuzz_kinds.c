/*
 * fuzz_kinds.c: one libFuzzer target per family of scoring kinds.
 *
 * Built once per family with PD_FUZZ_KINDS set to its kinds
 * ("timed,sliding,mass-start,speed-skating"). The bytes go through
 * pd_json_parse and pd_scoredoc_parse, then through every kind of the
 * family whatever kind the document names, so each adapter and engine sees
 * every input its seeds lead to. Nothing may crash, leak or trip UBSan.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "podium/json.h"
#include "podium/kinds.h"
#include "podium/scoredoc.h"

#ifndef PD_FUZZ_KINDS
#error "build with -DPD_FUZZ_KINDS=\"kind,kind\""
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *root = NULL;
    pd_scoredoc doc;
    pd_diag diag = {0};
    if (pd_json_parse((const char *)data, size, &root, &diag) != PD_OK)
        return 0;
    if (pd_scoredoc_parse(root, &doc, &diag) == PD_OK) {
        const char *names = PD_FUZZ_KINDS;
        while (*names) {
            char name[64];
            size_t len = strcspn(names, ",");
            if (len >= sizeof name)
                len = sizeof name - 1;
            memcpy(name, names, len);
            name[len] = '\0';
            names += len + (names[len] == ',');
            const pd_kind *kind = pd_kind_find(name);
            json_t *out = NULL;
            if (kind && kind->score(&doc, &out, &diag) == PD_OK)
                json_decref(out);
        }
        pd_scoredoc_cleanup(&doc);
    }
    json_decref(root);
    return 0;
}
