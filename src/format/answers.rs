//! ANSWERS in groups, and GROUPS, their directory: each group says how
//! long its own answers are, so the core lists groups, not answers.
//!
//! ```text
//! ANSWERS (NO_LOCALE; may be in parts, see PARTS: a part holds one group)
//!         the groups one after the other, each: varint m | m × varint
//!         byte length | the m answers' HTML, one after the other
//! GROUPS  (NO_LOCALE) varint g | g × varint how many answers the group
//!         holds (its first global doc number is the sum of those before)
//!         | u8 1: g × varint the group's length in bytes (where it starts
//!         in ANSWERS is the sum of those before), or u8 0: ANSWERS is in
//!         parts, one group each, and PARTS has their lengths
//! ```
//!
//! A group closes once its answers hold the target's bytes, so a kb cut
//! into parts has one group per part: reading an answer fetches its part
//! alone. The answers' lengths live in the part that holds them; in DOCS
//! they were 14 kB of the 10,000-entry man-page core (brotli), fetched by
//! every visitor before a first search. Counts and lengths are small
//! numbers, so GROUPS is varints read once when the bundle opens (u32
//! columns in byte planes were 8.4 kB of that core at 2 kB parts, the
//! lengths repeating PARTS').

use super::{FormatError, Reader, Writer};

/// Answers grouped by [`group_answers`]: the ANSWERS bytes, GROUPS, and
/// where each group starts in ANSWERS (where a part may begin).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grouped {
    pub answers: Vec<u8>,
    pub groups: Vec<u8>,
    pub starts: Vec<usize>,
}

/// Groups `answers` (in global doc order) so that each group's answers
/// hold at least `target` bytes, but the last. `in_parts`: ANSWERS will
/// be cut into parts of one group each, which then say where groups lie.
pub fn group_answers<S: AsRef<str>>(answers: &[S], target: usize, in_parts: bool) -> Grouped {
    let mut out = Writer::new();
    let (mut firsts, mut starts) = (Vec::new(), Vec::new());
    let mut doc = 0;
    while doc < answers.len() {
        let first = doc;
        let mut bytes = 0;
        while doc < answers.len() && (doc == first || bytes < target) {
            bytes += answers[doc].as_ref().len();
            doc += 1;
        }
        firsts.push(first as u32);
        starts.push(out.len());
        out.varint((doc - first) as u64);
        for a in &answers[first..doc] {
            out.varint(a.as_ref().len() as u64);
        }
        for a in &answers[first..doc] {
            out.buf.extend_from_slice(a.as_ref().as_bytes());
        }
    }
    let mut groups = Writer::new();
    groups.varint(firsts.len() as u64);
    let next_firsts = firsts.iter().skip(1).copied().chain([answers.len() as u32]);
    for (first, next) in firsts.iter().zip(next_firsts) {
        groups.varint(u64::from(next - first));
    }
    groups.buf.push(u8::from(!in_parts));
    if !in_parts {
        let ends = starts.iter().skip(1).copied().chain([out.len()]);
        for (start, end) in starts.iter().zip(ends) {
            groups.varint((end - start) as u64);
        }
    }
    Grouped {
        answers: out.buf,
        groups: groups.buf,
        starts,
    }
}

/// GROUPS, decoded.
#[derive(Debug, Clone, Default)]
pub struct Groups {
    /// Each group's first global doc number.
    firsts: Vec<u32>,
    /// Where each group starts in ANSWERS, then the end; empty when
    /// ANSWERS is in parts, one group each.
    starts: Vec<usize>,
}

impl Groups {
    /// Reads the counts and lengths: one pass of small varints.
    pub fn open(bytes: &[u8]) -> Result<Self, FormatError> {
        let mut r = Reader::new(bytes);
        let g = r.count(bytes.len(), "answer group count")?;
        let mut firsts = Vec::with_capacity(g);
        let mut doc = 0u32;
        for _ in 0..g {
            firsts.push(doc);
            let n = r.count(u32::MAX as usize, "answers in a group")? as u32;
            doc = doc
                .checked_add(n)
                .ok_or(FormatError::corrupt("answers in a group", r.pos()))?;
        }
        let at = r.pos();
        let mut starts = Vec::new();
        match r.take(1, "answer group lengths")?[0] {
            0 => {}
            1 => {
                starts.reserve(g + 1);
                let mut at = 0usize;
                starts.push(0);
                for _ in 0..g {
                    at = at.saturating_add(r.count(u32::MAX as usize, "answer group length")?);
                    starts.push(at);
                }
            }
            _ => return Err(FormatError::corrupt("answer group lengths", at)),
        }
        Ok(Self { firsts, starts })
    }

