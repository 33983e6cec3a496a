/*
 * podload.c: the load generator of `make bench` (bench/run.sh drives it).
 *
 *   podload writes PORT TOKEN CONNS SECONDS PAIRS
 *       CONNS keep-alive connections post observations as fast as the server
 *       acknowledges them (one request in flight per connection), for SECONDS.
 *       PAIRS is a file of "UNIT COMPETITOR [SEQ]" lines (SEQ: the pair's
 *       last stored observation, to correct; PODLOAD_STATE=FILE writes the
 *       pairs back with their seqs at the end); each pair belongs to one
 *       connection, whose first post is the competitor's run and every later
 *       post a correction (?supersedes=) of the last acknowledged seq, so
 *       every post is valid and stored. Prints acknowledged observations per
 *       second and the latency of an acknowledgement.
 *
 *   podload fanout podium PORT SUBS RATE SECONDS PIDS TOKEN PAIRS
 *   podload fanout nchan PORT SUBS RATE SECONDS PIDS PAYLOAD
 *       SUBS Server-Sent Events subscribers (GET /api/stream, or nchan's
 *       /sub), held with epoll on one thread; then one publisher posts RATE
 *       messages per second for SECONDS: an observation (podium), or
 *       {"seq":K,"rsc":...,"results":PAYLOAD} to nchan's /pub, the same shape
 *       and size as podium's frame. Each subscriber notes when it reads the
 *       "data: {\"seq\":K" line of each message. Prints delivery latency from
 *       the publisher's acknowledgement (201/202) and from its send, p50, p99
 *       and max, deliveries per second, missing deliveries, and the servers'
 *       resident memory (PIDS: comma-separated) before and after subscribing.
 *
 * Raw sockets on 127.0.0.1, HTTP/1.1; only what these two servers answer is
 * parsed (Content-Length or chunked replies, status line). Bounded: every run
 * stops by itself after SECONDS plus a drain of at most 10 s.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void die(const char *what)
{
    perror(what);
    exit(1);
}

static int port_arg;

static int connect_blocking(void)
{
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port_arg)};
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        die("socket");
    if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0)
        die("connect");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static void set_nonblocking(int fd)
{
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

static void send_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (n <= 0)
            die("write");
        data += n;
        len -= (size_t)n;
    }
}

/* --- HTTP replies ------------------------------------------------------------ */

typedef struct {
    char *buf;
    size_t len, cap;
} rbuf;

static void rbuf_add(rbuf *r, const char *data, size_t n)
{
    if (r->len + n + 1 > r->cap) {
        r->cap = (r->len + n + 1) * 2;
        r->buf = realloc(r->buf, r->cap);
        if (!r->buf)
            die("realloc");
    }
    memcpy(r->buf + r->len, data, n);
    r->len += n;
    r->buf[r->len] = '\0';
}

/* A whole reply in r: its status, body start and length; consumes it. 0 when incomplete. */
static int take_reply(rbuf *r, char *body, size_t body_size)
{
    char *end = r->buf ? strstr(r->buf, "\r\n\r\n") : NULL;
    if (!end)
        return 0;
    size_t head = (size_t)(end - r->buf) + 4;
    int status = (int)strtol(r->buf + 9, NULL, 10); /* "HTTP/1.1 201 ..." */
    size_t total;
    const char *cl = strcasestr(r->buf, "\r\nContent-Length:");
    if (cl && cl < end) {
        size_t length = strtoul(cl + 17, NULL, 10);
        if (r->len < head + length)
            return 0;
        total = head + length;
    } else if (strcasestr(r->buf, "\r\nTransfer-Encoding: chunked")) {
        char *last = strstr(end + 2, "\r\n0\r\n\r\n");
        if (!last)
            return 0;
        total = (size_t)(last - r->buf) + 7;
    } else {
        total = head;
    }
    size_t n = total - head < body_size - 1 ? total - head : body_size - 1;
    memcpy(body, r->buf + head, n);
    body[n] = '\0';
    memmove(r->buf, r->buf + total, r->len - total);
    r->len -= total;
    r->buf[r->len] = '\0';
    return status;
}

