//! Row chunks: the tables of one record per article, HEAD (file, title, date), MENT
//! (mentions) and AENT (its distinct entities), and the entity table ENTS (name, kind,
//! aliases, articles: one record per entity), cut into files of consecutive records, so
//! that a page fetches the rows of the articles it shows and of the entities it names
//! rather than the whole tables. Each chunk is a table of this crate's format
//! (`count u32 | count x offset u32, relative to the chunk | records`) of the records from
//! its first one (listed in the root) to the next chunk's first.
//!
//! The whole tables stay files too (the root's section table lists them): a page that reads
//! them without rounds (today's element lists every article's title when it opens) loads
//! them whole, and then needs no chunk. The engine notes every row it reads
//! ([`super::reads`]); [`LazyIndex::rows_files`] names the chunks those rows are in.
//!
//! The alias fst (ALIA) is cut by key range instead (`aliases.rs`), and the text chunks'
//! table TXTC rides in the HEAD chunks (`texts.rs`); both stay [`LAZY_SECTIONS`] (with ARTS,
//! AMET, ETOT, STRT), out of what the page loads to be ready and fetched whole by a call
//! that reads them whole (or most of them).

#[cfg(feature = "write")]
use super::files::FileKind;
use super::files::{FileName, FileRef};
use super::store::LazyIndex;
use super::texts::TEXT_ROWS;
use super::LazyError;
use crate::container::Tag;

/// The tables kept in row chunks as well as whole.
pub const ROW_TABLES: [Tag; 4] = [*b"HEAD", *b"MENT", *b"AENT", *b"ENTS"];

/// The names of the entities: a table derived from ENTS at build time, kept in row chunks
/// only (no section), one record per entity of its name and kind and no alias or article
/// (so a record of it is a valid ENTS record). The facets read only the names and kinds of
/// the entities they list ([`crate::Index::entity_name`]), a fifth of ENTS's bytes; the
/// assembled ENTS takes a record from ENTS's chunk when loaded, else from this table's.
pub const NAME_ROWS: Tag = *b"ENAM";

/// The articles' metadata apart (lazy format 5): AMET's per-article part, kept in row
/// chunks only (no section: the whole of it is AMET), one record per article of its source
/// id + 1 (`u32` LE, as AMET's column) then its AMET record (language, authors, URL); and
/// [`META_NAMES`] its tables of names. An article listed (a page of the start page, hits)
/// reads its row and the names, not AMET whole (`Index::article_meta`); the source facets,
/// which read every article's, read AMET whole. Assembled over the names while AMET is not
/// loaded (`assemble.rs`).
pub const META_ROWS: Tag = *b"AMPR";

/// AMET's tables of source, author and language names (a lazy section): `u32` LE the
/// offsets of the author and of the language table, relative to the first, then the three
/// tables (this crate's format) as in AMET.
pub const META_NAMES: Tag = *b"AMNM";

/// The sections fetched whole, and only when a call reads them: not needed to be ready.
/// The alias fst (every name; a name or a prefix reads alias shards, `aliases.rs`), LENS
/// (lengths: ranking), ARTS (dates: date filters and orders, the histogram, which a page's
/// first answer leaves to its facets' step), AMET (sources, authors:
/// the source facets and every listed article), TXTC (which text chunk holds an article:
/// what reads most articles' texts; an article's entry comes with its HEAD chunk,
/// `texts.rs`), ETOT (every entity's number
/// of articles: the facets of a frequent word and of the start page) and STRT (the start
/// page's months, sources and authors over every article), the last two counted at build
/// time by the lazy writer (`crate::figures`). Until loaded, the assembled index holds a
/// placeholder of the right shape (`assemble.rs`), never read for an answer.
pub const LAZY_SECTIONS: [Tag; 8] = [
    *b"ALIA", *b"LENS", *b"ARTS", *b"AMET", *b"TXTC", *b"ETOT", *b"STRT", META_NAMES,
];

