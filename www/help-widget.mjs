// help-widget: the one implementation of the widget's JavaScript API.
//   import { init } from 'https://example.org/help/help-widget.mjs';
//   const widget = await init({ locale: 'de', mount: '#help' });
// help-widget.js (the <script> tag) loads this module and hands it its
// data-* options. Types: help-widget.d.ts.
//
// What a page view costs: this module, a small launcher stylesheet and the
// shell (pkg/help_widget_shell.json: the launcher's words and the site's
// contact channels). The panel's stylesheet and the Wasm (search engine,
// panel rendering, knowledge base) load only when a visitor reaches for the
// launcher (`preload: 'intent'`), once the page is idle (`'idle'`) or at
// once (`'eager'`); a deep link, a saved open panel, `open: true`, inline
// mode or an API call that needs the panel loads them at once.
// Until the Wasm arrives the panel shows its search box (typed text is
// kept) and a quiet loading line; if it cannot load, the panel says so and
// lists the site's contact channels.

export const EVENTS = Object.freeze(['open', 'close', 'search', 'no-results', 'answer-shown', 'feedback', 'contact-clicked',
  'form-suggestions', 'form-answer-opened', 'form-resolved', 'form-submitted']);


/** The files next to this module. `./dev dist` (scripts/dist.mjs) reads
 * this list and rewrites the names to content-hashed ones. */
export const FILES = Object.freeze({
  glue: 'pkg/help_widget.js',
  wasm: 'pkg/help_widget_bg.wasm',
  shell: 'pkg/help_widget_shell.json',
  css: 'help-widget.css',
  launcherCss: 'help-widget-launcher.css',
  form: 'help-widget-form.mjs',
});

/** sessionStorage record of the Wasm side (src/widget/saved.rs): `o=1` is an open panel. */
const STORAGE_KEY = 'help-widget:v1';
const PRELOADS = ['intent', 'idle', 'eager'];

/** One widget per mount element, one floating widget per page. */
const instances = new Map();

const colour = (value) => typeof value === 'string' && globalThis.CSS?.supports?.('color', value);

