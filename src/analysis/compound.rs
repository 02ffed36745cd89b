//! Compound splitting for languages that glue words together: German
//! "Zählerstandsmeldung" is "Zählerstand" + s + "Meldung". Parts are
//! accepted only when they are words of the knowledge base itself, so the
//! splitter needs no dictionary of its own.

use super::Lang;

/// Shortest part worth splitting off ("Gas" in "Gasgeruch").
pub const MIN_PART: usize = 3;
/// Most parts one word is split into.
pub const MAX_PARTS: usize = 4;
/// Longer words are not split.
pub const MAX_WORD: usize = 48;
/// Most vocabulary look-ups for one word: bounds the work whatever the vocabulary.
pub const MAX_LOOKUPS: usize = 512;

/// The parts of `word` (folded), each a word for which `is_word` holds, or
/// `None` when no split into at least two such parts exists. Prefers long
/// leading parts, so "zaehlerstand" splits as "zaehler" + "stand".
pub fn split(word: &str, lang: Lang, is_word: &dyn Fn(&str) -> bool) -> Option<Vec<String>> {
    if !lang.glues_compounds() || word.len() > MAX_WORD || word.len() < 2 * MIN_PART {
        return None;
    }
    let mut lookups = MAX_LOOKUPS;
    let parts = split_rest(word, lang, is_word, MAX_PARTS, &mut lookups)?;
    (parts.len() >= 2).then_some(parts)
}

fn split_rest(
    word: &str,
    lang: Lang,
    is_word: &dyn Fn(&str) -> bool,
    budget: usize,
    lookups: &mut usize,
) -> Option<Vec<String>> {
    if budget == 0 {
        return None;
    }
    let known = |w: &str, lookups: &mut usize| {
        if *lookups == 0 {
            return false;
        }
        *lookups -= 1;
        is_word(w)
    };
    let boundaries: Vec<usize> = word
        .char_indices()
        .map(|(i, _)| i)
        .filter(|&i| i >= MIN_PART && word.len() - i >= MIN_PART)
        .collect();
    for &h in boundaries.iter().rev() {
        let head = &word[..h];
        if !known(head, lookups) {
            continue;
        }
        let rest = &word[h..];
        let links = std::iter::once("").chain(lang.linking_elements().iter().copied());
        for link in links {
            let Some(tail) = rest.strip_prefix(link) else {
                continue;
            };
            if tail.len() < MIN_PART {
                continue;
            }
            if known(tail, lookups) {
                return Some(vec![head.to_string(), tail.to_string()]);
            }
            if let Some(mut more) = split_rest(tail, lang, is_word, budget - 1, lookups) {
                more.insert(0, head.to_string());
                return Some(more);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(words: &'static [&'static str]) -> impl Fn(&str) -> bool {
        move |w| words.contains(&w)
    }

    #[test]
    fn a_compound_splits_at_its_linking_element() {
        let v = vocab(&["zaehlerstand", "meldung", "zaehler", "stand"]);
        assert_eq!(
            split("zaehlerstandsmeldung", Lang::German, &v).unwrap(),
            ["zaehlerstand", "meldung"]
        );
    }

    #[test]
    fn a_known_word_still_splits_into_its_known_parts() {
        let v = vocab(&["zaehler", "stand", "zaehlerstand"]);
        assert_eq!(
            split("zaehlerstand", Lang::German, &v).unwrap(),
            ["zaehler", "stand"]
        );
    }

    #[test]
    fn three_parts_are_found() {
        let v = vocab(&["strom", "zaehler", "wechsel"]);
        assert_eq!(
            split("stromzaehlerwechsel", Lang::German, &v).unwrap(),
            ["strom", "zaehler", "wechsel"]
        );
    }

    #[test]
    fn words_with_unknown_parts_and_english_words_are_not_split() {
        let v = vocab(&["zaehler"]);
        assert_eq!(split("zaehlerxyz", Lang::German, &v), None);
        let v = vocab(&["meter", "reading"]);
        assert_eq!(split("meterreading", Lang::English, &v), None);
    }

    #[test]
    fn an_adversarial_vocabulary_cannot_make_splitting_slow() {
        let calls = std::cell::Cell::new(0);
        let every = |_: &str| {
            calls.set(calls.get() + 1);
            false
        };
        let _ = split(&"a".repeat(MAX_WORD), Lang::German, &every);
        let all_but_whole = |w: &str| w.len() < MAX_WORD - 1 && w.len() % 7 != 0;
        let _ = split(&"a".repeat(MAX_WORD), Lang::German, &all_but_whole);
        assert!(calls.get() <= MAX_LOOKUPS);
    }

    #[test]
    fn non_ascii_words_split_only_at_character_boundaries() {
        let v = vocab(&["ééé", "ààà"]);
        assert_eq!(split("éééààà", Lang::German, &v).unwrap(), ["ééé", "ààà"]);
        assert_eq!(split(&"é".repeat(30), Lang::German, &v), None);
    }
}
