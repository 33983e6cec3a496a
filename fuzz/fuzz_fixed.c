/* fuzz_fixed.c: decimal numbers; a parsed value must format and parse back to itself. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "podium/fixed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (int decimals = 0; decimals <= 3; decimals++) {
        int64_t v, back;
        if (pd_fixed_parse((const char *)data, size, decimals, &v, NULL) != PD_OK)
            continue;
        char out[64];
        pd_fixed_format(v, decimals, out, sizeof out);
        if (pd_fixed_parse(out, strlen(out), decimals, &back, NULL) != PD_OK || back != v)
            abort();
    }
    return 0;
}
