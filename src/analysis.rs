//! Text analysis: the one pipeline that turns text into index terms, shared by
//! the build-side compiler and the query side so both see the same terms.
//!
//! Pipeline: split into words (letters and digits; hyphens and apostrophes
//! split parts) → lower-case → fold diacritics per locale.
//!
//! Adding a locale means one new [`Lang`] variant and its rules in
//! [`Lang::fold_char`].

/// A language with its own analysis rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    German,
    English,
    /// Any other locale: Unicode lower-casing and generic diacritic folding.
    Other,
}

impl Lang {
    /// The language of a BCP 47 locale tag such as `de`, `de-AT` or `en_GB`.
    pub fn from_locale(locale: &str) -> Self {
        let primary = locale
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "de" => Self::German,
            "en" => Self::English,
            _ => Self::Other,
        }
    }

    /// Appends the folded form of one lower-case character to `out`.
    ///
    /// German keeps its spelling equivalences (ä = ae, ß = ss) because German
    /// writers use both; other languages drop the diacritic.
    fn fold_char(self, c: char, out: &mut String) {
        if self == Self::German {
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
            _ => out.push(strip_diacritic(c)),
        }
    }
}

/// One word of a text, folded, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The folded term as it appears in the index.
    pub term: String,
    /// Byte range of the word in the original text.
    pub start: usize,
    pub end: usize,
    /// Word number in the text, for proximity.
    pub position: u32,
}

/// Folds one word: lower-case, then per-locale diacritic folding.
pub fn fold(word: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(word.len() + 2);
    for c in word.chars() {
        for lower in c.to_lowercase() {
            lang.fold_char(lower, &mut out);
        }
    }
    out
}

/// Splits `text` into folded tokens.
pub fn tokenize(text: &str, lang: Lang) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut start = None;
    let mut position = 0u32;
    let mut push = |s: usize, e: usize, tokens: &mut Vec<Token>| {
        tokens.push(Token {
            term: fold(&text[s..e], lang),
            start: s,
            end: e,
            position,
        });
        position += 1;
    };
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            push(s, i, &mut tokens);
        }
    }
    if let Some(s) = start {
        push(s, text.len(), &mut tokens);
    }
    tokens
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
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str, lang: Lang) -> Vec<String> {
        tokenize(text, lang).into_iter().map(|t| t.term).collect()
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
    fn hyphenated_words_split_into_their_parts_with_offsets() {
        let t = tokenize("SEPA-Lastschrift, bitte", Lang::German);
        assert_eq!(t[0].term, "sepa");
        assert_eq!(t[1].term, "lastschrift");
        assert_eq!(
            &"SEPA-Lastschrift, bitte"[t[1].start..t[1].end],
            "Lastschrift"
        );
        assert_eq!(t[2].position, 2);
    }

    #[test]
    fn emoji_and_control_characters_are_separators() {
        assert_eq!(
            terms("a\u{0}b 😀c\u{202e}d", Lang::Other),
            ["a", "b", "c", "d"]
        );
        assert!(tokenize("", Lang::German).is_empty());
    }

    #[test]
    fn locale_tags_map_to_their_language() {
        assert_eq!(Lang::from_locale("de-AT"), Lang::German);
        assert_eq!(Lang::from_locale("en_GB"), Lang::English);
        assert_eq!(Lang::from_locale("fr"), Lang::Other);
    }
}
