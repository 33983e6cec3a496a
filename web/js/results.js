/*
 * results.js: draws a podium-result/1 document (docs/formats.md) as tables.
 *
 * Every kind gets the same frame: rank, competitor, NOC, result, IRM, then
 * one column per scalar field of "detail" and a "Details" disclosure for
 * every list or object in it (splits, legs, jumps, elements, components,
 * rounds ...), so whatever a kind carries is shown. Some fields get a better
 * drawing: "runs" become one column per run, heats' "rounds" a bracket of
 * heats, a tournament's "playoff" a bracket of games and its groups tables.
 */
'use strict';

/* names: {id: {name, noc}} for competitor ids */
function competitorCell(id, names) {
  const p = names[id];
  const label = p ? p.name : id;
  return p && !p.team ? h('a', { href: '/athletes/' + encodeURIComponent(id) }, label) : label;
}

function nocCell(id, names) {
  const p = names[id];
  return p ? h('a', { href: '/nocs/' + p.noc, class: 'noc' }, p.noc) : '';
}

function prettyKey(key) {
  const label = t(key);
  if (label !== key) return label;
  return key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

function scalar(v) {
  return v === null || v === undefined ? '' : typeof v === 'object' ? '' : typeof v === 'boolean' ? (v ? '✓' : '') : String(v);
}

/* A list of objects as a small table; scalars and nested lists shown inline. */
function subTable(caption, rows) {
  if (!Array.isArray(rows)) rows = [rows];
  if (rows.length === 0) return null;
  if (rows.every((r) => r === null || typeof r !== 'object'))
    return h('p', { class: 'sub' }, h('strong', {}, caption + ': '), rows.map(scalar).join(', '));
  const keys = [];
  for (const r of rows)
    for (const k of Object.keys(r || {}))
      if (!keys.includes(k)) keys.push(k);
  return h('table', { class: 'sub' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, keys.map((k) => h('th', { scope: 'col' }, prettyKey(k))))),
    h('tbody', {}, rows.map((r) => h('tr', {}, keys.map((k) => {
      const v = r ? r[k] : '';
      if (Array.isArray(v)) return h('td', {}, v.map((x) => (x && typeof x === 'object' ? JSON.stringify(x) : scalar(x))).join(' '));
      if (v && typeof v === 'object') return h('td', {}, Object.entries(v).map(([a, b]) => a + ' ' + (typeof b === 'object' ? JSON.stringify(b) : b)).join(', '));
      return h('td', {}, scalar(v));
    })))));
}

function runsOf(results) {
  let n = 0;
  for (const r of results)
    if (r.detail && Array.isArray(r.detail.runs) && r.detail.runs.every((x) => x && typeof x === 'object' && 'time' in x))
      for (const run of r.detail.runs) n = Math.max(n, run.run || 0);
  return n;
}

/*
 * The main results table. doc: podium-result/1; names: participants by id;
 * bibs: {id: bib} from a start list (optional).
 */
