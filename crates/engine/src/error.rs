//! The crate's one error type.

use std::fmt;

/// Why an index could not be opened or written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// Fewer bytes than a header, or a section longer than the bytes that follow.
    Truncated,
    /// The bytes do not start with the index magic: not an article-search index.
    Magic,
    /// The index was written by another version of the format.
    Version {
        /// The version this engine reads.
        expected: u32,
        /// The version found.
        got: u32,
    },
    /// The checksum in the header does not match the bytes: the index is corrupt.
    Checksum {
        /// The checksum in the header.
        expected: u32,
        /// The checksum of the bytes.
        got: u32,
    },
    /// A section is malformed (named).
    Corrupt(&'static str),
    /// The corpus is too large for the format (what overflowed is named).
    TooLarge(&'static str),
    /// No index has been opened yet.
    NoIndex,
    /// A shard file belongs to another build than the index it was given to (a folder mixing
    /// two builds, or a stale cache).
    OtherBuild,
}

impl Error {
    /// A short description without the numbers, for places that avoid the formatting machinery
    /// (the wasm module).
    pub fn summary(&self) -> &'static str {
        match self {
            Error::Truncated => "index is truncated",
            Error::Magic => "not an article-search index (bad magic)",
            Error::Version { .. } => "index format version differs from this engine's",
            Error::Checksum { .. } => "index checksum mismatch: corrupt index",
            Error::Corrupt(what) | Error::TooLarge(what) => what,
            Error::NoIndex => "no index is open",
            Error::OtherBuild => "shard of another build: the index files are from two builds",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Truncated => f.write_str("index is truncated"),
            Error::Magic => f.write_str("not an article-search index (bad magic)"),
            Error::Version { expected, got } => {
                write!(
                    f,
                    "index format version {got}, this engine reads version {expected}"
                )
            }
            Error::Checksum { expected, got } => {
                write!(f, "index checksum mismatch (header {expected:08x}, bytes {got:08x}): corrupt index")
            }
            Error::Corrupt(what) => write!(f, "corrupt index: {what}"),
            Error::TooLarge(what) => write!(f, "corpus too large for the index format: {what}"),
            Error::NoIndex => f.write_str("no index is open"),
            Error::OtherBuild => f.write_str(self.summary()),
        }
    }
}

impl std::error::Error for Error {}

/// `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
