// A person always one tap away, and a panel that behaves on phones and host pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { site, browser, open, ready, launcherReady, focusedInWidget, animationsDone, inWidget } from './lib.mjs';

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

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

test('the header\'s contact control leads to the contact block from every state, even before the search has loaded', async () => {
  const { page, context } = await open(b, `${s.base}/test/blank.html`);
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  await launcherReady(page);
  await page.getByRole('button', { name: 'Hilfe' }).click();
  await page.getByRole('button', { name: 'Kontakt', exact: true }).click();
  assert.equal(await focusedInWidget(page), 'hw-contact-title');
  assert.match(await inWidget(page, (root) => root.querySelector('.channel a').getAttribute('href')), /^tel:/);
  release();
  await page.waitForFunction(() => HelpWidget.timings.interactive);
  await page.evaluate(() => HelpWidget.show('de/meter-reading'));
  await page.getByRole('button', { name: 'Kontakt', exact: true }).click();
  assert.equal(await focusedInWidget(page), 'hw-contact-title');
  await context.close();
});

test('after "Nein" the contact block comes next, focused, with the question and the answer read in the e-mail', async () => {
  const { page, context } = await open(b, `${s.base}/test/blank.html`);
  await ready(page);
  await page.evaluate(() => HelpWidget.search('zählerstand'));
  await page.getByRole('option').first().click();
  await page.getByRole('button', { name: 'Nein' }).click();
  assert.equal(await focusedInWidget(page), 'hw-contact-title');
  const order = await inWidget(page, (root) => {
    const fb = root.querySelector('.feedback');
    return fb.nextElementSibling?.className;
  });
  assert.equal(order, 'contact', 'the contact block follows the feedback');
  const mail = await inWidget(page, (root) => [...root.querySelectorAll('.channel a')].map((a) => a.href).find((h) => h.startsWith('mailto:')));
  assert.match(decodeURIComponent(mail), /zählerstand/);
  assert.match(decodeURIComponent(mail), /Gelesene Antwort:\nWie teile ich Ihnen meinen Zählerstand mit\?/);
  await context.close();
});

test('on a phone Back closes the full-screen panel, and the page behind does not scroll while it is open', async () => {
  const { page, context } = await open(b, `${s.base}/`, PHONE);
  await ready(page);
  const before = page.url();
  await page.getByRole('button', { name: 'Hilfe' }).tap();
  await page.getByRole('combobox').waitFor();
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).overflow), 'hidden');
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('help-widget').shadowRoot.querySelector('.panel').hidden);
  assert.equal(page.url(), before, 'Back did not leave the page');
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.documentElement).overflow), 'hidden');
  // Closing with the × button takes its history entry away again.
  await page.getByRole('button', { name: 'Hilfe' }).tap();
  await page.getByRole('button', { name: 'Hilfe schließen' }).tap();
  assert.equal(await page.evaluate(() => history.state?.helpWidget ?? null), null);
  await context.close();
});

test('on a phone the panel\'s history entry keeps a page\'s own text state whole, and Back gives it back', async () => {
  const { page, context } = await open(b, `${s.base}/`, PHONE);
  await ready(page);
  // A router that keeps its route as a string in history.state.
  await page.evaluate(() => history.replaceState('route:/tarife', ''));
  await page.getByRole('button', { name: 'Hilfe' }).tap();
  await page.getByRole('combobox').waitFor();
  assert.deepEqual(await page.evaluate(() => history.state), { helpWidget: true }, 'no characters of the text spread into the entry');
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('help-widget').shadowRoot.querySelector('.panel').hidden);
  assert.equal(await page.evaluate(() => history.state), 'route:/tarife');
  await context.close();
});

test('the saved panel belongs to its page: another page of the site opens fresh', async () => {
  const { page, context } = await open(b, `${s.base}/test/blank.html`);
  await ready(page);
  await page.evaluate(() => HelpWidget.search('abschlag'));
  await page.waitForTimeout(700);
  await page.goto(`${s.base}/en.html`);
  await launcherReady(page);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => document.querySelector('help-widget').shadowRoot.querySelector('.panel')), null, 'no panel drawn');
  await page.goto(`${s.base}/test/blank.html`);
  await launcherReady(page);
  await page.waitForFunction(() => HelpWidget.timings.interactive);
  assert.equal(await page.getByRole('combobox').inputValue(), 'abschlag', 'the same page still restores it');
  await context.close();
});

