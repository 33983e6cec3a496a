/*
 * odf.c: ODF XML messages rendered with libxml2's xmlTextWriter.
 *
 * Design: every message is a pure function of the programme, one JSON input
 * document and the header (type, code, version, time). The writer escapes
 * and encodes (UTF-8) so no text is ever pasted into markup by hand. Result
 * rows come from podium-result/1 rows as they are: rank, result and IRM are
 * the strings the engines formatted; a row's "detail" object becomes
 * ExtendedResults generically (a scalar is one ExtendedResult, an array one
 * ExtendedResult per element with Pos, nested values Extension elements), so
 * every kind's detail (runs, splits, jumps, elements, rounds) reaches the
 * feed without a per-sport writer. Competitors are looked up in the
 * programme: an athlete is Type="A" with a one-athlete Composition, a team
 * Type="T" with its members; an id the programme does not know (a NOC code
 * of a curling score file) is a team of that organisation.
 *
 * The second half walks a Games and names which documents exist and which
 * ones a change to one unit can touch (pd_odf_feed_*); the server and
 * `podium export` decide what to do with them.
 */
#include "podium/odf.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlwriter.h>
#include <sodium.h>

#include "podium/round_robin_kind.h"

static const char *const type_names[PD_ODF_TYPE_COUNT] = {
    "DT_SCHEDULE",      "DT_PARTIC",       "DT_PARTIC_TEAMS",
    "DT_RESULT",        "DT_PHASE_RESULT", "DT_CUMULATIVE_RESULT",
    "DT_POOL_STANDING", "DT_BRACKETS",     "DT_MEDALLISTS",
    "DT_MEDALS"};

const char *pd_odf_type_name(pd_odf_type type)
{
    return (unsigned)type < PD_ODF_TYPE_COUNT ? type_names[type] : "?";
}

bool pd_odf_type_parse(const char *name, pd_odf_type *out)
{
    for (int t = 0; t < PD_ODF_TYPE_COUNT; t++)
        if (strcmp(name, type_names[t]) == 0) {
            *out = (pd_odf_type)t;
            return true;
        }
    return false;
}

const char *pd_odf_result_status(pd_status status)
{
    return pd_status_name(status);
}

/* --- the writer, with sticky errors ------------------------------------------------------ */

typedef struct {
    xmlTextWriterPtr w;
    const pd_programme *prog;
    char gender; /* the event's, for athletes' Gender; 0 when unknown */
    int failed;
} odf_writer;

static void start(odf_writer *ow, const char *name)
{
    if (!ow->failed && xmlTextWriterStartElement(ow->w, BAD_CAST name) < 0)
        ow->failed = 1;
}

static void end(odf_writer *ow)
{
    if (!ow->failed && xmlTextWriterEndElement(ow->w) < 0)
        ow->failed = 1;
}

/* An attribute; skipped when value is NULL or empty (ODF omits absent attributes). */
static void attr(odf_writer *ow, const char *name, const char *value)
{
    if (ow->failed || !value || !*value)
        return;
    if (xmlTextWriterWriteAttribute(ow->w, BAD_CAST name, BAD_CAST value) < 0)
        ow->failed = 1;
}

static void attr_int(odf_writer *ow, const char *name, long long value)
{
    char text[32];
    snprintf(text, sizeof text, "%lld", value);
    attr(ow, name, text);
}

/* --- header --------------------------------------------------------------------------------- */

/* Seconds east of UTC from "+08:00"; 0 when malformed. */
static long offset_seconds(const char *offset)
{
    if (!offset || strlen(offset) != 6 || (offset[0] != '+' && offset[0] != '-') ||
        offset[3] != ':')
        return 0;
    long h = (offset[1] - '0') * 10 + (offset[2] - '0');
    long m = (offset[4] - '0') * 10 + (offset[5] - '0');
    long s = h * 3600 + m * 60;
    return offset[0] == '-' ? -s : s;
}

