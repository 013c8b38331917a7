//! Options read from plain JS objects, validated once here; every error names the option.

use crate::{EntityId, SearchOptions, Sort, YearMonth};
use wasm_bindgen::prelude::*;

/// Options read from a plain JS object by hand (not serde): `serde::Deserialize` would pull
/// float formatting and a generic map visitor into the .wasm for five fields.
pub(super) struct JsOptions(JsValue);

impl JsOptions {
    /// `undefined` and `null` are "no options"; anything else must be an object.
    pub(super) fn new(value: JsValue) -> Result<JsOptions, JsError> {
        if value.is_undefined() || value.is_null() {
            return Ok(JsOptions(js_sys::Object::new().into()));
        }
        if !value.is_object() || js_sys::Array::is_array(&value) {
            return Err(JsError::new(
                "bad options: expected an object such as { limit: 10 }",
            ));
        }
        Ok(JsOptions(value))
    }

    pub(super) fn get(&self, key: &str) -> Option<JsValue> {
        js_sys::Reflect::get(&self.0, &JsValue::from_str(key))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    }

    pub(super) fn count(&self, key: &str) -> Result<Option<usize>, JsError> {
        self.get(key)
            .map(|v| match v.as_f64() {
                Some(n) if n.is_finite() && n >= 0.0 && n.fract() == 0.0 => Ok(n as usize),
                _ => Err(JsError::new(&format!(
                    "bad options: {key} must be a whole number >= 0"
                ))),
            })
            .transpose()
    }

    pub(super) fn string(&self, key: &str) -> Result<Option<String>, JsError> {
        self.get(key)
            .map(|v| {
                v.as_string()
                    .ok_or_else(|| JsError::new(&format!("bad options: {key} must be a string")))
            })
            .transpose()
    }

    pub(super) fn flag(&self, key: &str) -> Result<Option<bool>, JsError> {
        self.get(key)
            .map(|v| {
                v.as_bool().ok_or_else(|| {
                    JsError::new(&format!("bad options: {key} must be true or false"))
                })
            })
            .transpose()
    }

    pub(super) fn ids(&self, key: &str) -> Result<Vec<u32>, JsError> {
        let Some(v) = self.get(key) else {
            return Ok(Vec::new());
        };
        let bad = || {
            JsError::new(&format!(
                "bad options: {key} must be an array of entity ids"
            ))
        };
        if !js_sys::Array::is_array(&v) {
            return Err(bad());
        }
        js_sys::Array::from(&v)
            .iter()
            .map(|x| match x.as_f64() {
                Some(n)
                    if n.is_finite()
                        && n >= 0.0
                        && n.fract() == 0.0
                        && n <= f64::from(u32::MAX) =>
                {
                    Ok(n as u32)
                }
                _ => Err(bad()),
            })
            .collect()
    }

    pub(super) fn search(&self) -> Result<SearchOptions, JsError> {
        let defaults = SearchOptions::default();
        let sort = match self.string("sort")?.as_deref() {
            None | Some("relevance") => Sort::Relevance,
            Some("newest") => Sort::Newest,
            Some("oldest") => Sort::Oldest,
            Some(other) => {
                return Err(JsError::new(&format!(
                "bad options: sort must be \"relevance\", \"newest\" or \"oldest\", not {other:?}"
            )))
            }
        };
        Ok(SearchOptions {
            limit: self.count("limit")?.unwrap_or(defaults.limit),
            offset: self.count("offset")?.unwrap_or(defaults.offset),
            entities: self.ids("entities")?.into_iter().map(EntityId).collect(),
            demonyms: self.flag("demonyms")?.unwrap_or(defaults.demonyms),
            from: self
                .string("from")?
                .as_deref()
                .map(parse_date)
                .transpose()?,
            to: self.string("to")?.as_deref().map(parse_date).transpose()?,
            sort,
        })
    }
}

pub(super) fn parse_date(s: &str) -> Result<YearMonth, JsError> {
    let bad = || JsError::new(&format!("bad options: date {s:?} is not \"YYYY-MM\""));
    let (y, m) = s.split_once('-').ok_or_else(bad)?;
    let year: u16 = y.parse().map_err(|_| bad())?;
    let month: u8 = m.parse().map_err(|_| bad())?;
    if !(1..=12).contains(&month) || y.len() != 4 {
        return Err(bad());
    }
    Ok(YearMonth { year, month })
}
