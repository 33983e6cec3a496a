/*
 * app.js: the public site. One HTML shell (index.html) for every page; the
 * path picks the page, which reads the API and draws itself. Pages that show
 * results listen to /api/stream and redraw what changed, without a reload.
 */
'use strict';

const pd = {
  games: null,       /* GET /api/games */
  names: {},         /* participant id -> {name, noc, team} */
  stream: null,      /* the page's EventSource */
  page: null,        /* the route being shown, redrawn on a language switch */
};

/* --- reference data --------------------------------------------------------------- */

async function games() {
  if (!pd.games) pd.games = await getJSON('/api/games');
  return pd.games;
}

async function loadNames(ids) {
  const missing = [...new Set(ids)].filter((id) => id && !(id in pd.names));
  for (let i = 0; i < missing.length; i += 400) {
    const part = missing.slice(i, i + 400);
    const doc = await getJSON('/api/games/participants?ids=' + part.map(encodeURIComponent).join(','));
    for (const p of doc.participants) pd.names[p.id] = p;
    for (const id of part) if (!(id in pd.names)) pd.names[id] = null;
  }
  return pd.names;
}

function disciplineName(code) {
  if (pdLang() === 'zh' && PD_DISCIPLINES_ZH[code]) return PD_DISCIPLINES_ZH[code];
  const d = pd.games && pd.games.disciplines.find((x) => x.code === code);
  return d ? d.name : code;
}

function venueOf(code) { return pd.games ? pd.games.venues.find((v) => v.code === code || v.name === code) : null; }

function venueName(code) {
  const v = venueOf(code);
  if (!v) return code;
  return pdLang() === 'zh' && PD_VENUES_ZH[v.code] ? PD_VENUES_ZH[v.code] : v.name;
}

function zoneName(code) {
  if (pdLang() === 'zh' && PD_ZONES_ZH[code]) return PD_ZONES_ZH[code];
  const z = pd.games && pd.games.zones.find((x) => x.code === code);
  return z ? z.name : code;
}

function nocName(code) {
  const n = pd.games && pd.games.nocs.find((x) => x.code === code);
  return n ? n.name : code;
}

/* The Games' "today": the real date in Beijing during the Games, else the latest day with results. */
async function gamesToday() {
  const g = await games();
  const now = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  if (now >= g.first_day && now <= g.last_day) return now;
  const events = (await getJSON('/api/events')).events;
  let live = '';
  let done = '';
  for (const e of events) {
    const d = pdDay(e.start);
    if ((e.status === 'LIVE' || e.status === 'UNOFFICIAL') && d > live) live = d;
    if (e.status === 'OFFICIAL' && d > done) done = d;
  }
  return live || done || g.first_day;
}

function gamesDays() {
  const days = [];
  const d = new Date(pd.games.first_day + 'T12:00:00Z');
  const last = pd.games.last_day;
  while (d.toISOString().slice(0, 10) <= last && days.length < 60) {
    days.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return days;
}

async function unitStatuses(units) {
  const docs = await mapLimit(units, 8, (u) => getJSON('/api/units/' + u.rsc + '/results'));
  return docs.map((d) => (d ? d.status : 'START_LIST'));
}

/* --- live updates --------------------------------------------------------------------- */

function listen(query, onResult, onMedals) {
  if (pd.stream) pd.stream.close();
  pd.stream = null;
  if (!window.EventSource) return;
  const es = new EventSource('/api/stream' + (query ? '?' + query : ''));
  if (onResult) es.addEventListener('result', (ev) => { try { onResult(JSON.parse(ev.data)); } catch (e) { /* a bad frame */ } });
  if (onMedals) es.addEventListener('medals', (ev) => { try { onMedals(JSON.parse(ev.data)); } catch (e) { /* a bad frame */ } });
  pd.stream = es;
}

/* Call fn at most once per delay, after the last call. */
function debounce(fn, delay) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), delay); };
}

/* --- the frame -------------------------------------------------------------------------- */

