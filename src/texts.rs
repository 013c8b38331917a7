//! Where the explorer reads article texts: the index itself (the default, offline build), or
//! text chunks loaded on demand (hosted mode, see `explorer_index::chunks`).
//!
//! Search, ranking, facets and dates never need a text; snippets, the reader and mentions in
//! context do. [`Texts`] answers "the text of article N" from whichever source the index
//! has. In hosted mode an article whose chunk is not loaded has no text yet: the caller shows
//! what it can (a hit without its snippet) and asks the page to load the chunk
//! ([`Texts::missing`], [`Texts::add`]).

use explorer_index::{ArticleId, ArticleRecord, Index, IndexError, LoadedChunk};

/// The texts of one index: embedded, or chunks loaded so far.
#[derive(Debug, Default)]
pub struct Texts {
    /// Hosted mode: one slot per text chunk, filled when loaded. Empty when the texts are
    /// embedded in the index.
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
        let count = index.text_chunks().map_or(0, |c| c.count());
        Texts {
            chunks: (0..count).map(|_| None).collect(),
        }
    }

    /// Whether `id`'s text can be read now: always when embedded; in hosted mode once its
    /// chunk is loaded. An id the index does not have is not loaded.
    pub fn is_loaded(&self, index: &Index<'_>, id: ArticleId) -> bool {
        match index.text_chunks() {
            None => id.0 < index.article_count(),
            Some(table) => table
                .chunk_of(id)
                .is_ok_and(|c| matches!(self.chunks.get(c as usize), Some(Some(_)))),
        }
    }

    /// Article `id` with its text; `None` when its text chunk is not loaded (hosted mode).
    pub fn record<'s>(
        &'s self,
        index: &Index<'s>,
        id: ArticleId,
    ) -> Result<Option<ArticleRecord<'s>>, IndexError> {
        let Some(table) = index.text_chunks() else {
            return index.article(id).map(Some);
        };
        let head = index.head(id)?;
        let chunk = table.chunk_of(id)?;
        match self.chunks.get(chunk as usize) {
            Some(Some(loaded)) => {
                let (text, blocks) = loaded.text(id)?;
                Ok(Some(ArticleRecord::with_text(head, text, blocks)))
            }
            _ => Ok(None),
        }
    }

    /// Article `id` with its text, or [`IndexError::TextNotLoaded`] naming its chunk.
    pub fn require<'s>(
        &'s self,
        index: &Index<'s>,
        id: ArticleId,
    ) -> Result<ArticleRecord<'s>, IndexError> {
        match self.record(index, id)? {
            Some(record) => Ok(record),
            None => Err(index
                .text_chunks()
                .map_or(IndexError::MissingSection { tag: *b"BODY" }, |t| {
                    t.not_loaded(id)
                })),
        }
    }

    /// The chunks that hold the texts of `ids` and are not loaded, each once, in chunk order.
    /// Empty when the texts are embedded.
    pub fn missing(
        &self,
        index: &Index<'_>,
        ids: impl IntoIterator<Item = ArticleId>,
    ) -> Result<Vec<MissingChunk>, IndexError> {
        let Some(table) = index.text_chunks() else {
            for id in ids {
                index.head(id)?;
            }
            return Ok(Vec::new());
        };
        let mut wanted: Vec<u32> = Vec::new();
        for id in ids {
            let chunk = table.chunk_of(id)?;
            if !matches!(self.chunks.get(chunk as usize), Some(Some(_))) {
                wanted.push(chunk);
            }
        }
        wanted.sort_unstable();
        wanted.dedup();
        wanted
            .into_iter()
            .map(|chunk| {
                let info = table.info(chunk)?;
                Ok(MissingChunk {
                    chunk,
                    file: info.file_name(chunk),
                    stored_len: info.stored_len,
                })
            })
            .collect()
    }

    /// Adds the decompressed bytes of text chunk `chunk`, after checking them (length,
    /// checksum, structure). Adding a loaded chunk again checks the bytes and keeps the first.
    pub fn add(&mut self, index: &Index<'_>, chunk: u32, bytes: Vec<u8>) -> Result<(), IndexError> {
        let Some(table) = index.text_chunks() else {
            return Err(IndexError::NoSuchChunk { chunk, count: 0 });
        };
        let loaded = table.check(chunk, bytes)?;
        if let Some(slot @ None) = self.chunks.get_mut(chunk as usize) {
            *slot = Some(loaded);
        }
        Ok(())
    }
}
