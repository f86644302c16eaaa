package dev.scrubjay.otel;

import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scrubjay.Engine;
import dev.scrubjay.Report;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/**
 * {@link RedactionMetrics}, alone and through the exporters, read back with the SDK's {@link
 * InMemoryMetricReader}.
 */
class RedactionMetricsTest {
  /** An SDK meter provider and the reader that collects its metrics. */
  static final class Meters {
    final InMemoryMetricReader reader = InMemoryMetricReader.create();
    final SdkMeterProvider provider = SdkMeterProvider.builder().registerMetricReader(reader).build();

    Meter meter() {
      return provider.get("scrubjay");
    }

    Map<String, Long> redactions() {
      return counts(reader, RedactionMetrics.REDACTIONS);
    }

    Map<String, Long> failedClosed() {
      return counts(reader, RedactionMetrics.FAILED_CLOSED);
    }
  }

  /**
   * The points of the counter {@code name}, keyed by their one attribute's value ({@code rule}
   * or {@code reason}); empty when the counter has none.
   */
  static Map<String, Long> counts(InMemoryMetricReader reader, String name) {
    Map<String, Long> out = new TreeMap<>();
    for (MetricData m : reader.collectAllMetrics()) {
      if (!m.getName().equals(name)) {
        continue;
      }
      assertEquals(MetricDataType.LONG_SUM, m.getType(), m.toString());
      assertTrue(m.getLongSumData().isMonotonic(), m.toString());
      boolean redactions = name.equals(RedactionMetrics.REDACTIONS);
      assertEquals(redactions ? "{redaction}" : "{value}", m.getUnit());
      assertEquals(
          redactions
              ? "Values redacted by scrubjay, per rule"
              : "Values or items scrubjay replaced or dropped whole instead of scanning, per reason",
          m.getDescription());
      AttributeKey<String> key = redactions ? RedactionMetrics.RULE : RedactionMetrics.REASON;
      for (LongPointData p : m.getLongSumData().getPoints()) {
        assertEquals(1, p.getAttributes().size(), p.toString());
        out.merge(p.getAttributes().get(key), p.getValue(), Long::sum);
      }
    }
    return out;
  }

  private static final String TOO_LARGE = "x".repeat(1_048_577); // max_value_bytes + 1

  private static final Resource RESOURCE =
      Resource.create(
          Attributes.of(stringKey("service.name"), "shop", stringKey("service.owner"), "ops@example.com"));

  private static final InstrumentationScopeInfo SCOPE =
      InstrumentationScopeInfo.builder("shop.mailer")
          .setVersion("1.0")
          .setAttributes(Attributes.of(stringKey("deploy.owner"), "ops@example.com"))
          .build();

  /**
   * A finished span with e-mails in its name, an attribute and an event name, a password, and a
   * value past the default policy's max_value_bytes; its resource and scope hold an e-mail each.
   */
  private static SpanData span() {
    return TestSpanData.builder()
        .setSpanContext(SpanContext.getInvalid())
        .setName("reset for jane@example.com")
        .setKind(SpanKind.SERVER)
        .setStartEpochNanos(1)
        .setEndEpochNanos(2)
        .setHasEnded(true)
        .setStatus(StatusData.unset())
        .setResource(RESOURCE)
        .setInstrumentationScopeInfo(SCOPE)
        .setAttributes(
            Attributes.of(
                stringKey("user.email"), "jane@example.com",
                stringKey("db.password"), "hunter2",
                stringKey("http.request.method"), "POST",
                stringKey("app.blob"), TOO_LARGE))
        .setEvents(List.of(EventData.create(1, "mail to joe@example.org", Attributes.empty())))
        .setTotalRecordedEvents(1)
        .build();
  }

  @Test
  void spanExportsRecordTheirRedactionsPerRule() {
    Meters meters = new Meters();
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    try (Engine engine = new Engine()) {
      RedactingSpanExporter exporter = new RedactingSpanExporter(memory, engine, meters.meter());
      assertTrue(meters.redactions().isEmpty(), "nothing is recorded before an export");
      exporter.export(List.of(span()));
      exporter.export(List.of(span()));
    }
    List<SpanData> spans = memory.getFinishedSpanItems();
    assertEquals(2, spans.size());
    SpanData got = spans.get(0);
    assertEquals("reset for [REDACTED:email]", got.getName());
    assertEquals("[REDACTED:email]", got.getAttributes().get(stringKey("user.email")));
    assertEquals("[REDACTED:password]", got.getAttributes().get(stringKey("db.password")));
    assertEquals("[REDACTED:too_large]", got.getAttributes().get(stringKey("app.blob")));
    assertEquals("mail to [REDACTED:email]", got.getEvents().get(0).getName());
    assertEquals("[REDACTED:email]", got.getInstrumentationScopeInfo().getAttributes().get(stringKey("deploy.owner")));
    assertEquals("[REDACTED:email]", got.getResource().getAttribute(stringKey("service.owner")));
    // Per span: the name's, the attribute's and the event name's e-mails, the password and the
    // value too large to scan; once: the resource's and the scope's e-mails, scrubbed once and
    // shared by both exports.
    assertEquals(Map.of("email", 8L, "password", 2L), meters.redactions());
    assertEquals(Map.of("too_large", 2L), meters.failedClosed());
  }

