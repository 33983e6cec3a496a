/*
 * args.c: option parsing and error reporting for every subcommand.
 *
 * A small parser of our own rather than getopt_long: long options only, both
 * "--day 2022-02-07" and "--day=2022-02-07", "--" ends options, and every
 * mistake is one clear line naming the option, with exit status 2.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cli_parse(const char *command, int argc, char **argv, const cli_option *options,
              const char **positional, int max_positional, int *positional_count, bool *help)
{
    int only_positional = 0;
    *positional_count = 0;
    *help = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!only_positional && strcmp(arg, "--") == 0) {
            only_positional = 1;
            continue;
        }
        if (only_positional || arg[0] != '-' || strcmp(arg, "-") == 0) {
            if (*positional_count >= max_positional) {
                fprintf(stderr, "podium %s: unexpected argument '%s' (see podium %s --help)\n",
                        command, arg, command);
                return CLI_USAGE;
            }
            positional[(*positional_count)++] = arg;
            continue;
        }
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            *help = true;
            continue;
        }
        if (arg[1] != '-') {
            fprintf(stderr, "podium %s: unknown option '%s' (see podium %s --help)\n", command, arg,
                    command);
            return CLI_USAGE;
        }
        const char *name = arg + 2;
        const char *eq = strchr(name, '=');
        size_t name_len = eq ? (size_t)(eq - name) : strlen(name);
        const cli_option *opt = NULL;
        for (const cli_option *o = options; o && o->name; o++)
            if (strlen(o->name) == name_len && strncmp(o->name, name, name_len) == 0)
                opt = o;
        if (!opt) {
            fprintf(stderr, "podium %s: unknown option '--%.*s' (see podium %s --help)\n", command,
                    (int)name_len, name, command);
            return CLI_USAGE;
        }
        if (!opt->value) {
            if (eq) {
                fprintf(stderr, "podium %s: option '--%s' takes no value\n", command, opt->name);
                return CLI_USAGE;
            }
            *opt->flag = true;
            continue;
        }
        if (eq) {
            *opt->value = eq + 1;
        } else if (i + 1 < argc) {
            *opt->value = argv[++i];
        } else {
            fprintf(stderr, "podium %s: option '--%s' needs a value\n", command, opt->name);
            return CLI_USAGE;
        }
    }
    return CLI_OK;
}

int cli_report(const char *command, pd_err err, const pd_diag *diag)
{
    char line[PD_DIAG_PATH_MAX + PD_DIAG_REASON_MAX + 4];
    fprintf(stderr, "podium %s: %s\n", command, pd_diag_format(diag, line, sizeof line));
    switch (err) {
    case PD_OK:
        return CLI_OK;
    case PD_ERR_INPUT:
    case PD_ERR_UNSUPPORTED:
    case PD_ERR_NOT_FOUND:
    case PD_ERR_CONFLICT:
        return CLI_USAGE;
    default:
        return CLI_FAILURE;
    }
}

const char *cli_default_programme(void)
{
    return PODIUM_DATADIR "/programme/beijing2022.json";
}

int cli_load_programme(const char *command, const char *path, pd_programme **out)
{
    pd_diag diag = {0};
    if (!path)
        path = cli_default_programme();
    pd_err err = pd_programme_load_file(path, out, &diag);
    if (err) {
        if (diag.path[0] && strncmp(diag.reason, path, strlen(path)) != 0) {
            /* name the file too: "FILE: events[3].rsc: reason" */
            char reason[PD_DIAG_REASON_MAX];
            snprintf(reason, sizeof reason, "%s", diag.reason);
            char where[PD_DIAG_PATH_MAX];
            snprintf(where, sizeof where, "%s", diag.path);
            pd_diag_set(&diag, err, NULL, "%.200s: %.200s: %s", path, where, reason);
        }
        return cli_report(command, err, &diag);
    }
    return CLI_OK;
}
