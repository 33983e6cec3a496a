/*
 * Tests for src/feed/news.c: the Markdown subset, its escaping (nothing in a
 * file can inject markup or a script link), the article header and its
 * errors, and every article shipped in data/news.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "podium/news.h"

static char *render(const char *md)
{
    char *html = NULL;
    pd_diag diag = {0};
    assert_int_equal(pd_markdown_to_html(md, strlen(md), &html, &diag), PD_OK);
    return html;
}

static void expect_html(const char *md, const char *want)
{
    char *html = render(md);
    int same = strcmp(html, want) == 0;
    if (!same)
        print_error("markdown %s\n got: %s\nwant: %s\n", md, html, want);
    free(html);
    assert_true(same);
}

static void test_blocks(void **state)
{
    (void)state;
    expect_html("", "");
    expect_html("Hello\nworld\n\nNext", "<p>Hello\nworld</p>\n<p>Next</p>\n");
    expect_html("# Title\n## Sub\n### Small", "<h2>Title</h2>\n<h3>Sub</h3>\n<h4>Small</h4>\n");
    expect_html("- a\n- b\n\n1. one\n2. two\n",
                "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n");
    expect_html("> quoted\n> more", "<blockquote><p>quoted\nmore</p></blockquote>\n");
    expect_html("text\r\n- item\r\n", "<p>text</p>\n<ul>\n<li>item</li>\n</ul>\n");
    expect_html("####### not a heading", "<p>####### not a heading</p>\n");
}

static void test_inline(void **state)
{
    (void)state;
    expect_html("**bold** and *em* and `a<b`",
                "<p><strong>bold</strong> and <em>em</em> and <code>a&lt;b</code></p>\n");
    expect_html("[the schedule](/schedule)", "<p><a href=\"/schedule\">the schedule</a></p>\n");
    expect_html("[x](https://example.org/?a=1&b=2)",
                "<p><a href=\"https://example.org/?a=1&amp;b=2\">x</a></p>\n");
    expect_html("2 * 3 * 4", "<p>2 * 3 * 4</p>\n");
    expect_html("a **b", "<p>a **b</p>\n");
    expect_html("\\*literal\\*", "<p>*literal*</p>\n");
    expect_html("unclosed [link](", "<p>unclosed [link](</p>\n");
}

static void test_escaping(void **state)
{
    (void)state;
    expect_html("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
    expect_html("\"quotes\" & 'apostrophes'",
                "<p>&quot;quotes&quot; &amp; &#39;apostrophes&#39;</p>\n");
    /* unsafe targets keep their text only */
    expect_html("[click](javascript:void)", "<p>click</p>\n");
    expect_html("[click](javascript:alert(1))", "<p>click)</p>\n"); /* closes at the first ')' */
    expect_html("[x](//evil.example/)", "<p>x</p>\n");
    expect_html("[x](data:text/html,hi)", "<p>x</p>\n");
    expect_html("[x](/a\" onmouseover=\"y)", "<p>x</p>\n");
    expect_html("[**b**](#top)", "<p><a href=\"#top\"><strong>b</strong></a></p>\n");
    expect_html("# <i>h</i>", "<h2>&lt;i&gt;h&lt;/i&gt;</h2>\n");
}

static void test_bad_text(void **state)
{
    (void)state;
    char *html = NULL;
    pd_diag diag = {0};
    assert_int_equal(pd_markdown_to_html("a\0b", 3, &html, &diag), PD_ERR_INPUT);
    assert_int_equal(pd_markdown_to_html("\xff\xfe", 2, &html, &diag), PD_ERR_INPUT);
    assert_int_equal(pd_markdown_to_html("\xc3", 1, &html, &diag), PD_ERR_INPUT);
    assert_null(html);
    /* many stray markers stay linear and are kept as text */
    size_t n = 100000;
    char *stars = malloc(n + 1);
    assert_non_null(stars);
    for (size_t i = 0; i < n; i++)
        stars[i] = i % 2 ? '*' : '[';
    stars[n] = '\0';
    assert_int_equal(pd_markdown_to_html(stars, n, &html, &diag), PD_OK);
    free(html);
    free(stars);
    expect_html("中文 **北京**", "<p>中文 <strong>北京</strong></p>\n");
}

