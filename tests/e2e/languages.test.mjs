// An eight-language site, as a visitor of one language meets it in
// Chromium: in the `locales` and `parts` deliveries the visitor searches,
// opens an answer, and receives no other language's entries. Every
// response the page gets (HTTP-decoded by the browser; a part of a pack
// gunzipped as the widget does) is scanned for each language's marker,
// a word every entry of that language carries in its question and answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { dist } from '../../scripts/dist.mjs';
import { serve } from '../../scripts/serve.mjs';
import { ROOT, browser, open, ready, suggestions } from './lib.mjs';

const LOCALES = ['de', 'en', 'fr', 'es', 'it', 'nl', 'pl', 'sv'];
/** The engines ./dev built, which the editors' tool carries. */
const ENGINE = process.env.HELP_WIDGET_ENGINE_DIR ?? join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'engine');
const ENTRIES = 40;
/** A word only `locale`'s entries hold ("zqfrmark"). */
const marker = (locale) => `zq${locale}mark`;
const MARKERS = new RegExp(`zq(${LOCALES.join('|')})mark`, 'g');

let work;
let server;
let b;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'help-widget-languages-'));
  const kb = join(work, 'kb');
  await mkdir(kb, { recursive: true });
  await writeFile(join(kb, 'site.toml'),
    `name = "Eight"\nlocales = [${LOCALES.map((l) => `"${l}"`).join(', ')}]\ndefault_locale = "en"\n`);
  for (const locale of LOCALES) {
    await mkdir(join(kb, locale));
    for (let i = 0; i < ENTRIES; i += 1) {
      await writeFile(join(kb, locale, `e${i}.md`),
        `+++\nquestion = "${marker(locale)} topic ${i} of ${locale}?"\ncategory = "${['Billing', 'Moving', 'Tariffs'][i % 3]}"\n+++\n`
        + `The answer ${i} in ${locale}: ${marker(locale)} and words ${i} more.\n`);
    }
  }
  // A German-only site: its kit ships the engine of German alone.
  const de = join(work, 'kb-de');
  await mkdir(join(de, 'de'), { recursive: true });
  await writeFile(join(de, 'site.toml'), 'name = "Stadtwerk"\nlocales = ["de"]\ndefault_locale = "de"\n\n[contact]\nphone = "+49 30 5550 1234"\n');
  await writeFile(join(de, 'de', 'zaehler.md'), '+++\nquestion = "Wie melde ich meinen Zählerstand?"\ncategory = "Zähler"\n+++\n'
    + 'Den Zählerstand melden Sie im Kundenportal.\n');
  await writeFile(join(de, 'de', 'umzug.md'), '+++\nquestion = "Was tun beim Umzug?"\ncategory = "Umzug"\n+++\n'
    + 'Melden Sie den Umzug zwei Wochen vorher.\n');
  await dist(null, join(work, 'root', 'de'), { kb: de });
  // The same in German and English: its kit ships an engine per language.
  const deEn = join(work, 'kb-de-en');
  await cp(de, deEn, { recursive: true });
  await writeFile(join(deEn, 'site.toml'), 'name = "Stadtwerk"\nlocales = ["de", "en"]\ndefault_locale = "de"\n');
  await mkdir(join(deEn, 'en'));
  // The same slug as the German entry: one entry in two languages.
  await writeFile(join(deEn, 'en', 'zaehler.md'), '+++\nquestion = "How do I submit my meter reading?"\ncategory = "Meter"\n+++\n'
    + 'Submit the meter reading in the customer portal.\n');
  await dist(null, join(work, 'root', 'de-en'), { kb: deEn });
  for (const kit of ['de', 'de-en']) {
    await writeFile(join(work, 'root', `${kit}.html`), '<!doctype html>\n<html>\n<meta charset="utf-8">\n'
      + `<title>Hilfe</title>\n<script src="/${kit}/help-widget.js" defer></script>\n</html>\n`);
  }
  for (const delivery of ['locales', 'parts']) {
    await dist(null, join(work, 'root', delivery), { kb, delivery });
    await writeFile(join(work, 'root', `${delivery}.html`), '<!doctype html>\n<html lang="fr">\n<meta charset="utf-8">\n'
      + `<title>Aide</title>\n<script src="/${delivery}/help-widget.js" defer></script>\n</html>\n`);
  }
  server = await serve(join(work, 'root'), 0);
  b = await browser();
});

