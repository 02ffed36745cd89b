//! When the part files a render missed are fetched (delivery `parts`).
//!
//! The index's parts decide which entries match, so they are fetched at
//! once. Answer parts only fill in snippets of a result list that the next
//! keystroke replaces: typing a query key by key fetched 259 kB of answers
//! on average on 10,000 man-page entries, 75 % of all it fetched
//! (`help-widget-bench --parts`). So a list's answers wait until typing
//! pauses; an answer the visitor opened never waits.

/// How long typing must pause before a result list's answers are fetched:
/// longer than most gaps between keys of a fluent typist, short beside
/// the round trip of the fetch itself on a phone.
pub const ANSWERS_PAUSE_MS: u32 = 200;

/// The missed parts, split into those to fetch now and those to fetch
/// once typing pauses. `is_answer` tells answer parts apart; `reading`:
/// the visitor reads an answer (its part is what they wait for).
pub fn split_missed(
    missed: Vec<u64>,
    is_answer: impl Fn(u64) -> bool,
    reading: bool,
) -> (Vec<u64>, Vec<u64>) {
    if reading {
        return (missed, Vec::new());
    }
    missed.into_iter().partition(|&h| !is_answer(h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_lists_answers_wait_for_a_pause_while_the_index_is_fetched_at_once() {
        let is_answer = |h: u64| h >= 100;
        let (now, later) = split_missed(vec![1, 100, 2, 101], is_answer, false);
        assert_eq!(now, [1, 2]);
        assert_eq!(later, [100, 101]);
    }

    #[test]
    fn an_opened_answer_is_fetched_at_once() {
        let (now, later) = split_missed(vec![1, 100], |h| h >= 100, true);
        assert_eq!(now, [1, 100]);
        assert!(later.is_empty());
    }
}
