//! Splitting text into word tokens: spans of the original text, never rewritten.
//!
//! Word boundaries follow the rules of Unicode's word segmentation (UAX #29) that decide
//! where words of letters and digits begin and end, which keeps `15.000`, `3,5`, `z.B` and
//! `G20` together and splits `Kim Jong-un` into three words, so the hyphenated and the
//! spaced spelling of a name analyse alike. Written here rather than taken from
//! `unicode-segmentation`: its word-break tables and state machine were about 8 KiB of the
//! .wasm after gzip, for a few rules over a handful of character classes (`class`), which
//! the standard library's `is_alphabetic`/`is_numeric` answer for every script. What is
//! simplified: scripts written without spaces (Thai, Lao, Khmer, Myanmar) and Chinese and
//! Japanese characters are one word per character, as UAX #29 without a dictionary makes
//! them too; Hebrew's quote rules are not applied. Two German adjustments on top:
//!
//! - an `s` after a typographic apostrophe joins its word (`King‘s`, `Moody’s`), also after
//!   quote marks Unicode does not count as joiners (`ʼ`);
//! - each token records how it is joined to its neighbours ([`Joint`]): by a hyphen
//!   (`Nordkorea-Experte`) or, for a trailing hyphen before a space, as the first half of a
//!   suspended compound (`Atom- und Raketentests`). The analyser builds compound variants
//!   from that.

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
    for (start, end) in words(text) {
        let word = &text[start..end];
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

/// What a character is to word boundaries: the classes of UAX #29's word-break property
/// that join or end words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Numeric,
    Katakana,
    /// `_` and other connectors: join letters, digits and each other (`foo_bar`).
    ExtendNumLet,
    /// Joins letters only (`:`, `·`).
    MidLetter,
    /// Joins digits only (`,`, `;`).
    MidNum,
    /// Joins letters or digits (`.`, `'`, `’`).
    MidNumLet,
    /// Combining marks, joiners and format characters (the soft hyphen): part of the
    /// character before them.
    Extend,
    /// A word by itself: Chinese and Japanese characters, and scripts without spaces.
    Single,
    /// Horizontal space: a run of it is one piece, as marks after it show.
    Space,
    Other,
}

fn class(c: char) -> Class {
    match c {
        'a'..='z' | 'A'..='Z' => Class::Letter,
        '0'..='9' => Class::Numeric,
        '_'
        | '\u{202F}'
        | '\u{203F}'
        | '\u{2040}'
        | '\u{2054}'
        | '\u{FE33}'
        | '\u{FE34}'
        | '\u{FE4D}'..='\u{FE4F}'
        | '\u{FF3F}' => Class::ExtendNumLet,
        ':' | '\u{B7}' | '\u{387}' | '\u{55F}' | '\u{5F4}' | '\u{2027}' | '\u{FE13}'
        | '\u{FE55}' | '\u{FF1A}' => Class::MidLetter,
        ',' | ';' | '\u{37E}' | '\u{589}' | '\u{60C}' | '\u{60D}' | '\u{66C}' | '\u{7F8}'
        | '\u{2044}' | '\u{FE10}' | '\u{FE14}' | '\u{FE50}' | '\u{FE54}' | '\u{FF0C}'
        | '\u{FF1B}' => Class::MidNum,
        '.' | '\'' | '\u{2018}' | '\u{2019}' | '\u{2024}' | '\u{FE52}' | '\u{FF07}'
        | '\u{FF0E}' => Class::MidNumLet,
        ' ' | '\u{1680}' | '\u{2000}'..='\u{2006}' | '\u{2008}'..='\u{200A}' | '\u{205F}'
        | '\u{3000}' => Class::Space,
        '\0'..='\u{7F}' => Class::Other,
        // Combining marks, variation selectors, zero-width (non-)joiner, direction marks,
        // soft hyphen, word joiner, byte order mark, tags.
        '\u{300}'..='\u{36F}'
        | '\u{483}'..='\u{489}'
        | '\u{591}'..='\u{5BD}'
        | '\u{5BF}'
        | '\u{5C1}'..='\u{5C2}'
        | '\u{5C4}'..='\u{5C5}'
        | '\u{5C7}'
        | '\u{610}'..='\u{61A}'
        | '\u{64B}'..='\u{65F}'
        | '\u{670}'
        | '\u{6D6}'..='\u{6DC}'
        | '\u{6DF}'..='\u{6E4}'
        | '\u{6E7}'..='\u{6E8}'
        | '\u{6EA}'..='\u{6ED}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20F0}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{AD}'
        | '\u{200C}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{E0001}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}'
        | '\u{3099}'..='\u{309A}'
        | '\u{FF9E}'..='\u{FF9F}'
        // Thai and Lao vowel and tone marks.
        | '\u{E31}'
        | '\u{E34}'..='\u{E3A}'
        | '\u{E47}'..='\u{E4E}'
        | '\u{EB1}'
        | '\u{EB4}'..='\u{EBC}'
        | '\u{EC8}'..='\u{ECE}' => Class::Extend,
        // Indic vowel signs, viramas and nuktas (the letters are alphabetic, the dandas
        // punctuation).
        '\u{900}'..='\u{DFF}'
            if !c.is_alphanumeric() && !matches!(c, '\u{964}' | '\u{965}' | '\u{970}' | '\u{DF4}') =>
        {
            Class::Extend
        }
        '\u{3031}'..='\u{3035}'
        | '\u{309B}'..='\u{309C}'
        | '\u{30A0}'..='\u{30FA}'
        | '\u{30FC}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{32D0}'..='\u{32FE}'
        | '\u{3300}'..='\u{3357}'
        | '\u{FF66}'..='\u{FF9D}' => Class::Katakana,
        // Chinese characters, Hiragana; Thai, Lao, Myanmar, Khmer, Tai scripts.
        '\u{2E80}'..='\u{2FDF}'
        | '\u{3005}'..='\u{3007}'
        | '\u{3021}'..='\u{3029}'
        | '\u{3038}'..='\u{303C}'
        | '\u{3040}'..='\u{309F}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{1B001}'..='\u{1B11F}'
        | '\u{20000}'..='\u{3FFFF}'
        | '\u{E00}'..='\u{EFF}'
        | '\u{1000}'..='\u{109F}'
        | '\u{1780}'..='\u{17FF}'
        | '\u{1950}'..='\u{19FF}'
        | '\u{1A20}'..='\u{1AAF}'
        | '\u{A9E0}'..='\u{A9FF}'
        | '\u{AA60}'..='\u{AADF}' => Class::Single,
        // Superscripts, fractions, circled and Roman numerals are numbers but not digits.
        '\u{B2}'
        | '\u{B3}'
        | '\u{B9}'
        | '\u{BC}'..='\u{BE}'
        | '\u{2070}'..='\u{218F}'
        | '\u{2460}'..='\u{24B5}'
        | '\u{24EA}'..='\u{24FF}'
        | '\u{2776}'..='\u{2793}' => Class::Other,
        c if c.is_alphabetic() => Class::Letter,
        c if c.is_numeric() => Class::Numeric,
        _ => Class::Other,
    }
}

