//! The exported `Explorer` class as JavaScript sees it, run in headless Chromium by
//! wasm-bindgen-test (`cargo xtask test` runs it through chromedriver), and every answer
//! checked against the one declaration of the contract, `www/types.d.ts`.
#![cfg(target_arch = "wasm32")]

use article_explorer::wasm::JsExplorer;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).expect("property read")
}

#[wasm_bindgen_test]
fn articles_are_plain_objects_with_the_contract_fields() {
    let ex = JsExplorer::new().expect("index opens");
    let list: Array = ex
        .articles()
        .expect("articles")
        .dyn_into()
        .expect("an array");
    assert!(list.length() > 0);
    for a in list.iter() {
        assert!(a.is_instance_of::<Object>());
        assert!(get(&a, "id").as_f64().is_some());
        assert!(get(&a, "file")
            .as_string()
            .is_some_and(|f| f.ends_with(".txt")));
        assert!(get(&a, "title").as_string().is_some());
        assert!(get(&a, "titleDerived").as_bool().is_some());
        let date = get(&a, "date");
        assert!(date.is_null() || date.as_string().is_some_and(|d| d.len() == 7));
    }
}

#[wasm_bindgen_test]
fn search_returns_total_and_hits_with_utf16_highlights() {
    let ex = JsExplorer::new().unwrap();
    let list: Array = ex.articles().unwrap().dyn_into().unwrap();
    let title = get(&list.get(0), "title").as_string().unwrap();
    let word = title
        .split(|c: char| !c.is_alphanumeric())
        .max_by_key(|w| w.chars().count())
        .unwrap()
        .to_owned();
    let options = Object::new();
    Reflect::set(&options, &"limit".into(), &JsValue::from(5)).unwrap();
    let results = ex.search(word.into(), options.into()).unwrap();
    assert!(get(&results, "total").as_f64().unwrap() >= 1.0);
    let hits: Array = get(&results, "hits").dyn_into().unwrap();
    assert!(hits.length() >= 1 && hits.length() <= 5);
    let hit = hits.get(0);
    let snippet = get(&hit, "snippet");
    let text: js_sys::JsString = get(&snippet, "text").dyn_into().unwrap();
    for range in Array::from(&get(&snippet, "highlights")).iter() {
        let r = Array::from(&range);
        let (s, e) = (
            r.get(0).as_f64().unwrap() as u32,
            r.get(1).as_f64().unwrap() as u32,
        );
        assert!(s < e && e <= text.length());
        let marked = text.substring(s, e);
        assert!(marked.length() > 0);
    }
    assert!(get(&hit, "score").as_f64().unwrap() > 0.0);
}

#[wasm_bindgen_test]
fn search_without_options_and_a_missing_article_error_cleanly() {
    let ex = JsExplorer::new().unwrap();
    let results = ex.search("".into(), JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&results, "total").as_f64(), Some(0.0));
    assert!(ex
        .article(f64::from(u32::MAX).into(), JsValue::UNDEFINED)
        .is_err());
    assert!(ex
        .search("x".into(), JsValue::from_str("not options"))
        .is_err());
}

#[wasm_bindgen_test]
fn an_article_has_paragraphs_with_kinds() {
    let ex = JsExplorer::new().unwrap();
    let article = ex.article(0.into(), JsValue::UNDEFINED).unwrap();
    let paragraphs: Array = get(&article, "paragraphs").dyn_into().unwrap();
    assert!(paragraphs.length() > 0);
    for p in paragraphs.iter() {
        let kind = get(&p, "kind").as_string().unwrap();
        assert!(
            ["caption", "title", "heading", "paragraph", "boilerplate"].contains(&kind.as_str())
        );
    }
}

#[wasm_bindgen_test]
fn search_answers_carry_facets_dates_and_loosenings_as_arrays() {
    let ex = JsExplorer::new().unwrap();
    let results = ex.search("a".into(), JsValue::UNDEFINED).unwrap();
    for key in ["dates", "loosened", "hits"] {
        assert!(
            Array::is_array(&get(&results, key)),
            "{key} is not an array"
        );
    }
    // Facets come as `[id, count, ...]` in a Uint32Array (explorer.js adds the names).
    #[cfg(not(feature = "lazy"))]
    {
        let facets: js_sys::Uint32Array = get(&results, "facetCounts").dyn_into().unwrap();
        let facets = facets.to_vec();
        assert_eq!(facets.len() % 2, 0);
        let known = Array::from(&ex.entities().unwrap()).length();
        for pair in facets.chunks(2) {
            assert!(pair[0] < known && pair[1] > 0, "{pair:?}");
        }
    }
    assert!(get(&results, "undated").as_f64().is_some());
    let entities: Array = ex.entities().unwrap().dyn_into().unwrap();
    for e in entities.iter() {
        assert!(get(&e, "name").as_string().is_some());
        assert!(get(&e, "kind").as_string().is_some());
        assert!(Array::is_array(&get(&e, "aliases")));
    }
    let options = Object::new();
    Reflect::set(&options, &"sort".into(), &"sideways".into()).unwrap();
    assert!(
        ex.search("a".into(), options.into()).is_err(),
        "a bad sort is an error"
    );
}

