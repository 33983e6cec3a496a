/*
 * ops-results.js: the results operators' page (web/ops/results.html).
 * Checks what the browser can (token given, unit code shape, JSON object,
 * correction seq) before sending; the server checks everything again and its
 * message is shown as it is when it refuses.
 */
'use strict';

const ops = { unit: null };

function $(id) { return document.getElementById(id); }

function labels() {
  document.documentElement.lang = pdLang() === 'zh' ? 'zh-CN' : 'en';
  document.title = t('ops_title') + ' · ' + t('site_name');
  $('title').textContent = t('ops_title');
  $('intro').textContent = t('ops_intro');
  $('brand').textContent = t('site_name');
  $('nav-home').textContent = t('nav_home');
  $('nav-ops').textContent = t('nav_ops');
  $('lang-switch').textContent = t('lang_switch');
  $('lang-switch').setAttribute('aria-label', t('lang_switch_label'));
  $('status').setAttribute('aria-label', t('status'));
  for (const el of document.querySelectorAll('[data-label]')) el.textContent = t(el.dataset.label);
  for (const opt of $('status').options) opt.textContent = t(opt.value);
  if (ops.unit) drawUnit();
}

function say(kind, text) {
  const box = $('message');
  box.hidden = false;
  box.className = 'message ' + kind;
  box.textContent = text;
}

function fieldError(id, text, input) {
  $(id).textContent = text || '';
  if (input) input.setAttribute('aria-invalid', text ? 'true' : 'false');
  return !text;
}

function checkRsc() {
  const rsc = $('rsc').value.trim().toUpperCase();
  $('rsc').value = rsc;
  return fieldError('rsc-error', /^[A-Z0-9-]{34}$/.test(rsc) ? '' : t('bad_rsc'), $('rsc')) ? rsc : null;
}

function checkBody() {
  let body;
  try {
    body = JSON.parse($('body').value);
  } catch (e) {
    fieldError('body-error', t('bad_json', { msg: e.message }), $('body'));
    return null;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    fieldError('body-error', t('not_object'), $('body'));
    return null;
  }
  let warn = '';
  if (ops.unit && typeof body.competitor === 'string' && !ops.unit.start_list.some((s) => s.competitor === body.competitor))
    warn = t('unknown_competitor_warn', { id: body.competitor });
  fieldError('body-error', '', $('body'));
  $('body-error').textContent = warn; /* a warning only: the server decides */
  return body;
}

function checkSeq() {
  const v = $('supersedes').value.trim();
  if (v === '') return fieldError('seq-error', '', $('supersedes')) ? '' : null;
  return fieldError('seq-error', /^[1-9][0-9]{0,17}$/.test(v) ? '' : t('bad_seq'), $('supersedes')) ? v : null;
}

function checkToken() {
  const token = $('token').value.trim();
  if (!token) { say('bad', t('need_token')); $('token').focus(); return null; }
  try { sessionStorage.setItem('podium-ops-token', token); } catch (e) { /* private mode */ }
  return token;
}

async function send(path, body, token) {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
    body: JSON.stringify(body),
  });
  let answer = null;
  try { answer = await res.json(); } catch (e) { answer = null; }
  if (res.ok) {
    say('good', t('accepted', { seq: answer ? answer.seq : '?' }));
    await loadUnit(false);
  } else {
    say('bad', t('refused', { code: res.status, msg: answer && answer.message ? answer.message : res.statusText }));
  }
}

function drawUnit() {
  const u = ops.unit;
  $('unit-info').replaceChildren(h('p', {}, h('strong', {}, u.event_name, ' · ', u.name), ' ',
    h('a', { href: '/units/' + u.rsc }, u.rsc)),
    h('details', {}, h('summary', {}, t('start_list'), ' (', u.start_list.length, ')'),
      h('ul', { class: 'columns' }, u.start_list.map((s) => h('li', {}, h('code', {}, s.competitor), ' ', s.name, ' (', s.noc, ')', s.bib ? ' #' + s.bib : '')))));
  const rows = (u.observations || []).slice().reverse();
  $('history').replaceChildren(h('h2', {}, t('history'), ' (', rows.length, ')'), rows.length ? h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, [t('seq'), t('body'), t('author'), ''].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map((o) => h('tr', {}, h('td', {}, o.seq, o.supersedes ? ' → ' + o.supersedes : ''),
      h('td', {}, h('code', {}, JSON.stringify(o.body))), h('td', {}, o.author),
      h('td', {}, h('button', { type: 'button', onclick: () => { $('body').value = JSON.stringify(o.body); $('supersedes').value = ''; $('body').focus(); } }, t('use_template')), ' ',
        h('button', { type: 'button', onclick: () => { $('body').value = JSON.stringify(o.body); $('supersedes').value = String(o.seq); $('body').focus(); } }, t('correct')))))))) : null);
}

async function loadUnit(announce) {
  const rsc = checkRsc();
  if (!rsc) return;
  try {
    const [unit, history] = await Promise.all([getJSON('/api/units/' + rsc), getJSON('/api/units/' + rsc + '/observations')]);
    unit.observations = history.observations;
    ops.unit = unit;
    drawUnit();
    try { sessionStorage.setItem('podium-ops-rsc', rsc); } catch (e) { /* private mode */ }
  } catch (e) {
    ops.unit = null;
    $('unit-info').replaceChildren();
    $('history').replaceChildren();
    if (announce) fieldError('rsc-error', e.status === 404 ? t('unknown_unit') : t('load_error', { msg: e.message }), $('rsc'));
  }
}

document.addEventListener('DOMContentLoaded', () => {
  labels();
  try {
    $('token').value = sessionStorage.getItem('podium-ops-token') || '';
    $('rsc').value = new URLSearchParams(location.search).get('unit') || sessionStorage.getItem('podium-ops-rsc') || '';
  } catch (e) { /* private mode */ }
  $('lang-switch').addEventListener('click', () => { pdSetLang(pdLang() === 'en' ? 'zh' : 'en'); labels(); });
  $('load').addEventListener('click', () => loadUnit(true));
  $('rsc').addEventListener('change', () => loadUnit(true));
  $('entry').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('message').hidden = true;
    const rsc = checkRsc();
    const body = checkBody();
    const seq = checkSeq();
    if (!rsc || !body || seq === null) { say('bad', [$('rsc-error').textContent, $('body-error').textContent, $('seq-error').textContent].filter(Boolean).join(' ')); return; }
    const token = checkToken();
    if (!token) return;
    await send('/api/units/' + rsc + '/observations' + (seq ? '?supersedes=' + seq : ''), body, token);
  });
  $('set-status').addEventListener('click', async () => {
    $('message').hidden = true;
    const rsc = checkRsc();
    if (!rsc) { say('bad', t('bad_rsc')); return; }
    const token = checkToken();
    if (!token) return;
    await send('/api/units/' + rsc + '/status', { status: $('status').value }, token);
  });
  if ($('rsc').value) loadUnit(false);
  document.body.dataset.ready = 'true';
});
