/*
 * news.c: news articles, a header and a Markdown subset rendered to safe HTML.
 *
 * Why not a Markdown library: the site needs a dozen constructs and one hard
 * property, that nothing in a file can inject markup. So the renderer is a
 * line-oriented block pass (headings, paragraphs, lists, block quotes) and a
 * recursive inline pass (code spans, strong, emphasis, links) that escapes
 * every source byte it copies and emits only tags from a fixed set. Links
 * keep their target only when it is http(s), mailto, a site path or a
 * fragment; anything else (javascript:, data:, //host) is rendered as text.
 *
 * Inline markers look ahead for their closer; a marker without one is
 * remembered as such for the rest of the span, so a line full of stray
 * asterisks stays linear. Nesting is bounded (INLINE_DEPTH).
 */
#include "podium/news.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/buf.h"

#define INLINE_DEPTH 4
#define HTML_MAX     (4u * PD_NEWS_MAX_BYTES)

/* --- helpers ------------------------------------------------------------------ */

static bool valid_utf8(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        size_t n;
        uint32_t cp;
        if (c == 0)
            return false;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        for (size_t k = 1; k <= n; k++) {
            if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n + 1;
    }
    return true;
}

static pd_err add_escaped(pd_buf *out, const char *p, size_t len)
{
    pd_err err = PD_OK;
    size_t start = 0;
    for (size_t i = 0; i < len && !err; i++) {
        const char *entity = NULL;
        switch (p[i]) {
        case '&':
            entity = "&amp;";
            break;
        case '<':
            entity = "&lt;";
            break;
        case '>':
            entity = "&gt;";
            break;
        case '"':
            entity = "&quot;";
            break;
        case '\'':
            entity = "&#39;";
            break;
        default:
            continue;
        }
        err = pd_buf_add(out, p + start, i - start);
        if (!err)
            err = pd_buf_adds(out, entity);
        start = i + 1;
    }
    if (!err)
        err = pd_buf_add(out, p + start, len - start);
    return err;
}

/* First occurrence of marker (mlen bytes) in [from, end), or NULL. */
static const char *find(const char *from, const char *end, const char *marker, size_t mlen)
{
    for (const char *p = from; p + mlen <= end; p++)
        if (memcmp(p, marker, mlen) == 0)
            return p;
    return NULL;
}

static bool safe_target(const char *url, size_t len)
{
    static const char *const schemes[] = {"https://", "http://", "mailto:"};
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)url[i] <= ' ')
            return false;
    for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
        size_t n = strlen(schemes[i]);
        if (len > n && strncmp(url, schemes[i], n) == 0)
            return true;
    }
    if (len >= 1 && url[0] == '#')
        return true;
    return len >= 1 && url[0] == '/' && (len == 1 || url[1] != '/');
}

/* --- inline pass ---------------------------------------------------------------- */

