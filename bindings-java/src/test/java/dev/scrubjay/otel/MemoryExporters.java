package dev.scrubjay.otel;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.logs.ConfigurableLogRecordExporterProvider;
import io.opentelemetry.sdk.autoconfigure.spi.traces.ConfigurableSpanExporterProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The SDK's in-memory exporters under the exporter name {@code scrubjay-test-memory}, for
 * autoconfiguration to configure (and the extension to wrap) like any exporter.
 */
public final class MemoryExporters {
  static final String NAME = "scrubjay-test-memory";
  static volatile InMemorySpanExporter spans;
  static volatile InMemoryLogRecordExporter logs;

  private MemoryExporters() {}

  public static final class Spans implements ConfigurableSpanExporterProvider {
    @Override
    public SpanExporter createExporter(ConfigProperties config) {
      spans = InMemorySpanExporter.create();
      return spans;
    }

    @Override
    public String getName() {
      return NAME;
    }
  }

  public static final class Logs implements ConfigurableLogRecordExporterProvider {
    @Override
    public LogRecordExporter createExporter(ConfigProperties config) {
      logs = InMemoryLogRecordExporter.create();
      return logs;
    }

    @Override
    public String getName() {
      return NAME;
    }
  }
}
