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

/// The answers for one word. Entries are indexes into `Tables::entries`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Facts {
    /// The first letter is uppercase.
    pub capitalised: bool,
    /// Capitalised and a German common noun.
    pub noun: bool,
    /// An abbreviation in capitals that is no noun (`KCNA`).
    pub acronym: bool,
    /// A role noun (`Kremlchef`).
    pub role: bool,
    /// An institution followed by its place (`Universität`).
    pub institution: bool,
    /// A country's designator (`Volksrepublik`).
    pub designator: bool,
    /// A particle of names (`von`, `da`).
    pub particle: bool,
    /// A function word (`für`).
    pub function_word: bool,
    /// A word German writes in lowercase.
    pub lowercase_word: bool,
    pub given_name: bool,
    /// A capitalised adjective of four letters or more (`Großen`, `Olympischen`).
    pub capital_adjective: bool,
    /// Begins a foreign place name (`Plaza`).
    pub foreign_place: bool,
    /// A place's adjective (`Brandenburger`).
    pub of_place: bool,
    /// Has a hyphen, so more than one part.
    pub hyphenated: bool,
    /// A place name and an event noun in one word (`Koreakrieg`).
    pub event_compound: bool,
    /// The kind of name this type noun announces (`Nachrichtenagentur`).
    pub type_cue: Option<EntityKind>,
    /// The kind of name this head noun ends (`Palast`).
    pub head: Option<EntityKind>,
    /// Most words of a gazetteer form starting with this word.
    pub max_words: usize,
    /// The nationality adjective's entry, in any inflection (`nordkoreanischen`).
    pub nationality: Option<usize>,
    /// The demonym noun's entry (`Chinesen`).
    pub demonym_noun: Option<usize>,
    /// The city adjective's entry (`Londoner`).
    pub city_adjective: Option<usize>,
}

impl Facts {
    fn of(word: &str, t: &Tables, lookup: &Lookup) -> Facts {
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        let n = word.chars().count();
        let nationality = t.adjective(word);
        Facts {
            capitalised,
            noun: capitalised && t.is_noun(word),
            acronym: (2..=6).contains(&n)
                && word.chars().all(|c| c.is_uppercase() && c.is_alphabetic())
                && !word.chars().all(|c| "IVXLCDM".contains(c))
                && !t.is_noun(word),
            role: cues::is_role(word),
            institution: cues::is_institution(word),
            designator: DESIGNATORS.contains(&word),
            particle: PARTICLES.contains(&word),
            function_word: t.is_function_word(word),
            lowercase_word: t.is_lowercase_word(word),
            given_name: t.is_given_name(word),
            capital_adjective: capitalised
                && n >= 4
                && (t.is_adjective(word) || nationality.is_some()),
            foreign_place: cues::is_foreign_place_word(word),
            of_place: t.city_adjectives.contains_key(word)
                || word
                    .strip_suffix("er")
                    .is_some_and(|stem| lookup.form(&form_key([stem])).is_some()),
            hyphenated: word.contains(is_hyphen),
            event_compound: cues::event_suffix(word)
                .is_some_and(|cut| lookup.form(&form_key([&word[..cut]])).is_some()),
            type_cue: cues::type_cue(word),
            head: cues::head_kind(word),
            max_words: lookup.max_words(word),
            nationality,
            demonym_noun: t.demonym_nouns.get(word).copied(),
            city_adjective: t.city_adjectives.get(word).copied(),
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
