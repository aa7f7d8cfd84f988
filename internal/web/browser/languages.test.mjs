// Every language on any machine the tests run on: every character of every
// language's messages has an installed font (make test installs Debian's
// Noto fonts), and one language per script family passes axe, prints its
// sheet on one A4 page and has no sideways scroll at 320 px.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { serverAndBrowser, settle, axe, pdfPages } from './lib.mjs';

const env = serverAndBrowser();

// covered returns the code points some installed font has.
function covered() {
  const out = execFileSync('fc-list', ['--format', '%{charset}\n'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const set = new Set();
  for (const line of out.split('\n')) {
    for (const range of line.trim().split(/\s+/)) {
      if (!range) { continue; }
      const [a, b] = range.split('-').map((h) => parseInt(h, 16));
      for (let c = a; c <= (b ?? a); c++) { set.add(c); }
    }
  }
  return set;
}

// messages returns a language's texts from locales/<tag>.json.
function messages(tag) {
  const file = `locales/${tag}.json`;
  if (!existsSync(file)) { return []; }
  return Object.values(JSON.parse(readFileSync(file, 'utf8'))).map((m) => m.other);
}

const tags = readdirSync('locales').filter((f) => f.endsWith('.json') && f !== 'glossary.json').map((f) => f.replace(/\.json$/, ''));

describe('fonts', () => {
  test('every character of every language has an installed font', () => {
    const have = covered();
    const missing = {};
    for (const tag of tags) {
      for (const text of messages(tag)) {
        for (const ch of text) {
          const c = ch.codePointAt(0);
          // Format and joining controls need no glyph of their own.
          if (c < 0x20 || (c >= 0x200b && c <= 0x200f) || c === 0xfeff || (c >= 0x2066 && c <= 0x2069)) { continue; }
          if (!have.has(c)) { (missing[tag] ||= new Set()).add(ch); }
        }
      }
    }
    const report = Object.entries(missing).map(([t, s]) => `${t}: ${[...s].join(' ')}`);
    assert.deepEqual(report, [], 'characters with no font');
  });
});

// One language per script family, where the catalogue has it.
const families = { Latin: 'pl', Arabic: 'ar', Ethiopic: 'ti', Devanagari: 'hi', Bengali: 'bn', CJK: 'zh-Hans' };

async function resultIn(page, tag) {
  await page.goto(`${env.server.url}/${tag}/`);
  await page.locator('input[name="nation"][value="england"]').check();
  await settle(page, () => page.locator('button[name="action"][value="start"]').click());
  for (const v of ['hospital', 'none', 'uk', 'asylum', 'waiting']) {
    await page.locator(`input[name="answer"][value="${v}"]`).check();
    await settle(page, () => page.locator('button[name="action"][value="next"]').click());
  }
}

describe('a language per script family', { concurrency: 4 }, () => {
  for (const [family, tag] of Object.entries(families)) {
    if (!tags.includes(tag)) { continue; }
    test(`${family} (${tag}): axe-clean start, question and result; the sheet on one A4 page`, async () => {
      const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      await page.goto(`${env.server.url}/${tag}/`);
      assert.deepEqual(await axe(page), [], 'start page');
      await resultIn(page, tag);
      assert.deepEqual(await axe(page), [], 'result page');
      await settle(page, () => page.locator('button[value="sheet"]').click());
      const pdf = await page.pdf({ format: 'A4' });
      assert.equal(pdfPages(pdf), 1, 'the sheet prints on one A4 page');
      await context.close();
    });
  }
  for (const tag of ['ar', 'ps']) {
    if (!tags.includes(tag)) { continue; }
    test(`${tag}: no sideways scroll at 320 px, right to left`, async () => {
      const context = await env.browser.newContext({ viewport: { width: 320, height: 640 } });
      const page = await context.newPage();
      await page.goto(`${env.server.url}/${tag}/`);
      assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
      for (const open of [async () => {}, async () => resultIn(page, tag)]) {
        await open();
        const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(over <= 0, `${over}px wider than the screen`);
      }
      await context.close();
    });
  }
});
