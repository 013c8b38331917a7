//! The first pass over an article: German rules that find names where the text itself says
//! what they are.
//!
//! At each word the rules are tried in this order, and the first that matches consumes its
//! words:
//!
//! 0. shapes that say the kind ([`events`], [`bodies`]): events by their cue (`Fußball-WM`,
//!    `Georg-Büchner-Preis`, `Tief „Zoltan“`), clubs (`VfB Stuttgart`), an abbreviation and a
//!    place (`ETH Zürich`), companies with a legal form (`Robert Bosch GmbH`), long official
//!    names (`Bundesamt für Migration und Flüchtlinge`);
//! 1. a lowercase nationality adjective (`nordkoreanischen`) is a demonym;
//! 2. a designator and a country (`Volksrepublik China`) is the country;
//! 3. an institution and a place or name (`Universität Wien`) is an organisation;
//! 4. a type noun and a name (`Nachrichtenagentur Xinhua`, `Insel Russki`) names the type;
//! 5. a role noun and a name (`Kremlchef Putin`, `Präsident Xi Jinping`) is a person;
//! 6. capitalised adjectives and a head noun in mid-sentence, where German writes adjectives
//!    in lowercase unless they are part of a name (`Zweiten Weltkriegs`, `Fernöstlichen
//!    Universität`), name an event, place or organisation after the head;
//! 7. a capitalised demonym (`Nordkoreaner`, `Londoner`);
//! 8. a name or a place's adjective followed by a head noun (`King‘s College`, `Victoria
//!    Park`, `KBS News`, `Brandenburger Tor`);
//! 9. a form from the gazetteer (`Peking`, `Nordkoreas`, `Vereinigten Staaten`), unless a
//!    name follows it (`Paris Hilton`);
//! 10. hyphenated words: events (`Korea-Krieg`), places (`Elysée-Palast`), and their parts
//!     (`US-Präsident`, `China-Reise`; `SPD-Politiker` names the person's organisation);
//! 11. a run of capitalised words that are not German nouns (`Guo Jiakun`) is a person,
//!     unless its first or last word says otherwise (`Plaza de Cibeles`, `Rapid Support
//!     Forces`); an acronym (`KCNA`) is an organisation;
//! 12. a single unknown name after `in`, `aus`, `nach` is a place (a weak vote).
//!
//! After the rules, an unknown name listed with organisations (`BMW, Daimler und Audi`) is
//! one too.
//!
//! Single unknown words (`Kim`, `Kims`) are left to the second pass ([`super::resolve`]),
//! which knows every name the whole corpus has introduced.

mod acronyms;
mod bodies;
mod events;
mod facts;
mod hyphenated;
mod rules;

pub(crate) use bodies::is_club_prefix;
pub(crate) use facts::WordFacts;

use super::cues::LOCATIVES;

/// Nouns after which a word that is also a common noun or given name is a town (`der Stadt
/// Essen`, `die Gemeinde Halle`).
const TOWN_NOUNS: &[&str] = &[
    "Stadt",
    "Gemeinde",
    "Marktgemeinde",
    "Landeshauptstadt",
    "Hansestadt",
    "Kreisstadt",
    "Ortschaft",
];
use super::tables::{form_key, Tables};
use super::tokens::Tok;
use super::{EntityKind, Lookup, MentionKind, Target};
use facts::{Fact, Facts};

/// Prepositions after which a doubtful organisation (`Facebook`, a noun too) is a name:
/// without an article, a noun would not follow them (`auf Facebook`, `bei Siemens`).
const ORG_PREPOSITIONS: &[&str] = &["bei", "auf", "von", "für", "mit", "gegen", "über", "via"];

/// Particles that only join the parts of a name (unlike `der`, `zu`, `la`, also articles).
const NAME_PARTICLES: &[&str] = &[
    "von", "van", "de", "da", "di", "del", "della", "du", "dos", "ter", "ten", "bin", "ibn", "al",
    "el",
];

/// Something the rules found: a span of the text and what it refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub start: usize,
    pub end: usize,
    pub target: Target,
    pub kind: EntityKind,
    pub mention: MentionKind,
    /// How sure the rule is of the kind: 3 a cue said so, 1 a default.
    pub strength: u8,
}

