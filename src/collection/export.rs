//! Export of a scope: its articles and its entity table, as CSV or JSON text.
//!
//! CSV follows RFC 4180: a header line, CRLF line ends, a field in double quotes when it
//! holds a comma, a quote, CR or LF, quotes inside doubled. It starts with a UTF-8 byte
//! order mark, so that spreadsheet programs read umlauts as umlauts. A text field that
//! starts with `=`, `+`, `-`, `@`, a tab or CR gets a leading `'`, so that a spreadsheet
//! does not run it as a formula (CSV injection); the JSON keeps every value as it is.
//! Values the index does not know for an article (a `.txt` file has no source or URL) are
//! empty in CSV and `null` in JSON. The same scope gives the same bytes.

use crate::{EntityKind, Explorer, IndexError, SearchOptions, YearMonth};
use std::fmt::Write;

/// The two formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

/// One row of the results export.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultRow<'a> {
    pub id: u32,
    pub title: &'a str,
    pub date: Option<YearMonth>,
    /// Where it was published, when the input said so.
    pub source: Option<&'a str>,
    pub file: &'a str,
    pub score: f32,
    /// Where it can be read (http or https), when the input said so.
    pub url: Option<&'a str>,
}

/// One row of the entity table: an entity within the scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRow<'a> {
    pub id: u32,
    pub name: &'a str,
    pub kind: EntityKind,
    /// Articles of the scope that mention it.
    pub articles: usize,
    /// Its mentions in them.
    pub mentions: usize,
}

impl<'a> Explorer<'a> {
    /// The articles `query` and `options` select, in answer order (the first `limit`, or all).
    pub fn result_rows(
        &self,
        query: &str,
        options: &SearchOptions,
        limit: Option<usize>,
    ) -> Result<Vec<ResultRow<'a>>, IndexError> {
        self.scope(query, options)?
            .into_iter()
            .take(limit.unwrap_or(usize::MAX))
            .map(|(a, score)| {
                let h = self.index.head(a)?;
                let meta = self.index.article_meta(a)?;
                Ok(ResultRow {
                    id: a.0,
                    title: h.title,
                    date: h.date,
                    source: meta.source,
                    file: h.file,
                    score,
                    url: meta.url,
                })
            })
            .collect()
    }

    /// The entities mentioned in the articles `query` and `options` select, with articles
    /// and mentions there; most articles first, then by name (the facets' order).
    pub fn entity_rows(
        &self,
        query: &str,
        options: &SearchOptions,
    ) -> Result<Vec<EntityRow<'a>>, IndexError> {
        // Which entities and how many articles: the search's facets, counted the same way
        // and in the same order (most articles first, ties by name). The mentions here.
        let scope: Vec<crate::ArticleId> = self
            .scope(query, options)?
            .into_iter()
            .map(|(a, _)| a)
            .collect();
        let facets = crate::facets::facets(
            &self.index,
            self.article_entities()?,
            &scope,
            &[],
            options.demonyms,
        )?;
        let mut mentions = vec![0usize; self.index.entity_count() as usize];
        for &a in &scope {
            for m in self.index.mentions(a)? {
                if !options.demonyms && m.kind == crate::MentionKind::Demonym {
                    continue;
                }
                if let Some(c) = mentions.get_mut(m.entity.0 as usize) {
                    *c += 1;
                }
            }
        }
        Ok(facets
            .iter()
            .filter(|f| f.count > 0)
            .map(|f| EntityRow {
                id: f.id.0,
                name: f.name,
                kind: f.kind,
                articles: f.count,
                mentions: mentions.get(f.id.0 as usize).copied().unwrap_or(0),
            })
            .collect())
    }

    /// [`Explorer::result_rows`] as CSV or JSON text.
    pub fn export_results(
        &self,
        query: &str,
        options: &SearchOptions,
        limit: Option<usize>,
        format: Format,
    ) -> Result<String, IndexError> {
        let rows = self.result_rows(query, options, limit)?;
        Ok(match format {
            Format::Csv => results_csv(&rows),
            Format::Json => results_json(query, &rows),
        })
    }

    /// [`Explorer::entity_rows`] as CSV or JSON text.
    pub fn export_entities(
        &self,
        query: &str,
        options: &SearchOptions,
        format: Format,
    ) -> Result<String, IndexError> {
        let rows = self.entity_rows(query, options)?;
        Ok(match format {
            Format::Csv => entities_csv(&rows),
            Format::Json => entities_json(query, &rows),
        })
    }
}

