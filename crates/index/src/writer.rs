//! [`IndexWriter`]: collects analysed articles and writes the index bytes (build time only).

use crate::entities::{self, EntityId, EntityKind, Mention};
use crate::postings::{self, Occurrence, PositionsKept, Posting};
use crate::{articles, container, ArticleId, ArticleMeta, ArticleRecord};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};

/// Collects articles and their terms, then writes one deterministic byte string: the same
/// input gives the same bytes (the terms are sorted before they are written, and so is each
/// term's list; no hash iteration order reaches the bytes).
pub struct IndexWriter<'a> {
    /// How alias keys are folded; the reader's caller folds lookups the same way.
    fold: Box<dyn Fn(&str) -> String + 'a>,
    records: Vec<ArticleRecord<'a>>,
    /// Each term's occurrences as they were added. A hash map and one flat list per term:
    /// at 10,000 articles there are about 25 million occurrences, and a sorted map of terms
    /// with a map of articles in each spent most of the build comparing keys and allocating.
    terms: FxHashMap<String, TermList>,
    /// Terms whose lists store no positions.
    positionless: Box<dyn Fn(&str) -> bool + 'a>,
    /// Terms whose positions are left to the texts when none of their occurrences is derived.
    in_text: Box<dyn Fn(&str) -> bool + 'a>,
    entities: Vec<(&'a str, EntityKind, Vec<&'a str>)>,
    mentions: BTreeMap<ArticleId, Vec<Mention>>,
    metas: BTreeMap<ArticleId, ArticleMeta<'a>>,
}

impl<'a> IndexWriter<'a> {
    /// A writer whose alias keys are folded with `fold` (the runtime must look names up with
    /// the same function: `explorer_text::fold_key` in this project).
    pub fn new(fold: impl Fn(&str) -> String + 'a) -> Self {
        IndexWriter {
            fold: Box::new(fold),
            records: Vec::new(),
            terms: FxHashMap::default(),
            positionless: Box::new(|_| false),
            in_text: Box::new(|_| false),
            entities: Vec::new(),
            mentions: BTreeMap::new(),
            metas: BTreeMap::new(),
        }
    }

    /// Store no positions for the terms `positionless` says yes to: terms that only add
    /// weight to a word that is found anyway (the exact-spelling keys of this project), which
    /// neither phrases nor proximity nor snippets look at. Positions are most of the postings.
    pub fn without_positions(mut self, positionless: impl Fn(&str) -> bool + 'a) -> Self {
        self.positionless = Box::new(positionless);
        self
    }

    /// Leave the positions of the terms `in_text` says yes to to the articles' texts, where every occurrence of such a term is a token whose own
    /// term it is (none derived: a term with a derived occurrence keeps its positions). In
    /// this project the stop words: a third of all positions, which only phrases need, and
    /// phrases check them in the text. Not for an index whose texts go elsewhere (hosted:
    /// `chunks::split_text` refuses it).
    pub fn positions_in_text(mut self, in_text: impl Fn(&str) -> bool + 'a) -> Self {
        self.in_text = Box::new(in_text);
        self
    }

    /// Add an article; it gets the next id, which is returned.
    pub fn add_article(&mut self, record: ArticleRecord<'a>) -> ArticleId {
        self.records.push(record);
        ArticleId(self.records.len() as u32 - 1)
    }

    /// Set the source, authors, URL and language of `article` (none by default).
    pub fn add_metadata(&mut self, article: ArticleId, meta: ArticleMeta<'a>) {
        self.metas.insert(article, meta);
    }

    /// Record that `term` occurs in `article` at `occurrence`. Empty terms are ignored.
    pub fn add_term(&mut self, article: ArticleId, term: &str, occurrence: Occurrence) {
        if term.is_empty() {
            return;
        }
        // Look the term up before making a key of it: most occurrences are of known terms.
        match self.terms.get_mut(term) {
            Some(list) => list.push((article, occurrence)),
            None => {
                self.terms
                    .insert(term.to_owned(), vec![(article, occurrence)]);
            }
        }
    }

