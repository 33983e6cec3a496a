/*
 * json.c: the strict reader every input path goes through.
 *
 * jansson does the parsing (strict UTF-8, line and column on errors); this
 * file adds what a results system needs on top: unknown keys rejected, exact
 * types, ranges, exact decimals, and a field path on every error so the
 * operator sees "performances[3].time_ms: expected an integer, got string".
 *
 * It also holds the one writer on a hot path, pd_json_dump_compact (see its
 * note further down): the server stores and sends documents as compact text.
 */
#include "podium/json.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/fixed.h"

void pd_jpath_init(pd_jpath *path)
{
    path->text[0] = '\0';
    path->len = 0;
}

static size_t jpath_append(pd_jpath *path, const char *segment)
{
    size_t before = path->len;
    size_t n = strlen(segment);
    if (path->len + n + 1 > sizeof path->text) {
        /* too deep to name exactly: mark the cut once */
        const char *cut = "...";
        if (path->len + 4 <= sizeof path->text &&
            (path->len < 3 || strcmp(path->text + path->len - 3, cut) != 0)) {
            memcpy(path->text + path->len, cut, 4);
            path->len += 3;
        }
        return before;
    }
    memcpy(path->text + path->len, segment, n + 1);
    path->len += n;
    return before;
}

/* (Segments are built by hand: a strict parse names a path for every field it reads.) */
size_t pd_jpath_key(pd_jpath *path, const char *key)
{
    char segment[PD_DIAG_PATH_MAX];
    size_t n = 0;
    if (path->len)
        segment[n++] = '.';
    size_t klen = strnlen(key, sizeof segment - 1 - n);
    memcpy(segment + n, key, klen);
    segment[n + klen] = '\0';
    return jpath_append(path, segment);
}

size_t pd_jpath_index(pd_jpath *path, size_t index)
{
    char digits[24], segment[32];
    size_t n = 0, k = 0;
    do {
        digits[n++] = (char)('0' + index % 10);
        index /= 10;
    } while (index);
    segment[k++] = '[';
    while (n)
        segment[k++] = digits[--n];
    segment[k++] = ']';
    segment[k] = '\0';
    return jpath_append(path, segment);
}

void pd_jpath_pop(pd_jpath *path, size_t len)
{
    if (len <= path->len) {
        path->len = len;
        path->text[len] = '\0';
    }
}

const char *pd_json_type_name(const json_t *value)
{
    if (!value)
        return "nothing";
    switch (json_typeof(value)) {
    case JSON_OBJECT:
        return "object";
    case JSON_ARRAY:
        return "array";
    case JSON_STRING:
        return "string";
    case JSON_INTEGER:
        return "integer";
    case JSON_REAL:
        return "number";
    case JSON_TRUE:
    case JSON_FALSE:
        return "boolean";
    case JSON_NULL:
        return "null";
    }
    return "value";
}

pd_err pd_json_parse(const char *text, size_t len, json_t **out, pd_diag *diag)
{
    json_error_t error;
    if (len > PD_JSON_MAX_BYTES)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "document is %zu bytes, the limit is %u", len,
                           PD_JSON_MAX_BYTES);
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &error);
    if (!root)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "invalid JSON at line %d, column %d: %s",
                           error.line, error.column, error.text);
    *out = root;
    return PD_OK;
}

pd_err pd_json_parse_file(const char *filename, json_t **out, pd_diag *diag)
{
    FILE *file = strcmp(filename, "-") == 0 ? stdin : fopen(filename, "rb");
    char *data = NULL;
    size_t len = 0;
    size_t cap = 0;
    pd_err err = PD_OK;

    if (!file)
        return pd_diag_set(diag, errno == ENOENT ? PD_ERR_NOT_FOUND : PD_ERR_IO, NULL,
                           "cannot open %s: %s", filename, strerror(errno));
    for (;;) {
        if (len == cap) {
            if (cap >= PD_JSON_MAX_BYTES + 1) {
                err = pd_diag_set(diag, PD_ERR_INPUT, NULL, "%s is larger than %u bytes", filename,
                                  PD_JSON_MAX_BYTES);
                goto done;
            }
            size_t next = cap ? cap * 2 : 65536;
            if (next > PD_JSON_MAX_BYTES + 1)
                next = PD_JSON_MAX_BYTES + 1;
            char *grown = realloc(data, next);
            if (!grown) {
                err = pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory reading %s", filename);
                goto done;
            }
            data = grown;
            cap = next;
        }
        size_t got = fread(data + len, 1, cap - len, file);
        len += got;
        if (got == 0) {
            if (ferror(file)) {
                err = pd_diag_set(diag, PD_ERR_IO, NULL, "cannot read %s", filename);
                goto done;
            }
            break;
        }
    }
    err = pd_json_parse(data ? data : "", len, out, diag);
    if (err && diag) {
        char reason[PD_DIAG_REASON_MAX];
        snprintf(reason, sizeof reason, "%s", diag->reason);
        pd_diag_set(diag, err, NULL, "%s: %s", filename, reason);
    }
done:
    free(data);
    if (file != stdin)
        fclose(file);
    return err;
}

