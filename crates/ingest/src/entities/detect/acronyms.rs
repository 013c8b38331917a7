//! An acronym in brackets after a long name (`Deutscher Wetterdienst (DWD)`) names the same
//! thing, when its letters are the name's initials in order.

use super::{name_key, Fact, Scan};
use crate::entities::{EntityKind, MentionKind, Target};

impl Scan<'_, '_> {
    /// `Name (ACRONYM)`: the acronym is another name of the same thing.
    pub(super) fn acronym_alias(
        &mut self,
        end: usize,
        kind: EntityKind,
        start: usize,
        stop: usize,
    ) -> usize {
        match self.tok(end) {
            Some(t)
                if t.parenthesised
                    && self.facts[end].is(Fact::Acronym)
                    && initials_match(t.text, &self.text[start..stop]) =>
            {
                let key = name_key(&self.text[start..stop], kind);
                self.push(
                    t.start,
                    t.end,
                    Target::Name(key),
                    kind,
                    MentionKind::Name,
                    3,
                );
                end + 1
            }
            _ => end,
        }
    }
}

/// Whether `acronym` can abbreviate `name`: its first letter starts the name and its other
/// letters follow in order (`DWD` for `Deutscher Wetterdienst`, not `CDU` for `Friedrich
/// Merz`).
fn initials_match(acronym: &str, name: &str) -> bool {
    let name: Vec<char> = name.to_lowercase().chars().collect();
    let mut letters = acronym
        .to_lowercase()
        .chars()
        .collect::<Vec<_>>()
        .into_iter();
    let Some(first) = letters.next() else {
        return false;
    };
    if name.first() != Some(&first) {
        return false;
    }
    let mut at = 1;
    for c in letters {
        match name[at..].iter().position(|&n| n == c) {
            Some(p) => at += p + 1,
            None => return false,
        }
    }
    true
}