static void write_header(odf_writer *ow, const pd_odf_header *hdr, const json_t *doc)
{
    char date[48], tm_text[48], version[24], flag[2] = {hdr->feed_flag ? hdr->feed_flag : 'P', 0};
    /* Date and Time are local to the Games (ODF Foundation Principles): HHMMSSmmm */
    long long local_ms =
        hdr->produced_ms + offset_seconds(pd_programme_utc_offset(ow->prog)) * 1000LL;
    time_t secs = (time_t)(local_ms / 1000);
    struct tm tm;
    gmtime_r(&secs, &tm);
    snprintf(date, sizeof date, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    snprintf(tm_text, sizeof tm_text, "%02d%02d%02d%03d", tm.tm_hour, tm.tm_min, tm.tm_sec,
             (int)(local_ms % 1000));
    snprintf(version, sizeof version, "%lld", (long long)hdr->version);
    start(ow, "OdfBody");
    attr(ow, "CompetitionCode", hdr->competition);
    attr(ow, "DocumentCode", hdr->code);
    attr(ow, "DocumentType", pd_odf_type_name(hdr->type));
    attr(ow, "Version", version);
    switch (hdr->type) {
    case PD_ODF_RESULT:
    case PD_ODF_PHASE_RESULT:
    case PD_ODF_CUMULATIVE_RESULT:
    case PD_ODF_POOL_STANDING:
    case PD_ODF_BRACKETS:
    case PD_ODF_MEDALLISTS:
        attr(ow, "ResultStatus", json_string_value(json_object_get(doc, "status")));
        break;
    default:
        break;
    }
    attr(ow, "FeedFlag", flag);
    attr(ow, "Date", date);
    attr(ow, "Time", tm_text);
    attr(ow, "LogicalDate", hdr->logical_date ? hdr->logical_date : date);
    attr(ow, "Source", hdr->source);
}

/* --- competitors --------------------------------------------------------------------------- */

/* Split "FEUZ Beat" into the upper-case family name and the given names. */
static void split_name(const char *name, char *family, size_t fsize, char *given, size_t gsize)
{
    const char *p = name;
    const char *family_end = name;
    while (*p) {
        bool lower = false;
        while (*p && *p != ' ') {
            if (islower((unsigned char)*p))
                lower = true;
            p++;
        }
        if (lower)
            break;
        family_end = p;
        while (*p == ' ')
            p++;
    }
    if (family_end == name) /* no upper-case family name: the whole name is the family name */
        family_end = name + strlen(name);
    snprintf(family, fsize, "%.*s", (int)(family_end - name), name);
    const char *rest = family_end;
    while (*rest == ' ')
        rest++;
    snprintf(given, gsize, "%s", rest);
}

static const char *gender_of(char gender)
{
    return gender == 'M' ? "M" : gender == 'W' ? "F" : NULL;
}

static void write_athlete(odf_writer *ow, const pd_participant *athlete, int order)
{
    char family[128], given[128];
    split_name(athlete->name, family, sizeof family, given, sizeof given);
    start(ow, "Athlete");
    attr(ow, "Code", athlete->id);
    attr_int(ow, "Order", order);
    start(ow, "Description");
    attr(ow, "GivenName", given);
    attr(ow, "FamilyName", family);
    attr(ow, "Gender", gender_of(ow->gender));
    attr(ow, "Organisation", athlete->noc->code);
    end(ow);
    end(ow);
}

/* Competitor with its Composition; id may be unknown to the programme. */
static void write_competitor(odf_writer *ow, const char *id)
{
    const pd_participant *part = id ? pd_programme_find_participant(ow->prog, id) : NULL;
    start(ow, "Competitor");
    attr(ow, "Code", id);
    if (!part) {
        const pd_noc *noc = id ? pd_programme_find_noc(ow->prog, id) : NULL;
        attr(ow, "Type", "T");
        attr(ow, "Organisation", noc ? noc->code : NULL);
        if (noc) {
            start(ow, "Description");
            attr(ow, "TeamName", noc->name);
            end(ow);
        }
        end(ow);
        return;
    }
    attr(ow, "Type", part->is_team ? "T" : "A");
    attr(ow, "Organisation", part->noc->code);
    if (part->is_team) {
        start(ow, "Description");
        attr(ow, "TeamName", part->name);
        end(ow);
    }
    start(ow, "Composition");
    if (part->is_team)
        for (size_t m = 0; m < part->member_count; m++)
            write_athlete(ow, part->members[m], (int)m + 1);
    else
        write_athlete(ow, part, 1);
    end(ow);
    end(ow);
}

/* --- extended results ----------------------------------------------------------------------- */

static void upper_code(const char *key, char *out, size_t size)
{
    size_t i = 0;
    for (; key[i] && i + 1 < size; i++)
        out[i] = (char)toupper((unsigned char)key[i]);
    out[i] = '\0';
}

/* A scalar as text: strings as they are, integers in decimal, booleans Y/N; NULL for none. */
static const char *scalar_text(const json_t *v, char *buf, size_t size)
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(buf, size, "%lld", (long long)json_integer_value(v));
        return buf;
    }
    if (json_is_boolean(v))
        return json_is_true(v) ? "Y" : "N";
    return NULL;
}

static void write_value(odf_writer *ow, const char *element, const char *key, const json_t *v,
                        int pos, int depth);

/* Whether a value writes anything: a non-empty scalar somewhere inside it. */
static bool has_content(const json_t *v, int depth)
{
    char num[32];
    if (depth > 8)
        return false;
    if (json_is_object(v)) {
        const char *k;
        json_t *child;
        json_object_foreach((json_t *)v, k, child)
        {
            if (has_content(child, depth + 1))
                return true;
        }
        return false;
    }
    if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++)
            if (has_content(json_array_get(v, i), depth + 1))
                return true;
        return false;
    }
    const char *text = scalar_text(v, num, sizeof num);
    return text && *text;
}

/* Children of an object or array value, as Extension elements. */
static void write_children(odf_writer *ow, const json_t *v, int depth)
{
    if (depth > 6)
        return;
    if (json_is_object(v)) {
        const char *k;
        json_t *child;
        json_object_foreach((json_t *)v, k, child)
        {
            if (json_is_array(child)) {
                for (size_t i = 0; i < json_array_size(child); i++)
                    write_value(ow, "Extension", k, json_array_get(child, i), (int)i + 1,
                                depth + 1);
            } else {
                write_value(ow, "Extension", k, child, 0, depth + 1);
            }
        }
    }
}

