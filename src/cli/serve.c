/*
 * serve.c: `podium serve` and `podium token add`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "podium/server.h"
#include "podium/tokens.h"

#define PUSH_MAX 16

static const char serve_usage[] =
    "usage: podium serve [--db FILE] [--listen ADDR:PORT] [--programme FILE]\n"
    "                    [--threads N] [--heartbeat SECONDS] [--web DIR]\n"
    "                    [--push URL --push-key KEY]... [--push-retry SECONDS]\n"
    "                    [--push-timeout SECONDS] [--max-connections N]\n"
    "                    [--odf-interval MS]\n"
    "\n"
    "Serve the live results API (docs/api.md) and the site. Start-up replays the\n"
    "observation log in FILE (created when absent) so every result is rebuilt.\n"
    "\n"
    "  --db FILE            the SQLite observation log (default podium.db)\n"
    "  --listen ADDR:PORT   where to listen (default 127.0.0.1:8080; port 0: any free port)\n"
    "  --programme FILE     the programme (default: the Beijing 2022 programme)\n"
    "  --threads N          HTTP worker threads (default: one per core)\n"
    "  --heartbeat SECONDS  interval of the live stream's comment line (default 15)\n"
    "  --web DIR            the site's files (default: web/ of the source tree)\n"
    "  --push URL           POST every ODF message to URL (http://), in order, until it\n"
    "                       answers 200; repeatable, one --push-key per --push\n"
    "  --push-key KEY       sent as X-API-KEY to the --push before it\n"
    "  --push-retry SECONDS while a receiver is down, retry every SECONDS (default 5)\n"
    "  --push-timeout SECONDS  a receiver silent this long is down (default 10)\n"
    "  --max-connections N  open connections at most; beyond, 503 and close (default 10000)\n"
    "  --odf-interval MS    store ODF messages at most once per MS milliseconds; a document\n"
    "                       changed several times meanwhile gets one new version (default 100)\n";

/*
 * Take the repeatable --push URL / --push-key KEY pairs out of argv (the
 * shared option parser keeps one value per option). Returns the new argc.
 */
static int take_push_options(int argc, char **argv, const char **urls, const char **keys,
                             int *count, int *status)
{
    int out = 0;
    *count = 0;
    *status = CLI_OK;
    for (int i = 0; i < argc; i++) {
        bool is_url = strcmp(argv[i], "--push") == 0;
        bool is_key = strcmp(argv[i], "--push-key") == 0;
        if (!is_url && !is_key) {
            argv[out++] = argv[i];
            continue;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "podium serve: %s needs a value\n", argv[i]);
            *status = CLI_USAGE;
            return out;
        }
        if (is_url) {
            if (*count >= PUSH_MAX) {
                fprintf(stderr, "podium serve: at most %d --push receivers\n", PUSH_MAX);
                *status = CLI_USAGE;
                return out;
            }
            urls[*count] = argv[++i];
            keys[*count] = "";
            (*count)++;
        } else {
            if (*count == 0) {
                fprintf(stderr, "podium serve: --push-key comes after its --push URL\n");
                *status = CLI_USAGE;
                return out;
            }
            keys[*count - 1] = argv[++i];
        }
    }
    return out;
}

static int parse_count(const char *command, const char *option, const char *text, int min, int max,
                       int *out)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (*text == '\0' || *end || v < min || v > max) {
        fprintf(stderr, "podium %s: --%s: expected a number from %d to %d, got '%s'\n", command,
                option, min, max, text);
        return CLI_USAGE;
    }
    *out = (int)v;
    return CLI_OK;
}