pd_err pd_json_object_keys(const json_t *value, const char *const *allowed, pd_jpath *path,
                           pd_diag *diag)
{
    const char *key;
    json_t *member;

    if (!json_is_object(value))
        return pd_diag_set(diag, PD_ERR_INPUT, path->text, "expected an object, got %s",
                           pd_json_type_name(value));
    json_object_foreach((json_t *)value, key, member)
    {
        int known = 0;
        for (const char *const *a = allowed; *a && !known; a++)
            known = (*a)[0] == key[0] && strcmp(*a, key) == 0;
        if (!known) {
            size_t mark = pd_jpath_key(path, key);
            pd_err err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "unknown key");
            pd_jpath_pop(path, mark);
            return err;
        }
    }
    return PD_OK;
}

/* Look up a member; sets *member NULL when absent. Reports a missing required key. */
static pd_err member_of(const json_t *obj, const char *key, bool required, json_t **member,
                        pd_jpath *path, pd_diag *diag)
{
    *member = json_object_get(obj, key);
    if (!*member && required) {
        size_t mark = pd_jpath_key(path, key);
        pd_err err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "missing");
        pd_jpath_pop(path, mark);
        return err;
    }
    return PD_OK;
}

pd_err pd_json_string_value(const json_t *value, size_t max_len, const char **out, pd_jpath *path,
                            pd_diag *diag)
{
    if (!json_is_string(value))
        return pd_diag_set(diag, PD_ERR_INPUT, path->text, "expected a string, got %s",
                           pd_json_type_name(value));
    size_t len = json_string_length(value);
    const char *text = json_string_value(value);
    if (len > max_len)
        return pd_diag_set(diag, PD_ERR_INPUT, path->text, "string of %zu bytes is longer than %zu",
                           len, max_len);
    if (memchr(text, '\0', len))
        return pd_diag_set(diag, PD_ERR_INPUT, path->text, "string contains a NUL character");
    *out = text;
    return PD_OK;
}

pd_err pd_json_int_value(const json_t *value, int64_t min, int64_t max, int64_t *out,
                         pd_jpath *path, pd_diag *diag)
{
    if (!json_is_integer(value))
        return pd_diag_set(diag, PD_ERR_INPUT, path->text, "expected an integer, got %s",
                           pd_json_type_name(value));
    int64_t v = (int64_t)json_integer_value(value);
    if (v < min || v > max)
        return pd_diag_set(diag, PD_ERR_INPUT, path->text,
                           "%" PRId64 " is out of range %" PRId64 "..%" PRId64, v, min, max);
    *out = v;
    return PD_OK;
}

