/*
 * games_service.c: the programme's reference tables for the site, /api/games.
 *
 * The public API names venues, NOCs and competitors by code; the site needs
 * their names, the zone of each venue, the athletes of an NOC and the units
 * an athlete starts in. All of it is in the programme, which is immutable
 * while the server runs, so this service keeps no state of its own beyond the
 * programme and one pre-rendered document, refuses every observation and
 * answers reads without locks.
 *
 *   GET /api/games                      games name, utc offset, first/last day,
 *                                       zones, venues (with zone), disciplines, nocs
 *   GET /api/games/participants?ids=a,b (at most 500 ids) or ?noc=NOR
 *                                       [{"id", "name", "noc", "team", "members"}]
 *   GET /api/games/participants/{id}    the participant, its members or the teams it
 *                                       is in, and every unit it starts in (itself or
 *                                       in a team), by time
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "podium/service.h"

#define MAX_IDS 500

typedef struct {
    const pd_programme *prog;
    char *games_doc; /* GET /api/games, compact JSON */
    size_t games_len;
} games_state;

static void games_destroy(void *state)
{
    games_state *st = state;
    if (st)
        free(st->games_doc);
    free(st);
}

static void *games_create(const pd_programme *prog, pd_diag *diag)
{
    games_state *st = calloc(1, sizeof *st);
    json_t *zones = json_array(), *venues = json_array(), *disciplines = json_array();
    json_t *nocs = json_array(), *doc = NULL;
    if (!st || !zones || !venues || !disciplines || !nocs)
        goto fail;
    st->prog = prog;
    for (size_t i = 0; i < pd_programme_zone_count(prog); i++) {
        const pd_zone *z = pd_programme_zone(prog, i);
        json_array_append_new(zones, json_pack("{s:s, s:s}", "code", z->code, "name", z->name));
    }
    for (size_t i = 0; i < pd_programme_venue_count(prog); i++) {
        const pd_venue *v = pd_programme_venue(prog, i);
        json_array_append_new(venues, json_pack("{s:s, s:s, s:s}", "code", v->code, "name", v->name,
                                                "zone", v->zone->code));
    }
    for (size_t i = 0; i < pd_programme_discipline_count(prog); i++) {
        const pd_discipline *d = pd_programme_discipline(prog, i);
        json_array_append_new(disciplines, json_pack("{s:s, s:s, s:s}", "code", d->code, "name",
                                                     d->name, "sport", d->sport->code));
    }
    for (size_t i = 0; i < pd_programme_noc_count(prog); i++) {
        const pd_noc *n = pd_programme_noc(prog, i);
        json_array_append_new(nocs, json_pack("{s:s, s:s}", "code", n->code, "name", n->name));
    }
    /* first and last competition day: the units sorted by time */
    size_t units = pd_programme_unit_count(prog);
    const char *first = units ? pd_programme_unit_by_time(prog, 0)->day : "";
    const char *last = first;
    for (size_t i = 0; i < units; i++)
        if (strcmp(pd_programme_unit(prog, i)->day, last) > 0)
            last = pd_programme_unit(prog, i)->day;
    doc =
        json_pack("{s:s, s:s, s:s, s:s, s:O, s:O, s:O, s:O}", "name", pd_programme_games_name(prog),
                  "utc_offset", pd_programme_utc_offset(prog), "first_day", first, "last_day", last,
                  "zones", zones, "venues", venues, "disciplines", disciplines, "nocs", nocs);
    if (!doc || !(st->games_doc = json_dumps(doc, JSON_COMPACT | JSON_PRESERVE_ORDER)))
        goto fail;
    st->games_len = strlen(st->games_doc);
    json_decref(zones);
    json_decref(venues);
    json_decref(disciplines);
    json_decref(nocs);
    json_decref(doc);
    return st;

fail:
    json_decref(zones);
    json_decref(venues);
    json_decref(disciplines);
    json_decref(nocs);
    json_decref(doc);
    games_destroy(st);
    pd_diag_set(diag, PD_ERR_NOMEM, "games", "out of memory");
    return NULL;
}

static pd_err games_check(void *state, const json_t *body, const char *author, pd_diag *diag)
{
    (void)state;
    (void)body;
    (void)author;
    return pd_diag_set(diag, PD_ERR_UNSUPPORTED, "games", "the programme is read-only");
}

static json_t *participant_row(const pd_participant *p)
{
    json_t *members = json_array();
    for (size_t i = 0; members && i < p->member_count; i++)
        json_array_append_new(members, json_string(p->members[i]->id));
    return json_pack("{s:s, s:s, s:s, s:b, s:o}", "id", p->id, "name", p->name, "noc", p->noc->code,
                     "team", p->is_team, "members", members ? members : json_array());
}

static bool is_member(const pd_participant *team, const pd_participant *athlete)
{
    for (size_t i = 0; i < team->member_count; i++)
        if (team->members[i] == athlete)
            return true;
    return false;
}

