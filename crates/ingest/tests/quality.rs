//! Entity recognition quality against hand-made gold annotations: precision and recall per
//! kind, mention level, exact span. Prints the table:
//!
//! ```text
//! cargo test -p explorer-ingest --test quality -- --nocapture
//! ```
//!
//! `tests/gold/samples/*.tsv` annotate the articles in `seeds/` (same file stem);
//! `tests/gold/unseen/*.tsv` annotate the passages beside them, written for this test with
//! people, places and organisations that occur nowhere in the samples, so the rules are
//! measured on text they were not developed on. Format: see `tests/gold/README.md`.

use explorer_ingest::entities::{recognize, EntityKind, MentionKind, Recognized};
use explorer_ingest::parse::parse;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One annotated mention: article, byte span, kind, mention kind, gold entity.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Gold {
    doc: usize,
    start: usize,
    end: usize,
    kind: EntityKind,
    mention: MentionKind,
    entity: String,
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Byte offset of `surface` as a whole word in `text`, at or after `from`.
fn find_word(text: &str, surface: &str, from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(pos) = text.get(at..)?.find(surface) {
        let s = at + pos;
        let e = s + surface.len();
        let before = text[..s].chars().next_back();
        let after = text[e..].chars().next();
        let boundary = |c: Option<char>| {
            c.is_none_or(|c| !c.is_alphanumeric() || ('\u{2460}'..='\u{24FF}').contains(&c))
        };
        if boundary(before) && boundary(after) {
            return Some(s);
        }
        at = s + surface.len();
    }
    None
}

/// Read a gold file: mentions in text order, each found after the previous one.
fn read_gold(path: &Path, doc: usize, text: &str) -> Vec<Gold> {
    let tsv = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    let mut at = 0;
    for (n, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "{}:{}: four columns", path.display(), n + 1);
        let kind = EntityKind::parse(cols[2])
            .unwrap_or_else(|| panic!("{}:{}: kind", path.display(), n + 1));
        let mention = match cols[3] {
            "name" => MentionKind::Name,
            "demonym" => MentionKind::Demonym,
            other => panic!("{}:{}: mention kind {other}", path.display(), n + 1),
        };
        let start = find_word(text, cols[0], at).unwrap_or_else(|| {
            panic!(
                "{}:{}: {:?} not found after byte {at}",
                path.display(),
                n + 1,
                cols[0]
            )
        });
        at = start + cols[0].len();
        out.push(Gold {
            doc,
            start,
            end: at,
            kind,
            mention,
            entity: cols[1].to_owned(),
        });
    }
    out
}

/// The articles of a gold set in `dir`: `(name, text, gold file)`.
fn gold_set(dir: &Path, texts: impl Fn(&str) -> PathBuf) -> Vec<(String, String, PathBuf)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        // `tests/dev/SOURCES.tsv` says where the articles come from; it is no gold file.
        .filter(|p| p.file_stem().is_some_and(|s| s != "SOURCES"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|tsv| {
            let stem = tsv
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_owned();
            let path = texts(&stem);
            let raw = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let (text, _) = explorer_ingest::corpus::decode(&raw).expect("decodable text");
            (stem, text, tsv)
        })
        .collect()
}

fn row_of(kind: EntityKind, mention: MentionKind) -> &'static str {
    match mention {
        MentionKind::Demonym => "demonym",
        MentionKind::Name => kind.as_str(),
    }
}

const ROWS: [&str; 6] = [
    "person",
    "country",
    "place",
    "organization",
    "event",
    "demonym",
];

/// The five kinds the index and the page use.
const KINDS: [&str; 5] = ["person", "country", "place", "organization", "event"];

/// Counts of one row: (right, found by the recogniser, in the gold).
type Counts = (usize, usize, usize);

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

fn precision(c: Counts) -> f64 {
    ratio(c.0, c.1)
}

fn recall(c: Counts) -> f64 {
    ratio(c.0, c.2)
}

fn sum<'a>(rows: impl Iterator<Item = &'a Counts>) -> Counts {
    rows.fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2))
}

