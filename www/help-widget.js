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
// which implements the API, and hands it the calls made before the module
// arrived, in order; the module keeps them in its one queue of calls.
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
  var widget = null; // the module's API once it has arrived
  var calls = []; // [name, args, took]: made before, handed to the module

  /** Calls the module's API now, or hands the call to it when it arrives;
   * what `on` and `attach` return (their undoing) works before that too. */
  function call(name) {
    return function () {
      var args = [].slice.call(arguments);
      if (widget) return widget[name].apply(widget, args);
      var undo = null;
      var queued = [name, args, function (out) { undo = out; }];
      calls.push(queued);
      if (name !== 'on' && name !== 'attach') return undefined;
      return function () {
        var i = calls.indexOf(queued);
        if (i >= 0) calls.splice(i, 1);
        else if (undo) undo();
      };
    };
  }

  // Each request starts in a task of its own: starting one costs 5 to 17 ms
  // at 4x CPU, and this script runs at the end of the page's parsing, a
  // task that took 20 to 38 ms there on its own (no task of 50 ms or more
  // on a page view). The shell (the launcher's words) is fetched while the
  // module is on its way, not after it: the launcher appears a round trip sooner.
  var shell = null;
  function fetchShell() {
    if (!shell) {
      shell = fetch(new URL('pkg/help_widget_shell.json', script.src).href);
      shell.catch(function () {}); // reported by the module
    }
    return shell;
  }
  var ready = new Promise(function (next) { setTimeout(next); })
    .then(function () { return import(new URL('help-widget.mjs', script.src).href); })
    .then(function (m) {
      var w = m.embed({
        baseUrl: new URL('./', script.src).href,
        startedAt: startedAt,
        shell: fetchShell(),
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
      }, calls);
      widget = w.api;
      api.timings = widget.timings;
      api.element = widget.element;
      return w.drawn;
    })
    .then(function () { return api; });
  ready.catch(function (error) { console.error('help-widget: failed to start', error); });
  setTimeout(fetchShell);

  var api = {
    open: call('open'),
    close: call('close'),
    search: call('search'),
    show: call('show'),
    /** Suggests answers beside a form; returns `detach()`. */
    attach: call('attach'),
    /** Subscribes (an unknown event name is reported once the module has
     * arrived); returns the unsubscribe. */
    on: call('on'),
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
