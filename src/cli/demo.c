/*
 * demo.c: `podium demo`, the main job: Beijing 2022 replayed live.
 *
 * The demo is a client of a real server, as a venue's timing system would be:
 * it creates a fresh observation log with an admin token, starts `podium
 * serve` on it as a child process (the same binary, so the server is exactly
 * the one people deploy), then reads data/demo/beijing2022.log (podium-demo/1,
 * docs/formats.md) and POSTs every observation over HTTP at its time in the
 * Games, accelerated by --speed (600: the 17 days in about 40 minutes; max:
 * no waiting). It prints the URL first and a progress line each time an event
 * finishes (day, events finished, medals awarded, read from GET /api/medals).
 * When the log is done the server keeps serving until interrupted; SIGINT or
 * SIGTERM stop the server and the demo.
 *
 * The Games services come alive too (unless --no-ops): before the first result
 * the accreditation population (data/demo/accreditation.csv, made by
 * tools/gen_accreditation.py) is imported through POST /api/access/import, and
 * the closed loop (demo_loop.c, 23 January to 20 February 2022) is posted to
 * /api/loop/observations a day at a time, merged into the timeline: each day of
 * the loop goes in when the replay reaches that day (the days before the first
 * competition at the start, those after the last result at the end), so the
 * loop's figures grow as the Games go on.
 *
 * The HTTP client is a plain blocking HTTP/1.1 connection kept alive across
 * requests (the server is local), reconnecting when the server closes it.
 */
#include <errno.h>
#include <limits.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"
#include "demo_loop.h"
#include "podium/log.h"
#include "podium/results.h"
#include "podium/tokens.h"

static const char demo_usage[] =
    "usage: podium demo [--speed N|max] [--db FILE] [--listen ADDR:PORT] [--force]\n"
    "                   [--programme FILE] [--log FILE] [--people FILE] [--no-ops]\n"
    "\n"
    "The main job: the Beijing 2022 Games replayed live. Creates a fresh observation\n"
    "log, starts `podium serve` on it and posts every observation of the Games over\n"
    "HTTP at its time, accelerated, so results, heats, games and medals appear live.\n"
    "Prints the URL, then a line each time an event finishes. The server keeps\n"
    "serving when the Games are over, until interrupted (Ctrl-C).\n"
    "\n"
    "  --speed N|max        N times real time (default 600: the 17 days in about\n"
    "                       40 minutes); max: as fast as the server takes them\n"
    "  --db FILE            the observation log to create (default podium-demo.db,\n"
    "                       replaced on each run); an existing FILE is refused\n"
    "                       unless --force\n"
    "  --listen ADDR:PORT   where the server listens (default 127.0.0.1:8080)\n"
    "  --force              replace an existing --db FILE\n"
    "  --programme FILE     the programme (default: the Beijing 2022 programme)\n"
    "  --log FILE           the demo log (default: data/demo/beijing2022.log)\n"
    "  --people FILE        the accreditation population, CSV (default:\n"
    "                       data/demo/accreditation.csv)\n"
    "  --no-ops             results only: no accreditation, no closed-loop health\n";

#define DEFAULT_DB "podium-demo.db"

static volatile sig_atomic_t child_pid;

static void on_signal(int sig)
{
    if (child_pid > 0)
        kill((pid_t)child_pid, SIGTERM);
    signal(sig, SIG_DFL);
    _exit(sig == SIGINT ? 130 : 143);
}

/* --- time ------------------------------------------------------------------ */

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* "2022-02-07T12:03:10+08:00" to seconds since the epoch; false when malformed. */
static bool parse_at(const char *text, int64_t *out)
{
    int y, mo, d, h, mi, s, oh, om;
    char sign;
    if (!text || strlen(text) != 25 ||
        sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2d%c%2d:%2d", &y, &mo, &d, &h, &mi, &s, &sign, &oh,
               &om) != 9 ||
        (sign != '+' && sign != '-'))
        return false;
    int64_t offset = (int64_t)oh * 3600 + om * 60;
    *out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s -
           (sign == '+' ? offset : -offset);
    return true;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- HTTP client ------------------------------------------------------------- */

