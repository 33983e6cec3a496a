/*
 * Tests for src/games/programme.c.
 *
 * The committed Beijing 2022 programme (data/programme/beijing2022.json,
 * converted by tools/convert_programme.py from the NBC/Gracenote feed) is
 * checked against the official programme: 109 medal events, per discipline
 * ALP 11, BTH 11, BOB 4, CCS 12, CUR 3, FSK 5, FRS 13, IHO 2, LUG 4, NCB 3,
 * SKN 2, SJP 5, SBD 11, SSK 14, STK 9 (IOC, Beijing 2022 event programme);
 * 7 sports, 12 competition venues in 3 zones, 91 NOCs. Then every kind of
 * bad input is shown to fail with its path named.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "podium/json.h"
#include "podium/programme.h"

#define BEIJING PODIUM_DATADIR "/programme/beijing2022.json"

static void test_beijing_counts(void **state)
{
    (void)state;
    static const struct {
        const char *code;
        size_t events;
    } official[] = {
        {"ALP", 11}, {"BTH", 11}, {"BOB", 4},  {"CCS", 12}, {"CUR", 3},
        {"FSK", 5},  {"FRS", 13}, {"IHO", 2},  {"LUG", 4},  {"NCB", 3},
        {"SKN", 2},  {"SJP", 5},  {"SBD", 11}, {"SSK", 14}, {"STK", 9},
    };
    pd_programme *prog;
    pd_diag diag = {0};
    assert_int_equal(pd_programme_load_file(BEIJING, &prog, &diag), PD_OK);
    assert_int_equal(pd_programme_event_count(prog), 109);
    assert_int_equal(pd_programme_discipline_count(prog), 15);
    assert_int_equal(pd_programme_sport_count(prog), 7);
    assert_int_equal(pd_programme_venue_count(prog), 12);
    assert_int_equal(pd_programme_zone_count(prog), 3);
    assert_int_equal(pd_programme_noc_count(prog), 91);
    /* zones, NOCs and participants by index, in file order */
    assert_string_equal(pd_programme_zone(prog, 0)->code, "BEJ");
    assert_string_equal(pd_programme_noc(prog, 0)->code, "ALB");
    assert_string_equal(pd_programme_participant(prog, 0)->id, "1001278");
    assert_string_equal(pd_programme_participant(prog, 0)->noc->code, "SUI");
    for (size_t i = 0; i < sizeof official / sizeof official[0]; i++) {
        if (pd_programme_discipline_event_count(prog, official[i].code) != official[i].events)
            fail_msg("%s: %zu events, official %zu", official[i].code,
                     pd_programme_discipline_event_count(prog, official[i].code),
                     official[i].events);
    }
    /* every event awards medals somewhere and every unit has a venue */
    for (size_t i = 0; i < pd_programme_event_count(prog); i++) {
        const pd_event *event = pd_programme_event(prog, i);
        int medal_units = 0;
        for (size_t p = 0; p < event->phase_count; p++)
            for (size_t u = 0; u < event->phases[p].unit_count; u++) {
                medal_units += event->phases[p].units[u].medal;
                assert_non_null(event->phases[p].units[u].venue);
            }
        if (medal_units == 0)
            fail_msg("%s has no medal unit", event->rsc.code);
    }
    /* units by time are in order */
    for (size_t i = 1; i < pd_programme_unit_count(prog); i++)
        assert_true(strcmp(pd_programme_unit_by_time(prog, i - 1)->start,
                           pd_programme_unit_by_time(prog, i)->start) <= 0);
    pd_programme_free(prog);
}

