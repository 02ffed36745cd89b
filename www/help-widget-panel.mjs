// help-widget-panel.mjs: the panel's one renderer, and what the Wasm
// widget asks of the browser (`hostPage`: storage, address bar, history;
// `wallClock`: time zones), loaded with the Wasm (help-widget.mjs
// `engineLoader`; the contact form's suggestions load it for `drawHit`).
//
// Why the DOM is built in JavaScript, here, and not in Rust: the launcher
// and the panel's chrome must be on screen before the Wasm arrives (it
// loads only when a visitor reaches for the launcher), so help-widget.mjs
// draws them in JS either way, and the contact form's suggestions draw
// hits in JS too. A second renderer in Rust meant a DOM contract kept in
// two languages: elements found again by selector, the same markup written
// twice, and a crossing into the browser per node and attribute through
// web-sys. So the Wasm decides and JS draws, as Pagefind splits its Wasm
// query side from its JS UI: the Wasm's App turns messages into a view,
// src/widget/view.rs serialises what changed in it (a patch), and
// `panelView` draws only that (typing rewrites the query, the rows that
// changed, and little else). Nothing here reads layout
// but the one scroll reset that new results need. Editors' text is drawn
// with textContent and setAttribute; only answer and notice HTML,
// sanitised when the kb was compiled, is drawn as HTML.
//
// Apart from the loader so that a page view, on which nobody opens the
// help, does not download it.

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Intl formatters by zone ('' : the visitor's), null for a zone the
 * browser does not know; creating one is the slow part. */
const formatters = new Map();

function formatter(zone) {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', timeZone: zone || undefined,
      });
    } catch {
      f = null; // a RangeError: no such zone
    }
    formatters.set(zone, f);
  }
  return f;
}

/** The wall clock the Wasm words the hotline's hours by
 * (src/widget/dom/clock.rs): `wallClock(ms, zone)` is the UTC offset in
 * minutes of IANA `zone` ('' : the visitor's own) at instant `ms`, NaN for
 * a zone the browser does not know; `wallClock()` is the visitor's zone
 * name. The browser's own time-zone data, so none ships in the Wasm; read
 * here, as reading Intl's parts through the Wasm boundary cost the Wasm
 * and its glue 1.2 kB of brotli (node scripts/engine-size.mjs; this
 * function 0.2 kB). */
export function wallClock(ms, zone) {
  if (ms === undefined) return formatter('').resolvedOptions().timeZone;
  const f = formatter(zone);
  if (!f) return NaN;
  const t = {};
  for (const { type, value } of f.formatToParts(ms)) t[type] = +value;
  const minute = ms - (ms % 60000);
  return (Date.UTC(t.year, t.month - 1, t.day, t.hour % 24, t.minute) - minute) / 60000;
}

/** The host page as the Wasm reads and writes it (src/widget/host_page.rs
 * decides what, with which keys): sessionStorage, the address bar, the
 * history entry of an answer on a phone, a media query. Each a flat call
 * that never throws, as private modes, sandboxed frames and routers may
 * refuse; the same through web-sys cost the Wasm more. */
export const hostPage = {
  stored(key) {
    try { return sessionStorage.getItem(key); } catch { return null; }
  },
  store(key, value) {
    try { sessionStorage.setItem(key, value); } catch { /* refused: no restore after a reload */ }
  },
  path: () => location.pathname,
  search: () => location.search,
  hash: () => location.hash,
  pushMarked(mark) {
    const state = history.state;
    try { history.pushState({ ...(state && typeof state === 'object' ? state : {}), [mark]: true }, ''); } catch { /* refused */ }
  },
  marked: (mark) => Boolean(history.state?.[mark]),
  back: () => history.back(),
  replaceUrl(url) {
    try { history.replaceState(history.state, '', url); } catch { /* a router's or a sandbox's refusal */ }
  },
  matches: (query) => Boolean(globalThis.matchMedia?.(query).matches),
};

/** The hit each snippet element shows (drawHit's), so that what is drawn
 * is compared in JS, not read back from the DOM. */
const drawnHits = new WeakMap();

/** Draws a search hit: its question into `question` and its snippet,
 * windowed on the match, into `snip` (`hit.segments`: `{ text, mark }`
 * pieces, from the engine's `search` or the panel's view). The one drawing
 * of a hit: the panel's result rows and the contact form's suggestions.
 * What is drawn already is kept: a question is written only when it
 * changed, and a snippet of the same pieces (text, mark, text, …) has only
 * its changed texts rewritten, so the browser lays out and paints again
 * only what a keystroke changed, not whole rows. */
