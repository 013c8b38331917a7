//! The rules of the first pass, tried in order at each word by [`Scan::at`]: see the list
//! in the parent module. Each returns the index after the words it consumed, or `None`.

use super::{Fact, Scan};
use crate::entities::cues;
use crate::entities::tables::form_key;
use crate::entities::tokens::{opens_inner_quote, Tok, QUOTE_MARKS};
use crate::entities::{EntityKind, MentionKind, Target};

impl Scan<'_, '_> {
    pub(super) fn designated(&mut self, i: usize) -> Option<usize> {
        let tok = self.tok(i)?;
        if !self.facts[i].is(Fact::Designator) || !self.tight(i + 1) {
            return None;
        }
        let (end, target, kind) = self.gazetteer(i + 1)?;
        if kind != EntityKind::Country {
            return None;
        }
        let (start, stop) = (tok.start, self.toks[end - 1].end);
        self.push(start, stop, target, kind, MentionKind::Name, 3);
        Some(end)
    }

    pub(super) fn institution(&mut self, i: usize) -> Option<usize> {
        let tok = *self.tok(i)?;
        let f = &self.facts[i];
        if !(f.is(Fact::Institution) || f.is(Fact::RegionalBody)) || !self.tight(i + 1) {
            return None;
        }
        if !self.facts[i].is(Fact::Institution) {
            // `Museumsverband Nordrhein-Westfalen`: a regional body and its region.
            if !self.facts[i].is(Fact::RegionalBody) || !self.facts[i].is(Fact::Noun) {
                return None;
            }
            let (end, _, EntityKind::Place) = self.gazetteer(i + 1)? else {
                return None;
            };
            self.push_name(
                tok.start,
                self.toks[end - 1].end,
                EntityKind::Organization,
                3,
            );
            return Some(end);
        }
        let end = match self.gazetteer(i + 1) {
            Some((end, _, EntityKind::Place | EntityKind::Country)) => end,
            _ => self.chunk(i + 1, false)?,
        };
        self.push_name(
            tok.start,
            self.toks[end - 1].end,
            EntityKind::Organization,
            3,
        );
        Some(end)
    }

    /// `Nachrichtenagentur Xinhua`; in `US-Versandhändler Amazon` the cue's own parts too.
    /// `Schloss Elmau`, `Kloster Andechs`, `Burg Hohenzollern`: a building named by its kind
    /// and a place or name is one place, the kind included.
    pub(super) fn building(&mut self, i: usize) -> Option<usize> {
        let tok = *self.tok(i)?;
        let kinds = ["Schloss", "Burg", "Kloster", "Palais", "Festung", "Stift"];
        if !kinds.contains(&tok.text) || !self.tight(i + 1) {
            return None;
        }
        let end = match self.gazetteer(i + 1) {
            Some((end, _, EntityKind::Place)) => end,
            _ => self.chunk(i + 1, false)?,
        };
        self.push_name(tok.start, self.toks[end - 1].end, EntityKind::Place, 3);
        Some(end)
    }

    pub(super) fn typed(&mut self, i: usize) -> Option<usize> {
        if let Some(end) = self.examples(i) {
            return Some(end);
        }
        // `Organisation Reporter ohne Grenzen`: a name of a shape of its own after the cue.
        if self.facts[i].type_cue().is_some() && self.tight(i + 1) {
            if let Some(end) = self.suspended(i + 1) {
                return Some(end);
            }
        }
        let before = self.out.len();
        let end = self.typed_name(i)?;
        if self.facts[i].is(Fact::Hyphenated) {
            let name = self.out.split_off(before);
            let cue = self.toks[i];
            self.parts(&cue);
            self.out.extend(name);
        }
        Some(end)
    }

