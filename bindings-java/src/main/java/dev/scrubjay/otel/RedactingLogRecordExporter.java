package dev.scrubjay.otel;

import dev.scrubjay.Engine;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import java.util.Collection;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Wraps any {@link LogRecordExporter}: it receives scrubbed copies of the log records (body,
 * attributes and resource redacted; timestamps, severity and span context intact). A record
 * that cannot be redacted (the engine was closed) is dropped, never exported as it was.
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

  RedactingLogRecordExporter(LogRecordExporter delegate, Engine engine, boolean ownsEngine) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.scrubbing = new ExportScrubbing(engine, ownsEngine, LOG, "a log record");
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

  @Override
  public String toString() {
    return "RedactingLogRecordExporter{" + delegate + "}";
  }
}