function navLink(href, key, current) {
  return h('li', {}, h('a', { href, 'aria-current': current ? 'page' : null }, t(key)));
}

function drawFrame(section) {
  const header = document.getElementById('site-header');
  header.replaceChildren(
    h('a', { class: 'skip', href: '#main' }, t('skip')),
    h('div', { class: 'brand' }, h('a', { href: '/' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '❄'), ' ', t('site_name')),
      h('span', { class: 'tagline' }, t('site_tagline'))),
    h('nav', { 'aria-label': t('nav_label') }, h('ul', {},
      navLink('/', 'nav_home', section === 'home'),
      navLink('/schedule', 'nav_schedule', section === 'schedule'),
      navLink('/medals', 'nav_medals', section === 'medals'),
      navLink('/news', 'nav_news', section === 'news'))),
    h('button', { type: 'button', id: 'lang-switch', lang: pdLang() === 'en' ? 'zh-CN' : 'en', 'aria-label': t('lang_switch_label'),
      onclick: () => { pdSetLang(pdLang() === 'en' ? 'zh' : 'en'); route(); } }, t('lang_switch')));
  document.getElementById('site-footer').replaceChildren(h('p', {}, t('footer'), ' ', h('a', { href: '/ops/results.html' }, t('nav_ops'))));
}

function main() { return document.getElementById('main'); }

function breadcrumb(items) {
  return h('nav', { 'aria-label': t('breadcrumb'), class: 'breadcrumb' }, h('ol', {}, items.map(([label, href], i) =>
    h('li', {}, i ? h('span', { class: 'sep', 'aria-hidden': 'true' }, '>') : null, href && i < items.length - 1 ? h('a', { href }, label) : h('span', { 'aria-current': i === items.length - 1 ? 'page' : null }, label)))));
}

/* --- pages ------------------------------------------------------------------------------ */

function unitRow(u, status) {
  return h('tr', { dataset: { rsc: u.rsc } },
    h('td', { class: 'time' }, h('time', { datetime: u.start }, pdTime(u.start))),
    h('td', {}, disciplineName(u.discipline)),
    h('th', { scope: 'row' }, h('a', { href: '/events/' + u.event }, u.event_name), ' · ', h('a', { href: '/units/' + u.rsc }, u.name),
      u.medal ? h('span', { class: 'medal-flag', title: t('medal_unit') }, h('span', { class: 'visually-hidden' }, t('medal_unit'))) : null),
    h('td', {}, venueName(u.venue)),
    h('td', {}, statusBadge(status)));
}

