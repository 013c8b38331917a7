//! Stop words and question words: words a query may contain that say nothing about which
//! articles it wants (`Wer unterschrieb den Vertrag?`).
//!
//! They are indexed like every word; the query planner makes them optional (they rank, they
//! never filter) unless a query has nothing else.

/// German function words, auxiliaries and question words, folded (see
/// [`crate::fold_key`]), sorted for binary search.
const STOP_WORDS: &[&str] = &[
    "aber", "als", "am", "an", "auch", "auf", "aus", "bei", "bin", "bis", "bist", "da", "dadurch",
    "daher", "damit", "dann", "das", "dass", "dem", "den", "denn", "der", "des", "dessen", "die",
    "dies", "diese", "diesem", "diesen", "dieser", "dieses", "doch", "dort", "du", "durch", "ein",
    "eine", "einem", "einen", "einer", "eines", "er", "es", "euch", "fur", "gab", "gegen", "gibt",
    "hat", "hatte", "hatten", "haben", "hier", "ich", "ihm", "ihn", "ihnen", "ihr", "ihre", "im",
    "in", "ist", "ja", "kann", "konnen", "man", "mich", "mir", "mit", "muss", "nach", "nein",
    "nicht", "noch", "ob", "oder", "ohne", "sein", "seit", "sich", "sie", "sind", "so", "soll",
    "sollen", "uber", "um", "und", "uns", "unter", "vom", "von", "vor", "wann", "war", "waren",
    "warum", "was", "weil", "welche", "welchem", "welchen", "welcher", "welches", "wem", "wen",
    "wenn", "wer", "werden", "wessen", "weshalb", "wie", "wieso", "wieviel", "wir", "wird", "wo",
    "woher", "wohin", "wurde", "wurden", "zu", "zum", "zur", "zwischen", "viel", "viele",
];

/// Whether `word` (as typed) is a stop word or a question word.
pub fn is_stop_word(word: &str) -> bool {
    let key = crate::fold_key(word);
    STOP_WORDS.contains(&key.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_words_articles_and_auxiliaries_are_stop_words() {
        for w in [
            "Wer", "wie", "viel", "den", "Der", "ist", "über", "fuer", "Warum",
        ] {
            assert!(is_stop_word(w), "{w}");
        }
        for w in ["Vertrag", "Kim", "Land", "2009", "Putin"] {
            assert!(!is_stop_word(w), "{w}");
        }
    }
}
