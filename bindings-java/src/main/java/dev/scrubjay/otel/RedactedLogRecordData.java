package dev.scrubjay.otel;

import dev.scrubjay.Engine;
import dev.scrubjay.Report;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.logs.data.Body;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.resources.Resource;

/**
 * A scrubbed copy of a log record: body, event name, attributes ({@code exception.*} included),
 * resource and scope attributes. Timestamps, severity, span context and the scope's name are the
 * original record's.
 */
final class RedactedLogRecordData implements LogRecordData {
  private final LogRecordData record;
  private final Value<?> body;
  private final String eventName;
  private final Attributes attributes;
  private final Resource resource;
  private final InstrumentationScopeInfo scope;

  RedactedLogRecordData(
      LogRecordData record,
      Engine engine,
      Report report,
      Resource resource,
      InstrumentationScopeInfo scope) {
    this.record = record;
    this.scope = scope;
    this.body = OtelValues.redact(engine, record.getBodyValue(), report);
    String event = record.getEventName();
    this.eventName = event == null ? null : engine.redact(event, report);
    this.attributes = OtelAttributes.redact(engine, record.getAttributes(), report);
    this.resource = resource;
  }

  @Override
  public Resource getResource() {
    return resource;
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return scope;
  }

  @Override
  public long getTimestampEpochNanos() {
    return record.getTimestampEpochNanos();
  }

  @Override
  public long getObservedTimestampEpochNanos() {
    return record.getObservedTimestampEpochNanos();
  }

  @Override
  public SpanContext getSpanContext() {
    return record.getSpanContext();
  }

  @Override
  public Severity getSeverity() {
    return record.getSeverity();
  }

  @Override
  public String getSeverityText() {
    return record.getSeverityText();
  }

  @Override
  @Deprecated
  public Body getBody() {
    return body == null ? Body.empty() : Body.string(body.asString());
  }

  @Override
  public Value<?> getBodyValue() {
    return body;
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public int getTotalAttributeCount() {
    return record.getTotalAttributeCount();
  }

  @Override
  public String getEventName() {
    return eventName;
  }

  @Override
  public String toString() {
    return "RedactedLogRecordData{body=" + body + ", attributes=" + attributes + "}";
  }
}
