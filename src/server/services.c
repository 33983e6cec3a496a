/*
 * services.c: the Games services compiled into the server.
 *
 * Adding a service is adding its row (see include/podium/service.h).
 */
#include "podium/service.h"

#include "health_service.h"

extern const pd_service pd_news_service;  /* news_service.c */
extern const pd_service pd_games_service; /* games_service.c */

const pd_service *const pd_services[] = {
    &pd_news_service,
    &pd_games_service,
    &pd_health_service,
    NULL, /* end */
};
