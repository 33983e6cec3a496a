/*
 * cli.h: shared pieces of the `podium` command (internal to src/cli).
 *
 * Each subcommand is a function taking its own argv (argv[0] is the
 * subcommand name) and returning the process exit status: 0 success, 1 a
 * failure of the machine (I/O), 2 bad usage or bad input.
 */
#ifndef PODIUM_CLI_H
#define PODIUM_CLI_H

#include <stdbool.h>

#include "podium/err.h"
#include "podium/programme.h"

enum { CLI_OK = 0, CLI_FAILURE = 1, CLI_USAGE = 2 };

/* One option: "--name VALUE" / "--name=VALUE" when value is set, a flag otherwise. */
typedef struct {
    const char *name;   /* without the leading "--" */
    const char **value; /* receives the value; NULL for a flag */
    bool *flag;         /* set true when a flag is given */
} cli_option;

/*
 * Parse argv[1..] against options, collecting up to max_positional positional
 * arguments. "--help"/"-h" sets *help. Unknown options, missing values and
 * extra positionals print one line on stderr and return CLI_USAGE.
 */
int cli_parse(const char *command, int argc, char **argv, const cli_option *options,
              const char **positional, int max_positional, int *positional_count, bool *help);

/* Print "podium COMMAND: path: reason" on stderr; returns the exit status for err. */
int cli_report(const char *command, pd_err err, const pd_diag *diag);

/* The programme file used when --programme is not given. */
const char *cli_default_programme(void);

/* Load the programme at path (or the default when NULL), reporting errors. */
int cli_load_programme(const char *command, const char *path, pd_programme **out);

int cli_programme(int argc, char **argv);
int cli_check(int argc, char **argv);
int cli_score(int argc, char **argv);
int cli_demo(int argc, char **argv);
int cli_serve(int argc, char **argv);
int cli_token(int argc, char **argv);
int cli_replay(int argc, char **argv);
int cli_access(int argc, char **argv);
int cli_import(int argc, char **argv);
/* `podium export accreditation` (access.c), reached through cli_export. */
int cli_export_accreditation(int argc, char **argv);
int cli_export(int argc, char **argv);

#endif