function unitTable(units, statuses) {
  if (units.length === 0) return h('p', { class: 'empty' }, t('no_units'));
  return h('div', { class: 'table-wrap' }, h('table', { class: 'schedule' },
    h('thead', {}, h('tr', {}, ['time', 'discipline', 'unit', 'venue', 'status'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, units.map((u, i) => unitRow(u, statuses[i])))));
}

function medalRows(rows, limit) {
  const ranks = rows.map((r) => r.rank);
  return rows.slice(0, limit || rows.length).map((r) => {
    const tied = ranks.filter((x) => x === r.rank).length > 1;
    return h('tr', { dataset: { noc: r.noc } },
      h('td', { class: 'rank', title: tied ? t('tied') : null }, (tied ? '=' : '') + r.rank),
      h('th', { scope: 'row' }, h('a', { href: '/nocs/' + r.noc }, h('abbr', { title: nocName(r.noc) }, r.noc), ' ', h('span', { class: 'noc-name' }, nocName(r.noc)))),
      h('td', { class: 'g' }, r.gold), h('td', { class: 's' }, r.silver), h('td', { class: 'b' }, r.bronze), h('td', { class: 'tot' }, r.total));
  });
}

function medalHead(sortable, onSort, sortKey, sortDir) {
  const cols = [['rank', 'rank'], ['noc', 'noc'], ['gold', 'gold'], ['silver', 'silver'], ['bronze', 'bronze'], ['total', 'total']];
  return h('thead', {}, h('tr', {}, cols.map(([key, label]) => {
    const aria = sortKey === key ? (sortDir > 0 ? 'ascending' : 'descending') : null;
    return h('th', { scope: 'col', 'aria-sort': sortable ? (aria || 'none') : null, class: 'col-' + key },
      sortable ? h('button', { type: 'button', dataset: { sort: key }, 'aria-label': t('sort_by', { col: t(label) }), onclick: () => onSort(key) }, t(label)) : t(label));
  })));
}

async function latestMedallists(limit) {
  const events = (await getJSON('/api/events')).events.filter((e) => e.status === 'OFFICIAL');
  events.sort((a, b) => (a.start < b.start ? 1 : -1));
  const chosen = events.slice(0, limit);
  const docs = await mapLimit(chosen, 6, (e) => getJSON('/api/events/' + e.rsc + '/results'));
  const out = [];
  chosen.forEach((e, i) => {
    const doc = docs[i];
    if (!doc) return;
    out.push({ event: e, medallists: doc.results.filter((r) => r.rank !== null && r.rank <= 3) });
  });
  await loadNames(out.flatMap((x) => x.medallists.map((m) => m.competitor)));
  return out;
}

function medallistList(items) {
  if (items.length === 0) return h('p', { class: 'empty' }, t('no_medals_yet'));
  const medal = ['', 'gold', 'silver', 'bronze'];
  return h('ul', { class: 'medallists' }, items.map((x) => h('li', {},
    h('a', { href: '/events/' + x.event.rsc, class: 'event-name' }, x.event.name),
    h('ol', {}, x.medallists.map((m) => h('li', { class: 'medal-' + medal[m.rank] },
      h('span', { class: 'visually-hidden' }, t(medal[m.rank]) + ': '),
      h('span', { class: 'dot', 'aria-hidden': 'true' }), competitorCell(m.competitor, pd.names), ' ', nocCell(m.competitor, pd.names)))))));
}

async function pageHome() {
  drawFrame('home');
  document.title = t('site_name') + ' · ' + t('site_tagline');
  const g = await games();
  const today = await gamesToday();
  const m = main();
  const liveBox = h('section', { class: 'card live', 'aria-live': 'polite', id: 'live-now' }, h('h2', {}, h('span', { class: 'pulse', 'aria-hidden': 'true' }), t('live_now')), h('p', {}, t('loading')));
  const schedBox = h('section', { class: 'card', id: 'today' }, h('h2', {}, t('todays_schedule'), ' ', h('small', {}, pdDayLabel(today))), h('p', {}, t('loading')));
  const medalistBox = h('section', { class: 'card', id: 'latest-medallists' }, h('h2', {}, t('latest_medallists')), h('p', {}, t('loading')));
  const tableBox = h('section', { class: 'card', id: 'medal-top' }, h('h2', {}, t('medal_table_top', { n: 10 })), h('p', {}, t('loading')));
  const newsBox = h('section', { class: 'card', id: 'home-news' }, h('h2', {}, t('latest_news')));
  m.replaceChildren(h('h1', { class: 'visually-hidden' }, g.name), h('div', { class: 'grid' }, liveBox, medalistBox, tableBox, schedBox, newsBox));

  async function drawSchedule() {
    const units = (await getJSON('/api/programme?day=' + today)).units;
    const statuses = await unitStatuses(units);
    const live = units.filter((u, i) => statuses[i] === 'LIVE');
    liveBox.replaceChildren(liveBox.firstChild, live.length
      ? h('ul', {}, live.map((u) => h('li', {}, h('a', { href: '/units/' + u.rsc }, u.event_name + ' · ' + u.name), ' ', h('small', {}, venueName(u.venue)))))
      : h('p', { class: 'empty' }, t('nothing_live')));
    schedBox.replaceChildren(schedBox.firstChild, unitTable(units, statuses), h('p', {}, h('a', { href: '/schedule?day=' + today }, t('full_schedule'))));
  }
  async function drawMedals() {
    const rows = (await getJSON('/api/medals')).medals;
    tableBox.replaceChildren(tableBox.firstChild, rows.length
      ? h('div', { class: 'table-wrap' }, h('table', { class: 'medals' }, medalHead(false), h('tbody', {}, medalRows(rows, 10))))
      : h('p', { class: 'empty' }, t('no_medals_yet')), h('p', {}, h('a', { href: '/medals' }, t('full_table'))));
    medalistBox.replaceChildren(medalistBox.firstChild, medallistList(await latestMedallists(5)));
  }
  async function drawNews() {
    const articles = (await getJSON('/api/news')).articles.slice(0, 3);
    newsBox.replaceChildren(newsBox.firstChild, articleList(articles), h('p', {}, h('a', { href: '/news' }, t('all_news'))));
  }
  await Promise.all([drawSchedule(), drawMedals(), drawNews()]);
  listen('', debounce(drawSchedule, 500), debounce(drawMedals, 500));
}

async function pageSchedule(params) {
  drawFrame('schedule');
  document.title = t('nav_schedule') + ' · ' + t('site_name');
  const g = await games();
  const day = params.get('day') || (params.get('discipline') || params.get('venue') || params.get('zone') ? '' : await gamesToday());
  const discipline = params.get('discipline') || '';
  const zone = params.get('zone') || '';
  const venue = params.get('venue') || '';
  const select = (name, label, value, options) => h('label', {}, t(label), ' ',
    h('select', { name }, h('option', { value: '' }, t('all')), options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
  const form = h('form', { class: 'filters', method: 'get', action: '/schedule', 'aria-label': t('filter') },
    select('day', 'day', day, gamesDays().map((d) => [d, pdDayLabel(d)])),
    select('discipline', 'discipline', discipline, g.disciplines.map((d) => [d.code, disciplineName(d.code)])),
    select('zone', 'zone', zone, g.zones.map((z) => [z.code, zoneName(z.code)])),
    select('venue', 'venue', venue, g.venues.filter((v) => !zone || v.zone === zone).map((v) => [v.code, venueName(v.code)])),
    h('button', { type: 'submit' }, t('filter')));
  form.querySelectorAll('select').forEach((s) => s.addEventListener('change', () => form.requestSubmit()));
  const dayNav = h('nav', { class: 'days', 'aria-label': t('day') }, h('ul', {}, gamesDays().map((d) => h('li', {},
    h('a', { href: '/schedule?day=' + d, 'aria-current': d === day ? 'date' : null }, pdDayLabel(d))))));
  const list = h('div', { id: 'schedule-list' }, h('p', {}, t('loading')));
  main().replaceChildren(h('h1', {}, t('nav_schedule')), dayNav, form, h('p', { class: 'note' }, t('beijing_time')), list);
  const q = new URLSearchParams();
  if (day) q.set('day', day);
  if (discipline) q.set('discipline', discipline);
  if (venue) q.set('venue', venue);
  let units = (await getJSON('/api/programme?' + q)).units;
  if (zone) units = units.filter((u) => { const v = venueOf(u.venue); return v && v.zone === zone; });
  const draw = async () => {
    const statuses = await unitStatuses(units.slice(0, 300));
    const byDay = new Map();
    units.slice(0, 300).forEach((u, i) => {
      const d = pdDay(u.start);
      if (!byDay.has(d)) byDay.set(d, [[], []]);
      byDay.get(d)[0].push(u);
      byDay.get(d)[1].push(statuses[i]);
    });
    list.replaceChildren(...(byDay.size ? [...byDay].map(([d, [us, st]]) => h('section', {}, h('h2', {}, pdDayLabel(d)), unitTable(us, st))) : [h('p', { class: 'empty' }, t('no_units'))]));
  };
  await draw();
  listen(discipline ? 'discipline=' + discipline : '', debounce(draw, 500));
}

async function unitsOfEvent(event) {
  const units = (await getJSON('/api/programme?discipline=' + event.discipline)).units;
  return units.filter((u) => u.event === event.rsc);
}

async function pageEvent(rsc) {
  drawFrame('schedule');
  const events = (await getJSON('/api/events')).events;
  const event = events.find((e) => e.rsc === rsc);
  if (!event) return pageNotFound();
  await games();
  document.title = event.name + ' · ' + t('site_name');
  const units = await unitsOfEvent(event);
  const statusBox = h('span', { id: 'event-status' });
  const resultsBox = h('section', { id: 'event-results', 'aria-live': 'polite' }, h('p', {}, t('loading')));
  const unitsBox = h('section', { id: 'event-units' });
  const updated = h('p', { class: 'note', id: 'updated', 'aria-live': 'polite' });
  main().replaceChildren(
    breadcrumb([[t('home'), '/'], [t('nav_schedule'), '/schedule?discipline=' + event.discipline], [event.name, null]]),
    h('h1', {}, event.name, ' ', statusBox),
    h('p', { class: 'meta' }, disciplineName(event.discipline), ' · ', venueName(event.venue), ' · ', h('time', { datetime: event.start }, pdDayLabel(pdDay(event.start)), ' ', pdTime(event.start))),
    updated, h('h2', {}, t('event_results')), resultsBox, unitsBox);
  async function drawResults() {
    const doc = await getJSON('/api/events/' + rsc + '/results');
    await loadNames(doc.results.map((r) => r.competitor));
    statusBox.replaceChildren(statusBadge(doc.status));
    resultsBox.replaceChildren(resultsView(doc, pd.names));
  }
  async function drawUnits() {
    const statuses = await unitStatuses(units);
    unitsBox.replaceChildren(h('h2', {}, t('phases')), unitTable(units, statuses));
  }
  await Promise.all([drawResults(), drawUnits()]);
  const redrawUnits = debounce(drawUnits, 300);
  listen('event=' + rsc, () => {
    drawResults().then(() => { updated.textContent = t('updated') + ' ' + new Date().toLocaleTimeString(); });
    redrawUnits();
  });
  updated.textContent = t('live_updates');
}

async function pageUnit(rsc) {
  drawFrame('schedule');
  let unit;
  try { unit = await getJSON('/api/units/' + rsc); } catch (e) { if (e.status === 404) return pageNotFound(); throw e; }
  await games();
  document.title = unit.name + ' · ' + unit.event_name + ' · ' + t('site_name');
  for (const s of unit.start_list) pd.names[s.competitor] = pd.names[s.competitor] || { id: s.competitor, name: s.name, noc: s.noc, team: false };
  await loadNames(unit.start_list.map((s) => s.competitor));
  const bibs = Object.fromEntries(unit.start_list.map((s) => [s.competitor, s.bib]));
  const statusBox = h('span', { id: 'unit-status' });
  const resultsBox = h('section', { id: 'unit-results', 'aria-live': 'polite' });
  const panelBox = h('div', { id: 'panel-box' });
  const updated = h('p', { class: 'note', id: 'updated', 'aria-live': 'polite' }, t('live_updates'));
  const startList = h('details', { class: 'start-list', open: true }, h('summary', {}, t('start_list'), ' (', unit.start_list.length, ')'),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, [t('order'), t('bib'), t('name'), t('noc')].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, unit.start_list.map((s) => h('tr', {}, h('td', {}, s.order), h('td', {}, s.bib),
        h('th', { scope: 'row' }, competitorCell(s.competitor, pd.names)), h('td', {}, nocCell(s.competitor, pd.names))))))));
  main().replaceChildren(
    breadcrumb([[t('home'), '/'], [unit.event_name, '/events/' + unit.event], [unit.name, null]]),
    h('h1', {}, unit.event_name, ' · ', unit.name, ' ', statusBox),
    h('p', { class: 'meta' }, disciplineName(unit.discipline), ' · ', venueName(unit.venue), ' · ',
      h('time', { datetime: unit.start }, pdDayLabel(pdDay(unit.start)), ' ', pdTime(unit.start)), unit.medal ? [' · ', h('span', { class: 'medal-flag', 'aria-hidden': 'true' }), t('medal_unit')] : ''),
    updated, h('h2', {}, t('results')), resultsBox, panelBox, startList);
  async function draw(doc) {
    await loadNames(doc.results.map((r) => r.competitor));
    statusBox.replaceChildren(statusBadge(doc.status));
    resultsBox.replaceChildren(resultsView(doc, pd.names, bibs));
    if (doc.results.length) startList.open = false;
    if (unit.discipline === 'FSK' && doc.results.length)
      panelBox.replaceChildren(judgesPanel(await getJSON('/api/units/' + rsc + '/observations'), pd.names) || '');
  }
  await draw(await getJSON('/api/units/' + rsc + '/results'));
  listen('event=' + unit.event, (msg) => {
    if (msg.rsc !== rsc || !msg.results) return;
    draw(msg.results).then(() => { updated.textContent = t('updated') + ' ' + new Date().toLocaleTimeString(); });
  });
}

async function pageMedals() {
  drawFrame('medals');
  document.title = t('medal_table') + ' · ' + t('site_name');
  await games();
  const box = h('div', { id: 'medal-table', 'aria-live': 'polite' });
  main().replaceChildren(h('h1', {}, t('medal_table')), box);
  let rows = [];
  let sortKey = 'rank';
  let sortDir = 1;
  const draw = () => {
    const sorted = rows.slice();
    const cmp = {
      rank: (a, b) => a.rank - b.rank,
      noc: (a, b) => nocName(a.noc).localeCompare(nocName(b.noc)),
      gold: (a, b) => b.gold - a.gold || a.rank - b.rank,
      silver: (a, b) => b.silver - a.silver || a.rank - b.rank,
      bronze: (a, b) => b.bronze - a.bronze || a.rank - b.rank,
      total: (a, b) => b.total - a.total || a.rank - b.rank,
    }[sortKey];
    sorted.sort((a, b) => sortDir * cmp(a, b));
    /* shared ranks stay those of the official table, whatever the order */
    const byRank = rows.map((r) => r.rank);
    const body = h('tbody', {}, sorted.map((r) => medalRows([r])[0]));
    body.querySelectorAll('tr').forEach((tr, i) => {
      const tied = byRank.filter((x) => x === sorted[i].rank).length > 1;
      tr.querySelector('.rank').textContent = (tied ? '=' : '') + sorted[i].rank;
      if (tied) tr.querySelector('.rank').title = t('tied');
    });
    box.replaceChildren(rows.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'medals', id: 'medals' },
      h('caption', { class: 'visually-hidden' }, t('medal_table')),
      medalHead(true, (key) => { sortDir = key === sortKey ? -sortDir : 1; sortKey = key; draw(); }, sortKey, sortDir), body)) : h('p', { class: 'empty' }, t('no_medals_yet')));
    const active = box.querySelector('button[data-sort="' + sortKey + '"]');
    if (active && document.activeElement && document.activeElement.dataset && document.activeElement.dataset.sort) active.focus();
  };
  const load = async () => { rows = (await getJSON('/api/medals')).medals; draw(); };
  await load();
  listen('', null, (msg) => {
    const list = msg && (msg.medals || (msg.table && msg.table.medals));
    if (Array.isArray(list)) { rows = list; draw(); } else load();
  });
}

