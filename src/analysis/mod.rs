//! Text analysis: the one pipeline that turns text into index terms, shared
//! by the build-side compiler and the query side so both see the same terms.
//!
//! Pipeline: split into words (letters and digits, with their combining
//! marks; a hyphenated word gives its parts and the joined whole;
//! apostrophes join) → Unicode composition and compatibility forms
//! ([`normalize`]) → lower-case ([`lower`]: Latin, Greek and Cyrillic) →
//! fold diacritics per language → stem
//! (Snowball; [`inflection`] names the forms it leaves apart). Stop
//! words are marked, and
//! German compounds are split against the knowledge base's own vocabulary
//! ([`compound`]).
//!
//! Everything that differs between languages is in [`lang`].

mod compose_table;
pub mod compound;
pub mod inflection;
mod lang;
mod letters;
mod lower;
mod normalize;

pub use lang::{primary_subtag, unfold, unfold_mask, Lang, ENGLISH, GERMAN};
pub use letters::is_alphanumeric;
pub use lower::to_lower;
pub use normalize::{is_mark, is_word_char, normalize};

/// Longest word, in characters, that becomes an index term. Longer runs of
/// letters and digits (a pasted code, a base64 blob) are no words a visitor
/// types: the tokenizer skips them at build and query time alike, and the
/// compiler refuses them in a knowledge base with file:line.
pub const MAX_WORD_CHARS: usize = 64;

/// One word of a text, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lower-cased and folded surface form, as typed ("zaehlerstaende").
    pub term: String,
    /// Folded Snowball stem ("zahlerstand"); equals `term` where there is no stemmer.
    pub stem: String,
    /// Byte range of the word in the original text.
    pub start: usize,
    pub end: usize,
    /// Word number in the text, for proximity; a joined hyphenated word
    /// shares the number of its first part.
    pub position: u32,
    /// A word too common to index.
    pub stop: bool,
}

/// Folds one word: normalize, lower-case, then per-language diacritic folding.
pub fn fold(word: &str, lang: Lang) -> String {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len() + 2);
    fold_into(word, lang, &mut out);
    out
}

/// [`fold`], appending to `out`.
fn fold_into(word: &str, lang: Lang, out: &mut String) {
    let mut lower = String::new();
    for c in normalize(word).chars() {
        lower.clear();
        lower::push_lower(c, &mut lower);
        for l in lower.chars() {
            lang.fold_char(l, out);
        }
    }
}

/// A reusable analyser for one language (the stemmer is created once).
pub struct Analyzer {
    lang: Lang,
    stemmer: Option<rust_stemmers::Stemmer>,
    stems: bool,
}

impl Analyzer {
    pub fn new(lang: Lang) -> Self {
        Self {
            lang,
            stemmer: lang.stemmer(),
            stems: true,
        }
    }

    /// An analyser that leaves [`Token::stem`] empty: for highlighting,
    /// where only surface forms are compared and stemming would cost most.
    pub fn without_stems(lang: Lang) -> Self {
        Self {
            stems: false,
            ..Self::new(lang)
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The folded stem of a word given in its original spelling.
    pub fn stem(&self, word: &str) -> String {
        let lower = lower::to_lower(&normalize(word));
        match &self.stemmer {
            // Snowball expects lower-case text with its diacritics.
            Some(s) => fold(&s.stem(&lower), self.lang),
            None => fold(&lower, self.lang),
        }
    }

    fn token(&self, text: &str, start: usize, end: usize, position: u32) -> Token {
        self.token_from(&text[start..end], start, end, position)
    }

    fn token_from(&self, word: &str, start: usize, end: usize, position: u32) -> Token {
        let term = fold(word, self.lang);
        Token {
            stop: self.lang.is_stop_word(&term),
            stem: if self.stems {
                self.stem(word)
            } else {
                String::new()
            },
            term,
            start,
            end,
            position,
        }
    }

    /// Splits `text` into tokens, stop words included (marked).
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut position = 0u32;
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            if !is_alphanumeric(chars[i].1) {
                i += 1;
                continue;
            }
            // A group: alphanumeric runs joined by single connectors.
            let mut parts: Vec<(usize, usize)> = Vec::new();
            let mut glued = String::new();
            let mut hyphenated = false;
            loop {
                let s = chars[i].0;
                while i < chars.len() && is_word_char(chars[i].1) {
                    i += 1;
                }
                let e = chars.get(i).map_or(text.len(), |c| c.0);
                parts.push((s, e));
                let next_is_word = chars.get(i + 1).is_some_and(|c| is_alphanumeric(c.1));
                match chars.get(i).map(|c| c.1) {
                    Some('\'' | '’' | '＇') if next_is_word => {
                        // "don't" → "dont"; English "customer's" → "customer".
                        let ts = chars[i + 1].0;
                        let mut j = i + 1;
                        while j < chars.len() && is_word_char(chars[j].1) {
                            j += 1;
                        }
                        let te = chars.get(j).map_or(text.len(), |c| c.0);
                        let last = parts.last_mut().expect("a part was pushed");
                        if !self.lang.drops_after_apostrophe(&text[ts..te]) {
                            glued = crate::utf8::concat(&[&text[last.0..last.1], &text[ts..te]]);
                            last.1 = te;
                        }
                        i = j;
                        if !glued.is_empty() {
                            let (s, e) = *last;
                            parts.pop();
                            if !too_long(&glued) {
                                tokens.push(self.token_from(&glued, s, e, position));
                            }
                            position += 1;
                            glued.clear();
                        }
                        if chars.get(i).is_some_and(|c| matches!(c.1, '-' | '－'))
                            && chars.get(i + 1).is_some_and(|c| is_alphanumeric(c.1))
                        {
                            i += 1;
                            continue;
                        }
                        break;
                    }
                    // With their fullwidth forms, as NFKC reads them.
                    Some('-' | '‐' | '_' | '－' | '＿') if next_is_word => {
                        hyphenated = true;
                        i += 1;
                    }
                    _ => break,
                }
            }
            let first_position = position;
            for &(s, e) in &parts {
                if !too_long(&text[s..e]) {
                    tokens.push(self.token(text, s, e, position));
                }
                position += 1;
            }
            if hyphenated && parts.len() > 1 {
                let joined: String = parts.iter().map(|&(s, e)| &text[s..e]).collect();
                let (s, e) = (parts[0].0, parts[parts.len() - 1].1);
                if !too_long(&joined) {
                    tokens.push(self.token_from(&joined, s, e, first_position));
                }
            }
        }
        tokens
    }
}

