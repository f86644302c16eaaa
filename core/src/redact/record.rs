//! Repeats across a record: a secret known in one value of a span, log record or JSON document
//! (a `db.password` attribute, a `password=…` in one message) is masked where it occurs in
//! the record's other values too (the same password inside `db.connection_string` or an
//! exception message), whichever comes first.
//!
//! The walk of a record collects its secrets into [`RecordSecrets`] (bounded, on the scratch
//! space); once every value is redacted, a second pass masks their standalone occurrences
//! in what came out. A record with no secret (most of them) pays one check of an empty list.

use crate::compile::action_state::ActionState;
use memchr::memmem;

use super::attributes::{AttributeOutcome, Scalar};
use super::fields::FieldDecision;
use super::repeats::{repeatable, standalone};
use super::report_sink::ReportSink;
use super::scratch::Scratch;
use super::strings::into_string;
use super::Engine;
use crate::compile::actions::Replacement;
use crate::report::ActionKind;
use crate::rules::vocabulary::{is_placeholder, stands_for_a_value};
use crate::scan::Span;
use crate::text::bytes::ByteSet;

/// The distinct secrets of one record that are looked for again: bounds the second pass to
/// this many searches over each value, whatever the input.
const MAX_RECORD_SECRETS: usize = 16;

/// Longer values under a secret key are documents (a key file, a certificate), not a token
/// that an other value would quote.
const MAX_SECRET_LEN: usize = 1024;

/// Where a secret of the record was found, and so what its repeats are replaced by: the
/// content rule's replacement, or the field rule's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Origin {
    Content(u32),
    Field(u32),
    /// Removed by the sanitizer of this field rule: repeats take the rule's mask label.
    Sanitized(u32),
}

/// Bytes that end a token when comparing a value before and after its sanitizer: blanks and
/// the delimiters of URLs, headers, cookies and command lines.
const TOKEN_END: ByteSet = ByteSet::from_spec("\t\n\x0b\x0c\r \"'&?#;,:@/=<>()[]{}");

/// The secrets known so far in the record being redacted, each with its searcher (built once
/// a record: a value's search then costs no set-up).
#[derive(Default)]
pub(crate) struct RecordSecrets {
    collecting: bool,
    known: Vec<(memmem::Finder<'static>, Origin)>,
    /// The length of the shortest secret: a shorter value holds none.
    shortest: usize,
}

impl RecordSecrets {
    /// Starts a record: nothing known, and values redacted from now on add what they hold.
    pub(crate) fn begin(&mut self) {
        self.collecting = true;
        self.known.clear();
    }

    /// Ends a record: later values (a plain string call on this scratch space) add nothing.
    pub(crate) fn end(&mut self) {
        self.collecting = false;
        self.known.clear();
    }

    /// Stops adding what values hold, returning whether it was on: a value redacted again
    /// after its repeats were masked adds nothing (the second pass is reading the list).
    pub(crate) fn pause(&mut self) -> bool {
        std::mem::replace(&mut self.collecting, false)
    }

    /// Adds again if `was` says it did before [`RecordSecrets::pause`].
    pub(crate) fn resume(&mut self, was: bool) {
        self.collecting = was;
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.known.is_empty()
    }

    /// The secrets a content scan found in one value: those of rules whose secret only the
    /// context names (the others are found wherever they occur).
    pub(crate) fn add_spans(&mut self, hay: &[u8], spans: &[Span], repeats: impl Fn(u32) -> bool) {
        if !self.collecting {
            return;
        }
        for s in spans {
            if repeats(s.rule) {
                self.add(&hay[s.start..s.end], Origin::Content(s.rule));
            }
        }
    }

    /// A string value that field rule `rule` replaced: the value, or the credential after an
    /// auth scheme (`Bearer <token>`).
    pub(crate) fn add_field_value(&mut self, value: &[u8], rule: u32) {
        if !self.collecting {
            return;
        }
        let value = value.trim_ascii();
        let secret = match value.iter().position(u8::is_ascii_whitespace) {
            None => value,
            Some(cut) => {
                let (scheme, rest) = (&value[..cut], value[cut..].trim_ascii_start());
                let single = !rest.iter().any(u8::is_ascii_whitespace);
                if !(scheme.iter().all(u8::is_ascii_alphabetic) && single) {
                    return;
                }
                rest
            }
        };
        if !is_placeholder(secret) && !stands_for_a_value(secret) {
            self.add(secret, Origin::Field(rule));
        }
    }

    /// The tokens of a value that its sanitizer (field rule `rule`) removed: what is left of
    /// `before` (split at [`TOKEN_END`]) nowhere in `after`. A URL's password, a sensitive
    /// query value, a header's credential.
    pub(crate) fn add_removed_tokens(&mut self, before: &[u8], after: &[u8], rule: u32) {
        if !self.collecting {
            return;
        }
        for token in before.split(|&b| TOKEN_END.contains(b)) {
            if repeatable(token)
                && random_looking(token)
                && !is_placeholder(token)
                && !contains(after, token)
            {
                self.add(token, Origin::Sanitized(rule));
            }
        }
    }

