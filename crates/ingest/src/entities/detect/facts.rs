//! What the rules ask of a single word (a noun? a role? a nationality adjective?), worked
//! out once per distinct word of the corpus.
//!
//! Every answer here depends on the word's text alone (and on the tables and the curation,
//! which do not change during a build), so remembering it changes nothing but the time: a
//! corpus repeats a few hundred thousand distinct words millions of times, and asking the
//! word lists again for each would be most of entity recognition.

use super::super::cues::{self, DESIGNATORS, PARTICLES};
use super::super::tables::{form_key, Tables};
use super::super::tokens::is_hyphen;
use super::super::{EntityKind, Lookup};
use crate::hash::FastMap;

/// The answers for one word, packed (a corpus has many distinct words): yes/no answers are
/// bits, entries (indexes into `Tables::entries`) are `u32` with [`NO_ENTRY`] for none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Facts {
    flags: u32,
    type_cue: Option<EntityKind>,
    head: Option<EntityKind>,
    max_words: u32,
    nationality: u32,
    demonym_noun: u32,
    city_adjective: u32,
}

const NO_ENTRY: u32 = u32::MAX;

/// The tables have some thousand entries: every one fits.
fn entry(e: Option<usize>) -> u32 {
    e.and_then(|e| u32::try_from(e).ok()).unwrap_or(NO_ENTRY)
}

/// A yes/no question about a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Fact {
    /// The first letter is uppercase.
    Capitalised,
    /// Capitalised and a German common noun.
    Noun,
    /// An abbreviation in capitals that is no noun (`KCNA`).
    Acronym,
    /// A role noun (`Kremlchef`).
    Role,
    /// An institution followed by its place (`Universität`).
    Institution,
    /// A country's designator (`Volksrepublik`).
    Designator,
    /// A particle of names (`von`, `da`).
    Particle,
    /// A function word (`für`).
    FunctionWord,
    /// A word German writes in lowercase.
    LowercaseWord,
    /// A given name.
    GivenName,
    /// A capitalised adjective of four letters or more (`Großen`, `Olympischen`).
    CapitalAdjective,
    /// Begins a foreign place name (`Plaza`).
    ForeignPlace,
    /// A place's adjective (`Brandenburger`).
    OfPlace,
    /// Has a hyphen, so more than one part.
    Hyphenated,
    /// A place name and an event noun in one word (`Koreakrieg`).
    EventCompound,
    /// An event named by one word with its cue (`Bundesliga`, `Nobelpreis`).
    EventWord,
    /// Ends in the head of an official body's name (`Bundesamt`, `Instituts`).
    OfficialHead,
    /// A ministry or committee named by its field (`Landwirtschaftsministerium`).
    Ministry,
    /// Begins a club's name (`VfB`, `Borussia`).
    ClubPrefix,
    /// Ends in the head of an event's name (`Turnfests`, `Buchmesse`).
    EventHead,
    /// A compound that ends in an event's head, named by its place (`Museumsforum`).
    EventHeadCompound,
    /// A regional body's compound, named by its region (`Museumsverband`).
    RegionalBody,
    /// A town's body, named by its town (`Rat`, `Stadtverwaltung`).
    TownBody,
    /// A brand or company that is a German word too (`Volkswagen`).
    Brand,
}

impl Fact {
    fn bit(self) -> u32 {
        1 << self as u32
    }
}

impl Facts {
    /// The answer to `fact`.
    pub fn is(&self, fact: Fact) -> bool {
        self.flags & fact.bit() != 0
    }

    /// The kind of name this type noun announces (`Nachrichtenagentur`).
    pub fn type_cue(&self) -> Option<EntityKind> {
        self.type_cue
    }

    /// The kind of name this head noun ends (`Palast`).
    pub fn head(&self) -> Option<EntityKind> {
        self.head
    }

    /// Most words of a gazetteer form starting with this word.
    pub fn max_words(&self) -> usize {
        self.max_words as usize
    }

    /// The nationality adjective's entry, in any inflection (`nordkoreanischen`).
    pub fn nationality(&self) -> Option<usize> {
        (self.nationality != NO_ENTRY).then_some(self.nationality as usize)
    }

    /// The demonym noun's entry (`Chinesen`).
    pub fn demonym_noun(&self) -> Option<usize> {
        (self.demonym_noun != NO_ENTRY).then_some(self.demonym_noun as usize)
    }

    /// The city adjective's entry (`Londoner`).
    pub fn city_adjective(&self) -> Option<usize> {
        (self.city_adjective != NO_ENTRY).then_some(self.city_adjective as usize)
    }

