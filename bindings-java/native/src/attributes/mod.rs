//! A map of attributes in one native call.
//!
//! The Java side (`dev.scrubjay.internal.AttributeEncoder`) writes the map, nested maps and
//! lists included, into a *packet* of flat arrays, walking it as the core's walk does
//! (`core/src/structured/mod.rs`: nodes counted depth-first from the root, containers cut at
//! `limits.max_depth`, values past `limits.max_nodes` sent as null, cycles and shared
//! containers written as `"[Circular]"` and `"[Shared]"`). The packet, in pre-order:
//!
//! | kind (`byte`) | value | reads |
//! | --- | --- | --- |
//! | 0 `NULL`, 4 `FALSE`, 5 `TRUE` | | nothing more |
//! | 1 `STRING` | text | the next text |
//! | 2 `LONG`, 3 `DOUBLE` | number (a double as its raw bits) | the next number |
//! | 6 `MAP` | entry count, then per entry a key and a value node | the next number, texts |
//! | 7 `LIST` | item count, then the items | the next number |
//!
//! Texts are one `char[]` with their end offsets in an `int[]`; numbers one `long[]`.
//!
//! Two ways through, chosen here, as the Python and Node bindings choose them:
//! - [`flat`]: a map whose values are all scalars (the usual span) is redacted entry by entry
//!   under one `AttributeScope`, told first what the map says about all its values
//!   (`AttributeScope::note`), with the repeats pass, and only what changed comes back;
//! - [`tree`]: anything else (nested values, a map past `limits.max_nodes`, a lone surrogate,
//!   a value that `note` would read that is not a string) goes through the core's tree walk
//!   whole and comes back as a packet.

mod flat;
mod packet;
mod tree;

use jni::objects::{JByteArray, JCharArray, JClass, JIntArray, JLongArray};
use jni::sys::{jint, jlong, jobject};
use jni::JNIEnv;

use crate::boundary::guard;
use crate::engine::engine;
use crate::report::with_report;

/// What one call made of the map.
enum Redacted {
    /// Every entry kept.
    Unchanged,
    /// The flat path's changes.
    Flat(flat::Changes),
    /// The tree path's whole map.
    Tree(packet::Writer),
}

/// Redacts one attribute map sent as a packet (see the module docs). Returns null when every
/// entry is kept; a `String` for the flat path (`outcomes[i]` is -1 keep, -2 remove, or the
/// end, in UTF-16 units, of entry i's replacement in the string, which starts where the
/// previous replacement ended); or `Object[] {byte[] kinds, long[] numbers, int[] ends,
/// String text}`, the redacted map as a packet, for the tree path. `dropped` strings were
/// left out by the Java side (past its text budget) and are counted as failed closed.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "system" fn Java_dev_scrubjay_internal_NativeMethods_redactAttributes<'local>(
    mut env: JNIEnv<'local>,
    _class: JClass<'local>,
    handle: jlong,
    report: jlong,
    kinds: JByteArray<'local>,
    kind_count: jint,
    numbers: JLongArray<'local>,
    number_count: jint,
    text: JCharArray<'local>,
    ends: JIntArray<'local>,
    text_count: jint,
    dropped: jint,
    outcomes: JIntArray<'local>,
) -> jobject {
    guard(&mut env, std::ptr::null_mut(), |env| {
        let e = engine(handle)?;
        let input = packet::Packet::read(
            env,
            packet::Arrays {
                kinds: (&kinds, kind_count),
                numbers: (&numbers, number_count),
                text: &text,
                ends: (&ends, text_count),
            },
        )?;
        let max_nodes = e.policy().limits.max_nodes;
        let redacted = with_report(report, |mut r| {
            if let Some(r) = r.as_deref_mut() {
                r.add_fail_closed(scrubjay::FailReason::TooLarge, dropped.max(0) as u64);
            }
            let flat = flat::entries(&input, max_nodes)
                .and_then(|entries| Some((flat::scope(e, &entries)?, entries)));
            match flat {
                Some((scope, entries)) => Ok(
                    flat::redact(scope, &entries, r).map_or(Redacted::Unchanged, Redacted::Flat)
                ),
                None => tree::redact(e, &input, r).map(Redacted::Tree),
            }
        })??;
        match redacted {
            Redacted::Unchanged => Ok(std::ptr::null_mut()),
            Redacted::Flat(changes) => {
                env.set_int_array_region(&outcomes, 0, &changes.outcomes)?;
                crate::text::new_string_utf16(env, &changes.text)
            }
            Redacted::Tree(out) => Ok(out.to_java(env)?.into_raw()),
        }
    })
}