struct Scores {
    /// Mentions, exact span, kind and mention kind: per row of [`ROWS`].
    mentions: BTreeMap<&'static str, Counts>,
    /// Entities per article, by canonical name and kind (demonyms count for their entity):
    /// an article's entity is right when the recogniser names it exactly as the gold does.
    entities: BTreeMap<&'static str, Counts>,
    linking: f64,
}

impl Scores {
    fn mention(&self, row: &str) -> Counts {
        self.mentions.get(row).copied().unwrap_or_default()
    }

    fn entity(&self, row: &str) -> Counts {
        self.entities.get(row).copied().unwrap_or_default()
    }

    fn entity_all(&self) -> Counts {
        sum(self.entities.values())
    }

    fn mention_all(&self) -> Counts {
        sum(self.mentions.values())
    }

    fn print(&self, title: &str) {
        println!(
            "\n{title}\n{:<13} | {:>5} {:>5} {:>5} {:>6} {:>6} | {:>5} {:>5} {:>5} {:>6} {:>6}",
            "",
            "gold",
            "found",
            "right",
            "prec",
            "recall",
            "gold",
            "found",
            "right",
            "prec",
            "recall"
        );
        println!(
            "{:<13} | {:^31} | {:^31}",
            "kind", "mentions (exact span)", "entities per article (name)"
        );
        let line = |row: &str, m: Counts, e: Option<Counts>| {
            let ent = e.map_or(String::new(), |e| {
                format!(
                    "{:>5} {:>5} {:>5} {:>6.3} {:>6.3}",
                    e.2,
                    e.1,
                    e.0,
                    precision(e),
                    recall(e)
                )
            });
            println!(
                "{row:<13} | {:>5} {:>5} {:>5} {:>6.3} {:>6.3} | {ent}",
                m.2,
                m.1,
                m.0,
                precision(m),
                recall(m)
            );
        };
        for row in ROWS {
            let e = KINDS.contains(&row).then(|| self.entity(row));
            line(row, self.mention(row), e);
        }
        line("all", self.mention_all(), Some(self.entity_all()));
        println!(
            "linking (found mentions of one gold entity on one entity): {:.3}",
            self.linking
        );
    }
}

