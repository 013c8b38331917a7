//! Arguments and options read from JS values, validated once, here. Every error names the
//! call and the option (`search(): options.limit must be ...`) and starts with
//! [`BAD_ARGUMENT`], which explorer.js turns into an `ExplorerError` with code `"argument"`.

use crate::overview::OverviewOptions;
use crate::views::ArticlePage;
use crate::{EntityId, SearchOptions, Sort, YearMonth};
use wasm_bindgen::prelude::*;

/// The start of every argument error's message.
pub(super) const BAD_ARGUMENT: &str = "bad argument: ";

fn bad(message: String) -> JsError {
    JsError::new(&format!("{BAD_ARGUMENT}{message}"))
}

/// A JS value as people read it in a message (`-1`, `"x"`, `[1,"a"]`).
pub(super) fn describe(v: &JsValue) -> String {
    js_sys::JSON::stringify(v)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_else(|| format!("{v:?}"))
}

/// A whole number in `0..=u32::MAX`.
fn whole(v: &JsValue) -> Option<u32> {
    v.as_f64()
        .filter(|n| n.is_finite() && *n >= 0.0 && n.fract() == 0.0 && *n <= f64::from(u32::MAX))
        .map(|n| n as u32)
}

/// An id argument (`article(id)`, `entity(id)`).
pub(super) fn id(call: &str, v: &JsValue) -> Result<u32, JsError> {
    whole(v).ok_or_else(|| {
        bad(format!(
            "{call}: id must be a non-negative integer, got {}",
            describe(v)
        ))
    })
}

/// A string argument (`search(query)`).
pub(super) fn string(call: &str, name: &str, v: &JsValue) -> Result<String, JsError> {
    v.as_string().ok_or_else(|| {
        bad(format!(
            "{call}: {name} must be a string, got {}",
            describe(v)
        ))
    })
}

/// An options object as given to one call; absent and `null` options are none.
pub(super) struct JsOptions {
    call: &'static str,
    value: JsValue,
}

impl JsOptions {
    /// `undefined` and `null` are "no options"; anything else must be an object.
    pub(super) fn new(call: &'static str, value: JsValue) -> Result<JsOptions, JsError> {
        if value.is_undefined() || value.is_null() {
            return Ok(JsOptions {
                call,
                value: js_sys::Object::new().into(),
            });
        }
        if !value.is_object() || js_sys::Array::is_array(&value) {
            return Err(bad(format!(
                "{call}: options must be an object such as {{ limit: 10 }}, got {}",
                describe(&value)
            )));
        }
        Ok(JsOptions { call, value })
    }