static int64_t seq_of(const char *body)
{
    const char *s = strstr(body, "\"seq\":");
    return s ? strtoll(s + 6, NULL, 10) : -1;
}

/* One blocking GET; returns the status, the body in out. */
static int http_get(const char *path, char *out, size_t size)
{
    int fd = connect_blocking();
    char req[512];
    int n = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n",
                     path);
    send_all(fd, req, (size_t)n);
    rbuf r = {0};
    char chunk[65536];
    ssize_t got;
    int status = 0;
    while ((got = read(fd, chunk, sizeof chunk)) > 0) {
        rbuf_add(&r, chunk, (size_t)got);
        if ((status = take_reply(&r, out, size)) != 0)
            break;
    }
    close(fd);
    free(r.buf);
    return status;
}

/* --- pairs --------------------------------------------------------------------- */

typedef struct {
    char unit[64];
    char competitor[32];
    int64_t last_seq;
} pair;

static pair *pairs;
static size_t pair_count;

static void load_pairs(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[256];
    size_t cap = 0;
    if (!f)
        die(path);
    while (fgets(line, sizeof line, f)) {
        if (pair_count == cap) {
            cap = cap ? cap * 2 : 256;
            pairs = realloc(pairs, cap * sizeof *pairs);
        }
        pair *p = &pairs[pair_count];
        memset(p, 0, sizeof *p);
        long long seq = 0;
        int got = sscanf(line, "%63s %31s %lld", p->unit, p->competitor, &seq);
        if (got >= 2) {
            p->last_seq = got == 3 ? seq : 0;
            pair_count++;
        }
    }
    fclose(f);
    if (pair_count == 0) {
        fprintf(stderr, "podload: no pairs in %s\n", path);
        exit(1);
    }
}

static const char *token;
static unsigned post_counter;

/* Post the next observation of pair p on fd. */
static void post_pair(int fd, pair *p)
{
    char body[160], query[40] = "", req[1024];
    int blen = snprintf(body, sizeof body, "{\"competitor\":\"%s\",\"run\":1,\"time_ms\":%u}",
                        p->competitor, 100000u + (post_counter++ % 100000u));
    if (p->last_seq > 0)
        snprintf(query, sizeof query, "?supersedes=%lld", (long long)p->last_seq);
    int n = snprintf(req, sizeof req,
                     "POST /api/units/%s/observations%s HTTP/1.1\r\nHost: bench\r\n"
                     "Authorization: Bearer %s\r\nContent-Type: application/json\r\n"
                     "Content-Length: %d\r\n\r\n%s",
                     p->unit, query, token, blen, body);
    send_all(fd, req, (size_t)n);
}

/* --- statistics ------------------------------------------------------------------ */

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static void print_latency(const char *name, int64_t *v, size_t n)
{
    if (n == 0) {
        printf("%s_count=0\n", name);
        return;
    }
    qsort(v, n, sizeof *v, cmp_i64);
    printf("%s_p50_ms=%.3f\n%s_p99_ms=%.3f\n%s_max_ms=%.3f\n", name, v[n / 2] / 1e6, name,
           v[(size_t)((double)n * 0.99)] / 1e6, name, v[n - 1] / 1e6);
}

static long rss_kb(const char *pids)
{
    long total = 0;
    for (const char *pid = pids; pid && *pid;) {
        const char *comma = strchr(pid, ',');
        int len = comma ? (int)(comma - pid) : (int)strlen(pid);
        char path[64], line[256];
        snprintf(path, sizeof path, "/proc/%.*s/status", len, pid);
        pid = comma ? comma + 1 : NULL;
        FILE *f = fopen(path, "r");
        while (f && fgets(line, sizeof line, f))
            if (strncmp(line, "VmRSS:", 6) == 0)
                total += strtol(line + 6, NULL, 10);
        if (f)
            fclose(f);
    }
    return total;
}

static double cpu_seconds(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
           ru.ru_stime.tv_usec / 1e6;
}

/* --- writes ------------------------------------------------------------------------ */

