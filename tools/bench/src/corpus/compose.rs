//! From kept paragraphs to articles: split the documents into article-sized pieces, pick the
//! requested number (a seeded sample when there are more than needed, new combinations of real
//! paragraphs when there are fewer), give about half of them a date, and render the text.
//!
//! Everything is deterministic: one fixed seed, inputs in a fixed order, no hash-map iteration.

use super::Block;

/// The seed of every choice made here; changing it changes the corpus.
pub const SEED: u64 = 0x6172_7469_6b65_6c21; // "artikel!"
pub const MIN_PARAGRAPHS: usize = 3;
pub const MAX_PARAGRAPHS: usize = 12;
/// An article stops growing past this many bytes of paragraphs.
const MAX_ARTICLE_BYTES: usize = 7_000;
/// A section heading starts a new article only once the current one has this many bytes.
const MIN_ARTICLE_BYTES: usize = 1_500;
/// With a byte target, an article has at most this many paragraphs.
const MAX_PARAGRAPHS_BY_BYTES: usize = 60;

/// How long articles are: by paragraph count (the default, about 1.9 KB of text on average
/// from these packages) or by a target of bytes (`--article-bytes`, e.g. 3500 for articles
/// like news articles: documentation paragraphs are short, so more of them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shape {
    /// The mean length of an article's paragraphs in bytes; `None`: 3-12 paragraphs.
    pub target_bytes: Option<usize>,
}

impl Shape {
    /// Most paragraphs an article may have.
    pub fn max_paragraphs(self) -> usize {
        match self.target_bytes {
            None => MAX_PARAGRAPHS,
            Some(_) => MAX_PARAGRAPHS_BY_BYTES,
        }
    }

    /// Bytes an article needs before a section heading may start the next one.
    fn heading_break_bytes(self) -> usize {
        match self.target_bytes {
            None => MIN_ARTICLE_BYTES,
            Some(t) => t * 4 / 5,
        }
    }

    /// The seeded length of one article: `(paragraphs, bytes)`, whichever is reached first.
    /// By paragraphs, the larger of two draws of 3-12 (news articles have more paragraphs
    /// than documentation); by bytes, uniform in 0.5-1.5 × the target, less half a typical
    /// paragraph (the last paragraph overshoots).
    fn draw(self, rng: &mut Rng) -> (usize, usize) {
        match self.target_bytes {
            None => {
                let a = rng.range(MIN_PARAGRAPHS, MAX_PARAGRAPHS);
                let b = rng.range(MIN_PARAGRAPHS, MAX_PARAGRAPHS);
                (a.max(b), MAX_ARTICLE_BYTES)
            }
            Some(t) => {
                let centre = t.saturating_sub(TYPICAL_PARAGRAPH_BYTES / 2).max(1);
                let bytes = rng.range(centre / 2, centre + centre / 2);
                (MAX_PARAGRAPHS_BY_BYTES, bytes)
            }
        }
    }
}

/// About the mean length of a kept paragraph (what [`Shape::draw`] corrects for).
const TYPICAL_PARAGRAPH_BYTES: usize = 250;
/// Longest title, in words, before it is cut.
const MAX_TITLE_WORDS: usize = 12;

/// A document after filtering: its title and its headings and kept paragraphs, in order.
pub struct KeptDoc {
    pub source: usize,
    pub title: Option<String>,
    pub blocks: Vec<Block>,
}

/// All kept paragraphs, each once; articles refer to them by index.
#[derive(Default)]
pub struct Pool {
    pub paragraphs: Vec<String>,
}

/// An article before rendering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub title: String,
    pub paragraphs: Vec<u32>,
    /// The source package (index into the source list); `None` for a recombined article.
    pub source: Option<usize>,
    /// A stable key for the seeded choices about this article (its date).
    pub key: u64,
}

