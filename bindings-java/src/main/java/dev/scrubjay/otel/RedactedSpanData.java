package dev.scrubjay.otel;

import dev.scrubjay.Engine;
import dev.scrubjay.Report;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.util.ArrayList;
import java.util.List;

/**
 * A scrubbed copy of a finished span: its name (a raw URL with a token in it; a route template
 * stays as it is), attributes, event names and attributes (exception messages and stack traces
 * are event attributes), link attributes, the status description, the resource and the scope's
 * attributes. Ids, kinds, timings and counts are the original span's.
 */
final class RedactedSpanData extends DelegatingSpanData {
  private final String name;
  private final Attributes attributes;
  private final List<EventData> events;
  private final List<LinkData> links;
  private final StatusData status;
  private final Resource resource;
  private final InstrumentationScopeInfo scope;

  RedactedSpanData(
      SpanData span,
      Engine engine,
      Report report,
      Resource resource,
      InstrumentationScopeInfo scope) {
    super(span);
    this.scope = scope;
    this.name = engine.redact(span.getName(), report);
    this.attributes = OtelAttributes.redact(engine, span.getAttributes(), report);
    this.events = new ArrayList<>(span.getEvents().size());
    for (EventData e : span.getEvents()) {
      // A plain event: an ExceptionEventData would still carry the Throwable and its message.
      events.add(
          EventData.create(
              e.getEpochNanos(),
              engine.redact(e.getName(), report),
              OtelAttributes.redact(engine, e.getAttributes(), report),
              e.getTotalAttributeCount()));
    }
    this.links = new ArrayList<>(span.getLinks().size());
    for (LinkData l : span.getLinks()) {
      links.add(
          LinkData.create(
              l.getSpanContext(),
              OtelAttributes.redact(engine, l.getAttributes(), report),
              l.getTotalAttributeCount()));
    }
    StatusData s = span.getStatus();
    String description = s.getDescription();
    String redacted = description == null ? null : engine.redact(description, report);
    this.status = redacted == description ? s : StatusData.create(s.getStatusCode(), redacted);
    this.resource = resource;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public List<EventData> getEvents() {
    return events;
  }

  @Override
  public List<LinkData> getLinks() {
    return links;
  }

  @Override
  public StatusData getStatus() {
    return status;
  }

  @Override
  public Resource getResource() {
    return resource;
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return scope;
  }
}
