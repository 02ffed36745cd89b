//! DOCS in parts: what a core keeps of its entries when their records are
//! too many to ship before the first search (100,000 synthetic entries:
//! 2.16 MB brotli of questions, 90 % of the core).
//!
//! ```text
//! DOCS    (in parts) u32 n | u32 p, docs per part, a multiple of DOC_BLOCK:
//!         part i is the DOCS (whole, see [`super::Docs`]) of docs i·p to
//!         (i+1)·p, with their global numbers
//! TOPICS  per locale (only where DOCS is in parts): varint k | k × { name,
//!         varint r | r × { varint docs skipped since the run before,
//!         varint length } }: each topic (an entry's category, "" for
//!         none) in the order its first entry comes, with its docs as runs
//! IDS     (only in parts) part i: varint k | k × { id, varint global doc }:
//!         the entries whose [`id_part`] is i, in doc order
//! ```
//!
//! A search reads the records of the entries it shows and the questions
//! of those it reranks, about 20 parts; the home view reads a topic's
//! first entry; a link to an entry by id reads its id's part, unless a
//! part that arrived already holds it.

use super::pool::part_hash;
use super::{FormatError, Reader, Writer, DOC_BLOCK};

/// The core's DOCS when the records are in parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocsCut {
    /// Number of docs.
    pub len: usize,
    /// Docs per part, a multiple of [`DOC_BLOCK`].
    pub per_part: usize,
}

impl DocsCut {
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer::new();
        w.u32(self.len as u32);
        w.u32(self.per_part as u32);
        w.buf
    }

    pub fn decode(bytes: &[u8]) -> Result<Self, FormatError> {
        let mut r = Reader::new(bytes);
        let len = r.u32("doc count")? as usize;
        let at = r.pos();
        let per_part = r.u32("docs per part")? as usize;
        if per_part == 0 || per_part % DOC_BLOCK != 0 {
            return Err(FormatError::corrupt("docs per part", at));
        }
        Ok(Self { len, per_part })
    }

    /// The part that holds doc `n`, and its number there.
    pub fn locate(&self, n: usize) -> Option<(usize, usize)> {
        (n < self.len).then(|| (n / self.per_part, n % self.per_part))
    }
}

/// One topic of a locale: its name and its entries' global doc numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic<'a> {
    pub name: &'a str,
    pub docs: Vec<u32>,
}

/// The topics of locale `locale` among `docs` ((locale, category) of each
/// in doc order), in the order their first entries come.
pub fn topics<'a>(docs: impl IntoIterator<Item = (u16, &'a str)>, locale: u16) -> Vec<Topic<'a>> {
    let mut out: Vec<Topic<'a>> = Vec::new();
    let mine = docs
        .into_iter()
        .zip(0u32..)
        .filter(|((l, _), _)| *l == locale);
    for ((_, name), doc) in mine {
        match out.iter_mut().find(|t| t.name == name) {
            Some(t) => t.docs.push(doc),
            None => out.push(Topic {
                name,
                docs: vec![doc],
            }),
        }
    }
    out
}

/// Encodes TOPICS; each topic's docs must ascend.
pub fn encode_topics(topics: &[Topic<'_>]) -> Vec<u8> {
    let mut w = Writer::new();
    w.varint(topics.len() as u64);
    for t in topics {
        w.str(t.name);
        let runs = runs(&t.docs);
        w.varint(runs.len() as u64);
        let mut end = 0;
        for (start, len) in runs {
            w.varint(u64::from(start - end));
            w.varint(u64::from(len));
            end = start + len;
        }
    }
    w.buf
}

/// Decodes TOPICS; a doc number past `docs` is an error.
pub fn decode_topics(bytes: &[u8], docs: usize) -> Result<Vec<Topic<'_>>, FormatError> {
    let mut r = Reader::new(bytes);
    let k = r.count(bytes.len(), "topic count")?;
    let mut out = Vec::with_capacity(k);
    for _ in 0..k {
        let name = r.str("topic name")?;
        let runs = r.count(bytes.len(), "topic runs")?;
        let mut list = Vec::new();
        let mut end = 0usize;
        for _ in 0..runs {
            let start = end + r.count(docs, "topic run gap")?;
            let at = r.pos();
            end = start + r.count(docs, "topic run length")?;
            if end > docs {
                return Err(FormatError::corrupt("topic run length", at));
            }
            list.extend(start as u32..end as u32);
        }
        out.push(Topic { name, docs: list });
    }
    Ok(out)
}

