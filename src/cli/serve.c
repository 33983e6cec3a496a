/*
 * serve.c: `podium serve` and `podium token add`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "podium/server.h"
#include "podium/tokens.h"

static const char serve_usage[] =
    "usage: podium serve [--db FILE] [--listen ADDR:PORT] [--programme FILE]\n"
    "                    [--threads N] [--heartbeat SECONDS] [--web DIR]\n"
    "\n"
    "Serve the live results API (docs/api.md) and the site. Start-up replays the\n"
    "observation log in FILE (created when absent) so every result is rebuilt.\n"
    "\n"
    "  --db FILE            the SQLite observation log (default podium.db)\n"
    "  --listen ADDR:PORT   where to listen (default 127.0.0.1:8080; port 0: any free port)\n"
    "  --programme FILE     the programme (default: the Beijing 2022 programme)\n"
    "  --threads N          HTTP worker threads (default: one per core)\n"
    "  --heartbeat SECONDS  interval of the live stream's comment line (default 15)\n"
    "  --web DIR            the site's files (default: web/ of the source tree)\n";

static int parse_count(const char *command, const char *option, const char *text, int min,
                       int max, int *out)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (*text == '\0' || *end || v < min || v > max) {
        fprintf(stderr, "podium %s: --%s: expected a number from %d to %d, got '%s'\n",
                command, option, min, max, text);
        return CLI_USAGE;
    }
    *out = (int)v;
    return CLI_OK;
}

int cli_serve(int argc, char **argv)
{
    pd_server_config cfg;
    const char *threads = NULL, *heartbeat = NULL, *programme = NULL;
    bool help = false;
    int npos;
    pd_server_config_init(&cfg, cli_default_programme());
    cfg.web_root = PODIUM_WEBDIR;
    const cli_option options[] = {{"db", &cfg.db_path, NULL},
                                  {"listen", &cfg.listen, NULL},
                                  {"programme", &programme, NULL},
                                  {"threads", &threads, NULL},
                                  {"heartbeat", &heartbeat, NULL},
                                  {"web", &cfg.web_root, NULL},
                                  {NULL, NULL, NULL}};
    int status = cli_parse("serve", argc, argv, options, NULL, 0, &npos, &help);
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
    const cli_option options[] = {{"role", &role, NULL},
                                  {"discipline", &discipline, NULL},
                                  {"venue", &venue, NULL},
                                  {"label", &label, NULL},
                                  {"db", &db, NULL},
                                  {NULL, NULL, NULL}};
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
