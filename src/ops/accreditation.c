/*
 * accreditation.c: people, cards and access decisions, derived from the
 * accreditation service's observations (docs/accreditation.md).
 *
 * The state is two tables: people (a growable array with an open-addressing
 * index by id) and cards (an array indexed by serial - 1, since serials are
 * handed out 1, 2, 3... by apply, so replaying the log gives every card the
 * same serial again). Venues are bits of a 64-bit mask over the venues the
 * state was created with and zones bits 1..9, so an access check is a hash-free
 * array lookup, two date compares and two mask tests: cheap enough for tens
 * of thousands of checks a second under a read lock.
 *
 * Observations (all with "type"):
 *   people  {"people": [person...]}   add or update people; a new person gets a card
 *   issue   {"person": ID}            a new card; the person's live card becomes "replaced"
 *   card    {"serial": N, "action": "suspend" | "reinstate" | "revoke" | "lost"}
 *   scans   {"scans": "CARD,VENUE,ZONE,OUTCOME,AT_MS\n..."}  recorded checks, batched
 *
 * Tokens for offline scanners are the card's privileges in a short text,
 * signed with Ed25519 (libsodium crypto_sign_detached). The only I/O here is
 * reading and writing the key files.
 */
#include "podium/accreditation.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "podium/buf.h"
#include "podium/json.h"

struct pd_acr {
    char venue_codes[PD_ACR_VENUES_MAX][9];
    size_t venue_count;
    uint64_t all_venues;
    pd_acr_person *people;
    size_t person_count, person_cap;
    uint32_t *index; /* person index + 1, 0 empty; index_cap a power of two */
    size_t index_cap;
    pd_acr_card *cards;
    size_t card_count, card_cap;
    pd_access_health_fn health;
    void *health_ctx;
};

#define ALL_ZONES  ((uint16_t)((1u << PD_ACR_ZONE_COUNT) - 1))
#define MAX_PEOPLE 4000000u

static const char *const org_names[PD_ACR_ORG_COUNT] = {"NOC",         "IF",        "MEDIA",
                                                        "BROADCASTER", "WORKFORCE", "OCOG"};
static const char *const state_names[] = {"issued", "suspended", "revoked", "lost", "replaced"};
static const char *const transports[] = {"T1", "T2", "T3", "TA", "TF", "TM", "", NULL};

const char *pd_acr_state_name(pd_acr_card_state state)
{
    return (unsigned)state < sizeof state_names / sizeof state_names[0] ? state_names[state]
                                                                        : "unknown";
}

const char *pd_acr_org_name(pd_acr_org_type type)
{
    return (unsigned)type < PD_ACR_ORG_COUNT ? org_names[type] : "unknown";
}

/* --- small parsers ---------------------------------------------------------------- */

static bool is_upper_digit(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool valid_venue_code(const char *code, size_t len)
{
    if (len < 2 || len > 8)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!is_upper_digit(code[i]))
            return false;
    return true;
}

static bool valid_id(const char *id)
{
    size_t len = strlen(id);
    if (len == 0 || len > PD_ACR_ID_MAX)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = id[i];
        if (!((c >= 'a' && c <= 'z') || is_upper_digit(c) || c == '-' || c == '_' || c == '.'))
            return false;
    }
    return true;
}

static bool valid_text(const char *text, size_t max, bool allow_empty)
{
    size_t len = strlen(text);
    if ((!allow_empty && len == 0) || len > max)
        return false;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f)
            return false;
    return true;
}

pd_err pd_acr_parse_day(const char *text, int32_t *out)
{
    static const int days_in[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(text) != 10 || text[4] != '-' || text[7] != '-')
        return PD_ERR_INPUT;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !(text[i] >= '0' && text[i] <= '9'))
            return PD_ERR_INPUT;
    int y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + text[3] - '0';
    int m = (text[5] - '0') * 10 + text[6] - '0';
    int d = (text[8] - '0') * 10 + text[9] - '0';
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 2000 || m < 1 || m > 12 || d < 1 || d > days_in[m - 1] || (m == 2 && d == 29 && !leap))
        return PD_ERR_INPUT;
    *out = y * 10000 + m * 100 + d;
    return PD_OK;
}

static void format_day(int32_t day, char out[11])
{
    unsigned d = day > 0 ? (unsigned)day : 0;
    snprintf(out, 11, "%04u-%02u-%02u", d / 10000 % 10000, d / 100 % 100, d % 100);
}

static int venue_index(const pd_acr *acr, const char *code, size_t len)
{
    for (size_t i = 0; i < acr->venue_count; i++)
        if (strlen(acr->venue_codes[i]) == len && memcmp(acr->venue_codes[i], code, len) == 0)
            return (int)i;
    return -1;
}

static bool parse_zone_item(const char *p, size_t len, uint16_t *mask)
{
    if (len != 1 || p[0] < '1' || p[0] > '0' + PD_ACR_ZONE_COUNT)
        return false;
    *mask |= (uint16_t)(1u << (p[0] - '1'));
    return true;
}

/*
 * The bit of one list item (p, len), or -1 with a reason written to reason
 * (size bytes) when the item is bad.
 */
typedef int (*list_item_fn)(const void *ctx, const char *p, size_t len, char *reason, size_t size);

/* A venue code's bit: its index among the state's venues (ctx). */
static int venue_item(const void *ctx, const char *p, size_t len, char *reason, size_t size)
{
    int v = venue_index(ctx, p, len);
    if (v < 0)
        snprintf(reason, size, "unknown venue \"%.*s\"", (int)(len > 16 ? 16 : len), p);
    return v;
}

/* A zone number's bit: zone z is bit z-1. */
static int zone_item(const void *ctx, const char *p, size_t len, char *reason, size_t size)
{
    uint16_t bit = 0;
    (void)ctx;
    if (!parse_zone_item(p, len, &bit)) {
        snprintf(reason, size, "expected zones 1 to %d, got \"%.*s\"", PD_ACR_ZONE_COUNT,
                 (int)(len > 16 ? 16 : len), p);
        return -1;
    }
    return p[0] - '1';
}

/*
 * A list of venue codes or zone numbers, items separated by sep ("*" alone:
 * all, the mask all), each item's bit given by item. Writes the mask; false
 * with a reason on a bad item or an empty last item.
 */
static bool parse_list(const char *text, char sep, uint64_t all, list_item_fn item, const void *ctx,
                       uint64_t *mask, char *reason, size_t size)
{
    *mask = 0;
    if (strcmp(text, "*") == 0) {
        *mask = all;
        return true;
    }
    const char *p = text;
    while (*p) {
        const char *end = strchr(p, sep);
        size_t len = end ? (size_t)(end - p) : strlen(p);
        int bit = item(ctx, p, len, reason, size);
        if (bit < 0)
            return false;
        *mask |= (uint64_t)1 << bit;
        p += len + (end ? 1 : 0);
        if (end && !*p) {
            snprintf(reason, size, "empty item at the end of the list");
            return false;
        }
    }
    return true;
}

bool pd_acr_parse_serial(const char *text, size_t len, uint32_t *out)
{
    uint64_t v = 0;
    if (len == 0 || len > 10)
        return false;
    for (size_t i = 0; i < len; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        v = v * 10 + (uint64_t)(text[i] - '0');
    }
    if (v == 0 || v > UINT32_MAX)
        return false;
    *out = (uint32_t)v;
    return true;
}

/* --- the state ------------------------------------------------------------------------- */

