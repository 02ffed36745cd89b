//! Deep links: the `#help/<id>` fragment that opens the panel on an entry,
//! and which entry a requested id resolves to.

use super::percent::percent_decode;
use crate::engine::Lookup;

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
    crate::utf8::concat(&[HASH_PREFIX, id])
}

/// The entry to show for a requested `id`: it as given if it exists, else
/// the same topic (slug) in the visitor's locale, else in the default
/// locale. A bare slug (`meter-reading`) is looked up the same way.
/// `Waiting` while a candidate before the one found is not yet known
/// (its part of a core has not arrived).
pub fn resolve_id(
    requested: &str,
    visitor_locale: &str,
    default_locale: &str,
    lookup: impl Fn(&str) -> Lookup,
) -> Resolved {
    let slug = crate::utf8::after_last_byte(requested, b'/');
    if slug.is_empty() {
        return Resolved::Absent;
    }
    for id in [
        requested.to_string(),
        crate::utf8::concat(&[visitor_locale, "/", slug]),
        crate::utf8::concat(&[default_locale, "/", slug]),
    ] {
        match lookup(&id) {
            Lookup::Found(n) => return Resolved::Found(id, n),
            Lookup::Waiting => return Resolved::Waiting,
            Lookup::Absent => {}
        }
    }
    Resolved::Absent
}

/// Which entry a requested id resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Its id and global doc number.
    Found(String, u32),
    Absent,
    Waiting,
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
        let lookup = |id: &str| match have.iter().position(|h| *h == id) {
            Some(n) => Lookup::Found(n as u32),
            None => Lookup::Absent,
        };
        let found = |id: &str| {
            let n = have.iter().position(|h| *h == id).unwrap() as u32;
            Resolved::Found(id.to_string(), n)
        };
        assert_eq!(
            resolve_id("en/meter-reading", "de", "de", lookup),
            found("en/meter-reading")
        );
        assert_eq!(
            resolve_id("en/only-german", "en", "de", lookup),
            found("de/only-german")
        );
        assert_eq!(
            resolve_id("meter-reading", "en", "de", lookup),
            found("en/meter-reading")
        );
        assert_eq!(
            resolve_id("en/nothing", "en", "de", lookup),
            Resolved::Absent
        );
        let any = |_: &str| Lookup::Found(0);
        assert_eq!(resolve_id("", "en", "de", any), Resolved::Absent);
    }

    #[test]
    fn an_id_whose_part_has_not_arrived_waits_rather_than_falling_back() {
        let lookup = |id: &str| match id {
            "en/meter-reading" => Lookup::Waiting,
            "de/meter-reading" => Lookup::Found(3),
            _ => Lookup::Absent,
        };
        assert_eq!(
            resolve_id("en/meter-reading", "en", "de", lookup),
            Resolved::Waiting,
            "the German entry is the fallback only if the English one is absent"
        );
        assert_eq!(
            resolve_id("fr/meter-reading", "de", "de", lookup),
            Resolved::Found("de/meter-reading".to_string(), 3)
        );
    }
}
