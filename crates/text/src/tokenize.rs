//! Splitting text into word tokens: spans of the original text, never rewritten.
//!
//! Word boundaries follow Unicode (UAX #29, through `unicode-segmentation`), which already
//! keeps `15.000` and `U.S.` together and splits `Kim Jong-un` into three words, so the
//! hyphenated and the spaced spelling of a name analyse alike.

use unicode_segmentation::UnicodeSegmentation;

/// A span of original text that is one word. `start..end` are byte offsets into the text
/// given to [`tokenize`], so highlights computed from them never drift, whatever the
/// umlauts, `ß` or quotes around them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The original text of the word.
    pub text: &'a str,
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

/// The word tokens of `text`, in order. Punctuation and whitespace are not tokens.
pub fn tokenize(text: &str) -> impl Iterator<Item = Token<'_>> {
    text.unicode_word_indices().map(|(start, word)| Token {
        text: word,
        start,
        end: start + word.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).map(|t| t.text).collect()
    }

    #[test]
    fn splits_on_unicode_word_boundaries() {
        let cases: &[(&str, &[&str])] = &[
            ("Kim Jong-un traf Xi.", &["Kim", "Jong", "un", "traf", "Xi"]),
            ("„Gute Freunde“: China", &["Gute", "Freunde", "China"]),
            ("15.000 Soldaten", &["15.000", "Soldaten"]),
            (
                "Pjöngjang, Südkorea; Straße",
                &["Pjöngjang", "Südkorea", "Straße"],
            ),
            ("", &[]),
            ("  -- ", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(&words(text), expected, "{text}");
        }
    }

    #[test]
    fn spans_point_into_the_original_text() {
        let text = "Über Pjöngjang „ß“ Straße";
        for t in tokenize(text) {
            assert_eq!(&text[t.start..t.end], t.text);
        }
    }
}
