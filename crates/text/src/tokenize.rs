//! Splitting text into word tokens: spans of the original text, never rewritten.
//!
//! Word boundaries follow Unicode (UAX #29, through `unicode-segmentation`), which already
//! keeps `15.000` together and splits `Kim Jong-un` into three words, so the hyphenated and
//! the spaced spelling of a name analyse alike. Two German adjustments on top:
//!
//! - an `s` after a typographic apostrophe joins its word (`King‘s`, `Moody’s`): UAX #29 only
//!   knows `'` and `’` as joiners, German typography also uses `‘`;
//! - each token records how it is joined to its neighbours ([`Joint`]): by a hyphen
//!   (`Nordkorea-Experte`) or, for a trailing hyphen before a space, as the first half of a
//!   suspended compound (`Atom- und Raketentests`). The analyser builds compound variants
//!   from that.

use unicode_segmentation::UnicodeSegmentation;

/// How a token is joined to the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Joint {
    /// Separated by whitespace or punctuation.
    None,
    /// Immediately followed by `-` and the next word (`Nordkorea-Experte`).
    Hyphen,
    /// Followed by `-` and then a space: a suspended compound (`Atom- und`).
    Suspended,
}

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
    /// How the token is joined to the next.
    pub joint: Joint,
}

const APOSTROPHES: [char; 4] = ['\'', '‘', '’', 'ʼ'];
const HYPHENS: [char; 2] = ['-', '‐'];

/// The word tokens of `text`, in order. Punctuation and whitespace are not tokens.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out: Vec<Token<'_>> = Vec::new();
    for (start, word) in text.unicode_word_indices() {
        let end = start + word.len();
        if let Some(prev) = out.last_mut() {
            let between = &text[prev.end..start];
            let is_possessive = word.eq_ignore_ascii_case("s")
                && between.chars().count() == 1
                && between.starts_with(APOSTROPHES);
            if is_possessive {
                prev.end = end;
                prev.text = &text[prev.start..end];
                continue;
            }
        }
        out.push(Token {
            text: word,
            start,
            end,
            joint: Joint::None,
        });
    }
    for i in 0..out.len() {
        let next_start = out.get(i + 1).map_or(text.len(), |t| t.start);
        let between = &text[out[i].end..next_start];
        out[i].joint =
            if between.len() <= 3 && between.chars().count() == 1 && between.starts_with(HYPHENS) {
                Joint::Hyphen
            } else if between
                .strip_prefix(HYPHENS)
                .is_some_and(|rest| rest.starts_with(char::is_whitespace))
            {
                Joint::Suspended
            } else {
                Joint::None
            };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|t| t.text).collect()
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
            (
                "vom Londoner King‘s College",
                &["vom", "Londoner", "King‘s", "College"],
            ),
            ("Moody’s und O'Neill's", &["Moody’s", "und", "O'Neill's"]),
            ("", &[]),
            ("  -- ", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(&words(text), expected, "{text}");
        }
    }

    #[test]
    fn records_hyphen_and_suspended_joints() {
        let t = tokenize("Nordkorea-Experte und Atom- und Raketentests - nicht");
        let joints: Vec<Joint> = t.iter().map(|t| t.joint).collect();
        assert_eq!(
            joints,
            [
                Joint::Hyphen,
                Joint::None,
                Joint::None,
                Joint::Suspended,
                Joint::None,
                Joint::None,
                Joint::None
            ]
        );
    }

    #[test]
    fn spans_point_into_the_original_text() {
        let text = "Über Pjöngjang „ß“ King‘s Straße";
        for t in tokenize(text) {
            assert_eq!(&text[t.start..t.end], t.text);
        }
    }
}