    fn get(&self, key: &str) -> Option<JsValue> {
        js_sys::Reflect::get(&self.value, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    }

    fn bad(&self, key: &str, what: &str, v: &JsValue) -> JsError {
        bad(format!(
            "{}: options.{key} must be {what}, got {}",
            self.call,
            describe(v)
        ))
    }

    fn count(&self, key: &str) -> Result<Option<usize>, JsError> {
        self.get(key)
            .map(|v| {
                whole(&v)
                    .map(|n| n as usize)
                    .ok_or_else(|| self.bad(key, "a non-negative integer", &v))
            })
            .transpose()
    }

    pub(super) fn string(&self, key: &str) -> Result<Option<String>, JsError> {
        self.get(key)
            .map(|v| v.as_string().ok_or_else(|| self.bad(key, "a string", &v)))
            .transpose()
    }

    fn flag(&self, key: &str) -> Result<Option<bool>, JsError> {
        self.get(key)
            .map(|v| {
                v.as_bool()
                    .ok_or_else(|| self.bad(key, "true or false", &v))
            })
            .transpose()
    }

    fn ids(&self, key: &str) -> Result<Vec<EntityId>, JsError> {
        let Some(v) = self.get(key) else {
            return Ok(Vec::new());
        };
        let list = js_sys::Array::is_array(&v)
            .then(|| {
                js_sys::Array::from(&v)
                    .iter()
                    .map(|x| whole(&x).map(EntityId))
                    .collect::<Option<Vec<_>>>()
            })
            .flatten();
        list.ok_or_else(|| self.bad(key, "an array of entity ids", &v))
    }

    /// An array of names (`sources`, `authors`); blank names are an error.
    fn names(&self, key: &str, what: &str) -> Result<Vec<String>, JsError> {
        let Some(v) = self.get(key) else {
            return Ok(Vec::new());
        };
        let list = js_sys::Array::is_array(&v)
            .then(|| {
                js_sys::Array::from(&v)
                    .iter()
                    .map(|x| x.as_string().filter(|s| !s.trim().is_empty()))
                    .collect::<Option<Vec<_>>>()
            })
            .flatten();
        list.ok_or_else(|| self.bad(key, what, &v))
    }

    /// `"YYYY-MM"`; an empty string is no date.
    fn date(&self, key: &str) -> Result<Option<YearMonth>, JsError> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        match v.as_string().as_deref() {
            Some("") => Ok(None),
            Some(s) => parse_date(s)
                .map(Some)
                .ok_or_else(|| self.bad(key, "\"YYYY-MM\"", &v)),
            None => Err(self.bad(key, "\"YYYY-MM\"", &v)),
        }
    }

    fn sort(&self) -> Result<Sort, JsError> {
        let Some(v) = self.get("sort") else {
            return Ok(Sort::Relevance);
        };
        match v.as_string().as_deref() {
            Some("relevance") => Ok(Sort::Relevance),
            Some("newest") => Ok(Sort::Newest),
            Some("oldest") => Ok(Sort::Oldest),
            _ => Err(self.bad("sort", "one of relevance, newest, oldest", &v)),
        }
    }

    /// `SearchOptions`.
    pub(super) fn search(&self) -> Result<SearchOptions, JsError> {
        let defaults = SearchOptions::default();
        Ok(SearchOptions {
            limit: self.count("limit")?.unwrap_or(defaults.limit),
            offset: self.count("offset")?.unwrap_or(defaults.offset),
            entities: self.ids("entities")?,
            demonyms: self.flag("demonyms")?.unwrap_or(defaults.demonyms),
            from: self.date("from")?,
            to: self.date("to")?,
            sort: self.sort()?,
            sources: self.names("sources", "an array of source names")?,
            authors: self.names("authors", "an array of author names")?,
            facets: self.flag("facets")?.unwrap_or(defaults.facets),
        })
    }

    /// The page of an entity view's articles (`entity()`): `offset` (0 by default) and
    /// `limit` (every article from `offset` when absent).
    pub(super) fn article_page(&self) -> Result<ArticlePage, JsError> {
        Ok(ArticlePage {
            offset: self.count("offset")?.unwrap_or(0),
            limit: self.count("limit")?,
        })
    }

    /// `OverviewOptions`.
    pub(super) fn overview(&self) -> Result<OverviewOptions, JsError> {
        let defaults = OverviewOptions::default();
        Ok(OverviewOptions {
            sort: self.sort()?,
            demonyms: self.flag("demonyms")?.unwrap_or(defaults.demonyms),
            offset: self.count("offset")?.unwrap_or(defaults.offset),
            limit: self.count("limit")?.unwrap_or(defaults.limit),
        })
    }
}

/// `"YYYY-MM"` with a month 1..=12.
fn parse_date(s: &str) -> Option<YearMonth> {
    let (y, m) = s.split_once('-')?;
    let digits = |t: &str, n: usize| t.len() == n && t.bytes().all(|b| b.is_ascii_digit());
    if !digits(y, 4) || !digits(m, 2) {
        return None;
    }
    let year: u16 = y.parse().ok()?;
    let month: u8 = m.parse().ok()?;
    (1..=12)
        .contains(&month)
        .then_some(YearMonth { year, month })
}
