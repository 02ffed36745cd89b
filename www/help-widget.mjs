// help-widget as an ES module:
//   import { init } from 'https://example.org/help/help-widget.mjs';
//   const widget = await init({ locale: 'de', mount: '#help' });
// help-widget.js (the <script> tag loader) uses this module too.
// Types: help-widget.d.ts. The widget makes no network requests of its own
// beyond loading its files; `beaconUrl` opts into navigator.sendBeacon.

export const EVENTS = Object.freeze(['open', 'close', 'search', 'no-results', 'answer-shown', 'feedback', 'contact-clicked']);

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

export async function init(options = {}) {
  const startedAt = options.startedAt ?? performance.now();
  const base = new URL(options.baseUrl ?? './', import.meta.url);
  const wasm = await import(new URL('pkg/help_widget.js', base).href);
  // Streaming compilation: wasm-bindgen passes the fetch Response to
  // WebAssembly.instantiateStreaming.
  await wasm.default({ module_or_path: new URL('pkg/help_widget_bg.wasm', base) });

  let parent = document.body;
  if (options.mount) {
    parent = typeof options.mount === 'string' ? document.querySelector(options.mount) : options.mount;
    if (!(parent instanceof Element)) throw new Error(`help-widget: mount target ${options.mount} not found`);
  }
  const inline = Boolean(options.mount) || options.mode === 'inline';
  const host = document.createElement('help-widget');
  if (inline) host.setAttribute('data-inline', '');
  if (options.theme === 'light' || options.theme === 'dark') host.setAttribute('data-theme', options.theme);
  // CSSOM custom properties are allowed under a strict style-src.
  if (colour(options.accent)) host.style.setProperty('--hw-accent', options.accent);
  parent.append(host);

  const listeners = new Map(EVENTS.map((e) => [e, new Set()]));
  const beacon = httpUrl(options.beaconUrl);
  const timings = { start: startedAt, interactive: null };
  let markReady;
  const ready = new Promise((resolve) => { markReady = resolve; });

  function emit(name, detail) {
    if (name === 'ready') {
      timings.interactive = performance.now();
      markReady();
      return;
    }
    const payload = Object.freeze({ ...detail });
    for (const fn of [...(listeners.get(name) ?? [])]) {
      try { fn(payload); } catch (error) { console.error('help-widget: listener failed', error); }
    }
    if (typeof options.listener === 'function') {
      try { options.listener(name, payload); } catch (error) { console.error('help-widget: listener failed', error); }
    }
    host.dispatchEvent(new CustomEvent(`help-widget:${name}`, { detail: payload, bubbles: true, composed: true }));
    if (beacon && navigator.sendBeacon) {
      navigator.sendBeacon(beacon, JSON.stringify({ event: name, ...payload, page: location.pathname, at: Date.now() }));
    }
  }

  const widget = wasm.mount_widget(host, {
    locale: options.locale || null,
    pageLang: document.documentElement.lang || null,
    browserLangs: [...(navigator.languages ?? [navigator.language])].filter(Boolean),
    inline,
    position: options.position === 'left' ? 'left' : 'right',
    openOnLoad: Boolean(options.open),
    cssUrl: new URL('help-widget.css', base).href,
  }, emit);
  await ready;

  return Object.freeze({
    open() { widget.open(); },
    close() { widget.close(); },
    search(query) { return widget.search(String(query ?? '')); },
    show(id) { widget.show(String(id)); },
    on(event, fn) {
      const set = listeners.get(event);
      if (!set || typeof fn !== 'function') throw new TypeError(`help-widget: unknown event ${event}`);
      set.add(fn);
      return () => set.delete(fn);
    },
    get lang() { return widget.lang; },
    element: host,
    timings,
    hasLiveStatus: typeof wasm.hotline_status === 'function',
  });
}