pd_acr *pd_acr_new(const char *const *venue_codes, size_t venue_count, pd_diag *diag)
{
    if (venue_count > PD_ACR_VENUES_MAX) {
        pd_diag_set(diag, PD_ERR_INPUT, "venues", "more than %d venues", PD_ACR_VENUES_MAX);
        return NULL;
    }
    pd_acr *acr = calloc(1, sizeof *acr);
    if (!acr) {
        pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < venue_count; i++) {
        const char *code = venue_codes[i];
        if (!valid_venue_code(code, strlen(code)) || venue_index(acr, code, strlen(code)) >= 0) {
            pd_diag_set(diag, PD_ERR_INPUT, "venues", "bad or repeated venue code \"%.16s\"", code);
            free(acr);
            return NULL;
        }
        snprintf(acr->venue_codes[i], sizeof acr->venue_codes[i], "%s", code);
        acr->venue_count++;
        acr->all_venues |= (uint64_t)1 << i;
    }
    return acr;
}

void pd_acr_free(pd_acr *acr)
{
    if (!acr)
        return;
    free(acr->people);
    free(acr->index);
    free(acr->cards);
    free(acr);
}

void pd_acr_set_health(pd_acr *acr, pd_access_health_fn fn, void *ctx)
{
    acr->health = fn;
    acr->health_ctx = ctx;
}

size_t pd_acr_person_count(const pd_acr *acr)
{
    return acr->person_count;
}

size_t pd_acr_card_count(const pd_acr *acr)
{
    return acr->card_count;
}

const pd_acr_person *pd_acr_person_at(const pd_acr *acr, size_t index)
{
    return index < acr->person_count ? &acr->people[index] : NULL;
}

static uint32_t hash_id(const char *id)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *id; id++)
        h = (h ^ (unsigned char)*id) * 16777619u;
    return h;
}

/* Slot of id in the index: its slot when present, else the empty slot where it goes. */
static size_t find_slot(const pd_acr *acr, const char *id)
{
    size_t mask = acr->index_cap - 1;
    size_t slot = hash_id(id) & mask;
    while (acr->index[slot] && strcmp(acr->people[acr->index[slot] - 1].id, id) != 0)
        slot = (slot + 1) & mask;
    return slot;
}

static long person_index(const pd_acr *acr, const char *id)
{
    if (!acr->index_cap)
        return -1;
    uint32_t at = acr->index[find_slot(acr, id)];
    return at ? (long)at - 1 : -1;
}

const pd_acr_person *pd_acr_find_person(const pd_acr *acr, const char *id)
{
    long i = person_index(acr, id);
    return i < 0 ? NULL : &acr->people[i];
}

const pd_acr_card *pd_acr_find_card(const pd_acr *acr, uint32_t serial)
{
    return serial >= 1 && serial <= acr->card_count ? &acr->cards[serial - 1] : NULL;
}

/* Make room for extra more people and cards; the state is unchanged on failure. */
static pd_err reserve(pd_acr *acr, size_t more_people, size_t more_cards)
{
    size_t need = acr->person_count + more_people;
    if (need > MAX_PEOPLE)
        return PD_ERR_NOMEM;
    if (pd_grow_to(&acr->people, &acr->person_cap, need, sizeof *acr->people, 1024) != PD_OK)
        return PD_ERR_NOMEM;
    if (need * 2 > acr->index_cap) {
        size_t cap = acr->index_cap ? acr->index_cap : 2048;
        while (need * 2 > cap)
            cap *= 2;
        uint32_t *old = acr->index;
        size_t old_cap = acr->index_cap;
        acr->index = calloc(cap, sizeof *acr->index);
        if (!acr->index) {
            acr->index = old;
            return PD_ERR_NOMEM;
        }
        acr->index_cap = cap;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i])
                acr->index[find_slot(acr, acr->people[old[i] - 1].id)] = old[i];
        free(old);
    }
    return pd_grow_to(&acr->cards, &acr->card_cap, acr->card_count + more_cards, sizeof *acr->cards,
                      1024);
}

/* --- person records from JSON ----------------------------------------------------------- */

static const char *const person_keys[] = {
    "id",        "name",   "org_type",   "organisation", "category", "venues", "zones",
    "transport", "dining", "valid_from", "valid_to",     "photo",    NULL};

/* A JSON array of strings joined by sep into out; false when not such an array. */
static bool join_list(const json_t *list, char sep, char *out, size_t size)
{
    size_t used = 0;
    size_t i;
    json_t *item;
    if (!json_is_array(list) || json_array_size(list) == 0)
        return false;
    out[0] = '\0';
    json_array_foreach(list, i, item)
    {
        const char *s = json_string_value(item);
        size_t len = s ? strlen(s) : 0;
        if (!s || len == 0 || strchr(s, sep) || used + len + 2 > size)
            return false;
        if (i)
            out[used++] = sep;
        memcpy(out + used, s, len + 1);
        used += len;
    }
    return true;
}

pd_err pd_acr_person_from_json(const pd_acr *acr, const json_t *value, pd_acr_person *out,
                               const char *path, pd_diag *diag)
{
    pd_jpath jp;
    pd_jpath_init(&jp);
    if (path && *path)
        pd_jpath_key(&jp, path);
    if (!json_is_object(value))
        return pd_diag_set(diag, PD_ERR_INPUT, jp.text, "expected an object, got %s",
                           pd_json_type_name(value));
    pd_err err = pd_json_object_keys(value, person_keys, &jp, diag);
    if (err)
        return err;
    const char *id, *name, *org_type, *organisation, *category, *transport = "", *from, *to,
                                                                *photo = "";
    bool dining = false;
    json_t *venues, *zones;
    if ((err = pd_json_get_string(value, "id", true, PD_ACR_ID_MAX, &id, &jp, diag)) ||
        (err = pd_json_get_string(value, "name", true, PD_ACR_NAME_MAX, &name, &jp, diag)) ||
        (err = pd_json_get_string(value, "org_type", true, 16, &org_type, &jp, diag)) ||
        (err = pd_json_get_string(value, "organisation", true, PD_ACR_ORG_MAX, &organisation, &jp,
                                  diag)) ||
        (err = pd_json_get_string(value, "category", true, PD_ACR_CATEGORY_MAX, &category, &jp,
                                  diag)) ||
        (err =
             pd_json_get_array(value, "venues", true, 1, PD_ACR_VENUES_MAX, &venues, &jp, diag)) ||
        (err = pd_json_get_array(value, "zones", true, 1, PD_ACR_ZONE_COUNT, &zones, &jp, diag)) ||
        (err = pd_json_get_string(value, "transport", false, 2, &transport, &jp, diag)) ||
        (err = pd_json_get_bool(value, "dining", false, &dining, &jp, diag)) ||
        (err = pd_json_get_string(value, "valid_from", true, 10, &from, &jp, diag)) ||
        (err = pd_json_get_string(value, "valid_to", true, 10, &to, &jp, diag)) ||
        (err = pd_json_get_string(value, "photo", false, PD_ACR_PHOTO_MAX, &photo, &jp, diag)))
        return err;

    memset(out, 0, sizeof *out);
    char reason[PD_ACR_REASON_MAX];
    char list[PD_ACR_VENUES_MAX * 9 + 2];
    size_t base = jp.len;
#define FIELD_ERROR(key, ...)                                                                      \
    do {                                                                                           \
        pd_jpath_key(&jp, key);                                                                    \
        err = pd_diag_set(diag, PD_ERR_INPUT, jp.text, __VA_ARGS__);                               \
        pd_jpath_pop(&jp, base);                                                                   \
        return err;                                                                                \
    } while (0)
    if (!valid_id(id))
        FIELD_ERROR("id", "expected 1 to %d letters, digits, '-', '_' or '.'", PD_ACR_ID_MAX);
    if (!valid_text(name, PD_ACR_NAME_MAX, false))
        FIELD_ERROR("name", "expected a name without control characters");
    int org = -1;
    for (int i = 0; i < PD_ACR_ORG_COUNT; i++)
        if (strcmp(org_type, org_names[i]) == 0)
            org = i;
    if (org < 0)
        FIELD_ERROR("org_type",
                    "expected NOC, IF, MEDIA, BROADCASTER, WORKFORCE or OCOG, got \"%s\"",
                    org_type);
    if (!valid_text(organisation, PD_ACR_ORG_MAX, false))
        FIELD_ERROR("organisation", "expected a name without control characters");
    size_t clen = strlen(category);
    for (size_t i = 0; i < clen; i++)
        if (!((category[i] >= 'a' && category[i] <= 'z') || is_upper_digit(category[i])))
            clen = 0;
    if (clen == 0)
        FIELD_ERROR("category", "expected 1 to %d letters or digits", PD_ACR_CATEGORY_MAX);
    if (!join_list(venues, ',', list, sizeof list))
        FIELD_ERROR("venues", "expected venue codes or \"*\"");
    if (!parse_list(list, ',', acr->all_venues, venue_item, acr, &out->venues, reason,
                    sizeof reason))
        FIELD_ERROR("venues", "%s", reason);
    if (!join_list(zones, ',', list, sizeof list))
        FIELD_ERROR("zones", "expected zones 1 to %d or \"*\"", PD_ACR_ZONE_COUNT);
    uint64_t zone_mask;
    if (!parse_list(list, ',', ALL_ZONES, zone_item, NULL, &zone_mask, reason, sizeof reason))
        FIELD_ERROR("zones", "%s", reason);
    out->zones = (uint16_t)zone_mask;
    bool known_transport = false;
    for (const char *const *t = transports; *t; t++)
        known_transport |= strcmp(*t, transport) == 0;
    if (!known_transport)
        FIELD_ERROR("transport", "expected T1, T2, T3, TA, TF, TM or nothing, got \"%s\"",
                    transport);
    if (pd_acr_parse_day(from, &out->valid_from))
        FIELD_ERROR("valid_from", "expected a date YYYY-MM-DD, got \"%s\"", from);
    if (pd_acr_parse_day(to, &out->valid_to))
        FIELD_ERROR("valid_to", "expected a date YYYY-MM-DD, got \"%s\"", to);
    if (out->valid_to < out->valid_from)
        FIELD_ERROR("valid_to", "%s is before valid_from %s", to, from);
    if (!valid_text(photo, PD_ACR_PHOTO_MAX, true) || strchr(photo, ' '))
        FIELD_ERROR("photo", "expected a reference without spaces or control characters");
#undef FIELD_ERROR
    snprintf(out->id, sizeof out->id, "%s", id);
    snprintf(out->name, sizeof out->name, "%s", name);
    out->org_type = (pd_acr_org_type)org;
    snprintf(out->organisation, sizeof out->organisation, "%s", organisation);
    snprintf(out->category, sizeof out->category, "%s", category);
    snprintf(out->transport, sizeof out->transport, "%s", transport);
    out->dining = dining;
    snprintf(out->photo, sizeof out->photo, "%s", photo);
    return PD_OK;
}

