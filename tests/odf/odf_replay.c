/*
 * odf_replay.c: every ODF message type from a replay of committed Beijing 2022 data.
 *
 * usage: odf_replay PROGRAMME TESTDATA OUTDIR
 *
 * Applies the performances of every event in TESTDATA/beijing2022/timed
 * (index.json: the 43 events the programme scores) to a fresh Games state as
 * observations (run k of a cumulative event to unit k of its phase), marks
 * every unit OFFICIAL, then renders every document of the Games
 * (pd_odf_feed_all) into OUTDIR/TYPE__CODE.xml. The timed data holds no
 * round-robin or heats event, so DT_POOL_STANDING and DT_BRACKETS come from
 * `podium score`'s path on the committed curling round robin and short-track
 * 500 m files (the demo test checks the server's pool standings). Prints the count per type and fails when a type
 * has none or more than 5% of the observations are refused; tests/odf/test_odf_schema.sh then
 * validates every file against tests/odf/podium-odf.xsd.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/buf.h"
#include "podium/json.h"
#include "podium/kinds.h"
#include "podium/odf.h"
#include "podium/scoredoc.h"

typedef struct {
    const pd_programme *prog;
    const char *outdir;
    size_t counts[PD_ODF_TYPE_COUNT];
    int failed;
} ctx;

static int write_message(ctx *c, pd_odf_type type, const char *code, const json_t *doc)
{
    pd_odf_header hdr = {type,
                         code,
                         1,
                         pd_programme_games_code(c->prog),
                         "PODIUM-TEST",
                         'T',
                         1644220800000LL /* 2022-02-07T08:00Z */,
                         NULL};
    pd_buf buf;
    pd_diag diag = {0};
    char path[512];
    pd_buf_init(&buf, 64u * 1024u * 1024u);
    pd_err err = pd_odf_render(c->prog, &hdr, doc, &buf, &diag);
    if (err) {
        fprintf(stderr, "%s %s: %s\n", pd_odf_type_name(type), code, diag.reason);
        c->failed = 1;
    } else {
        snprintf(path, sizeof path, "%s/%s__%s.xml", c->outdir, pd_odf_type_name(type), code);
        FILE *f = fopen(path, "w");
        if (!f || fwrite(buf.data, 1, buf.len, f) != buf.len) {
            fprintf(stderr, "cannot write %s\n", path);
            c->failed = 1;
        }
        if (f)
            fclose(f);
        c->counts[type]++;
    }
    pd_buf_cleanup(&buf);
    return err ? 1 : 0;
}

static pd_err emit(void *arg, pd_odf_type type, const char *code, json_t *doc)
{
    write_message(arg, type, code, doc);
    json_decref(doc);
    return PD_OK;
}

static const pd_event *find_event(const pd_programme *prog, const char *name)
{
    /* the programme's codes drop the dot of "BTHW7.5KMSP" */
    char code[PD_RSC_LEN + 1];
    size_t n = 0;
    for (const char *p = name; *p && n < PD_RSC_LEN; p++)
        if (*p != '.')
            code[n++] = *p;
    code[n] = '\0';
    for (size_t i = strlen(code); i < PD_RSC_LEN; i++)
        code[i] = '-';
    code[PD_RSC_LEN] = '\0';
    return pd_programme_find_event(prog, code);
}

/*
 * Team events' score files name crews by a member's id; the programme by a
 * team id. Rewrite the competitor to the start-list entry of the same name.
 */
static void map_competitor(const json_t *root, const pd_unit *unit, json_t *perf)
{
    const char *id = json_string_value(json_object_get(perf, "competitor"));
    json_t *competitors = json_object_get(root, "competitors");
    for (size_t s = 0; id && s < unit->start_count; s++)
        if (strcmp(unit->start_list[s].participant->id, id) == 0)
            return;
    for (size_t i = 0; id && i < json_array_size(competitors); i++) {
        json_t *c = json_array_get(competitors, i);
        const char *name = json_string_value(json_object_get(c, "name"));
        if (!name || strcmp(json_string_value(json_object_get(c, "id")), id) != 0)
            continue;
        for (size_t s = 0; s < unit->start_count; s++)
            if (strcmp(unit->start_list[s].participant->name, name) == 0) {
                json_object_set_new(perf, "competitor",
                                    json_string(unit->start_list[s].participant->id));
                return;
            }
    }
}

