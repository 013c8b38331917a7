//! Rules for organisations whose shape says what they are, tried before the general rules of
//! [`super::rules`]: sports clubs (`VfB Stuttgart`, `1. FC Köln`, `Hamburger SV`), companies
//! with a legal form (`Robert Bosch GmbH`), long official names (`Bundesamt für Migration und
//! Flüchtlinge`), and names listed with organisations (`BMW, Daimler und Audi`).

use super::{Fact, Scan};
use crate::entities::tokens::Tok;
use crate::entities::EntityKind;

/// Words that begin a sports club's name; alone they name nothing.
const CLUB_PREFIXES: &[&str] = &[
    "FC",
    "SV",
    "VfB",
    "VfL",
    "TSG",
    "SC",
    "RB",
    "FSV",
    "TSV",
    "SpVgg",
    "SG",
    "SSV",
    "BSC",
    "SK",
    "FK",
    "AC",
    "AS",
    "SSC",
    "KSV",
    "MSV",
    "VfR",
    "TuS",
    "SGS",
    "Eintracht",
    "Borussia",
    "Fortuna",
    "Arminia",
    "Alemannia",
    "Kickers",
    "Dynamo",
    "Sporting",
    "Olympique",
    "Rot-Weiss",
    "Rot-Weiß",
    "Blau-Weiß",
    "Blau-Weiss",
];

/// Abbreviations that end a club's name after a town's adjective (`Hamburger SV`).
const CLUB_SUFFIXES: &[&str] = &["SV", "SC", "FC", "BSC", "FV", "BC"];

/// Legal forms that end a company's name.
const LEGAL_FORMS: &[&str] = &[
    "GmbH", "AG", "SE", "KG", "KGaA", "OHG", "mbH", "Inc", "Ltd", "Corp", "PLC", "plc", "LLC",
    "NV", "ASA",
];

/// The last part of a word that names a body with a long official name after `für`
/// (`Bundesamt für …`, `Ministerium für …`, `Institut für …`).
const OFFICIAL_HEADS: &[&str] = &[
    "ministerium",
    "amt",
    "institut",
    "agentur",
    "anstalt",
    "zentrale",
    "zentrum",
    "kommission",
    "akademie",
    "stiftung",
    "behörde",
    "gericht",
    "gerichtshof",
    "beauftragte",
    "verband",
    "verein",
    "ausschuss",
    "sekretariat",
    "gewerkschaft",
    "partei",
    "rat",
    "bank",
    "fonds",
    "museum",
    "hochschule",
    "universität",
];

/// The kinds of town or state a body belongs to (`Rat der Stadt Köln`).
const TOWNS: &[&str] = &[
    "Stadt",
    "Gemeinde",
    "Marktgemeinde",
    "Landeshauptstadt",
    "Hansestadt",
    "Landes",
    "Bundeslandes",
    "Kantons",
    "Freistaats",
    "Freistaates",
    "Bezirks",
    "Kreises",
    "Landkreises",
];

/// Heads of a town's or state's bodies (`Rat`, `Stadtverwaltung`, `Landesregierung`); not
/// `Zentrum` or `Bürgermeister` (a part of the town, a person).
pub(crate) fn is_town_body(word: &str) -> bool {
    let lower = word.to_lowercase();
    let lower = genitive_stem(&lower);
    [
        "rat",
        "senat",
        "magistrat",
        "verwaltung",
        "regierung",
        "parlament",
        "polizei",
        "feuerwehr",
        "archiv",
        "museum",
        "bibliothek",
        "amt",
        "behörde",
        "gericht",
        "bürgerschaft",
        "landtag",
        "werke",
    ]
    .iter()
    .any(|h| lower.ends_with(h))
}

/// A word that ends in the head of an official body's name (`Bundesamt`, `Instituts`).
pub(crate) fn is_official_head(word: &str) -> bool {
    let lower = word.to_lowercase();
    let lower = genitive_stem(&lower);
    OFFICIAL_HEADS.iter().any(|h| lower.ends_with(h))
}

/// A word that begins a club's name, in any case (`fc`, `Borussia`).
pub(crate) fn is_club_prefix(word: &str) -> bool {
    CLUB_PREFIXES
        .iter()
        .any(|p| p.eq_ignore_ascii_case(word) || p.to_lowercase() == word)
}