/* Venue list of a mask: "*" or codes joined by sep. */
static void venue_list(const pd_acr *acr, uint64_t mask, char sep, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    if (mask == acr->all_venues && acr->venue_count) {
        snprintf(out, size, "*");
        return;
    }
    for (size_t i = 0; i < acr->venue_count; i++)
        if (mask & ((uint64_t)1 << i)) {
            int n = snprintf(out + used, size - used, "%s%s", used ? (char[2]){sep, 0} : "",
                             acr->venue_codes[i]);
            if (n < 0 || (size_t)n >= size - used)
                return;
            used += (size_t)n;
        }
}

static void zone_list(uint16_t mask, char sep, char *out, size_t size)
{
    size_t used = 0;
    out[0] = '\0';
    if (mask == ALL_ZONES) {
        snprintf(out, size, "*");
        return;
    }
    for (int z = 0; z < PD_ACR_ZONE_COUNT && used + 3 < size; z++)
        if (mask & (1u << z)) {
            if (used)
                out[used++] = sep;
            out[used++] = (char)('1' + z);
            out[used] = '\0';
        }
}

static json_t *list_json(const char *joined)
{
    json_t *arr = json_array();
    const char *p = joined;
    while (arr && *p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        json_array_append_new(arr, json_stringn(p, len));
        p += len + (end ? 1 : 0);
    }
    return arr;
}

json_t *pd_acr_person_json(const pd_acr *acr, const pd_acr_person *p)
{
    char venues[PD_ACR_VENUES_MAX * 9 + 2], zones[2 * PD_ACR_ZONE_COUNT + 2];
    char from[11], to[11];
    venue_list(acr, p->venues, ',', venues, sizeof venues);
    zone_list(p->zones, ',', zones, sizeof zones);
    format_day(p->valid_from, from);
    format_day(p->valid_to, to);
    json_t *cards = json_array();
    /* a person's cards: walk back from the latest is not linked; scan is fine for officers */
    for (size_t i = 0; cards && i < acr->card_count; i++) {
        const pd_acr_card *c = &acr->cards[i];
        if (&acr->people[c->person] == p)
            json_array_append_new(cards,
                                  json_pack("{s:I, s:s, s:I, s:I}", "serial", (json_int_t)c->serial,
                                            "state", pd_acr_state_name(c->state), "issued_seq",
                                            (json_int_t)c->issued_seq, "changed_seq",
                                            (json_int_t)c->changed_seq));
    }
    return json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:b, s:s, s:s, s:s, s:I, s:o, "
                     "s:I, s:s}",
                     "id", p->id, "name", p->name, "org_type", pd_acr_org_name(p->org_type),
                     "organisation", p->organisation, "category", p->category, "venues",
                     list_json(venues), "zones", list_json(zones), "transport", p->transport,
                     "dining", p->dining, "valid_from", from, "valid_to", to, "photo", p->photo,
                     "card", (json_int_t)p->card, "cards", cards ? cards : json_array(),
                     "changed_seq", (json_int_t)p->changed_seq, "changed_by", p->changed_by);
}

/* --- observations ------------------------------------------------------------------------ */

#define MAX_PEOPLE_PER_OBSERVATION 5000

static const char *const card_actions[] = {"suspend", "reinstate", "revoke", "lost", NULL};

/* May a card in state `from` take action? The resulting state in *to. */
static pd_err card_transition(pd_acr_card_state from, const char *action, pd_acr_card_state *to,
                              pd_diag *diag)
{
    bool live = from == PD_ACR_ISSUED || from == PD_ACR_SUSPENDED;
    if (strcmp(action, "suspend") == 0 && from == PD_ACR_ISSUED)
        *to = PD_ACR_SUSPENDED;
    else if (strcmp(action, "reinstate") == 0 && from == PD_ACR_SUSPENDED)
        *to = PD_ACR_ISSUED;
    else if (strcmp(action, "revoke") == 0 && live)
        *to = PD_ACR_REVOKED;
    else if (strcmp(action, "lost") == 0 && live)
        *to = PD_ACR_LOST;
    else
        return pd_diag_set(diag, PD_ERR_CONFLICT, "action", "a %s card cannot be %s",
                           pd_acr_state_name(from),
                           strcmp(action, "suspend") == 0     ? "suspended"
                           : strcmp(action, "reinstate") == 0 ? "reinstated"
                           : strcmp(action, "revoke") == 0    ? "revoked"
                                                              : "reported lost");
    return PD_OK;
}

static pd_err check_people(const pd_acr *acr, const json_t *body, pd_diag *diag)
{
    static const char *const keys[] = {"type", "people", NULL};
    pd_jpath jp;
    json_t *people, *item;
    size_t i;
    pd_jpath_init(&jp);
    pd_err err = pd_json_object_keys(body, keys, &jp, diag);
    if (!err)
        err = pd_json_get_array(body, "people", true, 1, MAX_PEOPLE_PER_OBSERVATION, &people, &jp,
                                diag);
    if (err)
        return err;
    json_array_foreach(people, i, item)
    {
        char path[32];
        pd_acr_person p;
        snprintf(path, sizeof path, "people[%zu]", i);
        if ((err = pd_acr_person_from_json(acr, item, &p, path, diag)))
            return err;
        for (size_t k = 0; k < i; k++)
            if (strcmp(json_string_value(json_object_get(json_array_get(people, k), "id")), p.id) ==
                0)
                return pd_diag_set(diag, PD_ERR_INPUT, path, "person %s appears twice", p.id);
    }
    return PD_OK;
}

