//! Random queries for the reference evaluator, and the generated corpus it also runs over.

use super::Model;
use article_explorer::{SearchOptions, YearMonth, MAX_LIMIT};
use explorer_index::EntityKind;
use explorer_text::tokenize;
use std::path::Path;

/// One item of a generated query.
#[derive(Debug, Clone)]
pub enum Item {
    Word(String),
    /// A word of the corpus with one or two edits (corrections are compared).
    Typo(String),
    /// A hyphenated word (`Klima-Schutz`): a compound of the corpus cut at a word, or two
    /// words of the corpus.
    Hyphen(String),
    /// The last word, still being typed (no space after it).
    Typing(String),
    Or(String, String),
    Phrase(Vec<String>),
    Not(String),
    NotPhrase(Vec<String>),
    Entity {
        index: usize,
        negated: bool,
    },
    Year {
        year: u16,
        negated: bool,
    },
    And,
}

/// A small deterministic generator, seeded by proptest.
pub struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const STOP: &[&str] = &["der", "die", "und", "Wer", "wie", "den", "ist", "Warum"];

pub fn generate(model: &Model, seed: u64) -> (Vec<Item>, SearchOptions) {
    let mut rng = Rng(seed);
    let word = |rng: &mut Rng| -> String {
        match rng.below(10) {
            0 => STOP[rng.below(STOP.len())].to_owned(),
            1 => format!("Qxzqj{}", ["", "a", "ke", "wo"][rng.below(4)]),
            _ => model.words[rng.below(model.words.len())].clone(),
        }
    };
    let phrase = |rng: &mut Rng| -> Vec<String> {
        // Two or three consecutive words of an article, or the same words reversed.
        let a = &model.articles[rng.below(model.articles.len())];
        let n = 2 + rng.below(2);
        let start = rng.below(a.words.len().saturating_sub(n) + 1);
        let mut ws: Vec<String> = a.words.iter().skip(start).take(n).cloned().collect();
        if rng.below(4) == 0 {
            ws.reverse();
        }
        ws.retain(|w| model.words.contains(w));
        ws
    };
    let mut items = Vec::new();
    for _ in 0..1 + rng.below(4) {
        let item = match rng.below(15) {
            0..=3 => Item::Word(word(&mut rng)),
            4 => typo(model, &mut rng).map_or_else(|| Item::Word(word(&mut rng)), Item::Typo),
            5 => hyphen(model, &mut rng).map_or_else(|| Item::Word(word(&mut rng)), Item::Hyphen),
            6 => Item::Or(word(&mut rng), word(&mut rng)),
            7 | 13 => match phrase(&mut rng) {
                ws if ws.len() >= 2 => Item::Phrase(ws),
                _ => Item::Word(word(&mut rng)),
            },
            8 => Item::Not(word(&mut rng)),
            9 => match phrase(&mut rng) {
                ws if ws.len() >= 2 => Item::NotPhrase(ws),
                _ => Item::Not(word(&mut rng)),
            },
            10 | 11 if !model.entities.is_empty() => Item::Entity {
                index: rng.below(model.entities.len()),
                negated: rng.below(2) == 0,
            },
            12 => Item::Year {
                year: 2015 + rng.below(10) as u16,
                negated: rng.below(3) == 0,
            },
            _ => Item::And,
        };
        items.push(item);
    }
    if rng.below(3) == 0 {
        // A word being typed: a corpus word cut after two or more characters.
        let w = &model.words[rng.below(model.words.len())];
        let chars: Vec<char> = w.chars().collect();
        let cut = 2 + rng.below(chars.len().saturating_sub(1).max(1));
        let prefix: String = chars.iter().take(cut).collect();
        let operator = ["OR", "ODER", "AND", "UND"].contains(&prefix.as_str());
        // One that finds nothing would be corrected: corrections are not modelled here.
        let one_token = matches!(tokenize(&prefix).as_slice(), [t] if t.text == prefix);
        if one_token && !operator && !model.typing(&prefix).is_empty() {
            items.push(Item::Typing(prefix));
        }
    }
    let mut options = SearchOptions::first(MAX_LIMIT);
    if rng.below(5) == 0 {
        let from = 2015 + rng.below(10) as u16;
        options.from = Some(YearMonth {
            year: from,
            month: 1 + rng.below(12) as u8,
        });
        options.to = Some(YearMonth {
            year: from + rng.below(4) as u16,
            month: 12,
        });
    }
    (items, options)
}

/// Letters a typo may bring in.
const LETTERS: &[char] = &[
    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'r', 's', 't', 'u',
    'w', 'z', 'ä', 'ö', 'ü',
];

/// A word of the corpus (four letters or more) with one or two random edits: a letter
/// replaced, left out, added, or two swapped; anywhere, the first letter included.
fn typo(model: &Model, rng: &mut Rng) -> Option<String> {
    let w = &model.words[rng.below(model.words.len())];
    if w.chars().count() < 4 || !w.chars().all(char::is_alphabetic) {
        return None;
    }
    let mut chars: Vec<char> = w.chars().collect();
    for _ in 0..1 + rng.below(2) {
        let i = rng.below(chars.len());
        let letter = LETTERS[rng.below(LETTERS.len())];
        match rng.below(4) {
            0 => chars[i] = letter,
            1 if chars.len() > 3 => {
                chars.remove(i);
            }
            2 if i + 1 < chars.len() => chars.swap(i, i + 1),
            _ => chars.insert(i, letter),
        }
    }
    let typo: String = chars.into_iter().collect();
    let one_token = matches!(tokenize(&typo).as_slice(), [t] if t.text == typo);
    let operator = ["OR", "ODER", "AND", "UND"].contains(&typo.as_str());
    (one_token && !operator && typo != *w).then_some(typo)
}

