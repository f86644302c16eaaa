package dev.scrubjay.otel;

import dev.scrubjay.Engine;
import io.opentelemetry.sdk.resources.Resource;

/**
 * The scrubbed copy of the last resource seen: a provider gives every span and log record the
 * same {@link Resource} object, which is redacted once rather than once per item.
 */
final class ResourceCache {
  private static final class Entry {
    final Resource original;
    final Resource redacted;

    Entry(Resource original, Resource redacted) {
      this.original = original;
      this.redacted = redacted;
    }
  }

  private volatile Entry last;

  Resource redact(Engine engine, Resource resource) {
    Entry e = last;
    if (e != null && e.original == resource) {
      return e.redacted;
    }
    Resource redacted = OtelAttributes.redact(engine, resource);
    last = new Entry(resource, redacted);
    return redacted;
  }
}
