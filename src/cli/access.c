/*
 * access.c: `podium access` (offline card verification, signing keys) and
 * `podium import accreditation` / `podium export accreditation`.
 *
 * Verification needs nothing but the token, the Games' public key and the
 * last revocation list a scanner synced: it is what a gate does when the
 * network is down. Import and export work on the log file directly (the
 * accreditation state is rebuilt by replaying the service's observations),
 * so they are for a server that is stopped; a running server imports through
 * POST /api/access/import.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"
#include "podium/accreditation.h"
#include "podium/buf.h"
#include "podium/json.h"
#include "podium/log.h"

/* Exit status of a verification that denies entry (see podium access --help). */
#define CLI_DENY     3
#define IMPORT_CHUNK 400 /* people per observation: well under PD_LOG_BODY_MAX */

static const char access_usage[] =
    "usage: podium access verify TOKEN [--key FILE] [--revoked FILE [--state FILE]]\n"
    "                            [--venue CODE] [--zone N] [--day YYYY-MM-DD]\n"
    "       podium access keygen --secret FILE --public FILE\n"
    "\n"
    "verify: check a card's token offline, as a scanner does when the network is\n"
    "down: its Ed25519 signature against the Games' public key, the revocation list\n"
    "last synced from GET /api/access/revocations, its dates, and when given the\n"
    "venue and zone. Prints 'allow ...' or 'deny REASON ...' on stdout.\n"
    "Exit status: 0 allow, 3 deny, 2 a malformed or forged token, a list refused\n"
    "(altered, another key's, or replayed) or bad usage.\n"
    "\n"
    "  --key FILE       the public key: 64 hex digits, or GET /api/access/key's answer\n"
    "                   (default: $PODIUM_ACCESS_PUBLIC_KEY)\n"
    "  --revoked FILE   the revocation list (podium-revocations/1 JSON); refused\n"
    "                   unless its signature verifies with the key\n"
    "  --state FILE     where this scanner keeps the seq of the newest list it\n"
    "                   accepted (made when missing): an older list is refused as a\n"
    "                   replay, a newer one recorded\n"
    "  --venue CODE     the venue of the gate; --zone N its zone (1 to 9)\n"
    "  --day DATE       the day to check (default: today in Beijing time)\n"
    "\n"
    "keygen: make the Games' signing key pair; the server reads the secret file\n"
    "named by $PODIUM_ACCESS_KEY, scanners get the public one.\n";

