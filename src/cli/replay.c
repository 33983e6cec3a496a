/*
 * replay.c: `podium replay LOG`: rebuild every result offline.
 *
 * Applies the log in seq order to a fresh Games state, exactly as the server
 * does at start-up, renders every unit's and event's document and the medal
 * table with the same serialisation the server sends, and prints the SHA-256
 * of each, then one digest over all of them: two replays of one log, or a
 * replay and a running server, agree byte for byte.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "podium/json.h"
#include "podium/log.h"
#include "podium/results.h"

static const char replay_usage[] =
    "usage: podium replay LOG [--programme FILE] [--quiet]\n"
    "\n"
    "Replay the observation log LOG (a podium database) and print the SHA-256 of\n"
    "every result document (units, events, the medal table) as the server would\n"
    "serve it, then a digest of them all. Identical run after run.\n"
    "\n"
    "  --programme FILE   the programme (default: the Beijing 2022 programme)\n"
    "  --quiet            print only the final digest\n";

typedef struct {
    const pd_programme *prog;
    pd_results *res;
    pd_diag *diag;
    size_t count;
} replay_ctx;

static pd_err apply_one(const pd_observation *obs, void *arg)
{
    replay_ctx *ctx = arg;
    bool applied; /* a Games service's observation is not a result: not counted */
    pd_err err = pd_results_apply_stored(ctx->res, obs->rsc, obs->body, obs->body_len, obs->seq,
                                         obs->supersedes, &applied, ctx->diag);
    ctx->count += applied;
    return err;
}

/* Hash a document as the server serialises it; fold it into the total. */
static void emit(crypto_hash_sha256_state *total, const char *name, json_t *doc, bool quiet)
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    char *text = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER);
    const char *bytes = text ? text : "";
    crypto_hash_sha256(digest, (const unsigned char *)bytes, strlen(bytes));
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    crypto_hash_sha256_update(total, (const unsigned char *)hex, strlen(hex));
    crypto_hash_sha256_update(total, (const unsigned char *)name, strlen(name));
    if (!quiet)
        printf("%s  %s\n", hex, name);
    free(text);
}

int cli_replay(int argc, char **argv)
{
    const char *file = NULL, *log_path = NULL;
    bool quiet = false, help = false;
    int npos;
    const cli_option options[] = {
        {"programme", &file, NULL}, {"quiet", NULL, &quiet}, {NULL, NULL, NULL}};
    int status = cli_parse("replay", argc, argv, options, &log_path, 1, &npos, &help);
    if (status)
        return status;
    if (help) {
        fputs(replay_usage, stdout);
        return CLI_OK;
    }
    if (npos != 1) {
        fprintf(stderr, "podium replay: missing LOG (see podium replay --help)\n");
        return CLI_USAGE;
    }
    if (access(log_path, R_OK) != 0) {
        fprintf(stderr, "podium replay: cannot read %s\n", log_path);
        return CLI_USAGE;
    }
    if (sodium_init() < 0)
        return CLI_FAILURE;
    pd_programme *prog;
    status = cli_load_programme("replay", file, &prog);
    if (status)
        return status;
    pd_log *log = NULL;
    pd_results *res = NULL;
    pd_diag diag = {0};
    pd_err err = pd_log_open(log_path, &log, &diag);
    if (!err)
        err = pd_results_new(prog, &res);
    replay_ctx ctx = {prog, res, &diag, 0};
    if (!err)
        err = pd_log_scan(log, 0, NULL, PD_LOG_ALL, apply_one, &ctx, &diag);
    crypto_hash_sha256_state total;
    crypto_hash_sha256_init(&total);
    for (size_t i = 0; !err && i < pd_programme_unit_count(prog); i++) {
        const pd_unit *unit = pd_programme_unit(prog, i);
        json_t *doc;
        err = pd_results_unit_doc(res, unit, &doc, &diag);
        if (!err) {
            emit(&total, unit->rsc.code, doc, quiet);
            json_decref(doc);
        }
    }
    for (size_t i = 0; !err && i < pd_programme_event_count(prog); i++) {
        const pd_event *event = pd_programme_event(prog, i);
        json_t *doc;
        err = pd_results_event_doc(res, event, &doc, &diag);
        if (!err) {
            emit(&total, event->rsc.code, doc, quiet);
            json_decref(doc);
        }
    }
    if (!err) {
        json_t *doc;
        err = pd_results_medals_doc(res, &doc, &diag);
        if (!err) {
            emit(&total, "medals", doc, quiet);
            json_decref(doc);
        }
    }
    if (!err) {
        unsigned char digest[crypto_hash_sha256_BYTES];
        char hex[2 * crypto_hash_sha256_BYTES + 1];
        crypto_hash_sha256_final(&total, digest);
        sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
        printf("digest %s (%zu observations)\n", hex, ctx.count);
    }
    pd_results_free(res);
    pd_log_free(log);
    pd_programme_free(prog);
    return err ? cli_report("replay", err, &diag) : CLI_OK;
}
