/*
 * health_service.h: the closed-loop health service of `podium serve`, as
 * seen by other services of the same server (accreditation).
 */
#ifndef PODIUM_SERVER_HEALTH_SERVICE_H
#define PODIUM_SERVER_HEALTH_SERVICE_H

#include <stdbool.h>
#include <stddef.h>

#include "podium/service.h"

extern const pd_service pd_health_service;

/*
 * pd_health_may_enter on the running server's health state, under its lock:
 * false (reason "health service not running") when there is none. For the
 * access check of the accreditation service; reason carries no clinical
 * detail. Thread-safe.
 */
bool pd_health_service_may_enter(const char *person, const char *day, char *reason, size_t size);

/*
 * The accreditation service's health gate (pd_access_health_fn): false with a
 * short reason when the loop says this person may not enter on day; true for
 * someone the loop has no arrival for (the loop and the accreditation
 * population are kept apart: a deployment that wants "no loop record, no
 * entry" uses pd_health_service_may_enter instead).
 */
bool pd_health_service_gate(void *ctx, const char *person, const char *day, char *reason,
                            size_t size);

#endif
