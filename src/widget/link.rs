//! Where the widget's state lives outside the Wasm: deep links (`#help/<id>`)
//! and the sessionStorage record that lets the panel survive a reload.

/// The URL fragment prefix of a deep link.
pub const HASH_PREFIX: &str = "#help/";
/// The sessionStorage key of the saved state.
pub const STORAGE_KEY: &str = "help-widget:v1";

/// The entry a `#help/<id>` fragment points to; `#help/` alone opens the panel
/// without an answer (`Some("")`). Any other fragment belongs to the host page.
pub fn parse_hash(hash: &str) -> Option<String> {
    let rest = hash.strip_prefix(HASH_PREFIX).or_else(|| {
        hash.strip_prefix("#help")
            .filter(|r| r.is_empty())
            .map(|_| "")
    })?;
    let id = percent_decode(rest);
    (id.is_empty() || crate::url::is_entry_id(&id)).then_some(id)
}

/// The fragment that links to entry `id`.
pub fn hash_for(id: &str) -> String {
    format!("{HASH_PREFIX}{id}")
}

/// The entry to show for a requested `id`: it as given if it exists, else
/// the same topic (slug) in the visitor's locale, else in the default
/// locale. A bare slug (`meter-reading`) is looked up the same way.
pub fn resolve_id(
    requested: &str,
    visitor_locale: &str,
    default_locale: &str,
    exists: impl Fn(&str) -> bool,
) -> Option<String> {
    let slug = requested.rsplit('/').next().unwrap_or(requested);
    [
        requested.to_string(),
        format!("{visitor_locale}/{slug}"),
        format!("{default_locale}/{slug}"),
    ]
    .into_iter()
    .find(|id| !slug.is_empty() && exists(id))
}

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
        let mut out = format!(
            "o={}&q={}",
            u8::from(self.open),
            percent_encode(&self.query)
        );
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
        for pair in s.split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
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

/// Percent-encodes everything but unreserved characters (RFC 3986), so the
/// result is safe in a query string, a fragment and a `mailto:` URL.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes; malformed escapes stay as they are and invalid
/// UTF-8 becomes U+FFFD.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |j: usize| bytes.get(j).and_then(|&c| char::from(c).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_help_fragment_names_the_entry_and_other_fragments_are_left_alone() {
        assert_eq!(
            parse_hash("#help/de/meter-reading").as_deref(),
            Some("de/meter-reading")
        );
        assert_eq!(parse_hash("#help/").as_deref(), Some(""));
        assert_eq!(parse_hash("#help").as_deref(), Some(""));
        assert_eq!(parse_hash("#helpdesk"), None);
        assert_eq!(parse_hash("#top"), None);
        assert_eq!(parse_hash(""), None);
    }

    #[test]
    fn a_fragment_with_markup_or_quotes_is_rejected() {
        assert_eq!(parse_hash("#help/%3Cimg%20src%3Dx%3E"), None);
        assert_eq!(parse_hash("#help/de/a\"b"), None);
    }

    #[test]
    fn every_id_the_compiler_accepts_reopens_from_its_deep_link() {
        for id in ["en/faq.v2", "de/a~b_c", "x"] {
            assert_eq!(parse_hash(&hash_for(id)).as_deref(), Some(id));
        }
        for refused in ["de/a b", "de/ä", "/x"] {
            assert!(!crate::url::is_entry_id(refused));
            assert_eq!(parse_hash(&hash_for(refused)), None);
        }
    }

    #[test]
    fn hash_for_and_parse_hash_round_trip() {
        assert_eq!(
            parse_hash(&hash_for("en/cancel-contract")).as_deref(),
            Some("en/cancel-contract")
        );
    }

    #[test]
    fn a_missing_entry_falls_back_to_the_visitors_then_the_default_locale() {
        let have = ["de/meter-reading", "en/meter-reading", "de/only-german"];
        let exists = |id: &str| have.contains(&id);
        assert_eq!(
            resolve_id("en/meter-reading", "de", "de", exists).as_deref(),
            Some("en/meter-reading")
        );
        assert_eq!(
            resolve_id("en/only-german", "en", "de", exists).as_deref(),
            Some("de/only-german")
        );
        assert_eq!(
            resolve_id("meter-reading", "en", "de", exists).as_deref(),
            Some("en/meter-reading")
        );
        assert_eq!(resolve_id("en/nothing", "en", "de", exists), None);
        assert_eq!(resolve_id("", "en", "de", |_| true), None);
    }

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

    #[test]
    fn percent_encoding_keeps_unreserved_ascii_and_escapes_the_rest() {
        assert_eq!(percent_encode("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(percent_encode("ä ?&"), "%C3%A4%20%3F%26");
        assert_eq!(percent_decode("%C3%A4%20%3F%26"), "ä ?&");
    }
}
