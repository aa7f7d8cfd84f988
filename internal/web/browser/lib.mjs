// Shared helpers for the browser tests: start the real server, launch
// Debian's Chromium through playwright-core (never a downloaded browser),
// and run axe-core in a page.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

// Flags for a closed network: no background requests to Google.
const flags = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-default-apps', '--disable-domain-reliability', '--metrics-recording-only'];

export function launch() {
  return chromium.launch({ executablePath: chromiumPath, args: flags, headless: true });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// startServer runs the built binary (bin/pnp, or PNP_BIN) and waits until
// it answers /healthz.
export async function startServer() {
  const port = await freePort();
  const bin = process.env.PNP_BIN || 'bin/pnp';
  const child = spawn(bin, ['serve', '-addr', `127.0.0.1:${port}`, '-contact', 'reports@example.org'],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(url + '/healthz');
      if (res.ok) { return { url, stop: () => child.kill('SIGTERM'), log: () => log }; }
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('server did not start: ' + log);
}

// serverAndBrowser starts the server and Chromium before a file's tests
// and stops them after; the returned object holds both once started.
export function serverAndBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    env.server?.stop();
  });
  return env;
}

// axe runs axe-core (WCAG 2.2 A and AA rules) and returns the violations
// of serious or critical impact.
export async function axe(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// choose picks the radio whose label matches, then continues.
// With JavaScript, app.js swaps each step in without a navigation, so
// these wait for the new page (settle, below).
export async function choose(page, label) {
  await page.getByLabel(label, { exact: true }).check();
  await settle(page, () => page.getByRole('button', { name: 'Continue' }).click());
}

export async function start(page, url, nation) {
  await page.goto(url + '/en/');
  await page.getByLabel(nation, { exact: true }).check();
  await settle(page, () => page.getByRole('button', { name: 'Start now' }).click());
}

// pdfPages counts the pages of a PDF made by Chromium.
export function pdfPages(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) || []).length;
}

// settle runs an action that shows a new page (a navigation, or a step of
// the flow that app.js swaps in) and waits until the new page is there.
export async function settle(page, action) {
  await page.evaluate(() => { document.body.dataset.oldPage = '1'; });
  await action();
  await page.waitForFunction(() => document.readyState === 'complete' && document.body && !document.body.dataset.oldPage);
  await page.waitForLoadState('load');
}

// A whole case in England, as the labels a person reads.
export const englandWalk = ['Hospital care: an appointment, a test or scan, an operation or a stay in hospital', 'None of these',
  'In the UK', 'I have asked the UK government for asylum (protection as a refugee)', 'I am waiting for a decision or for an appeal'];

// pageKinds are the kinds of page the checker shows; openKind shows one.
export const pageKinds = ['start', 'start with error', 'question', 'question with error', 'result', 'sheet', 'letter',
  'help page', 'staff reference', 'rules page', '404'];

export async function openKind(page, url, kind) {
  const click = (role, name) => settle(page, () => page.getByRole(role, { name, exact: true }).click());
  const pick = async (label) => {
    await page.getByLabel(label, { exact: true }).check();
    await click('button', 'Continue');
  };
  switch (kind) {
    case 'start': await page.goto(url + '/en/'); return;
    case 'start with error': await page.goto(url + '/en/'); await click('button', 'Start now'); return;
    case 'help page': await page.goto(url + '/en/help/bill'); return;
    case 'staff reference': await page.goto(url + '/en/staff/england'); return;
    case 'rules page': await page.goto(url + '/en/rules/wales'); return;
    case '404': await page.goto(url + '/en/nowhere'); return;
  }
  await page.goto(url + '/en/');
  await page.getByLabel('England', { exact: true }).check();
  await click('button', 'Start now');
  if (kind === 'question') { return; }
  if (kind === 'question with error') { await click('button', 'Continue'); return; }
  for (const a of englandWalk) { await pick(a); }
  if (kind === 'result') { return; }
  if (kind === 'sheet') { await click('button', 'Print a sheet for the hospital'); return; }
  if (kind === 'letter') { await click('button', 'Get a letter for the hospital'); return; }
  throw new Error('unknown page kind ' + kind);
}

// focusName runs in the page: it names the focused element, or returns
// null when nothing in the page has focus.
function focusName() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) { return null; }
  const all = Array.from(document.querySelectorAll('*'));
  return `${el.tagName.toLowerCase()}#${all.indexOf(el)} "${(el.innerText || el.value || el.id || '').trim().slice(0, 40)}"`;
}

// describeFocus names the focused element, or returns null when nothing
// in the page has focus.
export function describeFocus(page) {
  return page.evaluate(focusName);
}

// focusNow returns, in one trip to the page, the focused element's name
// (describeFocus) and whether it can be seen (focusCheck).
export function focusNow(page) {
  return page.evaluate(`[(${focusName})(), (${focusCheck})()]`);
}

// focusCheck runs in the page: null when the focused element can be seen,
// otherwise why not (off screen, or fully covered by the exit bar).
export function focusCheck() {
  const el = document.activeElement;
  if (!el || el === document.body) { return null; }
  const name = `${el.tagName.toLowerCase()} "${(el.innerText || el.value || el.id || '').trim().slice(0, 40)}"`;
  const bar = document.querySelector('.exit-bar');
  const r = el.getBoundingClientRect();
  const clip = { l: Math.max(r.left, 0), t: Math.max(r.top, 0), r: Math.min(r.right, innerWidth), b: Math.min(r.bottom, innerHeight) };
  const area = (x) => Math.max(0, x.r - x.l) * Math.max(0, x.b - x.t);
  const shown = area(clip);
  if (shown === 0) { return `${name} is off screen (${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)})`; }
  if (!bar || bar.contains(el)) { return null; }
  const b = bar.getBoundingClientRect();
  const under = area({ l: Math.max(clip.l, b.left), t: Math.max(clip.t, b.top), r: Math.min(clip.r, b.right), b: Math.min(clip.b, b.bottom) });
  if (under >= shown - 0.5) { return `${name} is covered by the exit bar (top ${Math.round(r.top)}, bar bottom ${Math.round(b.bottom)})`; }
  return null;
}
