// Writes a synthetic beacon log, as the widget posts it, for trying
// `help-widget report` and measuring it on big files:
//   node scripts/sample-events.mjs EVENTS [SEED] > events.jsonl
// Four weeks from Monday 2026-11-02 (UTC) of searches (a fifth find nothing),
// answers, votes and contact clicks about the sample kb, a few events of a
// kind the report does not know and two broken lines.
const count = Number(process.argv[2] ?? 10_000);
let seed = Number(process.argv[3] ?? 1) >>> 0;
/** mulberry32: the same log for the same seed. */
function random() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];
const weighted = (pairs) => {
  let r = random() * pairs.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of pairs) { r -= w; if (r < 0) return v; }
  return pairs.at(-1)[0];
};

const found = ['zählerstand', 'abschlag ändern', 'umzug', 'meter reading', 'rechnung zu hoch', 'glasfaser verfügbar'];
const gaps = [['wärmepumpe förderung', 9], ['Wärmepumpe Förderung?', 3], ['balkonkraftwerk anmelden', 7], ['balkonkraftwerk', 4],
  ['e-auto laden zuhause', 5], ['zählerstnad foto hochladen', 2], ['kundennummer 12345678 vergessen', 2], ['fernwärme preis', 3],
  ['wallbox', 4], ['stromsperre', 3], ['ratenzahlung rechnung', 2], ['heizung tauschen', 1]];
const helpful = { 'de/meter-reading': 0.9, 'de/bill-too-high': 0.35, 'de/change-instalment': 0.8,
  'en/meter-reading': 0.85, 'de/moving-out': 0.7, 'de/payment-reminder': 0.5 };
const ids = Object.keys(helpful);

const start = Date.UTC(2026, 10, 2);
const step = (28 * 86_400_000) / count;
const lines = [];
let at = start;
const emit = (e) => lines.push(JSON.stringify({ ...e, page: pick(['/', '/kontakt', '/rechnung', '/en/']), at: Math.round(at) }));
for (let i = 0; i < count; i++) {
  at += random() * 2 * step;
  const r = random();
  if (r < 0.1) emit({ event: 'open' });
  else if (r < 0.45) {
    if (random() < 0.22) {
      const query = weighted(gaps);
      emit({ event: 'search', query, count: 0 });
      emit({ event: 'no-results', query });
    } else emit({ event: 'search', query: pick(found), count: 1 + Math.floor(random() * 8) });
  } else if (r < 0.75) emit({ event: 'answer-shown', id: pick(ids), question: '…' });
  else if (r < 0.87) { const id = pick(ids); emit({ event: 'feedback', id, helpful: random() < helpful[id] }); }
  else if (r < 0.95) emit({ event: 'contact-clicked', channel: pick(['phone', 'email', 'chat']), query: pick(['', '', 'wärmepumpe förderung', 'rechnung zu hoch']) });
  else if (r < 0.98) emit({ event: 'form-suggestions', count: 2 });
  else emit({ event: 'close' });
  if (i === 17 || i === 4242) lines.push('{"event":"search","query":"cut off');
  if (lines.length >= 10_000) { process.stdout.write(lines.join('\n') + '\n'); lines.length = 0; }
}
process.stdout.write(lines.length ? lines.join('\n') + '\n' : '');
