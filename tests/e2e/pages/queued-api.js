// Runs right after the loader, before its module has arrived; the test
// makes more calls once the module is there and the shell still is not.
window.seen = [];
const off = HelpWidget.on('search', () => window.seen.push('unsubscribed listener'));
off();
HelpWidget.on('open', () => window.seen.push('open'));
HelpWidget.on('search', (d) => window.seen.push(`search ${d.query}`));
const detach = HelpWidget.attach('#nowhere');
detach();
HelpWidget.open();
