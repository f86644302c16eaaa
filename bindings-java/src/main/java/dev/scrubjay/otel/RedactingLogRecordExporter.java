package dev.scrubjay.otel;

import dev.scrubjay.Engine;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Wraps any {@link LogRecordExporter}: it receives scrubbed copies of the log records (body,
 * attributes and resource redacted; timestamps, severity and span context intact). A record
 * that cannot be redacted (the engine was closed) is dropped, never exported as it was. Given a
 * {@link Meter}, the exporter counts what each export redacted, and the records it dropped, on it
 * ({@link RedactionMetrics}).
 */
public final class RedactingLogRecordExporter implements LogRecordExporter {
  private static final Logger LOG = Logger.getLogger(RedactingLogRecordExporter.class.getName());

  private final LogRecordExporter delegate;
  private final ExportScrubbing scrubbing;

  /** Wraps {@code delegate} with an engine of the default policy, closed on shutdown. */
  public RedactingLogRecordExporter(LogRecordExporter delegate) {
    this(delegate, new Engine(), true);
  }

  /** Wraps {@code delegate} with {@code engine}, which stays the caller's to close. */
  public RedactingLogRecordExporter(LogRecordExporter delegate, Engine engine) {
    this(delegate, engine, false);
  }

  /**
   * Wraps {@code delegate} with an engine of the default policy, closed on shutdown, and records
   * what each export redacts on {@code meter} (null for none; see {@link RedactionMetrics}).
   */
  public RedactingLogRecordExporter(LogRecordExporter delegate, Meter meter) {
    this(delegate, new Engine(), true, ExportScrubbing.metricsOf(meter));
  }

  /**
   * Wraps {@code delegate} with {@code engine}, which stays the caller's to close, and records
   * what each export redacts on {@code meter} (null for none): each export is scrubbed into a
   * fresh {@link dev.scrubjay.Report} whose counts are added to the counters of {@link
   * RedactionMetrics}.
   */
  public RedactingLogRecordExporter(LogRecordExporter delegate, Engine engine, Meter meter) {
    this(delegate, engine, false, ExportScrubbing.metricsOf(meter));
  }

  RedactingLogRecordExporter(LogRecordExporter delegate, Engine engine, boolean ownsEngine) {
    this(delegate, engine, ownsEngine, ExportScrubbing.NO_METRICS);
  }

  /** {@code metrics} supplies the metrics an export is recorded on when it starts (null: none). */
  RedactingLogRecordExporter(
      LogRecordExporter delegate,
      Engine engine,
      boolean ownsEngine,
      Supplier<RedactionMetrics> metrics) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.scrubbing = new ExportScrubbing(engine, ownsEngine, metrics, LOG, "a log record");
  }

  @Override
  public CompletableResultCode export(Collection<LogRecordData> logs) {
    return delegate.export(
        scrubbing.copies(
            logs,
            LogRecordData::getResource,
            LogRecordData::getInstrumentationScopeInfo,
            RedactedLogRecordData::new));
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
    return "RedactingLogRecordExporter{" + delegate + "}";
  }
}
