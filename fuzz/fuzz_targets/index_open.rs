//! Index bytes from anywhere (a damaged download, a truncated file, a file of another build):
//! opening either fails with an error or gives an engine that searches without panicking. Starts
//! from the real seed index, which `scripts/fuzz.sh` puts in the corpus.
//!
//! Not covered, on purpose: bytes forged with a valid checksum. The fst crate trusts the
//! structure of the term dictionary it is given and can panic on a forged one; the checksum keeps
//! every accidental damage away from it (see README, "Security").
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(engine) = engine::Engine::open(bytes) {
        for q in ["劉權", "中國", "deep", "opnai", "\"同行 評審\" -美國"] {
            let _ = engine.search(q, engine::Options::default());
        }
        for d in engine.list() {
            let _ = engine.article(&d.id, "中");
        }
    }
});
