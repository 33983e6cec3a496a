/*
 * main.c: the `podium` command: one binary, one subcommand per job.
 *
 * Dispatch only; each subcommand lives in its own file and parses its own
 * options, so `podium X --help` is always X's own help.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} commands[] = {
    {"demo", cli_demo, "the main job: the Beijing 2022 Games replayed live"},
    {"programme", cli_programme, "print the schedule, day by day or as JSON"},
    {"serve", cli_serve, "serve the live results API and site"},
    {"token", cli_token, "create API tokens for operators"},
    {"replay", cli_replay, "rebuild every result from a log and print their digests"},
    {"score", cli_score, "compute official results from a podium-score/1 file"},
    {"export", cli_export, "export results (ODF XML, JSON, CSV) or accreditation people (CSV)"},
    {"check", cli_check, "validate a programme file and print its counts"},
    {"access", cli_access, "verify accreditation cards offline, make the signing key"},
    {"import", cli_import, "import people and privileges (accreditation CSV)"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: podium COMMAND [OPTIONS]\n\n"
                 "Podium runs a Winter Games: programme, official results, medals.\n\n"
                 "Commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n  podium COMMAND --help   help on one command\n"
                 "  podium --version        print the version\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return CLI_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
        usage(stdout);
        return CLI_OK;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "version") == 0) {
        printf("podium %s\n", PODIUM_VERSION);
        return CLI_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(commands[i].name, name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "podium: unknown command '%s' (see podium --help)\n", name);
    return CLI_USAGE;
}
