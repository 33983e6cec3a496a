/*
 * fuzz_dump.c: pd_json_dump_compact against jansson's json_dumps(JSON_COMPACT
 * | JSON_PRESERVE_ORDER). The bytes are parsed by json_loadb as a document
 * (flags 0) and as any value with NULs allowed in strings; whatever parses
 * must dump to the same bytes both ways, or both must refuse (a bare scalar:
 * then it is compared inside an array). Also: the first member moved to the
 * end (insertion order), and a pd_buf one byte too small refuses and is left
 * as it was.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "podium/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_same(const json_t *value)
{
    char *want = json_dumps(value, JSON_COMPACT | JSON_PRESERVE_ORDER);
    char *got = NULL;
    size_t len = 0;
    pd_err err = pd_json_dump_compact(value, &got, &len);
    if (!want) {
        if (err != PD_ERR_INPUT)
            abort();
        return;
    }
    if (err != PD_OK || len != strlen(want) || memcmp(got, want, len + 1) != 0)
        abort();
    /* the same text into a buffer one byte too small: refused, the buffer as it was */
    pd_buf small;
    pd_buf_init(&small, len + 1);
    if (pd_buf_add(&small, "ab", 2) != PD_OK ||
        pd_json_dump_compact_buf(value, &small) != PD_ERR_NOMEM || small.len != 2 ||
        strcmp(pd_buf_str(&small), "ab") != 0)
        abort();
    pd_buf_cleanup(&small);
    free(got);
    free(want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const size_t flags[] = {0, JSON_DECODE_ANY | JSON_ALLOW_NUL};
    for (size_t f = 0; f < sizeof flags / sizeof flags[0]; f++) {
        json_error_t error;
        json_t *value = json_loadb((const char *)data, size, flags[f], &error);
        if (!value)
            continue;
        check_same(value);
        json_t *wrapped = json_array();
        if (!wrapped || json_array_append(wrapped, value) != 0)
            abort();
        check_same(wrapped);
        json_decref(wrapped);
        void *first = json_is_object(value) ? json_object_iter(value) : NULL;
        if (first) {
            json_t *member = json_incref(json_object_iter_value(first));
            size_t key_len = json_object_iter_key_len(first);
            char *key = malloc(key_len + 1);
            if (!key)
                abort();
            memcpy(key, json_object_iter_key(first), key_len + 1);
            json_object_deln(value, key, key_len);
            json_object_setn_new(value, key, key_len, member);
            check_same(value);
            free(key);
        }
        json_decref(value);
    }
    return 0;
}