    /// Add an entity; it gets the next id, which is returned. `aliases` are its other
    /// names (used for lookups by name).
    pub fn add_entity(
        &mut self,
        name: &'a str,
        kind: EntityKind,
        aliases: Vec<&'a str>,
    ) -> EntityId {
        self.entities.push((name, kind, aliases));
        EntityId(self.entities.len() as u32 - 1)
    }

    /// Record a mention of an entity in an article.
    pub fn add_mention(&mut self, article: ArticleId, mention: Mention) {
        self.mentions.entry(article).or_default().push(mention);
    }

    /// Number of distinct terms so far.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// Write the index. The postings lists are encoded on two threads, each a run of
    /// consecutive terms, while the other sections are encoded too; the runs are joined in
    /// term order, so the bytes are those of one thread.
    pub fn finish(self) -> Vec<u8> {
        let IndexWriter {
            fold,
            records,
            terms,
            positionless,
            in_text,
            entities,
            mentions,
            metas,
        } = self;
        let mut first: Vec<(String, TermList)> = terms.into_iter().collect();
        first.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
        let with_positions: Vec<PositionsKept> = first
            .iter()
            .map(|(t, list)| {
                if positionless(t) {
                    PositionsKept::None
                } else if in_text(t) && list.iter().all(|(_, o)| !o.derived) {
                    PositionsKept::InText
                } else {
                    PositionsKept::Stored
                }
            })
            .collect();
        // Halves of about equal work: occurrences.
        let total: usize = first.iter().map(|(_, list)| list.len()).sum();
        let mut so_far = 0;
        let split = first
            .iter()
            .position(|(_, list)| {
                so_far += list.len();
                so_far * 2 >= total
            })
            .map_or(first.len(), |i| i + 1);
        let second = first.split_off(split);
        let (first_flags, second_flags) = with_positions.split_at(split);
        let ((post, first_keys), (second_post, second_keys), other) = std::thread::scope(|scope| {
            let first_half = scope.spawn(move || encode_lists(first, first_flags));
            let second_half = encode_lists(second, second_flags);
            let other = OtherSections::encode(&records, &entities, &mentions, &metas);
            let first_half = first_half
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (first_half, second_half, other)
        });
        let mut post = post;
        let base = post.len() as u64;
        post.extend_from_slice(&second_post);
        drop(second_post);
        let mut fst_builder = fst::MapBuilder::memory();
        let keys = first_keys
            .into_iter()
            .chain(second_keys.into_iter().map(|(t, o)| (t, o + base)));
        for (term, offset) in keys {
            // Keys come from a map, sorted above, so they are sorted and unique: insert cannot
            // fail.
            if let Err(e) = fst_builder.insert(term.as_bytes(), offset) {
                unreachable!("sorted unique keys rejected by fst: {e}");
            }
        }
        let term_bytes = match fst_builder.into_inner() {
            Ok(bytes) => bytes,
            Err(e) => unreachable!("in-memory fst cannot fail to finish: {e}"),
        };
        let OtherSections {
            meta,
            arts,
            lens,
            head,
            body,
            ents,
            ment,
            aent,
            amet,
        } = other;
        let alia = alias_map(&entities, &fold);
        container::assemble(&[
            (*b"META", &meta),
            (*b"TERM", &term_bytes),
            (*b"POST", &post),
            (*b"ARTS", &arts),
            (*b"LENS", &lens),
            (*b"HEAD", &head),
            (*b"BODY", &body),
            (*b"ENTS", &ents),
            (*b"MENT", &ment),
            (*b"AENT", &aent),
            (*b"ALIA", &alia),
            (*b"AMET", &amet),
        ])
    }
}

/// A term's occurrences with their articles, in the order added.
type TermList = Vec<(ArticleId, Occurrence)>;

