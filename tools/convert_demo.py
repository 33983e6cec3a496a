#!/usr/bin/env python3
"""Build the demo log of the Beijing 2022 Games: every observation, unit by unit.

Reads the programme (data/programme/beijing2022.json) and the committed
converted Beijing 2022 data under tests/data/ (itself converted from the NBC
Olympics / Gracenote feed, ../shared/data/beijing2022, by the other tools/
converters) and writes:

  data/demo/beijing2022.log   podium-demo/1: one JSON object a line,
      {"at": "2022-02-07T12:03:10+08:00", "unit": RSC, "body": {...}}
      where body is one performance of the unit's kind or a status change
      {"status": "OFFICIAL"}; lines in time order (docs/formats.md, "Demo log");
  data/programme/scoring-beijing2022.json
      the scoring rows of the events the log covers (kind, config, per-phase
      overrides, scope, live keys, result phase), merged with the rows there;
  tests/data/demo/expected.json
      per event, the official ranking the replay must reproduce (competitor
      ids of the programme, rank, result as published), and the medal table.

Each performance goes to the unit it happened in (a run, a heat, a round, a
game, a segment); its time is spread evenly between the unit's start and end;
the unit turns OFFICIAL at its end. Knock-outs (kind "heats": the events of
tests/data/beijing2022/heats) post each heat's performances to its unit, and a
heat is over before the next round starts (round_caps); the cross-country team
sprints' finals are relays (with their legs, the event's result), their
semi-finals heats. The speed skating mass starts post each race (semi-finals,
final) to its unit, scored on its own (kind "ssk-mass-start"). An event no
engine of the log covers would get its official classification (kind
"classification": the medallists of tests/data/medals/owg2022.json) so that the
medal table is complete; none is left for Beijing 2022.

Afterwards rerun tools/convert_programme.py to put the scoring rows into the
programme. Python 3 standard library only.

usage: tools/convert_demo.py [--quiet]
"""
import argparse
import datetime
import json
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TD = os.path.join(REPO, 'tests', 'data')


class ConvertError(Exception):
    pass


def load(*parts):
    with open(os.path.join(*parts), encoding='utf-8') as f:
        return json.load(f)


def parse_time(text):
    return datetime.datetime.fromisoformat(text)


def phase_code(rsc):
    return rsc[22:26].rstrip('-')


