// Takes the README's screenshots: node internal/web/browser/screenshots.mjs
// (after make build). Writes docs/screenshots/*.png.
import { mkdirSync } from 'node:fs';
import { launch, startServer, start, choose, settle } from './lib.mjs';

const out = process.argv[2] || 'docs/screenshots';
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launch();
const lang = process.env.SHOT_LANG || 'en';

const answers = ['Hospital care: an appointment, a test or scan, an operation or a stay in hospital', 'None of these',
  'In the UK', 'I do not have permission to be in the UK', 'None of these'];

try {
  for (const [name, width, height] of [['phone', 360, 740], ['desktop', 1280, 900]]) {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${server.url}/${lang}/`);
    await page.screenshot({ path: `${out}/start-${name}.png`, fullPage: true });
    await start(page, server.url, 'England');
    await page.screenshot({ path: `${out}/question-${name}.png`, fullPage: true });
    for (const a of answers) { await choose(page, a); }
    await choose(page, 'It can wait until I could go home');
    await page.screenshot({ path: `${out}/result-${name}.png`, fullPage: true });
    await settle(page, () => page.getByRole('button', { name: 'Print a sheet for the hospital' }).click());
    await page.screenshot({ path: `${out}/sheet-${name}.png`, fullPage: true });
    if (name === 'desktop') {
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: `${out}/sheet-print.png`, fullPage: true });
    }
    await context.close();
  }
  const context = await browser.newContext({ viewport: { width: 794, height: 1123 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/${lang}/staff/england`);
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `${out}/staff-print.png`, fullPage: true });
  await context.close();
} finally {
  await browser.close();
  server.stop();
}
