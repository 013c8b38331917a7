//! The query language: what the user typed, parsed into clauses the searcher runs.
//!
//! ```text
//! kim peking          both words (AND; also kim AND peking, kim UND peking)
//! kim OR putin        either word (also ODER, |)
//! "kim jong un"       a phrase: the words adjacent and in order
//! -trump              articles without the word (also -"a phrase", -person:Trump)
//! pjöng               the last word, while still being typed, is also a prefix
//! person:Putin        articles that mention the entity (also land:, ort:, org:,
//! ort:"Den Haag"      and country:, place:, organization:, entity:)
//! datum:2019          articles dated in 2019 (also datum:2019-05, datum:2018..2019-06)
//! ```
//!
//! docs/QUERY.md is the full table. Words go through the same analysis as article text
//! (`explorer_text::term_of`), so any spelling that reaches a term at index time reaches it
//! here. Parsing never fails: stray quotes and operators are ignored and an empty query has
//! no clauses. What the words mean to the index (optional, completed, corrected) is decided
//! later, by the planner (`search::plan`).

use explorer_index::{EntityKind, YearMonth};
use explorer_text::{analyze, exact_key, fold_key, tokenize};

/// Longest query (in bytes) that is parsed; the rest is ignored. Bounded work per keystroke.
pub const MAX_QUERY_BYTES: usize = 1_000;
/// Most clauses that are run; the rest are ignored.
pub const MAX_CLAUSES: usize = 16;

/// A unit of matching: one term, or a phrase of terms at consecutive positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matcher {
    /// Analysed terms, in order. One for a word; several for a phrase (or a hyphenated word,
    /// which is matched like a phrase).
    pub terms: Vec<String>,
    /// What the user wrote, for messages.
    pub text: String,
    /// The last term may be completed (the user is still typing it).
    pub prefix: bool,
    /// The last word folded but not stemmed, for completing it (see `explorer_text::fold_key`).
    pub prefix_key: String,
    /// Per term, the exact-spelling key (`explorer_text::exact_key`), where there is one.
    pub exact_keys: Vec<Option<String>>,
    /// A hyphenated word (`Klima-Schutz`) written together (`klimaschutz`): it matches as
    /// the phrase or as the closed compound.
    pub whole: Option<String>,
}

impl Matcher {
    /// One word (not a phrase, not hyphenated).
    pub fn is_word(&self) -> bool {
        self.terms.len() == 1
    }
}

/// A required clause: any one of its alternatives must match (`a OR b`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub any_of: Vec<Matcher>,
}

/// `person:Putin`: articles must mention an entity of that name (and kind, if given);
/// `-person:Putin`: they must not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityFilter {
    pub kind: Option<EntityKind>,
    /// The name as typed.
    pub name: String,
    pub negated: bool,
}

/// `datum:2019`: articles dated in this range (inclusive); `-datum:2019`: not in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateFilter {
    pub from: YearMonth,
    pub to: YearMonth,
    pub negated: bool,
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Clause>,
    pub excluded: Vec<Matcher>,
    pub entities: Vec<EntityFilter>,
    pub dates: Vec<DateFilter>,
    /// Filters that could not be read (`datum:bald`), as typed; they are left out.
    pub unreadable: Vec<String>,
}

/// The entity kind a filter prefix names (German and English), `Some(None)` for any kind.
fn filter_kind(prefix: &str) -> Option<Option<EntityKind>> {
    Some(match prefix.to_lowercase().as_str() {
        "person" | "personen" => Some(EntityKind::Person),
        "land" | "country" | "staat" => Some(EntityKind::Country),
        "ort" | "place" | "stadt" => Some(EntityKind::Place),
        "org" | "organisation" | "organization" => Some(EntityKind::Organization),
        "ereignis" | "event" => Some(EntityKind::Event),
        "entity" | "entität" => None,
        _ => return None,
    })
}

impl Query {
    /// No words, no filters, no exclusions: nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
            && self.entities.is_empty()
            && self.excluded.is_empty()
            && self.dates.is_empty()
    }

    /// Whether the query restricts by entity or date (beyond its words).
    pub fn has_filters(&self) -> bool {
        !self.entities.is_empty() || !self.dates.is_empty()
    }
}

/// `datum:`, `date:`, `jahr:`: a date filter prefix.
fn is_date_prefix(prefix: &str) -> bool {
    matches!(
        prefix.to_lowercase().as_str(),
        "datum" | "date" | "jahr" | "year" | "monat"
    )
}

/// `2019`, `2019-05`, `05.2019`, `2018..2019-06` (also with `-` or `bis` between two dates
/// of a year each): the first and last month.
pub fn parse_date_range(text: &str) -> Option<(YearMonth, YearMonth)> {
    let (a, b) = match text.split_once("..") {
        Some((a, b)) => (a, b),
        None => (text, text),
    };
    let (from, _) = parse_month(a.trim())?;
    let (_, to) = parse_month(b.trim())?;
    (from <= to).then_some((from, to))
}

