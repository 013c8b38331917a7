//! The curation file, `entities.toml` in the corpus folder: corrections the user makes where
//! the rules get it wrong.
//!
//! ```toml
//! # Names that are not entities (false positives), by name or alias.
//! ignore = ["Gute Freunde"]
//!
//! # An entity the rules miss, or whose kind or aliases need fixing.
//! [[entity]]
//! name = "Kim Jong Un"
//! kind = "person"            # person, country, place, organization, event
//! aliases = ["Kim Jong-un"]
//!
//! # Two entities that are one: `names` join `into`.
//! [[merge]]
//! into = "Wladimir Putin"
//! names = ["Putin"]
//!
//! [[rename]]
//! from = "Vereinigte Staaten"
//! to = "USA"
//! ```
//!
//! Names match case-insensitively, hyphens as spaces, against an entity's name or aliases.
//! Errors name the file and line (`seeds/entities.toml:3: unknown kind "persn"`), all of
//! them at once.

use super::detect::name_key;
use super::{Entity, EntityKind, Mention, MentionKind, Recognized};
use crate::diagnostic::Diagnostic;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// An entity the curation file adds or fixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CuratedEntity {
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
}

/// The parsed curation file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Curation {
    path: PathBuf,
    entities: Vec<CuratedEntity>,
    merges: Vec<(String, Vec<String>)>,
    renames: Vec<(String, String)>,
    ignore: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
    #[serde(default)]
    entity: Vec<RawEntity>,
    #[serde(default)]
    merge: Vec<RawMerge>,
    #[serde(default)]
    rename: Vec<RawRename>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    name: Spanned<String>,
    kind: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMerge {
    into: Spanned<String>,
    names: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRename {
    from: Spanned<String>,
    to: Spanned<String>,
}

/// Read the curation file at `path`: `Ok(None)` when there is none.
pub fn load_curation(path: &Path) -> Result<Option<Curation>, Vec<Diagnostic>> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse_curation(path, &text).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(vec![Diagnostic::error(
            path,
            None,
            format!("cannot be read: {e}"),
        )]),
    }
}

/// Parse the text of a curation file; `path` is only used in messages.
pub fn parse_curation(path: &Path, text: &str) -> Result<Curation, Vec<Diagnostic>> {
    let line_of = |offset: usize| Some(text[..offset.min(text.len())].matches('\n').count() + 1);
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let line = e.span().and_then(|s| line_of(s.start));
        vec![Diagnostic::error(path, line, e.message().trim().to_owned())]
    })?;
    let mut errors = Vec::new();
    let check = |errors: &mut Vec<Diagnostic>, s: &Spanned<String>, what: &str| -> String {
        let value = s.get_ref().trim().to_owned();
        if value.is_empty() {
            errors.push(Diagnostic::error(
                path,
                line_of(s.span().start),
                format!("empty {what}"),
            ));
        }
        value
    };
    let mut c = Curation {
        path: path.to_owned(),
        ..Curation::default()
    };
    for e in &raw.entity {
        let name = check(&mut errors, &e.name, "entity name");
        let aliases = e
            .aliases
            .iter()
            .map(|a| check(&mut errors, a, "alias"))
            .collect();
        let kind = EntityKind::parse(e.kind.get_ref().trim());
        match kind {
            Some(kind) => c.entities.push(CuratedEntity {
                name,
                kind,
                aliases,
            }),
            None => errors.push(Diagnostic::error(
                path,
                line_of(e.kind.span().start),
                format!(
                    "unknown kind {:?} (use person, country, place, organization or event)",
                    e.kind.get_ref()
                ),
            )),
        }
    }
    for m in &raw.merge {
        let into = check(&mut errors, &m.into, "merge target");
        let names = m
            .names
            .iter()
            .map(|n| check(&mut errors, n, "name"))
            .collect();
        c.merges.push((into, names));
    }
    for r in &raw.rename {
        c.renames.push((
            check(&mut errors, &r.from, "rename source"),
            check(&mut errors, &r.to, "new name"),
        ));
    }
    c.ignore = raw
        .ignore
        .iter()
        .map(|n| check(&mut errors, n, "name to ignore"))
        .collect();
    if errors.is_empty() {
        Ok(c)
    } else {
        Err(errors)
    }
}

impl Curation {
    /// The file it was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub(crate) fn entities(&self) -> &[CuratedEntity] {
        &self.entities
    }

    pub(crate) fn ignored(&self) -> &[String] {
        &self.ignore
    }
}

