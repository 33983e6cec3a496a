/*
 * test_health.c: the closed-loop rules of Beijing 2022 (data/health/beijing2022.json),
 * each with its boundary: Ct exactly at the thresholds, the day the rules changed
 * (23 January 2022), release met one day late, pre-departure windows, and a
 * participant's status over a sequence of days.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "podium/health.h"
#include "podium/health_doc.h"
#include "podium/json.h"

static int32_t D(const char *text)
{
    int32_t day = 0;
    assert_true(pd_health_day_parse(text, &day));
    return day;
}

static pd_health *load(void)
{
    pd_diag diag = {0};
    pd_health *h = pd_health_load(PODIUM_DATADIR "/health/beijing2022.json", &diag);
    if (!h)
        fail_msg("%s: %s", diag.path, diag.reason);
    return h;
}

static void arrive(pd_health *h, const char *person, const char *day, bool vaccinated)
{
    pd_diag diag = {0};
    pd_health_arrival a = {person, "H01", PD_HEALTH_GROUP_OTHER, D(day), vaccinated, 2, {90, 40}};
    assert_int_equal(pd_health_arrive(h, &a, &diag), PD_OK);
}

static void test(pd_health *h, const char *person, const char *day, int ct)
{
    pd_diag diag = {0};
    assert_int_equal(pd_health_test(h, person, D(day), PD_HEALTH_SITE_LOOP, ct, &diag), PD_OK);
}

static pd_health_standing on(pd_health *h, const char *person, const char *day)
{
    pd_health_standing st;
    assert_int_equal(pd_health_standing_on(h, person, D(day), &st), PD_OK);
    return st;
}

static void days(void **state)
{
    (void)state;
    char text[16];
    pd_health_day_format(D("2022-01-23"), text, sizeof text);
    assert_string_equal(text, "2022-01-23");
    assert_int_equal(D("2022-02-04") - D("2022-01-23"), 12);
    int32_t day;
    assert_false(pd_health_day_parse("2022-02-29", &day));
    assert_false(pd_health_day_parse("2022-2-4", &day));
    assert_true(pd_health_day_parse("2024-02-29", &day));
}

static void rules_by_day(void **state)
{
    (void)state;
    pd_health *h = load();
    assert_string_equal(pd_health_rules_on(h, D("2022-01-22"))->version, "playbook-v2");
    assert_string_equal(pd_health_rules_on(h, D("2022-01-23"))->version, "adjusted-2022-01-23");
    assert_null(pd_health_rules_on(h, D("2022-01-03")));
    pd_health_free(h);
}

static void ct_thresholds(void **state)
{
    (void)state;
    pd_health *h = load();
    const pd_health_rules *before = pd_health_rules_on(h, D("2022-01-22"));
    const pd_health_rules *after = pd_health_rules_on(h, D("2022-01-23"));
    /* Ct < 35 positive; 35 exactly is the grey zone; 40 exactly negative */
    assert_int_equal(pd_health_classify(after, 3499), PD_HEALTH_POSITIVE);
    assert_int_equal(pd_health_classify(after, 3500), PD_HEALTH_GREY);
    assert_int_equal(pd_health_classify(after, 3999), PD_HEALTH_GREY);
    assert_int_equal(pd_health_classify(after, 4000), PD_HEALTH_NEGATIVE);
    assert_int_equal(pd_health_classify(after, PD_HEALTH_CT_NONE), PD_HEALTH_NEGATIVE);
    assert_int_equal(pd_health_classify(before, 3500), PD_HEALTH_GREY);
    assert_int_equal(before->grey_action, PD_HEALTH_GREY_ISOLATE);
    assert_int_equal(after->grey_action, PD_HEALTH_GREY_CLOSE_CONTACT);
    pd_health_free(h);
}

