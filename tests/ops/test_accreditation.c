/*
 * Tests for src/ops/accreditation.c: observations and their refusals, every
 * access decision, replacement cards, the health hook, signed tokens, the
 * revocation list, CSV import (bad rows by line and field) and export.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "podium/accreditation.h"
#include "podium/json.h"

static const char *const venues[] = {"NIS", "CIS", "YAS", "MMC", "OVB"};

static pd_acr *new_state(void)
{
    pd_diag diag = {0};
    pd_acr *acr = pd_acr_new(venues, 5, &diag);
    assert_non_null(acr);
    return acr;
}

static json_t *parse(const char *text)
{
    json_t *v = NULL;
    pd_diag diag = {0};
    assert_int_equal(pd_json_parse(text, strlen(text), &v, &diag), PD_OK);
    return v;
}

/* Check then apply an observation; returns the check's result. */
static pd_err submit(pd_acr *acr, int64_t seq, const char *text, pd_diag *diag)
{
    json_t *body = parse(text);
    pd_err err = pd_acr_check(acr, body, diag);
    if (!err)
        assert_int_equal(pd_acr_apply(acr, seq, body, "officer", 0), PD_OK);
    json_decref(body);
    return err;
}

#define ATHLETE                                                                                    \
    "{\"id\": \"603448\", \"name\": \"FEUZ Beat\", \"org_type\": \"NOC\", \"organisation\": "      \
    "\"SUI\", \"category\": \"Aa\", \"venues\": [\"YAS\", \"OVB\"], \"zones\": [\"1\", \"2\", "    \
    "\"3\"], \"transport\": \"TA\", \"dining\": true, \"valid_from\": \"2022-01-27\", "            \
    "\"valid_to\": \"2022-02-23\", \"photo\": \"p/603448.jpg\"}"
#define JOURNALIST                                                                                 \
    "{\"id\": \"M1\", \"name\": \"LI Wei\", \"org_type\": \"MEDIA\", \"organisation\": "           \
    "\"Xinhua\", \"category\": \"E\", \"venues\": [\"*\"], \"zones\": [\"4\", \"6\"], "            \
    "\"valid_from\": \"2022-01-23\", \"valid_to\": \"2022-02-22\"}"

static pd_acr *two_people(void)
{
    pd_acr *acr = new_state();
    pd_diag diag = {0};
    assert_int_equal(
        submit(acr, 1, "{\"type\": \"people\", \"people\": [" ATHLETE ", " JOURNALIST "]}", &diag),
        PD_OK);
    assert_int_equal(pd_acr_person_count(acr), 2);
    assert_int_equal(pd_acr_card_count(acr), 2);
    return acr;
}

static void expect(const pd_acr *acr, const char *card, const char *venue, const char *zone,
                   int32_t day, bool allow, const char *reason)
{
    pd_acr_decision d;
    pd_acr_access(acr, card, venue, zone, day, &d);
    if (d.allow != allow || strcmp(d.reason, reason) != 0)
        fail_msg("card %s at %s zone %s on %d: got %s %s, expected %s %s", card, venue, zone, day,
                 d.allow ? "allow" : "deny", d.reason, allow ? "allow" : "deny", reason);
}

