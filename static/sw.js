// The checker's service worker, registered only when the person presses
// "Keep this checker on this phone" (docs/offline.md). The server serves it
// at /sw.js with three lines before this one: the offline VERSION, the
// pages' Content-Security-Policy (CSP) and the import of the offline
// assembler (offline.mjs).
//
// It keeps one cache per VERSION holding a language's public pages, its
// offline data and the static files: never an answer. Requests go to the
// network first; when it fails or takes more than TIMEOUT, the cache
// answers, and a step of the flow (a POST to /{lang}/check) is answered
// here, by replaying the state posted with it.

const PREFIX = 'pnp-';
const CACHE = PREFIX + VERSION;
const TIMEOUT = 3500;
const dataPath = /^\/([A-Za-z0-9-]+)\/offline\/[0-9a-f]+\.json$/;
const checkPath = /^\/([A-Za-z0-9-]+)\/check$/;
const removePath = /^\/([A-Za-z0-9-]+)\/offline\/remove$/;

// keep stores one language's public pieces, listed by its offline data.
async function keep(lang) {
  const res = await fetch(`/${lang}/offline/${VERSION}.json`, { cache: 'no-store' });
  if (!res.ok) { throw new Error('no offline data'); }
  const data = await res.clone().json();
  const cache = await caches.open(CACHE);
  const urls = [...data.paths.pages, ...Object.values(data.assets), data.paths.manifest];
  await Promise.all(urls.map(async (u) => {
    const r = await fetch(u, { cache: 'no-store' });
    if (r.ok) { await cache.put(u, r); }
  }));
  await cache.put(data.paths.data, res);
}

// The languages kept under an older version, to keep again under this one.
async function keptLanguages() {
  const langs = new Set();
  for (const name of await caches.keys()) {
    if (!name.startsWith(PREFIX)) { continue; }
    const cache = await caches.open(name);
    for (const req of await cache.keys()) {
      const m = dataPath.exec(new URL(req.url).pathname);
      if (m) { langs.add(m[1]); }
    }
  }
  return [...langs];
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    for (const lang of await keptLanguages()) { await keep(lang); }
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) { await caches.delete(name); }
    }
    await self.clients.claim();
  })());
});

// The page asks to keep its language: {keep: 'en'}; the answer says
// whether it worked.
self.addEventListener('message', (event) => {
  const lang = event.data && event.data.keep;
  if (!lang || !/^[A-Za-z0-9-]+$/.test(lang)) { return; }
  const port = event.ports[0];
  event.waitUntil(keep(lang).then(() => port && port.postMessage({ ok: true }), () => port && port.postMessage({ ok: false })));
});

// network fetches with a deadline.
function network(request) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT);
    fetch(request).then((r) => { clearTimeout(timer); resolve(r); }, (e) => { clearTimeout(timer); reject(e); });
  });
}

async function offlineData(lang) {
  const cache = await caches.open(CACHE);
  const res = await cache.match(`/${lang}/offline/${VERSION}.json`);
  return res ? res.json() : null;
}

// Pages made here carry the server's headers: the same strict CSP.
const html = (body, status) => new Response(body, {
  status,
  headers: {
    'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer',
  },
});

// A step of the flow, answered here from the state in the form.
async function answerStep(lang, body) {
  const data = await offlineData(lang);
  if (!data) { return Response.error(); }
  const out = assemble(data, new URLSearchParams(body));
  if (out.start) {
    const start = await caches.match(data.paths.start);
    return start || Response.error();
  }
  return html(out.html, out.status);
}

// "Remove from this phone" without a connection: the worker removes its
// caches and itself, and says so.
async function removeHere(lang) {
  const data = await offlineData(lang);
  for (const name of await caches.keys()) { await caches.delete(name); }
  await self.registration.unregister();
  return data ? html(removedPage(data), 200) : Response.error();
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) { return; }
  if (req.method === 'POST') {
    const check = checkPath.exec(url.pathname);
    const remove = removePath.exec(url.pathname);
    if (!check && !remove) { return; }
    event.respondWith((async () => {
      const body = await req.clone().text();
      let res;
      try {
        res = await network(req);
      } catch {
        return check ? answerStep(check[1], body) : removeHere(remove[1]);
      }
      if (remove && res.ok) {
        // The server's Clear-Site-Data does this too; the worker makes sure.
        for (const name of await caches.keys()) { await caches.delete(name); }
        await self.registration.unregister();
      }
      return res;
    })());
    return;
  }
  if (req.method !== 'GET') { return; }
  event.respondWith((async () => {
    try {
      const res = await network(req);
      // A kept public page is refreshed with what the server sends.
      if (res.ok && !url.search) {
        const cache = await caches.open(CACHE);
        if (await cache.match(url.pathname)) { await cache.put(url.pathname, res.clone()); }
      }
      return res;
    } catch (e) {
      const hit = await caches.match(url.pathname, { cacheName: CACHE });
      if (hit) { return hit; }
      // A reload of a step of the flow goes to the start, as the server's
      // redirect does: answers are never read from an address.
      const check = checkPath.exec(url.pathname);
      const start = check && await caches.match(`/${check[1]}/`, { cacheName: CACHE });
      if (start) { return start; }
      throw e;
    }
  })());
});
