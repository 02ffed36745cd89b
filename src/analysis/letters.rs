//! Which characters are letters and digits: the words' characters.
//!
//! Unicode's `Alphanumeric` (core's `char::is_alphanumeric`) carries its
//! tables of every script into the Wasm: 2.2 kB of data and 0.7 kB of
//! code, and this module instead cut the fixed code by 1.4 kB brotli
//! (`node scripts/engine-size.mjs`). The words a visitor types need less:
//! [`is_alphanumeric`] agrees with Unicode exactly for Latin, Greek and
//! Cyrillic, for the combining marks the analysis composes and folds away
//! (`super::is_mark`), and for the punctuation and symbol blocks (General
//! Punctuation to Miscellaneous Symbols and Arrows, CJK punctuation, the
//! fullwidth and small forms), and takes every other character for a
//! letter unless it is a sentence mark of Armenian, Hebrew, Arabic or
//! Devanagari, an emoji, a variation selector or for private use. So no
//! letter of any script ever splits a word (a test walks all of Unicode);
//! what it takes in besides are code points Unicode has not assigned and
//! the rarer symbols of other scripts.
//!
//! Build and query side call the same function, so an index and its
//! queries always agree on where words end.

/// Code points below U+10000 that are not letters or digits, above
/// Latin-1 (which [`is_alphanumeric`] decides by itself): inclusive
/// ranges, sorted, none overlapping. The toolchain's Unicode `Alphanumeric` inside
/// the blocks named in the module doc, the marks of U+0300–U+036F that
/// are not `Other_Alphabetic` included, unassigned code points left out.
const NOT_ALNUM: &[(u16, u16)] = &[
    // Spacing modifier letters: the modifier symbols among them.
    (0x02c2, 0x02c5),
    (0x02d2, 0x02df),
    (0x02e5, 0x02eb),
    (0x02ed, 0x02ed),
    (0x02ef, 0x02ff),
    // Combining diacritical marks, but ypogegrammeni (U+0345) and the
    // combining Latin letters (U+0363–U+036F), which Unicode calls alphabetic.
    (0x0300, 0x0344),
    (0x0346, 0x0362),
    // Greek: keraia, question mark, tonos, ano teleia, reversed lunate epsilon.
    (0x0375, 0x0375),
    (0x037e, 0x037e),
    (0x0384, 0x0385),
    (0x0387, 0x0387),
    (0x03f6, 0x03f6),
    // Cyrillic: thousands sign and combining marks.
    (0x0482, 0x0489),
    // Armenian punctuation.
    (0x055a, 0x055f),
    (0x0589, 0x058a),
    // Hebrew punctuation.
    (0x05be, 0x05be),
    (0x05c0, 0x05c0),
    (0x05c3, 0x05c3),
    (0x05f3, 0x05f4),
    // Arabic punctuation.
    (0x060c, 0x060d),
    (0x061b, 0x061b),
    (0x061f, 0x061f),
    (0x066a, 0x066d),
    (0x06d4, 0x06d4),
    // Devanagari danda and double danda.
    (0x0964, 0x0965),
    // Combining diacritical marks extended and supplement (the marks
    // `is_mark` names), but those Unicode calls alphabetic.
    (0x1ab0, 0x1abe),
    (0x1ac1, 0x1acb),
    (0x1acf, 0x1aff),
    (0x1dc0, 0x1dd2),
    (0x1df5, 0x1dff),
    // Greek extended: the spacing accents.
    (0x1fbd, 0x1fbd),
    (0x1fbf, 0x1fc1),
    (0x1fcd, 0x1fcf),
    (0x1fdd, 0x1fdf),
    (0x1fed, 0x1fef),
    (0x1ffd, 0x1ffe),
    // General punctuation; super- and subscript signs; currency, combining
    // marks for symbols and letterlike symbols that are no letters.
    (0x2000, 0x206f),
    (0x2072, 0x2073),
    (0x207a, 0x207e),
    (0x208a, 0x208f),
    (0x209d, 0x2101),
    (0x2103, 0x2106),
    (0x2108, 0x2109),
    (0x2114, 0x2114),
    (0x2116, 0x2118),
    (0x211e, 0x2123),
    (0x2125, 0x2125),
    (0x2127, 0x2127),
    (0x2129, 0x2129),
    (0x212e, 0x212e),
    (0x213a, 0x213b),
    (0x2140, 0x2144),
    (0x214a, 0x214d),
    (0x214f, 0x214f),
    // Arrows to enclosed alphanumerics (the numbers and circled letters
    // after them are alphanumeric), parenthesised letters, box drawing to
    // dingbats, dingbat digits excepted, then to Miscellaneous Symbols and Arrows.
    (0x218a, 0x245f),
    (0x249c, 0x24b5),
    (0x2500, 0x2775),
    (0x2794, 0x2bff),
    // Supplemental punctuation.
    (0x2e00, 0x2e2e),
    (0x2e30, 0x2e7f),
    // CJK symbols and punctuation.
    (0x3000, 0x3004),
    (0x3008, 0x3020),
    (0x302a, 0x3030),
    (0x3036, 0x3037),
    (0x303d, 0x303f),
    // Private use.
    (0xe000, 0xf8ff),
    // Variation selectors, vertical, combining half marks, CJK
    // compatibility and small forms.
    (0xfe00, 0xfe0f),
    (0xfe10, 0xfe6f),
    // Fullwidth punctuation and symbols.
    (0xff00, 0xff0f),
    (0xff1a, 0xff20),
    (0xff3b, 0xff40),
    (0xff5b, 0xff65),
    (0xffe0, 0xffee),
    // Specials: interlinear annotation, object and replacement characters.
    (0xfff9, 0xfffd),
];