/* Ct exactly 35.00 the day before and the day the rules changed. */
static void grey_zone_on_rule_change(void **state)
{
    (void)state;
    pd_health *h = load();
    arrive(h, "A", "2022-01-20", true);
    arrive(h, "B", "2022-01-20", true);
    test(h, "A", "2022-01-20", PD_HEALTH_CT_NONE);
    test(h, "B", "2022-01-20", PD_HEALTH_CT_NONE);
    test(h, "A", "2022-01-22", 3500);
    test(h, "B", "2022-01-23", 3500);
    pd_health_standing a = on(h, "A", "2022-01-22");
    assert_int_equal(a.status, PD_HEALTH_ISOLATED);
    assert_false(a.may_enter);
    assert_string_equal(a.rule_version, "playbook-v2");
    pd_health_standing b = on(h, "B", "2022-01-23");
    assert_int_equal(b.status, PD_HEALTH_CLOSE_CONTACT);
    assert_string_equal(b.rule, "ct.grey_zone");
    assert_string_equal(b.rule_version, "adjusted-2022-01-23");
    assert_int_equal(b.until_day, D("2022-01-29")); /* 7 days: 23..29 January */
    assert_int_equal(b.tests_required, 2);
    assert_true(b.may_enter);
    test(h, "B", "2022-01-29", PD_HEALTH_CT_NONE);
    test(h, "B", "2022-01-30", PD_HEALTH_CT_NONE);
    assert_int_equal(on(h, "B", "2022-01-29").status, PD_HEALTH_CLOSE_CONTACT);
    assert_int_equal(on(h, "B", "2022-01-30").status, PD_HEALTH_CLEARED);
    pd_health_free(h);
}

/* A close contact exposed before the change: 14 days then, 7 days from 23 January. */
static void close_contact_period_changes(void **state)
{
    (void)state;
    pd_health *h = load();
    pd_diag diag = {0};
    arrive(h, "C", "2022-01-10", true);
    test(h, "C", "2022-01-10", PD_HEALTH_CT_NONE);
    assert_int_equal(pd_health_contact(h, "C", "X", D("2022-01-17"), &diag), PD_OK);
    for (int32_t d = D("2022-01-17"); d <= D("2022-01-31"); d++)
        assert_int_equal(pd_health_test(h, "C", d, PD_HEALTH_SITE_LOOP, PD_HEALTH_CT_NONE, &diag),
                         PD_OK);
    pd_health_standing st = on(h, "C", "2022-01-22");
    assert_int_equal(st.status, PD_HEALTH_CLOSE_CONTACT);
    assert_int_equal(st.until_day, D("2022-01-30"));                       /* 14 days: 17..30 */
    assert_int_equal(on(h, "C", "2022-01-23").until_day, D("2022-01-23")); /* 7 days: 17..23 */
    assert_int_equal(on(h, "C", "2022-01-23").status, PD_HEALTH_CLOSE_CONTACT);
    assert_int_equal(on(h, "C", "2022-01-24").status, PD_HEALTH_CLEARED);
    pd_health_free(h);
}

/* Release by two consecutive negatives; the same results a day late release a day late. */
static void release_two_negatives(void **state)
{
    (void)state;
    pd_health *h = load();
    arrive(h, "P", "2022-01-25", true);
    arrive(h, "Q", "2022-01-25", true);
    test(h, "P", "2022-01-25", 2000);
    test(h, "Q", "2022-01-25", 2000);
    test(h, "P", "2022-01-26", 3000);
    test(h, "Q", "2022-01-26", 3000);
    test(h, "P", "2022-01-27", 3500); /* exactly 35: counts for release */
    test(h, "Q", "2022-01-27", 3499); /* one hundredth short */
    test(h, "P", "2022-01-28", 3600);
    test(h, "Q", "2022-01-28", 3600);
    test(h, "Q", "2022-01-29", 3700);
    assert_int_equal(on(h, "P", "2022-01-27").status, PD_HEALTH_ISOLATED);
    pd_health_standing p = on(h, "P", "2022-01-28");
    assert_int_equal(p.status, PD_HEALTH_RELEASED);
    assert_string_equal(p.rule, "isolation.release_negatives");
    assert_int_equal(p.isolated_day, D("2022-01-25"));
    assert_int_equal(p.released_day, D("2022-01-28"));
    assert_true(p.may_enter);
    assert_int_equal(on(h, "Q", "2022-01-28").status, PD_HEALTH_ISOLATED);
    assert_int_equal(on(h, "Q", "2022-01-29").status, PD_HEALTH_RELEASED);
    pd_health_free(h);
}

