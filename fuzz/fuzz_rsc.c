/* fuzz_rsc.c: RSC codes; a parsed code must rebuild to itself from its fields. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "podium/rsc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pd_rsc rsc, rebuilt;
    char f[PD_RSC_FIELD_COUNT][16];
    if (pd_rsc_parse((const char *)data, size, &rsc, NULL) != PD_OK)
        return 0;
    for (int i = 0; i < PD_RSC_FIELD_COUNT; i++)
        pd_rsc_field_get(&rsc, (pd_rsc_field)i, f[i], sizeof f[i]);
    if (pd_rsc_build(f[0], f[1], f[2], f[3], f[4], f[5], &rebuilt, NULL) != PD_OK ||
        strcmp(rsc.code, rebuilt.code) != 0)
        abort();
    return 0;
}
