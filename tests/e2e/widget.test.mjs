// End-to-end tests of the drop-in widget in Debian's Chromium.
// Run: ./dev test (builds the Wasm first), or `node --test` here after a build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { site, browser, open, ready, launcherReady, shot, focusedInWidget, animationsDone, ROOT, inWidget } from './lib.mjs';
import { serve } from '../../scripts/serve.mjs';
import { dist } from '../../scripts/dist.mjs';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

let s;
let b;
before(async () => {
  s = await site();
  b = await browser();
});
after(async () => {
  await b?.close();
  await s?.close();
});

const optionIds = (page) => page.evaluate(() =>
  [...document.querySelector('help-widget').shadowRoot.querySelectorAll('[role=option]')]
    .map((o) => o.querySelector('.q').textContent));

test('pasting the tag into a blank page gives a named launcher that answers questions', async () => {
  const { page, context, problems, requests } = await open(b, `${s.base}/test/blank.html`);
  await ready(page);
  const launcher = page.getByRole('button', { name: 'Hilfe' });
  await launcher.click();
  const box = page.getByRole('combobox', { name: 'Wie können wir helfen?' });
  await box.fill('abschlag');
  await page.getByRole('listbox').waitFor();
  assert.ok((await page.getByRole('option').count()) > 0);
  assert.deepEqual(problems, []);
  const foreign = requests.filter((u) => !u.startsWith(s.base));
  assert.deepEqual(foreign, [], 'no third-party requests');
  const globals = await page.evaluate(() => Object.keys(window).filter((k) => /help|wasm|bindgen/i.test(k)));
  assert.deepEqual(globals, ['HelpWidget'], 'exactly one global');
  await context.close();
});

test('a hostile host page with resets, a strict CSP and clashing globals neither breaks the widget nor is changed by it', async () => {
  const { page, context, problems } = await open(b, `${s.base}/test/hostile.html`);
  await ready(page);
  const launcher = page.getByRole('button', { name: 'Hilfe' });
  const size = await launcher.boundingBox();
  assert.ok(size.width >= 44 && size.height >= 44, `launcher is ${size.width}×${size.height}`);
  await launcher.click();
  await page.getByRole('combobox').fill('rechnung');
  await page.getByRole('listbox').waitFor();
  const fontSize = await inWidget(page, (root) => getComputedStyle(root.querySelector('input')).fontSize);
  assert.equal(fontSize, '16px');
  const accent = await inWidget(page, (root) => getComputedStyle(root.querySelector('.launcher')).backgroundColor);
  assert.equal(accent, 'rgb(138, 21, 56)', 'data-accent applied through a CSS custom property');
  await shot(page, 'hostile-page');
  assert.deepEqual(await page.evaluate(() => [typeof window.init, window.search, window.answer, window.wasm_bindgen.host]),
    ['function', 'host search', 42, true]);
  assert.deepEqual(problems, [], 'no CSP violations or errors');
  await context.close();
});

