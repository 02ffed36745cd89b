//! How much of a query the engine reads. Any string a visitor types or
//! pastes is answered from at most [`MAX_QUERY_BYTES`] bytes and
//! [`MAX_QUERY_TERMS`] words, so every search takes bounded time. The
//! bounds sit below the stages that size their work by them (plan,
//! accumulate, rank), so no stage imports another for them.

/// Longest query considered, in bytes; the rest is ignored.
pub const MAX_QUERY_BYTES: usize = 256;
/// Most query words considered.
pub const MAX_QUERY_TERMS: usize = 12;

/// Cuts `query` to [`MAX_QUERY_BYTES`] at a character boundary.
pub(crate) fn bounded(query: &str) -> &str {
    if query.len() <= MAX_QUERY_BYTES {
        return query;
    }
    let mut end = MAX_QUERY_BYTES;
    while !query.is_char_boundary(end) {
        end -= 1;
    }
    &query[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overlong_query_is_cut_at_a_character_boundary() {
        let q = "ä".repeat(1000);
        let b = bounded(&q);
        assert!(b.len() <= MAX_QUERY_BYTES && b.chars().all(|c| c == 'ä'));
    }
}
