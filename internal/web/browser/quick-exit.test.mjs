// The quick exit must fire on Shift pressed on its own three times, and
// never during ordinary keyboard use (Shift held as a modifier).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser } from './lib.mjs';

const env = serverAndBrowser();

const exitURL = 'https://www.bbc.co.uk/weather';

async function newPage(options = {}) {
  const context = await env.browser.newContext(options);
  // Stand in for the neutral site, so no request leaves this machine.
  await context.route('https://www.bbc.co.uk/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Weather</title>' }));
  const page = await context.newPage();
  return { context, page };
}

async function staysOnPage(page, url) {
  await page.waitForTimeout(400);
  assert.equal(page.url(), url, 'still on the checker');
  assert.notEqual(await page.evaluate(() => document.body.hidden), true, 'page not blanked');
}

describe('quick exit keyboard shortcut', () => {
  test('Shift+Tab three times does not leave', async () => {
    const { context, page } = await newPage();
    await page.goto(env.server.url + '/en/');
    for (let i = 0; i < 6; i++) { await page.keyboard.press('Tab'); }
    for (let i = 0; i < 3; i++) { await page.keyboard.press('Shift+Tab'); }
    await staysOnPage(page, env.server.url + '/en/');
    await context.close();
  });

  test('Shift+ArrowUp and Shift+ArrowDown between radios do not leave', async () => {
    const { context, page } = await newPage();
    await page.goto(env.server.url + '/en/');
    await page.getByLabel('Wales', { exact: true }).focus();
    await page.keyboard.press('Shift+ArrowUp');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowUp');
    await staysOnPage(page, env.server.url + '/en/');
    await context.close();
  });

  test('Shift+Space three times does not leave', async () => {
    const { context, page } = await newPage();
    await page.goto(env.server.url + '/en/');
    await page.getByLabel('England', { exact: true }).focus();
    for (let i = 0; i < 3; i++) { await page.keyboard.press('Shift+Space'); }
    await staysOnPage(page, env.server.url + '/en/');
    await context.close();
  });

  test("a screen reader's Shift+H (previous heading) three times does not leave", async () => {
    const { context, page } = await newPage();
    await page.goto(env.server.url + '/en/help/bill');
    for (let i = 0; i < 3; i++) { await page.keyboard.press('Shift+H'); }
    await staysOnPage(page, env.server.url + '/en/help/bill');
    await context.close();
  });

  test('Shift alone three times still leaves', async () => {
    const { context, page } = await newPage();
    await page.goto(env.server.url + '/en/');
    for (let i = 0; i < 3; i++) { await page.keyboard.press('Shift'); }
    await page.waitForURL(exitURL);
    await context.close();
  });

  test('a key between Shift presses restarts the count', async () => {
    const { context, page } = await newPage();
    await page.goto(env.server.url + '/en/');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.keyboard.press('a');
    await page.keyboard.press('Shift');
    await staysOnPage(page, env.server.url + '/en/');
    await context.close();
  });
});

describe('quick exit hint', () => {
  test('the "press Shift 3 times" hint is hidden on a touch phone', async () => {
    const { context, page } = await newPage({ isMobile: true, hasTouch: true, viewport: { width: 360, height: 640 } });
    await page.goto(env.server.url + '/en/');
    assert.equal(await page.locator('[data-exit-hint]').isVisible(), false);
    await context.close();
  });

  test('the hint shows on a computer with a mouse and keyboard', async () => {
    const { context, page } = await newPage();
    await page.goto(env.server.url + '/en/');
    assert.equal(await page.locator('[data-exit-hint]').isVisible(), true);
    await context.close();
  });
});