/// Splits every document into articles of 3-12 paragraphs (a new article at a heading once the
/// current one has enough, or when it reaches its seeded length). Paragraphs that cannot make
/// an article of their own (a short document's remainder) are returned as leftovers.
pub fn split(docs: Vec<KeptDoc>, pool: &mut Pool, shape: Shape) -> (Vec<Draft>, Vec<Vec<u32>>) {
    let mut rng = Rng::new(SEED);
    let mut drafts: Vec<Draft> = Vec::new();
    let mut leftovers = Vec::new();
    // draft, target (paragraphs, bytes), bytes so far
    let mut current: Option<(Draft, (usize, usize), usize)> = None;
    let mut docs = docs.into_iter().peekable();
    while let Some(doc) = docs.next() {
        let first_of_doc = drafts.len();
        let mut heading: Option<String> = None;
        let mut used_headings: Vec<String> = Vec::new();
        for block in doc.blocks {
            match block {
                Block::Heading(h) => {
                    if current.as_ref().is_some_and(|(d, _, bytes)| {
                        d.paragraphs.len() >= MIN_PARAGRAPHS
                            && *bytes >= shape.heading_break_bytes()
                    }) {
                        drafts.extend(current.take().map(|(d, _, _)| d));
                    }
                    heading = Some(h);
                }
                Block::Para(text) => {
                    let id = pool.paragraphs.len() as u32;
                    let len = text.len();
                    if current.is_none() {
                        let fresh = heading.clone().filter(|h| !used_headings.contains(h));
                        if let Some(h) = &fresh {
                            used_headings.push(h.clone());
                        }
                        let title = make_title(doc.title.as_deref(), fresh.as_deref(), &text);
                        let target = shape.draw(&mut rng);
                        let draft = Draft {
                            title,
                            paragraphs: Vec::new(),
                            source: Some(doc.source),
                            key: 0,
                        };
                        current = Some((draft, target, 0));
                    }
                    pool.paragraphs.push(text);
                    if let Some((draft, target, bytes)) = current.as_mut() {
                        draft.paragraphs.push(id);
                        *bytes += len;
                        if draft.paragraphs.len() >= target.0 || *bytes >= target.1 {
                            drafts.extend(current.take().map(|(d, _, _)| d));
                        }
                    }
                }
            }
        }
        // By bytes, a short document's article goes on with the next document of the same
        // package (documentation has many short pages; news articles are longer).
        let carry_on = shape.target_bytes.is_some()
            && docs.peek().is_some_and(|next| next.source == doc.source)
            && current
                .as_ref()
                .is_some_and(|(_, target, bytes)| *bytes < target.1);
        if carry_on {
            continue;
        }
        if let Some((draft, _, _)) = current.take() {
            if draft.paragraphs.len() >= MIN_PARAGRAPHS {
                drafts.push(draft);
            } else if drafts.len() > first_of_doc
                && drafts.last().is_some_and(|last| {
                    last.paragraphs.len() + draft.paragraphs.len() <= shape.max_paragraphs()
                })
            {
                if let Some(last) = drafts.last_mut() {
                    last.paragraphs.extend(draft.paragraphs);
                }
            } else {
                leftovers.push(draft.paragraphs);
            }
        }
    }
    for (i, draft) in drafts.iter_mut().enumerate() {
        draft.key = i as u64;
    }
    (drafts, leftovers)
}

