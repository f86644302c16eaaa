//! Rendering: a value with its spans replaced by what their rules write.

use super::report_sink::ReportSink;
use super::Engine;
use crate::compile::action_state::ActionState;
use crate::scan;

impl Engine {
    /// `hay` with `spans` replaced, each counted.
    pub(super) fn render_counted(
        &self,
        hay: &[u8],
        spans: &[scan::Span],
        state: &mut ActionState,
        sink: &mut ReportSink<'_>,
    ) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.rendered_len(hay, spans));
        self.render(hay, spans, state, &mut out, Rendering::Counted(sink));
        out
    }

    /// Byte length of `hay` with `spans` replaced, for sizing the buffer.
    fn rendered_len(&self, hay: &[u8], spans: &[scan::Span]) -> usize {
        let inner = &*self.compiled;
        spans.iter().fold(hay.len(), |len, s| {
            let r = &inner.content[s.rule as usize];
            len - (s.end - s.start)
                + r.replacement
                    .output_len(&hay[s.start..s.end], &inner.hasher, &r.mask_label)
        })
    }

    /// Writes `hay` with `spans` replaced into `out`: counted, or only to be rescanned (then
    /// recording where each replacement landed, and giving no pseudonym number away).
    pub(super) fn render(
        &self,
        hay: &[u8],
        spans: &[scan::Span],
        state: &mut ActionState,
        out: &mut Vec<u8>,
        mut how: Rendering<'_, '_>,
    ) {
        let inner = &*self.compiled;
        let mark = state.mark();
        if let Rendering::Rescan(r) = &mut how {
            r.clear();
        }
        let mut w = inner.writer(state);
        let mut at = 0;
        for s in spans {
            let r = &inner.content[s.rule as usize];
            out.extend_from_slice(&hay[at..s.start]);
            let out_start = out.len();
            let applied = r
                .replacement
                .write(&hay[s.start..s.end], &mut w, &r.mask_label, out);
            match &mut how {
                Rendering::Counted(sink) => sink.applied(s.rule as usize, applied),
                Rendering::Rescan(regions) => regions.push(Region {
                    out_start,
                    out_end: out.len(),
                    hay_start: s.start,
                    hay_end: s.end,
                }),
            }
            at = s.end;
        }
        out.extend_from_slice(&hay[at..]);
        if matches!(how, Rendering::Rescan(_)) {
            state.rewind(mark);
        }
    }
}

/// What a rendering is for.
pub(super) enum Rendering<'r, 's> {
    /// The result: each replacement counted.
    Counted(&'r mut ReportSink<'s>),
    /// A text to rescan: where each replacement landed.
    Rescan(&'r mut Vec<Region>),
}

/// Where one replacement sits in a rendered text and in its source.
#[derive(Clone, Copy, Debug)]
pub(super) struct Region {
    pub(super) out_start: usize,
    pub(super) out_end: usize,
    pub(super) hay_start: usize,
    pub(super) hay_end: usize,
}
