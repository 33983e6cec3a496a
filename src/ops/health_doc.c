/*
 * health_doc.c: rule sets and health observations from JSON, answers to JSON.
 *
 * Why: the engine (health.c) takes plain structs; the log, the HTTP API and
 * the rules file speak JSON. This is the one strict parser for all of them:
 * unknown keys are refused, every error names the field path and never a
 * participant (personal data stays out of error messages and so out of
 * server logs). Ct values and temperatures are read as exact decimals.
 *
 * A batch observation may introduce a participant and refer to them in later
 * items; the check keeps the ids the batch introduces so such items pass.
 */
#include "podium/health_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/json.h"

#define TRY(expr)                                                                                  \
    do {                                                                                           \
        err = (expr);                                                                              \
        if (err)                                                                                   \
            goto fail;                                                                             \
    } while (0)

/* --- rules ---------------------------------------------------------------------------------- */

static pd_err get_section(const json_t *set, const char *key, const char *const *keys, json_t **out,
                          pd_jpath *path, pd_diag *diag)
{
    pd_err err = pd_json_get_object(set, key, true, out, path, diag);
    if (err)
        return err;
    size_t mark = pd_jpath_key(path, key);
    err = pd_json_object_keys(*out, keys, path, diag);
    pd_jpath_pop(path, mark);
    return err;
}

static pd_err get_int(const json_t *obj, const char *section, const char *key, int64_t min,
                      int64_t max, int *out, pd_jpath *path, pd_diag *diag)
{
    int64_t v = 0;
    size_t mark = pd_jpath_key(path, section);
    pd_err err = pd_json_get_int(obj, key, true, min, max, &v, path, diag);
    pd_jpath_pop(path, mark);
    *out = (int)v;
    return err;
}

static pd_err get_dec(const json_t *obj, const char *section, const char *key, int decimals,
                      int64_t max, int *out, pd_jpath *path, pd_diag *diag)
{
    int64_t v = 0;
    size_t mark = pd_jpath_key(path, section);
    pd_err err = pd_json_get_decimal(obj, key, true, decimals, 0, max, &v, path, diag);
    pd_jpath_pop(path, mark);
    *out = (int)v;
    return err;
}