/// A hyphenated word: half the time a word of the corpus cut where both sides are words
/// of the corpus (`Gipfeltreffen` → `Gipfel-Treffen`), else two words of the corpus.
fn hyphen(model: &Model, rng: &mut Rng) -> Option<String> {
    let alphabetic = |w: &str| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic);
    let capital = |w: &str| {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    let joined = if rng.below(2) == 0 {
        let lower: std::collections::BTreeSet<String> =
            model.words.iter().map(|w| w.to_lowercase()).collect();
        let w = &model.words[rng.below(model.words.len())];
        let chars: Vec<char> = w.chars().collect();
        if !alphabetic(w) || chars.len() < 8 {
            return None;
        }
        (4..chars.len() - 3).find_map(|i| {
            let left: String = chars[..i].iter().collect();
            let right: String = chars[i..].iter().collect();
            (lower.contains(&left.to_lowercase()) && lower.contains(&right.to_lowercase()))
                .then(|| format!("{left}-{}", capital(&right)))
        })?
    } else {
        let a = &model.words[rng.below(model.words.len())];
        let b = &model.words[rng.below(model.words.len())];
        if !alphabetic(a) || !alphabetic(b) {
            return None;
        }
        format!("{a}-{b}")
    };
    let tokens = tokenize(&joined);
    let hyphenated = matches!(tokens.as_slice(), [a, _] if a.joint == explorer_text::Joint::Hyphen);
    hyphenated.then_some(joined)
}

pub fn render(model: &Model, items: &[Item]) -> String {
    let quote = |ws: &[String]| format!("\"{}\"", ws.join(" "));
    let mut out: Vec<String> = Vec::new();
    for item in items {
        out.push(match item {
            Item::Word(w) | Item::Typing(w) | Item::Typo(w) | Item::Hyphen(w) => w.clone(),
            Item::Or(a, b) => format!("{a} OR {b}"),
            Item::Phrase(ws) => quote(ws),
            Item::Not(w) => format!("-{w}"),
            Item::NotPhrase(ws) => format!("-{}", quote(ws)),
            Item::Entity { index, negated } => {
                let e = &model.entities[*index];
                let prefix = match e.kind {
                    EntityKind::Person => "person",
                    EntityKind::Country => "land",
                    EntityKind::Place => "ort",
                    EntityKind::Organization => "org",
                    EntityKind::Event => "ereignis",
                };
                let neg = if *negated { "-" } else { "" };
                format!("{neg}{prefix}:\"{}\"", e.name)
            }
            Item::Year { year, negated } => {
                format!("{}datum:{year}", if *negated { "-" } else { "" })
            }
            Item::And => "AND".into(),
        });
    }
    // A trailing space ends the last word, unless it is still being typed.
    let typing = matches!(items.last(), Some(Item::Typing(_)));
    out.join(" ") + if typing { "" } else { " " }
}

/// Sixty articles from a small vocabulary: names, compounds and their parts, hyphenated
/// words, stop words, written dates, singulars and plurals; some dated, some not.
pub fn write_generated_corpus(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let vocabulary = [
        "Putin",
        "Merkel",
        "Berlin",
        "Russland",
        "Russlands",
        "Land",
        "Nachbarland",
        "Gipfel",
        "Gipfeltreffen",
        "Treffen",
        "Klimaschutz",
        "Klima-Schutz",
        "Schutz",
        "Atomtest",
        "Atomwaffentest",
        "Zentrum",
        "Zentren",
        "Museum",
        "Museen",
        "Halbinsel",
        "Insel",
        "Vertrag",
        "Verträge",
        "Regierung",
        "Regierungen",
        "Kanzlerin",
        "Wahl",
        "Wahlen",
        "der",
        "die",
        "und",
        "den",
        "ist",
        "wer",
        "wie",
        "nicht",
        "unterschrieb",
        "sagte",
        "12.03.2015",
        "1.7.2019",
        "2020",
        "15.000",
        "Straße",
        "Strasse",
        "Pjöngjang",
        "Luxusgüter",
        "Gute",
        "Nähe",
        "nahm",
        "Kim",
        "Kims",
        "Trump",
    ];
    let mut rng = Rng(20_261_206);
    for i in 0..60 {
        let mut text = String::new();
        if rng.below(4) != 0 {
            text.push_str(&format!(
                " date {}-{:02}\n",
                2015 + rng.below(10),
                1 + rng.below(12)
            ));
        }
        let title: Vec<&str> = (0..3)
            .map(|_| vocabulary[rng.below(vocabulary.len())])
            .collect();
        text.push_str(&title.join(" "));
        text.push_str("\n\n");
        for _ in 0..2 + rng.below(3) {
            let words: Vec<&str> = (0..6 + rng.below(12))
                .map(|_| vocabulary[rng.below(vocabulary.len())])
                .collect();
            text.push_str(&words.join(" "));
            text.push_str(".\n\n");
        }
        std::fs::write(dir.join(format!("{i:03}.txt")), text).unwrap();
    }
}