    /// `Organisationen wie Interpol`, `Konzerne wie BMW, Daimler und Bosch`: the names listed
    /// as examples of a kind of organisation are organisations, even words that are nouns too.
    fn examples(&mut self, i: usize) -> Option<usize> {
        let wie = self.tok(i + 1).is_some_and(|t| t.tight && t.text == "wie");
        if !wie {
            return None; // (checked first: most words are followed by no `wie`)
        }
        let word = self.toks[i].text;
        let plural = ["en", "n", "e", "s"]
            .iter()
            .find_map(|e| word.strip_suffix(e))
            .filter(|stem| cues::type_cue(stem) == Some(EntityKind::Organization))
            .is_some()
            || word.ends_with("unternehmen")
            || word == "Unternehmen";
        if !plural {
            return None;
        }
        let mut k = i + 2;
        let mut any = false;
        for _ in 0..5 {
            let Some(t) = self.tok(k).copied() else { break };
            if !t.is_capitalised() || self.facts[k].is(Fact::FunctionWord) {
                break;
            }
            let end = match self.gazetteer(k) {
                Some((end, target, kind)) => {
                    let e = self.toks[end - 1].end;
                    self.push(t.start, e, target, kind, MentionKind::Name, 3);
                    end
                }
                None => {
                    let end = self.chunk(k, true).unwrap_or(k + 1);
                    let e = self.toks[end - 1].end;
                    self.push_name(t.start, e, EntityKind::Organization, 3);
                    end
                }
            };
            any = true;
            // `, Daimler und Bosch`: the list goes on after a comma or `und`/`oder`.
            let next = self.tok(end);
            let gap = next.map(|n| self.text[self.toks[end - 1].end..n.start].trim());
            k = match (next, gap) {
                (Some(n), Some(",")) if n.is_capitalised() => end,
                (Some(n), Some("")) if matches!(n.text, "und" | "oder") => end + 1,
                _ => return Some(end),
            };
        }
        any.then_some(k)
    }

    fn typed_name(&mut self, i: usize) -> Option<usize> {
        let kind = self.facts.get(i)?.type_cue()?;
        if !self.tight(i + 1) {
            return None;
        }
        if self.facts[i + 1].is(Fact::GivenName) && cues::is_genitive_type_cue(self.toks[i].text) {
            return None;
        }
        if let Some((start, end)) = self.club_span(i + 1).filter(|&(_, end)| end > i + 2) {
            self.push_name(start, self.toks[end - 1].end, EntityKind::Organization, 3);
            return Some(end);
        }
        if let Some(end) = self.legal_form_end(i + 1) {
            let (s, e) = (self.toks[i + 1].start, self.toks[end - 1].end);
            self.push_name(s, e, EntityKind::Organization, 3);
            return Some(end);
        }
        if let Some((end, target, k)) = self.gazetteer(i + 1) {
            let (s, e) = (self.toks[i + 1].start, self.toks[end - 1].end);
            self.push(s, e, target, k, MentionKind::Name, 3);
            return Some(end);
        }
        let next = self.toks[i + 1];
        let end = if self.facts[i + 1].is(Fact::Acronym) {
            // `Gewerkschaft IG Metall`: an abbreviation and the words that follow it.
            let mut end = i + 2;
            while end < i + 4
                && self.tight(end)
                && self
                    .facts
                    .get(end)
                    .is_some_and(|f| f.is(Fact::Capitalised) && f.type_cue().is_none())
            {
                end += 1;
            }
            end
        } else if let Some(end) = self.chunk(i + 1, false) {
            end
        } else if next.is_capitalised()
            && !self.facts[i + 1].is(Fact::FunctionWord)
            && !self
                .tok(i + 2)
                .is_some_and(|n| n.tight && n.is_capitalised())
        {
            i + 2 // `Insel Russki`, `Technologiekonzern Siemens`: even a word that is a noun
        } else {
            return None;
        };
        self.push_name(next.start, self.toks[end - 1].end, kind, 3);
        Some(end)
    }

