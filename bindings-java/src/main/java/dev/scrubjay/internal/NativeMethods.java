package dev.scrubjay.internal;

/**
 * The native methods of {@code libscrubjay_jni} ({@code bindings-java/native/}): one per
 * operation, each taking the handle of an engine (and of a report, or 0, or of a key ring). Handles must be held
 * through {@link NativeResource#acquire()}. Not an API: use {@link dev.scrubjay.Engine}.
 */
public final class NativeMethods {
  static {
    NativeLibrary.ensureLoaded();
  }

  private NativeMethods() {}

  public static native long compileDefault();

  /** Throws {@link dev.scrubjay.PolicyException}. */
  public static native long compile(String policy);

  public static native void free(long engine);

  /** Writes {@code max_value_bytes}, {@code max_depth}, {@code max_nodes} into {@code out}. */
  public static native void limits(long engine, long[] out);

  public static native String[] rules(long engine);

  public static native String[] warnings(long engine);

  public static native String defaultPolicy();

  public static native String version();

  public static native String redact(long engine, long report, String text);

  public static native byte[] redactBytes(long engine, long report, byte[] data);

  /** Returns {@code dev.scrubjay.Finding[]}. */
  public static native Object[] scan(long engine, String text);

  public static native String sanitizeUrl(long engine, String url);

  public static native String normalizeSql(long engine, String sql);

  /** Throws {@link IllegalArgumentException} for a {@code dialect} that names no dialect. */
  public static native String normalizeSqlDialect(long engine, String sql, String dialect);

  public static native String sanitizeHeader(long engine, String name, String value);

  /** Returns {@code {String header, String[] keys, String[] reasons}}. */
  public static native Object[] sanitizeBaggage(long engine, String header);

  /** Null when valid, else the reason. */
  public static native String validateTraceparent(String header);

  /** See {@link AttributeEncoder} for the packet and {@link AttributeResults} for the result. */
  public static native Object redactAttributes(
      long engine,
      long report,
      byte[] kinds,
      int kindCount,
      long[] numbers,
      int numberCount,
      char[] text,
      int[] ends,
      int textCount,
      int dropped,
      int[] outcomes);

  /** Throws {@link dev.scrubjay.KeyRingException}. */
  public static native long keyringFromJson(String json);

  /** Reads the file natively; throws {@link dev.scrubjay.KeyRingException}. */
  public static native long keyringFromFile(String path);

  /** Frees a key ring and wipes its keys. */
  public static native void keyringFree(long keys);

  /** The ids of the ring's keys, in its order. */
  public static native String[] keyringIds(long keys);

  /** The active key's id, or null. */
  public static native String keyringActive(long keys);

  /** The argument itself when no token opened (and it holds no lone surrogate). */
  public static native String reveal(long engine, long keys, String text);

  /**
   * Returns {@code {String text, String[] rules, String[] keyIds, String[] outcomes, int[]
   * spans}}, {@code spans} holding each token's start and end in {@code char} units.
   */
  public static native Object[] revealTokens(long engine, long keys, String text);

  public static native long reportNew(long engine);

  public static native void reportFree(long report);

  public static native void reportClear(long report);

  /** Returns {@code {String[] names, long[] counts}}. */
  public static native Object[] reportCounts(long report);
}
