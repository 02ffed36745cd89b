//! The sessionStorage record that lets the panel survive a reload.

use super::percent::{percent_decode, percent_encode};
use crate::utf8::{split_byte, split_once_byte};

/// The sessionStorage key of the saved state.
pub const STORAGE_KEY: &str = "help-widget:v1";

/// What survives a reload: open or not, the query, the shown answer and the
/// browsed category, and the page they belong to (another page of the site
/// opens fresh).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Saved {
    pub open: bool,
    pub query: String,
    pub answer: Option<String>,
    pub category: Option<String>,
    /// The page's path as `location.pathname` gives it; empty: any page.
    pub path: String,
}

impl Saved {
    /// `o=1&q=…&a=…&c=…`, percent-encoded: small, and readable in devtools.
    pub fn encode(&self) -> String {
        let mut out = String::from(if self.open { "o=1&q=" } else { "o=0&q=" });
        out.push_str(&percent_encode(&self.query));
        if let Some(a) = &self.answer {
            out.push_str("&a=");
            out.push_str(&percent_encode(a));
        }
        if let Some(c) = &self.category {
            out.push_str("&c=");
            out.push_str(&percent_encode(c));
        }
        if !self.path.is_empty() {
            out.push_str("&p=");
            out.push_str(&percent_encode(&self.path));
        }
        out
    }

    /// Whether this state belongs on the page at `path`.
    pub fn belongs_to(&self, path: &str) -> bool {
        self.path.is_empty() || self.path == path
    }

    /// Reads [`Saved::encode`]'s output; anything unreadable is ignored, as a
    /// stale or tampered record must never break the widget.
    pub fn decode(s: &str) -> Self {
        let mut saved = Self::default();
        for pair in split_byte(s, b'&') {
            let (k, v) = split_once_byte(pair, b'=').unwrap_or((pair, ""));
            let v = percent_decode(v);
            match k {
                "o" => saved.open = v == "1",
                "q" => saved.query = v.chars().take(256).collect(),
                "a" if !v.is_empty() => saved.answer = Some(v),
                "c" if !v.is_empty() => saved.category = Some(v),
                "p" => saved.path = v,
                _ => {}
            }
        }
        saved
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_state_round_trips_through_its_encoding() {
        let s = Saved {
            open: true,
            query: "zählerstand & abschlag=50%".into(),
            answer: Some("de/meter-reading".into()),
            category: Some("Zähler & Ablesung".into()),
            path: "/hilfe%20seite/".into(),
        };
        assert_eq!(Saved::decode(&s.encode()), s);
        assert_eq!(Saved::decode(&Saved::default().encode()), Saved::default());
    }

    #[test]
    fn a_saved_state_belongs_to_its_page_only() {
        let s = Saved {
            open: true,
            path: "/tarife".into(),
            ..Saved::default()
        };
        assert!(s.belongs_to("/tarife"));
        assert!(!s.belongs_to("/kontakt"));
        assert!(
            Saved::default().belongs_to("/kontakt"),
            "an old record without a page"
        );
    }

    #[test]
    fn a_garbled_saved_record_decodes_to_something_harmless() {
        let s = Saved::decode("o=maybe&q=%ZZ%&x=1&&a");
        assert!(!s.open);
        assert_eq!(s.query, "%ZZ%");
        assert_eq!(s.answer, None);
    }
}
