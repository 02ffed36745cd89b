// Answers suggested on the site's own contact form (data-attach, HelpWidget.attach).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { site, browser, open, launcherReady } from './lib.mjs';

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

const suggestions = (page) => page.evaluate(() =>
  [...(document.querySelector('help-widget-suggest')?.shadowRoot.querySelectorAll('.q') ?? [])].map((q) => q.textContent));

test('writing into the contact form suggests the matching answer, opens it in place and never stops the submission', async () => {
  const { page, context, problems } = await open(b, `${s.base}/test/contact-form.html`);
  await launcherReady(page);
  const message = page.getByRole('textbox', { name: 'Ihre Nachricht' });
  await message.click();
  await message.pressSequentially('Mein Zählerstand stimmt nicht', { delay: 20 });
  const typedAt = Date.now();
  await page.waitForFunction(() => document.querySelector('help-widget-suggest')?.shadowRoot.querySelector('.q'), null, { timeout: 1000 });
  console.log(`last keystroke → suggestions shown: ${Date.now() - typedAt} ms (as seen by the test driver)`);
  const shown = await suggestions(page);
  assert.ok(shown.length >= 1 && shown.length <= 3, shown.join(' | '));
  assert.ok(shown.includes('Wie teile ich Ihnen meinen Zählerstand mit?'), shown.join(' | '));
  // The suggestions sit right after the message field.
  assert.equal(await page.evaluate(() => document.querySelector('#nachricht').nextElementSibling.localName), 'help-widget-suggest');
  const live = await page.evaluate(() => document.querySelector('help-widget-suggest').shadowRoot.querySelector('[role=status]').textContent);
  assert.match(live, /Antworten? gefunden/);
  await page.getByRole('button', { name: 'Wie teile ich Ihnen meinen Zählerstand mit?' }).click();
  await page.getByRole('button', { name: 'Das hat geholfen' }).waitFor();
  assert.ok(await page.evaluate(() => document.querySelector('help-widget-suggest').shadowRoot.querySelector('.answer-body ol, .answer-body p')));
  await page.getByRole('button', { name: 'Das hat geholfen' }).click();
  await page.getByText('Sie müssen das Formular nicht mehr absenden').waitFor();
  await page.getByRole('button', { name: 'Absenden' }).click();
  assert.equal(await page.evaluate(() => window.submitted), 1, 'the page\'s own handler got the submission');
  const names = await page.evaluate(() => window.formEvents.map(([n]) => n));
  assert.ok(names.includes('form-suggestions'), names.join());
  assert.deepEqual(names.filter((n) => n !== 'form-suggestions'), ['form-answer-opened', 'form-resolved', 'form-submitted']);
  const submitted = await page.evaluate(() => window.formEvents.find(([n]) => n === 'form-submitted')[1]);
  assert.ok(submitted.ids.includes('de/meter-reading'), JSON.stringify(submitted));
  assert.deepEqual(problems, []);
  await context.close();
});

test('focusing a field of the attached form loads the search, and nothing is fetched before', async () => {
  const { page, context, requests } = await open(b, `${s.base}/test/contact-form.html`);
  await launcherReady(page);
  await page.waitForLoadState('networkidle');
  assert.equal(requests.filter((u) => u.endsWith('.wasm')).length, 0);
  await page.getByRole('textbox', { name: 'Betreff' }).focus();
  await page.waitForFunction(() => HelpWidget.timings.interactive);
  await context.close();
});

test('a selector that matches no form gets one console message and changes nothing', async () => {
  const { page, context, problems } = await open(b, `${s.base}/test/blank.html`);
  await launcherReady(page);
  const before = await page.evaluate(() => document.body.innerHTML);
  const message = page.waitForEvent('console', { predicate: (m) => m.text().includes('matches no <form>'), timeout: 5000 });
  const result = await page.evaluate(() => typeof HelpWidget.attach('#nope'));
  assert.equal(result, 'function', 'a detach function all the same');
  await message;
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => document.body.innerHTML), before);
  assert.equal(problems.filter((p) => p.includes('matches no <form>')).length, 1, problems.join('\n'));
  await context.close();
});

test('a form added later is attached from JavaScript and detached again', async () => {
  const { page, context } = await open(b, `${s.base}/test/blank.html`);
  await launcherReady(page);
  await page.evaluate(() => {
    const form = document.createElement('form');
    form.innerHTML = '<label>Question <textarea name="q"></textarea></label>';
    document.body.append(form);
    window.detach = HelpWidget.attach(form);
  });
  await page.getByRole('textbox', { name: 'Question' }).fill('Abschlag ändern');
  await page.waitForFunction(() => document.querySelector('help-widget-suggest')?.shadowRoot.querySelector('.q'));
  await page.evaluate(() => window.detach());
  assert.equal(await page.evaluate(() => document.querySelector('help-widget-suggest')), null);
  await context.close();
});

for (const scheme of ['light', 'dark']) {
  test(`axe-core finds no violations in the form suggestions (${scheme})`, async () => {
    const { page, context } = await open(b, `${s.base}/test/contact-form.html`, { colorScheme: scheme, bypassCSP: true });
    await launcherReady(page);
    await page.getByRole('textbox', { name: 'Ihre Nachricht' }).fill('Mein Zählerstand stimmt nicht');
    await page.waitForFunction(() => document.querySelector('help-widget-suggest')?.shadowRoot.querySelector('.q'));
    await page.getByRole('button', { name: 'Wie teile ich Ihnen meinen Zählerstand mit?' }).click();
    await page.addScriptTag({ content: AXE });
    const result = await page.evaluate(() => window.axe.run(document.querySelector('help-widget-suggest'), { resultTypes: ['violations'] }));
    assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
    await context.close();
  });
}
