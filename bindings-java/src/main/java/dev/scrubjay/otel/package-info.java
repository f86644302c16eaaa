/**
 * OpenTelemetry Java: {@link dev.scrubjay.otel.RedactingSpanExporter} and {@link
 * dev.scrubjay.otel.RedactingLogRecordExporter} hand the exporter they wrap scrubbed copies;
 * {@link dev.scrubjay.otel.ScrubjayCustomizerProvider} wraps the Java agent's exporters ({@code
 * -Dotel.javaagent.extensions=scrubjay.jar}). The OpenTelemetry SDK is not bundled: it is the
 * application's, or the agent's.
 */
package dev.scrubjay.otel;
