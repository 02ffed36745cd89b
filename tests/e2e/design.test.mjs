// The panel as visitors see it: a screenshot of every state (home, results,
// answer, person request, the site's contact form) on a phone and a
// desktop, light and dark, in tests/e2e/artifacts/states/, and the design
// rules those screenshots are judged by, checked where a browser can.
// The clock is fixed at Monday 7 December 2026, 07:00 in Berlin: every
// channel is closed until 08:00 and the fibre notice is active.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { site, browser, ready, animationsDone, inWidget, ARTIFACTS } from './lib.mjs';

const STATES = join(ARTIFACTS, 'states');
const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 800 } },
};
const MONDAY_7_BERLIN = new Date('2026-12-07T06:00:00Z');

let s;
let b;
before(async () => {
  s = await site();
  b = await browser();
  await mkdir(STATES, { recursive: true });
});
after(async () => {
  await b?.close();
  await s?.close();
});

async function page(device, scheme, path = '/') {
  const context = await b.newContext({ ...VIEWPORTS[device], colorScheme: scheme, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  const p = await context.newPage();
  await p.clock.setFixedTime(MONDAY_7_BERLIN);
  await p.route('**/favicon.ico', (r) => r.fulfill({ status: 204 }));
  await p.goto(`${s.base}${path}`);
  return { page: p, context };
}

/** Settles the panel (entrance animation, pending frames) and saves a screenshot. */
async function snap(p, name) {
  await animationsDone(p);
  await p.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  await p.screenshot({ path: join(STATES, `${name}.png`) });
}

for (const device of Object.keys(VIEWPORTS)) {
  for (const scheme of ['light', 'dark']) {
    test(`every state of the panel is photographed on a ${device} in the ${scheme} scheme`, async () => {
      const { page: p, context } = await page(device, scheme);
      await ready(p);
      await p.evaluate(() => HelpWidget.open());
      await snap(p, `${device}-${scheme}-home`);
      await p.evaluate(() => HelpWidget.search('strom weg'));
      await snap(p, `${device}-${scheme}-results`);
      await p.evaluate(() => HelpWidget.show('de/meter-reading'));
      await snap(p, `${device}-${scheme}-answer`);
      await p.evaluate(() => HelpWidget.search('mit einem Mitarbeiter sprechen'));
      await snap(p, `${device}-${scheme}-person`);
      await context.close();

      const form = await page(device, scheme, '/test/contact-form.html');
      const message = form.page.getByRole('textbox', { name: 'Ihre Nachricht' });
      await message.click();
      await message.pressSequentially('Mein Zählerstand stimmt nicht', { delay: 10 });
      await form.page.waitForFunction(() => document.querySelector('help-widget-suggest')?.shadowRoot.querySelector('.q'));
      await snap(form.page, `${device}-${scheme}-contact-form`);
      await form.context.close();
    });
  }
}

test('the header is one line with the site name, contact and close, and never wraps', async () => {
  for (const device of Object.keys(VIEWPORTS)) {
    const { page: p, context } = await page(device, 'light');
    await ready(p);
    await p.evaluate(() => HelpWidget.open());
    const head = await inWidget(p, (root) => {
      const h = root.querySelector('.head');
      const title = root.querySelector('#hw-title');
      const line = parseFloat(getComputedStyle(title).lineHeight);
      return { height: h.getBoundingClientRect().height, title: title.textContent, titleLines: Math.round(title.getBoundingClientRect().height / line),
        parts: [...h.querySelectorAll('button')].map((e) => e.dataset.act) };
    });
    assert.equal(head.title, 'Stadtwerke Lindenau', device);
    assert.equal(head.titleLines, 1, device);
    assert.deepEqual(head.parts, ['to-contact', 'close'], device);
    assert.ok(head.height <= 60, `${device}: header ${head.height}px`);
    await context.close();
  }
});

test('the search box comes first, its label is not shown twice, and a notice is one line that expands', async () => {
  const { page: p, context } = await page('desktop', 'light');
  await ready(p);
  await p.evaluate(() => HelpWidget.open());
  const home = await inWidget(p, (root) => {
    const visible = (e) => e && e.getBoundingClientRect().height > 1;
    const notice = root.querySelector('.notice');
    const title = root.querySelector('.notice-title');
    return {
      labelShown: visible(root.querySelector('.search label')) && root.querySelector('.search label').getBoundingClientRect().width > 1,
      label: root.querySelector('.search label').textContent,
      greeting: root.querySelector('.greeting')?.textContent ?? '',
      placeholder: root.querySelector('#hw-q').placeholder,
      noticeOpen: notice?.open,
      noticeHeight: notice?.getBoundingClientRect().height,
      titleLine: parseFloat(getComputedStyle(title).lineHeight),
      firstInScroll: root.querySelector('.scroll').firstElementChild.className,
    };
  });
  assert.equal(home.labelShown, false, 'the label is for screen readers; the greeting says it');
  assert.ok(!home.greeting.includes(home.label) || !home.labelShown);
  assert.equal(home.placeholder, 'Suchbegriff, z. B. Zählerstand', 'site.toml [home.de] placeholder');
  assert.equal(home.noticeOpen, false);
  assert.ok(home.noticeHeight < 2.5 * home.titleLine, `notice ${home.noticeHeight}px`);
  await inWidget(p, (root) => root.querySelector('.notice-title').click());
  assert.equal(await inWidget(p, (root) => root.querySelector('.notice').open), true, 'the notice expands');
  await p.evaluate(() => HelpWidget.search('zählerstand'));
  assert.equal(await inWidget(p, (root) => root.querySelectorAll('.notice').length), 0, 'no notice beside unrelated results');
  await context.close();
});

test('featured, related and result rows are quiet rows, not underlined links', async () => {
  const { page: p, context } = await page('desktop', 'light');
  await ready(p);
  await p.evaluate(() => HelpWidget.open());
  const style = (sel) => inWidget(p, (root, q) => {
    const e = root.querySelector(q);
    const c = getComputedStyle(e);
    return { underline: c.textDecorationLine.includes('underline'), colour: c.color, fg: getComputedStyle(root.querySelector('.hw')).color };
  }, sel);
  const featured = await style('.links button');
  assert.equal(featured.underline, false);
  assert.equal(featured.colour, featured.fg, 'rows in the text colour, not the link blue');
  await p.evaluate(() => HelpWidget.show('de/meter-reading'));
  assert.equal((await style('.content .links button')).underline, false);
  await context.close();
});

test('closed channels read in a neutral tone and say their shared status once', async () => {
  const { page: p, context } = await page('phone', 'light');
  await ready(p);
  await p.evaluate(() => HelpWidget.search('mit einem Mitarbeiter sprechen'));
  const block = await inWidget(p, (root) => ({
    title: root.querySelector('#hw-contact-title').textContent,
    summary: root.querySelector('.contact .summary')?.textContent ?? '',
    statuses: [...root.querySelectorAll('.channel .status')].map((e) => e.textContent),
    closed: root.querySelectorAll('.channel[data-state="closed"]').length,
    colours: [...root.querySelectorAll('.contact .summary, .channel .status')].map((e) => getComputedStyle(e).color),
    muted: getComputedStyle(root.querySelector('.hw')).getPropertyValue('--muted').trim(),
  }));
  assert.notEqual(block.title, 'Noch Fragen?', 'right after asking for a person, the block is not headed as an afterthought');
  assert.match(block.summary, /: Geschlossen · öffnet heute 0?8(:00)? Uhr$/);
  assert.ok(block.closed >= 3, JSON.stringify(block));
  assert.ok(!block.statuses.some((t) => t === block.summary.replace(/^.*?: /, '')), 'no channel repeats the summary');
  for (const c of block.colours) assert.notEqual(c, 'rgb(164, 38, 44)', 'no alarm red for a routine closed state');
  await context.close();
});

test('while the panel is open on a desktop the launcher is its close control', async () => {
  const { page: p, context } = await page('desktop', 'light');
  await ready(p);
  const launcher = p.getByRole('button', { name: 'Hilfe', exact: true });
  await launcher.click();
  const close = p.getByRole('button', { name: 'Hilfe schließen' }).last();
  assert.equal(await inWidget(p, (root) => root.querySelector('.launcher').getAttribute('aria-expanded')), 'true');
  assert.match(await inWidget(p, (root) => root.querySelector('.launcher').textContent), /schließen/);
  await close.click();
  assert.equal(await inWidget(p, (root) => root.querySelector('.panel').hidden), true);
  assert.equal(await inWidget(p, (root) => root.querySelector('.launcher .label').textContent), 'Hilfe');
  await context.close();
});

test('on a phone, Back steps from an answer to the results and then closes the panel', async () => {
  const { page: p, context } = await page('phone', 'light', '/');
  await ready(p);
  await p.getByRole('button', { name: 'Hilfe', exact: true }).click();
  await p.keyboard.type('zählerstand');
  await inWidget(p, (root) => root.querySelector('[role=option]').click());
  await inWidget(p, (root) => root.querySelector('#hw-answer-title') !== null);
  await p.goBack({ waitUntil: 'commit' }).catch(() => {});
  await p.waitForFunction(() => !document.querySelector('help-widget').shadowRoot.querySelector('#hw-answer-title'));
  const state = await inWidget(p, (root) => ({ open: !root.querySelector('.panel').hidden, rows: root.querySelectorAll('[role=option]').length, query: root.querySelector('#hw-q').value }));
  assert.deepEqual(state, { open: true, rows: state.rows, query: 'zählerstand' });
  assert.ok(state.rows > 0);
  await p.goBack({ waitUntil: 'commit' }).catch(() => {});
  await p.waitForFunction(() => document.querySelector('help-widget').shadowRoot.querySelector('.panel').hidden);
  await context.close();
});

test('a result snippet never cuts its highlight, and is windowed on the match', async () => {
  for (const device of Object.keys(VIEWPORTS)) {
    const { page: p, context } = await page(device, 'light');
    await ready(p);
    for (const q of ['zählerstand', 'strom weg', 'abschlag ändern', 'umzug', 'rechnung zu hoch']) {
      await p.evaluate((query) => HelpWidget.search(query), q);
      const cut = await inWidget(p, (root) => [...root.querySelectorAll('[role=option] .snip mark')].filter((m) => {
        const snip = m.closest('.snip').getBoundingClientRect();
        const r = m.getBoundingClientRect();
        return r.right > snip.right + 0.5 || r.bottom > snip.bottom + 0.5;
      }).map((m) => m.textContent));
      assert.deepEqual(cut, [], `${device} "${q}"`);
    }
    await context.close();
  }
});

test('a closure is the one channel state in red', async () => {
  const context = await b.newContext({ ...VIEWPORTS.phone, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  const p = await context.newPage();
  // Tuesday 29 December 2026, 10:00 in Berlin: the phone system is being replaced.
  await p.clock.setFixedTime(new Date('2026-12-29T09:00:00Z'));
  await p.goto(`${s.base}/`);
  await ready(p);
  await p.evaluate(() => HelpWidget.search('mit einem Mitarbeiter sprechen'));
  const phone = await inWidget(p, (root) => {
    const li = root.querySelector('.channel[data-channel=phone]');
    return { alert: li.hasAttribute('data-alert'), text: li.querySelector('.status').textContent, colour: getComputedStyle(li.querySelector('.status')).color };
  });
  assert.deepEqual(phone, { alert: true, text: phone.text, colour: 'rgb(164, 38, 44)' });
  assert.match(phone.text, /Umstellung der Telefonanlage/);
  await context.close();
});