typedef struct {
    int fd;
    rbuf in;
    size_t *owned; /* indices into pairs */
    size_t owned_count, cursor;
    int64_t sent_ns;
    bool busy;
} writer;

static int run_writes(int conns, int seconds)
{
    writer *ws = calloc((size_t)conns, sizeof *ws);
    int ep = epoll_create1(EPOLL_CLOEXEC);
    int64_t *lat = NULL;
    size_t lat_count = 0, lat_cap = 0, acked = 0, refused = 0;
    if ((size_t)conns > pair_count) {
        fprintf(stderr, "podload: %d connections need at least as many pairs (%zu)\n", conns,
                pair_count);
        return 1;
    }
    for (int c = 0; c < conns; c++) {
        writer *w = &ws[c];
        w->owned = calloc(pair_count / (size_t)conns + 1, sizeof *w->owned);
        for (size_t i = (size_t)c; i < pair_count; i += (size_t)conns)
            w->owned[w->owned_count++] = i;
        w->fd = connect_blocking();
        set_nonblocking(w->fd);
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = w};
        epoll_ctl(ep, EPOLL_CTL_ADD, w->fd, &ev);
    }
    int64_t start = now_ns(), stop = start + (int64_t)seconds * 1000000000, last_ack = start;
    for (int c = 0; c < conns; c++) {
        ws[c].sent_ns = now_ns();
        ws[c].busy = true;
        post_pair(ws[c].fd, &pairs[ws[c].owned[0]]);
    }
    int in_flight = conns;
    struct epoll_event events[256];
    char body[4096], chunk[65536];
    while (in_flight > 0 && now_ns() < stop + 10 * (int64_t)1000000000) {
        int n = epoll_wait(ep, events, 256, 100);
        for (int e = 0; e < n; e++) {
            writer *w = events[e].data.ptr;
            ssize_t got = read(w->fd, chunk, sizeof chunk);
            if (got <= 0) {
                if (got < 0 && errno == EAGAIN)
                    continue;
                fprintf(stderr, "podload: the server closed a writer's connection\n");
                return 1;
            }
            rbuf_add(&w->in, chunk, (size_t)got);
            int status;
            while ((status = take_reply(&w->in, body, sizeof body)) != 0) {
                int64_t t = now_ns();
                pair *p = &pairs[w->owned[w->cursor]];
                if (status == 201) {
                    p->last_seq = seq_of(body);
                    acked++;
                    last_ack = t;
                    if (lat_count == lat_cap) {
                        lat_cap = lat_cap ? lat_cap * 2 : 65536;
                        lat = realloc(lat, lat_cap * sizeof *lat);
                    }
                    lat[lat_count++] = t - w->sent_ns;
                } else if (refused++ < 3) {
                    fprintf(stderr, "podload: %s %s: %d %s\n", p->unit, p->competitor, status,
                            body);
                }
                w->busy = false;
                in_flight--;
                w->cursor = (w->cursor + 1) % w->owned_count;
                if (t < stop) {
                    w->sent_ns = t;
                    w->busy = true;
                    in_flight++;
                    post_pair(w->fd, &pairs[w->owned[w->cursor]]);
                }
            }
        }
    }
    const char *state = getenv("PODLOAD_STATE");
    FILE *out = state ? fopen(state, "w") : NULL;
    for (size_t i = 0; out && i < pair_count; i++)
        fprintf(out, "%s %s %lld\n", pairs[i].unit, pairs[i].competitor,
                (long long)pairs[i].last_seq);
    if (out)
        fclose(out);
    double elapsed = (last_ack - start) / 1e9;
    printf("writers=%d\nacknowledged=%zu\nrefused=%zu\nseconds=%.3f\nper_second=%.0f\n", conns,
           acked, refused, elapsed, elapsed > 0 ? acked / elapsed : 0.0);
    print_latency("ack", lat, lat_count);
    printf("client_cpu_s=%.2f\n", cpu_seconds());
    return refused ? 1 : 0;
}

/* --- fan-out ------------------------------------------------------------------------- */

static const char PATTERN[] = "data: {\"seq\":";
#define PATTERN_LEN (sizeof PATTERN - 1)

