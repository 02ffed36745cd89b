//! The entries' records: DOCS read in place, or, in a core of many
//! entries, from its parts ([`crate::format::catalog`]), which arrive as
//! the searches and views that read them ask for them.

use crate::format::catalog::{find_in_id_part, id_part, DocsCut, Topic};
use crate::format::{DocRecord, Docs, Pool};
use std::borrow::Cow;

/// Where the records are.
#[derive(Debug)]
pub(crate) enum Entries<'a> {
    Whole(Docs<'a>),
    /// Cut as `cut` says, into `docs`' parts; `ids` finds one by its id.
    Parts {
        cut: DocsCut,
        docs: Pool<'a>,
        ids: Pool<'a>,
    },
}

/// What is known of an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    /// The entry's global doc number.
    Found(u32),
    /// No entry has it.
    Absent,
    /// The part that would say has not arrived (it is noted).
    Waiting,
}

impl<'a> Entries<'a> {
    pub fn len(&self) -> usize {
        match self {
            Self::Whole(docs) => docs.len(),
            Self::Parts { cut, .. } => cut.len,
        }
    }

    /// The DOCS that holds doc `n`, and its number there: `None` while
    /// its part has not arrived (then noted).
    fn docs_of(&self, n: usize) -> Option<(Docs<'a>, usize)> {
        match self {
            Self::Whole(docs) => Some((*docs, n)),
            Self::Parts { cut, docs, .. } => {
                let (part, k) = cut.locate(n)?;
                Some((Docs::open(docs.part(part)?).ok()?, k))
            }
        }
    }

    pub fn get(&self, n: usize) -> Option<DocRecord<'a>> {
        let (docs, k) = self.docs_of(n)?;
        docs.get(k).ok()
    }

    pub fn question(&self, n: usize) -> Option<Cow<'a, str>> {
        let (docs, k) = self.docs_of(n)?;
        docs.question(k).ok()
    }

    /// The global doc number of the entry `id`. In parts, the records at
    /// hand are searched first (an entry shown is one of them), then its
    /// id's part.
    pub fn lookup(&self, id: &str) -> Lookup {
        let found = |n: Option<usize>| n.map_or(Lookup::Absent, |n| Lookup::Found(n as u32));
        match self {
            Self::Whole(docs) => found(docs.iter().position(|d| d.id == id)),
            Self::Parts { cut, docs, ids } => {
                for (part, bytes) in docs.arrived() {
                    let Ok(held) = Docs::open(bytes) else {
                        continue;
                    };
                    if let Some(k) = held.iter().position(|d| d.id == id) {
                        return found(Some(part * cut.per_part + k));
                    }
                }
                let Some(bytes) = ids.part(id_part(id, ids.part_count())) else {
                    return Lookup::Waiting;
                };
                match find_in_id_part(bytes, id) {
                    Ok(Some(n)) if (n as usize) < cut.len => Lookup::Found(n),
                    _ => Lookup::Absent,
                }
            }
        }
    }

    /// Every record in doc order (a bundle with DOCS whole; in parts, none:
    /// a list of all entries is a list of the site's, built from the whole).
    pub fn iter(&self) -> impl Iterator<Item = DocRecord<'a>> + 'a {
        let docs = match self {
            Self::Whole(docs) => Some(*docs),
            Self::Parts { .. } => None,
        };
        docs.into_iter().flat_map(|d| d.iter())
    }

    /// The topics of `locale` in a bundle with DOCS whole.
    pub fn topics(&self, locale: u16) -> Vec<Topic<'a>> {
        // Not by `iter`: its flattened option was code of its own.
        match self {
            Self::Whole(docs) => {
                crate::format::catalog::topics(docs.iter().map(|r| (r.locale, r.category)), locale)
            }
            Self::Parts { .. } => Vec::new(),
        }
    }

    /// The pools that may be in parts.
    pub fn pools(&self) -> impl Iterator<Item = &Pool<'a>> {
        match self {
            Self::Whole(_) => None,
            Self::Parts { docs, ids, .. } => Some([docs, ids]),
        }
        .into_iter()
        .flatten()
    }
}
