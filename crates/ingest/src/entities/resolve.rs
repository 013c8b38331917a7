//! The second pass: put the names of all articles together, decide each one's kind, find the
//! short forms, and number the entities.
//!
//! * Names found by the rules are grouped by key; a key that is another key plus a genitive
//!   `s` joins it, and a person's single name or surname (`Putin`, `Pacheco Pardo`) joins the
//!   full name that starts or ends with it (`Wladimir Putin`, `Ramon Pacheco Pardo`).
//! * Each group's kind is the one its cues voted for most (a role noun outweighs the default
//!   that a run of unknown capitalised words is a person).
//! * Words the first pass left alone are looked up among the names: first those of people
//!   named in full in the same article (any part of the name: `Lula` for `Luiz Inácio Lula da
//!   Silva`), then the corpus (full names, and a person's first or last name). A word that is
//!   also a German noun (`Xi`) counts only where the full name is in the article; a word at a
//!   sentence start only if the article never writes it in lowercase.

use super::curation::{apply, Proto};
use super::detect::{name_key, Candidate};
use super::names::display_name;
use super::tables::{form_key, tables, Tables};
use super::tokens::Tok;
use super::{Curation, EntityKind, MentionKind, Recognized, Target};
use crate::hash::{FastMap, FastSet};
use crate::parse::Span;
use std::collections::{BTreeMap, BTreeSet};

/// Longest name looked up in the second pass, in words.
const MAX_NAME_WORDS: usize = 5;

#[derive(Debug, Default)]
struct Group {
    votes: BTreeMap<EntityKind, u32>,
    mentions: u32,
    words: usize,
}

impl Group {
    fn kind(&self) -> EntityKind {
        let order = [
            EntityKind::Person,
            EntityKind::Organization,
            EntityKind::Place,
            EntityKind::Event,
            EntityKind::Country,
        ];
        let best = self.votes.values().copied().max().unwrap_or(0);
        order
            .into_iter()
            .find(|k| self.votes.get(k).copied().unwrap_or(0) == best)
            .unwrap_or(EntityKind::Person)
    }
}

/// Union-find over name keys, deterministic: the smaller index wins.
struct Keys {
    names: Vec<String>,
    index: BTreeMap<String, usize>,
    parent: Vec<usize>,
}

impl Keys {
    fn find(&self, mut i: usize) -> usize {
        while self.parent[i] != i {
            i = self.parent[i];
        }
        i
    }

    /// Make `from` part of `into`'s group.
    fn join(&mut self, from: usize, into: usize) {
        let (a, b) = (self.find(from), self.find(into));
        if a != b {
            self.parent[a] = b;
        }
    }
}

/// The lookup key of a run of words in the second pass.
fn simple_key(surface: &str) -> String {
    name_key(surface, EntityKind::Person)
}

