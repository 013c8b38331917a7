//! Events by their cue, tried first at each word: tournaments (`Fußball-WM`, `Bundesliga`,
//! `Champions League`, `Formel 1`), prizes (`Georg-Büchner-Preis`, `Fußballer des Jahres`),
//! summits (`G7-Gipfel`) and named weather systems (`Tief „Zoltan“`).

use super::bodies::{all_digits, starts_upper};
use super::{Fact, Scan};
use crate::entities::tokens::{Tok, QUOTE_MARKS};
use crate::entities::EntityKind;

/// Weather systems named by the weather services.
const WEATHER: &[&str] = &[
    "Tief",
    "Hoch",
    "Sturmtief",
    "Orkantief",
    "Orkan",
    "Hurrikan",
    "Taifun",
    "Zyklon",
    "Tropensturm",
    "Wintersturm",
];

/// English heads of tournaments' names, after any capitalised words.
const ENGLISH_EVENT_HEADS: &[&str] = &[
    "League", "Cup", "Open", "Games", "Trophy", "Masters", "Award", "Awards", "Tour", "Festival",
];

/// Nouns that start an event's title in quotes (`beim „Fest der Nachbarn“`).
const QUOTED_EVENT_NOUNS: &[&str] = &[
    "Fest", "Festival", "Turnier", "Konzert", "Gala", "Ball", "Messe", "Kongress", "Forum",
    "Gipfel", "Tag", "Nacht", "Lauf", "Marsch",
];

/// Abbreviations of tournaments.
const EVENT_ABBREVIATIONS: &[&str] = &["WM", "EM"];

/// Last parts of a hyphenated word that make the whole word an event (`Fußball-WM`,
/// `G7-Gipfel`, `Georg-Büchner-Preis`).
const EVENT_PARTS: &[&str] = &[
    "WM",
    "EM",
    "Weltmeisterschaft",
    "Europameisterschaft",
    "Olympia",
    "Gipfel",
    "Gipfels",
    "Preis",
    "Preises",
    "Liga",
    "Festival",
    "Festivals",
    "Festspiele",
    "Cup",
    "Open",
    "Marathon",
];

/// Endings of the last part of a hyphenated word that make the whole word a named event when
/// its first part is a name (`Fritz-Bauer-Studienpreis`, `Salzburger-Festspiele`).
const EVENT_ENDINGS: &[&str] = &[
    "preis",
    "preises",
    "festival",
    "festivals",
    "festspiele",
    "gipfel",
    "gipfels",
    "pokal",
    "pokals",
    "meisterschaft",
    "marathon",
    "spiele",
];

/// Heads of events' names: a compound ending in one before a place (`Museumsforum NRW`,
/// `Filmfestival Locarno`), or one after a capitalised adjective (`Deutsches Turnfest`).
const EVENT_HEADS: &[&str] = &[
    "preis",
    "festival",
    "festspiele",
    "gipfel",
    "fest",
    "forum",
    "kongress",
    "konferenz",
    "messe",
    "turnier",
    "meisterschaft",
    "marathon",
];

/// Ends in the head of an event's name (`Turnfests`, `Museumsforum`, `Buchmesse`), in any
/// case; not `Manifest`.
pub(crate) fn is_event_head(word: &str) -> bool {
    let lower = word.to_lowercase();
    let stem = ["es", "s", "en", "n"]
        .iter()
        .find_map(|e| lower.strip_suffix(e))
        .filter(|s| EVENT_HEADS.iter().any(|h| s.ends_with(h)))
        .unwrap_or(&lower);
    EVENT_HEADS.iter().any(|h| stem.ends_with(h)) && !stem.ends_with("manifest")
}

/// A compound whose head names an event, one place away from its name (`Museumsforum`,
/// `Filmfestival`), not the head alone (`Forum`).
pub(crate) fn is_event_head_compound(word: &str) -> bool {
    if !is_event_head(word) {
        return false;
    }
    let lower = word.to_lowercase();
    EVENT_HEADS
        .iter()
        .any(|h| lower.find(h).is_some_and(|at| at > 3))
}

/// `Zweite`, `Dritten`: an ordinal that names a league's tier (`Zweite Bundesliga`).
pub(super) fn is_tier(word: &str) -> bool {
    if !matches!(
        word.chars().next(),
        Some('E' | 'Z' | 'D' | 'V' | 'F' | 'e' | 'z' | 'd' | 'v' | 'f')
    ) || word.len() > 9
    {
        return false; // (most words: no allocation)
    }
    let lower = word.to_lowercase();
    ["erst", "zweit", "dritt", "viert", "fünft"]
        .iter()
        .any(|o| {
            lower
                .strip_prefix(o)
                .is_some_and(|e| ["e", "en", "er", "es", "em"].contains(&e))
        })
}

