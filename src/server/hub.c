/*
 * hub.c: the rendered documents and the ring of live-update frames.
 *
 * Documents are immutable reference-counted blobs: the writer renders a
 * document once, swaps the pointer under a write lock, and readers take a
 * reference under a read lock and send the bytes without copying. The SSE
 * ring keeps the last RING_SIZE frames, each serialised once and shared by
 * every subscriber; a subscriber whose position falls out of the ring is
 * too slow and is dropped (it may resume with Last-Event-ID).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "podium/json.h"

blob *blob_alloc(size_t len)
{
    blob *b = malloc(sizeof *b + len + 1);
    if (!b)
        return NULL;
    atomic_init(&b->refs, 1);
    b->len = len;
    b->data[len] = '\0';
    return b;
}

blob *blob_new(const char *data, size_t len)
{
    blob *b = blob_alloc(len);
    if (b)
        memcpy(b->data, data, len);
    return b;
}

blob *blob_json(const json_t *value)
{
    char *text;
    size_t len;
    if (pd_json_dump_compact(value, &text, &len) != PD_OK)
        return NULL;
    blob *b = blob_new(text, len);
    free(text);
    return b;
}

blob *blob_ref(blob *b)
{
    if (b)
        atomic_fetch_add(&b->refs, 1);
    return b;
}

void blob_unref(blob *b)
{
    if (b && atomic_fetch_sub(&b->refs, 1) == 1)
        free(b);
}

pd_err hub_init(hub *h, const pd_programme *prog)
{
    memset(h, 0, sizeof *h);
    size_t units = pd_programme_unit_count(prog);
    size_t events = pd_programme_event_count(prog);
    h->unit_docs = calloc(units ? units : 1, sizeof *h->unit_docs);
    h->unit_seq = calloc(units ? units : 1, sizeof *h->unit_seq);
    h->event_docs = calloc(events ? events : 1, sizeof *h->event_docs);
    if (!h->unit_docs || !h->unit_seq || !h->event_docs)
        return PD_ERR_NOMEM;
    pthread_rwlock_init(&h->lock, NULL);
    pthread_mutex_init(&h->ring_lock, NULL);
    h->ring_next = 1;
    atomic_init(&h->last_seq, 0);
    return PD_OK;
}

void hub_cleanup(hub *h, const pd_programme *prog)
{
    if (h->unit_docs)
        for (size_t i = 0; i < pd_programme_unit_count(prog); i++)
            blob_unref(h->unit_docs[i]);
    if (h->event_docs)
        for (size_t i = 0; i < pd_programme_event_count(prog); i++)
            blob_unref(h->event_docs[i]);
    for (size_t i = 0; i < RING_SIZE; i++)
        blob_unref(h->ring[i].frame);
    blob_unref(h->events_doc);
    blob_unref(h->medals_doc);
    free(h->unit_docs);
    free(h->unit_seq);
    free(h->event_docs);
    pthread_rwlock_destroy(&h->lock);
    pthread_mutex_destroy(&h->ring_lock);
}

static void swap(hub *h, blob **slot, blob *doc)
{
    pthread_rwlock_wrlock(&h->lock);
    blob *old = *slot;
    *slot = doc;
    pthread_rwlock_unlock(&h->lock);
    blob_unref(old);
}

void hub_set_unit(hub *h, size_t index, blob *doc, int64_t seq)
{
    pthread_rwlock_wrlock(&h->lock);
    blob *old = h->unit_docs[index];
    h->unit_docs[index] = doc;
    h->unit_seq[index] = seq;
    pthread_rwlock_unlock(&h->lock);
    blob_unref(old);
}

void hub_set_event(hub *h, size_t index, blob *doc)
{
    swap(h, &h->event_docs[index], doc);
}

void hub_set_events(hub *h, blob *doc)
{
    swap(h, &h->events_doc, doc);
}

void hub_set_medals(hub *h, blob *doc)
{
    swap(h, &h->medals_doc, doc);
}

static blob *get(hub *h, blob **slot)
{
    pthread_rwlock_rdlock(&h->lock);
    blob *b = blob_ref(*slot);
    pthread_rwlock_unlock(&h->lock);
    return b;
}

blob *hub_get_unit(hub *h, size_t index)
{
    return get(h, &h->unit_docs[index]);
}

blob *hub_get_event(hub *h, size_t index)
{
    return get(h, &h->event_docs[index]);
}

blob *hub_get_events(hub *h)
{
    return get(h, &h->events_doc);
}

blob *hub_get_medals(hub *h)
{
    return get(h, &h->medals_doc);
}

void hub_push(hub *h, int64_t seq, const char *discipline, const char *event, blob *frame)
{
    pthread_mutex_lock(&h->ring_lock);
    ring_entry *slot = &h->ring[h->ring_next % RING_SIZE];
    blob *evicted = slot->frame;
    if (evicted && slot->seq > h->ring_dropped_seq)
        h->ring_dropped_seq = slot->seq;
    slot->number = h->ring_next++;
    slot->seq = seq;
    snprintf(slot->discipline, sizeof slot->discipline, "%s", discipline);
    snprintf(slot->event, sizeof slot->event, "%s", event);
    slot->frame = frame;
    pthread_mutex_unlock(&h->ring_lock);
    blob_unref(evicted);
}
