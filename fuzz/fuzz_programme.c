/* fuzz_programme.c: programme files through the loader and its validation. */
#include <stdint.h>
#include <stdlib.h>

#include "podium/json.h"
#include "podium/programme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *root = NULL;
    pd_programme *prog = NULL;
    pd_diag diag = {0};
    if (pd_json_parse((const char *)data, size, &root, &diag) != PD_OK)
        return 0;
    if (pd_programme_load_json(root, &prog, &diag) == PD_OK) {
        /* walk what loaded: every pointer must be valid */
        for (size_t i = 0; i < pd_programme_unit_count(prog); i++) {
            const pd_unit *unit = pd_programme_unit_by_time(prog, i);
            for (size_t e = 0; e < unit->start_count; e++)
                (void)unit->start_list[e].participant->noc->code[0];
            (void)pd_programme_find_unit(prog, unit->rsc.code);
        }
        pd_programme_free(prog);
    }
    json_decref(root);
    return 0;
}
