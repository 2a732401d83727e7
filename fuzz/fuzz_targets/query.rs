//! The query parser on any input: within its documented limits, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let folder = article_search::with_engine(|e| e.index().folder().clone()).unwrap();
    let q = engine::query::parse(&folder, text);
    assert!(q.terms.len() <= engine::query::MAX_TERMS);
});
