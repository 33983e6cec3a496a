/*
 * export.c: `podium export`: results of one event or the whole Games as
 * ODF XML, JSON or CSV, from a log.
 *
 * The log is replayed into a fresh Games state exactly as the server and
 * `podium replay` do, so an export shows what the server serves. ODF
 * messages carry the Version the server's feed gave that content (read from
 * the log's ODF store): the stored version when the content is the same, the
 * next one when it changed since (a server that never ran: Version 1).
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "podium/buf.h"
#include "podium/json.h"
#include "podium/log.h"
#include "podium/odf.h"
#include "podium/odf_store.h"
#include "podium/results.h"

static const char export_usage[] =
    "usage: podium export --format odf|json|csv [--event RSC] [--db FILE] [--out DIR]\n"
    "                     [--programme FILE]\n"
    "\n"
    "Export results rebuilt from the observation log: one event (--event, its\n"
    "34-character RSC) or the whole Games.\n"
    "\n"
    "  --format odf    ODF XML messages (docs/odf.md), one file per document in --out DIR\n"
    "  --format json   the podium-result/1 document of the event; for the Games\n"
    "                  {\"events\": [...], \"medals\": ...}; on stdout\n"
    "  --format csv    one row per competitor and event: event,rank,competitor,name,\n"
    "                  noc,result,irm; on stdout\n"
    "  --event RSC     the event (default: every event)\n"
    "  --db FILE       the log (default podium.db)\n"
    "  --out DIR       where ODF files go (created if absent)\n"
    "  --programme FILE  the programme (default: the Beijing 2022 programme)\n";

typedef struct {
    const pd_programme *prog;
    pd_results *res;
    pd_diag *diag;
} replay_ctx;

static pd_err apply_one(const pd_observation *obs, void *arg)
{
    replay_ctx *ctx = arg;
    bool applied; /* a Games service's observation is not a result: skipped */
    return pd_results_apply_stored(ctx->res, obs->rsc, obs->body, obs->body_len, obs->seq,
                                   obs->supersedes, &applied, ctx->diag);
}

/* --- ODF ------------------------------------------------------------------------------------- */

typedef struct {
    const pd_programme *prog;
    pd_log *log;
    const char *dir;
    json_t *versions; /* "TYPE CODE" -> [version, fingerprint] from the store */
    size_t written;
    pd_diag *diag;
} odf_ctx;

static pd_err remember(const pd_odf_message *msg, void *arg)
{
    odf_ctx *ctx = arg;
    char key[128];
    snprintf(key, sizeof key, "%s %s", msg->type, msg->code);
    json_t *entry = json_pack("[I, s]", (json_int_t)msg->version, msg->fingerprint);
    return entry && json_object_set_new(ctx->versions, key, entry) == 0 ? PD_OK : PD_ERR_NOMEM;
}

static pd_err write_odf(void *arg, pd_odf_type type, const char *code, json_t *doc)
{
    odf_ctx *ctx = arg;
    char fingerprint[65], key[128], path[4096];
    pd_buf buf;
    pd_buf_init(&buf, 64u * 1024u * 1024u);
    pd_err err = pd_odf_fingerprint(ctx->prog, type, code, doc, fingerprint, ctx->diag);
    if (err)
        goto done;
    snprintf(key, sizeof key, "%s %s", pd_odf_type_name(type), code);
    json_t *known = json_object_get(ctx->versions, key);
    int64_t version = 1;
    if (known) {
        version = (int64_t)json_integer_value(json_array_get(known, 0));
        if (strcmp(json_string_value(json_array_get(known, 1)), fingerprint) != 0)
            version++;
    }
    const pd_unit *unit = pd_programme_find_unit(ctx->prog, code);
    pd_odf_header hdr = {type,     code, version, pd_programme_games_code(ctx->prog),
                         "PODIUM", 'P',  0,       unit ? unit->day : NULL};
    hdr.produced_ms = (int64_t)time(NULL) * 1000;
    err = pd_odf_render(ctx->prog, &hdr, doc, &buf, ctx->diag);
    if (err)
        goto done;
    snprintf(path, sizeof path, "%s/%s__%s.xml", ctx->dir, pd_odf_type_name(type), code);
    FILE *f = fopen(path, "w");
    if (!f || fwrite(buf.data, 1, buf.len, f) != buf.len) {
        err = pd_diag_set(ctx->diag, PD_ERR_IO, NULL, "cannot write %s", path);
        if (f)
            fclose(f);
        goto done;
    }
    if (fclose(f) != 0) {
        err = pd_diag_set(ctx->diag, PD_ERR_IO, NULL, "cannot write %s", path);
        goto done;
    }
    ctx->written++;
done:
    pd_buf_cleanup(&buf);
    json_decref(doc);
    return err;
}

static pd_err export_odf(pd_log *log, const pd_programme *prog, pd_results *res,
                         const pd_event *event, const char *dir, pd_diag *diag)
{
    odf_ctx ctx = {prog, log, dir, json_object(), 0, diag};
    if (!ctx.versions)
        return PD_ERR_NOMEM;
    if (mkdir(dir, 0777) != 0 && access(dir, W_OK) != 0) {
        json_decref(ctx.versions);
        return pd_diag_set(diag, PD_ERR_IO, "out", "cannot create %s", dir);
    }
    pd_err err = pd_odf_store_latest_all(log, remember, &ctx, diag);
    if (!err)
        err = event ? pd_odf_feed_event(res, event, write_odf, &ctx, diag)
                    : pd_odf_feed_all(res, prog, write_odf, &ctx, diag);
    if (!err)
        fprintf(stderr, "podium export: %zu ODF messages in %s\n", ctx.written, dir);
    json_decref(ctx.versions);
    return err;
}

