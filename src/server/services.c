/*
 * services.c: the Games services compiled into the server.
 *
 * Adding a service is adding its row (see include/podium/service.h).
 */
#include "podium/service.h"

#include "accreditation_service.h"

const pd_service *const pd_services[] = {
    &pd_accreditation_service,
    NULL, /* end */
};
