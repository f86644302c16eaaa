package dev.scrubjay;

import dev.scrubjay.internal.AttributeEncoder;
import dev.scrubjay.internal.AttributeResults;
import dev.scrubjay.internal.NativeLibrary;
import dev.scrubjay.internal.NativeMethods;
import dev.scrubjay.internal.NativeResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A compiled redaction policy: the scrubjay engine, shared by every binding, behind JNI.
 *
 * <pre>{@code
 * try (Engine engine = new Engine()) { // the default policy
 *   engine.redact("card 4111 1111 1111 1111 for john.doe@company.com");
 *   // "card [REDACTED:credit_card] for [REDACTED:email]"
 * }
 * }</pre>
 *
 * <p>Thread-safe: one engine serves every thread. {@link #close()} frees it (calls still running
 * on other threads finish first; later calls throw {@link IllegalStateException}); an engine
 * that is never closed is freed once unreachable. Strings holding a lone surrogate are scanned
 * with U+FFFD in its place and always come back as the engine wrote them.
 */
public final class Engine implements AutoCloseable {
  private final NativeResource resource;
  /** {@code max_value_bytes}, {@code max_depth}, {@code max_nodes}. */
  private final long[] limits = new long[3];

  /** The embedded default policy. */
  public Engine() {
    this(load(true, null));
  }

  /**
   * Compiles a policy given as JSON or YAML text ({@code docs/policy.md}).
   *
   * @throws PolicyException naming the rule, field and position of what is wrong
   */
  public Engine(String policyJsonOrYaml) {
    this(load(false, Objects.requireNonNull(policyJsonOrYaml, "policy")));
  }

  private Engine(long handle) {
    resource = new NativeResource(this, handle, NativeMethods::free, "Engine");
    NativeMethods.limits(handle, limits);
  }

  private static long load(boolean byDefault, String policy) {
    NativeLibrary.ensureLoaded();
    return byDefault ? NativeMethods.compileDefault() : NativeMethods.compile(policy);
  }

  /** Reads and compiles a policy file (JSON or YAML, UTF-8). */
  public static Engine fromFile(Path path) throws IOException {
    return new Engine(Files.readString(path));
  }

  /** The embedded default policy, as JSON text (a starting point to edit). */
  public static String defaultPolicy() {
    NativeLibrary.ensureLoaded();
    return NativeMethods.defaultPolicy();
  }

  /** The version of the native engine. */
  public static String version() {
    NativeLibrary.ensureLoaded();
    return NativeMethods.version();
  }

  /** A new, empty report to count this engine's redactions into. */
  public Report newReport() {
    long h = resource.acquire();
    try {
      return new Report(this, NativeMethods.reportNew(h));
    } finally {
      resource.release();
    }
  }

  /** Redacts one string; a string with nothing to redact comes back as the same object. */
  public String redact(String text) {
    return redact(text, null);
  }

  /** {@link #redact(String)}, counting into {@code report}. */
  public String redact(String text, Report report) {
    Objects.requireNonNull(text, "text");
    long h = resource.acquire();
    try {
      long r = acquire(report);
      try {
        return NativeMethods.redact(h, r, text);
      } finally {
        release(report);
      }
    } finally {
      resource.release();
    }
  }

  /**
   * Redacts bytes at byte level (invalid UTF-8 included). An array with nothing to redact comes
   * back as the same array; the argument is never modified.
   */
  public byte[] redact(byte[] data) {
    return redact(data, null);
  }

  /** {@link #redact(byte[])}, counting into {@code report}. */
  public byte[] redact(byte[] data, Report report) {
    Objects.requireNonNull(data, "data");
    long h = resource.acquire();
    try {
      long r = acquire(report);
      try {
        return NativeMethods.redactBytes(h, r, data);
      } finally {
        release(report);
      }
    } finally {
      resource.release();
    }
  }