/// A lazy build (`--features lazy`; the suite runs the default build, so run it with
/// `cargo test --target wasm32-unknown-unknown --test wasm --features lazy -- facets_named`)
/// sends the facets named by the module, `facets: [{ id, name, kind, count }]`, and no
/// `facetCounts`: its page has no entity table to name them from.
#[cfg(feature = "lazy")]
#[wasm_bindgen_test]
fn a_lazy_build_sends_the_facets_named_by_the_module() {
    let ex = JsExplorer::new().unwrap();
    let entities = Array::from(&ex.entities().unwrap());
    let overview = ex.overview(JsValue::UNDEFINED).unwrap();
    // A search for a word of the first article's title: a match, its entities counted.
    let title = get(&Array::from(&ex.articles().unwrap()).get(0), "title");
    let title = title.as_string().unwrap();
    let word = title.split_whitespace().max_by_key(|w| w.len()).unwrap();
    let results = ex.search(word.into(), JsValue::UNDEFINED).unwrap();
    for answer in [overview, results] {
        assert!(get(&answer, "facetCounts").is_undefined());
        let facets = Array::from(&get(&answer, "facets"));
        assert!(facets.length() > 0);
        for f in facets.iter() {
            let id = get(&f, "id").as_f64().unwrap();
            let known = entities.iter().find(|e| get(e, "id").as_f64() == Some(id));
            let known = known.expect("a facet of a known entity");
            for key in ["name", "kind"] {
                assert_eq!(get(&f, key).as_string(), get(&known, key).as_string());
            }
            assert!(get(&f, "count").as_f64().unwrap() > 0.0);
            assert_eq!(Object::keys(f.unchecked_ref::<Object>()).length(), 4);
        }
    }
}

// ---------------------------------------------------------------- the contract: www/types.d.ts

mod contract {
    //! A reader for the plain subset of TypeScript that www/types.d.ts is written in
    //! (`export interface X extends A, B { name?: type; }`, `export type X = A | B;`), and a
    //! check of a JS value against one of its types.
    use super::get;
    use js_sys::{Array, Object};
    use std::collections::BTreeMap;
    use wasm_bindgen::JsValue;

    /// A field: name, optional, type.
    type Field = (String, bool, String);
    /// An interface: its parents and its own fields.
    type Interface = (Vec<String>, Vec<Field>);

    pub struct Types {
        interfaces: BTreeMap<String, Interface>,
        aliases: BTreeMap<String, String>,
    }

    impl Types {
        pub fn read(source: &str) -> Types {
            let mut interfaces = BTreeMap::new();
            let mut aliases = BTreeMap::new();
            let mut lines = source.lines().map(str::trim);
            while let Some(line) = lines.next() {
                if let Some(rest) = line.strip_prefix("export interface ") {
                    let head = rest.trim_end_matches('{').trim();
                    let (name, parents) = match head.split_once(" extends ") {
                        Some((n, p)) => (n, p.split(',').map(|s| s.trim().to_owned()).collect()),
                        None => (head, Vec::new()),
                    };
                    let mut fields = Vec::new();
                    for field in lines.by_ref() {
                        if field.starts_with('}') {
                            break;
                        }
                        let Some((key, ty)) = field.split_once(':') else {
                            continue;
                        };
                        let optional = key.ends_with('?');
                        let key = key.trim_end_matches('?').trim().to_owned();
                        fields.push((key, optional, ty.trim().trim_end_matches(';').to_owned()));
                    }
                    interfaces.insert(name.to_owned(), (parents, fields));
                } else if let Some(rest) = line.strip_prefix("export type ") {
                    if let Some((name, ty)) = rest.split_once('=') {
                        let ty = ty.trim().trim_end_matches(';');
                        aliases.insert(name.trim().to_owned(), ty.to_owned());
                    }
                }
            }
            Types {
                interfaces,
                aliases,
            }
        }

        /// Every field of interface `name`, its parents' included.
        fn fields(&self, name: &str) -> Vec<Field> {
            let (parents, own) = &self.interfaces[name];
            let mut all: Vec<_> = parents.iter().flat_map(|p| self.fields(p)).collect();
            all.extend(own.iter().cloned());
            all
        }