/// A row that is not loaded, in an assembled table: a valid empty record of every row table
/// (a HEAD record with no file, no title, no date, length 0; a MENT or AENT record of no
/// mentions or entities; an ENTS record of an unnamed person with no alias and no article).
/// The engine's recorded reads make sure it is never taken for an answer.
const NOT_LOADED: [u8; 4] = [0; 4];

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// The byte span of every record of a table, in order: record `i` runs from its offset to
/// the next record's (or the table's end). `None` if the offsets are out of order or bounds.
pub(crate) fn record_spans(table: &[u8]) -> Option<Vec<(usize, usize)>> {
    let count = u32_at(table, 0)? as usize;
    let header = 4usize.checked_add(count.checked_mul(4)?)?;
    if header > table.len() {
        return None;
    }
    let mut spans = Vec::with_capacity(count);
    let mut last = header;
    for i in 0..count {
        let start = u32_at(table, 4 + 4 * i)? as usize;
        if start < last || start > table.len() {
            return None;
        }
        if let Some(prev) = spans.last_mut() {
            let (_, end): &mut (usize, usize) = prev;
            *end = start;
        }
        spans.push((start, table.len()));
        last = start;
    }
    Some(spans)
}

/// A table (this crate's format) of `records`.
pub(super) fn table<'r>(count: usize, records: impl Iterator<Item = &'r [u8]>) -> Vec<u8> {
    let header = 4 + 4 * count;
    let mut offsets = Vec::with_capacity(header);
    let mut body = Vec::new();
    offsets.extend_from_slice(&(count as u32).to_le_bytes());
    for record in records {
        offsets.extend_from_slice(&((header + body.len()) as u32).to_le_bytes());
        body.extend_from_slice(record);
    }
    offsets.extend_from_slice(&body);
    offsets
}

/// What a chunk carries after its records, given the records it holds (the HEAD chunks of a
/// hosted index: their text chunks' entries, `texts.rs`).
#[cfg(feature = "write")]
pub(crate) type Extra<'e> = &'e dyn Fn(std::ops::Range<u32>) -> Option<Vec<u8>>;

/// Build time: cut table `section` into chunks of consecutive records, each closed once it
/// reaches `max` bytes (and with one record more, what `extra` gives for them, if given);
/// writes them into `files` and returns each chunk's first article and file. `None` if the
/// table does not decode.
#[cfg(feature = "write")]
pub(crate) fn split_rows(
    section: &[u8],
    max: usize,
    extra: Option<Extra<'_>>,
    files: &mut Vec<(String, FileKind, Vec<u8>)>,
) -> Option<Vec<(u32, FileRef)>> {
    let spans = record_spans(section)?;
    let mut chunks = Vec::new();
    let mut first = 0;
    let mut bytes = 0;
    for (i, (start, end)) in spans.iter().enumerate() {
        bytes += end - start + 4;
        let last = i + 1 == spans.len();
        if bytes >= max || last {
            let rows = &spans[first..=i];
            let more = match extra {
                Some(extra) => Some(extra(first as u32..i as u32 + 1)?),
                None => None,
            };
            let records = rows.iter().map(|&(s, e)| &section[s..e]);
            let chunk = table(
                rows.len() + usize::from(more.is_some()),
                records.chain(more.as_deref()),
            );
            let file = FileRef::of(FileKind::Rows, &chunk);
            files.push((file.name(), FileKind::Rows, chunk));
            chunks.push((first as u32, file));
            first = i + 1;
            bytes = 0;
        }
    }
    Some(chunks)
}

/// A table kept in row chunks, as the root lists it.
#[derive(Debug, Clone)]
pub(crate) struct RowTable {
    pub(crate) tag: Tag,
    /// Its number of records (articles; entities for ENTS).
    pub(crate) count: u32,
    /// Each chunk's first record and file, from record 0 up.
    pub(crate) chunks: Vec<(u32, FileRef)>,
}