/// `articles` are the texts with their blocks, `found` what the first pass found in each.
pub(crate) fn resolve(
    articles: &[(&str, &[Span])],
    mut found: Vec<Vec<Candidate>>,
    curation: Option<&Curation>,
) -> Recognized {
    let texts: Vec<&str> = articles.iter().map(|(t, _)| *t).collect();
    // 1. Group the names found by the rules.
    let mut keys = Keys {
        names: Vec::new(),
        index: BTreeMap::new(),
        parent: Vec::new(),
    };
    let mut groups: Vec<Group> = Vec::new();
    // `Deutscher Flussverband (DFV)`: the abbreviation, wherever it stands alone, is the same.
    let mut abbreviations: BTreeSet<(String, String)> = BTreeSet::new();
    for (d, c) in found
        .iter()
        .enumerate()
        .flat_map(|(d, cs)| cs.iter().map(move |c| (d, c)))
    {
        if let Target::Name(key) = &c.target {
            let surface = &texts[d][c.start..c.end];
            // (`BfJ`, `IStGH`: capitals with small letters between are abbreviations too.)
            let letters = surface.chars().all(char::is_alphabetic);
            if letters && super::names::is_abbreviation(surface) {
                let own = simple_key(surface);
                if own != *key {
                    abbreviations.insert((own, key.clone()));
                }
            }
            let i = *keys.index.entry(key.clone()).or_insert_with(|| {
                keys.names.push(key.clone());
                keys.parent.push(keys.parent.len());
                groups.push(Group {
                    words: key.split(' ').count(),
                    ..Group::default()
                });
                keys.parent.len() - 1
            });
            *groups[i].votes.entry(c.kind).or_default() += u32::from(c.strength);
            groups[i].mentions += 1;
        }
    }
    join_genitives(&mut keys);
    for (short, long) in &abbreviations {
        if let (Some(&s), Some(&l)) = (keys.index.get(short), keys.index.get(long)) {
            keys.join(s, l);
        }
    }
    join_short_person_names(&mut keys, &groups);
    let mut merged: BTreeMap<usize, Group> = BTreeMap::new();
    for (i, group) in groups.iter().enumerate() {
        let g = merged.entry(keys.find(i)).or_default();
        for (k, v) in &group.votes {
            *g.votes.entry(*k).or_default() += v;
        }
        g.mentions += group.mentions;
        g.words = g.words.max(group.words);
    }

    // 2. The names the second pass looks words up under.
    let mut corpus: BTreeMap<String, (u32, usize)> = BTreeMap::new();
    let offer =
        |map: &mut BTreeMap<String, (u32, usize)>, key: String, weight: u32, root: usize| {
            let slot = map.entry(key).or_insert((weight, root));
            if weight > slot.0 {
                *slot = (weight, root);
            }
        };
    for i in 0..keys.names.len() {
        let root = keys.find(i);
        let g = &merged[&root];
        offer(&mut corpus, keys.names[i].clone(), u32::MAX, root);
        if g.kind() == EntityKind::Person && g.words >= 2 {
            let words: Vec<&str> = keys.names[i].split(' ').collect();
            if words.len() >= 2 {
                let n = words.len();
                offer(&mut corpus, words[0].to_owned(), g.mentions, root);
                offer(&mut corpus, words[n - 1].to_owned(), g.mentions, root);
                offer(&mut corpus, words[n - 2..].join(" "), g.mentions, root);
            }
        }
    }
    for (d, cands) in found.iter().enumerate() {
        for c in cands {
            if let Target::Name(key) = &c.target {
                let root = keys.index.get(key).map(|&i| keys.find(i));
                if let Some(root) = root {
                    offer(
                        &mut corpus,
                        simple_key(&texts[d][c.start..c.end]),
                        u32::MAX,
                        root,
                    );
                }
            }
        }
    }

    // 3. Second pass over every article.
    let corpus = CorpusNames::new(corpus);
    let t = tables();
    for (d, &(text, blocks)) in articles.iter().enumerate() {
        let toks = super::article_tokens(text, blocks);
        let extra = second_pass(text, &toks, &mut found[d], &corpus, &keys, &merged, t);
        found[d].extend(extra);
        found[d].sort_by_key(|c| (c.start, c.end));
    }

    // 4. Entities, numbered by first use, then handed to the curation and sorted.
    let mut protos: Vec<Proto> = Vec::new();
    let mut by_target: BTreeMap<Target, usize> = BTreeMap::new();
    let mut surfaces: Vec<BTreeMap<String, u32>> = Vec::new();
    // Each article's candidates are let go once counted: the corpus's mentions are not held
    // twice.
    for (d, cands) in found.into_iter().enumerate() {
        for c in cands {
            let target = match c.target {
                Target::Name(key) => match keys.index.get(&key) {
                    Some(&i) => Target::Name(keys.names[keys.find(i)].clone()),
                    None => continue,
                },
                other => other,
            };
            let p = *by_target.entry(target.clone()).or_insert_with(|| {
                let (name, kind, aliases) = match &target {
                    Target::Known(e) => {
                        let e = &t.entries[*e];
                        (e.name.clone(), e.kind, e.aliases.iter().cloned().collect())
                    }
                    Target::Curated(i) => match curation.and_then(|c| c.entities().get(*i)) {
                        Some(e) => (e.name.clone(), e.kind, e.aliases.iter().cloned().collect()),
                        None => (String::new(), EntityKind::Place, BTreeSet::new()),
                    },
                    Target::Name(key) => {
                        let root = keys.index[key];
                        (
                            String::new(),
                            merged[&keys.find(root)].kind(),
                            BTreeSet::new(),
                        )
                    }
                };
                protos.push(Proto {
                    name,
                    kind,
                    aliases,
                    mentions: Vec::new(),
                });
                surfaces.push(BTreeMap::new());
                protos.len() - 1
            });
            protos[p].mentions.push((d, c.start, c.end, c.mention));
            if c.mention == MentionKind::Name {
                *surfaces[p]
                    .entry(texts[d][c.start..c.end].to_owned())
                    .or_default() += 1;
            }
        }
    }
    for (p, seen) in protos.iter_mut().zip(&surfaces) {
        if p.name.is_empty() {
            p.name = display_name(seen, p.kind, t);
        }
        p.aliases.extend(seen.keys().cloned());
    }
    apply(protos, curation, texts.len())
}