static pd_err parse_set(const json_t *set, pd_health_rules *r, pd_jpath *path, pd_diag *diag)
{
    static const char *const keys[] = {"version",      "effective",     "sources",       "notes",
                                       "predeparture", "vaccination",   "screening",     "ct",
                                       "isolation",    "close_contact", "health_report", NULL};
    static const char *const pre_keys[] = {"tests", "window_hours", "one_within_hours",
                                           "min_interval_hours", NULL};
    static const char *const vac_keys[] = {"days_before_departure", "unvaccinated_quarantine_days",
                                           NULL};
    static const char *const scr_keys[] = {"tests_per_day", NULL};
    static const char *const ct_keys[] = {"positive_below", "negative_from", "grey_action",
                                          "grey_close_contact_days", NULL};
    static const char *const iso_keys[] = {
        "release_negatives",          "release_negative_ct_from",   "release_after_days",
        "release_after_days_results", "release_after_days_ct_from", NULL};
    static const char *const cc_keys[] = {"days", "tests_per_day", "may_enter", NULL};
    static const char *const hr_keys[] = {"fever_from", NULL};
    json_t *pre, *vac, *scr, *ct, *iso, *cc, *hr;
    const char *version, *effective, *grey;
    pd_err err;
    memset(r, 0, sizeof *r);
    TRY(pd_json_object_keys(set, keys, path, diag));
    TRY(pd_json_get_string(set, "version", true, PD_HEALTH_ID_MAX, &version, path, diag));
    snprintf(r->version, sizeof r->version, "%s", version);
    TRY(pd_json_get_string(set, "effective", true, 10, &effective, path, diag));
    if (!pd_health_day_parse(effective, &r->effective_day)) {
        size_t mark = pd_jpath_key(path, "effective");
        err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "expected YYYY-MM-DD");
        pd_jpath_pop(path, mark);
        goto fail;
    }
    TRY(get_section(set, "predeparture", pre_keys, &pre, path, diag));
    TRY(get_int(pre, "predeparture", "tests", 0, 4, &r->predeparture_tests, path, diag));
    TRY(get_int(pre, "predeparture", "window_hours", 0, 720, &r->predeparture_window_h, path,
                diag));
    TRY(get_int(pre, "predeparture", "one_within_hours", 0, 720, &r->predeparture_one_within_h,
                path, diag));
    TRY(get_int(pre, "predeparture", "min_interval_hours", 0, 720, &r->predeparture_min_interval_h,
                path, diag));
    TRY(get_section(set, "vaccination", vac_keys, &vac, path, diag));
    TRY(get_int(vac, "vaccination", "days_before_departure", 0, 60, &r->vaccination_days_before,
                path, diag));
    TRY(get_int(vac, "vaccination", "unvaccinated_quarantine_days", 0, 60,
                &r->unvaccinated_quarantine_days, path, diag));
    TRY(get_section(set, "screening", scr_keys, &scr, path, diag));
    TRY(get_int(scr, "screening", "tests_per_day", 1, 4, &r->screening_tests_per_day, path, diag));
    TRY(get_section(set, "ct", ct_keys, &ct, path, diag));
    TRY(get_dec(ct, "ct", "positive_below", 2, 5000, &r->positive_ct_below, path, diag));
    TRY(get_dec(ct, "ct", "negative_from", 2, 5000, &r->negative_ct_from, path, diag));
    size_t mark = pd_jpath_key(path, "ct");
    err = pd_json_get_string(ct, "grey_action", true, 20, &grey, path, diag);
    if (!err && strcmp(grey, "isolate") == 0)
        r->grey_action = PD_HEALTH_GREY_ISOLATE;
    else if (!err && strcmp(grey, "close_contact") == 0)
        r->grey_action = PD_HEALTH_GREY_CLOSE_CONTACT;
    else if (!err) {
        pd_jpath_key(path, "grey_action");
        err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "expected isolate or close_contact");
    }
    pd_jpath_pop(path, mark);
    if (err)
        goto fail;
    TRY(get_int(ct, "ct", "grey_close_contact_days", 0, 60, &r->grey_close_contact_days, path,
                diag));
    TRY(get_section(set, "isolation", iso_keys, &iso, path, diag));
    TRY(get_int(iso, "isolation", "release_negatives", 1, 4, &r->release_negatives, path, diag));
    TRY(get_dec(iso, "isolation", "release_negative_ct_from", 2, 5000, &r->release_negative_ct_from,
                path, diag));
    TRY(get_int(iso, "isolation", "release_after_days", 0, 60, &r->release_alt_min_days, path,
                diag));
    TRY(get_int(iso, "isolation", "release_after_days_results", 0, 4, &r->release_alt_days, path,
                diag));
    TRY(get_dec(iso, "isolation", "release_after_days_ct_from", 2, 5000, &r->release_alt_ct_from,
                path, diag));
    TRY(get_section(set, "close_contact", cc_keys, &cc, path, diag));
    TRY(get_int(cc, "close_contact", "days", 1, 60, &r->close_contact_days, path, diag));
    TRY(get_int(cc, "close_contact", "tests_per_day", 1, 4, &r->close_contact_tests_per_day, path,
                diag));
    mark = pd_jpath_key(path, "close_contact");
    err = pd_json_get_bool(cc, "may_enter", true, &r->close_contact_may_enter, path, diag);
    pd_jpath_pop(path, mark);
    if (err)
        goto fail;
    TRY(get_section(set, "health_report", hr_keys, &hr, path, diag));
    TRY(get_dec(hr, "health_report", "fever_from", 1, 450, &r->fever_tenths, path, diag));
    return PD_OK;
fail:
    return err;
}

pd_err pd_health_rules_parse(const json_t *doc, pd_health_rules *out, size_t max, size_t *count,
                             pd_diag *diag)
{
    static const char *const keys[] = {"format", "games", "sources", "rulesets", NULL};
    pd_jpath path;
    const char *format;
    json_t *sets;
    pd_err err;
    pd_jpath_init(&path);
    *count = 0;
    if (!json_is_object(doc))
        return pd_diag_set(diag, PD_ERR_INPUT, "", "expected an object");
    TRY(pd_json_object_keys(doc, keys, &path, diag));
    TRY(pd_json_get_string(doc, "format", true, 64, &format, &path, diag));
    if (strcmp(format, "podium-health-rules/1") != 0)
        return pd_diag_set(diag, PD_ERR_UNSUPPORTED, "format", "expected podium-health-rules/1");
    TRY(pd_json_get_array(doc, "rulesets", true, 1, max, &sets, &path, diag));
    size_t mark = pd_jpath_key(&path, "rulesets");
    for (size_t i = 0; i < json_array_size(sets); i++) {
        size_t item = pd_jpath_index(&path, i);
        const json_t *set = json_array_get(sets, i);
        if (!json_is_object(set)) {
            err = pd_diag_set(diag, PD_ERR_INPUT, path.text, "expected an object");
            goto fail;
        }
        TRY(parse_set(set, &out[i], &path, diag));
        pd_jpath_pop(&path, item);
    }
    pd_jpath_pop(&path, mark);
    *count = json_array_size(sets);
    return PD_OK;
fail:
    return err;
}

