//! The host page's shared state the widget touches: sessionStorage (the
//! saved panel), the address bar (`#help/<id>`) and the history entry of
//! an answer on a phone. Rust decides what to read and write; `hostPage`
//! in www/help-widget-panel.mjs does it, each call a flat method that
//! tolerates refusal (private modes, sandboxed frames and routers may
//! refuse). The same through web-sys, a chain of window, storage, history
//! and location objects each crossing the boundary, cost the Wasm and its
//! glue more (node scripts/engine-size.mjs).

use crate::widget::deep_link::{hash_for, parse_hash};
use crate::widget::saved::{Saved, STORAGE_KEY};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

#[wasm_bindgen]
extern "C" {
    /// `hostPage` of www/help-widget-panel.mjs.
    #[derive(Clone, Debug)]
    pub type Page;
    /// sessionStorage's item `key` (`None`: none, or storage refused).
    #[wasm_bindgen(method)]
    fn stored(this: &Page, key: &str) -> Option<String>;
    /// Writes sessionStorage's item `key` (a refusal is ignored).
    #[wasm_bindgen(method)]
    fn store(this: &Page, key: &str, value: &str);
    /// `location.pathname`, `location.search`, `location.hash`.
    #[wasm_bindgen(method)]
    fn path(this: &Page) -> String;
    #[wasm_bindgen(method)]
    fn search(this: &Page) -> String;
    #[wasm_bindgen(method)]
    pub fn hash(this: &Page) -> String;
    /// Pushes a copy of the current history entry marked with `mark`.
    #[wasm_bindgen(method, js_name = pushMarked)]
    fn push_marked(this: &Page, mark: &str);
    /// Whether the current history entry is marked with `mark`.
    #[wasm_bindgen(method)]
    fn marked(this: &Page, mark: &str) -> bool;
    #[wasm_bindgen(method)]
    fn back(this: &Page);
    /// Replaces the current entry's URL, keeping its state.
    #[wasm_bindgen(method, js_name = replaceUrl)]
    fn replace_url(this: &Page, url: &str);
    /// Whether the media query `query` matches.
    #[wasm_bindgen(method)]
    pub fn matches(this: &Page, query: &str) -> bool;
}

/// The global window (the widget never runs in a worker).
pub fn window() -> Result<web_sys::Window, JsValue> {
    web_sys::window().ok_or_else(|| JsValue::from_str("help-widget needs a window"))
}

impl Page {
    /// The state this page saved earlier in this tab (a reload), if any;
    /// another page of the site opens fresh.
    pub fn saved(&self) -> Option<Saved> {
        let value = self.stored(STORAGE_KEY)?;
        Some(Saved::decode(&value)).filter(|s| s.belongs_to(&self.path()))
    }

    /// Saves to sessionStorage, for this page; private modes and sandboxed
    /// frames may refuse, which only costs the restore after a reload.
    pub fn save(&self, s: &Saved) {
        let s = Saved {
            path: self.path(),
            ..s.clone()
        };
        self.store(STORAGE_KEY, &s.encode());
    }

    /// Adds a history entry for the answer now shown (a copy of the current
    /// entry, marked as the answer's).
    pub fn push_answer_entry(&self) {
        self.push_marked(ANSWER_ENTRY);
    }

    /// Whether the current history entry is the one [`Page::push_answer_entry`] added.
    pub fn on_answer_entry(&self) -> bool {
        self.marked(ANSWER_ENTRY)
    }

    /// Goes back one history entry (from the answer's to the results').
    pub fn history_back(&self) {
        self.back();
    }

    /// Shows or removes `#help/<id>` without a history entry, and only when
    /// the fragment is free or already ours (a host router may own it).
    pub fn set_link(&self, id: Option<&str>) {
        let hash = self.hash();
        if !(hash.is_empty() || hash == "#" || parse_hash(&hash).is_some()) {
            return;
        }
        let base = self.path() + &self.search();
        let url = match id {
            Some(id) => base + &hash_for(id),
            None if hash.is_empty() => return,
            None => base,
        };
        // The entry's state is kept: the loader marks the entry it pushed
        // while a full-screen panel is open (Back closes the panel).
        self.replace_url(&url);
    }
}

/// The key the widget sets in the history entry it adds for an answer on a
/// phone, so system Back returns to the results (the loader's own entry,
/// `helpWidget`, returns to the page).
const ANSWER_ENTRY: &str = "helpWidgetAnswer";
