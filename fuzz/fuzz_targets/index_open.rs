//! Index bytes from anywhere (a damaged download, a truncated file, a file of another build, a
//! hand-made index): opening either fails with an error or gives an engine that searches without
//! panicking. Starts from the real seed index, which `scripts/fuzz.sh` puts in the corpus.
//!
//! Two passes per input: the bytes as they are (damage is caught by the checksum), and the same
//! bytes with the checksum recomputed, which reaches every section parser behind it (header,
//! section table, folding table, postings, columns, facet values, documents, headings) -- as long
//! as the term dictionary is the seed index's own. The fst crate trusts the structure of the term
//! dictionary it is given and can panic on a forged one (this target found it when the fuzzer
//! forged the checksum from its comparisons); that case is documented in the README ("Security")
//! and left to a structural check of the fst before term dictionaries are fetched as shards.
#![no_main]
use libfuzzer_sys::fuzz_target;

fn exercise(bytes: &[u8]) {
    if let Ok(engine) = engine::Engine::open(bytes) {
        for q in ["劉權", "中國", "deep", "opnai", "\"同行 評審\" -美國", ""] {
            let _ = engine.search(
                q,
                engine::Options {
                    facets: true,
                    ..Default::default()
                },
            );
        }
        for d in engine.list() {
            let _ = engine.article(&d.id, "中");
        }
    }
}

fuzz_target!(|bytes: &[u8]| {
    let seed_terms = engine::index::raw_section(article_search::INDEX, b"TERM");
    if engine::index::raw_section(bytes, b"TERM") == seed_terms {
        exercise(bytes);
        let mut forged = bytes.to_vec();
        if engine::index::fix_checksum(&mut forged) {
            exercise(&forged);
        }
    } else {
        // Another term dictionary: opening never panics; searching one whose checksum was forged
        // could (see above), so this pass only opens.
        let _ = engine::Engine::open(bytes);
    }
});
