//! From parsed articles to index bytes: positions, fields and terms.

use crate::corpus::Document;
use crate::diagnostic::Diagnostic;
use crate::entities::{self, Recognized};
use crate::hash::FastSet;
use crate::parse::{parse, Parsed};
use explorer_index::{
    ArticleRecord, Block, BlockKind, EntityId, EntityKind, Field, IndexWriter, Mention,
    MentionKind, Occurrence,
};
use explorer_text::{
    fold_key, is_exact_key, is_stop_word, term_of, Analyzer, Decompound, VariantKind,
};

/// Every inflected form of about 66,000 German nouns (see `lexicon/README.md`).
const GERMAN_NOUNS: &str = include_str!("../lexicon/german-nouns.txt");

/// Known words and names, for compound splitting, and the corpus's terms, for checking
/// genitive bases.
#[derive(Debug, Default)]
pub struct Vocabulary {
    /// Folded words (see `explorer_text::fold_key`) of at least four characters: the corpus's
    /// own and the German noun lexicon's.
    words: FastSet<String>,
    /// Folded names never split into parts: the gazetteer's one-word countries and places
    /// ([`entities::place_names`]), so `Land` does not find `Finnland`.
    names: FastSet<String>,
    /// Primary terms of capitalised tokens: the bases a genitive variant may point to.
    name_terms: FastSet<String>,
}

impl Vocabulary {
    /// Collect the vocabulary of the indexed blocks of every document.
    ///
    /// The documents' second half is read on a second thread: the analysis waits for the
    /// whole vocabulary, and the two sets are the same whoever adds a word. (The first half,
    /// the lexicon and the merged sets are this thread's: its memory is what the index
    /// writer reuses later.)
    pub fn of(documents: &[Document], parsed: &[Parsed]) -> Self {
        let half = documents.len() / 2;
        std::thread::scope(|scope| {
            let second = scope.spawn(|| {
                let mut v = Vocabulary::default();
                v.add(&documents[half..], &parsed[half..]);
                v
            });
            let mut v = Vocabulary::default();
            v.words.reserve(GERMAN_NOUNS.len() / 8);
            v.words.extend(GERMAN_NOUNS.lines().map(fold_key));
            v.add(&documents[..half], &parsed[..half]);
            let second = second
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            v.words.extend(second.words);
            v.name_terms.extend(second.name_terms);
            v.names = entities::place_names().into_iter().map(fold_key).collect();
            v
        })
    }

    fn add(&mut self, documents: &[Document], parsed: &[Parsed]) {
        // Both sets depend on a token's text alone: look at each distinct text once.
        let mut seen: FastSet<&str> = FastSet::default();
        for (doc, p) in documents.iter().zip(parsed) {
            for span in p.blocks.iter().filter(|b| b.kind != BlockKind::Boilerplate) {
                let text = &doc.text[span.start..span.end];
                for token in explorer_text::tokenize(text) {
                    if !seen.insert(token.text) {
                        continue;
                    }
                    let key = fold_key(token.text);
                    if key.chars().count() >= explorer_text::compound::MIN_PART_CHARS
                        && key.chars().all(char::is_alphabetic)
                    {
                        self.words.insert(key);
                    }
                    // The token's primary term, as the analyser gives it.
                    if token.text.starts_with(char::is_uppercase) {
                        self.name_terms.insert(term_of(token.text));
                    }
                }
            }
        }
    }
}

impl Decompound for Vocabulary {
    fn is_word(&self, folded: &str) -> bool {
        self.words.contains(folded)
    }

    fn is_name(&self, folded: &str) -> bool {
        self.names.contains(folded)
    }
}

/// Where a build reports its progress (the step running, articles analysed and written): a
/// terminal, through `build.rs`. Set once per process; without it nothing is reported.
static PROGRESS: std::sync::OnceLock<Box<Report>> = std::sync::OnceLock::new();

/// What receives the progress lines.
type Report = dyn Fn(&str) + Send + Sync;

/// Send the build's progress lines to `report` (the first call wins). The lines say what is
/// being done: `parsing 10000 articles`, `analysed and written 5000 of 10000 articles`, ...
pub fn report_progress_to(report: impl Fn(&str) + Send + Sync + 'static) {
    let _ = PROGRESS.set(Box::new(report));
}

fn progress(line: impl FnOnce() -> String) {
    if let Some(report) = PROGRESS.get() {
        report(&line());
    }
}

/// Positions skipped between two blocks, so phrases and proximity never span a block edge.
pub const BLOCK_GAP: u32 = 8;

/// Counts reported in the build summary.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub articles: usize,
    pub dated: usize,
    pub titled: usize,
    pub terms: usize,
    pub mentions: usize,
}

fn entity_kind(kind: entities::EntityKind) -> EntityKind {
    match kind {
        entities::EntityKind::Person => EntityKind::Person,
        entities::EntityKind::Country => EntityKind::Country,
        entities::EntityKind::Place => EntityKind::Place,
        entities::EntityKind::Organization => EntityKind::Organization,
        entities::EntityKind::Event => EntityKind::Event,
    }
}

