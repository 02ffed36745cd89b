//! Deep links: the `#help/<id>` fragment that opens the panel on an entry,
//! and which entry a requested id resolves to.

use super::percent::percent_decode;

/// The URL fragment prefix of a deep link.
pub const HASH_PREFIX: &str = "#help/";

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
    [HASH_PREFIX, id].concat()
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
        [visitor_locale, "/", slug].concat(),
        [default_locale, "/", slug].concat(),
    ]
    .into_iter()
    .find(|id| !slug.is_empty() && exists(id))
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
}
