//! The normaliser, dialect by dialect.

use super::normalize_sql as n;
use super::{normalize_sql_as, SqlDialect};

fn pg(sql: &str) -> String {
    normalize_sql_as(sql, SqlDialect::PostgreSql)
}

fn mysql(sql: &str) -> String {
    normalize_sql_as(sql, SqlDialect::MySql)
}

fn mssql(sql: &str) -> String {
    normalize_sql_as(sql, SqlDialect::SqlServer)
}

fn oracle(sql: &str) -> String {
    normalize_sql_as(sql, SqlDialect::Oracle)
}

fn sqlite(sql: &str) -> String {
    normalize_sql_as(sql, SqlDialect::Sqlite)
}

/// Every dialect's output, normalised again in the same dialect, is unchanged.
fn stable(sql: &str) {
    for d in SqlDialect::ALL {
        let once = normalize_sql_as(sql, d);
        assert_eq!(normalize_sql_as(&once, d), once, "{d:?}: {sql:?}");
    }
}

#[test]
fn literals_and_lists() {
    assert_eq!(
        n("SELECT * FROM t WHERE a = 'x' AND b = 42"),
        "SELECT * FROM t WHERE a = ? AND b = ?"
    );
    assert_eq!(n("WHERE id IN (1, 2, 3)"), "WHERE id IN (?)");
    assert_eq!(n("WHERE id IN (1)"), "WHERE id IN (?)");
    assert_eq!(
        n("WHERE id IN (SELECT id FROM u)"),
        "WHERE id IN (SELECT id FROM u)"
    );
    assert_eq!(n("VALUES (1, 'a'), (2, 'b'), (3, 'c')"), "VALUES (?, ?)");
    assert_eq!(n("VALUES ($1, $2), ($3, $4)"), "VALUES ($1, $2), ($3, $4)");
}

#[test]
fn quotes_escapes_and_unterminated() {
    assert_eq!(
        n("WHERE a = 'it''s' AND b = 'x\\'y'"),
        "WHERE a = ? AND b = ?"
    );
    assert_eq!(n("WHERE a = 'never closed AND secret = 1"), "WHERE a = ?");
    assert_eq!(n("SELECT $$ body $$, $fn$ x $fn$"), "SELECT ?, ?");
    assert_eq!(
        n("WHERE name = N'Zoë' OR x = E'\\n' OR h = X'FF' OR b = B'01'"),
        "WHERE name = ? OR x = ? OR h = ? OR b = ?"
    );
}

#[test]
fn identifiers_params_and_comments() {
    assert_eq!(
        mssql("SELECT \"Col\", `c2`, [c 3] FROM t -- who\nWHERE x = ? /* note */ AND y = :name"),
        "SELECT \"Col\", `c2`, [c 3] FROM t WHERE x = ? AND y = :name"
    );
    assert_eq!(
        n("SELECT x::int FROM t WHERE a = $1 AND b = @p1 AND c = %s"),
        "SELECT x::int FROM t WHERE a = $1 AND b = @p1 AND c = %s"
    );
    assert_eq!(
        mysql("SELECT * FROM t2 WHERE flag = TRUE # mysql"),
        "SELECT * FROM t2 WHERE flag = ?"
    );
    assert_eq!(n("  SELECT\n\t1.5e3,  0x1F , -7  "), "SELECT ?, ?, -?");
}

/// A quote ends a Redis word as it ends a tokenizer's word: `''"` becomes `?"`, which a
/// second pass must read as the first read `''"` (the rest one quoted token, no `AUTH`).
#[test]
fn a_second_pass_reads_redis_commands_as_the_first() {
    for text in ["''\"\nauth\na", "x\"\nauth\na", "GET k'\nAUTH pw"] {
        let once = n(text);
        assert_eq!(n(&once), once, "{text:?}");
    }
    assert_eq!(n("GET key\nAUTH hunter2"), "GET key AUTH ?");
}