typedef struct {
    char host[64];
    char port[16];
    int fd;
    char token[PD_TOKEN_LEN + 1];
} client;

static int client_connect(client *c)
{
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(c->host, c->port, &hints, &res) != 0)
        return -1;
    int fd = socket(res->ai_family, res->ai_socktype, res->ai_protocol);
    int one = 1;
    /* a request goes out as headers then body: without NODELAY, Nagle holds the body
     * for the server's delayed ACK, 40 ms a request */
    if (fd >= 0)
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (fd >= 0 && connect(fd, res->ai_addr, res->ai_addrlen) != 0) {
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    c->fd = fd;
    return fd < 0 ? -1 : 0;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/*
 * One request; the answer's status in *code and its body (malloc'd, NUL
 * terminated) in *answer. Retries once on a fresh connection when the kept
 * one was closed. Returns 0 or -1 when the server cannot be reached.
 */
static int http_request(client *c, const char *method, const char *path, const char *type,
                        const char *body, int *code, char **answer)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        if (c->fd < 0 && client_connect(c) != 0)
            return -1;
        size_t body_len = body ? strlen(body) : 0;
        char head[512];
        int n = snprintf(head, sizeof head,
                         "%s %s HTTP/1.1\r\nHost: %s:%s\r\nAuthorization: Bearer %s\r\n"
                         "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n",
                         method, path, c->host, c->port, c->token, type, body_len);
        char *buf = NULL;
        size_t len = 0, cap = 0, header_end = 0, content_length = 0;
        bool ok = n > 0 && (size_t)n < sizeof head && write_all(c->fd, head, (size_t)n) == 0 &&
                  (!body_len || write_all(c->fd, body, body_len) == 0);
        while (ok) {
            if (len + 4096 + 1 > cap) {
                cap = cap ? cap * 2 : 8192;
                char *grown = realloc(buf, cap);
                if (!grown) {
                    ok = false;
                    break;
                }
                buf = grown;
            }
            ssize_t r = recv(c->fd, buf + len, cap - len - 1, 0);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0) {
                ok = false;
                break;
            }
            len += (size_t)r;
            buf[len] = '\0';
            if (!header_end) {
                char *end = strstr(buf, "\r\n\r\n");
                if (!end)
                    continue;
                header_end = (size_t)(end - buf) + 4;
                const char *cl = strcasestr(buf, "\r\nContent-Length:");
                content_length = cl && cl < end ? strtoul(cl + 17, NULL, 10) : 0;
            }
            if (len >= header_end + content_length)
                break;
        }
        if (ok && sscanf(buf, "HTTP/1.%*d %d", code) == 1) {
            memmove(buf, buf + header_end, len - header_end);
            buf[len - header_end] = '\0';
            *answer = buf;
            return 0;
        }
        free(buf);
        close(c->fd);
        c->fd = -1;
    }
    return -1;
}

/* --- the server child -------------------------------------------------------------- */

/* Copy the server's standard output to ours once its URL has been read. */
static void *relay_output(void *arg)
{
    FILE *in = arg;
    char line[1024];
    while (fgets(line, sizeof line, in)) {
        fputs(line, stdout);
        fflush(stdout);
    }
    fclose(in);
    return NULL;
}

/* Start `podium serve`; fills c->host and c->port from its "listening on" line. */
static int start_server(const char *db, const char *listen, const char *programme, client *c,
                        pid_t *pid_out)
{
    /* this very program, by its path: under memcheck (make check-valgrind)
     * "/proc/self/exe" is valgrind's tool, while readlink names the program */
    char self[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", self, sizeof self);
    if (len <= 0 || (size_t)len >= sizeof self)
        return -1;
    self[len] = '\0';
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        const char *argv[10];
        int n = 0;
        argv[n++] = "podium";
        argv[n++] = "serve";
        argv[n++] = "--db";
        argv[n++] = db;
        argv[n++] = "--listen";
        argv[n++] = listen;
        if (programme) {
            argv[n++] = "--programme";
            argv[n++] = programme;
        }
        argv[n] = NULL;
        execv(self, (char *const *)argv);
        _exit(127);
    }
    close(fds[1]);
    child_pid = pid;
    *pid_out = pid;
    FILE *in = fdopen(fds[0], "r");
    char line[1024];
    while (in && fgets(line, sizeof line, in)) {
        const char *at = strstr(line, "listening on http://");
        if (!at)
            continue;
        at += strlen("listening on http://");
        const char *colon = strrchr(at, ':');
        if (!colon || (size_t)(colon - at) >= sizeof c->host)
            break;
        memcpy(c->host, at, (size_t)(colon - at));
        c->host[colon - at] = '\0';
        long port = strtol(colon + 1, NULL, 10);
        if (port <= 0 || port > 65535)
            break;
        snprintf(c->port, sizeof c->port, "%ld", port);
        pthread_t thread;
        if (pthread_create(&thread, NULL, relay_output, in) == 0)
            pthread_detach(thread);
        return 0;
    }
    if (in)
        fclose(in);
    return -1;
}

