#!/usr/bin/env python3
"""Convert the Beijing 2022 events decided through heats into podium score files.

Source: the NBC Olympics / Gracenote results feed collected in the public
repository billyfryer/Beijing-Olympics-Data-Repo (../shared/data/beijing2022):
one JSON file per phase (heats, quarter-finals, ...), the schedule of every
phase (Sport-Schedules/) and the medallists (Event-Matches/).

For each event this writes, under tests/data/beijing2022/heats/:
  EVENT.json           a podium-score/1 document of kind "heats": the format
                       of the event (rounds, advancement targets, from the
                       federation's 2021/22 rules) and every heat as raced:
                       place or IRM, time, referee advancements (ADV);
  EVENT.official.json  what was published: per performance its place, time,
                       IRM and qualification mark (Q, q, QA, QB, LL), the
                       medallists, and notes where the feed needs one;
and index.json listing the events. Python 3 standard library only.

usage: tools/convert_heats.py [SHARED_DATA_DIR] [OUT_DIR]
"""
import csv
import io
import json
import os
import re
import sys

from feedlib import write_json

SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), '..', '..', 'shared', 'data', 'beijing2022')
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
    os.path.dirname(__file__), '..', 'tests', 'data', 'beijing2022', 'heats')

SOURCE = ('NBC Olympics / Gracenote results feed, github.com/billyfryer/'
          'Beijing-Olympics-Data-Repo (Data/)')

ADV = {'ADV': True, 'ADVA': 'A', 'ADVB': 'B'}
MARKS = {'Q', 'q', 'QA', 'QB', 'LL'}


def read_csv(path):
    with io.open(path, encoding='latin-1') as f:
        return list(csv.DictReader(f))


def phase_code(rsc):
    return rsc[22:26].strip('-')


def heat_key(name):
    """'Heat 3' -> 3, 'Final A' -> 'A', 'Big Final' -> 'Big', 'Final' -> 'A'."""
    m = re.search(r'(\d+)$', name)
    if m:
        return int(m.group(1))
    if name == 'Final':
        return 'A'
    if name.startswith('Final '):
        return name.split()[1]
    if name in ('Big Final', 'Small Final'):
        return name.split()[0]
    return 1


# Formats. Each returns config.rounds for the phases found, in order.

def stk_rounds(event, phases):
    """ISU Special Regulations & Technical Rules Short Track Speed Skating 2021,
    Rule 295 and the Olympic progression tables: places plus best times of
    the next place; Referee advancements take best-time places; semi-final
    places 1-2 and the best third to final A, the others to final B as drawn."""
    relay = 'Relay' in event
    rounds = []
    for code in phases:
        if code == 'FNL':
            rounds.append({'phase': 'FNL', 'type': 'finals', 'finals': ['A', 'B']})
            continue
        r = {'phase': code, 'type': 'race', 'referee_advancement': True,
             'advanced_take_time_places': True}
        if code == 'SFNL':
            a = {'final': 'A', 'places': [1, 2], 'mark': 'QA'}
            if not relay:
                a.update({'best_times': 1, 'time_places': [3, 3]})
            r['advance'] = [a, {'final': 'B', 'places': [3, None], 'mark': 'QB',
                                'as_drawn': True}]
        elif '1500m' in event:
            r['advance'] = [{'places': [1, 3], 'mark': 'Q', 'best_times': 3,
                             'time_places': [4, 4], 'time_mark': 'q'}]
        else:
            best = 4 if code == 'HEAT' else 2
            r['advance'] = [{'places': [1, 2], 'mark': 'Q', 'best_times': best,
                             'time_places': [3, 3], 'time_mark': 'q'}]
        rounds.append(r)
    return rounds, '0.001', 'time'


