//! Reversible tokens: a value encrypted with AES-SIV (RFC 5297) under a key named by id,
//! written as text that says what it is, and read back by the holders of the keys.
//!
//! [`keyring`] holds the keys, [`siv`] seals and opens, [`template`] writes and finds the
//! tokens' text, [`reveal`] reads a text's tokens back.
//!
//! May import `policy`.

mod base64url;
pub(crate) mod keyring;
mod reveal;
pub(crate) mod siv;
pub(crate) mod template;

pub use keyring::{is_key_id, KeyRing, KeyRingError, TokenKey};
pub(crate) use reveal::reveal;
pub use reveal::{RevealOutcome, Revealed, RevealedToken};
