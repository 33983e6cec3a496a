/*
 * news.h: the Games' news articles, Markdown files turned into safe HTML.
 *
 * An article is a UTF-8 Markdown file with a small header:
 *
 *     ---
 *     title: Yanqing's sliding track passes homologation
 *     date: 2021-10-25
 *     summary: one sentence for the list (optional)
 *     ---
 *     Body in Markdown ...
 *
 * The body is a deliberately small Markdown subset (headings, paragraphs,
 * lists, block quotes, emphasis, code spans, links) rendered to HTML in which
 * every character of the source is escaped and only fixed tags are emitted;
 * a link's target must be http(s), mailto, a site path or a fragment. So the
 * HTML can be put into a page as it is.
 */
#ifndef PODIUM_NEWS_H
#define PODIUM_NEWS_H

#include <stddef.h>

#include "podium/err.h"

/* Largest article file accepted, and the longest slug. */
#define PD_NEWS_MAX_BYTES (256u * 1024u)
#define PD_NEWS_SLUG_MAX  80

typedef struct {
    char slug[PD_NEWS_SLUG_MAX + 1]; /* from the file name: [a-z0-9-], no ".md" */
    char *title;                     /* plain text (not escaped) */
    char *date;                      /* "YYYY-MM-DD" */
    char *summary;                   /* plain text; "" when not given */
    char *html;                      /* the body as safe HTML */
} pd_news_article;

/*
 * Parse one article: slug (checked: 1 to PD_NEWS_SLUG_MAX of [a-z0-9-]) and
 * the file's bytes. Fills *out (caller storage; free with
 * pd_news_article_cleanup, also after a failure). Errors: PD_ERR_INPUT naming
 * the header field or the line, PD_ERR_NOMEM.
 */
pd_err pd_news_parse(const char *slug, const char *text, size_t len, pd_news_article *out,
                     pd_diag *diag);

/* Free what an article owns (NULL-safe fields); the struct may be reused. */
void pd_news_article_cleanup(pd_news_article *article);

/*
 * Render the Markdown subset of len bytes to HTML (escaped, fixed tags only).
 * *out is a new NUL-terminated string the caller frees. Errors: PD_ERR_INPUT
 * (not UTF-8, a NUL byte, too large), PD_ERR_NOMEM.
 */
pd_err pd_markdown_to_html(const char *text, size_t len, char **out, pd_diag *diag);

#endif