    fn add(&mut self, secret: &[u8], origin: Origin) {
        if self.known.len() == MAX_RECORD_SECRETS
            || secret.len() > MAX_SECRET_LEN
            || !repeatable(secret)
            || self.known.iter().any(|(f, _)| f.needle() == secret)
        {
            return;
        }
        self.shortest = match self.known.is_empty() {
            true => secret.len(),
            false => self.shortest.min(secret.len()),
        };
        self.known
            .push((memmem::Finder::new(secret).into_owned(), origin));
    }

    /// Whether `hay` holds a standalone occurrence of a known secret (stops at the first).
    pub(crate) fn holds_any(&self, hay: &[u8]) -> bool {
        self.standalone_hits(hay).next().is_some()
    }

    /// The standalone occurrences of the known secrets in `hay`, in order, none overlapping
    /// (the longer secret wins where two start together): `(start, end, index)`.
    pub(crate) fn occurrences(&self, hay: &[u8]) -> Vec<(usize, usize, usize)> {
        let mut found: Vec<_> = self.standalone_hits(hay).collect();
        found.sort_unstable_by_key(|&(start, end, _)| (start, usize::MAX - end));
        let mut until = 0;
        found.retain(|&(start, end, _)| {
            let keep = start >= until;
            if keep {
                until = end;
            }
            keep
        });
        found
    }

    /// Every standalone occurrence of each known secret, secret by secret: `(start, end,
    /// index)`, unordered and possibly overlapping.
    fn standalone_hits<'h>(
        &'h self,
        hay: &'h [u8],
    ) -> impl Iterator<Item = (usize, usize, usize)> + 'h {
        let searched = if hay.len() < self.shortest {
            &[][..]
        } else {
            &self.known[..]
        };
        searched
            .iter()
            .enumerate()
            .flat_map(move |(i, (finder, _))| {
                let len = finder.needle().len();
                finder
                    .find_iter(hay)
                    .filter(move |&at| standalone(hay, at, at + len))
                    .map(move |at| (at, at + len, i))
            })
    }

    /// The secret at `index` and where it was found.
    fn get(&self, index: usize) -> (&[u8], Origin) {
        let (finder, origin) = &self.known[index];
        (finder.needle(), *origin)
    }

    /// The rule to report a repeat of the secret at `index` under, as engine rule indexes
    /// count them (content rules, then field rules).
    pub(crate) fn rule_index(&self, index: usize, content_rules: usize) -> usize {
        match self.get(index).1 {
            Origin::Content(r) => r as usize,
            Origin::Field(r) | Origin::Sanitized(r) => content_rules + r as usize,
        }
    }
}

/// Whether `hay` holds `needle`: a sanitizer's output is usually a short header or URL, where
/// comparing in place costs less than building a searcher.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    if hay.len() > 512 {
        return memmem::find(hay, needle).is_some();
    }
    hay.windows(needle.len()).any(|w| w == needle)
}

/// A token a sanitizer removed is looked for again only if it could be a secret rather than
/// words: it holds a digit, or mixes cases (a fragment `#section-overview` goes for privacy,
/// and the same words elsewhere are no secret).
fn random_looking(token: &[u8]) -> bool {
    token.iter().any(u8::is_ascii_digit)
        || (token.iter().any(u8::is_ascii_uppercase) && token.iter().any(u8::is_ascii_lowercase))
}

impl Engine {
    /// A string value of the record as its first pass left it (under decision `d` at `path`)
    /// with its repeats masked and then redacted again under `d`; `None` when it holds no
    /// repeat. Masking changes what a sanitizer reads (the rows of an INSERT, the words of a
    /// command line), so what comes out must be read once more for a second pass over it to
    /// find nothing new.
    pub(crate) fn redact_record_repeats(
        &self,
        d: FieldDecision,
        path: &[u8],
        hay: &str,
        sc: &mut Scratch,
        sink: &mut ReportSink<'_>,
    ) -> Option<String> {
        let masked = into_string(self.mask_record_repeats(
            hay.as_bytes(),
            &sc.record,
            &mut sc.actions,
            sink,
        )?);
        let reread = match d {
            FieldDecision::Scan => true,
            FieldDecision::Field(i) => matches!(
                self.compiled.fields[i as usize].replacement,
                Replacement::Sanitize(_)
            ),
            FieldDecision::Keep | FieldDecision::Remove => false,
        };
        if !reread {
            return Some(masked);
        }
        let was = sc.record.pause();
        let outcome = self.apply_decision(d, path, Scalar::Str(&masked), sc, sink);
        sc.record.resume(was);
        Some(match outcome {
            AttributeOutcome::Replace(again) => again.into_owned(),
            // Scan and sanitizers keep or replace: the masked value stands.
            AttributeOutcome::Keep | AttributeOutcome::Remove => masked,
        })
    }

