//! Where the explorer reads article texts: the index itself (the default, offline build), or
//! text chunks loaded on demand (hosted mode, see `explorer_index::chunks`).
//!
//! Search, ranking, facets and dates never need a text; snippets, the reader and mentions in
//! context do. [`Texts`] answers "the text of article N" from whichever source the index
//! has. In hosted mode an article whose chunk is not loaded has no text yet: the caller shows
//! what it can (a hit without its snippet) and asks the page to load the chunk
//! ([`Texts::missing`], [`Texts::add`]).
//!
//! Reading chunks is behind the `chunks` feature (which `hosted` turns on), so that the
//! default .wasm carries none of this code: built without it, texts come from the index only,
//! and a hosted index does not open.

#[cfg(feature = "chunks")]
use explorer_index::LoadedChunk;
use explorer_index::{ArticleId, ArticleRecord, Index, IndexError};

/// The texts of one index: embedded, or chunks loaded so far.
#[derive(Debug, Default)]
pub struct Texts {
    /// Hosted mode: one slot per text chunk, filled when loaded. Empty when the texts are
    /// embedded in the index.
    #[cfg(feature = "chunks")]
    chunks: Vec<Option<LoadedChunk>>,
}

/// A text chunk that is not loaded: its number, file name and size as stored (gzip).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingChunk {
    pub chunk: u32,
    pub file: String,
    pub stored_len: u32,
}

impl Texts {
    /// The texts of `index`: embedded, or (hosted) none loaded yet.
    pub fn new(index: &Index<'_>) -> Self {
        #[cfg(feature = "chunks")]
        {
            let count = index.text_chunk_count().unwrap_or(0);
            Texts {
                chunks: (0..count).map(|_| None).collect(),
            }
        }
        #[cfg(not(feature = "chunks"))]
        {
            let _ = index;
            Texts {}
        }
    }

    /// Whether the texts live in chunks (hosted mode).
    pub fn is_hosted(index: &Index<'_>) -> bool {
        #[cfg(feature = "chunks")]
        return index.text_chunk_count().is_some();
        #[cfg(not(feature = "chunks"))]
        {
            let _ = index;
            false
        }
    }

    /// Whether `id`'s text can be read now: always when embedded; in hosted mode once its
    /// chunk is loaded. An id the index does not have is not loaded.
    pub fn is_loaded(&self, index: &Index<'_>, id: ArticleId) -> bool {
        #[cfg(feature = "chunks")]
        if let Some(entry) = index.text_chunk_of(id) {
            return entry.is_ok_and(|(c, _)| matches!(self.chunks.get(c as usize), Some(Some(_))));
        }
        id.0 < index.article_count()
    }