pub(super) fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

pub(super) fn all_digits(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| c.is_ascii_digit())
}

/// `Bundesministerium`, `Landwirtschaftsministerium`, `Budgetausschuss`: a ministry or a
/// parliament's committee, named by its field.
pub(crate) fn is_ministry(word: &str) -> bool {
    let lower = word.to_lowercase();
    let lower = genitive_stem(&lower);
    ["ministerium", "ausschuss"]
        .iter()
        .any(|m| lower.ends_with(m) && lower.len() > m.len() + 3)
}

/// A word without a genitive `-s` or `-es` (`instituts` → `institut`); others unchanged.
pub(crate) fn genitive_stem(lower: &str) -> &str {
    ["es", "s"]
        .iter()
        .find_map(|e| lower.strip_suffix(e).filter(|s| s.chars().count() >= 4))
        .filter(|_| !lower.ends_with("ss"))
        .unwrap_or(lower)
}

impl Scan<'_, '_> {
    /// `VfB Stuttgart`, `1. FC Köln`, `Borussia Mönchengladbach`; a club prefix alone is
    /// consumed without a name (`RB`, `SC`).
    pub(super) fn club(&mut self, i: usize) -> Option<usize> {
        let (start, end) = self.club_span(i)?;
        if start < self.toks[end - 1].end && end > i + 1 {
            self.push_name(start, self.toks[end - 1].end, EntityKind::Organization, 3);
        }
        Some(end)
    }

    /// `Deutscher Hospiz- und Palliativ-Verband`, `Schweizer Buchhändler- und
    /// Verlegerverband`: an adjective, a word cut at its hyphen, `und`, and a body's head
    /// are one organisation.
    pub(super) fn suspended(&mut self, i: usize) -> Option<usize> {
        // `Reporter ohne Grenzen`, `Ärzte ohne Grenzen`: the name of an aid organisation.
        let borderless = self.tok(i + 1).is_some_and(|t| t.tight && t.text == "ohne")
            && self
                .tok(i + 2)
                .is_some_and(|t| t.tight && t.text == "Grenzen");
        if borderless && self.noun(i) {
            let (s, e) = (self.toks[i].start, self.toks[i + 2].end);
            self.push_name(s, e, EntityKind::Organization, 3);
            return Some(i + 3);
        }
        let f = &self.facts[i];
        let qualifier = f.is(Fact::CapitalAdjective)
            || f.is(Fact::OfPlace)
            || f.city_adjective().is_some()
            || f.nationality().is_some();
        if !qualifier || self.tok(i + 2).is_none_or(|u| u.text != "und") {
            return None; // (checked first: cheap, and true of most words)
        }
        let cut = self
            .tok(i + 1)
            .filter(|t| t.tight && starts_upper(t.text))?;
        let gap = self.tok(i + 2).map(|u| &self.text[cut.end..u.start])?;
        let und = gap.trim() == "-";
        let head = self.tok(i + 3).filter(|t| t.tight)?;
        let body = self.facts[i + 3].head() == Some(EntityKind::Organization)
            || is_official_head(head.text);
        if !(qualifier && und && body) || self.toks[i].sentence_start && !f.is(Fact::OfPlace) {
            return None;
        }
        self.push_name(self.toks[i].start, head.end, EntityKind::Organization, 3);
        Some(i + 4)
    }

    /// The start (byte) and end (word) of a club's name at `i`; a prefix alone ends at
    /// `i + 1`.
    pub(super) fn club_span(&self, i: usize) -> Option<(usize, usize)> {
        let tok = *self.tok(i)?;
        if let Some(next) = self.tok(i + 1).filter(|n| n.tight) {
            let of_place = self.facts[i].is(Fact::OfPlace)
                || self.facts[i].city_adjective().is_some()
                || self.name_like(i);
            if of_place && CLUB_SUFFIXES.contains(&next.text) {
                return Some((tok.start, i + 2));
            }
        }
        if !self.facts[i].is(Fact::ClubPrefix) || !CLUB_PREFIXES.contains(&tok.text) {
            return None;
        }
        let mut end = i + 1;
        while end < i + 4 {
            let Some(t) = self.tok(end).filter(|t| t.tight || t.text == "Pauli") else {
                break;
            };
            let f = &self.facts[end];
            let word = starts_upper(t.text)
                && !f.is(Fact::Role)
                && f.type_cue().is_none()
                && (!f.is(Fact::Noun) || self.gazetteer(end).is_some() || end == i + 1);
            if word || all_digits(t.text) && t.text.len() <= 4 {
                end += 1;
            } else {
                break;
            }
        }
        // `1. FC Köln`: the number before the prefix belongs to the name.
        let start = match i.checked_sub(1).and_then(|p| self.tok(p)) {
            Some(p)
                if all_digits(p.text)
                    && p.text.len() == 1
                    && self.text[p.end..tok.start].trim() == "." =>
            {
                p.start
            }
            _ => tok.start,
        };
        Some((start, end))
    }

