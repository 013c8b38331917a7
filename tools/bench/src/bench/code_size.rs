//! What each crate costs in the `.wasm` code: the function bodies of cargo's module (before
//! wasm-bindgen and wasm-opt, which drop the names), grouped by the crate their name starts
//! with, raw and gzip (each group compressed on its own: an approximation, and before
//! wasm-opt: the shares, not the final bytes). What twiggy's `top` would say, in-house.
//!
//! A generic instantiated for our types is named after its own crate (`core::slice::sort`,
//! `alloc::collections::btree`), so `core`/`alloc` include what our code instantiates.

use devkit::wasm_data::Reader;
use std::collections::BTreeMap;

use serde_json::{json, Value};

/// Per crate: functions, body bytes, gzip bytes; largest first. `None` when the module has
/// no name section (a stripped build) or does not parse.
pub fn by_crate(wasm: &[u8]) -> Option<Value> {
    let (bodies, names) = bodies_and_names(wasm)?;
    let mut groups: BTreeMap<String, (usize, Vec<u8>)> = BTreeMap::new();
    for (i, body) in bodies.iter().enumerate() {
        let name = names.get(&(i as u32)).map_or("?", String::as_str);
        let group = groups.entry(crate_of(name)).or_default();
        group.0 += 1;
        group.1.extend_from_slice(body);
    }
    let mut rows: Vec<(String, usize, usize, u64)> = groups
        .into_iter()
        .map(|(name, (count, bytes))| {
            let gzip = crate::sizes::gzip_size(&bytes);
            (name, count, bytes.len(), gzip)
        })
        .collect();
    rows.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    Some(json!(rows
        .iter()
        .map(|(name, count, raw, gzip)| json!({
            "crate": name, "functions": count, "raw": raw, "gzip": gzip,
        }))
        .collect::<Vec<_>>()))
}

/// The crate a function's name points at: `<alloc::vec::Vec<T> as Clone>::clone` -> `alloc`,
/// `explorer_text::stem::stem` -> `explorer_text`, an unnamed function -> `?`.
fn crate_of(name: &str) -> String {
    // Legacy mangling: `_ZN13explorer_text4stem4stem17h...E`: the first identifier (of a
    // trait impl, `_$LT$core..iter..Map...`: its first path segment).
    if let Some(rest) = name.strip_prefix("_ZN") {
        if let Some(ident) = length_prefixed(rest) {
            let ident = ident.trim_start_matches("_$LT$");
            return ident.split("..").next().unwrap_or(ident).to_string();
        }
    }
    // v0 mangling (the standard library): the first crate root, `C<disambiguator>_<len><name>`.
    if name.starts_with("_R") {
        for (at, _) in name.match_indices('C') {
            let rest = &name[at + 1..];
            let rest = match rest.strip_prefix('s') {
                Some(r) => r.split_once('_').map_or(rest, |(_, after)| after),
                None => rest,
            };
            if let Some(ident) = length_prefixed(rest) {
                return ident.to_string();
            }
        }
    }
    let trimmed = name.trim_start_matches(['<', '&', '*', '(', ' ']);
    let trimmed = trimmed
        .strip_prefix("mut ")
        .or_else(|| trimmed.strip_prefix("dyn "))
        .unwrap_or(trimmed);
    let end = trimmed
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(trimmed.len());
    let head = &trimmed[..end];
    if head.is_empty() || !trimmed[end..].starts_with("::") {
        // Imports' glue, intrinsics, exported shims: not a Rust path.
        return "(other)".into();
    }
    head.to_string()
}

/// Function names by the index of the defined function.
type Names = BTreeMap<u32, String>;

/// `13explorer_text...` -> `explorer_text`.
fn length_prefixed(text: &str) -> Option<&str> {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let len: usize = text[..digits].parse().ok()?;
    text.get(digits..digits + len).filter(|s| !s.is_empty())
}

/// The code section's function bodies (in order) and the name section's function names (by
/// function index, which counts the imported functions first).
fn bodies_and_names(wasm: &[u8]) -> Option<(Vec<&[u8]>, Names)> {
    if wasm.get(..4)? != b"\0asm" {
        return None;
    }
    let mut r = Reader {
        bytes: wasm,
        pos: 8,
    };
    let mut imported = 0u32;
    let mut bodies = Vec::new();
    let mut names = BTreeMap::new();
    while r.pos < wasm.len() {
        let id = r.byte()?;
        let size = r.leb()? as usize;
        let end = r.pos.checked_add(size)?;
        let mut s = Reader {
            bytes: wasm.get(..end)?,
            pos: r.pos,
        };
        match id {
            2 => imported = count_function_imports(&mut s)?,
            10 => {
                for _ in 0..s.leb()? {
                    let len = s.leb()? as usize;
                    bodies.push(wasm.get(s.pos..s.pos.checked_add(len)?)?);
                    s.pos += len;
                }
            }
            0 if s.name()? == "name" => {
                while s.pos < end {
                    let kind = s.byte()?;
                    let len = s.leb()? as usize;
                    let next = s.pos.checked_add(len)?;
                    if kind == 1 {
                        for _ in 0..s.leb()? {
                            let index = s.leb()? as u32;
                            names.insert(index, s.name()?);
                        }
                    }
                    s.pos = next;
                }
            }
            _ => {}
        }
        r.pos = end;
    }
    if names.is_empty() {
        return None;
    }
    // Name indices count imports first; bodies are the defined functions.
    let names = names
        .into_iter()
        .filter_map(|(i, n)| i.checked_sub(imported).map(|i| (i, n)))
        .collect();
    Some((bodies, names))
}

fn count_function_imports(s: &mut Reader<'_>) -> Option<u32> {
    let mut functions = 0;
    for _ in 0..s.leb()? {
        s.name()?;
        s.name()?;
        match s.byte()? {
            0 => {
                s.leb()?;
                functions += 1;
            }
            // table: reftype + limits; memory: limits; global: valtype + mut; tag: 0 + type.
            1 => {
                s.byte()?;
                limits(s)?;
            }
            2 => limits(s)?,
            3 => {
                s.byte()?;
                s.byte()?;
            }
            4 => {
                s.byte()?;
                s.leb()?;
            }
            _ => return None,
        }
    }
    Some(functions)
}

fn limits(s: &mut Reader<'_>) -> Option<()> {
    let flags = s.byte()?;
    s.leb()?;
    if flags & 1 == 1 {
        s.leb()?;
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_give_their_crate() {
        assert_eq!(crate_of("explorer_text::stem::stem::h12"), "explorer_text");
        assert_eq!(
            crate_of("<alloc::vec::Vec<T> as core::clone::Clone>::clone"),
            "alloc"
        );
        assert_eq!(crate_of("<&mut fst::raw::Node as Debug>::fmt"), "fst");
        assert_eq!(crate_of("memcpy"), "(other)");
        assert_eq!(
            crate_of("_ZN13explorer_text4stem4stem17h0123456789abcdefE"),
            "explorer_text"
        );
    }

    #[test]
    fn modules_without_names_give_none() {
        assert!(by_crate(b"\0asm\x01\0\0\0").is_none());
        assert!(by_crate(b"not wasm").is_none());
    }
}
