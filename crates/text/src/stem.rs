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
///
/// One rule on top of Snowball: Latin nouns in `-ium`, `-eum`, `-rum` lose the `um`, so the
/// singular meets its plural in `-ien`, `-een`, `-ren` (`Gymnasium`/`Gymnasien`,
/// `Museum`/`Museen`, `Zentrum`/`Zentren`), which Snowball cuts to the same stem. Only stems
/// of at least [`UM_MIN_CHARS`] letters, so `warum` and `darum` keep theirs.
pub fn stem(folded: &str) -> String {
    if folded.chars().any(|c| c.is_ascii_digit()) {
        return folded.to_owned();
    }
    let stemmed = GERMAN.with(|s| s.stem(folded).into_owned());
    latin_um(stemmed)
}

/// Shortest stem (in characters) whose `-um` ending is cut.
pub const UM_MIN_CHARS: usize = 6;
/// Words in `-rum`/`-eum`/`-ium` that are not Latin nouns.
const NOT_LATIN_UM: &[&str] = &["wiederum", "andersherum", "rundherum", "ringsherum"];

fn latin_um(mut stem: String) -> String {
    let latin = stem.chars().count() >= UM_MIN_CHARS
        && (stem.ends_with("ium") || stem.ends_with("eum") || stem.ends_with("rum"))
        && !NOT_LATIN_UM.contains(&stem.as_str());
    if latin {
        stem.truncate(stem.len() - 2);
    }
    stem
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
    fn latin_singulars_meet_their_plurals() {
        let groups: &[&[&str]] = &[
            &["zentrum", "zentren", "zentrums"],
            &["gymnasium", "gymnasien"],
            &["museum", "museen"],
            &["studium", "studien"],
        ];
        for group in groups {
            let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
            assert!(
                stems.windows(2).all(|w| w[0] == w[1]),
                "{group:?} -> {stems:?}"
            );
        }
        assert_ne!(stem("warum"), stem("war"));
        assert_eq!(stem("wiederum"), "wiederum");
    }

    #[test]
    fn numbers_are_not_stemmed() {
        assert_eq!(stem("2019"), "2019");
    }
}
