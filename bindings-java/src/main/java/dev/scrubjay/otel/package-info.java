/**
 * OpenTelemetry Java: {@link dev.scrubjay.otel.RedactingSpanExporter} and {@link
 * dev.scrubjay.otel.RedactingLogRecordExporter} hand the exporter they wrap scrubbed copies;
 * {@link dev.scrubjay.otel.ScrubjayCustomizerProvider} wraps the Java agent's exporters ({@code
 * -Dotel.javaagent.extensions=scrubjay.jar}); {@link dev.scrubjay.otel.RedactionMetrics} counts
 * what the exporters redact, per rule, on a meter the application passes (or, with {@code
 * otel.scrubjay.metrics.enabled=true}, the autoconfigured SDK's). The OpenTelemetry SDK is not
 * bundled: it is the application's, or the agent's.
 */
package dev.scrubjay.otel;