    pub(super) fn role(&mut self, i: usize) -> Option<usize> {
        let tok = *self.tok(i)?;
        if !self.facts[i].is(Fact::Role) {
            return None;
        }
        if !self.town_club(&tok) && !self.parts(&tok) {
            self.affiliation(&tok);
        }
        // `Bundesjustizminister Dr. Marco Buschmann`: titles stand between role and name.
        let mut n = i + 1;
        while self.tight(i + 1) && self.title(n) {
            n += 1;
        }
        if self.tight(i + 1) {
            if let Some(end) = self.chunk(n, true) {
                // `Präsident Frankreichs` is the country; `Bundesminister Maas` is a person
                // whose name a river has too.
                // (A genitive, `Ministerpräsident Bayerns`, stays the place.)
                let exact = || {
                    let key = form_key(self.toks[n..end].iter().map(|t| t.text));
                    self.lookup.form(&key).is_some()
                };
                let gazetteer_only = self
                    .gazetteer(n)
                    .is_some_and(|(e, _, k)| e >= end && (k != EntityKind::Place || !exact()));
                if !gazetteer_only {
                    let (s, e) = (self.toks[n].start, self.toks[end - 1].end);
                    self.push_name(s, e, EntityKind::Person, 3);
                    return Some(end);
                }
            }
        }
        Some(i + 1)
    }

    /// Capitalised adjective: an inflected German or nationality adjective written with a
    /// capital (`Großen`, `Internationale`, `Olympischen`).
    fn capital_adjective(&self, i: usize) -> bool {
        self.facts
            .get(i)
            .is_some_and(|f| f.is(Fact::CapitalAdjective))
    }

    pub(super) fn adjective_name(&mut self, i: usize) -> Option<usize> {
        if !self.capital_adjective(i) {
            return None;
        }
        // `Zahlreiche Inseln`, `Mehrere Verbände`: a quantity starts no name.
        let lower = self.toks[i].text.to_lowercase();
        if QUANTIFIERS.iter().any(|q| {
            lower
                .strip_prefix(q)
                .is_some_and(|e| ["", "e", "en", "er", "es", "em"].contains(&e))
        }) {
            return None;
        }
        let mut h = i;
        while self.capital_adjective(h) && (h == i || self.tight(h)) {
            h += 1;
        }
        let head = *self.tok(h)?;
        // `die „Republikanische Volkspartei“`: a quote inside a sentence that holds just the
        // name capitalises its first word as a name does, not as a sentence does.
        let quoted =
            self.toks[i].sentence_start && opens_inner_quote(self.text, self.toks[i].start);
        let mid_sentence = !self.toks[i].sentence_start || quoted;
        // `Deutsche Telekom`: mid-sentence, the head may be a name too.
        let named_head = mid_sentence
            && self.name_like(h)
            && !self.facts[h].is(Fact::GivenName)
            && self.gazetteer(h).is_none();
        if h == i || !self.tight(h) || !head.is_capitalised() || !(self.noun(h) || named_head) {
            return None;
        }
        if self.facts[h].is(Fact::Role) {
            return mid_sentence.then(|| self.role(h)).flatten();
        }
        // `Künstliche Intelligenz`, `Soziale Medien`: a term, not a name; nor an ordinal and a
        // noun (`in Erster Lesung`, `Erste Hilfe`), a law or a currency.
        let term = h == i + 1 && super::events::is_tier(self.toks[i].text)
            || abstract_noun(head.text)
            || legal_text(head.text)
            || cues::is_currency(head.text);
        let kind = match self.facts[h].head() {
            Some(k) => k,
            None if self.facts[h].is(Fact::EventHead) => {
                EntityKind::Event // `Internationalen Kunstfestival`, `Deutschen Turnfests`
            }
            None if named_head => EntityKind::Organization,
            None if mid_sentence && !term && self.t.gender(head.text).is_some() => {
                EntityKind::Organization
            }
            None => return None,
        };
        // At a sentence's start an adjective is capitalised anyway: only a head noun that
        // ends names (`Demokratische Partei`, `Olympische Spiele`) makes it a name.
        if !mid_sentence && self.facts[h].head().is_none() {
            return None;
        }
        let mut end = if kind == EntityKind::Event {
            h + 1
        } else {
            self.long_tail(h + 1)
        };
        // `Großer Preis von Monaco`
        let prize = kind == EntityKind::Event && head.text.to_lowercase().ends_with("preis");
        if prize
            && self.tok(end).is_some_and(|t| t.tight && t.text == "von")
            && self
                .tok(end + 1)
                .is_some_and(|t| t.tight && t.is_capitalised())
        {
            end = self.gazetteer(end + 1).map_or(end + 2, |(e, _, _)| e);
        }
        // `Kommunistische Partei Chinas`: a country's or place's genitive belongs to the name.
        if end == h + 1 && kind == EntityKind::Organization {
            let genitive = self
                .tok(end)
                .is_some_and(|t| t.tight && t.text.ends_with('s'));
            if let Some((e, _, EntityKind::Country | EntityKind::Place)) =
                self.gazetteer(end).filter(|_| genitive)
            {
                end = e;
            }
        }
        if self.gazetteer(i).is_some_and(|(known, _, _)| known >= end) {
            return None; // `Vereinten Nationen` is in the gazetteer
        }
        let (s, e) = (self.toks[i].start, self.toks[end - 1].end);
        if quoted && !self.text[e..].starts_with(|c: char| QUOTE_MARKS.contains(c)) {
            return None; // `sagte er „Große Worte helfen nicht“`: a quoted sentence
        }
        self.push_name(s, e, kind, 3);
        Some(self.acronym_alias(end, kind, s, e))
    }