static void test_beijing_mens_downhill(void **state)
{
    (void)state;
    pd_programme *prog;
    assert_int_equal(pd_programme_load_file(BEIJING, &prog, NULL), PD_OK);
    const pd_event *event = pd_programme_find_event(prog, "ALPMDH----------------------------");
    assert_non_null(event);
    assert_string_equal(event->name, "Men's Downhill");
    assert_int_equal(event->gender, 'M');
    /* postponed by wind from 6 to 7 February; raced at 12:00 in Yanqing */
    const pd_unit *race = pd_programme_find_unit(prog, "ALPMDH----------------FNL-000100--");
    assert_non_null(race);
    assert_ptr_equal(race->phase->event, event);
    assert_string_equal(race->start, "2022-02-07T12:00:00+08:00");
    assert_string_equal(race->day, "2022-02-07");
    assert_true(race->medal);
    assert_string_equal(race->venue->zone->name, "Yanqing");
    int found = 0;
    for (size_t i = 0; i < race->start_count; i++)
        if (strcmp(race->start_list[i].participant->id, "603448") == 0) {
            /* FEUZ Beat, SUI, bib 13: the champion */
            assert_string_equal(race->start_list[i].participant->name, "FEUZ Beat");
            assert_string_equal(race->start_list[i].participant->noc->code, "SUI");
            assert_string_equal(race->start_list[i].bib, "13");
            found = 1;
        }
    assert_true(found);
    assert_null(pd_programme_find_unit(prog, "ALPMDH----------------FNL-000900--"));
    assert_null(pd_programme_find_participant(prog, "no-such-id"));
    /* an index in file order, for arrays kept beside the programme's */
    for (size_t i = 0; i < pd_programme_participant_count(prog); i += 97) {
        const pd_participant *part = pd_programme_participant(prog, i);
        assert_int_equal(pd_programme_participant_index(prog, part), i);
        assert_ptr_equal(pd_programme_find_participant(prog, part->id), part);
    }
    assert_non_null(pd_programme_find_noc(prog, "ROC"));
    pd_programme_free(prog);
}

static void test_teams_have_members(void **state)
{
    (void)state;
    pd_programme *prog;
    assert_int_equal(pd_programme_load_file(BEIJING, &prog, NULL), PD_OK);
    const pd_event *curling = pd_programme_find_event(prog, "CURMTEAM4-------------------------");
    assert_non_null(curling);
    const pd_unit *game = &curling->phases[0].units[0];
    assert_int_equal(game->start_count, 2);
    const pd_participant *team = game->start_list[0].participant;
    assert_true(team->is_team);
    assert_true(team->member_count >= 4);
    for (size_t m = 0; m < team->member_count; m++)
        assert_false(team->members[m]->is_team);
    pd_programme_free(prog);
}

/* A small valid programme; each bad case replaces one fragment of it. */
static const char small[] =
    "{\"format\": \"podium-programme/1\","
    " \"games\": {\"code\": \"T\", \"name\": \"Test Games\", \"utc_offset\": \"+08:00\"},"
    " \"zones\": [{\"code\": \"YAN\", \"name\": \"Yanqing\"}],"
    " \"venues\": [{\"code\": \"YAS\", \"name\": \"Alpine Centre\", \"zone\": \"YAN\"}],"
    " \"sports\": [{\"code\": \"SKI\", \"name\": \"Skiing\"}],"
    " \"disciplines\": [{\"code\": \"ALP\", \"name\": \"Alpine Skiing\", \"sport\": \"SKI\"}],"
    " \"nocs\": [{\"code\": \"SUI\", \"name\": \"Switzerland\"}],"
    " \"participants\": [{\"id\": \"603448\", \"name\": \"FEUZ Beat\", \"noc\": \"SUI\"},"
    "   {\"id\": \"T1\", \"name\": \"Switzerland\", \"noc\": \"SUI\", \"members\": [\"603448\"]}],"
    " \"events\": [{\"rsc\": \"ALPMDH----------------------------\", \"name\": \"Men's Downhill\","
    "   \"discipline\": \"ALP\", \"gender\": \"M\", \"phases\": [{\"rsc\":"
    " \"ALPMDH----------------FNL---------\", \"name\": \"Final\", \"units\": [{\"rsc\":"
    " \"ALPMDH----------------FNL-000100--\", \"name\": \"Downhill\", \"venue\": \"YAS\","
    " \"start\": \"2022-02-07T12:00:00+08:00\", \"end\": \"2022-02-07T14:19:00+08:00\","
    " \"medal\": true, \"start_list\": [{\"participant\": \"603448\", \"bib\": \"13\","
    " \"order\": 13}]}]}]}]}";

static pd_err load_variant(const char *from, const char *to, pd_diag *diag)
{
    char text[sizeof small + 256];
    const char *at = strstr(small, from);
    assert_non_null(at);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - small), small, to, at + strlen(from));
    json_t *root;
    pd_err err = pd_json_parse(text, strlen(text), &root, diag);
    if (err)
        return err;
    pd_programme *prog = NULL;
    err = pd_programme_load_json(root, &prog, diag);
    json_decref(root);
    pd_programme_free(prog);
    return err;
}

