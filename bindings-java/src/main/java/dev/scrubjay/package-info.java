/**
 * The Java binding of scrubjay: {@link dev.scrubjay.Engine} redacts strings, bytes and attribute
 * maps with a compiled policy, through the one Rust engine every scrubjay binding shares (JNI;
 * the native library is bundled in the jar). {@code dev.scrubjay.otel} wraps OpenTelemetry
 * exporters and is an agent extension.
 */
package dev.scrubjay;
