package dev.scrubjay.otel;

import dev.scrubjay.Engine;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Wraps any {@link SpanExporter}: finished spans are read-only, so the exporter receives
 * scrubbed copies ({@link SpanData} with redacted attributes, event names and attributes, link
 * attributes, status description and resource; ids and timings intact).
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
  private final Engine engine;
  private final boolean ownsEngine;
  private final ResourceCache resources = new ResourceCache();

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
    this.engine = Objects.requireNonNull(engine, "engine");
    this.ownsEngine = ownsEngine;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    List<SpanData> scrubbed = new ArrayList<>(spans.size());
    for (SpanData span : spans) {
      try {
        scrubbed.add(new RedactedSpanData(span, engine, resources.redact(engine, span.getResource())));
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "scrubjay: a span could not be redacted and is dropped", e);
      }
    }
    return delegate.export(scrubbed);
  }

  @Override
  public CompletableResultCode flush() {
    return delegate.flush();
  }

  @Override
  public CompletableResultCode shutdown() {
    CompletableResultCode result = delegate.shutdown();
    if (ownsEngine) {
      result.whenComplete(engine::close);
    }
    return result;
  }

  /** The engine it redacts with. */
  Engine engine() {
    return engine;
  }

  @Override
  public String toString() {
    return "RedactingSpanExporter{" + delegate + "}";
  }
}
