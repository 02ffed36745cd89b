//! The host page's shared state the widget touches: sessionStorage (the
//! saved panel), the address bar (`#help/<id>`) and the history entry of
//! an answer on a phone. The widget decides what to read and write (the
//! provided methods of [`HostPage`], tested natively here); the page does
//! it (the required ones, each a flat call that tolerates refusal: private
//! modes, sandboxed frames and routers may refuse). In the browser that is
//! `hostPage` of www/help-widget-panel.mjs, bound in src/wasm.rs. The same
//! through web-sys, a chain of window, storage, history and location
//! objects each crossing the boundary, cost the Wasm and its glue 0.8 kB
//! more of brotli (node scripts/engine-size.mjs), hostPage 0.2 kB.

use crate::widget::deep_link::{hash_for, parse_hash};
use crate::widget::saved::{Saved, STORAGE_KEY};

/// The media query of a phone, where the floating panel covers the whole
/// screen: help-widget-launcher.css lays the panel out so, and
/// help-widget.mjs (Back closes it) and help-widget-panel.mjs (Tab stays
/// in it) ask the same query; a test holds the four copies to this text.
pub const FULL_SCREEN_QUERY: &str = "(max-width: 480px)";

/// The host page as the widget reads and writes it.
pub trait HostPage {
    /// sessionStorage's item `key` (`None`: none, or storage refused).
    fn stored(&self, key: &str) -> Option<String>;
    /// Writes sessionStorage's item `key` (a refusal is ignored).
    fn store(&self, key: &str, value: &str);
    /// `location.pathname`.
    fn path(&self) -> String;
    /// `location.search`.
    fn search(&self) -> String;
    /// `location.hash`.
    fn hash(&self) -> String;
    /// Pushes a copy of the current history entry marked with `mark`.
    fn push_marked(&self, mark: &str);
    /// Whether the current history entry is marked with `mark`.
    fn marked(&self, mark: &str) -> bool;
    /// Goes back one history entry.
    fn back(&self);
    /// Replaces the current entry's URL, keeping its state.
    fn replace_url(&self, url: &str);
    /// Whether the media query `query` matches.
    fn matches(&self, query: &str) -> bool;

    /// Whether a floating panel covers the whole screen (a phone).
    fn covers_screen(&self) -> bool {
        self.matches(FULL_SCREEN_QUERY)
    }

    /// The state this page saved earlier in this tab (a reload), if any;
    /// another page of the site opens fresh.
    fn saved(&self) -> Option<Saved> {
        let value = self.stored(STORAGE_KEY)?;
        Some(Saved::decode(&value)).filter(|s| s.belongs_to(&self.path()))
    }

    /// Saves to sessionStorage, for this page; private modes and sandboxed
    /// frames may refuse, which only costs the restore after a reload.
    fn save(&self, s: &Saved) {
        let s = Saved {
            path: self.path(),
            ..s.clone()
        };
        self.store(STORAGE_KEY, &s.encode());
    }

    /// Adds a history entry for the answer now shown (a copy of the current
    /// entry, marked as the answer's).
    fn push_answer_entry(&self) {
        self.push_marked(ANSWER_ENTRY);
    }

    /// Whether the current history entry is the one
    /// [`HostPage::push_answer_entry`] added.
    fn on_answer_entry(&self) -> bool {
        self.marked(ANSWER_ENTRY)
    }

    /// Shows or removes `#help/<id>` without a history entry, and only when
    /// the fragment is free or already ours (a host router may own it).
    fn set_link(&self, id: Option<&str>) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::collections::HashMap;

    /// A page in memory: its storage, address and the URLs written.
    #[derive(Default)]
    struct FakePage {
        storage: RefCell<HashMap<String, String>>,
        path: String,
        hash: String,
        urls: RefCell<Vec<String>>,
    }

    impl HostPage for FakePage {
        fn stored(&self, key: &str) -> Option<String> {
            self.storage.borrow().get(key).cloned()
        }
        fn store(&self, key: &str, value: &str) {
            self.storage.borrow_mut().insert(key.into(), value.into());
        }
        fn path(&self) -> String {
            self.path.clone()
        }
        fn search(&self) -> String {
            "?a=1".into()
        }
        fn hash(&self) -> String {
            self.hash.clone()
        }
        fn push_marked(&self, _: &str) {}
        fn marked(&self, _: &str) -> bool {
            false
        }
        fn back(&self) {}
        fn replace_url(&self, url: &str) {
            self.urls.borrow_mut().push(url.into());
        }
        fn matches(&self, _: &str) -> bool {
            false
        }
    }

    fn page(path: &str, hash: &str) -> FakePage {
        FakePage {
            path: path.into(),
            hash: hash.into(),
            ..FakePage::default()
        }
    }

    #[test]
    fn a_saved_panel_is_restored_on_its_own_page_and_not_on_another() {
        let tariffs = page("/tarife", "");
        tariffs.save(&Saved {
            open: true,
            ..Saved::default()
        });
        assert!(tariffs.saved().is_some_and(|s| s.open));
        let contact = page("/kontakt", "");
        *contact.storage.borrow_mut() = tariffs.storage.take();
        assert_eq!(contact.saved(), None);
    }

    #[test]
    fn an_answer_link_is_written_into_a_free_fragment_keeping_path_and_query() {
        let p = page("/tarife", "");
        p.set_link(Some("zaehlerstand"));
        assert_eq!(
            *p.urls.borrow(),
            [format!("/tarife?a=1{}", hash_for("zaehlerstand"))]
        );
    }

    #[test]
    fn a_fragment_a_host_router_owns_is_left_alone() {
        let p = page("/app", "#/settings");
        p.set_link(Some("zaehlerstand"));
        p.set_link(None);
        assert!(p.urls.borrow().is_empty());
    }

    #[test]
    fn closing_the_answer_removes_our_link_and_writes_nothing_when_there_is_none() {
        let ours = page("/tarife", &hash_for("zaehlerstand"));
        ours.set_link(None);
        assert_eq!(*ours.urls.borrow(), ["/tarife?a=1"]);
        let none = page("/tarife", "");
        none.set_link(None);
        assert!(none.urls.borrow().is_empty());
    }

    #[test]
    fn the_loaders_phone_back_steps_over_the_answer_entry_by_its_mark() {
        // Closing the panel goes back over the answer's entry too when the
        // entry carries this mark (phoneBack in www/help-widget.mjs).
        let loader = include_str!("../../www/help-widget.mjs");
        let read = crate::utf8::concat(&["history.state.", ANSWER_ENTRY, " ?"]);
        assert!(
            loader.contains(&read),
            "help-widget.mjs does not read {read}"
        );
    }

    #[test]
    fn the_stylesheet_and_both_modules_take_a_phone_for_the_same_screen_width() {
        for (file, text) in [
            (
                "help-widget-launcher.css",
                include_str!("../../www/help-widget-launcher.css"),
            ),
            ("help-widget.mjs", include_str!("../../www/help-widget.mjs")),
            (
                "help-widget-panel.mjs",
                include_str!("../../www/help-widget-panel.mjs"),
            ),
        ] {
            let widths = text.matches("(max-width:").count();
            assert_eq!(widths, 1, "{file}: one width query, {widths} found");
            assert!(
                text.contains(FULL_SCREEN_QUERY),
                "{file} does not ask {FULL_SCREEN_QUERY}"
            );
        }
    }
}
