//! The whole analysis pipeline: text in, [`Analyzed`] tokens with their terms out.

use crate::fold::{fold, strip_diacritics};
use crate::stem::stem;
use crate::tokenize::tokenize;

/// One token of the original text with the term it is indexed (or searched) under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analyzed {
    /// Byte span of the token in the analysed text.
    pub start: usize,
    pub end: usize,
    /// Position of the token among the tokens of the text (0, 1, 2, ...), for phrases and
    /// proximity.
    pub position: u32,
    /// The normalised key in the index.
    pub term: String,
}

/// The term a single word is indexed under: fold, drop `.` thousands separators, stem, strip
/// the remaining diacritics. Empty input gives an empty term.
pub fn term_of(word: &str) -> String {
    let folded = fold(word);
    let folded = strip_thousands_separators(&folded);
    strip_diacritics(&stem(&folded))
}

/// A word folded like [`term_of`] but not stemmed: the key for completing a word that is
/// still being typed (`pjöngj` → `pjongj`).
pub fn fold_key(word: &str) -> String {
    let folded = fold(word);
    strip_diacritics(&strip_thousands_separators(&folded))
}

/// Analyse `text`: every word token with its position and term.
pub fn analyze(text: &str) -> Vec<Analyzed> {
    tokenize(text)
        .enumerate()
        .map(|(i, t)| Analyzed {
            start: t.start,
            end: t.end,
            position: u32::try_from(i).unwrap_or(u32::MAX),
            term: term_of(t.text),
        })
        .collect()
}

/// `15.000` → `15000` when every group after the first has exactly three digits; other dotted
/// numbers (`2.5`, `24.12.2019`) are left alone.
fn strip_thousands_separators(word: &str) -> std::borrow::Cow<'_, str> {
    let mut groups = word.split('.');
    let first_ok = groups
        .next()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()));
    let has_dot = word.contains('.');
    if has_dot && first_ok && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
    {
        word.replace('.', "").into()
    } else {
        word.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_word_share_a_term() {
        let groups: &[&[&str]] = &[
            &[
                "Pjöngjang",
                "Pjoengjang",
                "Pjongjang",
                "PJÖNGJANG",
                "Pjöngjangs",
            ],
            &["Straße", "Strasse", "Strassen"],
            &["Führung", "Fuehrung", "Fuhrung"],
            &["15.000", "15000"],
            &["Beziehungen", "Beziehung"],
        ];
        for group in groups {
            let terms: Vec<String> = group.iter().map(|w| term_of(w)).collect();
            assert!(
                terms.windows(2).all(|w| w[0] == w[1]),
                "{group:?} -> {terms:?}"
            );
        }
    }

    #[test]
    fn dates_and_decimals_keep_their_dots() {
        assert_eq!(term_of("24.12.2019"), "24.12.2019");
        assert_eq!(term_of("2.5"), "2.5");
    }

    #[test]
    fn positions_count_tokens() {
        let a = analyze("Kim traf Xi in Peking.");
        let positions: Vec<u32> = a.iter().map(|t| t.position).collect();
        assert_eq!(positions, [0, 1, 2, 3, 4]);
        assert_eq!(a[4].term, term_of("Peking"));
    }
}
