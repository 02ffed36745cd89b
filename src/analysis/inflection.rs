//! Inflections the stemmer leaves apart. Snowball's German stemmer strips
//! endings but not the participle's "ge-" or "-t", nor the "zu" of an
//! infinitive inside a separable verb, so "geimpft" (stem "geimpft") and
//! "impfen" ("impf"), "angesteckt" and "anstecken", "anzustecken" and
//! "ansteckung", "isoliert" and "isolieren" ("isoli") never meet. This
//! module names the other stems a word's inflections take; the query path
//! looks them up in the index, so nothing here needs a dictionary.

use super::Lang;

/// Separable verb prefixes, folded as stems are ("zurück" → "zuruck").
/// Longest first, so "heraus" is tried before "her".
const SEPARABLE: &[&str] = &[
    "zusammen", "zuruck", "heraus", "herein", "weiter", "wieder", "durch", "nach", "fest", "frei",
    "auf", "aus", "bei", "ein", "her", "hin", "los", "mit", "vor", "weg", "ab", "an", "um", "zu",
];

/// Shortest noun root, in bytes: "vir" of "Viren" and "Virus".
const MIN_NOUN: usize = 3;

/// Shortest verb root, in bytes, an inflection may leave: shorter ones
/// ("rat" from "geraten") match unrelated words.
const MIN_ROOT: usize = 4;