static void test_access_reasons(void **state)
{
    (void)state;
    pd_acr *acr = two_people();
    pd_diag diag = {0};
    expect(acr, "1", "YAS", "1", 20220206, true, "ok");
    expect(acr, "1", "OVB", "3", 20220127, true, "ok");
    expect(acr, "1", "YAS", "1", 20220223, true, "ok");             /* last day included */
    expect(acr, "1", "YAS", "1", 20220224, false, "outside-dates"); /* expired */
    expect(acr, "1", "YAS", "1", 20220126, false, "outside-dates"); /* not yet */
    expect(acr, "1", "NIS", "1", 20220206, false, "venue");
    expect(acr, "1", "XYZ", "1", 20220206, false, "venue");
    expect(acr, "1", "YAS", "4", 20220206, false, "zone");
    expect(acr, "1", "YAS", "0", 20220206, false, "zone");
    expect(acr, "2", "MMC", "6", 20220206, true, "ok"); /* "*": every venue */
    expect(acr, "2", "CIS", "4", 20220206, true, "ok");
    expect(acr, "3", "YAS", "1", 20220206, false, "unknown-card");
    expect(acr, "0", "YAS", "1", 20220206, false, "unknown-card");
    expect(acr, "abc", "YAS", "1", 20220206, false, "unknown-card");
    expect(acr, "", "YAS", "1", 20220206, false, "unknown-card");
    expect(acr, "99999999999", "YAS", "1", 20220206, false, "unknown-card");

    /* card states */
    assert_int_equal(
        submit(acr, 2, "{\"type\": \"card\", \"serial\": 1, \"action\": \"suspend\"}", &diag),
        PD_OK);
    expect(acr, "1", "YAS", "1", 20220206, false, "suspended");
    assert_int_equal(
        submit(acr, 3, "{\"type\": \"card\", \"serial\": 1, \"action\": \"reinstate\"}", &diag),
        PD_OK);
    expect(acr, "1", "YAS", "1", 20220206, true, "ok");
    assert_int_equal(
        submit(acr, 4, "{\"type\": \"card\", \"serial\": 2, \"action\": \"revoke\"}", &diag),
        PD_OK);
    expect(acr, "2", "MMC", "6", 20220206, false, "revoked");
    /* a revoked card stays revoked */
    assert_int_equal(
        submit(acr, 5, "{\"type\": \"card\", \"serial\": 2, \"action\": \"reinstate\"}", &diag),
        PD_ERR_CONFLICT);
    assert_int_equal(
        submit(acr, 5, "{\"type\": \"card\", \"serial\": 2, \"action\": \"lost\"}", &diag),
        PD_ERR_CONFLICT);
    /* lost, then a replacement with a new serial; the old stays dead */
    assert_int_equal(
        submit(acr, 5, "{\"type\": \"card\", \"serial\": 1, \"action\": \"lost\"}", &diag), PD_OK);
    expect(acr, "1", "YAS", "1", 20220206, false, "lost");
    assert_int_equal(submit(acr, 6, "{\"type\": \"issue\", \"person\": \"603448\"}", &diag), PD_OK);
    expect(acr, "3", "YAS", "1", 20220206, true, "ok");
    expect(acr, "1", "YAS", "1", 20220206, false, "lost");
    /* a reprint replaces the live card at once */
    assert_int_equal(submit(acr, 7, "{\"type\": \"issue\", \"person\": \"603448\"}", &diag), PD_OK);
    expect(acr, "3", "YAS", "1", 20220206, false, "replaced");
    expect(acr, "4", "YAS", "1", 20220206, true, "ok");
    const pd_acr_person *p = pd_acr_find_person(acr, "603448");
    assert_non_null(p);
    assert_int_equal(p->card, 4);
    assert_int_equal(p->changed_seq, 7);
    assert_string_equal(p->changed_by, "officer");

    /* the revocation list: every card that does not open doors, signed with the Games' key */
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    unsigned char other_pk[crypto_sign_PUBLICKEYBYTES], other_sk[crypto_sign_SECRETKEYBYTES];
    assert_int_equal(sodium_init() < 0, 0);
    crypto_sign_keypair(pk, sk);
    crypto_sign_keypair(other_pk, other_sk);
    json_t *rev = pd_acr_revocations(acr, 7, sk);
    json_t *signature = json_incref(json_object_get(rev, "signature"));
    json_object_del(rev, "signature");
    char *text = json_dumps(rev, JSON_COMPACT);
    assert_string_equal(text, "{\"format\":\"podium-revocations/1\",\"seq\":7,\"cards\":4,"
                              "\"revoked\":[1,2,3]}");
    free(text);
    /* the signature covers "PDR1:7:4:1,2,3" */
    const char *signed_text = "PDR1:7:4:1,2,3";
    unsigned char sig[crypto_sign_BYTES];
    size_t sig_len = 0;
    assert_int_equal(sodium_base642bin(sig, sizeof sig, json_string_value(signature),
                                       json_string_length(signature), NULL, &sig_len, NULL,
                                       sodium_base64_VARIANT_URLSAFE_NO_PADDING),
                     0);
    assert_int_equal(sig_len, sizeof sig);
    assert_int_equal(crypto_sign_verify_detached(sig, (const unsigned char *)signed_text,
                                                 strlen(signed_text), pk),
                     0);
    uint32_t *serials;
    size_t count;
    /* unsigned: refused */
    assert_int_equal(pd_acr_revocations_parse(rev, pk, &serials, &count, &diag), PD_ERR_INPUT);
    assert_string_equal(diag.path, "signature");
    json_object_set(rev, "signature", signature);
    assert_int_equal(pd_acr_revocations_parse(rev, pk, &serials, &count, &diag), PD_OK);
    assert_int_equal(count, 3);
    assert_int_equal(serials[2], 3);
    free(serials);
    /* another key's list: refused */
    assert_int_equal(pd_acr_revocations_parse(rev, other_pk, &serials, &count, &diag),
                     PD_ERR_INPUT);
    assert_string_equal(diag.path, "signature");
    assert_non_null(strstr(diag.reason, "does not verify"));
    /* a card struck off, the seq or the card count changed: refused */
    static const char *const altered[][2] = {
        {"revoked", "[1,3]"}, {"revoked", "[1,2,3,4]"}, {"seq", "8"}, {"cards", "5"}};
    for (size_t i = 0; i < sizeof altered / sizeof *altered; i++) {
        json_t *copy = json_deep_copy(rev);
        json_t *value = json_loads(altered[i][1], JSON_DECODE_ANY, NULL);
        json_object_set_new(copy, altered[i][0], value);
        assert_int_equal(pd_acr_revocations_parse(copy, pk, &serials, &count, &diag), PD_ERR_INPUT);
        assert_string_equal(diag.path, "signature");
        json_decref(copy);
    }
    /* a signature that is not base64url */
    json_object_set_new(rev, "signature", json_string("not a signature!"));
    assert_int_equal(pd_acr_revocations_parse(rev, pk, &serials, &count, &diag), PD_ERR_INPUT);
    assert_string_equal(diag.path, "signature");
    json_decref(signature);
    json_decref(rev);
    pd_acr_free(acr);
}

