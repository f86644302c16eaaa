//! Custom patterns and validator lists: syntax checked with positions, anchors and family
//! derived from the pattern's literal prefixes or first bytes.

use regex_syntax::hir::literal::{ExtractKind, Extractor};

use crate::policy::error::PolicyError;
use crate::policy::ValidatorSpec;
use crate::rules::builtin::{Anchor, Back, ByteAnchor, Family, LiteralGate};
use crate::rules::validators::Validator;
use crate::scan::AnchorSpec;
use crate::text::bytes::ByteSet;

/// A custom pattern, analysed: its anchors, its family, and whether it names a `secret` group.
pub(super) struct PatternShape {
    pub anchors: Vec<AnchorSpec>,
    pub family: Family,
    pub has_secret: bool,
}

pub(super) fn parse_validators(
    specs: &[ValidatorSpec],
    rule: &str,
) -> Result<Vec<Validator>, PolicyError> {
    specs
        .iter()
        .enumerate()
        .map(|(i, s)| match s {
            ValidatorSpec::Name(n) => Validator::from_name(n).ok_or_else(|| {
                PolicyError::new(format!(
                    "unknown validator `{n}`; known: {}",
                    Validator::NAMES.join(", ")
                ))
                .rule(rule)
                .field(format!("validators[{i}]"))
            }),
            ValidatorSpec::Entropy { entropy } if (0.0..=8.0).contains(entropy) => {
                Ok(Validator::Entropy(*entropy))
            }
            ValidatorSpec::Entropy { .. } => Err(PolicyError::new(
                "entropy is in bits per byte, between 0 and 8",
            )
            .rule(rule)
            .field(format!("validators[{i}]"))),
        })
        .collect()
}

/// A builtin anchor as matcher specs (one per literal prefix).
pub(super) fn anchor_specs(a: &Anchor) -> Vec<AnchorSpec> {
    match *a {
        Anchor::Prefix(lits) => lits
            .iter()
            .map(|l| AnchorSpec::Literal {
                text: l.as_bytes().to_vec(),
                back: Back::None,
                gate: LiteralGate::Open,
            })
            .collect(),
        Anchor::Inner(lit, back, gate) => vec![AnchorSpec::Literal {
            text: lit.as_bytes().to_vec(),
            back,
            gate,
        }],
        Anchor::Byte(b) => vec![AnchorSpec::Byte(b)],
    }
}

/// Checks a pattern's syntax with errors that carry the position and, for look-around and
/// back-references, a hint.
pub(super) fn check_regex(pattern: &str) -> Result<regex_syntax::hir::Hir, PolicyError> {
    let mut parser = regex_syntax::ParserBuilder::new().utf8(false).build();
    parser.parse(pattern).map_err(|e| {
        let (pos, msg) = match &e {
            regex_syntax::Error::Parse(pe) => {
                use regex_syntax::ast::ErrorKind::*;
                let hint = match pe.kind() {
                    UnsupportedLookAround => {
                        "; look-around is not supported (matching stays linear-time): match the context instead, \
                         name the part to replace with a `(?P<secret>...)` group, or add a validator \
                         (luhn, entropy, not_epoch, ...)"
                    }
                    UnsupportedBackreference => {
                        "; back-references are not supported (matching stays linear-time): use a validator instead"
                    }
                    _ => "",
                };
                (pe.span().start.offset, format!("{}{hint}", pe.kind()))
            }
            regex_syntax::Error::Translate(te) => (te.span().start.offset, te.kind().to_string()),
            other => (0, other.to_string()),
        };
        PolicyError::new(msg).at(pos)
    })
}

/// Parses a custom pattern and derives its anchors and family.
pub(super) fn analyse_pattern(pattern: &str) -> Result<PatternShape, PolicyError> {
    let hir = check_regex(pattern)?;
    if hir.properties().minimum_len() == Some(0) {
        return Err(PolicyError::new("the pattern can match the empty string"));
    }
    let has_secret = hir.properties().explicit_captures_len() > 0
        && (pattern.contains("(?P<secret") || pattern.contains("(?<secret"));
    // Literal prefixes make the rule cheap to find.
    let mut ex = Extractor::new();
    ex.kind(ExtractKind::Prefix).limit_total(64);
    let mut seq = ex.extract(&hir);
    // Short common prefixes: `TICKET-[0-9]` anchors on `TICKET-`, not on ten literals.
    if let Some(lcp) = seq
        .longest_common_prefix()
        .filter(|p| p.len() >= 2)
        .map(<[u8]>::to_vec)
    {
        seq = regex_syntax::hir::literal::Seq::new([lcp]);
    } else if let Some(min) = seq.min_literal_len() {
        seq.keep_first_bytes(min.clamp(1, 8));
        seq.dedup();
    }
    if let Some(lits) = seq.literals() {
        if !lits.is_empty() && lits.len() <= 64 && lits.iter().all(|l| l.as_bytes().len() >= 2) {
            let anchors = lits
                .iter()
                .map(|l| AnchorSpec::Literal {
                    text: l.as_bytes().to_vec(),
                    back: Back::None,
                    gate: LiteralGate::Open,
                })
                .collect();
            return Ok(PatternShape {
                anchors,
                family: Family::Prefix,
                has_secret,
            });
        }
    }
    // Otherwise every byte that can start a match is an anchor.
    let mut ex = Extractor::new();
    ex.kind(ExtractKind::Prefix)
        .limit_literal_len(1)
        .limit_class(256)
        .limit_total(256);
    let seq = ex.extract(&hir);
    let mut bytes = ByteSet::EMPTY;
    match seq.literals() {
        Some(lits) if lits.iter().all(|l| !l.as_bytes().is_empty()) => {
            for l in lits {
                bytes.insert(l.as_bytes()[0]);
            }
        }
        _ => {
            for b in 0..=255u8 {
                bytes.insert(b);
            }
        }
    }
    let anchor = AnchorSpec::Byte(ByteAnchor {
        bytes,
        back: Back::None,
        run_start: false,
        at: true,
        gate: ByteSet::EMPTY,
    });
    Ok(PatternShape {
        anchors: vec![anchor],
        family: Family::Custom,
        has_secret,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_pattern_anchors() {
        let PatternShape {
            anchors: a,
            family: f,
            has_secret: s,
        } = analyse_pattern("TICKET-[0-9]{6}").unwrap();
        assert_eq!(f, Family::Prefix);
        assert!(!s);
        assert!(matches!(&a[0], AnchorSpec::Literal { text, .. } if text == b"TICKET-"));
        let f = analyse_pattern("[a-z]+@corp").unwrap().family;
        assert_eq!(f, Family::Custom);
        let s = analyse_pattern("pin=(?P<secret>[0-9]{4})")
            .unwrap()
            .has_secret;
        assert!(s);
    }

    #[test]
    fn lookaround_error_points_to_validators() {
        let Err(e) = analyse_pattern(r"(?<=pin=)\d{4}") else {
            panic!("look-behind accepted")
        };
        assert!(e.message.contains("validator"), "{}", e.message);
        assert_eq!(e.position, Some(0));
        let Err(e) = analyse_pattern(r"(a)\1") else {
            panic!("back-reference accepted")
        };
        assert!(e.message.contains("back-references"), "{}", e.message);
        assert_eq!(e.position, Some(3));
    }
}
