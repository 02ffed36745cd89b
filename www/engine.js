// Demo of the search engine alone (the widget is on index.html): results appear while you type.
import { startEngine } from './help-widget.mjs';

const { search, answer, bundle_info } = await startEngine(new URL('pkg/help_widget.js', import.meta.url).href, new URL('pkg/help_widget_bg.wasm', import.meta.url).href);

const $ = (id) => document.getElementById(id);

function highlighted(text, ranges) {
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const [start, end] of ranges) {
    frag.append(text.slice(at, start));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(start, end);
    frag.append(mark);
    at = end;
  }
  frag.append(text.slice(at));
  return frag;
}

function showAnswer(id) {
  const a = answer(id);
  const box = $('answer');
  if (!a) { box.hidden = true; return; }
  box.replaceChildren();
  const h = document.createElement('h2');
  h.textContent = a.question;
  const body = document.createElement('div');
  body.innerHTML = a.html; // rendered and sanitized at build time
  box.append(h, body);
  if (a.related.length) {
    const list = document.createElement('ul');
    for (const r of a.related) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = r.question;
      b.addEventListener('click', () => showAnswer(r.id));
      li.append(b);
      list.append(li);
    }
    const rh = document.createElement('h3');
    rh.textContent = $('locale').value === 'de' ? 'Verwandte Fragen' : 'Related questions';
    box.append(rh, list);
  }
  box.hidden = false;
}

function update() {
  const q = $('q').value;
  const t0 = performance.now();
  const hits = q.trim() ? search(q, $('locale').value, 8) : [];
  const ms = performance.now() - t0;
  const list = $('results');
  list.replaceChildren();
  for (const hit of hits) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'hit';
    b.dataset.id = hit.id;
    const title = document.createElement('strong');
    title.textContent = hit.question;
    const snip = document.createElement('span');
    snip.append(highlighted(hit.snippet, hit.highlights));
    b.append(title, snip);
    b.addEventListener('click', () => showAnswer(hit.id));
    li.append(b);
    list.append(li);
  }
  $('count').textContent = q.trim() ? `${hits.length} Treffer (${ms.toFixed(2)} ms)` : '';
}

const info = bundle_info();
$('info').textContent = `${info.site_name}: ${info.entries} Einträge (${info.locales.join(', ')}), Bundle ${Math.round(info.bytes / 1024)} KiB, Format v${info.format_version}`;
$('q').addEventListener('input', update);
$('locale').addEventListener('change', update);
$('search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const first = document.querySelector('.hit');
  if (first) showAnswer(first.dataset.id);
});
document.body.dataset.ready = 'true';
