//! Inverse document frequency: the one formula both sides of the bundle use.
//! The compiler stores each question's idf sums in the bundle; the engine
//! weighs query words with it at query time. Below both, so the compiler
//! needs nothing of the engine.

/// Inverse document frequency with the usual +1 that keeps it positive.
pub fn idf(docs: usize, doc_freq: usize) -> f32 {
    let n = docs as f32;
    let df = doc_freq as f32;
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

#[cfg(test)]
mod tests {
    use super::idf;

    #[test]
    fn rarer_words_weigh_more_and_no_word_weighs_nothing_or_less() {
        assert!(idf(100, 1) > idf(100, 50));
        assert!(idf(100, 100) > 0.0);
        assert!(idf(1, 1) > 0.0);
    }
}
