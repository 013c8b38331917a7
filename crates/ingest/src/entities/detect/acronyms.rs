//! An acronym in brackets after a long name (`Deutscher Wetterdienst (DWD)`) names the same
//! thing, when its letters are the name's initials in order; so does one word before one
//! (`Generalbundesanwalts (GBA)`).

use super::{name_key, Fact, Scan};
use crate::entities::{EntityKind, MentionKind, Target};

impl Scan<'_, '_> {
    /// `des Generalbundesanwalts (GBA)`: one word followed by its abbreviation in brackets
    /// names the body the abbreviation names (common abbreviations such as `BIP` are no
    /// acronyms here, and a known name is left to the gazetteer).
    pub(super) fn abbreviated_word(&mut self, i: usize) -> Option<usize> {
        let tok = *self.tok(i)?;
        let next = self.tok(i + 1)?;
        if !next.parenthesised
            || next.text.chars().count() < 3
            || !self.facts[i + 1].is(Fact::Acronym)
            || self.facts[i].is(Fact::Acronym)
            || self.facts[i].is(Fact::Hyphenated)
            || self.facts[i].is(Fact::FunctionWord)
            || tok.text.chars().count() < 6
            || !initials_match(next.text, tok.text)
            || self.gazetteer(i).is_some()
        {
            return None;
        }
        self.push_name(tok.start, tok.end, EntityKind::Organization, 3);
        Some(self.acronym_alias(i + 1, EntityKind::Organization, tok.start, tok.end))
    }

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
