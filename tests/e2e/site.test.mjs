// The static help centre (`help-widget site`) in Chromium: an entry page and
// a language index are axe-clean with the widget loaded, read the same
// without JavaScript, and the widget on them works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';
import { ROOT, browser, open, ready, shot } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

let server;
let base;
let b;

before(async () => {
  // Serve an empty folder first: the pages need their published address.
  const dir = join(await mkdtemp(join(tmpdir(), 'help-widget-site-')), 'site');
  await mkdir(dir);
  server = await serve(dir, 0);
  base = `http://127.0.0.1:${server.address().port}/`;
  execFileSync('cargo', ['run', '--quiet', '--features', 'cli', '--', 'site', 'kb', '--out', dir, '--base-url', base, '--www', 'www'],
    { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  b = await browser();
});
after(async () => { await b?.close(); await new Promise((ok) => server?.close(ok)); });

async function axe(page) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id} (${v.nodes.length}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

for (const scheme of ['light', 'dark']) {
  test(`an entry page and a language index are axe-clean in the ${scheme} scheme, widget loaded`, async () => {
    const violations = [];
    for (const path of ['de/meter-reading/', 'en/', 'de/topics/zaehler-ablesung/']) {
      const { page, context, problems } = await open(b, `${base}${path}`, { colorScheme: scheme, bypassCSP: true });
      await ready(page);
      violations.push(...(await axe(page)).map((v) => `${path}: ${v}`));
      assert.deepEqual(problems, [], `${path}: console errors`);
      if (path === 'de/meter-reading/') await shot(page, `site-entry-${scheme}`);
      await context.close();
    }
    console.log(`axe on the site (${scheme}): ${violations.length} violations`);
    assert.deepEqual(violations, []);
  });
}

test('an entry page reads the same without JavaScript', async () => {
  const { page, context } = await open(b, `${base}de/meter-reading/`, { javaScriptEnabled: false });
  assert.equal(await page.locator('h1').textContent(), 'Wie teile ich Ihnen meinen Zählerstand mit?');
  assert.match(await page.locator('.answer').textContent(), /Kundenportal/);
  await page.getByRole('link', { name: 'Wie lese ich meine Jahresabrechnung?' }).click();
  assert.equal(new URL(page.url()).pathname, '/de/annual-bill/');
  await page.getByRole('link', { name: 'English' }).click();
  assert.equal(new URL(page.url()).pathname, '/en/annual-bill/');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await context.close();
});

test('the widget on a help-centre page answers from the same knowledge base', async () => {
  const { page, context, requests } = await open(b, `${base}en/meter-reading/`);
  await ready(page);
  const count = await page.evaluate(() => HelpWidget.search('meter reading'));
  assert.ok(count > 0, 'the widget finds answers');
  assert.ok(requests.every((u) => u.startsWith(base)), 'nothing is loaded from elsewhere');
  await context.close();
});