    /// The group that holds the answer of global doc `doc`.
    pub fn locate(&self, doc: u32) -> Option<Located> {
        let group = self.firsts.partition_point(|&f| f <= doc).checked_sub(1)?;
        let range = match self.starts.get(group..group + 2) {
            Some(&[start, end]) => Some((start, end)),
            _ => None,
        };
        Some(Located {
            group,
            range,
            k: (doc - self.firsts[group]) as usize,
        })
    }
}

/// Where an answer is: [`Groups::locate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Located {
    /// The group's number: where ANSWERS is in parts, part `group` holds it.
    pub group: usize,
    /// Where the group lies in ANSWERS, (start, end), unless ANSWERS is in parts.
    pub range: Option<(usize, usize)>,
    /// The answer's place in its group.
    pub k: usize,
}

/// Answer `k` of a group's bytes (`None` if the group has fewer, or is corrupt).
pub fn answer_in_group(group: &[u8], k: usize) -> Option<&str> {
    let mut r = Reader::new(group);
    let m = r.count(group.len(), "answer group size").ok()?;
    if k >= m {
        return None;
    }
    let (mut skip, mut len) = (0usize, 0usize);
    for i in 0..m {
        let l = r.count(group.len(), "answer length").ok()?;
        if i < k {
            skip = skip.checked_add(l)?;
        } else if i == k {
            len = l;
        }
    }
    let start = r.pos().checked_add(skip)?;
    std::str::from_utf8(group.get(start..start.checked_add(len)?)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(g: &Grouped, n: usize) -> Vec<String> {
        let groups = Groups::open(&g.groups).unwrap();
        (0..n as u32)
            .map(|doc| {
                let Located { range, k, .. } = groups.locate(doc).unwrap();
                let (start, end) = range.unwrap();
                answer_in_group(&g.answers[start..end], k)
                    .unwrap()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn answers_read_back_by_doc_number_from_groups_of_at_least_the_target() {
        let answers: Vec<String> = (0..23)
            .map(|i| "ä".repeat(i % 5) + &i.to_string())
            .collect();
        for target in [0, 1, 7, 20, 1_000] {
            let g = group_answers(&answers, target, false);
            assert_eq!(read_all(&g, answers.len()), answers, "target {target}");
            assert_eq!(g.starts[0], 0);
            // Every group but the last holds at least the target's bytes.
            let groups = Groups::open(&g.groups).unwrap();
            for w in g.starts.windows(2) {
                assert!(w[1] - w[0] >= target, "{w:?}");
            }
            assert_eq!(groups.firsts.len(), g.starts.len());
        }
        assert_eq!(
            group_answers(&answers, 0, false).starts.len(),
            23,
            "one answer each"
        );
        assert_eq!(
            group_answers(&answers, 1_000, false).starts.len(),
            1,
            "one group"
        );
    }

    #[test]
    fn answers_in_parts_are_located_by_group_number_alone() {
        let answers: Vec<String> = (0..23).map(|i| "x".repeat(i)).collect();
        let whole = group_answers(&answers, 30, false);
        let parts = group_answers(&answers, 30, true);
        assert_eq!(parts.answers, whole.answers);
        assert!(parts.groups.len() < whole.groups.len());
        let (a, b) = (
            Groups::open(&whole.groups).unwrap(),
            Groups::open(&parts.groups).unwrap(),
        );
        for doc in 0..23 {
            let Located { group, range, k } = a.locate(doc).unwrap();
            let alone = Located {
                range: None,
                group,
                k,
            };
            assert_eq!(b.locate(doc), Some(alone), "doc {doc}");
            let (start, end) = range.unwrap();
            assert_eq!(start, whole.starts[group], "doc {doc}");
            assert_eq!(
                answer_in_group(&whole.answers[start..end], k),
                Some(answers[doc as usize].as_str())
            );
        }
    }

    #[test]
    fn a_doc_past_its_group_or_a_cut_group_reads_as_nothing() {
        let g = group_answers(&["eins", "zwei", "drei"], 100, false);
        assert_eq!(answer_in_group(&g.answers, 3), None);
        assert_eq!(answer_in_group(&g.answers[..g.answers.len() - 1], 2), None);
        assert!(Groups::open(&g.groups[..g.groups.len() - 1]).is_err());
        assert_eq!(group_answers::<&str>(&[], 100, false).starts.len(), 0);
        assert!(Groups::open(&group_answers::<&str>(&[], 100, false).groups)
            .unwrap()
            .locate(0)
            .is_none());
    }
}