/// Encodes `terms`' postings lists one after the other; returns the bytes and each term with
/// the offset of its list in them. A list is sorted by article, then by position, whether
/// derived and field, and an occurrence added twice counts once.
fn encode_lists(
    terms: Vec<(String, TermList)>,
    with_positions: &[PositionsKept],
) -> (Vec<u8>, Vec<(String, u64)>) {
    let mut post = Vec::new();
    let mut keys = Vec::with_capacity(terms.len());
    for ((term, mut occurrences), &positions) in terms.into_iter().zip(with_positions) {
        occurrences.sort_unstable_by_key(|&(a, o)| (a, o.position, o.derived, o.field));
        occurrences.dedup();
        let list: Vec<Posting> = occurrences
            .chunk_by(|(a, _), (b, _)| a == b)
            .map(|run| Posting {
                article: run[0].0,
                occurrences: run.iter().map(|&(_, o)| o).collect(),
            })
            .collect();
        drop(occurrences);
        keys.push((term, post.len() as u64));
        postings::encode(&mut post, &list, positions);
    }
    (post, keys)
}

/// The sections besides the terms and their postings.
struct OtherSections {
    meta: [u8; 4],
    arts: Vec<u8>,
    lens: Vec<u8>,
    head: Vec<u8>,
    body: Vec<u8>,
    ents: Vec<u8>,
    ment: Vec<u8>,
    aent: Vec<u8>,
    amet: Vec<u8>,
}

