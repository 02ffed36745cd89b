// The host a keystroke floor page (paint-floor.html, rows-floor.html) puts
// where the widget would be, with the hooks bench.mjs reads of a widget
// page: a `help-widget` element whose shadow root holds the search box
// #hw-q, and stubs of HelpWidget.timings, load and open. `setUp(root,
// input)` adds what the page draws per key.
export function floorPage(setUp) {
  class Floor extends HTMLElement {
    connectedCallback() {
      const root = this.attachShadow({ mode: 'open' });
      const input = document.createElement('input');
      input.id = 'hw-q';
      input.setAttribute('aria-label', 'Suche');
      root.append(input);
      setUp(root, input);
    }
  }
  customElements.define('help-widget', Floor);
  window.HelpWidget = { timings: { launcher: 1, interactive: 1 }, load() {}, open() {} };
  document.body.append(document.createElement('help-widget'));
}
