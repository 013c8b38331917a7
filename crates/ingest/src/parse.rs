//! Article structure: date line, caption, title, headings, paragraphs, boilerplate.
//!
//! The input is the loose format of exported news text:
//!
//! ```text
//!  date 2019-01 Caption or photo credit running on after the date   <- optional
//! A short title line                                                  <- optional
//! Paragraph, one per line, blank lines optional.
//! A short subheading
//! Paragraph ...
//! Haftungsausschluss: trailing disclaimer ...                         <- optional
//! ```
//!
//! Parsing never fails: whatever the text, the result is a list of blocks that covers every
//! non-empty line exactly once. What is doubtful (a malformed date) is reported as a
//! [`ParseWarning`] with its line.

use crate::formats::Metadata;
use explorer_index::{BlockKind, YearMonth};

/// A block of the article: its kind and its byte span in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub kind: BlockKind,
    pub start: usize,
    pub end: usize,
}

/// The structure found in one article's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub date: Option<YearMonth>,
    pub title: String,
    /// No title line was found; `title` is the first sentence of the body.
    pub title_derived: bool,
    pub blocks: Vec<Span>,
    /// Authors, source, URL, language, tags: what the format found (none in plain text).
    pub meta: Metadata,
}

/// Something doubtful in the text, with its 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseWarning {
    pub line: usize,
    pub message: String,
}

/// Longest line (in characters) that can be a title or a subheading.
const MAX_HEADING_CHARS: usize = 160;
/// Most words a title or subheading can have.
const MAX_HEADING_WORDS: usize = 24;
/// Longest derived title, in characters, before it is cut at a word boundary.
const MAX_DERIVED_TITLE_CHARS: usize = 100;

/// Words a trailing paragraph starts with when it is boilerplate rather than article text.
const BOILERPLATE_CUES: &[&str] = &[
    "haftungsausschluss",
    "disclaimer",
    "copyright",
    "©",
    "alle rechte vorbehalten",
    "urheberrechtshinweis",
    "dieser artikel wurde automatisch",
];

/// Parse `text` (already decoded, line ends normalised to `\n`).
pub fn parse(text: &str) -> (Parsed, Vec<ParseWarning>) {
    let mut warnings = Vec::new();
    let mut lines = lines_with_spans(text).peekable();
    let mut blocks = Vec::new();
    let mut date = None;

    // 1. The optional date line; the rest of it is a caption or credit.
    if let Some(&(line_no, start, line)) = lines.peek() {
        if let Some(rest) = line.trim_start().strip_prefix("date ") {
            lines.next();
            let rest_start = start + (line.len() - rest.len());
            let token = rest.split_whitespace().next().unwrap_or("");
            match parse_year_month(token) {
                Some(ym) => date = Some(ym),
                None => warnings.push(ParseWarning {
                    line: line_no,
                    message: format!(
                        "date line `date {token}` is not YYYY-MM with a month 01-12; the article is undated"
                    ),
                }),
            }
            let after_token = rest_start + rest.find(token).unwrap_or(0) + token.len();
            if let Some((s, e)) = trimmed_span(text, after_token, start + line.len()) {
                blocks.push(Span {
                    kind: BlockKind::Caption,
                    start: s,
                    end: e,
                });
            }
        }
    }

    // 2. Every other non-empty line is a block; decide its kind.
    let body: Vec<(usize, usize)> = lines
        .filter_map(|(_, start, line)| trimmed_span(text, start, start + line.len()))
        .collect();
    let boilerplate_from = body
        .iter()
        .position(|&(s, e)| is_boilerplate(&text[s..e]))
        .filter(|&i| i > 0)
        .unwrap_or(body.len());
    let mut title = None;
    for (i, &(s, e)) in body.iter().enumerate() {
        let line = &text[s..e];
        let is_last_of_body = i + 1 >= boilerplate_from;
        let kind = if i >= boilerplate_from {
            BlockKind::Boilerplate
        } else if is_last_of_body || !looks_like_heading(line) {
            BlockKind::Paragraph
        } else if i == 0 {
            title = Some(line.to_owned());
            BlockKind::Title
        } else {
            BlockKind::Heading
        };
        blocks.push(Span {
            kind,
            start: s,
            end: e,
        });
    }

    let (title, title_derived) = match title {
        Some(t) => (t, false),
        None => {
            let first = blocks
                .iter()
                .find(|b| b.kind == BlockKind::Paragraph)
                .or_else(|| blocks.first());
            let derived = first
                .map(|b| derive_title(&text[b.start..b.end]))
                .unwrap_or_default();
            (derived, true)
        }
    };
    (
        Parsed {
            date,
            title,
            title_derived,
            blocks,
            meta: Metadata::default(),
        },
        warnings,
    )
}

