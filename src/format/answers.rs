//! ANSWERS in groups, and GROUPS, their directory: each group says how
//! long its own answers are, so the core lists groups, not answers.
//!
//! ```text
//! ANSWERS (NO_LOCALE; may be in parts, see PARTS: a part holds one group)
//!         the groups one after the other, each: varint m | m × varint
//!         byte length | the m answers' HTML, one after the other
//! GROUPS  (NO_LOCALE) u32 g | g u32s: each group's first global doc number
//!         | g + 1 u32s: where each group starts in ANSWERS, then its end;
//!         each column in byte planes (see `records::write_planes`)
//! ```
//!
//! A group closes once its answers hold the target's bytes, so a kb cut
//! into parts has one group per part: reading an answer fetches its part
//! alone. The answers' lengths live in the part that holds them; in DOCS
//! they were 14 kB of the 10,000-entry man-page core (brotli), fetched by
//! every visitor before a first search.

use super::records::{plane_u32, write_planes};
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
/// hold at least `target` bytes, but the last.
pub fn group_answers<S: AsRef<str>>(answers: &[S], target: usize) -> Grouped {
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
    groups.u32(firsts.len() as u32);
    write_planes(&mut groups.buf, &firsts);
    let ends: Vec<u32> = starts
        .iter()
        .map(|&s| s as u32)
        .chain([out.len() as u32])
        .collect();
    write_planes(&mut groups.buf, &ends);
    Grouped {
        answers: out.buf,
        groups: groups.buf,
        starts,
    }
}

/// GROUPS, read in place.
#[derive(Debug, Clone, Copy)]
pub struct Groups<'a> {
    len: usize,
    firsts: &'a [u8],
    starts: &'a [u8],
}

impl<'a> Groups<'a> {
    /// Checks only that the columns fit: O(1).
    pub fn open(bytes: &'a [u8]) -> Result<Self, FormatError> {
        let len = Reader::new(bytes).u32("answer group count")? as usize;
        let end = len
            .checked_mul(8)
            .and_then(|b| b.checked_add(8))
            .filter(|&end| end <= bytes.len())
            .ok_or(FormatError::corrupt("answer groups", 0))?;
        let mid = 4 + 4 * len;
        Ok(Self {
            len,
            firsts: &bytes[4..mid],
            starts: &bytes[mid..end],
        })
    }

    /// The group that holds the answer of global doc `doc`: where it lies
    /// in ANSWERS, (start, end), and the answer's place in it.
    pub fn locate(&self, doc: u32) -> Option<((usize, usize), usize)> {
        let first = |g: usize| plane_u32(self.firsts, self.len, g);
        // The last group whose first doc is at or before `doc`.
        let (mut lo, mut hi) = (0, self.len);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if first(mid) <= doc {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let g = lo.checked_sub(1)?;
        let at = |i: usize| plane_u32(self.starts, self.len + 1, i) as usize;
        Some(((at(g), at(g + 1)), (doc - first(g)) as usize))
    }
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
                let ((start, end), k) = groups.locate(doc).unwrap();
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
            let g = group_answers(&answers, target);
            assert_eq!(read_all(&g, answers.len()), answers, "target {target}");
            assert_eq!(g.starts[0], 0);
            // Every group but the last holds at least the target's bytes.
            let groups = Groups::open(&g.groups).unwrap();
            for w in g.starts.windows(2) {
                assert!(w[1] - w[0] >= target, "{w:?}");
            }
            assert_eq!(groups.len, g.starts.len());
        }
        assert_eq!(
            group_answers(&answers, 0).starts.len(),
            23,
            "one answer each"
        );
        assert_eq!(group_answers(&answers, 1_000).starts.len(), 1, "one group");
    }

    #[test]
    fn a_doc_past_its_group_or_a_cut_group_reads_as_nothing() {
        let g = group_answers(&["eins", "zwei", "drei"], 100);
        assert_eq!(answer_in_group(&g.answers, 3), None);
        assert_eq!(answer_in_group(&g.answers[..g.answers.len() - 1], 2), None);
        assert!(Groups::open(&g.groups[..g.groups.len() - 1]).is_err());
        assert_eq!(group_answers::<&str>(&[], 100).starts.len(), 0);
        assert!(Groups::open(&group_answers::<&str>(&[], 100).groups)
            .unwrap()
            .locate(0)
            .is_none());
    }
}