/// An event whose name is one word with its cue: `Bundesliga`, `Nobelpreis`.
pub(crate) fn is_event_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    let league = lower.ends_with("liga") && lower.chars().count() >= 7;
    let cup = ["cup", "pokal"]
        .iter()
        .any(|c| lower.ends_with(c) && lower.len() >= c.len() + 4);
    league || cup || lower.contains("nobelpreis") || lower.ends_with("festspiele")
}

/// `G7`, `G-20`: a summit of the group of that many states.
fn is_group(word: &str) -> bool {
    word.strip_prefix('G')
        .map(|rest| rest.strip_prefix('-').unwrap_or(rest))
        .is_some_and(|n| (1..=2).contains(&n.len()) && all_digits(n))
}

impl Scan<'_, '_> {
    /// Events by their cue: `WM`, `Fußball-WM`, `G7-Gipfel`, `Georg-Büchner-Preis`,
    /// `Bundesliga`, `Nobelpreis`, and the name of a weather system (`Tief „Zoltan“`).
    pub(super) fn event(&mut self, i: usize) -> Option<usize> {
        let tok = *self.tok(i)?;
        // `Zweiten Bundesliga`, `Dritte Liga`: the tier is part of the name.
        let league = |k: usize| {
            self.tok(k)
                .is_some_and(|n| n.tight && (n.text == "Liga" || self.facts[k].is(Fact::EventWord)))
        };
        if is_tier(tok.text) && league(i + 1) {
            self.push_name(tok.start, self.toks[i + 1].end, EntityKind::Event, 3);
            return Some(i + 2);
        }
        if EVENT_ABBREVIATIONS.contains(&tok.text) || self.facts[i].is(Fact::EventWord) {
            if tok.sentence_start && self.facts[i].is(Fact::LowercaseWord) {
                return None;
            }
            self.push_name(tok.start, tok.end, EntityKind::Event, 3);
            return Some(i + 1);
        }
        if WEATHER.contains(&tok.text) {
            return self.weather(i);
        }
        if let Some(end) = self.quoted_event(i) {
            return Some(end);
        }
        // `Museumsforum NRW`, `Filmfestival Locarno`: an event's compound and its place.
        if let Some(end) = self.event_of_place(i) {
            return Some(end);
        }
        // `Fußballer des Jahres`, `Unwort des Jahres`: an award.
        let of_the_year = self.tok(i + 1).is_some_and(|t| t.tight && t.text == "des")
            && self
                .tok(i + 2)
                .is_some_and(|t| t.tight && t.text == "Jahres");
        // (Not `Grand-Slam-Turnier des Jahres`: the awards are plain nouns.)
        let plain = !self.facts[i].is(Fact::Hyphenated);
        if of_the_year && plain && self.facts[i].is(Fact::Noun) && !tok.sentence_start {
            self.push_name(tok.start, self.toks[i + 2].end, EntityKind::Event, 3);
            return Some(i + 3);
        }
        // `Formel 1`, `Formel E`
        if tok.text == "Formel" {
            let next = self.tok(i + 1).filter(|n| n.tight)?;
            if all_digits(next.text) || next.text.len() == 1 && starts_upper(next.text) {
                self.push_name(tok.start, next.end, EntityKind::Event, 3);
                return Some(i + 2);
            }
        }
        // `Champions League`, `Australian Open`, `UEFA Europa League`: any capitalised words.
        if !self.facts[i].is(Fact::FunctionWord) {
            let mut j = i + 1;
            while j < i + 4 && self.tok(j).is_some_and(|t| t.tight && starts_upper(t.text)) {
                if ENGLISH_EVENT_HEADS.contains(&self.toks[j].text) {
                    self.push_name(tok.start, self.toks[j].end, EntityKind::Event, 3);
                    return Some(j + 1);
                }
                j += 1;
            }
        }
        let parts = if self.facts[i].is(Fact::Hyphenated) {
            tok.parts()
        } else {
            Vec::new()
        };
        if parts.len() >= 2 {
            let last = parts[parts.len() - 1].2;
            let first = parts[0].2;
            // `Fritz-Bauer-Studienpreis`: a given name and a surname are a name even where
            // the given name is a noun too.
            let full_name = parts.len() >= 3 && self.t.is_given_name(first);
            let named_first = starts_upper(first) && !self.t.is_noun(first)
                || self.t.is_acronym(first)
                || full_name;
            let group = if is_group(first) {
                Some(0)
            } else {
                is_group(&format!("{first}{}", parts[1].2)).then_some(1)
            };
            if let Some(g) = group {
                // `G7-Gipfel`, `G-7`: the summit; `G-7-Einsatz`: its name part.
                let summit = ["Gipfel", "Gipfels", "Treffen", "Treffens", "Gipfeltreffen"];
                let end = if g + 1 == parts.len() || summit.contains(&last) {
                    tok.end
                } else {
                    parts[g].1
                };
                self.push_name(tok.start, end, EntityKind::Event, 3);
                return Some(i + 1);
            }
            // `Merkel-Preis`? A person's given name alone before the cue is no prize's name.
            let person = parts.len() == 2 && self.t.is_given_name(first);
            let lower = last.to_lowercase();
            let cue =
                EVENT_PARTS.contains(&last) || EVENT_ENDINGS.iter().any(|e| lower.ends_with(e));
            if cue && (named_first || last.len() == 2) && !person {
                self.push_name(tok.start, tok.end, EntityKind::Event, 3);
                return Some(i + 1);
            }
            // `Erste-Liga-Club`: the league's tier and `Liga`.
            if parts.len() >= 3 && is_tier(first) && parts[1].2 == "Liga" {
                self.push_name(parts[0].0, parts[1].1, EntityKind::Event, 3);
                return Some(i + 1);
            }
            // `Weltcup-Abfahrt`, `Bundesliga-Spiel`: the event a compound is about.
            if EVENT_ABBREVIATIONS.contains(&first) || is_event_word(first) {
                let (s, e, _) = parts[0];
                self.push_name(s, e, EntityKind::Event, 3);
                return Some(i + 1);
            }
        }
        None
    }