pd_health *pd_health_load(const char *file, pd_diag *diag)
{
    json_t *doc = NULL;
    pd_health_rules rules[PD_HEALTH_RULESETS_MAX];
    size_t count;
    pd_health *h = NULL;
    if (pd_json_parse_file(file, &doc, diag) == PD_OK &&
        pd_health_rules_parse(doc, rules, PD_HEALTH_RULESETS_MAX, &count, diag) == PD_OK)
        h = pd_health_new(rules, count, diag);
    json_decref(doc);
    return h;
}

static json_t *dec(int value, int decimals)
{
    char text[32];
    int unit = decimals == 2 ? 100 : 10;
    snprintf(text, sizeof text, "%d.%0*d", value / unit, decimals, value % unit);
    return json_string(text);
}

static json_t *day_json(int32_t day)
{
    char text[16];
    if (!day)
        return json_null();
    pd_health_day_format(day, text, sizeof text);
    return json_string(text);
}

json_t *pd_health_rules_json(const pd_health *h)
{
    json_t *sets = json_array();
    for (size_t i = 0; i < pd_health_rules_count(h); i++) {
        const pd_health_rules *r = pd_health_rules_at(h, i);
        json_array_append_new(
            sets,
            json_pack("{s:s, s:o, s:{s:i, s:i, s:i, s:i}, s:{s:i, s:i}, s:{s:i}, "
                      "s:{s:o, s:o, s:s, s:i}, s:{s:i, s:o, s:i, s:i, s:o}, s:{s:i, s:i, s:b}, "
                      "s:{s:o}}",
                      "version", r->version, "effective", day_json(r->effective_day),
                      "predeparture", "tests", r->predeparture_tests, "window_hours",
                      r->predeparture_window_h, "one_within_hours", r->predeparture_one_within_h,
                      "min_interval_hours", r->predeparture_min_interval_h, "vaccination",
                      "days_before_departure", r->vaccination_days_before,
                      "unvaccinated_quarantine_days", r->unvaccinated_quarantine_days, "screening",
                      "tests_per_day", r->screening_tests_per_day, "ct", "positive_below",
                      dec(r->positive_ct_below, 2), "negative_from", dec(r->negative_ct_from, 2),
                      "grey_action",
                      r->grey_action == PD_HEALTH_GREY_ISOLATE ? "isolate" : "close_contact",
                      "grey_close_contact_days", r->grey_close_contact_days, "isolation",
                      "release_negatives", r->release_negatives, "release_negative_ct_from",
                      dec(r->release_negative_ct_from, 2), "release_after_days",
                      r->release_alt_min_days, "release_after_days_results", r->release_alt_days,
                      "release_after_days_ct_from", dec(r->release_alt_ct_from, 2), "close_contact",
                      "days", r->close_contact_days, "tests_per_day",
                      r->close_contact_tests_per_day, "may_enter", r->close_contact_may_enter,
                      "health_report", "fever_from", dec(r->fever_tenths, 1)));
    }
    return json_pack("{s:s, s:o}", "format", "podium-health-rules/1", "rulesets", sets);
}

/* --- observations ------------------------------------------------------------------------ */

typedef struct {
    const char *type;
    const char *person, *venue, *sample, *case_person, *read, *subject;
    int32_t day;
    pd_health_site site;
    pd_health_group group;
    int ct;
    int temperature;
    bool vaccinated, symptoms;
    int pre_count;
    int pre_hours[4];
} item;

/* Ids the batch being checked introduces. */
typedef struct {
    const char **persons;
    const char **samples;
    size_t person_count, sample_count;
} batch_ids;

static bool in(const char *const *ids, size_t count, const char *id)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(ids[i], id) == 0)
            return true;
    return false;
}

