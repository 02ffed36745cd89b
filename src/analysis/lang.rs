//! Per-language rules. Adding a locale (say French) happens here, in one
//! place: a [`Lang`] variant, its folding, stop words, stemmer and whether
//! it glues compounds.
//!
//! Each language's rules are behind its cargo feature (`lang-de`,
//! `lang-en`; both by default): an engine built with one carries no other
//! language's stemmer, stop words or compound splitting. A kit ships one
//! per language of its knowledge base, and a visitor loads their locale's
//! (`src/kit.rs`). Without its feature a language is analysed as
//! [`Lang::Other`] is.

use rust_stemmers::{Algorithm, Stemmer};

/// Whether this build carries German's rules (feature `lang-de`).
pub const GERMAN: bool = cfg!(feature = "lang-de");
/// Whether this build carries English's rules (feature `lang-en`).
pub const ENGLISH: bool = cfg!(feature = "lang-en");

/// A language with its own analysis rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    German,
    English,
    /// Any other locale: lower-casing and generic diacritic folding only.
    Other,
}

/// The primary language subtag of a BCP 47 tag: `de` of `de`, `de-AT`
/// or `de_AT`. Found by byte: `split(['-', '_'])` was code of its own in
/// the Wasm.
pub fn primary_subtag(tag: &str) -> &str {
    &tag[..tag
        .bytes()
        .position(|b| b == b'-' || b == b'_')
        .unwrap_or(tag.len())]
}

impl Lang {
    /// The language of a BCP 47 locale tag such as `de`, `de-AT` or `en_GB`.
    pub fn from_locale(locale: &str) -> Self {
        let primary = primary_subtag(locale).to_ascii_lowercase();
        match primary.as_str() {
            "de" if GERMAN => Self::German,
            "en" if ENGLISH => Self::English,
            _ => Self::Other,
        }
    }

    /// Appends the folded form of one lower-case character to `out`.
    ///
    /// German keeps its spelling equivalences (ä = ae, ß = ss) because German
    /// writers use both; other languages drop the diacritic.
    pub(crate) fn fold_char(self, c: char, out: &mut String) {
        if GERMAN && self == Self::German {
            match c {
                'ä' => return out.push_str("ae"),
                'ö' => return out.push_str("oe"),
                'ü' => return out.push_str("ue"),
                _ => {}
            }
        }
        match c {
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            // A mark no letter took up (see `normalize`): folded away.
            _ if super::is_mark(c) && !super::is_alphanumeric(c) => {}
            _ => out.push(strip_diacritic(c)),
        }
    }

    /// Words too common to help ranking; left out of the index.
    pub fn stop_words(self) -> &'static [&'static str] {
        match self {
            Self::German if GERMAN => GERMAN_STOP_WORDS,
            Self::English if ENGLISH => ENGLISH_STOP_WORDS,
            _ => &[],
        }
    }

    pub fn is_stop_word(self, folded: &str) -> bool {
        self.stop_words().binary_search(&folded).is_ok()
    }

    /// Whether a (folded) stop word asks what kind of answer is wanted: a
    /// question word ("wo", "wann", "where"), or English do-support, which
    /// opens questions only ("where did it come from"). Unlike the other
    /// stop words, these tell questions apart.
    pub fn is_question_word(self, folded: &str) -> bool {
        let words: &[&str] = match self {
            Self::German if GERMAN => &[
                "warum", "was", "welche", "wem", "wen", "wer", "weshalb", "wie", "wieso", "wo",
                "wann", "woher", "wohin",
            ],
            Self::English if ENGLISH => &[
                "did", "do", "does", "how", "what", "when", "where", "which", "who", "whom",
                "whose", "why",
            ],
            _ => &[],
        };
        words.contains(&folded)
    }

    /// The Snowball stemmer of the language, if it has one.
    pub(crate) fn stemmer(self) -> Option<Stemmer> {
        match self {
            Self::German if GERMAN => Some(Stemmer::create(Algorithm::German)),
            Self::English if ENGLISH => Some(Stemmer::create(Algorithm::English)),
            _ => None,
        }
    }

    /// Whether the language writes compounds as one word ("Zählerstand").
    pub fn glues_compounds(self) -> bool {
        GERMAN && self == Self::German
    }

    /// Linking elements between compound parts (Fugenelemente), longest first.
    pub fn linking_elements(self) -> &'static [&'static str] {
        match self {
            Self::German if GERMAN => &["es", "en", "er", "s", "n", "e"],
            _ => &[],
        }
    }

    /// A trailing clitic after an apostrophe that carries no meaning ("customer's").
    pub(crate) fn drops_after_apostrophe(self, tail: &str) -> bool {
        // Compared as the pipeline folds it: "ſ" and a fullwidth "ｓ" are "s".
        ENGLISH
            && self == Self::English
            && super::normalize::normalize(tail).eq_ignore_ascii_case("s")
    }
}

/// The base letter of a Latin letter with a diacritic; other characters unchanged.
fn strip_diacritic(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        _ if c.is_ascii() => c,
        // Any other letter with a canonical decomposition: its base letter.
        _ => super::normalize::base_letter(c).unwrap_or(c),
    }
}