        /// Checks `value` against type `ty`; the error names the path.
        pub fn check(&self, value: &JsValue, ty: &str, path: &str) -> Result<(), String> {
            let ty = ty.trim();
            if let Some(inner) = ty.strip_suffix("[]") {
                if !Array::is_array(value) {
                    return Err(format!("{path}: not an array"));
                }
                for (i, v) in Array::from(value).iter().enumerate() {
                    self.check(&v, inner, &format!("{path}[{i}]"))?;
                }
                return Ok(());
            }
            if ty.contains('|') {
                let options: Vec<&str> = ty.split('|').map(str::trim).collect();
                let errors: Vec<String> = options
                    .iter()
                    .filter_map(|o| self.check(value, o, path).err())
                    .collect();
                return if errors.len() < options.len() {
                    Ok(())
                } else {
                    Err(errors.join(" / "))
                };
            }
            if ty.starts_with('"') {
                return (value.as_string().as_deref() == Some(ty.trim_matches('"')))
                    .then_some(())
                    .ok_or_else(|| format!("{path}: {value:?} is not {ty}"));
            }
            let ok = match ty {
                "number" => value.as_f64().is_some(),
                "string" => value.as_string().is_some(),
                "boolean" => value.as_bool().is_some(),
                "null" => value.is_null(),
                "Uint32Array" => value.is_instance_of::<js_sys::Uint32Array>(),
                "[number, number]" => Array::is_array(value) && Array::from(value).length() == 2,
                _ => {
                    if let Some(alias) = self.aliases.get(ty) {
                        return self.check(value, alias, path);
                    }
                    if !self.interfaces.contains_key(ty) {
                        return Err(format!("{path}: types.d.ts does not declare {ty}"));
                    }
                    return self.check_object(value, ty, path);
                }
            };
            ok.then_some(())
                .ok_or_else(|| format!("{path}: {value:?} is not a {ty}"))
        }

        fn check_object(&self, value: &JsValue, name: &str, path: &str) -> Result<(), String> {
            if !value.is_object() || Array::is_array(value) {
                return Err(format!("{path}: not an object ({name})"));
            }
            let fields = self.fields(name);
            for key in Object::keys(value.unchecked_ref::<Object>()).iter() {
                let key = key.as_string().unwrap_or_default();
                if !fields.iter().any(|(k, _, _)| *k == key) {
                    return Err(format!("{path}.{key}: not declared in {name}"));
                }
            }
            for (key, optional, ty) in &fields {
                let v = get(value, key);
                if v.is_undefined() {
                    if *optional {
                        continue;
                    }
                    return Err(format!("{path}.{key}: missing ({name})"));
                }
                self.check(&v, ty, &format!("{path}.{key}"))?;
            }
            Ok(())
        }
    }

    use wasm_bindgen::JsCast;
}

#[wasm_bindgen_test]
fn every_answer_has_exactly_the_shape_types_d_ts_declares() {
    let types = contract::Types::read(include_str!("../www/types.d.ts"));
    let ex = JsExplorer::new().unwrap();
    let check = |value: JsValue, ty: &str| {
        if let Err(e) = types.check(&value, ty, ty) {
            panic!("{e}");
        }
    };
    check(ex.articles().unwrap(), "ArticleSummary[]");
    check(ex.entities().unwrap(), "EntityInfo[]");
    let word = get(&Array::from(&ex.articles().unwrap()).get(0), "title")
        .as_string()
        .unwrap()
        .split_whitespace()
        .max_by_key(|w| w.len())
        .unwrap()
        .to_owned();
    for query in [
        word.as_str(),
        "Nordkorea",
        "zzzqqq Korea",
        "person:Niemandvonhier",
    ] {
        check(
            ex.search(query.into(), JsValue::UNDEFINED).unwrap(),
            "RawSearchResults",
        );
    }
    for sort in ["relevance", "newest"] {
        let options = Object::new();
        Reflect::set(&options, &"sort".into(), &sort.into()).unwrap();
        Reflect::set(&options, &"demonyms".into(), &false.into()).unwrap();
        check(ex.overview(options.into()).unwrap(), "RawOverview");
    }
    // The source and author filters (names from the overview's facets, and unknown ones).
    let overview = ex.overview(JsValue::UNDEFINED).unwrap();
    let first_name = |key: &str| {
        Array::from(&get(&overview, key))
            .iter()
            .next()
            .and_then(|f| get(&f, "name").as_string())
            .unwrap_or_else(|| "Niemand".to_owned())
    };
    for (key, facets) in [("sources", "sourceFacets"), ("authors", "authorFacets")] {
        let name = first_name(facets);
        for names in [
            vec![name.clone()],
            vec![name, "Niemand von hier".to_owned()],
        ] {
            let options = Object::new();
            let list: Array = names.iter().map(|n| JsValue::from_str(n)).collect();
            Reflect::set(&options, &key.into(), &list).unwrap();
            check(
                ex.search("".into(), options.clone().into()).unwrap(),
                "RawSearchResults",
            );
            Reflect::set(&options, &"query".into(), &word.as_str().into()).unwrap();
            let id = get(&Array::from(&ex.entities().unwrap()).get(0), "id");
            if !id.is_undefined() {
                check(ex.entity(id, options.into()).unwrap(), "EntityView");
            }
        }
    }
    let options = Object::new();
    Reflect::set(&options, &"query".into(), &word.as_str().into()).unwrap();
    check(ex.article(0.into(), options.into()).unwrap(), "Article");
    let entities = Array::from(&ex.entities().unwrap());
    for e in entities.iter().take(5) {
        let id = get(&e, "id");
        let whole = ex.entity(id.clone(), JsValue::UNDEFINED).unwrap();
        check(whole.clone(), "EntityView");
        let all = Array::from(&get(&whole, "articles"));
        assert_eq!(
            get(&whole, "articlesTotal").as_f64(),
            Some(all.length() as f64)
        );
        // A page of its articles: the slice of the whole list, the total of all of them.
        let options = Object::new();
        Reflect::set(&options, &"limit".into(), &1.into()).unwrap();
        Reflect::set(&options, &"offset".into(), &1.into()).unwrap();
        let paged = ex.entity(id, options.into()).unwrap();
        check(paged.clone(), "EntityView");
        assert_eq!(get(&paged, "articlesTotal"), get(&whole, "articlesTotal"));
        let page = Array::from(&get(&paged, "articles"));
        assert_eq!(page.length(), all.length().saturating_sub(1).min(1));
        if page.length() == 1 {
            assert_eq!(get(&page.get(0), "id"), get(&all.get(1), "id"));
        }
    }
}