static pd_err check_card(const pd_acr *acr, const json_t *body, pd_diag *diag)
{
    static const char *const keys[] = {"type", "serial", "action", NULL};
    pd_jpath jp;
    int64_t serial;
    const char *action;
    pd_jpath_init(&jp);
    pd_err err = pd_json_object_keys(body, keys, &jp, diag);
    if (!err)
        err = pd_json_get_int(body, "serial", true, 1, UINT32_MAX, &serial, &jp, diag);
    if (!err)
        err = pd_json_get_string(body, "action", true, 16, &action, &jp, diag);
    if (err)
        return err;
    bool known = false;
    for (const char *const *a = card_actions; *a; a++)
        known |= strcmp(*a, action) == 0;
    if (!known)
        return pd_diag_set(diag, PD_ERR_INPUT, "action",
                           "expected suspend, reinstate, revoke or lost, got \"%s\"", action);
    const pd_acr_card *card = pd_acr_find_card(acr, (uint32_t)serial);
    if (!card)
        return pd_diag_set(diag, PD_ERR_NOT_FOUND, "serial", "no card %lld", (long long)serial);
    pd_acr_card_state to;
    return card_transition(card->state, action, &to, diag);
}

static pd_err check_issue(const pd_acr *acr, const json_t *body, pd_diag *diag)
{
    static const char *const keys[] = {"type", "person", NULL};
    pd_jpath jp;
    const char *id;
    pd_jpath_init(&jp);
    pd_err err = pd_json_object_keys(body, keys, &jp, diag);
    if (!err)
        err = pd_json_get_string(body, "person", true, PD_ACR_ID_MAX, &id, &jp, diag);
    if (err)
        return err;
    if (!pd_acr_find_person(acr, id))
        return pd_diag_set(diag, PD_ERR_NOT_FOUND, "person", "no person %s", id);
    return PD_OK;
}

static const char *const outcomes[] = {
    "ok",    "unknown-card", "suspended", "revoked", "lost", "replaced", "outside-dates",
    "venue", "zone",         "health",    NULL};

static bool scan_field_ok(const char *p, size_t n, int field)
{
    if (n == 0)
        return false;
    switch (field) {
    case 0: /* card: digits or "?" */
    case 4: /* at_ms */
        if (n > (field ? 15u : 10u))
            return false;
        for (size_t i = 0; i < n; i++)
            if (!(p[i] >= '0' && p[i] <= '9') && !(field == 0 && n == 1 && p[i] == '?'))
                return false;
        return true;
    case 1: /* venue */
        if (n > 8)
            return false;
        for (size_t i = 0; i < n; i++)
            if (!is_upper_digit(p[i]) && p[i] != '?')
                return false;
        return true;
    case 2: /* zone */
        return n == 1 && ((p[0] >= '0' && p[0] <= '9') || p[0] == '?');
    default:
        for (const char *const *o = outcomes; *o; o++)
            if (strlen(*o) == n && memcmp(*o, p, n) == 0)
                return true;
        return false;
    }
}

pd_err pd_acr_scans_count(const char *text, size_t len, size_t *allowed, size_t *denied)
{
    size_t lines = 0;
    *allowed = *denied = 0;
    const char *p = text, *end = text + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = nl ? nl : end;
        int field = 0;
        bool ok = false;
        for (const char *f = p; field < 5; field++) {
            const char *comma = memchr(f, ',', (size_t)(line_end - f));
            const char *fe = field < 4 ? comma : line_end;
            if (!fe || (field == 4 && comma) || !scan_field_ok(f, (size_t)(fe - f), field))
                return PD_ERR_INPUT;
            if (field == 3)
                ok = fe - f == 2 && memcmp(f, "ok", 2) == 0;
            f = fe + 1;
        }
        if (++lines > PD_ACR_SCANS_MAX)
            return PD_ERR_INPUT;
        if (ok)
            (*allowed)++;
        else
            (*denied)++;
        p = line_end + 1;
    }
    return lines ? PD_OK : PD_ERR_INPUT;
}

size_t pd_acr_scan_line(char *out, size_t size, const char *card, const char *venue,
                        const char *zone, const char *outcome, int64_t at_ms)
{
    char c[11], v[9];
    size_t n = strlen(card), i;
    for (i = 0; i < n && i < 10 && card[i] >= '0' && card[i] <= '9'; i++)
        c[i] = card[i];
    if (i == 0 || i != n)
        snprintf(c, sizeof c, "?");
    else
        c[i] = '\0';
    for (i = 0; venue[i] && i < 8; i++)
        v[i] = is_upper_digit(venue[i]) ? venue[i] : '?';
    if (i == 0)
        v[i++] = '?';
    v[i] = '\0';
    char z = zone[0] >= '0' && zone[0] <= '9' && !zone[1] ? zone[0] : '?';
    int w = snprintf(out, size, "%s,%s,%c,%s,%lld\n", c, v, z, outcome, (long long)at_ms);
    return w < 0 || (size_t)w >= size ? 0 : (size_t)w;
}

static pd_err check_scans(const json_t *body, pd_diag *diag)
{
    static const char *const keys[] = {"type", "scans", NULL};
    pd_jpath jp;
    const json_t *scans;
    size_t allowed, denied;
    pd_jpath_init(&jp);
    pd_err err = pd_json_object_keys(body, keys, &jp, diag);
    if (err)
        return err;
    scans = json_object_get(body, "scans");
    if (!json_is_string(scans) ||
        pd_acr_scans_count(json_string_value(scans), json_string_length(scans), &allowed, &denied))
        return pd_diag_set(diag, PD_ERR_INPUT, "scans",
                           "expected lines CARD,VENUE,ZONE,OUTCOME,AT_MS (at most %d)",
                           PD_ACR_SCANS_MAX);
    return PD_OK;
}

pd_err pd_acr_check(const pd_acr *acr, const json_t *body, pd_diag *diag)
{
    const char *type = json_string_value(json_object_get(body, "type"));
    if (!json_is_object(body))
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "an observation is a JSON object");
    if (!type)
        return pd_diag_set(diag, PD_ERR_INPUT, "type", "missing (people, issue, card or scans)");
    if (strcmp(type, "people") == 0)
        return check_people(acr, body, diag);
    if (strcmp(type, "card") == 0)
        return check_card(acr, body, diag);
    if (strcmp(type, "issue") == 0)
        return check_issue(acr, body, diag);
    if (strcmp(type, "scans") == 0)
        return check_scans(body, diag);
    return pd_diag_set(diag, PD_ERR_INPUT, "type",
                       "expected people, issue, card or scans, got \"%.32s\"", type);
}

static void stamp(pd_acr_person *p, int64_t seq, const char *author)
{
    p->changed_seq = seq;
    snprintf(p->changed_by, sizeof p->changed_by, "%s", author ? author : "");
}

/* A new card for person index pi; its live card, if any, becomes replaced. */
static void issue_card(pd_acr *acr, size_t pi, int64_t seq)
{
    pd_acr_person *p = &acr->people[pi];
    if (p->card) {
        pd_acr_card *old = &acr->cards[p->card - 1];
        if (old->state == PD_ACR_ISSUED || old->state == PD_ACR_SUSPENDED) {
            old->state = PD_ACR_REPLACED;
            old->changed_seq = seq;
        }
    }
    pd_acr_card *c = &acr->cards[acr->card_count++];
    c->serial = (uint32_t)acr->card_count;
    c->person = (uint32_t)pi;
    c->state = PD_ACR_ISSUED;
    c->issued_seq = seq;
    c->changed_seq = seq;
    p->card = c->serial;
}

