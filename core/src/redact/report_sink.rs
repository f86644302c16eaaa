//! Where counts go while redacting.

use crate::compile::actions::{Hasher, Replacement};
use crate::report::ActionKind;
use crate::report::FailReason;
use crate::report::Report;

/// Where counts go while redacting: the caller's report, or nowhere (`ReportSink(None)`)
/// when the call has none.
pub(crate) struct ReportSink<'a>(pub Option<&'a mut Report>);

impl ReportSink<'_> {
    #[inline]
    pub(crate) fn add(&mut self, rule: usize, action: Option<ActionKind>) {
        if let Some(r) = self.0.as_deref_mut() {
            r.add(rule, action);
        }
    }
    /// Counts one value replaced by `replacement` under rule `rule` (engine numbering), and a
    /// hash written as a mask because its key is unavailable.
    pub(crate) fn replaced(&mut self, rule: usize, replacement: &Replacement, hasher: &Hasher) {
        self.add(rule, replacement.kind(hasher));
        if matches!(replacement, Replacement::Hash { .. }) && !hasher.available() {
            self.fail(FailReason::HashKeyUnavailable);
        }
    }

    #[inline]
    pub(crate) fn fail(&mut self, reason: FailReason) {
        if let Some(r) = self.0.as_deref_mut() {
            r.fail(reason);
        }
    }
    #[inline]
    pub(crate) fn deny(&mut self) {
        if let Some(r) = self.0.as_deref_mut() {
            r.deny();
        }
    }
}
