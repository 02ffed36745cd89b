// Live hotline status in the widget under a fixed clock (Date overridden in
// the page), on both sides of the October 2026 DST change, on a holiday and
// after Christmas Eve's short day; and the hours page (hotline.html), which
// shows the widget's own words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { site, browser, open, ready } from './lib.mjs';

/** Makes Date.now() and new Date() start at `iso` (the clock still ticks). */
function fixedClock(iso) {
  const start = Date.parse(iso);
  const offset = start - Date.now();
  const RealDate = Date;
  class FixedDate extends RealDate {
    constructor(...args) { super(...(args.length ? args : [RealDate.now() + offset])); }
    static now() { return RealDate.now() + offset; }
  }
  globalThis.Date = FixedDate;
}

let s;
let b;
before(async () => { s = await site(); b = await browser(); });
after(async () => { await b?.close(); await s?.close(); });

/** Opens the widget at `iso` in `timezoneId`; returns what the UI and hotline_status say. */
async function at(iso, timezoneId) {
  const { page, context } = await open(b, 'about:blank', { timezoneId });
  await page.addInitScript(fixedClock, iso);
  await page.goto(`${s.base}/test/blank.html`);
  await ready(page);
  const result = await page.evaluate(async () => {
    const wasm = await import('/pkg/help_widget.js');
    HelpWidget.open();
    const status = wasm.hotline_status(Date.now(), 'de');
    const root = document.querySelector('help-widget').shadowRoot;
    const phone = root.querySelector('.channel[data-channel=phone]');
    const fmt = (ms, timeZone) => new Intl.DateTimeFormat('de-DE', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
    const live = status.channels.find((c) => c.kind === 'phone');
    const statusLine = phone.querySelector('.status');
    const box = (el) => el.getBoundingClientRect();
    const inside = (a, b) => a.top >= b.top && a.bottom <= b.bottom && a.left >= b.left && a.right <= b.right;
    const link = phone.querySelector('a');
    return {
      card: {
        statusInside: statusLine ? inside(box(statusLine), box(phone)) : null,
        description: (link.getAttribute('aria-describedby') || '').split(' ')
          .map((id) => root.getElementById(id)?.textContent ?? '').join(' '),
      },
      zone: status.zone,
      live,
      ui: { state: phone.dataset.state, text: phone.querySelector('.status')?.textContent ?? '' },
      nextChangeLocal: live?.next_change_ms ? fmt(live.next_change_ms) : null,
      nextOpenLocal: live?.next_open_ms ? fmt(live.next_open_ms) : null,
      nextOpenCentre: live?.next_open_ms ? fmt(live.next_open_ms, status.zone) : null,
      firstOpenToday: live?.today?.[0] ? fmt(live.today[0][0], status.zone) : null,
    };
  });
  await context.close();
  return result;
}

function check(r) {
  assert.equal(r.ui.state, r.live.state, 'the UI shows the state hotline_status reports');
  if (r.live.state === 'open' && r.nextChangeLocal) assert.ok(r.ui.text.includes(r.nextChangeLocal), r.ui.text);
  if (r.live.state === 'closed' && r.nextOpenLocal) assert.ok(r.ui.text.includes(r.nextOpenLocal), r.ui.text);
  if (r.live.state === 'closed' && r.live.reason) assert.ok(r.ui.text.includes(r.live.reason), r.ui.text);
}

test('on a weekday before and after the October DST change the hours keep their wall-clock time', async () => {
  const before = await at('2026-10-23T08:00:00Z', 'Europe/Berlin'); // Fri 10:00 CEST
  const after = await at('2026-10-26T09:00:00Z', 'Europe/Berlin'); // Mon 10:00 CET
  check(before);
  check(after);
  assert.equal(before.firstOpenToday, after.firstOpenToday, 'opening time in the centre does not shift with DST');
});

test('on a public holiday the hotline shows closed, why, and when it opens', async () => {
  const r = await at('2026-12-25T10:00:00Z', 'Europe/Berlin');
  check(r);
  assert.equal(r.ui.state, 'closed');
  assert.match(r.ui.text, /öffnet/);
});

test('a visitor in another time zone sees local time and the centre time', async () => {
  const r = await at('2026-12-25T10:00:00Z', 'America/New_York');
  check(r);
  if (r.nextOpenCentre && r.nextOpenCentre !== r.nextOpenLocal) {
    assert.ok(r.ui.text.includes(r.nextOpenCentre), r.ui.text);
    assert.match(r.ui.text, /Ortszeit Berlin/);
  }
});

test('on Christmas Eve at 13:00 the closed phone says the day was short, inside its row', async () => {
  const r = await at('2026-12-24T12:00:00Z', 'Europe/Berlin'); // Thu 13:00 CET
  check(r);
  assert.equal(r.ui.state, 'closed');
  assert.equal(r.ui.text, 'Geschlossen (Heiligabend: bis 12 Uhr) · öffnet Montag 08:00 Uhr');
  assert.ok(r.card.statusInside, 'the status line sits inside the card');
  assert.ok(r.card.description.includes(r.ui.text), `the link is described by its status: ${r.card.description}`);
});

test('the hours page shows the words the widget shows', async () => {
  const iso = '2026-12-24T12:00:00Z';
  const widget = await at(iso, 'America/New_York');
  const { page, context, problems } = await open(b, `${s.base}/hotline.html?at=${encodeURIComponent(iso)}&tz=America/New_York&lang=de`);
  await page.waitForSelector('body[data-ready]');
  const shown = await page.evaluate(() => [...document.querySelectorAll('#channels li')]
    .map((li) => ({
      status: li.querySelector('p.status')?.textContent,
      quiet: li.querySelector('p.quiet')?.textContent ?? null,
      today: li.querySelector('tr.today td:last-child')?.textContent,
      badge: li.querySelector('.badge')?.textContent,
    })));
  const title = await page.locator('h1').textContent();
  // Switching the language rewords the page from the widget's English words.
  await page.selectOption('#locale', 'en');
  const english = await page.evaluate(() => ({
    title: document.querySelector('h1').textContent,
    lang: document.documentElement.lang,
    badge: document.querySelector('#channels .badge').textContent,
    status: document.querySelector('#channels p.status').textContent,
  }));
  await context.close();
  assert.deepEqual(problems, []);
  assert.equal(shown[0].status, widget.ui.text);
  assert.match(shown[0].status, /Heiligabend: bis 6 Uhr/);
  assert.match(shown[0].status, /Ortszeit Berlin/);
  assert.match(shown[0].quiet, /^Kurze Wartezeiten: /);
  assert.match(shown[0].today, /\(Heiligabend\)$/, 'the short day\'s row names it');
  assert.equal(shown[0].badge, 'Geschlossen', 'the state is worded as the widget words it');
  assert.ok(widget.ui.text.startsWith(shown[0].badge), `${shown[0].badge} / ${widget.ui.text}`);
  assert.equal(title, 'Erreichbarkeit');
  assert.deepEqual([english.title, english.lang, english.badge], ['Contact hours', 'en', 'Closed']);
  assert.ok(english.status.startsWith(english.badge), english.status);
});
