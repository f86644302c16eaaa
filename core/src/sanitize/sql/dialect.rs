//! SQL dialects: which database wrote a statement, and the grammar the tokenizer reads it in.

use super::lex::{is_blank, NAME_CONTINUE, NAME_CONTINUE_HASH};

/// The database a statement was written for. Each reads quotes, escapes, comments and names
/// its own way; [`SqlDialect::Generic`] is for a statement of unknown origin.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SqlDialect {
    /// Unknown database: the statement is never cut, and where two dialects read it
    /// differently, whatever either reads as a literal is masked.
    #[default]
    Generic,
    /// PostgreSQL and the databases that speak its dialect (CockroachDB, Redshift, YugabyteDB).
    PostgreSql,
    /// MySQL, MariaDB, TiDB.
    MySql,
    /// Microsoft SQL Server and Azure SQL (T-SQL).
    SqlServer,
    /// Oracle Database.
    Oracle,
    /// SQLite.
    Sqlite,
}

/// The names [`SqlDialect::from_name`] reads, lowercase.
const NAMES: &[(&str, SqlDialect)] = &[
    ("", SqlDialect::Generic),
    ("generic", SqlDialect::Generic),
    ("sql", SqlDialect::Generic),
    ("other_sql", SqlDialect::Generic),
    ("postgresql", SqlDialect::PostgreSql),
    ("postgres", SqlDialect::PostgreSql),
    ("pg", SqlDialect::PostgreSql),
    ("cockroachdb", SqlDialect::PostgreSql),
    ("redshift", SqlDialect::PostgreSql),
    ("aws.redshift", SqlDialect::PostgreSql),
    ("yugabytedb", SqlDialect::PostgreSql),
    ("timescaledb", SqlDialect::PostgreSql),
    ("greenplum", SqlDialect::PostgreSql),
    ("mysql", SqlDialect::MySql),
    ("mariadb", SqlDialect::MySql),
    ("tidb", SqlDialect::MySql),
    ("singlestore", SqlDialect::MySql),
    ("memsql", SqlDialect::MySql),
    ("mssql", SqlDialect::SqlServer),
    ("sqlserver", SqlDialect::SqlServer),
    ("sql_server", SqlDialect::SqlServer),
    ("microsoft.sql_server", SqlDialect::SqlServer),
    ("azure.sql", SqlDialect::SqlServer),
    ("tsql", SqlDialect::SqlServer),
    ("t-sql", SqlDialect::SqlServer),
    ("oracle", SqlDialect::Oracle),
    ("oracle.db", SqlDialect::Oracle),
    ("sqlite", SqlDialect::Sqlite),
    ("sqlite3", SqlDialect::Sqlite),
];

impl SqlDialect {
    /// Every dialect, in a stable order.
    pub const ALL: [SqlDialect; 6] = [
        SqlDialect::Generic,
        SqlDialect::PostgreSql,
        SqlDialect::MySql,
        SqlDialect::SqlServer,
        SqlDialect::Oracle,
        SqlDialect::Sqlite,
    ];

    /// The dialect a name gives: a dialect's own name (`postgresql`, `mysql`, `mssql`,
    /// `oracle`, `sqlite`, `generic`) or a `db.system.name` / `db.system` value of the
    /// OpenTelemetry semantic conventions (`microsoft.sql_server`, `oracle.db`, `mariadb`,
    /// `cockroachdb`, …); case is ignored. `None` for any other name.
    ///
    /// # Example
    /// ```
    /// use scrubjay::SqlDialect;
    /// assert_eq!(SqlDialect::from_name("microsoft.sql_server"), Some(SqlDialect::SqlServer));
    /// assert_eq!(SqlDialect::from_name("MariaDB"), Some(SqlDialect::MySql));
    /// assert_eq!(SqlDialect::from_name("mongodb"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<SqlDialect> {
        // Read once per record with a `db.system`: compared in place, no lowercase copy.
        let name = name.trim();
        NAMES
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(name))
            .map(|&(_, dialect)| dialect)
    }

    /// The dialect of a record whose `db.system.name` (or `db.system`) is `system`: a
    /// database without a dialect of its own here is [`SqlDialect::Generic`].
    pub fn of_db_system(system: &str) -> SqlDialect {
        SqlDialect::from_name(system).unwrap_or_default()
    }

    /// The dialect's own name, which [`SqlDialect::from_name`] reads back.
    pub fn name(self) -> &'static str {
        match self {
            SqlDialect::Generic => "generic",
            SqlDialect::PostgreSql => "postgresql",
            SqlDialect::MySql => "mysql",
            SqlDialect::SqlServer => "mssql",
            SqlDialect::Oracle => "oracle",
            SqlDialect::Sqlite => "sqlite",
        }
    }
}

impl std::str::FromStr for SqlDialect {
    type Err = UnknownDialect;

    /// [`SqlDialect::from_name`], with an error that names the name and the accepted ones.
    ///
    /// # Example
    /// ```
    /// use scrubjay::SqlDialect;
    /// assert_eq!("oracle.db".parse::<SqlDialect>(), Ok(SqlDialect::Oracle));
    /// assert!("h2".parse::<SqlDialect>().unwrap_err().to_string().contains("\"h2\""));
    /// ```
    fn from_str(name: &str) -> Result<SqlDialect, UnknownDialect> {
        SqlDialect::from_name(name).ok_or_else(|| UnknownDialect(name.to_string()))
    }
}

/// A name that is no SQL dialect: what bindings report when a caller passes one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownDialect(pub String);