/// Whether the classes `a`, `b` are one word when next to each other.
fn joins(a: Class, b: Class) -> bool {
    use Class::*;
    matches!(
        (a, b),
        (Letter | Numeric, Letter | Numeric)
            | (Katakana, Katakana)
            | (Letter | Numeric | Katakana | ExtendNumLet, ExtendNumLet)
            | (ExtendNumLet, Letter | Numeric | Katakana)
    )
}

/// Whether `mid` joins `a` and `c` across it (`z.B`, `15.000`, `O'Neill`).
fn joins_across(a: Class, mid: Class, c: Class) -> bool {
    use Class::*;
    matches!(
        (a, mid, c),
        (Letter, MidLetter | MidNumLet, Letter) | (Numeric, MidNum | MidNumLet, Numeric)
    )
}

/// The byte spans of the words of `text`: runs of letters and digits with what joins them,
/// keeping only those with a letter or digit.
fn words(text: &str) -> Vec<(usize, usize)> {
    // Each character with the marks after it, as (start, end, class).
    // Marks after a line break are not part of it; a run of spaces is one piece.
    let mut units: Vec<(usize, usize, Class)> = Vec::new();
    let mut previous = None;
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        let kind = class(c);
        let breaks = matches!(
            previous,
            Some('\n' | '\r' | '\u{B}' | '\u{C}' | '\u{85}' | '\u{2028}' | '\u{2029}')
        );
        let spaces = kind == Class::Space && previous.is_some_and(|p| class(p) == Class::Space);
        match units.last_mut() {
            Some(last) if (kind == Class::Extend && !breaks) || spaces => last.1 = end,
            _ => units.push((at, end, kind)),
        }
        previous = Some(c);
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let first = units[i];
        let mut last = i;
        if first.2 != Class::Single {
            loop {
                let kind = units[last].2;
                let next = units.get(last + 1).map(|u| u.2);
                let after = units.get(last + 2).map(|u| u.2);
                if next.is_some_and(|n| joins(kind, n)) {
                    last += 1;
                } else if let (Some(n), Some(a)) = (next, after) {
                    if !joins_across(kind, n, a) {
                        break;
                    }
                    last += 2;
                } else {
                    break;
                }
            }
        }
        let (start, end) = (first.0, units[last].1);
        if text[start..end].chars().any(char::is_alphanumeric) {
            out.push((start, end));
        }
        i = last + 1;
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

    /// What UAX #29 says of these (checked against `unicode-segmentation` 1.13 when the
    /// hand-written splitter replaced it, over the seeds, the fixtures and random text).
    #[test]
    fn keeps_unicode_word_boundaries_of_numbers_abbreviations_and_other_scripts() {
        let cases: &[(&str, &[&str])] = &[
            ("z.B. U.S.A. 3,5 Mio.", &["z.B", "U.S.A", "3,5", "Mio"]),
            (
                "G20 A380 foo_bar 12:30 a:b",
                &["G20", "A380", "foo_bar", "12", "30", "a:b"],
            ),
            (
                "www.spiegel.de mail@x.de",
                &["www.spiegel.de", "mail", "x.de"],
            ),
            // Soft hyphens and combining marks (decomposed umlauts) stay inside the word.
            (
                "Bun\u{AD}des\u{AD}tag Mu\u{308}ller",
                &["Bun\u{AD}des\u{AD}tag", "Mu\u{308}ller"],
            ),
            ("ⓒKBS ² m² ½", &["ⓒKBS", "²", "m", "²", "½"]),
            ("emoji 😀 👍🏽 🇩🇪 ok", &["emoji", "ok"]),
            ("中文文本，测试", &["中", "文", "文", "本", "测", "试"]),
            (
                "日本語のカタカナです",
                &["日", "本", "語", "の", "カタカナ", "で", "す"],
            ),
            ("हिन्दी भाषा।", &["हिन्दी", "भाषा"]),
            ("مَرْحَبًا ١٢٣ שָׁלוֹם", &["مَرْحَبًا", "١٢٣", "שָׁלוֹם"]),
            ("Русский текст, Ελληνικά", &["Русский", "текст", "Ελληνικά"]),
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
