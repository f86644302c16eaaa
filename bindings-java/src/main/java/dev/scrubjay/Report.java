package dev.scrubjay;

import dev.scrubjay.internal.NativeMethods;
import dev.scrubjay.internal.NativeResource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts of what an engine redacted, from {@link Engine#newReport()}: pass it to the {@code
 * redact} calls whose work it should count. Thread-safe; each call adds its counts at once, when
 * it ends. Freed when unreachable.
 */
public final class Report {
  final Engine engine;
  final NativeResource resource;

  Report(Engine engine, long handle) {
    this.engine = engine;
    this.resource = new NativeResource(this, handle, NativeMethods::reportFree, "report");
  }

  /** Every redaction, all rules together. */
  public long total() {
    long total = 0;
    for (long n : rules().values()) {
      total += n;
    }
    return total;
  }

  /** Redactions per rule (content rule id or field rule name), rules with none left out. */
  public Map<String, Long> counts() {
    return rules();
  }

  /** Redactions made by one rule. */
  public long count(String rule) {
    return rules().getOrDefault(rule, 0L);
  }

  /** Redactions per action ({@code mask}, {@code hash}, {@code remove}, ...), zeros included. */
  public Map<String, Long> actions() {
    return group("action:");
  }

  /** Values failed closed per reason ({@code too_large}, {@code too_deep}, ...), zeros included. */
  public Map<String, Long> failClosed() {
    return group("fail_closed:");
  }

  /** Attributes removed because {@code allow.keys} did not list them. */
  public long denied() {
    return all().getOrDefault("denied", 0L);
  }

  /** Zeroes every count. */
  public void clear() {
    long h = resource.acquire();
    try {
      NativeMethods.reportClear(h);
    } finally {
      resource.release();
    }
  }

  @Override
  public String toString() {
    return "Report[total=" + total() + ", counts=" + counts() + ", failClosed=" + failClosed() + "]";
  }

  private Map<String, Long> rules() {
    return group("rule:");
  }

  private Map<String, Long> group(String prefix) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : all().entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        out.put(e.getKey().substring(prefix.length()), e.getValue());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  private Map<String, Long> all() {
    Object[] pair;
    long h = resource.acquire();
    try {
      pair = NativeMethods.reportCounts(h);
    } finally {
      resource.release();
    }
    String[] names = (String[]) pair[0];
    long[] counts = (long[]) pair[1];
    Map<String, Long> out = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      out.put(names[i], counts[i]);
    }
    return out;
  }
}
