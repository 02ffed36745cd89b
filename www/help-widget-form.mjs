// help-widget: answers suggested on the site's own contact form, while a
// visitor writes (data-attach, HelpWidget.attach). Loaded by
// help-widget.mjs only on pages that attach a form, with what it shares
// (`ctx`: the words, the engine, events, the element helper).

/** How long typing in an attached form must pause before answers are suggested. */
const FORM_PAUSE_MS = 250;
/** Answers suggested beside a form. */
const FORM_ANSWERS = 3;
/** Characters of a query carried in events (the engine reads 256 bytes). */
const QUERY_CHARS = 256;

/** Suggests answers beside `target` (a form or a selector) while a
 * visitor writes; returns the function that removes them again. */
export function attach(ctx, target, fields = {}) {
  const { words, lang, tag, emit, load, attached, el } = ctx;
  const form = typeof target === 'string' ? document.querySelector(target) : target;
  if (!(form instanceof HTMLFormElement)) {
    console.error(`help-widget: attach: ${typeof target === 'string' ? `"${target}" matches no <form>` : 'not a <form>'}; nothing was changed`);
    return () => {};
  }
  if (attached.has(form)) return attached.get(form);
  const pick = (given, fallback) => (given instanceof Element ? given : form.querySelector(given || fallback));
  const subject = pick(fields.subject, 'input[type=text], input:not([type])');
  const message = pick(fields.message, 'textarea');
  const watched = [subject, message].filter(Boolean);
  if (!watched.length) {
    console.error('help-widget: attach: the form has no text input or textarea to suggest answers for; nothing was changed');
    return () => {};
  }
  const ui = drawSuggestions(el, words, lang, ctx.stylesheets);
  (message ?? subject).after(ui.host);
  const off = new AbortController();
  let timer = 0;
  let shown = [];
  const run = async () => {
    const query = watched.map((f) => f.value).join(' ').trim();
    if (query.length < 3) { ui.show([], query); shown = []; return; }
    await load().catch(() => {});
    const engine = ctx.engine();
    if (!engine || off.signal.aborted) return;
    // A large kb fetches the index parts this query needs first.
    const hits = await ctx.settle(() => engine.search(query, tag, FORM_ANSWERS));
    if (off.signal.aborted) return;
    const ids = hits.map((h) => h.id);
    if (ids.join() !== shown.join()) {
      ui.show(hits, query);
      shown = ids;
    }
    if (ids.length) emit('form-suggestions', { query: query.slice(0, QUERY_CHARS), ids });
  };
  for (const field of watched) {
    field.addEventListener('focus', () => { load().catch(() => {}); }, { signal: off.signal });
    field.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, FORM_PAUSE_MS); }, { signal: off.signal });
  }
  ui.onOpen = (id) => {
    const a = ctx.engine()?.answer(id);
    if (a) emit('form-answer-opened', { id });
    return a;
  };
  ui.onResolved = (id) => emit('form-resolved', { ids: [id] });
  // Never blocks, delays or hides the submission: it only reports it.
  form.addEventListener('submit', () => emit('form-submitted', { ids: shown }), { signal: off.signal });
  const detach = () => {
    off.abort();
    clearTimeout(timer);
    ui.host.remove();
    attached.delete(form);
  };
  attached.set(form, detach);
  if (watched.some((f) => f.value.trim())) run();
  return detach;
}

/** Draws the box of answers suggested beside a form: an element of its own
 * with an open shadow root (the same theming custom properties as the
 * widget). `show(hits, query)` fills it; `onOpen(id)` returns an answer to
 * show in place, `onResolved(id)` reports "that solved it". */
function drawSuggestions(el, words, lang, stylesheets) {
  const host = el('help-widget-suggest');
  const root = host.attachShadow({ mode: 'open' });
  for (const href of stylesheets) root.append(el('link', { rel: 'stylesheet', href }));
  const wrap = el('div', { class: 'hw', lang, 'data-mode': 'form' });
  const box = el('section', { class: 'suggest', 'aria-labelledby': 'hw-s-title', hidden: '' });
  const list = el('ul', { class: 'suggest-list' });
  const thanks = el('p', { class: 'thanks', tabindex: '-1', hidden: '' }, words.formThanks);
  box.append(el('h2', { id: 'hw-s-title' }, words.formTitle), list, thanks);
  const live = el('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  wrap.append(box, live);
  root.append(wrap);
  const ui = { host, onOpen: () => null, onResolved: () => {} };
  ui.show = (hits, query) => {
    list.replaceChildren(...hits.map((hit, i) => row(hit, i)));
    box.hidden = hits.length === 0;
    thanks.hidden = true;
    live.textContent = query ? words.formCounts[Math.min(hits.length, words.formCounts.length - 1)] : '';
  };
  function row(hit, i) {
    const li = el('li');
    const toggle = el('button', { type: 'button', class: 'q', 'aria-expanded': 'false', 'aria-controls': `hw-s-${i}` }, hit.question);
    const snip = el('p', { class: 'snip' });
    let at = 0;
    for (const [start, end] of hit.highlights) {
      if (start < at || end <= start) continue;
      snip.append(hit.snippet.slice(at, start), el('mark', {}, hit.snippet.slice(start, end)));
      at = end;
    }
    snip.append(hit.snippet.slice(at));
    const panel = el('div', { class: 'suggest-answer', id: `hw-s-${i}`, hidden: '' });
    toggle.addEventListener('click', () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      if (open && !panel.firstChild) {
        const answer = ui.onOpen(hit.id);
        if (!answer) return;
        const body = el('div', { class: 'answer-body', lang: answer.locale });
        body.innerHTML = answer.html; // sanitized when the kb was compiled
        const solved = el('button', { type: 'button', class: 'resolved' }, words.formResolved);
        solved.addEventListener('click', () => {
          ui.onResolved(hit.id);
          thanks.hidden = false;
          thanks.focus();
        });
        panel.append(body, solved);
      } else if (open) {
        ui.onOpen(hit.id);
      }
      toggle.setAttribute('aria-expanded', String(open));
      panel.hidden = !open;
      snip.hidden = open;
    });
    li.append(toggle, snip, panel);
    return li;
  }
  return ui;
}