test('data-hash="off" leaves the host page\'s URL fragment alone', async () => {
  const { page, context } = await open(b, `${s.base}/test/hash-off.html#help/de/meter-reading`);
  await ready(page);
  assert.equal(await inWidget(page, (root) => root.querySelector('.panel')?.hidden ?? true), true, 'no deep link opened');
  await page.evaluate(() => HelpWidget.show('de/power-outage'));
  await page.getByRole('heading', { level: 3 }).first().waitFor();
  assert.equal(await page.evaluate(() => location.hash), '#help/de/meter-reading', 'the fragment is unchanged');
  await context.close();
});

for (const scheme of ['light', 'dark']) {
  test(`axe-core finds no violations with the contact control and after "Nein" (${scheme})`, async () => {
    const { page, context } = await open(b, `${s.base}/`, { colorScheme: scheme, bypassCSP: true });
    await ready(page);
    await page.addScriptTag({ content: AXE });
    await page.evaluate(() => HelpWidget.show('de/meter-reading'));
    await page.getByRole('button', { name: 'Nein' }).click();
    await animationsDone(page);
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
    await context.close();
  });
}

for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
  test(`asking for a person shows a tel: link in the panel's visible area without scrolling (${name})`, async () => {
    for (const query of ['mit einem Mitarbeiter sprechen', 'talk to a human']) {
      const { page, context } = await open(b, `${s.base}/`, { viewport });
      await ready(page);
      await page.evaluate((q) => HelpWidget.search(q), query);
      const where = await inWidget(page, (root) => {
        const panel = root.querySelector('.panel').getBoundingClientRect();
        const tel = [...root.querySelectorAll('.channel a')].find((a) => a.getAttribute('href').startsWith('tel:'));
        const r = tel.getBoundingClientRect();
        return { top: r.top - panel.top, visible: r.top >= panel.top && r.bottom <= panel.bottom, first: root.querySelector('.scroll').firstElementChild.className };
      });
      assert.ok(where.visible, `${query}: the tel: link is ${where.top} px below the panel top`);
      assert.equal(where.first, 'contact', `${query}: the contact block comes first`);
      await context.close();
    }
  });
}

test('a notice is one line that expands, on a phone and on a desktop', async () => {
  // The sample kb's fibre notice runs from 2026-11-01 08:00 +01:00 to
  // 2027-03-31 18:00 +02:00: the page's clock stands inside that window.
  const at = Date.parse('2026-12-01T12:00:00Z');
  for (const [options, open] of [[{ ...PHONE, at }, false], [{ viewport: { width: 1280, height: 800 }, at }, false]]) {
    const { page, context } = await open_(options);
    const state = await inWidget(page, (root) => {
      const n = root.querySelector('.notice');
      return { open: n.open, height: n.getBoundingClientRect().height };
    });
    assert.equal(state.open, open);
    if (!open) {
      assert.ok(state.height < 60, `a collapsed notice is ${state.height} px high`);
      await page.locator('help-widget').locator('.notice summary').click();
      assert.equal(await inWidget(page, (root) => root.querySelector('.notice').open), true, 'a tap expands it');
    }
    await context.close();
  }
});

async function open_(options) {
  const o = await open(b, `${s.base}/`, options);
  await ready(o.page);
  await o.page.evaluate(() => HelpWidget.open());
  await o.page.locator('help-widget').locator('.notice').waitFor();
  return o;
}

test('the site\'s logo from kb/ shows in the header, served beside the widget under the strict CSP', async () => {
  const { page, context, problems } = await open(b, `${s.base}/`);
  await launcherReady(page);
  await page.getByRole('button', { name: 'Hilfe' }).click();
  await page.waitForFunction(() => document.querySelector('help-widget').shadowRoot.querySelector('.head img.logo')?.complete);
  const logo = await inWidget(page, (root) => {
    const img = root.querySelector('.head img.logo');
    return { width: img.naturalWidth, src: img.src, alt: img.getAttribute('alt') };
  });
  assert.ok(logo.width > 0, 'the image loaded');
  assert.ok(logo.src.startsWith(s.base), logo.src);
  assert.equal(logo.alt, '', 'the title beside it names the site');
  assert.deepEqual(problems, [], 'no CSP violation');
  await context.close();
});