/// Build time: the [`NAME_ROWS`] table of an ENTS table: each record's name and kind, then
/// no alias and no article. `None` if the table does not decode.
#[cfg(feature = "write")]
pub(crate) fn names_table(ents: &[u8]) -> Option<Vec<u8>> {
    let spans = record_spans(ents)?;
    let mut records = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        let record = &ents[start..end];
        let mut c = crate::varint::Cursor::new(record, 0);
        c.str()?;
        c.u8()?;
        let mut name = record[..c.pos()].to_vec();
        name.extend_from_slice(&[0, 0]);
        records.push(name);
    }
    Some(table(records.len(), records.iter().map(Vec::as_slice)))
}

/// AMET's parts: the offsets of its name tables and of its per-article table (`None` if
/// they are out of order or bounds, or the column is not `articles` long).
fn meta_parts(amet: &[u8], articles: usize) -> Option<[usize; 4]> {
    let at = |i: usize| u32_at(amet, 4 * i).map(|v| v as usize);
    let parts = [at(0)?, at(1)?, at(2)?, at(3)?];
    let column_end = 16usize.checked_add(articles.checked_mul(4)?)?;
    (column_end <= parts[0] && parts.windows(2).all(|w| w[0] <= w[1]) && parts[3] <= amet.len())
        .then_some(parts)
}

/// Build time: AMET cut into [`META_ROWS`] (a table, a record per article) and
/// [`META_NAMES`]. `None` if AMET does not decode.
#[cfg(feature = "write")]
pub(crate) fn meta_rows(amet: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let per = u32_at(amet, 12)? as usize;
    let spans = record_spans(amet.get(per..)?)?;
    let [src, aut, lng, per] = meta_parts(amet, spans.len())?;
    let records: Vec<Vec<u8>> = spans
        .iter()
        .enumerate()
        .map(|(i, &(s, e))| {
            let mut r = amet.get(16 + 4 * i..20 + 4 * i)?.to_vec();
            r.extend_from_slice(amet.get(per + s..per + e)?);
            Some(r)
        })
        .collect::<Option<_>>()?;
    let mut names = Vec::with_capacity(8 + per - src);
    names.extend_from_slice(&((aut - src) as u32).to_le_bytes());
    names.extend_from_slice(&((lng - src) as u32).to_le_bytes());
    names.extend_from_slice(&amet[src..per]);
    Some((
        table(records.len(), records.iter().map(Vec::as_slice)),
        names,
    ))
}

impl LazyIndex {
    /// AMET assembled from [`META_NAMES`] and the [`META_ROWS`] loaded (an article whose
    /// row is not loaded: no source, no language, no author, no URL, never read for an
    /// answer), or `None` when the names are not loaded (then AMET's placeholder).
    pub(crate) fn assembled_meta(&self) -> Result<Option<Vec<u8>>, LazyError> {
        let Ok(names) = self.section(META_NAMES) else {
            return Ok(None);
        };
        let n = self.article_count() as usize;
        let corrupt = |name: String| LazyError::Corrupt {
            name,
            what: "the articles' metadata apart",
        };
        let names_file = || {
            self.sections()
                .iter()
                .find(|(t, _)| *t == META_NAMES)
                .map_or_else(String::new, |(_, f)| f.name())
        };
        let (Some(aut), Some(lng)) = (u32_at(names, 0), u32_at(names, 4)) else {
            return Err(corrupt(names_file()));
        };
        let tables = &names[8..];
        let mut column = vec![0u8; 4 * n];
        let mut per: Vec<&[u8]> = vec![&[0, 0, 0]; n];
        if let Some(RowTable { chunks, .. }) = self.row_table(META_ROWS) {
            for (i, (first, file)) in chunks.iter().enumerate() {
                let name = file.name();
                let Some(bytes) = self.loaded_bytes(&name) else {
                    continue;
                };
                let spans = record_spans(bytes).ok_or_else(|| corrupt(name.clone()))?;
                let range = self.chunk_articles(META_ROWS, i).unwrap_or(0..0);
                for (k, (s, e)) in spans.into_iter().enumerate() {
                    let a = *first as usize + k;
                    if !range.contains(&(a as u32)) || a >= n || e < s + 4 {
                        return Err(corrupt(name));
                    }
                    column[4 * a..4 * a + 4].copy_from_slice(&bytes[s..s + 4]);
                    per[a] = &bytes[s + 4..e];
                }
            }
        }
        let per = table(n, per.into_iter());
        let src = 16 + 4 * n;
        let mut out = Vec::with_capacity(src + tables.len() + per.len());
        for at in [
            src,
            src + aut as usize,
            src + lng as usize,
            src + tables.len(),
        ] {
            out.extend_from_slice(&(at as u32).to_le_bytes());
        }
        out.extend_from_slice(&column);
        out.extend_from_slice(tables);
        out.extend_from_slice(&per);
        match meta_parts(&out, n) {
            Some(_) => Ok(Some(out)),
            None => Err(corrupt(names_file())),
        }
    }