typedef struct {
    int fd;
    int index;
    bool status_seen;
    int match; /* characters of PATTERN matched at a line start; -1: skip the line */
    bool in_number;
    int64_t number;
} sub;

static int64_t base_seq; /* message K is seq base_seq + K, K from 1 */
static size_t messages, subs_count;
static int64_t *received; /* [message * subs + sub], 0: not yet */
static size_t deliveries;
static int64_t last_delivery;
static int subs_ok;

static void record(sub *s, int64_t number, int64_t t)
{
    int64_t k = number - base_seq - 1;
    if (k < 0 || (size_t)k >= messages)
        return;
    int64_t *slot = &received[(size_t)k * subs_count + (size_t)s->index];
    if (*slot == 0) {
        *slot = t;
        deliveries++;
        last_delivery = t;
    }
}

static void scan(sub *s, const char *p, size_t n, int64_t t)
{
    size_t i = 0;
    if (!s->status_seen && n >= 12) {
        s->status_seen = true;
        if (memcmp(p, "HTTP/1.1 200", 12) == 0)
            subs_ok++;
        else
            fprintf(stderr, "podload: subscriber %d: %.40s\n", s->index, p);
    }
    while (i < n) {
        if (s->in_number) {
            if (p[i] >= '0' && p[i] <= '9') {
                s->number = s->number * 10 + (p[i++] - '0');
                continue;
            }
            record(s, s->number, t);
            s->in_number = false;
            s->match = -1;
        }
        if (s->match < 0) {
            const char *nl = memchr(p + i, '\n', n - i);
            if (!nl)
                return;
            i = (size_t)(nl - p) + 1;
            s->match = 0;
            continue;
        }
        if (p[i] == PATTERN[s->match]) {
            i++;
            if ((size_t)++s->match == PATTERN_LEN) {
                s->in_number = true;
                s->number = 0;
            }
        } else {
            s->match = -1;
        }
    }
}