static void test_small_is_valid(void **state)
{
    (void)state;
    pd_diag diag = {0};
    assert_int_equal(load_variant("Test Games", "Test Games", &diag), PD_OK);
}

static void test_bad_input(void **state)
{
    (void)state;
    static const struct {
        const char *from, *to, *path, *reason;
    } cases[] = {
        {"\"format\": \"podium-programme/1\"", "\"format\": \"podium-programme/2\"", "format",
         "expected \"podium-programme/1\""},
        {"\"games\"", "\"gmaes\"", "gmaes", "unknown key"},
        {"\"zone\": \"YAN\"", "\"zone\": \"BEJ\"", "venues[0].zone", "unknown zone \"BEJ\""},
        {"\"sport\": \"SKI\"", "\"sport\": 7", "disciplines[0].sport", "expected a string"},
        {"\"noc\": \"SUI\"}", "\"noc\": \"XYZ\"}", "participants[0].noc", "unknown NOC \"XYZ\""},
        {"[\"603448\"]", "[\"999\"]", "participants[1].members[0]", "unknown athlete \"999\""},
        {"\"id\": \"T1\"", "\"id\": \"603448\"", "participants", "duplicate participant id"},
        {"\"ALPMDH----------------------------\"", "\"ALPMDH\"", "events[0].rsc", "34 characters"},
        {"\"ALPMDH----------------------------\"", "\"ALPMDH----------------FNL---------\"",
         "events[0].rsc", "is not an event code"},
        {"\"ALPMDH----------------FNL---------\"", "\"ALPMSL----------------FNL---------\"",
         "events[0].phases[0].rsc", "not a phase of its event"},
        {"\"ALPMDH----------------FNL-000100--\"", "\"ALPMDH----------------QUAL000100--\"",
         "events[0].phases[0].units[0].rsc", "not a unit of its phase"},
        {"\"venue\": \"YAS\"", "\"venue\": \"NOPE\"", "events[0].phases[0].units[0].venue",
         "unknown venue"},
        {"\"start\": \"2022-02-07T12:00:00+08:00\"", "\"start\": \"2022-02-07 12:00\"",
         "events[0].phases[0].units[0].start", "expected a local time"},
        {"\"start\": \"2022-02-07T12:00:00+08:00\"", "\"start\": \"2022-02-07T15:00:00+08:00\"",
         "events[0].phases[0].units[0].end", "ends before it starts"},
        {"\"participant\": \"603448\"", "\"participant\": \"1\"",
         "events[0].phases[0].units[0].start_list[0].participant", "unknown participant"},
        {"\"order\": 13", "\"order\": 0", "events[0].phases[0].units[0].start_list[0].order",
         "out of range"},
        {"\"gender\": \"M\"", "\"gender\": \"W\"", "events[0].gender", "does not match"},
        {"\"gender\": \"M\"", "\"gender\": \"Q\"", "events[0].gender", "expected \"M\""},
        {"\"discipline\": \"ALP\"", "\"discipline\": \"BTH\"", "events[0].discipline",
         "unknown discipline"},
        {"\"units\": [", "\"units\": [], \"x\": [", "events[0].phases[0].x", "unknown key"},
        {"\"medal\": true", "\"medal\": 1", "events[0].phases[0].units[0].medal",
         "expected true or false"},
        {"\"name\": \"Yanqing\"", "\"name\": \"\"", "zones[0].name", "must not be empty"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pd_diag diag = {0};
        pd_err err = load_variant(cases[i].from, cases[i].to, &diag);
        if (err != PD_ERR_INPUT || strcmp(diag.path, cases[i].path) != 0 ||
            !strstr(diag.reason, cases[i].reason))
            fail_msg("case %zu: err %d, path \"%s\" (want \"%s\"), reason \"%s\" (want \"%s\")", i,
                     err, diag.path, cases[i].path, diag.reason, cases[i].reason);
    }
}

static void test_missing_file(void **state)
{
    (void)state;
    pd_programme *prog;
    pd_diag diag = {0};
    assert_int_equal(pd_programme_load_file("/nonexistent.json", &prog, &diag), PD_ERR_NOT_FOUND);
    assert_non_null(strstr(diag.reason, "/nonexistent.json"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_beijing_counts),     cmocka_unit_test(test_beijing_mens_downhill),
        cmocka_unit_test(test_teams_have_members), cmocka_unit_test(test_small_is_valid),
        cmocka_unit_test(test_bad_input),          cmocka_unit_test(test_missing_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
