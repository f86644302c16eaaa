//! Per-thread scratch space: automaton caches, buffers and memos, so that redacting
//! allocates nothing when there is nothing to redact.

use super::fields::DecisionCache;
use super::record::RecordSecrets;
use super::render::Region;
use crate::compile::action_state::ActionState;
use crate::compile::keys::KeyScratch;
use crate::redact::memo::CleanMemo;
use crate::scan;

/// Per-thread scratch: automaton caches and buffers, so that searching allocates nothing.
pub(crate) struct Scratch {
    pub m: scan::Scratch,
    pub keys: KeyScratch,
    pub allow_keys: Option<KeyScratch>,
    pub path: String,
    pub decisions: DecisionCache,
    /// Buffers of the fixpoint rescan.
    pub rendered: Vec<u8>,
    pub(super) regions: Vec<Region>,
    pub saved: Vec<scan::Span>,
    /// The output of a sanitizer, before the content rules.
    pub sanitized: String,
    /// Attribute values that came out unchanged lately (see `memo.rs`).
    pub clean: CleanMemo,
    /// Rendered texts in which a fixpoint rescan found nothing outside labels (see
    /// `fixpoint.rs`).
    pub settled: CleanMemo,
    /// Values the structure walk has visited in the current call (see `limits.max_nodes`).
    pub nodes: usize,
    /// The secrets of the record being redacted (see `record.rs`).
    pub record: RecordSecrets,
    /// The SQL dialect of the record being redacted, from its `db.system.name`.
    pub sql_dialect: crate::SqlDialect,
    /// The record's token key id and pseudonym numbers (see `compile/action_state.rs`).
    pub actions: ActionState,
}
