package dev.scrubjay.otel;

import dev.scrubjay.Engine;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the span and log record exporters share: the engine (closed with the exporter when the
 * exporter made it), the scrubbed copies of the last resource and scope, and dropping an item
 * that cannot be redacted (the engine was closed) rather than exporting it as it was.
 */
final class ExportScrubbing {
  private final Engine engine;
  private final boolean ownsEngine;
  private final LastCopy<Resource> resources = new LastCopy<>();
  private final LastCopy<InstrumentationScopeInfo> scopes = new LastCopy<>();
  private final Logger log;
  private final String item;

  /** {@code item} names what is dropped in the warning ("a span", "a log record"). */
  ExportScrubbing(Engine engine, boolean ownsEngine, Logger log, String item) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.ownsEngine = ownsEngine;
    this.log = log;
    this.item = item;
  }

  /** A scrubbed copy of an item, given the engine and the item's scrubbed resource and scope. */
  interface Copy<T> {
    T of(T item, Engine engine, Resource resource, InstrumentationScopeInfo scope);
  }

  /**
   * The scrubbed copies of {@code items}, each made by {@code copy}; an item whose copy fails
   * is logged and left out.
   */
  <T> List<T> copies(
      Collection<T> items,
      Function<T, Resource> resourceOf,
      Function<T, InstrumentationScopeInfo> scopeOf,
      Copy<T> copy) {
    List<T> scrubbed = new ArrayList<>(items.size());
    for (T t : items) {
      try {
        Resource resource = resources.of(resourceOf.apply(t), r -> OtelAttributes.redact(engine, r));
        InstrumentationScopeInfo scope =
            scopes.of(scopeOf.apply(t), s -> OtelAttributes.redact(engine, s));
        scrubbed.add(copy.of(t, engine, resource, scope));
      } catch (RuntimeException e) {
        log.log(Level.WARNING, "scrubjay: " + item + " could not be redacted and is dropped", e);
      }
    }
    return scrubbed;
  }

  /** {@code delegateShutdown}, after which the engine is closed if the exporter made it. */
  CompletableResultCode shutdown(CompletableResultCode delegateShutdown) {
    if (ownsEngine) {
      delegateShutdown.whenComplete(engine::close);
    }
    return delegateShutdown;
  }

  Engine engine() {
    return engine;
  }
}
