//! An RAII event listener: attached on creation, detached on drop.
//!
//! Like `gloo_events::EventListener`, but the callback takes the event by
//! value. gloo's `FnMut(&Event)` makes wasm-bindgen emit a `table.fill`
//! instruction for the borrowed argument, which the Debian binaryen 108
//! `wasm-opt` used by the release build cannot parse.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{AddEventListenerOptions, Event, EventTarget};

pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    callback: Closure<dyn FnMut(Event)>,
}

impl Listener {
    /// Listens for `kind` on `target`; `passive: false`, so the callback may
    /// call `preventDefault`.
    pub fn new(target: &EventTarget, kind: &'static str, f: impl FnMut(Event) + 'static) -> Self {
        Self::boxed(target, kind, Box::new(f))
    }

    /// The body of [`Listener::new`] once, not once per callback type.
    fn boxed(target: &EventTarget, kind: &'static str, f: Box<dyn FnMut(Event)>) -> Self {
        let callback = Closure::wrap(f);
        let options = AddEventListenerOptions::new();
        options.set_passive(false);
        let _ = target.add_event_listener_with_callback_and_add_event_listener_options(
            kind,
            callback.as_ref().unchecked_ref(),
            &options,
        );
        Self {
            target: target.clone(),
            kind,
            callback,
        }
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.callback.as_ref().unchecked_ref());
    }
}