/* --- the replay ------------------------------------------------------------------- */

typedef struct {
    const pd_programme *prog;
    bool *unit_official; /* per unit, by programme index */
    size_t events_finished;
    int medals;
} progress;

/* Has every unit of event received its OFFICIAL status? */
static bool event_finished(const progress *pr, const pd_event *event)
{
    for (size_t p = 0; p < event->phase_count; p++)
        for (size_t u = 0; u < event->phases[p].unit_count; u++)
            if (!pr->unit_official[pd_programme_unit_index(pr->prog, &event->phases[p].units[u])])
                return false;
    return true;
}

/* Medals awarded so far: the totals of GET /api/medals. */
static int medals_awarded(client *c)
{
    int code = 0, total = 0;
    char *answer = NULL;
    if (http_request(c, "GET", "/api/medals", "application/json", NULL, &code, &answer) != 0 ||
        code != 200) {
        free(answer);
        return -1;
    }
    json_t *doc = json_loads(answer, 0, NULL);
    size_t i;
    json_t *row;
    json_array_foreach(json_object_get(doc, "medals"), i, row)
    {
        total += (int)json_integer_value(json_object_get(row, "total"));
    }
    json_decref(doc);
    free(answer);
    return total;
}

/* Post one observation line; returns false when the server cannot be reached. */
static bool post_line(client *c, progress *pr, const pd_unit *unit, json_t *body, const char *day,
                      int day_number, size_t *refused)
{
    bool status = json_object_get(body, "status") != NULL;
    char path[128];
    snprintf(path, sizeof path, "/api/units/%s/%s", unit->rsc.code,
             status ? "status" : "observations");
    char *text = json_dumps(body, JSON_COMPACT);
    int code = 0;
    char *answer = NULL;
    int sent = text ? http_request(c, "POST", path, "application/json", text, &code, &answer) : -1;
    free(text);
    if (sent != 0) {
        free(answer);
        return false;
    }
    if (code != 201) {
        (*refused)++;
        fprintf(stderr, "podium demo: %s refused (%d): %s\n", unit->rsc.code, code,
                answer ? answer : "");
    }
    free(answer);
    if (!status || strcmp(json_string_value(json_object_get(body, "status")), "OFFICIAL") != 0)
        return true;
    size_t index = pd_programme_unit_index(pr->prog, unit);
    if (pr->unit_official[index])
        return true;
    pr->unit_official[index] = true;
    const pd_event *event = unit->phase->event;
    if (!event_finished(pr, event))
        return true;
    pr->events_finished++;
    pr->medals = medals_awarded(c);
    printf("day %2d %s  %3zu/%zu events finished  %3d medals awarded  (%s)\n", day_number, day,
           pr->events_finished, pd_programme_event_count(pr->prog), pr->medals, event->name);
    fflush(stdout);
    return true;
}

/* --- the Games services --------------------------------------------------------------- */

/* The closed loop as it is posted, day by day. */
typedef struct {
    client *c;
    demo_loop *loop;
    int next_day;          /* the first day not yet posted */
    size_t items, refused; /* items posted, batches refused */
    double seconds;        /* spent posting */
    bool unreachable;
} loop_feed;