#[test]
fn postgresql_reads_backslashes_as_characters() {
    let sql = "SELECT * FROM a JOIN foo ON 'a\\' = foo.b WHERE foo.name = 'String'";
    assert_eq!(
        pg(sql),
        "SELECT * FROM a JOIN foo ON ? = foo.b WHERE foo.name = ?"
    );
    // MySQL reads the first literal through the second quote: what follows `String` is one
    // unterminated literal.
    assert_eq!(mysql(sql), "SELECT * FROM a JOIN foo ON ?String?");
    // Unknown: neither reading's literals show.
    assert_eq!(n(sql), "SELECT * FROM a JOIN foo ON ?");
    assert_eq!(
        pg("SELECT E'it\\'s' AS x, a # b FROM t"),
        "SELECT ? AS x, a # b FROM t"
    );
    assert_eq!(
        pg("SELECT 1 /* a /* nested */ still comment */ FROM t"),
        "SELECT ? FROM t"
    );
    assert_eq!(
        pg("SELECT ARRAY['a', 'b'], tags[1] FROM t"),
        "SELECT ARRAY[?, ?], tags[?] FROM t"
    );
}

#[test]
fn mysql_reads_double_quotes_as_strings_where_a_value_stands() {
    assert_eq!(
        mysql("UPDATE `users` SET created = \"2019-05-24 00:26:17\", note = 'it\\'s' WHERE id = 3"),
        "UPDATE `users` SET created = ?, note = ? WHERE id = ?"
    );
    assert_eq!(
        mysql("SELECT \"t\".\"a\" FROM \"t\" WHERE \"t\".\"b\" = \"x\" -- c\nAND c = 1--1"),
        "SELECT \"t\".\"a\" FROM \"t\" WHERE \"t\".\"b\" = ? AND c = ?- -?"
    );
    assert_eq!(
        mysql("INSERT INTO \"t\" (\"a\", \"b\") VALUES (\"x\", \"y\")"),
        "INSERT INTO \"t\" (\"a\", \"b\") VALUES (?, ?)"
    );
    assert_eq!(mysql("SELECT \"secret\", a FROM t"), "SELECT ?, a FROM t");
    assert_eq!(
        mysql("SELECT 1 # it's a comment\nFROM t"),
        "SELECT ? FROM t"
    );
}

#[test]
fn sql_server_temp_tables_brackets_and_nested_comments() {
    assert_eq!(
        mssql("SELECT * FROM #users u JOIN ##seen s ON s.id = u.id WHERE u.id = @id"),
        "SELECT * FROM #users u JOIN ##seen s ON s.id = u.id WHERE u.id = @id"
    );
    assert_eq!(
        mssql(
            "SELECT [it's]]x] FROM t /* a /* b */ c */ WHERE n = N'Zoë' AND p = 'a\\' AND q = 'b'"
        ),
        "SELECT [it's]]x] FROM t WHERE n = ? AND p = ? AND q = ?"
    );
}

#[test]
fn oracle_alternative_quotes_and_numbered_binds() {
    assert_eq!(
        oracle(
            "SELECT ORDER#, V$SESSION.SID FROM t WHERE a = q'[it's]' AND b = Nq'{x}' AND c = :1"
        ),
        "SELECT ORDER#, V$SESSION.SID FROM t WHERE a = ? AND b = ? AND c = :1"
    );
    assert_eq!(oracle("WHERE a = q'!unterminated"), "WHERE a = ?");
}

#[test]
fn sqlite_parameters() {
    assert_eq!(
        sqlite("SELECT * FROM t WHERE a = ?1 AND b = :b AND c = @c AND d = $d AND e = [x y]"),
        "SELECT * FROM t WHERE a = ?1 AND b = :b AND c = @c AND d = $d AND e = [x y]"
    );
}

#[test]
fn unknown_dialect_never_cuts_and_masks_either_reading() {
    assert_eq!(
        n("SELECT * FROM #users WHERE id = @id"),
        "SELECT * FROM #users WHERE id = @id"
    );
    assert_eq!(
        n("SELECT * FROM table#.host_tags WHERE a = 1"),
        "SELECT * FROM table#.host_tags WHERE a = ?"
    );
    assert_eq!(n("SELECT a # b FROM t"), "SELECT a # b FROM t");
    assert_eq!(
        n("WHERE a = \"x\" AND \"t\".\"c\" = 1"),
        "WHERE a = ? AND \"t\".\"c\" = ?"
    );
    assert_eq!(n("WHERE a = 'it\\'s' AND b = 2"), "WHERE a = ?");
}

