/*
 * accreditation.h: people, accreditation cards and venue access control.
 *
 * Every person at the Games (athletes, officials, media, workforce) has a
 * record with their privileges (venues, numbered zones, transport, dining,
 * validity dates) and at most one live card. A card has a serial (1, 2, 3...
 * in the order cards were issued) and a state: issued, suspended, revoked,
 * lost, or replaced (a newer card of the same person exists). Only an issued
 * card opens doors; a replacement gets a new serial and the old card stops
 * at once.
 *
 * The state (pd_acr) is a pure function of the service's observations
 * (docs/accreditation.md): pd_acr_check says whether one would be accepted,
 * pd_acr_apply applies a stored one. Access checks read the state and never
 * change it. Nothing here locks, allocates behind the caller's back beyond the
 * state's own tables, or does I/O: the server adapter locks
 * (src/server/accreditation_service.c).
 *
 * Offline: a card carries a token, the card's privileges signed with the
 * Games' Ed25519 key (libsodium crypto_sign), which a scanner verifies
 * without the network against the public key and a synced revocation list.
 */
#ifndef PODIUM_ACCREDITATION_H
#define PODIUM_ACCREDITATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "podium/err.h"

/* The service's log code: "ACR" padded to an RSC's 34 characters. */
#define PD_ACR_CODE "ACR-------------------------------"

#define PD_ACR_ID_MAX       32
#define PD_ACR_NAME_MAX     128
#define PD_ACR_ORG_MAX      64
#define PD_ACR_CATEGORY_MAX 8
#define PD_ACR_PHOTO_MAX    128
#define PD_ACR_VENUES_MAX   64 /* venues known to a state (bits of a mask) */
#define PD_ACR_ZONE_COUNT   9  /* zones "1" to "9" */
#define PD_ACR_REASON_MAX   160
/* Largest token: header, serial, id, category, venues, zones, dates, signature. */
#define PD_ACR_TOKEN_MAX 640
/* Non-competition venues every Games has, besides the programme's. */
#define PD_ACR_EXTRA_VENUES "MMC,OVB,OVY,OVZ"

typedef enum {
    PD_ACR_ISSUED = 0,
    PD_ACR_SUSPENDED,
    PD_ACR_REVOKED,
    PD_ACR_LOST,
    PD_ACR_REPLACED
} pd_acr_card_state;

/* Organisation types of the Olympic accreditation categories. */
typedef enum {
    PD_ACR_ORG_NOC = 0,
    PD_ACR_ORG_IF,
    PD_ACR_ORG_MEDIA,
    PD_ACR_ORG_BROADCASTER,
    PD_ACR_ORG_WORKFORCE,
    PD_ACR_ORG_OCOG,
    PD_ACR_ORG_COUNT
} pd_acr_org_type;

/* One person's record (a value; the state keeps its own copy). */
typedef struct {
    char id[PD_ACR_ID_MAX + 1];
    char name[PD_ACR_NAME_MAX + 1];
    pd_acr_org_type org_type;
    char organisation[PD_ACR_ORG_MAX + 1];
    char category[PD_ACR_CATEGORY_MAX + 1];
    uint64_t venues;   /* bit i: the state's venue i; all bits: every venue */
    uint16_t zones;    /* bit z-1: zone z */
    char transport[4]; /* "T1", "T2", "T3", "TA", "TF", "TM" or "" */
    bool dining;
    int32_t valid_from; /* YYYYMMDD */
    int32_t valid_to;   /* YYYYMMDD, inclusive */
    char photo[PD_ACR_PHOTO_MAX + 1];
    uint32_t card; /* serial of the latest card, 0 when none */
    int64_t changed_seq;
    char changed_by[33]; /* author of the last change (truncated) */
} pd_acr_person;

typedef struct {
    uint32_t serial;
    uint32_t person; /* index of its person */
    pd_acr_card_state state;
    int64_t issued_seq;
    int64_t changed_seq;
} pd_acr_card;

/* The outcome of an access check. */
typedef struct {
    bool allow;
    const char *reason; /* "ok", "unknown-card", "suspended", "revoked", "lost", "replaced",
                           "outside-dates", "venue", "zone", "health" (static) */
    char message[PD_ACR_REASON_MAX]; /* a sentence for the screen */
    uint32_t serial;                 /* 0 when the card is unknown */
} pd_acr_decision;

/*
 * Health status hook: may person enter on day ("YYYY-MM-DD")? Return true to
 * let the check go on; false to deny, with a short reason written to reason
 * (size bytes). Called with the state read-locked; must not call back into it.
 */
typedef bool (*pd_access_health_fn)(void *ctx, const char *person, const char *day, char *reason,
                                    size_t size);