struct Scan<'a, 'b> {
    text: &'a str,
    toks: &'b [Tok<'a>],
    t: &'static Tables,
    lookup: &'b Lookup,
    out: Vec<Candidate>,
    /// Per word: what the word is on its own (a common noun, an acronym, a role...), a
    /// possible part of a name, the gazetteer form that starts there.
    facts: Vec<Facts>,
    name_like: Vec<bool>,
    gaz: Vec<Option<(usize, Target, EntityKind)>>,
}

/// Candidates in the words `toks` of `text`, in text order, not overlapping. `words`
/// remembers what each distinct word is, from one article to the next.
pub(crate) fn detect<'a>(
    text: &'a str,
    toks: &[Tok<'a>],
    lookup: &Lookup,
    words: &mut WordFacts<'a>,
) -> Vec<Candidate> {
    let t = super::tables::tables();
    let mut scan = Scan {
        text,
        toks,
        t,
        lookup,
        out: Vec::new(),
        facts: toks.iter().map(|w| words.get(w.text, t, lookup)).collect(),
        name_like: Vec::new(),
        gaz: Vec::new(),
    };
    scan.name_like = (0..toks.len()).map(|i| scan.compute_name_like(i)).collect();
    scan.gaz = (0..toks.len()).map(|i| scan.compute_gazetteer(i)).collect();
    let mut i = 0;
    while i < toks.len() {
        i = scan.at(i).unwrap_or(i + 1).max(i + 1);
    }
    scan.enumerated_organisations();
    scan.out
}

