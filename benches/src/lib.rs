//! Shared corpora and the naive baseline for the benches.