/* Release after 10 days with Ct >= 35 on the last three days: not on day 9, on day 10. */
static void release_after_ten_days(void **state)
{
    (void)state;
    pd_health *h = load();
    arrive(h, "R", "2022-01-30", true);
    test(h, "R", "2022-01-30", 2500); /* isolated 30 January */
    /* alternate so two consecutive never qualify: 34, 36, 34 ... then 36, 36 */
    const int cts[] = {3400, 3600, 3400, 3600, 3400, 3600, 3400, 3600, 3600, 3600};
    for (int i = 0; i < 10; i++) {
        pd_diag diag = {0};
        assert_int_equal(
            pd_health_test(h, "R", D("2022-01-31") + i, PD_HEALTH_SITE_ISOLATION, cts[i], &diag),
            PD_OK);
    }
    /* 36 on 7, 8 Feb would already satisfy two consecutive: check the day-count path
     * separately on S */
    assert_int_equal(on(h, "R", "2022-02-07").status, PD_HEALTH_ISOLATED);
    assert_int_equal(on(h, "R", "2022-02-08").status, PD_HEALTH_RELEASED);
    pd_health_free(h);
}

static void release_after_days_rule(void **state)
{
    (void)state;
    pd_health *h = load();
    pd_diag diag = {0};
    arrive(h, "S", "2022-01-30", true);
    test(h, "S", "2022-01-30", 2500);
    /* two results a day: one at 36, one at 34.99 (the lowest counts), so "two consecutive
     * negatives" never holds; from 7 Feb all >= 35 */
    for (int32_t d = D("2022-01-31"); d <= D("2022-02-10"); d++) {
        int low = d >= D("2022-02-07") ? 3500 : 3499;
        assert_int_equal(pd_health_test(h, "S", d, PD_HEALTH_SITE_ISOLATION, low, &diag), PD_OK);
    }
    /* 7, 8, 9 Feb >= 35 but the two-negatives rule fires first on 8 Feb */
    assert_int_equal(on(h, "S", "2022-02-08").status, PD_HEALTH_RELEASED);
    pd_health_free(h);

    /* the 10-day path alone: day 9 no, day 10 yes */
    h = load();
    pd_health_rules rules[2] = {*pd_health_rules_at(h, 0), *pd_health_rules_at(h, 1)};
    pd_health_free(h);
    rules[1].release_negative_ct_from = 4000; /* only the 10-day path can release */
    h = pd_health_new(rules, 2, &diag);
    assert_non_null(h);
    arrive(h, "S", "2022-01-30", true);
    test(h, "S", "2022-01-30", 2500);
    for (int32_t d = D("2022-01-31"); d <= D("2022-02-10"); d++)
        assert_int_equal(pd_health_test(h, "S", d, PD_HEALTH_SITE_ISOLATION,
                                        d >= D("2022-02-06") ? 3600 : 3400, &diag),
                         PD_OK);
    /* Ct >= 35 on 6, 7, 8 Feb: 9 days isolated on 8 Feb (30 Jan + 9): not yet */
    assert_int_equal(on(h, "S", "2022-02-08").status, PD_HEALTH_ISOLATED);
    pd_health_standing st = on(h, "S", "2022-02-09"); /* 10 days: released */
    assert_int_equal(st.status, PD_HEALTH_RELEASED);
    assert_string_equal(st.rule, "isolation.release_after_days");
    pd_health_free(h);
}

/* Symptoms block release and entry. */
static void symptoms(void **state)
{
    (void)state;
    pd_health *h = load();
    pd_diag diag = {0};
    arrive(h, "F", "2022-02-01", true);
    test(h, "F", "2022-02-01", PD_HEALTH_CT_NONE);
    assert_int_equal(pd_health_report(h, "F", D("2022-02-02"), 372, false, &diag), PD_OK);
    assert_int_equal(on(h, "F", "2022-02-02").status, PD_HEALTH_DUE); /* no test yet */
    assert_true(on(h, "F", "2022-02-02").may_enter);                  /* 37.2: no fever */
    assert_int_equal(pd_health_report(h, "F", D("2022-02-03"), 373, false, &diag), PD_OK);
    pd_health_standing st = on(h, "F", "2022-02-03");
    assert_false(st.may_enter);
    assert_string_equal(st.rule, "health_report.fever_tenths");
    test(h, "F", "2022-02-04", PD_HEALTH_CT_NONE);
    assert_int_equal(on(h, "F", "2022-02-04").status, PD_HEALTH_CLEARED);
    pd_health_free(h);
}

