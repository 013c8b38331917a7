//! What a call reads of the tables a lazy index keeps in row chunks (HEAD, MENT, AENT,
//! ENTS: `rows.rs`; the text chunks' table TXTC, whose entries the HEAD chunks carry), of
//! the alias map (its keys and prefixes: `aliases.rs`) and of the sections it fetches only
//! when read:
//! [`Index::head`](crate::Index::head), [`Index::article`](crate::Index::article),
//! [`Index::mentions`](crate::Index::mentions), [`Index::article_entities`](crate::Index::article_entities),
//! [`Index::entity`](crate::Index::entity) and [`Index::entity_name`](crate::Index::entity_name)
//! note the row they read, [`Index::entity_by_alias`](crate::Index::entity_by_alias) and
//! [`Index::is_alias`](crate::Index::is_alias) the key they look up,
//! [`Index::aliases_with_prefix`](crate::Index::aliases_with_prefix) its prefix and
//! [`Index::aliases`](crate::Index::aliases) the whole alias map, while a [`recording`] runs,
//! so the engine's own reads decide which files a call needs, as its dictionary reads decide
//! the shards and packs (`search::expand::reads` in the engine). Nothing is noted outside a
//! recording (one thread-local check per read).

use std::cell::RefCell;
use std::collections::BTreeSet;

use crate::container::Tag;
use crate::ArticleId;

/// What one call read: rows (table, record: an article, or an entity in ENTS; TXTC's row
/// of an article is the entry of the text chunk that holds it), keys of the alias map and
/// whole sections.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowReads {
    pub rows: BTreeSet<(Tag, u32)>,
    /// Folded names looked up in the alias map (ALIA), each in one alias shard.
    pub alias_keys: BTreeSet<String>,
    /// Prefixes whose names were walked in the alias map: the alias shards of their range.
    pub alias_prefixes: BTreeSet<String>,
    pub sections: BTreeSet<Tag>,
    /// Tables every row of which was read (through a table the engine derived from them
    /// and keeps: a call that uses it reads them all).
    pub tables: BTreeSet<Tag>,
}

thread_local! {
    static ROWS: RefCell<Option<RowReads>> = const { RefCell::new(None) };
}

/// Runs `f` and returns the rows it read along with its result (nested recordings each see
/// their own reads).
pub fn recording<T>(f: impl FnOnce() -> T) -> (T, RowReads) {
    let outer = ROWS.with(|r| r.replace(Some(RowReads::default())));
    let out = f();
    let reads = ROWS.with(|r| r.replace(outer)).unwrap_or_default();
    (out, reads)
}

/// Notes that the row of `article` in table `tag` was read.
#[inline]
pub(crate) fn note(tag: Tag, article: ArticleId) {
    note_row(tag, article.0);
}

/// Notes that record `i` of table `tag` was read (an article's, or an entity's in ENTS).
#[inline]
pub(crate) fn note_row(tag: Tag, i: u32) {
    ROWS.with(|r| {
        if let Some(reads) = r.borrow_mut().as_mut() {
            reads.rows.insert((tag, i));
        }
    });
}

/// Notes that every row of table `tag` was read: what the engine calls when it uses a table
/// it derived from all of them and keeps (the facets' table of every article's entities,
/// the facet box's folded names), so that its use, not only its making, needs them loaded:
/// a table made from rows not loaded is never an answer.
#[inline]
pub fn note_table(tag: Tag) {
    ROWS.with(|r| {
        if let Some(reads) = r.borrow_mut().as_mut() {
            reads.tables.insert(tag);
        }
    });
}

/// Notes that the alias map was asked for the folded name `key`.
#[inline]
pub(crate) fn note_alias_key(key: &str) {
    ROWS.with(|r| {
        if let Some(reads) = r.borrow_mut().as_mut() {
            reads.alias_keys.insert(key.to_owned());
        }
    });
}

/// Notes that the alias map's names beginning with `prefix` were walked.
#[inline]
pub(crate) fn note_alias_prefix(prefix: &str) {
    ROWS.with(|r| {
        if let Some(reads) = r.borrow_mut().as_mut() {
            reads.alias_prefixes.insert(prefix.to_owned());
        }
    });
}

/// Notes that section `tag` was read whole (one fetched whole: the alias fst, ARTS, AMET,
/// TXTC).
#[inline]
pub fn note_section(tag: Tag) {
    ROWS.with(|r| {
        if let Some(reads) = r.borrow_mut().as_mut() {
            reads.sections.insert(tag);
        }
    });
}