after(async () => {
  await b?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
  await rm(work, { recursive: true, force: true });
});

/** The markers in one response body: a gzip member (a part) unpacked. */
function markersIn(body) {
  const bytes = body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body;
  return new Set([...bytes.toString('latin1').matchAll(MARKERS)].map((m) => m[1]));
}

for (const delivery of ['locales', 'parts']) {
  test(`${delivery}: a French visitor of an eight-language site searches, opens an answer, and receives no other language's entries`, async () => {
    const files = (await readdir(join(work, 'root', delivery)));
    const shellName = files.find((f) => /^help_widget_shell\.[0-9a-f]+\.json$/.test(f));
    const shell = JSON.parse(await readFile(join(work, 'root', delivery, shellName), 'utf8'));
    assert.deepEqual(Object.keys(shell.data.files).sort(), [...LOCALES].sort(), 'one knowledge file per language');

    const { page, context, problems } = await open(b, `http://127.0.0.1:${server.address().port}/${delivery}.html`,
      { locale: 'fr-FR' });
    const bodies = [];
    const inFlight = new Set();
    page.on('request', (r) => inFlight.add(r));
    const settled = (r) => inFlight.delete(r);
    page.on('requestfinished', settled);
    page.on('requestfailed', settled);
    page.on('response', (r) => bodies.push(r.finished().then(async () => [r.url(), await r.body().catch(() => Buffer.alloc(0))])));
    await ready(page);
    await page.evaluate(() => HelpWidget.open());
    await page.evaluate((q) => HelpWidget.search(q), marker('fr'));
    const found = await suggestions(page, marker('fr'));
    assert.match(found.questions[0], /^zqfrmark topic \d+ of fr\?$/);
    await page.getByRole('option').first().click();
    await page.getByText(/^The answer \d+ in fr: zqfrmark/).waitFor();
    // A search for another language's word finds nothing and fetches none of it.
    await page.evaluate(() => HelpWidget.search('zqdemark'));
    await page.waitForFunction(() => document.querySelector('help-widget').shadowRoot.querySelector('#hw-q')?.value === 'zqdemark');
    // Whatever that search fetches has arrived: no request open for 500 ms
    // (at most 10 s of waiting).
    for (let quiet = 0, waited = 0; quiet < 5 && waited < 100; waited += 1) {
      await page.waitForTimeout(100);
      quiet = inFlight.size === 0 ? quiet + 1 : 0;
    }
    assert.equal(await page.evaluate(() => document.querySelector('help-widget').shadowRoot
      .querySelectorAll('[role=option]').length), 0, 'a German word finds no French entry');

    const seen = new Map();
    for (const [url, body] of await Promise.all(bodies)) {
      for (const m of markersIn(body)) seen.set(m, [...(seen.get(m) ?? []), url.replace(/^.*\//, '')]);
    }
    const kbFiles = (await Promise.all(bodies)).map(([url]) => url.replace(/^.*\//, '')).filter((f) => /^kb-/.test(f));
    assert.deepEqual(kbFiles, [shell.data.files.fr], 'only the French knowledge file');
    assert.deepEqual([...seen.keys()], ['fr'], `markers received, by file: ${JSON.stringify(Object.fromEntries(seen))}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a German-only site ships the engine of German alone and speaks German to an English visitor, who may still ask for a person in English', async () => {
  const files = await readdir(join(work, 'root', 'de'));
  const shell = JSON.parse(await readFile(join(work, 'root', 'de', files.find((f) => /^help_widget_shell\.[0-9a-f]+\.json$/.test(f))), 'utf8'));
  assert.ok(shell.de && !shell.en, `the shell's languages: ${Object.keys(shell)}`);
  // The kit's Wasm is that engine with the knowledge appended (src/kit.rs).
  const german = await readFile(join(ENGINE, 'help_widget_bg.lang-de.wasm'));
  const shipped = await readFile(join(work, 'root', 'de', files.find((f) => /^help_widget_bg\.[0-9a-f]+\.wasm$/.test(f))));
  assert.ok(shipped.subarray(0, german.length).equals(german), 'the kit ships the German-only engine');
  assert.ok(german.length < (await readFile(join(ENGINE, 'help_widget_bg.wasm'))).length);

  const { page, context, problems } = await open(b, `http://127.0.0.1:${server.address().port}/de.html`, { locale: 'en-US' });
  await ready(page);
  const launcher = page.locator('help-widget').getByRole('button', { name: 'Hilfe' });
  await launcher.waitFor();
  await page.evaluate(() => HelpWidget.open());
  // Stemmed in German: "Zählerstände" finds "Zählerstand".
  await page.evaluate(() => HelpWidget.search('Zählerstände'));
  const found = await suggestions(page, 'Zählerstände');
  assert.deepEqual(found.questions, ['Wie melde ich meinen Zählerstand?']);
  assert.equal(await page.evaluate(() => document.querySelector('help-widget').shadowRoot.querySelector('.hw').lang), 'de');
  await page.getByRole('option').first().click();
  await page.locator('help-widget').getByText('War diese Antwort hilfreich?').waitFor();
  // Asking for a person in English still puts the contact block first.
  await page.evaluate(() => HelpWidget.search('talk to a human'));
  await page.waitForFunction(() => document.querySelector('help-widget').shadowRoot.querySelector('.scroll').firstElementChild.className === 'contact');
  assert.deepEqual(problems, []);
  await context.close();
});

test('in a German and English kit each visitor loads the engine of their locale\'s language with its entries alone, and it speaks that language', async () => {
  const engines = Object.fromEntries(await Promise.all(['de', 'en'].map(async (l) => [l, await readFile(join(ENGINE, `help_widget_bg.lang-${l}.wasm`))])));
  for (const [visitor, lang, question] of [
    ['de-DE', 'de', 'Wie melde ich meinen Zählerstand?'],
    ['en-GB', 'en', 'How do I submit my meter reading?'],
    // No French entries: the default locale's, German, engine and words.
    ['fr-FR', 'de', 'Wie melde ich meinen Zählerstand?'],
  ]) {
    const { page, context, problems } = await open(b, `http://127.0.0.1:${server.address().port}/de-en.html`, { locale: visitor });
    const wasms = [];
    page.on('response', (r) => { if (/\.wasm$/.test(r.url())) wasms.push(r.body()); });
    await ready(page);
    await page.evaluate(() => HelpWidget.open());
    await page.evaluate((q) => HelpWidget.search(q), lang === 'de' ? 'Zählerstand' : 'meter reading');
    assert.deepEqual((await suggestions(page, lang === 'de' ? 'Zählerstand' : 'meter reading')).questions, [question], visitor);
    assert.equal(await page.evaluate(() => document.querySelector('help-widget').shadowRoot.querySelector('.hw').lang), lang, visitor);
    const fetched = await Promise.all(wasms);
    assert.equal(fetched.length, 1, `${visitor}: one engine`);
    assert.ok(fetched[0].subarray(0, engines[lang].length).equals(engines[lang]), `${visitor}: the ${lang} engine`);
    // Embedded (the kb is small): the engine carries its locale's entries,
    // not the other's. (Questions are stored front-coded: their tails.)
    const has = (text) => fetched[0].includes(Buffer.from(text.slice(8)));
    const other = lang === 'de' ? 'How do I submit my meter reading?' : 'Wie melde ich meinen Zählerstand?';
    assert.ok(has(question) && !has(other), `${visitor}: ${lang} entries alone`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a link to the English version of an entry opens it in German for a German visitor, whose engine carries German alone', async () => {
  for (const [visitor, hash, heading] of [
    ['de-DE', '#help/en/zaehler', 'Wie melde ich meinen Zählerstand?'],
    ['en-GB', '#help/de/zaehler', 'How do I submit my meter reading?'],
  ]) {
    const { page, context, problems } = await open(b, `http://127.0.0.1:${server.address().port}/de-en.html${hash}`, { locale: visitor });
    await page.getByRole('heading', { name: heading }).waitFor();
    assert.deepEqual(problems, [], visitor);
    await context.close();
  }
});
