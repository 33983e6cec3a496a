// Scanner page: POST /api/access/check, and offline verification of card tokens
// (Ed25519 through WebCrypto where the browser has it) against the public key and
// the revocation list synced every 30 s (GET /api/access/key, /api/access/revocations),
// kept only when its signature verifies and it is not older than the one kept.
"use strict";
const $ = (id) => document.getElementById(id);
const store = window.localStorage;
for (const id of ["token", "venue", "zone"]) {
  if (store.getItem("acr." + id)) $(id).value = store.getItem("acr." + id);
  $(id).addEventListener("change", () => { store.setItem("acr." + id, $(id).value); sync(); });
}

function show(allow, word, why) {
  const v = $("verdict");
  v.className = allow ? "allow" : "deny";
  v.querySelector(".word").textContent = word;
  v.querySelector(".why").textContent = why;
}

function headers() {
  return { "Content-Type": "application/json", "Authorization": "Bearer " + $("token").value.trim() };
}

// The revocation list is signed with the Games' key like the cards: its signature covers
// "PDR1:SEQ:CARDS:S1,S2,..." (docs/accreditation.md). False when it does not verify or the
// browser cannot verify Ed25519.
async function listVerifies(keyHex, list) {
  try {
    const k = await crypto.subtle.importKey("raw", hex(keyHex), { name: "Ed25519" }, false, ["verify"]);
    const text = "PDR1:" + list.seq + ":" + list.cards + ":" + list.revoked.join(",");
    return await crypto.subtle.verify({ name: "Ed25519" }, k, b64url(list.signature),
                                      new TextEncoder().encode(text));
  } catch (e) {
    return false;
  }
}

async function sync() {
  let refused = "";
  try {
    const key = await fetch("/api/access/key").then((r) => r.json());
    const rev = await fetch("/api/access/revocations", { headers: headers() });
    if (!rev.ok) throw new Error((await rev.json()).message);
    const list = await rev.json();
    // a list older than the one kept (same key) is a replay: it could strike a card off again
    const floor = store.getItem("acr.key") === key.public_key ? Number(store.getItem("acr.seq") || 0) : 0;
    if (!(await listVerifies(key.public_key, list))) {
      // altered on the way, or not the Games': the last good list stays
      refused = "revocation list refused: its signature does not verify; ";
    } else if (list.seq < floor) {
      refused = "revocation list refused: older than the one kept (seq " + list.seq + " < " + floor + "); ";
    } else {
      store.setItem("acr.key", key.public_key);
      store.setItem("acr.revoked", JSON.stringify(list.revoked));
      store.setItem("acr.seq", String(list.seq));
      store.setItem("acr.synced", new Date().toISOString());
    }
  } catch (e) {
    /* offline: keep the last list */
  }
  const when = store.getItem("acr.synced");
  $("sync").textContent = refused + (when ? "revocation list of " +
                                     when.slice(0, 19).replace("T", " ") + " UTC" : "not synced");
}

function b64url(text) {
  const s = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

function hex(text) {
  return Uint8Array.from(text.match(/../g) || [], (h) => parseInt(h, 16));
}

function today() {
  const d = new Date(Date.now() + 8 * 3600 * 1000); // Beijing time
  return Number(d.toISOString().slice(0, 10).replace(/-/g, ""));
}

// The offline check of pd_acr_token_verify (docs/accreditation.md).
async function verifyOffline(token) {
  const f = token.split(":");
  if (f.length !== 9 || f[0] !== "PD1") return [false, "malformed token"];
  const key = store.getItem("acr.key");
  if (!key) return [false, "no public key synced yet"];
  if (!(crypto.subtle && crypto.subtle.importKey)) return [false, "this browser cannot verify"];
  let ok;
  try {
    const k = await crypto.subtle.importKey("raw", hex(key), { name: "Ed25519" }, false, ["verify"]);
    const signed = new TextEncoder().encode(token.slice(0, token.lastIndexOf(":")));
    ok = await crypto.subtle.verify({ name: "Ed25519" }, k, b64url(f[8]), signed);
  } catch (e) {
    return [false, "this browser cannot verify Ed25519 signatures"];
  }
  if (!ok) return [false, "forged or altered card"];
  const revoked = JSON.parse(store.getItem("acr.revoked") || "[]");
  if (revoked.includes(Number(f[1]))) return [false, "the card is on the revocation list"];
  const day = today();
  if (day < Number(f[6]) || day > Number(f[7])) return [false, "outside its dates"];
  const has = (list, item) => list === "*" || list.split(",").includes(item);
  if (!has(f[4], $("venue").value.trim().toUpperCase())) return [false, "venue not on the card"];
  if (!has(f[5], $("zone").value)) return [false, "zone not on the card"];
  return [true, "category " + f[3] + " (offline)"];
}

$("scan").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const input = $("card").value.trim();
  $("card").value = "";
  if (!input) return;
  const token = input.startsWith("PD1:") ? input : null;
  const card = token ? token.split(":")[1] : input;
  try {
    const r = await fetch("/api/access/check", {
      method: "POST", headers: headers(),
      body: JSON.stringify({ card: card, venue: $("venue").value.trim().toUpperCase(),
                             zone: $("zone").value }),
    });
    const a = await r.json();
    if (!r.ok) { show(false, "ERROR", a.message || r.status); return; }
    show(a.allow, a.allow ? "ALLOW" : "DENY",
         a.allow ? (a.name + " - " + a.category) : a.message + " (" + a.reason + ")");
  } catch (e) {
    if (!token) { show(false, "OFFLINE", "scan the card's code (PD1:...) to check it offline"); return; }
    const [allow, why] = await verifyOffline(token);
    show(allow, allow ? "ALLOW" : "DENY", why);
  } finally {
    $("card").focus();
  }
});

sync();
setInterval(sync, 30000);