/// Whether `c` is a letter or a digit (see the module doc for how far
/// this agrees with Unicode's `Alphanumeric`).
pub fn is_alphanumeric(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return c.is_ascii_alphanumeric();
    }
    if u < 0x100 {
        // Latin-1: not the C1 controls, the signs but ª ² ³ µ ¹ º ¼ ½ ¾,
        // nor × and ÷ among the letters.
        return !matches!(u, 0x80..=0xa9 | 0xab..=0xb1 | 0xb4 | 0xb6..=0xb8 | 0xbb | 0xbf | 0xd7 | 0xf7);
    }
    if u > 0xffff {
        // Game pieces, emoji and pictographs (with their skin tones),
        // tags, variation selectors and private use.
        return !matches!(u, 0x1f000..=0x1f0ff | 0x1f1e6..=0x1f1ff | 0x1f300..=0x1faff | 0xe0000..=0xe01ef | 0xf0000..);
    }
    let u = u as u16;
    // The last range starting at or before `u`.
    let i = NOT_ALNUM.partition_point(|&(start, _)| start <= u);
    i == 0 || u > NOT_ALNUM[i - 1].1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The blocks named in the module doc, the analysis's marks (`is_mark`) among them.
    fn in_exact_blocks(u: u32) -> bool {
        matches!(u, 0..=0x052f | 0x1ab0..=0x1aff | 0x1dc0..=0x1dff | 0x1e00..=0x1fff | 0x2000..=0x2bff | 0x2e00..=0x2e7f | 0x3000..=0x303f | 0xfe10..=0xfe6f | 0xff00..=0xffef)
    }

    #[test]
    fn no_letter_or_digit_of_any_script_splits_a_word() {
        let split: Vec<String> = (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .filter(|&c| c.is_alphanumeric() && !is_alphanumeric(c))
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        assert!(split.is_empty(), "letters taken for separators: {split:?}");
    }

    #[test]
    fn latin_greek_cyrillic_and_the_punctuation_blocks_agree_with_unicode_exactly() {
        let differ: Vec<String> = (0..=char::MAX as u32)
            .filter(|&u| in_exact_blocks(u))
            .filter_map(char::from_u32)
            .filter(|&c| c.is_alphanumeric() != is_alphanumeric(c))
            .map(|c| format!("U+{:04X}", c as u32))
            .collect();
        // Unassigned code points in these blocks are the only ones taken in.
        let unassigned = [
            0x0378, 0x0379, 0x0380, 0x0381, 0x0382, 0x0383, 0x038b, 0x038d, 0x03a2, 0x1f16, 0x1f17,
            0x1f1e, 0x1f1f, 0x1f46, 0x1f47, 0x1f4e, 0x1f4f, 0x1f58, 0x1f5a, 0x1f5c, 0x1f5e, 0x1f7e,
            0x1f7f, 0x1fb5, 0x1fc5, 0x1fd4, 0x1fd5, 0x1fdc, 0x1ff0, 0x1ff1, 0x1ff5, 0x1fff, 0xffbf,
            0xffc0, 0xffc1, 0xffc8, 0xffc9, 0xffd0, 0xffd1, 0xffd8, 0xffd9, 0xffdd, 0xffde, 0xffdf,
            0xffef,
        ]
        .map(|u| format!("U+{u:04X}"));
        assert_eq!(differ, unassigned);
    }

    #[test]
    fn the_sentence_marks_of_other_scripts_and_emoji_split_words() {
        for c in [
            '։', '׃', '،', '؟', '۔', '।', '😀', '👍', '\u{fe0f}', '\u{e000}',
        ] {
            assert!(!c.is_alphanumeric() && !is_alphanumeric(c), "{c:?}");
        }
        for c in [
            'ß', 'ø', 'ª', '²', 'ǆ', 'ж', 'ά', 'ẞ', 'Ⅻ', '①', 'Ⓐ', 'ア', '中', '٣',
        ] {
            assert!(is_alphanumeric(c), "{c:?}");
        }
    }

    #[test]
    fn the_ranges_are_sorted_and_apart() {
        for w in NOT_ALNUM.windows(2) {
            assert!(w[0].0 <= w[0].1 && w[0].1 < w[1].0, "{w:?}");
        }
    }
}
