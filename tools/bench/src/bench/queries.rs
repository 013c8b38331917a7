//! The benchmark's query list (`bench/queries.txt`): one `category query` per line.
//!
//! A query is sent with a trailing space (the person finished the word), except in the
//! `prefix` category, sent as typed so that the last word is completed. Parsed here only; the
//! browser script and the native bench get the resolved list as JSON.

use std::path::Path;

use serde_json::{json, Value};

use crate::util::{bail, Context, Result};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    pub category: String,
    /// Exactly what is passed to `search()`.
    pub text: String,
}

pub fn read(path: &Path) -> Result<Vec<Query>> {
    let text = std::fs::read_to_string(path).context(|| format!("reading {}", path.display()))?;
    let queries = parse(&text).map_err(|(line, msg)| {
        crate::util::Error::new(format!("{}:{line}: {msg}", path.display()))
    })?;
    if queries.is_empty() {
        bail!("{}: no queries", path.display());
    }
    Ok(queries)
}

/// Parses the list; errors carry the 1-based line.
pub fn parse(text: &str) -> Result<Vec<Query>, (usize, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((category, query)) = line.split_once(char::is_whitespace) else {
            return Err((i + 1, format!("`{line}`: expected `category query`")));
        };
        let query = query.trim();
        let text = if category == "prefix" {
            query.to_string()
        } else {
            format!("{query} ")
        };
        out.push(Query {
            category: category.to_string(),
            text,
        });
    }
    Ok(out)
}

pub fn to_json(queries: &[Query]) -> Value {
    Value::Array(
        queries
            .iter()
            .map(|q| json!({ "category": q.category, "query": q.text }))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_give_categories_and_queries_with_trailing_space_unless_prefix() {
        let list = "# comment\n\nword  Datei\nprefix   Konfigurationsd\nphrase \"a b\"\n";
        let q = parse(list).unwrap();
        assert_eq!(q.len(), 3);
        assert_eq!(
            (q[0].category.as_str(), q[0].text.as_str()),
            ("word", "Datei ")
        );
        assert_eq!(q[1].text, "Konfigurationsd");
        assert_eq!(q[2].text, "\"a b\" ");
        assert_eq!(parse("lonely").unwrap_err().0, 1);
    }

    #[test]
    fn the_committed_list_parses() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/queries.txt");
        let q = read(&path).unwrap();
        assert!(q.len() >= 30, "{}", q.len());
    }
}