/* A participant's status over a sequence of days. */
static void sequence(void **state)
{
    (void)state;
    pd_health *h = load();
    pd_diag diag = {0};
    char reason[64];
    arrive(h, "Z", "2022-02-01", true);
    assert_int_equal(on(h, "Z", "2022-01-31").status, PD_HEALTH_NOT_IN_LOOP);
    assert_int_equal(on(h, "Z", "2022-02-01").status, PD_HEALTH_DUE);
    assert_false(pd_health_may_enter(h, "Z", "2022-02-01", reason, sizeof reason));
    assert_int_equal(pd_health_sample(h, "S1", "Z", D("2022-02-01"), PD_HEALTH_SITE_AIRPORT, &diag),
                     PD_OK);
    assert_int_equal(pd_health_result(h, "S1", PD_HEALTH_CT_NONE, &diag), PD_OK);
    assert_int_equal(pd_health_result(h, "S1", 3000, &diag), PD_ERR_CONFLICT);
    assert_int_equal(on(h, "Z", "2022-02-01").status, PD_HEALTH_CLEARED);
    assert_true(pd_health_may_enter(h, "Z", "2022-02-01", reason, sizeof reason));
    /* 2 Feb: not yet tested, yesterday's negative holds */
    assert_int_equal(on(h, "Z", "2022-02-02").status, PD_HEALTH_DUE);
    assert_true(pd_health_may_enter(h, "Z", "2022-02-02", reason, sizeof reason));
    /* 3 Feb: no test on 2 Feb: no entry */
    assert_false(pd_health_may_enter(h, "Z", "2022-02-03", reason, sizeof reason));
    assert_string_equal(reason, "no valid negative test");
    test(h, "Z", "2022-02-03", 3000);
    assert_false(pd_health_may_enter(h, "Z", "2022-02-03", reason, sizeof reason));
    assert_string_equal(reason, "in isolation");
    test(h, "Z", "2022-02-04", PD_HEALTH_CT_NONE);
    test(h, "Z", "2022-02-05", PD_HEALTH_CT_NONE);
    assert_int_equal(on(h, "Z", "2022-02-05").status, PD_HEALTH_RELEASED);
    assert_int_equal(on(h, "Z", "2022-02-06").status, PD_HEALTH_DUE);
    assert_int_equal(pd_health_depart(h, "Z", D("2022-02-07"), &diag), PD_OK);
    assert_int_equal(on(h, "Z", "2022-02-08").status, PD_HEALTH_NOT_IN_LOOP);
    assert_false(pd_health_may_enter(h, "nobody", "2022-02-08", reason, sizeof reason));
    pd_health_free(h);
}

static void quarantine(void **state)
{
    (void)state;
    pd_health *h = load();
    arrive(h, "U", "2022-01-25", false);
    test(h, "U", "2022-01-25", PD_HEALTH_CT_NONE);
    pd_health_standing st = on(h, "U", "2022-02-14"); /* 21 days: 25 Jan..14 Feb */
    assert_int_equal(st.status, PD_HEALTH_QUARANTINE);
    assert_int_equal(st.until_day, D("2022-02-14"));
    test(h, "U", "2022-02-15", PD_HEALTH_CT_NONE);
    assert_int_equal(on(h, "U", "2022-02-15").status, PD_HEALTH_CLEARED);
    pd_health_free(h);
}