static bool post_loop_batch(void *ctx, const char *body, size_t len)
{
    loop_feed *feed = ctx;
    int code = 0;
    char *answer = NULL;
    (void)len;
    if (http_request(feed->c, "POST", "/api/loop/observations", "application/json", body, &code,
                     &answer) != 0) {
        free(answer);
        feed->unreachable = true;
        return false;
    }
    if (code != 201) {
        feed->refused++;
        fprintf(stderr, "podium demo: a closed-loop batch refused (%d): %s\n", code,
                answer ? answer : "");
    }
    free(answer);
    return true;
}

/* Post the loop's days up to and including day (YYYY-MM-DD...); false when unreachable. */
static bool loop_until(loop_feed *feed, const char *day)
{
    double started = now_s();
    while (feed && feed->next_day < DEMO_LOOP_DAYS) {
        char text[11];
        demo_loop_day_text(feed->next_day, text);
        if (strncmp(text, day, 10) > 0)
            break;
        if (!demo_loop_post_day(feed->loop, feed->next_day, post_loop_batch, feed, &feed->items))
            return false;
        feed->next_day++;
    }
    if (feed)
        feed->seconds += now_s() - started;
    return true;
}

/*
 * Import the accreditation population: the CSV's rows in chunks of about 80 KB (some
 * 800 people, a people observation well under the log's body limit), each with the
 * header, through POST /api/access/import. The demo's file has one record a line.
 * Returns CLI_OK or CLI_FAILURE with a message.
 */
static int import_people(client *c, const char *path, size_t *people)
{
    FILE *in = fopen(path, "r");
    char *text = NULL, *chunk = NULL, *answer = NULL;
    size_t len = 0, cap = 0;
    int status = CLI_FAILURE;
    if (!in) {
        fprintf(stderr, "podium demo: %s: %s\n", path, strerror(errno));
        return CLI_FAILURE;
    }
    for (;;) {
        if (len + 65536 + 1 > cap) {
            cap = cap ? cap * 2 : 1 << 20;
            char *grown = realloc(text, cap);
            if (!grown)
                goto fail;
            text = grown;
        }
        size_t n = fread(text + len, 1, cap - len - 1, in);
        len += n;
        if (n == 0)
            break;
    }
    text[len] = '\0';
    const char *rows = strchr(text, '\n');
    if (!rows) {
        fprintf(stderr, "podium demo: %s: expected a CSV header line\n", path);
        goto fail;
    }
    size_t header = (size_t)(rows - text) + 1;
    chunk = malloc(header + 100000);
    if (!chunk)
        goto fail;
    rows++;
    while (*rows) {
        const char *end = rows;
        while (*end && end - rows < 80000) {
            const char *nl = strchr(end, '\n');
            end = nl ? nl + 1 : end + strlen(end);
        }
        size_t n = (size_t)(end - rows);
        if (n > 100000) {
            fprintf(stderr, "podium demo: %s: a record longer than 20,000 bytes\n", path);
            goto fail;
        }
        memcpy(chunk, text, header);
        memcpy(chunk + header, rows, n);
        chunk[header + n] = '\0';
        int code = 0;
        if (http_request(c, "POST", "/api/access/import", "text/csv", chunk, &code, &answer) != 0) {
            fprintf(stderr, "podium demo: the server at http://%s:%s stopped answering\n", c->host,
                    c->port);
            goto fail;
        }
        if (code != 201) {
            fprintf(stderr, "podium demo: %s: import refused (%d): %s\n", path, code,
                    answer ? answer : "");
            goto fail;
        }
        for (const char *p = rows; p < end; p++)
            *people += *p == '\n';
        free(answer);
        answer = NULL;
        rows = end;
    }
    status = CLI_OK;
fail:
    free(answer);
    free(chunk);
    free(text);
    fclose(in);
    return status;
}

