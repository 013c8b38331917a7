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

/// The articles of a gold set: `(name, text, gold file)`.
fn gold_set(dir: &str, texts: impl Fn(&str) -> PathBuf) -> Vec<(String, String, PathBuf)> {
    let dir = manifest().join("tests/gold").join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
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

struct Scores {
    /// Per row: (true positives, system mentions, gold mentions).
    rows: BTreeMap<&'static str, (usize, usize, usize)>,
    linking: f64,
}

impl Scores {
    fn precision(&self, row: &str) -> f64 {
        let (tp, sys, _) = self.rows.get(row).copied().unwrap_or_default();
        if sys == 0 {
            1.0
        } else {
            tp as f64 / sys as f64
        }
    }

    fn recall(&self, row: &str) -> f64 {
        let (tp, _, gold) = self.rows.get(row).copied().unwrap_or_default();
        if gold == 0 {
            1.0
        } else {
            tp as f64 / gold as f64
        }
    }

    fn print(&self, title: &str) {
        println!(
            "\n{title}\n{:<13} {:>5} {:>5} {:>5} {:>9} {:>7}",
            "kind", "gold", "found", "right", "precision", "recall"
        );
        let mut total = (0, 0, 0);
        for row in ROWS {
            let (tp, sys, gold) = self.rows.get(row).copied().unwrap_or_default();
            total = (total.0 + tp, total.1 + sys, total.2 + gold);
            println!(
                "{row:<13} {gold:>5} {sys:>5} {tp:>5} {:>9.3} {:>7.3}",
                self.precision(row),
                self.recall(row)
            );
        }
        let (tp, sys, gold) = total;
        let p = tp as f64 / sys.max(1) as f64;
        let r = tp as f64 / gold.max(1) as f64;
        println!("{:<13} {gold:>5} {sys:>5} {tp:>5} {p:>9.3} {r:>7.3}", "all");
        println!(
            "linking (found mentions of one gold entity on one entity): {:.3}",
            self.linking
        );
    }
}

fn evaluate(set: &[(String, String, PathBuf)]) -> Scores {
    let parsed: Vec<_> = set.iter().map(|(_, text, _)| parse(text).0).collect();
    let input: Vec<(&str, &[explorer_ingest::parse::Span])> = set
        .iter()
        .zip(&parsed)
        .map(|((_, text, _), p)| (text.as_str(), p.blocks.as_slice()))
        .collect();
    let rec: Recognized = recognize(&input, None);
    for e in &rec.entities {
        println!(
            "  entity  {:<12} {} = {}",
            e.kind.as_str(),
            e.name,
            e.aliases.join(" | ")
        );
    }
    let gold: BTreeSet<Gold> = set
        .iter()
        .enumerate()
        .flat_map(|(d, (_, text, tsv))| read_gold(tsv, d, text))
        .collect();
    let mut rows: BTreeMap<&'static str, (usize, usize, usize)> = BTreeMap::new();
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
            None => println!(
                "  missed  {}: {:?} ({} {:?})",
                set[g.doc].0,
                &set[g.doc].1[g.start..g.end],
                g.kind.as_str(),
                g.mention
            ),
        }
    }
    for ((d, s, e, kind, mention), ent) in &found {
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
        rows,
        linking: linked as f64 / total.max(1) as f64,
    }
}

fn assert_floor(scores: &Scores, floor: f64, what: &str) {
    for row in ROWS {
        let (p, r) = (scores.precision(row), scores.recall(row));
        assert!(
            p >= floor && r >= floor,
            "{what}: {row} precision {p:.3} recall {r:.3} below {floor}"
        );
    }
}

#[test]
fn recognises_the_entities_of_the_sample_articles() {
    let seeds = manifest().join("../../seeds");
    let set = gold_set("samples", |stem| seeds.join(format!("{stem}.txt")));
    let scores = evaluate(&set);
    scores.print("samples (seeds/)");
    assert_floor(&scores, 0.85, "samples");
    assert!(
        scores.linking >= 0.9,
        "samples linking {:.3}",
        scores.linking
    );
}

#[test]
fn recognises_entities_in_passages_the_rules_have_never_seen() {
    let dir = manifest().join("tests/gold/unseen");
    let set = gold_set("unseen", |stem| dir.join(format!("{stem}.txt")));
    let scores = evaluate(&set);
    scores.print("unseen passages (tests/gold/unseen/)");
    assert_floor(&scores, 0.6, "unseen");
    assert!(
        scores.linking >= 0.8,
        "unseen linking {:.3}",
        scores.linking
    );
}

/// Not a pass/fail test: prints how long recognition takes for a thousand articles (the
/// samples and passages, repeated). `cargo test --release -p explorer-ingest --test quality
/// -- --ignored --nocapture`
#[test]
#[ignore = "prints a timing"]
fn prints_the_time_to_recognise_a_thousand_articles() {
    let seeds = manifest().join("../../seeds");
    let dir = manifest().join("tests/gold/unseen");
    let mut set = gold_set("samples", |stem| seeds.join(format!("{stem}.txt")));
    set.extend(gold_set("unseen", |stem| dir.join(format!("{stem}.txt"))));
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
