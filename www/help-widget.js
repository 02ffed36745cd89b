// help-widget loader: paste
//   <script src="https://example.org/help/help-widget.js" defer data-locale="de"></script>
// and a help launcher appears. Options (all optional) as data-* attributes:
//   data-locale="de"          visitor language (else <html lang>, else the browser's)
//   data-position="left"      launcher corner (default right)
//   data-mode="inline"        with data-mount: render the panel in place
//   data-mount="#help"        CSS selector of the element to render into (implies inline)
//   data-accent="#8a1538"     accent colour
//   data-theme="dark"         force light or dark (default: the visitor's setting)
//   data-open="true"          open the panel on page load
//   data-beacon-url="/stats"  send widget events there with navigator.sendBeacon
// The files pkg/, help-widget.mjs and help-widget.css are found next to this script.
(function () {
  'use strict';
  var startedAt = performance.now();
  var MARK = '__helpWidget';
  // A page element named "currentScript" can shadow the real property (DOM clobbering).
  var script = document.currentScript;
  if (!(script instanceof HTMLScriptElement) || !script.src) {
    console.error('help-widget: load help-widget.js with <script src="…/help-widget.js">');
    return;
  }
  if (window.HelpWidget && window.HelpWidget[MARK]) {
    console.warn('help-widget: loaded twice; keeping the first widget');
    return;
  }
  var data = script.dataset;
  var listeners = {};
  var queue = [];
  var widget = null;

  function call(name, args) {
    if (widget) return widget[name].apply(widget, args);
    queue.push([name, args]);
    return undefined;
  }

  function deliver(name, detail) {
    (listeners[name] || []).slice().forEach(function (fn) {
      try { fn(detail); } catch (error) { console.error('help-widget: listener failed', error); }
    });
  }

  var ready = import(new URL('help-widget.mjs', script.src).href)
    .then(function (m) {
      return m.init({
        baseUrl: new URL('./', script.src).href,
        startedAt: startedAt,
        locale: data.locale,
        position: data.position,
        mode: data.mode,
        mount: data.mount,
        accent: data.accent,
        theme: data.theme,
        open: data.open === '' || data.open === 'true',
        beaconUrl: data.beaconUrl,
        listener: deliver,
      });
    })
    .then(function (w) {
      widget = w;
      api.timings = w.timings;
      queue.splice(0).forEach(function (c) { w[c[0]].apply(w, c[1]); });
      return api;
    });
  ready.catch(function (error) { console.error('help-widget: failed to start', error); });

  var api = {
    open: function () { call('open', []); },
    close: function () { call('close', []); },
    search: function (query) { return call('search', [query]); },
    show: function (id) { call('show', [id]); },
    on: function (event, fn) {
      if (typeof fn !== 'function') throw new TypeError('help-widget: on(event, fn) needs a function');
      (listeners[event] = listeners[event] || []).push(fn);
      return function () {
        var list = listeners[event] || [];
        var i = list.indexOf(fn);
        if (i >= 0) list.splice(i, 1);
      };
    },
    ready: ready,
    timings: null,
  };
  Object.defineProperty(api, MARK, { value: true });
  window.HelpWidget = api;
})();
