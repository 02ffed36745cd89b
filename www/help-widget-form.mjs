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

// Which fields are read: the message (a textarea) and the subject (a field
// named or labelled as one), never a field for a person's data. A contact
// form asks for name, e-mail, phone, address and customer number beside the
// question; none of it may reach the search, an event or a beacon.
/** Input types that hold personal data or no words. */
const PERSONAL_TYPES = new Set(['email', 'tel', 'number', 'password', 'hidden', 'date', 'datetime-local',
  'month', 'week', 'time', 'url', 'file', 'checkbox', 'radio', 'color', 'range']);
/** `autocomplete` tokens of personal data (HTML's autofill field names). */
const PERSONAL_AUTOCOMPLETE = /\b(name|honorific-\w+|given-name|additional-name|family-name|nickname|username|email|tel(-\w+)?|street-address|address-line\d|address-level\d|country(-name)?|postal-code|organization(-title)?|bday(-\w+)?|sex|cc-\w+|impp|url|photo|one-time-code|new-password|current-password)\b/i;
/** Names, ids, labels and placeholders of personal fields (German and English). */
const PERSONAL_HINT = /name|e-?mail|mail|phone|telefon|\btel\b|fax|mobil|handy|adress|address|stra(ß|ss)e|street|hausnummer|\bplz\b|\bzip\b|postal|postleitzahl|\bort\b|city|wohnort|kunden|customer|client|account|konto|iban|bic|vertrag|contract|z(ä|ae)hlernummer|meter.?(number|id)|nummer|number|geburt|birth|firma|company|anrede|salutation/i;
/** Names, ids, labels and placeholders of a subject field. */
const SUBJECT_HINT = /betreff|subject|\bthema\b|\btopic\b|anliegen|\bconcern\b|\bsujet\b|asunto|oggetto|\btitle\b|titel/i;

/** What a page says about `field`: name, id, autocomplete, its labels,
 * aria-label and placeholder, lower-cased. */
function describe(field) {
  const labels = [...(field.labels ?? [])].map((l) => l.textContent);
  const by = (field.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)
    .map((id) => field.ownerDocument.getElementById(id)?.textContent ?? '');
  return [field.name, field.id, field.getAttribute('aria-label'), field.getAttribute('placeholder'), ...labels, ...by]
    .filter(Boolean).join(' ');
}

/** Whether `field` is for a person's data (by type, autocomplete or a hint
 * in its name or label), or holds no free text at all. */
export function isPersonal(field) {
  if (field instanceof HTMLTextAreaElement) {
    return PERSONAL_AUTOCOMPLETE.test(field.getAttribute('autocomplete') ?? '') || PERSONAL_HINT.test(describe(field));
  }
  if (!(field instanceof HTMLInputElement)) return true;
  if (PERSONAL_TYPES.has(field.type) || field.type !== 'text' && field.type !== 'search') return true;
  if (PERSONAL_AUTOCOMPLETE.test(field.getAttribute('autocomplete') ?? '')) return true;
  const text = describe(field);
  return PERSONAL_HINT.test(text) && !SUBJECT_HINT.test(text);
}

/** The form's subject field: a text input named or labelled as a subject
 * that is no personal field; else none. */
function subjectOf(form) {
  return [...form.querySelectorAll('input')].find((f) => SUBJECT_HINT.test(describe(f)) && !isPersonal(f)) ?? null;
}

/** The form's message field: its first textarea that is no personal field. */
function messageOf(form) {
  return [...form.querySelectorAll('textarea')].find((f) => !isPersonal(f)) ?? null;
}

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
  // Fields the page names are taken, unless they are for personal data.
  const pick = (given, fallback) => {
    if (!given) return fallback(form);
    const field = given instanceof Element ? given : form.querySelector(given);
    if (field && isPersonal(field)) {
      console.error(`help-widget: attach: ${given instanceof Element ? 'the field given' : `"${given}"`} is for personal data (name, e-mail, phone, address, customer number), which is never read; it is left out`);
      return null;
    }
    return field;
  };
  const subject = pick(fields.subject, subjectOf);
  const message = pick(fields.message, messageOf);
  const watched = [subject, message].filter(Boolean);
  if (!watched.length) {
    console.error('help-widget: attach: the form has no message field (a textarea) or subject field (named or labelled as a subject) to suggest answers for; nothing was changed');
    return () => {};
  }
  const ui = drawSuggestions(ctx, words, lang, ctx.stylesheets);
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
  const unshield = keepUncovered(ui.host, ctx.launcher, off.signal);
  const detach = () => {
    off.abort();
    clearTimeout(timer);
    unshield();
    ui.host.remove();
    attached.delete(form);
  };
  attached.set(form, detach);
  if (watched.some((f) => f.value.trim())) run();
  return detach;
}

/** Keeps the floating launcher from covering the suggestions: while the
 * two overlap on screen (on a phone, the launcher sits over the page's
 * bottom corner, where the suggestions scroll by), the launcher steps aside;
 * it comes back once they no longer meet. Returns the function that ends it. */
function keepUncovered(box, launcher, signal) {
  if (!launcher) return () => {};
  let frame = 0;
  let hidden = false;
  const set = (hide) => {
    if (hide === hidden) return;
    hidden = hide;
    // CSSOM, not a style attribute: allowed under a strict style-src.
    if (hide) launcher.style.setProperty('visibility', 'hidden', 'important');
    else launcher.style.removeProperty('visibility');
  };
  const check = () => {
    frame = 0;
    const a = box.getBoundingClientRect();
    const b = launcher.getBoundingClientRect();
    const open = launcher.getAttribute('aria-expanded') === 'true';
    const meet = a.height > 0 && !open && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    set(meet);
  };
  const soon = () => { if (!frame) frame = requestAnimationFrame(check); };
  for (const type of ['scroll', 'resize']) addEventListener(type, soon, { passive: true, signal });
  const seen = new ResizeObserver(soon);
  seen.observe(box);
  signal.addEventListener('abort', () => seen.disconnect());
  soon();
  return () => { cancelAnimationFrame(frame); set(false); };
}

/** Draws the box of answers suggested beside a form: an element of its own
 * with an open shadow root (the same theming custom properties as the
 * widget). `show(hits, query)` fills it; `onOpen(id)` returns an answer to
 * show in place, `onResolved(id)` reports "that solved it". */
function drawSuggestions({ el, drawHit }, words, lang, stylesheets) {
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
    const toggle = el('button', { type: 'button', class: 'q', 'aria-expanded': 'false', 'aria-controls': `hw-s-${i}` });
    const snip = el('p', { class: 'snip' });
    drawHit(hit, toggle, snip);
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