#[test]
fn dialect_names() {
    for d in SqlDialect::ALL {
        assert_eq!(SqlDialect::from_name(d.name()), Some(d));
    }
    assert_eq!(SqlDialect::of_db_system("oracle.db"), SqlDialect::Oracle);
    assert_eq!(SqlDialect::of_db_system("redis"), SqlDialect::Generic);
    assert_eq!(SqlDialect::from_name("redis"), None);
    // Case and surrounding spaces are ignored; nothing else is.
    assert_eq!(SqlDialect::from_name(" MariaDB\t"), Some(SqlDialect::MySql));
    assert_eq!(
        SqlDialect::from_name("Microsoft.SQL_Server"),
        Some(SqlDialect::SqlServer)
    );
    assert_eq!(SqlDialect::from_name("  "), Some(SqlDialect::Generic));
    assert_eq!(SqlDialect::from_name("my sql"), None);
    assert_eq!(SqlDialect::from_name("postgresql2"), None);
}

#[test]
fn every_dialect_reads_its_own_output_the_same() {
    for sql in [
        "SELECT \"a\" /* x */ . \"b\" FROM \"t\" WHERE c = \"d\\\"e\" AND f = 'g\\' OR h = 'i'",
        "SELECT * FROM #t WHERE a = 'x' # c\n AND [b'] = q'[y']' AND z = :1",
        "INSERT INTO \"t\" (\"a\", b) VALUES (\"x\", 'y\\'z'), (1, 2) -- 'q",
        "SELECT $$a'b$$, E'c\\'d', `e\"f` FROM t WHERE g = \"h'i\"",
        "x\"y'z\\'w\"v",
        "h\0u&----",
        "a---- x",
    ] {
        stable(sql);
    }
}

#[test]
fn passwords_written_as_names() {
    for d in SqlDialect::ALL {
        let sql = |s: &str| normalize_sql_as(s, d);
        assert_eq!(
            sql("CREATE USER app IDENTIFIED BY Tr0ub4dor"),
            "CREATE USER app IDENTIFIED BY ?"
        );
        assert_eq!(
            sql("ALTER USER app PASSWORD hunter2 VALID UNTIL 'x'"),
            "ALTER USER app PASSWORD ? VALID UNTIL ?"
        );
        assert_eq!(sql("CONNECT app PASSWORD s3cret"), "CONNECT app PASSWORD ?");
        assert_eq!(
            sql("ALTER USER app IDENTIFIED BY n3w REPLACE 0ld"),
            "ALTER USER app IDENTIFIED BY ? REPLACE ?"
        );
        assert_eq!(
            sql("CREATE OR REPLACE USER app"),
            "CREATE OR REPLACE USER app"
        );
        assert_eq!(
            sql("REPLACE INTO users (user) VALUES (1)"),
            "REPLACE INTO users (user) VALUES (?)"
        );
        assert_eq!(
            sql("ALTER USER app PASSWORD EXPIRE"),
            "ALTER USER app PASSWORD EXPIRE"
        );
        assert_eq!(
            sql("SELECT password FROM users ORDER BY password DESC"),
            "SELECT password FROM users ORDER BY password DESC"
        );
        assert_eq!(
            sql("SELECT name FROM users WHERE password = 'x'"),
            "SELECT name FROM users WHERE password = ?"
        );
    }
    assert_eq!(
        oracle("CREATE USER app IDENTIFIED BY \"My#Pass1\""),
        "CREATE USER app IDENTIFIED BY ?"
    );
}

#[test]
fn numbers_in_brackets_are_literals() {
    assert_eq!(
        pg("WHERE a = ANY(array[21, 25, 32]) AND b = ARRAY[-5, 6.5]"),
        "WHERE a = ANY(array[?, ?, ?]) AND b = ARRAY[-?, ?]"
    );
    assert_eq!(
        n("SELECT [Order Details], [col2] FROM t"),
        "SELECT [Order Details], [col2] FROM t"
    );
}

#[test]
fn an_unclosed_percent_parenthesis_is_no_parameter() {
    assert_eq!(
        n("SELECT %(name WHERE a = 'secret' AND b = 42"),
        "SELECT %(name WHERE a = ? AND b = ?"
    );
    assert_eq!(
        n("SELECT * FROM t WHERE a = %(user_id)s AND b = %s"),
        "SELECT * FROM t WHERE a = %(user_id)s AND b = %s"
    );
    for s in ["[9%(]4", "x %(] 4", "%(a b) 5"] {
        let once = n(s);
        assert_eq!(n(&once), once, "{s}");
    }
}