/* One ExtendedResult or Extension for key = v (pos > 0: element of an array). */
static void write_value(odf_writer *ow, const char *element, const char *key, const json_t *v,
                        int pos, int depth)
{
    char code[64], num[32];
    const char *text = scalar_text(v, num, sizeof num);
    if (!has_content(v, depth))
        return;
    upper_code(key, code, sizeof code);
    start(ow, element);
    if (strcmp(element, "ExtendedResult") == 0)
        attr(ow, "Type", "ER");
    attr(ow, "Code", code);
    if (pos > 0)
        attr_int(ow, "Pos", pos);
    if (text) {
        attr(ow, "Value", text);
    } else if (json_is_object(v)) {
        /* the headline figure of an element: its time, score or result when it has one */
        static const char *const headline[] = {"result", "time", "score", "points", "total", NULL};
        for (int h = 0; headline[h]; h++) {
            const char *s = json_string_value(json_object_get(v, headline[h]));
            if (s && *s) {
                attr(ow, "Value", s);
                break;
            }
        }
        write_children(ow, v, depth);
    } else {
        for (size_t i = 0; i < json_array_size(v); i++)
            write_value(ow, "Extension", key, json_array_get(v, i), (int)i + 1, depth + 1);
    }
    end(ow);
}

static void write_extended(odf_writer *ow, const json_t *detail)
{
    if (!json_is_object(detail) || !has_content(detail, 0))
        return;
    start(ow, "ExtendedResults");
    const char *k;
    json_t *v;
    json_object_foreach((json_t *)detail, k, v)
    {
        if (json_is_array(v)) {
            for (size_t i = 0; i < json_array_size(v); i++)
                write_value(ow, "ExtendedResult", k, json_array_get(v, i), (int)i + 1, 0);
        } else {
            write_value(ow, "ExtendedResult", k, v, 0, 0);
        }
    }
    end(ow);
}

/* --- result rows ---------------------------------------------------------------------------- */

static void rank_text(const json_t *row, char *out, size_t size)
{
    json_t *rank = json_object_get(row, "rank");
    if (json_is_integer(rank) && json_integer_value(rank) > 0)
        snprintf(out, size, "%lld", (long long)json_integer_value(rank));
    else
        out[0] = '\0';
}

static bool rank_shared(const json_t *rows, size_t index)
{
    json_t *rank = json_object_get(json_array_get(rows, index), "rank");
    if (!json_is_integer(rank) || json_integer_value(rank) <= 0)
        return false;
    for (size_t i = 0; i < json_array_size(rows); i++) {
        json_t *other = json_object_get(json_array_get(rows, i), "rank");
        if (i != index && json_is_integer(other) &&
            json_integer_value(other) == json_integer_value(rank))
            return true;
    }
    return false;
}

static void write_results(odf_writer *ow, const json_t *doc)
{
    json_t *rows = json_object_get(doc, "results");
    for (size_t i = 0; i < json_array_size(rows); i++) {
        json_t *row = json_array_get(rows, i);
        char rank[24];
        rank_text(row, rank, sizeof rank);
        start(ow, "Result");
        attr(ow, "Rank", rank);
        if (rank[0])
            attr(ow, "RankEqual", rank_shared(rows, i) ? "Y" : "N");
        attr(ow, "Result", json_string_value(json_object_get(row, "result")));
        attr(ow, "IRM", json_string_value(json_object_get(row, "irm")));
        attr_int(ow, "SortOrder", (long long)i + 1);
        write_extended(ow, json_object_get(row, "detail"));
        write_competitor(ow, json_string_value(json_object_get(row, "competitor")));
        end(ow);
    }
}

/* --- medallists and medals ------------------------------------------------------------------- */

static void write_medallists(odf_writer *ow, const pd_event *event, const json_t *doc)
{
    static const char *const medal[] = {"ME_GOLD", "ME_SILVER", "ME_BRONZE"};
    json_t *rows = json_object_get(doc, "results");
    const char *status = json_string_value(json_object_get(doc, "status"));
    if (!status || strcmp(status, "OFFICIAL") != 0)
        return; /* medals are awarded on official results only */
    for (size_t i = 0; i < json_array_size(rows); i++) {
        json_t *row = json_array_get(rows, i);
        json_t *rank = json_object_get(row, "rank");
        if (!json_is_integer(rank) || json_integer_value(rank) < 1 || json_integer_value(rank) > 3)
            continue;
        start(ow, "Medal");
        attr(ow, "Type", medal[json_integer_value(rank) - 1]);
        if (event && event->last_unit) {
            attr(ow, "Unit", event->last_unit->rsc.code);
            attr(ow, "Date", event->last_unit->day);
        }
        attr(ow, "Result", json_string_value(json_object_get(row, "result")));
        write_competitor(ow, json_string_value(json_object_get(row, "competitor")));
        end(ow);
    }
}

