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
//   data-preload="intent"     when the search loads: intent (default), idle or eager
//   data-beacon-url="/stats"  send widget events there with navigator.sendBeacon
//   data-attach="#contact"    suggest answers beside this form of the page while visitors write
//   data-hash="off"           leave the URL fragment alone (no #help/… deep links), for hash routers
// This file only hands the options to help-widget.mjs (found next to it),
// which implements the API; calls made before the module has arrived are
// passed on to it in order.
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
  var widget = null;
  var queue = [];

  /** Calls the module's API now, or in order once it has arrived. */
  function later(name) {
    return function () {
      var args = [].slice.call(arguments);
      if (widget) return widget[name].apply(widget, args);
      queue.push(function (w) { w[name].apply(w, args); });
      return undefined;
    };
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
        preload: data.preload,
        attach: data.attach,
        hash: data.hash,
        beaconUrl: data.beaconUrl,
      });
    })
    .then(function (w) {
      widget = w;
      api.timings = w.timings;
      api.element = w.element;
      queue.splice(0).forEach(function (run) {
        try { run(w); } catch (error) { console.error('help-widget:', error); }
      });
      return api;
    });
  ready.catch(function (error) { console.error('help-widget: failed to start', error); });

  var api = {
    open: later('open'),
    close: later('close'),
    search: later('search'),
    show: later('show'),
    /** Suggests answers beside a form; returns `detach()` (which also
     * works before the module has arrived). */
    attach: function (form, fields) {
      if (widget) return widget.attach(form, fields);
      var detach = null;
      var cancelled = false;
      queue.push(function (w) { if (!cancelled) detach = w.attach(form, fields); });
      return function () { cancelled = true; if (detach) detach(); };
    },
    /** Subscribes at once if the module is there, else when it arrives
     * (an unknown event name is reported then); returns the unsubscribe. */
    on: function (event, fn) {
      if (widget) return widget.on(event, fn);
      var off = null;
      var cancelled = false;
      queue.push(function (w) { if (!cancelled) off = w.on(event, fn); });
      return function () { cancelled = true; if (off) off(); };
    },
    load: function () { return ready.then(function () { return widget.load(); }); },
    ready: ready,
    loaded: ready.then(function () { return widget.loaded; }).then(function () { return api; }),
    timings: null,
    element: null,
  };
  api.loaded.catch(function () {}); // reported by the module
  Object.defineProperty(api, MARK, { value: true });
  window.HelpWidget = api;
})();
