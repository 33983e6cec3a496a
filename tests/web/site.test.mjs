// The Games site in headless chromium (playwright-core), against a real
// `podium serve` started by test_site.sh. Each test leaves a screenshot.
// Environment: PODIUM_URL, PODIUM_ALP_TOKEN, PODIUM_ACR_TOKEN, PODIUM_SCAN_TOKEN,
// PODIUM_HEALTH_TOKEN, SCREENSHOTS, CHROMIUM, NODE_DIR.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(process.env.NODE_DIR + '/');
const { chromium } = require('playwright-core');

const URL = process.env.PODIUM_URL;
const ALP = process.env.PODIUM_ALP_TOKEN;
const SHOTS = process.env.SCREENSHOTS;
const DH = 'ALPMDH----------------FNL-000100--';
const DH_EVENT = 'ALPMDH----------------------------';

let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // playwright gives every launch a fresh, empty --user-data-dir of its own
  });
});

after(async () => {
  if (browser) await browser.close();
});

// A new page that records console errors and uncaught exceptions; it waits until the page says
// it is ready (body[data-ready]) unless options.ready is false (pages that load no data first).
async function open(path, options = {}) {
  const context = await browser.newContext({ viewport: options.viewport || { width: 1200, height: 900 }, locale: options.locale || 'en-GB' });
  const page = await context.newPage();
  page.errors = [];
  page.on('console', (msg) => { if (msg.type() === 'error') page.errors.push(msg.text()); });
  page.on('pageerror', (err) => page.errors.push(String(err)));
  await page.goto(URL + path);
  if (options.ready !== false)
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
  return page;
}

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, name + '.png'), fullPage: true });
}

