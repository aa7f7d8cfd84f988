// The checker installable and offline on request, in Debian's Chromium:
// opt in, lose the connection, finish a case (axe passing), reload, see a
// rules change replace the cache, and remove it all. A persistent profile,
// as on a phone (an incognito one is never installable).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath, axe, settle } from './lib.mjs';

const flags = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-domain-reliability'];

let port;
let server;
let context;
let profile;
let rulesCopy;

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const p = srv.address().port; srv.close(() => resolve(p)); });
  });
}

// serve runs bin/pnp on the test's one port (the worker is bound to its
// origin), with extra arguments such as -rules DIR.
async function serve(args = []) {
  const child = spawn(process.env.PNP_BIN || 'bin/pnp', ['serve', '-addr', `127.0.0.1:${port}`, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) {
        return { pid: child.pid, stop: () => new Promise((r) => { child.on('exit', r); child.kill('SIGTERM'); }), log: () => log };
      }
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('server did not start: ' + log);
}

const url = (p) => `http://127.0.0.1:${port}${p}`;

before(async () => {
  port = await freePort();
  server = await serve();
  profile = mkdtempSync(join(tmpdir(), 'pnp-profile-'));
  context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: flags, headless: true });
});

after(async () => {
  await context?.close();
  await server?.stop();
  rmSync(profile, { recursive: true, force: true });
  if (rulesCopy) { rmSync(rulesCopy, { recursive: true, force: true }); }
});

// What is stored: cache names and the addresses kept, service workers,
// local storage and IndexedDB databases.
function stored(page) {
  return page.evaluate(async () => {
    const out = { caches: {}, workers: 0, local: localStorage.length, session: sessionStorage.length, idb: [] };
    for (const name of await caches.keys()) {
      const c = await caches.open(name);
      out.caches[name] = (await c.keys()).map((r) => new URL(r.url).pathname + new URL(r.url).search);
    }
    out.workers = (await navigator.serviceWorker.getRegistrations()).length;
    out.idb = (await indexedDB.databases()).map((d) => d.name);
    return out;
  });
}

// The texts of a result, in page order, as a person reads them.
function resultTexts(page) {
  return page.evaluate(() => {
    const sel = ['.panel__kind', 'main h1', '.panel__means', '#do-now', '#delay-notice', 'ol.steps li', 'ul.bring li', '#law a',
      '#checked a', '.summary dt', '.summary dd:not(.summary__action)'];
    return sel.flatMap((s) => Array.from(document.querySelectorAll(s), (e) => e.innerText.trim()));
  });
}

// walkNation answers by position (the (3i+1)-th option, wrapping), so the
// same walk can be made online and offline, and returns the result's texts.
async function walkNation(page, nation) {
  await page.goto(url('/en/'));
  await page.getByLabel(nation, { exact: true }).check();
  await settle(page, () => page.getByRole('button', { name: 'Start now' }).click());
  for (let i = 0; i < 30 && await page.locator('input[name="answer"]').count(); i++) {
    const radios = page.locator('input[name="answer"]');
    await radios.nth((3 * i + 1) % await radios.count()).check();
    await settle(page, () => page.getByRole('button', { name: 'Continue' }).click());
  }
  assert.equal(await page.locator('input[name="answer"]').count(), 0, `${nation}: the walk reaches a result`);
  return resultTexts(page);
}

const nations = ['England', 'Scotland', 'Wales', 'Northern Ireland'];

test('Chromium reports no installability errors, and nothing is stored before the person asks', async () => {
  const page = await context.newPage();
  await page.goto(url('/en/'));
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.deepEqual(manifest.errors, []);
  await walkNation(page, 'England');
  assert.deepEqual(await stored(page), { caches: {}, workers: 0, local: 0, session: 0, idb: [] });
  await page.close();
});

let online = {};
let keptBefore;

test('opt in: the worker keeps the public pages and data, never an answer', async () => {
  const page = await context.newPage();
  for (const n of nations) { online[n] = await walkNation(page, n); }
  await page.goto(url('/en/'));
  await page.getByRole('button', { name: 'Keep this checker on this phone' }).click();
  await page.getByText('This checker is kept on this phone.').waitFor();
  const s = await stored(page);
  const names = Object.keys(s.caches);
  assert.equal(names.length, 1);
  assert.match(names[0], /^pnp-[0-9a-f]{16}$/);
  const kept = s.caches[names[0]];
  for (const p of ['/en/', '/en/bill', '/en/help/bill', '/en/staff/england', '/en/staff/wales', '/en/staff/england/reference']) {
    assert.ok(kept.includes(p), `keeps ${p}`);
  }
  // Within one language's budget, the pay-first and challenge pages need
  // a connection.
  for (const p of ['/en/pay-first/wales', '/en/challenge/scotland']) {
    assert.ok(!kept.includes(p), `does not keep ${p}`);
  }
  assert.ok(kept.some((p) => /^\/en\/offline\/[0-9a-f]+\.json$/.test(p)), 'keeps the offline data');
  assert.ok(!kept.some((p) => p.includes('check') || p.includes('?')), 'no step of the flow and no query is kept');
  assert.equal(s.workers, 1);
  assert.equal(s.local + s.session, 0);
  assert.deepEqual(s.idb, []);
  keptBefore = names[0];
  await page.close();
});

