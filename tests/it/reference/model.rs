//! The reference's model of a corpus: every article analysed as the build analyses it, with
//! plain collections (no fst, no postings).

use super::BLOCK_GAP;
use crate::index_over;
use article_explorer::{ArticleId, Explorer, SearchOptions, YearMonth};
use explorer_index::{BlockKind, EntityKind};
use explorer_ingest::indexer::{parse_all, Vocabulary};
use explorer_text::{exact_spelling, term_of, tokenize, Analyzer, VariantKind};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// One corpus, analysed: per article its tokens (position → keys), its date.
pub(super) struct Model {
    pub(super) explorer: Explorer<'static>,
    pub(super) articles: Vec<Article>,
    /// Words of the indexed text, as written (one token each).
    pub(super) words: Vec<String>,
    /// Every compound-part key of the corpus.
    pub(super) part_keys: BTreeSet<String>,
    /// Every key of the corpus (terms and variants; no exact spellings), sorted as the term
    /// dictionary is.
    pub(super) keys: BTreeSet<String>,
    /// The exact spellings the index keeps (`exact_spelling` of their keys).
    pub(super) spellings: BTreeSet<String>,
    /// Per entity: name, kind, aliases, the articles mentioning it.
    pub(super) entities: Vec<Entity>,
}

pub(super) struct Article {
    /// The words of its indexed blocks, in order (for phrases that occur).
    pub(super) words: Vec<String>,
    /// Keys per token position: the primary term and the variants (no exact spellings).
    pub(super) tokens: BTreeMap<u32, BTreeSet<String>>,
    pub(super) date: Option<YearMonth>,
}

pub(super) struct Entity {
    pub(super) id: explorer_index::EntityId,
    pub(super) name: String,
    pub(super) kind: EntityKind,
    pub(super) names: Vec<String>,
    pub(super) articles: BTreeSet<ArticleId>,
}

/// The byte ranges of article `id`'s mentions of people by name.
fn people_in(index: &explorer_index::Index<'_>, id: ArticleId) -> Vec<std::ops::Range<usize>> {
    index
        .mentions(id)
        .unwrap()
        .into_iter()
        .filter(|m| {
            m.kind == explorer_index::MentionKind::Name
                && index.entity(m.entity).unwrap().kind == EntityKind::Person
        })
        .map(|m| m.start as usize..m.end as usize)
        .collect()
}

pub(super) fn model_of(dir: &Path) -> Model {
    let bytes = index_over(dir.to_str().expect("a UTF-8 path"));
    let explorer = Explorer::open(bytes).unwrap();
    let index = explorer_index::Index::open(bytes).unwrap();
    let corpus = explorer_ingest::corpus::read_folder(dir).unwrap();
    let parsed = parse_all(&corpus.documents, &mut Vec::new());
    let vocabulary = Vocabulary::of(&corpus.documents, &parsed);
    // The bases a genitive may point to: primary terms of capitalised tokens.
    let mut name_terms = BTreeSet::new();
    let mut words = BTreeSet::new();
    for (doc, p) in corpus.documents.iter().zip(&parsed) {
        for b in p.blocks.iter().filter(|b| b.kind != BlockKind::Boilerplate) {
            for t in tokenize(&doc.text[b.start..b.end]) {
                if t.text.starts_with(char::is_uppercase) {
                    name_terms.insert(term_of(t.text));
                }
                words.insert(t.text.to_owned());
            }
        }
    }
    let mut analyzer = Analyzer::new(Some(&vocabulary));
    let mut part_keys = BTreeSet::new();
    let mut all_keys = BTreeSet::new();
    let mut spellings = BTreeSet::new();
    let mut articles = Vec::new();
    for (id, (doc, p)) in corpus.documents.iter().zip(&parsed).enumerate() {
        let people = people_in(&index, ArticleId(id as u32));
        let mut tokens: BTreeMap<u32, BTreeSet<String>> = BTreeMap::new();
        let mut surface = Vec::new();
        let mut position = 0u32;
        for b in &p.blocks {
            if b.kind == BlockKind::Boilerplate {
                continue;
            }
            let block = &doc.text[b.start..b.end];
            surface.extend(tokenize(block).iter().map(|t| t.text.to_owned()));
            let analysed = analyzer.analyze(block);
            let count = analysed.len() as u32;
            for a in analysed {
                let keys = tokens.entry(position + a.position).or_default();
                keys.insert(a.term);
                for v in a.variants {
                    if v.kind == VariantKind::Genitive && !name_terms.contains(&v.term) {
                        continue;
                    }
                    if let Some(spelling) = exact_spelling(&v.term) {
                        spellings.insert(spelling.to_owned());
                        continue;
                    }
                    if v.kind == VariantKind::CompoundPart {
                        // A person's name is never split into parts.
                        let at = b.start + a.start;
                        if people.iter().any(|r| r.contains(&at)) {
                            continue;
                        }
                        part_keys.insert(v.term.clone());
                    }
                    keys.insert(v.term);
                }
            }
            position += count + BLOCK_GAP;
        }
        all_keys.extend(tokens.values().flatten().cloned());
        articles.push(Article {
            words: surface,
            tokens,
            date: p.date,
        });
    }
    let entities = explorer
        .entities()
        .unwrap()
        .into_iter()
        .map(|e| {
            let view = explorer
                .entity(e.id, "", &SearchOptions::default())
                .unwrap();
            Entity {
                id: e.id,
                name: e.name.to_owned(),
                kind: e.kind,
                names: std::iter::once(e.name)
                    .chain(e.aliases.iter().copied())
                    .map(str::to_owned)
                    .collect(),
                articles: view.articles.iter().map(|a| a.id).collect(),
            }
        })
        .collect();
    let words = words
        .into_iter()
        .filter(|w| {
            tokenize(w).len() == 1
                && !["OR", "ODER", "AND", "UND"].contains(&w.as_str())
                && !w.contains([':', '"', '“', '”', '„', '|', '&'])
                && !w.starts_with('-')
        })
        .collect();
    Model {
        explorer,
        articles,
        words,
        part_keys,
        keys: all_keys,
        spellings,
        entities,
    }
}
