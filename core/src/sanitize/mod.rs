//! Sanitizers: values read in their own grammar (URL, SQL, HTTP header, command line) and
//! rewritten, behind one signature ([`Rewrite`]) and one dispatch ([`rewrite`]); and the W3C
//! trace-context checks of `w3c.rs`.
//!
//! May import `policy`, `rules` and `text`.

pub(crate) mod command_line;
pub(crate) mod headers;
pub(crate) mod sql;
pub(crate) mod url;
pub(crate) mod w3c;

use crate::policy::{HeaderOptions, SanitizeKind};
use url::UrlRules;

/// What a sanitizer reads besides the value.
pub(crate) struct Context<'a> {
    /// The value's key path: a header's name is its last segment.
    pub path: &'a [u8],
    /// `sanitizers.url`, compiled.
    pub url: &'a UrlRules,
    /// `sanitizers.headers`.
    pub headers: &'a HeaderOptions,
    /// The dialect of the record's database (`db.system.name`), for SQL statements.
    pub sql_dialect: sql::SqlDialect,
    /// Command lines: the field rule that replaces the value of an option with this name
    /// (`--db-password x` is `db-password: x`), if one does.
    pub option_rule: &'a mut dyn FnMut(&str) -> Option<u32>,
    /// Command lines: writes what field rule `i` puts in place of a value.
    pub replace: &'a dyn Fn(u32, &str, &mut String),
}

/// A sanitizer: writes `value` rewritten into `out` (empty on entry), or returns false when
/// it cannot read the value (a malformed URL), which the content rules then scan as it is.
pub(crate) type Rewrite = fn(value: &str, cx: &mut Context<'_>, out: &mut String) -> bool;

/// The sanitizer of `kind`, if it rewrites values (an address is kept or scanned, never
/// rewritten).
pub(crate) fn sanitizer(kind: SanitizeKind) -> Option<Rewrite> {
    match kind {
        SanitizeKind::Url => Some(url::rewrite_full),
        SanitizeKind::UrlQuery => Some(url::rewrite_query),
        SanitizeKind::Sql => Some(sql::rewrite),
        SanitizeKind::Header => Some(headers::rewrite),
        SanitizeKind::CommandLine => Some(command_line::rewrite),
        SanitizeKind::Address => None,
    }
}

/// Runs the sanitizer of `kind` (see [`Rewrite`]); false when there is none.
pub(crate) fn rewrite(
    kind: SanitizeKind,
    value: &str,
    cx: &mut Context<'_>,
    out: &mut String,
) -> bool {
    sanitizer(kind).is_some_and(|f| f(value, cx, out))
}
