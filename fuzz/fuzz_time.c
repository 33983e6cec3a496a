/* fuzz_time.c: official time strings; whatever parses must format back to itself. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "podium/time.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int64_t ms;
    if (pd_time_parse((const char *)data, size, &ms, NULL) != PD_OK)
        return 0;
    char out[PD_TIME_STR_MAX];
    int64_t back;
    pd_time_format(ms, PD_PREC_MS, out, sizeof out);
    if (pd_time_parse(out, strlen(out), &back, NULL) != PD_OK || back != ms)
        abort();
    return 0;
}
