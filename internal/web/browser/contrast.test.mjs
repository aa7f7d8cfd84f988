// Every focus and hover state must keep text readable (WCAG 1.4.3: 4.5:1),
// and the radio's focus ring must be clearly visible (3:1, at least 3px).
// States are forced through the DevTools protocol (as the Styles panel
// does), so focus, hover, both at once, and a visited link are all checked.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { serverAndBrowser, pageKinds, openKind } from './lib.mjs';

const env = serverAndBrowser();

const selector = 'a[href], button, input, summary, select, textarea, [tabindex]';
const states = [['focus'], ['hover'], ['focus', 'hover'], ['focus', 'visited'], ['focus', 'hover', 'visited']];

// measure runs in the page: the contrast of every piece of visible text in
// the element against what is painted behind it, and for a radio its ring.
function measure([sel, index, focused, own]) {
  const el = document.querySelectorAll(sel)[index];
  // getComputedStyle hides :visited colours (privacy); the protocol gives
  // the element's real ones (own), which its children may inherit.
  const plain = getComputedStyle(el);
  const colourOf = (n) => {
    const cs = getComputedStyle(n);
    return n === el || (el.contains(n) && cs.color === plain.color) ? own.color : cs.color;
  };
  const backgroundOf = (n) => (n === el ? own.background : getComputedStyle(n).backgroundColor);
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) { return [0, 0, 0, 0]; }
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3] + bottom[3] * (1 - top[3]);
    if (a === 0) { return [0, 0, 0, 0]; }
    return [0, 1, 2].map((i) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a).concat([a]);
  };
  const background = (node) => {
    let colour = [0, 0, 0, 0];
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
      colour = over(colour, parse(backgroundOf(n)));
      if (colour[3] >= 0.999) { return colour; }
    }
    return over(colour, [255, 255, 255, 1]);
  };
  const lum = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05);
  };
  const out = [];
  const describe = (n) => `${n.tagName.toLowerCase()}${n.className && typeof n.className === 'string' ? '.' + n.className.trim().split(/\s+/).join('.') : ''} "${(n.textContent || n.value || n.id || '').trim().slice(0, 40)}"`;
  if (el.matches('input[type=radio], input[type=checkbox]')) {
    if (!focused) { return out; }
    const cs = getComputedStyle(el);
    const width = cs.outlineStyle === 'none' ? 0 : parseFloat(cs.outlineWidth);
    const ring = parse(cs.outlineColor);
    const behind = background(el.parentElement);
    const r = ring[3] === 0 ? 1 : ratio(over(ring, behind), behind);
    if (width < 3 || r < 3) { out.push(`${describe(el)}: focus ring ${width}px at ${r.toFixed(2)}:1`); }
    return out;
  }
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const host = t.parentElement;
    if (!t.textContent.trim() || seen.has(host)) { continue; }
    seen.add(host);
    const box = host.getBoundingClientRect();
    const cs = getComputedStyle(host);
    if (box.width <= 1 || box.height <= 1 || cs.visibility === 'hidden' || cs.display === 'none') { continue; }
    const bg = background(host);
    const fg = over(parse(colourOf(host)), bg);
    const r = ratio(fg, bg);
    if (r < 4.5) { out.push(`${describe(host)}: ${colourOf(host)} on ${bg.slice(0, 3).map(Math.round).join(',')} is ${r.toFixed(2)}:1`); }
  }
  return out;
}

async function checkPage(context, page, kind) {
  const failures = [];
  // Show what hides behind a disclosure (the language list).
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  const cdp = await context.newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
  // Each element shown, once per kind: elements with the same tag, type,
  // classes and classes of their ancestors are styled alike (the style
  // sheet has no positional selectors), so the first stands for the rest
  // (the rules page has hundreds of citation links).
  const shown = await page.evaluate((sel) => {
    const seen = new Set();
    return Array.from(document.querySelectorAll(sel)).map((el) => {
      const cs = getComputedStyle(el);
      if (el.getClientRects().length === 0 || cs.visibility === 'hidden' || el.disabled) { return false; }
      let kind = '';
      for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
        kind += `${n.tagName}.${n.className}[${n.getAttribute('type') || ''}${n.hasAttribute('lang') ? ' lang' : ''}]<`;
      }
      if (seen.has(kind)) { return false; }
      seen.add(kind);
      return true;
    });
  }, selector);
  for (let i = 0; i < nodeIds.length; i++) {
    if (!shown[i]) { continue; }
    for (const state of states) {
      await cdp.send('CSS.forcePseudoState', { nodeId: nodeIds[i], forcedPseudoClasses: state });
      const { computedStyle } = await cdp.send('CSS.getComputedStyleForNode', { nodeId: nodeIds[i] });
      const value = (name) => computedStyle.find((p) => p.name === name).value;
      const own = { color: value('color'), background: value('background-color') };
      for (const f of await page.evaluate(measure, [selector, i, state.includes('focus'), own])) { failures.push(`${kind}, ${state.join('+')}: ${f}`); }
    }
    await cdp.send('CSS.forcePseudoState', { nodeId: nodeIds[i], forcedPseudoClasses: [] });
  }
  await cdp.detach();
  return [...new Set(failures)];
}

describe('focus and hover keep text readable (4.5:1) and radio focus visible', { concurrency: 4 }, () => {
  for (const kind of pageKinds) {
    test(kind, async () => {
      const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await openKind(page, env.server.url, kind);
      assert.deepEqual(await checkPage(context, page, kind), []);
      await context.close();
    });
  }
});
