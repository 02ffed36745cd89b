//! UTF-8 text without core's pattern and lossy-decoding code, which was
//! code of its own in the Wasm: bytes read as text, each invalid sequence
//! replaced by U+FFFD exactly as `String::from_utf8_lossy` replaces it but
//! through `str::from_utf8`'s error, whose code the Wasm has anyway; and
//! text split at an ASCII byte, as `split`, `split_once` and `find` with
//! that `char` split it (an ASCII byte is never inside a multi-byte
//! character, so every cut is a character boundary).

/// `bytes` as a `String`, as `String::from_utf8_lossy(bytes).into_owned()`.
pub fn lossy(mut bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    loop {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                out.push_str(text);
                return out;
            }
            Err(e) => {
                let (valid, rest) = bytes.split_at(e.valid_up_to());
                // `valid_up_to` ends the longest valid prefix.
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                out.push(char::REPLACEMENT_CHARACTER);
                // `None`: the bytes end inside a sequence, replaced as one.
                let Some(len) = e.error_len() else {
                    return out;
                };
                bytes = &rest[len..];
            }
        }
    }
}

/// `parts` one after the other, as `parts.concat()`: alloc's join code
/// (written for any separator) was code of its own in the Wasm.
pub fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// Where the first `sep` (ASCII) is in `text`, as `text.find(char::from(sep))`.
pub fn find_byte(text: &str, sep: u8) -> Option<usize> {
    // A non-ASCII byte can sit inside a character: cutting there would panic.
    debug_assert!(sep.is_ascii(), "{sep} is not an ASCII byte");
    text.bytes().position(|b| b == sep)
}

/// `text` before and after its first `sep` (ASCII), as `text.split_once(char::from(sep))`.
pub fn split_once_byte(text: &str, sep: u8) -> Option<(&str, &str)> {
    let at = find_byte(text, sep)?;
    Some((&text[..at], &text[at + 1..]))
}

/// `text` after its last `sep` (ASCII), all of it when it has none, as
/// `text.rsplit(char::from(sep)).next().unwrap()`.
pub fn after_last_byte(text: &str, sep: u8) -> &str {
    debug_assert!(sep.is_ascii(), "{sep} is not an ASCII byte");
    &text[text.bytes().rposition(|b| b == sep).map_or(0, |i| i + 1)..]
}

/// Appends `text` to `out` with each `from` (ASCII) written as `to`, as
/// `out.push_str(&text.replace(char::from(from), to))`.
pub fn push_replacing(out: &mut String, text: &str, from: u8, to: char) {
    for (i, piece) in split_byte(text, from).enumerate() {
        if i > 0 {
            out.push(to);
        }
        out.push_str(piece);
    }
}

/// The pieces of `text` between its `sep`s (ASCII), as `text.split(char::from(sep))`.
pub fn split_byte(text: &str, sep: u8) -> SplitByte<'_> {
    SplitByte {
        rest: Some(text),
        sep,
    }
}

/// The iterator of [`split_byte`].
pub struct SplitByte<'a> {
    rest: Option<&'a str>,
    sep: u8,
}

impl<'a> Iterator for SplitByte<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let text = self.rest?;
        match split_once_byte(text, self.sep) {
            Some((piece, rest)) => {
                self.rest = Some(rest);
                Some(piece)
            }
            None => {
                self.rest = None;
                Some(text)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{after_last_byte, find_byte, lossy, push_replacing, split_byte, split_once_byte};

    #[test]
    fn text_splits_at_a_byte_as_at_its_char() {
        for text in ["", "&", "a&b", "&ä&&ß€&", "no separator", "a=b=c"] {
            for sep in [b'&', b'='] {
                let c = char::from(sep);
                assert_eq!(find_byte(text, sep), text.find(c), "{text:?}");
                assert_eq!(split_once_byte(text, sep), text.split_once(c), "{text:?}");
                assert_eq!(
                    split_byte(text, sep).collect::<Vec<_>>(),
                    text.split(c).collect::<Vec<_>>(),
                    "{text:?}"
                );
                assert_eq!(
                    after_last_byte(text, sep),
                    text.rsplit(c).next().unwrap(),
                    "{text:?}"
                );
                let mut out = String::from("»");
                push_replacing(&mut out, text, sep, ' ');
                assert_eq!(out, format!("»{}", text.replace(c, " ")), "{text:?}");
            }
        }
    }

    #[test]
    fn valid_text_comes_back_as_it_is() {
        assert_eq!(lossy("zähler ß €".as_bytes()), "zähler ß €");
        assert_eq!(lossy(b""), "");
    }

    #[test]
    fn each_invalid_sequence_becomes_one_replacement_character() {
        assert_eq!(lossy(b"a\xffb"), "a\u{fffd}b");
        assert_eq!(lossy(b"a\xe2\x82"), "a\u{fffd}");
        assert_eq!(lossy(b"\xe2\x82a\xf0\x9f\x98"), "\u{fffd}a\u{fffd}");
    }
}