static bool no_entry_for_m1(void *ctx, const char *person, const char *day, char *reason,
                            size_t size)
{
    int *calls = ctx;
    (*calls)++;
    if (strcmp(person, "M1") == 0 && strcmp(day, "2022-02-06") == 0) {
        snprintf(reason, size, "no negative test for %s", day);
        return false;
    }
    return true;
}

static void test_health_hook(void **state)
{
    (void)state;
    pd_acr *acr = two_people();
    int calls = 0;
    pd_acr_set_health(acr, no_entry_for_m1, &calls);
    expect(acr, "2", "NIS", "4", 20220206, false, "health");
    pd_acr_decision d;
    pd_acr_access(acr, "2", "NIS", "4", 20220206, &d);
    assert_string_equal(d.message, "no negative test for 2022-02-06");
    expect(acr, "2", "NIS", "4", 20220207, true, "ok");
    expect(acr, "1", "YAS", "1", 20220206, true, "ok");
    /* the hook is asked last: a card denied for its venue never reaches it */
    calls = 0;
    expect(acr, "2", "NIS", "5", 20220206, false, "zone");
    assert_int_equal(calls, 0);
    pd_acr_set_health(acr, NULL, NULL);
    expect(acr, "2", "NIS", "4", 20220206, true, "ok");
    pd_acr_free(acr);
}

