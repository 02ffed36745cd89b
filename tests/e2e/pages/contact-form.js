// The page's own submit handler, which the widget must never stop.
window.submitted = 0;
window.formEvents = [];
document.getElementById('kontakt').addEventListener('submit', (e) => {
  e.preventDefault();
  window.submitted++;
});
for (const name of ['form-suggestions', 'form-answer-opened', 'form-resolved', 'form-submitted']) {
  HelpWidget.on(name, (d) => window.formEvents.push([name, d]));
}
