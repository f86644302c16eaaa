//! The native half of the Java binding (`libscrubjay_jni`, loaded by
//! `dev.scrubjay.internal.NativeMethods`): conversions between Java values and the core's,
//! and nothing else. Every redaction decision is made by the `scrubjay` crate.
//!
//! Conventions, stated once here:
//! - Every exported function runs behind one panic boundary (`boundary::guard`): a panic, or
//!   a JNI call that fails, becomes a Java exception, never an unwind into the JVM.
//! - Java strings cross as UTF-16 (`text.rs`); a lone surrogate becomes U+FFFD before the
//!   engine sees it, so such text is scanned like any other and never handed back unscanned.
//! - Engines, key rings and reports are `Box`es leaked into a `long` handle. The Java side
//!   (`NativeResource`) counts the calls in flight and frees a handle once, after the last.
//! - A map of attributes crosses in one call as a packet of flat arrays (`attributes/`).

mod attributes;
mod boundary;
mod engine;
mod keyring;
mod report;
mod strings;
mod text;