async function pageNoc(code) {
  drawFrame('medals');
  const g = await games();
  const noc = g.nocs.find((n) => n.code === code);
  if (!noc) return pageNotFound();
  document.title = noc.name + ' · ' + t('site_name');
  const medalBox = h('section', { id: 'noc-medals' }, h('p', {}, t('loading')));
  const athletesBox = h('section', { id: 'noc-athletes' }, h('p', {}, t('loading')));
  main().replaceChildren(breadcrumb([[t('home'), '/'], [t('nav_medals'), '/medals'], [noc.name, null]]),
    h('h1', {}, noc.name, ' ', h('small', {}, noc.code)), h('p', { class: 'meta' }, t('noc_page')), medalBox, athletesBox);
  const [medals, people] = await Promise.all([getJSON('/api/medals'), getJSON('/api/games/participants?noc=' + code)]);
  for (const p of people.participants) pd.names[p.id] = p;
  const row = medals.medals.find((r) => r.noc === code);
  const events = (await getJSON('/api/events')).events.filter((e) => e.status === 'OFFICIAL');
  const docs = await mapLimit(events, 6, (e) => getJSON('/api/events/' + e.rsc + '/results'));
  const won = [];
  events.forEach((e, i) => {
    for (const r of (docs[i] && docs[i].results) || [])
      if (r.rank !== null && r.rank <= 3 && pd.names[r.competitor] && pd.names[r.competitor].noc === code) won.push({ e, r });
  });
  won.sort((a, b) => a.r.rank - b.r.rank || (a.e.start < b.e.start ? -1 : 1));
  const medal = ['', 'gold', 'silver', 'bronze'];
  medalBox.replaceChildren(h('h2', {}, t('medal_count')),
    row ? h('div', { class: 'table-wrap' }, h('table', { class: 'medals' }, medalHead(false), h('tbody', {}, medalRows([row])))) : h('p', { class: 'empty' }, t('no_medals_yet')),
    h('h2', {}, t('medallists')),
    won.length ? h('ul', { class: 'medallists flat' }, won.map(({ e, r }) => h('li', { class: 'medal-' + medal[r.rank] },
      h('span', { class: 'dot', 'aria-hidden': 'true' }), h('span', { class: 'visually-hidden' }, t(medal[r.rank]) + ': '),
      competitorCell(r.competitor, pd.names), ' · ', h('a', { href: '/events/' + e.rsc }, e.name)))) : h('p', { class: 'empty' }, t('no_medals_yet')));
  const athletes = people.participants.filter((p) => !p.team).sort((a, b) => a.name.localeCompare(b.name));
  const teams = people.participants.filter((p) => p.team);
  athletesBox.replaceChildren(h('h2', {}, t('athletes'), ' (', athletes.length, ')'),
    h('ul', { class: 'columns' }, athletes.map((p) => h('li', {}, h('a', { href: '/athletes/' + encodeURIComponent(p.id) }, p.name)))),
    teams.length ? h('h2', {}, t('teams'), ' (', teams.length, ')') : null,
    teams.length ? h('ul', { class: 'columns' }, teams.map((p) => h('li', {}, p.name, ' ', h('small', {}, p.id)))) : null);
}