static void write_medals(odf_writer *ow, const json_t *doc)
{
    json_t *rows = json_object_get(doc, "medals");
    start(ow, "MedalStandings");
    start(ow, "MedalsTable");
    for (size_t i = 0; i < json_array_size(rows); i++) {
        json_t *row = json_array_get(rows, i);
        long long total = json_integer_value(json_object_get(row, "total"));
        /* RankTotal: by total medals, ties share the rank */
        long long rank_total = 1;
        for (size_t j = 0; j < json_array_size(rows); j++)
            rank_total +=
                json_integer_value(json_object_get(json_array_get(rows, j), "total")) > total;
        start(ow, "MedalLine");
        attr(ow, "Organisation", json_string_value(json_object_get(row, "noc")));
        start(ow, "MedalNumber");
        attr(ow, "Type", "TOT");
        attr_int(ow, "Gold", json_integer_value(json_object_get(row, "gold")));
        attr_int(ow, "Silver", json_integer_value(json_object_get(row, "silver")));
        attr_int(ow, "Bronze", json_integer_value(json_object_get(row, "bronze")));
        attr_int(ow, "Total", total);
        attr_int(ow, "Rank", json_integer_value(json_object_get(row, "rank")));
        attr_int(ow, "RankTotal", rank_total);
        end(ow);
        end(ow);
    }
    end(ow);
    end(ow);
}

/* --- brackets (heats kind: detail.rounds) --------------------------------------------------- */

static void heat_key(const json_t *heat, char *out, size_t size)
{
    if (json_is_integer(heat))
        snprintf(out, size, "%lld", (long long)json_integer_value(heat));
    else
        snprintf(out, size, "%s", json_is_string(heat) ? json_string_value(heat) : "");
}

static void write_brackets(odf_writer *ow, const json_t *doc)
{
    /* phases in order of first appearance; for each, heats in order; places by rank */
    json_t *rows = json_object_get(doc, "results");
    json_t *phases = json_array();
    if (!phases) {
        ow->failed = 1;
        return;
    }
    for (size_t i = 0; i < json_array_size(rows); i++) {
        json_t *rounds =
            json_object_get(json_object_get(json_array_get(rows, i), "detail"), "rounds");
        for (size_t r = 0; r < json_array_size(rounds); r++) {
            const char *phase =
                json_string_value(json_object_get(json_array_get(rounds, r), "phase"));
            bool known = false;
            for (size_t p = 0; phase && p < json_array_size(phases); p++)
                known |= strcmp(json_string_value(json_array_get(phases, p)), phase) == 0;
            if (phase && !known)
                json_array_append_new(phases, json_string(phase));
        }
    }
    start(ow, "Bracket");
    attr(ow, "Code", json_string_value(json_object_get(doc, "rsc")));
    for (size_t p = 0; p < json_array_size(phases); p++) {
        const char *phase = json_string_value(json_array_get(phases, p));
        json_t *heats = json_array();
        if (!heats) {
            ow->failed = 1;
            break;
        }
        /* heats of this phase in order of appearance */
        for (size_t i = 0; i < json_array_size(rows); i++) {
            json_t *rounds =
                json_object_get(json_object_get(json_array_get(rows, i), "detail"), "rounds");
            for (size_t r = 0; r < json_array_size(rounds); r++) {
                json_t *round = json_array_get(rounds, r);
                const char *ph = json_string_value(json_object_get(round, "phase"));
                char key[32];
                if (!ph || strcmp(ph, phase) != 0)
                    continue;
                heat_key(json_object_get(round, "heat"), key, sizeof key);
                bool known = false;
                for (size_t h = 0; h < json_array_size(heats); h++)
                    known |= strcmp(json_string_value(json_array_get(heats, h)), key) == 0;
                if (!known)
                    json_array_append_new(heats, json_string(key));
            }
        }
        start(ow, "BracketItems");
        attr(ow, "Code", phase);
        for (size_t h = 0; h < json_array_size(heats); h++) {
            const char *heat = json_string_value(json_array_get(heats, h));
            start(ow, "BracketItem");
            attr(ow, "Code", heat);
            attr_int(ow, "Order", (long long)h + 1);
            /* places: every competitor's round in this heat, by rank within the heat */
            for (int pass = 0; pass < 2; pass++)
                for (size_t i = 0; i < json_array_size(rows); i++) {
                    json_t *row = json_array_get(rows, i);
                    json_t *rounds = json_object_get(json_object_get(row, "detail"), "rounds");
                    for (size_t r = 0; r < json_array_size(rounds); r++) {
                        json_t *round = json_array_get(rounds, r);
                        const char *ph = json_string_value(json_object_get(round, "phase"));
                        char key[32];
                        heat_key(json_object_get(round, "heat"), key, sizeof key);
                        json_t *rank = json_object_get(round, "rank");
                        bool ranked = json_is_integer(rank) && json_integer_value(rank) > 0;
                        /* pass 0: ranked places; pass 1: the unranked (IRMs) */
                        if (!ph || strcmp(ph, phase) != 0 || strcmp(key, heat) != 0 ||
                            ranked != (pass == 0))
                            continue;
                        const char *mark = json_string_value(json_object_get(round, "mark"));
                        start(ow, "CompetitorPlace");
                        if (ranked)
                            attr_int(ow, "Pos", json_integer_value(rank));
                        attr(ow, "Result", json_string_value(json_object_get(round, "time")));
                        attr(ow, "IRM", json_string_value(json_object_get(round, "irm")));
                        attr(ow, "QualificationMark", mark);
                        attr(ow, "WLT", mark && *mark ? "W" : "L");
                        write_competitor(ow, json_string_value(json_object_get(row, "competitor")));
                        end(ow);
                    }
                }
            end(ow);
        }
        end(ow);
        json_decref(heats);
    }
    end(ow);
    json_decref(phases);
}

