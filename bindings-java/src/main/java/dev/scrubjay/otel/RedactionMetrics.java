package dev.scrubjay.otel;

import dev.scrubjay.Report;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.Map;
import java.util.Objects;

/**
 * What the exporters redacted, recorded as two counters on a {@link Meter} the application
 * passes: {@code scrubjay.redactions} (attribute {@code rule}: a content rule id, a field rule
 * name, or {@code allow.keys} for attributes removed because the allow-list does not list them)
 * and {@code scrubjay.failed_closed} (attribute {@code reason}: {@code too_large}, {@code
 * too_deep}, {@code scan_budget}, ... as the {@link Report} names them, or {@code
 * redaction_failed} for an item dropped because it could not be scrubbed).
 *
 * <p>The counts are the engine's: an exporter given a meter scrubs each export into a fresh
 * {@link Report} and records it here. {@link #record(Report)} records a report of your own the
 * same way.
 *
 * <pre>{@code
 * RedactionMetrics metrics = new RedactionMetrics(meterProvider.get("scrubjay"));
 * Report report = engine.newReport();
 * engine.redact("mail jane@example.org or joe@example.com", report);
 * metrics.record(report); // scrubjay.redactions{rule=email} += 2
 * }</pre>
 */
public final class RedactionMetrics {
  /** The counter of values redacted, per {@link #RULE}. */
  public static final String REDACTIONS = "scrubjay.redactions";

  /** The counter of values or items replaced or dropped whole, per {@link #REASON}. */
  public static final String FAILED_CLOSED = "scrubjay.failed_closed";

  /** The {@code reason} of items a wrapper could not scrub and dropped whole. */
  public static final String DROPPED_REASON = "redaction_failed";

  /** The {@code rule} under which attributes removed because {@code allow.keys} does not list them count. */
  public static final String DENIED_RULE = "allow.keys";

  /** The attribute of {@link #REDACTIONS}. */
  public static final AttributeKey<String> RULE = AttributeKey.stringKey("rule");

  /** The attribute of {@link #FAILED_CLOSED}. */
  public static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");

  private final LongCounter redactions;
  private final LongCounter failed;

  /** The two counters, made on {@code meter}. */
  public RedactionMetrics(Meter meter) {
    Objects.requireNonNull(meter, "meter");
    this.redactions =
        meter
            .counterBuilder(REDACTIONS)
            .setUnit("{redaction}")
            .setDescription("Values redacted by scrubjay, per rule")
            .build();
    this.failed =
        meter
            .counterBuilder(FAILED_CLOSED)
            .setUnit("{value}")
            .setDescription(
                "Values or items scrubjay replaced or dropped whole instead of scanning, per reason")
            .build();
  }

  /** Adds the counts of {@code report} to the counters. */
  public void record(Report report) {
    record(report, 0);
  }

  /**
   * Adds the counts of {@code report} (null for none) and {@code dropped} items (counted under
   * {@code reason=redaction_failed}) to the counters. Zero counts add nothing.
   */
  public void record(Report report, long dropped) {
    if (report != null) {
      for (Map.Entry<String, Long> e : report.counts().entrySet()) {
        add(redactions, e.getValue(), RULE, e.getKey());
      }
      add(redactions, report.denied(), RULE, DENIED_RULE);
      for (Map.Entry<String, Long> e : report.failClosed().entrySet()) {
        add(failed, e.getValue(), REASON, e.getKey());
      }
    }
    add(failed, dropped, REASON, DROPPED_REASON);
  }

  private static void add(LongCounter counter, long n, AttributeKey<String> key, String value) {
    if (n > 0) {
      counter.add(n, Attributes.of(key, value));
    }
  }

  @Override
  public String toString() {
    return "RedactionMetrics{" + REDACTIONS + ", " + FAILED_CLOSED + "}";
  }
}