static pd_err apply_people(pd_acr *acr, int64_t seq, const json_t *people, const char *author)
{
    size_t n = json_array_size(people), i;
    json_t *item;
    pd_err err = reserve(acr, n, n);
    if (err)
        return err;
    json_array_foreach(people, i, item)
    {
        pd_acr_person p;
        if (pd_acr_person_from_json(acr, item, &p, NULL, NULL))
            continue;
        long at = person_index(acr, p.id);
        if (at >= 0) {
            p.card = acr->people[at].card;
            acr->people[at] = p;
            stamp(&acr->people[at], seq, author);
            continue;
        }
        size_t pi = acr->person_count++;
        acr->people[pi] = p;
        acr->index[find_slot(acr, p.id)] = (uint32_t)pi + 1;
        stamp(&acr->people[pi], seq, author);
        issue_card(acr, pi, seq);
    }
    return PD_OK;
}

pd_err pd_acr_apply(pd_acr *acr, int64_t seq, const json_t *body, const char *author,
                    int64_t recorded_at_ms)
{
    (void)recorded_at_ms;
    if (pd_acr_check(acr, body, NULL) != PD_OK)
        return PD_OK;
    const char *type = json_string_value(json_object_get(body, "type"));
    if (strcmp(type, "people") == 0)
        return apply_people(acr, seq, json_object_get(body, "people"), author);
    if (strcmp(type, "issue") == 0) {
        long pi = person_index(acr, json_string_value(json_object_get(body, "person")));
        pd_err err = reserve(acr, 0, 1);
        if (err)
            return err;
        issue_card(acr, (size_t)pi, seq);
        stamp(&acr->people[pi], seq, author);
        return PD_OK;
    }
    if (strcmp(type, "card") == 0) {
        pd_acr_card *c = &acr->cards[json_integer_value(json_object_get(body, "serial")) - 1];
        pd_acr_card_state to;
        card_transition(c->state, json_string_value(json_object_get(body, "action")), &to, NULL);
        c->state = to;
        c->changed_seq = seq;
        stamp(&acr->people[c->person], seq, author);
        return PD_OK;
    }
    return PD_OK; /* scans: the audit trail is the log itself */
}

/* --- access ------------------------------------------------------------------------------- */

