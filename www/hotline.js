// Live availability of the contact channels, answered by the Wasm bundle's
// hotline tables. Every word is the widget's own (src/widget/i18n.rs): the
// status and quiet-hours lines (hotline_texts) and the page's fixed words
// (hotline_words); this page adds the week's hours, in the visitor's zone.
import { startEngine } from './help-widget.mjs';
import { wallClock } from './help-widget-panel.mjs';

const { hotline_status, hotline_texts, hotline_words } = await startEngine(new URL('pkg/help_widget.js', import.meta.url).href, new URL('pkg/help_widget_bg.wasm', import.meta.url).href);

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
// ?at=<RFC 3339> freezes the clock; ?tz=<IANA zone> plays another visitor.
const fixedNow = params.has('at') ? Date.parse(params.get('at')) : null;
const visitorZone = params.get('tz') || Intl.DateTimeFormat().resolvedOptions().timeZone;

function fmt(locale, zone, opts) {
  return new Intl.DateTimeFormat(locale, { timeZone: zone, ...opts });
}

function weekTable(c, locale, t) {
  const table = document.createElement('table');
  table.className = 'week';
  // Dates are the centre's local dates: format them as plain dates (in UTC).
  const dayName = fmt(locale, 'UTC', { weekday: 'short', day: '2-digit', month: '2-digit' });
  const time = fmt(locale, visitorZone, { hour: '2-digit', minute: '2-digit' });
  c.week.forEach((d, i) => {
    const tr = table.insertRow();
    if (i === 0) tr.className = 'today';
    const [y, m, dd] = d.date.split('-').map(Number);
    tr.insertCell().textContent = dayName.format(Date.UTC(y, m - 1, dd, 12));
    const hours = d.intervals.length
      ? d.intervals.map(([a, b]) => `${time.format(a)}–${time.format(b)}`).join(', ')
      : t.closed;
    tr.insertCell().textContent = d.note ? `${hours} (${d.note})` : hours;
  });
  return table;
}

let timer = null;

function render() {
  const locale = $('locale').value;
  const t = hotline_words(locale);
  const now = fixedNow ?? Date.now();
  const s = hotline_status(now, locale);
  const texts = new Map(hotline_texts(now, locale, visitorZone, wallClock).map((x) => [x.id, x]));
  document.title = t.title;
  $('title').textContent = t.title;
  document.documentElement.lang = t.lang;
  $('clock').textContent = `${t.now}: ${fmt(locale, visitorZone, { dateStyle: 'full', timeStyle: 'short' }).format(now)} (${visitorZone})`;
  const list = $('channels');
  list.replaceChildren();
  if (!s.channels.length) {
    const li = document.createElement('li');
    li.textContent = t.noChannels;
    list.append(li);
  }
  for (const c of s.channels) {
    const li = document.createElement('li');
    li.className = 'channel';
    const h = document.createElement('h2');
    const a = document.createElement('a');
    a.href = c.href;
    a.textContent = c.label;
    const badge = document.createElement('span');
    badge.className = `badge ${c.state}`;
    badge.textContent = t[c.state];
    h.append(a, badge);
    const text = texts.get(c.id) ?? {};
    const p = document.createElement('p');
    p.className = 'status';
    p.textContent = text.status ?? c.reason ?? t.noHours;
    li.append(h, p, weekTable(c, locale, t));
    if (text.quiet) {
      const q = document.createElement('p');
      q.className = 'quiet';
      q.textContent = text.quiet;
      li.append(q);
    }
    list.append(li);
  }
  // Re-render at the next change (or in a minute), unless the clock is frozen.
  clearTimeout(timer);
  if (fixedNow == null) {
    const next = Math.min(...s.channels.map((c) => c.next_change_ms ?? Infinity), now + 60_000);
    timer = setTimeout(render, Math.max(1000, next - Date.now() + 500));
  }
}

const lang = (params.get('lang') || navigator.language || 'de').slice(0, 2);
if ([...$('locale').options].some((o) => o.value === lang)) $('locale').value = lang;
$('locale').addEventListener('change', render);
render();
document.body.dataset.ready = 'true';