static pd_err field_error(pd_jpath *path, const char *key, const char *reason, pd_diag *diag)
{
    size_t mark = pd_jpath_key(path, key);
    pd_err err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "%s", reason);
    pd_jpath_pop(path, mark);
    return err;
}

static pd_err get_day(const json_t *obj, int32_t *day, pd_jpath *path, pd_diag *diag)
{
    const char *text;
    pd_err err = pd_json_get_string(obj, "day", true, 10, &text, path, diag);
    if (!err && !pd_health_day_parse(text, day))
        err = field_error(path, "day", "expected YYYY-MM-DD", diag);
    return err;
}

static pd_err get_site(const json_t *obj, pd_health_site *site, pd_jpath *path, pd_diag *diag)
{
    const char *text = "loop";
    pd_err err = pd_json_get_string(obj, "site", false, 16, &text, path, diag);
    if (err)
        return err;
    if (strcmp(text, "loop") == 0)
        *site = PD_HEALTH_SITE_LOOP;
    else if (strcmp(text, "airport") == 0)
        *site = PD_HEALTH_SITE_AIRPORT;
    else if (strcmp(text, "isolation") == 0)
        *site = PD_HEALTH_SITE_ISOLATION;
    else
        return field_error(path, "site", "expected loop, airport or isolation", diag);
    return PD_OK;
}

static pd_err get_ct(const json_t *obj, int *ct, pd_jpath *path, pd_diag *diag)
{
    json_t *value = json_object_get(obj, "ct");
    if (!value)
        return field_error(path, "ct", "missing", diag);
    if (json_is_null(value)) {
        *ct = PD_HEALTH_CT_NONE; /* no amplification */
        return PD_OK;
    }
    int64_t v;
    pd_err err = pd_json_get_decimal(obj, "ct", true, 2, 0, 5000, &v, path, diag);
    *ct = (int)v;
    return err;
}