# Where the feed and the rules part ways. Each entry changes the score file
# or says what the engine gives instead of the feed, and why; the test prints
# the note and checks the engine's value. (event, competitor, phase) -> note.
KNOWN = {
    ('STKM500M', '2049440', 'QFNL'): {
        'field': 'rank', 'engine': None,
        'why': 'the feed ranks PIERRE-GILLES Jordan 5th in quarter-final 4 with a DNF, '
               'while it leaves every other DNF unranked (SIGHEL Pietro, final A); '
               'the engine never places a DNF. Official ISU protocol not checked (offline).'},
}

# Formats that the feed shows to differ from the event's rulebook table.
# event -> (round, target index, changes, why).
KNOWN_FORMAT = {
    'STKW1500M': ('QFNL', 0, {'best_times': 4},
                  'quarter-finals: the feed gives 2 best fourths (q) after 2 Referee '
                  'advancements, the men\'s 1500m 2 after 1 (3 - 1); one table cannot give '
                  'both, so this score file takes 4 best fourths. Official ISU protocol not '
                  'checked (offline).'),
}

def cross_rounds(event, phases):
    """FIS ICR Freestyle Skiing and Snowboard 2021/22, ski and snowboard cross:
    a seeding run ranked by time, heats of four drawn by the bracket, the first
    two of each heat through, semi-final places 1-2 to the big final and 3-4
    to the small final; the eliminated ranked by place and then seeding.
    Everyone entered keeps a seed and a start in the heats (fewer than 32:
    those without a time are seeded last, as the feed shows). Snowboard cross
    seeds in two runs: the best 16 of run 1 are seeded 1-16, the others run
    again and are seeded from 17 on their better run (Beijing 2022 feed:
    c_ResultInfo_1 and _2)."""
    rounds = []
    for k, code in enumerate(phases):
        if code in ('SEED', 'QUAL'):
            r = {'phase': code, 'type': 'timed', 'rank_unfinished': True, 'ties': 'later_start',
                 'advance': [{'places': [1, 32], 'mark': 'Q'}]}
            if event.startswith('Men\'s Snowboard') or event.startswith('Women\'s Snowboard'):
                r.update({'combine': 'best', 'first_run_places': 16})
            rounds.append(r)
        elif code == 'FNL':
            rounds.append({'phase': 'FNL', 'type': 'finals', 'finals': ['Big', 'Small']})
        elif code == 'SFNL':
            rounds.append({'phase': code, 'type': 'race', 'advance': [
                {'final': 'Big', 'places': [1, 2], 'mark': 'Q'},
                {'final': 'Small', 'places': [3, 4], 'mark': ''}]})
        else:
            rounds.append({'phase': code, 'type': 'race', 'advance': [
                {'places': [1, 2], 'mark': 'Q', 'bracket': True}]})
    return rounds, '0.01', 'seed'


def pgs_rounds(event, phases):
    """FIS ICR Snowboard 2021/22, parallel giant slalom: a qualification of
    two runs, one on each course, ranked on the total (the best 16 through;
    equal totals: the better second run, as the Beijing 2022 men's 15th and
    16th show); then single-run duels drawn by the bracket (1 v 16, ...), the
    winner through, semi-final losers to the small final. A DNF or DSQ in a
    duel loses it and keeps the place the feed gives; the eliminated are
    ranked by round and then by their qualification rank."""
    rounds = []
    for code in phases:
        if code == 'QUAL':
            if rounds:
                continue  # the two qualification runs make one round
            rounds.append({'phase': 'QUAL', 'type': 'timed', 'combine': 'sum',
                           'ties': 'last_run',
                           'advance': [{'places': [1, 16], 'mark': 'Q'}]})
        elif code == 'FNL':
            rounds.append({'phase': 'FNL', 'type': 'finals', 'finals': ['Big', 'Small']})
        elif code == 'SFNL':
            rounds.append({'phase': code, 'type': 'race', 'advance': [
                {'final': 'Big', 'places': [1, 1], 'mark': 'Q'},
                {'final': 'Small', 'places': [2, 2], 'mark': ''}]})
        else:
            rounds.append({'phase': code, 'type': 'race', 'advance': [
                {'places': [1, 1], 'mark': 'Q', 'bracket': True}]})
    return rounds, '0.01', 'seed'


