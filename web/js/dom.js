/*
 * dom.js: small helpers shared by the public pages and the operators' pages.
 * Elements are built with h(), never from HTML strings, so data from the API
 * is always text.
 */
'use strict';

/* h('a', {href: '/x', class: 'y'}, 'text', child, [more]) */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  const add = (c) => {
    if (c === null || c === undefined || c === false) return;
    if (Array.isArray(c)) c.forEach(add);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  };
  children.forEach(add);
  return el;
}

async function getJSON(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!res.ok) {
    let msg = res.status + ' ' + res.statusText;
    try { const body = await res.json(); if (body && body.message) msg = body.message; } catch (e) { /* not JSON */ }
    const err = new Error(msg);
    err.status = res.status;
    throw err;
  }
  return res.json();
}

/* Run fn over items with at most limit requests at once; results in order. */
async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const i = next++;
      try { out[i] = await fn(items[i], i); } catch (e) { out[i] = null; }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function pdDay(start) { return (start || '').slice(0, 10); }
function pdTime(start) { return (start || '').slice(11, 16); }

/* "Mon 7 Feb" / "2月7日 周一" for a YYYY-MM-DD day. */
function pdDayLabel(day) {
  const d = new Date(day + 'T12:00:00Z');
  if (isNaN(d)) return day;
  const locale = pdLang() === 'zh' ? 'zh-CN' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(d);
}

function statusBadge(status) {
  const s = status || 'START_LIST';
  return h('span', { class: 'status status-' + s.toLowerCase().replace('_', '-'), dataset: { status: s } }, t(s));
}