/// The stems other inflections of a word with stem `stem` (folded, as
/// [`Analyzer::stem`](super::Analyzer::stem) gives it) may have, `stem`
/// itself excluded; empty for languages without rules. The word's roots
/// ("angesteckt" → "ansteck"), then the participle and "zu" infinitive
/// of the word and of each root ("ansteck" → "angesteckt", "anzusteck"),
/// so any two forms of one verb meet.
pub fn stems(lang: Lang, stem: &str) -> Vec<String> {
    if !super::lang::GERMAN || lang != Lang::German || !stem.is_ascii() {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    let mut add = |s: String| {
        if s != stem && s.len() >= MIN_NOUN && !lang.is_stop_word(&s) && !out.contains(&s) {
            out.push(s);
        }
    };
    let roots = roots(stem);
    for root in std::iter::once(stem).chain(roots.iter().map(String::as_str)) {
        for form in verb_forms(root) {
            add(form);
        }
    }
    for root in roots {
        add(root);
    }
    out
}

/// A separable prefix of `stem` and the rest, where "ge" and "zu" stand.
fn separable(stem: &str) -> Option<(&'static str, &str)> {
    SEPARABLE.iter().find_map(|p| {
        stem.strip_prefix(p)
            .filter(|r| r.len() >= MIN_NOUN)
            .map(|r| (*p, r))
    })
}

/// The stems a word's inflection comes from or shares a root with.
fn roots(stem: &str) -> Vec<String> {
    let mut out = Vec::new();
    let heads: Vec<(&str, &str)> = std::iter::once(("", stem)).chain(separable(stem)).collect();
    for (head, body) in heads {
        // A participle with "ge": "geimpft" → "impf", "angesteckt" →
        // "ansteck", "getestet" → "test".
        if let Some(root) = body.strip_prefix("ge").and_then(participle_root) {
            out.push(crate::utf8::concat(&[head, root]));
        }
        // An infinitive with "zu" inside: "anzusteck" → "ansteck"; a
        // strong participle after a separable prefix: "abgeles(en)" →
        // "ables(en)", "ausgefall(en)" → "ausfall".
        if !head.is_empty() {
            if let Some(root) = body.strip_prefix("zu").filter(|r| r.len() >= MIN_ROOT) {
                out.push(crate::utf8::concat(&[head, root]));
            }
            if let Some(root) = body.strip_prefix("ge").filter(|r| r.len() >= MIN_NOUN) {
                out.push(crate::utf8::concat(&[head, root]));
            }
        }
    }
    // A participle without "ge" (inseparable prefixes, -ieren verbs):
    // "erkrankt" → "erkrank", "infiziert" → "infizi".
    if let Some(root) = participle_root(stem) {
        out.push(root.to_string());
    }
    // Verbs in "-eln" lose the "e" before "-ung": "behandeln" (Snowball
    // keeps it whole) and "behandelt" → "behandl", as "Behandlung".
    for end in ["eln", "elt"] {
        if let Some(root) = stem.strip_suffix(end) {
            out.push(crate::utf8::concat(&[root, "l"]));
        }
    }
    // Verbs in "-ieren" stem three ways: "isolieren" → "isoli",
    // "Isolierung" → "isolier", "isoliert".
    if let Some(root) = ["iert", "ier", "i"]
        .iter()
        .find_map(|end| stem.strip_suffix(end))
    {
        for end in ["i", "ier", "iert"] {
            out.push(crate::utf8::concat(&[root, end]));
        }
    }
    // Latin and Greek nouns whose plural replaces the ending, which
    // Snowball keeps in the singular only: "Virus" → "virus", "Viren" →
    // "vir"; "Datum", "Daten"; "Firma", "Firmen".
    const ENDINGS: [&str; 3] = ["us", "um", "a"];
    match ENDINGS.iter().find_map(|end| stem.strip_suffix(end)) {
        Some(root) if root.len() >= MIN_NOUN => out.push(root.to_string()),
        Some(_) => {}
        None if stem.len() >= MIN_NOUN => {
            for end in ENDINGS {
                out.push(crate::utf8::concat(&[stem, end]));
            }
        }
        None => {}
    }
    out
}

/// The participles and "zu" infinitive of a verb with stem `root`:
/// "impf" → "geimpft", "test" → "getestet", "ansteck" → "angesteckt",
/// "angesteck(en)" (a strong verb's, as "ables" → "abgeles(en)") and
/// "anzusteck".
fn verb_forms(root: &str) -> Vec<String> {
    let t = if ends_in_t_or_d(root) { "et" } else { "t" };
    match separable(root) {
        None => vec![crate::utf8::concat(&["ge", root, t])],
        Some((prefix, rest)) => vec![
            crate::utf8::concat(&[prefix, "ge", rest, t]),
            crate::utf8::concat(&[prefix, "ge", rest]),
            crate::utf8::concat(&[prefix, "zu", rest]),
        ],
    }
}

/// Whether `root` ends in "t" or "d" (by byte: a `[char]` pattern was
/// code of its own in the Wasm).
fn ends_in_t_or_d(root: &str) -> bool {
    matches!(root.as_bytes().last(), Some(b't' | b'd'))
}

/// The verb root of a participle ending in "-t" or "-et" ("impft" →
/// "impf", "testet" → "test", "infiziert" → "infizi"), if the root is
/// long enough to mean something.
fn participle_root(body: &str) -> Option<&str> {
    let root = body.strip_suffix("iert").map_or_else(
        || {
            body.strip_suffix("et")
                .filter(|r| ends_in_t_or_d(r))
                .or_else(|| body.strip_suffix('t'))
        },
        |r| Some(&body[..r.len() + 1]),
    )?;
    (root.len() >= MIN_ROOT).then_some(root)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analyzer;

    fn meet(a: &str, b: &str) -> bool {
        let an = Analyzer::new(Lang::German);
        let (sa, sb) = (an.stem(a), an.stem(b));
        sa == sb || stems(Lang::German, &sa).contains(&sb) || stems(Lang::German, &sb).contains(&sa)
    }

    #[test]
    fn a_german_participle_and_its_verb_meet_though_snowball_stems_them_apart() {
        for (a, b) in [
            ("geimpft", "impfen"),
            ("getestet", "testen"),
            ("angesteckt", "anstecken"),
            ("anzustecken", "Ansteckung"),
            ("erkrankt", "erkranken"),
            ("infiziert", "infizieren"),
            ("isoliert", "Isolierung"),
            ("geschützt", "schützen"),
            ("behandeln", "Behandlung"),
            ("abgelesen", "ablesen"),
            ("angerufen", "Anruf"),
            ("behandelt", "Behandlung"),
            ("Coronavirus", "Coronaviren"),
            ("Viren", "Virus"),
            ("Firma", "Firmen"),
        ] {
            let an = Analyzer::new(Lang::German);
            assert_ne!(
                an.stem(a),
                an.stem(b),
                "the stemmer alone already joins {a}, {b}"
            );
            assert!(meet(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn short_roots_stop_words_and_other_languages_give_no_inflections() {
        // "gesicht" without "ge" and "-t" is the stop word "sich".
        assert!(!stems(Lang::German, "gesicht").contains(&"sich".to_string()));
        // "geraten" → "rat" is too short to mean the same word.
        assert!(stems(Lang::German, "gerat")
            .iter()
            .all(|s| s.len() >= MIN_ROOT));
        assert!(stems(Lang::English, "tested").is_empty());
    }
}