/* Apply one event's performances and make its units official; returns refusals. */
static int replay_event(pd_results *res, const pd_event *event, const char *file, int64_t *seq)
{
    json_t *root;
    pd_diag diag = {0};
    int refused = 0;
    if (pd_json_parse_file(file, &root, &diag)) {
        fprintf(stderr, "%s: %s\n", file, diag.reason);
        return 1;
    }
    const pd_phase *phase = &event->phases[event->phase_count - 1];
    json_t *perfs = json_object_get(root, "performances");
    for (size_t i = 0; i < json_array_size(perfs); i++) {
        json_t *perf = json_array_get(perfs, i);
        json_int_t run = json_integer_value(json_object_get(perf, "run"));
        size_t u = event->phases[0].scoring.cumulative && run > 0 ? (size_t)run - 1 : 0;
        if (u >= phase->unit_count)
            u = phase->unit_count - 1;
        const pd_unit *unit = &phase->units[u];
        map_competitor(root, unit, perf);
        pd_diag_clear(&diag);
        if (pd_results_check(res, unit, perf, 0, true, &diag) != PD_OK) {
            refused++;
            continue;
        }
        pd_results_apply(res, unit, ++*seq, perf, 0);
    }
    json_t *official = json_pack("{s:s}", "status", "OFFICIAL");
    for (size_t p = 0; p < event->phase_count; p++)
        for (size_t u = 0; u < event->phases[p].unit_count; u++)
            pd_results_apply(res, &event->phases[p].units[u], ++*seq, official, 0);
    json_decref(official);
    json_decref(root);
    return refused;
}

/* Score a podium-score/1 file with its kind, name it rsc, and render it as type. */
static void score_file(ctx *c, const char *file, const char *rsc, pd_odf_type type)
{
    json_t *root = NULL, *result = NULL;
    pd_scoredoc doc;
    pd_diag diag = {0};
    if (pd_json_parse_file(file, &root, &diag) || pd_scoredoc_parse(root, &doc, &diag)) {
        fprintf(stderr, "%s: %s\n", file, diag.reason);
        c->failed = 1;
        json_decref(root);
        return;
    }
    const pd_kind *kind = pd_kind_find(doc.kind);
    if (!kind || kind->score(&doc, &result, &diag)) {
        fprintf(stderr, "%s: %s\n", file, kind ? diag.reason : "unknown kind");
        c->failed = 1;
    } else {
        json_object_set_new(result, "rsc", json_string(rsc));
        json_object_set_new(result, "status", json_string("OFFICIAL"));
        write_message(c, type, rsc, result);
    }
    json_decref(result);
    pd_scoredoc_cleanup(&doc);
    json_decref(root);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: odf_replay PROGRAMME TESTDATA OUTDIR\n");
        return 2;
    }
    pd_programme *prog = NULL;
    pd_results *res = NULL;
    json_t *index = NULL;
    pd_diag diag = {0};
    char path[1024];
    int refused = 0, events = 0;
    int64_t seq = 0;
    if (pd_programme_load_file(argv[1], &prog, &diag) || pd_results_new(prog, &res)) {
        fprintf(stderr, "programme: %s\n", diag.reason);
        return 1;
    }
    ctx c = {prog, argv[3], {0}, 0};
    snprintf(path, sizeof path, "%s/beijing2022/timed/index.json", argv[2]);
    if (pd_json_parse_file(path, &index, &diag)) {
        fprintf(stderr, "%s: %s\n", path, diag.reason);
        return 1;
    }
    json_t *list = json_object_get(index, "events");
    for (size_t i = 0; i < json_array_size(list); i++) {
        json_t *e = json_array_get(list, i);
        const char *name = json_string_value(json_object_get(e, "event"));
        const pd_event *event = name ? find_event(prog, name) : NULL;
        if (!event) {
            fprintf(stderr, "event %s is not in the programme\n", name ? name : "?");
            refused++;
            continue;
        }
        snprintf(path, sizeof path, "%s/beijing2022/timed/%s", argv[2],
                 json_string_value(json_object_get(e, "file")));
        refused += replay_event(res, event, path, &seq);
        events++;
    }
    printf("replayed %d events, %lld observations, %d refused\n", events, (long long)seq, refused);
    if (pd_odf_feed_all(res, prog, emit, &c, &diag)) {
        fprintf(stderr, "feed: %s\n", diag.reason);
        c.failed = 1;
    }
    snprintf(path, sizeof path, "%s/cur/owg2022-men-round-robin.json", argv[2]);
    score_file(&c, path, "CURMTEAM4-------------PREL--------", PD_ODF_POOL_STANDING);
    snprintf(path, sizeof path, "%s/beijing2022/heats/STKM500M.json", argv[2]);
    score_file(&c, path, "STKM500M--------------------------", PD_ODF_BRACKETS);
    for (int t = 0; t < PD_ODF_TYPE_COUNT; t++) {
        printf("%-22s %zu\n", pd_odf_type_name((pd_odf_type)t), c.counts[t]);
        if (c.counts[t] == 0) {
            fprintf(stderr, "no %s produced\n", pd_odf_type_name((pd_odf_type)t));
            c.failed = 1;
        }
    }
    json_decref(index);
    pd_results_free(res);
    pd_programme_free(prog);
    /* crews named alike in the bobsleigh files do not all map to the programme's teams;
     * this test is about the messages, so a few refusals are tolerated, not many */
    return c.failed || refused * 20 > seq ? 1 : 0;
}
