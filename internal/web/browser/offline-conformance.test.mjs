// One truth: the offline assembler (static/offline.mjs) against the server.
// The Go side writes the fixtures (TestOfflineFixtures): every scenario of
// rules/scenarios and 1,000 seeded random walks per nation (PNP_SEED,
// PNP_WALKS), each with the outcome and the result's assembled text (the
// list of texts resultTexts makes from the page model) in every language
// the catalogue has. The JavaScript must reach the same outcome and
// assemble exactly the same texts from the same pieces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { walk, resultModel, resultTexts, assemble, parseState } from '../../../static/offline.mjs';

const seed = process.env.PNP_SEED || String(Date.now() % 100000);

test(`the offline assembler matches the server on every scenario and 1,000 walks per nation (seed ${seed})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pnp-offline-'));
  try {
    execFileSync(process.env.GO || 'go', ['test', './internal/web', '-run', '^TestOfflineFixtures$', '-count=1'], {
      env: { ...process.env, PNP_OFFLINE_FIXTURES: dir, PNP_SEED: seed }, stdio: ['ignore', 'ignore', 'inherit'],
    });
    const datas = {};
    for (const f of readdirSync(dir)) {
      const m = /^data-(.+)\.json$/.exec(f);
      if (m) { datas[m[1]] = JSON.parse(readFileSync(join(dir, f), 'utf8')); }
    }
    const { fixtures } = JSON.parse(readFileSync(join(dir, 'fixtures.json'), 'utf8'));
    assert.ok(fixtures.length > 4000, `${fixtures.length} fixtures`);
    let compared = 0;
    for (const fx of fixtures) {
      for (const [lang, want] of Object.entries(fx.texts)) {
        const data = datas[lang];
        const day = fx.care_date || fx.today;
        const r = walk(data, fx.nation, day, fx.answers, !!fx.care_date);
        const where = `${fx.name} [${lang}] (PNP_SEED=${seed})`;
        assert.ok(r, `${where}: the answers do not fit the offline tree`);
        assert.equal(r.outcome, fx.outcome, `${where}: outcome`);
        const st = { rules: data.rules, nation: fx.nation, answers: fx.answers, ahead: [], careDate: fx.care_date || '' };
        assert.deepEqual(resultTexts(resultModel(data, st, r, fx.today)), want, `${where}: assembled text`);
        compared++;
      }
    }
    // Through the forms: the same status, state, question and kept answer
    // at each step, with Change and Back.
    const field = (html, re) => { const m = re.exec(html); return m ? m[1].replaceAll('&#34;', '"').replaceAll('&amp;', '&') : ''; };
    let flows = 0;
    for (const fx of fixtures.filter((f) => f.flow)) {
      let state = '';
      for (const [i, want] of fx.flow.entries()) {
        const form = new URLSearchParams({ ...want.form, ...(want.form.state !== undefined ? { state } : {}) });
        const got = assemble(datas.en, form, fx.today);
        if (got.start) { got.status = 200; got.html = ''; } // the start page, kept by the worker
        const page = {
          status: got.status, state: field(got.html, /name="state" value="([^"]*)"/),
          question: field(got.html, /name="question" value="([^"]*)"/), checked: field(got.html, /name="answer" id="answer-\d+" value="([^"]*)" checked/),
        };
        // A request the server refuses as bad (400) gets the worker's
        // "needs a connection" page (503): both are an error page.
        const kind = (status) => (status === 400 || status === 503 ? 'error' : status);
        page.status = kind(page.status);
        assert.deepEqual(page, { status: kind(want.status), state: want.state, question: want.question || '', checked: want.checked || '' },
          `${fx.name} (PNP_SEED=${seed}): flow step ${i} ${JSON.stringify(want.form)}`);
        state = page.state;
      }
      flows++;
    }
    assert.ok(flows >= 100, `${flows} flows`);

    // The assembled page holds every text, escaped as the server does.
    const data = datas.en;
    const fx = fixtures.find((f) => !f.care_date && f.name.startsWith('walk'));
    let form = new URLSearchParams({ action: 'start', nation: fx.nation });
    let page = assemble(data, form, fx.today);
    for (const a of fx.answers) {
      const state = /name="state" value="([^"]*)"/.exec(page.html)[1].replaceAll('&#34;', '"').replaceAll('&amp;', '&');
      assert.ok(parseState(state), 'state is readable');
      page = assemble(data, new URLSearchParams({ action: 'next', state, question: a.question, answer: a.option }), fx.today);
      assert.equal(page.status, 200);
    }
    const unescape = (s) => s.replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    for (const text of fx.texts.en) { assert.ok(unescape(page.html).includes(text), `result page shows: ${text}`); }
    console.log(`compared ${compared} results and ${flows} flows in ${Object.keys(datas).length} language(s), seed ${seed}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
