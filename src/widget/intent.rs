//! "I want a person": queries that ask for a human, the hotline, a phone
//! number, opening hours, a complaint or escalation. For them the panel
//! shows the contact block with its live status first, above the answers:
//! a visitor who asks for a person must not have to dig for one.
//!
//! Phrases are matched on analysed words (folded, stemmed: "Mitarbeitern"
//! finds "Mitarbeiter"), with one typo allowed in words of five letters or
//! more ("Mitarbieter", "hotlien") that the knowledge base does not know
//! itself ("contract" is no typo of "contact"). A phrase of several words
//! matches when all of its words are in the query.
//!
//! The phrases are the knowledge base's (`[person]` in site.toml, the
//! PERSON section); a locale without its own keeps the defaults below.

use crate::analysis::{tokenize, Lang};

/// Default phrases of German visitors.
pub const DE: &[&str] = &[
    "mitarbeiter",
    "mitarbeiterin",
    "mensch",
    "persönlich",
    "ansprechpartner",
    "hotline",
    "telefonnummer",
    "telefon",
    "anrufen",
    "rückruf",
    "erreichbar",
    "erreichen",
    "öffnungszeiten",
    "sprechzeiten",
    "beschwerde",
    "beschweren",
    "kundenservice",
    "kundendienst",
    "servicenummer",
    "kontakt",
    "chat",
];

/// Default phrases of English visitors.
pub const EN: &[&str] = &[
    "human",
    "person",
    "agent",
    "representative",
    "someone",
    "operator",
    "hotline",
    "phone number",
    "phone",
    "call",
    "callback",
    "opening hours",
    "business hours",
    "reach",
    "complaint",
    "complain",
    "escalate",
    "customer service",
    "contact",
    "chat",
];

/// Words of at least this many letters may have one typo.
const TYPO_FROM: usize = 5;

/// The phrases of one language, analysed in it once (not per keystroke):
/// each phrase as the stems of its words.
#[derive(Debug, Clone)]
pub struct Phrases {
    lang: Lang,
    stems: Vec<Vec<String>>,
}

impl Phrases {
    fn new(lang: Lang, phrases: &[&str]) -> Self {
        let stems = phrases
            .iter()
            .map(|p| tokenize(p, lang).into_iter().map(|t| t.stem).collect())
            .filter(|words: &Vec<String>| !words.is_empty())
            .collect();
        Self { lang, stems }
    }
}

/// The built-in phrases of a locale's language: German, English, else none.
pub fn defaults(locale: &str) -> &'static [&'static str] {
    match crate::analysis::primary_subtag(locale) {
        l if l.eq_ignore_ascii_case("de") => DE,
        l if l.eq_ignore_ascii_case("en") => EN,
        _ => &[],
    }
}

/// The phrases to match, from each kb locale and its own phrases (`None`:
/// the kb gives none, the defaults hold). German and English defaults stay
/// even where the kb has no such locale: a visitor may ask in either on
/// any page. So they stay in an engine of one language too, where the
/// other language's are matched as `Lang::Other`'s words, unstemmed.
pub fn phrase_lists<'a>(
    kb: impl IntoIterator<Item = (&'a str, Option<Vec<&'a str>>)>,
) -> Vec<Phrases> {
    let mut lists: Vec<(&str, Phrases)> = kb
        .into_iter()
        .map(|(locale, own)| {
            let phrases = own.unwrap_or_else(|| defaults(locale).to_vec());
            (locale, Phrases::new(Lang::from_locale(locale), &phrases))
        })
        .collect();
    for locale in ["de", "en"] {
        if !lists.iter().any(|(l, _)| defaults(l) == defaults(locale)) {
            lists.push((
                locale,
                Phrases::new(Lang::from_locale(locale), defaults(locale)),
            ));
        }
    }
    lists.into_iter().map(|(_, p)| p).collect()
}

/// Whether `query` asks for a person by any phrase of `lists`, each
/// analysed in its own language. `known(word)`: the knowledge base has
/// this folded word, so it is meant as written, not a typo.
pub fn wants_person(query: &str, lists: &[Phrases], known: impl Fn(&str) -> bool) -> bool {
    lists.iter().any(|p| asks(query, p, &known))
}

