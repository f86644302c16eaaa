//! SQL normalisation: a tokenizer, not a regex. Literals become `?`, `IN (?, ?, ?)` and
//! multi-row `VALUES` collapse, comments go; identifiers, keywords, operators and bind
//! parameters stay. Whitespace is collapsed to single spaces.
//!
//! Each dialect ([`SqlDialect`]) is read in its own grammar: PostgreSQL (`E'...'`,
//! `$$...$$`, `$tag$...$tag$`, `$1`, `::casts`, nested comments), MySQL (backticks, `"..."`
//! strings, `#` comments, `\'` escapes), SQLite (`?1`, `[names]`), SQL Server (`[names]`,
//! `N'...'`, `@p1`, `#temp` tables, nested comments) and Oracle (`q'[...]'`, `:name`, `:1`,
//! `ORDER#`). A statement of unknown origin is never cut, and where two dialects read it
//! differently, whatever either reads as a literal is masked (`readings.rs`). Unterminated
//! quotes never leak: everything after them is one literal. Redis commands share the
//! attribute (`db.statement`): the arguments of those that carry credentials (`AUTH`,
//! `HELLO … AUTH`, `CONFIG SET requirepass`) become `?` too (`redis.rs`).

mod dialect;
mod lex;
mod output;
mod readings;
mod redis;
mod tokenize;

pub use dialect::{SqlDialect, UnknownDialect};

use super::Context;
use dialect::Grammar;
use redis::{redis_masked, RedisCommand};

/// Normalizes a SQL statement of unknown dialect for telemetry: what the statement does
/// stays readable, the data it carries does not. See [`normalize_sql_as`] for a statement
/// whose database is known.
///
/// # Example
/// ```
/// use scrubjay::normalize_sql;
/// assert_eq!(
///     normalize_sql("SELECT * FROM users WHERE email = 'bob@example.com' AND id IN (1, 2, 3) -- lookup"),
///     "SELECT * FROM users WHERE email = ? AND id IN (?)"
/// );
/// assert_eq!(normalize_sql("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')"), "INSERT INTO t (a, b) VALUES (?, ?)");
/// // SQL Server's temp table, not a MySQL comment: the statement is never cut.
/// assert_eq!(normalize_sql("SELECT * FROM #users WHERE id = @id"), "SELECT * FROM #users WHERE id = @id");
/// ```
pub fn normalize_sql(sql: &str) -> String {
    normalize_sql_as(sql, SqlDialect::Generic)
}

/// Normalizes a SQL statement read in `dialect`'s grammar: its quotes, escapes, comments,
/// names and parameter markers.
///
/// # Example
/// ```
/// use scrubjay::{normalize_sql_as, SqlDialect};
/// assert_eq!(
///     normalize_sql_as("UPDATE t SET created = \"2019-05-24 00:26:17\" # batch", SqlDialect::MySql),
///     "UPDATE t SET created = ?"
/// );
/// assert_eq!(
///     normalize_sql_as("SELECT \"Name\" FROM t WHERE a = 'C:\\' AND b = 'x'", SqlDialect::PostgreSql),
///     "SELECT \"Name\" FROM t WHERE a = ? AND b = ?"
/// );
/// ```
pub fn normalize_sql_as(sql: &str, dialect: SqlDialect) -> String {
    let mut out = String::with_capacity(sql.len());
    normalize_into(sql, dialect, &mut out);
    out
}

/// [`normalize_sql_as`] into `out` (replacing what it held), reusing its buffer.
pub(crate) fn normalize_into(sql: &str, dialect: SqlDialect, out: &mut String) {
    let buf = std::mem::take(out).into_bytes();
    *out = normalize_bytes(sql, dialect, buf);
}

fn normalize_bytes(sql: &str, dialect: SqlDialect, buf: Vec<u8>) -> String {
    // Most statements hold no Redis command: one vectorised pass says so.
    let g = Grammar::of(dialect);
    let masked;
    let b = if RedisCommand::any_in(sql.as_bytes()) {
        masked = redis_masked(sql.as_bytes(), &g);
        &masked[..]
    } else {
        sql.as_bytes()
    };
    match dialect {
        SqlDialect::Generic => readings::normalize_generic(b, buf),
        _ => tokenize::tokenize(b, &g, buf, None),
    }
}

/// [`super::Rewrite`] for SQL: every statement is readable, in the dialect of its record.
pub(crate) fn rewrite(value: &str, cx: &mut Context<'_>, out: &mut String) -> bool {
    normalize_into(value, cx.sql_dialect, out);
    true
}

#[cfg(test)]
mod tests;
