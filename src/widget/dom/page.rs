//! The host page's shared state the widget touches: sessionStorage (the
//! saved panel), the address bar (`#help/<id>`) and the history entry of
//! an answer on a phone. Rust decides what to read and write; `hostPage`
//! in www/help-widget-panel.mjs does it, each call a flat method that
//! tolerates refusal (private modes, sandboxed frames and routers may
//! refuse); its binding, [`Page`], is declared in the one `#[wasm_bindgen]`
//! file. The same through web-sys, a chain of window, storage, history and
//! location objects each crossing the boundary, cost the Wasm and its glue
//! 0.8 kB more of brotli (node scripts/engine-size.mjs), hostPage 0.2 kB.

pub use crate::wasm::Page;
use crate::widget::deep_link::{hash_for, parse_hash};
use crate::widget::saved::{Saved, STORAGE_KEY};
use wasm_bindgen::JsValue;

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