  /**
   * Redacts a map of attributes, walking nested maps, collections and arrays: every key path
   * goes through the field rules, every string (and long integer) through the content rules.
   * The whole map crosses into the engine in one call. Returns a new map in the same order;
   * values with nothing to redact are the original objects, so {@code Long}, {@code Double},
   * {@code Boolean} and {@code null} (and {@code Integer}, ...) stay typed, and a replaced value
   * is a {@code String}. Structures are entered object by object: a cycle is written {@code
   * "[Circular]"}, a container met again {@code "[Shared]"}, and past the policy's limits values
   * fail closed.
   */
  public Map<String, Object> redactAttributes(Map<String, ?> attributes) {
    return redactAttributes(attributes, null);
  }

  /** {@link #redactAttributes(Map)}, counting into {@code report}. */
  public Map<String, Object> redactAttributes(Map<String, ?> attributes, Report report) {
    Objects.requireNonNull(attributes, "attributes");
    long h = resource.acquire();
    try {
      long r = acquire(report);
      try {
        AttributeEncoder sent = AttributeEncoder.encode(attributes, limits);
        try {
          int[] outcomes = new int[sent.rootCount()];
          Object result = sent.send(h, r, outcomes);
          return AttributeResults.apply(attributes, sent, result, outcomes);
        } finally {
          sent.clear();
        }
      } finally {
        release(report);
      }
    } finally {
      resource.release();
    }
  }

