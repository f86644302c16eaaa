package dev.scrubjay.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an attribute map into the packet that crosses into the native library in one call
 * ({@code bindings-java/native/src/attributes/mod.rs} documents the format): node kinds, numbers
 * and texts in flat arrays, reused by the thread from call to call.
 *
 * <p>It walks the map as the core's walk counts it ({@code core/src/structured/mod.rs}), so
 * that no Java structure can make a call unbounded:
 *
 * <ul>
 *   <li>every value (container or scalar) is one node, depth-first from the root; past {@code
 *       limits.max_nodes + 1} nodes values are sent as null without being looked into, and the
 *       engine fails them closed;
 *   <li>each container is entered once, by identity: one that is its own ancestor is written
 *       {@code "[Circular]"}, one met again by another path {@code "[Shared]"};
 *   <li>containers nested {@code limits.max_depth} deep are sent empty, which the engine
 *       replaces by its too-deep marker;
 *   <li>string values count their length against 16 times {@code limits.max_value_bytes}: past
 *       it they are sent as null and counted as failed closed, so that one string reached from
 *       many places cannot grow into gigabytes.
 * </ul>
 */
public final class AttributeEncoder {
  static final byte NULL = 0;
  static final byte STRING = 1;
  static final byte LONG = 2;
  static final byte DOUBLE = 3;
  static final byte FALSE = 4;
  static final byte TRUE = 5;
  static final byte MAP = 6;
  static final byte LIST = 7;

  /** What a container that contains itself is written as. */
  public static final String CIRCULAR = "[Circular]";
  /** What a container met again by another path is written as. */
  public static final String SHARED = "[Shared]";

  /** Buffers past this many elements are not kept for the thread's next call. */
  private static final int KEEP_AT_MOST = 1 << 16;

  private static final ThreadLocal<AttributeEncoder> PER_THREAD =
      ThreadLocal.withInitial(AttributeEncoder::new);

  byte[] kinds = new byte[64];
  int kindCount;
  long[] numbers = new long[32];
  int numberCount;
  char[] text = new char[1024];
  int textLength;
  int[] ends = new int[64];
  int textCount;
  int dropped;

  /** The root map's entries as sent: keys, and each value or what stood in for it. */
  String[] rootKeys = new String[32];
  Object[] rootValues = new Object[32];
  int rootCount;

  private long maxNodes;
  private long maxDepth;
  private long maxText;
  private long nodes;
  private long textUsed;
  private final IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
  private final List<Object> ancestors = new ArrayList<>();

  private boolean busy;
  /** What the last value was sent as when it was not sent as itself (see {@link #AS_IS}). */
  private Object standIn;
  private static final Object AS_IS = new Object();

  private AttributeEncoder() {}

  /** This thread's encoder, holding {@code attributes} encoded under the engine's limits. */
  public static AttributeEncoder encode(Map<?, ?> attributes, long[] limits) {
    AttributeEncoder e = PER_THREAD.get();
    if (e.busy) {
      // Called again while encoding (from a value's toString()): a fresh one for this call.
      e = new AttributeEncoder();
    }
    e.busy = true;
    e.reset(limits);
    e.root(attributes);
    return e;
  }

  /** How many entries the root map had. */
  public int rootCount() {
    return rootCount;
  }

  /** The one native call for the encoded map (see {@link AttributeResults#apply}). */
  public Object send(long engine, long report, int[] outcomes) {
    return NativeMethods.redactAttributes(
        engine,
        report,
        kinds,
        kindCount,
        numbers,
        numberCount,
        text,
        ends,
        textCount,
        dropped,
        outcomes);
  }

  /** Drops what this call left in the buffers (references to the caller's values, and any
   * buffer grown past what is worth keeping). */
  public void clear() {
    Arrays.fill(rootValues, 0, rootCount, null);
    Arrays.fill(rootKeys, 0, rootCount, null);
    seen.clear();
    ancestors.clear();
    busy = false;
    if (kinds.length > KEEP_AT_MOST || text.length > KEEP_AT_MOST * 16) {
      PER_THREAD.remove();
    }
  }

  private void reset(long[] limits) {
    kindCount = numberCount = textLength = textCount = rootCount = dropped = 0;
    nodes = textUsed = 0;
    maxText = limits[0] > Long.MAX_VALUE / 16 ? Long.MAX_VALUE : limits[0] * 16;
    maxDepth = limits[1];
    maxNodes = limits[2];
  }

