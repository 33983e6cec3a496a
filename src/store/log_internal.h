/*
 * log_internal.h: what the store's modules share (not a public header).
 *
 * Tokens live in the same SQLite file as the log, under the same schema
 * migrations, and reach it through the log's connection.
 */
#ifndef PODIUM_LOG_INTERNAL_H
#define PODIUM_LOG_INTERNAL_H

#include <sqlite3.h>

#include "podium/log.h"

/* The log's connection; borrowed. Callers keep to their own tables. */
sqlite3 *pd_log_db(pd_log *log);

#endif