    /// `BMW, Daimler, VW und Audi`: in an enumeration with an organisation, an unknown single
    /// name is an organisation too. Runs after the other rules, on the words they left.
    pub(super) fn enumerated_organisations(&mut self) {
        let n = self.toks.len();
        // Per word: the kind of the name candidate that covers it, if any.
        let mut kind_at: Vec<Option<EntityKind>> = vec![None; n];
        for c in &self.out {
            if c.mention != crate::entities::MentionKind::Name {
                continue;
            }
            let from = self.toks.partition_point(|t| t.end <= c.start);
            for (tok, slot) in self.toks.iter().zip(kind_at.iter_mut()).skip(from) {
                if tok.start >= c.end {
                    break;
                }
                *slot = Some(c.kind);
            }
        }
        let org = |kind_at: &[Option<EntityKind>], k: Option<usize>| {
            k.and_then(|k| kind_at.get(k).copied().flatten()) == Some(EntityKind::Organization)
        };
        for _ in 0..3 {
            let mut added = false;
            for i in 0..n {
                let tok = self.toks[i];
                let next_capital = self
                    .tok(i + 1)
                    .is_some_and(|t| t.tight && t.is_capitalised());
                let prev_capital = i > 0 && tok.tight && self.toks[i - 1].is_capitalised();
                let alone = !next_capital && !prev_capital;
                // `(Volkswagen, Audi und Porsche)`: a brand that is a German word too is taken
                // in such a list.
                if kind_at[i].is_some()
                    || !alone
                    || tok.sentence_start
                    || !(self.facts[i].is(Fact::Brand) || self.name_like(i))
                    || self.facts[i].is(Fact::GivenName)
                {
                    continue;
                }
                let joiner = |k: usize| matches!(self.toks[k].text, "und" | "oder" | "sowie");
                let comma = |a: usize, b: usize| {
                    self.text[self.toks[a].end..self.toks[b].start].trim() == ","
                };
                let left = if i >= 2 && joiner(i - 1) {
                    Some(i - 2)
                } else if i >= 1 && comma(i - 1, i) {
                    Some(i - 1)
                } else {
                    None
                };
                let right = if i + 2 < n && joiner(i + 1) {
                    Some(i + 2)
                } else if i + 1 < n && comma(i, i + 1) {
                    Some(i + 1)
                } else {
                    None
                };
                if org(&kind_at, left) || org(&kind_at, right) {
                    self.push_name(tok.start, tok.end, EntityKind::Organization, 2);
                    kind_at[i] = Some(EntityKind::Organization);
                    added = true;
                }
            }
            if !added {
                break;
            }
        }
        self.out.sort_by_key(|c| (c.start, c.end));
    }

    /// `ETH Zürich`, `SPÖ Oberösterreich`: an organisation's abbreviation and a place (not a
    /// country) is one organisation, its branch or seat.
    pub(super) fn acronym_place(&mut self, i: usize) -> Option<usize> {
        let tok = *self.tok(i)?;
        let org = self.facts[i].is(Fact::Acronym)
            || matches!(self.gazetteer(i), Some((e, _, EntityKind::Organization)) if e == i + 1 && tok.text.chars().all(char::is_uppercase));
        if !org || !self.tight(i + 1) {
            return None;
        }
        match self.gazetteer(i + 1) {
            Some((end, _, EntityKind::Place)) => {
                self.push_name(
                    tok.start,
                    self.toks[end - 1].end,
                    EntityKind::Organization,
                    3,
                );
                Some(end)
            }
            _ => None,
        }
    }