test('offline: a case in each nation is answered by the phone, with the same texts as online; axe passes', async () => {
  const page = await context.newPage();
  await page.goto(url('/en/'));
  await context.setOffline(true);
  try {
    for (const n of nations) {
      const texts = await walkNation(page, n);
      assert.deepEqual(texts, online[n], `${n}: offline and online results say the same`);
      assert.match(await page.locator('#answered-offline').innerText(), /Answered offline by this phone, with the rules checked on \d+ \w+ \d{4}\./);
      assert.match(await page.locator('#correct-on').innerText(), /These rules were last checked/);
      assert.deepEqual(await axe(page), [], `${n}: axe offline`);
    }
    // Change an answer offline: the question comes back with it chosen.
    await settle(page, () => page.locator('.summary__action button').first().click());
    assert.equal(await page.locator('input[name="answer"]:checked').count(), 1);
    assert.deepEqual(await axe(page), [], 'question page offline');
    // Reload offline: the flow's address gives the start page, kept.
    await page.reload();
    assert.equal(await page.locator('h1').innerText(), 'Can the NHS charge me for my care?');
    await page.goto(url('/en/help/interpreter'));
    assert.equal(await page.locator('h1').innerText(), 'You can have a free interpreter');
    // Nothing answered went into storage.
    const s = await stored(page);
    assert.ok(!JSON.stringify(s).includes('check'), 'no answer stored');
    assert.equal(s.local + s.session, 0);
    assert.deepEqual(s.idb, []);
  } finally {
    await context.setOffline(false);
  }
  await page.close();
});

test('the staff view, the sheet for the hospital and the person\'s own sheet offline say what the server\'s say', async () => {
  const page = await context.newPage();
  const sheet = async () => {
    await walkNation(page, 'England');
    await settle(page, () => page.getByRole('button', { name: 'Print a page of your answer for yourself' }).click());
    const own = await page.locator('article.paper').innerText();
    await settle(page, () => page.getByRole('button', { name: 'Back to your answer' }).click());
    await settle(page, () => page.getByRole('button', { name: 'Show this for NHS staff' }).click());
    const staff = await page.locator('#staff-view').innerText();
    await settle(page, () => page.getByRole('button', { name: 'Print a sheet for the hospital' }).click());
    return [own, staff, await page.locator('article.paper').innerText()];
  };
  const online = await sheet();
  await context.setOffline(true);
  try {
    const offline = await sheet();
    assert.deepEqual(offline, online);
    assert.equal(await page.locator('#answered-offline').count(), 1);
    assert.deepEqual(await axe(page), [], 'sheet offline');
    await settle(page, () => page.getByRole('button', { name: 'Back to your answer' }).click());
    assert.equal(await page.locator('.panel__kind').count(), 1, 'back to the result');
  } finally {
    await context.setOffline(false);
  }
  await page.close();
});

test('JavaScript off or no worker: everything still works online', async () => {
  // The other browser tests walk every nation with JavaScript off; here,
  // with the worker kept, a page with JavaScript on still works online.
  const page = await context.newPage();
  const texts = await walkNation(page, 'Wales');
  assert.deepEqual(texts, online.Wales);
  assert.equal(await page.locator('#answered-offline').count(), 0, 'answered by the server when online');
  await page.close();
});

test('a rules change replaces the cache at the next online visit', async () => {
  await server.stop();
  rulesCopy = mkdtempSync(join(tmpdir(), 'pnp-rules-'));
  cpSync('rules', rulesCopy, { recursive: true });
  const f = join(rulesCopy, 'vocabulary.yaml');
  writeFileSync(f, readFileSync(f, 'utf8') + '\n# one changed byte\n');
  server = await serve(['-rules', rulesCopy]);
  const page = await context.newPage();
  await page.goto(url('/en/'));
  // The visit itself checks /sw.js; asking again (every 5 s) makes the
  // test independent of when the browser does.
  let names = [];
  for (let i = 0; i < 300; i++) {
    if (i % 50 === 0) {
      await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration())?.update(); }).catch(() => {});
    }
    names = Object.keys((await stored(page)).caches);
    if (names.length === 1 && names[0] !== keptBefore) { break; }
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(names.length, 1, `one cache only: ${names}`);
  assert.notEqual(names[0], keptBefore, 'the new version replaced the old');
  const kept = (await stored(page)).caches[names[0]];
  assert.ok(kept.includes('/en/'), 'the language is kept again');
  // And offline, the new rules answer.
  await context.setOffline(true);
  try {
    await walkNation(page, 'Scotland');
    assert.equal(await page.locator('#answered-offline').count(), 1);
  } finally {
    await context.setOffline(false);
  }
  await page.close();
});

test('a server that hangs: after the deadline (3.5 s) the phone answers from its cache', async () => {
  const page = await context.newPage();
  await page.goto(url('/en/'));
  await page.getByLabel('Wales', { exact: true }).check();
  process.kill(server.pid, 'SIGSTOP');
  try {
    const t0 = Date.now();
    await settle(page, () => page.getByRole('button', { name: 'Start now' }).click());
    const waited = Date.now() - t0;
    assert.equal(await page.locator('#answered-offline').count(), 1, 'answered by the phone');
    assert.ok(waited >= 3000 && waited < 10000, `waited ${waited} ms`);
    await page.goto(url('/en/help/gp'), { timeout: 15000 });
    assert.equal(await page.locator('h1').innerText(), 'Registering with a GP');
  } finally {
    process.kill(server.pid, 'SIGCONT');
  }
  await page.close();
});

test('"Remove from this phone", a plain form that works without JavaScript, leaves no cache, storage or worker', async () => {
  const page = await context.newPage();
  await page.goto(url('/en/help/bill'));
  await page.getByRole('button', { name: 'Remove from this phone' }).click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('h1').innerText(), 'The checker was removed from this phone');
  let s;
  for (let i = 0; i < 50; i++) {
    s = await stored(page);
    if (s.workers === 0 && Object.keys(s.caches).length === 0) { break; }
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(s, { caches: {}, workers: 0, local: 0, session: 0, idb: [] });
  await page.close();
});