static void decide(pd_acr_decision *out, bool allow, const char *reason, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void decide(pd_acr_decision *out, bool allow, const char *reason, const char *fmt, ...)
{
    va_list ap;
    out->allow = allow;
    out->reason = reason;
    va_start(ap, fmt);
    vsnprintf(out->message, sizeof out->message, fmt, ap);
    va_end(ap);
}

static bool dates_venue_zone(uint64_t venue_bit, uint16_t zone_bit, int32_t from, int32_t to,
                             uint64_t venues, uint16_t zones, int32_t day, pd_acr_decision *out)
{
    char a[11], b[11];
    if (day && (day < from || day > to)) {
        format_day(from, a);
        format_day(to, b);
        decide(out, false, "outside-dates", "valid from %s to %s", a, b);
        return false;
    }
    if (!(venues & venue_bit)) {
        decide(out, false, "venue", "this venue is not on the card");
        return false;
    }
    if (!(zones & zone_bit)) {
        decide(out, false, "zone", "this zone is not on the card");
        return false;
    }
    return true;
}

void pd_acr_access(const pd_acr *acr, const char *card, const char *venue, const char *zone,
                   int32_t day, pd_acr_decision *out)
{
    uint32_t serial = 0;
    memset(out, 0, sizeof *out);
    const pd_acr_card *c =
        pd_acr_parse_serial(card, strlen(card), &serial) ? pd_acr_find_card(acr, serial) : NULL;
    if (!c) {
        decide(out, false, "unknown-card", "no such card");
        return;
    }
    out->serial = serial;
    if (c->state != PD_ACR_ISSUED) {
        decide(out, false, pd_acr_state_name(c->state), "the card is %s",
               c->state == PD_ACR_LOST ? "reported lost" : pd_acr_state_name(c->state));
        return;
    }
    const pd_acr_person *p = &acr->people[c->person];
    int v = venue_index(acr, venue, strlen(venue));
    uint16_t zone_bit = 0;
    if (!parse_zone_item(zone, strlen(zone), &zone_bit))
        zone_bit = 0;
    if (!dates_venue_zone(v < 0 ? 0 : (uint64_t)1 << v, zone_bit, p->valid_from, p->valid_to,
                          p->venues, p->zones, day, out))
        return;
    if (acr->health) {
        char reason[PD_ACR_REASON_MAX] = "";
        char day_text[11];
        format_day(day, day_text);
        if (!acr->health(acr->health_ctx, p->id, day_text, reason, sizeof reason)) {
            decide(out, false, "health", "%s", reason[0] ? reason : "health status");
            return;
        }
    }
    decide(out, true, "ok", "allowed, category %s", p->category);
}

/* --- revocations ---------------------------------------------------------------------------- */

/*
 * The text a revocation list's signature covers: "PDR1:SEQ:CARDS:S1,S2,..." with
 * the serials in the order listed. NULL when out of memory (free()).
 */
static char *revocations_signed_text(json_int_t seq, json_int_t cards, const json_t *list)
{
    pd_buf text;
    pd_buf_init(&text, 64 + (size_t)MAX_PEOPLE * 4 * 11);
    pd_err err = pd_buf_addf(&text, "PDR1:%lld:%lld:", (long long)seq, (long long)cards);
    for (size_t i = 0; !err && i < json_array_size(list); i++)
        err = pd_buf_addf(&text, "%s%lld", i ? "," : "",
                          (long long)json_integer_value(json_array_get(list, i)));
    char *out = err ? NULL : strdup(pd_buf_str(&text));
    pd_buf_cleanup(&text);
    return out;
}

json_t *pd_acr_revocations(const pd_acr *acr, int64_t seq, const unsigned char *secret_key)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < acr->card_count; i++)
        if (acr->cards[i].state != PD_ACR_ISSUED)
            json_array_append_new(list, json_integer(acr->cards[i].serial));
    char *text = list ? revocations_signed_text(seq, (json_int_t)acr->card_count, list) : NULL;
    if (!text || sodium_init() < 0) {
        free(text);
        json_decref(list);
        return NULL;
    }
    unsigned char sig[crypto_sign_BYTES];
    char sig_text[sodium_base64_ENCODED_LEN(crypto_sign_BYTES,
                                            sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    crypto_sign_detached(sig, NULL, (const unsigned char *)text, strlen(text), secret_key);
    sodium_bin2base64(sig_text, sizeof sig_text, sig, sizeof sig,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    free(text);
    return json_pack("{s:s, s:I, s:I, s:o, s:s}", "format", "podium-revocations/1", "seq",
                     (json_int_t)seq, "cards", (json_int_t)acr->card_count, "revoked", list,
                     "signature", sig_text);
}

static int cmp_serial(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

pd_err pd_acr_revocations_parse(const json_t *doc, const unsigned char *public_key, uint32_t **out,
                                size_t *count, pd_diag *diag)
{
    static const char *const keys[] = {"format", "seq", "cards", "revoked", "signature", NULL};
    pd_jpath jp;
    json_t *list, *item;
    const char *format, *signature;
    int64_t seq, cards;
    size_t i;
    *out = NULL;
    *count = 0;
    pd_jpath_init(&jp);
    pd_err err = pd_json_object_keys(doc, keys, &jp, diag);
    if (!err)
        err = pd_json_get_string(doc, "format", true, 32, &format, &jp, diag);
    if (!err && strcmp(format, "podium-revocations/1") != 0)
        err = pd_diag_set(diag, PD_ERR_INPUT, "format", "expected \"podium-revocations/1\"");
    if (!err)
        err = pd_json_get_int(doc, "seq", true, 0, INT64_MAX, &seq, &jp, diag);
    if (!err)
        err = pd_json_get_int(doc, "cards", true, 0, INT64_MAX, &cards, &jp, diag);
    if (!err)
        err = pd_json_get_array(doc, "revoked", true, 0, MAX_PEOPLE * 4, &list, &jp, diag);
    if (!err)
        err = pd_json_get_string(doc, "signature", true, 128, &signature, &jp, diag);
    if (err)
        return err;
    /* the list is the Games' only if its signature verifies: else a card could be struck off */
    json_array_foreach(list, i, item)
    {
        json_int_t v = json_integer_value(item);
        if (!json_is_integer(item) || v < 1 || v > UINT32_MAX)
            return pd_diag_set(diag, PD_ERR_INPUT, "revoked", "item %zu: expected a serial", i);
    }
    unsigned char sig[crypto_sign_BYTES];
    size_t sig_len = 0;
    if (sodium_init() < 0)
        return pd_diag_set(diag, PD_ERR_INTERNAL, NULL, "libsodium failed to initialise");
    if (sodium_base642bin(sig, sizeof sig, signature, strlen(signature), NULL, &sig_len, NULL,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        sig_len != sizeof sig)
        return pd_diag_set(diag, PD_ERR_INPUT, "signature",
                           "expected an Ed25519 signature in base64url");
    char *text = revocations_signed_text(seq, cards, list);
    if (!text)
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
    int bad =
        crypto_sign_verify_detached(sig, (const unsigned char *)text, strlen(text), public_key);
    free(text);
    if (bad)
        return pd_diag_set(diag, PD_ERR_INPUT, "signature",
                           "does not verify with the Games' public key: the list was altered or "
                           "is not the Games'");
    uint32_t *serials = malloc((json_array_size(list) + 1) * sizeof *serials);
    if (!serials)
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
    /* every item was checked above */
    for (i = 0; i < json_array_size(list); i++)
        serials[i] = (uint32_t)json_integer_value(json_array_get(list, i));
    qsort(serials, json_array_size(list), sizeof *serials, cmp_serial);
    *out = serials;
    *count = json_array_size(list);
    return PD_OK;
}

/* --- tokens ------------------------------------------------------------------------------- */

pd_err pd_acr_token(const pd_acr *acr, uint32_t serial, const unsigned char *secret_key, char *out,
                    size_t size, pd_diag *diag)
{
    const pd_acr_card *c = pd_acr_find_card(acr, serial);
    if (!c)
        return pd_diag_set(diag, PD_ERR_NOT_FOUND, "serial", "no card %u", serial);
    const pd_acr_person *p = &acr->people[c->person];
    char venues[PD_ACR_VENUES_MAX * 9 + 2], zones[2 * PD_ACR_ZONE_COUNT + 2];
    venue_list(acr, p->venues, ',', venues, sizeof venues);
    zone_list(p->zones, ',', zones, sizeof zones);
    int n = snprintf(out, size, "PD1:%u:%s:%s:%s:%s:%d:%d:", serial, p->id, p->category, venues,
                     zones, (int)p->valid_from, (int)p->valid_to);
    size_t b64 =
        sodium_base64_ENCODED_LEN(crypto_sign_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    if (n < 0 || (size_t)n + b64 > size)
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "token longer than %zu bytes", size);
    if (sodium_init() < 0)
        return pd_diag_set(diag, PD_ERR_INTERNAL, NULL, "libsodium failed to initialise");
    unsigned char sig[crypto_sign_BYTES];
    crypto_sign_detached(sig, NULL, (const unsigned char *)out, (unsigned long long)n - 1,
                         secret_key);
    sodium_bin2base64(out + n, size - (size_t)n, sig, sizeof sig,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return PD_OK;
}

/* Split token text at ':' into up to max fields (pointers into copy). */
static size_t split_fields(char *copy, char **fields, size_t max)
{
    size_t n = 0;
    char *p = copy;
    while (n < max) {
        fields[n++] = p;
        char *colon = strchr(p, ':');
        if (!colon)
            break;
        *colon = '\0';
        p = colon + 1;
    }
    return n;
}

static bool parse_date_number(const char *text, int32_t *out)
{
    char dashed[11];
    if (strlen(text) != 8)
        return false;
    snprintf(dashed, sizeof dashed, "%.4s-%.2s-%.2s", text, text + 4, text + 6);
    return pd_acr_parse_day(dashed, out) == PD_OK;
}

/* Does a token's list ("*" or items joined by ',') hold item? */
static bool list_has(const char *list, const char *item)
{
    size_t len = strlen(item);
    if (strcmp(list, "*") == 0)
        return len > 0;
    for (const char *p = list; *p;) {
        const char *end = strchr(p, ',');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (n == len && memcmp(p, item, n) == 0)
            return true;
        p += n + (end ? 1 : 0);
    }
    return false;
}

pd_err pd_acr_token_verify(const char *token, const unsigned char *public_key,
                           const uint32_t *revoked, size_t revoked_count, const char *venue,
                           const char *zone, int32_t day, pd_acr_token_info *info,
                           pd_acr_decision *out, pd_diag *diag)
{
    char copy[PD_ACR_TOKEN_MAX];
    char *f[10];
    size_t len = strlen(token);
    memset(info, 0, sizeof *info);
    memset(out, 0, sizeof *out);
    if (len >= sizeof copy)
        return pd_diag_set(diag, PD_ERR_INPUT, "token", "longer than %zu characters",
                           sizeof copy - 1);
    memcpy(copy, token, len + 1);
    if (split_fields(copy, f, 10) != 9 || strcmp(f[0], "PD1") != 0)
        return pd_diag_set(diag, PD_ERR_INPUT, "token",
                           "expected PD1:SERIAL:PERSON:CATEGORY:VENUES:ZONES:FROM:TO:SIGNATURE");
    unsigned char sig[crypto_sign_BYTES];
    size_t sig_len = 0;
    if (sodium_init() < 0)
        return pd_diag_set(diag, PD_ERR_INTERNAL, NULL, "libsodium failed to initialise");
    if (sodium_base642bin(sig, sizeof sig, f[8], strlen(f[8]), NULL, &sig_len, NULL,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        sig_len != sizeof sig)
        return pd_diag_set(diag, PD_ERR_INPUT, "token", "the signature is not base64url");
    size_t signed_len = (size_t)(f[8] - copy) - 1;
    if (crypto_sign_verify_detached(sig, (const unsigned char *)token, signed_len, public_key) != 0)
        return pd_diag_set(diag, PD_ERR_INPUT, "token",
                           "the signature does not verify: forged, altered or another Games' key");
    /* signed by us: the fields are as we wrote them, but stay careful */
    if (!pd_acr_parse_serial(f[1], strlen(f[1]), &info->serial) || strlen(f[2]) > PD_ACR_ID_MAX ||
        strlen(f[3]) > PD_ACR_CATEGORY_MAX || strlen(f[4]) >= sizeof info->venues ||
        strlen(f[5]) >= sizeof info->zones || !parse_date_number(f[6], &info->valid_from) ||
        !parse_date_number(f[7], &info->valid_to))
        return pd_diag_set(diag, PD_ERR_INPUT, "token", "malformed fields");
    snprintf(info->person, sizeof info->person, "%s", f[2]);
    snprintf(info->category, sizeof info->category, "%s", f[3]);
    snprintf(info->venues, sizeof info->venues, "%s", f[4]);
    snprintf(info->zones, sizeof info->zones, "%s", f[5]);
    out->serial = info->serial;
    if (revoked && bsearch(&info->serial, revoked, revoked_count, sizeof *revoked, cmp_serial)) {
        decide(out, false, "revoked", "the card is on the revocation list");
        return PD_OK;
    }
    bool venue_ok = !venue || list_has(info->venues, venue);
    bool zone_ok = !zone || list_has(info->zones, zone);
    if (!dates_venue_zone(venue_ok, zone_ok, info->valid_from, info->valid_to, 1, 1, day, out))
        return PD_OK;
    decide(out, true, "ok", "allowed, category %s", info->category);
    return PD_OK;
}

/* --- key files ---------------------------------------------------------------------------- */

/* Read up to size bytes of a small file as a NUL-terminated string. */
static pd_err read_small(const char *path, char *text, size_t size, pd_diag *diag)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return pd_diag_set(diag, PD_ERR_IO, NULL, "%s: %s", path, strerror(errno));
    size_t n = fread(text, 1, size - 1, f);
    fclose(f);
    text[n] = '\0';
    return PD_OK;
}

static pd_err hex_key(const char *path, const char *text, unsigned char *out, pd_diag *diag)
{
    size_t got = 0;
    const char *end;
    while (*text == ' ' || *text == '\n' || *text == '\r' || *text == '\t')
        text++;
    if (sodium_hex2bin(out, 32, text, strlen(text), NULL, &got, &end) != 0 || got != 32 ||
        (*end && *end != '\n' && *end != '\r' && *end != '"'))
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "%s: expected 64 hex digits", path);
    return PD_OK;
}

pd_err pd_acr_read_secret_key(const char *path, unsigned char *secret_key, pd_diag *diag)
{
    char text[256];
    unsigned char seed[32], pk[crypto_sign_PUBLICKEYBYTES];
    pd_err err = read_small(path, text, sizeof text, diag);
    if (!err)
        err = hex_key(path, text, seed, diag);
    sodium_memzero(text, sizeof text);
    if (err)
        return err;
    if (sodium_init() < 0)
        return pd_diag_set(diag, PD_ERR_INTERNAL, NULL, "libsodium failed to initialise");
    crypto_sign_seed_keypair(pk, secret_key, seed);
    sodium_memzero(seed, sizeof seed);
    return PD_OK;
}

pd_err pd_acr_read_public_key(const char *path, unsigned char *public_key, pd_diag *diag)
{
    char text[4096];
    pd_err err = read_small(path, text, sizeof text, diag);
    if (err)
        return err;
    const char *hex = text;
    const char *member = strstr(text, "\"public_key\"");
    if (member) {
        hex = strchr(member + 12, '"');
        if (!hex)
            return pd_diag_set(diag, PD_ERR_INPUT, NULL, "%s: no public_key value", path);
        hex++;
    }
    return hex_key(path, hex, public_key, diag);
}

pd_err pd_acr_keygen(const char *secret_path, const char *public_path, pd_diag *diag)
{
    unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES], seed[32];
    char hex[65];
    if (sodium_init() < 0)
        return pd_diag_set(diag, PD_ERR_INTERNAL, NULL, "libsodium failed to initialise");
    randombytes_buf(seed, sizeof seed);
    crypto_sign_seed_keypair(pk, sk, seed);
    sodium_memzero(sk, sizeof sk);
    int fd = open(secret_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        sodium_memzero(seed, sizeof seed);
        return pd_diag_set(diag, PD_ERR_IO, NULL, "%s: %s", secret_path, strerror(errno));
    }
    sodium_bin2hex(hex, sizeof hex, seed, sizeof seed);
    sodium_memzero(seed, sizeof seed);
    hex[64] = '\n';
    bool ok = write(fd, hex, 65) == 65;
    sodium_memzero(hex, sizeof hex);
    ok = close(fd) == 0 && ok;
    if (!ok)
        return pd_diag_set(diag, PD_ERR_IO, NULL, "%s: cannot write", secret_path);
    FILE *f = fopen(public_path, "w");
    if (!f)
        return pd_diag_set(diag, PD_ERR_IO, NULL, "%s: %s", public_path, strerror(errno));
    sodium_bin2hex(hex, sizeof hex, pk, sizeof pk);
    ok = fprintf(f, "%s\n", hex) > 0;
    ok = fclose(f) == 0 && ok;
    if (!ok)
        return pd_diag_set(diag, PD_ERR_IO, NULL, "%s: cannot write", public_path);
    return PD_OK;
}

/* --- CSV ---------------------------------------------------------------------------------- */

#define CSV_COLUMNS   12
#define CSV_FIELD_MAX 512
#define CSV_ROWS_MAX  1000000

static const char *const csv_columns[CSV_COLUMNS] = {
    "id",    "name",      "org_type", "organisation", "category", "venues",
    "zones", "transport", "dining",   "valid_from",   "valid_to", "photo"};

typedef struct {
    const char *p, *end;
    size_t line;
} csv_reader;

/*
 * Read one record into fields (each NUL-terminated in storage). Returns the
 * number of fields, 0 at the end of input, -1 on a malformed record (reason
 * set). Lines that are empty are skipped.
 */
static int csv_record(csv_reader *r, char fields[][CSV_FIELD_MAX + 1], int max_fields,
                      size_t *start_line, char *reason, size_t size)
{
    while (r->p < r->end && (*r->p == '\n' || *r->p == '\r')) {
        if (*r->p == '\n')
            r->line++;
        r->p++;
    }
    if (r->p >= r->end)
        return 0;
    *start_line = r->line;
    int count = 0;
    bool bad = false;
    for (;;) {
        size_t len = 0;
        bool over = false;
        char *out = count < max_fields ? fields[count] : NULL;
        if (r->p < r->end && *r->p == '"') {
            r->p++;
            for (;;) {
                if (r->p >= r->end) {
                    snprintf(reason, size, "a quoted field is not closed");
                    return -1;
                }
                char c = *r->p++;
                if (c == '"') {
                    if (r->p < r->end && *r->p == '"')
                        r->p++;
                    else
                        break;
                }
                if (c == '\n')
                    r->line++;
                if (out && len < CSV_FIELD_MAX)
                    out[len++] = c;
                else
                    over = true;
            }
            if (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r') {
                snprintf(reason, size, "text after a closing quote");
                bad = true;
            }
        }
        while (r->p < r->end && *r->p != ',' && *r->p != '\n' && *r->p != '\r') {
            char c = *r->p++;
            if (c == '"') {
                snprintf(reason, size, "a quote inside an unquoted field");
                bad = true;
            }
            if (out && len < CSV_FIELD_MAX)
                out[len++] = c;
            else
                over = true;
        }
        if (out)
            out[len] = '\0';
        if (over && out && !bad) {
            snprintf(reason, size, "a field longer than %d bytes", CSV_FIELD_MAX);
            bad = true;
        }
        count++;
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        if (r->p < r->end && *r->p == '\r')
            r->p++;
        if (r->p < r->end && *r->p == '\n') {
            r->p++;
            r->line++;
        }
        break;
    }
    return bad ? -1 : count;
}

/* A ';'-separated CSV list as a JSON array of strings ("" gives an empty array). */
static json_t *csv_list(const char *text)
{
    json_t *arr = json_array();
    const char *p = text;
    while (arr && *p) {
        const char *end = strchr(p, ';');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        while (len && p[0] == ' ') {
            p++;
            len--;
        }
        while (len && p[len - 1] == ' ')
            len--;
        json_array_append_new(arr, json_stringn(p, len));
        p = end ? end + 1 : p + strlen(p);
    }
    return arr;
}

/* Copy text into out (size bytes), cut short if need be. */
static void copy_text(char *out, size_t size, const char *text)
{
    size_t n = strnlen(text, size - 1);
    memcpy(out, text, n);
    out[n] = '\0';
}

static void add_error(pd_acr_csv_error *errors, size_t max, size_t *count, size_t line,
                      const char *field, const char *reason)
{
    if (*count < max) {
        errors[*count].line = line;
        copy_text(errors[*count].field, sizeof errors[*count].field, field);
        copy_text(errors[*count].reason, sizeof errors[*count].reason, reason);
    }
    (*count)++;
}

/* The column a diag path names: the last key of "people[3].venues" or "venues". */
static const char *diag_field(const pd_diag *diag)
{
    const char *dot = strrchr(diag->path, '.');
    const char *field = dot ? dot + 1 : diag->path;
    const char *bracket = strchr(field, '[');
    static const char *const known[] = {
        "id",        "name",   "org_type",   "organisation", "category", "venues", "zones",
        "transport", "dining", "valid_from", "valid_to",     "photo",    NULL};
    for (const char *const *k = known; *k; k++)
        if (strncmp(field, *k, bracket ? (size_t)(bracket - field) : strlen(field) + 1) == 0 &&
            strlen(*k) == (bracket ? (size_t)(bracket - field) : strlen(field)))
            return *k;
    return "";
}

pd_err pd_acr_csv_parse(const pd_acr *acr, const char *text, size_t len, json_t **people,
                        pd_acr_csv_error *errors, size_t max_errors, size_t *error_count)
{
    csv_reader r = {text, text + len, 1};
    char(*fields)[CSV_FIELD_MAX + 1] = malloc((CSV_COLUMNS + 1) * sizeof *fields);
    int column_of[CSV_COLUMNS]; /* csv position of each known column */
    char reason[PD_ACR_REASON_MAX];
    size_t line = 1, rows = 0;
    json_t *list = json_array();
    json_t *seen = json_object(); /* id -> line */
    pd_err err = PD_OK;
    *people = NULL;
    *error_count = 0;
    if (!fields || !list || !seen) {
        err = PD_ERR_NOMEM;
        goto fail;
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        r.p += 3; /* a byte-order mark from a spreadsheet */
    int n = csv_record(&r, fields, CSV_COLUMNS + 1, &line, reason, sizeof reason);
    if (n <= 0) {
        add_error(errors, max_errors, error_count, 1, "",
                  n == 0 ? "empty file: expected the header " PD_ACR_CSV_HEADER : reason);
        err = PD_ERR_INPUT;
        goto fail;
    }
    for (int c = 0; c < CSV_COLUMNS; c++)
        column_of[c] = -1;
    for (int i = 0; i < n && i < CSV_COLUMNS + 1; i++) {
        int known = -1;
        for (int c = 0; c < CSV_COLUMNS; c++)
            if (strcmp(fields[i], csv_columns[c]) == 0)
                known = c;
        if (known < 0 || column_of[known] >= 0) {
            snprintf(reason, sizeof reason, "%s column \"%.40s\"",
                     known < 0 ? "unknown" : "repeated", fields[i]);
            add_error(errors, max_errors, error_count, line, "header", reason);
            err = PD_ERR_INPUT;
            goto fail;
        }
        column_of[known] = i;
    }
    for (int c = 0; c < CSV_COLUMNS; c++)
        if (column_of[c] < 0) {
            snprintf(reason, sizeof reason, "missing column \"%s\"", csv_columns[c]);
            add_error(errors, max_errors, error_count, line, "header", reason);
            err = PD_ERR_INPUT;
            goto fail;
        }

    while ((n = csv_record(&r, fields, CSV_COLUMNS + 1, &line, reason, sizeof reason)) != 0) {
        if (++rows > CSV_ROWS_MAX) {
            add_error(errors, max_errors, error_count, line, "", "more than 1000000 rows");
            break;
        }
        if (n < 0) {
            add_error(errors, max_errors, error_count, line, "", reason);
            continue;
        }
        if (n != CSV_COLUMNS) {
            snprintf(reason, sizeof reason, "expected %d fields, got %d", CSV_COLUMNS, n);
            add_error(errors, max_errors, error_count, line, "", reason);
            continue;
        }
        const char *dining = fields[column_of[8]];
        bool dine = strcmp(dining, "yes") == 0;
        if (!dine && strcmp(dining, "no") != 0 && dining[0]) {
            snprintf(reason, sizeof reason, "expected yes or no, got \"%.40s\"", dining);
            add_error(errors, max_errors, error_count, line, "dining", reason);
            continue;
        }
        json_t *p = json_pack(
            "{s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:s, s:b, s:s, s:s, s:s}", "id",
            fields[column_of[0]], "name", fields[column_of[1]], "org_type", fields[column_of[2]],
            "organisation", fields[column_of[3]], "category", fields[column_of[4]], "venues",
            csv_list(fields[column_of[5]]), "zones", csv_list(fields[column_of[6]]), "transport",
            fields[column_of[7]], "dining", dine, "valid_from", fields[column_of[9]], "valid_to",
            fields[column_of[10]], "photo", fields[column_of[11]]);
        if (!p) {
            /* json_pack refuses invalid UTF-8: say which field */
            int bad = 0;
            for (int c = 0; c < CSV_COLUMNS && !bad; c++) {
                json_t *s = json_string(fields[column_of[c]]);
                if (!s)
                    bad = c + 1;
                json_decref(s);
            }
            add_error(errors, max_errors, error_count, line, bad ? csv_columns[bad - 1] : "",
                      bad ? "not valid UTF-8" : "out of memory");
            continue;
        }
        pd_acr_person person;
        pd_diag diag = {0};
        if (pd_acr_person_from_json(acr, p, &person, NULL, &diag)) {
            add_error(errors, max_errors, error_count, line, diag_field(&diag), diag.reason);
            json_decref(p);
            continue;
        }
        json_t *first = json_object_get(seen, person.id);
        if (first) {
            snprintf(reason, sizeof reason, "person %s already on line %lld", person.id,
                     (long long)json_integer_value(first));
            add_error(errors, max_errors, error_count, line, "id", reason);
            json_decref(p);
            continue;
        }
        json_object_set_new(seen, person.id, json_integer((json_int_t)line));
        if (json_array_append_new(list, p) != 0) {
            err = PD_ERR_NOMEM;
            goto fail;
        }
    }
    if (*error_count) {
        err = PD_ERR_INPUT;
        goto fail;
    }
    free(fields);
    json_decref(seen);
    *people = list;
    return PD_OK;
fail:
    free(fields);
    json_decref(seen);
    json_decref(list);
    return err;
}

/* Append a CSV field, quoted when it holds a comma, quote or line break. */
static pd_err csv_field(pd_buf *buf, const char *text, bool last)
{
    pd_err err;
    if (strpbrk(text, ",\"\r\n")) {
        err = pd_buf_adds(buf, "\"");
        for (const char *p = text; !err && *p; p++)
            err = *p == '"' ? pd_buf_adds(buf, "\"\"") : pd_buf_add(buf, p, 1);
        if (!err)
            err = pd_buf_adds(buf, "\"");
    } else {
        err = pd_buf_adds(buf, text);
    }
    return err ? err : pd_buf_adds(buf, last ? "\n" : ",");
}

pd_err pd_acr_csv_export(const pd_acr *acr, char **out, size_t *len)
{
    pd_buf buf;
    pd_buf_init(&buf, (size_t)1 << 30);
    pd_err err = pd_buf_adds(&buf, PD_ACR_CSV_HEADER "\n");
    for (size_t i = 0; !err && i < acr->person_count; i++) {
        const pd_acr_person *p = &acr->people[i];
        char venues[PD_ACR_VENUES_MAX * 9 + 2], zones[2 * PD_ACR_ZONE_COUNT + 2];
        char from[11], to[11];
        venue_list(acr, p->venues, ';', venues, sizeof venues);
        zone_list(p->zones, ';', zones, sizeof zones);
        format_day(p->valid_from, from);
        format_day(p->valid_to, to);
        const char *row[CSV_COLUMNS] = {p->id,
                                        p->name,
                                        pd_acr_org_name(p->org_type),
                                        p->organisation,
                                        p->category,
                                        venues,
                                        zones,
                                        p->transport,
                                        p->dining ? "yes" : "no",
                                        from,
                                        to,
                                        p->photo};
        for (int c = 0; !err && c < CSV_COLUMNS; c++)
            err = csv_field(&buf, row[c], c == CSV_COLUMNS - 1);
    }
    if (err) {
        pd_buf_cleanup(&buf);
        return err;
    }
    *len = buf.len;
    *out = buf.data ? buf.data : strdup("");
    return *out ? PD_OK : PD_ERR_NOMEM;
}
