/*
 * fuzz_news.c: news articles (header + Markdown). Whatever parses must give
 * HTML with no tag outside the fixed set and no raw '<' from the input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "podium/news.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_html(const char *html)
{
    static const char *const tags[] = {
        "p>",      "/p>",      "h2>", "/h2>", "h3>",   "/h3>",   "h4>",         "/h4>",
        "ul>",     "/ul>",     "ol>", "/ol>", "li>",   "/li>",   "blockquote>", "/blockquote>",
        "strong>", "/strong>", "em>", "/em>", "code>", "/code>", "a href=\"",   "/a>"};
    for (const char *p = strchr(html, '<'); p; p = strchr(p + 1, '<')) {
        size_t i = 0;
        while (i < sizeof tags / sizeof tags[0] && strncmp(p + 1, tags[i], strlen(tags[i])) != 0)
            i++;
        if (i == sizeof tags / sizeof tags[0])
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pd_news_article article;
    pd_diag diag = {0};
    if (pd_news_parse("fuzz", (const char *)data, size, &article, &diag) == PD_OK)
        check_html(article.html);
    pd_news_article_cleanup(&article);
    char *html = NULL;
    if (pd_markdown_to_html((const char *)data, size, &html, &diag) == PD_OK)
        check_html(html);
    free(html);
    return 0;
}