/* Feed the log: returns CLI_OK, or CLI_FAILURE with a message. */
static int replay(client *c, const pd_programme *prog, const char *log_path, double speed,
                  loop_feed *feed)
{
    FILE *in = fopen(log_path, "r");
    if (!in) {
        fprintf(stderr, "podium demo: %s: %s\n", log_path, strerror(errno));
        return CLI_FAILURE;
    }
    progress pr = {prog, calloc(pd_programme_unit_count(prog) + 1, sizeof(bool)), 0, 0};
    char *line = NULL;
    size_t cap = 0, line_number = 0, posted = 0, refused = 0;
    int64_t first_at = 0;
    double started = now_s();
    char day[11] = "";
    int day_number = 0;
    int status = CLI_OK;
    if (!pr.unit_official) {
        fclose(in);
        return CLI_FAILURE;
    }
    while (getline(&line, &cap, in) > 0) {
        line_number++;
        json_error_t jerr;
        json_t *item = json_loads(line, 0, &jerr);
        if (line_number == 1) {
            const char *format = json_string_value(json_object_get(item, "format"));
            bool known = format && strcmp(format, "podium-demo/1") == 0;
            json_decref(item);
            if (!known) {
                fprintf(stderr, "podium demo: %s: line 1: expected format podium-demo/1\n",
                        log_path);
                status = CLI_FAILURE;
                break;
            }
            continue;
        }
        const char *at_text = json_string_value(json_object_get(item, "at"));
        const char *rsc = json_string_value(json_object_get(item, "unit"));
        json_t *body = json_object_get(item, "body");
        const pd_unit *unit = rsc ? pd_programme_find_unit(prog, rsc) : NULL;
        int64_t at;
        if (!item || !parse_at(at_text, &at) || !unit || !json_is_object(body)) {
            fprintf(stderr,
                    "podium demo: %s: line %zu: expected {\"at\", \"unit\", \"body\"} "
                    "naming a unit of the programme\n",
                    log_path, line_number);
            json_decref(item);
            status = CLI_FAILURE;
            break;
        }
        if (!first_at)
            first_at = at;
        if (strncmp(day, at_text, 10) != 0) {
            memcpy(day, at_text, 10);
            day_number++;
        }
        if (speed > 0) {
            double due = started + (double)(at - first_at) / speed;
            double wait = due - now_s();
            if (wait > 0) {
                struct timespec ts = {(time_t)wait, (long)((wait - (double)(time_t)wait) * 1e9)};
                nanosleep(&ts, NULL);
            }
        }
        bool ok =
            loop_until(feed, at_text) && post_line(c, &pr, unit, body, day, day_number, &refused);
        json_decref(item);
        if (!ok) {
            fprintf(stderr, "podium demo: the server at http://%s:%s stopped answering\n", c->host,
                    c->port);
            status = CLI_FAILURE;
            break;
        }
        posted++;
    }
    free(line);
    fclose(in);
    if (status == CLI_OK && !loop_until(feed, "9999-12-31")) {
        fprintf(stderr, "podium demo: the server at http://%s:%s stopped answering\n", c->host,
                c->port);
        status = CLI_FAILURE;
    }
    if (status == CLI_OK && feed)
        printf("podium demo: the closed loop: %zu items posted (%zu batches refused) in %.1f s\n",
               feed->items, feed->refused, feed->seconds);
    if (status == CLI_OK)
        printf("podium demo: the Games are over: %zu observations posted (%zu refused) in %.1f s; "
               "%zu/%zu events finished, %d medals awarded\n",
               posted, refused, now_s() - started, pr.events_finished,
               pd_programme_event_count(prog), pr.medals);
    fflush(stdout);
    free(pr.unit_official);
    return status;
}

/* --- the command ------------------------------------------------------------------ */

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* Remove a log and its SQLite companions (-wal, -shm). */
static void remove_db(const char *path)
{
    char companion[4096];
    unlink(path);
    snprintf(companion, sizeof companion, "%s-wal", path);
    unlink(companion);
    snprintf(companion, sizeof companion, "%s-shm", path);
    unlink(companion);
}

