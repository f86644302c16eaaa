package dev.scrubjay.otel;

import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension found through {@code META-INF/services} by SDK autoconfiguration (what the
 * Java agent runs): it wraps the configured exporters.
 */
class CustomizerProviderTest {
  private static OpenTelemetrySdk sdk(Map<String, String> extra) {
    return sdk(extra, null);
  }

  /** The autoconfigured SDK; {@code reader} (when not null) reads its meter provider. */
  private static OpenTelemetrySdk sdk(Map<String, String> extra, InMemoryMetricReader reader) {
    Map<String, String> props = new HashMap<>();
    props.put("otel.service.name", "shop");
    props.put("otel.traces.exporter", MemoryExporters.NAME);
    props.put("otel.logs.exporter", MemoryExporters.NAME);
    props.put("otel.metrics.exporter", "none");
    props.putAll(extra);
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> props)
        .addMeterProviderCustomizer(
            (meters, config) -> reader == null ? meters : meters.registerMetricReader(reader))
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
  }

  /** The exported attributes of one span carrying an e-mail and an order number. */
  private static Map<String, String> export(Map<String, String> props) {
    OpenTelemetrySdk sdk = sdk(props);
    try {
      Span span = sdk.getTracer("shop").spanBuilder("checkout").startSpan();
      span.setAttribute("user.email", "jane@example.com");
      span.setAttribute("app.order", "ORD-123456");
      span.end();
      sdk.getSdkTracerProvider().forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
      List<SpanData> spans = MemoryExporters.spans.getFinishedSpanItems();
      assertEquals(1, spans.size());
      SpanData s = spans.get(0);
      return Map.of(
          "user.email", s.getAttributes().get(stringKey("user.email")),
          "app.order", s.getAttributes().get(stringKey("app.order")));
    } finally {
      sdk.close();
    }
  }

  @Test
  void theDefaultPolicyWrapsTheConfiguredExporters() {
    OpenTelemetrySdk sdk = sdk(Map.of());
    try {
      io.opentelemetry.sdk.trace.SdkTracerProvider tracing = sdk.getSdkTracerProvider();
      assertTrue(tracing.toString().contains("RedactingSpanExporter"), tracing.toString());
      assertTrue(
          sdk.getSdkLoggerProvider().toString().contains("RedactingLogRecordExporter"),
          sdk.getSdkLoggerProvider().toString());
    } finally {
      sdk.close();
    }
    assertEquals("[REDACTED:email]", export(Map.of()).get("user.email"));
  }

  @Test
  void aPolicyFileIsUsed(@TempDir Path dir) throws Exception {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, "version: 1\nbuiltins: []\ncontent:\n  - id: order\n    pattern: 'ORD-[0-9]{6}'\n");
    Map<String, String> out = export(Map.of("otel.scrubjay.policy.file", policy.toString()));
    assertEquals("jane@example.com", out.get("user.email"));
    assertTrue(out.get("app.order").startsWith("[REDACTED"), out.toString());
  }

  @Test
  void anInvalidPolicyFileStopsTheConfiguration(@TempDir Path dir) throws Exception {
    Path policy = dir.resolve("policy.json");
    Files.writeString(policy, "{\"version\": 1, \"content\": [{\"id\": \"bad\", \"pattern\": \"abc[0-9\"}]}");
    RuntimeException e =
        assertThrows(
            RuntimeException.class,
            () -> sdk(Map.of("otel.scrubjay.policy.file", policy.toString())).close());
    String messages = e + " " + e.getCause();
    assertTrue(messages.contains("scrubjay") && messages.contains("bad"), messages);
  }

  /** What a span and a log record with an e-mail each make the exporters record, per rule. */
  private static Map<String, Long> redactionsRecorded(Map<String, String> props) {
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    OpenTelemetrySdk sdk = sdk(props, reader);
    try {
      Span span = sdk.getTracer("shop").spanBuilder("checkout").startSpan();
      span.setAttribute("user.email", "jane@example.com");
      span.setAttribute("db.password", "hunter2");
      span.end();
      sdk.getLogsBridge()
          .get("shop")
          .logRecordBuilder()
          .setBody("login failed for jane@example.com")
          .emit();
      sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
      sdk.getSdkLoggerProvider().forceFlush().join(10, TimeUnit.SECONDS);
      assertEquals(
          "[REDACTED:email]",
          MemoryExporters.spans.getFinishedSpanItems().get(0).getAttributes().get(stringKey("user.email")));
      assertEquals(
          "login failed for [REDACTED:email]",
          MemoryExporters.logs.getFinishedLogRecordItems().get(0).getBodyValue().asString());
      assertEquals(
          Map.of(), RedactionMetricsTest.counts(reader, RedactionMetrics.FAILED_CLOSED));
      return RedactionMetricsTest.counts(reader, RedactionMetrics.REDACTIONS);
    } finally {
      sdk.close();
    }
  }

  @Test
  void metricsGoToTheSdksMeterProviderWhenTurnedOn() {
    Map<String, Long> on = redactionsRecorded(Map.of("otel.scrubjay.metrics.enabled", "true"));
    assertEquals(Map.of("email", 2L, "password", 1L), on);
  }

  @Test
  void metricsAreOffByDefault() {
    assertEquals(Map.of(), redactionsRecorded(Map.of()));
    assertEquals(Map.of(), redactionsRecorded(Map.of("otel.scrubjay.metrics.enabled", "false")));
  }

  @Test
  void itCanBeTurnedOff() {
    assertEquals("jane@example.com", export(Map.of("otel.scrubjay.enabled", "false")).get("user.email"));
  }
}
