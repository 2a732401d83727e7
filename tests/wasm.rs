//! The wasm boundary, run inside wasm (wasm-bindgen-test, in Node): `search` called through its
//! JS interface returns exactly what the engine returns, and bad options are JS errors.
#![cfg(target_arch = "wasm32")]

use article_search::{wasm, with_engine, Options};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

/// The module is generic: open the seed index (as the JS loader does with the module's custom
/// section) before each test.
fn open_seeds() {
    let bytes = js_sys::Uint8Array::from(article_search::INDEX);
    assert_eq!(wasm::open(bytes.into()).unwrap(), 4);
}

fn js_json(v: &JsValue) -> serde_json::Value {
    let text: String = js_sys::JSON::stringify(v).unwrap().into();
    serde_json::from_str(&text).unwrap()
}

#[wasm_bindgen_test]
fn search_through_js_equals_the_engine() {
    open_seeds();
    let table: serde_json::Value = serde_json::from_str(include_str!("queries.json")).unwrap();
    let queries = table["queries"].as_array().unwrap();
    let examples = queries.iter().map(|e| e["query"].as_str().unwrap());
    for q in examples.chain(["", "   "]) {
        let js = wasm::search(q.into(), JsValue::UNDEFINED)
            .unwrap_or_else(|_| panic!("search({q}) threw"));
        let native = with_engine(|e| e.search(q, Options::default())).unwrap();
        assert_eq!(
            js_json(&js),
            serde_json::to_value(&native).unwrap(),
            "query {q}"
        );
    }
}

#[wasm_bindgen_test]
fn seed_queries_find_their_articles_in_wasm() {
    open_seeds();
    let first = |q: &str| {
        let v = js_json(&wasm::search(q.into(), JsValue::UNDEFINED).unwrap());
        v["hits"][0]["id"].as_str().unwrap_or("").to_string()
    };
    assert_eq!(first("刘权"), "deepseek-r1-nature");
    assert_eq!(first("周密"), "tiktok-commerce-ministry");
    assert_eq!(first("海尔"), "german-trade-shows");
    assert_eq!(first("林新"), "sci-tech-finance-14th-five-year");
}

#[wasm_bindgen_test]
fn options_are_checked() {
    open_seeds();
    let opts = js_sys::Object::new();
    js_sys::Reflect::set(&opts, &"limit".into(), &1.into()).unwrap();
    let v = js_json(&wasm::search("中國".into(), opts.into()).unwrap());
    assert_eq!(v["hits"].as_array().unwrap().len(), 1);
    assert!(v["total"].as_u64().unwrap() > 1);

    assert!(wasm::search("中國".into(), JsValue::from(5)).is_err());
    let bad = js_sys::Object::new();
    js_sys::Reflect::set(&bad, &"limit".into(), &(-1).into()).unwrap();
    assert!(wasm::search("中國".into(), bad.into()).is_err());
}

#[wasm_bindgen_test]
fn article_and_list() {
    open_seeds();
    let a = js_json(&wasm::article("tiktok-commerce-ministry".into(), "特朗普".into()).unwrap());
    assert_eq!(a["title"], "商務部：TikTok問題中方立場一貫 絕不犧牲原則");
    assert!(!a["highlights"].as_array().unwrap().is_empty());
    assert!(wasm::article("no-such-article".into(), JsValue::UNDEFINED)
        .unwrap()
        .is_null());
    let all = wasm::list(JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap();
    assert_eq!(js_json(&all).as_array().unwrap().len(), 4);
    let page = js_json(&wasm::list(1.into(), 2.into()).unwrap());
    assert_eq!(
        page.as_array().unwrap(),
        &js_json(&all).as_array().unwrap()[1..3]
    );
    assert!(wasm::list("1".into(), JsValue::UNDEFINED).is_err());
    assert!(wasm::list(JsValue::UNDEFINED, (-2).into()).is_err());
}

#[wasm_bindgen_test]
fn shards_an_index_does_not_list_are_refused() {
    open_seeds();
    let bytes: JsValue = js_sys::Uint8Array::from(&b"ASSH not a shard"[..]).into();
    let err = wasm::add_shard("p-0000000000000000.bin".into(), bytes.clone());
    assert!(err.is_err());
    assert!(wasm::add_shard(123.into(), bytes).is_err());
    assert!(wasm::add_shard("p-0.bin".into(), JsValue::from("text")).is_err());
}

#[wasm_bindgen_test]
fn non_string_arguments_are_errors_not_traps() {
    open_seeds();
    let obj: JsValue = js_sys::Object::new().into();
    for bad in [JsValue::from(123), obj.clone(), JsValue::TRUE] {
        assert!(wasm::search(bad.clone(), JsValue::UNDEFINED).is_err());
        assert!(wasm::article(bad.clone(), JsValue::UNDEFINED).is_err());
        assert!(wasm::article("x".into(), bad).is_err());
    }
    assert!(wasm::article(JsValue::UNDEFINED, JsValue::UNDEFINED).is_err());
    // A missing query is the empty query: no hits, no error.
    let v = js_json(&wasm::search(JsValue::UNDEFINED, JsValue::UNDEFINED).unwrap());
    assert_eq!(v["total"], 0);
}

#[wasm_bindgen_test]
fn limit_zero_returns_the_total_and_no_hits() {
    open_seeds();
    let opts = js_sys::Object::new();
    js_sys::Reflect::set(&opts, &"limit".into(), &0.into()).unwrap();
    let v = js_json(&wasm::search("中國".into(), opts.into()).unwrap());
    assert!(v["total"].as_u64().unwrap() > 1);
    assert_eq!(v["hits"].as_array().unwrap().len(), 0);
}

#[wasm_bindgen_test]
fn open_checks_its_argument_and_the_bytes() {
    assert!(wasm::open(JsValue::from(5)).is_err());
    let damaged = js_sys::Uint8Array::from(&article_search::INDEX[..100]);
    assert!(wasm::open(damaged.into()).is_err());
    // A failed open leaves no index: searches are errors until a good one is opened.
    assert!(wasm::search("中國".into(), JsValue::UNDEFINED).is_err());
    open_seeds();
    assert!(wasm::search("中國".into(), JsValue::UNDEFINED).is_ok());
}

#[wasm_bindgen_test]
fn filters_sort_and_facets_through_js() {
    open_seeds();
    let opts: JsValue = js_sys::JSON::parse(
        r#"{"filters": {"source": ["香港文匯報"]}, "sort": "newest", "facets": true, "limit": 0, "from": "2025-09-19", "to": "2025-09-19"}"#,
    )
    .unwrap();
    let v = js_json(&wasm::search("".into(), opts).unwrap());
    assert_eq!(v["total"], 3);
    let source = v["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "source")
        .unwrap();
    // The source filter does not narrow its own counts: both sources are counted.
    assert_eq!(source["values"].as_array().unwrap().len(), 2);
    for bad in [
        r#"{"sort": "best"}"#,
        r#"{"filters": {"colour": "red"}}"#,
        r#"{"filters": {"tags": [1]}}"#,
        r#"{"from": "last week"}"#,
        r#"{"recency": -1}"#,
    ] {
        let opts: JsValue = js_sys::JSON::parse(bad).unwrap();
        assert!(wasm::search("中國".into(), opts).is_err(), "{bad}");
    }
}