/// The key a name found by the rules is resolved under: lowercase, hyphens as spaces; for
/// names other than people, adjective and genitive endings are dropped (`Zweiten
/// Weltkriegs` = `Zweiter Weltkrieg`).
pub(crate) fn name_key(surface: &str, kind: EntityKind) -> String {
    let words: Vec<String> = surface
        .split(|c: char| c.is_whitespace() || super::tokens::is_hyphen(c))
        .filter(|w| !w.is_empty())
        .map(|w| form_key([w]).to_lowercase())
        .collect();
    let n = words.len();
    words
        .into_iter()
        .enumerate()
        .map(|(i, w)| {
            if kind == EntityKind::Person || w.chars().count() <= 4 {
                return w;
            }
            let mut w = w;
            if i + 1 < n {
                for ending in ["en", "er", "es", "em"] {
                    if let Some(stem) = w.strip_suffix(ending) {
                        w = format!("{stem}e");
                        break;
                    }
                }
            } else if w.ends_with('s') && !w.ends_with("ss") {
                w.pop();
            }
            w
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl<'a> Scan<'a, '_> {
    fn tok(&self, i: usize) -> Option<&Tok<'a>> {
        self.toks.get(i)
    }

    /// Word `i` directly follows word `i - 1` (only spaces between).
    fn tight(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| t.tight)
    }

    fn push(
        &mut self,
        start: usize,
        end: usize,
        target: Target,
        kind: EntityKind,
        mention: MentionKind,
        strength: u8,
    ) {
        if start < end {
            self.out.push(Candidate {
                start,
                end,
                target,
                kind,
                mention,
                strength,
            });
        }
    }

    /// A name found by a rule, keyed by its surface.
    fn push_name(&mut self, start: usize, end: usize, kind: EntityKind, strength: u8) {
        let surface = &self.text[start..end];
        let key = name_key(surface, kind);
        if self.lookup.is_ignored(&key) {
            return;
        }
        self.push(
            start,
            end,
            Target::Name(key),
            kind,
            MentionKind::Name,
            strength,
        );
    }

    fn is_acronym(&self, w: &str) -> bool {
        self.t.is_acronym(w)
    }

    /// A capitalised word that can be part of a name: not a German common noun, and not a
    /// lowercase word capitalised only because a sentence starts with it.
    fn name_like(&self, i: usize) -> bool {
        self.name_like.get(i).copied().unwrap_or(false)
    }

    fn noun(&self, i: usize) -> bool {
        self.facts.get(i).is_some_and(|f| f.is(Fact::Noun))
    }

    fn compute_name_like(&self, i: usize) -> bool {
        let Some(tok) = self.tok(i) else { return false };
        let f = &self.facts[i];
        if !tok.is_capitalised()
            || f.is(Fact::Acronym)
            || tok.text.contains(|c: char| c.is_ascii_digit())
        {
            return false;
        }
        if tok.sentence_start && f.is(Fact::FunctionWord) {
            return false;
        }
        if f.is(Fact::GivenName) {
            return true;
        }
        !(f.is(Fact::Noun) || tok.sentence_start && f.is(Fact::LowercaseWord))
    }

    /// The end (exclusive) of a run of name words starting at `i`, e.g. `Kim Jong Un`,
    /// `Lula da Silva`, `Antoine Glaser` after a role noun.
    fn chunk(&self, i: usize, after_role: bool) -> Option<usize> {
        let first = self.tok(i)?;
        let facts = &self.facts[i];
        let short_noun = first.is_capitalised()
            && first.text.chars().count() <= 3
            && !first.text.contains(|c: char| c.is_ascii_digit())
            && (after_role || self.tight(i + 1) && self.name_like(i + 1))
            && !facts.is(Fact::FunctionWord)
            && !(first.sentence_start && facts.is(Fact::LowercaseWord));
        // `Henkel-Chef Kasper Rorsted`: after a role, a word that is a noun too starts a name
        // when a name follows it.
        let noun_first = after_role
            && first.is_capitalised()
            && !facts.is(Fact::FunctionWord)
            && !facts.is(Fact::Role)
            && facts.type_cue().is_none()
            && self.tight(i + 1)
            && self.name_like(i + 1)
            && self.gazetteer(i + 1).is_none();
        if !self.name_like(i) && !short_noun && !noun_first {
            return None;
        }
        let mut j = i + 1;
        while let Some(tok) = self.tok(j) {
            if !tok.tight {
                break;
            }
            let f = &self.facts[j];
            let arabic = ["al-", "el-", "as-", "ad-", "ar-"].iter().any(|p| {
                tok.text
                    .strip_prefix(p)
                    .is_some_and(|rest| rest.starts_with(char::is_uppercase))
            });
            if tok.is_capitalised() && !f.is(Fact::Noun) && !f.is(Fact::Acronym) || arabic {
                j += 1;
            } else if tok.is_capitalised()
                && f.is(Fact::GivenName)
                && !f.is(Fact::Role)
                && f.head().is_none()
                && (i..j).all(|k| self.facts[k].is(Fact::GivenName))
            {
                j += 1; // `Anna Maria Koch`: another given name, even one that is a noun
            } else if f.is(Fact::Particle) {
                let mut k = j;
                while self
                    .tok(k)
                    .is_some_and(|t| t.tight && self.facts[k].is(Fact::Particle))
                {
                    k += 1;
                }
                // After `von der`, `van`, `de` a capitalised word is a name (`Bellen`); after
                // `der`, `zu`, `la` alone (also articles), only a word that is no noun.
                let first = self.toks[j].text;
                let strong = first.chars().next().is_some_and(char::is_uppercase)
                    && NAME_PARTICLES.contains(&first.to_lowercase().as_str());
                let named = self.tok(k).is_some_and(|t| {
                    t.tight && t.is_capitalised() && !self.facts[k].is(Fact::FunctionWord)
                });
                let named = named && self.toks[k].text != "The";
                if k > j && (strong && named || self.tight(k) && self.name_like(k)) {
                    j = k + 1;
                } else {
                    break;
                }
            } else if tok.is_capitalised()
                && (after_role && j == i + 1 || (i..j).all(|k| self.facts[k].is(Fact::GivenName)))
                && !(first.sentence_start && facts.is(Fact::LowercaseWord))
                && f.head().is_none()
                && (!f.is(Fact::Role) || facts.is(Fact::GivenName) && !f.is(Fact::Hyphenated))
                && !self
                    .tok(j + 1)
                    .is_some_and(|n| n.tight && n.is_capitalised())
            {
                // A surname that is also a noun: `Antoine Glaser`, `Peter Koch`.
                j += 1;
                break;
            } else {
                break;
            }
        }
        Some(j)
    }

    /// The longest gazetteer form at `i` (a genitive `s` allowed on its last word): the end
    /// and what it names. Doubtful forms need a locative preposition before them.
    fn gazetteer(&self, i: usize) -> Option<(usize, Target, EntityKind)> {
        self.gaz.get(i).cloned().flatten()
    }

    fn compute_gazetteer(&self, i: usize) -> Option<(usize, Target, EntityKind)> {
        if !self.toks[i].is_capitalised() {
            return None;
        }
        let max = self.facts[i].max_words().min(self.toks.len() - i);
        for n in (1..=max).rev() {
            if (1..n).any(|k| !self.tight(i + k)) {
                continue;
            }
            let words: Vec<&str> = self.toks[i..i + n].iter().map(|t| t.text).collect();
            if !words[0].chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let mut keys = vec![form_key(words.iter().copied())];
            if let Some(stem) = words[n - 1]
                .strip_suffix('s')
                .filter(|s| s.chars().count() >= 3)
            {
                keys.push(form_key(words[..n - 1].iter().copied().chain([stem])));
            }
            for key in keys {
                if let Some((target, kind, doubtful)) = self.lookup.form(&key) {
                    let before = i.checked_sub(1).map(|p| self.toks[p].text);
                    let located = before.is_some_and(|b| {
                        LOCATIVES.contains(&b)
                            || kind == EntityKind::Organization && ORG_PREPOSITIONS.contains(&b)
                            || kind == EntityKind::Place && TOWN_NOUNS.contains(&b)
                    }) && self.tight(i);
                    let function_word = n == 1 && self.facts[i].is(Fact::FunctionWord);
                    if !(doubtful || function_word) || located {
                        return Some((i + n, target, kind));
                    }
                }
            }
        }
        None
    }

    /// The word before `i` is an indefinite or negative article (`eine`, `keinen`): what
    /// follows is a kind of thing, not a name.
    fn indefinite_before(&self, i: usize) -> bool {
        i.checked_sub(1).and_then(|p| self.tok(p)).is_some_and(|p| {
            let p = p.text.to_lowercase();
            let stem = p.strip_prefix('k').unwrap_or(&p);
            ["ein", "eine", "einen", "einem", "einer", "eines"].contains(&stem)
        }) && self.tight(i)
    }

    /// Word `i` is a title abbreviation with its full stop (`Dr.`).
    fn title(&self, i: usize) -> bool {
        self.tok(i)
            .is_some_and(|t| super::tokens::is_title(t.text, &self.text[t.end..]))
    }

    /// Try the rules at word `i`; the index after what was consumed, if any matched.
    fn at(&mut self, i: usize) -> Option<usize> {
        let tok = *self.tok(i)?;
        if self.title(i) {
            return Some(i + 1); // `Dr.` names nothing; the name after it is tried next
        }
        if !tok.is_capitalised() {
            if let Some(e) = self.facts[i].nationality() {
                self.push(
                    tok.start,
                    tok.end,
                    Target::Known(e),
                    self.t.entries[e].kind,
                    MentionKind::Demonym,
                    3,
                );
                return Some(i + 1);
            }
            return None;
        }
        self.event(i)
            .or_else(|| self.dateline(i))
            .or_else(|| self.club(i))
            .or_else(|| self.acronym_place(i))
            .or_else(|| self.company(i))
            .or_else(|| self.town_body(i))
            .or_else(|| self.official(i))
            .or_else(|| self.abbreviated_word(i))
            .or_else(|| self.suspended(i))
            .or_else(|| self.designated(i))
            .or_else(|| self.institution(i))
            .or_else(|| self.building(i))
            .or_else(|| self.typed(i))
            .or_else(|| self.role(i))
            .or_else(|| self.adjective_name(i))
            .or_else(|| self.demonym(i))
            .or_else(|| self.headed_name(i))
            .or_else(|| self.known(i))
            .or_else(|| self.hyphenated(i))
            .or_else(|| self.plain_name(i))
            .or_else(|| self.located_name(i))
    }
}