    /// The end of a company's name that ends in a legal form within four words of `i`
    /// (`Volkswagen AG`, `Robert Bosch GmbH`, `Dr. Oetker KG`), with `& Co. KG`.
    pub(super) fn legal_form_end(&self, i: usize) -> Option<usize> {
        let mut j = i + 1;
        while j < i + 5 {
            let t = self.tok(j)?;
            let gap = &self.text[self.toks[j - 1].end..t.start];
            if LEGAL_FORMS.contains(&t.text) && (t.tight || gap.trim() == "&") {
                let mut end = j + 1;
                // `GmbH & Co. KG`
                if self.tok(end).is_some_and(|c| c.text == "Co")
                    && self
                        .tok(end + 1)
                        .is_some_and(|k| LEGAL_FORMS.contains(&k.text))
                {
                    end += 2;
                }
                return Some(end);
            }
            // `Verein e. V.`
            if t.text == "e" && self.tok(j + 1).is_some_and(|v| v.text == "V") {
                return Some(j + 2);
            }
            if !t.tight || !starts_upper(t.text) && t.text != "&" {
                return None;
            }
            j += 1;
        }
        None
    }

    pub(super) fn company(&mut self, i: usize) -> Option<usize> {
        let tok = *self.tok(i)?;
        let f = &self.facts[i];
        if f.is(Fact::Role)
            || f.type_cue().is_some()
            || f.is(Fact::FunctionWord)
            || tok.sentence_start && f.is(Fact::LowercaseWord)
        {
            return None;
        }
        let end = self.legal_form_end(i)?;
        let (s, e) = (tok.start, self.toks[end - 1].end);
        self.push_name(s, e, EntityKind::Organization, 3);
        Some(self.acronym_alias(end, EntityKind::Organization, s, e))
    }

