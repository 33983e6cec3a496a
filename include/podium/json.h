/*
 * json.h: strict JSON reading over jansson.
 *
 * Input documents (score files, observations, programme files) are read with
 * these helpers so that every mistake is reported the same way: the diag path
 * names the field ("performances[3].marks[2]") and the reason says what was
 * expected and what was found. Unknown keys are errors, duplicate keys are
 * errors, numbers must be integers where integers are expected and within the
 * stated range.
 *
 * A pd_jpath is a small stack of path segments kept in a fixed buffer; push a
 * key or an index before reading inside a value and pop it after. Paths longer
 * than the buffer are cut with "...", never overflowed.
 */
#ifndef PODIUM_JSON_H
#define PODIUM_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "podium/buf.h"
#include "podium/err.h"

/* Hard limit on any JSON document we read (score files, bodies, programmes). */
#define PD_JSON_MAX_BYTES (64u * 1024u * 1024u)

typedef struct {
    char text[PD_DIAG_PATH_MAX];
    size_t len;
} pd_jpath;

/* Start with an empty path (the document root). */
void pd_jpath_init(pd_jpath *path);

/* Append ".key" (or "key" at the root); returns the previous length for pd_jpath_pop. */
size_t pd_jpath_key(pd_jpath *path, const char *key);

/* Append "[index]"; returns the previous length. */
size_t pd_jpath_index(pd_jpath *path, size_t index);

/* Restore the path to a length returned by a push. */
void pd_jpath_pop(pd_jpath *path, size_t len);

/*
 * Parse a whole document from memory (len bytes, need not be NUL-terminated).
 * Rejects duplicate keys, a body beyond PD_JSON_MAX_BYTES, and trailing data.
 * On a syntax error the reason carries line and column. *out is a new
 * reference the caller releases with json_decref.
 */
pd_err pd_json_parse(const char *text, size_t len, json_t **out, pd_diag *diag);

/* Read and parse a file ("-" is standard input). Errors name the file. */
pd_err pd_json_parse_file(const char *filename, json_t **out, pd_diag *diag);

/*
 * Check that value is an object whose keys are all in `allowed` (a
 * NULL-terminated list). The first unknown key is reported by its path.
 */
pd_err pd_json_object_keys(const json_t *value, const char *const *allowed, pd_jpath *path,
                           pd_diag *diag);

/*
 * Set key (a literal or a string that outlives obj: not copied, not checked
 * as UTF-8) to value on obj, taking value; false when value is NULL (its
 * constructor failed) or out of memory. Builds a document member by member:
 * json_pack parses its format string again on every call.
 */
bool pd_json_put(json_t *obj, const char *key, json_t *value);

/*
 * Typed member readers. Each looks up `key` in object `obj` (already checked to
 * be an object). When the member is absent: PD_OK with the output untouched if
 * !required, PD_ERR_INPUT ("missing") if required. Wrong type or range is
 * PD_ERR_INPUT naming obj's path plus the key. Borrowed outputs (strings,
 * json_t) live as long as obj.
 */
pd_err pd_json_get_string(const json_t *obj, const char *key, bool required, size_t max_len,
                          const char **out, pd_jpath *path, pd_diag *diag);
pd_err pd_json_get_int(const json_t *obj, const char *key, bool required, int64_t min, int64_t max,
                       int64_t *out, pd_jpath *path, pd_diag *diag);
pd_err pd_json_get_bool(const json_t *obj, const char *key, bool required, bool *out,
                        pd_jpath *path, pd_diag *diag);
pd_err pd_json_get_object(const json_t *obj, const char *key, bool required, json_t **out,
                          pd_jpath *path, pd_diag *diag);
pd_err pd_json_get_array(const json_t *obj, const char *key, bool required, size_t min_len,
                         size_t max_len, json_t **out, pd_jpath *path, pd_diag *diag);

/*
 * A decimal in fixed units of 10^-decimals, given as a JSON string ("2.00") or
 * a JSON number (6.25). A number is read through its shortest decimal form, so
 * 6.1 is 6.1 exactly; more decimals than allowed is an error, never rounded.
 */
pd_err pd_json_get_decimal(const json_t *obj, const char *key, bool required, int decimals,
                           int64_t min, int64_t max, int64_t *out, pd_jpath *path, pd_diag *diag);

/* The same checks for an array element or any value already in hand. */
pd_err pd_json_decimal_value(const json_t *value, int decimals, int64_t min, int64_t max,
                             int64_t *out, pd_jpath *path, pd_diag *diag);
pd_err pd_json_int_value(const json_t *value, int64_t min, int64_t max, int64_t *out,
                         pd_jpath *path, pd_diag *diag);
pd_err pd_json_string_value(const json_t *value, size_t max_len, const char **out, pd_jpath *path,
                            pd_diag *diag);

/* The most pd_json_dump_compact writes (4 times what PD_JSON_MAX_BYTES lets in). */
#define PD_JSON_DUMP_MAX_BYTES (4u * PD_JSON_MAX_BYTES)

/*
 * Dump value as compact text: exactly the bytes of json_dumps(value,
 * JSON_COMPACT | JSON_PRESERVE_ORDER) of jansson 2.14, only faster. Members in
 * jansson's iteration (insertion) order; strings escaped as jansson does
 * (\" \\ \b \f \n \r \t, other bytes below 0x20 as \u00XX in capitals, 0x7F,
 * '/' and non-ASCII UTF-8 as they are, embedded NULs as \u0000); integers as
 * "%lld"; reals formatted by jansson itself.
 * On success *text is a new NUL-terminated string the caller frees with
 * free(), *len its length. PD_ERR_INPUT where json_dumps fails: value NULL or
 * neither an object nor an array, a string or key that is not valid UTF-8,
 * containers nested deeper than JSON_PARSER_MAX_DEPTH (a cycle). (On a key
 * that is not valid UTF-8, json_dumps writes broken text instead of failing.)
 * PD_ERR_NOMEM past PD_JSON_DUMP_MAX_BYTES or when allocation fails.
 */
pd_err pd_json_dump_compact(const json_t *value, char **text, size_t *len);

/*
 * The same text appended to out (bounded by out's maximum), for a caller that
 * reuses one buffer. On any error out is left as it was.
 */
pd_err pd_json_dump_compact_buf(const json_t *value, pd_buf *out);

/* jansson's type name for messages ("string", "integer", "object", ...). */
const char *pd_json_type_name(const json_t *value);

#endif