pd_err pd_json_decimal_value(const json_t *value, int decimals, int64_t min, int64_t max,
                             int64_t *out, pd_jpath *path, pd_diag *diag)
{
    char text[64];
    const char *digits;
    size_t len;
    int64_t v;

    if (json_is_string(value)) {
        digits = json_string_value(value);
        len = json_string_length(value);
    } else if (json_is_integer(value)) {
        snprintf(text, sizeof text, "%" JSON_INTEGER_FORMAT, json_integer_value(value));
        digits = text;
        len = strlen(text);
    } else if (json_is_real(value)) {
        /*
         * The input boundary, not scoring: a JSON number such as 6.25 is
         * turned back into its shortest decimal spelling (15 significant
         * digits round-trip any such literal) and then read exactly.
         */
        snprintf(text, sizeof text, "%.15g", json_real_value(value));
        if (strchr(text, 'e') || strchr(text, 'n') || strchr(text, 'i'))
            return pd_diag_set(diag, PD_ERR_INPUT, path->text, "number %s is not a plain decimal",
                               text);
        digits = text;
        len = strlen(text);
    } else {
        return pd_diag_set(diag, PD_ERR_INPUT, path->text, "expected a decimal number, got %s",
                           pd_json_type_name(value));
    }
    pd_err err = pd_fixed_parse(digits, len, decimals, &v, diag);
    if (err) {
        if (diag)
            snprintf(diag->path, sizeof diag->path, "%s", path->text);
        return err;
    }
    if (v < min || v > max) {
        char lo[40], hi[40];
        pd_fixed_format(min, decimals, lo, sizeof lo);
        pd_fixed_format(max, decimals, hi, sizeof hi);
        return pd_diag_set(diag, PD_ERR_INPUT, path->text, "%.*s is out of range %s..%s",
                           (int)(len > 40 ? 40 : len), digits, lo, hi);
    }
    *out = v;
    return PD_OK;
}

bool pd_json_put(json_t *obj, const char *key, json_t *value)
{
    return value && json_object_set_new_nocheck(obj, key, value) == 0;
}

/*
 * The getters read a member first without naming it: the key joins the path
 * only when the value is refused, and the check runs again then to say why
 * (a parse reads thousands of valid fields for each one it refuses).
 */

pd_err pd_json_get_string(const json_t *obj, const char *key, bool required, size_t max_len,
                          const char **out, pd_jpath *path, pd_diag *diag)
{
    json_t *member;
    pd_err err = member_of(obj, key, required, &member, path, diag);
    if (err || !member || pd_json_string_value(member, max_len, out, path, NULL) == PD_OK)
        return err;
    size_t mark = pd_jpath_key(path, key);
    err = pd_json_string_value(member, max_len, out, path, diag);
    pd_jpath_pop(path, mark);
    return err;
}

pd_err pd_json_get_int(const json_t *obj, const char *key, bool required, int64_t min, int64_t max,
                       int64_t *out, pd_jpath *path, pd_diag *diag)
{
    json_t *member;
    pd_err err = member_of(obj, key, required, &member, path, diag);
    if (err || !member || pd_json_int_value(member, min, max, out, path, NULL) == PD_OK)
        return err;
    size_t mark = pd_jpath_key(path, key);
    err = pd_json_int_value(member, min, max, out, path, diag);
    pd_jpath_pop(path, mark);
    return err;
}

pd_err pd_json_get_decimal(const json_t *obj, const char *key, bool required, int decimals,
                           int64_t min, int64_t max, int64_t *out, pd_jpath *path, pd_diag *diag)
{
    json_t *member;
    pd_err err = member_of(obj, key, required, &member, path, diag);
    if (err || !member ||
        pd_json_decimal_value(member, decimals, min, max, out, path, NULL) == PD_OK)
        return err;
    size_t mark = pd_jpath_key(path, key);
    err = pd_json_decimal_value(member, decimals, min, max, out, path, diag);
    pd_jpath_pop(path, mark);
    return err;
}

pd_err pd_json_get_bool(const json_t *obj, const char *key, bool required, bool *out,
                        pd_jpath *path, pd_diag *diag)
{
    json_t *member;
    pd_err err = member_of(obj, key, required, &member, path, diag);
    if (err || !member)
        return err;
    if (!json_is_boolean(member)) {
        size_t mark = pd_jpath_key(path, key);
        err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "expected true or false, got %s",
                          pd_json_type_name(member));
        pd_jpath_pop(path, mark);
        return err;
    }
    *out = json_is_true(member);
    return PD_OK;
}

pd_err pd_json_get_object(const json_t *obj, const char *key, bool required, json_t **out,
                          pd_jpath *path, pd_diag *diag)
{
    json_t *member;
    pd_err err = member_of(obj, key, required, &member, path, diag);
    if (err || !member)
        return err;
    if (!json_is_object(member)) {
        size_t mark = pd_jpath_key(path, key);
        err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "expected an object, got %s",
                          pd_json_type_name(member));
        pd_jpath_pop(path, mark);
        return err;
    }
    *out = member;
    return PD_OK;
}