/// `kims` joins `kim`, `nordkoreas` joins `nordkorea`.
fn join_genitives(keys: &mut Keys) {
    for i in 0..keys.names.len() {
        let name = keys.names[i].clone();
        if let Some(stem) = name.strip_suffix('s').filter(|s| s.chars().count() >= 2) {
            if let Some(&j) = keys.index.get(stem) {
                keys.join(i, j);
            }
        }
    }
}

/// `putin` joins `wladimir putin`; `pacheco pardo` joins `ramon pacheco pardo`: the most
/// mentioned person whose name starts or ends with it.
fn join_short_person_names(keys: &mut Keys, groups: &[Group]) {
    let persons: Vec<usize> = (0..keys.names.len())
        .filter(|&i| groups[i].kind() == EntityKind::Person)
        .collect();
    // The people whose name starts, or ends, with a word: the only ones a name can join.
    let mut by_first: FastMap<&str, Vec<usize>> = FastMap::default();
    let mut by_last: FastMap<&str, Vec<usize>> = FastMap::default();
    for &j in &persons {
        let name = keys.names[j].as_str();
        by_first
            .entry(name.split(' ').next().unwrap_or_default())
            .or_default()
            .push(j);
        by_last
            .entry(name.rsplit(' ').next().unwrap_or_default())
            .or_default()
            .push(j);
    }
    let mut joins = Vec::new();
    for &i in &persons {
        let short: Vec<&str> = keys.names[i].split(' ').collect();
        let starting = match short[..] {
            [word] => by_first.get(word).map_or(&[][..], Vec::as_slice),
            _ => &[],
        };
        let ending = by_last
            .get(short[short.len() - 1])
            .map_or(&[][..], Vec::as_slice);
        let best = starting
            .iter()
            .chain(ending)
            .filter(|&&j| j != i)
            .filter(|&&j| {
                let long: Vec<&str> = keys.names[j].split(' ').collect();
                long.len() > short.len()
                    && (long[..short.len()] == short[..] && short.len() == 1
                        || long[long.len() - short.len()..] == short[..])
            })
            .max_by_key(|&&j| (groups[j].mentions, std::cmp::Reverse(j)))
            .copied();
        if let Some(j) = best {
            joins.push((i, j));
        }
    }
    for (i, j) in joins {
        keys.join(i, j);
    }
}

/// The names of the corpus that the second pass looks words up under, each with its weight
/// and group.
struct CorpusNames {
    names: BTreeMap<String, (u32, usize)>,
    /// The first word of every name, with the most words of a name that starts with it: most
    /// words start no name, or only short ones, and are passed over without building the
    /// keys of the longer runs of words that start with them.
    first_words: FastMap<String, usize>,
}

impl CorpusNames {
    fn new(names: BTreeMap<String, (u32, usize)>) -> CorpusNames {
        let mut first_words: FastMap<String, usize> = FastMap::default();
        for key in names.keys() {
            let mut words = key.split(' ');
            let first = words.next().unwrap_or_default();
            let n = 1 + words.count();
            let most = first_words.entry(first.to_owned()).or_default();
            *most = (*most).max(n);
        }
        CorpusNames { names, first_words }
    }

