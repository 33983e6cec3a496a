/*
 * fuzz_accreditation_csv.c: the accreditation CSV import (pd_acr_csv_parse).
 * Whatever imports must apply, export, and import again to the same people;
 * bad input must be refused with at least one error, never crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "podium/accreditation.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const venues[] = {"NIS", "CIS", "YAS", "MMC", "OVB"};
    pd_acr_csv_error errors[8];
    size_t count = 0;
    json_t *people = NULL;
    pd_acr *acr = pd_acr_new(venues, 5, NULL);
    if (!acr)
        return 0;
    pd_err err = pd_acr_csv_parse(acr, (const char *)data, size, &people, errors, 8, &count);
    if (err == PD_ERR_INPUT && (count == 0 || people))
        abort();
    if (err == PD_OK) {
        json_t *obs = json_pack("{s:s, s:O}", "type", "people", "people", people);
        if (json_array_size(people) > 0) {
            if (pd_acr_check(acr, obs, NULL) != PD_OK ||
                pd_acr_apply(acr, 1, obs, "fuzz", 0) != PD_OK ||
                pd_acr_person_count(acr) != json_array_size(people))
                abort();
            char *csv;
            size_t len;
            json_t *again = NULL;
            if (pd_acr_csv_export(acr, &csv, &len) != PD_OK ||
                pd_acr_csv_parse(acr, csv, len, &again, errors, 8, &count) != PD_OK ||
                json_array_size(again) != json_array_size(people))
                abort();
            free(csv);
            json_decref(again);
        }
        json_decref(obs);
    }
    json_decref(people);
    pd_acr_free(acr);
    return 0;
}