typedef struct pd_acr pd_acr;

/*
 * A new, empty state knowing venue_codes (2 to 8 capitals or digits each, at
 * most PD_ACR_VENUES_MAX; the programme's venues plus PD_ACR_EXTRA_VENUES).
 * NULL with diag set on a bad code or no memory. Free with pd_acr_free.
 */
pd_acr *pd_acr_new(const char *const *venue_codes, size_t venue_count, pd_diag *diag);
/* Accepts NULL. */
void pd_acr_free(pd_acr *acr);

/* Set (or clear, fn NULL) the health hook used by pd_acr_access. */
void pd_acr_set_health(pd_acr *acr, pd_access_health_fn fn, void *ctx);

/*
 * Would observation body be accepted? Checks its shape (errors name the field
 * path) and that it fits the state: a card change names a card that exists and
 * is in a state that allows it (PD_ERR_NOT_FOUND / PD_ERR_CONFLICT). Changes
 * nothing.
 */
pd_err pd_acr_check(const pd_acr *acr, const json_t *body, pd_diag *diag);

/*
 * Apply a stored observation (replay or live). An observation that does not
 * fit (an older build's, or refused by pd_acr_check) changes nothing.
 * PD_ERR_NOMEM when the tables cannot grow (the state is then unchanged).
 */
pd_err pd_acr_apply(pd_acr *acr, int64_t seq, const json_t *body, const char *author,
                    int64_t recorded_at_ms);

/*
 * The access check: may card (its serial in decimal) enter zone ("1".."9") of
 * venue on day (YYYYMMDD)? Reasons, in the order they are checked: unknown
 * card, the card's state, outside its dates, venue, zone, then the health
 * hook when set.
 */
void pd_acr_access(const pd_acr *acr, const char *card, const char *venue, const char *zone,
                   int32_t day, pd_acr_decision *out);

/* Most scan lines in one "scans" observation. */
#define PD_ACR_SCANS_MAX 4096
/* Longest scan line, newline included. */
#define PD_ACR_SCAN_LINE_MAX 64

/*
 * Count the lines of a "scans" observation's text, "CARD,VENUE,ZONE,OUTCOME,
 * AT_MS\n" each (OUTCOME "ok" or a deny reason): allowed and denied.
 * PD_ERR_INPUT when a line is malformed, or none, or more than PD_ACR_SCANS_MAX.
 */
pd_err pd_acr_scans_count(const char *text, size_t len, size_t *allowed, size_t *denied);

/*
 * Write one scan line (newline included) into out; what is not a card serial,
 * venue code or zone as such is written "?" so a line always parses. Returns
 * its length, 0 when size is too small (PD_ACR_SCAN_LINE_MAX is enough).
 */
size_t pd_acr_scan_line(char *out, size_t size, const char *card, const char *venue,
                        const char *zone, const char *outcome, int64_t at_ms);

/* Counts. */
size_t pd_acr_person_count(const pd_acr *acr);
size_t pd_acr_card_count(const pd_acr *acr);
/* The person with id, NULL when none (borrowed until the next apply). */
const pd_acr_person *pd_acr_find_person(const pd_acr *acr, const char *id);
const pd_acr_person *pd_acr_person_at(const pd_acr *acr, size_t index);
/*
 * A card serial written in decimal: the first len bytes of text, digits only,
 * 1 to 4294967295 (no sign, no spaces). False for anything else.
 */
bool pd_acr_parse_serial(const char *text, size_t len, uint32_t *out);

/* The card with serial, NULL when none (borrowed until the next apply). */
const pd_acr_card *pd_acr_find_card(const pd_acr *acr, uint32_t serial);
/* Name of a card state ("issued", ...) and of an organisation type ("NOC", ...). */
const char *pd_acr_state_name(pd_acr_card_state state);
const char *pd_acr_org_name(pd_acr_org_type type);

/* A person as JSON (new reference), with their cards; the state's venue names. */
json_t *pd_acr_person_json(const pd_acr *acr, const pd_acr_person *person);

/*
 * A person record from JSON (the "people" items of docs/accreditation.md),
 * errors naming the field under path.
 */
pd_err pd_acr_person_from_json(const pd_acr *acr, const json_t *value, pd_acr_person *out,
                               const char *path, pd_diag *diag);

/* --- CSV (bulk import and export) ---------------------------------------------------- */

/* One bad row of an import: line (1-based, the header is line 1), column name, reason. */
typedef struct {
    size_t line;
    char field[24];
    char reason[PD_ACR_REASON_MAX];
} pd_acr_csv_error;

/* The CSV header, in the order export writes the columns. */
#define PD_ACR_CSV_HEADER                                                                          \
    "id,name,org_type,organisation,category,venues,zones,transport,dining,valid_from,"             \
    "valid_to,photo"