    /// A dateline: at the start of a sentence, a name followed by a dash (`Mendoza – Gerald
    /// Melzer hat …`, `Monte Carlo - Der Australier …`) or by a country in brackets
    /// (`Dresden (Deutschland), 08.06.2015 –`) is the place the report comes from.
    pub(super) fn dateline(&mut self, i: usize) -> Option<usize> {
        let tok = *self.tok(i)?;
        // (`Porto Alegre`, `Monte Carlo`: a first word that is a noun too, with a name after.)
        let noun_first =
            !self.facts[i].is(Fact::FunctionWord) && self.tight(i + 1) && self.name_like(i + 1);
        if !tok.sentence_start || !(self.name_like(i) || noun_first) {
            return None;
        }
        let mut end = i + 1;
        while end < i + 3 && self.tight(end) && self.name_like(end) {
            end += 1;
        }
        if self.gazetteer(i).is_some_and(|(e, _, _)| e >= end) {
            return None; // a known place: the gazetteer's rule names it
        }
        let next = self.tok(end)?;
        let gap = self.text[self.toks[end - 1].end..next.start].trim();
        let dash = matches!(gap, "–" | "-" | "—") && next.is_capitalised();
        let country = gap == "("
            && self.gazetteer(end).is_some_and(|(e, _, k)| {
                k == EntityKind::Country && self.text[self.toks[e - 1].end..].starts_with(')')
            });
        if !(dash || country) {
            return None;
        }
        let (s, e) = (tok.start, self.toks[end - 1].end);
        self.push_name(s, e, EntityKind::Place, 2);
        Some(end)
    }

    /// `in Hintertupfing`, `aus Mendoza`: a single unknown name after `in`, `aus` or `nach`
    /// is a place (a weak vote: the corpus may know it as a person's name).
    pub(super) fn located_name(&mut self, i: usize) -> Option<usize> {
        let tok = *self.tok(i)?;
        let after_cue = i
            .checked_sub(1)
            .is_some_and(|p| matches!(self.toks[p].text, "in" | "aus" | "nach"));
        let alone = !self
            .tok(i + 1)
            .is_some_and(|n| n.tight && n.is_capitalised());
        let f = &self.facts[i];
        if !after_cue
            || !alone
            || !tok.tight
            || !self.name_like(i)
            || f.is(Fact::GivenName)
            || f.is(Fact::Hyphenated)
            || tok.text.ends_with('s')
        {
            return None;
        }
        self.push_name(tok.start, tok.end, EntityKind::Place, 1);
        Some(i + 1)
    }

