// Smaller accessibility defects (issue 8, point 7).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, openKind, settle, englandWalk, focusCheck } from './lib.mjs';

const env = serverAndBrowser();

describe('small defects', () => {
  test('the error message only names answers the question offers', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await openKind(page, env.server.url, 'question');
    const problems = [];
    for (const answer of englandWalk) {
      await settle(page, () => page.getByRole('button', { name: 'Continue' }).click());
      const message = await page.locator('.error-message').innerText();
      const labels = await page.locator('.radio label').allInnerTexts();
      for (const [, quoted] of message.matchAll(/"([^"]+)"/g)) {
        if (!labels.includes(quoted)) { problems.push(`"${await page.locator('h1').innerText()}" suggests "${quoted}", not an answer there`); }
      }
      await page.getByLabel(answer, { exact: true }).check();
      await settle(page, () => page.getByRole('button', { name: 'Continue' }).click());
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the start page with an error says "Error:" in its title', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await openKind(page, env.server.url, 'start with error');
    assert.match(await page.title(), /^Error: /);
    await page.goto(env.server.url + '/en/');
    assert.doesNotMatch(await page.title(), /Error/);
    await context.close();
  });

  test('the skip link does not paint main, nor hide the heading under the bar', async () => {
    for (const viewport of [{ width: 360, height: 640 }, { width: 1280, height: 800 }]) {
      const context = await env.browser.newContext({ viewport });
      const page = await context.newPage();
      await openKind(page, env.server.url, 'result');
      await page.evaluate(() => window.scrollTo(0, 400));
      await page.locator('.skip-link').focus();
      await page.keyboard.press('Enter');
      await page.waitForTimeout(100);
      const got = await page.evaluate(() => {
        const main = document.querySelector('main');
        const cs = getComputedStyle(main);
        const bar = document.querySelector('.exit-bar').getBoundingClientRect();
        const h1 = document.querySelector('main h1').getBoundingClientRect();
        return { focused: document.activeElement === main, background: cs.backgroundColor, shadow: cs.boxShadow, h1Top: h1.top, barBottom: bar.bottom };
      });
      assert.equal(got.focused, true, 'main has focus');
      assert.equal(got.background, 'rgba(0, 0, 0, 0)', `main is not painted at ${viewport.width}px`);
      assert.equal(got.shadow, 'none');
      assert.ok(got.h1Top >= got.barBottom, `h1 at ${got.h1Top} is under the bar (bottom ${got.barBottom}) at ${viewport.width}px`);
      await context.close();
    }
  });

  test('"Back" is announced as "Back", its arrow is decoration', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await openKind(page, env.server.url, 'question');
    assert.equal(await page.getByRole('button', { name: 'Back', exact: true }).count(), 1);
    await context.close();
  });

  test('the exit bar is inside a landmark', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    for (const kind of ['start', 'result', 'help page']) {
      await openKind(page, env.server.url, kind);
      const landmark = await page.evaluate(() => {
        const l = document.querySelector('[data-exit]').closest('header, footer, main, nav, aside, section[aria-label], [role]');
        return l ? `${l.tagName.toLowerCase()} ${l.getAttribute('aria-label') || ''}` : null;
      });
      assert.ok(landmark, `${kind}: the quick exit is outside every landmark`);
    }
    await context.close();
  });

  test('the exit button keeps its shape in forced colours', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await page.emulateMedia({ forcedColors: 'active' });
    await page.goto(env.server.url + '/en/');
    const border = await page.locator('[data-exit]').evaluate((a) => {
      const cs = getComputedStyle(a);
      return { width: parseFloat(cs.borderTopWidth), style: cs.borderTopStyle };
    });
    assert.ok(border.width >= 1 && border.style !== 'none', `exit border ${JSON.stringify(border)}`);
    await context.close();
  });

  test('the page says the quick exit does not clear history, and how to', async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    for (const kind of ['start', 'question', 'result']) {
      await openKind(page, env.server.url, kind);
      const text = await page.locator('footer').innerText();
      assert.match(text, /history/i, `${kind}: nothing about history`);
      assert.match(text, /clear/i, `${kind}: nothing about clearing history`);
    }
    await context.close();
  });
});
