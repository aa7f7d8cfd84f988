// Reflow (WCAG 1.4.10): at 320 CSS pixels wide, no page scrolls sideways.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, pageKinds, openKind } from './lib.mjs';

const env = serverAndBrowser();

describe('no horizontal scrolling at 320px', () => {
  for (const kind of pageKinds) {
    test(kind, async () => {
      const context = await env.browser.newContext({ viewport: { width: 320, height: 640 } });
      const page = await context.newPage();
      await openKind(page, env.server.url, kind);
      const { overflow, widest } = await page.evaluate(() => {
        const doc = document.documentElement;
        let w = null;
        for (const el of document.body.querySelectorAll('*')) {
          const r = el.getBoundingClientRect();
          if (r.right > doc.clientWidth + 0.5 && (!w || r.right > w.right)) {
            w = { right: Math.round(r.right), what: `${el.tagName.toLowerCase()}.${el.className}` };
          }
        }
        return { overflow: doc.scrollWidth - doc.clientWidth, widest: w };
      });
      assert.ok(overflow <= 0, `${kind} is ${overflow}px wider than the screen (widest: ${JSON.stringify(widest)})`);
      await context.close();
    });
  }
});
