//! The `command_line` sanitizer: a command line (`process.command_line`) read as its
//! arguments, the way `process.command_args` already is. An option whose name names a secret
//! hides the argument after it (`--password hunter2`, `--api-key abc`, `-token x`), as the
//! field rules decide for that name; `--name=value` is left to the content rules, which read
//! it as a pair. A few programs take a password under a short flag that names nothing:
//! `mysql -pSECRET` (attached), `redis-cli -a SECRET`, `sshpass -p SECRET`, `docker login -p
//! SECRET` (and `podman`, `nerdctl`, `helm`, `buildah`, `skopeo`, `oras`); those are read as
//! `password`.
//!
//! Arguments split at blanks; a quoted run (`'…'`, `"…"`) belongs to its argument, and the
//! value that replaces a quoted argument keeps the quotes.

use super::Context;

/// One argument: where it is, and where its text is without the quotes around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Arg {
    start: usize,
    end: usize,
    text_start: usize,
    text_end: usize,
}

/// Splits `line` into arguments at blanks (spaces, tabs, newlines), keeping quoted runs whole.
fn split(line: &[u8]) -> impl Iterator<Item = Arg> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < line.len() && line[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= line.len() {
            return None;
        }
        let start = i;
        let mut quote = None;
        while i < line.len() {
            let b = line[i];
            match quote {
                Some(q) if b == q => quote = None,
                Some(_) => {}
                None if b == b'\'' || b == b'"' => quote = Some(b),
                None if b.is_ascii_whitespace() => break,
                None if b == b'\\' => i += 1,
                None => {}
            }
            i += 1;
        }
        let end = i.min(line.len());
        let whole = &line[start..end];
        let quoted = whole.len() >= 2
            && matches!(whole[0], b'\'' | b'"')
            && whole[whole.len() - 1] == whole[0];
        Some(if quoted {
            Arg {
                start,
                end,
                text_start: start + 1,
                text_end: end - 1,
            }
        } else {
            Arg {
                start,
                end,
                text_start: start,
                text_end: end,
            }
        })
    })
}

/// The name of a command-line option written as its own argument: `--db-password`,
/// `-password`, `--api_key` give `db-password`, `password`, `api_key`. An option that carries
/// its value (`--password=x`: the content rules read it), a lone dash, a negative number and
/// names longer than 64 bytes are not options here.
pub(crate) fn option_name(arg: &str) -> Option<&str> {
    let name = arg.strip_prefix("--").or_else(|| arg.strip_prefix('-'))?;
    let first = *name.as_bytes().first()?;
    let ok = first.is_ascii_alphabetic()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    ok.then_some(name)
}