    /// `hay` with every standalone occurrence of a secret in `secrets` replaced as the rule
    /// that found it replaces it, each counted; `None` when there is none.
    pub(crate) fn mask_record_repeats(
        &self,
        hay: &[u8],
        secrets: &RecordSecrets,
        state: &mut ActionState,
        sink: &mut ReportSink<'_>,
    ) -> Option<Vec<u8>> {
        if secrets.is_empty() {
            return None;
        }
        let found = secrets.occurrences(hay);
        if found.is_empty() {
            return None;
        }
        let mut out = Vec::with_capacity(hay.len());
        let mut at = 0;
        for (start, end, index) in found {
            out.extend_from_slice(&hay[at..start]);
            let (secret, origin) = secrets.get(index);
            self.write_repeat(secret, origin, state, &mut out, sink);
            at = end;
        }
        out.extend_from_slice(&hay[at..]);
        Some(out)
    }

    /// Writes what replaces a repeat of `secret`, and counts it under its rule.
    fn write_repeat(
        &self,
        secret: &[u8],
        origin: Origin,
        state: &mut ActionState,
        out: &mut Vec<u8>,
        sink: &mut ReportSink<'_>,
    ) {
        let inner = &*self.compiled;
        let (replacement, label, rule) = match origin {
            Origin::Content(r) => {
                let c = &inner.content[r as usize];
                (&c.replacement, &c.mask_label, r as usize)
            }
            Origin::Field(r) => {
                let f = &inner.fields[r as usize];
                (
                    &f.replacement,
                    &f.mask_label,
                    inner.content.len() + r as usize,
                )
            }
            Origin::Sanitized(r) => {
                let f = &inner.fields[r as usize];
                out.extend_from_slice(f.mask_label.as_bytes());
                sink.add(inner.content.len() + r as usize, Some(ActionKind::Mask));
                return;
            }
        };
        let applied = replacement.write(secret, &mut inner.writer(state), label, out);
        sink.applied(rule, applied);
    }
}

#[cfg(test)]
mod tests {
    use super::{Origin, RecordSecrets};

    fn collecting() -> RecordSecrets {
        let mut r = RecordSecrets::default();
        r.begin();
        r
    }

    #[test]
    fn a_field_value_is_known_whole_or_after_its_scheme() {
        let mut r = collecting();
        r.add_field_value(b" hunter2x ", 0);
        r.add_field_value(b"Bearer abcdef123456", 1);
        r.add_field_value(b"my secret phrase", 2);
        r.add_field_value(b"${DB_PASSWORD}", 3);
        r.add_field_value(b"undefined", 4);
        let known: Vec<_> = (0..r.known.len()).map(|i| r.get(i)).collect();
        assert_eq!(
            known,
            [
                (&b"hunter2x"[..], Origin::Field(0)),
                (&b"abcdef123456"[..], Origin::Field(1))
            ]
        );
    }

    #[test]
    fn nothing_is_collected_outside_a_record_and_the_list_is_bounded() {
        let mut r = RecordSecrets::default();
        r.add_field_value(b"hunter2x", 0);
        assert!(r.is_empty());
        r.begin();
        for i in 0..40 {
            r.add_field_value(format!("secret-{i:03}").as_bytes(), 0);
        }
        assert_eq!(r.known.len(), super::MAX_RECORD_SECRETS);
        r.end();
        assert!(r.is_empty());
    }

    #[test]
    fn occurrences_are_standalone_and_do_not_overlap() {
        let mut r = collecting();
        r.add_field_value(b"abc123xyz", 0);
        r.add_field_value(b"abc123xyz99", 1);
        let hay = b"x abc123xyz99 abc123xyz zabc123xyz abc123xyz";
        let found = r.occurrences(hay);
        let texts: Vec<&[u8]> = found.iter().map(|&(a, b, _)| &hay[a..b]).collect();
        assert_eq!(texts, [&b"abc123xyz99"[..], b"abc123xyz", b"abc123xyz"]);
        assert_eq!(found[0].2, 1);
    }

    #[test]
    fn what_a_sanitizer_removed_is_known() {
        let mut r = collecting();
        let before = b"https://admin:Pa55word-9@db.example.com/x?token=abcdef123456&page=2";
        let after = b"https://REDACTED:REDACTED@db.example.com/x?token=REDACTED&page=2";
        r.add_removed_tokens(before, after, 7);
        let known: Vec<_> = (0..r.known.len()).map(|i| r.get(i)).collect();
        assert_eq!(
            known,
            [
                (&b"Pa55word-9"[..], Origin::Sanitized(7)),
                (&b"abcdef123456"[..], Origin::Sanitized(7))
            ]
        );
    }
}