static void get_participant(games_state *st, pd_service_call *call, const char *id)
{
    const pd_programme *prog = st->prog;
    const pd_participant *p = pd_programme_find_participant(prog, id);
    if (!p) {
        pd_service_error(call, 404, "not-found", "no participant %.100s", id);
        return;
    }
    json_t *doc = participant_row(p), *members = json_array(), *teams = json_array();
    json_t *units = json_array();
    if (!doc || !members || !teams || !units) {
        json_decref(doc);
        json_decref(members);
        json_decref(teams);
        json_decref(units);
        pd_service_error(call, 503, "unavailable", "out of memory");
        return;
    }
    for (size_t i = 0; i < p->member_count; i++)
        json_array_append_new(
            members, json_pack("{s:s, s:s}", "id", p->members[i]->id, "name", p->members[i]->name));
    for (size_t i = 0; !p->is_team && i < pd_programme_participant_count(prog); i++) {
        const pd_participant *team = pd_programme_participant(prog, i);
        if (team->is_team && is_member(team, p))
            json_array_append_new(teams,
                                  json_pack("{s:s, s:s}", "id", team->id, "name", team->name));
    }
    for (size_t i = 0; i < pd_programme_unit_count(prog); i++) {
        const pd_unit *u = pd_programme_unit_by_time(prog, i);
        for (size_t k = 0; k < u->start_count; k++) {
            const pd_participant *entry = u->start_list[k].participant;
            if (entry != p && !(entry->is_team && is_member(entry, p)))
                continue;
            const pd_event *e = u->phase->event;
            json_array_append_new(units, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:s}",
                                                   "rsc", u->rsc.code, "name", u->name, "event",
                                                   e->rsc.code, "event_name", e->name, "discipline",
                                                   e->discipline->code, "start", u->start, "medal",
                                                   u->medal, "as", entry->id));
            break;
        }
    }
    json_object_set_new(doc, "member_names", members);
    json_object_set_new(doc, "teams", teams);
    json_object_set_new(doc, "units", units);
    pd_service_reply(call, 200, doc);
}

static void list_participants(games_state *st, pd_service_call *call)
{
    const pd_programme *prog = st->prog;
    const char *ids = pd_service_query(call, "ids");
    const char *noc = pd_service_query(call, "noc");
    json_t *list = json_array();
    if (!list) {
        pd_service_error(call, 503, "unavailable", "out of memory");
        return;
    }
    if (ids) {
        int count = 0;
        const char *p = ids;
        while (*p) {
            const char *comma = strchr(p, ',');
            size_t len = comma ? (size_t)(comma - p) : strlen(p);
            char id[64];
            if (++count > MAX_IDS) {
                json_decref(list);
                pd_service_error(call, 400, "invalid", "ids: at most %d", MAX_IDS);
                return;
            }
            if (len > 0 && len < sizeof id) {
                memcpy(id, p, len);
                id[len] = '\0';
                const pd_participant *found = pd_programme_find_participant(prog, id);
                if (found)
                    json_array_append_new(list, participant_row(found));
            }
            p += len + (comma ? 1 : 0);
        }
    } else if (noc) {
        if (!pd_programme_find_noc(prog, noc)) {
            json_decref(list);
            pd_service_error(call, 404, "not-found", "noc: no NOC %.10s", noc);
            return;
        }
        for (size_t i = 0; i < pd_programme_participant_count(prog); i++) {
            const pd_participant *part = pd_programme_participant(prog, i);
            if (strcmp(part->noc->code, noc) == 0)
                json_array_append_new(list, participant_row(part));
        }
    } else {
        json_decref(list);
        pd_service_error(call, 400, "invalid", "give ids=ID,ID,... or noc=CODE");
        return;
    }
    pd_service_reply(call, 200, json_pack("{s:o}", "participants", list));
}

static void games_handle(void *state, pd_service_call *call)
{
    games_state *st = state;
    const char *method = pd_service_method(call);
    const char *path = pd_service_path(call) + strlen("/api/games");
    static const char participants[] = "/participants";
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        pd_service_error(call, 405, "method-not-allowed", "the programme is read-only: use GET");
        return;
    }
    if (path[0] == '\0' || strcmp(path, "/") == 0)
        pd_service_reply_bytes(call, 200, "application/json; charset=utf-8", st->games_doc,
                               st->games_len);
    else if (strcmp(path, participants) == 0)
        list_participants(st, call);
    else if (strncmp(path, participants, sizeof participants - 1) == 0 &&
             path[sizeof participants - 1] == '/')
        get_participant(st, call, path + sizeof participants);
    else
        pd_service_error(call, 404, "not-found", "no route GET /api/games%.100s", path);
}

const pd_service pd_games_service = {
    .name = "games",
    .code = "GMS-------------------------------",
    .prefix = "/api/games",
    .create = games_create,
    .destroy = games_destroy,
    .check = games_check,
    .apply = NULL, /* read-only */
    .handle = games_handle,
};