/// `(1-based line number, byte offset, line without its '\n')` for every line.
fn lines_with_spans(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut offset = 0;
    text.split('\n').enumerate().map(move |(i, line)| {
        let start = offset;
        offset += line.len() + 1;
        (i + 1, start, line)
    })
}

/// The span `start..end` of `text` without surrounding whitespace, or `None` if nothing is
/// left.
fn trimmed_span(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let slice = &text[start..end];
    let trimmed = slice.trim();
    if trimmed.is_empty() {
        return None;
    }
    let s = start + (slice.len() - slice.trim_start().len());
    Some((s, s + trimmed.len()))
}

fn parse_year_month(token: &str) -> Option<YearMonth> {
    let (y, m) = token.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    let year: u16 = y.parse().ok()?;
    let month: u8 = m.parse().ok()?;
    (1..=12)
        .contains(&month)
        .then_some(YearMonth { year, month })
}

/// A title or subheading: short, and not a sentence (no full stop, colon or comma at the
/// end, quotes aside; a question is allowed).
fn looks_like_heading(line: &str) -> bool {
    let chars = line.chars().count();
    let words = line.split_whitespace().count();
    let end = line
        .trim_end_matches(['"', '“', '”', '«', '»', '\'', '’', ')'])
        .chars()
        .last();
    chars <= MAX_HEADING_CHARS
        && words <= MAX_HEADING_WORDS
        && !matches!(end, Some('.' | ':' | ',' | ';' | '!' | '-' | '…'))
        && line.chars().any(char::is_alphabetic)
}

fn is_boilerplate(line: &str) -> bool {
    let lower = line.trim_start().to_lowercase();
    BOILERPLATE_CUES.iter().any(|cue| lower.starts_with(cue))
}

/// The first sentence of `paragraph`, cut at a word boundary with `…` when long.
pub(crate) fn derive_title(paragraph: &str) -> String {
    let sentence = first_sentence(paragraph);
    if sentence.chars().count() <= MAX_DERIVED_TITLE_CHARS {
        return sentence.to_owned();
    }
    let mut cut = 0;
    for (i, c) in sentence.char_indices() {
        if sentence[..i].chars().count() >= MAX_DERIVED_TITLE_CHARS {
            break;
        }
        if c.is_whitespace() {
            cut = i;
        }
    }
    let head = if cut == 0 {
        sentence
            .char_indices()
            .nth(MAX_DERIVED_TITLE_CHARS)
            .map_or(sentence, |(i, _)| &sentence[..i])
    } else {
        &sentence[..cut]
    };
    format!("{} …", head.trim_end_matches([',', ';', ':', ' ', '-']))
}

