//! Stemming with the Snowball German algorithm (`rust-stemmers`).
//!
//! The stemmer is built once per thread and reused: creating it is cheap but not free, and
//! both the index writer and the query path call it for every word.

use rust_stemmers::{Algorithm, Stemmer};
use std::cell::RefCell;

thread_local! {
    static GERMAN: RefCell<Stemmer> = RefCell::new(Stemmer::create(Algorithm::German));
}

/// The Snowball German stem of a folded word (see [`crate::fold::fold`]). Words containing
/// digits are returned unchanged: `2019` and `15000` are not German words.
pub fn stem(folded: &str) -> String {
    if folded.chars().any(|c| c.is_ascii_digit()) {
        return folded.to_owned();
    }
    GERMAN.with(|s| s.borrow().stem(folded).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_forms_share_a_stem() {
        let groups: &[&[&str]] = &[
            &["verhandlungen", "verhandlung"],
            &["beziehungen", "beziehung"],
            &["nordkoreanische", "nordkoreanischen"],
        ];
        for group in groups {
            let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
            assert!(
                stems.windows(2).all(|w| w[0] == w[1]),
                "{group:?} -> {stems:?}"
            );
        }
    }

    #[test]
    fn numbers_are_not_stemmed() {
        assert_eq!(stem("2019"), "2019");
    }
}
