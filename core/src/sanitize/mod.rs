//! Sanitizers: values read in their own grammar (URL, SQL, HTTP header, W3C trace context,
//! command line) and rewritten. Imports `rules` and `text`.

pub(crate) mod command_line;
pub(crate) mod headers;
pub(crate) mod sql;
pub(crate) mod url;
pub(crate) mod w3c;
