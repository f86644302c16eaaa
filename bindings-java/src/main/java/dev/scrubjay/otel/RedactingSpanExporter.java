package dev.scrubjay.otel;

import dev.scrubjay.Engine;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Supplier;
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
 * Given a {@link Meter}, the exporter counts what each export redacted, and the spans it dropped,
 * on it ({@link RedactionMetrics}).
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

  /**
   * Wraps {@code delegate} with an engine of the default policy, closed on shutdown, and records
   * what each export redacts on {@code meter} (null for none; see {@link RedactionMetrics}).
   */
  public RedactingSpanExporter(SpanExporter delegate, Meter meter) {
    this(delegate, new Engine(), true, ExportScrubbing.metricsOf(meter));
  }

  /**
   * Wraps {@code delegate} with {@code engine}, which stays the caller's to close, and records
   * what each export redacts on {@code meter} (null for none): each export is scrubbed into a
   * fresh {@link dev.scrubjay.Report} whose counts are added to the counters of {@link
   * RedactionMetrics}.
   */
  public RedactingSpanExporter(SpanExporter delegate, Engine engine, Meter meter) {
    this(delegate, engine, false, ExportScrubbing.metricsOf(meter));
  }

  RedactingSpanExporter(SpanExporter delegate, Engine engine, boolean ownsEngine) {
    this(delegate, engine, ownsEngine, ExportScrubbing.NO_METRICS);
  }

  /** {@code metrics} supplies the metrics an export is recorded on when it starts (null: none). */
  RedactingSpanExporter(
      SpanExporter delegate,
      Engine engine,
      boolean ownsEngine,
      Supplier<RedactionMetrics> metrics) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.scrubbing = new ExportScrubbing(engine, ownsEngine, metrics, LOG, "a span");
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

  /** The metrics exports are recorded on now, or null. */
  RedactionMetrics metrics() {
    return scrubbing.metrics();
  }

  @Override
  public String toString() {
    return "RedactingSpanExporter{" + delegate + "}";
  }
}