static pd_err render_inline(pd_buf *out, const char *p, const char *end, int depth)
{
    bool no_code = false, no_strong = false, no_em = false, no_link = false;
    const char *text = p; /* start of the pending literal run */
    pd_err err = PD_OK;

#define FLUSH_TEXT(upto)                                                                           \
    do {                                                                                           \
        err = add_escaped(out, text, (size_t)((upto)-text));                                       \
        if (err)                                                                                   \
            return err;                                                                            \
    } while (0)

    while (p < end) {
        char c = *p;
        if (c == '\\' && p + 1 < end && strchr("\\`*_[]()#+-.!>", p[1]) && p[1]) {
            FLUSH_TEXT(p);
            text = p + 1;
            p += 2;
            continue;
        }
        if (c == '`' && !no_code) {
            const char *close = find(p + 1, end, "`", 1);
            if (!close) {
                no_code = true;
            } else {
                FLUSH_TEXT(p);
                if ((err = pd_buf_adds(out, "<code>")) ||
                    (err = add_escaped(out, p + 1, (size_t)(close - p - 1))) ||
                    (err = pd_buf_adds(out, "</code>")))
                    return err;
                p = text = close + 1;
                continue;
            }
        }
        if (c == '*' && p + 1 < end && p[1] == '*' && !no_strong && depth < INLINE_DEPTH) {
            const char *close = find(p + 2, end, "**", 2);
            if (!close || close == p + 2) {
                no_strong = !close;
            } else {
                FLUSH_TEXT(p);
                if ((err = pd_buf_adds(out, "<strong>")) ||
                    (err = render_inline(out, p + 2, close, depth + 1)) ||
                    (err = pd_buf_adds(out, "</strong>")))
                    return err;
                p = text = close + 2;
                continue;
            }
        } else if (c == '*' && !no_em && depth < INLINE_DEPTH && p + 1 < end && p[1] != ' ') {
            const char *close = find(p + 1, end, "*", 1);
            if (!close) {
                no_em = true;
            } else if (close > p + 1) {
                FLUSH_TEXT(p);
                if ((err = pd_buf_adds(out, "<em>")) ||
                    (err = render_inline(out, p + 1, close, depth + 1)) ||
                    (err = pd_buf_adds(out, "</em>")))
                    return err;
                p = text = close + 1;
                continue;
            }
        }
        if (c == '[' && !no_link && depth < INLINE_DEPTH) {
            const char *mid = find(p + 1, end, "](", 2);
            const char *close = mid ? find(mid + 2, end, ")", 1) : NULL;
            if (!close) {
                no_link = true;
            } else {
                const char *url = mid + 2;
                size_t url_len = (size_t)(close - url);
                FLUSH_TEXT(p);
                if (safe_target(url, url_len)) {
                    if ((err = pd_buf_adds(out, "<a href=\"")) ||
                        (err = add_escaped(out, url, url_len)) || (err = pd_buf_adds(out, "\">")) ||
                        (err = render_inline(out, p + 1, mid, depth + 1)) ||
                        (err = pd_buf_adds(out, "</a>")))
                        return err;
                } else if ((err = render_inline(out, p + 1, mid, depth + 1))) {
                    return err;
                }
                p = text = close + 1;
                continue;
            }
        }
        p++;
    }
    FLUSH_TEXT(end);
#undef FLUSH_TEXT
    return PD_OK;
}

/* --- block pass --------------------------------------------------------------------- */

typedef enum { BLOCK_NONE, BLOCK_PARA, BLOCK_QUOTE, BLOCK_UL, BLOCK_OL } block;

typedef struct {
    pd_buf *out;
    block open;
    pd_buf para; /* raw text of the open paragraph or quote */
} renderer;

static pd_err close_block(renderer *r)
{
    pd_err err = PD_OK;
    switch (r->open) {
    case BLOCK_PARA:
    case BLOCK_QUOTE: {
        const char *text = pd_buf_str(&r->para);
        bool quote = r->open == BLOCK_QUOTE;
        if ((err = pd_buf_adds(r->out, quote ? "<blockquote><p>" : "<p>")) ||
            (err = render_inline(r->out, text, text + r->para.len, 0)) ||
            (err = pd_buf_adds(r->out, quote ? "</p></blockquote>\n" : "</p>\n")))
            return err;
        pd_buf_reset(&r->para);
        break;
    }
    case BLOCK_UL:
        err = pd_buf_adds(r->out, "</ul>\n");
        break;
    case BLOCK_OL:
        err = pd_buf_adds(r->out, "</ol>\n");
        break;
    case BLOCK_NONE:
        break;
    }
    r->open = BLOCK_NONE;
    return err;
}

/* Length of an ordered-list marker "12. " at line, or 0. */
static size_t ordered_marker(const char *line, size_t len)
{
    size_t i = 0;
    while (i < len && i < 9 && line[i] >= '0' && line[i] <= '9')
        i++;
    if (i == 0 || i + 1 >= len || line[i] != '.' || line[i + 1] != ' ')
        return 0;
    return i + 2;
}