export function drawHit(hit, question, snip) {
  const last = drawnHits.get(snip);
  drawnHits.set(snip, hit);
  if (last?.question !== hit.question) question.textContent = hit.question;
  const was = last?.segments ?? [];
  const same = was.length === hit.segments.length && hit.segments.every((s, i) => was[i].mark === s.mark);
  if (!same) {
    snip.replaceChildren(...hit.segments.map((s) => (s.mark ? el('mark', {}, s.text) : s.text)));
    return;
  }
  const parts = snip.childNodes;
  hit.segments.forEach((s, i) => {
    if (s.text === was[i].text) return;
    if (s.mark) parts[i].textContent = s.text; else parts[i].data = s.text;
  });
}

/** The listbox's rows: `show(rows, active)` with the rows of a patch
 * (`rows` undefined moves the selection alone). The i-th row stays the
 * same element from key to key and shows whatever hit is i-th now: a
 * keystroke rewrites only the texts that changed (drawHit), nothing
 * moves, and only rows beyond the new count are removed. Rows keyed by
 * entry id, removed when their entry left the list and made anew when one
 * came, spent 0.83 ms of each keystroke at 4× CPU on the removals alone
 * (a CDP profile of 200 keys on a phone). */
function hitRows(list) {
  const rows = list.children;
  return (hits, active) => {
    if (hits) {
      hits.forEach((hit, i) => {
        let li = rows[i];
        if (!li) {
          li = el('li', { role: 'option', 'data-act': 'choose', id: `hw-opt-${i}`, 'data-i': i });
          li.append(el('span', { class: 'q' }), el('span', { class: 'snip' }));
          list.append(li);
        }
        if (li.dataset.id !== hit.id) li.dataset.id = hit.id;
        drawHit(hit, li.firstChild, li.lastChild);
      });
      while (rows.length > hits.length) rows[rows.length - 1].remove();
    }
    // Written only where it changes: typing clears the highlight, so a keystroke writes none.
    for (const li of rows) {
      const on = String(li.dataset.i === String(active));
      if (li.getAttribute('aria-selected') !== on) li.setAttribute('aria-selected', on);
    }
  };
}

/** The panel's renderer and events over `parts` (help-widget.mjs
 * `drawPanel`'s): `draw(patch)` draws a patch of the Wasm's view (JSON
 * text, `Patch::to_json` in src/widget/view.rs documents it), and
 * `connect(widget)` hands the panel's clicks, typing and keys to the Wasm
 * widget (returning the function that stops it). */
export function panelView(parts, { inline = false } = {}) {
  return { draw: panelRenderer(parts), connect: (widget) => panelEvents(parts, inline, widget) };
}