impl std::fmt::Display for UnknownDialect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown SQL dialect {:?}: expected postgresql, mysql, mariadb, mssql, oracle, \
             sqlite or generic, or an OpenTelemetry db.system.name value such as \
             microsoft.sql_server",
            self.0
        )
    }
}

impl std::error::Error for UnknownDialect {}

/// What `"…"` is.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum DoubleQuote {
    /// A quoted name (the standard, PostgreSQL, SQL Server, Oracle, SQLite).
    Name,
    /// A string literal (MySQL, with backslash escapes; SQLite), except where only a name can
    /// stand:
    /// next to a `.`, before `(`, after `FROM`, `JOIN`, `INTO`, `UPDATE`, `TABLE`, `AS`, `SET`.
    LiteralWhereValue,
}

/// What `#` is.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Hash {
    /// A comment to the end of the line (MySQL).
    Comment,
    /// Part of a name when a name byte or `#` follows or precedes it (`#temp`, `##global`,
    /// `ORDER#`), an operator otherwise (SQL Server, Oracle, and statements of unknown origin,
    /// which must never be cut).
    Name,
    /// An operator (PostgreSQL's XOR, SQLite).
    Operator,
}

/// What `[` opens.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Bracket {
    /// A quoted name through `]`, `]]` escaping (SQL Server, SQLite).
    Name,
    /// A subscript (`tags[1]`) kept whole when it holds no quote, else read token by token so
    /// that `ARRAY['a']`'s literal goes.
    Subscript,
}

/// How a dialect reads a statement: the tokenizer's switches.
#[derive(Clone, Copy)]
pub(super) struct Grammar {
    /// `\` escapes the next byte inside `'…'` (MySQL).
    pub backslash_escapes: bool,
    /// `E'…'` takes backslash escapes (PostgreSQL); elsewhere `E` is a name before a string.
    pub e_strings: bool,
    pub double_quote: DoubleQuote,
    pub hash: Hash,
    pub bracket: Bracket,
    /// `--` opens a comment only before a blank or the end (MySQL: `1--1` is arithmetic).
    pub dash_comment_needs_blank: bool,
    /// `/* /* */ */` nests (PostgreSQL, SQL Server).
    pub nested_comments: bool,
    /// `$$…$$` and `$tag$…$tag$` are literals (PostgreSQL).
    pub dollar_quotes: bool,
    /// `q'[…]'` and `nq'…'` are literals (Oracle).
    pub q_quotes: bool,
    /// `:1` is a bind parameter (Oracle), not a `:` and a number.
    pub numbered_colon_params: bool,
    /// The bytes that continue a name.
    pub name_continue: &'static [bool; 256],
}

impl Grammar {
    /// Whether the `--` at `b[i]` opens a comment: always, except where a blank (or the end)
    /// must follow it (MySQL, where `5--2` is arithmetic).
    pub(super) fn dash_opens_comment(&self, b: &[u8], i: usize) -> bool {
        !self.dash_comment_needs_blank || !b.get(i + 2).is_some_and(|&x| !is_blank(x) && x >= 0x20)
    }

    /// The standard's reading with PostgreSQL's extensions: the first of the two readings of
    /// a statement of unknown origin.
    pub const STANDARD: Grammar = Grammar {
        backslash_escapes: false,
        e_strings: true,
        double_quote: DoubleQuote::Name,
        hash: Hash::Name,
        bracket: Bracket::Subscript,
        dash_comment_needs_blank: false,
        nested_comments: false,
        dollar_quotes: true,
        q_quotes: false,
        numbered_colon_params: false,
        name_continue: &NAME_CONTINUE_HASH,
    };

    /// The second reading of a statement of unknown origin: MySQL's quotes and escapes.
    pub const MYSQL_QUOTES: Grammar = Grammar {
        backslash_escapes: true,
        double_quote: DoubleQuote::LiteralWhereValue,
        ..Grammar::STANDARD
    };

    /// The grammar of a known dialect (for [`SqlDialect::Generic`], the first reading).
    pub fn of(dialect: SqlDialect) -> Grammar {
        match dialect {
            SqlDialect::Generic => Grammar::STANDARD,
            SqlDialect::PostgreSql => Grammar {
                hash: Hash::Operator,
                nested_comments: true,
                name_continue: &NAME_CONTINUE,
                ..Grammar::STANDARD
            },
            SqlDialect::MySql => Grammar {
                backslash_escapes: true,
                double_quote: DoubleQuote::LiteralWhereValue,
                hash: Hash::Comment,
                dash_comment_needs_blank: true,
                dollar_quotes: false,
                name_continue: &NAME_CONTINUE,
                ..Grammar::STANDARD
            },
            SqlDialect::SqlServer => Grammar {
                e_strings: false,
                bracket: Bracket::Name,
                nested_comments: true,
                dollar_quotes: false,
                ..Grammar::STANDARD
            },
            SqlDialect::Oracle => Grammar {
                e_strings: false,
                dollar_quotes: false,
                q_quotes: true,
                numbered_colon_params: true,
                ..Grammar::STANDARD
            },
            SqlDialect::Sqlite => Grammar {
                e_strings: false,
                // SQLite reads a `"…"` that names no column as a string: GORM's logger writes
                // values so.
                double_quote: DoubleQuote::LiteralWhereValue,
                hash: Hash::Operator,
                bracket: Bracket::Name,
                dollar_quotes: false,
                name_continue: &NAME_CONTINUE,
                ..Grammar::STANDARD
            },
        }
    }
}
