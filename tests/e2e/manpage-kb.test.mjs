// The man-page corpus builder's entries stay within what the compiler accepts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entries } from '../../scripts/manpage-kb.mjs';

const longTitle = `rpc - ${'library routines for remote procedure calls '.repeat(12)}`;
const page = (name, title, heading) => ({
  name, section: '3', dir: 3, title,
  sections: [{ heading, paras: ['Some words about it, long enough to be an answer of its own.'] }],
});

test('a page or section title longer than a question may be is cut at a word and marked', () => {
  const list = entries([page('rpc', longTitle, `HEADING ${'word '.repeat(80)}`)], 10, 8000, 'en');
  assert.equal(list.length, 2);
  for (const e of list) {
    assert.ok([...e.question].length <= 300, `${[...e.question].length} characters`);
    assert.ok(e.question.endsWith('…'), e.question);
    assert.ok(!/\s…$/.test(e.question), e.question);
  }
});

test('a short title is kept whole', () => {
  const [e] = entries([page('ls', 'ls - list directory contents', 'NAME')], 1, 8000, 'en');
  assert.equal(e.question, 'ls(3): list directory contents');
});