/* --- schedule and participants --------------------------------------------------------------- */

static const char *schedule_status(const char *status)
{
    if (!status || strcmp(status, "START_LIST") == 0)
        return "SCHEDULED";
    if (strcmp(status, "LIVE") == 0)
        return "RUNNING";
    return "FINISHED"; /* UNOFFICIAL, OFFICIAL */
}

static bool same_discipline(const pd_event *event, const char *code)
{
    return strncmp(event->discipline->code, code, 3) == 0;
}

static void write_schedule(odf_writer *ow, const char *code, const json_t *doc)
{
    json_t *statuses = json_object_get(doc, "units");
    long long order = 0;
    for (size_t i = 0; i < pd_programme_unit_count(ow->prog); i++) {
        const pd_unit *unit = pd_programme_unit_by_time(ow->prog, i);
        if (!same_discipline(unit->phase->event, code))
            continue;
        start(ow, "Unit");
        attr(ow, "Code", unit->rsc.code);
        attr(ow, "ScheduleStatus",
             schedule_status(json_string_value(json_object_get(statuses, unit->rsc.code))));
        attr(ow, "StartDate", unit->start);
        attr(ow, "EndDate", unit->end);
        attr_int(ow, "Order", ++order);
        attr(ow, "Medal", unit->medal ? "1" : NULL);
        attr(ow, "Venue", unit->venue->code);
        start(ow, "ItemName");
        attr(ow, "Language", "ENG");
        attr(ow, "Value", unit->name);
        end(ow);
        start(ow, "VenueDescription");
        attr(ow, "VenueName", unit->venue->name);
        end(ow);
        end(ow);
    }
}

/*
 * The participants of a discipline in order of first appearance in its start
 * lists (athletes: also as team members), each with the events they entered.
 * Fills ids (array of ids) and events (id -> array of event codes).
 */
static int gather(const pd_programme *prog, const char *code, bool teams, json_t *ids,
                  json_t *events)
{
    for (size_t e = 0; e < pd_programme_event_count(prog); e++) {
        const pd_event *event = pd_programme_event(prog, e);
        if (!same_discipline(event, code))
            continue;
        for (size_t p = 0; p < event->phase_count; p++)
            for (size_t u = 0; u < event->phases[p].unit_count; u++) {
                const pd_unit *unit = &event->phases[p].units[u];
                for (size_t s = 0; s < unit->start_count; s++) {
                    const pd_participant *part = unit->start_list[s].participant;
                    const pd_participant *const *list = &part;
                    size_t n = 1;
                    if (part->is_team != teams) {
                        if (teams)
                            continue;
                        list = part->members; /* athletes of a team */
                        n = part->member_count;
                    }
                    for (size_t m = 0; m < n; m++) {
                        const char *id = list[m]->id;
                        json_t *evs = json_object_get(events, id);
                        if (!evs) {
                            evs = json_array();
                            if (!evs || json_object_set_new(events, id, evs) != 0 ||
                                json_array_append_new(ids, json_string(id)) != 0)
                                return -1;
                        }
                        bool known = false;
                        for (size_t k = 0; k < json_array_size(evs); k++)
                            known |= strcmp(json_string_value(json_array_get(evs, k)),
                                            event->rsc.code) == 0;
                        if (!known && json_array_append_new(evs, json_string(event->rsc.code)))
                            return -1;
                    }
                }
            }
    }
    return 0;
}

static void write_registered(odf_writer *ow, const char *code, const json_t *events)
{
    char discipline[PD_RSC_LEN + 1];
    snprintf(discipline, sizeof discipline, "%.3s-------------------------------", code);
    start(ow, "Discipline");
    attr(ow, "Code", discipline);
    for (size_t k = 0; k < json_array_size(events); k++) {
        start(ow, "RegisteredEvent");
        attr(ow, "Event", json_string_value(json_array_get(events, k)));
        end(ow);
    }
    end(ow);
}