/// Names compared case-blind, hyphens as spaces, apostrophes unified.
fn norm(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            '-' | '‐' | '‑' => ' ',
            '’' | '‘' | 'ʼ' => '\'',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn verbose() -> bool {
    std::env::var_os("QUALITY_VERBOSE").is_some()
}

/// Scores `set`; with `list`, prints every missed and wrong mention (not for the held-out
/// set, whose misses must stay unseen while the rules change).
fn evaluate(set: &[(String, String, PathBuf)], list: bool) -> Scores {
    let parsed: Vec<_> = set.iter().map(|(_, text, _)| parse(text).0).collect();
    let input: Vec<(&str, &[explorer_ingest::parse::Span])> = set
        .iter()
        .zip(&parsed)
        .map(|((_, text, _), p)| (text.as_str(), p.blocks.as_slice()))
        .collect();
    let rec: Recognized = recognize(&input, None);
    if verbose() {
        for e in &rec.entities {
            println!(
                "  entity  {:<12} {} = {}",
                e.kind.as_str(),
                e.name,
                e.aliases.join(" | ")
            );
        }
    }
    let gold: BTreeSet<Gold> = set
        .iter()
        .enumerate()
        .flat_map(|(d, (_, text, tsv))| read_gold(tsv, d, text))
        .collect();
    let mut rows: BTreeMap<&'static str, Counts> = BTreeMap::new();
    let mut found = BTreeMap::new();
    for (d, mentions) in rec.mentions.iter().enumerate() {
        for m in mentions {
            let kind = rec.entities[m.entity].kind;
            found.insert((d, m.start, m.end, kind, m.kind), m.entity);
            rows.entry(row_of(kind, m.kind)).or_default().1 += 1;
        }
    }
    let mut links: BTreeMap<&str, BTreeMap<usize, usize>> = BTreeMap::new();
    for g in &gold {
        let row = rows.entry(row_of(g.kind, g.mention)).or_default();
        row.2 += 1;
        match found.remove(&(g.doc, g.start, g.end, g.kind, g.mention)) {
            Some(e) => {
                row.0 += 1;
                *links.entry(&g.entity).or_default().entry(e).or_default() += 1;
            }
            None if list => println!(
                "  missed  {}: {:?} ({} {:?})",
                set[g.doc].0,
                &set[g.doc].1[g.start..g.end],
                g.kind.as_str(),
                g.mention
            ),
            None => {}
        }
    }
    for ((d, s, e, kind, mention), ent) in found.iter().filter(|_| list) {
        println!(
            "  wrong   {}: {:?} ({} {:?}) -> {}",
            set[*d].0,
            &set[*d].1[*s..*e],
            kind.as_str(),
            mention,
            rec.entities[*ent].name
        );
    }
    let linked: usize = links
        .values()
        .map(|m| m.values().max().copied().unwrap_or(0))
        .sum();
    let total: usize = links.values().flat_map(|m| m.values()).sum();
    Scores {
        mentions: rows,
        entities: entities_per_article(set, &gold, &rec, list),
        linking: linked as f64 / total.max(1) as f64,
    }
}

/// Per article, the gold entities against the recognised ones, by kind and canonical name.
fn entities_per_article(
    set: &[(String, String, PathBuf)],
    gold: &BTreeSet<Gold>,
    rec: &Recognized,
    list: bool,
) -> BTreeMap<&'static str, Counts> {
    let mut rows: BTreeMap<&'static str, Counts> = BTreeMap::new();
    for (d, (name, _, _)) in set.iter().enumerate() {
        let want: BTreeSet<(EntityKind, String)> = gold
            .iter()
            .filter(|g| g.doc == d)
            .map(|g| (g.kind, norm(&g.entity)))
            .collect();
        let got: BTreeMap<(EntityKind, String), &str> = rec.mentions[d]
            .iter()
            .map(|m| {
                let e = &rec.entities[m.entity];
                ((e.kind, norm(&e.name)), e.name.as_str())
            })
            .collect();
        for (kind, n) in &want {
            let row = rows.entry(kind.as_str()).or_default();
            row.2 += 1;
            if got.contains_key(&(*kind, n.clone())) {
                row.0 += 1;
            } else if list && verbose() {
                println!("  no entity  {name}: {n} ({})", kind.as_str());
            }
        }
        for ((kind, n), shown) in &got {
            rows.entry(kind.as_str()).or_default().1 += 1;
            if !want.contains(&(*kind, n.clone())) && list && verbose() {
                println!("  extra entity  {name}: {shown} ({})", kind.as_str());
            }
        }
    }
    rows
}

/// Floors a set must keep (precision and recall), a little below what the recogniser
/// reaches, so that a real regression fails: overall and for every kind, for mentions and for
/// entities per article.
struct Floors {
    mentions: f64,
    mentions_kind: f64,
    entities: f64,
    entities_kind: f64,
}

