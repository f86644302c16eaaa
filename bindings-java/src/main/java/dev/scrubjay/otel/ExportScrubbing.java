package dev.scrubjay.otel;

import dev.scrubjay.Engine;
import dev.scrubjay.Report;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the span and log record exporters share: the engine (closed with the exporter when the
 * exporter made it), the scrubbed copies of the last resource and scope, dropping an item that
 * cannot be redacted (the engine was closed) rather than exporting it as it was, and the
 * optional {@link RedactionMetrics} each export is recorded on.
 */
final class ExportScrubbing {
  /** No metrics. */
  static final Supplier<RedactionMetrics> NO_METRICS = () -> null;

  private final Engine engine;
  private final boolean ownsEngine;
  private final Supplier<RedactionMetrics> metrics;
  private final LastCopy<Resource> resources = new LastCopy<>();
  private final LastCopy<InstrumentationScopeInfo> scopes = new LastCopy<>();
  private final Logger log;
  private final String item;

  /**
   * {@code item} names what is dropped in the warning ("a span", "a log record"); {@code
   * metrics} gives the metrics an export is recorded on when it starts, or null for none ({@link
   * #NO_METRICS}; the autoconfigured exporters' are bound once the SDK is built).
   */
  ExportScrubbing(
      Engine engine,
      boolean ownsEngine,
      Supplier<RedactionMetrics> metrics,
      Logger log,
      String item) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.ownsEngine = ownsEngine;
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.log = log;
    this.item = item;
  }

  /** The metrics of an exporter given {@code meter}, or none without one. */
  static Supplier<RedactionMetrics> metricsOf(Meter meter) {
    if (meter == null) {
      return NO_METRICS;
    }
    RedactionMetrics m = new RedactionMetrics(meter);
    return () -> m;
  }

  /**
   * A scrubbed copy of an item, given the engine, the report the export counts into (null when
   * nothing counts) and the item's scrubbed resource and scope.
   */
  interface Copy<T> {
    T of(T item, Engine engine, Report report, Resource resource, InstrumentationScopeInfo scope);
  }

  /**
   * The scrubbed copies of {@code items}, each made by {@code copy}; an item whose copy fails
   * is logged and left out. With metrics, the export is scrubbed into a fresh report, recorded
   * with the count of items left out (a resource or scope counts in the export that first
   * scrubs it).
   */
  <T> List<T> copies(
      Collection<T> items,
      Function<T, Resource> resourceOf,
      Function<T, InstrumentationScopeInfo> scopeOf,
      Copy<T> copy) {
    RedactionMetrics recorded = metrics.get();
    Report report = recorded == null ? null : newReport();
    List<T> scrubbed = new ArrayList<>(items.size());
    long dropped = 0;
    for (T t : items) {
      try {
        Resource resource =
            resources.of(resourceOf.apply(t), r -> OtelAttributes.redact(engine, r, report));
        InstrumentationScopeInfo scope =
            scopes.of(scopeOf.apply(t), s -> OtelAttributes.redact(engine, s, report));
        scrubbed.add(copy.of(t, engine, report, resource, scope));
      } catch (RuntimeException e) {
        dropped++;
        log.log(Level.WARNING, "scrubjay: " + item + " could not be redacted and is dropped", e);
      }
    }
    if (recorded != null) {
      try {
        recorded.record(report, dropped);
      } catch (RuntimeException e) {
        log.log(Level.WARNING, "scrubjay: the redaction metrics could not be recorded", e);
      }
    }
    return scrubbed;
  }

  /** A fresh report, or null when the engine cannot make one (closed: every item is dropped). */
  private Report newReport() {
    try {
      return engine.newReport();
    } catch (RuntimeException e) {
      return null;
    }
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

  /** The metrics exports are recorded on now, or null. */
  RedactionMetrics metrics() {
    return metrics.get();
  }
}