/// The results as CSV: `id,title,date,source,file,score,url`.
pub fn results_csv(rows: &[ResultRow<'_>]) -> String {
    let mut out = String::from("\u{feff}id,title,date,source,file,score,url\r\n");
    for r in rows {
        let date = r.date.map(format_date).unwrap_or_default();
        let cells = [
            r.id.to_string(),
            csv_text(r.title),
            date,
            csv_text(r.source.unwrap_or("")),
            csv_text(r.file),
            score_text(r.score),
            csv_text(r.url.unwrap_or("")),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The entity table as CSV: `id,name,kind,articles,mentions`.
pub fn entities_csv(rows: &[EntityRow<'_>]) -> String {
    let mut out = String::from("\u{feff}id,name,kind,articles,mentions\r\n");
    for r in rows {
        let _ = write!(
            out,
            "{},{},{},{},{}\r\n",
            r.id,
            csv_text(r.name),
            kind_name(r.kind),
            r.articles,
            r.mentions
        );
    }
    out
}

/// `{"query": …, "total": n, "results": [{id, title, date, source, file, score, url}]}`.
pub fn results_json(query: &str, rows: &[ResultRow<'_>]) -> String {
    let mut out = format!(
        "{{\"query\":{},\"total\":{},\"results\":[",
        json_str(query),
        rows.len()
    );
    for (i, r) in rows.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            "{{\"id\":{},\"title\":{},\"date\":{},\"source\":{},\"file\":{},\"score\":{},\"url\":{}}}",
            r.id,
            json_str(r.title),
            json_opt(r.date.map(format_date).as_deref()),
            json_opt(r.source),
            json_str(r.file),
            score_text(r.score),
            json_opt(r.url)
        );
    }
    out.push_str("]}");
    out
}

/// `{"query": …, "entities": [{id, name, kind, articles, mentions}]}`.
pub fn entities_json(query: &str, rows: &[EntityRow<'_>]) -> String {
    let mut out = format!("{{\"query\":{},\"entities\":[", json_str(query));
    for (i, r) in rows.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            "{{\"id\":{},\"name\":{},\"kind\":\"{}\",\"articles\":{},\"mentions\":{}}}",
            r.id,
            json_str(r.name),
            kind_name(r.kind),
            r.articles,
            r.mentions
        );
    }
    out.push_str("]}");
    out
}

/// A CSV field: quoted when it must be (RFC 4180), defused when a spreadsheet would read
/// it as a formula.
pub fn csv_text(s: &str) -> String {
    let defused;
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        defused = format!("'{s}");
        defused.as_str()
    } else {
        s
    };
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// A JSON string literal.
pub fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json_opt(s: Option<&str>) -> String {
    s.map_or_else(|| "null".to_owned(), json_str)
}

/// A score with four decimals (`12.3456`), written with integer arithmetic: Rust's float
/// formatting would add about 10 KiB of code to the .wasm for this one column.
pub fn score_text(x: f32) -> String {
    if !x.is_finite() || x <= 0.0 {
        return "0".to_owned();
    }
    let scaled = (f64::from(x) * 10_000.0).round() as u64;
    let (whole, frac) = (scaled / 10_000, scaled % 10_000);
    if frac == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{:04}", frac)
            .trim_end_matches('0')
            .to_owned()
    }
}

/// `"YYYY-MM"`.
pub fn format_date(d: YearMonth) -> String {
    format!("{:04}-{:02}", d.year, d.month)
}

/// The kind as the JS API names it.
pub fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Country => "country",
        EntityKind::Place => "place",
        EntityKind::Organization => "organization",
        EntityKind::Event => "event",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(csv_text("Kim"), "Kim");
        assert_eq!(csv_text("a,b"), "\"a,b\"");
        assert_eq!(csv_text("er sagte \"ja\""), "\"er sagte \"\"ja\"\"\"");
        assert_eq!(csv_text("Zeile\nzwei"), "\"Zeile\nzwei\"");
        assert_eq!(csv_text("Pjöngjang"), "Pjöngjang");
        assert_eq!(csv_text("=1+1"), "'=1+1");
    }

    #[test]
    fn scores_have_four_decimals_at_most() {
        assert_eq!(score_text(0.0), "0");
        assert_eq!(score_text(2.0), "2");
        assert_eq!(score_text(1.23456), "1.2346");
        assert_eq!(score_text(0.5), "0.5");
        assert_eq!(score_text(0.00004), "0");
    }

    #[test]
    fn json_strings_escape_controls() {
        assert_eq!(json_str("a\"b\\c\n\u{1}"), "\"a\\\"b\\\\c\\n\\u0001\"");
    }
}
