// Focus is never hidden under the sticky exit bar (WCAG 2.4.11): tabbing
// forwards and backwards through every kind of page, following the error
// summary's link, and the staff page's jump links, on a phone, a computer,
// and at 400% zoom (a 1280x1024 screen at 400% is 320x256 CSS pixels).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, pageKinds, openKind, focusCheck, focusNow } from './lib.mjs';

const env = serverAndBrowser();

const viewports = [
  { name: '360x640', viewport: { width: 360, height: 640 } },
  { name: '1280x800', viewport: { width: 1280, height: 800 } },
  { name: '400% zoom', viewport: { width: 320, height: 256 } },
];

// stops is how many focus stops each walk checks: every stop of every
// page but the longest (the staff reference and rules pages), whose
// repeated lists of links are checked as far as the bar has scrolled over
// several screens of them.
const stops = 80;

// tabThrough presses key until focus leaves the page (or comes round
// again), checking each focused element; it returns the problems found.
async function tabThrough(page, key, where) {
  const problems = [];
  let first = null;
  const url = page.url();
  try {
    for (let i = 0; i < stops; i++) {
      await page.keyboard.press(key);
      const [d, p] = await focusNow(page);
      if (d === null) { break; }
      if (i > 0 && d === first) { break; }
      if (i === 0) { first = d; }
      if (p) { problems.push(`${where}, ${key}: ${p}`); }
    }
  } catch (err) {
    problems.push(`${where}, ${key}: left ${url} (${err.message.split('\n')[0]})`);
  }
  return problems;
}

describe('focus is never hidden under the exit bar', { concurrency: 6 }, () => {
  for (const { name, viewport } of viewports) {
    for (const kind of pageKinds) {
      test(`${kind} at ${name}`, async () => {
        const problems = [];
        const where = `${kind} at ${name}`;
        if (kind.endsWith('with error')) {
          // With JavaScript, the error summary takes focus on arrival.
          const js = await env.browser.newContext({ viewport });
          const jsPage = await js.newPage();
          await openKind(jsPage, env.server.url, kind);
          const onLoad = await jsPage.evaluate(focusCheck);
          if (onLoad) { problems.push(`${where}, on arrival: ${onLoad}`); }
          // Its title must be in full view, not under the bar.
          const title = await jsPage.evaluate(() => {
            const t = document.querySelector('.error-summary__title').getBoundingClientRect();
            const b = document.querySelector('.exit-bar').getBoundingClientRect();
            return t.top < b.bottom - 0.5 || t.bottom > innerHeight ? `"There is a problem" at ${Math.round(t.top)}-${Math.round(t.bottom)}, bar bottom ${Math.round(b.bottom)}, window ${innerHeight}` : null;
          });
          if (title) { problems.push(`${where}, on arrival: ${title}`); }
          await js.close();
        }
        // The rest is the style sheet's doing: walk it without JavaScript.
        const context = await env.browser.newContext({ viewport, javaScriptEnabled: false });
        const page = await context.newPage();
        await openKind(page, env.server.url, kind);
        problems.push(...await tabThrough(page, 'Tab', where));
        problems.push(...await tabThrough(page, 'Shift+Tab', where));
        if (kind.endsWith('with error')) {
          await page.locator('.error-summary a').first().focus();
          await page.keyboard.press('Enter');
          await page.waitForTimeout(100);
          const p = await page.evaluate(focusCheck);
          if (p) { problems.push(`${where}, after the error summary's link: ${p}`); }
          assert.match(await page.evaluate(() => document.activeElement.id), /-0$/, 'the link moves focus to the first radio');
        }
        if (kind === 'staff reference') {
          const anchors = await page.locator('.staff__nav a[href^="#"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
          for (const href of anchors) {
            await page.locator(`.staff__nav a[href="${href}"]`).focus();
            await page.keyboard.press('Enter');
            await page.waitForTimeout(50);
            const hidden = await page.evaluate((id) => {
              const h = document.querySelector(id + ' h2');
              const bar = document.querySelector('.exit-bar').getBoundingClientRect();
              const r = h.getBoundingClientRect();
              return r.top < bar.bottom - 1 ? `heading "${h.textContent}" top ${Math.round(r.top)} is under the bar (bottom ${Math.round(bar.bottom)})` : null;
            }, href);
            if (hidden) { problems.push(`${where}, jump link ${href}: ${hidden}`); }
          }
        }
        assert.deepEqual(problems, []);
        await context.close();
      });
    }
  }
});
