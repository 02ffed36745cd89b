//! JSON text written by hand, for values the Wasm hands to JavaScript
//! (`JSON.parse` on the other side): the hotline status and the panel's
//! view patches. Going through serde and `serde-wasm-bindgen` instead
//! costs more code in the Wasm (measured) and a crossing into the browser
//! per field.

/// A JSON text being written. Callers write the structure; strings are
/// escaped by [`Json::str`], so any text makes valid JSON.
pub struct Json(Vec<u8>);

impl Default for Json {
    fn default() -> Self {
        Self::new()
    }
}

// Not inlined: one call per literal beats a copy loop at each of them.
// Pushing bytes, not chars, keeps UTF-8 encoding code out.
impl Json {
    pub fn new() -> Self {
        Self(Vec::with_capacity(1024))
    }

    /// Writes `s` as it is (punctuation, keys known to need no escaping).
    #[inline(never)]
    pub fn raw(&mut self, s: &str) {
        self.0.extend_from_slice(s.as_bytes());
    }

    #[inline(never)]
    pub fn byte(&mut self, b: u8) {
        self.0.push(b);
    }

    /// `,"k":` (a key after the first).
    pub fn key(&mut self, k: &str) {
        self.raw(",\"");
        self.raw(k);
        self.raw("\":");
    }

    /// `{"lang":"<lang>","k":"text",…}`: a language's words by key.
    pub fn words(&mut self, lang: &str, pairs: &[(&str, &str)]) {
        self.raw("{\"lang\":");
        self.str(lang);
        for (k, text) in pairs {
            self.key(k);
            self.str(text);
        }
        self.byte(b'}');
    }

    /// `s` as a JSON string.
    pub fn str(&mut self, s: &str) {
        self.byte(b'"');
        for b in s.bytes() {
            match b {
                b'"' | b'\\' => {
                    self.byte(b'\\');
                    self.byte(b);
                }
                0..=0x1f => {
                    self.raw("\\u00");
                    self.byte(b"0123456789abcdef"[usize::from(b >> 4)]);
                    self.byte(b"0123456789abcdef"[usize::from(b & 15)]);
                }
                _ => self.byte(b),
            }
        }
        self.byte(b'"');
    }

    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.raw("null"),
        }
    }

    pub fn bool(&mut self, v: bool) {
        self.raw(if v { "true" } else { "false" });
    }

    pub fn int(&mut self, v: i64) {
        if v < 0 {
            self.byte(b'-');
        }
        self.raw(&crate::digits::decimal(v.unsigned_abs(), 0));
    }

    pub fn opt_int(&mut self, v: Option<i64>) {
        match v {
            Some(v) => self.int(v),
            None => self.raw("null"),
        }
    }

    /// The text written.
    pub fn finish(self) -> String {
        // Only whole UTF-8 strings and ASCII were written.
        String::from_utf8(self.0).unwrap_or_default()
    }
}

/// `[item, …]`, each written by `f`: the one way a list is written.
pub fn list<T>(j: &mut Json, items: impl IntoIterator<Item = T>, mut f: impl FnMut(&mut Json, T)) {
    j.byte(b'[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            j.byte(b',');
        }
        f(j, item);
    }
    j.byte(b']');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_writes_its_items_between_brackets_with_commas_between_them() {
        let written = |items: &[i64]| {
            let mut j = Json::new();
            list(&mut j, items, |j, &n| j.int(n));
            j.finish()
        };
        assert_eq!(written(&[]), "[]");
        assert_eq!(written(&[7]), "[7]");
        assert_eq!(written(&[1, -2, 3]), "[1,-2,3]");
    }

    #[test]
    fn strings_are_escaped_so_any_text_makes_valid_json() {
        let mut j = Json::new();
        j.raw("{\"a\":");
        j.str("say \"hi\"\\\n</script>");
        j.key("n");
        j.int(-42);
        j.key("b");
        j.bool(true);
        j.key("none");
        j.opt_str(None);
        j.byte(b'}');
        let text = j.finish();
        assert_eq!(
            text,
            r#"{"a":"say \"hi\"\\\u000a</script>","n":-42,"b":true,"none":null}"#
        );
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parsed["a"], "say \"hi\"\\\n</script>");
    }
}
