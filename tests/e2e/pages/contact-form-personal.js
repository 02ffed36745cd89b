// Every event the widget emits, as the page's listeners see it.
window.seen = [];
for (const name of ['open', 'close', 'search', 'no-results', 'answer-shown', 'feedback', 'contact-clicked',
  'form-suggestions', 'form-answer-opened', 'form-resolved', 'form-submitted']) {
  HelpWidget.on(name, (d) => window.seen.push([name, d]));
}
document.addEventListener('help-widget:form-suggestions', (e) => window.seen.push(['dom', e.detail]));
document.getElementById('kontakt').addEventListener('submit', (e) => e.preventDefault());
