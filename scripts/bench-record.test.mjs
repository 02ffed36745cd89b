// `./dev bench` records each run in BENCHMARKS.md without touching the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { MARK, record } from './bench-record.mjs';

const meta = { date: '2026-12-04 12:00 UTC', commit: 'abc1234', cores: 2, load: '1.0 0.5 0.2' };

test('a run goes first under the mark, and the runs and history before it stay', () => {
  const doc = `# Benchmarks\n\nintro\n\n${MARK}\n\n### older run\n\n## History\n\nold table\n`;
  const once = record(doc, '\x1b[1m==> native\x1b[0m\n  1000 entries | build 1 ms\n', meta);
  assert.equal(
    once,
    `# Benchmarks\n\nintro\n\n${MARK}\n\n### 2026-12-04 12:00 UTC (abc1234, 2 cores, load 1.0 0.5 0.2)\n\n` +
      '```text\n==> native\n  1000 entries | build 1 ms\n```\n\n### older run\n\n## History\n\nold table\n',
  );
  const twice = record(once, 'second', { ...meta, commit: 'def5678' });
  assert.ok(twice.indexOf('def5678') < twice.indexOf('abc1234'), twice);
  assert.ok(twice.endsWith('## History\n\nold table\n'));
});

test('a document without the mark is refused, not rewritten', () => {
  assert.throws(() => record('# Benchmarks\n', 'run', meta), /has no line/);
});

test("the project's BENCHMARKS.md has the mark once", async () => {
  const doc = await readFile(new URL('../BENCHMARKS.md', import.meta.url), 'utf8');
  assert.equal(doc.split(MARK).length, 2);
});
