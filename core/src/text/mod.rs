//! Byte-level helpers every layer shares: byte classes, `*` globs, a fast hasher.
//! Imports nothing from the crate.

pub(crate) mod bytes;
pub(crate) mod fxhash;
pub(crate) mod glob;
