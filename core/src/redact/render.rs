//! Rendering: a value with its spans replaced by what their rules write.

use super::report_sink::ReportSink;
use super::Engine;
use crate::scan;

impl Engine {
    /// `hay` with `spans` replaced, each counted.
    pub(super) fn render_counted(
        &self,
        hay: &[u8],
        spans: &[scan::Span],
        sink: &mut ReportSink<'_>,
    ) -> Vec<u8> {
        let inner = &*self.compiled;
        let mut out = Vec::with_capacity(self.rendered_len(hay, spans));
        self.render(hay, spans, &mut out, None);
        for s in spans {
            let r = &inner.content[s.rule as usize];
            sink.replaced(s.rule as usize, &r.replacement, &inner.hasher);
        }
        out
    }

    /// Exact length of `hay` with `spans` replaced.
    fn rendered_len(&self, hay: &[u8], spans: &[scan::Span]) -> usize {
        let inner = &*self.compiled;
        spans.iter().fold(hay.len(), |len, s| {
            let r = &inner.content[s.rule as usize];
            len - (s.end - s.start)
                + r.replacement
                    .output_len(&hay[s.start..s.end], &inner.hasher, &r.mask_label)
        })
    }

    /// Writes `hay` with `spans` replaced into `out`; with `regions`, records where each
    /// replacement landed (`(out_start, out_end, hay_start, hay_end)`).
    pub(super) fn render(
        &self,
        hay: &[u8],
        spans: &[scan::Span],
        out: &mut Vec<u8>,
        mut regions: Option<&mut Vec<Region>>,
    ) {
        let inner = &*self.compiled;
        if let Some(r) = regions.as_deref_mut() {
            r.clear();
        }
        let mut at = 0;
        for s in spans {
            let r = &inner.content[s.rule as usize];
            out.extend_from_slice(&hay[at..s.start]);
            let out_start = out.len();
            r.replacement
                .write(&hay[s.start..s.end], &inner.hasher, &r.mask_label, out);
            if let Some(regions) = regions.as_deref_mut() {
                regions.push(Region {
                    out_start,
                    out_end: out.len(),
                    hay_start: s.start,
                    hay_end: s.end,
                });
            }
            at = s.end;
        }
        out.extend_from_slice(&hay[at..]);
    }
}

/// Where one replacement sits in a rendered text and in its source.
#[derive(Clone, Copy, Debug)]
pub(super) struct Region {
    pub(super) out_start: usize,
    pub(super) out_end: usize,
    pub(super) hay_start: usize,
    pub(super) hay_end: usize,
}