/* Parse one item (not a batch) into it. */
static pd_err parse_item(const json_t *obj, item *it, bool allow_audit, pd_jpath *path,
                         pd_diag *diag)
{
    static const char *const arrival_keys[] = {
        "type", "person", "venue", "group", "day", "vaccinated", "predeparture_hours", NULL};
    static const char *const departure_keys[] = {"type", "person", "day", NULL};
    static const char *const sample_keys[] = {"type", "sample", "person", "day", "site", NULL};
    static const char *const result_keys[] = {"type", "sample", "ct", NULL};
    static const char *const test_keys[] = {"type", "person", "day", "site", "ct", NULL};
    static const char *const report_keys[] = {"type",        "person",   "day",
                                              "temperature", "symptoms", NULL};
    static const char *const contact_keys[] = {"type", "person", "case", "day", NULL};
    static const char *const audit_keys[] = {"type", "read", "subject", "day", NULL};
    pd_err err;
    memset(it, 0, sizeof *it);
    if (!json_is_object(obj))
        return pd_diag_set(diag, PD_ERR_INPUT, path->text, "expected an object");
    TRY(pd_json_get_string(obj, "type", true, 16, &it->type, path, diag));
    const char *t = it->type;
    if (strcmp(t, "arrival") == 0) {
        const char *group;
        json_t *hours = NULL;
        TRY(pd_json_object_keys(obj, arrival_keys, path, diag));
        TRY(pd_json_get_string(obj, "person", true, PD_HEALTH_ID_MAX, &it->person, path, diag));
        TRY(pd_json_get_string(obj, "venue", true, PD_HEALTH_ID_MAX, &it->venue, path, diag));
        TRY(pd_json_get_string(obj, "group", true, 16, &group, path, diag));
        if (strcmp(group, "athlete") == 0)
            it->group = PD_HEALTH_GROUP_ATHLETE;
        else if (strcmp(group, "other") == 0)
            it->group = PD_HEALTH_GROUP_OTHER;
        else
            return field_error(path, "group", "expected athlete or other", diag);
        TRY(get_day(obj, &it->day, path, diag));
        TRY(pd_json_get_bool(obj, "vaccinated", true, &it->vaccinated, path, diag));
        TRY(pd_json_get_array(obj, "predeparture_hours", true, 0, 4, &hours, path, diag));
        size_t mark = pd_jpath_key(path, "predeparture_hours");
        for (size_t i = 0; i < json_array_size(hours); i++) {
            int64_t v;
            size_t at = pd_jpath_index(path, i);
            err = pd_json_int_value(json_array_get(hours, i), 0, 720, &v, path, diag);
            pd_jpath_pop(path, at);
            if (err)
                break;
            it->pre_hours[i] = (int)v;
        }
        pd_jpath_pop(path, mark);
        if (err)
            goto fail;
        it->pre_count = (int)json_array_size(hours);
    } else if (strcmp(t, "departure") == 0) {
        TRY(pd_json_object_keys(obj, departure_keys, path, diag));
        TRY(pd_json_get_string(obj, "person", true, PD_HEALTH_ID_MAX, &it->person, path, diag));
        TRY(get_day(obj, &it->day, path, diag));
    } else if (strcmp(t, "sample") == 0) {
        TRY(pd_json_object_keys(obj, sample_keys, path, diag));
        TRY(pd_json_get_string(obj, "sample", true, PD_HEALTH_ID_MAX, &it->sample, path, diag));
        TRY(pd_json_get_string(obj, "person", true, PD_HEALTH_ID_MAX, &it->person, path, diag));
        TRY(get_day(obj, &it->day, path, diag));
        TRY(get_site(obj, &it->site, path, diag));
    } else if (strcmp(t, "result") == 0) {
        TRY(pd_json_object_keys(obj, result_keys, path, diag));
        TRY(pd_json_get_string(obj, "sample", true, PD_HEALTH_ID_MAX, &it->sample, path, diag));
        TRY(get_ct(obj, &it->ct, path, diag));
    } else if (strcmp(t, "test") == 0) {
        TRY(pd_json_object_keys(obj, test_keys, path, diag));
        TRY(pd_json_get_string(obj, "person", true, PD_HEALTH_ID_MAX, &it->person, path, diag));
        TRY(get_day(obj, &it->day, path, diag));
        TRY(get_site(obj, &it->site, path, diag));
        TRY(get_ct(obj, &it->ct, path, diag));
    } else if (strcmp(t, "report") == 0) {
        int64_t temp;
        TRY(pd_json_object_keys(obj, report_keys, path, diag));
        TRY(pd_json_get_string(obj, "person", true, PD_HEALTH_ID_MAX, &it->person, path, diag));
        TRY(get_day(obj, &it->day, path, diag));
        TRY(pd_json_get_decimal(obj, "temperature", true, 1, 300, 450, &temp, path, diag));
        it->temperature = (int)temp;
        TRY(pd_json_get_bool(obj, "symptoms", true, &it->symptoms, path, diag));
    } else if (strcmp(t, "contact") == 0) {
        TRY(pd_json_object_keys(obj, contact_keys, path, diag));
        TRY(pd_json_get_string(obj, "person", true, PD_HEALTH_ID_MAX, &it->person, path, diag));
        TRY(pd_json_get_string(obj, "case", true, PD_HEALTH_ID_MAX, &it->case_person, path, diag));
        TRY(get_day(obj, &it->day, path, diag));
    } else if (strcmp(t, "audit") == 0 && allow_audit) {
        TRY(pd_json_object_keys(obj, audit_keys, path, diag));
        TRY(pd_json_get_string(obj, "read", true, 32, &it->read, path, diag));
        TRY(pd_json_get_string(obj, "subject", false, PD_HEALTH_ID_MAX, &it->subject, path, diag));
    } else {
        return field_error(path, "type",
                           "expected arrival, departure, sample, result, test, report, contact "
                           "or batch",
                           diag);
    }
    return PD_OK;
fail:
    return err;
}

/* Prefix a state diag's field with the item's path. */
static pd_err at_path(pd_err err, const pd_jpath *path, pd_diag *diag)
{
    if (err && diag && path->len) {
        char joined[2 * PD_DIAG_PATH_MAX + 2];
        snprintf(joined, sizeof joined, "%s%s%s", path->text, diag->path[0] ? "." : "", diag->path);
        memcpy(diag->path, joined, sizeof diag->path - 1);
        diag->path[sizeof diag->path - 1] = '\0';
    }
    return err;
}

