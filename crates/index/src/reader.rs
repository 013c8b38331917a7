//! [`Index`]: the read side, over borrowed bytes.

use crate::container::{self, Sections};
use crate::{articles, postings, ArticleHead, ArticleId, ArticleRecord, IndexError, Postings};
use fst::Map;

/// An opened index. Cheap to open (verifies the header and checksum, parses the directory
/// and the fst's header) and never copies the bytes.
pub struct Index<'a> {
    terms: Map<&'a [u8]>,
    postings: &'a [u8],
    head: &'a [u8],
    body: &'a [u8],
    article_count: u32,
    avg_len: f32,
}

impl<'a> Index<'a> {
    /// Verify and open `bytes` (see the crate docs for the order of checks).
    pub fn open(bytes: &'a [u8]) -> Result<Index<'a>, IndexError> {
        let sections: Sections<'a> = container::open(bytes)?;
        let terms = Map::new(sections.get(*b"TERM")?).map_err(|_| IndexError::Corrupt {
            section: "TERM",
            offset: 0,
        })?;
        let head = sections.get(*b"HEAD")?;
        let body = sections.get(*b"BODY")?;
        let article_count = articles::count(head, "HEAD")?;
        if articles::count(body, "BODY")? != article_count {
            return Err(IndexError::Corrupt {
                section: "BODY",
                offset: 0,
            });
        }
        let meta = sections.get(*b"META")?;
        let avg_len = meta
            .get(0..4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .filter(|v| v.is_finite())
            .ok_or(IndexError::Corrupt {
                section: "META",
                offset: 0,
            })?;
        Ok(Index {
            terms,
            postings: sections.get(*b"POST")?,
            head,
            body,
            article_count,
            avg_len,
        })
    }

    /// Number of articles.
    pub fn article_count(&self) -> u32 {
        self.article_count
    }

    /// All article ids, in order.
    pub fn article_ids(&self) -> impl Iterator<Item = ArticleId> {
        (0..self.article_count).map(ArticleId)
    }

    /// Average indexed length of an article, in tokens (for BM25).
    pub fn avg_len(&self) -> f32 {
        self.avg_len
    }

    /// The term dictionary, for exact, prefix and fuzzy lookups with fst automata.
    pub fn terms(&self) -> &Map<&'a [u8]> {
        &self.terms
    }

    /// The postings of `term`, or `None` if it is not in the index.
    pub fn postings(&self, term: &str) -> Result<Option<Postings>, IndexError> {
        match self.terms.get(term) {
            Some(offset) => self.postings_at(offset).map(Some),
            None => Ok(None),
        }
    }

    /// The postings list at `offset`, a value from [`Index::terms`].
    pub fn postings_at(&self, offset: u64) -> Result<Postings, IndexError> {
        let offset = usize::try_from(offset).map_err(|_| IndexError::Corrupt {
            section: "POST",
            offset: usize::MAX,
        })?;
        postings::decode(self.postings, offset)
    }

    /// What it takes to list and rank article `id`, without its text.
    pub fn head(&self, id: ArticleId) -> Result<ArticleHead<'a>, IndexError> {
        articles::decode_head(self.head, id)
    }

    /// The stored article `id`, with its text.
    pub fn article(&self, id: ArticleId) -> Result<ArticleRecord<'a>, IndexError> {
        articles::decode(self.head, self.body, id)
    }
}