static int run_fanout(bool nchan, int nsubs, int rate, int seconds, const char *pids,
                      const char *payload_path)
{
    char body[8192], *payload = NULL;
    size_t payload_len = 0;
    int ep = epoll_create1(EPOLL_CLOEXEC);
    struct rlimit lim;
    getrlimit(RLIMIT_NOFILE, &lim);
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
    if (nchan) {
        FILE *f = fopen(payload_path, "rb");
        if (!f)
            die(payload_path);
        payload = malloc(1 << 22);
        payload_len = fread(payload, 1, (1 << 22) - 1, f);
        fclose(f);
        while (payload_len && (payload[payload_len - 1] == '\n'))
            payload_len--;
        base_seq = 0;
    } else {
        if (http_get("/api/health", body, sizeof body) != 200)
            die("GET /api/health");
        base_seq = seq_of(body);
    }
    subs_count = (size_t)nsubs;
    messages = (size_t)rate * (size_t)seconds;
    received = calloc(messages * subs_count, sizeof *received);
    sub *subs = calloc(subs_count, sizeof *subs);
    if (!received || !subs)
        die("calloc");

    usleep(200000);
    long rss_before = rss_kb(pids);
    const char *sub_req =
        nchan ? "GET /sub HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n"
              : "GET /api/stream HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n";
    struct epoll_event events[1024];
    char chunk[65536];
    int64_t connect_start = now_ns();
    for (int i = 0; i < nsubs; i++) {
        sub *s = &subs[i];
        s->index = i;
        s->fd = connect_blocking();
        send_all(s->fd, sub_req, strlen(sub_req));
        set_nonblocking(s->fd);
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = s};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, s->fd, &ev) != 0)
            die("epoll_ctl");
        /* read what has come, so the server never waits on us while we connect */
        if (i % 256 == 255) {
            int n = epoll_wait(ep, events, 1024, 0);
            for (int e = 0; e < n; e++) {
                sub *r = events[e].data.ptr;
                ssize_t got = read(r->fd, chunk, sizeof chunk);
                if (got > 0)
                    scan(r, chunk, (size_t)got, now_ns());
            }
        }
    }
    /* until every subscriber has its 200 (podium sends a comment at once; nchan only headers) */
    int64_t wait_until = now_ns() + 20 * (int64_t)1000000000;
    int seen = 0;
    while (now_ns() < wait_until) {
        seen = 0;
        for (size_t i = 0; i < subs_count; i++)
            seen += subs[i].status_seen;
        if (seen == nsubs)
            break;
        int n = epoll_wait(ep, events, 1024, 50);
        for (int e = 0; e < n; e++) {
            sub *r = events[e].data.ptr;
            ssize_t got = read(r->fd, chunk, sizeof chunk);
            if (got > 0)
                scan(r, chunk, (size_t)got, now_ns());
        }
    }
    double connect_s = (now_ns() - connect_start) / 1e9;
    usleep(500000);
    long rss_after = rss_kb(pids);
    printf("subscribers=%d\nsubscribed_ok=%d\nconnect_seconds=%.2f\n", nsubs, subs_ok, connect_s);
    printf("server_rss_before_kb=%ld\nserver_rss_subscribed_kb=%ld\nper_subscriber_bytes=%.0f\n",
           rss_before, rss_after, nsubs ? (rss_after - rss_before) * 1024.0 / nsubs : 0.0);
    fflush(stdout);

    /* the publisher */
    int pub = connect_blocking();
    set_nonblocking(pub);
    rbuf pin = {0};
    int timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    struct itimerspec period = {{0, 1000000000L / rate}, {0, 1000000000L / rate}};
    timerfd_settime(timer, 0, &period, NULL);
    struct epoll_event tev = {.events = EPOLLIN, .data.ptr = NULL};
    struct epoll_event pev = {.events = EPOLLIN, .data.ptr = &pin};
    epoll_ctl(ep, EPOLL_CTL_ADD, timer, &tev);
    epoll_ctl(ep, EPOLL_CTL_ADD, pub, &pev);
    int64_t *sent = calloc(messages + 1, sizeof *sent);
    int64_t *acked = calloc(messages + 1, sizeof *acked);
    int64_t *send_of_next = calloc(messages + 1, sizeof *send_of_next);
    size_t posted = 0, answered = 0, due = 0, late = 0, refused = 0, pair_next = 0;
    bool busy = false;
    int64_t first_send = 0;
    char *msg = malloc(payload_len + 256);
    int64_t deadline = now_ns() + (int64_t)(seconds + 15) * 1000000000, last_answer = 0;
    for (;;) {
        int64_t t0 = now_ns();
        if (t0 > deadline)
            break;
        if (answered == messages &&
            (deliveries == messages * subs_count || t0 > last_answer + 3 * (int64_t)1000000000))
            break;
        if (!busy && due > posted && posted < messages) {
            int64_t t = now_ns();
            if (!first_send)
                first_send = t;
            if (nchan) {
                int head =
                    snprintf(msg, 256, "{\"seq\":%zu,\"rsc\":\"BENCH\",\"results\":", posted + 1);
                memcpy(msg + head, payload, payload_len);
                memcpy(msg + head + payload_len, "}", 1);
                size_t mlen = (size_t)head + payload_len + 1;
                char hdr[256];
                int hl = snprintf(hdr, sizeof hdr,
                                  "POST /pub HTTP/1.1\r\nHost: bench\r\nContent-Type: "
                                  "application/json\r\nContent-Length: %zu\r\n\r\n",
                                  mlen);
                send_all(pub, hdr, (size_t)hl);
                send_all(pub, msg, mlen);
            } else {
                post_pair(pub, &pairs[pair_next]);
            }
            send_of_next[posted] = t;
            posted++;
            busy = true;
        }
        int n = epoll_wait(ep, events, 1024, 1);
        for (int e = 0; e < n; e++) {
            if (events[e].data.ptr == NULL) {
                uint64_t ticks;
                if (read(timer, &ticks, sizeof ticks) == sizeof ticks) {
                    if (busy || due > posted)
                        late += ticks;
                    due += ticks;
                }
                continue;
            }
            if (events[e].data.ptr == &pin) {
                ssize_t got = read(pub, chunk, sizeof chunk);
                if (got <= 0)
                    continue;
                rbuf_add(&pin, chunk, (size_t)got);
                int status;
                while ((status = take_reply(&pin, body, sizeof body)) != 0) {
                    int64_t t = now_ns();
                    size_t k;
                    if (status != 201 && status != 202) {
                        if (refused++ < 3)
                            fprintf(stderr, "podload: publisher: %d %s\n", status, body);
                        k = answered;
                    } else if (nchan) {
                        k = answered;
                    } else {
                        pair *p = &pairs[pair_next];
                        p->last_seq = seq_of(body);
                        pair_next = (pair_next + 1) % pair_count;
                        k = (size_t)(p->last_seq - base_seq - 1);
                    }
                    if (k < messages) {
                        acked[k] = t;
                        sent[k] = send_of_next[answered];
                    }
                    answered++;
                    last_answer = t;
                    busy = false;
                }
                continue;
            }
            sub *r = events[e].data.ptr;
            ssize_t got = read(r->fd, chunk, sizeof chunk);
            if (got > 0)
                scan(r, chunk, (size_t)got, now_ns());
            else if (got == 0) {
                epoll_ctl(ep, EPOLL_CTL_DEL, r->fd, NULL);
                fprintf(stderr, "podload: subscriber %d closed by the server\n", r->index);
            }
        }
    }
    int64_t *from_ack = malloc((deliveries + 1) * sizeof *from_ack);
    int64_t *from_send = malloc((deliveries + 1) * sizeof *from_send);
    size_t count = 0;
    for (size_t k = 0; k < messages; k++)
        for (size_t s = 0; s < subs_count; s++) {
            int64_t t = received[k * subs_count + s];
            if (t && acked[k]) {
                from_ack[count] = t - acked[k];
                from_send[count] = t - sent[k];
                count++;
            }
        }
    double span = deliveries ? (last_delivery - first_send) / 1e9 : 0.0;
    printf("rate_per_second=%d\nmessages=%zu\npublisher_late_ticks=%zu\nrefused=%zu\n", rate,
           messages, late, refused);
    printf("deliveries=%zu\nexpected=%zu\nmissing=%zu\nseconds=%.3f\ndeliveries_per_second=%.0f\n",
           deliveries, messages * subs_count, messages * subs_count - deliveries, span,
           span > 0 ? deliveries / span : 0.0);
    print_latency("from_ack", from_ack, count);
    print_latency("from_send", from_send, count);
    printf("server_rss_end_kb=%ld\nframe_bytes=%zu\nclient_cpu_s=%.2f\n", rss_kb(pids),
           nchan ? payload_len + 40 : 0, cpu_seconds());
    return 0;
}