static pd_err check_state(const pd_health *h, const item *it, batch_ids *ids, pd_diag *diag)
{
    const char *t = it->type;
    bool known = it->person && ids && in(ids->persons, ids->person_count, it->person);
    if (strcmp(t, "arrival") == 0) {
        pd_health_arrival a = {it->person,     it->venue,     it->group, it->day,
                               it->vaccinated, it->pre_count, {0}};
        memcpy(a.predeparture_hours, it->pre_hours, sizeof it->pre_hours);
        if (known)
            return pd_diag_set(diag, PD_ERR_CONFLICT, "person", "this participant already arrived");
        pd_err err = pd_health_check_arrive(h, &a, diag);
        if (!err && ids)
            ids->persons[ids->person_count++] = it->person;
        return err;
    }
    if (strcmp(t, "audit") == 0)
        return PD_OK;
    if (strcmp(t, "result") == 0) {
        if (ids && in(ids->samples, ids->sample_count, it->sample))
            return PD_OK;
        return pd_health_check_result(h, it->sample, diag);
    }
    if (strcmp(t, "sample") == 0) {
        if (ids && in(ids->samples, ids->sample_count, it->sample))
            return pd_diag_set(diag, PD_ERR_CONFLICT, "sample", "this sample is already recorded");
        pd_err err = known ? PD_OK : pd_health_check_sample(h, it->sample, it->person, diag);
        if (!err && ids)
            ids->samples[ids->sample_count++] = it->sample;
        return err;
    }
    return known ? PD_OK : pd_health_check_person(h, it->person, diag);
}

pd_err pd_health_doc_check(const pd_health *h, const json_t *obs, bool allow_audit, pd_diag *diag)
{
    pd_jpath path;
    item it;
    pd_err err;
    const char *type = NULL;
    pd_jpath_init(&path);
    if (!json_is_object(obs))
        return pd_diag_set(diag, PD_ERR_INPUT, "", "expected an object");
    json_t *type_value = json_object_get(obs, "type");
    if (json_is_string(type_value))
        type = json_string_value(type_value);
    if (!type || strcmp(type, "batch") != 0) {
        TRY(parse_item(obs, &it, allow_audit, &path, diag));
        return check_state(h, &it, NULL, diag);
    }
    static const char *const keys[] = {"type", "items", NULL};
    json_t *items;
    TRY(pd_json_object_keys(obs, keys, &path, diag));
    TRY(pd_json_get_array(obs, "items", true, 1, PD_HEALTH_BATCH_MAX, &items, &path, diag));
    size_t n = json_array_size(items);
    batch_ids ids = {calloc(n, sizeof(char *)), calloc(n, sizeof(char *)), 0, 0};
    if (!ids.persons || !ids.samples) {
        err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
    } else {
        size_t mark = pd_jpath_key(&path, "items");
        for (size_t i = 0; i < n && !err; i++) {
            size_t at = pd_jpath_index(&path, i);
            err = parse_item(json_array_get(items, i), &it, false, &path, diag);
            if (!err)
                err = at_path(check_state(h, &it, &ids, diag), &path, diag);
            pd_jpath_pop(&path, at);
        }
        pd_jpath_pop(&path, mark);
    }
    free(ids.persons);
    free(ids.samples);
    return err;
fail:
    return err;
}

static pd_err apply_item(pd_health *h, const item *it, pd_diag *diag)
{
    const char *t = it->type;
    if (strcmp(t, "arrival") == 0) {
        pd_health_arrival a = {it->person,     it->venue,     it->group, it->day,
                               it->vaccinated, it->pre_count, {0}};
        memcpy(a.predeparture_hours, it->pre_hours, sizeof it->pre_hours);
        return pd_health_arrive(h, &a, diag);
    }
    if (strcmp(t, "departure") == 0)
        return pd_health_depart(h, it->person, it->day, diag);
    if (strcmp(t, "sample") == 0)
        return pd_health_sample(h, it->sample, it->person, it->day, it->site, diag);
    if (strcmp(t, "result") == 0)
        return pd_health_result(h, it->sample, it->ct, diag);
    if (strcmp(t, "test") == 0)
        return pd_health_test(h, it->person, it->day, it->site, it->ct, diag);
    if (strcmp(t, "report") == 0)
        return pd_health_report(h, it->person, it->day, it->temperature, it->symptoms, diag);
    if (strcmp(t, "contact") == 0)
        return pd_health_contact(h, it->person, it->case_person, it->day, diag);
    return PD_OK; /* audit */
}