async function pageAthlete(id) {
  drawFrame('medals');
  let p;
  try { p = await getJSON('/api/games/participants/' + encodeURIComponent(id)); } catch (e) { if (e.status === 404) return pageNotFound(); throw e; }
  await games();
  document.title = p.name + ' · ' + t('site_name');
  const box = h('section', { id: 'athlete-results' }, h('p', {}, t('loading')));
  main().replaceChildren(breadcrumb([[t('home'), '/'], [nocName(p.noc), '/nocs/' + p.noc], [p.name, null]]),
    h('h1', {}, p.name), h('p', { class: 'meta' }, h('a', { href: '/nocs/' + p.noc }, nocName(p.noc), ' (', p.noc, ')')),
    p.teams.length ? h('p', {}, t('member_of'), ': ', p.teams.map((x) => x.name).join(', ')) : null,
    p.member_names.length ? h('p', {}, t('members'), ': ', p.member_names.map((x, i) => [i ? ', ' : '', h('a', { href: '/athletes/' + encodeURIComponent(x.id) }, x.name)])) : null,
    h('h2', {}, t('competes_in')), box);
  const docs = await mapLimit(p.units, 6, (u) => getJSON('/api/units/' + u.rsc + '/results'));
  box.replaceChildren(h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, [t('day'), t('event'), t('unit'), t('status'), t('rank'), t('result')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, p.units.map((u, i) => {
      const doc = docs[i];
      const r = doc ? doc.results.find((x) => x.competitor === u.as) : null;
      return h('tr', {}, h('td', {}, h('time', { datetime: u.start }, pdDayLabel(pdDay(u.start)), ' ', pdTime(u.start))),
        h('td', {}, h('a', { href: '/events/' + u.event }, u.event_name)), h('th', { scope: 'row' }, h('a', { href: '/units/' + u.rsc }, u.name)),
        h('td', {}, statusBadge(doc ? doc.status : 'START_LIST')), h('td', {}, r && r.rank !== null ? r.rank : ''), h('td', {}, r ? r.irm || r.result : ''));
    })))));
}

