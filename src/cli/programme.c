/*
 * programme.c: `podium programme` and `podium check`: the schedule for people
 * and for programs.
 *
 * The table lists units day by day in local time; the JSON output is the
 * GET /api/events document, rendered by the same code the server uses.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "podium/events_doc.h"

static const char *const weekdays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                       "Thursday", "Friday", "Saturday"};
static const char *const months[] = {"January",   "February", "March",    "April",
                                     "May",       "June",     "July",     "August",
                                     "September", "October",  "November", "December"};

/* Parse "YYYY-MM-DD" strictly; returns 0 on success. */
static int parse_day(const char *text, int *year, int *month, int *day)
{
    if (strlen(text) != 10 || text[4] != '-' || text[7] != '-')
        return -1;
    int fields[3] = {0, 0, 0};
    const int starts[3] = {0, 5, 8};
    const int widths[3] = {4, 2, 2};
    for (int f = 0; f < 3; f++)
        for (int i = 0; i < widths[f]; i++) {
            char c = text[starts[f] + i];
            if (c < '0' || c > '9')
                return -1;
            fields[f] = fields[f] * 10 + (c - '0');
        }
    static const int days_in_month[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (fields[1] < 1 || fields[1] > 12 || fields[2] < 1 ||
        fields[2] > days_in_month[fields[1] - 1])
        return -1;
    *year = fields[0];
    *month = fields[1];
    *day = fields[2];
    return 0;
}

/* Day of the week, 0 = Sunday (Sakamoto's method). */
static int weekday(int year, int month, int day)
{
    static const int offsets[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    if (month < 3)
        year -= 1;
    return (year + year / 4 - year / 100 + year / 400 + offsets[month - 1] + day) % 7;
}

static int unit_matches(const pd_unit *unit, const pd_events_filter *filter)
{
    const pd_event *event = unit->phase->event;
    if (filter->discipline && strcmp(event->discipline->code, filter->discipline) != 0)
        return 0;
    return !filter->day || strcmp(unit->day, filter->day) == 0;
}

static void print_table(const pd_programme *prog, const pd_events_filter *filter)
{
    const char *current_day = "";
    size_t shown = 0;
    printf("%s: %zu medal events in %zu disciplines, %zu units at %zu venues\n",
           pd_programme_games_name(prog), pd_programme_event_count(prog),
           pd_programme_discipline_count(prog), pd_programme_unit_count(prog),
           pd_programme_venue_count(prog));
    printf("Local times (UTC%s). * marks a medal unit.\n", pd_programme_utc_offset(prog));
    for (size_t i = 0; i < pd_programme_unit_count(prog); i++) {
        const pd_unit *unit = pd_programme_unit_by_time(prog, i);
        if (!unit_matches(unit, filter))
            continue;
        if (strcmp(unit->day, current_day) != 0) {
            int y, m, d;
            current_day = unit->day;
            if (parse_day(unit->day, &y, &m, &d) == 0)
                printf("\n%s %d %s %d\n", weekdays[weekday(y, m, d)], d, months[m - 1], y);
            else
                printf("\n%s\n", unit->day);
        }
        const pd_event *event = unit->phase->event;
        printf("  %.5s %c %s  %-28s %-22s %s\n", unit->start + 11, unit->medal ? '*' : ' ',
               event->discipline->code, event->name, unit->name, unit->venue->name);
        shown++;
    }
    if (shown == 0)
        printf("\nNo units match.\n");
}

static const char programme_usage[] =
    "usage: podium programme [--day YYYY-MM-DD] [--discipline CODE] [--json]\n"
    "                        [--programme FILE]\n"
    "\n"
    "Print the competition schedule: every unit (run, heat, game) day by day in\n"
    "local time, or with --json the medal events as the GET /api/events document.\n"
    "\n"
    "  --day YYYY-MM-DD     only that local day\n"
    "  --discipline CODE    only that discipline (ALP, BTH, ..., STK)\n"
    "  --json               JSON: {\"events\": [{rsc, name, discipline, venue, start, status}]}\n"
    "  --programme FILE     a podium-programme/1 file (default: the Beijing 2022 programme)\n";

int cli_programme(int argc, char **argv)
{
    const char *day = NULL, *discipline = NULL, *file = NULL;
    bool json = false, help = false;
    int npos;
    const cli_option options[] = {{"day", &day, NULL},
                                  {"discipline", &discipline, NULL},
                                  {"json", NULL, &json},
                                  {"programme", &file, NULL},
                                  {NULL, NULL, NULL}};
    int status = cli_parse("programme", argc, argv, options, NULL, 0, &npos, &help);
    if (status)
        return status;
    if (help) {
        fputs(programme_usage, stdout);
        return CLI_OK;
    }
    int y, m, d;
    if (day && parse_day(day, &y, &m, &d) != 0) {
        fprintf(stderr, "podium programme: --day: expected a date like 2022-02-07, got '%s'\n",
                day);
        return CLI_USAGE;
    }
    pd_programme *prog;
    status = cli_load_programme("programme", file, &prog);
    if (status)
        return status;
    if (discipline && !pd_programme_find_discipline(prog, discipline)) {
        fprintf(stderr, "podium programme: --discipline: unknown discipline '%s'\n", discipline);
        pd_programme_free(prog);
        return CLI_USAGE;
    }
    pd_events_filter filter = {.day = day, .discipline = discipline};
    if (json) {
        json_t *doc;
        if (pd_events_doc_build(prog, &filter, NULL, NULL, &doc) != PD_OK) {
            fprintf(stderr, "podium programme: out of memory\n");
            status = CLI_FAILURE;
        } else {
            json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
            fputc('\n', stdout);
            json_decref(doc);
        }
    } else {
        print_table(prog, &filter);
    }
    pd_programme_free(prog);
    return status;
}

static const char check_usage[] =
    "usage: podium check [--programme FILE]\n"
    "\n"
    "Load and validate a programme file and print what it holds. Exit status 0\n"
    "when valid, 2 with the first problem (its JSON path and the reason) when not.\n";

int cli_check(int argc, char **argv)
{
    const char *file = NULL;
    bool help = false;
    int npos;
    const cli_option options[] = {{"programme", &file, NULL}, {NULL, NULL, NULL}};
    int status = cli_parse("check", argc, argv, options, NULL, 0, &npos, &help);
    if (status)
        return status;
    if (help) {
        fputs(check_usage, stdout);
        return CLI_OK;
    }
    pd_programme *prog;
    status = cli_load_programme("check", file, &prog);
    if (status)
        return status;
    printf("%s: valid\n", file ? file : cli_default_programme());
    printf("  %zu sports, %zu disciplines, %zu medal events, %zu units\n",
           pd_programme_sport_count(prog), pd_programme_discipline_count(prog),
           pd_programme_event_count(prog), pd_programme_unit_count(prog));
    printf("  %zu venues in %zu zones, %zu NOCs, %zu participants\n",
           pd_programme_venue_count(prog), pd_programme_zone_count(prog),
           pd_programme_noc_count(prog), pd_programme_participant_count(prog));
    printf("  events per discipline:");
    for (size_t i = 0; i < pd_programme_discipline_count(prog); i++) {
        const pd_discipline *disc = pd_programme_discipline(prog, i);
        printf(" %s %zu", disc->code, pd_programme_discipline_event_count(prog, disc->code));
    }
    printf("\n");
    pd_programme_free(prog);
    return CLI_OK;
}