int cli_serve(int argc, char **argv)
{
    pd_server_config cfg;
    const char *threads = NULL, *heartbeat = NULL, *programme = NULL, *retry = NULL;
    const char *push_timeout = NULL, *max_conns = NULL, *odf_interval = NULL;
    const char *push_urls[PUSH_MAX], *push_keys[PUSH_MAX];
    bool help = false;
    int npos, status;
    pd_server_config_init(&cfg, cli_default_programme());
    argc = take_push_options(argc, argv, push_urls, push_keys, &cfg.push_count, &status);
    if (status)
        return status;
    cfg.push_urls = push_urls;
    cfg.push_keys = push_keys;
    cfg.web_root = PODIUM_WEBDIR;
    const cli_option options[] = {{"db", &cfg.db_path, NULL},
                                  {"listen", &cfg.listen, NULL},
                                  {"programme", &programme, NULL},
                                  {"threads", &threads, NULL},
                                  {"heartbeat", &heartbeat, NULL},
                                  {"web", &cfg.web_root, NULL},
                                  {"push-retry", &retry, NULL},
                                  {"push-timeout", &push_timeout, NULL},
                                  {"max-connections", &max_conns, NULL},
                                  {"odf-interval", &odf_interval, NULL},
                                  {NULL, NULL, NULL}};
    status = cli_parse("serve", argc, argv, options, NULL, 0, &npos, &help);
    if (status)
        return status;
    if (help) {
        fputs(serve_usage, stdout);
        return CLI_OK;
    }
    if (programme)
        cfg.programme_path = programme;
    if (threads && (status = parse_count("serve", "threads", threads, 1, 64, &cfg.threads)))
        return status;
    if (heartbeat &&
        (status = parse_count("serve", "heartbeat", heartbeat, 1, 3600, &cfg.heartbeat_s)))
        return status;
    if (retry && (status = parse_count("serve", "push-retry", retry, 1, 3600, &cfg.push_retry_s)))
        return status;
    if (push_timeout &&
        (status = parse_count("serve", "push-timeout", push_timeout, 1, 3600, &cfg.push_timeout_s)))
        return status;
    if (max_conns && (status = parse_count("serve", "max-connections", max_conns, 1, 1000000,
                                           &cfg.max_connections)))
        return status;
    if (odf_interval && (status = parse_count("serve", "odf-interval", odf_interval, 0, 60000,
                                              &cfg.odf_interval_ms)))
        return status;
    pd_diag diag = {0};
    pd_err err = pd_server_run(&cfg, &diag);
    if (err)
        return cli_report("serve", err, &diag);
    return CLI_OK;
}

static const char token_usage[] =
    "usage: podium token add --role ROLE [--discipline CODES] [--venue CODES]\n"
    "                        [--label TEXT] [--db FILE]\n"
    "\n"
    "Create an API token and print it alone on the last line. Only its hash is\n"
    "stored; it cannot be shown again.\n"
    "\n"
    "  --role ROLE          admin, results, accreditation, health or scanner\n"
    "  --discipline CODES   for results: the disciplines it may write, ALP or ALP,BTH\n"
    "  --venue CODES        for scanner: the venues where it may check cards, NIS or NIS,CIS\n"
    "  --label TEXT         who holds it (recorded as the author of its writes)\n"
    "  --db FILE            the database (default podium.db)\n";

int cli_token(int argc, char **argv)
{
    const char *role = NULL, *discipline = "", *venue = "", *label = "", *db = "podium.db";
    bool help = false;
    const char *action = NULL;
    int npos;
    const cli_option options[] = {{"role", &role, NULL},   {"discipline", &discipline, NULL},
                                  {"venue", &venue, NULL}, {"label", &label, NULL},
                                  {"db", &db, NULL},       {NULL, NULL, NULL}};
    int status = cli_parse("token", argc, argv, options, &action, 1, &npos, &help);
    if (status)
        return status;
    if (help) {
        fputs(token_usage, stdout);
        return CLI_OK;
    }
    if (npos != 1 || strcmp(action, "add") != 0) {
        fprintf(stderr, "podium token: expected 'add' (see podium token --help)\n");
        return CLI_USAGE;
    }
    if (!role) {
        fprintf(stderr, "podium token: --role is required (admin, results, accreditation, "
                        "health, scanner)\n");
        return CLI_USAGE;
    }
    if (discipline[0] && venue[0]) {
        fprintf(stderr, "podium token: --discipline and --venue do not go together\n");
        return CLI_USAGE;
    }
    const char *scope = venue[0] ? venue : discipline;
    pd_log *log = NULL;
    pd_diag diag = {0};
    char token[PD_TOKEN_LEN + 1];
    pd_err err = pd_log_open(db, &log, &diag);
    if (!err)
        err = pd_token_add(log, role, scope, label, token, &diag);
    pd_log_free(log);
    if (err)
        return cli_report("token", err, &diag);
    printf("%s token%s%s created; keep it safe, it is shown only once:\n%s\n", role,
           scope[0] ? " for " : "", scope, token);
    return CLI_OK;
}