    /// `Museumsforum NRW`, `Filmfestival Locarno`, `Buchmesse Leipzig`: a compound whose head
    /// names an event, and the place it is held in, are the event's name.
    fn event_of_place(&mut self, i: usize) -> Option<usize> {
        let tok = *self.tok(i)?;
        let f = &self.facts[i];
        if !f.is(Fact::EventHeadCompound) || !self.tight(i + 1) || f.is(Fact::Hyphenated) {
            return None; // (checked first: cheap, and true of most words)
        }
        if !f.is(Fact::EventHeadCompound) || !f.is(Fact::Noun) {
            return None;
        }
        let (end, _, kind) = self.gazetteer(i + 1)?;
        if kind != EntityKind::Place {
            return None;
        }
        self.push_name(tok.start, self.toks[end - 1].end, EntityKind::Event, 3);
        Some(end)
    }

    /// `Tief „Zoltan“`, `Hurrikan Milton`: the name is the event.
    fn weather(&mut self, i: usize) -> Option<usize> {
        let next: Tok<'_> = *self.tok(i + 1)?;
        let gap = &self.text[self.toks[i].end..next.start];
        let quoted = gap.trim().chars().all(|c| "„\"»«‚'“".contains(c));
        if !starts_upper(next.text) || gap.len() > 6 || !quoted || self.facts[i + 1].is(Fact::Noun)
        {
            return None;
        }
        self.push_name(next.start, next.end, EntityKind::Event, 3);
        Some(i + 2)
    }

    /// `beim „Fest der Nachbarn“`, `die "Nacht der Chöre"`: a title in quotes of two to six
    /// words that starts with an event's noun is the event's name.
    fn quoted_event(&mut self, i: usize) -> Option<usize> {
        let tok = *self.tok(i)?;
        if !QUOTED_EVENT_NOUNS.contains(&tok.text) {
            return None;
        }
        let opened = self.text[..tok.start]
            .chars()
            .next_back()
            .is_some_and(|c| QUOTE_MARKS.contains(c));
        if !opened {
            return None;
        }
        let mut j = i + 1;
        while j < i + 6 && self.tight(j) {
            let t = self.toks[j];
            if self.text[t.end..]
                .chars()
                .next()
                .is_some_and(|c| QUOTE_MARKS.contains(c))
            {
                self.push_name(tok.start, t.end, EntityKind::Event, 3);
                return Some(j + 1);
            }
            j += 1;
        }
        None
    }
}
