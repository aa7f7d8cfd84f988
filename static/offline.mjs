// The checker offline: the same flow as the server (internal/web/flow.go),
// replayed from the state posted with each step through the tree and texts
// the server compiles (/{lang}/offline/{version}.json). Pure functions: no
// storage, no network. Used by the service worker (/sw.js) and by the
// conformance test (internal/web/browser/offline-conformance.test.mjs).

// ---- Days: YYYY-MM-DD strings compare as dates.

// ukToday is today's date in the UK, whatever the phone's own zone.
export function ukToday(now = new Date()) {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(now);
  const get = (t) => parts.find((p) => p.type === t).value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const contains = (o, day) => !(o.from && day < o.from) && !(o.until && day > o.until);
const optionsOn = (q, day) => q.options.filter((o) => contains(o, day));

// ---- Constraints, as rules.Constraint.
const isRange = (c) => c.min != null || c.max != null;
function allows(c, v) {
  if (isRange(c)) {
    if (!/^[+-]?\d+$/.test(v)) { return false; }
    const n = Number(v);
    return (c.min == null || n >= c.min) && (c.max == null || n <= c.max);
  }
  return (c.values || []).includes(v);
}
function within(c, d) {
  if (isRange(c)) {
    if (!isRange(d)) { return false; }
    return (d.min == null || (c.min != null && c.min >= d.min)) && (d.max == null || (c.max != null && c.max <= d.max));
  }
  return (c.values || []).every((v) => allows(d, v));
}

// ---- The walk, as rules.Tree.walk.
function pins(r, clause) {
  return Object.entries(clause || {}).every(([name, want]) =>
    r.steps.some((s) => s.option.facts && s.option.facts[name] && within(s.option.facts[name], want)));
}
function take(r, tree, q, o) {
  r.steps.push({ question: q, option: o, settled: false });
  r.next = tree.questions[o.next] ? { id: o.next, ...tree.questions[o.next] } : null;
  r.outcome = r.next ? null : o.next;
}
function routeChoice(r, q, day) {
  let otherwise = null;
  for (const o of optionsOn(q, day)) {
    if (o.otherwise) { otherwise = o; continue; }
    if (pins(r, o.facts)) { return o; }
  }
  return otherwise;
}
function settledAfterCare(data, q, day) {
  let unsure = null;
  for (const o of optionsOn(q, day)) {
    const facts = Object.entries(o.facts || {});
    if (facts.length === 0) { return null; }
    for (const [name, c] of facts) {
      const f = data.facts[name];
      if (!f || !f.not_asked_after_care) { return null; }
      if (!isRange(c) && c.values && c.values.length === 1 && c.values[0] === f.unsure) { unsure = o; }
    }
  }
  return unsure;
}
function settle(data, r, tree, day, after) {
  while (r.next) {
    const q = r.next;
    if (q.route) { take(r, tree, q, routeChoice(r, q, day)); continue; }
    const o = after ? settledAfterCare(data, q, day) : null;
    if (!o) { return; }
    take(r, tree, q, o);
    r.steps[r.steps.length - 1].settled = true;
  }
}

// walk replays answers on a day; after marks care already given. It
// returns null for answers that do not fit the tree.
export function walk(data, nation, day, answers, after = false) {
  const tree = data.nations[nation];
  const r = { steps: [], next: { id: tree.start, ...tree.questions[tree.start] }, outcome: null };
  settle(data, r, tree, day, after);
  for (const a of answers) {
    const q = r.next;
    if (!q || a.question !== q.id) { return null; }
    const o = q.options.find((x) => x.id === a.option);
    if (!o || !contains(o, day)) { return null; }
    take(r, tree, q, o);
    settle(data, r, tree, day, after);
  }
  return r;
}

const answered = (s) => !s.question.route && !s.settled;

// delay is rules.Result.Delay: 0 nothing, 1 must not be delayed, 2 not if urgent.
export function delay(data, nation, r) {
  const out = r.outcome && data.nations[nation].outcomes[r.outcome];
  if (!out || (data.kinds[out.kind] || {}).not_charged) { return 0; }
  const d = data.delay[nation];
  if (!d) { return 0; }
  if (d.some((clause) => pins(r, clause))) { return 1; }
  for (const clause of d) {
    const decides = Object.keys(clause).some((name) => r.steps.some((s) => s.option.facts && s.option.facts[name]));
    if (!decides) { return 2; }
  }
  return 0;
}

// ---- State, as web.State (state.go).
const stateID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const pairs = (as) => as.map((a) => `${a.question}:${a.option}`).join(',');
function parsePairs(s) {
  if (s === '') { return []; }
  const ps = s.split(',');
  if (ps.length > 64) { return null; }
  const out = [];
  for (const p of ps) {
    const i = p.indexOf(':');
    if (i < 0) { return null; }
    const q = p.slice(0, i); const o = p.slice(i + 1);
    if (!stateID.test(q) || !stateID.test(o)) { return null; }
    out.push({ question: q, option: o });
  }
  return out;
}
export function parseState(s) {
  const f = String(s || '').split('|');
  if (f.length !== 6 || f[0] !== '2' || !/^[a-z0-9]+$/.test(f[1]) || !stateID.test(f[2])) { return null; }
  const st = { rules: f[1], nation: f[2], answers: parsePairs(f[3]), ahead: parsePairs(f[4]), careDate: '', staff: false, companion: '' };
  if (!st.answers || !st.ahead) { return null; }
  if (f[5] !== '') {
    for (const opt of f[5].split(',')) {
      const [k, v] = opt.split('=');
      if (k === 'd' && /^\d{4}-\d{2}-\d{2}$/.test(v)) { st.careDate = v; } else if (k === 's' && v === '1') { st.staff = true; } else if (k === 'c') { st.companion = v; } else { return null; }
    }
  }
  return st;
}
export function stateString(st) {
  const opts = [];
  if (st.careDate) { opts.push('d=' + st.careDate); }
  if (st.staff) { opts.push('s=1'); }
  if (st.companion) { opts.push('c=' + st.companion); }
  return ['2', st.rules, st.nation, pairs(st.answers), pairs(st.ahead), opts.join(',')].join('|');
}
const without = (as, q) => as.filter((a) => a.question !== q);
const answer = (st, a) => ({ ...st, answers: [...st.answers, a], ahead: without(st.ahead, a.question) });
function rewind(st, n) {
  const ahead = st.answers.slice(n);
  for (const a of st.ahead) { if (!ahead.some((x) => x.question === a.question)) { ahead.push(a); } }
  return { ...st, answers: st.answers.slice(0, n), ahead };
}

// ---- Texts.
export function msg(data, id, values = {}) {
  return (data.messages[id] || '').replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
}
export function formatDate(data, day) {
  const [y, m, d] = day.split('-').map(Number);
  return msg(data, 'date.' + m, { Day: d, Year: y });
}
const daysBetween = (a, b) => (Date.parse(a + 'T00:00:00Z') - Date.parse(b + 'T00:00:00Z')) / 86400000;

// resultModel is web.resultPage's pieces; resultTexts its assembled text
// (web.resultTexts), compared with the server's by the conformance test.
export function resultModel(data, st, r, today) {
  const tree = data.nations[st.nation];
  const ot = tree.outcomes[r.outcome];
  const cites = (ids) => (ids || []).map((id) => tree.cites[id]);
  const block = (i) => ({ ...tree.blocks[i], citations: cites(tree.blocks[i].citations) });
  const m = {
    ...ot, outcome: r.outcome, blocks: (ot.blocks || []).map(block), bill: (ot.bill || []).map(block),
    help: (ot.help || []).map((i) => tree.orgs[i]), citations: cites(ot.citations), checked: cites(ot.checked), nation: st.nation, nationName: tree.name, careDate: st.careDate, charged: !ot.not_charged, correctOn: tree.correct_on };
  m.now = (ot.steps || [])[0] || '';
  m.rest = (ot.steps || []).slice(1);
  if (st.careDate) {
    // About a bill, the one thing to do now is about the bill.
    m.now = tree.bill_verdict[ot.tone];
    m.rest = ot.steps || [];
  }
  m.stillFree = m.charged ? tree.still_free || [] : [];
  m.delay = delay(data, st.nation, r);
  m.delayNotice = m.delay === 1 ? tree.notices['must-not'] : m.delay === 2 ? tree.notices['if-urgent'] : '';
  m.answers = r.steps.filter(answered).map((s) => ({
    question: tree.questions[s.question.id].legend,
    answer: tree.questions[s.question.id].options.find((o) => o.id === s.option.id).label,
  }));
  m.stale = daysBetween(today, tree.correct_on) > data.stale_days;
  return m;
}
export function resultTexts(m) {
  const out = [m.kind_label, m.title];
  if (!m.careDate) { out.push(m.means); } // about a bill, the verdict says it
  if (m.now) { out.push(m.now); }
  if (m.delayNotice) { out.push(m.delayNotice); }
  out.push(m.why, ...m.rest, ...(m.bring || []));
  for (const c of m.citations || []) { out.push(c.label); }
  for (const c of m.checked || []) { out.push(c.label); }
  for (const a of m.answers) { out.push(a.question, a.answer); }
  return out;
}

// ---- HTML, as the templates (layout.html, question.html, result.html).
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' }[c]));
const digits = (p) => 'tel:' + String(p).replace(/[^\d+]/g, '').replace(/(?!^)\+/g, '');

// markFallbacks is web.markFallbacks: English shown in place of a
// translation being updated (between the markers U+E000 and U+E001) is
// marked as English with a note; in tags, the title and textareas, where
// markup cannot go, the markers are dropped. esc() has escaped every < in
// text and attributes, so each < starts a tag.
export function markFallbacks(html, note) {
  if (!html.includes('\uE000')) { return html; }
  const strip = (s) => s.replace(/[\uE000\uE001]/g, '');
  const mark = (s) => s.replace(/\uE000/g, '<span lang="en" dir="ltr" class="fallback">')
    .replace(/\uE001/g, `</span><span class="fallback__note"> ${esc(strip(note))}</span>`);
  let plain = false;
  return html.split(/(<[^>]*>?)/).map((part, i) => {
    if (i % 2 === 0) { return plain ? strip(part) : mark(part); }
    const m = /^<(\/?)(title|textarea)\b/i.exec(part);
    if (m) { plain = m[1] === ''; }
    return strip(part);
  }).join('');
}

function layout(data, title, main, extra = '') {
  return markFallbacks(pageHTML(data, title, main, extra), msg(data, 'ui.fallback-note'));
}

function pageHTML(data, title, main, extra) {
  const t = (id) => esc(msg(data, id));
  const p = data.paths;
  return `<!doctype html>
<html lang="${esc(data.lang)}" dir="${data.dir === 'rtl' ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)} – ${t('ui.service-name')}</title>
<link rel="stylesheet" href="${esc(data.assets['app.css'])}">
<link rel="icon" href="${esc(data.assets['icon.svg'])}" type="image/svg+xml">
<link rel="manifest" href="${esc(p.manifest)}">
<meta name="theme-color" content="#0f4c5c">
<script src="${esc(data.assets['app.js'])}" defer></script>
</head>
<body>
<a class="skip-link" href="#main">${t('ui.skip')}</a>
<aside class="exit-bar" aria-label="${t('ui.exit-region')}">
  <div class="wrap exit-bar__inner">
    <a class="exit" href="https://www.bbc.co.uk/weather" rel="noreferrer" data-exit>${t('ui.exit')}</a>
    <span class="exit-hint" data-exit-hint hidden>${t('ui.exit-hint')}</span>
  </div>
</aside>
<header class="header">
  <div class="wrap header__inner">
    <a class="brand" href="${esc(p.start)}">${t('ui.service-name')}</a>
  </div>
</header>
${extra}<main id="main" class="wrap" tabindex="-1">
${main}
</main>
<footer class="footer">
  <div class="wrap">
    <p>${t('ui.footer.not-advice')}</p>
    <p>${t('ui.footer.privacy')}</p>
    <p>${t('ui.exit-history')}</p>
    <ul class="footer__links">
      <li><a href="${esc(p.start)}">${t('ui.footer.start')}</a></li>
      <li><a href="${esc(p.staff.england)}">${t('ui.footer.staff')}</a></li>
    </ul>
  </div>
</footer>
</body>
</html>
`;
}

const offlineNote = (data, tree) => `<p class="wrap notice" id="answered-offline" role="note">${esc(msg(data, 'offline.answered', { Date: formatDate(data, tree.correct_on) }))}</p>\n`;

function backForm(data, state) {
  return `<form method="post" action="${esc(data.paths.check)}" class="back-form">
  <input type="hidden" name="state" value="${esc(state)}">
  <button class="link back" name="action" value="back">${esc(msg(data, 'ui.back'))}</button>
</form>`;
}

function questionPage(data, st, r, day, missing) {
  const tree = data.nations[st.nation];
  const q = r.next;
  const qt = tree.questions[q.id];
  const keep = (st.ahead.find((a) => a.question === q.id) || {}).option;
  const t = (id) => esc(msg(data, id));
  const state = stateString(st);
  const desc = [qt.hint ? 'question-hint' : '', missing ? 'question-error' : ''].filter(Boolean).join(' ');
  const opts = optionsOn(qt, day).map((o, i) => `<div class="radio">
  <input type="radio" name="answer" id="answer-${i}" value="${esc(o.id)}"${o.id === keep ? ' checked' : ''}${o.hint ? ` aria-describedby="answer-${i}-hint"` : ''}>
  <label for="answer-${i}">${esc(o.label)}</label>
  ${o.hint ? `<p class="hint radio__hint" id="answer-${i}-hint">${esc(o.hint)}</p>` : ''}
</div>`).join('\n');
  const main = `${backForm(data, state)}
${st.answers.length === 0 ? `<p class="emergency"><strong>${t('ui.emergency')}</strong></p>` : ''}
<form method="post" action="${esc(data.paths.check)}" novalidate>
  <input type="hidden" name="state" value="${esc(state)}">
  <input type="hidden" name="question" value="${esc(q.id)}">
  ${missing ? `<div class="error-summary" role="alert" tabindex="-1" data-focus>
    <h2 class="error-summary__title">${t('ui.error-title')}</h2>
    <ul><li><a href="#answer-0">${t('ui.error-choose')}</a></li></ul>
  </div>` : ''}
  <div class="field${missing ? ' field--error' : ''}">
    <fieldset${desc ? ` aria-describedby="${desc}"` : ''}>
      <legend><h1>${esc(qt.legend)}</h1></legend>
      ${qt.hint ? `<p class="hint" id="question-hint">${esc(qt.hint)}</p>` : ''}
      ${missing ? `<p class="error-message" id="question-error"><span class="visually-hidden">${t('ui.error-prefix')}</span> ${t('ui.error-choose')}</p>` : ''}
      <div class="radios">
${opts}
      </div>
    </fieldset>
  </div>
  <button class="button" name="action" value="next">${t('ui.continue')}</button>
</form>
<p class="meta">${t('ui.answer-for-someone')}</p>`;
  const title = (missing ? msg(data, 'ui.error-prefix') + ' ' : '') + qt.legend;
  return layout(data, title, main, offlineNote(data, tree));
}

const list = (items, cls) => `<ul${cls ? ` class="${cls}"` : ''}>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
const citations = (cs) => `<ul class="citations">${(cs || []).map((c) => `<li><a href="${esc(c.url)}" rel="noreferrer" data-cite="${esc(c.id)}">${esc(c.label)}</a>${c.quote ? `<blockquote>${esc(c.quote)}</blockquote>` : ''}</li>`).join('')}</ul>`;
const orgs = (os) => `<ul class="orgs">${(os || []).map((o) => `<li class="org"><h3 class="org__name">${esc(o.name)}</h3><p>${esc(o.description)}</p><p class="org__contact">${o.phone ? `<a class="org__phone" href="${esc(digits(o.phone))}">${esc(o.phone)}</a> ` : ''}${o.url ? `<a href="${esc(o.url)}" rel="noreferrer">${esc(o.url)}</a>` : ''}</p></li>`).join('')}</ul>`;
const blocks = (bs) => (bs || []).map((b) => `<section class="block" id="block-${esc(b.id)}"><h2>${esc(b.title)}</h2>${b.list ? list(b.paragraphs || []) : (b.paragraphs || []).map((p) => `<p>${esc(p)}</p>`).join('')}${b.citations && b.citations.length ? `<p class="block__law">${b.citations.map((c) => `<a href="${esc(c.url)}" rel="noreferrer" data-cite="${esc(c.id)}">${esc(c.label)}</a>`).join('; ')}</p>` : ''}${b.help && b.help.length ? orgs(b.help) : ''}</section>`).join('\n');

function resultPage(data, st, r, today) {
  const m = resultModel(data, st, r, today);
  const tree = data.nations[st.nation];
  const block = (i) => ({ ...tree.blocks[i], citations: (tree.blocks[i].citations || []).map((id) => tree.cites[id]) });
  const t = (id, v) => esc(msg(data, id, v));
  const state = stateString({ ...st, ahead: [] });
  const p = data.paths;
  let n = 0;
  const rows = m.answers.map((a) => `<div class="summary__row"><dt>${esc(a.question)}</dt><dd>${esc(a.answer)}</dd><dd class="summary__action"><button class="link" name="action" value="change:${n++}">${t('result.change')}<span class="visually-hidden"> ${esc(a.question)}</span></button></dd></div>`).join('\n');
  const main = `${backForm(data, state)}
${m.careDate ? `<p class="meta" id="bill-context">${t('bill.context', { Date: formatDate(data, m.careDate) })}</p>` : ''}
<div class="panel panel--${esc(m.tone)}">
  <p class="panel__kind">${esc(m.kind_label)}</p>
  <h1 class="panel__title">${esc(m.title)}</h1>
  ${m.careDate ? '' : `<p class="panel__means">${esc(m.means)}</p>`}
</div>
${m.now ? `<p class="do-now" id="do-now"><strong>${t('result.now')}</strong> ${esc(m.now)}</p>` : ''}
${m.delayNotice ? `<p class="notice notice--strong" id="delay-notice" data-delay="${m.delay}">${esc(m.delayNotice)}</p>` : ''}
${m.stale ? `<p class="notice notice--warning">${t('result.stale', { Date: formatDate(data, m.correctOn) })}</p>` : ''}
${st.staff ? `<section class="staff-view" id="staff-view">
  <h2>${t('result.staff.title')}</h2>
  <p>${esc(tree.staff_do[m.kind])}</p>
  ${m.paper_bring && m.paper_bring.length ? `<p><strong>${t('result.staff.record')}</strong></p>${list(m.paper_bring)}` : ''}
  ${blocks((tree.desk || []).map(block))}
</section>` : ''}
<h2>${t('result.why')}</h2>
<p>${esc(m.why)}</p>
${m.rest.length ? `<h2>${t('result.next')}</h2><ol class="steps">${m.rest.map((s) => `<li>${esc(s)}</li>`).join('')}</ol>` : ''}
${m.bring && m.bring.length ? `<h2>${m.evidence ? t('result.bring.evidence') : t('result.bring')}</h2>${list(m.bring, 'bring')}` : ''}
${m.careDate ? blocks(m.bill) : ''}
${m.stillFree.length ? `<section class="block" id="still-free"><h2>${t('result.still-free.title')}</h2><p>${t('result.still-free.intro')}</p>${list(m.stillFree)}</section>` : ''}
${blocks(m.blocks)}
${m.pages && m.pages.length ? `<ul class="help-links" id="result-pages">
  ${m.pages.map((slug) => data.help_pages.find((h) => h.Slug === slug)).filter(Boolean).map((h) => `<li><a href="${esc(h.URL)}">${esc(h.Title)}</a></li>`).join('')}
</ul>` : ''}
<div class="actions">
  <form method="post" action="${esc(p.check)}">
    <input type="hidden" name="state" value="${esc(state)}">
    <button class="button" name="action" value="sheet">${t('result.sheet')}</button>
    <button class="button button--secondary" name="action" value="person-sheet">${t('result.person-sheet')}</button>
    ${st.staff ? `<button class="button button--secondary" name="action" value="staff-off">${t('result.staff.off')}</button>` : `<button class="button button--secondary" name="action" value="staff-on">${t('result.staff.on')}</button>`}
    <button class="button button--secondary" name="action" value="another-care">${t('result.another-care')}</button>
    <button class="button button--secondary" name="action" value="another-person">${t('result.another-person')}</button>
  </form>
</div>
<ul class="help-links" id="result-links">
  ${m.charged ? `<li><a href="${esc(p.challenge[m.nation])}">${t('challenge.title', { Nation: m.nationName })}</a></li>
  <li><a href="${esc(p.pay_first[m.nation])}">${t('payfirst.title', { Nation: m.nationName })}</a></li>` : ''}
</ul>
<h2>${t('result.law')}</h2>
<p>${t('result.law.intro')}</p>
<div id="law">${citations(m.citations)}</div>
${m.checked && m.checked.length ? `<h3>${t('result.checked')}</h3><p>${t('result.checked.intro')}</p><div id="checked">${citations(m.checked)}</div>` : ''}
<h2>${t('result.answers')}</h2>
<form method="post" action="${esc(p.check)}">
  <input type="hidden" name="state" value="${esc(state)}">
  <dl class="summary">
    <div class="summary__row"><dt>${t('result.nation')}</dt><dd>${esc(m.nationName)}</dd><dd class="summary__action"><a href="${esc(p.start)}">${t('result.start-again')}</a></dd></div>
    ${m.careDate ? `<div class="summary__row"><dt>${t('bill.date.legend')}</dt><dd>${esc(formatDate(data, m.careDate))}</dd><dd class="summary__action"></dd></div>` : ''}
${rows}
  </dl>
</form>
<h2>${t('result.help')}</h2>
${orgs(m.help)}
<h2>${t('result.more')}</h2>
<ul class="help-links">${data.help_pages.map((h) => `<li><a href="${esc(h.URL)}">${esc(h.Title)}</a></li>`).join('')}</ul>
<p class="meta" id="correct-on">${t('result.not-advice')} ${t('result.correct-on', { Date: formatDate(data, m.correctOn) })}${m.careDate ? ' ' + t('bill.law-on', { Date: formatDate(data, m.careDate) }) : ''}</p>
<p><a href="${esc(p.start)}" class="button button--secondary">${t('result.start-again')}</a></p>`;
  return layout(data, m.title, main, offlineNote(data, data.nations[st.nation]));
}

// sheetPage is the printable sheet for hospital staff (sheet.html), in
// the page's language.
function sheetPage(data, st, r) {
  const tree = data.nations[st.nation];
  const ot = tree.outcomes[r.outcome];
  const L = data.sheet.labels;
  const basis = !!(data.kinds[ot.kind] || {}).not_charged;
  const cites = (ids) => (ids || []).map((id) => tree.cites[id]);
  const facts = basis ? r.steps.filter(answered).map((s) => [tree.questions[s.question.id].legend,
    tree.questions[s.question.id].options.find((o) => o.id === s.option.id).label]) : [];
  const bring = ot.paper_bring || [];
  const checked = cites(ot.checked);
  const main = `<div class="doc-actions no-print">
  <form method="post" action="${esc(data.paths.check)}" class="back-form">
    <input type="hidden" name="state" value="${esc(stateString(st))}">
    <button class="link back" name="action" value="show">${esc(L.back)}</button>
  </form>
  <p>${esc(L.print)}</p>
  <button class="button" type="button" data-print hidden>${esc(msg(data, 'ui.print'))}</button>
</div>
<article class="paper">
  <h1 class="paper__title"><span class="bi__local">${esc(L.title)}</span></h1>
  <p class="paper__to"><span class="bi__local">${esc(L.to)}</span></p>
  <dl class="paper__fill">
${['name', 'dob', 'number', 'date'].map((k) => `    <div><dt><span class="bi__local">${esc(L[k])}</span></dt><dd><span class="fill" aria-hidden="true"></span></dd></div>`).join('\n')}
  </dl>
  <section>
    <h2><span class="bi__local">${esc(L.ask)}</span></h2>
    ${(data.sheet.ask[ot.kind] || []).map((a) => `<p class="bi"><span class="bi__local">${esc(a)}</span></p>`).join('')}
  </section>
  ${basis ? `<section>
    <h2><span class="bi__local">${esc(L.rule)}</span></h2>
    <p class="bi paper__answer"><span class="bi__local">${esc(ot.title)}</span></p>
    <p class="bi"><span class="bi__local">${esc(ot.why)}</span></p>
  </section>` : ''}
  <section>
    <h2><span class="bi__local">${esc(L.law)}</span></h2>
    <ul class="paper__law">
      ${cites(ot.citations).map((c) => `<li><strong>${esc(c.label)}</strong>${c.quote ? `: <q>${esc(c.quote)}</q>` : ''} <span class="paper__url">${esc(c.url)}</span></li>`).join('')}
    </ul>
    ${checked.length ? `<h3><span class="bi__local">${esc(L.checked)}</span></h3>
    <ul class="paper__law" id="checked">${checked.map((c) => `<li><strong>${esc(c.label)}</strong> <span class="paper__url">${esc(c.url)}</span></li>`).join('')}</ul>` : ''}
  </section>
  ${facts.length ? `<section>
    <h2><span class="bi__local">${esc(L.facts)}</span></h2>
    <dl class="paper__facts">${facts.map(([q, a]) => `<div><dt><span class="bi__local">${esc(q)}</span></dt><dd><span class="bi__local">${esc(a)}</span></dd></div>`).join('')}</dl>
  </section>` : ''}
  ${bring.length ? `<section>
    <h2><span class="bi__local">${esc(ot.evidence ? L['documents-evidence'] : L.documents)}</span></h2>
    <ul>${bring.map((b) => `<li><span class="bi__local">${esc(b)}</span></li>`).join('')}</ul>
  </section>` : ''}
  <footer class="paper__footer"><span class="bi__local">${esc(data.sheet.footer[st.nation])}</span></footer>
</article>`;
  return layout(data, L.title, main, offlineNote(data, tree));
}

// personSheetPage is the person's own sheet (person-sheet.html), in their
// language only.
function personSheetPage(data, st, r) {
  const m = resultModel(data, st, r, ukToday());
  const L = data.person_sheet.labels;
  const main = `<div class="doc-actions no-print">
  <form method="post" action="${esc(data.paths.check)}" class="back-form">
    <input type="hidden" name="state" value="${esc(stateString(st))}">
    <button class="link back" name="action" value="show">${esc(L.back)}</button>
  </form>
  <p>${esc(L.print)}</p>
  <button class="button" type="button" data-print hidden>${esc(msg(data, 'ui.print'))}</button>
</div>
<p class="no-print">${esc(L.help)}</p>
<article class="paper paper--person">
  <h1 class="paper__title">${esc(L.title)}</h1>
  <p class="notice notice--strong paper__private" id="private">${esc(L.private)}</p>
  <p>${esc(L.intro)}</p>
  <dl class="paper__fill">
    <div><dt>${esc(L.nation)}</dt><dd>${esc(m.nationName)}</dd></div>
  </dl>
  <section>
    <h2>${esc(L.answer)}</h2>
    <p class="paper__answer">${esc(m.kind_label)}</p>
    <p class="paper__answer">${esc(m.title)}</p>
    <p>${esc(m.means)}</p>
    ${m.delayNotice ? `<p class="paper__answer">${esc(m.delayNotice)}</p>` : ''}
  </section>
  <section>
    <h2>${esc(L.why)}</h2>
    <p>${esc(m.why)}</p>
  </section>
  <section>
    <h2>${esc(L.steps)}</h2>
    <ol class="steps">${(m.steps || []).map((s) => `<li>${esc(s)}</li>`).join('')}</ol>
  </section>
  ${m.bring && m.bring.length ? `<section>
    <h2>${esc(m.evidence ? L['bring-evidence'] : L.bring)}</h2>
    <ul>${m.bring.map((b) => `<li>${esc(b)}</li>`).join('')}</ul>
  </section>` : ''}
  <section>
    <h2>${esc(L.orgs)}</h2>
    <p class="paper__answer">${esc(L.emergency)}</p>
    <ul class="paper__orgs" id="orgs">
      ${m.help.map((o) => `<li>
        <strong>${esc(o.name)}</strong>
        ${o.phone ? `<br>${esc(L.phone)}: <a class="paper__phone" href="${esc(digits(o.phone))}">${esc(o.phone)}</a>` : ''}
        ${o.url ? `<br>${esc(L.web)}: <span class="paper__url">${esc(o.url)}</span>` : ''}
      </li>`).join('')}
    </ul>
  </section>
  <section>
    <h2>${esc(L.law)}</h2>
    <ul class="paper__law">
      ${m.citations.map((c) => `<li><strong>${esc(c.label)}</strong> <span class="paper__url">${esc(c.url)}</span></li>`).join('')}
    </ul>
  </section>
  <p class="paper__answer" id="correct-on">${esc(data.person_sheet.correct_on[st.nation])}</p>
  <footer class="paper__footer">${esc(data.person_sheet.footer)}</footer>
</article>`;
  return layout(data, L.title, main, offlineNote(data, data.nations[st.nation]));
}

// needsConnection is the page for what only the server does (papers,
// reports, the two-language view): the answers stay in the page.
export function needsConnection(data, state) {
  const t = (id) => esc(msg(data, id));
  const main = `${state ? backForm(data, state).replace('value="back"', 'value="show"') : ''}
<h1>${t('offline.needs-connection.title')}</h1>
<p>${t('offline.needs-connection.body')}</p>
<p><a href="${esc(data.paths.start)}">${t('ui.footer.start')}</a></p>`;
  return layout(data, msg(data, 'offline.needs-connection.title'), main);
}

// removedPage says what "Remove from this phone" removed, when the
// worker did it without a connection.
export function removedPage(data) {
  const t = (id) => esc(msg(data, id));
  return layout(data, msg(data, 'offline.removed.title'), `<h1>${t('offline.removed.title')}</h1>
<p id="removed-body">${t('offline.removed.body')}</p>
<p><a class="button button--secondary" href="${esc(data.paths.start)}">${t('ui.footer.start')}</a></p>`);
}

// assemble answers one POST of the flow, as web.Server.check does. It
// returns {status, html}, or {start: true} for the start page (kept by
// the worker).
export function assemble(data, form, today = ukToday()) {
  const action = form.get('action') || '';
  const page = (status, html) => ({ status, html });
  const offline = () => page(503, needsConnection(data, form.get('state') || ''));
  let st;
  if (action === 'start') {
    const nation = form.get('nation');
    if (!data.nations[nation]) { return { start: true }; }
    st = { rules: data.rules, nation, answers: [], ahead: [], careDate: '', staff: false, companion: '' };
    return show(data, st, today, false, 200);
  }
  st = parseState(form.get('state'));
  if (!st || st.rules !== data.rules || !data.nations[st.nation] || st.companion) { return offline(); }
  const day = st.careDate || today;
  const r = walk(data, st.nation, day, st.answers, !!st.careDate);
  if (!r) { return offline(); }
  const walkAndShow = (s) => show(data, s, today, false, 200);
  if (action === 'next') {
    if (!r.next || form.get('question') !== r.next.id) { return show(data, st, today, false, 409); }
    const a = form.get('answer');
    if (!a) { return show(data, st, today, true, 422); }
    return walkAndShow(answer(st, { question: r.next.id, option: a }));
  }
  if (action === 'back') {
    if (st.answers.length === 0) { return { start: true }; }
    return walkAndShow(rewind(st, st.answers.length - 1));
  }
  if (action.startsWith('change:')) {
    const n = Number(action.slice(7));
    if (!Number.isInteger(n) || n < 0 || n >= st.answers.length) { return offline(); }
    return walkAndShow(rewind(st, n));
  }
  if (action === 'another-care') { return walkAndShow(rewind(st, 0)); }
  if (action === 'another-person') { return walkAndShow({ ...st, answers: [], ahead: [], careDate: '' }); }
  if (action === 'show') { return show(data, st, today, false, 200); }
  if (action === 'staff-on' || action === 'staff-off') { return show(data, { ...st, staff: action === 'staff-on' }, today, false, 200); }
  if (action === 'sheet' && r.outcome) { return page(200, sheetPage(data, { ...st, ahead: [] }, r)); }
  if (action === 'person-sheet' && r.outcome) { return page(200, personSheetPage(data, { ...st, ahead: [] }, r)); }
  return offline();
}

// reachable is rules.Tree.Reachable: the nodes that can follow from.
function reachable(tree, from) {
  const seen = new Set();
  const visit = (id) => {
    if (seen.has(id)) { return; }
    seen.add(id);
    for (const o of (tree.questions[id] || { options: [] }).options) { visit(o.next); }
  };
  visit(from);
  return seen;
}

function show(data, st, today, missing, status) {
  const tree = data.nations[st.nation];
  if (st.careDate && st.careDate < tree.complete_from) { return { status: 503, html: needsConnection(data, stateString(st)) }; }
  const day = st.careDate || today;
  const r = walk(data, st.nation, day, st.answers, !!st.careDate);
  if (!r) { return { status: 503, html: needsConnection(data, '') }; }
  if (r.next) {
    const reach = reachable(tree, r.next.id);
    const pruned = { ...st, ahead: st.ahead.filter((a) => reach.has(a.question)) };
    return { status, html: questionPage(data, pruned, r, day, missing) };
  }
  return { status, html: resultPage(data, { ...st, ahead: [] }, r, today) };
}
