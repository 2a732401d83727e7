//! `article-search`: search the embedded articles from a terminal (see `cli.rs`).

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

/// The command line is native only; this keeps `cargo test --target wasm32-unknown-unknown`
/// (which builds every target of the package) compiling.
#[cfg(target_arch = "wasm32")]
fn main() {}
