// Runs right after the loader, before its module has arrived.
window.seen = [];
HelpWidget.on('open', () => window.seen.push('open'));
HelpWidget.on('answer-shown', () => window.seen.push('answer-shown'));
HelpWidget.show('de/meter-reading');