/// What a program's own short flag for a password looks like.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PasswordFlag {
    /// None known.
    None,
    /// `-p` with the password attached (`mysql -pSECRET`; a bare `-p` prompts).
    Attached(&'static str),
    /// The flag, then the password as the next argument (`redis-cli -a SECRET`).
    Next(&'static str),
}

/// The short password flag of the program that `line` runs (its first argument's file name).
fn password_flag(line: &[u8]) -> PasswordFlag {
    let Some(first) = split(line).next() else {
        return PasswordFlag::None;
    };
    let path = &line[first.text_start..first.text_end];
    let program = path
        .rsplit(|&b| b == b'/' || b == b'\\')
        .next()
        .unwrap_or(path);
    let program = program.strip_suffix(b".exe").unwrap_or(program);
    let login = || {
        split(line)
            .skip(1)
            .take(4)
            .any(|a| &line[a.text_start..a.text_end] == b"login")
    };
    match program {
        b"mysql" | b"mysqldump" | b"mysqladmin" | b"mysqlimport" | b"mysqlcheck" | b"mariadb"
        | b"mariadb-dump" => PasswordFlag::Attached("-p"),
        b"redis-cli" | b"keydb-cli" => PasswordFlag::Next("-a"),
        b"sshpass" => PasswordFlag::Next("-p"),
        b"docker" | b"podman" | b"nerdctl" | b"helm" | b"buildah" | b"skopeo" | b"oras"
            if login() =>
        {
            PasswordFlag::Next("-p")
        }
        _ => PasswordFlag::None,
    }
}

/// Rewrites `line` into `out` (empty on entry): each argument that holds a secret becomes
/// what `replace` writes for it, given the name the option before it gave (`password` for a
/// program's own password flag). `secret_name` says whether an option name names a secret,
/// and returns the rule that will replace its value. Returns whether anything was replaced.
pub(crate) fn sanitize<R: Copy>(
    line: &str,
    out: &mut String,
    mut secret_name: impl FnMut(&str) -> Option<R>,
    mut replace: impl FnMut(R, &str, &mut String),
) -> bool {
    let bytes = line.as_bytes();
    let flag = password_flag(bytes);
    let mut written = 0;
    let mut replaced = false;
    let mut carry: Option<R> = None;
    for arg in split(bytes) {
        let text = &line[arg.text_start..arg.text_end];
        let whole = &line[arg.start..arg.end];
        // The secret this argument holds: after an option that named one, or attached to a
        // program's own flag.
        let mut secret = None;
        if let Some(rule) = carry.take() {
            if !whole.starts_with("--") && !text.is_empty() {
                secret = Some((rule, arg.text_start, arg.text_end));
            }
        }
        if let PasswordFlag::Attached(f) = flag {
            if let Some(rest) = whole.strip_prefix(f).filter(|r| !r.is_empty()) {
                if let Some(rule) = secret_name("password") {
                    let at = arg.start + f.len();
                    secret = Some((rule, at, at + rest.len()));
                }
            }
        }
        if let Some((rule, s, e)) = secret {
            out.push_str(&line[written..s]);
            replace(rule, &line[s..e], out);
            written = e;
            replaced = true;
            continue;
        }
        carry = match flag {
            PasswordFlag::Next(f) if whole == f => secret_name("password"),
            _ => option_name(whole).and_then(&mut secret_name),
        };
    }
    out.push_str(&line[written..]);
    replaced
}

/// [`super::Rewrite`] for a command line: an option's value takes the field action its name
/// would, like the items of `process.command_args`. Every command line is readable.
pub(crate) fn rewrite(value: &str, cx: &mut Context<'_>, out: &mut String) -> bool {
    let replace = cx.replace;
    sanitize(value, out, &mut *cx.option_rule, |i, v, out| {
        replace(i, v, out)
    });
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(line: &str) -> String {
        let mut out = String::new();
        let names = |n: &str| {
            let n = n.to_ascii_lowercase();
            (n.contains("password") || n.contains("token") || n == "api-key").then_some(())
        };
        sanitize(line, &mut out, names, |(), _, out| out.push_str("[X]"));
        out
    }

    #[test]
    fn options_that_name_secrets_hide_the_next_argument() {
        assert_eq!(
            run("java -jar app.jar --spring.datasource.password hunter2 --port 8080"),
            "java -jar app.jar --spring.datasource.password [X] --port 8080"
        );
        assert_eq!(
            run("app -token abc --api-key 'k 3y'   --verbose"),
            "app -token [X] --api-key '[X]'   --verbose"
        );
        assert_eq!(run("app --token --verbose x"), "app --token --verbose x");
        assert_eq!(run("app --password=x --token"), "app --password=x --token");
    }

    #[test]
    fn programs_with_their_own_password_flags() {
        assert_eq!(
            run("/usr/bin/mysql -u root -pS3cret -h db"),
            "/usr/bin/mysql -u root -p[X] -h db"
        );
        assert_eq!(
            run("mysql -u root -p db"),
            "mysql -u root -p db",
            "a bare -p prompts"
        );
        assert_eq!(
            run("redis-cli -h r -a r3dis ping"),
            "redis-cli -h r -a [X] ping"
        );
        assert_eq!(
            run("sshpass -p 'pw x' ssh host"),
            "sshpass -p '[X]' ssh host"
        );
        assert_eq!(
            run("docker login -u bob -p S3cret registry.io"),
            "docker login -u bob -p [X] registry.io"
        );
        assert_eq!(
            run("docker run -p 8080:80 nginx"),
            "docker run -p 8080:80 nginx"
        );
        assert_eq!(run("grep -a -p x"), "grep -a -p x");
    }

    #[test]
    fn splitting_keeps_quoted_runs_and_odd_bytes() {
        let args: Vec<Arg> = split(b" a 'b c'  \"d\"e\t").collect();
        assert_eq!(args.len(), 3);
        assert_eq!((args[1].text_start, args[1].text_end), (4, 7));
        assert_eq!((args[2].start, args[2].end), (10, 14));
        assert_eq!(run("app --password 'unterminated"), "app --password [X]");
        assert_eq!(run("é --token ü"), "é --token [X]");
    }
}
