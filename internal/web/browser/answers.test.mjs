// The pages that answer a person's situation (issue 10): a bill for care
// already given, being asked to pay first, challenging a decision, the
// staff views and the papers. Each is axe-clean, has no sideways scroll at
// 320 and 360 px, and a result shows its answer and the one thing to do
// now inside the first 640 px of a 360 px phone.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, settle, axe, start, choose, englandWalk } from './lib.mjs';

const env = serverAndBrowser();

async function pick(page, value) {
  await page.locator(`input[name="answer"][value="${value}"]`).check();
  await settle(page, () => page.locator('button[name="action"][value="next"]').click());
}

async function billResult(page) {
  await page.goto(env.server.url + '/en/bill');
  await page.getByLabel('England', { exact: true }).check();
  await page.getByLabel('Day').fill('14');
  await page.getByLabel('Month').fill('3');
  await page.getByLabel('Year').fill('2025');
  await settle(page, () => page.locator('button[value="bill-start"]').click());
  for (const v of ['hospital', 'none', 'uk', 'no-permission', 'none']) { await pick(page, v); }
}

async function result(page) {
  await start(page, env.server.url, 'England');
  for (const a of englandWalk) { await choose(page, a); }
}

const kinds = {
  'bill date': async (page) => { await page.goto(env.server.url + '/en/bill'); },
  'bill result': billResult,
  'bill letter': async (page) => { await billResult(page); await settle(page, () => page.locator('button[value="bill-letter"]').click()); },
  'pay first': async (page) => { await page.goto(env.server.url + '/en/pay-first/scotland'); },
  'clinician letter': async (page) => { await page.goto(env.server.url + '/en/pay-first/england/letter'); },
  'challenge': async (page) => { await page.goto(env.server.url + '/en/challenge/northern-ireland'); },
  'desk summary': async (page) => { await page.goto(env.server.url + '/en/staff/wales'); },
  'staff reference': async (page) => { await page.goto(env.server.url + '/en/staff/england/reference'); },
  'staff view': async (page) => { await result(page); await settle(page, () => page.locator('button[value="staff-on"]').click()); },
  'person sheet': async (page) => { await result(page); await settle(page, () => page.locator('button[value="person-sheet"]').click()); },
  'advocate letter': async (page) => { await result(page); await settle(page, () => page.locator('button[value="advocate-letter"]').click()); },
  'report': async (page) => { await result(page); await settle(page, () => page.locator('button[value="report"]').click()); },
};

describe('pages that answer a situation', { concurrency: 4 }, () => {
  for (const [kind, open] of Object.entries(kinds)) {
    test(`${kind}: axe-clean, no sideways scroll at 320 and 360 px`, async () => {
      const context = await env.browser.newContext({ viewport: { width: 360, height: 640 } });
      const page = await context.newPage();
      await open(page);
      assert.deepEqual(await axe(page), [], 'no serious or critical axe violation');
      for (const width of [360, 320]) {
        await page.setViewportSize({ width, height: 640 });
        const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(over <= 0, `${over}px wider than a ${width}px screen`);
      }
      await context.close();
    });
  }

  for (const [name, open] of [['result', result], ['bill result', billResult]]) {
    test(`${name}: the answer and the one thing to do now are in the first 640 px of a phone`, async () => {
      const context = await env.browser.newContext({ viewport: { width: 360, height: 640 } });
      const page = await context.newPage();
      await open(page);
      const bottom = (sel) => page.locator(sel).first().evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
      assert.ok(await bottom('main h1') < 640, 'the h1');
      assert.ok(await bottom('#do-now') < 640, 'the first step');
      await context.close();
    });
  }
});