class Demo:
    def __init__(self, programme):
        self.prog = programme
        self.events = {e['rsc'][:22].rstrip('-'): e for e in programme['events']}
        self.parts = {p['id']: p for p in programme['participants']}
        self.lines = []          # (at, order, unit, body)
        self.scoring = {}
        self.expected = {}
        self.order = 0
        self.per_unit = {}       # unit rsc -> list of bodies

    # --- ids -----------------------------------------------------------------

    def entrants(self, event):
        ids = set()
        for ph in event['phases']:
            for u in ph['units']:
                for s in u['start_list']:
                    ids.add(s['participant'])
        return ids

    def mapper(self, code, competitors):
        """Map a data file's competitor ids to the programme's, for event code."""
        event = self.events[code]
        entrants = self.entrants(event)
        by_name = {}
        for pid in entrants:
            p = self.parts[pid]
            by_name.setdefault((p['noc'], norm(p['name'])), []).append(pid)
        out = {}
        for c in competitors:
            cid = c['id']
            if cid in entrants:
                out[cid] = cid
                continue
            crews = [pid for pid in entrants if cid in (self.parts[pid].get('members') or [])]
            if len(crews) == 1:
                # a crew known by its pilot (bobsleigh)
                out[cid] = crews[0]
                continue
            team = '%s-%s' % (code, c.get('noc') or cid)
            if team in entrants:
                out[cid] = team
                continue
            name = c.get('name', '')
            hits = by_name.get((c.get('noc'), norm(name)), [])
            if not hits:
                # "SAFINA K/BERULAVA L": initials of the programme's pair names
                hits = [pid for pid in entrants
                        if self.parts[pid]['noc'] == c.get('noc')
                        and short_names(self.parts[pid]['name']) == short_names(name)]
            if len(hits) != 1:
                raise ConvertError('%s: competitor %r (%s) not found in the programme'
                                   % (code, cid, name))
            out[cid] = hits[0]
        return out

    # --- output ----------------------------------------------------------------

    def post(self, unit, body):
        self.per_unit.setdefault(unit['rsc'], []).append(body)

    def flush_units(self):
        """Spread each unit's observations over its time and close it OFFICIAL."""
        for event in self.prog['events']:
            code = event['rsc'][:22].rstrip('-')
            if code not in self.scoring:
                continue
            caps = self.round_caps(event)
            for ph in event['phases']:
                for u in ph['units']:
                    bodies = self.per_unit.get(u['rsc'], [])
                    start, end = parse_time(u['start']), parse_time(u['end'])
                    if u['rsc'] in caps and caps[u['rsc']] < end:
                        end = caps[u['rsc']]
                    if end <= start:
                        end = start + datetime.timedelta(minutes=1)
                    step = (end - start) / (len(bodies) + 1)
                    for i, body in enumerate(bodies):
                        at = (start + step * (i + 1)).replace(microsecond=0)
                        self.lines.append((at, self.next(), u['rsc'], body))
                    self.lines.append((end, self.next(), u['rsc'], {'status': 'OFFICIAL'}))

    def round_caps(self, event):
        """A knock-out's rounds in order: a heat's results are in before the next round.

        The feed gives a few heats an end after the next round started (women's ski
        cross semi-final 2 ends with the big final at 15:20, the final starting at
        15:10; the team event's cancelled eighth-final 1 from 09:00 to 10:43): such a
        unit's observations and its close are spread up to the start of the next round
        instead, as the heats kind expects the rounds before a heat to be in.
        """
        code = event['rsc'][:22].rstrip('-')
        row = self.scoring[code]
        if row['kind'] != 'heats':
            return {}
        order = [r['phase'] for r in row['config']['rounds']]
        starts = {}
        for ph in event['phases']:
            for u in ph['units']:
                k = order.index(phase_code(ph['rsc']))
                t = parse_time(u['start'])
                starts[k] = min(starts.get(k, t), t)
        caps = {}
        for ph in event['phases']:
            k = order.index(phase_code(ph['rsc']))
            later = [t for j, t in starts.items() if j > k]
            if later:
                for u in ph['units']:
                    caps[u['rsc']] = min(later)
        return caps

    def next(self):
        self.order += 1
        return self.order

    def unit_of(self, event, phase, index=None, member=None, name=None):
        """The unit of a phase by index, by a start-list member, or by name."""
        units = [u for ph in event['phases'] if phase_code(ph['rsc']) == phase
                 for u in ph['units']]
        if not units:
            raise ConvertError('%s: no phase %s' % (event['rsc'], phase))
        if name is not None:
            hits = [u for u in units if u['name'] == name]
            if len(hits) != 1:
                raise ConvertError('%s: no unit named %r in %s' % (event['rsc'], name, phase))
            return hits[0]
        if member is not None:
            hits = [u for u in units if any(s['participant'] == member
                                            for s in u['start_list'])]
            if len(hits) == 1:
                return hits[0]
            if index is None:
                raise ConvertError('%s: %s is in %d units of %s'
                                   % (event['rsc'], member, len(hits), phase))
        return units[index]

    # --- families -----------------------------------------------------------------

    def expect(self, code, rows, ids):
        out = []
        for r in rows:
            cid = ids.get(r['competitor'], r['competitor'])
            out.append({'competitor': cid, 'rank': r.get('rank'),
                        'result': r.get('result', ''), 'irm': r.get('irm', '')})
        self.expected[code] = out

    def single_phase(self, code, doc, official_rows, run_key=None):
        """Timed, sliding, speed skating, mass start, relays: runs or one race in FNL."""
        event = self.events[code]
        ids = self.mapper(code, doc['competitors'])
        for p in doc['performances']:
            body = dict(p, competitor=ids[p['competitor']])
            k = (p.get(run_key, 1) - 1) if run_key else 0
            self.post(self.unit_of(event, 'FNL', index=k), body)
        self.expect(code, official_rows, ids)

    def timed(self, folder):
        index = load(TD, 'beijing2022', folder, 'index.json')
        table = load(REPO, 'data', 'programme', 'scoring-beijing2022.json')['events']
        for item in index['events']:
            code = item['event'].replace('.', '')
            doc = load(TD, 'beijing2022', folder, item['file'])
            off = load(TD, 'beijing2022', folder, item['official'])
            if folder == 'relay':
                self.scoring[code] = {'kind': 'relay', 'config': doc['config']}
            else:
                self.scoring[code] = table[code]
            cumulative = self.scoring[code].get('cumulative')
            self.single_phase(code, doc, off['results'], cumulative and 'run')

    def heats(self):
        index = load(TD, 'beijing2022', 'heats', 'index.json')
        for item in index['events']:
            code = item['event']
            event = self.events[code]
            doc = load(TD, 'beijing2022', 'heats', item['file'])
            off = load(TD, 'beijing2022', 'heats', item['official'])
            ids = self.mapper(code, doc['competitors'])
            relay = code in self.scoring
            for p in doc['performances']:
                if relay and p['round'] == 'FNL':
                    # the team sprints: their finals are relays (timed('relay') above)
                    continue
                cid = ids[p['competitor']]
                units = sorted((u for ph in event['phases'] if phase_code(ph['rsc']) == p['round']
                                for u in ph['units']
                                if any(s['participant'] == cid for s in u['start_list'])),
                               key=lambda u: (u['start'], u['rsc']))
                if len(units) > 1 and len(p.get('runs_ms', ())) == len(units):
                    # a round of runs, one unit a run (parallel giant slalom qualification:
                    # a run on each course): the performance holds every run and its total
                    # is known after the last, so it goes to the last run
                    unit = units[-1]
                else:
                    unit = self.unit_of(event, p['round'], member=cid)
                self.post(unit, dict(p, competitor=cid))
            # a heat's places come in as the finish line sees them: first place first
            for u in event['phases']:
                for unit in u['units']:
                    bodies = self.per_unit.get(unit['rsc'])
                    if bodies:
                        bodies.sort(key=lambda b: (b.get('place') is None, b.get('place') or 0))
            if relay:
                # the final stays a relay (with its legs), the event's result; the rounds
                # before it are scored by kind heats, each round's units together
                row = self.scoring[code]
                row['result'] = 'FNL'
                row['phases'] = {r['phase']: {'kind': 'heats', 'config': doc['config'],
                                              'scope': 'phase', 'live': {'partial': True},
                                              'completed': 'complete'}
                                 for r in doc['config']['rounds'] if r['phase'] != 'FNL'}
                continue
            # live: partial mode while a unit of the event runs; completed: the rounds
            # already closed are checked strictly (docs/formats.md, kind "heats")
            self.scoring[code] = {'kind': 'heats', 'config': doc['config'], 'scope': 'event',
                                  'live': {'partial': True}, 'completed': 'complete'}
            # the published final places of the medallists
            self.expected[code] = [{'competitor': ids.get(m, m), 'rank': k + 1}
                                   for k, m in enumerate(off['medals'])]

    def mass_starts(self):
        """Speed skating mass starts: each race (semi-finals 1 and 2, the final) to its unit.

        A race is scored on its own (kind "ssk-mass-start", scope the unit): the
        semi-finals with their config (qualify 8), the final with its own; the
        event's result is the final's. A race's performances come in as the finish
        line sees them: finishers by position over the line, then the others.
        """
        folder = os.path.join(TD, 'beijing2022', 'ssk-mass-start')
        index = load(folder, 'index.json')
        configs = {}
        for item in index['events']:
            rsc = item['event']
            code = rsc[:22].rstrip('-')
            event = self.events[code]
            units = [u for ph in event['phases'] for u in ph['units'] if u['rsc'] == rsc]
            if len(units) != 1:
                raise ConvertError('%s: no unit %s in the programme' % (code, rsc))
            doc = load(folder, item['file'])
            ids = self.mapper(code, doc['competitors'])
            bodies = [dict(p, competitor=ids[p['competitor']]) for p in doc['performances']]
            bodies.sort(key=lambda b: (b.get('finish') is None, b.get('finish') or 0))
            for body in bodies:
                self.post(units[0], body)
            phase = phase_code(rsc)
            configs.setdefault(code, {})
            if configs[code].setdefault(phase, doc['config']) != doc['config']:
                raise ConvertError('%s: the races of %s differ in config' % (code, phase))
            if phase == 'FNL':
                self.expect(code, load(folder, item['official'])['results'], ids)
        for code, phases in configs.items():
            self.scoring[code] = {'kind': 'ssk-mass-start', 'config': phases.pop('FNL'),
                                  'scope': 'unit', 'result': 'FNL',
                                  'phases': {ph: {'config': c} for ph, c in phases.items()}}

    def judged(self):
        index = load(TD, 'beijing2022', 'judged', 'index.json')
        by_event = {}
        for item in index.get('phases', index.get('events', [])):
            by_event.setdefault(item['file'][:22].rstrip('-'), []).append(item)
        for code, items in sorted(by_event.items()):
            event = self.events[code]
            phases = {}
            for item in items:
                phase = item['file'][22:].split('.')[0]
                doc = load(TD, 'beijing2022', 'judged', item['file'])
                off = load(TD, 'beijing2022', 'judged', item['official'])
                ids = self.mapper(code, doc['competitors'])
                for p in doc['performances']:
                    unit = self.unit_of(event, phase, index=p['round'] - 1)
                    self.post(unit, dict(p, competitor=ids[p['competitor']]))
                phases[phase] = {'config': doc['config']}
                if phase == 'FNL':
                    self.expect(code, off['results'], ids)
            row = {'kind': 'judged', 'config': phases['FNL']['config'], 'scope': 'phase',
                   'result': 'FNL'}
            if 'QUAL' in phases:
                row['phases'] = {'QUAL': phases['QUAL']}
            self.scoring[code] = row

    def skijumping(self):
        folder = os.path.join(TD, 'sjp', 'beijing2022')
        for name in sorted(os.listdir(folder)):
            if name.endswith('.expected.json') or '-QUAL' in name:
                continue
            code = name[:-5]
            event = self.events[code]
            doc = load(folder, name)
            exp = load(folder, code + '.expected.json')
            ids = self.mapper(code, doc['competitors'])
            for p in doc['performances']:
                self.post(self.unit_of(event, 'FNL', index=p['round'] - 1),
                          dict(p, competitor=ids[p['competitor']]))
            row = {'kind': doc['kind'], 'config': doc['config'], 'cumulative': 'rounds',
                   'result': 'FNL'}
            qual = os.path.join(folder, code + '-QUAL.json')
            if os.path.exists(qual):
                qdoc = load(qual)
                qids = self.mapper(code, qdoc['competitors'])
                for p in qdoc['performances']:
                    self.post(self.unit_of(event, 'QUAL', index=0),
                              dict(p, competitor=qids[p['competitor']]))
                row['phases'] = {'QUAL': {'config': qdoc['config']}}
            self.scoring[code] = row
            self.expect(code, exp['results'], ids)

    def nordic_combined(self):
        folder = os.path.join(TD, 'ncb')
        for name in sorted(os.listdir(folder)):
            if name.endswith('.expected.json'):
                continue
            code = name[:-5]
            event = self.events[code]
            doc = load(folder, name)
            exp = load(folder, code + '.expected.json')
            ids = self.mapper(code, doc['competitors'])
            for p in doc['performances']:
                unit = self.unit_of(event, 'FNL', name='Ski Jumping' if p['part'] == 'jump'
                                    else 'Cross-Country')
                self.post(unit, dict(p, competitor=ids[p['competitor']]))
            self.scoring[code] = {'kind': 'nordic-combined', 'config': doc['config'],
                                  'scope': 'phase'}
            self.expect(code, exp['results'], ids)

    FSK_CODES = {"Men's Singles": 'FSKMSINGLES', "Women's Singles": 'FSKWSINGLES',
                 'Pairs': 'FSKXPAIRS', 'Ice Dance': 'FSKXICEDANCE', 'Team Event': 'FSKXTEAM'}
    TEAM_UNITS = {'men': "MN", 'women': "LD", 'pairs': "PR", 'dance': "DC"}

    def figure_skating(self):
        data = load(TD, 'fsk', 'beijing2022.json')
        for item in data['events']:
            code = self.FSK_CODES[item['event']]
            event = self.events[code]
            doc = item['score']
            ids = self.mapper(code, doc['competitors'])
            team = doc['kind'] == 'figure-skating-team'
            for p in doc['performances']:
                seg = p['segment']
                if team:
                    disc, part = seg.split('-')
                    phase = 'QUAL' if part in ('SP', 'RD') else 'FNL'
                    units = [u for ph in event['phases'] if phase_code(ph['rsc']) == phase
                             for u in ph['units']
                             if u['rsc'][30:32] == self.TEAM_UNITS[disc]]
                    if len(units) != 1:
                        raise ConvertError('%s: no unit for %s' % (code, seg))
                    unit = units[0]
                else:
                    unit = self.unit_of(event, 'QUAL' if seg in ('SP', 'RD') else 'FNL',
                                        index=0)
                self.post(unit, dict(p, competitor=ids[p['competitor']]))
            row = {'kind': doc['kind'], 'config': doc['config'], 'scope': 'event'}
            if not team:
                row['live'] = {'free_pending': True}
            self.scoring[code] = row
            self.expect(code, item['expected'], ids)

    def tournaments(self):
        files = {'IHOMTEAM6': ('iho', 'owg2022-men.json'), 'IHOWTEAM6': ('iho', 'owg2022-women.json'),
                 'CURMTEAM4': ('cur', 'owg2022-men.json'), 'CURWTEAM4': ('cur', 'owg2022-women.json'),
                 'CURXTEAM2': ('cur', 'owg2022-mixed.json')}
        for code, (folder, name) in files.items():
            event = self.events[code]
            doc = load(TD, folder, name)
            ids = self.mapper(code, doc['competitors'])
            units = [u for ph in event['phases'] for u in ph['units']]
            for p in doc['performances']:
                a, b = ids[p['competitor']], ids[p['opponent']]
                phase = p['game'][:4].rstrip('-')
                hits = [u for u in units if phase_code(u['rsc']) == phase
                        and {s['participant'] for s in u['start_list']} == {a, b}]
                if len(hits) > 1:
                    hits = [u for u in hits if u['rsc'][22:32] == p['game']]
                if len(hits) != 1:
                    raise ConvertError('%s: no unit for game %s' % (code, p['game']))
                body = dict(p, competitor=a, opponent=b)
                for key in ('hammer', 'conceded'):
                    if key in body:
                        body[key] = ids[body[key]]
                self.post(hits[0], body)
            config = json.loads(json.dumps(doc['config']))
            if 'groups' in config:
                config['groups'] = {g: [ids[t] for t in teams]
                                    for g, teams in config['groups'].items()}
            if 'dsc' in config:
                config['dsc'] = {ids[t]: v for t, v in config['dsc'].items()}
            if 'ranking' in config:
                config['ranking'] = [ids[t] for t in config['ranking']]
            self.scoring[code] = {'kind': 'tournament', 'config': config, 'scope': 'event',
                                  'competitors': 'all'}
            medals = load(TD, 'medals', 'owg2022.json')
            self.expected[code] = [{'competitor': '%s-%s' % (code, p['competitor']),
                                    'rank': p['rank']}
                                   for p in medals['performances'] if p['event'] == code]

    def classification(self):
        """Events no engine of the log covers (none left): their medallists, classified."""
        medals = load(TD, 'medals', 'owg2022.json')
        for code, event in self.events.items():
            if code in self.scoring:
                continue
            rows = [p for p in medals['performances'] if p['event'] == code]
            entrants = self.entrants(event)
            medal_units = [u for ph in event['phases'] for u in ph['units'] if u.get('medal')]
            expected = []
            for p in rows:
                cid = p['entry'] if p.get('entry') in entrants else '%s-%s' % (code, p['competitor'])
                if cid not in entrants:
                    # one of several teams of the NOC: the one in the medal units
                    teams = {s['participant'] for u in medal_units for s in u['start_list']
                             if s['participant'].startswith(cid + '-')}
                    cid = teams.pop() if len(teams) == 1 else MEDAL_TEAMS.get((code, p['rank']),
                                                                            cid)
                if cid not in entrants:
                    raise ConvertError('%s: medallist %s not an entrant' % (code, p))
                hits = [u for u in medal_units
                        if any(s['participant'] == cid for s in u['start_list'])]
                unit = max(hits or medal_units, key=lambda u: u['end'])
                self.post(unit, {'competitor': cid, 'rank': p['rank']})
                expected.append({'competitor': cid, 'rank': p['rank']})
            self.scoring[code] = {'kind': 'classification', 'config': {}, 'scope': 'event',
                                  'live': {'partial': True}}
            self.expected[code] = expected


