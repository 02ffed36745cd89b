// Live availability of the contact channels, answered by the Wasm bundle's
// hotline tables. Times are shown in the visitor's zone (Intl.DateTimeFormat),
// with the centre's local time beside them when the two clocks differ.
import init, { hotline_status } from './pkg/help_widget.js';

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
// ?at=<RFC 3339> freezes the clock; ?tz=<IANA zone> plays another visitor.
const fixedNow = params.has('at') ? Date.parse(params.get('at')) : null;
const visitorZone = params.get('tz') || Intl.DateTimeFormat().resolvedOptions().timeZone;

const TEXT = {
  de: {
    title: 'Erreichbarkeit', open: 'geöffnet', closed: 'geschlossen', unknown: 'unbekannt',
    until: (t) => `geöffnet bis ${t}`, opens: (t) => `öffnet ${t}`,
    closedToday: (r) => `heute geschlossen: ${r}`, closedNow: (r) => `geschlossen: ${r}`,
    noTimes: 'Für diesen Zeitraum liegen keine Zeiten vor.',
    centre: (t, city) => `${t} Ortszeit ${city}`, now: (t, z) => `Jetzt: ${t} (${z})`,
    quiet: 'Meist kurze Wartezeit (Ortszeit der Zentrale):', closedDay: 'geschlossen', none: 'Keine Kanäle hinterlegt.',
  },
  en: {
    title: 'Contact hours', open: 'open', closed: 'closed', unknown: 'unknown',
    until: (t) => `open until ${t}`, opens: (t) => `opens ${t}`,
    closedToday: (r) => `closed today: ${r}`, closedNow: (r) => `closed: ${r}`,
    noTimes: 'No hours are known for this period.',
    centre: (t, city) => `${t} ${city} time`, now: (t, z) => `Now: ${t} (${z})`,
    quiet: 'Usually short waits (the centre\'s local time):', closedDay: 'closed', none: 'No channels configured.',
  },
};

function fmt(locale, zone, opts) {
  return new Intl.DateTimeFormat(locale, { timeZone: zone, ...opts });
}

// "08:00", or "Monday 08:00" when not today (in the visitor's zone), with
// the centre's wall-clock time beside it when it reads differently.
function when(ms, now, locale, centreZone, t) {
  const time = { hour: '2-digit', minute: '2-digit' };
  const day = (z) => fmt(locale, z, { year: 'numeric', month: '2-digit', day: '2-digit' });
  const sameDay = day(visitorZone).format(ms) === day(visitorZone).format(now);
  const opts = sameDay ? time : { weekday: 'long', ...time };
  const visitor = fmt(locale, visitorZone, opts).format(ms);
  const centre = fmt(locale, centreZone, opts).format(ms);
  if (centre === visitor) return visitor;
  const city = centreZone.split('/').pop().replaceAll('_', ' ');
  return `${visitor} (${t.centre(centre, city)})`;
}

function summary(c, now, locale, zone, t) {
  if (c.state === 'open') {
    const s = c.next_change_ms != null ? t.until(when(c.next_change_ms, now, locale, zone, t)) : t.open;
    return c.reason ? `${s} – ${c.reason}` : s;
  }
  if (c.state === 'unknown') return c.reason || t.noTimes;
  const parts = [];
  if (c.reason) parts.push(c.today.length ? t.closedNow(c.reason) : t.closedToday(c.reason));
  if (c.next_open_ms != null) parts.push(t.opens(when(c.next_open_ms, now, locale, zone, t)));
  return parts.join(' · ') || t.closed;
}

function weekTable(c, locale, zone, t) {
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
    tr.insertCell().textContent = d.intervals.length
      ? d.intervals.map(([a, b]) => `${time.format(a)}–${time.format(b)}`).join(', ')
      : d.closed_reason ? `${t.closedDay} (${d.closed_reason})` : t.closedDay;
  });
  return table;
}

function quietLine(c, locale, t) {
  if (!c.quiet.length) return null;
  // 2024-01-01 was a Monday: weekday names without a zone question.
  const wd = fmt(locale, 'UTC', { weekday: 'short' });
  // Consecutive hours of a day become one range: "Mo 18–20".
  const ranges = [];
  for (const q of c.quiet) {
    const last = ranges[ranges.length - 1];
    if (last && last.weekday === q.weekday && last.to === q.hour) last.to = q.hour + 1;
    else ranges.push({ weekday: q.weekday, from: q.hour, to: q.hour + 1 });
  }
  const byDay = new Map();
  for (const r of ranges) {
    const name = wd.format(Date.UTC(2024, 0, r.weekday, 12));
    byDay.set(name, [...(byDay.get(name) || []), `${r.from}–${r.to}`]);
  }
  const p = document.createElement('p');
  p.className = 'quiet';
  p.textContent = `${t.quiet} ${[...byDay].map(([d, hs]) => `${d} ${hs.join(', ')}`).join('; ')}`;
  return p;
}

let timer = null;

function render() {
  const locale = $('locale').value;
  const t = TEXT[locale] || TEXT.en;
  const now = fixedNow ?? Date.now();
  const s = hotline_status(now, locale);
  document.title = t.title;
  $('title').textContent = t.title;
  $('clock').textContent = t.now(fmt(locale, visitorZone, { dateStyle: 'full', timeStyle: 'short' }).format(now), visitorZone);
  const list = $('channels');
  list.replaceChildren();
  if (!s.channels.length) {
    const li = document.createElement('li');
    li.textContent = t.none;
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
    const p = document.createElement('p');
    p.textContent = summary(c, now, locale, s.zone, t);
    li.append(h, p, weekTable(c, locale, s.zone, t));
    const q = quietLine(c, locale, t);
    if (q) li.append(q);
    list.append(li);
  }
  // Re-render at the next change (or in a minute), unless the clock is frozen.
  clearTimeout(timer);
  if (fixedNow == null) {
    const next = Math.min(...s.channels.map((c) => c.next_change_ms ?? Infinity), now + 60_000);
    timer = setTimeout(render, Math.max(1000, next - Date.now() + 500));
  }
}

await init();
const lang = (params.get('lang') || navigator.language || 'de').slice(0, 2);
if (TEXT[lang]) $('locale').value = lang;
$('locale').addEventListener('change', render);
render();
document.body.dataset.ready = 'true';
