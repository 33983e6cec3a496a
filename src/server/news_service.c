/*
 * news_service.c: the Games' news, published by the server under /api/news.
 *
 * Articles are Markdown files in PODIUM_DATADIR/news (or $PODIUM_NEWS_DIR),
 * read once at start-up and rendered to safe HTML by src/feed/news.c; the
 * state is then read-only, so requests need no lock. A file that does not
 * parse is left out with a warning on stderr naming it: a typo in an article
 * must not stop the results server. News is not written through the API, so
 * the service refuses every observation (check) and applies none.
 *
 *   GET /api/news          {"articles": [{"slug", "title", "date", "summary"}]}, newest first
 *   GET /api/news/{slug}   {"slug", "title", "date", "summary", "html"}
 */
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/service.h"
#include "podium/news.h"

#define MAX_ARTICLES 1000

typedef struct {
    pd_news_article *articles; /* newest first */
    size_t count;
} news_state;

static int by_date_desc(const void *a, const void *b)
{
    const pd_news_article *x = a, *y = b;
    int c = strcmp(y->date, x->date);
    return c ? c : strcmp(x->slug, y->slug);
}

static pd_err read_file(const char *path, char **text, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return PD_ERR_IO;
    char *buf = malloc(PD_NEWS_MAX_BYTES + 1);
    size_t got = buf ? fread(buf, 1, PD_NEWS_MAX_BYTES + 1, f) : 0;
    bool bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        free(buf);
        return buf ? PD_ERR_IO : PD_ERR_NOMEM;
    }
    *text = buf;
    *len = got;
    return PD_OK;
}

static void news_destroy(void *state)
{
    news_state *st = state;
    if (!st)
        return;
    for (size_t i = 0; i < st->count; i++)
        pd_news_article_cleanup(&st->articles[i]);
    free(st->articles);
    free(st);
}

static void *news_create(const pd_programme *prog, pd_diag *diag)
{
    (void)prog;
    const char *dir_path = getenv("PODIUM_NEWS_DIR");
    if (!dir_path || !dir_path[0])
        dir_path = PODIUM_DATADIR "/news";
    news_state *st = calloc(1, sizeof *st);
    if (!st || !(st->articles = calloc(MAX_ARTICLES, sizeof *st->articles))) {
        free(st);
        pd_diag_set(diag, PD_ERR_NOMEM, "news", "out of memory");
        return NULL;
    }
    DIR *dir = opendir(dir_path);
    if (!dir)
        return st; /* no news directory: no news */
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL && st->count < MAX_ARTICLES) {
        const char *name = entry->d_name;
        size_t n = strlen(name);
        if (n < 4 || strcmp(name + n - 3, ".md") != 0 || name[0] == '.' || n - 3 > PD_NEWS_SLUG_MAX)
            continue;
        char slug[PD_NEWS_SLUG_MAX + 1], path[4096];
        memcpy(slug, name, n - 3);
        slug[n - 3] = '\0';
        snprintf(path, sizeof path, "%s/%s", dir_path, name);
        char *text = NULL;
        size_t len = 0;
        pd_diag article_diag = {0};
        pd_err err = read_file(path, &text, &len);
        if (!err && len > PD_NEWS_MAX_BYTES)
            err = pd_diag_set(&article_diag, PD_ERR_INPUT, "", "larger than %u bytes",
                              PD_NEWS_MAX_BYTES);
        else if (!err)
            err = pd_news_parse(slug, text, len, &st->articles[st->count], &article_diag);
        else
            pd_diag_set(&article_diag, err, "", "cannot read the file");
        free(text);
        if (err) {
            char line[PD_DIAG_PATH_MAX + PD_DIAG_REASON_MAX + 4];
            fprintf(stderr, "podium serve: news: %s left out: %s\n", path,
                    pd_diag_format(&article_diag, line, sizeof line));
            pd_news_article_cleanup(&st->articles[st->count]);
            continue;
        }
        st->count++;
    }
    closedir(dir);
    qsort(st->articles, st->count, sizeof *st->articles, by_date_desc);
    return st;
}

static pd_err news_check(void *state, const json_t *body, const char *author, pd_diag *diag)
{
    (void)state;
    (void)body;
    (void)author;
    return pd_diag_set(diag, PD_ERR_UNSUPPORTED, "news", "articles are published as files");
}

static json_t *summary_of(const pd_news_article *a)
{
    return json_pack("{s:s, s:s, s:s, s:s}", "slug", a->slug, "title", a->title, "date", a->date,
                     "summary", a->summary);
}

static void news_handle(void *state, pd_service_call *call)
{
    news_state *st = state;
    const char *method = pd_service_method(call);
    const char *path = pd_service_path(call) + strlen("/api/news");
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        pd_service_error(call, 405, "method-not-allowed", "news is read-only: use GET");
        return;
    }
    if (path[0] == '\0' || strcmp(path, "/") == 0) {
        json_t *list = json_array();
        for (size_t i = 0; list && i < st->count; i++)
            json_array_append_new(list, summary_of(&st->articles[i]));
        pd_service_reply(call, 200, json_pack("{s:o}", "articles", list ? list : json_array()));
        return;
    }
    const char *slug = path + 1;
    for (size_t i = 0; i < st->count; i++) {
        const pd_news_article *a = &st->articles[i];
        if (strcmp(a->slug, slug) != 0)
            continue;
        json_t *doc = summary_of(a);
        if (doc)
            json_object_set_new(doc, "html", json_string(a->html));
        pd_service_reply(call, 200, doc);
        return;
    }
    pd_service_error(call, 404, "not-found", "no article %.100s", slug);
}

const pd_service pd_news_service = {
    .name = "news",
    .code = "NWS-------------------------------",
    .prefix = "/api/news",
    .create = news_create,
    .destroy = news_destroy,
    .check = news_check,
    .apply = NULL, /* read-only */
    .handle = news_handle,
};
