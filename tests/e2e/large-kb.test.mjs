// A kb large enough that its core keeps no records (src/kit.rs
// DOCS_WHOLE_BYTES): in Chromium the widget still lists, opens and links
// its entries, each record fetched as a byte range of the DOCS pack.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dist } from '../../scripts/dist.mjs';
import { serve } from '../../scripts/serve.mjs';
import { browser, inWidget, open, ready, suggestions } from './lib.mjs';

const ENTRIES = 24_000;
const TOPICS = ['Abrechnung', 'Tarife', 'Umzug'];
const METER = 'Wie melde ich den Zählerstand?';
const SYLLABLES = ['ka', 'lo', 'mer', 'tin', 'sa', 'vor', 'dup', 'rel', 'nis', 'gon', 'fa', 'bre', 'kul', 'tes', 'mo', 'quen'];

/** A made-up word, the same for the same number. */
function word(n) {
  let w = '';
  for (let k = 0; k < 3; k += 1) {
    w += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length) + 7 * k + 3;
  }
  return w;
}

let work;
let server;
let b;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'help-widget-large-'));
  const kb = join(work, 'kb');
  await mkdir(join(kb, 'de'), { recursive: true });
  await writeFile(join(kb, 'site.toml'), 'name = "Große Hilfe"\nlocales = ["de"]\ndefault_locale = "de"\n');
  for (let i = 0; i < ENTRIES; i += 1) {
    const words = Array.from({ length: 9 }, (_, k) => word(i * 9 + k * 7919));
    writeFileSync(join(kb, 'de', `e${i}.md`),
      `+++\nquestion = "Frage ${i}: ${words.join(' ')}?"\ncategory = "${TOPICS[i % 3]}"\n+++\n${words.reverse().join(' ')}.\n`);
  }
  await writeFile(join(kb, 'de', 'zaehlerstand-melden.md'),
    `+++\nquestion = "${METER}"\ncategory = "Zähler"\nrelated = ["de/e5"]\n+++\nTragen Sie den Stand online ein.\n`);
  const root = join(work, 'root');
  await dist(null, join(root, 'help'), { kb, delivery: 'parts' });
  const packs = (await readdir(join(root, 'help'))).filter((f) => /^pack-[0-9a-f]{12}\.bin$/.test(f));
  assert.equal(packs.length, 5, `postings, words, answers, records and ids: ${packs}`);
  await writeFile(join(root, 'index.html'), '<!doctype html>\n<html lang="de">\n<meta charset="utf-8">\n<title>Große Hilfe</title>\n'
    + '<script src="/help/help-widget.js" defer data-locale="de"></script>\n</html>\n');
  server = await serve(root, 0);
  b = await browser();
});

after(async () => {
  await b?.close();
  await new Promise((ok) => (server ? server.close(ok) : ok()));
  await rm(work, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${server.address().port}`;

test('records in parts: the home lists each topic with its count, a large topic its first 50, a search the entry, and a click opens it with its related entry', async () => {
  const { page, context, problems } = await open(b, `${base()}/`);
  await ready(page);
  await page.evaluate(() => HelpWidget.open());
  // A topic of 8,000 entries lists its first 50 and says how many it holds.
  await page.getByText('Tarife (8000)', { exact: true }).click();
  await page.getByText('Die ersten 50 von 8.000 Einträgen; die Suche findet jeden.').waitFor();
  await page.waitForFunction(() => document.querySelector('help-widget').shadowRoot
    .querySelectorAll('.content .links li').length === 50);
  await page.getByText(/^Frage 10000: /).waitFor();
  assert.equal(await inWidget(page, (root) => root.querySelectorAll('.content .links li').length), 50);
  await inWidget(page, (root) => root.querySelector('.back').click());
  await page.evaluate(() => HelpWidget.search('Zählerstand'));
  const found = await suggestions(page, 'Zählerstand');
  assert.equal(found.questions[0], METER);
  await page.getByRole('option').first().click();
  await page.getByRole('heading', { name: METER }).waitFor();
  await page.getByText('Tragen Sie den Stand online ein.').waitFor();
  await page.getByText(/^Frage 5: /).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('records in parts: a #help/ link to an entry whose record is not at hand opens it once its part arrives', async () => {
  const { page, context, problems } = await open(b, `${base()}/#help/de/zaehlerstand-melden`);
  await ready(page);
  await page.getByRole('heading', { name: METER }).waitFor();
  const topic = await open(b, `${base()}/#help/de/e23999`);
  await ready(topic.page);
  await topic.page.getByRole('heading', { name: /^Frage 23999:/ }).waitFor();
  assert.deepEqual([...problems, ...topic.problems], []);
  await context.close();
  await topic.context.close();
});
