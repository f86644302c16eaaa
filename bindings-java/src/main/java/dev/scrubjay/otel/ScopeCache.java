package dev.scrubjay.otel;

import dev.scrubjay.Engine;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;

/**
 * The scrubbed copy of the last instrumentation scope seen: a tracer or logger gives every item
 * the same {@link InstrumentationScopeInfo}, whose attributes (set by the instrumented code, and
 * so free text) are redacted once rather than once per item. Its name, version and schema URL
 * are the scope's identity and stay as they are.
 */
final class ScopeCache {
  private static final class Entry {
    final InstrumentationScopeInfo original;
    final InstrumentationScopeInfo redacted;

    Entry(InstrumentationScopeInfo original, InstrumentationScopeInfo redacted) {
      this.original = original;
      this.redacted = redacted;
    }
  }

  private volatile Entry last;

  InstrumentationScopeInfo redact(Engine engine, InstrumentationScopeInfo scope) {
    Entry e = last;
    if (e != null && e.original == scope) {
      return e.redacted;
    }
    InstrumentationScopeInfo redacted = copy(engine, scope);
    last = new Entry(scope, redacted);
    return redacted;
  }

  private static InstrumentationScopeInfo copy(Engine engine, InstrumentationScopeInfo scope) {
    Attributes attributes = OtelAttributes.redact(engine, scope.getAttributes());
    if (attributes == scope.getAttributes()) {
      return scope;
    }
    var b = InstrumentationScopeInfo.builder(scope.getName()).setAttributes(attributes);
    if (scope.getVersion() != null) {
      b.setVersion(scope.getVersion());
    }
    if (scope.getSchemaUrl() != null) {
      b.setSchemaUrl(scope.getSchemaUrl());
    }
    return b.build();
  }
}
