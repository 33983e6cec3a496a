/*
 * fuzz_observation.c: libFuzzer target for an observation posted to a unit.
 *
 * The first byte picks a unit of the Beijing 2022 programme (its low 5 bits; one per scoring
 * kind the server takes), the rest is the POST body. It goes through what
 * the writer does: pd_json_parse, pd_results_check (scores the unit with
 * it), and when accepted pd_results_apply and pd_results_unit_doc and the
 * event's document. State carries over between inputs, as in a server.
 * Properties beyond "no crash, no UB": an accepted observation renders; and
 * the writer's group path agrees with the check (with bit 0x20 of the first
 * byte): pd_results_precheck, apply, score the unit, which fails exactly when
 * pd_results_check refuses a performance, and then pd_results_undo restores
 * the unit's document byte for byte.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "podium/json.h"
#include "podium/programme.h"
#include "podium/results.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#ifndef PODIUM_DATADIR
#define PODIUM_DATADIR "data"
#endif

static const char *const units[] = {
    "ALPMDH----------------FNL-000100--", /* timed, one run */
    "ALPMGS----------------FNL-000200--", /* timed, cumulative runs */
    "BTHM20KMIS------------FNL-000100--", /* timed with penalties */
    "SSKM500M--------------FNL-000100--", /* speed skating */
    "LUGMSINGLES-----------FNL-000200--", /* sliding, cumulative */
    "BTHM15KMMS------------FNL-000100--", /* mass start */
};

static pd_programme *prog;
static pd_results *results;
static int64_t seq;

static char *unit_text(const pd_unit *unit, pd_err *err)
{
    char *text = NULL;
    size_t len = 0;
    *err = pd_results_unit_text(results, unit, &text, &len, NULL);
    return text;
}

/* The writer's group of one: precheck, apply, score; undo when the scoring fails. */
static void group_path(const pd_unit *unit, json_t *body, int64_t supersedes, bool admin)
{
    pd_err before_err;
    char *before = unit_text(unit, &before_err);
    bool checked = pd_results_check(results, unit, body, supersedes, admin, NULL) == PD_OK;
    if (pd_results_precheck(results, unit, body, supersedes, admin, NULL) != PD_OK) {
        if (checked)
            abort(); /* the precheck is part of the check */
        free(before);
        return;
    }
    if (pd_results_apply(results, unit, seq + 1, body, supersedes) != PD_OK)
        abort();
    pd_err err;
    char *after = unit_text(unit, &err);
    free(after);
    bool status = json_object_size(body) == 1 && json_object_get(body, "status");
    if ((err == PD_OK) != checked && before_err == PD_OK && !status)
        abort(); /* scoring after applying decides as the dry run did (a status has none) */
    if (err == PD_OK) {
        seq++;
        free(before);
        return;
    }
    if (pd_results_undo(results, unit, seq + 1) != PD_OK)
        abort();
    pd_err again_err;
    char *again = unit_text(unit, &again_err);
    if (again_err != before_err || (before && (!again || strcmp(before, again) != 0)))
        abort(); /* undo restores the document exactly */
    free(before);
    free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pd_diag diag = {0};
    if (!prog) {
        if (pd_programme_load_file(PODIUM_DATADIR "/programme/beijing2022.json", &prog, &diag) ||
            pd_results_new(prog, &results))
            abort();
    }
    if (size < 1)
        return 0;
    const pd_unit *unit =
        pd_programme_find_unit(prog, units[(data[0] & 0x1f) % (sizeof units / sizeof units[0])]);
    if (!unit)
        return 0; /* a code above not in the programme: nothing to fuzz there */
    json_t *body = NULL;
    if (pd_json_parse((const char *)data + 1, size - 1, &body, &diag) != PD_OK)
        return 0;
    int64_t supersedes = seq > 0 && (data[0] & 0x80) ? seq : 0;
    bool admin = (data[0] & 0x40) != 0;
    if (data[0] & 0x20) {
        group_path(unit, body, supersedes, admin);
        json_decref(body);
        return 0;
    }
    if (pd_results_check(results, unit, body, supersedes, admin, &diag) == PD_OK) {
        if (pd_results_apply(results, unit, ++seq, body, supersedes) != PD_OK)
            abort();
        json_t *doc = NULL;
        if (pd_results_unit_doc(results, unit, &doc, &diag) != PD_OK || !doc) {
            /* an engine may refuse a whole unit, never crash */
        }
        json_decref(doc);
        doc = NULL;
        pd_results_event_doc(results, unit->phase->event, &doc, &diag);
        json_decref(doc);
    }
    json_decref(body);
    return 0;
}