    fn of(word: &str, t: &Tables, lookup: &Lookup) -> Facts {
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        let n = word.chars().count();
        let nationality = t.adjective(word).or_else(|| region_adjective(word, t));
        let answers = [
            (Fact::Capitalised, capitalised),
            (Fact::Noun, capitalised && t.is_noun(word)),
            (Fact::Acronym, t.is_acronym(word)),
            (Fact::Role, cues::is_role(word)),
            (Fact::Institution, cues::is_institution(word)),
            (Fact::Designator, DESIGNATORS.contains(&word)),
            (
                Fact::Particle,
                PARTICLES.contains(&word)
                    || n >= 2 && PARTICLES.contains(&word.to_lowercase().as_str()),
            ),
            (Fact::FunctionWord, t.is_function_word(word)),
            (Fact::LowercaseWord, t.is_lowercase_word(word)),
            (
                Fact::GivenName,
                t.is_given_name(word)
                    || word.contains(is_hyphen)
                        && word.split(is_hyphen).all(|p| t.is_given_name(p)),
            ),
            (
                Fact::CapitalAdjective,
                capitalised && n >= 4 && (t.is_adjective(word) || nationality.is_some()),
            ),
            (Fact::ForeignPlace, cues::is_foreign_place_word(word)),
            (
                Fact::OfPlace,
                t.city_adjectives.contains_key(word)
                    || word
                        .strip_suffix("er")
                        .is_some_and(|stem| lookup.form(&form_key([stem])).is_some()),
            ),
            (Fact::Hyphenated, word.contains(is_hyphen)),
            (Fact::EventWord, super::events::is_event_word(word)),
            (Fact::OfficialHead, super::bodies::is_official_head(word)),
            (Fact::Ministry, super::bodies::is_ministry(word)),
            (Fact::ClubPrefix, super::bodies::is_club_prefix(word)),
            (
                Fact::EventHead,
                capitalised && super::events::is_event_head(word),
            ),
            (
                Fact::EventHeadCompound,
                capitalised && super::events::is_event_head_compound(word),
            ),
            (
                Fact::RegionalBody,
                capitalised && cues::is_regional_body(word),
            ),
            (
                Fact::TownBody,
                capitalised && super::bodies::is_town_body(word),
            ),
            (
                Fact::Brand,
                capitalised
                    && matches!(
                        lookup.form(&form_key([word])),
                        Some((_, EntityKind::Organization, true))
                    ),
            ),
            (
                Fact::EventCompound,
                cues::event_suffix(word)
                    .is_some_and(|cut| lookup.form(&form_key([&word[..cut]])).is_some()),
            ),
        ];
        Facts {
            flags: answers
                .iter()
                .filter(|(_, yes)| *yes)
                .fold(0, |flags, (fact, _)| flags | fact.bit()),
            type_cue: cues::type_cue(word),
            head: cues::head_kind(word),
            // No form has four billion words: saturating changes nothing.
            max_words: u32::try_from(lookup.max_words(word)).unwrap_or(u32::MAX),
            nationality: entry(nationality),
            demonym_noun: entry(t.demonym_noun(word)),
            city_adjective: entry(t.city_adjectives.get(word).copied()),
        }
    }
}

/// The facts of every word seen so far in a build.
#[derive(Debug, Default)]
pub(crate) struct WordFacts<'a> {
    known: FastMap<&'a str, Facts>,
}

impl<'a> WordFacts<'a> {
    /// The facts of `word`, worked out on its first occurrence.
    pub fn get(&mut self, word: &'a str, t: &Tables, lookup: &Lookup) -> Facts {
        *self
            .known
            .entry(word)
            .or_insert_with(|| Facts::of(word, t, lookup))
    }
}

/// `nordrhein-westfälischen`, `baden-württembergische`: a hyphenated adjective whose last part
/// is the adjective of a region (`westfälisch` → `Westfalen`) and whose first part, joined to
/// that region's name, is a place the tables know (`Nordrhein-Westfalen`).
fn region_adjective(word: &str, t: &Tables) -> Option<usize> {
    let (first, last) = word.rsplit_once(is_hyphen)?;
    if first.is_empty() || first.contains(is_hyphen) || first.chars().count() < 4 {
        return None;
    }
    let part = t.adjective(last)?;
    let mut chars = first.chars();
    let initial = chars.next()?.to_uppercase();
    let name = format!("{initial}{}-{}", chars.as_str(), t.entries[part].name);
    let f = t.forms.get(&form_key([name.as_str()]))?;
    (t.entries[f.entry].kind == EntityKind::Place).then_some(f.entry)
}