function panelRenderer(parts) {
  const { wrap, launcher, panel, title, input, list, live, scroll, notices, dym, content, contact } = parts;
  const showHits = hitRows(list);
  let words = {};
  let shown = null; // the content drawn last
  // The visitor has scrolled: new results and answers scroll back to the
  // top. Setting scrollTop forces a layout, so it is done only then.
  let scrolled = false;
  scroll.addEventListener('scroll', () => { scrolled = scroll.scrollTop > 0; }, { passive: true });

  const links = (items, act) => {
    const ul = el('ul', { class: 'links' });
    for (const { id, label } of items) {
      const li = el('li');
      li.append(el('button', { type: 'button', 'data-act': act, 'data-id': id, 'data-key': `${act}:${id}` }, label));
      ul.append(li);
    }
    return ul;
  };
  const back = () => el('button', { type: 'button', class: 'back', 'data-act': 'back', 'data-key': 'back' }, `← ${words.back}`);

  function drawContent(c) {
    if (c.kind === 'home') {
      const out = [];
      // Text: the editors' greeting is never read as HTML.
      if (c.greeting) out.push(el('p', { class: 'greeting' }, c.greeting));
      if (c.top.length) out.push(el('h3', {}, words.topQuestions), links(c.top, 'show'));
      if (c.topics.length) {
        const topics = links(c.topics.map((t) => ({ id: t.name, label: `${t.name} (${t.count})` })), 'category');
        topics.className = 'links topics';
        out.push(el('h3', {}, words.categories), topics);
      }
      return out;
    }
    if (c.kind === 'category') {
      const out = [back(), el('h3', { tabindex: '-1', 'data-focus': '' }, c.name), links(c.entries, 'show')];
      if (c.more) out.push(el('p', { class: 'more' }, c.more));
      return out;
    }
    if (c.kind === 'results') return c.none ? [el('p', { class: 'none' }, words.noResults)] : [];
    const art = el('article', { class: 'answer', 'aria-labelledby': 'hw-answer-title', lang: c.locale });
    if (c.category) art.append(el('p', { class: 'category' }, c.category));
    art.append(el('h3', { id: 'hw-answer-title', tabindex: '-1', 'data-focus': '' }, c.question));
    const body = el('div', { class: 'answer-body' });
    body.innerHTML = c.html; // sanitised when the kb was compiled
    art.append(body);
    const fb = el('div', { class: 'feedback' });
    if (c.feedback === null) {
      const group = el('div', { role: 'group', 'aria-labelledby': 'hw-fb' });
      group.append(
        el('button', { type: 'button', 'data-act': 'yes', 'data-key': 'feedback' }, words.yes),
        el('button', { type: 'button', 'data-act': 'no', 'data-key': 'feedback' }, words.no),
      );
      fb.append(el('p', { id: 'hw-fb' }, words.helpful), group);
    } else {
      fb.append(el('p', { class: 'thanks', tabindex: '-1', 'data-key': 'feedback' }, c.feedback ? words.thanksYes : words.thanksNo));
    }
    const out = [back(), art, fb];
    // After "No" the way to a person comes right under the feedback.
    if (c.feedback === false) out.push(contact);
    if (c.related.length) out.push(el('h4', {}, words.related), links(c.related, 'show'));
    return out;
  }

  function drawNotices(list) {
    if (!list.length) return [];
    const box = el('section', { class: 'notices', 'aria-label': words.notices });
    // Each notice is a disclosure, one line that expands: open, it would
    // push the featured questions and the results down.
    for (const n of list) {
      const item = el('details', { class: 'notice' });
      const body = el('div', { class: 'notice-body' });
      body.innerHTML = n.html; // sanitised when the kb was compiled
      item.append(el('summary', { class: 'notice-title' }, n.title), body);
      box.append(item);
    }
    return [box];
  }

  function drawContact(c) {
    const SUMMARY = 'hw-channel-summary';
    const out = [el('h3', { id: 'hw-contact-title', tabindex: '-1' }, c.title)];
    if (c.intro) out.push(el('p', { class: 'intro' }, c.intro));
    if (c.summary !== null) out.push(el('p', { class: 'summary', id: SUMMARY }, c.summary));
    const ul = el('ul', { class: 'channels' });
    // The `li` is the card: the link, then what the status says about it,
    // which the link names as its description for screen readers.
    c.channels.forEach((ch, i) => {
      const li = el('li', { class: 'channel', 'data-state': ch.state, 'data-channel': ch.id });
      // A closure, not the usual hours: the one status in red.
      if (ch.alert) li.setAttribute('data-alert', '');
      const a = el('a', { class: 'action', href: ch.href, 'data-act': 'contact', 'data-channel': ch.id });
      if (ch.external) { a.target = '_blank'; a.rel = 'noopener noreferrer'; }
      a.append(el('span', { class: 'verb' }, ch.action));
      if (ch.label) a.append(el('span', { class: 'target' }, ch.label));
      li.append(a);
      const described = ch.summarised ? [SUMMARY] : [];
      for (const kind of ['status', 'quiet']) {
        if (ch[kind] === null) continue;
        const id = `hw-channel-${i}-${kind}`;
        li.append(el('p', { class: kind, id }, ch[kind]));
        described.push(id);
      }
      if (described.length) a.setAttribute('aria-describedby', described.join(' '));
      ul.append(li);
    });
    out.push(ul);
    contact.replaceChildren(...out);
    contact.hidden = c.channels.length === 0;
  }

  /** The contact block is moved, never rebuilt: first when the query asks
   * for a person, under the feedback after "No" (drawContent puts it
   * there), else after the content. */
  function placeContact(first) {
    if (first) {
      if (scroll.firstElementChild !== contact) scroll.prepend(contact);
    } else if (!(shown?.kind === 'answer' && shown.feedback === false) && content.nextElementSibling !== contact) {
      content.after(contact);
    }
  }

  /** Focus back on the element with data-key `key` after the content was
   * redrawn (keys hold kb values: compared as strings, never a selector). */
  function refocus(key) {
    if (key === null || key === undefined) return;
    for (const e of content.querySelectorAll('[data-key]')) {
      if (e.getAttribute('data-key') === key) { e.focus(); return; }
    }
  }

  const focusTarget = {
    input: () => input,
    launcher: () => launcher,
    content: () => content.querySelector('[data-focus]'),
    contact: () => contact.querySelector('#hw-contact-title'),
  };

  return (text) => {
    const v = JSON.parse(text);
    const key = wrap.getRootNode().activeElement?.getAttribute('data-key');
    if (v.words) {
      words = v.words;
      // The widget's language may differ from the page's (WCAG 3.1.2).
      wrap.setAttribute('lang', words.lang);
    }
    if (v.open !== undefined) {
      launcher.setAttribute('aria-expanded', String(v.open));
      wrap.toggleAttribute('data-open', v.open);
      panel.hidden = !v.open;
    }
    if (v.title !== undefined) title.textContent = v.title;
    if (input.value !== v.query) input.value = v.query;
    if (v.expanded !== undefined) {
      input.setAttribute('aria-expanded', String(v.expanded));
      list.hidden = !v.expanded;
    }
    if (v.active !== undefined) {
      if (v.active === null) input.removeAttribute('aria-activedescendant');
      else input.setAttribute('aria-activedescendant', `hw-opt-${v.active}`);
      // The rows are the ones the contact form's suggestions draw too (drawHit).
      showHits(v.rows, v.active);
    }
    if (v.notices) notices.replaceChildren(...drawNotices(v.notices));
    if (v.correction !== undefined) {
      dym.hidden = v.correction === null;
      dym.replaceChildren();
      if (v.correction !== null) dym.append(`${words.didYouMean} `, el('button', { type: 'button', 'data-act': 'correct' }, v.correction));
    }
    if (scrolled && (v.content || v.rows)) {
      // New results or a new answer start at the top.
      scrolled = false;
      scroll.scrollTop = 0;
    }
    if (v.content) {
      shown = v.content;
      content.replaceChildren(...drawContent(v.content));
      refocus(key);
    }
    if (v.contactFirst !== undefined) placeContact(v.contactFirst);
    if (v.contact) drawContact(v.contact);
    else if (v.links) {
      // Typing changes only the e-mail link's prefilled question.
      contact.querySelectorAll('a.action').forEach((a, i) => {
        const href = v.links[i];
        if (href !== undefined && a.getAttribute('href') !== href) a.setAttribute('href', href);
      });
    }
    // Said once typing pauses, so screen readers are not flooded.
    if (v.announce !== undefined) live.textContent = v.announce;
    if (v.focus) focusTarget[v.focus]()?.focus();
  };
}

