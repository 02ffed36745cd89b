//! The one URL policy for every link the widget shows: links and images in
//! answers and notices (checked by the compiler), site.toml's contact page
//! and e-mail, hotline `href`s, and the panel's own links (the widget).
//!
//! A URL is read the way a browser reads it: ASCII whitespace and control
//! characters are ignored, schemes are case-insensitive, and a backslash
//! counts as a slash. So `HTTPS://x.example`, `//x.example` and
//! `/\x.example` all lead to another site; the first is external, the other
//! two are refused, since they look like links within the site.

/// What a URL accepted by [`classify`] leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `http://` or `https://`: another page, opened in a new tab.
    External,
    Mail,
    Tel,
    /// A path, query or fragment on the same site.
    Relative,
}

/// Why [`classify`] refused a URL; [`Refusal::fix`] says what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A scheme other than http, https, mailto and tel (`javascript:`, `data:`).
    Scheme(String),
    /// `//host/…`: another site, written like a path.
    ProtocolRelative,
    /// A backslash, which browsers read as a slash (`\\host`, `/\host`).
    Backslash,
    /// `https:host` without `//`.
    NoHost,
}

impl Refusal {
    /// What is wrong and how to fix it, for an editor.
    pub fn fix(&self) -> String {
        match self {
            Self::Scheme(s) => format!(
                "the scheme \"{s}:\" is not allowed: use https://, http://, mailto:, tel: or a relative link"
            ),
            Self::ProtocolRelative => {
                "a link starting with // leads to another site: write it in full, https://…".into()
            }
            Self::Backslash => {
                "browsers read a backslash as /, which can lead to another site: write / (or %5C for a backslash)".into()
            }
            Self::NoHost => "write the scheme with //, e.g. https://www.example.org/".into(),
        }
    }
}

/// Classifies `url` under the policy above.
pub fn classify(url: &str) -> Result<Kind, Refusal> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    // (Bytes, not `contains`: core's searchers were code of their own in the Wasm.)
    if cleaned.bytes().any(|b| b == b'\\') {
        return Err(Refusal::Backslash);
    }
    if cleaned.starts_with("//") {
        return Err(Refusal::ProtocolRelative);
    }
    let Some(colon) = crate::utf8::find_byte(&cleaned, b':') else {
        return Ok(Kind::Relative);
    };
    // A colon after a path, query or fragment start is not a scheme.
    if cleaned[..colon]
        .bytes()
        .any(|b| matches!(b, b'/' | b'?' | b'#'))
    {
        return Ok(Kind::Relative);
    }
    let scheme = cleaned[..colon].to_ascii_lowercase();
    match scheme.as_str() {
        "http" | "https" if cleaned[colon + 1..].starts_with("//") => Ok(Kind::External),
        "http" | "https" => Err(Refusal::NoHost),
        "mailto" => Ok(Kind::Mail),
        "tel" => Ok(Kind::Tel),
        _ => Err(Refusal::Scheme(scheme)),
    }
}

/// Whether `href` leads to another site (and so opens in a new tab with
/// `rel="noopener noreferrer"`).
pub fn is_external(href: &str) -> bool {
    classify(href) == Ok(Kind::External)
}

/// Whether `id` is an entry id a deep link (`#help/<id>`) carries as it is:
/// ASCII letters and digits, `-`, `_`, `.`, `~` and `/` (not first). The
/// compiler refuses other ids and the widget's `parse_hash` accepts exactly
/// these, so every entry can be linked to and no link reaches markup.
pub fn is_entry_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('/')
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/'))
}

/// Whether `s` is a plain e-mail address (`name@host.example`), safe to put
/// after `mailto:`: no spaces, markup, `?`, `&`, `%` or `#` that would add
/// recipients, headers or text to the message.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = crate::utf8::split_once_byte(s, b'@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local.bytes().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(
                    c,
                    b'.' | b'_'
                        | b'+'
                        | b'-'
                        | b'!'
                        | b'$'
                        | b'\''
                        | b'*'
                        | b'='
                        | b'^'
                        | b'`'
                        | b'{'
                        | b'|'
                        | b'}'
                        | b'~'
                )
        })
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.as_bytes().windows(2).any(|w| w == b"..");
    let labels: Vec<&str> = crate::utf8::split_byte(domain, b'.').collect();
    let domain_ok = labels.len() >= 2
        && domain.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars()
                    .all(|c| crate::analysis::is_alphanumeric(c) || c == '-')
        });
    local_ok && domain_ok
}

/// The `tel:` URL of a phone number as editors print it ("+49 30 5550-1234"):
/// its digits, and a `+` only where it means "international", in front.
pub fn tel(number: &str) -> String {
    let mut out = String::from("tel:");
    for (i, c) in number.trim().chars().enumerate() {
        if c.is_ascii_digit() || (c == '+' && i == 0) {
            out.push(c);
        }
    }
    out
}

