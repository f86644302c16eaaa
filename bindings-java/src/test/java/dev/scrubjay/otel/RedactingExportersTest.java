package dev.scrubjay.otel;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longArrayKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scrubjay.Engine;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.testing.logs.TestLogRecordData;
import io.opentelemetry.sdk.testing.trace.TestSpanData;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The exporters with the SDK's in-memory exporters behind them. */
class RedactingExportersTest {
  private static final List<String> SECRETS =
      List.of("jane@example.com", "4111 1111 1111 1111", "hunter2", "tok_abc123", "peer@example.com");

  private static final Resource RESOURCE =
      Resource.create(
          Attributes.of(
              stringKey("service.name"), "shop",
              stringKey("process.command_line"), "java -jar app.jar --db-password=hunter2"));

  private static void assertClean(Object exported) {
    String text = exported.toString();
    for (String secret : SECRETS) {
      assertFalse(text.contains(secret), () -> secret + " leaked: " + text);
    }
  }

  @Test
  void spansAreExportedAsScrubbedCopiesWithIdsAndTimingsIntact() {
    InMemorySpanExporter scrubbed = InMemorySpanExporter.create();
    InMemorySpanExporter raw = InMemorySpanExporter.create();
    try (Engine engine = new Engine()) {
      SdkTracerProvider provider =
          SdkTracerProvider.builder()
              .setResource(RESOURCE)
              .addSpanProcessor(SimpleSpanProcessor.create(new RedactingSpanExporter(scrubbed, engine)))
              .addSpanProcessor(SimpleSpanProcessor.create(raw))
              .build();
      Tracer tracer = provider.get("shop");
      Span peer = tracer.spanBuilder("peer").startSpan();
      peer.end();
      Span span =
          tracer
              .spanBuilder("checkout")
              .addLink(peer.getSpanContext(), Attributes.of(stringKey("peer.email"), "peer@example.com"))
              .startSpan();
      span.setAttribute("url.full", "https://shop.example.com/pay?token=tok_abc123&page=2");
      span.setAttribute("user.email", "jane@example.com");
      span.setAttribute(longKey("http.response.status_code"), 200L);
      span.setAttribute(doubleKey("app.ratio"), 0.5);
      span.setAttribute(booleanKey("app.cached"), true);
      span.setAttribute(stringArrayKey("app.recipients"), List.of("jane@example.com", "team"));
      span.setAttribute(longArrayKey("app.sizes"), List.of(1L, 2L));
      span.addEvent("login for jane@example.com", Attributes.of(stringKey("enduser.id"), "jane@example.com"));
      span.recordException(new IllegalStateException("card 4111 1111 1111 1111 declined"));
      span.setStatus(StatusCode.ERROR, "failed for jane@example.com");
      span.end();

      SpanData got = scrubbed.getFinishedSpanItems().get(1);
      SpanData original = raw.getFinishedSpanItems().get(1);
      assertEquals("checkout", got.getName());
      assertClean(got);
      assertClean(got.getResource());
      assertTrue(original.toString().contains("jane@example.com"), "the test must hold secrets");

      Attributes a = got.getAttributes();
      assertEquals("https://shop.example.com/pay?token=REDACTED&page=2", a.get(stringKey("url.full")));
      assertEquals("[REDACTED:email]", a.get(stringKey("user.email")));
      assertEquals(200L, a.get(longKey("http.response.status_code")));
      assertEquals(0.5, a.get(doubleKey("app.ratio")));
      assertEquals(true, a.get(booleanKey("app.cached")));
      assertEquals(List.of("[REDACTED:email]", "team"), a.get(stringArrayKey("app.recipients")));
      assertEquals(List.of(1L, 2L), a.get(longArrayKey("app.sizes")));

      EventData login = got.getEvents().get(0);
      assertEquals("login for [REDACTED:email]", login.getName());
      EventData exception = got.getEvents().get(1);
      assertEquals("exception", exception.getName());
      assertEquals(
          "card [REDACTED:credit_card] declined",
          exception.getAttributes().get(stringKey("exception.message")));
      assertEquals(
          "[REDACTED:email]", got.getLinks().get(0).getAttributes().get(stringKey("peer.email")));
      assertEquals("failed for [REDACTED:email]", got.getStatus().getDescription());
      assertEquals(StatusCode.ERROR, got.getStatus().getStatusCode());
      assertEquals("shop", got.getResource().getAttribute(stringKey("service.name")));

      assertEquals(original.getSpanContext(), got.getSpanContext());
      assertEquals(original.getParentSpanContext(), got.getParentSpanContext());
      assertEquals(original.getStartEpochNanos(), got.getStartEpochNanos());
      assertEquals(original.getEndEpochNanos(), got.getEndEpochNanos());
      assertEquals(original.getKind(), got.getKind());
      assertEquals(original.getEvents().get(0).getEpochNanos(), login.getEpochNanos());
      assertEquals(original.getLinks().get(0).getSpanContext(), got.getLinks().get(0).getSpanContext());
      assertEquals(original.getTotalAttributeCount(), got.getTotalAttributeCount());
      provider.close();
    }
  }

  @Test
  void spanNamesAreScrubbedAndRouteTemplatesKept() {
    InMemorySpanExporter scrubbed = InMemorySpanExporter.create();
    try (Engine engine = new Engine()) {
      SdkTracerProvider provider =
          SdkTracerProvider.builder()
              .addSpanProcessor(SimpleSpanProcessor.create(new RedactingSpanExporter(scrubbed, engine)))
              .build();
      Tracer tracer = provider.get("shop");
      tracer.spanBuilder("GET /reset?token=abc123").startSpan().end();
      tracer.spanBuilder("GET /users/{id}").startSpan().end();
      List<SpanData> spans = scrubbed.getFinishedSpanItems();
      assertEquals("GET /reset?token=[REDACTED:secret_kv]", spans.get(0).getName());
      assertEquals("GET /users/{id}", spans.get(1).getName());
      provider.close();
    }
  }

