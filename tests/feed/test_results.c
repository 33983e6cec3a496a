/*
 * Tests for src/feed/results.c: observations in, documents out, through the
 * Beijing 2022 programme and its scoring table. Figures: women's giant slalom
 * (ALPWGS), Beijing 2022: SHIFFRIN did not finish run 1; HECTOR Sara won in
 * 1:55.69 (57.56 + 58.13) (NBC/Gracenote feed; olympics.com).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "podium/json.h"
#include "podium/results.h"
#include "podium/scoredoc.h"

#define BEIJING      PODIUM_DATADIR "/programme/beijing2022.json"
#define RUN1         "ALPWGS----------------FNL-000100--"
#define RUN2         "ALPWGS----------------FNL-000200--"
#define CURLING_GAME "CURMTEAM4-------------RR--000101--"

static pd_programme *prog;

static int setup(void **state)
{
    (void)state;
    return pd_programme_load_file(BEIJING, &prog, NULL) == PD_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    pd_programme_free(prog);
    return 0;
}

static json_t *body(const char *text)
{
    json_t *root;
    assert_int_equal(pd_json_parse(text, strlen(text), &root, NULL), PD_OK);
    return root;
}

static void apply(pd_results *res, const char *rsc, int64_t seq, const char *text,
                  int64_t supersedes)
{
    const pd_unit *unit = pd_programme_find_unit(prog, rsc);
    assert_non_null(unit);
    json_t *b = body(text);
    pd_diag diag = {0};
    if (pd_results_check(res, unit, b, supersedes, false, &diag) != PD_OK)
        fail_msg("check %s: %s: %s", text, diag.path, diag.reason);
    assert_int_equal(pd_results_apply(res, unit, seq, b, supersedes), PD_OK);
    json_decref(b);
}

static json_t *row(json_t *doc, size_t i)
{
    return json_array_get(json_object_get(doc, "results"), i);
}

static void test_two_runs(void **state)
{
    (void)state;
    pd_results *res;
    json_t *doc;
    const pd_unit *run1 = pd_programme_find_unit(prog, RUN1);
    const pd_unit *run2 = pd_programme_find_unit(prog, RUN2);
    const pd_event *event = run1->phase->event;
    assert_int_equal(pd_results_new(prog, &res), PD_OK);
    assert_int_equal(pd_results_unit_status(res, run1), PD_STATUS_START_LIST);
    assert_int_equal(pd_results_unit_doc(res, run1, &doc, NULL), PD_OK);
    assert_string_equal(json_string_value(json_object_get(doc, "status")), "START_LIST");
    assert_string_equal(json_string_value(json_object_get(doc, "kind")), "timed");
    json_decref(doc);

    apply(res, RUN1, 1, "{\"competitor\": \"827252\", \"run\": 1, \"time_ms\": 57560}", 0);
    apply(res, RUN1, 2, "{\"competitor\": \"711462\", \"run\": 1, \"time_ms\": 57980}", 0);
    assert_int_equal(pd_results_unit_status(res, run1), PD_STATUS_LIVE);
    assert_int_equal(pd_results_unit_last_seq(res, run1), 2);
    /* the standing after run 1 ranks run 1 */
    assert_int_equal(pd_results_unit_doc(res, run1, &doc, NULL), PD_OK);
    assert_string_equal(json_string_value(json_object_get(row(doc, 0), "competitor")), "827252");
    assert_string_equal(json_string_value(json_object_get(row(doc, 0), "result")), "57.56");
    assert_string_equal(json_string_value(json_object_get(row(doc, 1), "result")), "57.98");
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(row(doc, 1), "detail"), "behind")),
        "+0.42");
    json_decref(doc);

    /* a correction: the second time was mistyped, then fixed */
    apply(res, RUN1, 3, "{\"competitor\": \"711462\", \"run\": 1, \"time_ms\": 58980}", 2);
    assert_int_equal(pd_results_unit_doc(res, run1, &doc, NULL), PD_OK);
    assert_string_equal(json_string_value(json_object_get(row(doc, 1), "result")), "58.98");
    json_decref(doc);

    /* run 2: the standing after two runs sums them */
    apply(res, RUN2, 4, "{\"competitor\": \"827252\", \"run\": 2, \"time_ms\": 58130}", 0);
    assert_int_equal(pd_results_unit_doc(res, run2, &doc, NULL), PD_OK);
    assert_string_equal(json_string_value(json_object_get(row(doc, 0), "result")), "1:55.69");
    json_decref(doc);
    assert_int_equal(pd_results_event_doc(res, event, &doc, NULL), PD_OK);
    assert_string_equal(json_string_value(json_object_get(doc, "status")), "LIVE");
    assert_string_equal(json_string_value(json_object_get(doc, "rsc")), event->rsc.code);
    assert_string_equal(json_string_value(json_object_get(row(doc, 0), "result")), "1:55.69");
    json_decref(doc);

    /* the phase: the standing after its last unit, named by the phase, LIVE */
    const pd_phase *phase = run1->phase;
    assert_int_equal(pd_results_phase_status(res, phase), PD_STATUS_LIVE);
    assert_int_equal(pd_results_phase_doc(res, phase, &doc, NULL), PD_OK);
    assert_string_equal(json_string_value(json_object_get(doc, "rsc")), phase->rsc.code);
    assert_string_equal(json_string_value(json_object_get(doc, "status")), "LIVE");
    assert_string_equal(json_string_value(json_object_get(row(doc, 0), "result")), "1:55.69");
    json_decref(doc);

    /* status moves forward only */
    apply(res, RUN1, 5, "{\"status\": \"OFFICIAL\"}", 0);
    assert_int_equal(pd_results_unit_status(res, run1), PD_STATUS_OFFICIAL);
    pd_diag diag = {0};
    json_t *back = body("{\"status\": \"LIVE\"}");
    assert_int_equal(pd_results_check(res, run1, back, 0, false, &diag), PD_ERR_CONFLICT);
    assert_non_null(strstr(diag.reason, "moves only forward"));
    assert_int_equal(pd_results_check(res, run1, back, 0, true, &diag), PD_OK);
    json_decref(back);
    json_t *late = body("{\"competitor\": \"711462\", \"run\": 1, \"time_ms\": 1}");
    assert_int_equal(pd_results_check(res, run1, late, 0, false, &diag), PD_ERR_CONFLICT);
    assert_non_null(strstr(diag.reason, "OFFICIAL"));
    json_decref(late);
    pd_results_free(res);
}

