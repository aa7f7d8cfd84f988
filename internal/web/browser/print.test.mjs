// Printing: the result prints without buttons or forms and with the law's
// web addresses; papers a person hands over are at least 10pt; the staff
// desk summary at least 9pt (readable at arm's length).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, openKind, pdfPages } from './lib.mjs';

const env = serverAndBrowser();

// printed runs in the page under print media: the smallest text, the
// buttons and other controls still shown (a form may stay as the box
// round the answers, its buttons gone), and links to other sites without their
// address written after them.
function printed() {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    return el.getClientRects().length > 0 && r.width > 1 && r.height > 1 && cs.visibility !== 'hidden';
  };
  let smallest = { px: Infinity, what: '' };
  for (const el of document.querySelectorAll('body *')) {
    const own = Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !visible(el)) { continue; }
    const px = parseFloat(getComputedStyle(el).fontSize);
    if (px < smallest.px) { smallest = { px, what: `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}"` }; }
  }
  const controls = Array.from(document.querySelectorAll('button, .button, input:not([type=hidden]), select, textarea, summary'))
    .filter(visible).map((el) => `${el.tagName.toLowerCase()} "${(el.textContent || '').trim().slice(0, 30)}"`);
  const bare = Array.from(document.querySelectorAll('main a[href^="http"]')).filter(visible)
    .filter((a) => !getComputedStyle(a, '::after').content.includes(a.getAttribute('href')) && !a.textContent.includes(a.getAttribute('href').replace(/^https?:\/\//, '')))
    .map((a) => a.textContent.trim().slice(0, 40));
  return { pt: smallest.px * 0.75, smallest: smallest.what, controls, bare, links: document.querySelectorAll('main a[href^="http"]').length };
}

const papers = [
  { kind: 'result', minPt: 10, maxPages: 3, urls: true },
  { kind: 'sheet', minPt: 10, maxPages: 1, urls: true },
  { kind: 'letter', minPt: 10, maxPages: 2, urls: true },
  // The desk summary names each law; its addresses would not fit. At 9pt
  // it no longer fits one A4 page: England takes 3, the others 2.
  { kind: 'staff reference', minPt: 9, maxPages: 3, urls: false },
];

describe('printing', () => {
  for (const { kind, minPt, maxPages, urls } of papers) {
    test(`${kind}: at least ${minPt}pt, no buttons${urls ? ', web addresses shown' : ''}, at most ${maxPages} A4 page(s)`, async () => {
      const context = await env.browser.newContext();
      const page = await context.newPage();
      await openKind(page, env.server.url, kind);
      const pdf = await page.pdf({ format: 'A4' });
      await page.emulateMedia({ media: 'print' });
      const got = await page.evaluate(printed);
      const problems = [];
      if (got.pt < minPt - 0.01) { problems.push(`smallest text is ${got.pt.toFixed(2)}pt (${got.smallest})`); }
      for (const c of got.controls) { problems.push(`${c} shows in print`); }
      for (const b of urls ? got.bare : []) { problems.push(`link "${b}" prints without its web address`); }
      if (kind === 'result' && got.links === 0) { problems.push('the result links to no law'); }
      if (pdfPages(pdf) > maxPages) { problems.push(`${pdfPages(pdf)} pages, at most ${maxPages}`); }
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});