/// Ascending numbers as runs of consecutive ones: (start, length).
fn runs(docs: &[u32]) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for &d in docs {
        match out.last_mut() {
            Some((start, len)) if *start + *len == d => *len += 1,
            _ => out.push((d, 1)),
        }
    }
    out
}

/// The IDS part that holds `id`, of `parts`: spread by [`part_hash`], so
/// parts come out alike in size whatever the ids look like.
pub fn id_part(id: &str, parts: usize) -> usize {
    (part_hash(id.as_bytes()) % parts.max(1) as u64) as usize
}

/// IDS' parts for `ids` ((id, global doc number) in doc order), `parts` of them.
pub fn encode_id_parts(ids: &[(&str, u32)], parts: usize) -> Vec<Vec<u8>> {
    let mut lists: Vec<Vec<(&str, u32)>> = vec![Vec::new(); parts.max(1)];
    for &(id, doc) in ids {
        lists[id_part(id, parts)].push((id, doc));
    }
    lists
        .into_iter()
        .map(|list| {
            let mut w = Writer::new();
            w.varint(list.len() as u64);
            for (id, doc) in list {
                w.str(id);
                w.varint(u64::from(doc));
            }
            w.buf
        })
        .collect()
}

/// The global doc number of `id` in an IDS part, if it is there.
pub fn find_in_id_part(part: &[u8], id: &str) -> Result<Option<u32>, FormatError> {
    let mut r = Reader::new(part);
    for _ in 0..r.count(part.len(), "id count")? {
        let found = r.str("id")?;
        let doc = r.count(u32::MAX as usize, "id's doc")? as u32;
        if found == id {
            return Ok(Some(doc));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_docs_cut_reads_back_and_places_each_doc_in_its_part() {
        let cut = DocsCut {
            len: 40,
            per_part: 16,
        };
        assert_eq!(DocsCut::decode(&cut.encode()), Ok(cut));
        assert_eq!(cut.locate(0), Some((0, 0)));
        assert_eq!(cut.locate(17), Some((1, 1)));
        assert_eq!(cut.locate(39), Some((2, 7)));
        assert_eq!(cut.locate(40), None);
        let odd = DocsCut {
            len: 40,
            per_part: 10,
        };
        assert!(DocsCut::decode(&odd.encode()).is_err(), "not whole blocks");
    }

    #[test]
    fn topics_keep_the_order_of_their_first_entries_and_read_back_as_written() {
        // Docs 4 to 8 are another locale's.
        let mut docs = vec![(0, "Zähler"), (0, ""), (0, "Zähler"), (0, "Zähler")];
        docs.extend([(1, "Zähler"); 5]);
        docs.push((0, "Tarife"));
        let list = topics(docs, 0);
        assert_eq!(list.len(), 3);
        assert_eq!(list[0].docs, vec![0, 2, 3]);
        assert_eq!(list[1].name, "");
        assert_eq!(list[2].docs, vec![9], "numbered among every locale's docs");
        assert_eq!(decode_topics(&encode_topics(&list), 10).unwrap(), list);
        let bytes = encode_topics(&list);
        assert!(decode_topics(&bytes, 9).is_err(), "doc 9 of 9 docs");
        for len in 0..bytes.len() {
            assert!(decode_topics(&bytes[..len], 10).is_err(), "length {len}");
        }
    }

    #[test]
    fn an_id_is_found_in_its_part_and_in_no_other() {
        let ids = [("zaehler/ablesen", 0), ("tarife/wechsel", 1), ("umzug", 7)];
        let parts = encode_id_parts(&ids, 2);
        assert_eq!(parts.len(), 2);
        for (id, doc) in ids {
            let part = &parts[id_part(id, 2)];
            assert_eq!(find_in_id_part(part, id), Ok(Some(doc)), "{id}");
            let other = &parts[1 - id_part(id, 2)];
            assert_eq!(find_in_id_part(other, id), Ok(None), "{id}");
        }
        assert_eq!(find_in_id_part(&parts[0], "zaehler"), Ok(None), "a prefix");
        assert!(find_in_id_part(&[5, 3, b'a'], "a").is_err(), "truncated");
    }
}