/* --- JSON and CSV ---------------------------------------------------------------------------- */

static void csv_field(const char *text, bool last)
{
    bool quote = strpbrk(text, ",\"\r\n") != NULL;
    if (quote) {
        putchar('"');
        for (const char *p = text; *p; p++) {
            if (*p == '"')
                putchar('"');
            putchar(*p);
        }
        putchar('"');
    } else {
        fputs(text, stdout);
    }
    putchar(last ? '\n' : ',');
}

static void csv_rows(const pd_programme *prog, const pd_event *event, const json_t *doc)
{
    json_t *rows = json_object_get(doc, "results");
    for (size_t i = 0; i < json_array_size(rows); i++) {
        json_t *row = json_array_get(rows, i);
        const char *id = json_string_value(json_object_get(row, "competitor"));
        const pd_participant *part = id ? pd_programme_find_participant(prog, id) : NULL;
        char rank[24] = "";
        json_t *r = json_object_get(row, "rank");
        if (json_is_integer(r))
            snprintf(rank, sizeof rank, "%lld", (long long)json_integer_value(r));
        const char *result = json_string_value(json_object_get(row, "result"));
        const char *irm = json_string_value(json_object_get(row, "irm"));
        csv_field(event->rsc.code, false);
        csv_field(rank, false);
        csv_field(id ? id : "", false);
        csv_field(part ? part->name : "", false);
        csv_field(part ? part->noc->code : "", false);
        csv_field(result ? result : "", false);
        csv_field(irm ? irm : "", true);
    }
}

static pd_err export_table(const pd_programme *prog, pd_results *res, const pd_event *event,
                           bool csv, pd_diag *diag)
{
    json_t *events = json_array();
    pd_err err = events ? PD_OK : PD_ERR_NOMEM;
    if (csv)
        printf("event,rank,competitor,name,noc,result,irm\n");
    for (size_t i = 0; !err && i < pd_programme_event_count(prog); i++) {
        const pd_event *ev = pd_programme_event(prog, i);
        json_t *doc = NULL;
        if (event && ev != event)
            continue;
        err = pd_results_event_doc(res, ev, &doc, diag);
        if (err)
            break;
        if (csv)
            csv_rows(prog, ev, doc);
        if (json_array_append_new(events, doc) != 0)
            err = PD_ERR_NOMEM;
    }
    if (!err && !csv) {
        json_t *out = NULL, *medals = NULL;
        if (event) {
            out = json_incref(json_array_get(events, 0));
        } else {
            err = pd_results_medals_doc(res, &medals, diag);
            if (!err)
                out = json_pack("{s:O, s:o}", "events", events, "medals", medals);
        }
        char *text = out ? json_dumps(out, JSON_INDENT(1) | JSON_PRESERVE_ORDER) : NULL;
        if (!err && !text)
            err = PD_ERR_NOMEM;
        if (text)
            printf("%s\n", text);
        free(text);
        json_decref(out);
    }
    json_decref(events);
    return err;
}

int cli_export(int argc, char **argv)
{
    /* `podium export accreditation ...`: the people of the accreditation service */
    if (argc > 1 && strcmp(argv[1], "accreditation") == 0)
        return cli_export_accreditation(argc, argv);
    const char *format = NULL, *event_code = NULL, *db = "podium.db", *out = NULL, *file = NULL;
    bool help = false;
    int npos;
    const cli_option options[] = {{"format", &format, NULL},  {"event", &event_code, NULL},
                                  {"db", &db, NULL},          {"out", &out, NULL},
                                  {"programme", &file, NULL}, {NULL, NULL, NULL}};
    int status = cli_parse("export", argc, argv, options, NULL, 0, &npos, &help);
    if (status)
        return status;
    if (help) {
        fputs(export_usage, stdout);
        return CLI_OK;
    }
    if (!format ||
        (strcmp(format, "odf") != 0 && strcmp(format, "json") != 0 && strcmp(format, "csv") != 0)) {
        fprintf(stderr, "podium export: --format odf, json or csv is required\n");
        return CLI_USAGE;
    }
    if (strcmp(format, "odf") == 0 && !out) {
        fprintf(stderr, "podium export: --format odf writes files: give --out DIR\n");
        return CLI_USAGE;
    }
    if (access(db, R_OK) != 0) {
        fprintf(stderr, "podium export: cannot read %s\n", db);
        return CLI_USAGE;
    }
    if (sodium_init() < 0)
        return CLI_FAILURE;
    pd_programme *prog;
    status = cli_load_programme("export", file, &prog);
    if (status)
        return status;
    const pd_event *event = event_code ? pd_programme_find_event(prog, event_code) : NULL;
    if (event_code && !event) {
        fprintf(stderr, "podium export: --event: no event %s in the programme\n", event_code);
        pd_programme_free(prog);
        return CLI_USAGE;
    }
    pd_log *log = NULL;
    pd_results *res = NULL;
    pd_diag diag = {0};
    pd_err err = pd_log_open(db, &log, &diag);
    if (!err)
        err = pd_results_new(prog, &res);
    replay_ctx ctx = {prog, res, &diag};
    if (!err)
        err = pd_log_scan(log, 0, NULL, PD_LOG_ALL, apply_one, &ctx, &diag);
    if (!err && strcmp(format, "odf") == 0)
        err = export_odf(log, prog, res, event, out, &diag);
    else if (!err)
        err = export_table(prog, res, event, strcmp(format, "csv") == 0, &diag);
    pd_results_free(res);
    pd_log_free(log);
    pd_programme_free(prog);
    return err ? cli_report("export", err, &diag) : CLI_OK;
}
