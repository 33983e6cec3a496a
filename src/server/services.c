/*
 * services.c: the Games services compiled into the server.
 *
 * Adding a service is adding its row (see include/podium/service.h).
 */
#include "podium/service.h"

#include "accreditation_service.h"
#include "health_service.h"

extern const pd_service pd_news_service;  /* news_service.c */
extern const pd_service pd_games_service; /* games_service.c */

const pd_service *const pd_services[] = {
    &pd_news_service,
    &pd_games_service,
    &pd_health_service,
    &pd_accreditation_service,
    NULL, /* end */
};

void pd_services_connect(void *const *states)
{
    /* the access check asks the closed loop about health (issue 12 and 13) */
    for (int i = 0; pd_services[i]; i++)
        if (pd_services[i] == &pd_accreditation_service)
            pd_accreditation_service_set_health(states[i], pd_health_service_gate, NULL);
}
