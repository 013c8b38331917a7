//! Word tokens for entity recognition: spans of the article text with what the rules need to
//! know about each (capitalised? first word of a sentence? what punctuation came before?).
//!
//! This is not `explorer_text::tokenize`: names need `Jong-un`, `King‘s` and `d’Ivoire` kept
//! whole, and the rules look at the punctuation between words.

/// Opening and closing quotation marks.
pub(crate) const QUOTE_MARKS: &str = "„“”\"»«‚‘'";

/// The word at `start` directly follows an opening quote that follows a word (not `.`, `:`),
/// so the quote is inside a sentence (`die „Republikanische Volkspartei“`).
pub(crate) fn opens_inner_quote(text: &str, start: usize) -> bool {
    let before = &text[..start];
    let Some(q) = before
        .chars()
        .next_back()
        .filter(|q| QUOTE_MARKS.contains(*q))
    else {
        return false;
    };
    before[..before.len() - q.len_utf8()]
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(char::is_alphabetic)
}

/// A word of the text. `start..end` are byte offsets into the whole article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    /// First word of the block, or after `.`, `!`, `?`, `:` or an opening quote, where German
    /// capitalises every word.
    pub sentence_start: bool,
    /// Only spaces between the previous word and this one (no comma, bracket, quote...).
    pub tight: bool,
    /// The previous word is followed directly by `(` and this one by `)`.
    pub parenthesised: bool,
}

impl Tok<'_> {
    /// The first letter is uppercase.
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Hyphen-separated parts with their absolute spans (`Trump-Kim-Gipfeltreffen`). A word
    /// without a hyphen is its own single part.
    pub fn parts(&self) -> Vec<(usize, usize, &str)> {
        let mut out = Vec::new();
        let mut from = 0;
        for (i, c) in self.text.char_indices() {
            if is_hyphen(c) {
                out.push((self.start + from, self.start + i, &self.text[from..i]));
                from = i + c.len_utf8();
            }
        }
        out.push((self.start + from, self.end, &self.text[from..]));
        out.retain(|p| !p.2.is_empty());
        out
    }
}

/// Academic and professional titles written abbreviated before a name (`Dr. Marco
/// Buschmann`, `Prof. Dr. Anna Koch`): the full stop after them ends no sentence, and they are
/// no part of the name.
pub(crate) const TITLES: &[&str] = &["Dr", "Prof", "Dipl", "Mag", "Ing", "Dres", "Priv", "Doz"];

/// `word` is a title abbreviation and the text right after it is its full stop.
pub(crate) fn is_title(word: &str, after: &str) -> bool {
    TITLES.contains(&word) && after.starts_with('.')
}

pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ')
}

/// Letters and digits, but not the circled letters of photo credits (`ⓒKBS`).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !('\u{2460}'..='\u{24FF}').contains(&c)
}

/// Words of `text[start..end]`, with byte offsets into `text`.
pub(crate) fn tokenize(text: &str, start: usize, end: usize) -> Vec<Tok<'_>> {
    let Some(block) = text.get(start..end) else {
        return Vec::new();
    };
    let chars: Vec<(usize, char)> = block.char_indices().collect();
    let mut out: Vec<Tok<'_>> = Vec::new();
    let mut k = 0;
    let mut gap_start = 0;
    while k < chars.len() {
        if !is_word_char(chars[k].1) {
            k += 1;
            continue;
        }
        let from = k;
        while k < chars.len() {
            let c = chars[k].1;
            let next_is_word = chars.get(k + 1).is_some_and(|&(_, n)| is_word_char(n));
            let prev_digit = k > from && chars[k - 1].1.is_ascii_digit();
            let joins = (is_hyphen(c) || is_apostrophe(c)) && k > from && next_is_word
                || c == '.'
                    && prev_digit
                    && chars.get(k + 1).is_some_and(|&(_, n)| n.is_ascii_digit());
            if is_word_char(c) || joins {
                k += 1;
            } else {
                break;
            }
        }
        let s = chars[from].0;
        let e = chars.get(k).map_or(block.len(), |&(i, _)| i);
        let gap = &block[gap_start..s];
        let after = block[e..].chars().next();
        let sentence_start = match out.last() {
            None => true,
            Some(prev) => ends_sentence(gap, prev.text),
        };
        let parenthesised = gap.trim_end().ends_with('(') && after == Some(')');
        out.push(Tok {
            text: &block[s..e],
            start: start + s,
            end: start + e,
            sentence_start,
            tight: !out.is_empty() && gap.chars().all(char::is_whitespace),
            parenthesised,
        });
        gap_start = e;
    }
    out
}

/// Whether the punctuation `gap` after the word `prev` ends a sentence (or opens a quote).
fn ends_sentence(gap: &str, prev: &str) -> bool {
    let ordinal = prev.chars().all(|c| c.is_ascii_digit()) && gap.trim() == ".";
    let initial = prev.chars().count() == 1 && gap.trim() == ".";
    let title = TITLES.contains(&prev) && gap.trim() == ".";
    if ordinal || initial || title {
        return false;
    }
    gap.chars()
        .any(|c| matches!(c, '.' | '!' | '?' | ':' | '„' | '“' | '"' | '»' | '«' | '•'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, bool)> {
        tokenize(text, 0, text.len())
            .iter()
            .map(|t| (t.text, t.sentence_start))
            .collect()
    }

    #[test]
    fn keeps_names_with_hyphens_and_apostrophes_whole() {
        let cases: &[(&str, &[&str])] = &[
            ("Kim Jong-un traf", &["Kim", "Jong-un", "traf"]),
            (
                "vom Londoner King‘s College.",
                &["vom", "Londoner", "King‘s", "College"],
            ),
            ("Côte d’Ivoire", &["Côte", "d’Ivoire"]),
            ("ⓒKBS News", &["KBS", "News"]),
            ("15.000 Soldaten - mehr", &["15.000", "Soldaten", "mehr"]),
            ("Staats- und Parteichef", &["Staats", "und", "Parteichef"]),
            ("", &[]),
        ];
        for (text, expected) in cases {
            let got: Vec<&str> = words(text).iter().map(|w| w.0).collect();
            assert_eq!(&got, expected, "{text}");
        }
    }

    #[test]
    fn marks_sentence_starts_but_not_after_ordinals() {
        let got = words("Am 80. Jahrestag sagte er: „Gute Freunde“. Dann Xi.");
        let starts: Vec<&str> = got.iter().filter(|w| w.1).map(|w| w.0).collect();
        assert_eq!(starts, ["Am", "Gute", "Dann"]);
        let got = words("So Prof. Dr. Anna Koch. Dann");
        let starts: Vec<&str> = got.iter().filter(|w| w.1).map(|w| w.0).collect();
        assert_eq!(starts, ["So", "Dann"]);
    }

    #[test]
    fn parts_and_parentheses() {
        let text = "Das Komitee (IOC) und US-Präsident";
        let toks = tokenize(text, 0, text.len());
        assert!(toks[2].parenthesised && !toks[1].parenthesised);
        assert!(!toks[2].tight && toks[1].tight);
        let parts: Vec<&str> = toks[4].parts().iter().map(|p| p.2).collect();
        assert_eq!(parts, ["US", "Präsident"]);
        for t in &toks {
            assert_eq!(&text[t.start..t.end], t.text);
        }
    }
}