static void write_participants(odf_writer *ow, const char *code, bool teams)
{
    json_t *ids = json_array(), *events = json_object();
    if (!ids || !events || gather(ow->prog, code, teams, ids, events) != 0) {
        ow->failed = 1;
        goto done;
    }
    for (size_t i = 0; i < json_array_size(ids); i++) {
        const char *id = json_string_value(json_array_get(ids, i));
        const pd_participant *part = pd_programme_find_participant(ow->prog, id);
        json_t *evs = json_object_get(events, id);
        if (!part)
            continue;
        /* an athlete's gender from the events entered when they agree */
        char gender = 0;
        for (size_t k = 0; k < json_array_size(evs); k++) {
            const pd_event *ev =
                pd_programme_find_event(ow->prog, json_string_value(json_array_get(evs, k)));
            char g = ev ? ev->gender : 0;
            gender = k == 0 ? g : (gender == g ? gender : 'X');
        }
        if (teams) {
            start(ow, "Team");
            attr(ow, "Code", part->id);
            attr(ow, "Organisation", part->noc->code);
            attr(ow, "Name", part->name);
            attr(ow, "Current", "true");
            attr(ow, "TeamType", "T");
            attr(ow, "Gender", gender == 'M' ? "M" : gender == 'W' ? "W" : "X");
            start(ow, "Composition");
            char saved = ow->gender;
            ow->gender = gender;
            for (size_t m = 0; m < part->member_count; m++)
                write_athlete(ow, part->members[m], (int)m + 1);
            ow->gender = saved;
            end(ow);
            write_registered(ow, code, evs);
            end(ow);
        } else {
            char family[128], given[128];
            split_name(part->name, family, sizeof family, given, sizeof given);
            start(ow, "Participant");
            attr(ow, "Code", part->id);
            attr(ow, "Parent", part->id);
            attr(ow, "Status", "ACTIVE");
            attr(ow, "GivenName", given);
            attr(ow, "FamilyName", family);
            attr(ow, "PrintName", part->name);
            attr(ow, "Gender", gender_of(gender));
            attr(ow, "Organisation", part->noc->code);
            attr(ow, "Current", "true");
            write_registered(ow, code, evs);
            end(ow);
        }
    }
done:
    json_decref(ids);
    json_decref(events);
}

/* --- render ---------------------------------------------------------------------------------- */

static const pd_event *event_of(const pd_programme *prog, const char *code)
{
    pd_rsc rsc;
    if (!code || pd_rsc_parse_str(code, &rsc, NULL) != PD_OK)
        return NULL;
    pd_rsc ev = pd_rsc_truncate(&rsc, PD_RSC_MODIFIER);
    return pd_programme_find_event(prog, ev.code);
}

pd_err pd_odf_render(const pd_programme *prog, const pd_odf_header *hdr, const json_t *doc,
                     pd_buf *out, pd_diag *diag)
{
    bool needs_doc = hdr->type != PD_ODF_PARTIC && hdr->type != PD_ODF_PARTIC_TEAMS;
    if ((unsigned)hdr->type >= PD_ODF_TYPE_COUNT || !hdr->code)
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "unknown document type or code");
    if (needs_doc && !json_is_object(doc))
        return pd_diag_set(diag, PD_ERR_INPUT, NULL, "%s needs an input document",
                           pd_odf_type_name(hdr->type));
    xmlBufferPtr xbuf = xmlBufferCreate();
    xmlTextWriterPtr w = xbuf ? xmlNewTextWriterMemory(xbuf, 0) : NULL;
    pd_err err = PD_ERR_NOMEM;
    if (!w)
        goto done;
    const pd_event *event = event_of(prog, hdr->code);
    odf_writer ow = {w, prog, event ? event->gender : 0, 0};
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, BAD_CAST "  ");
    if (xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0)
        goto done;
    write_header(&ow, hdr, doc);
    start(&ow, "Competition");
    switch (hdr->type) {
    case PD_ODF_SCHEDULE:
        write_schedule(&ow, hdr->code, doc);
        break;
    case PD_ODF_PARTIC:
        write_participants(&ow, hdr->code, false);
        break;
    case PD_ODF_PARTIC_TEAMS:
        write_participants(&ow, hdr->code, true);
        break;
    case PD_ODF_RESULT:
    case PD_ODF_PHASE_RESULT:
    case PD_ODF_CUMULATIVE_RESULT:
    case PD_ODF_POOL_STANDING:
        write_results(&ow, doc);
        break;
    case PD_ODF_BRACKETS:
        write_brackets(&ow, doc);
        break;
    case PD_ODF_MEDALLISTS:
        write_medallists(&ow, event, doc);
        break;
    case PD_ODF_MEDALS:
        write_medals(&ow, doc);
        break;
    default:
        break;
    }
    end(&ow); /* Competition */
    end(&ow); /* OdfBody */
    if (ow.failed || xmlTextWriterEndDocument(w) < 0)
        goto done;
    xmlFreeTextWriter(w); /* flushes into xbuf */
    w = NULL;
    err = pd_buf_add(out, xmlBufferContent(xbuf), (size_t)xmlBufferLength(xbuf));
done:
    if (w)
        xmlFreeTextWriter(w);
    if (xbuf)
        xmlBufferFree(xbuf);
    if (err)
        pd_diag_set(diag, err, NULL, "out of memory writing %s", pd_odf_type_name(hdr->type));
    return err;
}

pd_err pd_odf_fingerprint(const pd_programme *prog, pd_odf_type type, const char *code,
                          const json_t *doc, char out[65], pd_diag *diag)
{
    /*
     * The message is a function of (type, code, document) and the programme,
     * which does not change while serving: hashing the document's canonical
     * JSON (sorted keys) finds every change without rendering XML twice.
     */
    (void)prog;
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_state state;
    char *text =
        doc ? json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY) : strdup("null");
    if (!text)
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
    crypto_hash_sha256_init(&state);
    crypto_hash_sha256_update(&state, (const unsigned char *)pd_odf_type_name(type),
                              strlen(pd_odf_type_name(type)) + 1);
    crypto_hash_sha256_update(&state, (const unsigned char *)code, strlen(code) + 1);
    crypto_hash_sha256_update(&state, (const unsigned char *)text, strlen(text));
    crypto_hash_sha256_final(&state, digest);
    sodium_bin2hex(out, 65, digest, sizeof digest);
    free(text);
    return PD_OK;
}

