/*
 * fuzz_health.c: health rule sets and health observations through their
 * parser, the check, the apply, and every query of the engine.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "podium/health.h"
#include "podium/health_doc.h"
#include "podium/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The adjusted Beijing 2022 rule set (data/health/beijing2022.json), built in so the
 * target needs no file. */
static pd_health_rules builtin(void)
{
    pd_health_rules r = {.version = "fuzz",
                         .effective_day = 19015,
                         .predeparture_tests = 2,
                         .predeparture_window_h = 96,
                         .predeparture_one_within_h = 72,
                         .predeparture_min_interval_h = 24,
                         .vaccination_days_before = 14,
                         .unvaccinated_quarantine_days = 21,
                         .screening_tests_per_day = 1,
                         .positive_ct_below = 3500,
                         .negative_ct_from = 4000,
                         .grey_action = PD_HEALTH_GREY_CLOSE_CONTACT,
                         .grey_close_contact_days = 7,
                         .release_negatives = 2,
                         .release_negative_ct_from = 3500,
                         .release_alt_min_days = 10,
                         .release_alt_days = 3,
                         .release_alt_ct_from = 3500,
                         .close_contact_days = 7,
                         .close_contact_tests_per_day = 2,
                         .fever_tenths = 373,
                         .close_contact_may_enter = true};
    return r;
}

static void visit(const char *person, const char *venue, const pd_health_standing *st, void *ctx)
{
    (void)venue;
    char reason[64], day[16];
    pd_health_day_format(st->since_day, day, sizeof day);
    (void)pd_health_may_enter(ctx, person, day, reason, sizeof reason);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *root = NULL;
    pd_diag diag = {0};
    pd_health_rules rules[PD_HEALTH_RULESETS_MAX];
    size_t count = 0;
    pd_health *h = NULL;
    if (pd_json_parse((const char *)data, size, &root, &diag) != PD_OK)
        return 0;
    if (pd_health_rules_parse(root, rules, PD_HEALTH_RULESETS_MAX, &count, &diag) == PD_OK) {
        h = pd_health_new(rules, count, &diag);
        if (h) {
            json_decref(pd_health_rules_json(h));
            pd_health_free(h);
        }
    }
    rules[0] = builtin();
    h = pd_health_new(rules, 1, &diag);
    if (h && pd_health_doc_check(h, root, true, &diag) == PD_OK) {
        size_t skipped = 0;
        pd_health_doc_apply(h, root, &skipped);
        pd_health_doc_apply(h, root, &skipped); /* again: every item now conflicts */
        int32_t first, last;
        if (pd_health_day_range(h, &first, &last)) {
            if (last - first < 400)
                json_decref(pd_health_figures_json(h, first, last, &diag));
            pd_health_each(h, last, visit, h);
        }
    }
    pd_health_free(h);
    json_decref(root);
    return 0;
}
