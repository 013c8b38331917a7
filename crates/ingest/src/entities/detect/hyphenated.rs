//! Names in hyphenated words (`PRO-GE`, `Fritz-Bauer-Preis`, `SPD-Politiker`, `EU-Kommission`)
//! and in one-word event compounds (`Koreakrieg`): a rule of the first pass (see the parent
//! module) and the helpers the role and typed-name rules share.

use super::{Fact, Scan};
use crate::entities::cues;
use crate::entities::tables::form_key;
use crate::entities::tokens::Tok;
use crate::entities::{EntityKind, MentionKind, Target};

impl Scan<'_, '_> {
    /// A hyphenated word: an organisation of abbreviations, a compound ending in an event,
    /// place or organisation head, or the names among its parts.
    pub(super) fn hyphenated(&mut self, i: usize) -> Option<usize> {
        let tok = *self.tok(i)?;
        let parts = if self.facts[i].is(Fact::Hyphenated) {
            tok.parts()
        } else {
            Vec::new()
        };
        if parts.len() < 2 {
            return self.event_compound(i).then_some(i + 1);
        }
        if self.town_club(&tok) {
            return Some(i + 1);
        }
        let (first, last) = (parts[0].2, parts[parts.len() - 1].2);
        let first_known = self.lookup.form(&form_key([first])).is_some();
        // `PRO-GE`: abbreviations only, none of them a known name, are one abbreviation.
        let capitals = |p: &str| p.chars().count() >= 2 && p.chars().all(char::is_uppercase);
        let unknown = |p: &str| self.lookup.form(&form_key([p])).is_none();
        if parts.iter().all(|p| capitals(p.2) && unknown(p.2)) {
            self.push_name(tok.start, tok.end, EntityKind::Organization, 2);
            return Some(i + 1);
        }
        // `eine Non-Profit-Organisation`: after an indefinite article, a kind of thing.
        let indefinite = self.indefinite_before(i);
        match cues::head_kind(last).filter(|_| !indefinite) {
            Some(EntityKind::Event) if first_known || parts.len() >= 3 => {
                self.push_name(tok.start, tok.end, EntityKind::Event, 3);
                return Some(i + 1);
            }
            Some(kind @ (EntityKind::Place | EntityKind::Organization))
                if !first_known
                    && (!self.t.is_noun(first) || parts.len() >= 3)
                    && first.chars().next().is_some_and(char::is_uppercase) =>
            {
                self.push_name(tok.start, tok.end, kind, 3);
                return Some(i + 1);
            }
            _ => {}
        }
        // `Köln-Müngersdorf`, `Hamburg-Altona`: a town and its district (a name, not a noun).
        if parts.len() == 2 && !indefinite {
            let town = matches!(
                self.lookup.form(&form_key([first])),
                Some((_, EntityKind::Place, false))
            );
            let district = last.chars().next().is_some_and(char::is_uppercase)
                && (!self.t.is_noun(last) && !self.t.is_lowercase_word(last)
                    || matches!(
                        self.lookup.form(&form_key([last])),
                        Some((_, EntityKind::Place, false))
                    ));
            if town && district {
                self.push_name(tok.start, tok.end, EntityKind::Place, 3);
                return Some(i + 1);
            }
        }
        self.parts(&tok).then_some(i + 1)
    }

    /// `Bayern-Profis`, `Köln-Trainer`: before a player's or coach's role, a town or region
    /// (not a country: `Deutschland-Trainer` coaches a national team) names its club.
    pub(super) fn town_club(&mut self, tok: &Tok<'_>) -> bool {
        let parts = tok.parts();
        if parts.len() != 2 || !cues::is_squad_role(parts[1].2) {
            return false;
        }
        let (s, e, town) = parts[0];
        let place = matches!(
            self.lookup.form(&form_key([town])),
            Some((_, EntityKind::Place, false))
        );
        if place {
            self.push_name(s, e, EntityKind::Organization, 3);
        }
        place
    }

    /// `Koreakrieg`: a place name and an event noun in one word.
    fn event_compound(&mut self, i: usize) -> bool {
        if !self.facts[i].is(Fact::EventCompound) {
            return false;
        }
        let tok = self.toks[i];
        self.push_name(tok.start, tok.end, EntityKind::Event, 3);
        true
    }

    /// Gazetteer forms, acronyms and demonyms among the parts of a hyphenated word.
    pub(super) fn parts(&mut self, tok: &Tok<'_>) -> bool {
        let parts = tok.parts();
        if parts.len() < 2 {
            return false;
        }
        let mut found = false;
        for (s, e, part) in parts {
            if let Some((target, kind, false)) = self.lookup.form(&form_key([part])) {
                self.push(s, e, target, kind, MentionKind::Name, 3);
            } else if self.is_acronym(part) {
                self.push_name(s, e, EntityKind::Organization, 1);
            } else if let Some(entry) = self.t.adjective(part) {
                self.push(
                    s,
                    e,
                    Target::Known(entry),
                    self.t.entries[entry].kind,
                    MentionKind::Demonym,
                    3,
                );
            } else {
                continue;
            }
            found = true;
        }
        found
    }

    /// `SPD-Politiker`, `Greenpeace-Sprecherin`: before a role, a name or abbreviation that is
    /// no place is the organisation the person speaks for.
    pub(super) fn affiliation(&mut self, tok: &Tok<'_>) {
        let parts = tok.parts();
        if parts.len() != 2 {
            return;
        }
        let (s, e, first) = parts[0];
        let capitals = first.chars().all(char::is_uppercase) && first.chars().count() >= 2;
        // German joins common nouns to a role without a hyphen (`Parteichef`): before a
        // leader's role, a hyphen marks a name even where the word is a noun too
        // (`Henkel-Chef`), unless a linking `s` shows a noun (`Regierungs-Chef`).
        let leader = [
            "Chef",
            "Chefin",
            "Boss",
            "Sprecher",
            "Sprecherin",
            "Gründer",
            "Gründerin",
        ]
        .contains(&parts[1].2)
            && !first.ends_with('s');
        let name = first.chars().next().is_some_and(char::is_uppercase)
            && (!self.t.is_noun(first) || leader)
            && !self.t.is_lowercase_word(first);
        if capitals || name {
            self.push_name(s, e, EntityKind::Organization, 2);
        }
    }
}
