//! Dates as formats give them, to the year and month the index keeps: ISO 8601
//! (`2024-03-05T10:00:00+01:00`, `2024-03`), RFC 2822 as in RSS (`Tue, 05 Mar 2024 10:00:00
//! +0100`), German (`05.03.2024`, `5. März 2024`) and English month names.

use explorer_index::YearMonth;

const MONTHS: &[(&str, u8)] = &[
    ("jan", 1),
    ("feb", 2),
    ("mär", 3),
    ("mar", 3),
    ("maer", 3),
    ("apr", 4),
    ("mai", 5),
    ("may", 5),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("okt", 10),
    ("oct", 10),
    ("nov", 11),
    ("dez", 12),
    ("dec", 12),
];

/// The year and month of `text`, or `None` if it is not a date this module knows.
pub fn year_month(text: &str) -> Option<YearMonth> {
    let text = text.trim();
    iso(text).or_else(|| dotted(text)).or_else(|| named(text))
}

fn make(year: u32, month: u32) -> Option<YearMonth> {
    let year = u16::try_from(year)
        .ok()
        .filter(|y| (1000..=9999).contains(y))?;
    let month = u8::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
    Some(YearMonth { year, month })
}

/// `YYYY-MM…` or `YYYY/MM…`.
fn iso(text: &str) -> Option<YearMonth> {
    let b = text.as_bytes();
    if b.len() < 7 || !b[..4].iter().all(u8::is_ascii_digit) || !matches!(b[4], b'-' | b'/') {
        return None;
    }
    let month_digits = b[5..].iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&month_digits) {
        return None;
    }
    make(
        text[..4].parse().ok()?,
        text[5..5 + month_digits].parse().ok()?,
    )
}

/// `DD.MM.YYYY`, at the start.
fn dotted(text: &str) -> Option<YearMonth> {
    let mut parts = text.split(|c: char| c == '.' || c.is_whitespace());
    let day = parts.next()?;
    let month = parts.next()?;
    let year: String = parts
        .next()?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|c| c.is_ascii_digit());
    if !digits(day) || !digits(month) || year.len() != 4 {
        return None;
    }
    make(year.parse().ok()?, month.parse().ok()?)
}

/// A month name and a four-digit year among the words.
fn named(text: &str) -> Option<YearMonth> {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '-' | '/'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let month = words.iter().find_map(|w| {
        MONTHS
            .iter()
            .find(|(prefix, _)| w.starts_with(prefix) && w.chars().all(char::is_alphabetic))
            .map(|&(_, m)| m)
    })?;
    let year = words
        .iter()
        .find(|w| w.len() == 4 && w.bytes().all(|c| c.is_ascii_digit()))?;
    make(year.parse().ok()?, u32::from(month))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dates_of_feeds_pages_and_exports() {
        let ym = |y, m| Some(YearMonth { year: y, month: m });
        let cases = [
            ("2024-03-05T10:00:00+01:00", ym(2024, 3)),
            ("2024-03", ym(2024, 3)),
            ("2019/11/30", ym(2019, 11)),
            ("Tue, 05 Mar 2024 10:00:00 +0100", ym(2024, 3)),
            ("05.03.2024", ym(2024, 3)),
            ("5. März 2024, 10:12 Uhr", ym(2024, 3)),
            ("12 December 2023", ym(2023, 12)),
            ("2024-13-01", None),
            ("gestern", None),
            ("", None),
            ("1711620000", None),
            ("Mai", None),
        ];
        for (text, want) in cases {
            assert_eq!(year_month(text), want, "{text}");
        }
    }
}