# Medallist teams the medal data names by NOC only, where the NOC had two teams in the
# medal unit: the official result (olympics.com, Beijing 2022, Mixed Team Snowboard Cross:
# silver ITA, VISINTIN Omar / MOIOLI Michela).
MEDAL_TEAMS = {('SBDXBXT', 2): 'SBDXBXT-ITA-1'}


def norm(name):
    return ' '.join(name.upper().replace('-', ' ').split())


def short_names(name):
    """'SAFINA Karina / BERULAVA Luka' and 'SAFINA K/BERULAVA L' -> same key."""
    out = []
    for person in name.replace(' / ', '/').split('/'):
        words = person.split()
        family = [w for w in words if w.isupper() and len(w) > 1]
        given = [w for w in words if w not in family]
        out.append((' '.join(family), ''.join(g[0] for g in given)))
    return tuple(out)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--quiet', action='store_true')
    args = parser.parse_args(argv)
    prog = load(REPO, 'data', 'programme', 'beijing2022.json')
    demo = Demo(prog)
    try:
        demo.timed('timed')
        demo.timed('relay')
        demo.heats()
        demo.mass_starts()
        demo.judged()
        demo.skijumping()
        demo.nordic_combined()
        demo.figure_skating()
        demo.tournaments()
        demo.classification()
        demo.flush_units()
    except ConvertError as e:
        print('convert_demo: %s' % e, file=sys.stderr)
        return 1
    demo.lines.sort(key=lambda l: (l[0], l[1]))
    os.makedirs(os.path.join(REPO, 'data', 'demo'), exist_ok=True)
    with open(os.path.join(REPO, 'data', 'demo', 'beijing2022.log'), 'w', encoding='utf-8') as f:
        f.write(json.dumps({'format': 'podium-demo/1', 'games': prog['games']['name'],
                            'source': 'tools/convert_demo.py from tests/data (NBC Olympics / '
                                      'Gracenote feed, Beijing 2022)'},
                           ensure_ascii=False, separators=(',', ':')) + '\n')
        for at, _, unit, body in demo.lines:
            f.write(json.dumps({'at': at.isoformat(timespec='seconds'), 'unit': unit, 'body': body},
                               ensure_ascii=False, separators=(',', ':')) + '\n')
    path = os.path.join(REPO, 'data', 'programme', 'scoring-beijing2022.json')
    table = load(path)
    table['events'].update(demo.scoring)
    table['events'] = dict(sorted(table['events'].items()))
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(table, f, ensure_ascii=False, indent=1)
        f.write('\n')
    medals = load(TD, 'medals', 'owg2022.json')
    os.makedirs(os.path.join(TD, 'demo'), exist_ok=True)
    with open(os.path.join(TD, 'demo', 'expected.json'), 'w', encoding='utf-8') as f:
        json.dump({'source': 'tools/convert_demo.py: the official results of tests/data',
                   'events': dict(sorted(demo.expected.items())),
                   'engine': sorted(c for c, r in demo.scoring.items()
                                    if r['kind'] != 'classification')},
                  f, ensure_ascii=False, indent=1)
        f.write('\n')
    if not args.quiet:
        perfs = sum(1 for l in demo.lines if 'status' not in l[3])
        print('convert_demo: %d lines (%d performances), %d events (%d by classification)'
              % (len(demo.lines), perfs, len(demo.scoring),
                 sum(1 for r in demo.scoring.values() if r['kind'] == 'classification')))
    return 0


if __name__ == '__main__':
    sys.exit(main())