/// Parse every document, adding parse warnings (with file and line) to `warnings`.
pub fn parse_all(documents: &[Document], warnings: &mut Vec<Diagnostic>) -> Vec<Parsed> {
    progress(|| format!("read {} articles; parsing them", documents.len()));
    documents
        .iter()
        .map(|doc| {
            let (parsed, w) = parse(&doc.text);
            warnings.extend(
                w.into_iter()
                    .map(|w| Diagnostic::warning(&doc.path, Some(w.line), w.message)),
            );
            parsed
        })
        .collect()
}

/// Analyse every article and write the index with its entities. `documents[i]` becomes
/// `ArticleId(i)`, `recognized.entities[i]` becomes `EntityId(i)`.
///
/// The same as [`add_articles`] then [`Draft::finish`]; [`crate::build`] calls those two
/// itself, to recognise entities while the articles are analysed.
pub fn write_index(
    documents: &[Document],
    parsed: &[Parsed],
    recognized: &Recognized,
    stop_words_in_text: bool,
) -> (Vec<u8>, Stats) {
    add_articles(documents, parsed, stop_words_in_text).finish(recognized)
}

/// An index being written: its articles and terms are in, its entities not yet, nor the
/// compound parts, which wait for the entities (see [`Draft::finish`]).
pub struct Draft<'a> {
    writer: IndexWriter<'a>,
    stats: Stats,
    /// Per article, the compound parts of its tokens.
    parts: Vec<Vec<Part>>,
}

/// A compound part (`~berg` of `Sonnenberg`) of one token, held until the entities are known.
struct Part {
    term: String,
    occurrence: Occurrence,
    /// Byte offset of its token in the article's text.
    token_start: u32,
}

/// Analyse every article and add it with its terms to a new index. `documents[i]` becomes
/// `ArticleId(i)`. Every position is stored, unless `stop_words_in_text`: then the stop
/// words' positions are left to the texts (a third of all positions; a phrase checks them
/// in the text, see [`crate::Options::stop_words_in_text`]).
///
/// Analysis runs on threads of their own ([`ANALYSERS`], taking the articles in turn), a few
/// articles ahead of the writer, which takes them back in order, so it gets the same articles
/// and occurrences as if one thread did both. (An article's occurrences reach it sorted by term, which is several
/// times kinder to its term map than text order; it keeps occurrences as sets, so the order
/// in which they are added is not in the bytes.)
pub fn add_articles<'a>(
    documents: &'a [Document],
    parsed: &'a [Parsed],
    stop_words_in_text: bool,
) -> Draft<'a> {
    progress(|| "collecting the vocabulary (compound splitting, names)".to_string());
    let vocabulary = &Vocabulary::of(documents, parsed);
    progress(|| format!("analysing and writing {} articles", documents.len()));
    // About twenty lines for a large corpus, none in between.
    let every = (documents.len() / 20).max(1000);
    let mut writer = IndexWriter::new(fold_key).without_positions(is_exact_key);
    if stop_words_in_text {
        // Stop words: optional in a query, so neither proximity nor a snippet's hint reads
        // their positions; only a phrase does, and it checks them in the text.
        writer = writer.positions_in_text(is_stop_word);
    }
    let mut stats = Stats::default();
    let mut parts = Vec::with_capacity(documents.len());
    std::thread::scope(|scope| {
        // Article i is analysed by thread i % ANALYSERS; the writer takes them back in turn.
        let receivers: Vec<_> = (0..ANALYSERS)
            .map(|first| {
                let (send, receive) = std::sync::mpsc::sync_channel(ANALYSED_AHEAD);
                scope.spawn(move || {
                    let mut analyzer = Analyzer::new(Some(vocabulary));
                    let mine = documents.iter().zip(parsed).skip(first).step_by(ANALYSERS);
                    for (doc, p) in mine {
                        if send
                            .send(analyse(&mut analyzer, vocabulary, doc, p))
                            .is_err()
                        {
                            break;
                        }
                    }
                });
                receive
            })
            .collect();
        let in_order = (0..documents.len()).map_while(|i| receivers[i % ANALYSERS].recv().ok());
        // If an analysis stops early, it panicked, and the scope passes the panic on.
        for ((doc, p), article) in documents.iter().zip(parsed).zip(in_order) {
            let id = writer.add_article(ArticleRecord {
                file: &doc.file,
                title: &p.title,
                title_derived: p.title_derived,
                date: p.date,
                indexed_len: article.indexed_len,
                text: &doc.text,
                blocks: article.blocks,
            });
            writer.add_metadata(id, p.meta.stored());
            for (term, occurrence) in &article.occurrences {
                writer.add_term(id, term, *occurrence);
            }
            parts.push(article.parts);
            stats.articles += 1;
            stats.dated += usize::from(p.date.is_some());
            stats.titled += usize::from(!p.title_derived);
            if stats.articles % every == 0 {
                let (done, of) = (stats.articles, documents.len());
                progress(|| format!("analysed and written {done} of {of} articles"));
            }
        }
    });
    Draft {
        writer,
        stats,
        parts,
    }
}

