/*
 * score.c: `podium score FILE`: one competition in, official results out.
 *
 * Reads a podium-score/1 document (../shared/formats/score.md), validates the
 * envelope, hands it to the rules engine of its kind and prints the
 * podium-result/1 document. Bad input is exit 2 with one line naming the field
 * and nothing on standard output.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "podium/buf.h"
#include "podium/json.h"
#include "podium/kinds.h"
#include "podium/scoredoc.h"

static void print_usage(void)
{
    fputs("usage: podium score FILE [--format json|table]\n"
          "\n"
          "Compute the official results of one competition described by a\n"
          "podium-score/1 file (or - for standard input) and print them as a\n"
          "podium-result/1 JSON document. On bad input: exit 2 and one line on\n"
          "standard error naming the field and the reason.\n"
          "\n"
          "  --format json|table  output form (default json)\n"
          "\n"
          "Kinds:",
          stdout);
    if (pd_kind_count() == 0)
        fputs(" none yet (the rules engines add them)\n", stdout);
    else
        fputc('\n', stdout);
    for (size_t i = 0; i < pd_kind_count(); i++)
        printf("  %-24s %s\n", pd_kind_at(i)->name, pd_kind_at(i)->summary);
}

static void unknown_kind(const char *kind)
{
    pd_buf known;
    pd_buf_init(&known, 4096);
    for (size_t i = 0; i < pd_kind_count(); i++)
        pd_buf_addf(&known, "%s%s", i ? ", " : "", pd_kind_at(i)->name);
    fprintf(stderr, "podium score: kind: unknown kind \"%s\" (known kinds: %s)\n", kind,
            known.len ? pd_buf_str(&known) : "none yet");
    pd_buf_cleanup(&known);
}

/* Display width of UTF-8 text, counting code points (names are Latin or CJK). */
static int text_width(const char *text)
{
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n;
}

static void pad(const char *text, int width)
{
    fputs(text, stdout);
    for (int i = text_width(text); i < width; i++)
        fputc(' ', stdout);
}

/*
 * The results as an aligned table for people: rank, bib, name, NOC, result,
 * the gap (detail.behind) when the kind gives one, and the IRM.
 */
static void print_table(const pd_scoredoc *doc, const json_t *result)
{
    const json_t *rows = json_object_get(result, "results");
    int name_width = 4;
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row)
    {
        size_t c = pd_scoredoc_find(doc, json_string_value(json_object_get(row, "competitor")));
        const char *name = c != (size_t)-1 && doc->competitors[c].name[0]
                               ? doc->competitors[c].name
                               : json_string_value(json_object_get(row, "competitor"));
        if (name && text_width(name) > name_width)
            name_width = text_width(name);
    }
    printf("%s %s (%s)\n", doc->discipline, doc->event, doc->kind);
    printf("%-5s %-5s ", "Rank", "Bib");
    pad("Name", name_width);
    printf("  %-4s %12s %10s  %s\n", "NOC", "Result", "Behind", "IRM");
    json_array_foreach(rows, i, row)
    {
        const char *id = json_string_value(json_object_get(row, "competitor"));
        size_t c = pd_scoredoc_find(doc, id ? id : "");
        const pd_competitor *who = c != (size_t)-1 ? &doc->competitors[c] : NULL;
        const json_t *rank = json_object_get(row, "rank");
        const char *behind =
            json_string_value(json_object_get(json_object_get(row, "detail"), "behind"));
        char rank_text[16] = "";
        if (json_is_integer(rank))
            snprintf(rank_text, sizeof rank_text, "%lld", (long long)json_integer_value(rank));
        printf("%-5s %-5s ", rank_text, who ? who->bib : "");
        pad(who && who->name[0] ? who->name : id ? id : "", name_width);
        printf("  %-4s %12s %10s  %s\n", who ? who->noc : "",
               json_string_value(json_object_get(row, "result")), behind ? behind : "",
               json_string_value(json_object_get(row, "irm")));
    }
}

int cli_score(int argc, char **argv)
{
    const char *format = "json";
    const char *file = NULL;
    bool help = false;
    int npos;
    const cli_option options[] = {{"format", &format, NULL}, {NULL, NULL, NULL}};
    int status = cli_parse("score", argc, argv, options, &file, 1, &npos, &help);
    if (status)
        return status;
    if (help) {
        print_usage();
        return CLI_OK;
    }
    if (npos != 1) {
        fprintf(stderr, "podium score: missing FILE (see podium score --help)\n");
        return CLI_USAGE;
    }
    if (strcmp(format, "json") != 0 && strcmp(format, "table") != 0) {
        fprintf(stderr, "podium score: --format: expected json or table, got '%s'\n", format);
        return CLI_USAGE;
    }

    pd_diag diag = {0};
    json_t *root = NULL;
    pd_scoredoc doc;
    json_t *result = NULL;
    pd_err err = pd_json_parse_file(file, &root, &diag);
    if (err)
        return cli_report("score", err, &diag);
    err = pd_scoredoc_parse(root, &doc, &diag);
    json_decref(root);
    if (err)
        return cli_report("score", err, &diag);
    const pd_kind *kind = pd_kind_find(doc.kind);
    if (!kind) {
        unknown_kind(doc.kind);
        pd_scoredoc_cleanup(&doc);
        return CLI_USAGE;
    }
    err = kind->score(&doc, &result, &diag);
    if (err) {
        pd_scoredoc_cleanup(&doc);
        return cli_report("score", err, &diag);
    }
    if (strcmp(format, "table") == 0) {
        print_table(&doc, result);
    } else {
        json_dumpf(result, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', stdout);
    }
    pd_scoredoc_cleanup(&doc);
    json_decref(result);
    return CLI_OK;
}
