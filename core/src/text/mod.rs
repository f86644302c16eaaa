//! Byte-level helpers every layer shares: byte classes, `*` globs, a fast hasher, the run
//! search's tokens.
//! Imports nothing from the crate.

pub(crate) mod bytes;
pub(crate) mod fxhash;
pub(crate) mod glob;
pub(crate) mod runs;