static void test_refusals(void **state)
{
    (void)state;
    pd_acr *acr = two_people();
    pd_diag diag = {0};
    static const struct {
        const char *body;
        pd_err err;
        const char *path;
    } cases[] = {
        {"{\"people\": []}", PD_ERR_INPUT, "type"},
        {"{\"type\": \"party\"}", PD_ERR_INPUT, "type"},
        {"{\"type\": \"people\", \"people\": []}", PD_ERR_INPUT, "people"},
        {"{\"type\": \"people\", \"people\": [{\"id\": \"x\"}]}", PD_ERR_INPUT, "people[0].name"},
        {"{\"type\": \"card\", \"serial\": 9, \"action\": \"suspend\"}", PD_ERR_NOT_FOUND,
         "serial"},
        {"{\"type\": \"card\", \"serial\": 1, \"action\": \"burn\"}", PD_ERR_INPUT, "action"},
        {"{\"type\": \"card\", \"serial\": 1, \"action\": \"reinstate\"}", PD_ERR_CONFLICT,
         "action"},
        {"{\"type\": \"card\", \"serial\": 1, \"action\": \"suspend\", \"x\": 1}", PD_ERR_INPUT,
         "x"},
        {"{\"type\": \"issue\", \"person\": \"nobody\"}", PD_ERR_NOT_FOUND, "person"},
        {"{\"type\": \"scans\", \"scans\": [[1, 2]]}", PD_ERR_INPUT, "scans"},
        {"{\"type\": \"scans\", \"scans\": \"\"}", PD_ERR_INPUT, "scans"},
        {"{\"type\": \"scans\", \"scans\": \"1,NIS,2,ok\\n\"}", PD_ERR_INPUT, "scans"},
        {"{\"type\": \"scans\", \"scans\": \"1,NIS,2,maybe,5\\n\"}", PD_ERR_INPUT, "scans"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        json_t *body = parse(cases[i].body);
        pd_diag_clear(&diag);
        assert_int_equal(pd_acr_check(acr, body, &diag), cases[i].err);
        if (strcmp(diag.path, cases[i].path) != 0)
            fail_msg("%s: path %s, expected %s (%s)", cases[i].body, diag.path, cases[i].path,
                     diag.reason);
        /* apply ignores what check refuses */
        assert_int_equal(pd_acr_apply(acr, 9, body, "x", 0), PD_OK);
        json_decref(body);
    }
    assert_int_equal(pd_acr_card_count(acr), 2);
    assert_int_equal(pd_acr_find_card(acr, 1)->state, PD_ACR_ISSUED);

    /* person fields, each named, with the reason where the list parsers give it */
    static const struct {
        const char *from, *to, *path, *reason;
    } fields[] = {
        {"\"603448\"", "\"60 3448\"", "people[0].id", NULL},
        {"\"NOC\"", "\"CLUB\"", "people[0].org_type", NULL},
        {"\"Aa\"", "\"A-a\"", "people[0].category", NULL},
        {"[\"YAS\", \"OVB\"]", "[\"YAS\", \"ZZZ\"]", "people[0].venues", "unknown venue \"ZZZ\""},
        {"[\"YAS\", \"OVB\"]", "[\"\"]", "people[0].venues", "expected venue codes or \"*\""},
        {"[\"YAS\", \"OVB\"]", "[]", "people[0].venues", NULL},
        {"[\"1\", \"2\", \"3\"]", "[\"1\", \"12\"]", "people[0].zones",
         "expected zones 1 to 9, got \"12\""},
        {"[\"1\", \"2\", \"3\"]", "[\"0\"]", "people[0].zones", "expected zones 1 to 9, got \"0\""},
        {"\"TA\"", "\"T9\"", "people[0].transport", NULL},
        {"\"2022-01-27\"", "\"2022-02-30\"", "people[0].valid_from", NULL},
        {"\"2022-02-23\"", "\"2022-01-01\"", "people[0].valid_to", NULL},
        {"\"p/603448.jpg\"", "\"my photo\"", "people[0].photo", NULL},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        char person[1024], body[1200];
        const char *at = strstr(ATHLETE, fields[i].from);
        assert_non_null(at);
        snprintf(person, sizeof person, "%.*s%s%s", (int)(at - ATHLETE), ATHLETE, fields[i].to,
                 at + strlen(fields[i].from));
        snprintf(body, sizeof body, "{\"type\": \"people\", \"people\": [%s]}", person);
        pd_diag_clear(&diag);
        assert_int_equal(submit(acr, 10, body, &diag), PD_ERR_INPUT);
        if (strcmp(diag.path, fields[i].path) != 0)
            fail_msg("%s: path %s, expected %s", fields[i].to, diag.path, fields[i].path);
        if (fields[i].reason && strcmp(diag.reason, fields[i].reason) != 0)
            fail_msg("%s: reason %s, expected %s", fields[i].to, diag.reason, fields[i].reason);
    }
    /* the same id twice in one observation */
    assert_int_equal(
        submit(acr, 10, "{\"type\": \"people\", \"people\": [" ATHLETE ", " ATHLETE "]}", &diag),
        PD_ERR_INPUT);
    assert_string_equal(diag.path, "people[1]");
    pd_acr_free(acr);
}

static void test_update_keeps_card(void **state)
{
    (void)state;
    pd_acr *acr = two_people();
    pd_diag diag = {0};
    /* the journalist loses the venue wildcard: the same card, narrower rights at once */
    char body[1200];
    const char *j = JOURNALIST;
    const char *at = strstr(j, "[\"*\"]");
    snprintf(body, sizeof body, "{\"type\": \"people\", \"people\": [%.*s[\"MMC\"]%s]}",
             (int)(at - j), j, at + 5);
    assert_int_equal(submit(acr, 2, body, &diag), PD_OK);
    assert_int_equal(pd_acr_card_count(acr), 2);
    expect(acr, "2", "MMC", "4", 20220206, true, "ok");
    expect(acr, "2", "NIS", "4", 20220206, false, "venue");
    pd_acr_free(acr);
}

static void test_tokens(void **state)
{
    (void)state;
    assert_true(sodium_init() >= 0);
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    unsigned char other_pk[crypto_sign_PUBLICKEYBYTES], other_sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    crypto_sign_keypair(other_pk, other_sk);
    pd_acr *acr = two_people();
    pd_diag diag = {0};
    char token[PD_ACR_TOKEN_MAX];
    assert_int_equal(pd_acr_token(acr, 1, sk, token, sizeof token, &diag), PD_OK);
    assert_int_equal(strncmp(token, "PD1:1:603448:Aa:YAS,OVB:1,2,3:20220127:20220223:", 48), 0);
    assert_int_equal(pd_acr_token(acr, 7, sk, token + 0, sizeof token, &diag), PD_ERR_NOT_FOUND);
    assert_int_equal(pd_acr_token(acr, 1, sk, token, sizeof token, &diag), PD_OK);

    pd_acr_token_info info;
    pd_acr_decision d;
    assert_int_equal(
        pd_acr_token_verify(token, pk, NULL, 0, "YAS", "2", 20220206, &info, &d, &diag), PD_OK);
    assert_true(d.allow);
    assert_int_equal(info.serial, 1);
    assert_string_equal(info.person, "603448");
    assert_int_equal(info.valid_to, 20220223);
    assert_int_equal(
        pd_acr_token_verify(token, pk, NULL, 0, "NIS", "2", 20220206, &info, &d, &diag), PD_OK);
    assert_false(d.allow);
    assert_string_equal(d.reason, "venue");
    assert_int_equal(
        pd_acr_token_verify(token, pk, NULL, 0, "YAS", "7", 20220206, &info, &d, &diag), PD_OK);
    assert_string_equal(d.reason, "zone");
    assert_int_equal(
        pd_acr_token_verify(token, pk, NULL, 0, "YAS", "1", 20220301, &info, &d, &diag), PD_OK);
    assert_string_equal(d.reason, "outside-dates");
    uint32_t revoked[] = {1, 5};
    assert_int_equal(
        pd_acr_token_verify(token, pk, revoked, 2, "YAS", "1", 20220206, &info, &d, &diag), PD_OK);
    assert_false(d.allow);
    assert_string_equal(d.reason, "revoked");

    /* another Games' key, an altered privilege, a broken token: nothing is trusted */
    assert_int_equal(pd_acr_token_verify(token, other_pk, NULL, 0, NULL, NULL, 0, &info, &d, &diag),
                     PD_ERR_INPUT);
    char forged[PD_ACR_TOKEN_MAX];
    snprintf(forged, sizeof forged, "%s", token);
    memcpy(strstr(forged, "YAS,OVB"), "NIS,OVB", 7);
    assert_int_equal(pd_acr_token_verify(forged, pk, NULL, 0, NULL, NULL, 0, &info, &d, &diag),
                     PD_ERR_INPUT);
    assert_int_equal(pd_acr_token_verify("PD1:1:x", pk, NULL, 0, NULL, NULL, 0, &info, &d, &diag),
                     PD_ERR_INPUT);
    assert_int_equal(pd_acr_token_verify("", pk, NULL, 0, NULL, NULL, 0, &info, &d, &diag),
                     PD_ERR_INPUT);
    snprintf(forged, sizeof forged, "%s", token);
    forged[strlen(forged) - 1] = forged[strlen(forged) - 1] == 'A' ? 'B' : 'A';
    assert_int_equal(pd_acr_token_verify(forged, pk, NULL, 0, NULL, NULL, 0, &info, &d, &diag),
                     PD_ERR_INPUT);
    /* the wildcard token of the journalist */
    assert_int_equal(pd_acr_token(acr, 2, sk, token, sizeof token, &diag), PD_OK);
    assert_int_equal(
        pd_acr_token_verify(token, pk, NULL, 0, "MMC", "6", 20220206, &info, &d, &diag), PD_OK);
    assert_true(d.allow);
    pd_acr_free(acr);
}

#define HEADER PD_ACR_CSV_HEADER "\n"

static void test_csv_import(void **state)
{
    (void)state;
    pd_acr *acr = new_state();
    pd_acr_csv_error errors[10];
    size_t count;
    json_t *people;
    const char good[] =
        "\xEF\xBB\xBF" HEADER
        "603448,FEUZ Beat,NOC,SUI,Aa,YAS;OVB,1;2;3,TA,yes,2022-01-27,2022-02-23,p/1.jpg\r\n"
        "M1,\"LI, \"\"Wei\"\"\",MEDIA,Xinhua,E,*,4; 6,TM,no,2022-01-23,2022-02-22,\n"
        "\n";
    assert_int_equal(pd_acr_csv_parse(acr, good, strlen(good), &people, errors, 10, &count), PD_OK);
    assert_int_equal(count, 0);
    assert_int_equal(json_array_size(people), 2);
    json_t *obs = json_pack("{s:s, s:o}", "type", "people", "people", people);
    pd_diag diag = {0};
    assert_int_equal(pd_acr_check(acr, obs, &diag), PD_OK);
    assert_int_equal(pd_acr_apply(acr, 1, obs, "import", 0), PD_OK);
    json_decref(obs);
    assert_string_equal(pd_acr_find_person(acr, "M1")->name, "LI, \"Wei\"");
    expect(acr, "2", "NIS", "6", 20220206, true, "ok");

    /* export gives the file back (columns in order, lists with ';') */
    char *csv;
    size_t len;
    assert_int_equal(pd_acr_csv_export(acr, &csv, &len), PD_OK);
    assert_string_equal(csv, HEADER
                        "603448,FEUZ Beat,NOC,SUI,Aa,YAS;OVB,1;2;3,TA,yes,2022-01-27,2022-02-23,"
                        "p/1.jpg\n"
                        "M1,\"LI, \"\"Wei\"\"\",MEDIA,Xinhua,E,*,4;6,TM,no,2022-01-23,2022-02-22,"
                        "\n");
    /* and imports again, the same people */
    assert_int_equal(pd_acr_csv_parse(acr, csv, len, &people, errors, 10, &count), PD_OK);
    assert_int_equal(json_array_size(people), 2);
    json_decref(people);
    free(csv);

    /* bad rows: each by line and field, and nothing comes back */
    const char bad[] = "name,id,org_type,organisation,category,venues,zones,transport,dining,"
                       "valid_from,valid_to,photo\n"
                       "Good Row,G1,OCOG,BOCOG,Ao,NIS,1,,no,2022-01-01,2022-03-01,\n"
                       "Bad Venue,G2,OCOG,BOCOG,Ao,NIS;XXX,1,,no,2022-01-01,2022-03-01,\n"
                       "Bad Date,G3,OCOG,BOCOG,Ao,NIS,1,,no,2022-13-01,2022-03-01,\n"
                       "Short,G4,OCOG\n"
                       "Again,G1,OCOG,BOCOG,Ao,NIS,1,,no,2022-01-01,2022-03-01,\n"
                       "\"Multi\nline\",G8,OCOG,BOCOG,Ao,NIS,1,,no,2022-01-01,2022-03-01,\n"
                       "Bad Dining,G5,OCOG,BOCOG,Ao,NIS,1,,maybe,2022-01-01,2022-03-01,\n"
                       "Bad Zone,G6,OCOG,BOCOG,Ao,NIS,1;0,,no,2022-01-01,2022-03-01,\n"
                       "\"Open quote,G7\n";
    people = (json_t *)1;
    assert_int_equal(pd_acr_csv_parse(acr, bad, strlen(bad), &people, errors, 10, &count),
                     PD_ERR_INPUT);
    assert_null(people);
    assert_int_equal(count, 8);
    static const struct {
        size_t line;
        const char *field;
    } want[] = {{3, "venues"}, {4, "valid_from"}, {5, ""},       {6, "id"},
                {7, "name"},   {9, "dining"},     {10, "zones"}, {11, ""}};
    for (size_t i = 0; i < 8; i++) {
        if (errors[i].line != want[i].line || strcmp(errors[i].field, want[i].field) != 0)
            fail_msg("error %zu: line %zu field %s (%s), expected line %zu field %s", i,
                     errors[i].line, errors[i].field, errors[i].reason, want[i].line,
                     want[i].field);
    }
    assert_non_null(strstr(errors[0].reason, "unknown venue \"XXX\""));
    assert_non_null(strstr(errors[3].reason, "already on line 2"));

    /* the header */
    const char *headers[] = {"", "id,name\n",
                             "id,name,org_type,organisation,category,venues,"
                             "zones,transport,dining,valid_from,valid_to,photo,"
                             "extra\n"};
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(
            pd_acr_csv_parse(acr, headers[i], strlen(headers[i]), &people, errors, 10, &count),
            PD_ERR_INPUT);
        assert_int_equal(errors[0].line, 1);
    }
    pd_acr_free(acr);
}

