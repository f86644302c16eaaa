package dev.scrubjay.otel;

import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension found through {@code META-INF/services} by SDK autoconfiguration (what the
 * Java agent runs): it wraps the configured exporters.
 */
class CustomizerProviderTest {
  private static OpenTelemetrySdk sdk(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>();
    props.put("otel.service.name", "shop");
    props.put("otel.traces.exporter", MemoryExporters.NAME);
    props.put("otel.logs.exporter", MemoryExporters.NAME);
    props.put("otel.metrics.exporter", "none");
    props.putAll(extra);
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> props)
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

  @Test
  void itCanBeTurnedOff() {
    assertEquals("jane@example.com", export(Map.of("otel.scrubjay.enabled", "false")).get("user.email"));
  }
}
