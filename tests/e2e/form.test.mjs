// Answers suggested on the site's own contact form (data-attach, HelpWidget.attach).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { site, browser, open, launcherReady } from './lib.mjs';

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

const PERSONAL = {
  name: 'Max Mustermann',
  email: 'max.mustermann@example.de',
  phone: '0171 2345678',
  customer: '40012345678',
  iban: 'DE89 3704 0044 0532 0130 00',
};

test('a German contact form: name, e-mail, phone and customer number never reach an event or a beacon', async () => {
  const { page, context, problems } = await open(b, `${s.base}/test/contact-form-personal.html`);
  const beacons = [];
  // The site's beacon endpoint, as the receivers in docs/site-owners.md answer.
  await page.route('**/beacon', (route) => { beacons.push(route.request().postData()); return route.fulfill({ status: 204 }); });
  await launcherReady(page);
  // A visitor fills the form top to bottom, as people do.
  await page.getByRole('textbox', { name: 'Ihr Name' }).fill(PERSONAL.name);
  await page.getByRole('textbox', { name: 'E-Mail' }).fill(PERSONAL.email);
  await page.getByRole('textbox', { name: 'Telefon (optional)' }).fill(PERSONAL.phone);
  await page.getByRole('textbox', { name: 'Kundennummer' }).fill(PERSONAL.customer);
  await page.getByRole('textbox', { name: 'Betreff' }).pressSequentially('Abschlag ändern', { delay: 10 });
  const message = page.getByRole('textbox', { name: 'Nachricht' });
  await message.pressSequentially(`Ich möchte meinen Abschlag ändern. Kundennummer ${PERSONAL.customer}, IBAN ${PERSONAL.iban}, erreichbar unter ${PERSONAL.phone} oder ${PERSONAL.email}.`, { delay: 2 });
  await page.waitForFunction(() => window.seen.some(([n]) => n === 'form-suggestions'), null, { timeout: 5000 });
  // And asks the widget too, with the customer number in the question.
  await page.evaluate(() => HelpWidget.open());
  await page.getByRole('combobox').pressSequentially(`kundennummer ${PERSONAL.customer} vergessen`, { delay: 10 });
  await page.waitForTimeout(900);
  await page.getByRole('button', { name: 'Absenden' }).click();
  await page.waitForTimeout(300);
  const seen = await page.evaluate(() => JSON.stringify(window.seen));
  const suggested = await page.evaluate(() => window.seen.filter(([n]) => n === 'form-suggestions').map(([, d]) => d.query));
  assert.ok(suggested.length > 0, seen);
  // What was searched: the subject, then the message, nothing before them.
  assert.ok(suggested.every((q) => q.startsWith('Abschlag ändern')), suggested.join('\n'));
  assert.ok(suggested.at(-1).startsWith('Abschlag ändern Ich möchte meinen Abschlag ändern.'), suggested.join('\n'));
  assert.ok(beacons.length > 0, 'the beacons were sent');
  const everything = `${seen}\n${beacons.join('\n')}`;
  for (const [what, value] of Object.entries(PERSONAL)) {
    for (const part of [value, value.replace(/ /g, ''), ...value.split(' ').filter((p) => p.length >= 5)]) {
      assert.ok(!everything.includes(part), `${what} (${part}) left the page:\n${everything}`);
    }
  }
  assert.match(everything, /<number>/, 'the numbers in the text were replaced, not the text dropped');
  assert.match(everything, /<e-mail>/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a field for personal data named as the subject is refused with one console message', async () => {
  const { page, context, problems } = await open(b, `${s.base}/test/blank.html`);
  await launcherReady(page);
  await page.evaluate(() => {
    const form = document.createElement('form');
    form.innerHTML = '<label>E-Mail <input type="email" name="mail"></label><label>Frage <textarea name="q"></textarea></label>';
    document.body.append(form);
    window.seen = [];
    HelpWidget.on('form-suggestions', (d) => window.seen.push(d));
    HelpWidget.attach(form, { subject: 'input[name=mail]' });
  });
  await page.getByRole('textbox', { name: 'E-Mail' }).fill('max@example.de');
  await page.getByRole('textbox', { name: 'Frage' }).fill('Zählerstand melden');
  await page.waitForFunction(() => window.seen.length > 0);
  assert.equal(await page.evaluate(() => window.seen[0].query), 'Zählerstand melden');
  assert.equal(problems.filter((p) => p.includes('is for personal data')).length, 1, problems.join('\n'));
  await context.close();
});

test('the suggestions leave the lists of the answer shown inside them as written', async () => {
  const { page, context } = await open(b, `${s.base}/test/contact-form.html`);
  await launcherReady(page);
  await page.getByRole('textbox', { name: 'Ihre Nachricht' }).fill('Mein Zählerstand stimmt nicht');
  await page.getByRole('button', { name: 'Wie teile ich Ihnen meinen Zählerstand mit?' }).click();
  await page.getByRole('button', { name: 'Das hat geholfen' }).waitFor();
  const items = await page.evaluate(() => [...document.querySelector('help-widget-suggest').shadowRoot.querySelectorAll('.answer-body li')]
    .map((li) => { const cs = getComputedStyle(li); return `${cs.borderTopStyle} ${cs.display}`; }));
  assert.ok(items.length > 0, 'the answer has a list');
  assert.deepEqual([...new Set(items)], ['none list-item'], items.join());
  await context.close();
});

test('on a phone the launcher never covers the suggestions', async () => {
  const { page, context } = await open(b, `${s.base}/test/contact-form-personal.html`, PHONE);
  await launcherReady(page);
  await page.getByRole('textbox', { name: 'Nachricht' }).fill('Mein Zählerstand stimmt nicht');
  await page.waitForFunction(() => document.querySelector('help-widget-suggest')?.shadowRoot.querySelector('.q'));
  const covered = async () => page.evaluate(() => {
    const box = document.querySelector('help-widget-suggest').getBoundingClientRect();
    const launcher = document.querySelector('help-widget').shadowRoot.querySelector('.launcher');
    const l = launcher.getBoundingClientRect();
    const meet = box.left < l.right && l.left < box.right && box.top < l.bottom && l.top < box.bottom;
    return meet && getComputedStyle(launcher).visibility !== 'hidden';
  });
  // Scroll the suggestions past the launcher's corner, step by step.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const states = new Set();
  for (let y = 0; y < height; y += 40) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.equal(await covered(), false, `covered at scroll ${y}`);
    states.add(await page.evaluate(() => getComputedStyle(document.querySelector('help-widget').shadowRoot.querySelector('.launcher')).visibility));
  }
  assert.deepEqual([...states].sort(), ['hidden', 'visible'], 'it stepped aside where they met, and came back');
  await context.close();
});
