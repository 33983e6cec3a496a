/*
 * accreditation_service.h: the accreditation service's row and its one hook
 * (private to src/server; see src/server/accreditation_service.c).
 */
#ifndef PODIUM_ACCREDITATION_SERVICE_H
#define PODIUM_ACCREDITATION_SERVICE_H

#include "podium/accreditation.h"
#include "podium/service.h"

/* The service: log code PD_ACR_CODE, prefix /api/access. */
extern const pd_service pd_accreditation_service;

/*
 * Wire the health status into access checks: state is the service's state
 * (server->service_states[i] of this row). fn NULL clears it.
 */
void pd_accreditation_service_set_health(void *state, pd_access_health_fn fn, void *ctx);

#endif