def pursuit_rounds(event, phases):
    """Speed skating team pursuit, Olympic format (as the Beijing 2022 feed
    shows it): a quarter-final of 4 pairs ranked on time together; ranks 1
    and 4 to semi-final 1, 2 and 3 to semi-final 2 (SF1, SF2), 5-6 to final C
    (FC), 7-8 to final D (FD); each semi-final winner to final A (FA), the
    loser to final B (FB); finals A-D rank places 1-2, 3-4, 5-6, 7-8."""
    return [
        {'phase': 'QFNL', 'type': 'timed', 'advance': [
            {'heat': 1, 'places': [1, 1], 'mark': 'SF1'},
            {'heat': 1, 'places': [4, 4], 'mark': 'SF1'},
            {'heat': 2, 'places': [2, 3], 'mark': 'SF2'},
            {'to': 'FNL', 'final': 'C', 'places': [5, 6], 'mark': 'FC'},
            {'to': 'FNL', 'final': 'D', 'places': [7, 8], 'mark': 'FD'}]},
        {'phase': 'SFNL', 'type': 'race', 'advance': [
            {'final': 'A', 'places': [1, 1], 'mark': 'FA'},
            {'final': 'B', 'places': [2, 2], 'mark': 'FB'}]},
        {'phase': 'FNL', 'type': 'finals', 'finals': ['A', 'B', 'C', 'D']},
    ], '0.01', 'time'


# Marks that keep a place in a heat: FIS cross, who got further down the
# course ranks better; parallel duels, a DNF or DSQ loses the duel. The
# Beijing 2022 feed ranks them.
PLACED_IRMS = {'FRS': ['DNF'], 'SBD': ['DNF'], 'PGS': ['DNF', 'DSQ']}


def sprint_rounds(event, phases):
    """FIS ICR Cross-Country 2021/22, sprint: qualification by time (30 to the
    quarter-finals), then the first two of each heat and the two fastest of the
    others (lucky losers, LL) to the next round; one final. Team sprint:
    semi-finals and a final."""
    rounds = []
    for code in phases:
        if code == 'QUAL':
            rounds.append({'phase': code, 'type': 'timed',
                           'advance': [{'places': [1, 30], 'mark': 'Q'}]})
        elif code == 'FNL':
            rounds.append({'phase': 'FNL', 'type': 'finals', 'finals': ['A']})
        elif 'Team Sprint' in event:
            # Team sprint: two semi-finals, the first 4 of each and the 2 fastest
            # of the others (LL) to a final of 10 (the Beijing 2022 feed).
            rounds.append({'phase': code, 'type': 'race', 'advance': [
                {'places': [1, 4], 'mark': 'Q', 'best_times': 2, 'time_mark': 'LL'}]})
        else:
            rounds.append({'phase': code, 'type': 'race', 'advance': [
                {'places': [1, 2], 'mark': 'Q', 'best_times': 2, 'time_mark': 'LL'}]})
    return rounds, '0.01', 'time'