function resultsTable(doc, names, bibs) {
  const results = (doc && doc.results) || [];
  if (results.length === 0) return h('p', { class: 'empty' }, t('no_results'));
  const runCount = runsOf(results);
  const scalarKeys = [];
  const complexKeys = [];
  for (const r of results)
    for (const [k, v] of Object.entries(r.detail || {})) {
      if (k === 'runs' && runCount) continue;
      const list = v !== null && typeof v === 'object' ? complexKeys : scalarKeys;
      if (!list.includes(k) && !(list === scalarKeys && complexKeys.includes(k))) list.push(k);
    }
  const hasBib = bibs && results.some((r) => bibs[r.competitor]);
  const head = [
    h('th', { scope: 'col' }, t('rank')),
    hasBib ? h('th', { scope: 'col' }, t('bib')) : null,
    h('th', { scope: 'col' }, t('name')),
    h('th', { scope: 'col' }, t('noc')),
    h('th', { scope: 'col' }, t('result')),
  ];
  for (let i = 1; i <= runCount; i++) head.push(h('th', { scope: 'col' }, t('run_n', { n: i })));
  for (const k of scalarKeys) head.push(h('th', { scope: 'col' }, prettyKey(k)));
  if (complexKeys.length) head.push(h('th', { scope: 'col' }, t('details')));
  const width = head.filter(Boolean).length;
  const body = [];
  const ranks = results.map((r) => r.rank);
  results.forEach((r, i) => {
    const d = r.detail || {};
    const tied = r.rank !== null && ranks.filter((x) => x === r.rank).length > 1;
    const row = h('tr', { dataset: { competitor: r.competitor }, class: r.rank && r.rank <= 3 ? 'medal-' + r.rank : null },
      h('td', { class: 'rank' }, r.rank === null ? '' : (tied ? '=' : '') + r.rank),
      hasBib ? h('td', { class: 'bib' }, bibs[r.competitor] || '') : null,
      h('th', { scope: 'row', class: 'name' }, competitorCell(r.competitor, names)),
      h('td', {}, nocCell(r.competitor, names)),
      h('td', { class: 'result' }, r.irm || r.result));
    for (let n = 1; n <= runCount; n++) {
      const run = (d.runs || []).find((x) => x.run === n);
      row.append(h('td', { class: 'run' }, run ? (run.irm || run.time) : '', run && run.rank ? h('span', { class: 'run-rank' }, ' (' + run.rank + ')') : null));
    }
    for (const k of scalarKeys) row.append(h('td', {}, scalar(d[k])));
    if (complexKeys.length) {
      const id = 'd-' + (doc.rsc || 'x').replace(/-+$/, '') + '-' + i;
      const btn = h('button', { type: 'button', class: 'disclose', 'aria-expanded': 'false', 'aria-controls': id,
        'aria-label': t('show_details') + ': ' + (names[r.competitor] ? names[r.competitor].name : r.competitor) }, '+');
      row.append(h('td', {}, btn));
      const inner = complexKeys.filter((k) => d[k] !== undefined && d[k] !== null)
        .map((k) => detailBlock(k, d[k], names));
      const more = h('tr', { id, class: 'more', hidden: true }, h('td', { colspan: width }, inner));
      btn.addEventListener('click', () => {
        const open = btn.getAttribute('aria-expanded') === 'true';
        btn.setAttribute('aria-expanded', String(!open));
        btn.textContent = open ? '+' : '−';
        more.hidden = open;
      });
      body.push(row, more);
    } else {
      body.push(row);
    }
  });
  return h('div', { class: 'table-wrap' }, h('table', { class: 'results', dataset: { kind: doc.kind || '' } },
    h('thead', {}, h('tr', {}, head)), h('tbody', {}, body)));
}

function detailBlock(key, value, names) {
  if (key === 'playoff' && Array.isArray(value))
    return subTable(prettyKey(key), value.map((g) => Object.assign({}, g, { opponent: names[g.opponent] ? names[g.opponent].name : g.opponent })));
  if (Array.isArray(value) || typeof value !== 'object') return subTable(prettyKey(key), value);
  /* an object: scalars as one row, lists as their own tables */
  const flat = {};
  const nested = [];
  for (const [k, v] of Object.entries(value)) {
    if (v !== null && typeof v === 'object') nested.push(subTable(prettyKey(key) + ': ' + prettyKey(k), v));
    else flat[k] = v;
  }
  return [Object.keys(flat).length ? subTable(prettyKey(key), [flat]) : null, nested];
}

/* --- brackets ----------------------------------------------------------------- */

/* Heats (kind "heats"): every heat of every round, rounds as columns. */
function heatsBracket(doc, names) {
  const rounds = new Map();
  for (const r of doc.results || [])
    for (const heat of (r.detail && r.detail.rounds) || []) {
      if (!rounds.has(heat.phase)) rounds.set(heat.phase, new Map());
      const heats = rounds.get(heat.phase);
      const key = String(heat.heat);
      if (!heats.has(key)) heats.set(key, []);
      heats.get(key).push({ id: r.competitor, rank: heat.rank, time: heat.time, irm: heat.irm, mark: heat.mark });
    }
  /* a timed round run as one big heat (qualification) is better read in the table */
  for (const [phase, heats] of rounds)
    if (heats.size === 1 && [...heats.values()][0].length > 12) rounds.delete(phase);
  if (rounds.size < 1 || ![...rounds.values()].some((m) => m.size > 1)) return null;
  const cols = [];
  for (const [phase, heats] of rounds) {
    const boxes = [];
    for (const [heat, entries] of heats) {
      entries.sort((a, b) => (a.rank || 99) - (b.rank || 99));
      boxes.push(h('li', { class: 'heat' },
        h('div', { class: 'heat-name' }, /^[A-Z]$/.test(heat) ? t('final_n', { n: heat }) : t('heat') + ' ' + heat),
        h('ol', {}, entries.map((e) => h('li', { class: e.mark ? 'through' : null },
          h('span', { class: 'pl' }, e.rank || ''), ' ',
          h('span', { class: 'who' }, names[e.id] ? names[e.id].name : e.id), ' ',
          h('span', { class: 'tm' }, e.irm || e.time || ''), e.mark ? h('span', { class: 'mark' }, ' ' + e.mark) : null)))));
    }
    cols.push(h('li', { class: 'round' }, h('h4', {}, phase), h('ol', { class: 'heats' }, boxes)));
  }
  return h('section', { class: 'bracket-wrap', 'aria-label': t('bracket') }, h('h3', {}, t('bracket')), h('ol', { class: 'bracket' }, cols));
}