    /// Article `id` with its text; `None` when its text chunk is not loaded (hosted mode).
    pub fn record<'s>(
        &'s self,
        index: &Index<'s>,
        id: ArticleId,
    ) -> Result<Option<ArticleRecord<'s>>, IndexError> {
        #[cfg(feature = "chunks")]
        if let Some(entry) = index.text_chunk_of(id) {
            let head = index.head(id)?;
            let (chunk, _) = entry?;
            return match self.chunks.get(chunk as usize) {
                Some(Some(loaded)) => {
                    let (text, blocks) = loaded.text(id)?;
                    Ok(Some(ArticleRecord::with_text(head, text, blocks)))
                }
                _ => {
                    #[cfg(feature = "lazy")]
                    wanted::note(id);
                    Ok(None)
                }
            };
        }
        index.article(id).map(Some)
    }

    /// Article `id` with its text, or (hosted mode) `IndexError::TextNotLoaded` naming its
    /// chunk.
    pub fn require<'s>(
        &'s self,
        index: &Index<'s>,
        id: ArticleId,
    ) -> Result<ArticleRecord<'s>, IndexError> {
        match self.record(index, id)? {
            Some(record) => Ok(record),
            // Not loaded: the index says which chunk it is in.
            None => index.article(id),
        }
    }

    /// The chunks that hold the texts of `ids` and are not loaded, each once, in chunk order.
    /// Empty when the texts are embedded. An unknown id is an error.
    pub fn missing(
        &self,
        index: &Index<'_>,
        ids: impl IntoIterator<Item = ArticleId>,
    ) -> Result<Vec<MissingChunk>, IndexError> {
        #[cfg(feature = "chunks")]
        if Texts::is_hosted(index) {
            // Each article's entry (a lazy index reads the rows of those articles only).
            let mut wanted: Vec<(u32, explorer_index::ChunkInfo)> = Vec::new();
            for id in ids {
                let Some(entry) = index.text_chunk_of(id) else {
                    continue;
                };
                let (chunk, info) = entry?;
                if !matches!(self.chunks.get(chunk as usize), Some(Some(_))) {
                    wanted.push((chunk, info));
                }
            }
            wanted.sort_unstable_by_key(|(chunk, _)| *chunk);
            wanted.dedup_by_key(|(chunk, _)| *chunk);
            return Ok(wanted
                .into_iter()
                .map(|(chunk, info)| MissingChunk {
                    chunk,
                    file: info.file_name(chunk),
                    stored_len: info.stored_len,
                })
                .collect());
        }
        for id in ids {
            index.head(id)?;
        }
        Ok(Vec::new())
    }

    /// Adds the decompressed bytes of text chunk `chunk`, after checking them (length,
    /// checksum, structure). Adding a loaded chunk again checks the bytes and keeps the first.
    /// An index with its texts embedded has no chunks (`MissingSection` TXTC).
    pub fn add(&mut self, index: &Index<'_>, chunk: u32, bytes: Vec<u8>) -> Result<(), IndexError> {
        #[cfg(feature = "chunks")]
        {
            // A lazy text file that carries its head (lazy format 10): its text is checked
            // against this index's entry.
            let bytes = match explorer_index::chunks::carried(&bytes) {
                Some(c) if c.article == chunk => c.text.to_vec(),
                _ => bytes,
            };
            let loaded = index.check_text_chunk(chunk, bytes)?;
            if let Some(slot @ None) = self.chunks.get_mut(chunk as usize) {
                *slot = Some(loaded);
            }
            Ok(())
        }
        #[cfg(not(feature = "chunks"))]
        {
            let _ = (index, chunk, bytes);
            Err(IndexError::MissingSection { tag: *b"TXTC" })
        }
    }
}

#[cfg(feature = "lazy")]
impl Texts {
    /// Puts text chunk `chunk`, checked already (against the entry its file carried:
    /// `crate::lazy::LazyExplorer::add_text_chunk`); a loaded chunk stays as it was.
    pub(crate) fn put(&mut self, chunk: u32, loaded: LoadedChunk) {
        if let Some(slot @ None) = self.chunks.get_mut(chunk as usize) {
            *slot = Some(loaded);
        }
    }
}

/// Lazy hosted mode: the articles whose texts a call read and found not loaded (a page's
/// snippets), recorded while [`wanted::recording`] runs it, so that the page's rounds fetch
/// those texts with the heads they read (`crate::lazy::LazyExplorer::missing_for_page`).
#[cfg(feature = "lazy")]
pub(crate) mod wanted {
    use explorer_index::ArticleId;
    use std::cell::RefCell;

    thread_local! {
        static WANTED: RefCell<Option<Vec<ArticleId>>> = const { RefCell::new(None) };
    }

    /// Notes that the text of `id` was read and is not loaded (nothing when not recording).
    pub(crate) fn note(id: ArticleId) {
        WANTED.with(|w| {
            if let Some(ids) = w.borrow_mut().as_mut() {
                ids.push(id);
            }
        });
    }

    /// Runs `call`, and returns its answer and the articles whose texts it wanted, each once.
    pub(crate) fn recording<T>(call: impl FnOnce() -> T) -> (T, Vec<ArticleId>) {
        let outer = WANTED.with(|w| w.replace(Some(Vec::new())));
        let answer = call();
        let mut ids = WANTED.with(|w| w.replace(outer)).unwrap_or_default();
        ids.sort_unstable();
        ids.dedup();
        (answer, ids)
    }
}