function articleList(articles) {
  return h('ul', { class: 'articles' }, articles.map((a) => h('li', {},
    h('h3', {}, h('a', { href: '/news/' + a.slug }, a.title)),
    h('p', { class: 'meta' }, h('time', { datetime: a.date }, pdDayLabel(a.date), ' ', a.date.slice(0, 4))),
    a.summary ? h('p', {}, a.summary) : null)));
}

async function pageNews() {
  drawFrame('news');
  document.title = t('news') + ' · ' + t('site_name');
  const articles = (await getJSON('/api/news')).articles;
  main().replaceChildren(breadcrumb([[t('home'), '/'], [t('news'), '/news']]), h('h1', {}, t('news')), articleList(articles));
}

function shareLink(article) {
  const url = location.origin + '/news/' + article.slug;
  const href = 'mailto:?subject=' + encodeURIComponent(article.title) + '&body=' + encodeURIComponent(t('suggest_body') + '\n\n' + article.title + '\n' + url);
  return h('a', { class: 'share button', id: 'share', href, dataset: { url },
    onclick: (ev) => {
      if (navigator.share) {
        ev.preventDefault();
        navigator.share({ title: article.title, text: article.summary || article.title, url }).catch(() => { /* dismissed */ });
      }
    } }, '✉ ', t('suggest'));
}