static int num(const char *text)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (*text == '\0' || *end || v < 0 || v > 10000000) {
        fprintf(stderr, "podload: expected a number, got '%s'\n", text);
        exit(2);
    }
    return (int)v;
}

int main(int argc, char **argv)
{
    if (argc == 7 && strcmp(argv[1], "writes") == 0) {
        port_arg = num(argv[2]);
        token = argv[3];
        load_pairs(argv[6]);
        return run_writes(num(argv[4]), num(argv[5]));
    }
    if (argc == 10 && strcmp(argv[1], "fanout") == 0 && strcmp(argv[2], "podium") == 0) {
        port_arg = num(argv[3]);
        token = argv[8];
        load_pairs(argv[9]);
        return run_fanout(false, num(argv[4]), num(argv[5]), num(argv[6]), argv[7], NULL);
    }
    if (argc == 9 && strcmp(argv[1], "fanout") == 0 && strcmp(argv[2], "nchan") == 0) {
        port_arg = num(argv[3]);
        return run_fanout(true, num(argv[4]), num(argv[5]), num(argv[6]), argv[7], argv[8]);
    }
    fprintf(stderr, "usage: podload writes PORT TOKEN CONNS SECONDS PAIRS\n"
                    "       podload fanout podium PORT SUBS RATE SECONDS PIDS TOKEN PAIRS\n"
                    "       podload fanout nchan PORT SUBS RATE SECONDS PIDS PAYLOAD\n");
    return 2;
}