  @Test
  void scopeAttributesAreScrubbedAndTheScopeIdentityKept() {
    InstrumentationScopeInfo scope =
        InstrumentationScopeInfo.builder("shop.mailer")
            .setVersion("1.0")
            .setAttributes(Attributes.of(stringKey("mail.sender"), "jane@example.com"))
            .build();
    SpanData span =
        TestSpanData.builder()
            .setSpanContext(SpanContext.getInvalid())
            .setName("send")
            .setKind(SpanKind.INTERNAL)
            .setStartEpochNanos(1)
            .setEndEpochNanos(2)
            .setHasEnded(true)
            .setStatus(StatusData.unset())
            .setInstrumentationScopeInfo(scope)
            .build();
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
    try (Engine engine = new Engine()) {
      RedactingSpanExporter spanExporter = new RedactingSpanExporter(spans, engine);
      spanExporter.export(List.of(span, span));
      LogRecordData record =
          TestLogRecordData.builder().setBody("queued").setInstrumentationScopeInfo(scope).build();
      new RedactingLogRecordExporter(logs, engine).export(List.of(record));
    }
    List<SpanData> exported = spans.getFinishedSpanItems();
    InstrumentationScopeInfo first = exported.get(0).getInstrumentationScopeInfo();
    assertEquals("shop.mailer", first.getName());
    assertEquals("1.0", first.getVersion());
    assertEquals("[REDACTED:email]", first.getAttributes().get(stringKey("mail.sender")));
    assertTrue(first == exported.get(1).getInstrumentationScopeInfo(), "one copy per scope");
    InstrumentationScopeInfo logScope = logs.getFinishedLogRecordItems().get(0).getInstrumentationScopeInfo();
    assertEquals("[REDACTED:email]", logScope.getAttributes().get(stringKey("mail.sender")));
  }

  @Test
  void logRecordsAreExportedScrubbed() {
    InMemoryLogRecordExporter memory = InMemoryLogRecordExporter.create();
    try (Engine engine = new Engine()) {
      SdkLoggerProvider provider =
          SdkLoggerProvider.builder()
              .setResource(RESOURCE)
              .addLogRecordProcessor(
                  SimpleLogRecordProcessor.create(new RedactingLogRecordExporter(memory, engine)))
              .build();
      Logger logger = provider.get("shop");
      logger
          .logRecordBuilder()
          .setSeverity(Severity.WARN)
          .setEventName("login.failed jane@example.com")
          .setBody("login failed for jane@example.com")
          .setAttribute(stringKey("db.password"), "hunter2")
          .setAttribute(stringKey("exception.message"), "card 4111 1111 1111 1111 declined")
          .emit();
      logger
          .logRecordBuilder()
          .setBody(
              Value.of(
                  KeyValue.of("user", Value.of("jane@example.com")),
                  KeyValue.of("attempts", Value.of(3L))))
          .emit();

      List<LogRecordData> logs = memory.getFinishedLogRecordItems();
      assertEquals(2, logs.size());
      LogRecordData first = logs.get(0);
      assertEquals("login failed for [REDACTED:email]", first.getBodyValue().asString());
      assertEquals("[REDACTED:password]", first.getAttributes().get(stringKey("db.password")));
      assertEquals(Severity.WARN, first.getSeverity());
      assertEquals("login.failed [REDACTED:email]", first.getEventName());
      assertClean(first);
      assertClean(first.getResource());
      assertClean(first.getBodyValue());
      LogRecordData second = logs.get(1);
      assertNull(second.getEventName());
      assertClean(second.getBodyValue());
      assertTrue(second.getBodyValue().asString().contains("[REDACTED:email]"), second.getBodyValue().asString());
      assertTrue(second.getBodyValue().asString().contains("3"), second.getBodyValue().asString());
      provider.close();
    }
  }

  @Test
  void aSpanThatCannotBeRedactedIsDroppedNotExported() {
    InMemorySpanExporter memory = InMemorySpanExporter.create();
    Engine engine = new Engine();
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new RedactingSpanExporter(memory, engine)))
            .build();
    engine.close();
    // The drop is logged as a warning: collected here rather than printed.
    java.util.logging.Logger log =
        java.util.logging.Logger.getLogger(RedactingSpanExporter.class.getName());
    List<LogRecord> warnings = new ArrayList<>();
    Handler collect =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            warnings.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    log.addHandler(collect);
    log.setUseParentHandlers(false);
    try {
      Span span = provider.get("shop").spanBuilder("checkout").startSpan();
      span.setAttribute("user.email", "jane@example.com");
      span.end();
    } finally {
      log.removeHandler(collect);
      log.setUseParentHandlers(true);
    }
    assertEquals(List.of(), memory.getFinishedSpanItems());
    assertEquals(1, warnings.size());
    assertEquals(Level.WARNING, warnings.get(0).getLevel());
    provider.close();
  }

  @Test
  void anOwnedEngineIsClosedOnShutdown() {
    RedactingSpanExporter exporter = new RedactingSpanExporter(InMemorySpanExporter.create());
    assertFalse(exporter.engine().isClosed());
    exporter.shutdown().join(5, java.util.concurrent.TimeUnit.SECONDS);
    assertTrue(exporter.engine().isClosed());
    try (Engine mine = new Engine()) {
      new RedactingSpanExporter(InMemorySpanExporter.create(), mine).shutdown();
      assertFalse(mine.isClosed());
    }
  }
}
