//! The name an entity is shown under: the form a reader expects, in the nominative
//! (`Zweiter Weltkrieg` for `des Zweiten Weltkriegs`, `Weißes Haus` for `im Weißen Haus`,
//! `Robert Koch-Institut` for `des Robert Koch-Instituts`).

use super::tables::{Gender, Tables};
use super::EntityKind;
use std::collections::BTreeMap;

/// Words that join the parts of a long name (`Institut für Weltraumforschung`, `Große Halle
/// des Volkes`): the head noun is the last word before the first of them.
const JOINERS: &[&str] = &[
    "für", "des", "der", "von", "vom", "zu", "zur", "zum", "am", "an", "im", "in", "und", "of",
];

/// The name to show: for people the longest, then most mentioned full name, otherwise the
/// most mentioned form that is not an abbreviation nor the end of a longer form, without
/// genitive `s`, in the nominative.
pub(crate) fn display_name(seen: &BTreeMap<String, u32>, kind: EntityKind, t: &Tables) -> String {
    let genitive = |s: &str| {
        s.strip_suffix('s')
            .is_some_and(|stem| seen.contains_key(stem))
    };
    // `Hagelversicherung` beside `Österreichische Hagelversicherung`: a form that ends a
    // longer one is its short form, never the name shown.
    let short_form = |s: &str| {
        seen.keys()
            .any(|o| o.len() > s.len() && o.ends_with(s) && o[..o.len() - s.len()].ends_with(' '))
    };
    let best = seen
        .iter()
        .max_by_key(|(s, n)| {
            let words = s.split_whitespace().count();
            (
                if kind == EntityKind::Person {
                    words.min(4)
                } else {
                    0
                },
                !is_abbreviation(s),
                !short_form(s),
                !genitive(s),
                **n,
                std::cmp::Reverse(s.len()),
                std::cmp::Reverse((*s).clone()),
            )
        })
        .map(|(s, _)| s.clone())
        .unwrap_or_default();
    if kind == EntityKind::Person {
        return best;
    }
    nominative(&best, t)
}

/// `DWD`, `BfJ`, `IStGH`: capitals (with small letters between), no space; an abbreviation
/// is never the name shown when the entity has a long form.
pub(crate) fn is_abbreviation(s: &str) -> bool {
    let capitals = s.chars().filter(|c| c.is_uppercase()).count();
    let all = s.chars().all(|c| c.is_uppercase() || !c.is_alphabetic());
    let mixed = capitals >= 2
        && s.chars().count() <= 6
        && s.chars().all(char::is_alphabetic)
        && s.chars().next().is_some_and(char::is_uppercase)
        && s.chars().last().is_some_and(char::is_uppercase);
    !s.contains(' ') && (all || mixed)
}

/// A capitalised adjective at the start of a name (`Zweiten`, `Deutsche`, `Olympischen`).
fn is_name_adjective(word: &str, t: &Tables) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 4
        && (t.is_adjective(word) || t.adjective(word).is_some())
}

/// The adjective without its ending (`Zweiten` → `Zweit`).
fn adjective_stem(word: &str) -> &str {
    ["en", "em", "er", "es", "e"]
        .iter()
        .find_map(|e| word.strip_suffix(e))
        .unwrap_or(word)
}

/// The head noun in the nominative singular, with its gender: a genitive `s`/`es` dropped
/// where the rest is a masculine or neuter noun (`Weltkriegs`, `Koch-Instituts`). `None` for
/// the gender of a plural or an unknown word.
fn head_nominative(head: &str, t: &Tables) -> (String, Option<Gender>) {
    if let Some(g) = t.gender(head) {
        return (head.to_owned(), Some(g));
    }
    for ending in ["es", "s"] {
        let Some(stem) = head.strip_suffix(ending) else {
            continue;
        };
        if stem.chars().count() < 3 {
            continue;
        }
        if let Some(g @ (Gender::Masculine | Gender::Neuter)) = t.gender(stem) {
            return (stem.to_owned(), Some(g));
        }
    }
    (head.to_owned(), None)
}

/// Leading capitalised adjectives in the strong nominative after the gender of the head noun
/// (`Deutscher Wetterdienst`, `Weißes Haus`, `Große Halle`, `Olympische Spiele`), and the head
/// noun without a genitive ending. Words after the head (`für …`, `des Volkes`) are kept.
pub(crate) fn nominative(name: &str, t: &Tables) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    let adjectives = words.iter().take_while(|w| is_name_adjective(w, t)).count();
    let head_at = words
        .iter()
        .position(|w| JOINERS.contains(w))
        .unwrap_or(words.len())
        .saturating_sub(1);
    if adjectives == words.len() || head_at < adjectives {
        return name.to_owned();
    }
    let head = words[head_at];
    // `den Olympischen Spielen`: a dative plural after adjectives in `-en`.
    let dative_plural = head.strip_suffix('n').filter(|stem| {
        adjectives > 0 && words[0].ends_with("en") && t.is_noun(stem) && t.gender(stem).is_none()
    });
    let (nominative_head, gender) = match dative_plural {
        Some(stem) => (stem.to_owned(), None),
        None => head_nominative(head, t),
    };
    let plural = gender.is_none() && t.is_noun(head);
    if adjectives > 0 && gender.is_none() && !plural {
        return name.to_owned();
    }
    let mut out: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
    for w in out.iter_mut().take(adjectives) {
        let ending = match gender {
            Some(Gender::Masculine) => "er",
            Some(Gender::Neuter) => "es",
            Some(Gender::Feminine) | None => "e",
        };
        *w = format!("{}{ending}", adjective_stem(w));
    }
    out[head_at] = nominative_head;
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::tables::tables;

    #[test]
    fn names_are_shown_in_the_nominative() {
        let t = tables();
        let cases = [
            ("Zweiten Weltkriegs", "Zweiter Weltkrieg"),
            ("Zweite Weltkrieg", "Zweiter Weltkrieg"),
            ("Weißen Haus", "Weißes Haus"),
            ("Deutsche Wetterdienst", "Deutscher Wetterdienst"),
            ("Deutschen Bahn", "Deutsche Bahn"),
            ("Großen Halle des Volkes", "Große Halle des Volkes"),
            ("Olympischen Spiele", "Olympische Spiele"),
            ("Olympischen Spielen", "Olympische Spiele"),
            (
                "Internationale Olympische Komitee",
                "Internationales Olympisches Komitee",
            ),
            (
                "Nationale Institut für Weltraumforschung",
                "Nationales Institut für Weltraumforschung",
            ),
            ("Robert Koch-Instituts", "Robert Koch-Institut"),
            ("Rapid Support Forces", "Rapid Support Forces"),
            ("King's College", "King's College"),
        ];
        for (seen, shown) in cases {
            assert_eq!(nominative(seen, t), shown, "{seen}");
        }
    }
}
