//! What a call reads of the per-article tables a lazy index keeps in row chunks (HEAD,
//! MENT): [`Index::head`](crate::Index::head), [`Index::article`](crate::Index::article) and
//! [`Index::mentions`](crate::Index::mentions) note the article they read while a
//! [`recording`] runs, so the engine's own reads decide which row chunks a call needs, as
//! its dictionary reads decide the shards and packs (`search::expand::reads` in the engine).
//! Nothing is noted outside a recording (one thread-local check per read).

use std::cell::RefCell;
use std::collections::BTreeSet;

use crate::container::Tag;
use crate::ArticleId;

/// The rows one call read: (table, article).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowReads {
    pub rows: BTreeSet<(Tag, u32)>,
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
    ROWS.with(|r| {
        if let Some(reads) = r.borrow_mut().as_mut() {
            reads.rows.insert((tag, article.0));
        }
    });
}