/* --- which documents ------------------------------------------------------------------------- */

typedef struct {
    pd_odf_emit_fn emit;
    void *ctx;
} emitter;

/* Emit a rendered document; an engine error skips it (the JSON API shows the error). */
static pd_err emit_doc(const emitter *em, pd_odf_type type, const char *code, pd_err render_err,
                       json_t *doc)
{
    if (render_err == PD_ERR_NOMEM)
        return PD_ERR_NOMEM;
    if (render_err || !doc) {
        json_decref(doc);
        return PD_OK;
    }
    return em->emit(em->ctx, type, code, doc);
}

static bool kind_is(const json_t *doc, const char *kind)
{
    const char *k = json_string_value(json_object_get(doc, "kind"));
    return k && strcmp(k, kind) == 0;
}

/*
 * The group a phase of a "tournament" event plays: "A" for the phase GPA
 * (ODF's group phases, the hockey groups), "" for PREL (a preliminary round
 * robin without groups, curling); NULL for a play-off phase.
 */
static const char *tournament_group(const pd_phase *phase, char code[8])
{
    pd_rsc_field_get(&phase->rsc, PD_RSC_PHASE, code, 8);
    if (strcmp(code, "PREL") == 0)
        return "";
    if (strlen(code) == 3 && code[0] == 'G' && code[1] == 'P')
        return code + 2;
    return NULL;
}

/*
 * The standing of the group a phase of a "tournament" event plays, taken from
 * the event's document (the group ranks need the whole event's scoring), named
 * by the phase and with the phase's status. *out NULL when there is none.
 */
static pd_err group_pool(pd_results *res, const pd_phase *phase, json_t **out, pd_diag *diag)
{
    char code[8];
    const char *group = tournament_group(phase, code);
    json_t *event_doc = NULL;
    *out = NULL;
    if (!group || !phase->scoring.kind || strcmp(phase->scoring.kind, "tournament") != 0)
        return PD_OK;
    pd_err err = pd_results_event_doc(res, phase->event, &event_doc, diag);
    if (err == PD_ERR_NOMEM)
        return err;
    if (!err && kind_is(event_doc, "tournament"))
        err = pd_tournament_pool_standing(event_doc, group, out);
    else
        err = PD_OK; /* an engine error: the JSON API shows it */
    json_decref(event_doc);
    if (!err && *out &&
        (!pd_json_put(*out, "rsc", json_string(phase->rsc.code)) ||
         !pd_json_put(*out, "status",
                      json_string(pd_status_name(pd_results_phase_status(res, phase)))))) {
        json_decref(*out);
        *out = NULL;
        err = PD_ERR_NOMEM;
    }
    if (err)
        pd_diag_set(diag, err, NULL, "out of memory making the pool standing of %s",
                    phase->rsc.code);
    return err;
}

static pd_err feed_phase(pd_results *res, const pd_phase *phase, const emitter *em, pd_diag *diag)
{
    json_t *doc = NULL;
    pd_err r = pd_results_phase_doc(res, phase, &doc, diag);
    json_t *pool = NULL;
    pd_err err = PD_OK;
    if (r == PD_ERR_NOMEM)
        return r;
    if (!r && kind_is(doc, "round-robin"))
        pool = json_incref(doc);
    else
        err = group_pool(res, phase, &pool, diag);
    if (!err && pool && r) {
        /* a group scored alone is an engine error (the tournament names every group):
         * the group phase's result is its standing */
        json_decref(doc);
        doc = json_incref(pool);
        r = PD_OK;
    }
    if (!err && pool)
        err = em->emit(em->ctx, PD_ODF_POOL_STANDING, phase->rsc.code, pool);
    if (err) {
        json_decref(doc);
        return err;
    }
    return emit_doc(em, PD_ODF_PHASE_RESULT, phase->rsc.code, r, doc);
}

static pd_err feed_event_level(pd_results *res, const pd_event *event, const emitter *em,
                               pd_diag *diag)
{
    json_t *doc = NULL;
    pd_err r = pd_results_event_doc(res, event, &doc, diag);
    pd_err err = PD_OK;
    if (!r && kind_is(doc, "heats"))
        err = em->emit(em->ctx, PD_ODF_BRACKETS, event->rsc.code, json_incref(doc));
    if (!err && !r && pd_results_event_status(res, event) == PD_STATUS_OFFICIAL)
        err = em->emit(em->ctx, PD_ODF_MEDALLISTS, event->rsc.code, json_incref(doc));
    if (err) {
        json_decref(doc);
        return err;
    }
    return emit_doc(em, PD_ODF_CUMULATIVE_RESULT, event->rsc.code, r, doc);
}