static void test_article(void **state)
{
    (void)state;
    static const char good[] = "---\ntitle: Ice Cube\ndate: 2021-11-20\nsummary:  Curling \n---\n"
                               "Body *text*.\n";
    pd_news_article a;
    pd_diag diag = {0};
    assert_int_equal(pd_news_parse("ice-cube", good, sizeof good - 1, &a, &diag), PD_OK);
    assert_string_equal(a.slug, "ice-cube");
    assert_string_equal(a.title, "Ice Cube");
    assert_string_equal(a.date, "2021-11-20");
    assert_string_equal(a.summary, "Curling");
    assert_string_equal(a.html, "<p>Body <em>text</em>.</p>\n");
    pd_news_article_cleanup(&a);

    static const struct {
        const char *slug, *text, *path;
    } bad[] = {
        {"Bad_Slug", good, "slug"},
        {"x", "title: no header\n", "line 1"},
        {"x", "---\ntitle: t\ndate: 2021-11-20\n", "header"},
        {"x", "---\ndate: 2021-11-20\n---\n", "title"},
        {"x", "---\ntitle: t\ndate: 20 Nov 2021\n---\n", "date"},
        {"x", "---\ntitle: t\ndate: 2021-13-01\n---\n", "date"},
        {"x", "---\ntitle: t\ntitle: u\ndate: 2021-11-20\n---\n", "title"},
        {"x", "---\ntitle: t\nauthor: me\ndate: 2021-11-20\n---\n", "author"},
        {"x", "---\njust words\n---\n", "line 2"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pd_diag_clear(&diag);
        pd_err err = pd_news_parse(bad[i].slug, bad[i].text, strlen(bad[i].text), &a, &diag);
        pd_news_article_cleanup(&a);
        if (err != PD_ERR_INPUT || strcmp(diag.path, bad[i].path) != 0)
            fail_msg("case %zu: err %d path '%s' (%s), want path '%s'", i, err, diag.path,
                     diag.reason, bad[i].path);
    }
}

/* Every article shipped in data/news parses, with a body. */
static void test_shipped(void **state)
{
    (void)state;
    DIR *dir = opendir(PODIUM_DATADIR "/news");
    assert_non_null(dir);
    struct dirent *entry;
    int count = 0;
    while ((entry = readdir(dir)) != NULL) {
        size_t n = strlen(entry->d_name);
        if (n < 4 || strcmp(entry->d_name + n - 3, ".md") != 0)
            continue;
        char path[1024], slug[PD_NEWS_SLUG_MAX + 1];
        snprintf(path, sizeof path, "%s/news/%s", PODIUM_DATADIR, entry->d_name);
        snprintf(slug, sizeof slug, "%.*s", (int)(n - 3), entry->d_name);
        FILE *f = fopen(path, "rb");
        assert_non_null(f);
        static char text[PD_NEWS_MAX_BYTES];
        size_t len = fread(text, 1, sizeof text, f);
        fclose(f);
        pd_news_article a;
        pd_diag diag = {0};
        if (pd_news_parse(slug, text, len, &a, &diag) != PD_OK)
            fail_msg("%s: %s: %s", path, diag.path, diag.reason);
        assert_true(strlen(a.html) > 100);
        pd_news_article_cleanup(&a);
        count++;
    }
    closedir(dir);
    assert_true(count >= 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blocks),   cmocka_unit_test(test_inline),
        cmocka_unit_test(test_escaping), cmocka_unit_test(test_bad_text),
        cmocka_unit_test(test_article),  cmocka_unit_test(test_shipped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