pd_err pd_json_get_array(const json_t *obj, const char *key, bool required, size_t min_len,
                         size_t max_len, json_t **out, pd_jpath *path, pd_diag *diag)
{
    json_t *member;
    pd_err err = member_of(obj, key, required, &member, path, diag);
    if (err || !member)
        return err;
    if (json_is_array(member) && json_array_size(member) >= min_len &&
        json_array_size(member) <= max_len) {
        *out = member;
        return PD_OK;
    }
    size_t mark = pd_jpath_key(path, key);
    if (!json_is_array(member))
        err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "expected an array, got %s",
                          pd_json_type_name(member));
    else if (json_array_size(member) < min_len || json_array_size(member) > max_len)
        err = pd_diag_set(diag, PD_ERR_INPUT, path->text, "expected %zu to %zu items, got %zu",
                          min_len, max_len, json_array_size(member));
    pd_jpath_pop(path, mark);
    if (!err)
        *out = member;
    return err;
}

/*
 * The compact dump. jansson's json_dumps goes through a callback per token
 * into a strbuffer, formats each integer with snprintf, and keeps a hashtable
 * of the containers being dumped (a "%p" key formatted, hashed, inserted and
 * deleted per object and array) to refuse cycles. Here the bytes go straight
 * into the room a pd_buf reserved, integers are written digit by digit, a
 * short string byte by byte into room for its worst case (a long one in runs
 * between the bytes that need escaping), and cycles
 * are refused by the depth limit (jansson's own parser limit: any value it
 * parsed fits, a cycle never does). Reals, rare in our documents, are
 * formatted by jansson itself (json_dumpb of that value), so they stay exact
 * whatever formatting the installed jansson uses.
 */

/* How a byte of a string is written: 0 as is, 1 escaped, 2 the start of a UTF-8 sequence. */
enum { BYTE_PLAIN, BYTE_ESCAPE, BYTE_MULTI };
static const unsigned char string_byte[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 00 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 10 */
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 20: '"' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 30 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 40 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, /* 50: '\\' */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 60 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 70: 0x7f as is */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 80 */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* 90 */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* a0 */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* b0 */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* c0 */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* d0 */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* e0 */
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, /* f0 */
};

typedef struct {
    pd_buf *out;
    char *base; /* where the room from pd_buf_reserve begins */
    char *pos;  /* the next byte to write */
    char *end;  /* the end of the room */
} dumper;

/*
 * More room: what was written becomes content, then at least need bytes more.
 * On PD_ERR_NOMEM the dumper goes on with the room the buffer already has.
 */
static pd_err dumper_room(dumper *d, size_t need)
{
    pd_buf_commit(d->out, (size_t)(d->pos - d->base));
    char *space;
    size_t room;
    pd_err err = pd_buf_reserve(d->out, need, &space, &room);
    if (err && pd_buf_reserve(d->out, 0, &space, &room) != PD_OK)
        return PD_ERR_INTERNAL; /* reserving nothing cannot fail once there is storage */
    d->base = d->pos = space;
    d->end = space + room;
    return err;
}

static inline pd_err put(dumper *d, const char *bytes, size_t n)
{
    if ((size_t)(d->end - d->pos) < n) {
        pd_err err = dumper_room(d, n);
        if (err)
            return err;
    }
    memcpy(d->pos, bytes, n);
    d->pos += n;
    return PD_OK;
}

static inline pd_err put_char(dumper *d, char c)
{
    if (d->pos == d->end) {
        pd_err err = dumper_room(d, 1);
        if (err)
            return err;
    }
    *d->pos++ = c;
    return PD_OK;
}

/*
 * The length of the UTF-8 sequence starting at s (left bytes available), 0
 * when it is not well formed: a lead byte C2..F4, continuation bytes 80..BF,
 * no overlong form, no UTF-16 surrogate, nothing past U+10FFFF. That is what
 * jansson accepts when it dumps (and what its parser lets in).
 */