  private void root(Map<?, ?> attributes) {
    nodes = 1;
    seen.put(attributes, Boolean.TRUE);
    ancestors.add(attributes);
    kind(MAP);
    int countAt = reserveNumber();
    long count = 0;
    for (Map.Entry<?, ?> entry : attributes.entrySet()) {
      String key = String.valueOf(entry.getKey());
      text(key);
      value(entry.getValue(), 1);
      rememberRoot(key, entry.getValue());
      count++;
    }
    numbers[countAt] = count;
  }

  /**
   * Records a root entry for the flat result: the original value, or what stood in for it (a
   * marker, or null past a budget), so that what the engine kept is what it saw.
   */
  private void rememberRoot(String key, Object original) {
    if (rootCount == rootKeys.length) {
      rootKeys = Arrays.copyOf(rootKeys, rootCount * 2);
      rootValues = Arrays.copyOf(rootValues, rootCount * 2);
    }
    rootKeys[rootCount] = key;
    rootValues[rootCount] = standIn == AS_IS ? original : standIn;
    rootCount++;
  }

  private void value(Object v, int depth) {
    standIn = AS_IS;
    nodes++;
    if (nodes > maxNodes + 1) {
      standIn = null;
      kind(NULL);
      return;
    }
    if (Scalars.isContainer(v)) {
      container(v, depth);
      return;
    }
    Object s = Scalars.sentForm(v);
    if (s == null) {
      kind(NULL);
    } else if (s instanceof String) {
      String str = (String) s;
      textUsed += str.length();
      if (textUsed > maxText) {
        dropped++;
        standIn = null;
        kind(NULL);
      } else {
        kind(STRING);
        text(str);
      }
    } else if (s instanceof Long) {
      kind(LONG);
      number((Long) s);
    } else if (s instanceof Double) {
      kind(DOUBLE);
      number(Double.doubleToRawLongBits((Double) s));
    } else {
      kind((Boolean) s ? TRUE : FALSE);
    }
  }

  private void container(Object v, int depth) {
    for (Object a : ancestors) {
      if (a == v) {
        standIn = CIRCULAR;
        kind(STRING);
        text(CIRCULAR);
        return;
      }
    }
    if (seen.put(v, Boolean.TRUE) != null) {
      standIn = SHARED;
      kind(STRING);
      text(SHARED);
      return;
    }
    if (depth >= maxDepth) {
      kind(MAP);
      number(0);
      return;
    }
    ancestors.add(v);
    if (v instanceof Map) {
      kind(MAP);
      int countAt = reserveNumber();
      long count = 0;
      for (Map.Entry<?, ?> entry : ((Map<?, ?>) v).entrySet()) {
        text(String.valueOf(entry.getKey()));
        value(entry.getValue(), depth + 1);
        count++;
      }
      numbers[countAt] = count;
    } else {
      kind(LIST);
      int countAt = reserveNumber();
      long count = 0;
      if (v instanceof Collection) {
        for (Object item : (Collection<?>) v) {
          value(item, depth + 1);
          count++;
        }
      } else {
        int n = Array.getLength(v);
        for (int i = 0; i < n; i++) {
          value(Array.get(v, i), depth + 1);
          count++;
        }
      }
      numbers[countAt] = count;
    }
    ancestors.remove(ancestors.size() - 1);
  }

  private void kind(byte k) {
    if (kindCount == kinds.length) {
      kinds = Arrays.copyOf(kinds, kindCount * 2);
    }
    kinds[kindCount++] = k;
  }

  private void number(long n) {
    if (numberCount == numbers.length) {
      numbers = Arrays.copyOf(numbers, numberCount * 2);
    }
    numbers[numberCount++] = n;
  }

  private int reserveNumber() {
    number(0);
    return numberCount - 1;
  }

  private void text(String s) {
    int n = s.length();
    if (textLength + n > text.length) {
      text = Arrays.copyOf(text, Math.max(text.length * 2, textLength + n));
    }
    s.getChars(0, n, text, textLength);
    textLength += n;
    if (textCount == ends.length) {
      ends = Arrays.copyOf(ends, textCount * 2);
    }
    ends[textCount++] = textLength;
  }
}