static pd_err feed_schedule(pd_results *res, const pd_programme *prog, const char *discipline,
                            const emitter *em)
{
    char code[PD_RSC_LEN + 1];
    json_t *units = json_object();
    snprintf(code, sizeof code, "%.3s-------------------------------", discipline);
    for (size_t i = 0; units && i < pd_programme_unit_count(prog); i++) {
        const pd_unit *unit = pd_programme_unit(prog, i);
        if (!same_discipline(unit->phase->event, discipline))
            continue;
        if (json_object_set_new(units, unit->rsc.code,
                                json_string(pd_status_name(pd_results_unit_status(res, unit)))))
            break;
    }
    json_t *doc = units ? json_pack("{s:o}", "units", units) : NULL;
    if (!doc)
        return PD_ERR_NOMEM;
    return em->emit(em->ctx, PD_ODF_SCHEDULE, code, doc);
}

static pd_err feed_medals(pd_results *res, const emitter *em, pd_diag *diag)
{
    json_t *doc = NULL;
    pd_err r = pd_results_medals_doc(res, &doc, diag);
    return emit_doc(em, PD_ODF_MEDALS, PD_ODF_GAMES_CODE, r, doc);
}

pd_err pd_odf_feed_medals(pd_results *res, pd_odf_emit_fn emit, void *ctx, pd_diag *diag)
{
    emitter em = {emit, ctx};
    return feed_medals(res, &em, diag);
}

pd_err pd_odf_feed_event(pd_results *res, const pd_event *event, pd_odf_emit_fn emit, void *ctx,
                         pd_diag *diag)
{
    emitter em = {emit, ctx};
    pd_err err = PD_OK;
    for (size_t p = 0; !err && p < event->phase_count; p++) {
        const pd_phase *phase = &event->phases[p];
        for (size_t u = 0; !err && u < phase->unit_count; u++) {
            json_t *doc = NULL;
            pd_err r = pd_results_unit_doc(res, &phase->units[u], &doc, diag);
            err = emit_doc(&em, PD_ODF_RESULT, phase->units[u].rsc.code, r, doc);
        }
        if (!err)
            err = feed_phase(res, phase, &em, diag);
    }
    if (!err)
        err = feed_event_level(res, event, &em, diag);
    return err;
}

pd_err pd_odf_feed_unit(pd_results *res, const pd_unit *unit, pd_odf_emit_fn emit, void *ctx,
                        pd_diag *diag)
{
    emitter em = {emit, ctx};
    const pd_phase *phase = unit->phase;
    const pd_event *event = phase->event;
    /* every unit whose document includes this one (cumulative standings, shared scopes) */
    size_t total = 0;
    for (size_t p = 0; p < event->phase_count; p++)
        total += event->phases[p].unit_count;
    const pd_unit **deps = calloc(total ? total : 1, sizeof *deps);
    if (!deps)
        return pd_diag_set(diag, PD_ERR_NOMEM, NULL, "out of memory");
    size_t dep_count = pd_results_dependents(unit, deps);
    pd_err err = PD_OK;
    /* units of one scope share one scoring: pd_results remembers it */
    for (size_t u = 0; !err && u < dep_count; u++) {
        json_t *doc = NULL;
        pd_err r = pd_results_unit_doc(res, deps[u], &doc, diag);
        err = emit_doc(&em, PD_ODF_RESULT, deps[u]->rsc.code, r, doc);
    }
    free(deps);
    if (!err)
        err = feed_phase(res, phase, &em, diag);
    if (!err)
        err = feed_event_level(res, event, &em, diag);
    return err;
}

pd_err pd_odf_feed_schedule(pd_results *res, const pd_programme *prog, const char *discipline,
                            pd_odf_emit_fn emit, void *ctx)
{
    emitter em = {emit, ctx};
    return feed_schedule(res, prog, discipline, &em);
}

pd_err pd_odf_feed_all(pd_results *res, const pd_programme *prog, pd_odf_emit_fn emit, void *ctx,
                       pd_diag *diag)
{
    emitter em = {emit, ctx};
    pd_err err = PD_OK;
    for (size_t d = 0; !err && d < pd_programme_discipline_count(prog); d++) {
        const char *code = pd_programme_discipline(prog, d)->code;
        char rsc[PD_RSC_LEN + 1];
        snprintf(rsc, sizeof rsc, "%.3s-------------------------------", code);
        err = feed_schedule(res, prog, code, &em);
        if (!err)
            err = emit(ctx, PD_ODF_PARTIC, rsc, NULL);
        /* teams only where the discipline has team entries */
        bool teams = false;
        for (size_t e = 0; !teams && e < pd_programme_event_count(prog); e++) {
            const pd_event *event = pd_programme_event(prog, e);
            if (!same_discipline(event, code) || !event->first_unit)
                continue;
            for (size_t s = 0; s < event->first_unit->start_count; s++)
                teams |= event->first_unit->start_list[s].participant->is_team;
        }
        if (!err && teams)
            err = emit(ctx, PD_ODF_PARTIC_TEAMS, rsc, NULL);
    }
    for (size_t e = 0; !err && e < pd_programme_event_count(prog); e++)
        err = pd_odf_feed_event(res, pd_programme_event(prog, e), emit, ctx, diag);
    if (!err)
        err = feed_medals(res, &em, diag);
    return err;
}