async function post(path, body, token = ALP) {
  const res = await fetch(URL + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function api(path) {
  const res = await fetch(URL + path);
  assert.equal(res.status, 200, path);
  return res.json();
}

test('the home page loads with no console errors, on a desktop and on a phone', async () => {
  const page = await open('/');
  for (const id of ['#live-now', '#today', '#latest-medallists', '#medal-top', '#home-news'])
    assert.ok(await page.locator(id).isVisible(), id + ' is shown');
  await page.waitForSelector('#today table.schedule tbody tr');
  assert.ok(await page.locator('#home-news a[href^="/news/"]').count() >= 1, 'news teaser');
  await shot(page, 'home');
  assert.deepEqual(page.errors, []);
  await page.context().close();

  const phone = await open('/', { viewport: { width: 390, height: 844 } });
  await phone.waitForSelector('#today table.schedule tbody tr');
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, 'no horizontal scrolling of the page on a phone, got ' + overflow + ' px');
  await shot(phone, 'home-phone');
  assert.deepEqual(phone.errors, []);
  await phone.context().close();
});

test('a result posted through the API appears on the open event page within a second', async () => {
  const page = await open('/events/' + DH_EVENT);
  await page.waitForSelector('#event-results .empty');
  await page.evaluate(() => { window.notReloaded = true; });
  // the stream is open once the page says so
  await page.waitForSelector('#updated:has-text("Live updates on")');
  const started = Date.now();
  const res = await post(`/api/units/${DH}/observations`, { competitor: '836079', run: 1, time_ms: 102690 });
  assert.equal(res.status, 201);
  await page.waitForSelector('#event-results tr[data-competitor="836079"] td.result:has-text("1:42.69")', { timeout: 1000 });
  const elapsed = Date.now() - started;
  assert.ok(elapsed < 1000, `shown after ${elapsed} ms`);
  assert.equal(await page.evaluate(() => window.notReloaded), true, 'the page was not reloaded');
  assert.match(await page.locator('#event-results tr[data-competitor="836079"] th.name').innerText(), /KRIECHMAYR Vincent/);

  // the unit page follows too, with gaps
  const unit = await open('/units/' + DH);
  await unit.evaluate(() => { window.notReloaded = true; });
  await post(`/api/units/${DH}/observations`, { competitor: '978768', run: 1, time_ms: 102790 });
  await unit.waitForSelector('#unit-results tr[data-competitor="978768"]:has-text("+0.10")', { timeout: 1000 });
  assert.equal(await unit.evaluate(() => window.notReloaded), true);
  await page.waitForSelector('#event-results tr[data-competitor="978768"]', { timeout: 1000 });
  await shot(page, 'event-live');
  await shot(unit, 'unit-live');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(unit.errors, []);
  await page.context().close();
  await unit.context().close();
});

test('the medal table matches the API, with shared ranks, and sorts', async () => {
  // a tie for gold: two golds, no silver, then bronze
  await post(`/api/units/${DH}/observations`, { competitor: '1020827', run: 1, time_ms: 102690 });
  const official = await post(`/api/units/${DH}/status`, { status: 'OFFICIAL' });
  assert.equal(official.status, 201);
  const want = (await api('/api/medals')).medals;
  assert.ok(want.length >= 3, 'medals awarded');
  const page = await open('/medals');
  await page.waitForSelector('#medals tbody tr');
  const rows = await page.$$eval('#medals tbody tr', (trs) => trs.map((tr) => ({
    rank: tr.querySelector('.rank').textContent, noc: tr.dataset.noc,
    gold: Number(tr.querySelector('.g').textContent), silver: Number(tr.querySelector('.s').textContent),
    bronze: Number(tr.querySelector('.b').textContent), total: Number(tr.querySelector('.tot').textContent),
  })));
  const shared = (r) => want.filter((x) => x.rank === r.rank).length > 1;
  assert.deepEqual(rows, want.map((r) => ({ rank: (shared(r) ? '=' : '') + r.rank, noc: r.noc, gold: r.gold, silver: r.silver, bronze: r.bronze, total: r.total })));
  assert.equal(rows[0].rank, '=1', 'a tie for gold is a shared first place');
  await shot(page, 'medals');

  // sort by bronze: GER first, its official rank kept
  await page.click('button[data-sort="bronze"]');
  assert.equal(await page.getAttribute('th.col-bronze', 'aria-sort'), 'ascending');
  assert.equal(await page.locator('#medals tbody tr').first().getAttribute('data-noc'), 'GER');
  assert.equal(await page.locator('#medals tbody tr').first().locator('.rank').innerText(), '3');
  await page.click('button[data-sort="rank"]');
  assert.equal(await page.locator('#medals tbody tr').first().locator('.rank').innerText(), '=1');
  await shot(page, 'medals-sorted');

  // the home page shows the medallists of the event
  const home = await open('/');
  await home.waitForSelector('#latest-medallists a[href="/events/' + DH_EVENT + '"]');
  assert.match(await home.locator('#latest-medallists').innerText(), /KRIECHMAYR Vincent/);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(home.errors, []);
  await page.context().close();
  await home.context().close();
});

test('the language switch turns every label to Chinese and back, and is remembered', async () => {
  const page = await open('/medals');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('header nav a[href="/"]').innerText(), 'Home');
  await page.click('#lang-switch');
  await page.waitForSelector('body[data-ready="true"] h1:has-text("奖牌榜")');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.locator('header nav a[href="/"]').innerText(), '首页');
  assert.equal(await page.locator('header nav a[href="/schedule"]').innerText(), '赛程');
  assert.equal(await page.locator('th.col-gold button').innerText(), '金牌');
  assert.equal(await page.locator('#lang-switch').innerText(), 'English');
  await shot(page, 'medals-zh');
  await page.goto(URL + '/schedule?day=2022-02-07');
  await page.waitForSelector('body[data-ready="true"]');
  assert.equal(await page.locator('h1').innerText(), '赛程', 'the choice is kept across pages');
  assert.ok((await page.locator('table.schedule').first().innerText()).includes('高山滑雪'), 'discipline names in Chinese');
  await shot(page, 'schedule-zh');
  await page.click('#lang-switch');
  await page.waitForSelector('body[data-ready="true"] h1:has-text("Schedule")');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("the news page's share link carries the article", async () => {
  const list = await api('/api/news');
  const first = list.articles[0];
  const page = await open('/news');
  assert.equal((await page.locator('nav.breadcrumb').innerText()).replace(/\s+/g, ''), 'Home>News');
  await page.click(`a[href="/news/${first.slug}"]`);
  await page.waitForSelector('body[data-ready="true"] article h1');
  assert.equal(await page.locator('article h1').innerText(), first.title);
  assert.equal((await page.locator('nav.breadcrumb').innerText()).replace(/\s+/g, ''), 'Home>News');
  assert.ok(await page.locator('article time').isVisible());
  assert.ok((await page.locator('.article-body p').count()) >= 1, 'the body is drawn');
  const href = await page.getAttribute('#share', 'href');
  assert.ok(href.startsWith('mailto:'), href);
  const query = new URLSearchParams(href.slice(href.indexOf('?') + 1));
  assert.equal(query.get('subject'), first.title);
  assert.ok(query.get('body').includes(URL + '/news/' + first.slug), 'the link to the article: ' + query.get('body'));
  assert.equal(await page.locator('#share').innerText(), '✉ Suggest to a friend');
  await shot(page, 'news-article');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("an operator's bad entry shows the server's message", async () => {
  const page = await open('/ops/results.html');
  await page.fill('#token', ALP);
  await page.fill('#rsc', 'ALPMSG----------------FNL-000100--');
  await page.click('#load');
  await page.waitForSelector('#unit-info:has-text("Super")');
  // refused in the browser: not JSON, nothing sent
  await page.fill('#body', '{"competitor": "836079", "run": 1,');
  await page.click('#submit');
  await page.waitForSelector('#message.bad');
  assert.match(await page.locator('#body-error').innerText(), /not valid JSON/);
  // refused by the server: its message as it is
  const before = (await api('/api/health')).seq;
  await page.fill('#body', '{"competitor": "836079", "run": 1, "time_ms": 85000, "wind": 2}');
  await page.click('#submit');
  await page.waitForSelector('#message.bad:has-text("wind: unknown key")');
  assert.equal(await page.locator('#message').innerText(), 'Refused by the server (400): wind: unknown key');
  await shot(page, 'ops-refused');
  assert.equal((await api('/api/health')).seq, before, 'nothing stored');
  // a good entry is stored and listed
  await page.fill('#body', '{"competitor": "836079", "run": 1, "time_ms": 85000}');
  await page.click('#submit');
  await page.waitForSelector('#message.good');
  await page.waitForSelector('#history tbody tr');
  assert.equal((await api('/api/health')).seq, before + 1);
  await shot(page, 'ops-accepted');
  // console errors for the refused requests are the browser's own network log
  assert.deepEqual(page.errors.filter((e) => !/Failed to load resource/.test(e)), []);
  await page.context().close();
});

// The accreditation and health pages do not mark themselves ready: ready when loaded.
const openOps = (path) => open(path, { ready: false });

async function setToken(page, token) {
  await page.fill('#token', token);
  await page.locator('#token').dispatchEvent('change');
}

async function scan(page, input) {
  await page.evaluate(() => { document.querySelector('#verdict .why').textContent = ''; });
  await page.fill('#card', input);
  await page.press('#card', 'Enter');
  await page.waitForFunction(() => document.querySelector('#verdict .why').textContent !== '');
  return {
    word: await page.locator('#verdict .word').innerText(),
    why: await page.locator('#verdict .why').innerText(),
  };
}

test('the accreditation office issues, suspends and reinstates a card; the scanner follows it, offline too', async (t) => {
  const ACR = process.env.PODIUM_ACR_TOKEN;
  const SCAN = process.env.PODIUM_SCAN_TOKEN;
  const office = await openOps('/ops/accreditation.html');
  await setToken(office, ACR);
  // a person valid until 2099, so that today's scans (no day given) are inside the dates
  await office.fill('#add input[name=id]', 'WEB1');
  await office.fill('#add input[name=name]', 'TESTER Web');
  await office.fill('#add input[name=organisation]', 'SUI');
  await office.fill('#add input[name=category]', 'Aa');
  await office.fill('#add input[name=venues]', 'NIS');
  await office.fill('#add input[name=zones]', '1;2');
  await office.fill('#add input[name=valid_to]', '2099-12-31');
  await office.click('#add button');
  await office.waitForSelector('#add-result:has-text("saved (seq")');
  await office.waitForSelector('#person-title:has-text("TESTER Web (WEB1)")');
  await office.waitForSelector('#cards tr td.state-issued');
  const serial = await office.locator('#cards tr td').first().innerText();
  // found by name
  await office.fill('#q', 'tester');
  await office.click('#find button');
  await office.waitForSelector('#results tr');
  assert.match(await office.locator('#found').innerText(), /^1 found of \d+$/);
  await shot(office, 'accreditation-office');

  const scanner = await openOps('/ops/accreditation-scan.html');
  await scanner.fill('#venue', 'NIS');
  await scanner.locator('#venue').dispatchEvent('change');
  await scanner.selectOption('#zone', '1');
  await setToken(scanner, SCAN);
  await scanner.waitForSelector('#sync:has-text("revocation list of")');
  let v = await scan(scanner, serial);
  assert.deepEqual(v, { word: 'ALLOW', why: 'TESTER Web - Aa' });
  await scanner.selectOption('#zone', '9');
  v = await scan(scanner, serial);
  assert.equal(v.word, 'DENY');
  assert.match(v.why, /\(zone\)$/);
  await scanner.selectOption('#zone', '1');

  // suspended in the office: denied at the gate
  await office.click('#cards button:has-text("suspend")');
  await office.waitForSelector('#cards tr td.state-suspended');
  v = await scan(scanner, serial);
  assert.equal(v.word, 'DENY');
  assert.match(v.why, /\(suspended\)$/);
  await shot(scanner, 'accreditation-scan-deny');
  // the signed list of this moment, replayed later
  const suspendedList = await (await fetch(URL + '/api/access/revocations',
    { headers: { Authorization: 'Bearer ' + SCAN } })).json();
  assert.ok(suspendedList.revoked.includes(Number(serial)));
  await office.click('#cards button:has-text("reinstate")');
  await office.waitForSelector('#cards tr td.state-issued');
  v = await scan(scanner, serial);
  assert.equal(v.word, 'ALLOW');
  // the revocation list the scanner keeps for offline checks: synced now, without the card
  // (a periodic sync while it was suspended would have listed it)
  await scanner.locator('#token').dispatchEvent('change');
  await scanner.waitForFunction((s) => {
    const list = localStorage.getItem('acr.revoked');
    return list !== null && !JSON.parse(list).includes(Number(s));
  }, serial);

  // the card's signed token, checked in the browser while the server cannot be reached
  await office.click('#cards button:has-text("token")');
  await office.waitForSelector('#card-token:has-text("PD1:")');
  const token = await office.locator('#card-token').innerText();
  await scanner.route('**/api/access/check', (route) => route.abort());
  const ed25519 = await scanner.evaluate(async () => {
    try {
      await crypto.subtle.importKey('raw', new Uint8Array(32), { name: 'Ed25519' }, false, ['verify']);
      return true;
    } catch (e) {
      return false;
    }
  });
  t.diagnostic('Ed25519 in this browser\'s WebCrypto: ' + (ed25519 ? 'yes, the token is verified offline' : 'no'));
  v = await scan(scanner, token);
  if (ed25519) {
    assert.deepEqual(v, { word: 'ALLOW', why: 'category Aa (offline)' });
    // one altered byte of the signed part: refused
    const forged = token.replace(':NIS:', ':CIS:');
    assert.notEqual(forged, token);
    v = await scan(scanner, forged);
    assert.deepEqual(v, { word: 'DENY', why: 'forged or altered card' });
    // a revocation list altered on the way (here with the good card added) is refused, and
    // the last good list is kept
    await scanner.route('**/api/access/revocations', async (route) => {
      const response = await route.fetch();
      const list = await response.json();
      list.revoked.push(Number(serial));
      await route.fulfill({ response, json: list });
    });
    await scanner.locator('#token').dispatchEvent('change');
    await scanner.waitForSelector('#sync:has-text("revocation list refused")');
    const kept = await scanner.evaluate(() => JSON.parse(localStorage.getItem('acr.revoked')));
    assert.ok(!kept.includes(Number(serial)), 'the altered list was stored');
    await scanner.unroute('**/api/access/revocations');
    // the list signed while the card was suspended, replayed: signed, but older than the
    // one kept, so refused
    await scanner.route('**/api/access/revocations',
      (route) => route.fulfill({ status: 200, json: suspendedList }));
    await scanner.locator('#token').dispatchEvent('change');
    await scanner.waitForSelector('#sync:has-text("older than the one kept")');
    const still = await scanner.evaluate(() => JSON.parse(localStorage.getItem('acr.revoked')));
    assert.ok(!still.includes(Number(serial)), 'the replayed list was stored');
    await scanner.unroute('**/api/access/revocations');
    v = await scan(scanner, token);
    assert.deepEqual(v, { word: 'ALLOW', why: 'category Aa (offline)' });
  } else {
    // Debian 12's chromium has it; CI must exercise the offline check
    assert.notEqual(process.env.CI, 'true', 'the browser lacks Ed25519 in WebCrypto');
    assert.deepEqual(v, { word: 'DENY', why: 'this browser cannot verify Ed25519 signatures' });
  }
  v = await scan(scanner, '12345');
  assert.equal(v.word, 'OFFLINE');
  await shot(scanner, 'accreditation-scan-offline');
  assert.deepEqual(office.errors, []);
  assert.deepEqual(scanner.errors.filter((e) => !/Failed to load resource/.test(e)), []);
  await office.context().close();
  await scanner.context().close();
});

test('a bad accreditation CSV names the line and the field, and imports nothing', async () => {
  const ACR = process.env.PODIUM_ACR_TOKEN;
  const office = await openOps('/ops/accreditation.html');
  await setToken(office, ACR);
  const count = async () => {
    const res = await fetch(URL + '/api/access/people?q=CSV', { headers: { Authorization: 'Bearer ' + ACR } });
    return (await res.json()).total;
  };
  const before = await count();
  const csv = 'id,name,org_type,organisation,category,venues,zones,transport,dining,valid_from,valid_to,photo\n' +
    'CSV1,CSV One,NOC,SUI,Aa,NIS,1;2,,no,2022-01-23,2022-02-23,\n' +
    'CSV2,CSV Two,NOC,SUI,Aa,NIS,1;12,,no,2022-01-23,2022-02-23,\n';
  await office.setInputFiles('#csv', { name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await office.click('#import');
  await office.waitForSelector('#bulk-errors tr');
  const row = await office.locator('#bulk-errors tr').first().locator('td').allInnerTexts();
  assert.equal(row[0], 'line 3');
  assert.equal(row[1], 'zones');
  await shot(office, 'accreditation-csv-refused');
  assert.equal(await count(), before, 'nothing imported');
  // the same file mended: both imported
  await office.setInputFiles('#csv', { name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.replace('1;12', '1;2')) });
  await office.click('#import');
  await office.waitForSelector('#bulk-result:has-text("2 people imported")');
  assert.equal(await count(), before + 2);
  assert.deepEqual(office.errors.filter((e) => !/Failed to load resource/.test(e)), []);
  await office.context().close();
});

test('the closed-loop dashboard draws the figures of the API; an officer reads a participant, audited', async () => {
  const HEALTH = process.env.PODIUM_HEALTH_TOKEN;
  // two arrivals of 1 February: one sampled (its result, Ct 35.00, is the grey zone: the
  // participant becomes a close contact), one tested positive at the airport (Ct 30.00)
  const items = [
    { type: 'arrival', person: 'WEBH1', venue: 'H07', group: 'athlete', day: '2022-02-01', vaccinated: true, predeparture_hours: [90, 40] },
    { type: 'sample', sample: 'WS-1', person: 'WEBH1', day: '2022-02-01', site: 'airport' },
    { type: 'arrival', person: 'WEBH2', venue: 'H07', group: 'other', day: '2022-02-01', vaccinated: true, predeparture_hours: [70, 30] },
    { type: 'test', person: 'WEBH2', day: '2022-02-01', site: 'airport', ct: '30.00' },
  ];
  assert.equal((await post('/api/loop/observations', { type: 'batch', items }, HEALTH)).status, 201);
  assert.equal((await post('/api/loop/observations', { type: 'result', sample: 'WS-1', ct: '35.00' }, HEALTH)).status, 201);

  const range = '?from=2022-02-01&to=2022-02-03';
  const figures = await api('/api/loop/figures' + range);
  const page = await openOps('/ops/health.html' + range);
  await page.waitForSelector('#range:has-text("2022-02-01 to 2022-02-03")');
  const tiles = Object.fromEntries(await page.locator('#tiles .tile').evaluateAll((ts) =>
    ts.map((t) => [t.querySelector('span').textContent, t.querySelector('b').textContent])));
  assert.equal(tiles['cases'], String(figures.totals.positives));
  assert.equal(tiles['cases at the airport'], '1');
  assert.equal(tiles['cases in the loop'], '0');
  assert.equal(tiles['PCR tests'], figures.totals.tests.toLocaleString('en'));
  // the daily table, newest first, row by row against the API
  const rows = await page.locator('#daily tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((td) => td.textContent)));
  assert.equal(rows.length, figures.days.length);
  const sum = (o) => o.athletes + o.others;
  figures.days.slice().reverse().forEach((d, i) => {
    const want = [d.day, sum(d.arrivals), d.tests_airport, sum(d.positives_airport), d.tests_loop,
      sum(d.positives_loop), d.grey_zone, d.isolations, d.releases, d.isolated, d.close_contacts,
      d.cumulative.positives].map((v, k) => (k ? v.toLocaleString('en') : v));
    assert.deepEqual(rows[i], want, 'row of ' + d.day);
  });
  const first = rows[rows.length - 1];
  assert.deepEqual([first[0], first[1], first[3], first[6]], ['2022-02-01', '2', '1', '1']);
  // the charts: the day with the airport case has its bar
  assert.equal(await page.locator('#cases-chart svg rect').count(), 1);
  assert.match(await page.locator('#cases-chart svg rect title').textContent(), /^2022-02-01: 1 cases at the airport$/);
  assert.equal(await page.locator('#state-chart svg polyline').count(), 2);
  await shot(page, 'health-dashboard');

  // an officer's reads: no token, the wrong role, then the health token (each read audited)
  await page.click('[data-action=isolations]');
  assert.equal(await page.locator('#officer-status').innerText(), 'A health token is needed.');
  await page.fill('#token', ALP);
  await page.fill('#day', '2022-02-01');
  await page.fill('#person', 'WEBH1');
  await page.click('#person-form button');
  await page.waitForFunction(() => !/Loading/.test(document.querySelector('#officer-status').textContent));
  assert.doesNotMatch(await page.locator('#officer-status').innerText(), /Recorded/);
  assert.equal(await page.locator('#officer-out').innerText(), '');
  const before = (await api('/api/health')).seq;
  await page.fill('#token', HEALTH);
  await page.click('#person-form button');
  await page.waitForSelector('#officer-status:has-text("Recorded as audit entry")');
  assert.match(await page.locator('#officer-out h3').innerText(), /^WEBH1 on 2022-02-01: close_contact \(/);
  assert.equal((await api('/api/health')).seq, before + 1, 'the read is in the log');
  await shot(page, 'health-officer');
  assert.deepEqual(page.errors.filter((e) => !/Failed to load resource/.test(e)), []);
  await page.context().close();
});
