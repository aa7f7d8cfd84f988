// Redundant entry (WCAG 3.3.7): after Back or Change the later answers are
// kept and chosen again when their question comes round, with and without
// JavaScript.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, settle, choose, start, englandWalk } from './lib.mjs';

const env = serverAndBrowser();

for (const javaScriptEnabled of [true, false]) {
  describe(`answers kept after Back and Change (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
    test('Back twice, then Continue twice without changing anything, keeps every answer', async () => {
      const context = await env.browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await start(page, env.server.url, 'England');
      for (const a of englandWalk.slice(0, 4)) { await choose(page, a); }
      const backButton = () => page.locator('.back-form button[value="back"]').first().click();
      await settle(page, backButton);
      await settle(page, backButton);
      // On the third question: its answer is chosen.
      assert.ok(await page.getByLabel(englandWalk[2], { exact: true }).isChecked(), 'the third answer is still chosen');
      await settle(page, () => page.getByRole('button', { name: 'Continue' }).click());
      assert.ok(await page.getByLabel(englandWalk[3], { exact: true }).isChecked(), 'the fourth answer is offered again');
      await context.close();
    });

    test('Change on the result keeps the answers after the one changed', async () => {
      const context = await env.browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      await start(page, env.server.url, 'England');
      for (const a of englandWalk) { await choose(page, a); }
      await settle(page, () => page.locator('button[value="change:1"]').click());
      assert.ok(await page.getByLabel(englandWalk[1], { exact: true }).isChecked());
      await settle(page, () => page.getByRole('button', { name: 'Continue' }).click());
      assert.ok(await page.getByLabel(englandWalk[2], { exact: true }).isChecked(), 'the answer after the changed one is offered again');
      await context.close();
    });
  });
}