static void predeparture(void **state)
{
    (void)state;
    pd_health *h = load();
    const pd_health_rules *r = pd_health_rules_on(h, D("2022-02-01"));
    char reason[96];
    assert_true(pd_health_predeparture_ok(r, (int[]){96, 72}, 2, reason, sizeof reason));
    assert_false(pd_health_predeparture_ok(r, (int[]){97, 40}, 2, reason, sizeof reason));
    assert_false(pd_health_predeparture_ok(r, (int[]){96, 73}, 2, reason, sizeof reason));
    assert_true(pd_health_predeparture_ok(r, (int[]){48, 24}, 2, reason, sizeof reason));
    assert_false(pd_health_predeparture_ok(r, (int[]){48, 25}, 2, reason, sizeof reason));
    assert_false(pd_health_predeparture_ok(r, (int[]){48}, 1, reason, sizeof reason));
    pd_diag diag = {0};
    pd_health_arrival a = {"V", "H01", PD_HEALTH_GROUP_ATHLETE, D("2022-02-01"), true, 1, {40}};
    assert_int_equal(pd_health_arrive(h, &a, &diag), PD_ERR_INPUT);
    assert_string_equal(diag.path, "predeparture_hours");
    assert_null(strstr(diag.reason, "V"));
    pd_health_free(h);
}

static void observations(void **state)
{
    (void)state;
    pd_health *h = load();
    pd_diag diag = {0};
    json_t *obs;
    const char *batch =
        "{\"type\":\"batch\",\"items\":["
        "{\"type\":\"arrival\",\"person\":\"P9\",\"venue\":\"H02\",\"group\":\"athlete\","
        "\"day\":\"2022-02-01\",\"vaccinated\":true,\"predeparture_hours\":[90,40]},"
        "{\"type\":\"sample\",\"sample\":\"S9\",\"person\":\"P9\",\"day\":\"2022-02-01\","
        "\"site\":\"airport\"},"
        "{\"type\":\"result\",\"sample\":\"S9\",\"ct\":\"31.20\"},"
        "{\"type\":\"report\",\"person\":\"P9\",\"day\":\"2022-02-01\",\"temperature\":\"36.6\","
        "\"symptoms\":false}]}";
    assert_int_equal(pd_json_parse(batch, strlen(batch), &obs, &diag), PD_OK);
    assert_int_equal(pd_health_doc_check(h, obs, false, &diag), PD_OK);
    size_t skipped = 0;
    pd_health_doc_apply(h, obs, &skipped);
    assert_int_equal(skipped, 0);
    assert_int_equal(pd_health_doc_check(h, obs, false, &diag), PD_ERR_CONFLICT);
    assert_string_equal(diag.path, "items[0].person");
    json_decref(obs);
    assert_int_equal(on(h, "P9", "2022-02-01").status, PD_HEALTH_ISOLATED);
    const char *bad =
        "{\"type\":\"test\",\"person\":\"P9\",\"day\":\"2022-02-02\",\"ct\":\"3.001\"}";
    assert_int_equal(pd_json_parse(bad, strlen(bad), &obs, &diag), PD_OK);
    assert_int_equal(pd_health_doc_check(h, obs, false, &diag), PD_ERR_INPUT);
    assert_string_equal(diag.path, "ct");
    json_decref(obs);
    const char *audit = "{\"type\":\"audit\",\"read\":\"person\",\"subject\":\"P9\"}";
    assert_int_equal(pd_json_parse(audit, strlen(audit), &obs, &diag), PD_OK);
    assert_int_equal(pd_health_doc_check(h, obs, false, &diag), PD_ERR_INPUT);
    assert_int_equal(pd_health_doc_check(h, obs, true, &diag), PD_OK);
    json_decref(obs);
    json_t *fig = pd_health_figures_json(h, D("2022-02-01"), D("2022-02-02"), &diag);
    assert_non_null(fig);
    json_t *day0 = json_array_get(json_object_get(fig, "days"), 0);
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(day0, "positives_airport"), "athletes")),
        1);
    assert_int_equal(json_integer_value(json_object_get(day0, "isolated")), 1);
    json_decref(fig);
    pd_health_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(days),
        cmocka_unit_test(rules_by_day),
        cmocka_unit_test(ct_thresholds),
        cmocka_unit_test(grey_zone_on_rule_change),
        cmocka_unit_test(close_contact_period_changes),
        cmocka_unit_test(release_two_negatives),
        cmocka_unit_test(release_after_ten_days),
        cmocka_unit_test(release_after_days_rule),
        cmocka_unit_test(symptoms),
        cmocka_unit_test(sequence),
        cmocka_unit_test(quarantine),
        cmocka_unit_test(predeparture),
        cmocka_unit_test(observations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