    fn row_table(&self, tag: Tag) -> Option<&RowTable> {
        self.rows.iter().find(|t| t.tag == tag)
    }

    /// The number of records of row table `tag` (articles; entities for ENTS).
    pub fn row_count(&self, tag: Tag) -> Option<u32> {
        self.row_table(tag).map(|t| t.count)
    }

    /// The row chunk of table `tag` that holds record `i`: its number and file (`None`
    /// beyond the table: the engine answers that no such record exists).
    pub(super) fn row_chunk(&self, tag: Tag, i: u32) -> Option<(usize, &FileRef)> {
        let table = self.row_table(tag)?;
        if i >= table.count {
            return None;
        }
        let k = table
            .chunks
            .partition_point(|(first, _)| *first <= i)
            .checked_sub(1)?;
        table.chunks.get(k).map(|(_, f)| (k, f))
    }

    /// The records chunk `i` of table `tag` holds.
    pub(super) fn chunk_articles(&self, tag: Tag, i: usize) -> Option<std::ops::Range<u32>> {
        let table = self.row_table(tag)?;
        let start = table.chunks.get(i)?.0;
        let end = table.chunks.get(i + 1).map_or(table.count, |c| c.0);
        Some(start..end)
    }

    /// The files that reading `rows` (table, article) takes, each once, in order: the
    /// table's section where it is loaded whole, else the row chunk of each article, or the
    /// whole table when the chunks still to fetch would be at least three quarters of its
    /// bytes (an entity view or a timeline may read the mentions of most articles: then one
    /// file, about as many bytes, gzip doing better on one file than on many).
    /// A record beyond its table needs nothing (the engine answers that it does not exist).
    pub fn rows_files<'r>(&self, rows: impl IntoIterator<Item = &'r (Tag, u32)>) -> Vec<String> {
        self.rows_files_as(rows, &|name| self.has(name), &|_| false)
    }

    /// [`LazyIndex::rows_files`] as if the files `loaded` says were all that is loaded (an
    /// engine assembled before some files came reads those it was assembled from), and the
    /// text files of the articles `coming` says were coming: a text file brings its
    /// article's head and TXTC entry (lazy format 10, `texts.rs`), so that a HEAD chunk is
    /// not fetched for them.
    fn rows_files_as<'r>(
        &self,
        rows: impl IntoIterator<Item = &'r (Tag, u32)>,
        loaded: &dyn Fn(&str) -> bool,
        coming: &dyn Fn(u32) -> bool,
    ) -> Vec<String> {
        // Per table: its section (name, length, whether loaded) and the chunks read.
        type Table = (Tag, Option<(String, u32, bool)>, Vec<FileRef>);
        let mut tables: Vec<Table> = Vec::new();
        for &(tag, article) in rows {
            if tag == NAME_ROWS && self.ents_has(article, loaded) {
                continue;
            }
            if (tag == *b"HEAD" || tag == TEXT_ROWS) && self.carried_here(article, loaded, coming) {
                continue;
            }
            let at = match tables.iter().position(|(t, _, _)| *t == tag) {
                Some(at) => at,
                None => {
                    // The whole of META_ROWS is AMET.
                    let whole = if tag == META_ROWS { *b"AMET" } else { tag };
                    let section = self.sections().iter().find(|(t, _)| *t == whole);
                    let section = section.map(|(_, f)| (f.name(), f.len, loaded(&f.name())));
                    tables.push((tag, section, Vec::new()));
                    tables.len() - 1
                }
            };
            let (_, section, chunks) = &mut tables[at];
            if section.as_ref().is_some_and(|(_, _, loaded)| *loaded) {
                continue;
            }
            // TXTC's rows are carried by the HEAD chunks (`texts.rs`).
            let chunked = if tag == TEXT_ROWS { *b"HEAD" } else { tag };
            if let Some((_, f)) = self.row_chunk(chunked, article) {
                if chunks.last() != Some(f) && !chunks.contains(f) {
                    chunks.push(*f);
                }
            }
        }
        // TXTC last: a HEAD chunk its rows need that the HEAD rows read bring costs nothing.
        tables.sort_by_key(|(tag, _, _)| *tag == TEXT_ROWS);
        // HEAD whole does not carry the text chunks' entries: against the HEAD chunks of a
        // call that reads both, it costs TXTC whole too.
        let texts_whole = tables
            .iter()
            .find(|(tag, _, _)| *tag == TEXT_ROWS)
            .and_then(|(_, section, _)| section.as_ref())
            .filter(|(_, _, loaded)| !loaded)
            .map_or(0, |(_, len, _)| *len);
        let mut files: Vec<String> = Vec::new();
        for (tag, mut section, mut chunks) in tables {
            if tag == TEXT_ROWS {
                chunks.retain(|f| !files.contains(&f.name()));
            }
            if let Some((_, len, _)) = section.as_mut().filter(|_| tag == *b"HEAD") {
                *len = len.saturating_add(texts_whole);
            }
            // What is still to fetch decides: chunks loaded before cost nothing.
            let to_fetch: u64 = chunks
                .iter()
                .filter(|f| !loaded(&f.name()))
                .map(|f| u64::from(f.len))
                .sum();
            match section {
                Some((name, _, true)) => files.push(name),
                Some((name, len, _)) if to_fetch * 4 >= u64::from(len) * 3 => files.push(name),
                _ => files.extend(chunks.iter().map(FileRef::name)),
            }
        }
        files
    }

    /// The files that `reads` take: [`LazyIndex::rows_files`] of its rows and of every row
    /// of the tables it read whole, and the file of each section it read (the alias fst).
    /// Each once, loaded or not.
    pub fn files_read(&self, reads: &super::reads::RowReads) -> Vec<String> {
        self.files_read_as(reads, &|name| self.has(name))
    }

    /// [`LazyIndex::files_read`] as if the text files of the articles `coming` says (one
    /// article a text file: a lazy chunk's number is its article's) came too: they bring
    /// those articles' heads and TXTC entries (lazy format 10).
    pub fn files_read_coming(
        &self,
        reads: &super::reads::RowReads,
        coming: &dyn Fn(u32) -> bool,
    ) -> Vec<String> {
        self.files_read_with(reads, &|name| self.has(name), coming)
    }

    /// [`LazyIndex::files_read`] as if the files `loaded` says were all that is loaded: what
    /// an engine assembled before the others came read (a section loaded whole since then
    /// does not stand for rows that engine read from their chunks).
    pub fn files_read_as(
        &self,
        reads: &super::reads::RowReads,
        loaded: &dyn Fn(&str) -> bool,
    ) -> Vec<String> {
        self.files_read_with(reads, loaded, &|_| false)
    }

    fn files_read_with(
        &self,
        reads: &super::reads::RowReads,
        loaded: &dyn Fn(&str) -> bool,
        coming: &dyn Fn(u32) -> bool,
    ) -> Vec<String> {
        // A table read whole: one row of each of its chunks stands for it.
        let every: Vec<(Tag, u32)> = reads
            .tables
            .iter()
            .filter_map(|tag| self.row_table(*tag))
            .flat_map(|t| t.chunks.iter().map(|(first, _)| (t.tag, *first)))
            .collect();
        let mut files = self.rows_files_as(reads.rows.iter().chain(&every), loaded, coming);
        files.extend(self.alias_files(&reads.alias_keys, &reads.alias_prefixes, loaded));
        for tag in &reads.sections {
            if let Some((_, f)) = self.sections().iter().find(|(t, _)| t == tag) {
                files.push(f.name());
            }
        }
        files
    }

    /// Whether ENTS's record of entity `i` is loaded (the table whole, or its chunk): then
    /// its name needs no [`NAME_ROWS`] chunk.
    fn ents_has(&self, i: u32, loaded: &dyn Fn(&str) -> bool) -> bool {
        let whole = self.sections().iter().find(|(t, _)| t == b"ENTS");
        whole.is_some_and(|(_, f)| loaded(&f.name()))
            || self
                .row_chunk(*b"ENTS", i)
                .is_some_and(|(_, f)| loaded(&f.name()))
    }

    /// The table whose row chunk `name` is (`None`: not a row chunk of this index).
    pub fn rows_table_of(&self, name: &str) -> Option<Tag> {
        self.rows_chunk_named(name).map(|(tag, _, _)| tag)
    }

    /// Which row chunk `name` is: table and number.
    pub(crate) fn rows_chunk_named(&self, name: &str) -> Option<(Tag, usize, FileRef)> {
        let name = FileName::parse(name)?;
        self.rows.iter().find_map(|table| {
            let i = table.chunks.iter().position(|(_, f)| name.names(f))?;
            Some((table.tag, i, table.chunks[i].1))
        })
    }

    /// Checks a supplied row chunk: a table of as many records as its articles.
    pub(crate) fn check_rows_chunk(&self, name: &str, bytes: &[u8]) -> Result<(), LazyError> {
        let corrupt = LazyError::Corrupt {
            name: name.to_owned(),
            what: "row chunk (its table)",
        };
        let (tag, i, _) = self.rows_chunk_named(name).ok_or(corrupt.clone())?;
        let articles = self.chunk_articles(tag, i).ok_or(corrupt.clone())?;
        // A HEAD chunk of a hosted index carries its text chunks' entries (`texts.rs`).
        let records = articles.len() + usize::from(tag == *b"HEAD" && self.heads_carry_texts());
        match record_spans(bytes) {
            Some(spans) if spans.len() == records => Ok(()),
            _ => Err(corrupt),
        }
    }

    /// Table `tag` for the assembled index: the section if loaded whole, else one record
    /// per article (entity), from its row chunk if loaded, else [`NOT_LOADED`].
    pub(crate) fn assembled_table(&self, tag: Tag) -> Result<Vec<u8>, LazyError> {
        if let Ok(whole) = self.section(tag) {
            return Ok(whole.to_vec());
        }
        let n = self.row_count(tag).unwrap_or(0) as usize;
        let mut records: Vec<&[u8]> = vec![&NOT_LOADED; n];
        // ENTS: the names first, then the records loaded whole over them.
        let from = if tag == *b"ENTS" {
            vec![NAME_ROWS, tag]
        } else {
            vec![tag]
        };
        for tag in from {
            let Some(RowTable { chunks, .. }) = self.row_table(tag) else {
                continue;
            };
            for (i, (first, file)) in chunks.iter().enumerate() {
                let name = file.name();
                let Some(bytes) = self.loaded_bytes(&name) else {
                    continue;
                };
                let spans = record_spans(bytes).ok_or(LazyError::Corrupt {
                    name: name.clone(),
                    what: "row chunk (its table)",
                })?;
                let range = self.chunk_articles(tag, i).unwrap_or(0..0);
                for (k, (s, e)) in spans.into_iter().enumerate() {
                    if let Some(slot) = records.get_mut(*first as usize + k) {
                        if range.contains(&(*first + k as u32)) {
                            *slot = &bytes[s..e];
                        }
                    }
                }
            }
        }
        // The heads the text files brought (the same records, `texts.rs`).
        if tag == *b"HEAD" {
            for (a, carried) in &self.carried {
                if let Some(slot) = records.get_mut(*a as usize) {
                    *slot = &carried.head;
                }
            }
        }
        Ok(table(n, records.into_iter()))
    }
}