def alp_team_rounds(event, phases):
    """FIS alpine team parallel event (Alpine Team Event Rules for the World Cup,
    World Championships and Olympic Winter Games): knock-out duels drawn by the
    bracket of 16 from the team ranking (bib 1 v 16, 8 v 9, ...; a heat
    without an opponent qualifies its team: Beijing 2022, 15 teams, Austria's
    bye); each duel is 4 runs, woman against woman (runs 1, 3) and man against
    man (runs 2, 4), a point per run won; 2:2 goes to the smaller sum of the
    best woman's and the best man's time (marks QT, QBFT); semi-final winners
    to the big final (QBF), losers to the small final (QSF); final winners
    marked W and w."""
    duel = {'runs': 4, 'tie_groups': [[1, 3], [2, 4]], 'tie_mark': 'T'}
    rounds = []
    for code in phases:
        if code == 'FNL':
            rounds.append({'phase': 'FNL', 'type': 'finals', 'finals': ['Big', 'Small'],
                           'winner_marks': ['W', 'w'], 'duel': duel})
        elif code == 'SFNL':
            rounds.append({'phase': code, 'type': 'race', 'duel': duel, 'advance': [
                {'final': 'Big', 'places': [1, 1], 'mark': 'QBF'},
                {'final': 'Small', 'places': [2, 2], 'mark': 'QSF'}]})
        else:
            rounds.append({'phase': code, 'type': 'race', 'duel': duel, 'advance': [
                {'places': [1, 1], 'mark': 'Q', 'bracket': True}]})
    return rounds, '0.01', 'seed'


def duel_run(text):
    """A run of a duel as the feed gives it: '25.96' -> ms, 'DNF' -> 'DNF', none -> None."""
    if text in ('DNF', 'DSQ', 'DNS'):
        return text
    return run_ms(text)


FORMATS = {
    'ALP': alp_team_rounds,
    'STK': stk_rounds,
    'FRS': cross_rounds,
    'SBD': cross_rounds,
    'CCS': sprint_rounds,
    'PGS': pgs_rounds,
    'SSK': pursuit_rounds,
}


def run_ms(text):
    """'1:24.77' or '41.37' -> ms; 'DNF', 'DNS', None -> None."""
    m = re.match(r'^(?:(\d+):)?(\d+)\.(\d\d)$', text or '')
    if not m:
        return None
    return (int(m.group(1) or 0) * 60 + int(m.group(2))) * 1000 + int(m.group(3)) * 10


def merge_runs(phases):
    """Parallel qualification: the feed's two QUAL phases (one run on each
    course) become one timed round with runs_ms; heat = the course of run 1
    (Blue 1, Red 2); mark from run 2; seed = bib in the first duel round."""
    quals = [d for c, d in phases if c == 'QUAL']
    rest = [(c, d) for c, d in phases if c != 'QUAL']
    seed = {}
    for _, p in participants(rest[0][1]):
        seed[p['n_ParticipantID']] = int(p['c_Bib'])
    merged = {}
    order = []
    for k, data in enumerate(quals):
        for course, p in participants(data):
            cid = p['n_ParticipantID']
            if cid not in merged:
                m = dict(p)
                m['runs_ms'] = []
                m['c_ODF_IRM'] = None
                m['course'] = course
                merged[cid] = m
                order.append(cid)
            m = merged[cid]
            m['runs_ms'].append(p.get('n_TimeAbs') if not p.get('c_ODF_IRM') else None)
            m['c_ODF_IRM'] = m['c_ODF_IRM'] or p.get('c_ODF_IRM')
            m['c_ODF_QualificationMark'] = p.get('c_ODF_QualificationMark')
            m['seed'] = seed.get(cid)
    plist = {}
    for cid in order:
        m = merged[cid]
        plist.setdefault(m['course'], []).append(m)
    data = {'Result': {'PhaseList': [{'c_Phase': 'Course %d' % (1 if c.startswith('Blue') else 2),
                                      'ParticipantList': ps} for c, ps in plist.items()]}}
    return [('QUAL', data)] + rest


def participants(phase_json):
    out = []
    for ph in phase_json['Result']['PhaseList']:
        for p in ph['ParticipantList']:
            out.append((ph['c_Phase'], p))
    return out


