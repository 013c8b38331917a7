//! Entity recognition at build time: people, countries, places, organisations and events
//! in German news text, and which mentions name the same thing across the corpus.
//!
//! # How it works
//!
//! Nothing here knows the articles' names in advance. [`recognize`] runs in two passes:
//!
//! 1. `detect` applies German rules to each article: cue nouns (`Präsident`,
//!    `Nachrichtenagentur`, `Insel`), capitalised adjectives in mid-sentence (`Zweiten
//!    Weltkrieg`), head nouns (`College`, `Palast`), runs of capitalised words that are not
//!    German nouns, acronyms, and the gazetteer of countries, places and demonyms generated
//!    from registry data (see `crates/ingest/data/README.md`).
//! 2. `resolve` puts the names of all articles together (`Kim Jong Un` = `Kim Jong-un`,
//!    `Kremlchef Putin` joins `Wladimir Putin`), decides each one's kind by the cues that
//!    spoke for it, then finds the short forms (`Kim`, `Kims`, `Xi`) the first pass left
//!    alone.
//!
//! A [`Curation`] file (`entities.toml` in the corpus folder) adds, renames, merges and
//! ignores entities where the rules get it wrong.
//!
//! # Guarantees
//!
//! Deterministic (same input, same output; no hash-map order reaches the output), never
//! panics, and mentions are byte spans on character boundaries of the article text, sorted
//! and not overlapping.

mod cues;
mod curation;
mod detect;
mod names;
mod resolve;
mod tables;
mod tokens;

pub use curation::{load_curation, parse_curation, Curation};

use crate::parse::Span;
use explorer_index::BlockKind;
use std::collections::HashMap;

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntityKind {
    Person,
    Country,
    /// Cities, regions, islands, buildings.
    Place,
    /// Agencies, media, institutions, universities, parties.
    Organization,
    /// Named events: wars, games, conferences.
    Event,
}

impl EntityKind {
    pub const ALL: [EntityKind; 5] = [
        EntityKind::Person,
        EntityKind::Country,
        EntityKind::Place,
        EntityKind::Organization,
        EntityKind::Event,
    ];

    /// The lowercase English word used in data tables and the curation file.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Country => "country",
            EntityKind::Place => "place",
            EntityKind::Organization => "organization",
            EntityKind::Event => "event",
        }
    }

    /// The kind named by [`EntityKind::as_str`] (`organisation` is accepted too).
    pub fn parse(s: &str) -> Option<EntityKind> {
        match s {
            "person" => Some(EntityKind::Person),
            "country" => Some(EntityKind::Country),
            "place" => Some(EntityKind::Place),
            "organization" | "organisation" => Some(EntityKind::Organization),
            "event" => Some(EntityKind::Event),
            _ => None,
        }
    }
}

/// How a mention refers to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MentionKind {
    /// By name: `Kim Jong Un`, `Kim`, `Kims`, `Nordkoreas`.
    Name,
    /// By an adjective or noun of nationality or origin: `nordkoreanische`, `Chinesen`,
    /// `Londoner`.
    Demonym,
}

/// Something the corpus talks about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub name: String,
    pub kind: EntityKind,
    /// Every other name it goes by, sorted and without duplicates: spellings seen in the
    /// articles (`Kim Jong-un`, `Kims`) and, for data entities, foreign spellings
    /// (`Beijing` for `Peking`).
    pub aliases: Vec<String>,
}

/// One place in an article that refers to an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Index into [`Recognized::entities`].
    pub entity: usize,
    /// Byte span in the article text.
    pub start: usize,
    pub end: usize,
    pub kind: MentionKind,
}

/// The entities of a corpus and where each article mentions them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recognized {
    /// Sorted by kind, then name.
    pub entities: Vec<Entity>,
    /// Per article, in input order; each sorted by start, not overlapping.
    pub mentions: Vec<Vec<Mention>>,
}

/// What a mention refers to before entities are numbered.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Target {
    /// An entry of the data tables.
    Known(usize),
    /// An entity of the curation file.
    Curated(usize),
    /// A name found by the rules, by its key.
    Name(String),
}