static size_t utf8_sequence(const unsigned char *s, size_t left)
{
    static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
    size_t n;
    uint32_t code;
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        n = 2;
        code = s[0] & 0x1Fu;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        n = 3;
        code = s[0] & 0x0Fu;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        n = 4;
        code = s[0] & 0x07u;
    } else {
        return 0;
    }
    if (n > left)
        return 0;
    for (size_t k = 1; k < n; k++) {
        if ((s[k] & 0xC0u) != 0x80u)
            return 0;
        code = code << 6 | (s[k] & 0x3Fu);
    }
    if (code < least[n] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        return 0;
    return n;
}

/* One escaped byte as jansson writes it at p (6 bytes room): the short forms, else \u00XX in
 * capitals. Returns the end of what was written. */
static char *write_escape(char *p, unsigned char c)
{
    static const char hex[] = "0123456789ABCDEF";
    *p++ = '\\';
    switch (c) {
    case '"':
    case '\\':
        *p++ = (char)c;
        return p;
    case '\b':
        *p++ = 'b';
        return p;
    case '\f':
        *p++ = 'f';
        return p;
    case '\n':
        *p++ = 'n';
        return p;
    case '\r':
        *p++ = 'r';
        return p;
    case '\t':
        *p++ = 't';
        return p;
    default:
        memcpy(p, "u00", 3);
        p[3] = hex[c >> 4];
        p[4] = hex[c & 15];
        return p + 5;
    }
}

/* Strings up to this length are written byte by byte into room for the worst case. */
#define SHORT_STRING 64

/* A short string into room already reserved for its worst case (6 bytes a byte, quotes). */
static pd_err dump_short_string(dumper *d, const unsigned char *s, size_t len)
{
    char *p = d->pos;
    *p++ = '"';
    size_t i = 0;
    for (; i < len && string_byte[s[i]] == BYTE_PLAIN; i++) /* most strings: plain ASCII */
        p[i] = (char)s[i];
    p += i;
    while (i < len) {
        switch (string_byte[s[i]]) {
        case BYTE_PLAIN:
            *p++ = (char)s[i++];
            break;
        case BYTE_MULTI: {
            size_t n = utf8_sequence(s + i, len - i);
            if (!n)
                return PD_ERR_INPUT;
            memcpy(p, s + i, n);
            p += n;
            i += n;
            break;
        }
        default:
            p = write_escape(p, s[i++]);
        }
    }
    *p++ = '"';
    d->pos = p;
    return PD_OK;
}

/*
 * A string of len bytes (NULs included), quoted and escaped. PD_ERR_INPUT on
 * invalid UTF-8. A short one goes byte by byte into room for its worst case;
 * a long one (or one near the buffer's maximum) is copied in runs between
 * the bytes to escape, each piece asking for just the room it needs.
 */
static pd_err dump_string(dumper *d, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    if (len <= SHORT_STRING) {
        size_t worst = 6 * len + 2;
        if ((size_t)(d->end - d->pos) >= worst)
            return dump_short_string(d, s, len);
        pd_err err = dumper_room(d, worst);
        if (err == PD_OK)
            return dump_short_string(d, s, len);
        if (err != PD_ERR_NOMEM)
            return err;
        /* near the maximum: piece by piece, each asking for just what it needs */
    }
    char escape[6];
    size_t i = 0, run = 0; /* run: the first byte not yet written */
    pd_err err = put_char(d, '"');
    while (!err && i < len) {
        switch (string_byte[s[i]]) {
        case BYTE_PLAIN:
            i++;
            break;
        case BYTE_MULTI: {
            size_t n = utf8_sequence(s + i, len - i);
            if (!n)
                return PD_ERR_INPUT;
            i += n;
            break;
        }
        default:
            err = put(d, text + run, i - run);
            if (!err)
                err = put(d, escape, (size_t)(write_escape(escape, s[i]) - escape));
            run = ++i;
        }
    }
    if (!err)
        err = put(d, text + run, i - run);
    if (!err)
        err = put_char(d, '"');
    return err;
}