static void test_keys(void **state)
{
    (void)state;
    char dir[] = "/tmp/podium-acr-XXXXXX", sk_path[64], pk_path[64], cmd[96];
    assert_non_null(mkdtemp(dir));
    snprintf(sk_path, sizeof sk_path, "%s/sk", dir);
    snprintf(pk_path, sizeof pk_path, "%s/pk", dir);
    pd_diag diag = {0};
    unsigned char sk[crypto_sign_SECRETKEYBYTES], pk[crypto_sign_PUBLICKEYBYTES],
        derived[crypto_sign_PUBLICKEYBYTES];
    assert_int_equal(pd_acr_keygen(sk_path, pk_path, &diag), PD_OK);
    assert_int_equal(pd_acr_keygen(sk_path, pk_path, &diag), PD_ERR_IO); /* never overwrites */
    assert_int_equal(pd_acr_read_secret_key(sk_path, sk, &diag), PD_OK);
    assert_int_equal(pd_acr_read_public_key(pk_path, pk, &diag), PD_OK);
    crypto_sign_ed25519_sk_to_pk(derived, sk);
    assert_memory_equal(pk, derived, sizeof pk);
    assert_int_equal(pd_acr_read_public_key(sk_path, pk, &diag), PD_OK); /* any 32 bytes */
    assert_int_equal(pd_acr_read_public_key("/nonexistent", pk, &diag), PD_ERR_IO);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void test_scan_lines(void **state)
{
    (void)state;
    char text[4 * PD_ACR_SCAN_LINE_MAX];
    size_t n = 0, allowed, denied;
    n += pd_acr_scan_line(text + n, sizeof text - n, "12", "NIS", "2", "ok", 1644450000000);
    n += pd_acr_scan_line(text + n, sizeof text - n, "x,\n", "ni,s", "22", "unknown-card", 1);
    n += pd_acr_scan_line(text + n, sizeof text - n, "99999999999", "", "", "venue", 2);
    assert_string_equal(text, "12,NIS,2,ok,1644450000000\n?,????,?,unknown-card,1\n"
                              "?,?,?,venue,2\n");
    assert_int_equal(pd_acr_scans_count(text, n, &allowed, &denied), PD_OK);
    assert_int_equal(allowed, 1);
    assert_int_equal(denied, 2);
    assert_int_equal(pd_acr_scans_count(text, n - 1, &allowed, &denied), PD_OK); /* last \n */
    assert_int_equal(pd_acr_scans_count("1,NIS,2,ok,5,6\n", 15, &allowed, &denied), PD_ERR_INPUT);
    assert_int_equal(pd_acr_scans_count("1,NIS,2,ok,\n", 12, &allowed, &denied), PD_ERR_INPUT);
    assert_int_equal(pd_acr_scans_count("\n", 1, &allowed, &denied), PD_ERR_INPUT);
    /* a recorded batch is an observation like any other */
    pd_acr *acr = new_state();
    pd_diag diag = {0};
    json_t *obs = json_pack("{s:s, s:s}", "type", "scans", "scans", text);
    assert_int_equal(pd_acr_check(acr, obs, &diag), PD_OK);
    assert_int_equal(pd_acr_apply(acr, 1, obs, "gate", 0), PD_OK);
    json_decref(obs);
    pd_acr_free(acr);
}

static void test_days(void **state)
{
    (void)state;
    int32_t day;
    assert_int_equal(pd_acr_parse_day("2022-02-04", &day), PD_OK);
    assert_int_equal(day, 20220204);
    assert_int_equal(pd_acr_parse_day("2024-02-29", &day), PD_OK);
    assert_int_equal(pd_acr_parse_day("2022-02-29", &day), PD_ERR_INPUT);
    assert_int_equal(pd_acr_parse_day("2022-2-04", &day), PD_ERR_INPUT);
    assert_int_equal(pd_acr_parse_day("20220204", &day), PD_ERR_INPUT);
}

/* Card serials as the access check, the token check and /api/access/cards/N read them. */
static void test_serials(void **state)
{
    (void)state;
    static const char *const bad[] = {"",   "0",  "00", "4294967296", "99999999999", "-1",
                                      "+1", " 1", "1 ", "1a",         "0x10"};
    uint32_t serial = 0;
    assert_true(pd_acr_parse_serial("1", 1, &serial));
    assert_int_equal(serial, 1);
    assert_true(pd_acr_parse_serial("4294967295", 10, &serial));
    assert_int_equal(serial, 4294967295u);
    assert_true(pd_acr_parse_serial("0070000", 7, &serial)); /* leading zeros: the same card */
    assert_int_equal(serial, 70000);
    assert_true(pd_acr_parse_serial("12/token", 2, &serial)); /* the first len bytes only */
    assert_int_equal(serial, 12);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        serial = 7;
        assert_false(pd_acr_parse_serial(bad[i], strlen(bad[i]), &serial));
        assert_int_equal(serial, 7); /* untouched */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_access_reasons), cmocka_unit_test(test_health_hook),
        cmocka_unit_test(test_refusals),       cmocka_unit_test(test_update_keeps_card),
        cmocka_unit_test(test_tokens),         cmocka_unit_test(test_csv_import),
        cmocka_unit_test(test_keys),           cmocka_unit_test(test_days),
        cmocka_unit_test(test_scan_lines),     cmocka_unit_test(test_serials),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