    fn get(&self, key: &str) -> Option<usize> {
        self.names.get(key).map(|&(_, root)| root)
    }
}

/// The most words a name among `local` and `corpus` can have if it starts where `surface`
/// starts, 0 if none can: [`lookup_name`] finds nothing for a run of more words. (The key of
/// a run of words has at least one word per token; a genitive `s` dropped from a key of one
/// word changes its first word.)
fn longest_name(surface: &str, local: &BTreeMap<String, usize>, corpus: &CorpusNames) -> usize {
    let Some(first) = surface
        .split(|c: char| c.is_whitespace() || super::tokens::is_hyphen(c))
        .find(|w| !w.is_empty())
    else {
        return 0;
    };
    let first = form_key([first]).to_lowercase();
    let most = |w: &str| {
        let local = usize::from(local.contains_key(w));
        corpus.first_words.get(w).copied().unwrap_or(0).max(local)
    };
    let stem = first.strip_suffix('s').map_or(0, |stem| most(stem).min(1));
    most(&first).max(stem)
}

/// Per word of `toks` (sorted, not overlapping), whether a candidate of `first` overlaps it.
fn covered_words(toks: &[Tok<'_>], first: &[Candidate]) -> Vec<bool> {
    let mut covered = vec![false; toks.len()];
    if toks.windows(2).any(|w| w[0].end > w[1].start) {
        for (k, tok) in toks.iter().enumerate() {
            covered[k] = first.iter().any(|c| c.start < tok.end && tok.start < c.end);
        }
        return covered;
    }
    for c in first {
        let from = toks.partition_point(|t| t.end <= c.start);
        for (k, tok) in toks.iter().enumerate().skip(from) {
            if tok.start >= c.end {
                break;
            }
            covered[k] = true;
        }
    }
    covered
}

fn second_pass(
    text: &str,
    toks: &[Tok<'_>],
    first: &mut [Candidate],
    corpus: &CorpusNames,
    keys: &Keys,
    merged: &BTreeMap<usize, Group>,
    t: &Tables,
) -> Vec<Candidate> {
    // Every word of the people named in full in this article.
    let mut local: BTreeMap<String, usize> = BTreeMap::new();
    let mut in_article: BTreeSet<usize> = BTreeSet::new();
    let mut clubs: BTreeMap<String, usize> = BTreeMap::new();
    let mut heads: BTreeMap<String, usize> = BTreeMap::new();
    for c in first.iter() {
        if let Target::Name(key) = &c.target {
            let Some(&i) = keys.index.get(key) else {
                continue;
            };
            let root = keys.find(i);
            in_article.insert(root);
            let words: Vec<&str> = key.split(' ').collect();
            // `Dortmund` after `Borussia Dortmund`, `Kiew` after `Dynamo Kiew`: the club.
            if merged[&root].kind() == EntityKind::Organization
                && words.len() >= 2
                && super::detect::is_club_prefix(words[0])
            {
                if words[0].chars().count() > 3 {
                    clubs.entry(words[0].to_owned()).or_insert(root);
                }
                clubs.entry(words[1].to_owned()).or_insert(root);
                clubs
                    .entry(words[words.len() - 1].to_owned())
                    .or_insert(root);
            }
            // `Hagelversicherung` after `Österreichische Hagelversicherung`: an adjective's
            // body named by its compound head alone.
            if merged[&root].kind() == EntityKind::Organization
                && words.len() == 2
                && words[0].ends_with('e')
                && words[1].chars().count() >= 10
            {
                heads.entry(words[1].to_owned()).or_insert(root);
            }
            if merged[&root].kind() == EntityKind::Person {
                let words: Vec<&str> = key.split(' ').collect();
                if words.len() >= 2 {
                    for w in words.into_iter().filter(|w| w.chars().count() >= 2) {
                        if !super::cues::PARTICLES.contains(&w) {
                            local.entry(w.to_owned()).or_insert(root);
                        }
                    }
                }
            }
        }
    }
    // `Hamilton` after `Lewis Hamilton`: a place's name that is a word of a person named in
    // the article is that person.
    for c in first.iter_mut() {
        if let Target::Name(key) = &c.target {
            // `nach Federer`: a weak place is a person named in the article.
            if c.kind == EntityKind::Place && c.strength <= 1 {
                if let Some(&root) = local.get(key.as_str()) {
                    *c = mention(c.start, c.end, root, keys, merged);
                }
            }
            continue;
        }
        let Target::Known(e) = c.target else { continue };
        let kind = t.entries[e].kind;
        let place = matches!(kind, EntityKind::Place | EntityKind::Country);
        if !place || c.mention != MentionKind::Name {
            continue;
        }
        let key = simple_key(&text[c.start..c.end]);
        let person = local
            .get(&key)
            .or_else(|| key.strip_suffix('s').and_then(|stem| local.get(stem)))
            .filter(|_| kind == EntityKind::Place);
        let root = person.or_else(|| clubs.get(&key));
        if let Some(&root) = root {
            *c = mention(c.start, c.end, root, keys, merged);
        }
    }
    // `Borussia`, `Dynamo` alone: the club the article names in full.
    for (word, &root) in clubs.iter().chain(&heads) {
        local.entry(word.clone()).or_insert(root);
    }
    let lowercase: FastSet<&str> = toks
        .iter()
        .filter(|t| !t.is_capitalised())
        .map(|t| t.text)
        .collect();
    let covered = covered_words(toks, first);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let tok = &toks[i];
        if covered[i] || !tok.is_capitalised() {
            i += 1;
            continue;
        }
        let mut matched = None;
        let longest = longest_name(tok.text, &local, corpus)
            .min(MAX_NAME_WORDS)
            .min(toks.len() - i);
        for n in (1..=longest).rev() {
            if (1..n).any(|k| !toks[i + k].tight || covered[i + k]) {
                continue;
            }
            let surface = &text[tok.start..toks[i + n - 1].end];
            if let Some(root) =
                lookup_name(surface, n, tok, &local, corpus, &in_article, &lowercase, t)
            {
                matched = Some((n, root));
                break;
            }
        }
        if let Some((n, root)) = matched {
            out.push(mention(tok.start, toks[i + n - 1].end, root, keys, merged));
            i += n;
            continue;
        }
        let parts = tok.parts();
        if parts.len() >= 2 {
            for (s, e, part) in parts {
                if longest_name(part, &local, corpus) == 0 {
                    continue;
                }
                if let Some(root) =
                    lookup_name(part, 1, tok, &local, corpus, &in_article, &lowercase, t)
                {
                    out.push(mention(s, e, root, keys, merged));
                }
            }
        }
        i += 1;
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn lookup_name(
    surface: &str,
    words: usize,
    tok: &Tok<'_>,
    local: &BTreeMap<String, usize>,
    corpus: &CorpusNames,
    in_article: &BTreeSet<usize>,
    lowercase: &FastSet<&str>,
    t: &Tables,
) -> Option<usize> {
    if !surface.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let key = simple_key(surface);
    let mut keys = vec![key.clone()];
    if let Some(stem) = key.strip_suffix('s').filter(|s| s.chars().count() >= 2) {
        keys.push(stem.to_owned());
    }
    for key in keys {
        let root = local.get(&key).copied().or_else(|| corpus.get(&key));
        let Some(root) = root else { continue };
        if words == 1 {
            let word = surface
                .split(super::tokens::is_hyphen)
                .next()
                .unwrap_or(surface);
            let common = t.is_noun(word) || tok.sentence_start && t.is_lowercase_word(word);
            if common && !in_article.contains(&root) && !local.contains_key(&key) {
                continue;
            }
            if tok.sentence_start && lowercase.contains(word.to_lowercase().as_str()) {
                continue;
            }
        }
        return Some(root);
    }
    None
}

fn mention(
    start: usize,
    end: usize,
    root: usize,
    keys: &Keys,
    merged: &BTreeMap<usize, Group>,
) -> Candidate {
    Candidate {
        start,
        end,
        target: Target::Name(keys.names[root].clone()),
        kind: merged[&root].kind(),
        mention: MentionKind::Name,
        strength: 0,
    }
}