int cli_demo(int argc, char **argv)
{
    const char *speed_text = "600", *db = NULL, *listen = "127.0.0.1:8080";
    const char *programme = NULL, *log_path = PODIUM_DATADIR "/demo/beijing2022.log";
    const char *people_path = PODIUM_DATADIR "/demo/accreditation.csv";
    bool help = false, force = false, no_ops = false;
    int npos;
    const cli_option options[] = {{"speed", &speed_text, NULL},
                                  {"db", &db, NULL},
                                  {"listen", &listen, NULL},
                                  {"force", NULL, &force},
                                  {"programme", &programme, NULL},
                                  {"log", &log_path, NULL},
                                  {"people", &people_path, NULL},
                                  {"no-ops", NULL, &no_ops},
                                  {NULL, NULL, NULL}};
    int status = cli_parse("demo", argc, argv, options, NULL, 0, &npos, &help);
    if (status)
        return status;
    if (help) {
        fputs(demo_usage, stdout);
        return CLI_OK;
    }
    double speed = 0;
    if (strcmp(speed_text, "max") != 0) {
        char *end;
        long v = strtol(speed_text, &end, 10);
        if (*speed_text == '\0' || *end || v < 1 || v > 100000000) {
            fprintf(stderr,
                    "podium demo: --speed: expected a number from 1 to 100000000 or "
                    "max, got '%s'\n",
                    speed_text);
            return CLI_USAGE;
        }
        speed = (double)v;
    }
    if (!db)
        db = DEFAULT_DB; /* the demo's own file: replaced on each run */
    else if (file_exists(db) && !force) {
        fprintf(stderr,
                "podium demo: %s exists: the demo needs a fresh log (give another "
                "--db, or --force to replace it)\n",
                db);
        return CLI_USAGE;
    }
    pd_programme *prog;
    status = cli_load_programme("demo", programme, &prog);
    if (status)
        return status;
    remove_db(db);

    client c = {.fd = -1};
    pd_log *log = NULL;
    pd_diag diag = {0};
    /* the ops pages' tokens, printed below for the officers' and health desks */
    char officer[PD_TOKEN_LEN + 1] = "", health[PD_TOKEN_LEN + 1] = "";
    pd_err err = pd_log_open(db, &log, &diag);
    if (!err)
        err = pd_token_add(log, "admin", "", "podium demo", c.token, &diag);
    if (!err && !no_ops)
        err = pd_token_add(log, "accreditation", "", "demo accreditation centre", officer, &diag);
    if (!err && !no_ops)
        err = pd_token_add(log, "health", "", "demo health desk", health, &diag);
    pd_log_free(log);
    if (err) {
        pd_programme_free(prog);
        return cli_report("demo", err, &diag);
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGPIPE, SIG_IGN);
    pid_t pid;
    if (start_server(db, listen, programme, &c, &pid) != 0) {
        fprintf(stderr, "podium demo: the server did not start (see above)\n");
        if (child_pid > 0)
            kill((pid_t)child_pid, SIGTERM);
        pd_programme_free(prog);
        return CLI_FAILURE;
    }
    printf("podium demo: Beijing 2022 live at http://%s:%s/ (speed %s, log %s)\n", c.host, c.port,
           speed_text, db);
    if (!no_ops)
        printf("podium demo: tokens for /ops/accreditation.html: %s, for /ops/health.html: %s\n",
               officer, health);
    fflush(stdout);
    loop_feed feed = {.c = &c};
    if (!no_ops) {
        size_t people = 0;
        double started = now_s();
        status = import_people(&c, people_path, &people);
        if (status == CLI_OK) {
            printf("podium demo: accreditation: %zu people imported in %.1f s\n", people,
                   now_s() - started);
            fflush(stdout);
            feed.loop = demo_loop_new(2022);
            if (!feed.loop) {
                fprintf(stderr, "podium demo: out of memory\n");
                status = CLI_FAILURE;
            }
        }
    }
    if (status == CLI_OK)
        status = replay(&c, prog, log_path, speed, no_ops ? NULL : &feed);
    demo_loop_free(feed.loop);
    pd_programme_free(prog);
    if (c.fd >= 0)
        close(c.fd);
    if (status != CLI_OK) {
        kill(pid, SIGTERM);
        waitpid(pid, NULL, 0);
        return status;
    }
    printf("podium demo: still serving at http://%s:%s/ until interrupted (Ctrl-C)\n", c.host,
           c.port);
    fflush(stdout);
    int child_status = 0;
    while (waitpid(pid, &child_status, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(child_status) && WEXITSTATUS(child_status) == 0 ? CLI_OK : CLI_FAILURE;
}
