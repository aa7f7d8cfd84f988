// A whole case in each nation using only the keyboard (Tab, Shift+Tab,
// arrows, Space, Enter): from the start page to the result and then the
// sheet for the hospital, never leaving the site, and at every focus the
// focused element is on screen and not covered by the exit bar.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, focusCheck, englandWalk } from './lib.mjs';

const env = serverAndBrowser();

const cases = [
  { nation: 'England', answers: englandWalk, viewport: { width: 1280, height: 800 } },
  { nation: 'Scotland', viewport: { width: 360, height: 640 },
    answers: ['A&E, an urgent treatment centre, a walk-in centre or a minor injuries unit', 'No, I was treated in A&E and could go home'] },
  { nation: 'Wales', viewport: { width: 320, height: 256 }, // 400% zoom
    answers: ['Hospital care: an appointment, a test or scan, an operation or a stay in hospital', 'None of these',
      'In the UK', 'I have asked the UK government for asylum (protection as a refugee)'] },
  { nation: 'Northern Ireland', viewport: { width: 1280, height: 800 },
    answers: ['Pregnancy, giving birth, or care after the birth (maternity care)', 'None of these', 'In the UK',
      'I have asked the UK government for asylum (protection as a refugee)'] },
];

// walker drives one page by keyboard and records every problem it sees.
function walker(page) {
  const problems = [];
  const origin = new URL(env.server.url).origin;
  const press = async (key) => {
    await page.keyboard.press(key);
    await page.waitForLoadState('load');
    let p;
    try {
      p = await page.evaluate(focusCheck);
    } catch (err) {
      await page.waitForTimeout(500);
      if (new URL(page.url()).origin === origin) { throw err; }
    }
    if (new URL(page.url()).origin !== origin) { throw new Error(`left the site for ${page.url()} after ${key}`); }
    if (p) { problems.push(`${await page.title()}: ${p}`); }
  };
  // tabTo presses Tab until the focused element matches; gives up after
  // a round of the page.
  const tabTo = async (matches, what, arg) => {
    for (let i = 0; i < 120; i++) {
      await press('Tab');
      if (await page.evaluate(matches, arg)) { return; }
    }
    throw new Error(`could not reach ${what} by Tab on "${await page.title()}"`);
  };
  // settleKey presses a key that shows a new page, and waits for it.
  const settleKey = async (key) => {
    await page.evaluate(() => { document.body.dataset.oldPage = '1'; });
    await press(key);
    await page.waitForFunction(() => document.body && !document.body.dataset.oldPage && document.readyState === 'complete');
  };
  // pick focuses the radios and moves with the arrows to the label wanted.
  const pick = async (label) => {
    await tabTo(() => document.activeElement?.type === 'radio', 'the answers');
    const seen = [];
    for (let i = 0; i < 30; i++) {
      const now = await page.evaluate(() => document.activeElement.labels[0].innerText.trim());
      if (now === label) {
        await press('Space');
        assert.equal(await page.evaluate(() => document.activeElement.checked), true);
        return;
      }
      seen.push(now);
      await press('ArrowDown');
    }
    throw new Error(`no answer "${label}" on "${await page.title()}": ${[...new Set(seen)].join(' | ')}`);
  };
  const activate = async (name) => {
    await tabTo((n) => {
      const el = document.activeElement;
      return el && (el.tagName === 'BUTTON' || el.tagName === 'A') && el.innerText.trim() === n;
    }, name, name);
    await settleKey('Enter');
  };
  // Shift+Tab on the way, as people do when they overshoot.
  const overshoot = async () => { await press('Tab'); await press('Shift+Tab'); };
  return { problems, pick, activate, overshoot };
}

describe('a whole case by keyboard alone', () => {
  for (const c of cases) {
    test(`${c.nation} at ${c.viewport.width}x${c.viewport.height}: start, questions, result, sheet`, async () => {
      const context = await env.browser.newContext({ viewport: c.viewport });
      await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
      const page = await context.newPage();
      await page.goto(env.server.url + '/en/');
      const w = walker(page);
      await w.pick(c.nation);
      await w.overshoot();
      await w.activate('Start now');
      for (const a of c.answers) {
        await w.pick(a);
        await w.overshoot();
        await w.activate('Continue');
      }
      assert.ok(await page.locator('.panel__title').count() === 1, `a result: ${await page.title()}`);
      await w.activate('Print a sheet for the hospital');
      assert.equal(await page.locator('article.paper').count(), 1, 'the sheet');
      assert.deepEqual(w.problems, []);
      await context.close();
    });
  }
});