/// How many analysed articles may wait for the writer, per analysing thread.
const ANALYSED_AHEAD: usize = 16;

/// Threads analysing articles. Analysis is most of the build's work (the writer's share is
/// small since its terms are hashed), so two threads do it, beside the entity recogniser's.
const ANALYSERS: usize = 2;

/// An article analysed for the writer.
struct Analysed {
    blocks: Vec<Block>,
    /// Tokens indexed: one occurrence each that is not derived.
    indexed_len: u32,
    /// Every term with its occurrence, sorted, but the compound parts.
    occurrences: Vec<(String, Occurrence)>,
    /// The compound parts.
    parts: Vec<Part>,
}

fn analyse(
    analyzer: &mut Analyzer<'_>,
    vocabulary: &Vocabulary,
    doc: &Document,
    p: &Parsed,
) -> Analysed {
    let mut blocks = Vec::with_capacity(p.blocks.len());
    let mut occurrences = Vec::new();
    let mut parts = Vec::new();
    let mut indexed_len = 0;
    let mut position = 0u32;
    let mut seen_lead = false;
    for span in &p.blocks {
        let first_position = position;
        blocks.push(Block {
            kind: span.kind,
            start: span.start as u32,
            end: span.end as u32,
            first_position,
        });
        if !span.kind.is_indexed() {
            continue;
        }
        let field = match span.kind {
            BlockKind::Boilerplate => continue,
            BlockKind::Title => Field::Title,
            BlockKind::Caption => Field::Caption,
            BlockKind::Paragraph if !seen_lead => {
                seen_lead = true;
                Field::Lead
            }
            BlockKind::Paragraph | BlockKind::Heading => Field::Body,
        };
        let tokens = analyzer.analyze(&doc.text[span.start..span.end]);
        let count = tokens.len() as u32;
        for token in tokens {
            let occurrence = |derived| Occurrence {
                position: first_position + token.position,
                field,
                derived,
            };
            occurrences.push((token.term, occurrence(false)));
            for variant in token.variants {
                // A genitive base counts only when the corpus has it as a name.
                let keep = variant.kind != VariantKind::Genitive
                    || vocabulary.name_terms.contains(&variant.term);
                if variant.kind == VariantKind::CompoundPart {
                    parts.push(Part {
                        term: variant.term,
                        occurrence: occurrence(true),
                        token_start: (span.start + token.start) as u32,
                    });
                } else if keep {
                    occurrences.push((variant.term, occurrence(true)));
                }
            }
        }
        indexed_len += count;
        position = first_position + count + BLOCK_GAP;
    }
    occurrences.sort_unstable();
    Analysed {
        blocks,
        indexed_len,
        occurrences,
        parts,
    }
}

impl<'a> Draft<'a> {
    /// Add the compound parts, the entities and their mentions, and write the index.
    /// `recognized.entities[i]` becomes `EntityId(i)`.
    ///
    /// A person's name is never split into parts: a part of a token that starts inside a
    /// mention of a person is left out (`Berg` does not find `Anna Sonnenberg`), whether or
    /// not the name is in a gazetteer. (Place names in the gazetteer are not split at all,
    /// see [`Vocabulary`]; names the recogniser found are known only now.)
    pub fn finish(self, recognized: &'a Recognized) -> (Vec<u8>, Stats) {
        let Draft {
            mut writer,
            mut stats,
            parts,
        } = self;
        for (article, parts) in parts.into_iter().enumerate() {
            let people: Vec<(usize, usize)> = recognized
                .mentions
                .get(article)
                .into_iter()
                .flatten()
                .filter(|m| {
                    recognized.entities[m.entity].kind == entities::EntityKind::Person
                        && m.kind == entities::MentionKind::Name
                })
                .map(|m| (m.start, m.end))
                .collect();
            let id = explorer_index::ArticleId(article as u32);
            for part in parts {
                let at = part.token_start as usize;
                if !people.iter().any(|&(start, end)| start <= at && at < end) {
                    writer.add_term(id, &part.term, part.occurrence);
                }
            }
        }
        for e in &recognized.entities {
            let aliases = e.aliases.iter().map(String::as_str).collect();
            writer.add_entity(&e.name, entity_kind(e.kind), aliases);
        }
        for (article, list) in recognized.mentions.iter().enumerate() {
            for m in list {
                writer.add_mention(
                    explorer_index::ArticleId(article as u32),
                    Mention {
                        start: m.start as u32,
                        end: m.end as u32,
                        entity: EntityId(m.entity as u32),
                        kind: match m.kind {
                            entities::MentionKind::Name => MentionKind::Name,
                            entities::MentionKind::Demonym => MentionKind::Demonym,
                        },
                    },
                );
                stats.mentions += 1;
            }
        }
        stats.terms = writer.term_count();
        progress(|| {
            format!(
                "encoding the index: {} terms, {} entities, {} mentions",
                stats.terms,
                recognized.entities.len(),
                stats.mentions
            )
        });
        let bytes = writer.finish();
        progress(|| format!("index written: {} bytes", bytes.len()));
        (bytes, stats)
    }
}