/// Forms looked up by the rules: the curation file's entities first, then the data tables.
pub(crate) struct Lookup {
    tables: &'static tables::Tables,
    curated: HashMap<String, usize>,
    curated_kinds: Vec<EntityKind>,
    curated_words: usize,
    ignored: std::collections::HashSet<String>,
}

impl Lookup {
    fn new(curation: Option<&Curation>) -> Lookup {
        let mut lookup = Lookup {
            tables: tables::tables(),
            curated: HashMap::new(),
            curated_kinds: Vec::new(),
            curated_words: 0,
            ignored: Default::default(),
        };
        if let Some(c) = curation {
            for (i, e) in c.entities().iter().enumerate() {
                lookup.curated_kinds.push(e.kind);
                for form in std::iter::once(&e.name).chain(&e.aliases) {
                    let toks = tokens::tokenize(form, 0, form.len());
                    lookup.curated_words = lookup.curated_words.max(toks.len());
                    let key = tables::form_key(toks.iter().map(|t| t.text));
                    lookup.curated.entry(key).or_insert(i);
                }
            }
            for name in c.ignored() {
                for kind in EntityKind::ALL {
                    lookup.ignored.insert(detect::name_key(name, kind));
                }
            }
        }
        lookup
    }

    /// What a form names: target, kind, and whether it is doubtful.
    pub(crate) fn form(&self, key: &str) -> Option<(Target, EntityKind, bool)> {
        if let Some(&i) = self.curated.get(key) {
            return Some((Target::Curated(i), self.curated_kinds[i], false));
        }
        let f = self.tables.forms.get(key)?;
        let kind = self.tables.entries[f.entry].kind;
        Some((Target::Known(f.entry), kind, f.doubtful))
    }

    /// Most words in a form that starts with `first`.
    pub(crate) fn max_words(&self, first: &str) -> usize {
        let key = tables::form_key([first]);
        let known = self.tables.first_words.get(&key).copied().unwrap_or(1);
        known.max(self.curated_words).max(1)
    }

    pub(crate) fn is_ignored(&self, key: &str) -> bool {
        self.ignored.contains(key)
    }
}

/// The one-word names of the countries and places of the gazetteer (`Finnland`,
/// `Brandenburg`, `Salzburg`), except those that are also common words (`Essen`): the
/// indexer never splits them into compound parts. Unsorted; each once.
pub fn place_names() -> Vec<&'static str> {
    let t = tables::tables();
    t.forms
        .iter()
        .filter(|(key, form)| {
            !form.doubtful
                && !key.contains(' ')
                && matches!(
                    t.entries[form.entry].kind,
                    EntityKind::Country | EntityKind::Place
                )
        })
        .map(|(key, _)| key.as_str())
        .collect()
}

/// Recognise the entities of a corpus. `texts` are the articles' full texts with their
/// parsed blocks; boilerplate blocks are skipped.
pub fn recognize(texts: &[(&str, &[Span])], curation: Option<&Curation>) -> Recognized {
    let lookup = Lookup::new(curation);
    // The words of an article are found again for the second pass rather than kept: for
    // the whole corpus they would take several times the memory of its text.
    let mut words = detect::WordFacts::default();
    let found: Vec<Vec<detect::Candidate>> = texts
        .iter()
        .map(|&(text, blocks)| {
            detect::detect(text, &article_tokens(text, blocks), &lookup, &mut words)
        })
        .collect();
    drop(words); // before the second pass needs memory of its own
    resolve::resolve(texts, found, curation)
}

/// The words of an article's blocks, boilerplate aside.
pub(crate) fn article_tokens<'a>(text: &'a str, blocks: &[Span]) -> Vec<tokens::Tok<'a>> {
    let mut toks = Vec::new();
    for b in blocks.iter().filter(|b| b.kind != BlockKind::Boilerplate) {
        toks.extend(tokens::tokenize(text, b.start, b.end));
    }
    toks
}

#[cfg(test)]
mod tests;