static pd_err render_line(renderer *r, const char *line, size_t len)
{
    pd_err err;
    size_t lead = 0;
    while (lead < len && lead < 4 && line[lead] == ' ')
        lead++;
    line += lead;
    len -= lead;
    if (len == 0)
        return close_block(r);

    size_t hashes = 0;
    while (hashes < len && hashes < 4 && line[hashes] == '#')
        hashes++;
    if (hashes >= 1 && hashes <= 3 && hashes < len && line[hashes] == ' ') {
        /* "#" is a section of the article: h2 (the page's h1 is the title) */
        char open[8], close[8];
        open[0] = '<', open[1] = 'h', open[2] = (char)('1' + hashes), open[3] = '>', open[4] = 0;
        close[0] = '<', close[1] = '/', close[2] = 'h', close[3] = (char)('1' + hashes);
        close[4] = '>', close[5] = '\n', close[6] = 0;
        if ((err = close_block(r)) || (err = pd_buf_adds(r->out, open)) ||
            (err = render_inline(r->out, line + hashes + 1, line + len, 0)))
            return err;
        return pd_buf_adds(r->out, close);
    }

    size_t item = 0;
    block list = BLOCK_NONE;
    if (len >= 2 && (line[0] == '-' || line[0] == '*') && line[1] == ' ') {
        item = 2;
        list = BLOCK_UL;
    } else if ((item = ordered_marker(line, len)) > 0) {
        list = BLOCK_OL;
    }
    if (list != BLOCK_NONE) {
        if (r->open != list) {
            if ((err = close_block(r)) ||
                (err = pd_buf_adds(r->out, list == BLOCK_UL ? "<ul>\n" : "<ol>\n")))
                return err;
            r->open = list;
        }
        if ((err = pd_buf_adds(r->out, "<li>")) ||
            (err = render_inline(r->out, line + item, line + len, 0)))
            return err;
        return pd_buf_adds(r->out, "</li>\n");
    }

    block kind = BLOCK_PARA;
    if (line[0] == '>') {
        kind = BLOCK_QUOTE;
        line++;
        len--;
        if (len && line[0] == ' ') {
            line++;
            len--;
        }
    }
    if (r->open != kind) {
        if ((err = close_block(r)))
            return err;
        r->open = kind;
    } else if ((err = pd_buf_adds(&r->para, "\n"))) {
        return err;
    }
    return pd_buf_add(&r->para, line, len);
}

pd_err pd_markdown_to_html(const char *text, size_t len, char **out, pd_diag *diag)
{
    pd_buf html;
    renderer r = {.out = &html, .open = BLOCK_NONE};
    pd_err err = PD_OK;

    *out = NULL;
    if (len > PD_NEWS_MAX_BYTES)
        return pd_diag_set(diag, PD_ERR_INPUT, "", "%zu bytes, more than %u", len,
                           PD_NEWS_MAX_BYTES);
    if (!valid_utf8((const unsigned char *)text, len))
        return pd_diag_set(diag, PD_ERR_INPUT, "", "not UTF-8 text");
    pd_buf_init(&html, HTML_MAX);
    pd_buf_init(&r.para, PD_NEWS_MAX_BYTES + 1);
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = nl ? nl : end;
        size_t line_len = (size_t)(line_end - p);
        if (line_len && p[line_len - 1] == '\r')
            line_len--;
        if ((err = render_line(&r, p, line_len)))
            goto fail;
        p = nl ? nl + 1 : end;
    }
    if ((err = close_block(&r)) || (err = pd_buf_adds(&html, "")))
        goto fail;
    *out = html.data ? html.data : strdup("");
    pd_buf_cleanup(&r.para);
    if (!*out)
        return pd_diag_set(diag, PD_ERR_NOMEM, "", "out of memory");
    return PD_OK;

fail:
    pd_buf_cleanup(&html);
    pd_buf_cleanup(&r.para);
    return pd_diag_set(diag, err, "", "rendering the article: out of memory");
}

/* --- articles --------------------------------------------------------------------------- */