function httpUrl(value) {
  if (!value) return null;
  try {
    const url = new URL(value, location.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** The interface language, by the rule of src/widget/i18n.rs: the first
 * non-empty of the embed's locale, `<html lang>` and the browser's
 * languages; German when that is German, English otherwise. */
function uiLang(candidates) {
  const tag = candidates.map((t) => String(t ?? '').trim()).find(Boolean) ?? '';
  return tag.split(/[-_]/)[0].toLowerCase() === 'de' ? 'de' : 'en';
}

/** The visitor's knowledge file of a kit (`shell.data`), by the rule of
 * `Meta::locale_no` (src/format/records.rs): the locale `tag` names
 * exactly, else one of its language, else the kb's default. */
export function knowledgeFile(data, tag) {
  const locales = Object.keys(data.files);
  const t = String(tag ?? '').trim().toLowerCase();
  const primary = t.split(/[-_]/)[0];
  const locale = locales.find((l) => l.toLowerCase() === t)
    ?? locales.find((l) => l.split('-')[0].toLowerCase() === primary)
    ?? data.default;
  return data.files[locale] ?? null;
}

/** The engine with its knowledge: wasm-bindgen's glue (`glue`, a URL),
 * the `.wasm` and, when the kb is not embedded in it, the visitor's data
 * file (`data`), all three loading at once. Resolves with the glue module,
 * whose functions (search, answer, …) then answer. */
export async function startEngine(glue, wasm, data = null) {
  const dataBytes = data ? fetchBytes(data) : null;
  dataBytes?.catch(() => {}); // reported below, once the engine is there
  const [engine, module] = await Promise.all([importKit(glue), compileWasm(wasm)]);
  await engine.default({ module_or_path: module });
  // An embedded kb travels in the .wasm's custom section.
  const [section] = WebAssembly.Module.customSections(module, 'help-widget-kb');
  if (section) engine.install_kb(new Uint8Array(section));
  else if (dataBytes) engine.install_kb(await dataBytes);
  return engine;
}

/** The response for `href`, or an error that names the file (`name`). */
async function fetchOk(href, name = href) {
  const r = await fetch(href);
  if (!r.ok) throw new Error(`help-widget: cannot load ${name} (${r.status})`);
  return r;
}

async function fetchBytes(href) {
  return new Uint8Array(await (await fetchOk(href)).arrayBuffer());
}

/** Compiles the engine while it downloads (when the server labels it
 * application/wasm), else from its bytes. */
async function compileWasm(href) {
  const r = await fetchOk(href);
  if (WebAssembly.compileStreaming && (r.headers.get('content-type') ?? '').startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(r);
  }
  return WebAssembly.compile(await r.arrayBuffer());
}

/** Whether this page left its panel open in this tab (a reload); the record
 * names its page (`p`), and another page of the site opens fresh. */
function savedOpen() {
  try {
    const saved = new URLSearchParams(sessionStorage.getItem(STORAGE_KEY) ?? '');
    const page = saved.get('p');
    return saved.get('o') === '1' && (page === null || page === location.pathname);
  } catch {
    return false;
  }
}

const wantsHelp = (hash) => hash === '#help' || hash.startsWith('#help/');

function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function stylesheet(href) {
  const link = el('link', { rel: 'stylesheet', href });
  const loaded = new Promise((ok, fail) => {
    link.addEventListener('load', ok, { once: true });
    link.addEventListener('error', () => fail(new Error(`help-widget: cannot load ${href}`)), { once: true });
  });
  return { link, loaded };
}

/** `text` with what identifies a person replaced before it leaves the page
 * in an event or a beacon: e-mail addresses, IBANs, phone numbers and runs
 * of five or more digits (customer, contract and meter numbers). */
export function redact(text) {
  return String(text)
    .replace(/[^\s@<>()"',;]+@[^\s@<>()"',;]+/g, '<e-mail>')
    .replace(/\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g, '<iban>')
    .replace(/(?:\+|\b00|\b0)\d[\d ()/-]{4,}\d/g, (m) => (m.replace(/\D/g, '').length >= 6 ? '<phone>' : m))
    .replace(/\d(?:[ /-]?\d){4,}/g, '<number>');
}

/** A copy of an event's detail with `redact` applied to its free text; the
 * knowledge base's ids and channel names are kept as they are. */
function redacted(detail) {
  const out = {};
  for (const [key, value] of Object.entries(detail ?? {})) {
    out[key] = typeof value === 'string' && key !== 'id' && key !== 'channel' ? redact(value) : value;
  }
  return out;
}

/** Draws the launcher into `host`'s open shadow root (attached here if it
 * has none yet); returns the shadow root, the wrapper (hidden until the
 * launcher's stylesheet is there) and the launcher. */
export function drawLauncher(host, words, { inline = false, position = 'right', lang = 'en' } = {}) {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  const wrap = el('div', {
    class: 'hw', lang, hidden: '',
    'data-mode': inline ? 'inline' : 'floating',
    'data-position': position === 'left' ? 'left' : 'right',
  });
  const launcher = el('button', {
    type: 'button', class: 'launcher', 'data-act': 'toggle', 'aria-controls': 'hw-panel', 'aria-expanded': 'false',
  });
  // While the panel is open it is the panel's close control (its open-state
  // parts are shown by help-widget-launcher.css under [data-open]).
  launcher.append(
    el('span', { class: 'icon', 'aria-hidden': 'true' }, '?'), el('span', { class: 'label' }, words.launcher),
    el('span', { class: 'icon when-open', 'aria-hidden': 'true' }, '×'), el('span', { class: 'sr-only when-open' }, words.close),
  );
  if (inline) launcher.hidden = true;
  wrap.append(launcher);
  root.append(wrap);
  return { root, wrap, launcher };
}

/** Draws a search hit: its question into `question` and its snippet,
 * windowed on the match, into `snip` (`hit.segments`: `{ text, mark }`
 * pieces, from the engine's `search` or the panel's view). The one drawing
 * of a hit: the panel's result rows and the contact form's suggestions. */
export function drawHit(hit, question, snip) {
  question.textContent = hit.question;
  snip.replaceChildren(...hit.segments.map((s) => (s.mark ? el('mark', {}, s.text) : s.text)));
}

/** The listbox's rows, drawn in JS: the Wasm hands over its rows only when
 * they changed (`show(rows, active)`; `rows` undefined moves the selection
 * alone), in one call instead of one per node and attribute through
 * web-sys. Rows are keyed by entry id: a row still listed is kept and
 * moved, and only new rows and changed snippets are drawn. */
function hitRows(list) {
  let rows = new Map(); // entry id → its <li>
  return (hits, active) => {
    if (hits) {
      const next = new Map();
      hits.forEach((hit, i) => {
        let li = rows.get(hit.id);
        if (!li) {
          li = el('li', { role: 'option', 'data-act': 'choose', 'data-id': hit.id });
          li.append(el('span', { class: 'q' }), el('span', { class: 'snip' }));
        }
        const drawn = JSON.stringify(hit.segments);
        if (li.drawn !== drawn) drawHit(hit, li.firstChild, li.lastChild);
        li.drawn = drawn;
        if (li.id !== `hw-opt-${i}`) { li.id = `hw-opt-${i}`; li.dataset.i = i; }
        if (list.children[i] !== li) list.insertBefore(li, list.children[i] ?? null);
        next.set(hit.id, li);
      });
      for (const [id, li] of rows) if (!next.has(id)) li.remove();
      rows = next;
    }
    // Written only where it changes: typing clears the highlight, so a keystroke writes none.
    for (const li of list.children) {
      const on = String(li.dataset.i === String(active));
      if (li.getAttribute('aria-selected') !== on) li.setAttribute('aria-selected', on);
    }
  };
}

/** Draws the panel's fixed chrome (hidden) into `wrap`: the parts the Wasm
 * takes over and fills (src/widget/dom/render.rs, `Skeleton::adopt`), and
 * `showHits`, the drawing of its result rows that the Wasm calls. */
export function drawPanel(wrap, words, { inline = false } = {}) {
  const panel = el('section', { class: 'panel', id: 'hw-panel', role: inline ? 'region' : 'dialog', 'aria-labelledby': 'hw-title', hidden: '' });
  const head = el('div', { class: 'head' });
  // The site's logo beside the title, which names the site (so no alt text).
  if (words.logo) head.append(el('img', { class: 'logo', src: words.logo, alt: '', width: '32', height: '32' }));
  head.append(el('h2', { id: 'hw-title' }, words.title));
  // The way to a person, in every state of the panel.
  head.append(el('button', { type: 'button', class: 'to-contact', 'data-act': 'to-contact' }, words.contactShort));
  if (!inline) {
    const close = el('button', { type: 'button', class: 'close', 'data-act': 'close', 'aria-label': words.close });
    close.append(el('span', { 'aria-hidden': 'true' }, '×'));
    head.append(close);
  }
  const search = el('div', { class: 'search' });
  const input = el('input', {
    id: 'hw-q', type: 'text', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false',
    'aria-controls': 'hw-list', autocomplete: 'off', spellcheck: 'false', enterkeyhint: 'search',
    placeholder: words.placeholder,
  });
  // The label is for screen readers: the greeting and the placeholder say it.
  search.append(el('label', { for: 'hw-q', class: 'sr-only' }, words.searchLabel), input);
  const live = el('div', { class: 'sr-only', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const scroll = el('div', { class: 'scroll' });
  const list = el('ul', { id: 'hw-list', role: 'listbox', 'aria-label': words.suggestions, hidden: '' });
  scroll.append(
    el('div', { class: 'notices-slot' }),
    el('p', { class: 'dym', hidden: '' }),
    list,
    el('p', { class: 'loading' }, words.loading),
    el('div', { class: 'content' }),
    el('section', { class: 'contact', 'aria-labelledby': 'hw-contact-title', hidden: '' }),
  );
  panel.append(head, search, live, scroll);
  wrap.append(panel);
  return { panel, input, showHits: hitRows(list) };
}

/** Mounts the widget (once per mount target) and resolves with its API as
 * soon as the launcher is drawn; the search engine loads as `preload` says. */
export function init(options = {}) {
  let parent = document.body;
  if (options.mount) {
    parent = typeof options.mount === 'string' ? document.querySelector(options.mount) : options.mount;
    if (!(parent instanceof Element)) return Promise.reject(new Error(`help-widget: mount target ${options.mount} not found`));
  }
  const key = options.mount ? parent : 'floating';
  if (!instances.has(key)) {
    let base;
    try { base = kitBase(options.baseUrl); } catch (error) { return Promise.reject(error); }
    instances.set(key, create(parent, options, base));
  }
  return instances.get(key);
}

/** This module's URL: the kit's files are beside it. The kit's npm entry
 * (help-widget.npm.mjs, written by `help-widget dist`, src/kit.rs) has null here:
 * bundled into an app, the module is no longer beside the kit's files (and
 * an iife bundle has no import.meta at all). */
const HERE = import.meta.url;

/** Where the kit's files are: `baseUrl` (relative to the page), else beside this module. */
function kitBase(baseUrl) {
  if (baseUrl !== undefined && baseUrl !== null && baseUrl !== '') return new URL(baseUrl, document.baseURI);
  if (HERE) return new URL('./', HERE);
  throw new Error("help-widget: init({ baseUrl }) needs the URL where the kit's folder is served (e.g. '/help/') when the widget is bundled into an app");
}

/** Imports a file of the kit at run time; bundlers leave it alone. */
const importKit = (href) => import(/* webpackIgnore: true */ /* @vite-ignore */ href);

async function create(parent, options, base) {
  const startedAt = options.startedAt ?? performance.now();
  const url = (name) => new URL(FILES[name], base).href;
  const inline = Boolean(options.mount) || options.mode === 'inline';
  // `hash: 'off'`: the host routes by hash; no deep links are read or written.
  const hash = options.hash !== 'off' && options.hash !== false;
  const preload = inline ? 'eager' : PRELOADS.includes(options.preload) ? options.preload : 'intent';
  const tags = [options.locale, document.documentElement.lang, ...(navigator.languages ?? [navigator.language])];
  const lang = uiLang(tags);
  // The knowledge base's locale is chosen from the same tag, by the engine.
  const tag = tags.map((t) => String(t ?? '').trim()).find(Boolean) ?? '';
  const timings = { start: startedAt, launcher: null, interactive: null };

  const shellText = fetchOk(url('shell'), FILES.shell).then((r) => r.json());
  const host = el('help-widget');
  if (inline) host.setAttribute('data-inline', '');
  if (options.theme === 'light' || options.theme === 'dark') host.setAttribute('data-theme', options.theme);
  // CSSOM custom properties are allowed under a strict style-src.
  if (colour(options.accent)) host.style.setProperty('--hw-accent', options.accent);
  // The stylesheet loads while the shell is on its way, not after it.
  const launcherCss = stylesheet(url('launcherCss'));
  host.attachShadow({ mode: 'open' }).append(launcherCss.link);
  parent.append(host);
  const shell = await shellText.catch((error) => { host.remove(); throw error; });
  // The logo is a file beside the shell (help-widget shell copies it there).
  const words = { ...shell[lang], logo: shell.logo ? new URL(shell.logo, url('shell')).href : null };
  const { wrap, launcher } = drawLauncher(host, words, { inline, position: options.position, lang });

  // ---- events: one registry for on(), the listener option, DOM events and beacons
  const listeners = new Map(EVENTS.map((e) => [e, new Set()]));
  const beacon = httpUrl(options.beaconUrl);
  function emit(name, detail) {
    const payload = Object.freeze(redacted(detail));
    for (const fn of [...(listeners.get(name) ?? [])]) {
      try { fn(payload); } catch (error) { console.error('help-widget: listener failed', error); }
    }
    if (typeof options.listener === 'function') {
      try { options.listener(name, payload); } catch (error) { console.error('help-widget: listener failed', error); }
    }
    host.dispatchEvent(new CustomEvent(`help-widget:${name}`, { detail: payload, bubbles: true, composed: true }));
    if (beacon && navigator.sendBeacon) {
      navigator.sendBeacon(beacon, JSON.stringify({ event: name, ...payload, page: redact(location.pathname), at: Date.now() }));
    }
  }

  // ---- the facade: launcher now, panel chrome on first open
  let panel = null;
  let input = null;
  let showHits = null;
  let state = 'idle'; // idle → loading → ready | failed
  let widget = null; // the Wasm widget once mounted
  let engine = null; // the Wasm module's exports (search, answer) once loaded
  const pending = []; // API calls the Wasm carries out once mounted
  const facade = new AbortController(); // the facade's listeners, removed at hand-over

  function chrome() {
    if (panel) return;
    ({ panel, input, showHits } = drawPanel(wrap, words, { inline }));
    if (state === 'failed') showUnavailable();
  }

  function setOpen(open) {
    wrap.toggleAttribute('data-open', open);
    launcher.setAttribute('aria-expanded', String(open));
    panel.hidden = !open;
  }

  /** Opens the facade's panel (before the Wasm has taken over). */
  function openShell({ focus = true } = {}) {
    chrome();
    const wasOpen = !panel.hidden;
    load();
    // The chrome's styles came with the launcher's: show it at once.
    setOpen(true);
    if (focus) input.focus();
    if (!wasOpen && !inline) emit('open', {});
  }

  function closeShell() {
    if (!panel || panel.hidden || inline) return;
    setOpen(false);
    launcher.focus();
    emit('close', {});
  }

  function showUnavailable() {
    const loading = panel.querySelector('.loading');
    loading.textContent = words.unavailable;
    loading.className = 'unavailable';
    panel.querySelector('.search').hidden = true;
    showChannels();
  }

  /** The site's contact channels (without live status) in the contact
   * block, until the Wasm renders it. */
  function showChannels() {
    const contact = panel.querySelector('.contact');
    contact.replaceChildren(el('h3', { id: 'hw-contact-title', tabindex: '-1' }, words.stillNeedHelp), el('p', { class: 'intro' }, words.stillNeedHelpIntro));
    const list = el('ul', { class: 'channels' });
    for (const ch of words.channels) {
      const a = el('a', { class: 'action', href: ch.href, 'data-channel': ch.id });
      const target = new URL(ch.href, location.href);
      if ((target.protocol === 'https:' || target.protocol === 'http:') && target.origin !== location.origin) {
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
      }
      a.append(el('span', { class: 'verb' }, ch.action));
      if (ch.label) a.append(el('span', { class: 'target' }, ch.label));
      a.addEventListener('click', () => emit('contact-clicked', { channel: ch.id, query: '' }));
      const li = el('li', { class: 'channel', 'data-state': 'unknown', 'data-channel': ch.id });
      li.append(a);
      list.append(li);
    }
    contact.append(list);
    contact.hidden = words.channels.length === 0;
  }

  const signal = facade.signal;
  wrap.addEventListener('click', (e) => {
    const act = e.target.closest?.('[data-act]')?.dataset.act;
    if (act === 'toggle') (panel && !panel.hidden) ? closeShell() : openShell();
    else if (act === 'close') closeShell();
    else if (act === 'to-contact') { showChannels(); panel.querySelector('#hw-contact-title').focus(); }
  }, { signal });
  wrap.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && panel && !panel.hidden) { e.preventDefault(); closeShell(); }
  }, { signal });
  if (hash) addEventListener('hashchange', () => { if (wantsHelp(location.hash)) openShell(); }, { signal });

  // ---- phones: while the panel covers the screen, Back closes it (one
  // history entry; an answer adds its own, src/widget/dom/page.rs, so Back
  // steps answer → results → closed) and the page behind does not scroll. Watches the open
  // state itself, so it works before and after the Wasm takes over.
  const covers = globalThis.matchMedia?.('(max-width: 480px)');
  let entry = false;
  let overflow = null;
  new MutationObserver(() => {
    const open = wrap.hasAttribute('data-open');
    const covering = open && !inline && Boolean(covers?.matches);
    if (covering && !entry) {
      history.pushState({ ...(history.state ?? {}), helpWidget: true }, '');
      entry = true;
    }
    if (!open && entry) {
      entry = false;
      // Leaves the answer's entry too, when the Wasm added one (helpWidgetAnswer).
      if (history.state?.helpWidget) history.go(history.state.helpWidgetAnswer ? -2 : -1);
    }
    const page = document.documentElement.style;
    if (covering && overflow === null) {
      overflow = page.overflow;
      page.overflow = 'hidden';
    } else if (!covering && overflow !== null) {
      page.overflow = overflow;
      overflow = null;
    }
  }).observe(wrap, { attributes: true, attributeFilter: ['data-open'] });
  addEventListener('popstate', () => {
    if (entry && !history.state?.helpWidget) {
      entry = false;
      api.close();
    }
  });

  // ---- loading the panel's stylesheet and the Wasm, once
  let panelCss = null;
  let loading = null;
  let markLoaded;
  let failLoaded;
  const loaded = new Promise((ok, fail) => { markLoaded = ok; failLoaded = fail; });
  loaded.catch(() => {}); // reported once, in load()

  function load() {
    if (loading) return loaded;
    state = 'loading';
    panelCss = stylesheet(url('css'));
    host.shadowRoot.append(panelCss.link);
    loading = (async () => {
      if (typeof WebAssembly !== 'object') throw new Error('help-widget: this browser has no WebAssembly');
      const data = shell.data ? knowledgeFile(shell.data, tag) : null;
      const wasm = await startEngine(url('glue'), url('wasm'), data && new URL(data, url('shell')));
      engine = wasm;
      await panelCss.loaded;
      chrome();
      facade.abort();
      panel.querySelector('.loading')?.remove();
      const open = !panel.hidden;
      widget = wasm.mount_widget(host, {
        locale: options.locale || null,
        pageLang: document.documentElement.lang || null,
        browserLangs: [...(navigator.languages ?? [navigator.language])].filter(Boolean),
        inline,
        open,
        hash,
        need: (names) => parts.need(names).then(() => widget?.refresh(), partsFailed),
        hits: showHits,
      }, emit);
      state = 'ready';
      timings.interactive = performance.now();
      for (const [name, args] of pending.splice(0)) widget[name](...args);
      markLoaded(api);
    })().catch((error) => {
      console.error('help-widget: the search could not be loaded; the panel shows how to reach us instead', error);
      state = 'failed';
      if (panel) showUnavailable();
      failLoaded(error);
    });
    return loaded;
  }

  // ---- part files of a large knowledge base (delivery "parts"), fetched
  // when a query or an answer needs them and kept for the visit
  const parts = {
    inflight: new Map(),
    need(names) {
      return Promise.all(names.map((name) => {
        if (!this.inflight.has(name)) {
          const got = fetchBytes(new URL(name, url('shell'))).then((bytes) => { engine.add_part(name, bytes); });
          got.catch(() => this.inflight.delete(name)); // asked again next time
          this.inflight.set(name, got);
        }
        return this.inflight.get(name);
      }));
    },
    /** Runs `ask` until the engine misses no part (a few rounds at most). */
    async settle(ask) {
      let out = ask();
      for (let round = 0; round < 4; round += 1) {
        const missed = engine.missed_parts();
        if (!missed.length) break;
        await this.need(missed);
        out = ask();
      }
      return out;
    },
  };
  function partsFailed(error) {
    console.error('help-widget: part of the knowledge base could not be loaded', error);
    if (!panel || panel.querySelector('.unavailable')) return;
    const line = el('p', { class: 'unavailable', role: 'status' }, words.unavailable);
    panel.querySelector('.search')?.after(line);
    setTimeout(() => line.remove(), 8000);
  }

  // ---- answers suggested on the site's own contact form
  // (help-widget-form.mjs, loaded only on pages that attach a form)
  const attached = new Map(); // form → detach
  const formContext = {
    words, lang, tag, emit, load, stylesheets: [url('launcherCss'), url('css')],
    launcher: inline ? null : launcher,
    engine: () => engine,
    settle: (ask) => parts.settle(ask),
    attached,
    el,
    drawHit,
  };

  /** Suggests answers beside `target` (a form or a selector) while a
   * visitor writes; returns the function that removes them again. */
  function attach(target, fields = {}) {
    let detach = null;
    let cancelled = false;
    importKit(url('form'))
      .then((m) => { if (!cancelled) detach = m.attach(formContext, target, fields); })
      .catch((error) => console.error('help-widget: cannot load the form suggestions', error));
    return () => { cancelled = true; detach?.(); };
  }

  /** Runs `name(...args)` on the Wasm widget, or once it has loaded. */
  function call(name, args) {
    if (widget) return widget[name](...args);
    pending.push([name, args]);
    return undefined;
  }

  const api = Object.freeze({
    open() {
      if (widget) return widget.open();
      openShell();
    },
    close() {
      if (widget) return widget.close();
      closeShell();
    },
    /** Opens the panel with `query` typed in; the number of suggestions, or
     * `undefined` while the search is still loading (it runs once loaded). */
    search(query) {
      const text = String(query ?? '');
      if (widget) return widget.search(text);
      openShell({ focus: false });
      input.value = text;
      return call('search', [text]);
    },
    show(id) {
      if (widget) return widget.show(String(id));
      openShell({ focus: false });
      call('show', [String(id)]);
    },
    on(event, fn) {
      const set = listeners.get(event);
      if (!set) throw new TypeError(`help-widget: unknown event "${event}"; events: ${EVENTS.join(', ')}`);
      if (typeof fn !== 'function') throw new TypeError('help-widget: on(event, fn) needs a function');
      set.add(fn);
      return () => { set.delete(fn); };
    },
    /** Suggests answers beside a form of the site; returns `detach()`. */
    attach,
    /** Starts loading the search now (also what the preload options do). */
    load,
    /** Resolves once the search is interactive; rejects if it cannot load. */
    loaded,
    get lang() { return widget ? widget.lang : lang; },
    get hasLiveStatus() { return Boolean(widget?.has_live_status); },
    element: host,
    timings,
  });

  // ---- when to load
  const needsPanel = inline || options.open || (hash && wantsHelp(location.hash)) || savedOpen();
  if (needsPanel) {
    openShell({ focus: false });
  } else if (preload === 'eager') {
    load();
  } else if (preload === 'idle') {
    const idle = () => (globalThis.requestIdleCallback ?? ((fn) => setTimeout(fn, 1)))(() => load(), { timeout: 5000 });
    if (document.readyState === 'complete') idle(); else addEventListener('load', idle, { once: true, signal });
  }
  for (const kind of ['pointerenter', 'focus', 'touchstart']) {
    launcher.addEventListener(kind, () => load(), { once: true, passive: true, signal });
  }

  if (options.attach) attach(options.attach);
  await launcherCss.loaded.catch((error) => console.error(error.message));
  wrap.hidden = false;
  timings.launcher = performance.now();
  return api;
}