/// A year (all its months) or a year and month.
fn parse_month(text: &str) -> Option<(YearMonth, YearMonth)> {
    let number = |s: &str| -> Option<u16> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (year, month) = match text.split_once(['-', '.', '/']) {
        Some((a, b)) if a.len() == 4 => (number(a)?, Some(number(b)?)),
        Some((a, b)) if b.len() == 4 => (number(b)?, Some(number(a)?)),
        Some(_) => return None,
        None if text.len() == 4 => (number(text)?, None),
        None => return None,
    };
    if !(1000..=2999).contains(&year) {
        return None;
    }
    match month {
        Some(m) if (1..=12).contains(&m) => {
            let ym = YearMonth {
                year,
                month: m as u8,
            };
            Some((ym, ym))
        }
        Some(_) => None,
        None => Some((YearMonth { year, month: 1 }, YearMonth { year, month: 12 })),
    }
}

#[derive(Debug, PartialEq, Eq)]
enum Piece {
    Word {
        text: String,
        negated: bool,
    },
    Phrase {
        text: String,
        negated: bool,
    },
    Filter {
        kind: Option<EntityKind>,
        name: String,
        negated: bool,
    },
    Date {
        /// The date or range, and the filter as typed (for a notice).
        text: String,
        typed: String,
        negated: bool,
    },
    Or,
    And,
}

/// Parse `input`. The last bare word is a prefix unless the input ends in whitespace.
pub fn parse(input: &str) -> Query {
    let input = truncate(input, MAX_QUERY_BYTES);
    let pieces = scan(input);
    let typing_last = !input.ends_with(char::is_whitespace);
    let last_word = pieces
        .iter()
        .rposition(|p| matches!(p, Piece::Word { negated: false, .. }))
        .filter(|&i| typing_last && i + 1 == pieces.len());

    let mut query = Query::default();
    let mut join_next = false;
    for (i, piece) in pieces.iter().enumerate() {
        let (text, negated, is_phrase) = match piece {
            Piece::Or => {
                join_next = !query.clauses.is_empty();
                continue;
            }
            Piece::And => continue,
            Piece::Filter {
                kind,
                name,
                negated,
            } => {
                if query.entities.len() < MAX_CLAUSES && !name.trim().is_empty() {
                    query.entities.push(EntityFilter {
                        kind: *kind,
                        name: name.trim().to_owned(),
                        negated: *negated,
                    });
                }
                continue;
            }
            Piece::Date {
                text,
                typed,
                negated,
            } => {
                match parse_date_range(text) {
                    Some((from, to)) if query.dates.len() < MAX_CLAUSES => {
                        query.dates.push(DateFilter {
                            from,
                            to,
                            negated: *negated,
                        })
                    }
                    Some(_) => {}
                    None => query.unreadable.push(typed.clone()),
                }
                continue;
            }
            Piece::Word { text, negated } => (text, *negated, false),
            Piece::Phrase { text, negated } => (text, *negated, true),
        };
        let tokens = tokenize(text);
        let terms: Vec<String> = analyze(text).into_iter().map(|a| a.term).collect();
        let exact_keys = tokens.iter().map(|t| exact_key(t.text)).collect();
        if terms.is_empty() {
            continue;
        }
        let prefix = !is_phrase && last_word == Some(i);
        let prefix_key = match tokens.last() {
            Some(last) if prefix => fold_key(last.text),
            _ => String::new(),
        };
        let hyphenated = !is_phrase
            && tokens.len() > 1
            && tokens[..tokens.len() - 1]
                .iter()
                .all(|t| t.joint == explorer_text::Joint::Hyphen);
        let whole = hyphenated.then(|| {
            let joined: String = tokens.iter().map(|t| t.text).collect();
            explorer_text::term_of(&joined)
        });
        let matcher = Matcher {
            terms,
            text: text.clone(),
            prefix,
            prefix_key,
            exact_keys,
            whole,
        };
        if negated {
            query.excluded.push(matcher);
        } else if join_next {
            if let Some(last) = query.clauses.last_mut() {
                last.any_of.push(matcher);
            }
        } else if query.clauses.len() < MAX_CLAUSES {
            query.clauses.push(Clause {
                any_of: vec![matcher],
            });
        }
        join_next = false;
    }
    query
}