impl OtherSections {
    fn encode(
        records: &[ArticleRecord<'_>],
        entities: &[(&str, EntityKind, Vec<&str>)],
        mentions: &BTreeMap<ArticleId, Vec<Mention>>,
        metas: &BTreeMap<ArticleId, ArticleMeta<'_>>,
    ) -> OtherSections {
        let total_len: u64 = records.iter().map(|r| u64::from(r.indexed_len)).sum();
        let avg_len = if records.is_empty() {
            0.0
        } else {
            total_len as f32 / records.len() as f32
        };
        let (head, body) = articles::encode(records);
        let mentions: Vec<Vec<Mention>> = (0..records.len() as u32)
            .map(|a| mentions.get(&ArticleId(a)).cloned().unwrap_or_default())
            .collect();
        let (ents, ment) = entities::encode(entities, &mentions);
        let aent = entities::encode_article_entities(&mentions);
        let arts = articles::encode_arts(records);
        let lens = articles::encode_lens(records);
        let metas: Vec<ArticleMeta<'_>> = (0..records.len() as u32)
            .map(|a| metas.get(&ArticleId(a)).cloned().unwrap_or_default())
            .collect();
        let amet = articles::encode_meta(&metas);
        OtherSections {
            meta: avg_len.to_le_bytes(),
            arts,
            lens,
            head,
            body,
            ents,
            ment,
            aent,
            amet,
        }
    }
}

/// The ALIA fst: every folded name and alias of an entity -> its id. A key shared by several
/// entities names the one whose own name it is (the organisation `Debian` over the person
/// `Debian Maintainer`, whom the text also called `Debian`); one that is no single entity's
/// own name (or the name of several) is left out: it cannot name one of them.
fn alias_map(entities: &[(&str, EntityKind, Vec<&str>)], fold: &dyn Fn(&str) -> String) -> Vec<u8> {
    // Per key: the entities whose name it is, and every entity it names.
    let mut keys: BTreeMap<String, (BTreeSet<u32>, BTreeSet<u32>)> = BTreeMap::new();
    for (i, (name, _, aliases)) in entities.iter().enumerate() {
        for (a, own) in std::iter::once((name, true)).chain(aliases.iter().map(|a| (a, false))) {
            let key = fold(a);
            if !key.is_empty() {
                let (named, all) = keys.entry(key).or_default();
                if own {
                    named.insert(i as u32);
                }
                all.insert(i as u32);
            }
        }
    }
    let mut builder = fst::MapBuilder::memory();
    for (key, (named, all)) in keys {
        let one = |ids: &BTreeSet<u32>| (ids.len() == 1).then(|| ids.first().copied()).flatten();
        if let Some(id) = one(&all).or_else(|| one(&named)) {
            if let Err(e) = builder.insert(key.as_bytes(), u64::from(id)) {
                unreachable!("sorted unique keys rejected by fst: {e}");
            }
        }
    }
    match builder.into_inner() {
        Ok(bytes) => bytes,
        Err(e) => unreachable!("in-memory fst cannot fail to finish: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Field, Index, IndexError};

    #[test]
    fn a_key_several_entities_share_names_the_one_whose_own_name_it_is() {
        let mut w = IndexWriter::new(|s: &str| s.to_lowercase());
        let debian = w.add_entity("Debian", EntityKind::Organization, vec![]);
        let maintainer = w.add_entity("Debian Maintainer", EntityKind::Person, vec!["Debian"]);
        w.add_entity("Kim", EntityKind::Person, vec!["Chef"]);
        w.add_entity("Xi", EntityKind::Person, vec!["Chef"]);
        w.add_entity("Peking", EntityKind::Place, vec![]);
        w.add_entity("Peking", EntityKind::Organization, vec![]);
        let bytes = w.finish();
        let index = Index::open(&bytes).unwrap();
        assert_eq!(index.entity_by_alias("debian"), Some(debian));
        assert_eq!(index.entity_by_alias("debian maintainer"), Some(maintainer));
        // No one's own name, or the name of two: names nobody.
        assert_eq!(index.entity_by_alias("chef"), None);
        assert_eq!(index.entity_by_alias("peking"), None);
        assert!(index.entity_by_alias("kim").is_some());
    }

    fn build() -> Vec<u8> {
        let mut w = IndexWriter::new(|s: &str| s.to_lowercase());
        for (file, text) in [("a.txt", "kim peking"), ("b.txt", "peking xi")] {
            let id = w.add_article(ArticleRecord {
                file,
                title: file,
                title_derived: true,
                date: None,
                indexed_len: 2,
                text,
                blocks: vec![],
            });
            for (i, word) in text.split(' ').enumerate() {
                w.add_term(
                    id,
                    word,
                    Occurrence {
                        position: i as u32,
                        field: Field::Body,
                        derived: false,
                    },
                );
            }
        }
        w.finish()
    }

    #[test]
    fn writes_what_the_reader_reads() {
        let bytes = build();
        let index = Index::open(&bytes).unwrap();
        assert_eq!(index.article_count(), 2);
        assert_eq!(index.avg_len(), 2.0);
        let peking = index.postings("peking").unwrap().unwrap();
        let articles: Vec<u32> = peking.articles().iter().map(|a| a.0).collect();
        assert_eq!(articles, [0, 1]);
        assert_eq!(peking.to_postings().unwrap()[1].occurrences[0].position, 0);
        assert!(index.postings("nirgends").unwrap().is_none());
        assert_eq!(index.article(ArticleId(1)).unwrap().file, "b.txt");
        assert!(matches!(
            index.article(ArticleId(2)),
            Err(IndexError::NoSuchArticle { .. })
        ));
    }

    #[test]
    fn an_embedded_index_is_opened_without_the_checksum_pass_but_every_other_check() {
        let mut bytes = build();
        let last = bytes.len() - 1;
        bytes[last] ^= 1; // a changed byte of the body
        assert!(matches!(
            Index::open(&bytes),
            Err(IndexError::Checksum { .. })
        ));
        assert!(Index::open_embedded(&bytes).is_ok());
        assert!(matches!(
            Index::open_embedded(&bytes[..30]),
            Err(IndexError::Truncated { .. })
        ));
        bytes[8] ^= 1; // the format version
        assert!(matches!(
            Index::open_embedded(&bytes),
            Err(IndexError::Version { .. })
        ));
    }

    #[test]
    fn is_deterministic() {
        assert_eq!(build(), build());
    }

    #[test]
    fn damaged_bytes_give_errors_not_panics() {
        let bytes = build();
        for i in 0..bytes.len() {
            let mut v = bytes.clone();
            v[i] ^= 0x55;
            let _ = Index::open(&v).map(|idx| {
                let _ = idx.postings("peking").map(|l| l.map(|l| l.to_postings()));
                let _ = idx.article(ArticleId(0));
            });
        }
    }
}
