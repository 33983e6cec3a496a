/*
 * receiver.c: a tiny ODF push receiver for tests.
 *
 * usage: receiver PORT LOG MODE KEY
 *   PORT  0 for any free port (printed as "port N" on stdout once listening)
 *   LOG   received messages, one line each: "TYPE CODE VERSION", appended
 *   MODE  ok      answer 200 and record the message (a message already in
 *                 LOG is answered 200 and not recorded again: idempotent by
 *                 document and version, as an ODF receiver is)
 *         refuse  answer 503 to everything
 *         stall   read the request and never answer
 *   KEY   the X-API-KEY expected; others get 401
 *
 * One connection at a time, HTTP/1.1 with Connection: close. Runs until killed.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_REQUEST (64 * 1024 * 1024)

/* The value of attribute name="..." in the first 2 KB of body. */
static int attribute(const char *body, size_t len, const char *name, char *out, size_t size)
{
    char pattern[64];
    size_t n = len < 2048 ? len : 2048;
    snprintf(pattern, sizeof pattern, " %s=\"", name);
    const char *p = memmem(body, n, pattern, strlen(pattern));
    if (!p)
        return -1;
    p += strlen(pattern);
    const char *q = memchr(p, '"', (size_t)(body + n - p));
    if (!q || (size_t)(q - p) >= size)
        return -1;
    memcpy(out, p, (size_t)(q - p));
    out[q - p] = '\0';
    return 0;
}

static int already(const char *log, const char *line)
{
    FILE *f = fopen(log, "r");
    char buf[256];
    int found = 0;
    while (f && !found && fgets(buf, sizeof buf, f))
        found = strcmp(buf, line) == 0;
    if (f)
        fclose(f);
    return found;
}

static void reply(int fd, int status, const char *text)
{
    char head[256];
    int n =
        snprintf(head, sizeof head,
                 "HTTP/1.1 %d %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", status, text);
    if (write(fd, head, (size_t)n) < 0)
        perror("write");
}

static void serve(int fd, const char *log, const char *mode, const char *key)
{
    char *req = malloc(MAX_REQUEST + 1);
    size_t got = 0, need = 0;
    char *body = NULL;
    if (!req)
        return;
    for (;;) {
        ssize_t r = read(fd, req + got, MAX_REQUEST - got);
        if (r <= 0)
            break;
        got += (size_t)r;
        req[got] = '\0';
        if (!body) {
            char *end = strstr(req, "\r\n\r\n");
            if (!end)
                continue;
            body = end + 4;
            char *cl = strcasestr(req, "\r\nContent-Length:");
            need = (size_t)(body - req) + (cl ? strtoul(cl + 17, NULL, 10) : 0);
        }
        if (got >= need)
            break;
    }
    if (!body || got < need) {
        free(req);
        return;
    }
    if (strcmp(mode, "stall") == 0) {
        char sink[256];
        while (read(fd, sink, sizeof sink) > 0) /* until the sender gives up */
            ;
        free(req);
        return;
    }
    if (strcmp(mode, "refuse") == 0) {
        reply(fd, 503, "Service Unavailable");
        free(req);
        return;
    }
    char *k = strcasestr(req, "\r\nX-API-KEY: ");
    if (!k || strncmp(k + 13, key, strlen(key)) != 0 || (k[13 + strlen(key)] != '\r')) {
        reply(fd, 401, "Unauthorized");
        free(req);
        return;
    }
    char type[64], code[64], version[32], line[256];
    size_t len = got - (size_t)(body - req);
    if (attribute(body, len, "DocumentType", type, sizeof type) ||
        attribute(body, len, "DocumentCode", code, sizeof code) ||
        attribute(body, len, "Version", version, sizeof version)) {
        reply(fd, 400, "Bad Request");
        free(req);
        return;
    }
    snprintf(line, sizeof line, "%s %s %s\n", type, code, version);
    if (!already(log, line)) {
        FILE *f = fopen(log, "a");
        if (!f || fputs(line, f) < 0 || fclose(f) != 0) {
            reply(fd, 500, "Internal Server Error");
            free(req);
            return;
        }
    }
    reply(fd, 200, "OK");
    free(req);
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: receiver PORT LOG ok|refuse|stall KEY\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    int lfd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    struct sockaddr_in addr = {0};
    socklen_t alen = sizeof addr;
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short)strtol(argv[1], NULL, 10));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(lfd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(lfd, 16) != 0 ||
        getsockname(lfd, (struct sockaddr *)&addr, &alen) != 0) {
        perror("receiver: listen");
        return 1;
    }
    printf("port %d\n", ntohs(addr.sin_port));
    fflush(stdout);
    for (;;) {
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0)
            continue;
        serve(fd, argv[2], argv[3], argv[4]);
        close(fd);
    }
}