fn assert_floors(scores: &Scores, floors: Floors, what: &str) {
    let mut failed = Vec::new();
    let mut check = |label: String, c: Counts, floor: f64| {
        let (p, r) = (precision(c), recall(c));
        if p < floor || r < floor {
            failed.push(format!("{label}: precision {p:.3} recall {r:.3} < {floor}"));
        }
    };
    check(
        format!("{what} mentions, all"),
        scores.mention_all(),
        floors.mentions,
    );
    check(
        format!("{what} entities, all"),
        scores.entity_all(),
        floors.entities,
    );
    for row in KINDS {
        check(
            format!("{what} mentions, {row}"),
            scores.mention(row),
            floors.mentions_kind,
        );
        check(
            format!("{what} entities, {row}"),
            scores.entity(row),
            floors.entities_kind,
        );
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

fn samples() -> Vec<(String, String, PathBuf)> {
    let seeds = manifest().join("../../seeds");
    gold_set(&manifest().join("tests/gold/samples"), |stem| {
        seeds.join(format!("{stem}.txt"))
    })
}

/// A folder of `NAME.txt` articles with `NAME.tsv` gold beside them.
fn beside(dir: &str) -> Vec<(String, String, PathBuf)> {
    let dir = manifest().join(dir);
    if !dir.is_dir() {
        return Vec::new();
    }
    gold_set(&dir, |stem| dir.join(format!("{stem}.txt")))
}

#[test]
fn recognises_the_entities_of_the_sample_articles() {
    let scores = evaluate(&samples(), true);
    scores.print("samples (seeds/, gold in tests/gold/samples/)");
    let floors = Floors {
        mentions: 0.97,
        mentions_kind: 0.95,
        entities: 0.95,
        entities_kind: 0.9,
    };
    assert_floors(&scores, floors, "samples");
    assert!(
        scores.linking >= 0.9,
        "samples linking {:.3}",
        scores.linking
    );
}

#[test]
fn recognises_entities_in_passages_the_rules_have_never_seen() {
    let scores = evaluate(&beside("tests/gold/unseen"), true);
    scores.print("unseen passages (tests/gold/unseen/)");
    let floors = Floors {
        mentions: 0.92,
        mentions_kind: 0.85,
        entities: 0.9,
        entities_kind: 0.8,
    };
    assert_floors(&scores, floors, "unseen");
    assert!(
        scores.linking >= 0.8,
        "unseen linking {:.3}",
        scores.linking
    );
}

/// The dev set: real German news from several outlets and topics (`tests/dev/`).
#[test]
fn recognises_entities_in_real_news_of_the_dev_set() {
    let set = beside("tests/dev");
    if set.is_empty() {
        println!("no dev set in tests/dev/");
        return;
    }
    let scores = evaluate(&set, true);
    scores.print(&format!("dev set ({} articles, tests/dev/)", set.len()));
    // Where the dev set stands, and why its floors are lower: `tests/gold/README.md`.
    let floors = Floors {
        mentions: 0.88,
        mentions_kind: 0.81,
        entities: 0.77,
        entities_kind: 0.6,
    };
    assert_floors(&scores, floors, "dev");
}

/// The held-out set: real news from outlets partly absent from the dev set (`tests/heldout/`),
/// annotated before it was first scored and never used while changing the rules, so its
/// figures are the honest "unseen" ones. Its floors are loose on purpose: they catch a
/// collapse, and raising them to what the set reaches would make it a second dev set.
#[test]
fn recognises_entities_in_held_out_real_news() {
    let set = beside("tests/heldout");
    if set.is_empty() {
        println!("no held-out set in tests/heldout/");
        return;
    }
    let scores = evaluate(&set, false);
    scores.print(&format!(
        "held-out real news ({} articles, tests/heldout/)",
        set.len()
    ));
    let floors = Floors {
        mentions: 0.6,
        mentions_kind: 0.2,
        entities: 0.5,
        entities_kind: 0.15,
    };
    assert_floors(&scores, floors, "held-out");
}

/// Not a pass/fail test: prints how long recognition takes for a thousand articles (the
/// samples and passages, repeated). `cargo test --release -p explorer-ingest --test quality
/// -- --ignored --nocapture`
#[test]
#[ignore = "prints a timing"]
fn prints_the_time_to_recognise_a_thousand_articles() {
    let mut set = samples();
    set.extend(beside("tests/gold/unseen"));
    set.extend(beside("tests/dev"));
    let texts: Vec<String> = (0..1000).map(|i| set[i % set.len()].1.clone()).collect();
    let parsed: Vec<_> = texts.iter().map(|t| parse(t).0).collect();
    let input: Vec<(&str, &[explorer_ingest::parse::Span])> = texts
        .iter()
        .zip(&parsed)
        .map(|(t, p)| (t.as_str(), p.blocks.as_slice()))
        .collect();
    let warm = std::time::Instant::now();
    let _ = recognize(&input[..1], None);
    let tables = warm.elapsed();
    let start = std::time::Instant::now();
    let rec = recognize(&input, None);
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "tables: {tables:?}; {} articles ({} KB): {:?}, {} entities, {} mentions",
        texts.len(),
        bytes / 1024,
        start.elapsed(),
        rec.entities.len(),
        rec.mentions.iter().map(Vec::len).sum::<usize>()
    );
}
