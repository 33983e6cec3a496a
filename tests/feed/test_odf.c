/*
 * Tests for src/feed/odf.c: the header, result rows (ties, IRMs, escaping),
 * competitors (athlete, team, NOC), generic ExtendedResults, medallists,
 * fingerprints, refusals, a whole message byte for byte, a message past its
 * buffer. Every rendered message must also be well-formed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <libxml/parser.h>
#include <sodium.h>

#include "podium/odf.h"

#define BEIJING  PODIUM_DATADIR "/programme/beijing2022.json"
#define DH       "ALPMDH----------------FNL-000100--"
#define DH_EVENT "ALPMDH----------------------------"

static pd_programme *prog;

static int setup(void **state)
{
    (void)state;
    return sodium_init() >= 0 && pd_programme_load_file(BEIJING, &prog, NULL) == PD_OK ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    pd_programme_free(prog);
    return 0;
}

/* Render into buf (NUL-terminated) and check it parses. */
static pd_err render(pd_odf_type type, const char *code, const char *json, int64_t version,
                     pd_buf *buf)
{
    json_t *doc = json ? json_loads(json, 0, NULL) : NULL;
    pd_odf_header hdr = {type,
                         code,
                         version,
                         "OWG2022",
                         "PODIUM",
                         'P',
                         1644213600123LL /* 2022-02-07T06:00:00.123Z */,
                         NULL};
    pd_diag diag = {0};
    pd_buf_init(buf, 1u << 26);
    pd_err err = pd_odf_render(prog, &hdr, doc, buf, &diag);
    json_decref(doc);
    if (!err) {
        xmlDocPtr x = xmlReadMemory(buf->data, (int)buf->len, "odf.xml", NULL, XML_PARSE_NONET);
        assert_non_null(x);
        xmlFreeDoc(x);
    }
    return err;
}

static const char rows[] =
    "{\"rsc\": \"" DH "\", \"status\": \"OFFICIAL\", \"kind\": \"timed\", \"results\": ["
    "{\"rank\": 1, \"competitor\": \"603448\", \"result\": \"1:42.69\", \"irm\": \"\","
    " \"detail\": {\"behind\": \"\", \"runs\": [{\"run\": 1, \"time\": \"1:42.69\"}]}},"
    "{\"rank\": 1, \"competitor\": \"409997\", \"result\": \"1:42.69\", \"irm\": \"\","
    " \"detail\": {}},"
    "{\"rank\": 3, \"competitor\": \"ALPXTE-AUT\", \"result\": \"<&>\", \"irm\": \"\"},"
    "{\"rank\": null, \"competitor\": \"GBR\", \"result\": \"\", \"irm\": \"DNF\","
    " \"detail\": {\"note\": \"\"}}]}";

