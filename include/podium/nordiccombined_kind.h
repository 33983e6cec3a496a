/*
 * nordiccombined_kind.h: the "nordic-combined" kind (Gundersen method).
 *
 * Registered in kinds.c; see nordiccombined_kind.c and docs/formats.md.
 */
#ifndef PODIUM_FEED_NORDICCOMBINED_KIND_H
#define PODIUM_FEED_NORDICCOMBINED_KIND_H

#include <jansson.h>

#include "podium/err.h"
#include "podium/scoredoc.h"

/* kind "nordic-combined": jumping points to start gaps, then the pursuit race. */
pd_err pd_ncb_kind_score(const pd_scoredoc *doc, json_t **out, pd_diag *diag);

#endif