/// A URL path segment (and an entry's file name) from a name: lower-case
/// ASCII letters and digits joined by single hyphens, German letters spelt
/// out and other accents dropped ("Zähler & Ablesung" → "zaehler-ablesung",
/// "Café" → "cafe"). Empty when the name has no letter or digit.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            'à' | 'á' | 'â' | 'ã' | 'å' => out.push('a'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ø' => out.push('o'),
            'ù' | 'ú' | 'û' => out.push('u'),
            'ç' => out.push('c'),
            'ñ' => out.push('n'),
            _ if !out.ends_with('-') => out.push('-'),
            _ => {}
        }
    }
    out.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_compared_case_insensitively() {
        for url in [
            "HTTPS://x.example/",
            "Http://x.example",
            " https://x.example",
        ] {
            assert_eq!(classify(url), Ok(Kind::External), "{url}");
            assert!(is_external(url));
        }
        assert_eq!(classify("MAILTO:a@b.example"), Ok(Kind::Mail));
        assert_eq!(classify("Tel:+4930"), Ok(Kind::Tel));
        assert_eq!(
            classify("JaVa\tScRiPt:x"),
            Err(Refusal::Scheme("javascript".into()))
        );
    }

    #[test]
    fn protocol_relative_and_backslash_forms_are_refused() {
        assert_eq!(classify("//x.example/a"), Err(Refusal::ProtocolRelative));
        assert_eq!(classify(" \t//x.example"), Err(Refusal::ProtocolRelative));
        for url in [
            "\\\\x.example",
            "/\\x.example",
            "\\/x.example",
            "https:\\\\x.example",
        ] {
            assert_eq!(classify(url), Err(Refusal::Backslash), "{url}");
        }
        assert_eq!(classify("https:x.example"), Err(Refusal::NoHost));
        assert!(!is_external("//x.example"));
    }

    #[test]
    fn paths_queries_and_fragments_are_relative() {
        for url in ["/kontakt", "#top", "?q=a:b", "faq/a:b", "", "seite.html"] {
            assert_eq!(classify(url), Ok(Kind::Relative), "{url}");
            assert!(!is_external(url));
        }
    }

    #[test]
    fn entry_ids_are_the_characters_a_deep_link_carries() {
        for ok in ["de/meter-reading", "en/faq.v2", "A_b~1/x"] {
            assert!(is_entry_id(ok), "{ok}");
        }
        for bad in [
            "",
            "/de/x",
            "de/a b",
            "de/a#b",
            "de/\"x\"",
            "de/zähler",
            "de/a%20b",
            "de/<b>",
        ] {
            assert!(!is_entry_id(bad), "{bad}");
        }
    }

    #[test]
    fn e_mail_addresses_are_plain_name_at_host() {
        for ok in [
            "service@stadtwerke-lindenau.example",
            "a.b+c@x.example",
            "info@münchen.example",
        ] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "a@b.example?bcc=c@d.example",
            "a@b.example&cc=x",
            "<a@b.example>",
            "a b@c.example",
            "a@b",
            "@b.example",
            "a@@b.example",
            "a..b@c.example",
            "jürgen@c.example",
            "a.@b.example",
            "a%40b@c.example",
            "a@b.example#x",
            "a@-b.example",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn a_printed_number_becomes_a_dialable_tel_url_with_one_leading_plus() {
        assert_eq!(tel(" +49 30 5550-1234 "), "tel:+493055501234");
        assert_eq!(tel("030/555+0"), "tel:0305550");
        assert_eq!(tel("+49 (0) 30 \"><x"), "tel:+49030");
    }

    #[test]
    fn slugs_spell_out_german_letters_drop_accents_and_join_words_with_one_hyphen() {
        assert_eq!(slug("Zähler & Ablesung"), "zaehler-ablesung");
        assert_eq!(slug("Billing & payment"), "billing-payment");
        assert_eq!(slug("Umzug Melden!"), "umzug-melden");
        assert_eq!(slug("Café crème"), "cafe-creme");
        assert_eq!(slug("Straße"), "strasse");
        assert_eq!(slug("???"), "");
    }

    #[test]
    fn every_slug_is_an_entry_id_and_a_path_segment() {
        for name in [
            "Zähler & Ablesung",
            "  --a--b--  ",
            "Ñandú 2026",
            "x/y?z#w",
            "日本",
        ] {
            let s = slug(name);
            assert!(s.is_empty() || is_entry_id(&s), "{name:?} → {s:?}");
            assert!(
                s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{name:?} → {s:?}"
            );
            assert!(!s.starts_with('-') && !s.ends_with('-') && !s.contains("--"));
        }
    }
}