  @Test
  void theMetricsAreTheEnginesReportOfTheSameWork() {
    Meters meters = new Meters();
    try (Engine engine = new Engine()) {
      Report report = engine.newReport();
      engine.redact("reset for jane@example.com", report);
      engine.redact("mail to joe@example.org", report);
      Map<String, Object> attributes = new java.util.LinkedHashMap<>();
      span().getAttributes().forEach((k, v) -> attributes.put(k.getKey(), v));
      engine.redactAttributes(attributes, report);
      engine.redactAttributes(Map.of("service.name", "shop", "service.owner", "ops@example.com"), report);
      engine.redactAttributes(Map.of("deploy.owner", "ops@example.com"), report);
      new RedactingSpanExporter(InMemorySpanExporter.create(), engine, meters.meter())
          .export(List.of(span()));
      assertEquals(report.counts(), meters.redactions());
      assertEquals(Map.of("too_large", 1L), meters.failedClosed());
      assertEquals(1L, report.failClosed().get("too_large"));
    }
  }

  @Test
  void logRecordExportsRecordTheirRedactions() {
    Meters meters = new Meters();
    InMemoryLogRecordExporter memory = InMemoryLogRecordExporter.create();
    try (Engine engine = new Engine()) {
      SdkLoggerProvider provider =
          SdkLoggerProvider.builder()
              .addLogRecordProcessor(
                  SimpleLogRecordProcessor.create(
                      new RedactingLogRecordExporter(memory, engine, meters.meter())))
              .build();
      Logger logger = provider.get("shop");
      logger
          .logRecordBuilder()
          .setBody("login failed for jane@example.org")
          .setAttribute(stringKey("db.password"), "hunter2")
          .emit();
      logger.logRecordBuilder().setBody("card 4111 1111 1111 1111").emit();
      List<LogRecordData> logs = memory.getFinishedLogRecordItems();
      assertEquals("login failed for [REDACTED:email]", logs.get(0).getBodyValue().asString());
      assertEquals(
          Map.of("email", 1L, "password", 1L, "credit_card", 1L), meters.redactions());
      assertEquals(Map.of(), meters.failedClosed());
      provider.close();
    }
  }

  @Test
  void attributesTheAllowListRemovesCountUnderAllowKeys() {
    Meters meters = new Meters();
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    try (Engine engine = new Engine("{\"version\": 1, \"allow\": {\"keys\": [\"http.*\"]}}")) {
      SpanData span =
          TestSpanData.builder()
              .setSpanContext(SpanContext.getInvalid())
              .setName("GET")
              .setKind(SpanKind.SERVER)
              .setStartEpochNanos(1)
              .setEndEpochNanos(2)
              .setHasEnded(true)
              .setStatus(StatusData.unset())
              .setAttributes(
                  Attributes.of(
                      stringKey("http.request.method"), "GET",
                      stringKey("user.id"), "42",
                      stringKey("note"), "x"))
              .build();
      new RedactingSpanExporter(memory, engine, meters.meter()).export(List.of(span));
    }
    Attributes exported = memory.getFinishedSpanItems().get(0).getAttributes();
    assertEquals(Attributes.of(stringKey("http.request.method"), "GET"), exported);
    assertEquals(Map.of(RedactionMetrics.DENIED_RULE, 2L), meters.redactions());
  }

  @Test
  void aSpanThatCannotBeRedactedCountsAsRedactionFailed() {
    Meters meters = new Meters();
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    Engine engine = new Engine();
    RedactingSpanExporter exporter = new RedactingSpanExporter(memory, engine, meters.meter());
    engine.close();
    java.util.logging.Logger log = java.util.logging.Logger.getLogger(RedactingSpanExporter.class.getName());
    Level level = log.getLevel();
    log.setLevel(Level.OFF); // the drop's warning is RedactingExportersTest's to check
    try {
      exporter.export(List.of(span(), span()));
    } finally {
      log.setLevel(level);
    }
    assertEquals(List.of(), memory.getFinishedSpanItems());
    assertEquals(Map.of(RedactionMetrics.DROPPED_REASON, 2L), meters.failedClosed());
    assertEquals(Map.of(), meters.redactions());
  }

  @Test
  void withoutAMeterNothingIsRecorded() {
    try (Engine engine = new Engine()) {
      InMemorySpanExporter memory = InMemorySpanExporter.create();
      RedactingSpanExporter exporter = new RedactingSpanExporter(memory, engine, (Meter) null);
      assertNull(exporter.metrics());
      exporter.export(List.of(span()));
      assertEquals("reset for [REDACTED:email]", memory.getFinishedSpanItems().get(0).getName());
      assertNull(new RedactingSpanExporter(memory, engine).metrics());
      assertNull(new RedactingLogRecordExporter(InMemoryLogRecordExporter.create(), engine).metrics());
    }
    Meters meters = new Meters();
    RedactingLogRecordExporter owning =
        new RedactingLogRecordExporter(InMemoryLogRecordExporter.create(), meters.meter());
    assertNotNull(owning.metrics());
    assertFalse(owning.engine().isClosed());
    owning.shutdown().join(5, java.util.concurrent.TimeUnit.SECONDS);
    assertTrue(owning.engine().isClosed(), "the exporter made its engine and closes it");
  }

  @Test
  void aReportOfYourOwnIsRecordedTheSameWay() {
    Meters meters = new Meters();
    RedactionMetrics metrics = new RedactionMetrics(meters.meter());
    try (Engine engine = new Engine()) {
      Report report = engine.newReport();
      engine.redact("mail jane@example.org or joe@example.com", report);
      metrics.record(report);
      assertEquals(Map.of("email", 2L), meters.redactions());
      // Zero counts (every fail-closed reason here) add no point.
      assertEquals(Map.of(), meters.failedClosed());
      metrics.record(report, 3);
      assertEquals(Map.of("email", 4L), meters.redactions());
      assertEquals(Map.of(RedactionMetrics.DROPPED_REASON, 3L), meters.failedClosed());
      metrics.record(null, 1);
      assertEquals(Map.of(RedactionMetrics.DROPPED_REASON, 4L), meters.failedClosed());
    }
  }
}