static void test_refusals(void **state)
{
    (void)state;
    pd_results *res;
    pd_diag diag = {0};
    const pd_unit *run1 = pd_programme_find_unit(prog, RUN1);
    assert_int_equal(pd_results_new(prog, &res), PD_OK);
    apply(res, RUN1, 1, "{\"competitor\": \"827252\", \"run\": 1, \"time_ms\": 57560}", 0);
    static const struct {
        const char *body, *path, *reason;
        int64_t supersedes;
        pd_err err;
    } cases[] = {
        {"{\"competitor\": \"711462\", \"run\": 1, \"time_ms\": -5}", "time_ms", "", 0,
         PD_ERR_INPUT},
        {"{\"competitor\": \"nobody\", \"run\": 1, \"time_ms\": 5}", "competitor",
         "unknown competitor", 0, PD_ERR_INPUT},
        {"{\"competitor\": \"827252\", \"run\": 1, \"time_ms\": 5, \"wind\": 1}", "wind",
         "unknown key", 0, PD_ERR_INPUT},
        {"{\"status\": \"DONE\"}", "status", "expected \"LIVE\"", 0, PD_ERR_INPUT},
        {"{\"competitor\": \"827252\", \"run\": 1, \"time_ms\": 5}", "supersedes", "not one of", 99,
         PD_ERR_CONFLICT},
        {"{\"status\": \"LIVE\"}", "supersedes", "cannot supersede", 1, PD_ERR_INPUT},
        {"{\"competitor\": \"827252\", \"run\": 1, \"time_ms\": 5}", "run", "duplicate run", 0,
         PD_ERR_INPUT},
        /* a correction refused by the kind: the path is the new performance's own */
        {"{\"competitor\": \"827252\", \"run\": 1, \"time_ms\": -5}", "time_ms", "", 1,
         PD_ERR_INPUT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *b = body(cases[i].body);
        pd_err err = pd_results_check(res, run1, b, cases[i].supersedes, false, &diag);
        json_decref(b);
        if (err != cases[i].err || strcmp(diag.path, cases[i].path) != 0 ||
            !strstr(diag.reason, cases[i].reason))
            fail_msg("case %zu: err %d path \"%s\" reason \"%s\"", i, err, diag.path, diag.reason);
    }
    /* an event without an engine yet takes no results */
    const pd_unit *game = pd_programme_find_unit(prog, CURLING_GAME);
    if (game && !game->phase->event->scoring.kind) {
        json_t *b = body("{\"competitor\": \"x\"}");
        assert_int_equal(pd_results_check(res, game, b, 0, false, &diag), PD_ERR_UNSUPPORTED);
        json_decref(b);
    }
    pd_results_free(res);
}

/*
 * A knock-out entered as it runs (kind "heats" with the live config
 * "partial" and "completed"): the Beijing 2022 men's 1000m short track heats
 * (STKM1000M) from the demo log. A heat entered out of order is valid; the
 * winner of heat 1 (1776926, Q) is racing, unranked, until the quarter-final;
 * the 4th of heat 1 (1630706) drawn in a quarter-final is provisional while
 * heats remain open and refused once every heat is OFFICIAL.
 */
#define STK_HEAT  "STKM1000M-------------HEAT"
#define STK_QFNL1 "STKM1000M-------------QFNL000100--"

static void apply_body(pd_results *res, const pd_unit *unit, int64_t seq, json_t *b)
{
    pd_diag diag = {0};
    if (pd_results_check(res, unit, b, 0, false, &diag) != PD_OK)
        fail_msg("check %s: %s: %s", unit->rsc.code, diag.path, diag.reason);
    assert_int_equal(pd_results_apply(res, unit, seq, b, 0), PD_OK);
}

static pd_err check_text(pd_results *res, const pd_unit *unit, const char *text, pd_diag *diag)
{
    json_t *b = body(text);
    pd_err err = pd_results_check(res, unit, b, 0, false, diag);
    json_decref(b);
    return err;
}

static void test_heats_live(void **state)
{
    (void)state;
    static const char *const drawn_4th =
        "{\"competitor\": \"1630706\", \"round\": \"QFNL\", \"heat\": 1, \"place\": 1}";
    pd_results *res;
    pd_diag diag = {0};
    const pd_unit *heat1 = pd_programme_find_unit(prog, STK_HEAT "000100--");
    const pd_unit *qfnl1 = pd_programme_find_unit(prog, STK_QFNL1);
    assert_non_null(heat1);
    assert_non_null(qfnl1);
    assert_int_equal(pd_results_new(prog, &res), PD_OK);
    assert_int_equal(check_text(res, heat1,
                                "{\"competitor\": \"1776936\", \"round\": \"HEAT\", \"heat\": 1, "
                                "\"place\": 2, \"time_ms\": 84106}",
                                &diag),
                     PD_OK);
    /* every observation of the heats, the last one (heat 8 OFFICIAL) held back */
    FILE *log = fopen(PODIUM_DATADIR "/demo/beijing2022.log", "r");
    assert_non_null(log);
    char line[4096];
    json_t *held = NULL;
    const pd_unit *held_unit = NULL;
    int64_t seq = 1;
    while (fgets(line, sizeof line, log)) {
        if (!strstr(line, "\"unit\":\"" STK_HEAT))
            continue;
        json_t *obs = body(line);
        if (held)
            apply_body(res, held_unit, seq++, held);
        json_decref(held);
        held = json_incref(json_object_get(obs, "body"));
        held_unit = pd_programme_find_unit(prog, json_string_value(json_object_get(obs, "unit")));
        assert_non_null(held_unit);
        json_decref(obs);
    }
    fclose(log);
    assert_non_null(held);
    json_t *doc = NULL;
    assert_int_equal(pd_results_unit_doc(res, qfnl1, &doc, &diag), PD_OK);
    json_t *first = row(doc, 0);
    assert_true(json_is_null(json_object_get(first, "rank")));
    assert_true(json_is_true(json_object_get(json_object_get(first, "detail"), "racing")));
    json_decref(doc);
    assert_int_equal(check_text(res, qfnl1, drawn_4th, &diag), PD_OK);
    apply_body(res, held_unit, seq++, held);
    json_decref(held);
    assert_int_equal(check_text(res, qfnl1, drawn_4th, &diag), PD_ERR_INPUT);
    assert_non_null(strstr(diag.reason, "drawn in QFNL without qualifying"));
    pd_results_free(res);
}

/* The text of a document, for comparing states. */
static char *dump_unit(pd_results *res, const pd_unit *unit)
{
    json_t *doc = NULL;
    assert_int_equal(pd_results_unit_doc(res, unit, &doc, NULL), PD_OK);
    char *text = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(doc);
    assert_non_null(text);
    return text;
}

/*
 * pd_results_undo takes observations back, last first, and the documents
 * (remembered between changes) are those of the state before: a correction
 * undone makes what it superseded current again, a status undone restores the
 * status. pd_results_precheck checks all but the scoring.
 */
static void test_undo(void **state)
{
    (void)state;
    pd_results *res;
    const pd_unit *run1 = pd_programme_find_unit(prog, RUN1);
    const pd_unit *run2 = pd_programme_find_unit(prog, RUN2);
    assert_int_equal(pd_results_new(prog, &res), PD_OK);
    apply(res, RUN1, 1, "{\"competitor\": \"827252\", \"run\": 1, \"time_ms\": 57560}", 0);
    apply(res, RUN1, 2, "{\"competitor\": \"711462\", \"run\": 1, \"time_ms\": 57980}", 0);
    char *before = dump_unit(res, run1);
    char *before2 = dump_unit(res, run2); /* remembered: the same text is asked again below */

    apply(res, RUN1, 3, "{\"competitor\": \"711462\", \"run\": 1, \"time_ms\": 58980}", 2);
    apply(res, RUN1, 4, "{\"status\": \"UNOFFICIAL\"}", 0);
    char *after = dump_unit(res, run1);
    assert_string_not_equal(before, after);
    assert_int_equal(pd_results_unit_status(res, run1), PD_STATUS_UNOFFICIAL);

    /* not the last observation of the unit: refused, nothing changes */
    assert_int_equal(pd_results_undo(res, run1, 3), PD_ERR_NOT_FOUND);
    assert_int_equal(pd_results_undo(res, run2, 4), PD_ERR_NOT_FOUND);
    char *same = dump_unit(res, run1);
    assert_string_equal(same, after);

    assert_int_equal(pd_results_undo(res, run1, 4), PD_OK);
    assert_int_equal(pd_results_unit_status(res, run1), PD_STATUS_LIVE);
    assert_int_equal(pd_results_undo(res, run1, 3), PD_OK);
    assert_int_equal(pd_results_unit_last_seq(res, run1), 2);
    char *back = dump_unit(res, run1);
    char *back2 = dump_unit(res, run2);
    assert_string_equal(back, before);
    assert_string_equal(back2, before2);

    /* the precheck: a supersedes of an unknown seq, a status moving back */
    json_t *b = body("{\"competitor\": \"711462\", \"run\": 1, \"time_ms\": 1}");
    pd_diag diag = {0};
    assert_int_equal(pd_results_precheck(res, run1, b, 99, false, &diag), PD_ERR_CONFLICT);
    assert_string_equal(diag.path, "supersedes");
    /* the precheck does not score: a performance the kind refuses passes it */
    json_t *bad = body("{\"competitor\": \"711462\", \"run\": 9, \"time_ms\": 1}");
    assert_int_equal(pd_results_precheck(res, run1, bad, 0, false, NULL), PD_OK);
    assert_int_not_equal(pd_results_check(res, run1, bad, 0, false, NULL), PD_OK);
    json_decref(b);
    json_decref(bad);
    free(before);
    free(before2);
    free(after);
    free(same);
    free(back);
    free(back2);
    pd_results_free(res);
}

/*
 * A unit keeps the list of its current performances as observations correct
 * and are taken back: after every step of a long run of corrections (and
 * undos, which put a performance back in the middle of the list), its document
 * is byte for byte that of a fresh state holding only the current
 * performances, in the same order. The steps come from a fixed generator.
 */
static void test_corrections(void **state)
{
    (void)state;
    static const char *const ids[] = {"1020946", "1128102", "711462", "605623", "827252"};
    enum { PERFORMERS = 5, STEPS = 400 };
    const pd_unit *run1 = pd_programme_find_unit(prog, RUN1);
    pd_results *res;
    assert_int_equal(pd_results_new(prog, &res), PD_OK);
    /* the model: per performer, the seq and time of its current performance (0: none) */
    int64_t seq_of[PERFORMERS] = {0}, time_of[PERFORMERS] = {0};
    int64_t next = 1;
    uint32_t rng = 12345;
    char text[160];
    for (int step = 0; step < STEPS; step++) {
        rng = rng * 1103515245u + 12345u;
        size_t who = (rng >> 16) % PERFORMERS;
        int64_t time = 57000 + (int64_t)((rng >> 8) % 3000);
        snprintf(text, sizeof text, "{\"competitor\": \"%s\", \"run\": 1, \"time_ms\": %lld}",
                 ids[who], (long long)time);
        int64_t before_seq = seq_of[who], before_time = time_of[who];
        apply(res, RUN1, next, text, seq_of[who]);
        seq_of[who] = next++;
        time_of[who] = time;
        if ((rng >> 4) % 4 == 0) {
            /* take it back: what it superseded is current again, in its old place */
            assert_int_equal(pd_results_undo(res, run1, seq_of[who]), PD_OK);
            seq_of[who] = before_seq;
            time_of[who] = before_time;
            next--;
        }
        /* the fresh state: the current performances in seq order */
        pd_results *fresh;
        assert_int_equal(pd_results_new(prog, &fresh), PD_OK);
        int64_t fresh_seq = 1;
        for (int64_t s = 1; s < next; s++)
            for (size_t p = 0; p < PERFORMERS; p++)
                if (seq_of[p] == s) {
                    snprintf(text, sizeof text,
                             "{\"competitor\": \"%s\", \"run\": 1, \"time_ms\": %lld}", ids[p],
                             (long long)time_of[p]);
                    apply(fresh, RUN1, fresh_seq++, text, 0);
                }
        char *got = dump_unit(res, run1), *want = dump_unit(fresh, run1);
        if (strcmp(got, want) != 0)
            fail_msg("step %d: %s\nwanted %s", step, got, want);
        free(got);
        free(want);
        pd_results_free(fresh);
    }
    pd_results_free(res);
}

/* Apply without a check, as replay does (the log could be edited by hand), then undo. */
static void apply_unchecked(pd_results *res, const pd_unit *unit, int64_t seq, const char *text,
                            int64_t supersedes)
{
    json_t *b = body(text);
    assert_int_equal(pd_results_apply(res, unit, seq, b, supersedes), PD_OK);
    json_decref(b);
}

/*
 * Observations replayed from a log without the server's precheck: one naming
 * its own seq, an unknown one or one already superseded as what it supersedes
 * takes nothing, and taking it back gives back only what it took.
 */
static void test_unchecked_supersedes(void **state)
{
    (void)state;
    const pd_unit *run1 = pd_programme_find_unit(prog, RUN1);
    pd_results *res, *fresh;
    assert_int_equal(pd_results_new(prog, &res), PD_OK);
    assert_int_equal(pd_results_new(prog, &fresh), PD_OK);
    const char *a = "{\"competitor\": \"827252\", \"run\": 1, \"time_ms\": 57560}";
    const char *b = "{\"competitor\": \"711462\", \"run\": 1, \"time_ms\": 57980}";
    const char *c = "{\"competitor\": \"711462\", \"run\": 1, \"time_ms\": 58980}";
    apply_unchecked(res, run1, 1, a, 0);
    apply_unchecked(res, run1, 2, b, 2);  /* itself */
    apply_unchecked(res, run1, 3, c, 2);  /* a correction of 2 */
    apply_unchecked(res, run1, 4, b, 2);  /* 2 again: already superseded */
    apply_unchecked(res, run1, 5, c, 99); /* unknown */
    assert_int_equal(pd_results_undo(res, run1, 5), PD_OK);
    assert_int_equal(pd_results_undo(res, run1, 4), PD_OK);
    /* 1 and 3 are current, 2 stays superseded */
    apply(fresh, RUN1, 1, a, 0);
    apply(fresh, RUN1, 2, c, 0);
    char *got = dump_unit(res, run1), *want = dump_unit(fresh, run1);
    assert_string_equal(got, want);
    free(got);
    free(want);
    assert_int_equal(pd_results_undo(res, run1, 3), PD_OK);
    assert_int_equal(pd_results_undo(res, run1, 2), PD_OK);
    pd_results_free(fresh);
    assert_int_equal(pd_results_new(prog, &fresh), PD_OK);
    apply(fresh, RUN1, 1, a, 0);
    got = dump_unit(res, run1);
    want = dump_unit(fresh, run1);
    assert_string_equal(got, want);
    free(got);
    free(want);
    pd_results_free(fresh);
    pd_results_free(res);
}

/* Text and JSON agree byte for byte: every unit and event of the Games, before and after. */
static void check_texts(pd_results *res)
{
    for (size_t i = 0; i < pd_programme_unit_count(prog); i++) {
        const pd_unit *unit = pd_programme_unit(prog, i);
        char *text = NULL, *want = dump_unit(res, unit);
        size_t len = 0;
        assert_int_equal(pd_results_unit_text(res, unit, &text, &len, NULL), PD_OK);
        assert_int_equal(len, strlen(want));
        assert_string_equal(text, want);
        free(text);
        free(want);
    }
    for (size_t i = 0; i < pd_programme_event_count(prog); i++) {
        const pd_event *event = pd_programme_event(prog, i);
        json_t *doc = NULL;
        char *text = NULL;
        size_t len = 0;
        assert_int_equal(pd_results_event_doc(res, event, &doc, NULL), PD_OK);
        char *want = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(doc);
        assert_int_equal(pd_results_event_text(res, event, &text, &len, NULL), PD_OK);
        assert_int_equal(len, strlen(want));
        assert_string_equal(text, want);
        free(text);
        free(want);
    }
}

static void test_text(void **state)
{
    (void)state;
    pd_results *res;
    assert_int_equal(pd_results_new(prog, &res), PD_OK);
    check_texts(res);
    apply(res, RUN1, 1, "{\"competitor\": \"827252\", \"run\": 1, \"time_ms\": 57560}", 0);
    apply(res, RUN2, 2, "{\"competitor\": \"827252\", \"run\": 2, \"time_ms\": 58130}", 0);
    apply(res, RUN1, 3, "{\"status\": \"OFFICIAL\"}", 0);
    check_texts(res);
    pd_results_free(res);
}

/* A unit's, its phase's or its event's text, or the error scoring it gave. */
static char *text_or_error(pd_results *res, const pd_unit *unit, int which)
{
    char *text = NULL;
    size_t len = 0;
    pd_diag diag = {0};
    json_t *doc = NULL;
    pd_err err;
    if (which == 0) {
        err = pd_results_unit_text(res, unit, &text, &len, &diag);
    } else if (which == 1) {
        err = pd_results_phase_doc(res, unit->phase, &doc, &diag);
        if (!err)
            text = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
        json_decref(doc);
    } else {
        err = pd_results_event_text(res, unit->phase->event, &text, &len, &diag);
    }
    if (err) {
        size_t size = sizeof diag.path + sizeof diag.reason + 32;
        text = malloc(size);
        assert_non_null(text);
        snprintf(text, size, "error %d %s: %s", (int)err, diag.path, diag.reason);
    }
    assert_non_null(text);
    return text;
}

static void same_texts(pd_results *fast, pd_results *slow, const pd_unit *unit)
{
    for (int which = 0; which < 3; which++) {
        char *a = text_or_error(fast, unit, which), *e = text_or_error(slow, unit, which);
        assert_string_equal(a, e);
        free(a);
        free(e);
    }
}

/* The same check on both sets gives the same answer, word for word. */
static void same_check(pd_results *fast, pd_results *slow, const pd_unit *unit, const char *text)
{
    json_t *b = body(text);
    pd_diag d1 = {0}, d2 = {0};
    pd_err e1 = pd_results_check(fast, unit, b, 0, true, &d1);
    pd_err e2 = pd_results_check(slow, unit, b, 0, true, &d2);
    json_decref(b);
    assert_int_equal(e1, e2);
    assert_string_equal(d1.path, d2.path);
    assert_string_equal(d1.reason, d2.reason);
}

/*
 * The score documents filled from the programme (the default) give what the
 * podium-score/1 JSON read back as a score file gives: the whole Beijing 2022
 * demo log replayed into both, the unit's, its phase's and its event's
 * documents compared byte for byte after every 16th observation and after
 * every status change (live scopes, cumulative runs, knock-outs and
 * tournaments on the way), then those of every unit at the end. Comparing
 * after every observation takes 23 s under ASan; PODIUM_TEST_STRIDE sets the
 * 16 (check-valgrind sets it higher; the statuses are thinned out as much).
 * Then refusals: a competitor unknown to the programme, one not in the unit's
 * start list, one that is not a string, none.
 */
static void test_assembled_equals_envelope(void **state)
{
    (void)state;
    pd_results *fast, *slow;
    assert_int_equal(pd_results_new(prog, &fast), PD_OK);
    assert_int_equal(pd_results_new(prog, &slow), PD_OK);
    pd_results_through_envelope(slow, true);
    FILE *log = fopen(PODIUM_DATADIR "/demo/beijing2022.log", "r");
    assert_non_null(log);
    const char *env = getenv("PODIUM_TEST_STRIDE");
    long stride = env ? strtol(env, NULL, 10) : 16;
    long status_stride = stride / 16 > 1 ? stride / 16 : 1;
    assert_true(stride >= 1);
    static char line[1 << 16];
    int64_t seq = 1;
    long statuses = 0;
    size_t compared = 0;
    assert_non_null(fgets(line, sizeof line, log)); /* the header */
    while (fgets(line, sizeof line, log)) {
        json_t *obs = body(line);
        const pd_unit *unit =
            pd_programme_find_unit(prog, json_string_value(json_object_get(obs, "unit")));
        assert_non_null(unit);
        json_t *b = json_object_get(obs, "body");
        bool status = json_object_get(b, "status") != NULL;
        assert_int_equal(pd_results_apply(fast, unit, seq, b, 0), PD_OK);
        assert_int_equal(pd_results_apply(slow, unit, seq, b, 0), PD_OK);
        json_decref(obs);
        bool due_status = status && statuses++ % status_stride == 0;
        if (seq % stride == 0 || due_status) {
            same_texts(fast, slow, unit);
            compared++;
        }
        seq++;
    }
    fclose(log);
    assert_int_equal(seq, 7768);
    assert_int_equal(statuses, 638); /* every unit made OFFICIAL */
    assert_true(compared >= (size_t)(7767 / stride) && compared >= (size_t)(638 / status_stride));
    for (size_t i = 0; i < pd_programme_unit_count(prog); i++)
        same_texts(fast, slow, pd_programme_unit(prog, i));
    const pd_unit *run1 = pd_programme_find_unit(prog, RUN1);
    assert_non_null(run1);
    same_check(fast, slow, run1, "{\"competitor\": \"nobody\", \"run\": 1, \"time_ms\": 1}");
    same_check(fast, slow, run1, "{\"competitor\": 7, \"run\": 1, \"time_ms\": 1}");
    same_check(fast, slow, run1, "{\"run\": 1, \"time_ms\": 1}");
    /* refused by the kind, with the path and the index of the performance it names */
    char text[200];
    snprintf(text, sizeof text, "{\"competitor\": \"%s\", \"run\": 3, \"time_ms\": 1}",
             run1->start_list[0].participant->id);
    same_check(fast, slow, run1, text);
    snprintf(text, sizeof text, "{\"competitor\": \"%s\", \"run\": 1, \"time_ms\": 1}",
             run1->start_list[0].participant->id);
    same_check(fast, slow, run1, text);
    pd_diag dup = {0};
    json_t *again = body(text);
    assert_int_equal(pd_results_check(fast, run1, again, 0, true, &dup), PD_ERR_INPUT);
    assert_non_null(strstr(dup.reason, "duplicate run 1"));
    json_decref(again);
    /* in the programme, not in the giant slalom: a curling team */
    const char *team = "{\"competitor\": \"CURXTEAM2-AUS\", \"run\": 1, \"time_ms\": 1}";
    same_check(fast, slow, run1, team);
    json_t *b = body(team);
    pd_diag diag = {0};
    assert_int_equal(pd_results_check(fast, run1, b, 0, true, &diag), PD_ERR_INPUT);
    assert_string_equal(diag.path, "competitor");
    assert_string_equal(diag.reason, "unknown competitor \"CURXTEAM2-AUS\"");
    json_decref(b);
    pd_results_free(fast);
    pd_results_free(slow);
}

/*
 * A scope beyond the score envelope's limits (PD_SCORE_MAX_COMPETITORS) is
 * refused as a score file would be, on both paths: the assembled document
 * hands it to the envelope, which names the field. A running unit lists only
 * who performed, so the limit bites when the unit is to list every starter. The Beijing programme
 * with run 1 of the women's giant slalom given 10,001 starters (82 real, the
 * rest made up here); the programme loader takes up to 200,000 items.
 */
static void test_limits_hold(void **state)
{
    (void)state;
    json_t *root = json_load_file(BEIJING, 0, NULL);
    assert_non_null(root);
    json_t *participants = json_object_get(root, "participants");
    json_t *units = json_object_get(
        json_array_get(json_object_get(json_array_get(json_object_get(root, "events"), 0),
                                       "phases"),
                       0),
        "units");
    json_t *starts = json_object_get(json_array_get(units, 0), "start_list");
    assert_string_equal(json_string_value(json_object_get(json_array_get(units, 0), "rsc")), RUN1);
    for (size_t n = json_array_size(starts); n < PD_SCORE_MAX_COMPETITORS + 1; n++) {
        char id[16], bib[16];
        snprintf(id, sizeof id, "T%zu", n);
        snprintf(bib, sizeof bib, "%zu", n + 1);
        assert_int_equal(json_array_append_new(participants,
                                               json_pack("{s:s, s:s, s:s}", "id", id, "name",
                                                         "TEST Starter", "noc", "SUI")),
                         0);
        assert_int_equal(json_array_append_new(starts, json_pack("{s:s, s:s, s:I}", "participant",
                                                                 id, "bib", bib, "order",
                                                                 (json_int_t)n + 1)),
                         0);
    }
    pd_programme *big;
    pd_diag diag = {0};
    if (pd_programme_load_json(root, &big, &diag) != PD_OK)
        fail_msg("programme: %s: %s", diag.path, diag.reason);
    json_decref(root);
    const pd_unit *run1 = pd_programme_find_unit(big, RUN1);
    assert_int_equal(run1->start_count, PD_SCORE_MAX_COMPETITORS + 1);
    for (int envelope = 0; envelope < 2; envelope++) {
        pd_results *res;
        assert_int_equal(pd_results_new(big, &res), PD_OK);
        pd_results_through_envelope(res, envelope);
        /* while the unit runs, its document lists who performed: one here */
        char text[200];
        snprintf(text, sizeof text, "{\"competitor\": \"%s\", \"run\": 1, \"time_ms\": 57560}",
                 run1->start_list[0].participant->id);
        json_t *b = body(text);
        diag = (pd_diag){0};
        assert_int_equal(pd_results_check(res, run1, b, 0, false, &diag), PD_OK);
        assert_int_equal(pd_results_apply(res, run1, 1, b, 0), PD_OK);
        json_decref(b);
        json_t *doc = NULL;
        assert_int_equal(pd_results_unit_doc(res, run1, &doc, &diag), PD_OK);
        assert_int_equal(json_array_size(json_object_get(doc, "results")), 1);
        json_decref(doc);
        /* made UNOFFICIAL, it lists every starter: the scoring (the server's check of a
         * batch, docs/server.md) is refused, naming the field */
        b = body("{\"status\": \"UNOFFICIAL\"}");
        assert_int_equal(pd_results_apply(res, run1, 2, b, 0), PD_OK);
        json_decref(b);
        doc = NULL;
        diag = (pd_diag){0};
        assert_int_equal(pd_results_unit_doc(res, run1, &doc, &diag), PD_ERR_INPUT);
        assert_null(doc);
        assert_string_equal(diag.path, "competitors");
        assert_non_null(strstr(diag.reason, "10000"));
        pd_results_free(res);
    }
    pd_programme_free(big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_runs),
        cmocka_unit_test(test_undo),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_heats_live),
        cmocka_unit_test(test_corrections),
        cmocka_unit_test(test_unchecked_supersedes),
        cmocka_unit_test(test_assembled_equals_envelope),
        cmocka_unit_test(test_limits_hold),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
