// bench.mjs (a)'s reference row: a page view whose deferred script draws
// one fixed button with a word in it (a launcher without a widget behind
// it), measured as the widget's page view is. Its long tasks are the
// browser's own (parsing the page, the first style and layout with text):
// no widget that draws a launcher costs a page view less. The hooks
// bench.mjs reads (HelpWidget.timings) are stubs here.
(function () {
  'use strict';
  var start = performance.now();
  window.HelpWidget = { timings: { start: start, launcher: null } };
  setTimeout(function () {
    var host = document.createElement('div');
    var button = document.createElement('button');
    button.textContent = '? Hilfe';
    button.style.cssText = 'position:fixed;right:16px;bottom:16px;font:600 16px system-ui,sans-serif;border:0;border-radius:999px;padding:12px 18px;background:#1f5fbf;color:#fff';
    host.attachShadow({ mode: 'open' }).append(button);
    document.body.append(host);
    requestAnimationFrame(function () { window.HelpWidget.timings.launcher = performance.now(); });
  });
})();