/// Folded, sorted (for binary search).
const GERMAN_STOP_WORDS: &[&str] = &[
    "ab", "aber", "alle", "als", "also", "am", "an", "auch", "auf", "aus", "bei", "beim", "bin",
    "bis", "bitte", "da", "damit", "dann", "das", "dass", "dem", "den", "denn", "der", "des",
    "die", "dies", "diese", "dieser", "doch", "du", "durch", "ein", "eine", "einem", "einen",
    "einer", "eines", "er", "es", "etwas", "euch", "euer", "fuer", "gibt", "hab", "habe", "haben",
    "hat", "her", "hier", "hin", "ich", "ihm", "ihn", "ihnen", "ihr", "ihre", "ihrem", "ihren",
    "ihrer", "im", "in", "ist", "ja", "jetzt", "kann", "keiner", "keines", "mal", "man", "mein",
    "meine", "meinem", "meinen", "meiner", "mich", "mir", "mit", "muss", "nach", "noch", "nun",
    "nur", "ob", "oder", "schon", "sehr", "sein", "seine", "sich", "sie", "sind", "so", "soll",
    "tun", "um", "und", "uns", "unser", "unsere", "vom", "von", "vor", "war", "was", "welche",
    "wem", "wen", "wenn", "wer", "werde", "werden", "wie", "wieder", "wieso", "will", "wir",
    "wird", "wo", "zu", "zum", "zur",
];

/// Folded, sorted (for binary search).
const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "about", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by",
    "can", "could", "did", "do", "does", "for", "from", "get", "had", "has", "have", "he", "her",
    "here", "him", "his", "how", "i", "if", "im", "in", "into", "is", "it", "its", "ive", "just",
    "me", "my", "of", "on", "or", "our", "please", "she", "should", "so", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "to", "too", "us", "very",
    "was", "we", "were", "what", "when", "where", "which", "who", "whom", "whose", "why", "will",
    "with", "would", "you", "your",
];

/// Letters that folding writes as two ("ä" → "ae"): what a folded word's
/// digraphs may stand for when it is shown again.
const UNFOLDS: [(&str, char); 4] = [("ae", 'ä'), ("oe", 'ö'), ("ue", 'ü'), ("ss", 'ß')];

/// Each place in `folded` where an [`UNFOLDS`] digraph starts, left to right,
/// not overlapping, with the letter it may stand for.
fn digraphs(folded: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < folded.len() {
            let here = at;
            if let Some((_, letter)) = UNFOLDS.iter().find(|(d, _)| folded[here..].starts_with(d)) {
                at += 2;
                return Some((here, *letter));
            }
            at += folded[here..].chars().next().map_or(1, char::len_utf8);
        }
        None
    })
}

/// `folded` with the digraphs whose bit is set in `mask` (bit i for the
/// i-th digraph) written as the letter they stand for: "zaehler", 1 → "zähler".
pub fn unfold(folded: &str, mask: u64) -> String {
    let mut out = String::with_capacity(folded.len());
    let mut from = 0;
    for (i, (at, letter)) in digraphs(folded).enumerate() {
        if i < 64 && mask >> i & 1 == 1 {
            out.push_str(&folded[from..at]);
            out.push(letter);
            from = at + 2;
        }
    }
    out.push_str(&folded[from..]);
    out
}

/// The mask for which [`unfold`] turns `folded` into `spelt`, if there is one.
pub fn unfold_mask(folded: &str, spelt: &str) -> Option<u64> {
    let mut mask = 0u64;
    for (i, (at, letter)) in digraphs(folded).enumerate() {
        if i >= 64 {
            return None;
        }
        // The spelling before this digraph follows from the bits so far;
        // the letter stands here if the spelling has it here.
        let before = unfold(&folded[..at], mask).len();
        if spelt
            .get(before..)
            .is_some_and(|rest| rest.starts_with(letter))
        {
            mask |= 1 << i;
        }
    }
    (unfold(folded, mask) == spelt).then_some(mask)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folded_word_unfolds_to_its_spelling_through_a_mask() {
        for (folded, spelt) in [
            ("zaehler", "zähler"),
            ("strasse", "straße"),
            ("aktuell", "aktuell"),
            ("neue", "neue"),
            ("muessen", "müssen"),
            ("gruesse", "grüße"),
            ("abschlaege", "abschläge"),
            ("massstaebe", "maßstäbe"),
        ] {
            let mask = unfold_mask(folded, spelt).unwrap_or_else(|| panic!("{folded}"));
            assert_eq!(unfold(folded, mask), spelt);
        }
        assert_eq!(
            unfold_mask("cafe", "café"),
            None,
            "not a digraph: kept as a string"
        );
    }

    #[test]
    fn stop_word_lists_are_sorted_for_binary_search() {
        for lang in [Lang::German, Lang::English] {
            let words = lang.stop_words();
            assert!(words.windows(2).all(|w| w[0] < w[1]), "{lang:?}");
        }
    }

    #[test]
    fn locale_tags_map_to_their_language() {
        assert_eq!(Lang::from_locale("de-AT"), Lang::German);
        assert_eq!(Lang::from_locale("en_GB"), Lang::English);
        assert_eq!(Lang::from_locale("fr"), Lang::Other);
    }
}
