// Globals and prototype changes from other scripts on a host page.
window.init = function () { throw new Error('host init called'); };
window.search = 'host search';
window.answer = 42;
window.wasm_bindgen = { host: true };
window.module = {};
window.exports = {};
window.define = function () { throw new Error('AMD define called'); };
window.define.amd = true;
window.$ = function () { throw new Error('jQuery-like $ called'); };
Object.prototype.hostile = 'yes';
Array.prototype.hostileExtra = function () {};
window.hostileReady = true;
