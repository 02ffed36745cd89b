// What the watcher shows of a failed build: `node --test scripts/watch.test.mjs`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { problems, savedFirst, toolProblems, toolWarnings, warnings } from './watch.mjs';

// cargo's output when build.rs refuses the knowledge base (shortened).
const KB_FAILURE = `   Compiling help-widget v0.1.0 (/work/hw)
error: failed to run custom build command for \`help-widget v0.1.0 (/work/hw)\`

Caused by:
  process didn't exit successfully: \`/work/hw/target/debug/build/help-widget-2d1a/build-script-build\` (exit status: 1)
  --- stdout
  cargo:rerun-if-changed=build.rs
  cargo:rerun-if-env-changed=HELP_WIDGET_KB

  --- stderr
  error: kb/de/meter-reading.md:2: front matter: text must be in double quotes: write question = "Wie?"
  error: kb/en/cookies.md:4: related: unknown id "en/x": ids are written <locale>/<slug>
  error: the knowledge base in kb has 2 problem(s); fix them and build again
`;

test('a knowledge-base failure shows only its diagnostics, under the summary', () => {
  const p = problems(KB_FAILURE);
  assert.equal(p.kind, 'kb');
  assert.equal(p.title, 'the knowledge base in kb has 2 problem(s); fix them and build again');
  assert.deepEqual(p.lines, [
    'kb/de/meter-reading.md:2: front matter: text must be in double quotes: write question = "Wie?"',
    'kb/en/cookies.md:4: related: unknown id "en/x": ids are written <locale>/<slug>',
  ]);
});

test('a Rust failure shows rustc\'s error messages, not the cargo chatter', () => {
  const out = `   Compiling help-widget v0.1.0 (/work/hw)
warning: unused variable: \`x\`
 --> src/engine/mod.rs:3:9

error[E0425]: cannot find value \`y\` in this scope
 --> src/engine/mod.rs:4:5
  |
4 |     y
  |     ^ not found in this scope

error: could not compile \`help-widget\` (lib) due to 1 previous error
`;
  const p = problems(out);
  assert.equal(p.kind, 'rust');
  assert.equal(p.lines.length, 1);
  assert.match(p.lines[0], /^error\[E0425\]: cannot find value `y`/);
  assert.match(p.lines[0], /not found in this scope/);
  assert.doesNotMatch(p.lines[0], /unused variable|could not compile/);
});

test('the build script\'s warnings are shown without cargo\'s prefix', () => {
  const out = 'warning: help-widget@0.1.0: kb/de/cookies.md: warning: no "en" version of this entry: add kb/en/cookies.md\n    Finished `dev` profile\n';
  assert.deepEqual(warnings(out), ['kb/de/cookies.md: no "en" version of this entry: add kb/en/cookies.md']);
});

test('the saved file\'s problems come first', () => {
  const p = savedFirst(problems(KB_FAILURE), 'kb/en/cookies.md');
  assert.match(p.lines[0], /^kb\/en\/cookies.md:4:/);
  assert.equal(p.lines.length, 2);
});

test('the editors\' tool\'s problems are shown one per line under its summary', () => {
  const out = 'kb/de/a.md:3: question is empty: write the question the entry answers\nkb/site.toml:2: locales is empty\nerror: 2 problem(s) in kb; nothing was written\n';
  const p = toolProblems(out);
  assert.equal(p.kind, 'kb');
  assert.equal(p.title, '2 problem(s) in kb; nothing was written');
  assert.deepEqual(p.lines, ['kb/de/a.md:3: question is empty: write the question the entry answers', 'kb/site.toml:2: locales is empty']);
});

test('the editors\' tool\'s warnings are shown without their prefix, and nothing else is', () => {
  const out = 'kb/de/cookies.md: warning: no "en" version of this entry: add kb/en/cookies.md\nwww/pkg/: 4 files, delivery embedded\n';
  assert.deepEqual(toolWarnings(out), ['kb/de/cookies.md: no "en" version of this entry: add kb/en/cookies.md']);
});