/*
 * Parse an import file (RFC 4180 CSV, a header naming the PD_ACR_CSV_HEADER
 * columns in any order; lists separated by ';'; "*" for every venue or zone).
 * On success *people is a new JSON array of person objects (the import's
 * observation items) and *error_count is 0. On bad rows *people is NULL and up to
 * max_errors errors are written (every bad row counted in *error_count): nothing
 * is imported. A duplicate id within the file is an error of its second row.
 * Returns PD_ERR_INPUT when any row is bad, PD_ERR_NOMEM, else PD_OK.
 */
pd_err pd_acr_csv_parse(const pd_acr *acr, const char *text, size_t len, json_t **people,
                        pd_acr_csv_error *errors, size_t max_errors, size_t *error_count);

/* Write every person as CSV (header first) into a new malloc'ed string *out. */
pd_err pd_acr_csv_export(const pd_acr *acr, char **out, size_t *len);

/* --- offline tokens -------------------------------------------------------------------- */

/*
 * The card's token, signed with secret_key (crypto_sign_SECRETKEYBYTES):
 * "PD1:SERIAL:PERSON:CATEGORY:VENUES:ZONES:FROM:TO:SIGNATURE", lists
 * comma-separated ("*" for all), dates YYYYMMDD, signature base64url (no
 * padding) of the text before it. Written NUL-terminated to out (size bytes,
 * PD_ACR_TOKEN_MAX is enough). PD_ERR_NOT_FOUND for an unknown serial.
 */
pd_err pd_acr_token(const pd_acr *acr, uint32_t serial, const unsigned char *secret_key, char *out,
                    size_t size, pd_diag *diag);

/* A decoded token (pd_acr_token_verify). */
typedef struct {
    uint32_t serial;
    char person[PD_ACR_ID_MAX + 1];
    char category[PD_ACR_CATEGORY_MAX + 1];
    char venues[PD_ACR_VENUES_MAX * 9 + 2];
    char zones[2 * PD_ACR_ZONE_COUNT + 2];
    int32_t valid_from, valid_to;
} pd_acr_token_info;

/*
 * Offline check of a token against public_key (crypto_sign_PUBLICKEYBYTES)
 * and a sorted revocation list. PD_ERR_INPUT when the token is malformed or
 * its signature does not verify (then nothing in it is trusted). Otherwise
 * out->allow says whether it opens zone of venue on day; a NULL venue or zone,
 * or day 0, skips that test. Reasons: "revoked" (listed), "outside-dates",
 * "venue", "zone".
 */
pd_err pd_acr_token_verify(const char *token, const unsigned char *public_key,
                           const uint32_t *revoked, size_t revoked_count, const char *venue,
                           const char *zone, int32_t day, pd_acr_token_info *info,
                           pd_acr_decision *out, pd_diag *diag);

/*
 * The revocation list: serials of every card that does not open doors
 * (suspended, revoked, lost, replaced), ascending, as a new JSON document
 * {"format": "podium-revocations/1", "seq": seq, "cards": N, "revoked": [...],
 * "signature": S}, S the Ed25519 signature with secret_key
 * (crypto_sign_SECRETKEYBYTES), base64url without padding, over the text
 * "PDR1:SEQ:CARDS:S1,S2,..." (the serials as listed). NULL when out of memory.
 */
json_t *pd_acr_revocations(const pd_acr *acr, int64_t seq, const unsigned char *secret_key);

/*
 * Read a revocation list document into a new sorted malloc'ed array (*out,
 * free()), once its signature verifies with public_key: a list with a card
 * struck off, or signed by another key, is refused. PD_ERR_INPUT naming the
 * field on a bad document.
 */
pd_err pd_acr_revocations_parse(const json_t *doc, const unsigned char *public_key, uint32_t **out,
                                size_t *count, pd_diag *diag);

/* "YYYY-MM-DD" to YYYYMMDD; PD_ERR_INPUT when not a real date. */
pd_err pd_acr_parse_day(const char *text, int32_t *out);

/*
 * Key files: one line of hex. A secret key file holds the 32-byte Ed25519
 * seed; a public key file the 32-byte public key (or a JSON object with
 * "public_key", as GET /api/access/key answers).
 */
pd_err pd_acr_read_secret_key(const char *path, unsigned char *secret_key, pd_diag *diag);
pd_err pd_acr_read_public_key(const char *path, unsigned char *public_key, pd_diag *diag);
/* Write a new key pair: secret to secret_path (mode 0600), public to public_path. */
pd_err pd_acr_keygen(const char *secret_path, const char *public_path, pd_diag *diag);

#endif