static int32_t games_today(void)
{
    time_t t = time(NULL) + 8 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

/*
 * The scanner's state file: one line "KEY SEQ", the public key in hex and the
 * seq of the newest revocation list accepted with it. A list signed by the
 * same key with a lower seq is a replay (a list from before a card was
 * revoked): refused. A newer list, or one of another key, replaces the line
 * (written beside the file, synced, renamed over it, the folder synced: a
 * crash leaves the old line or the new one, and the new one stays).
 */
static pd_err check_state(const char *path, const unsigned char *pk, int64_t seq, pd_diag *diag)
{
    char key[2 * crypto_sign_PUBLICKEYBYTES + 1], line[256];
    sodium_bin2hex(key, sizeof key, pk, crypto_sign_PUBLICKEYBYTES);
    FILE *f = fopen(path, "r");
    if (!f && errno != ENOENT)
        return pd_diag_set(diag, PD_ERR_IO, "state", "%s: %s", path, strerror(errno));
    if (f) {
        size_t n = fread(line, 1, sizeof line - 1, f);
        fclose(f);
        line[n] = '\0';
        char stored_key[sizeof key];
        int64_t stored = -1;
        int end = 0;
        /* the whole file is the line: a longer file, or a NUL in it, is not podium's */
        if (n == sizeof line - 1 ||
            sscanf(line, "%64[0-9a-f] %" SCNd64 "\n%n", stored_key, &stored, &end) != 2 ||
            (size_t)end != n || strlen(stored_key) != sizeof key - 1 || stored < 0)
            return pd_diag_set(diag, PD_ERR_INPUT, "state",
                               "%s: expected one line 'KEY SEQ' as podium writes it", path);
        if (strcmp(stored_key, key) == 0 && seq < stored)
            return pd_diag_set(diag, PD_ERR_CONFLICT, "revoked",
                               "seq %" PRId64 " is older than seq %" PRId64
                               ", the newest list this scanner accepted (%s): a replayed list",
                               seq, stored, path);
        if (strcmp(stored_key, key) == 0 && seq == stored)
            return PD_OK;
    }
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
        return pd_diag_set(diag, PD_ERR_INPUT, "state", "path too long");
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int len = snprintf(line, sizeof line, "%s %" PRId64 "\n", key, seq);
    bool written = fd >= 0 && write(fd, line, (size_t)len) == len && fsync(fd) == 0;
    if (fd >= 0 && close(fd) != 0)
        written = false;
    if (!written || rename(tmp, path) != 0) {
        int saved = errno;
        unlink(tmp);
        return pd_diag_set(diag, PD_ERR_IO, "state", "cannot write %s: %s", path, strerror(saved));
    }
    const char *slash = strrchr(path, '/');
    char folder[sizeof tmp];
    snprintf(folder, sizeof folder, "%.*s", slash ? (int)(slash - path) + 1 : 1,
             slash ? path : ".");
    int dir = open(folder, O_RDONLY | O_DIRECTORY);
    bool synced = dir >= 0 && fsync(dir) == 0;
    if (dir >= 0)
        close(dir);
    if (!synced)
        return pd_diag_set(diag, PD_ERR_IO, "state", "cannot sync the folder of %s: %s", path,
                           strerror(errno));
    return PD_OK;
}

static int verify(const char *token, const char *key, const char *revoked_path,
                  const char *state_path, const char *venue, const char *zone, const char *day_text)
{
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    pd_diag diag = {0};
    uint32_t *revoked = NULL;
    size_t revoked_count = 0;
    int32_t day = games_today();
    if (!key)
        key = getenv("PODIUM_ACCESS_PUBLIC_KEY");
    if (!key || !key[0]) {
        fprintf(stderr, "podium access: --key FILE is required (the Games' public key)\n");
        return CLI_USAGE;
    }
    if (day_text && pd_acr_parse_day(day_text, &day)) {
        fprintf(stderr, "podium access: --day: expected YYYY-MM-DD, got '%s'\n", day_text);
        return CLI_USAGE;
    }
    if (state_path && !revoked_path) {
        fprintf(stderr, "podium access: --state needs --revoked FILE (the list it guards)\n");
        return CLI_USAGE;
    }
    if (zone && (strlen(zone) != 1 || zone[0] < '1' || zone[0] > '9')) {
        fprintf(stderr, "podium access: --zone: expected 1 to 9, got '%s'\n", zone);
        return CLI_USAGE;
    }
    pd_err err = pd_acr_read_public_key(key, pk, &diag);
    if (err)
        return cli_report("access", err, &diag);
    if (revoked_path) {
        json_t *doc;
        err = pd_json_parse_file(revoked_path, &doc, &diag);
        if (!err) {
            err = pd_acr_revocations_parse(doc, pk, &revoked, &revoked_count, &diag);
            /* the seq is signed with the list: parsed, it is the signer's */
            if (!err && state_path)
                err = check_state(state_path, pk, json_integer_value(json_object_get(doc, "seq")),
                                  &diag);
            json_decref(doc);
        }
        if (err) {
            free(revoked);
            return cli_report("access", err, &diag);
        }
    }
    pd_acr_token_info info;
    pd_acr_decision d;
    err =
        pd_acr_token_verify(token, pk, revoked, revoked_count, venue, zone, day, &info, &d, &diag);
    free(revoked);
    if (err)
        return cli_report("access", err, &diag);
    if (d.allow)
        printf("allow card %u person %s category %s\n", info.serial, info.person, info.category);
    else
        printf("deny %s card %u person %s: %s\n", d.reason, info.serial, info.person, d.message);
    return d.allow ? CLI_OK : CLI_DENY;
}

int cli_access(int argc, char **argv)
{
    const char *key = NULL, *revoked = NULL, *state = NULL, *venue = NULL, *zone = NULL;
    const char *day = NULL;
    const char *secret = NULL, *public = NULL;
    const char *pos[2];
    bool help = false;
    int npos;
    const cli_option options[] = {
        {"key", &key, NULL},       {"revoked", &revoked, NULL}, {"state", &state, NULL},
        {"venue", &venue, NULL},   {"zone", &zone, NULL},       {"day", &day, NULL},
        {"secret", &secret, NULL}, {"public", &public, NULL},   {NULL, NULL, NULL}};
    int status = cli_parse("access", argc, argv, options, pos, 2, &npos, &help);
    if (status)
        return status;
    if (help) {
        fputs(access_usage, stdout);
        return CLI_OK;
    }
    if (npos == 2 && strcmp(pos[0], "verify") == 0)
        return verify(pos[1], key, revoked, state, venue, zone, day);
    if (npos == 1 && strcmp(pos[0], "keygen") == 0) {
        if (!secret || !public) {
            fprintf(stderr, "podium access: keygen needs --secret FILE and --public FILE\n");
            return CLI_USAGE;
        }
        pd_diag diag = {0};
        pd_err err = pd_acr_keygen(secret, public, &diag);
        if (err)
            return cli_report("access", err, &diag);
        printf("secret key in %s (keep it on the server), public key in %s\n", secret, public);
        return CLI_OK;
    }
    fprintf(stderr, "podium access: expected 'verify TOKEN' or 'keygen' (see podium access "
                    "--help)\n");
    return CLI_USAGE;
}

/* --- import and export ------------------------------------------------------------------- */

typedef struct {
    pd_acr *acr;
    pd_diag *diag;
} replay_ctx;

static pd_err replay_one(const pd_observation *obs, void *ctx)
{
    replay_ctx *r = ctx;
    json_t *body;
    pd_err err = pd_json_parse(obs->body, obs->body_len, &body, r->diag);
    if (err)
        return err;
    err = pd_acr_apply(r->acr, obs->seq, body, obs->author, obs->recorded_at_ms);
    json_decref(body);
    if (err)
        pd_diag_set(r->diag, err, NULL, "out of memory replaying the log");
    return err;
}

/* The accreditation state of the log at db (the programme gives the venues). */
static int load_state(const char *command, const char *programme, const char *db, pd_log **log,
                      pd_acr **out)
{
    pd_programme *prog = NULL;
    pd_diag diag = {0};
    const char *codes[PD_ACR_VENUES_MAX];
    static const char *const extra[] = {"MMC", "OVB", "OVY", "OVZ"};
    size_t n = 0;
    int status = cli_load_programme(command, programme, &prog);
    if (status)
        return status;
    for (size_t i = 0; i < pd_programme_venue_count(prog) && n < PD_ACR_VENUES_MAX - 4; i++)
        codes[n++] = pd_programme_venue(prog, i)->code;
    for (size_t i = 0; i < 4; i++)
        codes[n++] = extra[i];
    pd_acr *acr = pd_acr_new(codes, n, &diag);
    pd_programme_free(prog);
    if (!acr)
        return cli_report(command, PD_ERR_NOMEM, &diag);
    pd_err err = pd_log_open(db, log, &diag);
    if (!err) {
        replay_ctx r = {acr, &diag};
        err = pd_log_scan(*log, 0, PD_ACR_CODE, PD_LOG_ALL, replay_one, &r, &diag);
    }
    if (err) {
        pd_acr_free(acr);
        pd_log_free(*log);
        *log = NULL;
        return cli_report(command, err, &diag);
    }
    *out = acr;
    return CLI_OK;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    pd_buf buf;
    char chunk[65536];
    size_t got;
    if (!f)
        return NULL;
    pd_buf_init(&buf, (size_t)512 << 20);
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (pd_buf_add(&buf, chunk, got)) {
            pd_buf_cleanup(&buf);
            buf.data = NULL;
            break;
        }
    if (f != stdin)
        fclose(f);
    *len = buf.len;
    return buf.data ? buf.data : (buf.len == 0 ? calloc(1, 1) : NULL);
}

static const char import_usage[] =
    "usage: podium import accreditation FILE [--db FILE] [--programme FILE] [--author TEXT]\n"
    "\n"
    "Import people and their privileges from a CSV file (docs/accreditation.md) into\n"
    "the log: every row or none. Bad rows are reported on stderr, one per line, as\n"
    "FILE:LINE: FIELD: reason, and nothing is stored. New people get a card; rows\n"
    "for known ids update them. Works on a stopped server's log; a running server\n"
    "imports through POST /api/access/import.\n";

int cli_import(int argc, char **argv)
{
    const char *db = "podium.db", *programme = NULL, *author = "import";
    const char *pos[2];
    bool help = false;
    int npos;
    const cli_option options[] = {{"db", &db, NULL},
                                  {"programme", &programme, NULL},
                                  {"author", &author, NULL},
                                  {NULL, NULL, NULL}};
    int status = cli_parse("import", argc, argv, options, pos, 2, &npos, &help);
    if (status)
        return status;
    if (help) {
        fputs(import_usage, stdout);
        return CLI_OK;
    }
    if (npos != 2 || strcmp(pos[0], "accreditation") != 0) {
        fprintf(stderr, "podium import: expected 'accreditation FILE' (see podium import "
                        "--help)\n");
        return CLI_USAGE;
    }
    size_t len = 0, bad = 0;
    char *text = read_file(pos[1], &len);
    if (!text) {
        fprintf(stderr, "podium import: %s: cannot read\n", pos[1]);
        return CLI_FAILURE;
    }
    pd_log *log = NULL;
    pd_acr *acr = NULL;
    json_t *people = NULL;
    pd_log_entry *entries = NULL;
    char **texts = NULL;
    pd_log_outcome *outcomes = NULL;
    size_t chunks = 0;
    pd_acr_csv_error errors[100];
    if ((status = load_state("import", programme, db, &log, &acr)))
        goto done;
    pd_err err = pd_acr_csv_parse(acr, text, len, &people, errors, 100, &bad);
    if (err == PD_ERR_INPUT) {
        for (size_t i = 0; i < bad && i < 100; i++)
            fprintf(stderr, "%s:%zu: %s%s%s\n", pos[1], errors[i].line, errors[i].field,
                    errors[i].field[0] ? ": " : "", errors[i].reason);
        fprintf(stderr, "podium import: %zu bad row%s; nothing was imported\n", bad,
                bad == 1 ? "" : "s");
        status = CLI_USAGE;
        goto done;
    }
    if (err) {
        fprintf(stderr, "podium import: out of memory\n");
        status = CLI_FAILURE;
        goto done;
    }
    size_t total = json_array_size(people);
    chunks = (total + IMPORT_CHUNK - 1) / IMPORT_CHUNK;
    if (chunks > PD_LOG_BATCH_MAX) {
        fprintf(stderr, "podium import: %zu people is more than one import takes (%d)\n", total,
                PD_LOG_BATCH_MAX * IMPORT_CHUNK);
        status = CLI_USAGE;
        goto done;
    }
    entries = calloc(chunks + 1, sizeof *entries);
    texts = calloc(chunks + 1, sizeof *texts);
    outcomes = calloc(chunks + 1, sizeof *outcomes);
    if (!entries || !texts || !outcomes) {
        status = CLI_FAILURE;
        goto done;
    }
    for (size_t c = 0; c < chunks; c++) {
        json_t *part = json_array();
        for (size_t i = c * IMPORT_CHUNK; part && i < total && i < (c + 1) * IMPORT_CHUNK; i++)
            json_array_append(part, json_array_get(people, i));
        json_t *obs = part ? json_pack("{s:s, s:o}", "type", "people", "people", part) : NULL;
        pd_diag diag = {0};
        /* the same check the server makes, against the state before the import */
        if (!obs || pd_acr_check(acr, obs, &diag) ||
            !(texts[c] = json_dumps(obs, JSON_COMPACT | JSON_PRESERVE_ORDER)) ||
            strlen(texts[c]) > PD_LOG_BODY_MAX) {
            fprintf(stderr, "podium import: rows %zu to %zu: %s\n", c * IMPORT_CHUNK + 1,
                    (c + 1) * IMPORT_CHUNK, diag.reason[0] ? diag.reason : "too large");
            json_decref(obs);
            status = CLI_USAGE;
            goto done;
        }
        json_decref(obs);
        entries[c] = (pd_log_entry){PD_ACR_CODE, texts[c], strlen(texts[c]), 0, author};
    }
    /* one transaction: every chunk or none */
    err = pd_log_append_batch(log, entries, chunks, outcomes);
    for (size_t c = 0; !err && c < chunks; c++)
        if (outcomes[c].err) {
            err = outcomes[c].err;
            fprintf(stderr, "podium import: the log refused part %zu: %s\n", c + 1,
                    outcomes[c].diag.reason);
        }
    if (err) {
        if (chunks && outcomes[0].diag.reason[0])
            fprintf(stderr, "podium import: %s\n", outcomes[0].diag.reason);
        status = CLI_FAILURE;
        goto done;
    }
    printf("imported %zu people in %zu observations (seq %lld to %lld)\n", total, chunks,
           chunks ? (long long)outcomes[0].seq : 0LL,
           chunks ? (long long)outcomes[chunks - 1].seq : 0LL);
    status = CLI_OK;
done:
    for (size_t c = 0; texts && c < chunks; c++)
        free(texts[c]);
    free(texts);
    free(entries);
    free(outcomes);
    json_decref(people);
    pd_acr_free(acr);
    pd_log_free(log);
    free(text);
    return status;
}

static const char export_accreditation_usage[] =
    "usage: podium export accreditation [--db FILE] [--programme FILE] [--out FILE]\n"
    "\n"
    "Write every person and their privileges as CSV (the import's columns), from the\n"
    "log. Contains personal data: keep the file where only officers read it.\n";

int cli_export_accreditation(int argc, char **argv)
{
    const char *db = "podium.db", *programme = NULL, *out_path = NULL;
    const char *pos[1];
    bool help = false;
    int npos;
    const cli_option options[] = {{"db", &db, NULL},
                                  {"programme", &programme, NULL},
                                  {"out", &out_path, NULL},
                                  {NULL, NULL, NULL}};
    int status = cli_parse("export", argc, argv, options, pos, 1, &npos, &help);
    if (status)
        return status;
    if (help) {
        fputs(export_accreditation_usage, stdout);
        return CLI_OK;
    }
    if (npos != 1 || strcmp(pos[0], "accreditation") != 0) {
        fprintf(stderr, "podium export: expected 'accreditation' (see podium export --help)\n");
        return CLI_USAGE;
    }
    pd_log *log = NULL;
    pd_acr *acr = NULL;
    if ((status = load_state("export", programme, db, &log, &acr)))
        return status;
    char *csv = NULL;
    size_t len = 0;
    pd_err err = pd_acr_csv_export(acr, &csv, &len);
    pd_acr_free(acr);
    pd_log_free(log);
    if (err) {
        fprintf(stderr, "podium export: out of memory\n");
        return CLI_FAILURE;
    }
    FILE *out = out_path ? fopen(out_path, "w") : stdout;
    bool ok = out && fwrite(csv, 1, len, out) == len;
    if (out && out != stdout)
        ok = fclose(out) == 0 && ok;
    free(csv);
    if (!ok) {
        fprintf(stderr, "podium export: %s: cannot write\n", out_path ? out_path : "stdout");
        return CLI_FAILURE;
    }
    return CLI_OK;
}