/// `count` articles: a seeded sample of the originals (kept in their order) when there are
/// enough, else all of them followed by recombined ones. Returns the articles and how many
/// are recombined.
pub fn select(
    originals: &[Draft],
    leftovers: &[Vec<u32>],
    pool: &Pool,
    count: usize,
    shape: Shape,
) -> (Vec<Draft>, usize) {
    if count <= originals.len() {
        let mut order: Vec<usize> = (0..originals.len()).collect();
        let mut rng = Rng::new(SEED ^ 0x005e_1ec7);
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        let mut chosen: Vec<usize> = order.into_iter().take(count).collect();
        chosen.sort_unstable();
        return (
            chosen.into_iter().map(|i| originals[i].clone()).collect(),
            0,
        );
    }
    let mut out = originals.to_vec();
    let chunks: Vec<&[u32]> = originals
        .iter()
        .map(|d| d.paragraphs.as_slice())
        .chain(leftovers.iter().map(Vec::as_slice))
        .filter(|c| !c.is_empty())
        .collect();
    let extra = count - originals.len();
    if chunks.is_empty() {
        return (out, 0);
    }
    // No article twice: a combination that repeats an article (an original drawn whole, or an
    // earlier combination) is drawn again, with the next attempt's seed.
    let mut seen: std::collections::HashSet<Vec<u32>> =
        originals.iter().map(|d| d.paragraphs.clone()).collect();
    for j in 0..extra {
        let mut attempt = 0;
        let draft = loop {
            let draft = recombine(j as u64, attempt, &chunks, pool, shape);
            if seen.insert(draft.paragraphs.clone()) || attempt >= 100 {
                break draft;
            }
            attempt += 1;
        };
        out.push(draft);
    }
    (out, extra)
}

/// A new article from runs of 1-3 consecutive real paragraphs of seeded random documents.
fn recombine(j: u64, attempt: u64, chunks: &[&[u32]], pool: &Pool, shape: Shape) -> Draft {
    let mut rng = Rng::new(
        SEED ^ (j.wrapping_add(1)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            ^ attempt.wrapping_mul(0xc2b2_ae3d_27d4_eb4f),
    );
    let (target, target_bytes) = shape.draw(&mut rng);
    let mut paragraphs: Vec<u32> = Vec::new();
    let mut bytes = 0;
    for _ in 0..4 * shape.max_paragraphs() {
        if paragraphs.len() >= target || bytes >= target_bytes {
            break;
        }
        let chunk = chunks[rng.below(chunks.len())];
        let run = rng.range(1, 3).min(chunk.len());
        let start = rng.below(chunk.len() - run + 1);
        for &p in &chunk[start..start + run] {
            if !paragraphs.contains(&p) && paragraphs.len() < target {
                paragraphs.push(p);
                bytes += pool.paragraphs[p as usize].len();
            }
        }
    }
    let first = paragraphs
        .first()
        .map_or("", |&p| pool.paragraphs[p as usize].as_str());
    Draft {
        title: sentence_title(first),
        paragraphs,
        source: None,
        key: (1 << 40) | j,
    }
}

/// The article file: an optional ` date YYYY-MM` line, the title line, then the paragraphs
/// separated by blank lines.
pub fn render(draft: &Draft, pool: &Pool) -> String {
    let mut text = String::new();
    if let Some((year, month)) = date(draft.key) {
        text.push_str(&format!(" date {year:04}-{month:02}\n"));
    }
    text.push_str(&draft.title);
    text.push('\n');
    for &p in &draft.paragraphs {
        text.push('\n');
        text.push_str(&pool.paragraphs[p as usize]);
        text.push('\n');
    }
    text
}

/// About half of the articles get a date between 2000-01 and 2024-12, by their key.
pub fn date(key: u64) -> Option<(u32, u32)> {
    let mut rng = Rng::new(SEED ^ key.wrapping_mul(0xd1b5_4a32_d192_ed03));
    if rng.below(2) == 0 {
        return None;
    }
    Some((2000 + rng.below(25) as u32, 1 + rng.below(12) as u32))
}

/// A title for an article starting at `first`: its section heading when that says something
/// (a one- or two-word or all-caps heading is prefixed with the document title), else the
/// first sentence of the first paragraph.
fn make_title(doc_title: Option<&str>, heading: Option<&str>, first: &str) -> String {
    let heading = heading.map(strip_numbering).filter(|h| titleish(h));
    let doc_title = doc_title.map(strip_numbering).filter(|t| titleish(t));
    let title = match (heading, doc_title) {
        (Some(h), Some(d)) if is_generic(&h) && !d.eq_ignore_ascii_case(&h) => {
            format!("{d}: {}", uncaps(&h))
        }
        (Some(h), _) if !is_generic(&h) => h,
        _ => return sentence_title(first),
    };
    let title = tidy_title(&title);
    if titleish(&title) {
        title
    } else {
        sentence_title(first)
    }
}

/// The first sentence of `text`, shortened to a title.
pub fn sentence_title(text: &str) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut end = text.len();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let word_len = chars[..k]
            .iter()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric())
            .count();
        let next = chars.get(k + 1).map(|&(_, c)| c);
        let next2 = chars.get(k + 2).map(|&(_, c)| c);
        if word_len > 2
            && next.is_some_and(char::is_whitespace)
            && next2.is_some_and(char::is_uppercase)
        {
            end = i;
            break;
        }
    }
    let title = tidy_title(&text[..end]);
    if title.is_empty() {
        "Ohne Titel".to_string()
    } else {
        title
    }
}