#[wasm_bindgen_test]
fn bad_options_are_errors_that_name_the_option() {
    let ex = JsExplorer::new().unwrap();
    let message = |r: Result<JsValue, wasm_bindgen::JsError>| -> String {
        let e: JsValue = r.expect_err("an error").into();
        get(&e, "message").as_string().unwrap()
    };
    let options = |key: &str, value: JsValue| {
        let o = Object::new();
        Reflect::set(&o, &key.into(), &value).unwrap();
        JsValue::from(o)
    };
    let cases = [
        ("limit", JsValue::from(-1), "search(): options.limit"),
        ("offset", JsValue::from(1.5), "search(): options.offset"),
        ("from", JsValue::from("2019-13"), "search(): options.from"),
        ("to", JsValue::from("2019"), "search(): options.to"),
        ("sort", JsValue::from("sideways"), "search(): options.sort"),
        (
            "demonyms",
            JsValue::from("ja"),
            "search(): options.demonyms",
        ),
        ("entities", JsValue::from("7"), "search(): options.entities"),
        ("sources", JsValue::from("dpa"), "search(): options.sources"),
        (
            "sources",
            Array::of1(&JsValue::from(3)).into(),
            "search(): options.sources",
        ),
        (
            "authors",
            Array::of1(&JsValue::from(" ")).into(),
            "search(): options.authors",
        ),
    ];
    for (key, value, expected) in cases {
        let m = message(ex.search("a".into(), options(key, value)));
        assert!(m.starts_with("bad argument: "), "{m}");
        assert!(m.contains(expected), "{m}");
    }
    assert!(message(ex.search(7.into(), JsValue::UNDEFINED)).contains("search(): query"));
    assert!(message(ex.article((-1).into(), JsValue::UNDEFINED)).contains("article(): id"));
    assert!(message(ex.entity("x".into(), JsValue::UNDEFINED)).contains("entity(): id"));
    for (key, value) in [("limit", JsValue::from(-1)), ("offset", JsValue::from("2"))] {
        let m = message(ex.entity(0.into(), options(key, value)));
        assert!(m.starts_with("bad argument: "), "{m}");
        assert!(m.contains(&format!("entity(): options.{key}")), "{m}");
    }
}

#[wasm_bindgen_test]
fn every_listed_entity_carries_the_reference_entity_ref_gives() {
    let ex = JsExplorer::new().unwrap();
    let entities = Array::from(&ex.entities().unwrap());
    assert!(entities.length() > 0, "the seeds name entities");
    for (i, e) in entities.iter().enumerate() {
        let id = get(&e, "id").as_f64().unwrap() as u32;
        let reference = get(&e, "ref").as_string().unwrap();
        assert_eq!(reference, ex.entity_ref(id).unwrap(), "entity {id}");
        if i >= 20 {
            continue;
        }
        let view = ex.entity(id.into(), JsValue::UNDEFINED).unwrap();
        assert_eq!(get(&view, "ref").as_string(), Some(reference));
    }
}