test('data-* options set locale, open-on-load, position and theme, and an invalid accent is ignored', async () => {
  const { page, context, problems } = await open(b, `${s.base}/test/options.html`);
  await ready(page);
  assert.equal(await inWidget(page, (root) => root.querySelector('.panel').hidden), false, 'open on load');
  assert.equal(await inWidget(page, (root) => root.querySelector('.hw').dataset.position), 'left');
  assert.equal(await inWidget(page, (root) => root.querySelector('.hw').lang), 'en');
  assert.equal(await page.evaluate(() => document.querySelector('help-widget').dataset.theme), 'dark');
  const bg = await inWidget(page, (root) => getComputedStyle(root.querySelector('.panel')).backgroundColor);
  assert.equal(bg, 'rgb(28, 31, 36)', 'dark theme forced');
  assert.equal(await page.evaluate(() => document.querySelector('help-widget').style.length), 0);
  await page.getByRole('heading', { name: 'Stadtwerke Lindenau' }).waitFor();
  await page.getByRole('button', { name: 'Close help' }).first().waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('with prefers-reduced-motion the panel appears without animation', async () => {
  for (const [reducedMotion, animated] of [['no-preference', true], ['reduce', false]]) {
    const { page, context } = await open(b, `${s.base}/test/blank.html`, { reducedMotion });
    await ready(page);
    await page.evaluate(() => HelpWidget.open());
    // The computed style, not running animations: a loaded machine may
    // finish the 160 ms entrance before the check.
    const name = await inWidget(page, (root) => getComputedStyle(root.querySelector('.panel')).animationName);
    assert.equal(name !== 'none', animated, `reducedMotion: ${reducedMotion}: ${name}`);
    await context.close();
  }
});

test('a clobbered document.currentScript is refused instead of trusted', async () => {
  const { page, context, problems } = await open(b, `${s.base}/test/clobbered.html`);
  await page.waitForLoadState('load');
  assert.equal(await page.evaluate(() => typeof window.HelpWidget), 'undefined');
  assert.ok(problems.some((p) => p.includes('help-widget: load help-widget.js with <script src')), problems.join('\n'));
  await context.close();
});

test('typing a misspelt word finds the meter-reading answer and offers the correction', async () => {
  const { page, context } = await open(b, `${s.base}/`);
  await ready(page);
  await page.evaluate(() => HelpWidget.open());
  const box = page.getByRole('combobox');
  await box.pressSequentially('zählerstnad');
  await page.getByRole('listbox').waitFor();
  const questions = await optionIds(page);
  assert.equal(questions[0], 'Wie teile ich Ihnen meinen Zählerstand mit?');
  await page.getByRole('button', { name: 'zählerstand' }).click();
  assert.equal(await box.inputValue(), 'zählerstand');
  assert.equal(await focusedInWidget(page), 'hw-q');
  await context.close();
});

test('result rows drawn key by key show exactly what the same rows drawn at once show', async () => {
  // Typing keeps rows and rewrites only their changed texts (drawHit):
  // what a row shows must not depend on what it showed before.
  const rows = (page) => inWidget(page, (root) => [...root.querySelectorAll('[role=option]')]
    .map((o) => [o.dataset.id, o.querySelector('.q').textContent, o.querySelector('.snip').innerHTML]));
  const typed = await open(b, `${s.base}/`);
  const once = await open(b, `${s.base}/`);
  for (const { page } of [typed, once]) {
    await ready(page);
    await page.evaluate(() => HelpWidget.open());
  }
  const box = typed.page.getByRole('combobox');
  for (const query of ['strom weg', 'zählerstand melden', 'rechnung zu hoch', 'umzug strom']) {
    await box.fill('');
    await box.pressSequentially(query);
    await once.page.evaluate((q) => { HelpWidget.search(''); HelpWidget.search(q); }, query);
    const keyByKey = await rows(typed.page);
    assert.ok(keyByKey.length > 1, query);
    assert.deepEqual(keyByKey, await rows(once.page), query);
  }
  await typed.context.close();
  await once.context.close();
});

test('a keyboard-only visitor can open, search, choose, rate and close, and focus returns to the launcher', async () => {
  const { page, context } = await open(b, `${s.base}/test/blank.html`);
  await ready(page);
  await page.keyboard.press('Tab');
  assert.equal(await focusedInWidget(page), 'toggle');
  await page.keyboard.press('Enter');
  assert.equal(await focusedInWidget(page), 'hw-q');
  await page.keyboard.type('zählerstand');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const active = await inWidget(page, (root) => root.querySelector('input').getAttribute('aria-activedescendant'));
  assert.equal(active, 'hw-opt-1');
  const second = await inWidget(page, (root) => root.querySelector('#hw-opt-1 .q').textContent);
  await page.keyboard.press('Enter');
  assert.equal(await focusedInWidget(page), 'hw-answer-title');
  assert.equal(await inWidget(page, (root) => root.activeElement.textContent), second);
  // Tab through the answer to "Ja" (links in the answer come first).
  let onYes = false;
  for (let i = 0; i < 40 && !onYes; i++) {
    await page.keyboard.press('Tab');
    onYes = (await focusedInWidget(page)) === 'yes';
  }
  assert.ok(onYes, 'the feedback button is reachable by Tab');
  await page.keyboard.press('Enter');
  assert.match(await inWidget(page, (root) => root.activeElement.textContent), /Danke/);
  await page.keyboard.press('Escape');
  assert.equal(await inWidget(page, (root) => root.querySelector('.panel').hidden), true);
  assert.equal(await focusedInWidget(page), 'toggle');
  await context.close();
});

test('on a phone the full-screen panel keeps Tab inside it, so focus is never hidden behind it', async () => {
  const { page, context } = await open(b, `${s.base}/`, { viewport: { width: 390, height: 844 } });
  await ready(page);
  await page.evaluate(() => HelpWidget.search('abschlag'));
  for (const key of [...Array(30).fill('Tab'), ...Array(30).fill('Shift+Tab')]) {
    await page.keyboard.press(key);
    const where = await page.evaluate(() => document.activeElement?.tagName.toLowerCase());
    assert.equal(where, 'help-widget', `after ${key}`);
  }
  await context.close();
});

test('a #help/<id> deep link opens that answer, with the locale fallback for a bare slug', async () => {
  const { page, context } = await open(b, `${s.base}/#help/de/meter-reading`);
  await ready(page);
  await page.getByRole('heading', { name: 'Wie teile ich Ihnen meinen Zählerstand mit?' }).waitFor();
  assert.equal(await focusedInWidget(page), 'hw-answer-title', 'focus moves to the linked answer once visible');
  await context.close();
  const en = await open(b, `${s.base}/en.html#help/meter-reading`);
  await ready(en.page);
  await en.page.getByRole('heading', { name: /meter reading/i }).first().waitFor();
  // A link on the host page to #help/<id> opens the answer without a reload.
  await en.page.evaluate(() => { location.hash = '#help/en/cancel-contract'; });
  await en.page.getByRole('heading', { name: /cancel/i }).first().waitFor();
  await en.context.close();
});

test('a reload keeps the open panel, the query and the answer', async () => {
  const { page, context } = await open(b, `${s.base}/test/blank.html`);
  await ready(page);
  await page.evaluate(() => HelpWidget.open());
  await page.getByRole('combobox').fill('abschlag');
  await page.getByRole('option').first().click();
  const heading = await inWidget(page, (root) => root.querySelector('#hw-answer-title').textContent);
  await page.reload();
  await ready(page);
  assert.equal(await page.getByRole('combobox').inputValue(), 'abschlag');
  assert.equal(await inWidget(page, (root) => root.querySelector('#hw-answer-title')?.textContent), heading);
  assert.equal(await inWidget(page, (root) => root.querySelector('.panel').hidden), false);
  await context.close();
});

test('the JS API drives the widget and reports events to on() and as CustomEvents', async () => {
  const { page, context } = await open(b, `${s.base}/test/blank.html`);
  await ready(page);
  const log = await page.evaluate(async () => {
    const seen = [];
    const off = HelpWidget.on('search', (d) => seen.push(['search', d.query, d.count]));
    HelpWidget.on('no-results', (d) => seen.push(['no-results', d.query]));
    HelpWidget.on('open', () => seen.push(['open']));
    HelpWidget.on('close', () => seen.push(['close']));
    HelpWidget.on('feedback', (d) => seen.push(['feedback', d.id, d.helpful]));
    document.addEventListener('help-widget:answer-shown', (e) => seen.push(['dom:answer-shown', e.detail.id]));
    const count = HelpWidget.search('kündigen');
    seen.push(['count', count > 0]);
    off();
    HelpWidget.search('qqqxxyz');
    HelpWidget.show('de/meter-reading');
    const root = document.querySelector('help-widget').shadowRoot;
    root.querySelector('[data-act=yes]').click();
    HelpWidget.close();
    return seen;
  });
  assert.deepEqual(log, [
    ['open'],
    ['search', 'kündigen', log[1][2]],
    ['count', true],
    ['no-results', 'qqqxxyz'],
    ['dom:answer-shown', 'de/meter-reading'],
    ['feedback', 'de/meter-reading', true],
    ['close'],
  ]);
  await context.close();
});

test('typing sends one search event after a pause, and contact clicks carry the query', async () => {
  const { page, context } = await open(b, `${s.base}/test/beacon.html`);
  await ready(page);
  const beacons = [];
  page.on('request', (r) => { if (r.url().endsWith('/beacon')) beacons.push(JSON.parse(r.postData())); });
  await page.evaluate(() => HelpWidget.open());
  await page.getByRole('combobox').pressSequentially('meter', { delay: 30 });
  await page.waitForTimeout(900);
  const contact = await page.evaluate(() => new Promise((resolve) => {
    const off = HelpWidget.on('contact-clicked', (d) => { off(); resolve(d); });
    const link = document.querySelector('help-widget').shadowRoot.querySelector('[data-channel=contact-page] a, a[data-channel=contact-page]');
    link.addEventListener('click', (e) => e.preventDefault());
    link.click();
  }));
  assert.deepEqual(contact, { channel: 'contact-page', query: 'meter' });
  await page.waitForTimeout(200);
  const searches = beacons.filter((e) => e.event === 'search');
  assert.equal(searches.length, 1, JSON.stringify(beacons));
  assert.equal(searches[0].query, 'meter');
  assert.ok(beacons.some((e) => e.event === 'contact-clicked'));
  await context.close();
});

test('the e-mail channel prefills the visitor question and contact stays visible without answers', async () => {
  const { page, context } = await open(b, `${s.base}/test/blank.html`);
  await ready(page);
  await page.evaluate(() => HelpWidget.search('qqqxxyz'));
  const links = await inWidget(page, (root) => [...root.querySelectorAll('.channel a')].map((a) => a.getAttribute('href')));
  // The hotline's phone, chat and callback, then e-mail and the contact page.
  assert.equal(links.length, 5, links.join(' '));
  assert.match(links[0], /^tel:\+49/);
  assert.ok(links.some((l) => /^mailto:service@stadtwerke-lindenau\.example\?subject=.*&body=.*qqqxxyz/.test(l)), links.join(' '));
  assert.match(links[links.length - 1], /^https:/);
  await context.close();
});

test('inline mode renders the panel inside the mount element without a launcher', async () => {
  const { page, context, problems } = await open(b, `${s.base}/hilfe.html`);
  await ready(page);
  assert.equal(await page.evaluate(() => document.querySelector('#help > help-widget') !== null), true);
  assert.equal(await page.getByRole('button', { name: 'Hilfe', exact: true }).count(), 0);
  await page.getByRole('combobox').fill('umzug');
  await page.getByRole('listbox').waitFor();
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('combobox').inputValue(), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the live region announces the number of results once typing pauses', async () => {
  const { page, context } = await open(b, `${s.base}/test/blank.html`);
  await ready(page);
  await page.evaluate(() => HelpWidget.open());
  await page.getByRole('combobox').pressSequentially('abschlag');
  await page.waitForTimeout(800);
  const text = await inWidget(page, (root) => root.querySelector('[role=status]').textContent);
  assert.match(text, /^\d+ Antworten? gefunden$/);
  await context.close();
});

for (const scheme of ['light', 'dark']) {
  test(`axe-core finds no violations in the ${scheme} colour scheme`, async () => {
    const { page, context } = await open(b, `${s.base}/`, { colorScheme: scheme, bypassCSP: true });
    await ready(page);
    await page.addScriptTag({ content: AXE });
    const audit = async (state) => {
      await animationsDone(page);
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      const found = result.violations.map((v) => `${state}: ${v.id} (${v.nodes.length}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      return found;
    };
    const violations = [];
    violations.push(...await audit('closed'));
    await page.evaluate(() => HelpWidget.open());
    violations.push(...await audit('empty state'));
    await page.evaluate(() => HelpWidget.search('zählerstand'));
    await page.keyboard.press('ArrowDown');
    violations.push(...await audit('suggestions'));
    await page.evaluate(() => HelpWidget.search('abschlg'));
    violations.push(...await audit('did you mean'));
    await page.evaluate(() => HelpWidget.search('qqqxxyz'));
    violations.push(...await audit('no results'));
    await page.evaluate(() => HelpWidget.show('de/water-quality'));
    violations.push(...await audit('answer with table'));
    console.log(`axe (${scheme}): ${violations.length} violations`);
    assert.deepEqual(violations, []);
    await context.close();
  });
}

test('screenshots at desktop and phone sizes', async () => {
  for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
    for (const scheme of ['light', 'dark']) {
      const { page, context } = await open(b, `${s.base}/`, { viewport, colorScheme: scheme });
      await ready(page);
      await shot(page, `${name}-${scheme}-closed`);
      await page.evaluate(() => HelpWidget.open());
      await animationsDone(page);
      await shot(page, `${name}-${scheme}-home`);
      await page.evaluate(() => HelpWidget.search('zählerstnad'));
      await shot(page, `${name}-${scheme}-suggestions`);
      await page.evaluate(() => HelpWidget.show('de/meter-reading'));
      await shot(page, `${name}-${scheme}-answer`);
      const box = await page.evaluate(() => {
        const r = document.querySelector('help-widget').shadowRoot.querySelector('.panel').getBoundingClientRect();
        return [r.width, r.height];
      });
      if (name === 'phone') assert.deepEqual(box, [viewport.width, viewport.height], 'full-screen panel on a phone');
      await context.close();
    }
    const inline = await open(b, `${s.base}/hilfe.html`, { viewport });
    await ready(inline.page);
    await inline.page.evaluate(() => HelpWidget.search('umzug'));
    await shot(inline.page, `${name}-inline`);
    await inline.context.close();
  }
});

test('the engine demo (engine.html) still answers while typing', async () => {
  const { page, context, problems } = await open(b, `${s.base}/engine.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  await page.fill('#q', 'zählerstand');
  await page.locator('.hit').first().waitFor();
  assert.equal(await page.locator('.hit').first().getAttribute('data-id'), 'de/meter-reading');
  assert.deepEqual(problems, []);
  await context.close();
});

const isSearchFile = (url) => /\.wasm$|help_widget\.js$|help-widget\.css$/.test(new URL(url).pathname);

test('a page view on which nobody opens the help loads no Wasm, no glue and no panel stylesheet', async () => {
  const { page, context, requests, problems } = await open(b, `${s.base}/test/blank.html`);
  await launcherReady(page);
  await page.waitForLoadState('networkidle');
  assert.deepEqual(requests.filter(isSearchFile), []);
  assert.equal(await inWidget(page, (root) => root.querySelectorAll('.panel').length), 0, 'no panel until first open');
  assert.equal(await page.getByRole('button', { name: 'Hilfe' }).count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('pointing at or focusing the launcher starts loading the search', async () => {
  for (const how of ['hover', 'focus']) {
    const { page, context, requests } = await open(b, `${s.base}/test/blank.html`);
    await launcherReady(page);
    const launcher = page.getByRole('button', { name: 'Hilfe' });
    if (how === 'hover') await launcher.hover(); else await launcher.focus();
    await page.waitForFunction(() => HelpWidget.timings.interactive);
    assert.ok(requests.some((u) => u.endsWith('.wasm')), `${how}: the Wasm was fetched`);
    await context.close();
  }
});

test('a click while the Wasm is on its way shows the search box at once, keeps the typed text and then shows results', async () => {
  const { page, context } = await open(b, `${s.base}/test/blank.html`);
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  await launcherReady(page);
  await page.getByRole('button', { name: 'Hilfe' }).click();
  const box = page.getByRole('combobox', { name: 'Wie können wir helfen?' });
  await box.waitFor();
  assert.equal(await focusedInWidget(page), 'hw-q');
  await page.keyboard.type('abschlag');
  assert.match(await inWidget(page, (root) => root.querySelector('.loading')?.textContent ?? ''), /geladen/);
  release();
  await page.getByRole('option').first().waitFor();
  assert.equal(await box.inputValue(), 'abschlag');
  assert.equal(await inWidget(page, (root) => root.querySelector('.loading')), null);
  await context.close();
});

test('API calls made before anything has loaded are carried out', async () => {
  const { page, context } = await open(b, `${s.base}/test/early-api.html`);
  await page.getByRole('heading', { name: 'Wie teile ich Ihnen meinen Zählerstand mit?' }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.seen), ['open', 'answer-shown']);
  await context.close();
});

test('calls made before the module arrived and before the launcher was drawn are carried out once, in order', async () => {
  const { page, context, problems } = await open(b, 'about:blank');
  // The shell (the launcher's words) is held back until the second call is made.
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route('**/help_widget_shell.json', async (route) => { await held; await route.continue(); });
  await page.goto(`${s.base}/test/queued-api.html`);
  // The module is there (it hands the page its element), the launcher is not.
  await page.waitForFunction(() => HelpWidget.element !== null);
  assert.equal(await page.evaluate(() => HelpWidget.timings.launcher), null);
  assert.equal(await page.evaluate(() => HelpWidget.search('zählerstand')), undefined);
  release();
  await page.getByRole('option').first().waitFor();
  assert.equal(await inWidget(page, (root) => root.querySelector('#hw-q').value), 'zählerstand');
  await page.waitForTimeout(800); // past the typing pause: no second search event
  assert.deepEqual(await page.evaluate(() => window.seen), ['open', 'search zählerstand']);
  assert.ok(await page.evaluate(() => HelpWidget.search('abschlag')) > 0, 'once mounted, search answers at once');
  assert.deepEqual(problems, [], 'the form detached before the module arrived was never looked for');
  await context.close();
});

test('when the Wasm cannot load, the panel says so and lists how to reach a person', async () => {
  const { page, context, problems } = await open(b, `${s.base}/test/blank.html`);
  await page.route('**/*.wasm', (route) => route.abort());
  await launcherReady(page);
  await page.getByRole('button', { name: 'Hilfe' }).click();
  await page.getByText('Die Suche kann gerade nicht geladen werden', { exact: false }).waitFor();
  const links = await inWidget(page, (root) => [...root.querySelectorAll('.channel a')].map((a) => a.getAttribute('href')));
  assert.match(links[0], /^tel:\+49/);
  assert.ok(links.some((l) => l.startsWith('mailto:')), links.join(' '));
  assert.ok(problems.some((p) => p.includes('could not be loaded')), problems.join('\n'));
  await context.close();
});

test('when the launcher\'s words cannot load, no widget element is left on the page and the console says why', async () => {
  const { page, context, problems } = await open(b, 'about:blank');
  // Refused at once: the refusal arrives before the module, whose host
  // element is appended in a task after it starts.
  await page.route('**/help_widget_shell*.json', (route) => route.abort());
  await page.goto(`${s.base}/test/blank.html`);
  const outcome = await page.evaluate(() => HelpWidget.ready.then(() => 'ready', (error) => String(error)));
  assert.match(outcome, /cannot load|Failed to fetch/, outcome);
  await page.waitForTimeout(200); // past the task that would have appended it
  assert.equal(await page.evaluate(() => document.querySelectorAll('help-widget').length), 0);
  assert.ok(problems.some((p) => p.includes('failed to start')), problems.join('\n'));
  await context.close();
});

test('init() twice draws one launcher and both calls get the same widget', async () => {
  const { page, context } = await open(b, `${s.base}/test/module.html`);
  await page.waitForFunction(() => window.twice !== undefined);
  assert.equal(await page.evaluate(() => window.twice), true);
  assert.equal(await page.evaluate(() => document.querySelectorAll('help-widget').length), 1);
  await context.close();
});

test('the delivery kit of ./dev dist works as served, compressed, under the strict CSP', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'help-widget-dist-'));
  const rows = await dist(join(ROOT, 'www'), join(dir, 'help'));
  assert.ok(rows.some(([name]) => /^help_widget_bg\.[0-9a-f]{10}\.wasm$/.test(name)), rows.map((r) => r[0]).join(' '));
  await cp(join(ROOT, 'tests', 'e2e', 'pages', 'dist.html'), join(dir, 'index.html'));
  await cp(join(ROOT, 'www', 'index.html.headers.json'), join(dir, 'index.html.headers.json'));
  const server = await serve(dir, 0);
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    // Counting starts on a blank page, before the one visit: a visit made
    // before counting began could still be fetching the widget's files and
    // have them counted too.
    const { page, context, problems } = await open(b, 'about:blank');
    const encodings = new Map();
    page.on('response', (r) => encodings.set(new URL(r.url()).pathname, [r.headers()['content-encoding'], r.headers()['cache-control']]));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // What the widget's files transfer on a fresh page view (the page itself not counted).
    const counted = new Set();
    let pageView = 0;
    cdp.on('Network.requestWillBeSent', (e) => { if (e.type !== 'Document') counted.add(e.requestId); });
    cdp.on('Network.loadingFinished', (e) => { if (counted.has(e.requestId)) pageView += e.encodedDataLength; });
    await page.goto(`${base}/`);
    await launcherReady(page);
    await page.waitForLoadState('networkidle');
    console.log(`the kit's page view without opening transfers ${pageView} bytes (compressed, with headers)`);
    assert.ok(pageView < 10_000, `a page view transfers ${pageView} bytes, over the 10 kB budget`);
    await ready(page);
    await page.evaluate(() => HelpWidget.search('zählerstand'));
    await page.getByRole('option').first().waitFor();
    const wasm = [...encodings].find(([p]) => p.endsWith('.wasm'));
    assert.deepEqual(wasm[1], ['br', 'public, max-age=31536000, immutable'], JSON.stringify([...encodings]));
    assert.equal(encodings.get('/help/help-widget.js')[1], 'no-cache');
    assert.deepEqual(problems, [], 'no CSP violations');
    await context.close();
  } finally {
    await new Promise((ok) => server.close(ok));
  }
});

test('bytes a visitor downloads for the sample knowledge base', async () => {
  const { gzipSync } = await import('node:zlib');
  const { page, context } = await open(b, `${s.base}/test/blank.html`);
  const files = new Map();
  page.on('response', async (r) => {
    const url = new URL(r.url());
    if (/help[-_]widget/.test(url.pathname)) files.set(url.pathname, await r.body().catch(() => Buffer.alloc(0)));
  });
  await page.reload();
  await launcherReady(page);
  await page.waitForLoadState('networkidle');
  const pageView = new Set(files.keys());
  await ready(page);
  await page.waitForTimeout(100);
  const rows = [...files].map(([path, body]) => [path, body.length, gzipSync(body, { level: 9 }).length, pageView.has(path)]);
  const sum = (list) => list.reduce((t, [, raw, gz]) => [t[0] + raw, t[1] + gz], [0, 0]);
  const view = sum(rows.filter((r) => r[3]));
  const total = sum(rows);
  console.log('downloaded (raw / gzip -9 bytes; * = on every page view):');
  for (const [path, raw, gz, always] of rows) console.log(`  ${(path + (always ? ' *' : '')).padEnd(36)} ${String(raw).padStart(8)} ${String(gz).padStart(8)}`);
  console.log(`  ${'page view without opening'.padEnd(36)} ${String(view[0]).padStart(8)} ${String(view[1]).padStart(8)}`);
  console.log(`  ${'total once opened'.padEnd(36)} ${String(total[0]).padStart(8)} ${String(total[1]).padStart(8)}`);
  assert.deepEqual([...pageView].sort(),
    ['/help-widget-launcher.css', '/help-widget.js', '/help-widget.mjs', '/pkg/help_widget_shell.json']);
  assert.deepEqual(rows.map(([p]) => p).sort(),
    ['/help-widget-launcher.css', '/help-widget-panel.mjs', '/help-widget.css', '/help-widget.js', '/help-widget.mjs', '/pkg/help_widget.js', '/pkg/help_widget_bg.wasm', '/pkg/help_widget_logo.svg', '/pkg/help_widget_shell.json']);
  assert.ok(total[1] < 300_000, `gzip total ${total[1]} bytes is over the 300 kB budget`);
  await context.close();
});
