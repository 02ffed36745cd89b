//! UTF-8 bytes as text, each invalid sequence replaced by U+FFFD exactly
//! as `String::from_utf8_lossy` replaces it, but through `str::from_utf8`'s
//! error, whose code the Wasm has anyway: std's lossy decoder
//! (`Utf8Chunks`) was code of its own in the Wasm.

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

#[cfg(test)]
mod tests {
    use super::lossy;

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
