//! Field-rule key matching: literal keys in one Aho-Corasick automaton, globs in one
//! multi-pattern automaton. ASCII case-insensitive.
//!
//! A key pattern matches a key path when it equals a run of whole segments of the path:
//! `authorization` matches `http.request.header.authorization`, `app.customer.profile`
//! matches `app.customer.profile.contact.email`, and `*password*` matches any segment that
//! contains `password`. A `*` matches within one segment when the pattern has no dot, and
//! across segments when it has one (`http.request.header.*`).

use aho_corasick::{AhoCorasick, MatchKind};
use regex_automata::{meta, util::syntax, Input, PatternSet};

/// Compiled key patterns, each tagged with the index of the rule it belongs to.
pub(crate) struct KeyMatcher {
    literals: Option<AhoCorasick>,
    literal_rules: Vec<u32>,
    globs: Option<meta::Regex>,
    glob_rules: Vec<u32>,
}

/// Reusable buffers for key lookups.
pub(crate) struct KeyScratch {
    lower: Vec<u8>,
    set: PatternSet,
    cache: Option<meta::Cache>,
}

impl KeyMatcher {
    /// Compiles `(pattern, rule)` pairs. On error, returns the index of the bad pattern.
    pub(crate) fn build(patterns: &[(String, u32)]) -> Result<KeyMatcher, (usize, String)> {
        let mut lits = Vec::new();
        let mut literal_rules = Vec::new();
        let mut globs = Vec::new();
        let mut glob_rules = Vec::new();
        for (i, (p, rule)) in patterns.iter().enumerate() {
            if p.is_empty() || p.split('.').any(str::is_empty) {
                return Err((i, format!("key pattern `{p}` has an empty segment")));
            }
            if p.contains('*') || p.contains('?') {
                globs.push(glob_to_regex(p));
                glob_rules.push(*rule);
            } else {
                lits.push(p.to_ascii_lowercase());
                literal_rules.push(*rule);
            }
        }
        let literals = if lits.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&lits)
                    .map_err(|e| (0, e.to_string()))?,
            )
        };
        let globs = if globs.is_empty() {
            None
        } else {
            Some(
                meta::Regex::builder()
                    .syntax(
                        syntax::Config::new()
                            .unicode(false)
                            .utf8(false)
                            .case_insensitive(true),
                    )
                    .configure(meta::Config::new().match_kind(regex_automata::MatchKind::All))
                    .build_many(&globs)
                    .map_err(|e| (0, e.to_string()))?,
            )
        };
        Ok(KeyMatcher {
            literals,
            literal_rules,
            globs,
            glob_rules,
        })
    }

    pub(crate) fn scratch(&self) -> KeyScratch {
        KeyScratch {
            lower: Vec::with_capacity(256),
            set: PatternSet::new(self.glob_rules.len().max(1)),
            cache: self.globs.as_ref().map(|g| g.create_cache()),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.literals.is_none() && self.globs.is_none()
    }

    /// The lowest rule index whose pattern matches `path`, among the rules `take` accepts.
    pub(crate) fn find(
        &self,
        path: &[u8],
        sc: &mut KeyScratch,
        take: impl Fn(u32) -> bool,
    ) -> Option<u32> {
        let mut best: Option<u32> = None;
        if let Some(ac) = &self.literals {
            sc.lower.clear();
            sc.lower.extend(path.iter().map(u8::to_ascii_lowercase));
            let p = &sc.lower[..];
            for m in ac.find_overlapping_iter(p) {
                let (s, e) = (m.start(), m.end());
                if (s == 0 || p[s - 1] == b'.') && (e == p.len() || p[e] == b'.') {
                    let r = self.literal_rules[m.pattern().as_usize()];
                    if take(r) {
                        best = Some(best.map_or(r, |b| b.min(r)));
                    }
                }
            }
        }
        if let (Some(re), Some(cache)) = (&self.globs, sc.cache.as_mut()) {
            sc.set.clear();
            re.which_overlapping_matches_with(cache, &Input::new(path), &mut sc.set);
            for pid in sc.set.iter() {
                let r = self.glob_rules[pid.as_usize()];
                if take(r) {
                    best = Some(best.map_or(r, |b| b.min(r)));
                }
            }
        }
        best
    }
}

/// `*password*` → `(?:^|\.)[^.]*password[^.]*(?:\.|$)`.
fn glob_to_regex(glob: &str) -> String {
    let star = if glob.contains('.') { ".*" } else { "[^.]*" };
    let one = if glob.contains('.') { "." } else { "[^.]" };
    let mut re = String::from(r"(?:^|\.)");
    for c in glob.chars() {
        match c {
            '*' => re.push_str(star),
            '?' => re.push_str(one),
            c => re.push_str(&regex_syntax::escape(c.encode_utf8(&mut [0; 4]))),
        }
    }
    re.push_str(r"(?:\.|$)");
    re
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(pats: &[&str]) -> KeyMatcher {
        let v: Vec<(String, u32)> = pats
            .iter()
            .enumerate()
            .map(|(i, p)| (p.to_string(), i as u32))
            .collect();
        KeyMatcher::build(&v).unwrap()
    }

    #[test]
    fn segments_literals_and_globs() {
        let m = matcher(&[
            "authorization",
            "*password*",
            "app.customer.profile",
            "x-*-secret",
            "http.request.header.*",
        ]);
        let mut sc = m.scratch();
        let mut f = |p: &str| m.find(p.as_bytes(), &mut sc, |_| true);
        assert_eq!(f("Authorization"), Some(0));
        assert_eq!(f("http.request.header.authorization"), Some(0));
        assert_eq!(f("http.request.header.x-trace"), Some(4));
        assert_eq!(f("db.PASSWORD"), Some(1));
        assert_eq!(f("user_password_hash"), Some(1));
        assert_eq!(f("password.value"), Some(1));
        assert_eq!(f("app.customer.profile.contact.email"), Some(2));
        assert_eq!(f("X-Internal-Secret"), Some(3));
        assert_eq!(f("preauthorization_id"), None);
        assert_eq!(f("customer.profile"), None);
        assert_eq!(f("http.method"), None);
    }
}
