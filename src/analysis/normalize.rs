//! Unicode equivalence for search: a word typed or saved in decomposed form
//! (NFD, "Za" + U+0308 + "hlerstand", as macOS file names and some
//! keyboards give), with fullwidth letters ("ｃｏｖｉｄ") or ligatures ("ﬁnd")
//! gives the same terms as its usual spelling, at build and query time.
//!
//! A small table instead of a normalization crate (which would add about
//! 60 kB gzip to the Wasm): canonical composition of one base and one
//! combining mark for Latin, Greek and Cyrillic letters
//! ([`super::compose_table`]), applied repeatedly ("e" + U+0323 + U+0302 →
//! "ệ"), and the compatibility forms a visitor's text realistically holds:
//! fullwidth ASCII, Latin ligatures and digraphs, long s, superscript and
//! subscript digits and letters. Marks left over (on letters outside the
//! table) are dropped by folding.

use super::compose_table::{BASE, MARK, RUN_AT, RUN_FIRST};
use std::borrow::Cow;

/// Whether `c` is a combining mark: part of the word it follows.
pub fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// Whether `c` continues a word: a letter, a digit or a combining mark.
pub fn is_word_char(c: char) -> bool {
    super::is_alphanumeric(c) || is_mark(c)
}

/// The compatibility form of `c`, if it has one in this table.
fn compat(c: char) -> Option<&'static str> {
    const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    Some(match c {
        '\u{ff01}'..='\u{ff5e}' => {
            // Fullwidth ASCII: U+FF01 is '!'; a static one-byte string of it.
            let ascii = (c as u32 - 0xfee0) as usize;
            &ASCII[ascii..=ascii]
        }
        'ſ' => "s",
        'ª' => "a",
        'º' => "o",
        'µ' => "μ",
        '¹' => "1",
        '²' => "2",
        '³' => "3",
        '⁰' => "0",
        '⁴'..='⁹' => DIGITS[(c as u32 - 0x2070) as usize],
        '₀'..='₉' => DIGITS[(c as u32 - 0x2080) as usize],
        'ⁱ' => "i",
        'ⁿ' => "n",
        'ₐ' => "a",
        'ₑ' => "e",
        'ₒ' => "o",
        'ₓ' => "x",
        'ₕ' => "h",
        'ₖ' => "k",
        'ₗ' => "l",
        'ₘ' => "m",
        'ₙ' => "n",
        'ₚ' => "p",
        'ₛ' => "s",
        'ₜ' => "t",
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        'Ĳ' => "IJ",
        'ĳ' => "ij",
        'Ǆ' => "DŽ",
        'ǅ' => "Dž",
        'ǆ' => "dž",
        'Ǉ' => "LJ",
        'ǈ' => "Lj",
        'ǉ' => "lj",
        'Ǌ' => "NJ",
        'ǋ' => "Nj",
        'ǌ' => "nj",
        'Ǳ' => "DZ",
        'ǲ' => "Dz",
        'ǳ' => "dz",
        _ => return None,
    })
}

/// Printable ASCII, indexed by code point, for fullwidth forms.
const ASCII: &str = "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0 !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";

/// The letter `base` and `mark` compose to, if the table has it.
fn compose(base: char, mark: char) -> Option<char> {
    let (base, mark) = (
        u16::try_from(base as u32).ok()?,
        (mark as u32).checked_sub(0x300)?,
    );
    (0..BASE.len())
        .find(|&i| BASE[i] == base && u32::from(MARK[i]) == mark)
        .and_then(|i| char::from_u32(u32::from(composed_at(i))))
}

/// Where the composed letter `c` is in the table's columns, if it is there.
fn composed_index(c: u16) -> Option<usize> {
    let r = RUN_FIRST
        .partition_point(|&first| first <= c)
        .checked_sub(1)?;
    let end = RUN_AT.get(r + 1).map_or(BASE.len(), |&at| usize::from(at));
    let i = usize::from(RUN_AT[r]) + usize::from(c - RUN_FIRST[r]);
    (i < end).then_some(i)
}

/// The composed letter of the table's entry `i`.
fn composed_at(i: usize) -> u16 {
    let r = RUN_AT.partition_point(|&at| usize::from(at) <= i) - 1;
    RUN_FIRST[r] + (i - usize::from(RUN_AT[r])) as u16
}

/// The base letter of `c` without any of its marks ("ệ" → "e"), if `c` is
/// a composed letter of the table.
pub fn base_letter(c: char) -> Option<char> {
    let mut code = u16::try_from(c as u32).ok()?;
    let mut found = false;
    while let Some(i) = composed_index(code) {
        code = BASE[i];
        found = true;
    }
    found.then(|| char::from_u32(u32::from(code))).flatten()
}

/// `word` in composed form with compatibility characters replaced; borrowed
/// when there is nothing to change (nearly always).
pub fn normalize(word: &str) -> Cow<'_, str> {
    if word.is_ascii() || !word.chars().any(|c| is_mark(c) || compat(c).is_some()) {
        return Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match compat(c) {
            Some(s) => s.chars().for_each(|p| push_composed(&mut out, p)),
            None => push_composed(&mut out, c),
        }
    }
    Cow::Owned(out)
}

fn push_composed(out: &mut String, c: char) {
    if is_mark(c) {
        if let Some(k) = out.chars().next_back().and_then(|prev| compose(prev, c)) {
            out.pop();
            out.push(k);
            return;
        }
    }
    out.push(c);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_letters_compose_even_with_two_marks() {
        assert_eq!(normalize("Za\u{308}hlerstand"), "Zählerstand");
        assert_eq!(normalize("A\u{308}nderung"), "Änderung");
        assert_eq!(normalize("e\u{323}\u{302}"), "ệ");
        assert_eq!(normalize("\u{438}\u{306}"), "й");
        assert!(matches!(normalize("Zählerstand"), Cow::Borrowed(_)));
    }

    #[test]
    fn fullwidth_forms_and_ligatures_become_their_letters() {
        assert_eq!(normalize("ｃｏｖｉｄ－１９"), "covid-19");
        assert_eq!(normalize("Ｚähler"), "Zähler");
        assert_eq!(normalize("ﬁnd ﬂat oﬀer"), "find flat offer");
        assert_eq!(normalize("m²"), "m2");
    }

    #[test]
    fn base_letters_drop_every_mark() {
        assert_eq!(base_letter('ệ'), Some('e'));
        assert_eq!(base_letter('é'), Some('e'));
        assert_eq!(base_letter('ł'), None, "no canonical decomposition");
        assert_eq!(base_letter('a'), None);
    }

    #[test]
    fn the_table_is_sorted_for_binary_search() {
        assert_eq!((RUN_FIRST.len(), RUN_AT[0]), (RUN_AT.len(), 0));
        for r in 1..RUN_FIRST.len() {
            let len = RUN_AT[r] - RUN_AT[r - 1];
            assert!(len > 0 && RUN_FIRST[r - 1] + len < RUN_FIRST[r], "run {r}");
        }
        let mut last = 0;
        for i in 0..BASE.len() {
            let c = composed_at(i);
            assert!(c > last, "entry {i}");
            assert_eq!(composed_index(c), Some(i));
            let next_in_run = i + 1 < BASE.len() && composed_at(i + 1) == c + 1;
            assert_eq!(composed_index(c + 1).is_some(), next_in_run, "after {i}");
            last = c;
        }
        assert_eq!(composed_index(0x00bf), None);
        assert_eq!(composed_index(0x00c6), None, "between two runs");
    }
}
