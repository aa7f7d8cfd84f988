// The browser's own Back button in the question flow (see
// docs/back-button.md). With JavaScript, Back goes back one question, never
// to a "Confirm Form Resubmission" prompt or an error page, and nothing is
// put in history.state or the address.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, settle, choose, start, englandWalk } from './lib.mjs';

const env = serverAndBrowser();

const h1 = (page) => page.locator('main h1').innerText();

// where reads what the address bar and history hold, and the page shown.
async function where(page) {
  return page.evaluate(() => ({
    path: location.pathname, search: location.search, hash: location.hash,
    state: history.state, heading: document.querySelector('main h1')?.innerText,
  }));
}

// back presses the browser's Back button and waits for the page it shows.
async function back(page) {
  await settle(page, () => page.goBack({ waitUntil: 'commit' }).catch(() => null));
}

async function flowPage(context) {
  const page = await context.newPage();
  const problems = [];
  page.on('dialog', async (d) => { problems.push(`dialog: ${d.message()}`); await d.dismiss(); });
  page.on('response', (r) => { if (r.status() >= 400 && r.url().startsWith(env.server.url)) { problems.push(`${r.status()} ${r.url()}`); } });
  return { page, problems };
}

describe('the browser Back button, with JavaScript', () => {
  test('goes back one question at a time, to the start page, then off the flow', async () => {
    const context = await env.browser.newContext();
    const { page, problems } = await flowPage(context);
    await page.goto(env.server.url + '/en/help/bill');
    await start(page, env.server.url, 'England');
    const headings = [await h1(page)];
    for (const a of englandWalk.slice(0, 3)) {
      await choose(page, a);
      headings.push(await h1(page));
    }
    // Now on the fourth question; Back walks the questions in reverse.
    for (let i = headings.length - 2; i >= 0; i--) {
      await back(page);
      const w = await where(page);
      assert.equal(w.heading, headings[i], `Back shows question ${i + 1}`);
      assert.equal(w.path, '/en/check');
    }
    // The answer given is still chosen after going back.
    assert.equal(await page.getByLabel(englandWalk[0], { exact: true }).isChecked(), true);
    await back(page);
    assert.equal(await h1(page), 'Can the NHS charge me for my care?');
    await back(page);
    assert.equal(page.url(), env.server.url + '/en/help/bill');
    assert.deepEqual(problems, [], 'no resubmission prompt, no error page');
    await context.close();
  });

  test('Forward after Back shows the later page again', async () => {
    const context = await env.browser.newContext();
    const { page, problems } = await flowPage(context);
    await start(page, env.server.url, 'England');
    await choose(page, englandWalk[0]);
    const second = await h1(page);
    await back(page);
    await settle(page, () => page.goForward({ waitUntil: 'commit' }).catch(() => null));
    assert.equal(await h1(page), second);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('from the sheet, Back returns to the result', async () => {
    const context = await env.browser.newContext();
    const { page, problems } = await flowPage(context);
    await start(page, env.server.url, 'England');
    for (const a of englandWalk) { await choose(page, a); }
    const result = await h1(page);
    await settle(page, () => page.getByRole('button', { name: 'Print a sheet for the hospital' }).click());
    assert.match(await page.locator('h1').first().innerText(), /sheet|hospital|NHS/i);
    await back(page);
    assert.equal(await h1(page), result);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('nothing goes into history.state or the address', async () => {
    const context = await env.browser.newContext();
    const { page } = await flowPage(context);
    const seen = [];
    const look = async () => seen.push(await where(page));
    await start(page, env.server.url, 'England');
    await look();
    await settle(page, () => page.getByRole('button', { name: 'Continue' }).click()); // an error
    await look();
    for (const a of englandWalk) { await choose(page, a); await look(); }
    await settle(page, () => page.getByRole('button', { name: /^Change What kind/ }).click());
    await look();
    await back(page);
    await look();
    for (const w of seen) {
      assert.equal(w.state, null, `history.state on "${w.heading}"`);
      assert.equal(w.search, '');
      assert.equal(w.hash, '');
      assert.match(w.path, /^\/en\/(check)?$/);
    }
    const entries = await page.evaluate(() => (window.navigation ? navigation.entries().map((e) => [e.url, e.getState()]) : []));
    for (const [url, state] of entries) {
      assert.ok(!url.includes('state') && !url.includes('answer'), url);
      assert.equal(state, undefined);
    }
    await context.close();
  });

  test('the quick exit still works after a step is swapped in', async () => {
    const context = await env.browser.newContext();
    await context.route('https://www.bbc.co.uk/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Weather</title>' }));
    const { page } = await flowPage(context);
    await start(page, env.server.url, 'England');
    await choose(page, englandWalk[0]);
    for (let i = 0; i < 3; i++) { await page.keyboard.press('Shift'); }
    await page.waitForURL('https://www.bbc.co.uk/weather');
    await context.close();
  });
});