    /// After a head noun at `end - 1`: `für` and the words of the field, joined by `und` or
    /// commas (`für Wirtschaft und Klimaschutz`, `für politische Bildung`); `des`/`der` and
    /// one name (`des Innern`). The new end, or `end`.
    pub(super) fn long_tail(&self, end: usize) -> usize {
        let Some(joiner) = self.tok(end).filter(|t| t.tight) else {
            return end;
        };
        let mut k = end + 1;
        match joiner.text {
            "für" => {}
            "des" | "der" => {
                // `des Innern`, `der deutschen Wirtschaft`, `des Österreichischen Buchhandels`
                while self.tok(k).is_some_and(|t| {
                    t.tight
                        && (self.t.is_adjective(t.text) || self.facts[k].is(Fact::CapitalAdjective))
                        && self
                            .tok(k + 1)
                            .is_some_and(|n| n.tight && starts_upper(n.text))
                }) {
                    k += 1;
                }
                // Not `die Partei der Kanzlerin`: a role is no part of a name.
                return match self.tok(k) {
                    Some(t) if t.tight && starts_upper(t.text) && !self.facts[k].is(Fact::Role) => {
                        // `der Justiz und für Verbraucherschutz`: a second field joins.
                        let second = self.tok(k + 1).is_some_and(|t| t.tight && t.text == "und")
                            && self.tok(k + 2).is_some_and(|t| t.tight && t.text == "für");
                        match self.long_tail(k + 2) {
                            e if second && e > k + 3 => e,
                            _ => k + 1,
                        }
                    }
                    _ => end,
                };
            }
            _ => return end,
        }
        let mut last = end;
        loop {
            // Lowercase adjectives before the noun (`für politische Bildung`).
            while self
                .tok(k)
                .is_some_and(|t| t.tight && !starts_upper(t.text) && self.t.is_adjective(t.text))
            {
                k += 1;
            }
            match self.tok(k) {
                Some(t) if starts_upper(t.text) && !self.facts[k].is(Fact::FunctionWord) => {
                    k += 1;
                    // `für Humanes Sterben`: a capitalised adjective and its noun.
                    if self.facts[k - 1].is(Fact::CapitalAdjective)
                        && self.tok(k).is_some_and(|n| n.tight && starts_upper(n.text))
                    {
                        k += 1;
                    }
                    last = k;
                }
                _ => break,
            }
            let suspended = |t: &Tok<'_>| {
                let gap = self.text[self.toks[k - 1].end..t.start].trim();
                t.text == "und" && (t.tight || gap == "-")
            };
            match self.tok(k) {
                Some(t) if suspended(t) => k += 1,
                Some(t) if self.text[self.toks[k - 1].end..t.start].trim() == "," => {
                    // A comma continues the list only if an `und` closes it.
                    let closes =
                        (k..k + 4).any(|n| self.tok(n).is_some_and(|t| t.text == "und" && t.tight));
                    if !closes {
                        break;
                    }
                }
                _ => break,
            }
        }
        last
    }

    /// `Rat der Stadt Köln`, `Verwaltung des Kantons Zürich`, `Regierung des Landes
    /// Kärnten`: a body of a town or state, named by the town or state, is one organisation.
    pub(super) fn town_body(&mut self, i: usize) -> Option<usize> {
        let tok = *self.tok(i)?;
        if !self.facts[i].is(Fact::TownBody)
            || !self
                .tok(i + 1)
                .is_some_and(|t| t.tight && matches!(t.text, "der" | "des"))
        {
            return None; // (checked first: cheap, and true of most words)
        }
        let of = self.tok(i + 2).filter(|t| t.tight)?;
        if !TOWNS.contains(&of.text) || !self.tight(i + 3) || !self.facts[i].is(Fact::TownBody) {
            return None;
        }
        if !self.facts[i].is(Fact::Noun) || self.indefinite_before(i) {
            return None;
        }
        let (end, _, kind) = self.gazetteer(i + 3)?;
        if kind != EntityKind::Place {
            return None;
        }
        let (s, e) = (tok.start, self.toks[end - 1].end);
        self.push_name(s, e, EntityKind::Organization, 3);
        Some(self.acronym_alias(end, EntityKind::Organization, s, e))
    }

    /// `Bundesministerium für Wirtschaft und Klimaschutz`, `Institut für Weltwirtschaft`.
    pub(super) fn official(&mut self, i: usize) -> Option<usize> {
        let tok = *self.tok(i)?;
        if !self.facts[i].is(Fact::OfficialHead) || !self.facts[i].is(Fact::Noun) {
            return None;
        }
        let lower = genitive_stem(&tok.text.to_lowercase()).to_owned();
        let indefinite = i.checked_sub(1).and_then(|p| self.tok(p)).is_some_and(|p| {
            let p = p.text.to_lowercase();
            p.starts_with("ein") || p.starts_with("kein") || p.starts_with("jed")
        });
        if indefinite {
            return None;
        }
        let genitive = self
            .tok(i + 1)
            .is_some_and(|t| t.tight && matches!(t.text, "des" | "der"));
        let compound = OFFICIAL_HEADS
            .iter()
            .any(|h| lower.ends_with(h) && lower.len() > h.len() + 3)
            || ["institut", "gewerkschaft", "partei", "verband", "bund"]
                .iter()
                .any(|h| lower.starts_with(h));
        if genitive && compound {
            let end = self.long_tail(i + 1);
            if end > i + 1 {
                let (s, e) = (tok.start, self.toks[end - 1].end);
                self.push_name(s, e, EntityKind::Organization, 3);
                // `Bundesamt für Justiz (BfJ)`: the abbreviation is the same body.
                return Some(self.acronym_alias(end, EntityKind::Organization, s, e));
            }
        }
        if self.tok(i + 1).is_none_or(|t| t.text != "für" || !t.tight) {
            // `Landwirtschaftsministerium`: a ministry is a body even without its long name.
            // Not `des chinesischen Außenministeriums`: a description, not a name.
            let described = i.checked_sub(1).is_some_and(|p| {
                let w = self.toks[p].text;
                !starts_upper(w) && (self.t.is_adjective(w) || self.t.adjective(w).is_some())
            });
            if self.facts[i].is(Fact::Ministry) && !tok.sentence_start && !described {
                self.push_name(tok.start, tok.end, EntityKind::Organization, 3);
                let (s, e) = (tok.start, tok.end);
                return Some(self.acronym_alias(i + 1, EntityKind::Organization, s, e));
            }
            return None;
        }
        let end = self.long_tail(i + 1);
        if end == i + 1 {
            return None;
        }
        let (s, e) = (tok.start, self.toks[end - 1].end);
        self.push_name(s, e, EntityKind::Organization, 3);
        Some(self.acronym_alias(end, EntityKind::Organization, s, e))
    }
}
