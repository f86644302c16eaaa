//! `*` globs over short names (header names, baggage keys): linear, no allocation.

/// Whether `text` matches `pattern`, where `*` matches any run of bytes (also none). With
/// `fold_case`, ASCII letters match in either case.
pub(crate) fn glob_match(pattern: &str, text: &str, fold_case: bool) -> bool {
    let eq = |a: &[u8], b: &[u8]| {
        if fold_case {
            a.eq_ignore_ascii_case(b)
        } else {
            a == b
        }
    };
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    if !p.contains(&b'*') {
        return eq(p, t);
    }
    let mut parts = p.split(|&c| c == b'*').peekable();
    let head = parts.next().unwrap_or_default();
    if t.len() < head.len() || !eq(&t[..head.len()], head) {
        return false;
    }
    let mut rest = &t[head.len()..];
    while let Some(part) = parts.next() {
        if parts.peek().is_none() {
            // The last part must end the text.
            return rest.len() >= part.len() && eq(&rest[rest.len() - part.len()..], part);
        }
        // A middle part: its first occurrence leaves the most room for the rest.
        match (0..rest.len().saturating_sub(part.len()) + 1)
            .find(|&k| k + part.len() <= rest.len() && eq(&rest[k..k + part.len()], part))
        {
            Some(k) => rest = &rest[k + part.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::glob_match as g;

    #[test]
    fn globs() {
        assert!(g("user.*", "user.email", false) && !g("user.*", "tenant.id", false));
        assert!(g("*.id", "tenant.id", false) && g("*", "", false));
        assert!(
            g("x-*-secret", "X-Internal-Secret", true)
                && !g("x-*-secret", "X-Internal-Secret", false)
        );
        assert!(g("a*b*c", "aXbYc", false) && !g("a*b*c", "aXcYb", false));
        assert!(!g("a*a", "a", false) && g("a*a", "aa", false));
        assert!(g("exact", "EXACT", true) && !g("exact", "exact2", true));
    }
}
