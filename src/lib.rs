//! article-search: search a set of articles entirely in the browser.
//!
//! The index of the articles in `seeds/` is built by `build.rs` and embedded here; [`engine()`]
//! opens it (zero-copy) once. The engine itself is the `article-search-engine` crate; the only
//! JavaScript-facing code is the `wasm` module, compiled for `wasm32` only.
//!
//! Architecture invariant: this crate is glue. Search logic lives in the engine; JS types live
//! in `wasm.rs` only.

pub use engine::{Article, Engine, Error, Hit, Options, Results};

#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// The index of the seed articles, written by build.rs.
pub static INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.bin"));

thread_local! {
    static ENGINE: Result<Engine<'static>, Error> = Engine::open(INDEX);
}

/// Runs `f` with the engine over the embedded index, opened on first use.
pub fn with_engine<R>(f: impl FnOnce(&Engine<'static>) -> R) -> Result<R, Error> {
    ENGINE.with(|e| e.as_ref().map(f).map_err(Clone::clone))
}
