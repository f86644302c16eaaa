//! What the builtin rules know: the builtin table, the validators, and which part of a
//! match is the secret. Imports only `text`.

pub(crate) mod builtin;
pub(crate) mod secret;
pub(crate) mod validators;
pub(crate) mod vocabulary;