fn asks(query: &str, phrases: &Phrases, known: &dyn Fn(&str) -> bool) -> bool {
    let lang = phrases.lang;
    let asked: Vec<(String, bool)> = tokenize(query, lang)
        .into_iter()
        .map(|t| {
            let typo_ok = !known(&t.term);
            (t.stem, typo_ok)
        })
        .collect();
    if asked.is_empty() {
        return false;
    }
    phrases.stems.iter().any(|words| {
        words.iter().all(|w| {
            asked
                .iter()
                .any(|(a, typo_ok)| a == w || (*typo_ok && close(a, w)))
        })
    })
}

/// Equal, or one edit (insertion, deletion, substitution or swap of two
/// neighbours) apart when both are long enough for a typo to be likely.
fn close(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().min(b.len()) < TYPO_FROM || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let lead = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[lead..], &b[lead..]);
    // After the common lead, one edit must make the rests equal.
    ra.get(1..) == rb.get(1..)
        || ra.get(1..) == Some(rb)
        || Some(ra) == rb.get(1..)
        || (ra.len() >= 2
            && ra.len() == rb.len()
            && ra[0] == rb[1]
            && ra[1] == rb[0]
            && ra[2..] == rb[2..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built_in() -> Vec<Phrases> {
        phrase_lists([("de", None), ("en", None)])
    }

    fn de(q: &str) -> bool {
        wants_person(q, &built_in(), |_| false)
    }

    fn en(q: &str) -> bool {
        wants_person(q, &built_in(), |w| w == "contract")
    }

    #[test]
    fn asking_for_a_person_the_hotline_or_the_hours_is_understood_in_german() {
        for q in [
            "mit einem Mitarbeiter sprechen",
            "wann ist die Hotline erreichbar",
            "Telefonnummer",
            "Ich möchte Sie anrufen",
            "Beschwerde einreichen",
            "Mitarbieter sprechen",
            "hotlien",
        ] {
            assert!(de(q), "{q}");
        }
    }

    #[test]
    fn asking_for_a_person_is_understood_in_english() {
        for q in [
            "talk to a human",
            "I need an agent",
            "phone number",
            "what are your opening hours",
            "I want to complain",
            "talk to a humna",
        ] {
            assert!(en(q), "{q}");
        }
    }

    #[test]
    fn ordinary_questions_do_not_ask_for_a_person() {
        for q in [
            "Zählerstand melden",
            "Abschlag ändern",
            "Strom weg",
            "",
            "  ",
        ] {
            assert!(!de(q), "{q}");
        }
        for q in [
            "cancel my contract",
            "meter reading",
            "hours of daylight",
            "number of meters",
        ] {
            assert!(!en(q), "{q}");
        }
    }

    #[test]
    fn a_person_is_understood_in_either_language_on_any_page() {
        assert!(de("talk to a human"));
        assert!(en("mit einem Mitarbeiter sprechen"));
    }

    #[test]
    fn one_typo_counts_only_in_longer_words() {
        assert!(close("mitarbeiter", "mitarbieter"));
        assert!(close("hotline", "hotlin"));
        assert!(close("hotline", "hotlinee"));
        assert!(close("human", "humna"));
        assert!(!close("call", "cell"), "short words must match exactly");
        assert!(!close("hotline", "hotelier"));
    }

    #[test]
    fn the_kbs_phrases_replace_the_defaults_of_their_locale_only() {
        let lists = phrase_lists([
            ("de", Some(vec!["sachbearbeiter", "störungsstelle"])),
            ("en", None),
        ]);
        let asks = |q| wants_person(q, &lists, |_| false);
        assert!(
            asks("mit Sachbearbeitern sprechen"),
            "stemmed like the defaults"
        );
        assert!(asks("Störungstelle"), "and one typo allowed");
        assert!(!asks("Telefonnummer"), "German defaults replaced");
        assert!(asks("talk to a human"), "English defaults kept");
    }

    #[test]
    fn an_empty_list_turns_the_detection_off_for_its_locale() {
        let lists = phrase_lists([("de", Some(vec![])), ("en", Some(vec![]))]);
        assert!(!wants_person("Mitarbeiter sprechen", &lists, |_| false));
        assert!(!wants_person("talk to a human", &lists, |_| false));
    }

    #[test]
    fn german_and_english_defaults_hold_on_a_kb_of_other_locales() {
        let lists = phrase_lists([("fr", Some(vec!["conseiller"]))]);
        let asks = |q| wants_person(q, &lists, |_| false);
        assert!(asks("parler à un conseiller"));
        assert!(asks("mit einem Mitarbeiter sprechen"));
        assert!(asks("talk to a human"));
        assert_eq!(defaults("de-AT"), DE);
        assert!(defaults("fr").is_empty());
    }
}