    /// Words `i..end` stand alone between quotation marks.
    fn quoted(&self, i: usize, end: usize) -> bool {
        let before = i
            .checked_sub(1)
            .map_or(&self.text[..self.toks[i].start], |p| {
                &self.text[self.toks[p].end..self.toks[i].start]
            });
        let after = self.text[self.toks[end - 1].end..]
            .chars()
            .next()
            .unwrap_or(' ');
        before.trim_end().ends_with(['„', '"', '»', '«', '‚', '“'])
            && matches!(after, '“' | '"' | '«' | '»' | '‘' | '”')
    }

    pub(super) fn demonym(&mut self, i: usize) -> Option<usize> {
        let tok = *self.tok(i)?;
        if self.gazetteer(i).is_some_and(|(end, _, _)| end > i + 1) {
            return None; // `Europäische Union`
        }
        // `Berliner Zeitung`, `Frankfurter Allgemeine`: a town's paper is a name.
        let of_place = self.facts[i].is(Fact::OfPlace) || self.facts[i].city_adjective().is_some();
        if let Some(paper) = self
            .tok(i + 1)
            .filter(|n| of_place && n.tight && cues::is_newspaper_head(n.text))
        {
            let (s, e) = (tok.start, paper.end);
            self.push_name(s, e, EntityKind::Organization, 3);
            return Some(i + 2);
        }
        let t = self.t;
        let f = self.facts[i];
        let entry = f.demonym_noun().or_else(|| {
            let city = f.city_adjective()?;
            let attributive = self.tight(i + 1) && self.tok(i + 1).is_some_and(Tok::is_capitalised);
            // Only capitalised words reach this rule, so `noun` is the noun list's answer.
            (attributive || !f.is(Fact::Noun)).then_some(city)
        });
        let entry = entry
            .or(f.nationality())
            .or_else(|| self.town_adjective(i))?;
        self.push(
            tok.start,
            tok.end,
            Target::Known(entry),
            t.entries[entry].kind,
            MentionKind::Demonym,
            3,
        );
        Some(i + 1)
    }

    /// `Tessiner Regierung`, `Wolfsburger Werk`: a town's name and `-er` before a noun.
    fn town_adjective(&self, i: usize) -> Option<usize> {
        let f = &self.facts[i];
        let attributive = self.tight(i + 1) && self.tok(i + 1).is_some_and(Tok::is_capitalised);
        if !attributive || f.is(Fact::Noun) || f.is(Fact::GivenName) || f.is(Fact::Hyphenated) {
            return None;
        }
        let stem = self.toks[i].text.strip_suffix("er")?;
        match self.lookup.form(&form_key([stem]))? {
            (Target::Known(e), EntityKind::Place, false) => Some(e),
            _ => None,
        }
    }

    pub(super) fn headed_name(&mut self, i: usize) -> Option<usize> {
        let tok = *self.tok(i)?;
        let f = &self.facts[i];
        let end = if let Some((end, _, _)) = self.gazetteer(i) {
            end
        } else if f.is(Fact::Acronym) || f.is(Fact::OfPlace) {
            i + 1
        } else {
            self.chunk(i, false)?
        };
        let head = *self.tok(end).filter(|h| h.tight)?;
        let kind = self.facts[end].head().filter(|k| *k != EntityKind::Event)?;
        if self.facts[end].is(Fact::Hyphenated) {
            return None;
        }
        let (s, e) = (tok.start, head.end);
        self.push_name(s, e, kind, 3);
        Some(self.acronym_alias(end + 1, kind, s, e))
    }

