// Takes the README's screenshots: node internal/web/browser/screenshots.mjs
// (after make build). Writes docs/screenshots/*.png.
import { mkdirSync } from 'node:fs';
import { launch, startServer, start, choose, settle } from './lib.mjs';

const out = process.argv[2] || 'docs/screenshots';
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launch();

const answers = ['Hospital care: an appointment, a test or scan, an operation or a stay in hospital', 'None of these',
  'In the UK', 'I do not have permission to be in the UK', 'None of these'];

// pick chooses an option by its value, so a walk reads the same in every
// language, then continues.
async function pick(page, value) {
  await page.locator(`input[name="answer"][value="${value}"]`).check();
  await settle(page, () => page.locator('button[name="action"][value="next"]').click());
}

async function shoot(page, name) {
  await page.screenshot({ path: `${out}/${name}.png`, fullPage: true });
}

try {
  for (const [name, width, height] of [['phone', 360, 740], ['desktop', 1280, 900]]) {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${server.url}/en/`);
    await shoot(page, `start-${name}`);
    await start(page, server.url, 'England');
    await shoot(page, `question-${name}`);
    for (const a of answers) { await choose(page, a); }
    await choose(page, 'It can wait until I could go home');
    // A chargeable result, with what stays free for everyone.
    await shoot(page, `result-${name}`);
    await settle(page, () => page.locator('button[value="staff-on"]').click());
    await shoot(page, `staff-view-${name}`);
    await settle(page, () => page.locator('button[value="staff-off"]').click());
    await settle(page, () => page.getByRole('button', { name: 'Print a sheet for the hospital' }).click());
    await shoot(page, `sheet-${name}`);
    if (name === 'desktop') {
      await page.emulateMedia({ media: 'print' });
      await shoot(page, 'sheet-print');
      await page.emulateMedia({ media: 'screen' });
    }
    // A bill for care already given.
    await page.goto(`${server.url}/en/bill`);
    await page.getByLabel('England', { exact: true }).check();
    await page.getByLabel('Day').fill('14');
    await page.getByLabel('Month').fill('3');
    await page.getByLabel('Year').fill('2025');
    await settle(page, () => page.locator('button[value="bill-start"]').click());
    for (const v of ['maternity', 'none', 'uk', 'no-permission', 'none']) { await pick(page, v); }
    await shoot(page, `bill-result-${name}`);
    await page.goto(`${server.url}/en/pay-first/england`);
    await shoot(page, `pay-first-${name}`);
    await page.goto(`${server.url}/en/challenge/wales`);
    await shoot(page, `challenge-${name}`);
    await context.close();
  }
  const context = await browser.newContext({ viewport: { width: 794, height: 1123 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/en/staff/england`);
  await page.emulateMedia({ media: 'print' });
  await shoot(page, 'staff-print');
  await context.close();

  // A result and the printed sheet in right-to-left, Ethiopic and Welsh.
  for (const lang of ['ar', 'ti', 'cy']) {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const p = await ctx.newPage();
    const res = await p.goto(`${server.url}/${lang}/`);
    if (!res || res.status() !== 200) { await ctx.close(); continue; } // a language not offered
    await p.locator('input[name="nation"][value="england"]').check();
    await settle(p, () => p.locator('button[name="action"][value="start"]').click());
    for (const v of ['hospital', 'none', 'uk', 'asylum', 'waiting']) { await pick(p, v); }
    await shoot(p, `result-${lang}-phone`);
    // The sheet as printed: A4's width, print styles.
    await p.setViewportSize({ width: 794, height: 1123 });
    await settle(p, () => p.locator('button[value="sheet"]').click());
    await p.emulateMedia({ media: 'print' });
    await shoot(p, `sheet-${lang}-print`);
    await ctx.close();
  }
} finally {
  await browser.close();
  server.stop();
}