fn scan(input: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut rest = input;
    loop {
        rest = rest.trim_start();
        let Some(first) = rest.chars().next() else {
            break;
        };
        let negated = first == '-' && rest.len() > 1;
        let body = if negated { &rest[1..] } else { rest };
        if let Some((prefix, after)) = body.split_once(':') {
            let is_prefix_word = !prefix.is_empty() && prefix.chars().all(char::is_alphabetic);
            if is_prefix_word && is_date_prefix(prefix) {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                pieces.push(Piece::Date {
                    text: after[..end].to_owned(),
                    typed: format!("{prefix}:{}", &after[..end]),
                    negated,
                });
                rest = &after[end..];
                continue;
            }
            if let Some(kind) = is_prefix_word.then(|| filter_kind(prefix)).flatten() {
                let (name, remaining) = match after.strip_prefix(['"', '„', '“']) {
                    Some(quoted) => {
                        let end = quoted.find(['"', '“', '”']).unwrap_or(quoted.len());
                        let remaining = quoted[end..]
                            .strip_prefix(['"', '“', '”'])
                            .unwrap_or(&quoted[end..]);
                        (&quoted[..end], remaining)
                    }
                    None => {
                        let end = after.find(char::is_whitespace).unwrap_or(after.len());
                        (&after[..end], &after[end..])
                    }
                };
                pieces.push(Piece::Filter {
                    kind,
                    name: name.to_owned(),
                    negated,
                });
                rest = remaining;
                continue;
            }
        }
        if let Some(after) = body.strip_prefix(['"', '„', '“', '”']) {
            let end = after.find(['"', '“', '”']).unwrap_or(after.len());
            pieces.push(Piece::Phrase {
                text: after[..end].to_owned(),
                negated,
            });
            rest = after
                .get(end..)
                .map_or("", |r| r.strip_prefix(['"', '“', '”']).unwrap_or(r));
            continue;
        }
        let end = body.find(char::is_whitespace).unwrap_or(body.len());
        let word = &body[..end];
        rest = &body[end..];
        if word == "OR" || word == "ODER" || word == "|" {
            pieces.push(Piece::Or);
        } else if word == "AND" || word == "UND" || word == "&&" || word == "&" {
            pieces.push(Piece::And);
        } else {
            pieces.push(Piece::Word {
                text: word.to_owned(),
                negated,
            });
        }
    }
    pieces
}

fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use explorer_text::term_of;

    fn terms(m: &Matcher) -> Vec<&str> {
        m.terms.iter().map(String::as_str).collect()
    }

    #[test]
    fn words_are_and_clauses_and_the_last_is_a_prefix() {
        let q = parse("Kim Pjöng");
        assert_eq!(q.clauses.len(), 2);
        assert!(!q.clauses[0].any_of[0].prefix);
        assert!(q.clauses[1].any_of[0].prefix);
        let q = parse("Kim Pjöng ");
        assert!(!q.clauses[1].any_of[0].prefix);
    }

    #[test]
    fn phrases_or_and_exclusions() {
        let q = parse(r#""Kim Jong Un" Putin OR Xi -Trump"#);
        assert_eq!(q.clauses.len(), 2);
        assert_eq!(terms(&q.clauses[0].any_of[0]).len(), 3);
        assert_eq!(q.clauses[1].any_of.len(), 2);
        assert_eq!(q.excluded.len(), 1);
        assert_eq!(terms(&q.excluded[0]), [term_of("Trump").as_str()]);
    }

    #[test]
    fn odd_input_parses_to_something_sensible() {
        for input in [
            "",
            "   ",
            "\"",
            "-",
            "OR",
            "OR OR kim",
            "\"unclosed phrase",
            "-\"\"",
            "***",
            "(a|b)*",
        ] {
            let _ = parse(input);
        }
        assert!(parse("").is_empty());
        // Exclusions alone are a query: every article without the word.
        assert!(parse("-kim").clauses.is_empty() && !parse("-kim").is_empty());
        assert_eq!(parse("OR kim").clauses.len(), 1);
        assert_eq!(
            parse("\"unclosed phrase").clauses[0].any_of[0].terms.len(),
            2
        );
    }

    #[test]
    fn entity_filters_by_kind_and_name() {
        let q = parse(r#"person:Putin ort:"Den Haag" Gipfel land:"#);
        assert_eq!(q.clauses.len(), 1);
        assert_eq!(
            q.entities,
            [
                EntityFilter {
                    kind: Some(EntityKind::Person),
                    name: "Putin".into(),
                    negated: false,
                },
                EntityFilter {
                    kind: Some(EntityKind::Place),
                    name: "Den Haag".into(),
                    negated: false,
                },
            ]
        );
        // An unknown prefix is an ordinary word.
        assert_eq!(parse("uhrzeit:12").entities, []);
    }

    #[test]
    fn negated_filters_dates_and_and() {
        let q = parse("Kim -person:Putin AND datum:2019-05 -datum:2018..2019 datum:bald");
        assert_eq!(q.clauses.len(), 1);
        assert!(q.entities[0].negated);
        let may = YearMonth {
            year: 2019,
            month: 5,
        };
        assert_eq!(
            (q.dates[0].from, q.dates[0].to, q.dates[0].negated),
            (may, may, false)
        );
        assert_eq!(q.dates[1].from.year, 2018);
        assert_eq!((q.dates[1].to.month, q.dates[1].negated), (12, true));
        assert_eq!(q.unreadable, ["datum:bald"]);
        assert_eq!(
            parse("Klima-Schutz").clauses[0].any_of[0].whole.as_deref(),
            Some(term_of("Klimaschutz").as_str())
        );
    }

    #[test]
    fn long_queries_are_bounded() {
        let q = parse(&"wort ".repeat(5_000));
        assert!(q.clauses.len() <= MAX_CLAUSES);
    }
}
