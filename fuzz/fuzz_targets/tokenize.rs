//! The normalizer and the tokenizer on any text, with the seed index's folding table: tokens lie
//! on character boundaries, in position order, and folding never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let folder = article_search::with_engine(|e| e.index().folder().clone()).unwrap();
    let _ = folder.fold_str(text);
    let mut last = 0;
    engine::tokenize::tokenize(&folder, text, 0, &mut |t| {
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end) && t.start < t.end);
        assert!(t.pos >= last && !t.text.is_empty());
        last = t.pos;
    });
});
