import { init } from '../help-widget.mjs';
const [a, b] = await Promise.all([init({ locale: 'de' }), init({ locale: 'de' })]);
window.twice = a === b && (await init()) === a;
