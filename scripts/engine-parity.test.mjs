// The engine as shipped answers like the engine as the compiler made it.
// Between cargo and the kit the recipe rewrites the Wasm (engine-snip's
// cuts of panics and of data nothing reaches, wasm-opt, merged data
// segments, short names) and the glue (its start-up). A rewrite that
// touches a live byte changes answers silently: a stemmer's suffix zeroed
// by a cut once ranked some German queries otherwise, while every test of
// the widget passed. So the shipped engine (target/engine, as ./dev
// builds it) and the same code built `plain` (engine-build.mjs: no cut,
// no wasm-opt, no short names) each answer, in node, the sample kb's
// labelled queries typed key by key, the answers of every hit, and every
// word of those questions and answers alone, still being typed, finished,
// and with each ending the stemmers take off; all must be the same, byte
// for byte. (The cut stemmer suffix showed only there: "lesest".)
//
// Needs the editors' tool (target/debug/help-widget, or HELP_WIDGET_CLI)
// to put the sample kb into each engine; ./dev test builds both first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildEngine, LANGUAGE_FEATURES } from './engine-build.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET = resolve(ROOT, process.env.CARGO_TARGET_DIR ?? 'target');
const SHIPPED = process.env.HELP_WIDGET_ENGINE_DIR ?? join(TARGET, 'engine');
const CLI = process.env.HELP_WIDGET_CLI ?? join(TARGET, 'debug', 'help-widget');

/** Endings the Snowball stemmers of the kb's languages remove, step by step. */
const ENDINGS = {
  de: ['e', 'em', 'en', 'ern', 'er', 'es', 's', 'est', 'st', 'esten', 'end', 'ung', 'ig', 'ik', 'isch', 'lich', 'heit', 'keit'],
  en: ['s', 'es', 'ed', 'ing', 'ly', 'er', 'est', 'ness', 'ful', 'ment', 'ation', 'ize', 'able', 'ive', 'ous'],
};

/** Every prefix of every labelled query of the sample kb, as typed, in
 * `langs` (its locales): [[locale, text]]. */
async function typed(langs) {
  const sample = JSON.parse(await readFile(join(ROOT, 'tests', 'eval', 'sample-queries.json'), 'utf8'));
  return sample.filter(({ lang }) => langs.includes(lang))
    .flatMap(({ query, lang }) => [...query].map((_, i) => [lang, query.slice(0, i + 1)]));
}

/** The engine in `dir` with the sample kb put in by the editors' tool (`pkg`), started in node. */
async function started(dir, work) {
  const out = join(work, `pkg-${dir.split('/').pop()}`);
  execFileSync(CLI, ['pkg', join(ROOT, 'kb'), '--out', out, '--engine', dir], { stdio: 'pipe' });
  const module = await WebAssembly.compile(await readFile(join(out, 'help_widget_bg.wasm')));
  const engine = await import(pathToFileURL(join(out, 'help_widget.js')).href);
  await engine.default({ module_or_path: module });
  const [kb] = WebAssembly.Module.customSections(module, 'help-widget-kb');
  engine.install_kb(new Uint8Array(kb));
  return engine;
}

/** Every answer `engine` gives to `queries` ([locale, text]): the hits,
 * each hit's answer, and the hits of every word of those answers, as text. */
function answers(engine, queries) {
  const out = [];
  const ids = new Set();
  const words = new Set();
  const ask = (locale, text) => {
    const hits = engine.search(text, locale, 10);
    out.push(`${locale} ${text}\n${JSON.stringify(hits)}`);
    return hits;
  };
  const wordsOf = (locale, text) => {
    for (const w of text.split(/[^\p{L}\p{N}]+/u)) if (w) words.add(`${locale} ${w.toLowerCase()}`);
  };
  for (const [locale, text] of queries) {
    for (const hit of ask(locale, text)) ids.add(hit.id);
  }
  for (const id of ids) {
    const a = engine.answer(id);
    out.push(`answer ${id}\n${JSON.stringify(a)}`);
    // Every word of the question and the answer: each query word is
    // analysed (stemmed, folded, split) by the Wasm, the index by the compiler.
    wordsOf(a.locale, `${a.question} ${a.html.replace(/<[^>]*>/g, ' ')}`);
  }
  for (const lw of words) {
    const [locale, w] = lw.split(' ');
    // Still being typed (completed as a prefix), and finished (stemmed).
    ask(locale, w);
    ask(locale, `${w} `);
    // With each ending the stemmers take off: every rule of their tables is read.
    for (const ending of ENDINGS[locale.split('-')[0]] ?? []) ask(locale, `${w}${ending} `);
  }
  return out;
}

test('the shipped engine answers every query and shows every answer as the engine without the recipe\'s rewrites', async () => {
  assert.ok(existsSync(CLI), `${CLI} is missing: build the editors' tool first (cargo build --features cli; ./dev test does)`);
  const work = await mkdtemp(join(tmpdir(), 'help-widget-parity-'));
  try {
    if (!existsSync(join(SHIPPED, 'help_widget_bg.wasm'))) {
      const built = await buildEngine({ out: SHIPPED });
      assert.ok(built.ok, `the shipped engine did not build (${built.step}): ${built.out}`);
    }
    const plainDir = join(work, 'plain');
    const plain = await buildEngine({ out: plainDir, plain: true });
    assert.ok(plain.ok, `the plain engine did not build (${plain.step}): ${plain.out}`);
    const queries = await typed(['de', 'en']);
    const shipped = answers(await started(SHIPPED, work), queries);
    const reference = answers(await started(plainDir, work), queries);
    // Each query, each answer found, then at least a thousand words of them.
    assert.ok(shipped.length > queries.length + 1000, `only ${shipped.length} answers for ${queries.length} queries`);
    const at = shipped.findIndex((a, i) => a !== reference[i]);
    assert.equal(at, -1, at < 0 ? '' : `the first that differs:\nshipped:   ${shipped[at]}\nunchanged: ${reference[at]}`);
    assert.equal(shipped.length, reference.length);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

// An engine of one language (cargo feature lang-de or lang-en; a kit
// ships one per language of its kb) leaves out the other language's rules and
// words, and must answer its own language's queries exactly as the engine
// with both does: the same comparison, on that language's queries alone.
for (const feature of LANGUAGE_FEATURES) {
  const lang = feature.replace('lang-', '');
  test(`the engine of ${lang === 'de' ? 'German' : 'English'} alone answers its language's queries as the engine of both languages`, async () => {
    const wasm = join(SHIPPED, `help_widget_bg.${feature}.wasm`);
    assert.ok(existsSync(wasm), `${wasm} is missing: ./dev builds it (engine-build.mjs --languages)`);
    const work = await mkdtemp(join(tmpdir(), 'help-widget-parity-'));
    try {
      // The shipped files with this engine's Wasm in the full one's place.
      const one = join(work, feature);
      await cp(SHIPPED, one, { recursive: true });
      await copyFile(wasm, join(one, 'help_widget_bg.wasm'));
      const queries = await typed([lang]);
      const own = answers(await started(one, work), queries);
      const both = answers(await started(SHIPPED, work), queries);
      assert.ok(own.length > queries.length + 500, `only ${own.length} answers for ${queries.length} queries`);
      const at = own.findIndex((a, i) => a !== both[i]);
      assert.equal(at, -1, at < 0 ? '' : `the first that differs:\n${feature}: ${own[at]}\nboth:    ${both[at]}`);
      assert.equal(own.length, both.length);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
}
