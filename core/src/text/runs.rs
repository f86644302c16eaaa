//! The tokens the run search looks at (`scan/token_runs.rs` finds them 64 bytes at a time):
//! which bytes a token holds, where one may start. `core/build.rs` reads this file too, to
//! decide from a rule's examples whether the run search can find its prefixes, so the build
//! and the search answer the same question.

/// Token bytes a run must hold, from its start, for the run search to look at it.
pub(crate) const MIN_RUN: usize = 16;

/// A token byte: a letter, a digit, `$+,-./_` or `[\]{|}`.
pub(crate) fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'$' | b'+'..=b'9' | b'_' | b'['..=b']' | b'{'..=b'}')
}

/// A byte that continues a word, an id or a UUID group: a run does not start after one.
pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
}

/// A byte a run may start with: a letter or digit, or the `$` and `{` that open password
/// hashes (`$2b$12$…`, `{SSHA}…`), which start a run wherever they stand.
pub(crate) fn is_run_start(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'$' || b == b'{'
}

/// Whether the run search looks at `p`: a run may start there (a `$` or `{`, or a letter or
/// digit after a byte that is no word byte), and [`MIN_RUN`] token bytes follow.
pub(crate) fn starts_run(hay: &[u8], p: usize) -> bool {
    let opener = matches!(hay[p], b'$' | b'{');
    let after_word = p > 0 && is_word_byte(hay[p - 1]);
    let run = hay.get(p..p + MIN_RUN);
    is_run_start(hay[p])
        && (opener || !after_word)
        && run.is_some_and(|r| r.iter().all(|&b| is_token_byte(b)))
}