async function pageArticle(slug) {
  drawFrame('news');
  let a;
  try { a = await getJSON('/api/news/' + encodeURIComponent(slug)); } catch (e) { if (e.status === 404) return pageNotFound(); throw e; }
  document.title = a.title + ' · ' + t('news') + ' · ' + t('site_name');
  const body = h('div', { class: 'article-body' });
  body.innerHTML = a.html; /* safe: escaped by the server's renderer, fixed tags only (src/feed/news.c) */
  main().replaceChildren(breadcrumb([[t('home'), '/'], [t('news'), '/news']]),
    h('article', {}, h('h1', {}, a.title),
      h('p', { class: 'meta' }, t('published'), ' ', h('time', { datetime: a.date }, a.date)),
      body, h('p', {}, shareLink(a))));
}

function pageNotFound() {
  drawFrame('');
  document.title = t('not_found') + ' · ' + t('site_name');
  main().replaceChildren(h('h1', {}, t('not_found')), h('p', {}, t('not_found_text'), ' ', h('a', { href: '/' }, t('home'))));
}

/* --- router ----------------------------------------------------------------------------- */

async function route() {
  document.body.dataset.ready = 'false';
  pdSetLang(pdLang());
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const params = new URLSearchParams(location.search);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  try {
    if (path === '/' || path === '/index.html') await pageHome();
    else if (parts[0] === 'schedule' && parts.length === 1) await pageSchedule(params);
    else if (parts[0] === 'events' && parts.length === 2) await pageEvent(parts[1]);
    else if (parts[0] === 'units' && parts.length === 2) await pageUnit(parts[1]);
    else if (parts[0] === 'medals' && parts.length === 1) await pageMedals();
    else if (parts[0] === 'nocs' && parts.length === 2) await pageNoc(parts[1]);
    else if (parts[0] === 'athletes' && parts.length === 2) await pageAthlete(parts[1]);
    else if (parts[0] === 'news' && parts.length === 1) await pageNews();
    else if (parts[0] === 'news' && parts.length === 2) await pageArticle(parts[1]);
    else pageNotFound();
  } catch (e) {
    main().replaceChildren(h('p', { class: 'error', role: 'alert' }, t('load_error', { msg: e.message })));
  }
  document.body.dataset.ready = 'true';
}

document.addEventListener('DOMContentLoaded', route);
