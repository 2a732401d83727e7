//! article-search: search a set of articles entirely in the browser.
//!
//! The engine is the `article-search-engine` crate. This crate is the glue around it:
//!
//! - the wasm module (`wasm.rs`, wasm32 only) is **generic**: it holds no index. The index of a
//!   site travels in the module file as a custom section (`module.rs` writes and reads it), which
//!   the JS loader hands to [`open`]; so `article-search build` needs no wasm toolchain, only the
//!   committed module in `dist/`.
//! - the native binary (`cli.rs`) searches the seed index that `build.rs` embeds here ([`INDEX`]),
//!   or any built folder, and builds search folders for sites (`site.rs`).
//!
//! Architecture invariant: this crate is glue. Search logic lives in the engine; JS types live
//! in `wasm.rs` only.

use std::cell::RefCell;

pub use engine::{Article, Engine, Error, Hit, Options, Results};

#[cfg(not(target_arch = "wasm32"))]
pub mod module;
#[cfg(not(target_arch = "wasm32"))]
pub mod site;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// The index of the seed articles (or `$ARTICLE_SEARCH_SEEDS`), written by build.rs: the native
/// CLI's default and the tests'. The wasm module never refers to it, so it is not in the module.
pub static INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.bin"));

thread_local! {
    static ENGINE: RefCell<Option<Result<Engine<'static>, Error>>> = const { RefCell::new(None) };
}

/// Opens `bytes` as the index every later call searches (replacing any open one).
pub fn open(bytes: &'static [u8]) -> Result<u32, Error> {
    let engine = Engine::open(bytes);
    let n = engine
        .as_ref()
        .map(|e| e.index().len())
        .map_err(Clone::clone);
    ENGINE.with(|cell| *cell.borrow_mut() = Some(engine));
    n
}

/// Runs `f` with the open engine. Natively, the embedded [`INDEX`] is opened on first use; in
/// wasm, before [`open`] it is [`Error::NoIndex`].
pub fn with_engine<R>(f: impl FnOnce(&Engine<'static>) -> R) -> Result<R, Error> {
    ENGINE.with(|cell| {
        #[cfg(not(target_arch = "wasm32"))]
        if cell.borrow().is_none() {
            *cell.borrow_mut() = Some(Engine::open(INDEX));
        }
        match &*cell.borrow() {
            Some(Ok(engine)) => Ok(f(engine)),
            Some(Err(e)) => Err(e.clone()),
            None => Err(Error::NoIndex),
        }
    })
}
