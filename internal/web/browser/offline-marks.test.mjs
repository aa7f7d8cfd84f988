// The worker marks English shown in place of a translation being updated
// as the server does (web.markFallbacks): an element marked as English and
// a note in text; nothing in tags, the title or a textarea.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markFallbacks } from '../../../static/offline.mjs';

test('fallback markers become marked English in text, and vanish where markup cannot go', () => {
  const page = '<html><head><title>\uE000Checker\uE001 – x</title></head><body>'
    + '<aside aria-label="\uE000Leave\uE001"><p>a \uE000Continue\uE001 b</p><textarea>\uE000T\uE001</textarea></aside></body></html>';
  assert.equal(markFallbacks(page, '(note & \uE000more\uE001)'),
    '<html><head><title>Checker – x</title></head><body>'
    + '<aside aria-label="Leave"><p>a <span lang="en" dir="ltr" class="fallback">Continue</span><span class="fallback__note"> (note &amp; more)</span> b</p>'
    + '<textarea>T</textarea></aside></body></html>');
  assert.equal(markFallbacks('<p>plain</p>', 'n'), '<p>plain</p>');
});