def convert_event(sport, disc, gender_event, rsc_event, phase_rows, medals):
    phases = []
    for row in phase_rows:
        path = os.path.join(SRC, '%s-JSONs' % sport, row['n_MatchID'] + '.json')
        with open(path, encoding='utf-8') as f:
            phases.append((phase_code(row['c_RSCCode']), json.load(f)))
    codes = [c for c, _ in phases]
    fmt_key = 'PGS' if 'Parallel' in gender_event and disc == 'SBD' else disc
    rounds, precision, tie_break = FORMATS[fmt_key](gender_event, codes)
    notes = []
    if rsc_event in KNOWN_FORMAT:
        code, t, changes, why = KNOWN_FORMAT[rsc_event]
        [r for r in rounds if r['phase'] == code][0]['advance'][t].update(changes)
        notes.append('format, %s: %s' % (code, why))
    competitors = {}
    perfs = []
    official = []
    if fmt_key == 'PGS':
        phases = merge_runs(phases)
    timed = {r['phase'] for r in rounds if r['type'] == 'timed'}
    for code, data in phases:
        for heat_name, p in participants(data):
            cid = str(p['n_ParticipantID'])
            if cid not in competitors:
                competitors[cid] = {'id': cid, 'name': p['c_Participant'],
                                    'noc': p['NOC']['c_Short']}
                if p.get('c_Bib'):
                    competitors[cid]['bib'] = p['c_Bib']
            heat = heat_key(heat_name)
            perf = {'competitor': cid, 'round': code, 'heat': heat}
            irm = p.get('c_ODF_IRM') or ''
            if irm:
                perf['irm'] = irm
            if (not irm or irm in PLACED_IRMS.get(fmt_key, [])) and \
                    p.get('n_Rank') is not None and code not in timed:
                # Finals rank blocks of places (small final 5-8): the place in the heat
                # is the listing position.
                perf['place'] = p['n_RankSort'] if code == 'FNL' else p['n_Rank']
            runs = [p.get('c_ResultInfo_%d' % k) for k in (1, 2)]
            bye = False
            if fmt_key == 'ALP':
                # Duels: the engine places them from the runs; no place, no time.
                perf.pop('place', None)
                duel = [duel_run(p.get('c_ResultInfo_%d' % k)) for k in (1, 2, 3, 4)]
                bye = all(t is None for t in duel)
                if not bye:
                    perf['runs_ms'] = duel
                else:
                    notes.append('%s %s %s: no opponent (15 teams), the heat was cancelled and '
                                 'the team went through; the feed gives neither rank nor mark, '
                                 'the engine a bye (rank 1, Q): not compared'
                                 % (code, heat_name, p['c_Participant']))
            elif fmt_key == 'PGS' and code == 'QUAL':
                perf['runs_ms'] = p['runs_ms']
                perf.pop('time_ms', None)
            elif disc == 'SBD' and code == 'QUAL':
                # Seeding in runs: the time is the engine's, from each run.
                perf['runs_ms'] = [run_ms(t) for t in runs if t] or [None]
                if not irm and perf['runs_ms'][0] is None:
                    irm = perf['irm'] = 'DNF' if 'DNF' in runs else 'DNS'
                    known = {'field': 'irm', 'engine': irm,
                             'why': 'the feed gives neither a time nor an IRM (runs %s); '
                                    'the score file says %s' % (' and '.join(runs), irm)}
                    KNOWN[(rsc_event, cid, code)] = known
            elif p.get('n_TimeAbs') is not None and not irm:
                perf['time_ms'] = p['n_TimeAbs']
            mark = p.get('c_ODF_QualificationMark') or ''
            if mark in ADV:
                perf['advanced'] = ADV[mark]
            rank = p.get('n_Rank')
            if code == 'FNL' and rank is not None:
                rank = p['n_RankSort']
            entry = {'competitor': cid, 'phase': code, 'heat': heat,
                     'rank': rank, 'irm': p.get('c_ODF_IRM') or '', 'mark': mark}
            if bye:
                del entry['rank']
                del entry['mark']
            if 'seed' in p:
                # Parallel qualification: the feed's ranks are per run; the
                # published qualification rank is the seed of the 1/8 finals
                # (their bibs), none for the others: their rank is not checked.
                if p['seed'] is None:
                    del entry['rank']
                else:
                    entry['rank'] = p['seed']
            known = KNOWN.get((rsc_event, cid, code))
            if known:
                perf.update(known.get('input', {}))
                entry['engine'] = {known['field']: known['engine']}
                notes.append('%s %s %s: %s' % (code, heat_name, p['c_Participant'], known['why']))
            perfs.append(perf)
            official.append(entry)
    doc = {'format': 'podium-score/1', 'discipline': disc, 'event': rsc_event,
           'kind': 'heats',
           'config': dict({'precision': precision, 'tie_break': tie_break},
                          **({'placed_irms': PLACED_IRMS[fmt_key]}
                             if fmt_key in PLACED_IRMS else {}),
                          rounds=rounds),
           'competitors': sorted(competitors.values(), key=lambda c: c['id']),
           'performances': perfs}
    off = {'event': rsc_event, 'name': gender_event, 'source': SOURCE,
           'medals': medals, 'rounds': official, 'notes': notes}
    return doc, off