/// Up to and including the first `.`, `!` or `?` that ends a sentence: followed by
/// whitespace and an uppercase letter or quote, and not after a digit (`80. Jahrestag`) or a
/// single capital letter (initials).
fn first_sentence(text: &str) -> &str {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let prev2 = k.checked_sub(2).map(|p| chars[p].1);
        let after_digit = prev.is_some_and(|p| p.is_ascii_digit());
        let initial =
            prev.is_some_and(char::is_uppercase) && prev2.is_none_or(|p| !p.is_alphanumeric());
        let next = chars.get(k + 1).map(|&(_, c)| c);
        let next2 = chars.get(k + 2).map(|&(_, c)| c);
        let at_end = next.is_none();
        let boundary = next.is_some_and(char::is_whitespace)
            && next2.is_some_and(|n| n.is_uppercase() || "\"„“»".contains(n));
        if (at_end || boundary) && !after_digit && !initial {
            return &text[..i + c.len_utf8()];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(BlockKind, &str)> {
        let (p, _) = parse(text);
        p.blocks
            .iter()
            .map(|b| (b.kind, &text[b.start..b.end]))
            .collect()
    }

    #[test]
    fn date_line_with_caption_then_paragraphs() {
        let text =
            " date 2019-04 ⓒFoto Agentur\n\nErster Absatz. Mit zwei Sätzen.\n\n\nZweiter Absatz.";
        let (p, w) = parse(text);
        assert!(w.is_empty());
        assert_eq!(
            p.date,
            Some(YearMonth {
                year: 2019,
                month: 4
            })
        );
        assert_eq!(
            kinds(text),
            [
                (BlockKind::Caption, "ⓒFoto Agentur"),
                (BlockKind::Paragraph, "Erster Absatz. Mit zwei Sätzen."),
                (BlockKind::Paragraph, "Zweiter Absatz."),
            ]
        );
        assert!(p.title_derived);
        assert_eq!(p.title, "Erster Absatz.");
    }

    #[test]
    fn title_headings_and_boilerplate() {
        let text = "Ein kurzer Titel\nDer erste Absatz erzählt etwas.\nEine Zwischenzeile?\nMehr Text folgt hier.\nHaftungsausschluss: Rechte liegen beim Autor.";
        let (p, _) = parse(text);
        assert_eq!(p.title, "Ein kurzer Titel");
        assert!(!p.title_derived);
        assert_eq!(
            kinds(text).iter().map(|k| k.0).collect::<Vec<_>>(),
            [
                BlockKind::Title,
                BlockKind::Paragraph,
                BlockKind::Heading,
                BlockKind::Paragraph,
                BlockKind::Boilerplate
            ]
        );
    }

    #[test]
    fn malformed_dates_warn_and_leave_the_article_undated() {
        for bad in [" date 2019-13 Text", " date soon", " date 19-1"] {
            let (p, w) = parse(&format!("{bad}\nEin Absatz."));
            assert_eq!(p.date, None, "{bad}");
            assert_eq!(w.len(), 1, "{bad}");
            assert_eq!(w[0].line, 1);
        }
    }

    #[test]
    fn derived_titles_stop_at_the_first_sentence_and_are_cut_when_long() {
        assert_eq!(
            first_sentence("Am 80. Jahrestag kam U. Weber. Dann mehr."),
            "Am 80. Jahrestag kam U. Weber."
        );
        let long = "Wort ".repeat(60);
        let t = derive_title(&long);
        assert!(t.ends_with('…'));
        assert!(t.chars().count() <= MAX_DERIVED_TITLE_CHARS + 2);
    }

    #[test]
    fn never_fails_on_odd_input() {
        for text in [
            "",
            "\n\n\n",
            " date ",
            "date 2019-01",
            "…",
            "Nur ein Titel ohne Text",
        ] {
            let (p, _) = parse(text);
            for b in &p.blocks {
                assert!(b.start <= b.end && b.end <= text.len());
            }
        }
    }

    #[test]
    fn a_single_short_line_is_a_paragraph_not_a_title() {
        let (p, _) = parse("Nur ein Titel ohne Text");
        assert_eq!(p.blocks[0].kind, BlockKind::Paragraph);
        assert!(p.title_derived);
    }
}