  /**
   * Reads tokens back: {@code text} with each token this engine's policy writes (its {@code
   * tokenize.template}) replaced by the value it stands for, where {@code keys} holds the key the
   * token names. A token whose key the ring lacks (never held, or forgotten), or that does not
   * open under it (changed, or made with other key bytes under the same id), is left as it is. A
   * text in which no token opened comes back as the same object.
   *
   * <pre>{@code
   * String token = engine.redact("jane@example.com");       // "[TOKEN:email:k1:...]"
   * engine.reveal("login for " + token, keys);              // "login for jane@example.com"
   * }</pre>
   *
   * @param text a redacted text
   * @param keys the key ring that opens the tokens
   * @return the text with the tokens the ring opens revealed
   * @throws IllegalStateException when the engine or the ring is closed
   */
  public String reveal(String text, KeyRing keys) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(keys, "keys");
    long h = resource.acquire();
    try {
      long k = keys.resource.acquire();
      try {
        return NativeMethods.reveal(h, k, text);
      } finally {
        keys.resource.release();
      }
    } finally {
      resource.release();
    }
  }

  /**
   * {@link #reveal(String, KeyRing)}, and what became of each token found (its rule, key id,
   * offsets in {@code text} and outcome, never its value): for an audit log of who read what.
   *
   * @param text a redacted text
   * @param keys the key ring that opens the tokens
   * @return the revealed text and every token found, in order
   * @throws IllegalStateException when the engine or the ring is closed
   */
  public Revealed revealTokens(String text, KeyRing keys) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(keys, "keys");
    Object[] out;
    long h = resource.acquire();
    try {
      long k = keys.resource.acquire();
      try {
        out = NativeMethods.revealTokens(h, k, text);
      } finally {
        keys.resource.release();
      }
    } finally {
      resource.release();
    }
    String[] rules = (String[]) out[1];
    String[] keyIds = (String[]) out[2];
    String[] outcomes = (String[]) out[3];
    int[] spans = (int[]) out[4];
    List<RevealedToken> tokens = new ArrayList<>(rules.length);
    for (int i = 0; i < rules.length; i++) {
      tokens.add(
          new RevealedToken(
              rules[i],
              keyIds[i],
              spans[2 * i],
              spans[2 * i + 1],
              RevealedToken.Outcome.of(outcomes[i])));
    }
    return new Revealed((String) out[0], tokens);
  }

  /** What the policy would redact in {@code text}, with offsets in {@code char} units. */
  public List<Finding> scan(String text) {
    Objects.requireNonNull(text, "text");
    long h = resource.acquire();
    try {
      Object[] found = NativeMethods.scan(h, text);
      List<Finding> out = new ArrayList<>(found.length);
      for (Object f : found) {
        out.add((Finding) f);
      }
      return List.copyOf(out);
    } finally {
      resource.release();
    }
  }

  /**
   * The URL sanitizer: credentials, sensitive query values and fragments go (the policy's {@code
   * sanitizers.url}); the content rules run over the rest.
   */
  public String sanitizeUrl(String url) {
    Objects.requireNonNull(url, "url");
    long h = resource.acquire();
    try {
      return NativeMethods.sanitizeUrl(h, url);
    } finally {
      resource.release();
    }
  }

  /** The SQL normaliser: literals become {@code ?}, lists collapse, comments go. */
  public String normalizeSql(String sql) {
    Objects.requireNonNull(sql, "sql");
    long h = resource.acquire();
    try {
      return NativeMethods.normalizeSql(h, sql);
    } finally {
      resource.release();
    }
  }

  /**
   * The SQL normaliser, with the statement read in one database's dialect: {@code dialect} names
   * it ({@code postgresql}, {@code mysql}, {@code mariadb}, {@code mssql}, {@code oracle}, {@code
   * sqlite}, {@code generic}, or an OpenTelemetry {@code db.system.name} value such as {@code
   * microsoft.sql_server}); null reads it in no dialect, as {@link #normalizeSql(String)} does.
   *
   * @throws IllegalArgumentException naming a {@code dialect} that is no dialect
   */
  public String normalizeSql(String sql, String dialect) {
    Objects.requireNonNull(sql, "sql");
    if (dialect == null) {
      return normalizeSql(sql);
    }
    long h = resource.acquire();
    try {
      return NativeMethods.normalizeSqlDialect(h, sql, dialect);
    } finally {
      resource.release();
    }
  }

  /** The header sanitizer for one header ({@code authorization}, {@code cookie}, ...). */
  public String sanitizeHeader(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    long h = resource.acquire();
    try {
      return NativeMethods.sanitizeHeader(h, name, value);
    } finally {
      resource.release();
    }
  }

  /** Enforces the policy's baggage rules on a {@code baggage} header. */
  public SanitizedBaggage sanitizeBaggage(String header) {
    Objects.requireNonNull(header, "header");
    Object[] out;
    long h = resource.acquire();
    try {
      out = NativeMethods.sanitizeBaggage(h, header);
    } finally {
      resource.release();
    }
    String[] keys = (String[]) out[1];
    String[] reasons = (String[]) out[2];
    List<BaggageViolation> violations = new ArrayList<>(keys.length);
    for (int i = 0; i < keys.length; i++) {
      violations.add(new BaggageViolation(keys[i], reasons[i]));
    }
    return new SanitizedBaggage((String) out[0], violations);
  }

  /** Checks a {@code traceparent} header: format, version, non-zero ids. */
  public TraceparentCheck validateTraceparent(String header) {
    Objects.requireNonNull(header, "header");
    long h = resource.acquire();
    try {
      String reason = NativeMethods.validateTraceparent(header);
      return new TraceparentCheck(reason == null, reason);
    } finally {
      resource.release();
    }
  }

  /** The ids of the content rules, in policy order. */
  public List<String> rules() {
    long h = resource.acquire();
    try {
      return List.of(NativeMethods.rules(h));
    } finally {
      resource.release();
    }
  }

  /** Warnings the policy compiled with (for example a hash key read from an unset variable). */
  public List<String> warnings() {
    long h = resource.acquire();
    try {
      return List.of(NativeMethods.warnings(h));
    } finally {
      resource.release();
    }
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return resource.isClosed();
  }

  /** Frees the engine (after calls still running on other threads); idempotent. */
  @Override
  public void close() {
    resource.close();
  }

  @Override
  public String toString() {
    return "Engine[" + (isClosed() ? "closed" : "limits=" + Arrays.toString(limits)) + "]";
  }

  private long acquire(Report report) {
    if (report == null) {
      return 0;
    }
    if (report.engine != this) {
      throw new IllegalArgumentException("scrubjay: the report belongs to another engine");
    }
    return report.resource.acquire();
  }

  private static void release(Report report) {
    if (report != null) {
      report.resource.release();
    }
  }
}