/** Hands the panel's events to the Wasm `widget` (its act, input and key
 * calls decide what they mean) and keeps Tab inside a panel that covers
 * the screen; returns the function that stops listening. */
function panelEvents({ wrap, panel, input }, inline, widget) {
  const off = new AbortController();
  const signal = off.signal;
  wrap.addEventListener('click', (e) => {
    const target = e.target.closest?.('[data-act]');
    if (!target) return;
    const d = target.dataset;
    widget.act(d.act, d.id ?? '', d.i ?? '', d.channel ?? '');
  }, { signal });
  input.addEventListener('input', () => widget.input(input.value), { signal });
  wrap.addEventListener('keydown', (e) => {
    if (e.key === 'Tab') {
      if (!inline && !panel.hidden && covers()) trapTab(panel, e);
      return;
    }
    if (e.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
    if (widget.key(e.key, e.target.id === 'hw-q')) e.preventDefault();
  }, { signal });
  return () => off.abort();
}

/** Whether the panel covers the screen (a phone; see help-widget.css). */
const covers = () => Boolean(globalThis.matchMedia?.('(max-width: 480px)').matches);

/** Tab inside a panel that covers the page: from the last focusable
 * element back to the first (Shift+Tab the other way), so focus never
 * lands on page content hidden behind it (WCAG 2.4.11). */
function trapTab(panel, e) {
  const items = [...panel.querySelectorAll('button:not([hidden]), a[href], input, [tabindex="0"]')];
  if (!items.length) return;
  const at = items.indexOf(panel.getRootNode().activeElement);
  let next = null;
  if (at === -1) next = e.shiftKey ? items.length - 1 : 0;
  else if (!e.shiftKey && at === items.length - 1) next = 0;
  else if (e.shiftKey && at === 0) next = items.length - 1;
  if (next === null) return;
  e.preventDefault();
  items[next].focus();
}
