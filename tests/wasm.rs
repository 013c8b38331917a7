//! The exported `Explorer` class as JavaScript sees it, run in headless Chromium by
//! wasm-bindgen-test (`cargo xtask test` runs it through chromedriver).
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
    let results = ex.search(&word, options.into()).unwrap();
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
    let results = ex.search("", JsValue::UNDEFINED).unwrap();
    assert_eq!(get(&results, "total").as_f64(), Some(0.0));
    assert!(ex.article(u32::MAX, JsValue::UNDEFINED).is_err());
    assert!(ex.search("x", JsValue::from_str("not options")).is_err());
}

#[wasm_bindgen_test]
fn an_article_has_paragraphs_with_kinds() {
    let ex = JsExplorer::new().unwrap();
    let article = ex.article(0, JsValue::UNDEFINED).unwrap();
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
    let results = ex.search("a", JsValue::UNDEFINED).unwrap();
    for key in ["dates", "loosened", "hits"] {
        assert!(
            Array::is_array(&get(&results, key)),
            "{key} is not an array"
        );
    }
    // Facets come as `[id, count, ...]` in a Uint32Array (explorer.js adds the names).
    let facets: js_sys::Uint32Array = get(&results, "facetCounts").dyn_into().unwrap();
    let facets = facets.to_vec();
    assert_eq!(facets.len() % 2, 0);
    let known = Array::from(&ex.entities().unwrap()).length();
    for pair in facets.chunks(2) {
        assert!(pair[0] < known && pair[1] > 0, "{pair:?}");
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
        ex.search("a", options.into()).is_err(),
        "a bad sort is an error"
    );
}