def medallists(row):
    out = []
    for k in (1, 2, 3):
        pid = row.get('n_Rank%dPersonID' % k)
        tid = row.get('n_Rank%dTeamID' % k)
        ptype = row.get('n_Rank%dParticipantTypeID' % k)
        if ptype == '1' and pid not in (None, '', 'NA'):
            out.append(pid)
        elif tid not in (None, '', 'NA'):
            out.append(tid)
    return out


def events(sport, disc):
    sched = read_csv(os.path.join(SRC, 'Sport-Schedules', '%s_Sport_Schedule.csv' % sport))
    matches = read_csv(os.path.join(SRC, 'Event-Matches', '%s_Event_Matches.csv' % sport))
    by_event = {}
    for row in sched:
        by_event.setdefault(row['n_EventMatchID'], []).append(row)
    for m in matches:
        rows = by_event.get(m['n_EventMatchID'], [])
        if not rows:
            continue
        rows.sort(key=lambda r: (int(r['n_MatchNr']) if False else 0,
                                 r['DateTimes.Start.c_UTC']))
        rsc = rows[0]['c_RSCCode']
        yield m['c_GenderEvent'], rsc[:22].rstrip('-'), rows, medallists(m)


# Events of the kind not converted yet, and why (see docs/validation.md).
NOT_YET = {
}

ORDER = ['QUAL', 'SEED', 'HEAT', '8FNL', 'QFNL', 'SFNL', 'FNL']


def main():
    os.makedirs(OUT, exist_ok=True)
    index = []
    wanted = {'STK': lambda n: True,
              'FRS': lambda n: 'Ski Cross' in n,
              'SBD': lambda n: 'Snowboard Cross' in n or 'Parallel Giant Slalom' in n,
              'CCS': lambda n: 'Sprint' in n,
              'SSK': lambda n: 'Team Pursuit' in n,
              'ALP': lambda n: n == 'Team Event'}
    for sport, disc in (('302', 'STK'), ('221', 'FRS'), ('222', 'SBD'), ('220', 'CCS'),
                        ('103', 'SSK'), ('115', 'ALP')):
        for name, rsc_event, rows, medals in events(sport, disc):
            if not wanted[disc](name) or rsc_event in NOT_YET:
                continue
            rows.sort(key=lambda r: ORDER.index(phase_code(r['c_RSCCode'])))
            doc, off = convert_event(sport, disc, name, rsc_event, rows, medals)
            base = rsc_event
            write_json(os.path.join(OUT, base + '.json'), doc)
            write_json(os.path.join(OUT, base + '.official.json'), off)
            index.append({'event': base, 'name': name, 'file': base + '.json',
                          'official': base + '.official.json'})
    with open(os.path.join(OUT, 'index.json'), 'w', encoding='utf-8') as f:
        json.dump({'source': SOURCE, 'events': index}, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
