// help-widget: the one implementation of the widget's JavaScript API.
//   import { init } from 'https://example.org/help/help-widget.mjs';
//   const widget = await init({ locale: 'de', mount: '#help' });
// help-widget.js (the <script> tag) loads this module and hands it its
// data-* options. Types: help-widget.d.ts.
//
// What a page view costs: this module, a small launcher stylesheet and the
// shell (pkg/help_widget_shell.json: the launcher's words and the site's
// contact channels). The panel's stylesheet, its renderer and the Wasm
// (search engine, panel logic, knowledge base) load only when a visitor reaches for the
// launcher (`preload: 'intent'`), once the page is idle (`'idle'`) or at
// once (`'eager'`); a deep link, a saved open panel, `open: true`, inline
// mode or an API call that needs the panel loads them at once.
// Until the Wasm arrives the panel shows its search box (typed text is
// kept) and a quiet loading line; if it cannot load, the panel says so and
// lists the site's contact channels.
//
// The widget's DOM is built in JS only: the launcher and the panel's
// chrome here, the views of the Wasm's App by help-widget-panel.mjs, which
// loads with the Wasm (its header says why the DOM is not built in Rust).

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
  panel: 'help-widget-panel.mjs',
  parts: 'help-widget-parts.mjs',
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

/** The visitor's language tag, by the rule of src/widget/i18n.rs
 * (`preferred_tag`): the first non-empty of the embed's locale, `<html
 * lang>` and the browser's languages. */
const preferredTag = (options) => [options.locale, document.documentElement.lang, ...(navigator.languages ?? [navigator.language])]
  .map((t) => String(t ?? '').trim()).find(Boolean) ?? '';

/** The interface language for `tag` (src/widget/i18n.rs `ui_lang`):
 * German when it is German, English otherwise; a kit of one language
 * speaks it whatever the tag (`launch`). */
const uiLang = (tag) => (tag.split(/[-_]/)[0].toLowerCase() === 'de' ? 'de' : 'en');

/** The visitor's locale of a kit's files by locale (`shell.data`,
 * `shell.engines`: src/widget/shell.rs `LocaleFiles`), by the rule of
 * `Meta::locale_no` (src/format/records.rs): the locale `tag` names
 * exactly, else one of its language, else the kb's default. */
const visitorLocale = (byLocale, tag) => {
  const locales = Object.keys(byLocale.files);
  const t = String(tag ?? '').trim().toLowerCase();
  const primary = t.split(/[-_]/)[0];
  return locales.find((l) => l.toLowerCase() === t)
    ?? locales.find((l) => l.split('-')[0].toLowerCase() === primary)
    ?? byLocale.default;
};

/** The visitor's file of a kit's files by locale: their knowledge file
 * (`shell.data`), their engine (`shell.engines`). */
export const visitorFile = (byLocale, tag) => byLocale.files[visitorLocale(byLocale, tag)] ?? null;

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

/** The response for `href` (`started`: its fetch, when already begun), or
 * an error that names the file (`name`). */
