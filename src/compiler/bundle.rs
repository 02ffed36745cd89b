//! Turns a loaded knowledge base into bundle sections: the doc store, and
//! per locale the field lengths, the term index (an `fst` map) and postings.

use super::source::KnowledgeBase;
use crate::analysis::{tokenize, Lang};
use crate::format::{
    encode_notices, encode_postings, encode_synonyms, BundleWriter, DocRecord, Docs, LocaleDocs,
    Meta, NoticeRecord, Posting, SectionKind, Writer, FIELDS, FIELD_ALIASES, FIELD_ANSWER,
    FIELD_QUESTION, NO_LOCALE,
};
use std::collections::BTreeMap;

/// Figures about a compiled bundle, for the CLI and the build log.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// (locale, entries, distinct terms)
    pub locales: Vec<(String, usize, usize)>,
    pub notices: usize,
    /// Contact channels with hours, and the HOTLINE section's bytes.
    pub hotline_channels: usize,
    pub hotline_bytes: usize,
    pub bytes: usize,
}

/// The bundle bytes for `kb`, and figures about them.
pub fn build(kb: &KnowledgeBase, built_at: u64) -> (Vec<u8>, Stats) {
    let locale_no = |l: &str| kb.site.locales.iter().position(|x| x == l).unwrap_or(0) as u16;
    let doc_no: BTreeMap<&str, u32> = kb
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i as u32))
        .collect();
    let mut out = BundleWriter::new();
    let meta = Meta {
        site_name: &kb.site.name,
        locales: kb.site.locales.iter().map(String::as_str).collect(),
        default_locale: locale_no(&kb.site.default_locale),
        phone: kb.site.contact.phone.as_deref().unwrap_or(""),
        email: kb.site.contact.email.as_deref().unwrap_or(""),
        contact_url: kb.site.contact.url.as_deref().unwrap_or(""),
        built_at,
        content_hash: kb.content_hash,
        doc_count: kb.entries.len() as u32,
    };
    out.add(SectionKind::Meta, NO_LOCALE, meta.encode());
    let records: Vec<DocRecord> = kb
        .entries
        .iter()
        .map(|e| DocRecord {
            id: &e.id,
            locale: locale_no(&e.locale),
            category: &e.category,
            question: &e.question,
            html: &e.answer.html,
            text: &e.answer.text,
            related: e
                .related
                .iter()
                .filter_map(|r| doc_no.get(r.as_str()).copied())
                .collect(),
        })
        .collect();
    out.add(SectionKind::Docs, NO_LOCALE, Docs::encode(&records));

    let mut stats = Stats::default();
    for (li, locale) in kb.site.locales.iter().enumerate() {
        let lang = Lang::from_locale(locale);
        let mut docs = Vec::new();
        let mut terms: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
        for (g, e) in kb
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| &e.locale == locale)
        {
            let local = docs.len() as u32;
            let mut aliases = e.aliases.join(" \n ");
            for extra in std::iter::once(&e.category).chain(&e.tags) {
                aliases.push_str(" \n ");
                aliases.push_str(extra);
            }
            let mut fields = [0u16; FIELDS];
            let mut tf: BTreeMap<String, [u32; FIELDS]> = BTreeMap::new();
            for (f, text) in [
                (FIELD_QUESTION, e.question.as_str()),
                (FIELD_ALIASES, aliases.as_str()),
                (FIELD_ANSWER, e.answer.text.as_str()),
            ] {
                let tokens = tokenize(text, lang);
                fields[f] = tokens.len().min(u16::MAX as usize) as u16;
                for t in tokens {
                    tf.entry(t.term).or_default()[f] += 1;
                }
            }
            for (term, tf) in tf {
                terms
                    .entry(term)
                    .or_default()
                    .push(Posting { doc: local, tf });
            }
            docs.push((g as u32, fields));
        }
        let mut postings = Writer::new();
        let mut map = fst::MapBuilder::memory();
        for (term, list) in &terms {
            let at = encode_postings(&mut postings, list);
            map.insert(term, at)
                .expect("BTreeMap keys are sorted and unique");
        }
        let li = li as u16;
        stats
            .locales
            .push((locale.clone(), docs.len(), terms.len()));
        out.add(SectionKind::Locale, li, LocaleDocs::encode(&docs));
        out.add(
            SectionKind::Terms,
            li,
            map.into_inner().expect("in-memory fst"),
        );
        out.add(SectionKind::Postings, li, postings.buf);
        let groups: Vec<Vec<String>> = kb
            .synonyms
            .get(locale)
            .map(|gs| {
                gs.iter()
                    .map(|g| {
                        g.iter()
                            .map(|phrase| {
                                tokenize(phrase, lang)
                                    .into_iter()
                                    .map(|t| t.term)
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            })
                            .filter(|p| !p.is_empty())
                            .collect()
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.add(SectionKind::Synonyms, li, encode_synonyms(&groups));
    }
    let notices: Vec<NoticeRecord> = kb
        .notices
        .iter()
        .map(|n| NoticeRecord {
            locale: locale_no(&n.locale),
            from_ms: n.from_ms,
            until_ms: n.until_ms,
            title: &n.title,
            html: &n.body.html,
            text: &n.body.text,
        })
        .collect();
    stats.notices = notices.len();
    out.add(SectionKind::Notices, NO_LOCALE, encode_notices(&notices));
    if let Some(h) = &kb.hotline {
        let tables = super::hotline::expand::tables(h, &kb.site, built_at);
        stats.hotline_channels = h.channels.len();
        stats.hotline_bytes = tables.len();
        out.add(SectionKind::Hotline, NO_LOCALE, tables);
    }
    let bytes = out.finish();
    stats.bytes = bytes.len();
    (bytes, stats)
}
