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

#endif