static bool valid_date(const char *s)
{
    static const char shape[] = "dddd-dd-dd";
    if (strlen(s) != 10)
        return false;
    for (size_t i = 0; i < 10; i++)
        if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != '-')
            return false;
    int month = (s[5] - '0') * 10 + (s[6] - '0');
    int day = (s[8] - '0') * 10 + (s[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

static char *dup_trimmed(const char *p, size_t len)
{
    while (len && (*p == ' ' || *p == '\t'))
        p++, len--;
    while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
        len--;
    char *s = malloc(len + 1);
    if (s) {
        memcpy(s, p, len);
        s[len] = '\0';
    }
    return s;
}

pd_err pd_news_parse(const char *slug, const char *text, size_t len, pd_news_article *out,
                     pd_diag *diag)
{
    memset(out, 0, sizeof *out);
    size_t slug_len = strlen(slug);
    if (slug_len == 0 || slug_len > PD_NEWS_SLUG_MAX)
        return pd_diag_set(diag, PD_ERR_INPUT, "slug", "1 to %d characters", PD_NEWS_SLUG_MAX);
    for (size_t i = 0; i < slug_len; i++)
        if (!((slug[i] >= 'a' && slug[i] <= 'z') || (slug[i] >= '0' && slug[i] <= '9') ||
              slug[i] == '-'))
            return pd_diag_set(diag, PD_ERR_INPUT, "slug", "only a-z, 0-9 and '-'");
    memcpy(out->slug, slug, slug_len + 1);
    if (len > PD_NEWS_MAX_BYTES)
        return pd_diag_set(diag, PD_ERR_INPUT, "", "%zu bytes, more than %u", len,
                           PD_NEWS_MAX_BYTES);
    if (!valid_utf8((const unsigned char *)text, len))
        return pd_diag_set(diag, PD_ERR_INPUT, "", "not UTF-8 text");

    const char *p = text, *end = text + len;
    int line_no = 0;
    bool in_header = false, closed = false;
    while (p < end && !closed) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = nl ? nl : end;
        size_t line_len = (size_t)(line_end - p);
        if (line_len && p[line_len - 1] == '\r')
            line_len--;
        line_no++;
        bool fence = line_len == 3 && memcmp(p, "---", 3) == 0;
        if (!in_header) {
            if (!fence)
                return pd_diag_set(diag, PD_ERR_INPUT, "line 1", "expected the header \"---\"");
            in_header = true;
        } else if (fence) {
            closed = true;
        } else {
            const char *colon = memchr(p, ':', line_len);
            char field[16];
            size_t key_len = colon ? (size_t)(colon - p) : 0;
            if (!colon || key_len == 0 || key_len >= sizeof field) {
                char where[24];
                snprintf(where, sizeof where, "line %d", line_no);
                return pd_diag_set(diag, PD_ERR_INPUT, where, "expected \"key: value\"");
            }
            memcpy(field, p, key_len);
            field[key_len] = '\0';
            char **slot = strcmp(field, "title") == 0     ? &out->title
                          : strcmp(field, "date") == 0    ? &out->date
                          : strcmp(field, "summary") == 0 ? &out->summary
                                                          : NULL;
            if (!slot)
                return pd_diag_set(diag, PD_ERR_INPUT, field, "unknown key");
            if (*slot)
                return pd_diag_set(diag, PD_ERR_INPUT, field, "given twice");
            *slot = dup_trimmed(colon + 1, (size_t)(p + line_len - colon - 1));
            if (!*slot)
                return pd_diag_set(diag, PD_ERR_NOMEM, field, "out of memory");
        }
        p = nl ? nl + 1 : end;
    }
    if (!closed)
        return pd_diag_set(diag, PD_ERR_INPUT, "header", "not closed by \"---\"");
    if (!out->title || !out->title[0])
        return pd_diag_set(diag, PD_ERR_INPUT, "title", "required");
    if (!out->date || !valid_date(out->date))
        return pd_diag_set(diag, PD_ERR_INPUT, "date", "required, as YYYY-MM-DD");
    if (!out->summary && !(out->summary = strdup("")))
        return pd_diag_set(diag, PD_ERR_NOMEM, "summary", "out of memory");
    return pd_markdown_to_html(p, (size_t)(end - p), &out->html, diag);
}

void pd_news_article_cleanup(pd_news_article *article)
{
    free(article->title);
    free(article->date);
    free(article->summary);
    free(article->html);
    article->title = article->date = article->summary = article->html = NULL;
}