/// Whitespace collapsed, cut to [`MAX_TITLE_WORDS`], without trailing punctuation (so the
/// article parser reads it as a title line, not a paragraph).
fn tidy_title(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(MAX_TITLE_WORDS).collect();
    let mut title = words.join(" ");
    loop {
        let trimmed = title
            .trim_end_matches([
                '.', ':', ',', ';', '!', '-', '–', '—', '…', ' ', '(', '„', '"',
            ])
            .to_string();
        if trimmed == title {
            break;
        }
        title = trimmed;
    }
    if title.trim_start().starts_with("date ") {
        title.insert_str(0, "Zum ");
    }
    title
}

/// `6.2.1. Initialisierung` -> `Initialisierung`; `Kapitel 3. Ebenen` -> `Ebenen`.
fn strip_numbering(text: &str) -> String {
    let mut t = text.trim();
    for prefix in ["Kapitel ", "Anhang ", "Teil "] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest;
        }
    }
    let rest = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c.is_whitespace());
    let rest = if rest.len() < t.len() && rest.chars().next().is_some_and(char::is_alphabetic) {
        rest
    } else {
        t
    };
    rest.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn titleish(text: &str) -> bool {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3 && letters * 10 >= text.chars().count() * 6 && text.chars().count() <= 160
}

fn is_generic(heading: &str) -> bool {
    let letters: Vec<char> = heading.chars().filter(|c| c.is_alphabetic()).collect();
    heading.split_whitespace().count() <= 2 || letters.iter().all(|c| c.is_uppercase())
}

