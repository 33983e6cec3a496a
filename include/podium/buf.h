/*
 * buf.h: a growable byte buffer with a hard maximum (after curl's dynbuf).
 *
 * Every buffer is born with the most it may ever hold; growing past that is
 * PD_ERR_NOMEM, never unbounded memory. The content is always NUL-terminated.
 */
#ifndef PODIUM_BUF_H
#define PODIUM_BUF_H

#include <stddef.h>

#include "podium/err.h"

typedef struct {
    char *data; /* NULL until the first append */
    size_t len; /* bytes used, excluding the NUL */
    size_t cap; /* bytes allocated */
    size_t max; /* the most len may reach */
} pd_buf;

/* Initialise caller storage with a maximum length. Allocates nothing. */
void pd_buf_init(pd_buf *buf, size_t max);

/* Free the storage; the buffer may be reused after pd_buf_init. */
void pd_buf_cleanup(pd_buf *buf);

/* Empty the content, keep the storage. */
void pd_buf_reset(pd_buf *buf);

/* Append len bytes. PD_ERR_NOMEM past the maximum or when allocation fails. */
pd_err pd_buf_add(pd_buf *buf, const void *bytes, size_t len);

/* Append a NUL-terminated string. */
pd_err pd_buf_adds(pd_buf *buf, const char *text);

/*
 * Room to write at least extra bytes straight after the content, for a writer
 * that fills the buffer itself instead of calling pd_buf_add per piece:
 * *space is the end of the content and *room how many bytes may be written
 * there (at least extra). Both hold until the next change of the buffer; the
 * content's NUL may be overwritten until pd_buf_commit. PD_ERR_NOMEM past the
 * maximum or when allocation fails, the buffer as it was.
 */
pd_err pd_buf_reserve(pd_buf *buf, size_t extra, char **space, size_t *room);

/* Count the first n bytes written at pd_buf_reserve's space (n <= its room) as content. */
void pd_buf_commit(pd_buf *buf, size_t n);

/* Cut the content back to its first len bytes (len <= buf->len); keeps the storage. */
void pd_buf_truncate(pd_buf *buf, size_t len);

/* Append printf-formatted text. */
pd_err pd_buf_addf(pd_buf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The content ("" when empty); borrowed, valid until the next change. */
const char *pd_buf_str(const pd_buf *buf);

/*
 * Room for one more element in a growable array: when count has reached
 * *cap, the array at *items (a pointer to the array's pointer, e.g. &list)
 * of elements of size bytes grows to twice *cap (first elements the first
 * time). PD_ERR_NOMEM leaves the array as it was.
 */
pd_err pd_grow(void *items, size_t *cap, size_t count, size_t size, size_t first);

/* The same for room for need elements in all: *cap doubles (from first) until it holds them. */
pd_err pd_grow_to(void *items, size_t *cap, size_t need, size_t size, size_t first);

#endif
