//! Which paragraphs are German prose: the filter that keeps option lists, code, English
//! passages (untranslated parts of the manuals) and licence boilerplate out of the corpus.
//!
//! A paragraph is kept when it is long enough (words and characters), ends like a sentence,
//! is mostly letters, has little that looks like code, uses several common German function
//! words (and clearly more German than English ones), and is not translation or licence
//! boilerplate. The thresholds are deliberately strict: there is more text than needed.

/// Fewest words of a kept paragraph.
pub const MIN_WORDS: usize = 10;
/// Shortest and longest kept paragraph, in bytes.
pub const MIN_BYTES: usize = 60;
pub const MAX_BYTES: usize = 2_400;

const GERMAN: &[&str] = &[
    "der", "die", "das", "und", "ist", "nicht", "mit", "von", "zu", "den", "dem", "des", "ein",
    "eine", "einer", "eines", "einen", "im", "auf", "für", "sich", "werden", "wird", "kann",
    "können", "auch", "oder", "bei", "wenn", "diese", "dieser", "dieses", "dass", "sind", "aus",
    "nach", "wie", "um", "hat", "haben", "zum", "zur", "nur", "noch", "über", "durch", "sie", "es",
    "wir", "ich", "sein", "wurde", "wurden", "vom", "beim", "unter", "alle", "kein", "keine",
    "damit", "dann", "aber", "jedoch", "sowie", "welche", "muss", "müssen", "soll",
];

const ENGLISH: &[&str] = &[
    "the", "and", "of", "to", "is", "are", "for", "with", "this", "that", "you", "be", "it", "on",
    "not", "or", "can", "by", "which", "from", "your", "will", "have", "has", "should",
];

/// Phrases of paragraphs that are about the document rather than its subject.
const BOILERPLATE: &[&str] = &[
    "übersetzung dieser handbuchseite",
    "deutsche übersetzung",
    "general public license",
    "free documentation license",
    "creative commons",
    "fehler in der übersetzung",
    "fehlerberichte",
    "e-mail an",
    "mailingliste",
    "copyright",
    "urheberrecht",
    "lizenz",
    "haftungsausschluss",
    "alle rechte vorbehalten",
    "diese seite ist teil",
    "diese handbuchseite",
    "diese dokumentation",
    "veröffentlicht unter",
];

/// Characters that mark code, markup or tables rather than sentences.
const CODE_CHARS: &[char] = &[
    '{', '}', '<', '>', '=', '$', ';', '\\', '|', '_', '#', '@', '*', '~', '^', '[', ']', '/',
];

/// Whether `paragraph` (whitespace already collapsed) is German prose worth an article.
pub fn is_german_prose(paragraph: &str) -> bool {
    if paragraph.len() < MIN_BYTES || paragraph.len() > MAX_BYTES {
        return false;
    }
    if !ends_like_a_sentence(paragraph) {
        return false;
    }
    let mut letters = 0usize;
    let mut upper = 0usize;
    let mut visible = 0usize;
    let mut code = 0usize;
    for c in paragraph.chars() {
        if c.is_whitespace() {
            continue;
        }
        visible += 1;
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            }
        } else if CODE_CHARS.contains(&c) {
            code += 1;
        }
    }
    if letters * 100 < visible * 82 || upper * 100 > letters * 20 || code * 100 > visible * 3 {
        return false;
    }
    let mut words = 0usize;
    let mut german = 0usize;
    let mut english = 0usize;
    let mut distinct_german: Vec<&str> = Vec::new();
    let lower = paragraph.to_lowercase();
    for word in lower.split_whitespace() {
        words += 1;
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if let Some(g) = GERMAN.iter().find(|g| **g == word) {
            german += 1;
            if !distinct_german.contains(g) {
                distinct_german.push(g);
            }
        } else if ENGLISH.contains(&word) {
            english += 1;
        }
    }
    if words < MIN_WORDS || distinct_german.len() < 3 || german * 100 < words * 12 {
        return false;
    }
    if english * 4 > german {
        return false;
    }
    !BOILERPLATE.iter().any(|cue| lower.contains(cue))
}

/// Ends with `.`, `!`, `?` or `:` (a sentence introducing a list), closing quotes and brackets
/// aside; not with `..`.
fn ends_like_a_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '“', '”', '«', '»', '\'', '’', ')', ' ']);
    trimmed.ends_with(['.', '!', '?', ':']) && !trimmed.ends_with("..")
}

/// The key paragraphs are deduplicated by: letters and digits, lowercase, single spaces, as a
/// 64-bit FNV-1a hash (deterministic, unlike std's randomly keyed hasher).
pub fn dedupe_key(paragraph: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut space = false;
    for c in paragraph.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if space {
                hash = (hash ^ u64::from(b' ')).wrapping_mul(0x0100_0000_01b3);
                space = false;
            }
            let mut buf = [0u8; 4];
            for &b in c.encode_utf8(&mut buf).as_bytes() {
                hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        } else {
            space = true;
        }
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_sentences_pass() {
        let p = "Mit dieser Funktion können Sie die Größe der ausgewählten Ebene ändern. \
                 Das Bild wird dabei nicht verändert, nur die Ebene wird an die neue Größe angepasst.";
        assert!(is_german_prose(p));
    }

    #[test]
    fn english_code_lists_and_boilerplate_fail() {
        let rejected = [
            "For any work with APT, the list of available packages needs to be updated; this can be done simply through apt update.",
            "Die Datei enthält: $HOME/.config/foo = { bar; baz } | sed -e 's/x/y/' > /dev/null und mehr Text hier.",
            "Einträge nicht ignorieren, die mit einem Punkt beginnen und so weiter",
            "Die deutsche Übersetzung dieser Handbuchseite wurde von Martin Eberhard Schauer und der Gemeinschaft erstellt.",
            "Kurz und gut.",
        ];
        for p in rejected {
            assert!(!is_german_prose(p), "{p}");
        }
    }

    #[test]
    fn dedupe_ignores_case_spacing_and_punctuation() {
        assert_eq!(
            dedupe_key("Das ist, ein  Test."),
            dedupe_key("das ist ein test")
        );
        assert_ne!(
            dedupe_key("das ist ein test"),
            dedupe_key("das ist kein test")
        );
    }
}