/// How many chars `text` holds: its bytes that do not continue a char.
/// What `text.chars().count()` gives, in a loop a few bytes long (core's
/// is a word-at-a-time loop of about 1 kB in the Wasm).
pub fn char_count(text: &str) -> usize {
    text.bytes().filter(|&b| (b as i8) >= -0x40).count()
}

/// Whether `word` is longer than [`MAX_WORD_CHARS`] (combining marks not counted).
pub fn too_long(word: &str) -> bool {
    word.len() > MAX_WORD_CHARS
        && word
            .chars()
            .filter(|&c| !is_mark(c))
            .nth(MAX_WORD_CHARS)
            .is_some()
}

/// Calls `f(start, end, folded)` for each run of letters and digits in
/// `text`, folding into one reused buffer, until `f` returns false. The
/// cheap pass for highlighting: no stems, no joined hyphenated words.
pub fn scan_words(text: &str, lang: Lang, mut f: impl FnMut(usize, usize, &str) -> bool) {
    let bytes = text.as_bytes();
    let mut buf = String::new();
    let mut start = None;
    // The word has other than ASCII letters and digits: fold it whole at its end.
    let mut other = false;
    let mut i = 0;
    while i < bytes.len() {
        // A run of ASCII letters and digits is copied and lower-cased at once.
        let run = bytes[i..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(bytes.len() - i);
        if run > 0 {
            start.get_or_insert(i);
            let from = buf.len();
            buf.push_str(&text[i..i + run]);
            buf[from..].make_ascii_lowercase();
            i += run;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        if is_alphanumeric(c) || (is_mark(c) && start.is_some()) {
            start.get_or_insert(i);
            other = true;
        } else if let Some(s) = start.take() {
            if other {
                buf.clear();
                fold_into(&text[s..i], lang, &mut buf);
                other = false;
            }
            if !f(s, i, &buf) {
                return;
            }
            buf.clear();
        }
        i += c.len_utf8();
    }
    if let Some(s) = start {
        if other {
            buf.clear();
            fold_into(&text[s..], lang, &mut buf);
        }
        f(s, text.len(), &buf);
    }
}

/// Splits `text` into tokens with a fresh analyser (convenience for one-off use).
pub fn tokenize(text: &str, lang: Lang) -> Vec<Token> {
    Analyzer::new(lang).tokenize(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str, lang: Lang) -> Vec<String> {
        tokenize(text, lang).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn a_texts_chars_are_counted_as_chars_count_counts_them_in_every_script() {
        for text in [
            "",
            "Zählerstand",
            "ǅ ﬁ ſ ẞ ß",
            "Ωμέγα Привет",
            "a\u{0308}\u{0301}",
            "日本語 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂👍🏽",
            "\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}",
        ] {
            assert_eq!(char_count(text), text.chars().count(), "{text}");
        }
    }

    #[test]
    fn german_umlauts_fold_to_their_two_letter_spelling() {
        assert_eq!(
            terms("Zählerstand Größe", Lang::German),
            ["zaehlerstand", "groesse"]
        );
        assert_eq!(
            fold("ZAEHLERSTAND", Lang::German),
            fold("Zählerstand", Lang::German)
        );
    }

    #[test]
    fn english_drops_diacritics() {
        assert_eq!(terms("Café Zürich", Lang::English), ["cafe", "zurich"]);
    }

    #[test]
    fn hyphenated_words_give_their_parts_and_the_joined_word() {
        let text = "SEPA-Lastschrift, bitte";
        let t = tokenize(text, Lang::German);
        let got: Vec<_> = t.iter().map(|t| (t.term.as_str(), t.position)).collect();
        assert_eq!(
            got,
            [
                ("sepa", 0),
                ("lastschrift", 1),
                ("sepalastschrift", 0),
                ("bitte", 2)
            ]
        );
        assert_eq!(&text[t[2].start..t[2].end], "SEPA-Lastschrift");
        assert!(terms("E-Mail", Lang::German).contains(&"email".to_string()));
    }

    #[test]
    fn apostrophes_join_and_english_possessives_drop() {
        assert_eq!(terms("don't", Lang::English), ["dont"]);
        assert_eq!(
            terms("customer's bill", Lang::English),
            ["customer", "bill"]
        );
        assert_eq!(terms("geht's", Lang::German), ["gehts"]);
        for long_s in ["customer'ſ bill", "customer'ｓ bill"] {
            assert_eq!(
                terms(long_s, Lang::English),
                ["customer", "bill"],
                "{long_s}"
            );
        }
    }

    #[test]
    fn stems_unify_inflections_and_spelling() {
        let a = Analyzer::new(Lang::German);
        assert_eq!(a.stem("Zählerstände"), a.stem("Zählerstand"));
        assert_eq!(a.stem("Zählers"), a.stem("Zähler"));
        let e = Analyzer::new(Lang::English);
        assert_eq!(e.stem("cancelling"), e.stem("cancel"));
        assert_eq!(e.stem("bills"), "bill");
    }

    #[test]
    fn stop_words_are_marked_not_dropped() {
        let t = tokenize("Wie melde ich den Zählerstand", Lang::German);
        let stops: Vec<_> = t
            .iter()
            .filter(|t| t.stop)
            .map(|t| t.term.as_str())
            .collect();
        assert_eq!(stops, ["wie", "ich", "den"]);
    }

    #[test]
    fn the_word_scan_folds_like_the_tokenizer_and_can_stop_early() {
        let text = "Zählerstand – E-Mail, Größe";
        let mut seen = Vec::new();
        scan_words(text, Lang::German, |s, e, w| {
            seen.push((text[s..e].to_string(), w.to_string()));
            seen.len() < 3
        });
        assert_eq!(
            seen,
            [
                ("Zählerstand".into(), "zaehlerstand".into()),
                ("E".into(), "e".into()),
                ("Mail".into(), "mail".into())
            ]
        );
    }

    #[test]
    fn words_longer_than_the_limit_are_no_terms_and_keep_their_neighbours_positions() {
        let blob = "x".repeat(MAX_WORD_CHARS + 1);
        let t = tokenize(&format!("vor {blob} nach"), Lang::German);
        let got: Vec<_> = t.iter().map(|t| (t.term.as_str(), t.position)).collect();
        assert_eq!(got, [("vor", 0), ("nach", 2)]);
        let longest = "ä".repeat(MAX_WORD_CHARS);
        assert_eq!(tokenize(&longest, Lang::German).len(), 1);
        // A chain of short parts does not form a joined word over the limit.
        let chain = vec!["ab"; 40].join("-");
        let t = tokenize(&chain, Lang::German);
        assert_eq!(t.len(), 40);
        assert!(t.iter().all(|t| t.term == "ab"));
    }

    #[test]
    fn decomposed_fullwidth_and_ligature_spellings_give_the_usual_terms() {
        let a = Analyzer::new(Lang::German);
        let usual = a.tokenize("Zählerstände ändern");
        let nfd = a.tokenize("Za\u{308}hlersta\u{308}nde a\u{308}ndern");
        let key = |t: &[Token]| {
            t.iter()
                .map(|t| (t.term.clone(), t.stem.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(key(&nfd), key(&usual));
        assert_eq!(
            terms("ｃｏｖｉｄ－１９", Lang::English),
            ["covid", "19", "covid19"]
        );
        assert_eq!(terms("ﬁnd oﬃce", Lang::English), ["find", "office"]);
        assert_eq!(
            terms("nai\u{308}ve ca\u{301}fe\u{301}", Lang::English),
            ["naive", "cafe"]
        );
        let mut seen = Vec::new();
        scan_words("Za\u{308}hler ﬁnd", Lang::German, |_, _, w| {
            seen.push(w.to_string());
            true
        });
        assert_eq!(seen, ["zaehler", "find"]);
    }

    #[test]
    fn emoji_and_control_characters_are_separators() {
        assert_eq!(
            terms("a\u{0}b 😀c\u{202e}d", Lang::Other),
            ["a", "b", "c", "d"]
        );
        assert!(tokenize("", Lang::German).is_empty());
        assert!(tokenize("---''' ", Lang::German).is_empty());
    }
}
