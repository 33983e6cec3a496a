/*
 * json.c: the strict reader every input path goes through.
 *
 * jansson does the parsing (strict UTF-8, line and column on errors); this
 * file adds what a results system needs on top: unknown keys rejected, exact
 * types, ranges, exact decimals, and a field path on every error so the
 * operator sees "performances[3].time_ms: expected an integer, got string".
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

size_t pd_jpath_key(pd_jpath *path, const char *key)
{
    char segment[PD_DIAG_PATH_MAX];
    snprintf(segment, sizeof segment, "%s%s", path->len ? "." : "", key);
    return jpath_append(path, segment);
}

size_t pd_jpath_index(pd_jpath *path, size_t index)
{
    char segment[32];
    snprintf(segment, sizeof segment, "[%zu]", index);
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
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(*a, key) == 0)
                known = 1;
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

pd_err pd_json_get_string(const json_t *obj, const char *key, bool required, size_t max_len,
                          const char **out, pd_jpath *path, pd_diag *diag)
{
    json_t *member;
    pd_err err = member_of(obj, key, required, &member, path, diag);
    if (err || !member)
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
    if (err || !member)
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
    if (err || !member)
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
