//! The host page's shared state the widget touches: sessionStorage (the
//! saved panel) and the address bar (`#help/<id>`). Every access tolerates
//! refusal, as private modes, sandboxed frames and routers may refuse.

use crate::widget::deep_link::{hash_for, parse_hash};
use crate::widget::saved::{Saved, STORAGE_KEY};
use wasm_bindgen::JsValue;

/// The global window (the widget never runs in a worker).
pub fn window() -> Result<web_sys::Window, JsValue> {
    web_sys::window().ok_or_else(|| JsValue::from_str("help-widget needs a window"))
}

fn path() -> String {
    window()
        .ok()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}

/// The state this page saved earlier in this tab (a reload), if any;
/// another page of the site opens fresh.
pub fn saved() -> Option<Saved> {
    let value = window()
        .ok()?
        .session_storage()
        .ok()??
        .get_item(STORAGE_KEY)
        .ok()??;
    Some(Saved::decode(&value)).filter(|s| s.belongs_to(&path()))
}

/// Saves to sessionStorage, for this page; private modes and sandboxed
/// frames may refuse, which only costs the restore after a reload.
pub fn save(s: &Saved) {
    if let Some(storage) = window()
        .ok()
        .and_then(|w| w.session_storage().ok().flatten())
    {
        let s = Saved {
            path: path(),
            ..s.clone()
        };
        let _ = storage.set_item(STORAGE_KEY, &s.encode());
    }
}

/// The key the widget sets in the history entry it adds for an answer on a
/// phone, so system Back returns to the results (the loader's own entry,
/// `helpWidget`, returns to the page).
const ANSWER_ENTRY: &str = "helpWidgetAnswer";

/// Adds a history entry for the answer now shown (a copy of the current
/// entry, marked as the answer's).
pub fn push_answer_entry() {
    let Ok(history) = window().and_then(|w| w.history()) else {
        return;
    };
    let state = history.state().unwrap_or(JsValue::NULL);
    let marked = js_sys::Object::new();
    if state.is_object() {
        js_sys::Object::assign(&marked, &state.clone().into());
    }
    let _ = js_sys::Reflect::set(&marked, &ANSWER_ENTRY.into(), &JsValue::TRUE);
    let _ = history.push_state(&marked, "");
}

/// Whether the current history entry is the one [`push_answer_entry`] added.
pub fn on_answer_entry() -> bool {
    window()
        .and_then(|w| w.history())
        .and_then(|h| h.state())
        .ok()
        .and_then(|s| js_sys::Reflect::get(&s, &ANSWER_ENTRY.into()).ok())
        .is_some_and(|v| v.is_truthy())
}

/// Goes back one history entry (from the answer's to the results').
pub fn history_back() {
    if let Ok(h) = window().and_then(|w| w.history()) {
        let _ = h.back();
    }
}

/// Shows or removes `#help/<id>` without a history entry, and only when
/// the fragment is free or already ours (a host router may own it).
pub fn set_link(id: Option<&str>) {
    let Ok(w) = window() else { return };
    let location = w.location();
    let hash = location.hash().unwrap_or_default();
    if !(hash.is_empty() || hash == "#" || parse_hash(&hash).is_some()) {
        return;
    }
    let base = location.pathname().unwrap_or_default() + &location.search().unwrap_or_default();
    let url = match id {
        Some(id) => base + &hash_for(id),
        None if hash.is_empty() => return,
        None => base,
    };
    if let Ok(history) = w.history() {
        // Keep the entry's state: the loader marks the entry it pushed while
        // a full-screen panel is open (Back closes the panel).
        let state = history.state().unwrap_or(JsValue::NULL);
        let _ = history.replace_state_with_url(&state, "", Some(&url));
    }
}
