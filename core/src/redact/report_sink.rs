//! Where counts go while redacting.

use crate::compile::actions::Applied;
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
    /// Counts one value replaced under rule `rule` (engine numbering), and why it was masked
    /// instead when its action could not run (a hash or token key unavailable).
    pub(crate) fn applied(&mut self, rule: usize, applied: Applied) {
        self.add(rule, applied.kind);
        if let Some(reason) = applied.failed {
            self.fail(reason);
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