void pd_health_doc_apply(pd_health *h, const json_t *obs, size_t *skipped)
{
    pd_jpath path;
    pd_diag diag = {0};
    item it;
    size_t bad = 0;
    pd_jpath_init(&path);
    json_t *items = json_object_get(obs, "items");
    const char *type = json_string_value(json_object_get(obs, "type"));
    if (type && strcmp(type, "batch") == 0 && json_is_array(items)) {
        for (size_t i = 0; i < json_array_size(items) && i < PD_HEALTH_BATCH_MAX; i++)
            if (parse_item(json_array_get(items, i), &it, false, &path, &diag) ||
                apply_item(h, &it, &diag))
                bad++;
    } else if (parse_item(obs, &it, true, &path, &diag) || apply_item(h, &it, &diag)) {
        bad++;
    }
    if (skipped)
        *skipped += bad;
}

/* --- answers ------------------------------------------------------------------------------ */

json_t *pd_health_standing_json(const pd_health_standing *st)
{
    return json_pack("{s:s, s:b, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:i, s:i}", "status",
                     pd_health_status_name(st->status), "may_enter", st->may_enter, "reason",
                     st->reason, "rule", st->rule ? st->rule : "", "rule_set",
                     st->rule_version ? st->rule_version : "", "since", day_json(st->since_day),
                     "until", day_json(st->until_day), "isolated", day_json(st->isolated_day),
                     "released", day_json(st->released_day), "tests_required", st->tests_required,
                     "tests_taken", st->tests_taken);
}

json_t *pd_health_figures_json(const pd_health *h, int32_t first_day, int32_t last_day,
                               pd_diag *diag)
{
    if (last_day < first_day || last_day - first_day >= 400) {
        pd_diag_set(diag, PD_ERR_INPUT, "day", "expected 1..400 days");
        return NULL;
    }
    size_t n = (size_t)(last_day - first_day + 1);
    pd_health_day_figures *f = calloc(n, sizeof *f);
    if (!f) {
        pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        return NULL;
    }
    if (pd_health_figures(h, first_day, last_day, f, diag)) {
        free(f);
        return NULL;
    }
    json_t *days = json_array();
    long long cum_tests = 0, cum_pos_airport = 0, cum_pos_loop = 0, cum_arrivals = 0;
    for (size_t i = 0; i < n; i++) {
        const pd_health_day_figures *d = &f[i];
        int pos_airport = d->positives_airport[0] + d->positives_airport[1];
        int pos_loop = d->positives_loop[0] + d->positives_loop[1];
        cum_tests += d->tests_airport + d->tests_loop;
        cum_pos_airport += pos_airport;
        cum_pos_loop += pos_loop;
        cum_arrivals += d->arrivals[0] + d->arrivals[1];
        json_array_append_new(
            days,
            json_pack("{s:o, s:{s:i, s:i}, s:i, s:i, s:{s:i, s:i}, s:{s:i, s:i}, s:i, s:i, s:i, "
                      "s:i, s:i, s:i, s:i, s:{s:I, s:I, s:I, s:I, s:I}}",
                      "day", day_json(d->day), "arrivals", "athletes", d->arrivals[0], "others",
                      d->arrivals[1], "tests_airport", d->tests_airport, "tests_loop",
                      d->tests_loop, "positives_airport", "athletes", d->positives_airport[0],
                      "others", d->positives_airport[1], "positives_loop", "athletes",
                      d->positives_loop[0], "others", d->positives_loop[1], "grey_zone", d->grey,
                      "isolations", d->isolations, "releases", d->releases, "isolated", d->isolated,
                      "close_contacts", d->close_contacts, "quarantined", d->quarantined, "in_loop",
                      d->in_loop, "cumulative", "arrivals", (json_int_t)cum_arrivals, "tests",
                      (json_int_t)cum_tests, "positives_airport", (json_int_t)cum_pos_airport,
                      "positives_loop", (json_int_t)cum_pos_loop, "positives",
                      (json_int_t)(cum_pos_airport + cum_pos_loop)));
    }
    free(f);
    return json_pack(
        "{s:s, s:o, s:o, s:{s:I, s:I, s:I, s:I}, s:o}", "format", "podium-health-figures/1", "from",
        day_json(first_day), "to", day_json(last_day), "totals", "tests", (json_int_t)cum_tests,
        "positives", (json_int_t)(cum_pos_airport + cum_pos_loop), "positives_airport",
        (json_int_t)cum_pos_airport, "positives_loop", (json_int_t)cum_pos_loop, "days", days);
}