/// `SIEHE AUCH` -> `Siehe auch`; mixed case is left alone.
fn uncaps(text: &str) -> String {
    if text.chars().any(char::is_lowercase) {
        return text.to_string();
    }
    let lower = text.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// SplitMix64: small, fast and fully specified, so the corpus does not depend on a crate's
/// notion of randomness.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(i: usize) -> Block {
        Block::Para(format!(
            "Absatz Nummer {i} mit etwas Text. Noch ein Satz dazu."
        ))
    }

    #[test]
    fn documents_split_into_articles_of_three_to_twelve_paragraphs() {
        let mut blocks = vec![Block::Heading("3.1. Ebenen und Masken".into())];
        blocks.extend((0..40).map(para));
        let docs = vec![KeptDoc {
            source: 0,
            title: Some("GIMP".into()),
            blocks,
        }];
        let mut pool = Pool::default();
        let (drafts, leftovers) = split(docs, &mut pool, Shape::default());
        let used: usize = drafts.iter().map(|d| d.paragraphs.len()).sum::<usize>()
            + leftovers.iter().map(Vec::len).sum::<usize>();
        assert_eq!(used, 40);
        assert!(drafts
            .iter()
            .all(|d| (MIN_PARAGRAPHS..=MAX_PARAGRAPHS).contains(&d.paragraphs.len())));
        assert_eq!(drafts[0].title, "Ebenen und Masken");
        let second = drafts[0].paragraphs.len();
        assert_eq!(
            drafts[1].title,
            format!("Absatz Nummer {second} mit etwas Text")
        );
    }

    #[test]
    fn titles_read_as_title_lines() {
        assert_eq!(
            make_title(
                Some("ls - Verzeichnisinhalte auflisten"),
                Some("BESCHREIBUNG"),
                "x"
            ),
            "ls - Verzeichnisinhalte auflisten: Beschreibung"
        );
        assert_eq!(
            sentence_title("Mit APT können Pakete z. B. entfernt werden. Danach mehr."),
            "Mit APT können Pakete z. B. entfernt werden"
        );
    }

    #[test]
    fn selection_is_a_stable_sample_or_a_deterministic_recombination() {
        let mut pool = Pool::default();
        let docs = vec![KeptDoc {
            source: 0,
            title: None,
            blocks: (0..60).map(para).collect(),
        }];
        let (originals, leftovers) = split(docs, &mut pool, Shape::default());
        let n = originals.len();
        let (small, mixed) = select(&originals, &leftovers, &pool, 3, Shape::default());
        assert_eq!((small.len(), mixed), (3, 0));
        let (big, mixed) = select(&originals, &leftovers, &pool, n + 5, Shape::default());
        assert_eq!((big.len(), mixed), (n + 5, 5));
        assert_eq!(
            select(&originals, &leftovers, &pool, n + 5, Shape::default()).0,
            big
        );
        assert!(big[n..].iter().all(|d| d.source.is_none()));
        let lists: std::collections::BTreeSet<&Vec<u32>> =
            big.iter().map(|d| &d.paragraphs).collect();
        assert_eq!(lists.len(), big.len(), "no article twice");
    }

    #[test]
    fn a_byte_target_sets_the_mean_article_length() {
        // Paragraphs of 200-300 bytes, as documentation's are.
        let paragraph = |i: usize| {
            let words = 30 + i % 20;
            Block::Para(format!("Absatz {i} {}.", "Wort ".repeat(words).trim_end()))
        };
        // Short documents, as man pages are: by bytes, articles go on across them.
        let short_docs = || -> Vec<KeptDoc> {
            (0..250)
                .map(|d| KeptDoc {
                    source: 0,
                    title: None,
                    blocks: (0..8).map(|i| paragraph(d * 8 + i)).collect(),
                })
                .collect()
        };
        let docs = short_docs();
        let mut pool = Pool::default();
        let shape = Shape {
            target_bytes: Some(3500),
        };
        let (originals, leftovers) = split(docs, &mut pool, shape);
        let (all, recombined) = select(&originals, &leftovers, &pool, originals.len() * 3, shape);
        assert!(recombined > 0);
        let bytes = |d: &Draft| -> usize {
            d.paragraphs
                .iter()
                .map(|&p| pool.paragraphs[p as usize].len())
                .sum()
        };
        for part in [&all[..originals.len()], &all[originals.len()..]] {
            let mean = part.iter().map(bytes).sum::<usize>() / part.len();
            assert!((3000..4000).contains(&mean), "mean {mean} bytes");
        }
        let default = Shape::default();
        let mut pool2 = Pool::default();
        let docs = short_docs();
        let (by_count, _) = split(docs, &mut pool2, default);
        let mean = by_count
            .iter()
            .map(|d| {
                d.paragraphs
                    .iter()
                    .map(|&p| pool2.paragraphs[p as usize].len())
                    .sum::<usize>()
            })
            .sum::<usize>()
            / by_count.len();
        assert!(mean < 3000, "the default stays shorter: {mean}");
    }

    #[test]
    fn about_half_the_articles_are_dated() {
        let dated = (0..1000).filter(|&k| date(k).is_some()).count();
        assert!((400..600).contains(&dated), "{dated}");
        assert!((0..1000)
            .filter_map(date)
            .all(|(y, m)| (2000..=2024).contains(&y) && (1..=12).contains(&m)));
    }
}
