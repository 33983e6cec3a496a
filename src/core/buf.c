/*
 * buf.c: bounded growable buffers.
 *
 * Growth doubles up to the maximum so appends are amortised O(1); the maximum
 * is checked before any allocation so a hostile input cannot make us ask for
 * more memory than the caller allowed.
 */
#include "podium/buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pd_buf_init(pd_buf *buf, size_t max)
{
    buf->data = NULL;
    buf->len = 0;
    buf->cap = 0;
    buf->max = max;
}

void pd_buf_cleanup(pd_buf *buf)
{
    free(buf->data);
    pd_buf_init(buf, buf->max);
}

void pd_buf_reset(pd_buf *buf)
{
    buf->len = 0;
    if (buf->data)
        buf->data[0] = '\0';
}

static pd_err reserve(pd_buf *buf, size_t extra)
{
    if (extra > buf->max - buf->len)
        return PD_ERR_NOMEM;
    size_t need = buf->len + extra + 1;
    if (need <= buf->cap)
        return PD_OK;
    size_t cap = buf->cap ? buf->cap : 256;
    while (cap < need)
        cap *= 2;
    if (cap > buf->max + 1)
        cap = buf->max + 1;
    char *grown = realloc(buf->data, cap);
    if (!grown)
        return PD_ERR_NOMEM;
    buf->data = grown;
    buf->cap = cap;
    return PD_OK;
}

pd_err pd_buf_add(pd_buf *buf, const void *bytes, size_t len)
{
    pd_err err = reserve(buf, len);
    if (err)
        return err;
    if (len)
        memcpy(buf->data + buf->len, bytes, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
    return PD_OK;
}

pd_err pd_buf_reserve(pd_buf *buf, size_t extra, char **space, size_t *room)
{
    pd_err err = reserve(buf, extra);
    if (err)
        return err;
    *space = buf->data + buf->len;
    *room = buf->cap - buf->len - 1; /* the last byte stays for the NUL */
    return PD_OK;
}

void pd_buf_commit(pd_buf *buf, size_t n)
{
    if (!buf->data)
        return;
    buf->len += n;
    buf->data[buf->len] = '\0';
}

void pd_buf_truncate(pd_buf *buf, size_t len)
{
    if (!buf->data || len > buf->len)
        return;
    buf->len = len;
    buf->data[len] = '\0';
}

pd_err pd_buf_adds(pd_buf *buf, const char *text)
{
    return pd_buf_add(buf, text, strlen(text));
}

pd_err pd_buf_addf(pd_buf *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return PD_ERR_INTERNAL;
    pd_err err = reserve(buf, (size_t)n);
    if (err)
        return err;
    va_start(ap, fmt);
    vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf->len += (size_t)n;
    return PD_OK;
}

const char *pd_buf_str(const pd_buf *buf)
{
    return buf->data ? buf->data : "";
}

pd_err pd_grow(void *items, size_t *cap, size_t count, size_t size, size_t first)
{
    return count == SIZE_MAX ? PD_ERR_NOMEM : pd_grow_to(items, cap, count + 1, size, first);
}

pd_err pd_grow_to(void *items, size_t *cap, size_t need, size_t size, size_t first)
{
    if (need <= *cap)
        return PD_OK;
    size_t n = *cap ? *cap : first ? first : 1;
    while (n < need && n <= SIZE_MAX / 2)
        n *= 2;
    if (n < need || n > SIZE_MAX / size)
        return PD_ERR_NOMEM;
    void *old;
    memcpy(&old, items, sizeof old); /* items points to some T *: read it without aliasing */
    void *grown = realloc(old, n * size);
    if (!grown)
        return PD_ERR_NOMEM;
    memcpy(items, &grown, sizeof grown);
    *cap = n;
    return PD_OK;
}