async function fetchOk(href, name = href, started = fetch(href)) {
  const r = await started;
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
 * names its page (`p`), and another page of the site opens fresh. The
 * record is the Wasm's (`Saved::encode`, src/widget/saved.rs); a test in
 * tests/widget_dom.rs reads what it writes with this function. */
export function savedOpen() {
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

/** Draws the panel's chrome (hidden) into `wrap`, beside the launcher
 * `drawLauncher` drew there. Returns the panel, its search box and
 * `parts`, the elements help-widget-panel.mjs (`panelView`) draws into
 * once the Wasm is there. */
export function drawPanel(wrap, words, { inline = false } = {}) {
  const panel = el('section', { class: 'panel', id: 'hw-panel', role: inline ? 'region' : 'dialog', 'aria-labelledby': 'hw-title', hidden: '' });
  const head = el('div', { class: 'head' });
  // The site's logo beside the title, which names the site (so no alt text).
  if (words.logo) head.append(el('img', { class: 'logo', src: words.logo, alt: '', width: '32', height: '32' }));
  const title = el('h2', { id: 'hw-title' }, words.title);
  head.append(title);
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
  const parts = {
    wrap, panel, title, input, list, live, scroll,
    launcher: wrap.querySelector('.launcher'),
    notices: el('div', { class: 'notices-slot' }),
    dym: el('p', { class: 'dym', hidden: '' }),
    content: el('div', { class: 'content' }),
    contact: el('section', { class: 'contact', 'aria-labelledby': 'hw-contact-title', hidden: '' }),
  };
  scroll.append(parts.notices, parts.dym, list, el('p', { class: 'loading' }, words.loading), parts.content, parts.contact);
  panel.append(head, search, live, scroll);
  wrap.append(panel);
  return { panel, input, parts };
}

/** Mounts the widget (once per mount target) and resolves with its API as
 * soon as the launcher is drawn; the search engine loads as `preload` says. */
export function init(options = {}) {
  return new Promise((resolve) => resolve(embed(options).drawn));
}

/** The widget for `options` (once per mount target): `api` at once, whose
 * calls wait in the widget's one queue until they can be carried out, and
 * `drawn`, which resolves with it once the launcher is drawn. `calls`:
 * what help-widget.js took before this module arrived (`[name, args,
 * took]`; `took` receives the result), carried out in order. */
export function embed(options = {}, calls = []) {
  let parent = document.body;
  if (options.mount) {
    parent = typeof options.mount === 'string' ? document.querySelector(options.mount) : options.mount;
    if (!(parent instanceof Element)) throw new Error(`help-widget: mount target ${options.mount} not found`);
  }
  const key = options.mount ? parent : 'floating';
  if (!instances.has(key)) instances.set(key, create(parent, options, kitBase(options.baseUrl)));
  const { api, drawn } = instances.get(key);
  for (const [name, args, took] of calls.splice(0)) {
    try { took?.(api[name](...args)); } catch (error) { console.error('help-widget:', error); }
  }
  return { api, drawn };
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

/** The widget's events: one registry for `on()`, the `listener` option,
 * DOM events on the host element and beacons. */
function eventHub(host, options) {
  const listeners = new Map(EVENTS.map((e) => [e, new Set()]));
  const beacon = httpUrl(options.beaconUrl);
  const safely = (fn, ...args) => {
    try { fn(...args); } catch (error) { console.error('help-widget: listener failed', error); }
  };
  return {
    emit(name, detail) {
      const payload = Object.freeze(redacted(detail));
      for (const fn of [...(listeners.get(name) ?? [])]) safely(fn, payload);
      if (typeof options.listener === 'function') safely(options.listener, name, payload);
      host.dispatchEvent(new CustomEvent(`help-widget:${name}`, { detail: payload, bubbles: true, composed: true }));
      if (beacon && navigator.sendBeacon) {
        navigator.sendBeacon(beacon, JSON.stringify({ event: name, ...payload, page: redact(location.pathname), at: Date.now() }));
      }
    },
    on(event, fn) {
      const set = listeners.get(event);
      if (!set) throw new TypeError(`help-widget: unknown event "${event}"; events: ${EVENTS.join(', ')}`);
      if (typeof fn !== 'function') throw new TypeError('help-widget: on(event, fn) needs a function');
      set.add(fn);
      return () => { set.delete(fn); };
    },
  };
}

/** The one queue of API calls (`open`, `close`, `search`, `show`) made
 * before the Wasm is mounted, those help-widget.js took before this module
 * arrived included. Until the launcher is drawn every call waits; then the
 * facade shows what it can of each in order (opens, types the query), and
 * the calls only the Wasm can carry out (`search`, `show`) wait on until it
 * is mounted. From then on every call goes straight to the Wasm widget. */
function callQueue() {
  const waiting = []; // [name, args]
  let facade = null;
  let widget = null;
  const run = (name, args) => {
    if (widget) return widget[name](...args);
    if (facade) facade[name](...args);
    if (!facade || name === 'search' || name === 'show') waiting.push([name, args]);
    return undefined;
  };
  return {
    run,
    /** The launcher is drawn: `f` shows the calls made so far and those to come. */
    showIn(f) {
      facade = f;
      for (const [name, args] of waiting.splice(0)) run(name, args);
    },
    /** The Wasm is mounted (its start took the facade's open state and
     * typed text): it carries out the searches and answers asked for. */
    mount(w) {
      widget = w;
      for (const [name, args] of waiting.splice(0)) w[name](...args);
    },
  };
}

/** The panel before the Wasm takes it over: the chrome drawn on first
 * open (in the launcher's `wrap`), opening and closing it, the text an API
 * search types, and the site's contact channels when the search cannot
 * load. Its listeners are removed at hand-over (`mount`). */
function facade(w, wrap) {
  const { launcher, words, inline, load } = w;
  const emit = w.events.emit;
  let panel = null;
  let input = null;
  let drawn = null; // drawPanel's answer
  let failed = false;
  const off = new AbortController();
  const signal = off.signal;

  function chrome() {
    if (panel) return;
    drawn = drawPanel(wrap, words, { inline });
    ({ panel, input } = drawn);
    if (failed) unavailable();
  }

  function setOpen(open) {
    wrap.toggleAttribute('data-open', open);
    launcher.setAttribute('aria-expanded', String(open));
    panel.hidden = !open;
  }

  function open({ focus = true } = {}) {
    chrome();
    const wasOpen = !panel.hidden;
    load();
    // The chrome's styles came with the launcher's: show it at once.
    setOpen(true);
    if (focus) input.focus();
    if (!wasOpen && !inline) emit('open', {});
  }

  function close() {
    if (!panel || panel.hidden || inline) return;
    setOpen(false);
    launcher.focus();
    emit('close', {});
  }

  function unavailable() {
    const loading = panel.querySelector('.loading');
    loading.textContent = words.unavailable;
    loading.className = 'unavailable';
    panel.querySelector('.search').hidden = true;
    channels();
  }

  /** The site's contact channels (without live status) in the contact
   * block, until the Wasm renders it. */
  function channels() {
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

  wrap.addEventListener('click', (e) => {
    const act = e.target.closest?.('[data-act]')?.dataset.act;
    if (act === 'toggle') (panel && !panel.hidden) ? close() : open();
    else if (act === 'close') close();
    else if (act === 'to-contact') { channels(); panel.querySelector('#hw-contact-title').focus(); }
  }, { signal });
  wrap.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && panel && !panel.hidden) { e.preventDefault(); close(); }
  }, { signal });
  if (w.hash) addEventListener('hashchange', () => { if (wantsHelp(location.hash)) open(); }, { signal });

  return {
    signal,
    open,
    close,
    search(text) {
      open({ focus: false });
      input.value = text;
    },
    show() {
      open({ focus: false });
    },
    /** The search cannot load: the panel says so (now, or once drawn). */
    fail() {
      failed = true;
      if (panel) unavailable();
    },
    /** Part of the knowledge base did not arrive: a passing line says so. */
    partMissing() {
      if (!panel || panel.querySelector('.unavailable')) return;
      const line = el('p', { class: 'unavailable', role: 'status' }, words.unavailable);
      panel.querySelector('.search')?.after(line);
      setTimeout(() => line.remove(), 8000);
    },
    /** Hands the panel to the Wasm: whether it is open, what was typed,
     * and the parts the renderer draws into. */
    mount() {
      chrome();
      off.abort();
      panel.querySelector('.loading')?.remove();
      return { open: !panel.hidden, typed: input.value, parts: drawn.parts };
    },
  };
}

/** On phones, while the panel covers the screen, Back closes it (one
 * history entry; an answer adds its own, src/widget/host_page.rs, so Back
 * steps answer → results → closed) and the page behind does not scroll.
 * Watches the open state itself, so it works before and after the Wasm
 * takes over; `close` is the API's. */
function phoneBack(wrap, inline, close) {
  const covers = globalThis.matchMedia?.('(max-width: 480px)');
  let entry = false;
  let overflow = null;
  new MutationObserver(() => {
    const open = wrap.hasAttribute('data-open');
    const covering = open && !inline && Boolean(covers?.matches);
    if (covering && !entry) {
      // A page's own state is kept when it is an object; another value
      // (a router's string) stays in the entry before, where Back returns.
      const state = history.state;
      try {
        history.pushState({ ...(state && typeof state === 'object' ? state : {}), helpWidget: true }, '');
        entry = true;
      } catch { /* refused: Back then leaves the page, as without the panel */ }
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
      close();
    }
  });
}

/** Parts of a kb that ships none (deliveries `embedded`, `locales`): a
 * call never misses one. help-widget-parts.mjs fetches them in `parts`. */
const NO_PARTS = Object.freeze({ need: async () => {}, settle: async (ask) => ask() });

/** Loads the panel's stylesheet and the engine, once, and mounts the Wasm
 * widget into the facade's chrome. `load()` returns `loaded`, which
 * settles with the outcome. */
function engineLoader(w) {
  let started = false;
  let ok;
  let fail;
  const loaded = new Promise((resolve, reject) => { ok = resolve; fail = reject; });
  loaded.catch(() => {}); // reported once, below
  w.shell.catch(fail);
  const load = () => {
    if (started) return loaded;
    started = true;
    const css = stylesheet(w.url('css'));
    w.host.shadowRoot.append(css.link);
    (async () => {
      if (typeof WebAssembly !== 'object') throw new Error('help-widget: this browser has no WebAssembly');
      const shell = await w.shell;
      const data = shell.data ? visitorFile(shell.data, w.tag) : null;
      const renderer = importKit(w.url('panel'));
      renderer.catch(() => {}); // reported below, once the engine is there
      // Only a kb in parts needs their fetching, started with the engine.
      const fetching = shell.data?.delivery === 'parts' ? importKit(w.url('parts')) : null;
      fetching?.catch(() => {});
      // A kit of several languages ships an engine per language (src/kit.rs).
      const wasm = shell.engines ? new URL(visitorFile(shell.engines, w.tag), w.url('shell')) : w.url('wasm');
      const engine = await startEngine(w.url('glue'), wasm, data && new URL(data, w.url('shell')));
      if (fetching) w.parts = (await fetching).partFiles(w.url('shell'), () => w.engine);
      w.engine = engine;
      const { panelView, wallClock, hostPage } = await renderer;
      await css.loaded;
      await w.launched;
      const { open, typed, parts } = w.facade.mount();
      const { draw, connect } = panelView(parts, { inline: w.inline });
      // locale: the visitor's tag, chosen by the Wasm's rule (`preferred_tag`) above.
      const widget = w.engine.mount_widget(w.tag || null, w.inline, open, typed, w.hash,
        (names) => w.parts.need(names).then(() => widget.refresh(), (error) => {
          console.error('help-widget: part of the knowledge base could not be loaded', error);
          w.facade.partMissing();
        }), draw, w.events.emit, wallClock, hostPage);
      connect(widget);
      w.widget = widget;
      w.timings.interactive = performance.now();
      w.calls.mount(widget);
      ok(w.api);
    })().catch((error) => {
      console.error('help-widget: the search could not be loaded; the panel shows how to reach us instead', error);
      w.launched.then(() => w.facade.fail(), () => {});
      fail(error);
    });
    return loaded;
  };
  return { load, loaded };
}

/** When the search loads: at once when the panel is needed on arrival
 * (inline, `open`, a deep link, a panel left open in this tab), else as
 * `preload` says, and whenever a visitor reaches for the launcher. */
function preloadWhen(w) {
  const { options, inline, load } = w;
  const signal = w.facade.signal;
  const preload = inline ? 'eager' : PRELOADS.includes(options.preload) ? options.preload : 'intent';
  if (inline || options.open || (w.hash && wantsHelp(location.hash)) || savedOpen()) {
    w.facade.open({ focus: false });
  } else if (preload === 'eager') {
    load();
  } else if (preload === 'idle') {
    const idle = () => (globalThis.requestIdleCallback ?? ((fn) => setTimeout(fn, 1)))(() => load(), { timeout: 5000 });
    if (document.readyState === 'complete') idle(); else addEventListener('load', idle, { once: true, signal });
  }
  for (const kind of ['pointerenter', 'focus', 'touchstart']) {
    w.launcher.addEventListener(kind, () => load(), { once: true, passive: true, signal });
  }
}

/** Suggests answers beside `target` (a form or a selector) while a visitor
 * writes, from help-widget-form.mjs (loaded only on pages that attach a
 * form) once the launcher is drawn; returns the function that removes them. */
function formSuggestions(w) {
  const attached = new Map(); // form → detach
  return (target, fields = {}) => {
    let detach = null;
    let cancelled = false;
    Promise.all([importKit(w.url('form')), importKit(w.url('panel')), w.launched])
      .then(([m, { drawHit }]) => {
        if (cancelled) return;
        detach = m.attach({
          words: w.words, lang: w.lang, tag: w.tag, emit: w.events.emit, load: w.load,
          stylesheets: [w.url('launcherCss'), w.url('css')],
          launcher: w.inline ? null : w.launcher,
          engine: () => w.engine,
          settle: (ask) => w.parts.settle(ask),
          attached,
          el,
          drawHit,
        }, target, fields);
      })
      .catch((error) => console.error('help-widget: cannot load the form suggestions', error));
    return () => { cancelled = true; detach?.(); };
  };
}

/** One widget: the API at once (`api`), the launcher once the shell (its
 * words) has arrived (`launched`, then `drawn` once its stylesheet is
 * there too), the rest by the parts above, which share `w`. */
function create(parent, options, base) {
  const url = (name) => new URL(FILES[name], base).href;
  const inline = Boolean(options.mount) || options.mode === 'inline';
  // The knowledge base's locale is chosen from the same tag, by the engine.
  const tag = preferredTag(options);
  const w = {
    options,
    url,
    inline,
    // `hash: 'off'`: the host routes by hash; no deep links are read or written.
    hash: options.hash !== 'off' && options.hash !== false,
    lang: uiLang(tag),
    tag,
    timings: { start: options.startedAt ?? performance.now(), launcher: null, interactive: null },
    host: el('help-widget'),
    // help-widget.js fetched it beside this module (`options.shell`).
    shell: fetchOk(url('shell'), FILES.shell, options.shell).then((r) => r.json()),
    calls: callQueue(),
    engine: null, // the engine's exports (search, answer, …) once loaded
    widget: null, // the Wasm widget once mounted
  };
  w.events = eventHub(w.host, options);
  w.parts = NO_PARTS;
  ({ load: w.load, loaded: w.loaded } = engineLoader(w));
  const attach = formSuggestions(w);
  const run = (name, ...args) => w.calls.run(name, args);
  w.api = Object.freeze({
    open: () => run('open'),
    close: () => run('close'),
    /** Opens the panel with `query` typed in; the number of suggestions, or
     * `undefined` while the search is still loading (it runs once loaded). */
    search: (query) => run('search', String(query ?? '')),
    show: (id) => run('show', String(id)),
    on: w.events.on,
    /** Suggests answers beside a form of the site; returns `detach()`. */
    attach,
    /** Starts loading the search now (also what the preload options do). */
    load: w.load,
    /** Resolves once the search is interactive; rejects if it cannot load. */
    loaded: w.loaded,
    get lang() { return w.widget ? w.widget.lang : w.lang; },
    get hasLiveStatus() { return Boolean(w.widget?.has_live_status); },
    element: w.host,
    timings: w.timings,
  });

  const { host } = w;
  if (inline) host.setAttribute('data-inline', '');
  if (options.theme === 'light' || options.theme === 'dark') host.setAttribute('data-theme', options.theme);
  // CSSOM custom properties are allowed under a strict style-src.
  if (colour(options.accent)) host.style.setProperty('--hw-accent', options.accent);
  // The stylesheet loads while the shell is on its way, not after it.
  const launcherCss = stylesheet(url('launcherCss'));
  host.attachShadow({ mode: 'open' }).append(launcherCss.link);
  // Appending starts the stylesheet's load, which costs about what a fetch
  // does (10 ms at 4× CPU): a task of its own, apart from the module's start.
  const appending = setTimeout(() => parent.append(host));
  w.launched = w.shell.then((shell) => launch(w, shell), (error) => {
    clearTimeout(appending);
    host.remove();
    throw error;
  });
  w.drawn = w.launched.then(async (wrap) => {
    await launcherCss.loaded.catch((error) => console.error(error.message));
    wrap.hidden = false;
    w.timings.launcher = performance.now();
    return w.api;
  });
  if (options.attach) attach(options.attach);
  return w;
}

/** Draws the launcher with the shell's words and sets up what works
 * before the Wasm: the facade (which then shows the queued calls), phone
 * Back and the preloading; resolves with the launcher's wrapper (still
 * hidden) once all of it is set up. */
function launch(w, shell) {
  // Each engine speaks one language, to every visitor it serves: a kit's
  // of one language, and in a kit of several the visitor's locale's
  // (src/widget/i18n.rs `kit_languages`).
  if (shell.engines) w.lang = uiLang(visitorLocale(shell.engines, w.tag));
  if (!shell[w.lang]) w.lang = shell.de ? 'de' : 'en';
  // The logo is a file beside the shell (help-widget shell copies it there).
  w.words = { ...shell[w.lang], logo: shell.logo ? new URL(shell.logo, w.url('shell')).href : null };
  const { wrap, launcher } = drawLauncher(w.host, w.words, { inline: w.inline, position: w.options.position, lang: w.lang });
  w.launcher = launcher;
  w.facade = facade(w, wrap);
  // The rest in a task of its own: reading sessionStorage the first time
  // alone takes about 9 ms at 4× CPU (no task of 50 ms on a page view).
  return new Promise((done) => setTimeout(() => {
    phoneBack(wrap, w.inline, w.api.close);
    preloadWhen(w);
    w.calls.showIn(w.facade);
    done(wrap);
  }));
}
