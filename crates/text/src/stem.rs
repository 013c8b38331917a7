//! Stemming with the Snowball German algorithm (`frostem`, Snowball 3.2).
//!
//! Chosen over `rust-stemmers` after measuring both (see ARCHITECTURE.md): the current
//! Snowball German also groups `Lehrerin`/`Lehrer`, `berichtete`/`berichten` and
//! `Nadeln`/`Nadel`, has no dependencies and costs about 0.5 KB gzip more in the .wasm. The
//! version is pinned exactly: a new Snowball release changes terms, which needs a rebuild
//! of every index.

use frostem::{Algorithm, Stemmer};

thread_local! {
    static GERMAN: Stemmer = Stemmer::new(Algorithm::German);
}

/// The Snowball German stem of a folded word (see [`crate::fold::fold`]). Words containing
/// digits are returned unchanged: `2019` and `15000` are not German words.
pub fn stem(folded: &str) -> String {
    if folded.chars().any(|c| c.is_ascii_digit()) {
        return folded.to_owned();
    }
    GERMAN.with(|s| s.stem(folded).into_owned())
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
