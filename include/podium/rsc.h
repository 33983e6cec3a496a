/*
 * rsc.h: IOC Results System Codes.
 *
 * An RSC is 34 characters in six fixed-width fields, padded with '-':
 *
 *     ALP M DH------ ---------- FNL- 000100--
 *     disc g event   modifier   phase unit
 *      3   1   8        10        4    8
 *
 * A code names a discipline, an event, a phase or a unit depending on how many
 * fields are set. Characters are A-Z, 0-9 and '-'; a field's padding dashes
 * come after its content.
 */
#ifndef PODIUM_RSC_H
#define PODIUM_RSC_H

#include <stddef.h>

#include "podium/err.h"

#define PD_RSC_LEN 34

typedef enum {
    PD_RSC_DISCIPLINE = 0,
    PD_RSC_GENDER,
    PD_RSC_EVENT,
    PD_RSC_MODIFIER,
    PD_RSC_PHASE,
    PD_RSC_UNIT,
    PD_RSC_FIELD_COUNT
} pd_rsc_field;

/* What a code names: the most specific field that is set. */
typedef enum {
    PD_RSC_LEVEL_DISCIPLINE,
    PD_RSC_LEVEL_EVENT,
    PD_RSC_LEVEL_PHASE,
    PD_RSC_LEVEL_UNIT
} pd_rsc_level;

/* A validated code, NUL-terminated. A plain value. */
typedef struct {
    char code[PD_RSC_LEN + 1];
} pd_rsc;

/*
 * Validate and copy a code of exactly len bytes. Errors (PD_ERR_INPUT) name the
 * problem: wrong length, a bad character and its position, a field with a dash
 * inside its content, a phase without an event, a unit without a phase.
 */
pd_err pd_rsc_parse(const char *text, size_t len, pd_rsc *out, pd_diag *diag);

/* Parse a NUL-terminated string. */
pd_err pd_rsc_parse_str(const char *text, pd_rsc *out, pd_diag *diag);

/*
 * Build a code from its fields (each NULL or "" for unset, at most its width,
 * A-Z0-9 only), validating the result as pd_rsc_parse does.
 */
pd_err pd_rsc_build(const char *discipline, const char *gender, const char *event,
                    const char *modifier, const char *phase, const char *unit, pd_rsc *out,
                    pd_diag *diag);

/* Copy one field without its padding into out (size >= 11 always suffices). */
void pd_rsc_field_get(const pd_rsc *rsc, pd_rsc_field field, char *out, size_t size);

/* The level the code names. */
pd_rsc_level pd_rsc_level_of(const pd_rsc *rsc);

/*
 * The code of the enclosing level: every field after `keep` reset to dashes.
 * pd_rsc_truncate(unit, PD_RSC_MODIFIER) is the event of a unit;
 * pd_rsc_truncate(unit, PD_RSC_PHASE) its phase.
 */
pd_rsc pd_rsc_truncate(const pd_rsc *rsc, pd_rsc_field keep);

/* Offset and width of a field within the code. */
size_t pd_rsc_field_offset(pd_rsc_field field);
size_t pd_rsc_field_width(pd_rsc_field field);

#endif