/* A tournament's play-off games (detail.playoff), rounds as columns. */
function playoffBracket(doc, names) {
  const order = ['qualification', 'quarterfinal', 'semifinal', 'bronze', 'gold'];
  const games = new Map();
  for (const r of doc.results || [])
    for (const g of (r.detail && r.detail.playoff) || []) {
      const pair = [r.competitor, g.opponent].sort().join('|');
      const key = g.round + '|' + pair;
      if (!games.has(key)) games.set(key, { round: g.round, a: r.competitor, b: g.opponent, score: g.score, decided: g.decided });
    }
  if (games.size === 0) return null;
  const cols = order.filter((rd) => [...games.values()].some((g) => g.round === rd)).map((rd) =>
    h('li', { class: 'round' }, h('h4', {}, prettyKey(rd)),
      h('ol', { class: 'heats' }, [...games.values()].filter((g) => g.round === rd).map((g) =>
        h('li', { class: 'heat game' },
          h('div', {}, names[g.a] ? names[g.a].name : g.a, ' ', h('strong', {}, g.score || ''), ' ', names[g.b] ? names[g.b].name : g.b),
          g.decided && g.decided !== 'REG' ? h('div', { class: 'decided' }, g.decided) : null)))));
  return h('section', { class: 'bracket-wrap', 'aria-label': t('playoffs') }, h('h3', {}, t('playoffs')), h('ol', { class: 'bracket' }, cols));
}

/* A tournament's group standings: one table per detail.group. */
function groupTables(doc, names) {
  const groups = new Map();
  for (const r of doc.results || []) {
    const d = r.detail || {};
    if (!d.group) continue;
    if (!groups.has(d.group)) groups.set(d.group, []);
    groups.get(d.group).push(r);
  }
  if (groups.size === 0) return null;
  const cols = ['played', 'won', 'ot_won', 'ot_lost', 'lost', 'goals_for', 'goals_against', 'goal_difference', 'points_for', 'points_against', 'points'];
  const tables = [];
  for (const [g, rows] of [...groups].sort()) {
    rows.sort((a, b) => Number(a.detail.group_rank) - Number(b.detail.group_rank));
    const present = cols.filter((c) => rows.some((r) => r.detail[c] !== undefined));
    tables.push(h('div', { class: 'table-wrap' }, h('table', { class: 'group' },
      h('caption', {}, t('group_n', { n: g })),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('rank')), h('th', { scope: 'col' }, t('name')), present.map((c) => h('th', { scope: 'col' }, prettyKey(c))))),
      h('tbody', {}, rows.map((r) => h('tr', {}, h('td', {}, r.detail.group_rank), h('th', { scope: 'row' }, competitorCell(r.competitor, names)),
        present.map((c) => h('td', {}, scalar(r.detail[c])))))))));
  }
  return h('section', {}, h('h3', {}, t('groups')), tables);
}

/* Everything for one document: brackets and groups where they apply, then the table. */
function resultsView(doc, names, bibs) {
  return h('div', { class: 'results-view' },
    doc && doc.kind === 'heats' ? heatsBracket(doc, names) : null,
    doc && doc.kind === 'tournament' ? groupTables(doc, names) : null,
    doc && doc.kind === 'tournament' ? playoffBracket(doc, names) : null,
    resultsTable(doc, names, bibs));
}

/*
 * Figure skating: each judge's marks, from the unit's observations (the
 * result carries the panel's figures only). history: GET .../observations.
 */
function judgesPanel(history, names) {
  const latest = new Map();
  const superseded = new Set(history.observations.map((o) => o.supersedes).filter(Boolean));
  for (const o of history.observations)
    if (!superseded.has(o.seq) && o.body && o.body.competitor && Array.isArray(o.body.elements)) latest.set(o.body.competitor, o.body);
  if (latest.size === 0) return null;
  const judges = (rows, key) => Math.max(0, ...rows.map((r) => (Array.isArray(r[key]) ? r[key].length : 0)));
  const table = (caption, rows, key) => {
    const n = judges(rows, key);
    return h('table', { class: 'sub' }, h('caption', {}, caption),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, prettyKey('code')), Array.from({ length: n }, (_, j) => h('th', { scope: 'col' }, 'J' + (j + 1))))),
      h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.code), Array.from({ length: n }, (_, j) => h('td', {}, r[key] && r[key][j] !== undefined ? String(r[key][j]) : ''))))));
  };
  return h('section', { id: 'judges-panel' }, h('h2', {}, t('judges_panel')), [...latest].map(([id, body]) =>
    h('details', {}, h('summary', {}, names[id] ? names[id].name : id),
      h('div', { class: 'table-wrap' }, table(t('elements'), body.elements, 'goe'),
        Array.isArray(body.components) ? table(t('components'), body.components, 'marks') : null))));
}
