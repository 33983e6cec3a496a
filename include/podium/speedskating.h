/*
 * speedskating.h: long-track distances skated in pairs against the clock.
 *
 * ISU timing measures to 1/1000 s and publishes 1/100 s, truncated; skaters
 * equal in hundredths are separated by the thousandths, which are then
 * published for them, and skaters equal in thousandths share the rank
 * (ISU Special Regulations & Technical Rules Speed Skating, the rules on
 * automatic timekeeping, as the ISU results of Beijing 2022 apply them:
 * equal hundredths are shown and decided in thousandths). The men's 500 m
 * had GAO 34.32 first and JUNIO and YANG both at 35.162, sharing 21st, with
 * BOSA 35.168 23rd.
 */
#ifndef PODIUM_SPEEDSKATING_H
#define PODIUM_SPEEDSKATING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "podium/err.h"
#include "podium/rank.h"

typedef struct {
    int64_t time_ms; /* measured time in thousandths, >= 0, when irm is NONE */
    pd_irm irm;
    int64_t order; /* start order (pair), for listing ties */
} pd_ssk_entry;

typedef struct {
    size_t entry; /* index into the entries */
    int rank;     /* shared on equal thousandths; 0 with an IRM */
    pd_irm irm;
    int64_t time_ms;   /* as published: hundredths, or thousandths when shown */
    bool thousandths;  /* shown to 1/1000 because another skater has the same 1/100 */
    int64_t behind_ms; /* gap in hundredths to the winner's hundredths */
} pd_ssk_result;

/*
 * Rank count entries into out (count results, caller storage), in official
 * order. PD_ERR_NOMEM when scratch memory is lacking; PD_ERR_INPUT for a
 * negative time (the reason names the entry).
 */
pd_err pd_ssk_rank(const pd_ssk_entry *entries, size_t count, pd_ssk_result *out, pd_diag *diag);

#endif
