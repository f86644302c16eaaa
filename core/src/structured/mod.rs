//! Structured values: one walk over nested maps and lists (JSON, OTLP/JSON), building the
//! key path as it goes, with two visitors: [`Engine::redact_json`](crate::Engine::redact_json) replaces values in place,
//! [`Engine::scan_json`](crate::Engine::scan_json) reports what redacting would change.
//!
//! # The walk's contract (what every binding's own walk over native values follows)
//! - A member's key path is its parent's path, a `.`, and its key; list items share their
//!   list's path. The root object is the attributes map itself.
//! - A container gets a decision from the field rules like any key (default-deny descends
//!   into containers); `keep` leaves it whole, `remove` drops it, a field action applies to
//!   every scalar below it.
//! - A scalar item of a list is judged again as a leaf of the list's key; a command-line
//!   option in a list (`["--db-password", "x"]`) passes its field action to the next item.
//! - A named value (`{"name": "DB_PASSWORD", "value": "…"}`, `Key`/`Value`,
//!   `ParameterKey`/`ParameterValue`) below the root is decided by its name.
//! - OTLP key/value pairs (`{"key": …, "value": {"stringValue": …}}`) are named by their
//!   `key`; a replaced non-string scalar becomes a `stringValue`.
//! - An AnyValue that is not one OTLP writes (several members, a list without `values`, an
//!   object under `stringValue`) is walked as plain JSON, never skipped.
//! - Repeats: once every value is redacted, a record that held a secret (a field rule's value,
//!   a context rule's secret; see `redact/record.rs`) is walked again and each standalone
//!   occurrence of one in a string value not under `keep` is replaced as its rule replaces it.
//!   A binding that walks a map itself does the same with `AttributeScope::has_repeats` and
//!   `AttributeScope::mask_repeats`, or sends a map with nested values whole.
//! - Every value (container or scalar) counts once against `limits.max_nodes`, depth-first
//!   from the root, members in order (an AnyValue counts once with its scalar). Past
//!   `limits.max_depth` or `limits.max_nodes`, a value is replaced by a fail-closed marker
//!   (`too_deep`, `too_large`) and counted.
//!
//! May import `redact`, `report`, `scan` and `policy`.

mod named;
mod otlp;
mod redact_json;
mod repeats;
mod scan_json;
mod token_key;
mod walk;
