//! The free-text passes: secrets that only the text's structure names, SQL credentials
//! after a quote (`sql.rs`) and XML elements after a `<` (`xml.rs`).

mod sql;
mod xml;

use super::Matcher;
use super::Scratch;
use super::Span;

impl Matcher {
    /// Notes the first `'` and `<` for [`Matcher::text_passes`] where no scan does it on the
    /// way: the byte tables mark them with `mark_bit`, the vectorised scan chunk by chunk.
    pub(super) fn find_marks(&self, hay: &[u8], sc: &mut Scratch) {
        if self.text_pass_rule.is_some() {
            sc.quote = memchr::memchr(b'\'', hay).unwrap_or(usize::MAX);
            sc.angle = memchr::memchr(b'<', hay).unwrap_or(usize::MAX);
        }
    }

    /// The secrets of free text that only its structure names, when the policy's rules name
    /// them: SQL credentials after a quote (`sql.rs`), XML elements after a `<`
    /// (`xml.rs`). The marks tell whether the search met either.
    #[inline(always)]
    pub(super) fn text_passes(&self, hay: &[u8], sc: &mut Scratch, allow: &dyn Fn(&[u8]) -> bool) {
        // Most values have neither mark: no call then.
        if self.text_pass_rule.is_some() && sc.quote.min(sc.angle) < hay.len() {
            self.marked_text_passes(hay, sc, allow);
        }
    }

    /// [`Matcher::text_passes`] on a value with a mark.
    #[inline(never)]
    fn marked_text_passes(&self, hay: &[u8], sc: &mut Scratch, allow: &dyn Fn(&[u8]) -> bool) {
        let Some(rule) = self.text_pass_rule else {
            return;
        };
        let (quote, angle) = (sc.quote, sc.angle);
        let mut found = |start: usize, end: usize| {
            if !allow(&hay[start..end]) {
                sc.spans.push(Span { start, end, rule });
            }
        };
        if quote < hay.len() {
            sql::find(hay, quote, &mut found);
        }
        if angle < hay.len() {
            xml::find(hay, angle, &mut found);
        }
    }
}