/* An integer as JSON_INTEGER_FORMAT prints it ("%lld"), without printf. */
static pd_err dump_integer(dumper *d, json_int_t value)
{
    char digits[24];
    char *p = digits + sizeof digits;
    unsigned long long magnitude =
        value < 0 ? 0ull - (unsigned long long)value : (unsigned long long)value;
    do {
        *--p = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (value < 0)
        *--p = '-';
    return put(d, p, (size_t)(digits + sizeof digits - p));
}

/* A real, formatted by jansson (its precision 17 and ".0" rules, or its shortest form). */
static pd_err dump_real(dumper *d, const json_t *value)
{
    char text[128];
    size_t n = json_dumpb(value, text, sizeof text, JSON_COMPACT | JSON_ENCODE_ANY);
    if (n == 0 || n > sizeof text)
        return PD_ERR_INPUT;
    return put(d, text, n);
}

static pd_err dump_value(dumper *d, const json_t *value, int depth);

/* Members in jansson's iteration order, which is insertion order (JSON_PRESERVE_ORDER). */
static pd_err dump_object(dumper *d, const json_t *object, int depth)
{
    json_t *mutable_object = (json_t *)object; /* jansson's iterators are not const */
    void *iter = json_object_iter(mutable_object);
    pd_err err = put_char(d, '{');
    for (bool first = true; !err && iter; first = false) {
        if (!first)
            err = put_char(d, ',');
        if (!err)
            err = dump_string(d, json_object_iter_key(iter), json_object_iter_key_len(iter));
        if (!err)
            err = put_char(d, ':');
        if (!err)
            err = dump_value(d, json_object_iter_value(iter), depth);
        iter = json_object_iter_next(mutable_object, iter);
    }
    return err ? err : put_char(d, '}');
}

static pd_err dump_array(dumper *d, const json_t *array, int depth)
{
    size_t n = json_array_size(array);
    pd_err err = put_char(d, '[');
    for (size_t i = 0; !err && i < n; i++) {
        if (i)
            err = put_char(d, ',');
        if (!err)
            err = dump_value(d, json_array_get(array, i), depth);
    }
    return err ? err : put_char(d, ']');
}

/* depth: how many containers enclose value. */
static pd_err dump_value(dumper *d, const json_t *value, int depth)
{
    switch (json_typeof(value)) {
    case JSON_OBJECT:
    case JSON_ARRAY:
        if (depth >= JSON_PARSER_MAX_DEPTH)
            return PD_ERR_INPUT; /* deeper than jansson parses: a cycle, or built so */
        return json_is_object(value) ? dump_object(d, value, depth + 1)
                                     : dump_array(d, value, depth + 1);
    case JSON_STRING:
        return dump_string(d, json_string_value(value), json_string_length(value));
    case JSON_INTEGER:
        return dump_integer(d, json_integer_value(value));
    case JSON_REAL:
        return dump_real(d, value);
    case JSON_TRUE:
        return put(d, "true", 4);
    case JSON_FALSE:
        return put(d, "false", 5);
    case JSON_NULL:
        return put(d, "null", 4);
    }
    return PD_ERR_INPUT;
}

pd_err pd_json_dump_compact_buf(const json_t *value, pd_buf *out)
{
    if (!value || (!json_is_object(value) && !json_is_array(value)))
        return PD_ERR_INPUT; /* json_dumps refuses a bare scalar without JSON_ENCODE_ANY */
    size_t start = out->len;
    char *space;
    size_t room;
    pd_err err = pd_buf_reserve(out, 0, &space, &room); /* storage from here on */
    if (err)
        return err;
    dumper d = {out, space, space, space + room};
    err = dump_value(&d, value, 0);
    if (err) {
        pd_buf_truncate(out, start); /* also puts back the NUL the dump wrote over */
        return err;
    }
    pd_buf_commit(out, (size_t)(d.pos - d.base));
    return PD_OK;
}

pd_err pd_json_dump_compact(const json_t *value, char **text, size_t *len)
{
    pd_buf buf;
    pd_buf_init(&buf, PD_JSON_DUMP_MAX_BYTES);
    pd_err err = pd_json_dump_compact_buf(value, &buf);
    if (err) {
        pd_buf_cleanup(&buf);
        return err;
    }
    /* give back the growth's slack (up to half): callers keep these texts */
    char *fitted = buf.cap > buf.len + 1 ? realloc(buf.data, buf.len + 1) : NULL;
    *text = fitted ? fitted : buf.data;
    *len = buf.len;
    return PD_OK;
}