static void test_header(void **state)
{
    (void)state;
    pd_buf buf;
    assert_int_equal(render(PD_ODF_RESULT, DH, rows, 7, &buf), PD_OK);
    const char *x = pd_buf_str(&buf);
    assert_non_null(strstr(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assert_non_null(strstr(x, "<OdfBody CompetitionCode=\"OWG2022\" DocumentCode=\"" DH
                              "\" DocumentType=\"DT_RESULT\" Version=\"7\" "
                              "ResultStatus=\"OFFICIAL\" FeedFlag=\"P\" Date=\"2022-02-07\" "
                              "Time=\"140000123\" LogicalDate=\"2022-02-07\" Source=\"PODIUM\">"));
    pd_buf_cleanup(&buf);
    /* a Games-level document has no ResultStatus */
    assert_int_equal(render(PD_ODF_MEDALS, PD_ODF_GAMES_CODE, "{\"medals\": []}", 1, &buf), PD_OK);
    assert_null(strstr(pd_buf_str(&buf), "ResultStatus"));
    assert_non_null(strstr(pd_buf_str(&buf), "<MedalsTable/>"));
    pd_buf_cleanup(&buf);
}

static void test_rows(void **state)
{
    (void)state;
    pd_buf buf;
    assert_int_equal(render(PD_ODF_RESULT, DH, rows, 1, &buf), PD_OK);
    const char *x = pd_buf_str(&buf);
    /* a tie for first: both RankEqual="Y"; the third is alone */
    assert_non_null(
        strstr(x, "<Result Rank=\"1\" RankEqual=\"Y\" Result=\"1:42.69\" SortOrder=\"1\">"));
    assert_non_null(
        strstr(x, "<Result Rank=\"1\" RankEqual=\"Y\" Result=\"1:42.69\" SortOrder=\"2\">"));
    assert_non_null(
        strstr(x, "<Result Rank=\"3\" RankEqual=\"N\" Result=\"&lt;&amp;&gt;\" SortOrder=\"3\">"));
    /* an IRM: no rank */
    assert_non_null(strstr(x, "<Result IRM=\"DNF\" SortOrder=\"4\">"));
    /* names: upper-case family name, given names after */
    assert_non_null(strstr(x, "GivenName=\"Beat\" FamilyName=\"FEUZ\" Gender=\"M\""));
    /* a team with its members; a NOC code as a team */
    assert_non_null(strstr(x, "<Competitor Code=\"ALPXTE-AUT\" Type=\"T\" Organisation=\"AUT\">"));
    assert_non_null(strstr(x, "<Description TeamName=\"Austria\"/>"));
    assert_non_null(strstr(x, "<Athlete Code=\"1020876\" Order=\"4\">"));
    assert_non_null(strstr(x, "<Competitor Code=\"GBR\" Type=\"T\" Organisation=\"GBR\">"));
    /* detail: empty values left out, arrays by Pos with nested Extensions */
    assert_null(strstr(x, "BEHIND"));
    assert_null(strstr(x, "NOTE"));
    assert_non_null(
        strstr(x, "<ExtendedResult Type=\"ER\" Code=\"RUNS\" Pos=\"1\" Value=\"1:42.69\">"));
    assert_non_null(strstr(x, "<Extension Code=\"RUN\" Value=\"1\"/>"));
    /* exactly one ExtendedResults: the empty details write none */
    const char *first = strstr(x, "<ExtendedResults>");
    assert_non_null(first);
    assert_null(strstr(first + 1, "<ExtendedResults>"));
    pd_buf_cleanup(&buf);
}

/*
 * A whole message, byte for byte: the layout and escapes of libxml2's
 * xmlTextWriter as the feed sets it up (indent of two spaces, empty elements
 * closed in place, & < > " tab newline return escaped, other bytes as they
 * are), which receivers see; and libxml2 reads every value back as it was.
 */
static void test_bytes(void **state)
{
    (void)state;
    static const char odd[] = "a&b<c>d\"e'f\tg\nh\ri B\xc3\x98 \xe2\x82\xac";
    char json[512];
    pd_buf buf;
    json_t *text = json_string(odd);
    char *quoted = json_dumps(text, JSON_ENCODE_ANY);
    snprintf(json, sizeof json,
             "{\"status\": \"LIVE\", \"results\": [{\"rank\": 2, \"competitor\": \"GBR\","
             " \"result\": %s, \"irm\": \"\"}]}",
             quoted);
    free(quoted);
    json_decref(text);
    assert_int_equal(render(PD_ODF_RESULT, DH, json, 3, &buf), PD_OK);
    assert_string_equal(
        pd_buf_str(&buf),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<OdfBody CompetitionCode=\"OWG2022\" DocumentCode=\"" DH "\" DocumentType=\"DT_RESULT\" "
        "Version=\"3\" ResultStatus=\"LIVE\" FeedFlag=\"P\" Date=\"2022-02-07\" "
        "Time=\"140000123\" LogicalDate=\"2022-02-07\" Source=\"PODIUM\">\n"
        "  <Competition>\n"
        "    <Result Rank=\"2\" RankEqual=\"N\" "
        "Result=\"a&amp;b&lt;c&gt;d&quot;e'f&#9;g&#10;h&#13;i B\xc3\x98 \xe2\x82\xac\" "
        "SortOrder=\"1\">\n"
        "      <Competitor Code=\"GBR\" Type=\"T\" Organisation=\"GBR\">\n"
        "        <Description TeamName=\"Great Britain\"/>\n"
        "      </Competitor>\n"
        "    </Result>\n"
        "  </Competition>\n"
        "</OdfBody>\n");
    xmlDocPtr x = xmlReadMemory(buf.data, (int)buf.len, "odf.xml", NULL, XML_PARSE_NONET);
    xmlNodePtr result = xmlDocGetRootElement(x)->children;
    while (result && result->type != XML_ELEMENT_NODE)
        result = result->next;
    for (result = result->children; result && result->type != XML_ELEMENT_NODE;)
        result = result->next;
    xmlChar *value = xmlGetProp(result, BAD_CAST "Result");
    assert_string_equal((const char *)value, odd);
    xmlFree(value);
    xmlFreeDoc(x);
    pd_buf_cleanup(&buf);
}

/* A message past the buffer's maximum: an error, and the buffer as it was. */
static void test_too_big(void **state)
{
    (void)state;
    pd_buf buf;
    pd_diag diag = {0};
    json_t *doc = json_loads(rows, 0, NULL);
    pd_odf_header hdr = {PD_ODF_RESULT, DH, 1, "OWG2022", "PODIUM", 'P', 0, NULL};
    pd_buf_init(&buf, 600);
    assert_int_equal(pd_buf_adds(&buf, "kept"), PD_OK);
    assert_int_equal(pd_odf_render(prog, &hdr, doc, &buf, &diag), PD_ERR_NOMEM);
    assert_string_equal(pd_buf_str(&buf), "kept");
    assert_non_null(strstr(diag.reason, "DT_RESULT"));
    pd_buf_cleanup(&buf);
    json_decref(doc);
}

static void test_medallists(void **state)
{
    (void)state;
    pd_buf buf;
    char doc[2048];
    /* ties for gold: two golds, no silver, then bronze */
    assert_int_equal(render(PD_ODF_MEDALLISTS, DH_EVENT, rows, 1, &buf), PD_OK);
    const char *x = pd_buf_str(&buf);
    const char *gold = strstr(x, "<Medal Type=\"ME_GOLD\"");
    assert_non_null(gold);
    assert_non_null(strstr(gold + 1, "<Medal Type=\"ME_GOLD\""));
    assert_null(strstr(x, "ME_SILVER"));
    assert_non_null(strstr(x, "<Medal Type=\"ME_BRONZE\" Unit=\"" DH "\" Date=\"2022-02-07\""));
    pd_buf_cleanup(&buf);
    /* not official: no medals yet */
    snprintf(doc, sizeof doc, "%s", rows);
    memcpy(strstr(doc, "\"OFFICIAL\""), "\"LIVE\"    ", 10);
    assert_int_equal(render(PD_ODF_MEDALLISTS, DH_EVENT, doc, 1, &buf), PD_OK);
    assert_null(strstr(pd_buf_str(&buf), "<Medal "));
    pd_buf_cleanup(&buf);
}

static void test_fingerprint(void **state)
{
    (void)state;
    char a[65], b[65], c[65];
    json_t *doc = json_loads(rows, 0, NULL);
    assert_int_equal(pd_odf_fingerprint(prog, PD_ODF_RESULT, DH, doc, a, NULL), PD_OK);
    assert_int_equal(pd_odf_fingerprint(prog, PD_ODF_RESULT, DH, doc, b, NULL), PD_OK);
    assert_string_equal(a, b);
    assert_int_equal(strlen(a), 64);
    json_object_set_new(doc, "status", json_string("UNOFFICIAL"));
    assert_int_equal(pd_odf_fingerprint(prog, PD_ODF_RESULT, DH, doc, c, NULL), PD_OK);
    assert_string_not_equal(a, c);
    json_decref(doc);
}

static void test_programme_documents(void **state)
{
    (void)state;
    pd_buf buf;
    assert_int_equal(render(PD_ODF_PARTIC, "ALP-------------------------------", NULL, 1, &buf),
                     PD_OK);
    assert_non_null(strstr(pd_buf_str(&buf),
                           "<Participant Code=\"603448\" Parent=\"603448\" "
                           "Status=\"ACTIVE\" GivenName=\"Beat\" "
                           "FamilyName=\"FEUZ\" PrintName=\"FEUZ Beat\" "
                           "Gender=\"M\" Organisation=\"SUI\" Current=\"true\">"));
    assert_non_null(strstr(pd_buf_str(&buf), "<RegisteredEvent Event=\"" DH_EVENT "\"/>"));
    pd_buf_cleanup(&buf);
    assert_int_equal(render(PD_ODF_SCHEDULE, "ALP-------------------------------",
                            "{\"units\": {\"" DH "\": \"LIVE\"}}", 1, &buf),
                     PD_OK);
    assert_non_null(strstr(pd_buf_str(&buf), "<Unit Code=\"" DH "\" ScheduleStatus=\"RUNNING\" "
                                             "StartDate=\"2022-02-07T12:00:00+08:00\""));
    pd_buf_cleanup(&buf);
}

static void test_types_and_refusals(void **state)
{
    (void)state;
    pd_buf buf;
    pd_odf_type t;
    for (int i = 0; i < PD_ODF_TYPE_COUNT; i++) {
        assert_true(pd_odf_type_parse(pd_odf_type_name((pd_odf_type)i), &t));
        assert_int_equal(t, i);
    }
    assert_false(pd_odf_type_parse("DT_NOPE", &t));
    assert_int_equal(render(PD_ODF_RESULT, DH, NULL, 1, &buf), PD_ERR_INPUT);
    pd_buf_cleanup(&buf);
    assert_int_equal(render(PD_ODF_RESULT, DH, "[1]", 1, &buf), PD_ERR_INPUT);
    pd_buf_cleanup(&buf);
    /* rows of the wrong shape render what they can, never crash */
    assert_int_equal(render(PD_ODF_RESULT, DH,
                            "{\"results\": [1, {\"rank\": \"x\", \"competitor\": 5, "
                            "\"detail\": {\"a\": [[[1]]], \"b\": {\"c\": null}}}]}",
                            1, &buf),
                     PD_OK);
    pd_buf_cleanup(&buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header),
        cmocka_unit_test(test_rows),
        cmocka_unit_test(test_bytes),
        cmocka_unit_test(test_too_big),
        cmocka_unit_test(test_medallists),
        cmocka_unit_test(test_fingerprint),
        cmocka_unit_test(test_programme_documents),
        cmocka_unit_test(test_types_and_refusals),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