/// An entity before numbering: what the curation works on.
#[derive(Debug)]
pub(crate) struct Proto {
    pub name: String,
    pub kind: EntityKind,
    pub aliases: BTreeSet<String>,
    /// `(article, start, end, kind)`.
    pub mentions: Vec<(usize, usize, usize, MentionKind)>,
}

fn key(s: &str) -> String {
    name_key(s, EntityKind::Person)
}

fn matches(p: &Proto, names: &BTreeSet<String>) -> bool {
    names.contains(&key(&p.name)) || p.aliases.iter().any(|a| names.contains(&key(a)))
}

/// Move everything of `protos[from]` into `protos[into]`.
fn absorb(protos: &mut [Proto], from: usize, into: usize) {
    if from == into {
        return;
    }
    let old = std::mem::take(&mut protos[from].mentions);
    let aliases = std::mem::take(&mut protos[from].aliases);
    let name = std::mem::take(&mut protos[from].name);
    protos[into].mentions.extend(old);
    protos[into].aliases.extend(aliases);
    protos[into].aliases.insert(name);
}

/// Join all of `names` into the entity called `into` (or the first of them, renamed).
fn join(protos: &mut [Proto], into: &str, kind: Option<EntityKind>, names: &BTreeSet<String>) {
    let target_key = BTreeSet::from([key(into)]);
    let target = protos
        .iter()
        .position(|p| !p.name.is_empty() && matches(p, &target_key));
    let sources: Vec<usize> = (0..protos.len())
        .filter(|&i| !protos[i].name.is_empty() && matches(&protos[i], names))
        .collect();
    let Some(target) = target.or_else(|| sources.first().copied()) else {
        return;
    };
    for s in sources {
        absorb(protos, s, target);
    }
    let p = &mut protos[target];
    if p.name != into {
        let old = std::mem::replace(&mut p.name, into.to_owned());
        p.aliases.insert(old);
    }
    if let Some(kind) = kind {
        p.kind = kind;
    }
}

/// Apply the curation, then number and sort the entities and their mentions.
pub(crate) fn apply(
    mut protos: Vec<Proto>,
    curation: Option<&Curation>,
    docs: usize,
) -> Recognized {
    if let Some(c) = curation {
        for e in &c.entities {
            let names = std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|n| key(n))
                .collect();
            join(&mut protos, &e.name, Some(e.kind), &names);
            if let Some(p) = protos.iter_mut().find(|p| p.name == e.name) {
                p.aliases.extend(e.aliases.iter().cloned());
            }
        }
        for (into, names) in &c.merges {
            let names = names.iter().map(|n| key(n)).collect();
            join(&mut protos, into, None, &names);
        }
        for (from, to) in &c.renames {
            let names = BTreeSet::from([key(from)]);
            for p in protos
                .iter_mut()
                .filter(|p| !p.name.is_empty() && matches(p, &names))
            {
                let old = std::mem::replace(&mut p.name, to.clone());
                p.aliases.insert(old);
            }
        }
        let ignored: BTreeSet<String> = c.ignore.iter().map(|n| key(n)).collect();
        protos.retain(|p| !matches(p, &ignored));
    }
    protos.retain(|p| !p.name.is_empty() && !p.mentions.is_empty());

    // One entity per kind and name, sorted.
    let mut by_name: BTreeMap<(EntityKind, String), Proto> = BTreeMap::new();
    for p in protos {
        match by_name.get_mut(&(p.kind, p.name.clone())) {
            Some(q) => {
                q.mentions.extend(p.mentions);
                q.aliases.extend(p.aliases);
            }
            None => {
                by_name.insert((p.kind, p.name.clone()), p);
            }
        }
    }
    let mut out = Recognized {
        entities: Vec::new(),
        mentions: vec![Vec::new(); docs],
    };
    for (i, (_, p)) in by_name.into_iter().enumerate() {
        let aliases = p
            .aliases
            .into_iter()
            .filter(|a| *a != p.name && !a.is_empty())
            .collect();
        out.entities.push(Entity {
            name: p.name,
            kind: p.kind,
            aliases,
        });
        for (d, start, end, kind) in p.mentions {
            if let Some(doc) = out.mentions.get_mut(d) {
                doc.push(Mention {
                    entity: i,
                    start,
                    end,
                    kind,
                });
            }
        }
    }
    for doc in &mut out.mentions {
        doc.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end), m.entity));
        let mut last_end = 0;
        doc.retain(|m| {
            let keep = m.start >= last_end;
            if keep {
                last_end = m.end;
            }
            keep
        });
    }
    out
}