    pub(super) fn known(&mut self, i: usize) -> Option<usize> {
        let (end, target, kind) = self.gazetteer(i)?;
        // `Montenegro Ruiz`, `Paris Hilton`: a place name followed by a name is a person's.
        let person = end == i + 1
            && self.tight(end)
            && self.name_like(end)
            && self.gazetteer(end).is_none()
            && self.facts[end].nationality().is_none();
        if person {
            return None;
        }
        let (s, e) = (self.toks[i].start, self.toks[end - 1].end);
        self.push(s, e, target, kind, MentionKind::Name, 3);
        Some(end)
    }

    pub(super) fn plain_name(&mut self, i: usize) -> Option<usize> {
        let tok = *self.tok(i)?;
        let f = self.facts[i];
        if f.is(Fact::Acronym) {
            self.push_name(tok.start, tok.end, EntityKind::Organization, 1);
            return Some(i + 1);
        }
        let end = self.chunk(i, false)?;
        if end - i < 2 {
            return None;
        }
        // `Rapid Support Forces`, `Plaza de Cibeles`: the first or last word may say the kind.
        let (kind, strength) = if f.is(Fact::ForeignPlace) {
            (EntityKind::Place, 3)
        } else if let Some(kind) = self.facts[end - 1].head() {
            (kind, 3)
        } else if tok.text == "The" {
            (EntityKind::Organization, 2) // `The Who`, `The Atlantic`
        } else if f.is(Fact::GivenName) {
            (EntityKind::Person, 2)
        } else {
            (EntityKind::Person, 1)
        };
        // `Grand Slam`, `Saturday Night Fever`: a run of unknown capitalised words that the
        // language (English too) writes in lowercase is no one's name.
        let common =
            |k: usize| self.facts[k].is(Fact::LowercaseWord) && !self.facts[k].is(Fact::Particle);
        let commons = (i..end).filter(|&k| common(k)).count();
        if kind == EntityKind::Person && strength < 2 && (commons == end - i || commons >= 2) {
            return Some(end);
        }
        if kind == EntityKind::Person && strength < 3 && self.quoted(i, end) {
            return Some(end); // `„Bad Guy“`: the title of a work
        }
        self.push_name(tok.start, self.toks[end - 1].end, kind, strength);
        Some(self.acronym_alias(end, kind, tok.start, self.toks[end - 1].end))
    }
}

/// Adjectives of quantity (`zahlreiche`, `mehrere`, `weitere`), which no name begins with.
const QUANTIFIERS: &[&str] = &[
    "zahlreich",
    "mehrer",
    "einig",
    "weiter",
    "verschieden",
    "sämtlich",
    "viel",
    "wenig",
    "ander",
    "beid",
    "etlich",
    "unzählig",
];

/// A law, treaty or rule (`Süddeutsche Ratsverfassung`, `Europäische
/// Menschenrechtskonvention`): a text, not a body, and not annotated as an entity.
fn legal_text(word: &str) -> bool {
    let lower = word.to_lowercase();
    [
        "verfassung",
        "gesetz",
        "gesetzes",
        "ordnung",
        "vertrag",
        "vertrags",
        "abkommen",
        "abkommens",
        "richtlinie",
        "verordnung",
        "konvention",
        "charta",
    ]
    .iter()
    .any(|e| lower.ends_with(e))
}

/// A noun for a quality or an idea (`Intelligenz`, `Sicherheit`, `Sozialismus`), which a
/// capitalised adjective makes a term rather than the name of a body.
fn abstract_noun(word: &str) -> bool {
    let lower = word.to_lowercase();
    [
        "enz", "anz", "heit", "keit", "ismus", "ität", "ik", "ie", "ien",
    ]
    .iter()
    .any(|e| lower.ends_with(e))
}
