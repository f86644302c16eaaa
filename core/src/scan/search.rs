//! The search of one value: the short path (one byte loop) and the long path (literal
//! search merged with the byte-anchor scan).

use super::literals::LiteralCursor;
use super::literals::LiteralPairs;
use super::resolve;
use super::verify::Budget;
use super::Abort;
use super::Matcher;
use super::Scratch;
use super::Strategy;

impl Matcher {
    /// [`Matcher::find`], with the caller choosing the path so that tests can check that the
    /// paths agree.
    pub(super) fn find_in(
        &self,
        hay: &[u8],
        sc: &mut Scratch,
        allow: &dyn Fn(&[u8]) -> bool,
        path: Strategy,
    ) -> Result<(), Abort> {
        sc.spans.clear();
        sc.recent = [(u8::MAX, usize::MAX); 4];
        sc.quote = usize::MAX;
        sc.angle = usize::MAX;
        let mut budget = Budget::for_input(hay.len());
        if path == Strategy::Short {
            if let Some(pairs) = &self.literals.pairs {
                if self.bytes.mark_bit == 0 {
                    self.find_marks(hay, sc);
                }
                self.find_short(hay, pairs, sc, &mut budget, allow)?;
                self.text_passes(hay, sc, allow);
                resolve(&mut sc.spans);
                return Ok(());
            }
        }
        let mut cursor = LiteralCursor::new();
        let mut next_lit = self.next_literal(hay, 0, &mut cursor);
        let mut i = 0;
        let scan_bytes = !self.bytes.kinds.is_empty();
        let vector_scan = scan_bytes
            && self.bytes.vector_scan
            && matches!(path, Strategy::Vectors | Strategy::Wide);
        if !scan_bytes || (!vector_scan && self.bytes.mark_bit == 0) {
            self.find_marks(hay, sc);
        }
        loop {
            let stop = next_lit.map_or(hay.len(), |(_, start)| start);
            if scan_bytes {
                if vector_scan {
                    self.scan_vectors(path, hay, i, stop, sc, &mut budget, allow)?;
                } else {
                    self.scan_table(hay, i, stop, sc, &mut budget, allow)?;
                }
            }
            i = stop;
            match next_lit {
                None => break,
                Some((lit, start)) => {
                    self.on_literal(hay, lit, start, sc, &mut budget, allow)?;
                    next_lit = self.next_literal(hay, start + 1, &mut cursor);
                }
            }
        }
        self.text_passes(hay, sc, allow);
        resolve(&mut sc.spans);
        Ok(())
    }

    /// [`Matcher::find`] for short values: one loop over the bytes looks up each pair of
    /// bytes in the literal table and each byte in the anchor table, in the order the long
    /// path visits them (a literal before the byte anchors at the same position).
    fn find_short(
        &self,
        hay: &[u8],
        pairs: &LiteralPairs,
        sc: &mut Scratch,
        budget: &mut Budget,
        allow: &dyn Fn(&[u8]) -> bool,
    ) -> Result<(), Abort> {
        let mut silenced = 0u8;
        // Every byte but the last with the one after it (a literal needs two bytes)...
        for (p, pair) in hay.windows(2).enumerate() {
            let (b, next) = (pair[0], pair[1]);
            if pairs.may_start(b, next) {
                if let Some(lit) = pairs.literal_at(hay, p, &self.literals.texts) {
                    self.on_literal(hay, lit, p, sc, budget, allow)?;
                }
            }
            let fire = self.bytes.mask[b as usize] & !silenced;
            silenced = self.bytes.suppress[b as usize];
            if fire != 0 {
                self.on_byte(fire, hay, p, sc, budget, allow)?;
            }
        }
        // ...then the last byte, which can only be a byte anchor.
        if let Some(&b) = hay.last() {
            let fire = self.bytes.mask[b as usize] & !silenced;
            if fire != 0 {
                self.on_byte(fire, hay, hay.len() - 1, sc, budget, allow)?;
            }
        }
        Ok(())
    }
}
