package dev.scrubjay.otel;

import dev.scrubjay.Engine;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Wraps any {@link SpanExporter}: finished spans are read-only, so the exporter receives
 * scrubbed copies ({@link SpanData} with redacted name, attributes, event names and attributes,
 * link attributes, status description and resource; ids and timings intact).
 *
 * <pre>{@code
 * SdkTracerProvider.builder()
 *     .addSpanProcessor(BatchSpanProcessor.builder(new RedactingSpanExporter(otlpExporter)).build())
 * }</pre>
 *
 * <p>A span that cannot be redacted (the engine was closed) is dropped, never exported as it was.
 */
public final class RedactingSpanExporter implements SpanExporter {
  private static final Logger LOG = Logger.getLogger(RedactingSpanExporter.class.getName());

  private final SpanExporter delegate;
  private final ExportScrubbing scrubbing;

  /** Wraps {@code delegate} with an engine of the default policy, closed on shutdown. */
  public RedactingSpanExporter(SpanExporter delegate) {
    this(delegate, new Engine(), true);
  }

  /** Wraps {@code delegate} with {@code engine}, which stays the caller's to close. */
  public RedactingSpanExporter(SpanExporter delegate, Engine engine) {
    this(delegate, engine, false);
  }

  RedactingSpanExporter(SpanExporter delegate, Engine engine, boolean ownsEngine) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.scrubbing = new ExportScrubbing(engine, ownsEngine, LOG, "a span");
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    return delegate.export(
        scrubbing.copies(
            spans,
            SpanData::getResource,
            SpanData::getInstrumentationScopeInfo,
            RedactedSpanData::new));
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    return scrubbing.shutdown(delegate.shutdown());
  }

  /** The engine it redacts with. */
  Engine engine() {
    return scrubbing.engine();
  }

  @Override
  public String toString() {
    return "RedactingSpanExporter{" + delegate + "}";
  }
}
