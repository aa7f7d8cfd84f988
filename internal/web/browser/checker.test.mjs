// Browser tests against the real server in headless Debian Chromium.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, axe, choose, start, pdfPages, settle } from './lib.mjs';

const env = serverAndBrowser();

// Walks written as the labels a person reads, with JavaScript off.
const walks = [
  {
    name: 'asylum seeker, planned operation (England)',
    nation: 'England',
    answers: ['Hospital care: an appointment, a test or scan, an operation or a stay in hospital', 'None of these',
      'In the UK', 'I have asked the UK government for asylum (protection as a refugee)', 'I am waiting for a decision or for an appeal'],
    heading: 'You are not charged while your asylum claim or appeal is waiting.',
  },
  {
    name: 'no papers, pregnant (England)',
    nation: 'England',
    answers: ['Pregnancy, giving birth, or care after the birth (maternity care)', 'None of these', 'In the UK',
      'I do not have permission to be in the UK', 'None of these'],
    heading: 'Your maternity care must not be refused or delayed, but you may get a bill.',
  },
  {
    name: 'refused asylum, no support (Wales)',
    nation: 'Wales',
    answers: ['Hospital care: an appointment, a test or scan, an operation or a stay in hospital', 'None of these',
      'In the UK', 'I have asked the UK government for asylum (protection as a refugee)'],
    heading: 'You are not charged, because you have asked for asylum.',
  },
  {
    name: 'tourist in A&E (Scotland)',
    nation: 'Scotland',
    answers: ['A&E, an urgent treatment centre, a walk-in centre or a minor injuries unit', 'No, I was treated in A&E and could go home'],
    heading: 'A&E is free for everyone.',
  },
];

describe('with JavaScript off', { concurrency: 4 }, () => {
  for (const w of walks) {
    test(`walks to a result: ${w.name}`, async () => {
      const context = await env.browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await start(page, env.server.url, w.nation);
      for (const a of w.answers) { await choose(page, a); }
      assert.equal(await page.locator('h1').innerText(), w.heading);
      assert.deepEqual(await context.cookies(), [], 'no cookies');
      assert.ok(!page.url().includes('state'), 'answers never in the URL');
      await context.close();
    });
  }

  test('Back, Change and the error summary work without JavaScript', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await start(page, env.server.url, 'England');
    await settle(page, () => page.getByRole('button', { name: 'Continue' }).click());
    assert.equal(await page.locator('.error-summary h2').innerText(), 'There is a problem');
    await choose(page, 'A GP (family doctor) or a nurse at a GP surgery');
    assert.match(await page.locator('h1').innerText(), /Seeing a GP is free/);
    await settle(page, () => page.getByRole('button', { name: 'Change What kind of NHS care is this about?' }).click());
    assert.equal(await page.getByLabel('A GP (family doctor) or a nurse at a GP surgery', { exact: true }).isChecked(), true);
    await settle(page, () => page.getByRole('button', { name: 'Back' }).click());
    assert.equal(await page.locator('h1').innerText(), 'Can the NHS charge me for my care?');
    await context.close();
  });
});

async function resultPage(context) {
  const page = await context.newPage();
  await start(page, env.server.url, 'England');
  for (const a of walks[0].answers) { await choose(page, a); }
  return page;
}

describe('accessibility (axe-core): no serious or critical violations', { concurrency: 2 }, () => {
  for (const width of [360, 1280]) {
    test(`every kind of page at ${width}px`, async () => {
      const context = await env.browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      const failures = [];
      const check = async (what) => {
        for (const v of await axe(page)) { failures.push(`${what}: ${v}`); }
      };
      await page.goto(env.server.url + '/en/');
      await check('start');
      await page.getByLabel('England', { exact: true }).check();
      await settle(page, () => page.getByRole('button', { name: 'Start now' }).click());
      await check('question');
      await settle(page, () => page.getByRole('button', { name: 'Continue' }).click());
      await check('question with error');
      await page.goto(env.server.url + '/en/');
      const result = await resultPage(context);
      await check.call(null, 'result');
      const r = await axe(result);
      for (const v of r) { failures.push(`result: ${v}`); }
      await settle(result, () => result.getByRole('button', { name: 'Print a sheet for the hospital' }).click());
      for (const v of await axe(result)) { failures.push(`sheet: ${v}`); }
      await settle(result, () => result.getByRole('button', { name: 'Back to your answer' }).click());
      await settle(result, () => result.getByRole('button', { name: 'Get a letter for the hospital' }).click());
      for (const v of await axe(result)) { failures.push(`letter: ${v}`); }
      for (const path of ['/en/help/bill', '/en/help/gp', '/en/staff/england', '/en/rules/wales', '/en/nowhere']) {
        await page.goto(env.server.url + path);
        await check(path);
      }
      assert.deepEqual(failures, []);
      await context.close();
    });
  }

  test('works at 320px wide without horizontal scrolling', async () => {
    const context = await env.browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await resultPage(context);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    await context.close();
  });
});

describe('printing', { concurrency: 4 }, () => {
  test('the sheet for the hospital prints on one A4 page', async () => {
    const context = await env.browser.newContext();
    const page = await resultPage(context);
    await settle(page, () => page.getByRole('button', { name: 'Print a sheet for the hospital' }).click());
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    assert.equal(pdfPages(pdf), 1);
    await context.close();
  });

  test('the reply letter prints on at most two A4 pages', async () => {
    const context = await env.browser.newContext();
    const page = await resultPage(context);
    await settle(page, () => page.getByRole('button', { name: 'Get a letter for the hospital' }).click());
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdfPages(pdf) <= 2, `${pdfPages(pdf)} pages`);
    await context.close();
  });

  // The desk summary, at 9pt (readable at arm's length), is one A4 page;
  // the longer reference is read online.
  const staffPages = { england: 1, scotland: 1, wales: 1, 'northern-ireland': 1 };
  for (const nation of ['england', 'scotland', 'wales', 'northern-ireland']) {
    test(`the desk summary for ${nation} prints on ${staffPages[nation]} A4 page`, async () => {
      const context = await env.browser.newContext();
      const page = await context.newPage();
      await page.goto(`${env.server.url}/en/staff/${nation}`);
      await page.waitForLoadState('load');
      const pdf = await page.pdf({ format: 'A4' });
      assert.ok(pdfPages(pdf) <= staffPages[nation], `${pdfPages(pdf)} pages`);
      await context.close();
    });
  }
});

describe('quick exit', () => {
  test('Shift pressed three times leaves and replaces the page in history', async () => {
    const context = await env.browser.newContext();
    // Stand in for the neutral site, so no request leaves this machine.
    await context.route('https://www.bbc.co.uk/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Weather</title>' }));
    const page = await context.newPage();
    await page.goto(env.server.url + '/en/help/bill');
    await page.goto(env.server.url + '/en/');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.keyboard.press('Shift');
    await page.waitForURL('https://www.bbc.co.uk/weather');
    await page.goBack();
    assert.equal(page.url(), env.server.url + '/en/help/bill', 'Back skips the page that was left');
    await context.close();
  });

  test('without JavaScript the exit is a plain link', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(env.server.url + '/en/');
    assert.equal(await page.getByRole('link', { name: 'Leave this site' }).getAttribute('href'), 'https://www.bbc.co.uk/weather');
    await context.close();
  });
});
