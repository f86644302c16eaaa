package dev.scrubjay.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns what {@link NativeMethods#redactAttributes} returned into the caller's new map. Values
 * that came out as they went in are the caller's own objects (an {@code Integer} stays an
 * {@code Integer}, a {@code byte[]} a {@code byte[]}); what changed is a {@code String}, or the
 * engine's {@code Long}, {@code Double}, {@code Boolean}, {@code null}, {@code LinkedHashMap} and
 * {@code ArrayList} values.
 */
public final class AttributeResults {
  private static final int KEPT = -1;
  private static final int REMOVED = -2;

  private AttributeResults() {}

  /**
   * The result map: {@code result} is null (nothing changed), a {@code String} (the flat path's
   * replacements, placed by {@code outcomes}) or an {@code Object[]} packet (the tree path's
   * whole map), as {@code bindings-java/native/src/attributes/mod.rs} documents.
   */
  public static Map<String, Object> apply(
      Map<?, ?> original, AttributeEncoder sent, Object result, int[] outcomes) {
    if (result instanceof Object[]) {
      Object after = decode((Object[]) result);
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) rebuild(original, after);
      return map;
    }
    String replacements = (String) result;
    Map<String, Object> out = new LinkedHashMap<>(Math.max(16, sent.rootCount * 4 / 3 + 1));
    int at = 0;
    for (int i = 0; i < sent.rootCount; i++) {
      int outcome = replacements == null ? KEPT : outcomes[i];
      if (outcome == KEPT) {
        out.put(sent.rootKeys[i], sent.rootValues[i]);
      } else if (outcome != REMOVED) {
        out.put(sent.rootKeys[i], replacements.substring(at, outcome));
        at = outcome;
      }
    }
    return out;
  }

  /** A packet as Java values: {@code LinkedHashMap}, {@code ArrayList} and scalars. */
  static Object decode(Object[] packet) {
    return new Reader(packet).value();
  }

  /**
   * {@code after} (the engine's output) with the caller's objects put back wherever a scalar
   * came out as it was sent: maps are matched by key, lists by position when their length did
   * not change. A container that the engine replaced (a marker, a removed key) takes what the
   * engine wrote.
   */
  static Object rebuild(Object original, Object after) {
    if (after instanceof Map) {
      if (!(original instanceof Map)) {
        return after;
      }
      Map<String, Object> byKey = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) original).entrySet()) {
        byKey.put(String.valueOf(e.getKey()), e.getValue());
      }
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) after).entrySet()) {
        String key = (String) e.getKey();
        out.put(
            key, byKey.containsKey(key) ? rebuild(byKey.get(key), e.getValue()) : e.getValue());
      }
      return out;
    }
    if (after instanceof List) {
      List<?> items = (List<?>) after;
      List<Object> originals = itemsOf(original);
      if (originals == null || originals.size() != items.size()) {
        return after;
      }
      List<Object> out = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        out.add(rebuild(originals.get(i), items.get(i)));
      }
      return out;
    }
    if (!Scalars.isContainer(original) && Objects.equals(Scalars.sentForm(original), after)) {
      return original;
    }
    return after;
  }

  private static List<Object> itemsOf(Object container) {
    if (container instanceof Collection) {
      return new ArrayList<>((Collection<?>) container);
    }
    if (container != null && container.getClass().isArray() && Scalars.isContainer(container)) {
      int n = Array.getLength(container);
      List<Object> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(Array.get(container, i));
      }
      return out;
    }
    return null;
  }

  /** Reads a packet written by the native library. */
  private static final class Reader {
    private final byte[] kinds;
    private final long[] numbers;
    private final int[] ends;
    private final String text;
    private int kind;
    private int number;
    private int textIndex;

    Reader(Object[] packet) {
      kinds = (byte[]) packet[0];
      numbers = (long[]) packet[1];
      ends = (int[]) packet[2];
      text = (String) packet[3];
    }

    private String text() {
      int start = textIndex == 0 ? 0 : ends[textIndex - 1];
      return text.substring(start, ends[textIndex++]);
    }

    Object value() {
      switch (kinds[kind++]) {
        case AttributeEncoder.NULL:
          return null;
        case AttributeEncoder.STRING:
          return text();
        case AttributeEncoder.LONG:
          return numbers[number++];
        case AttributeEncoder.DOUBLE:
          return Double.longBitsToDouble(numbers[number++]);
        case AttributeEncoder.FALSE:
          return Boolean.FALSE;
        case AttributeEncoder.TRUE:
          return Boolean.TRUE;
        case AttributeEncoder.MAP:
          {
            int n = (int) numbers[number++];
            Map<String, Object> map = new LinkedHashMap<>(Math.max(16, n * 4 / 3 + 1));
            for (int i = 0; i < n; i++) {
              String key = text();
              map.put(key, value());
            }
            return map;
          }
        case AttributeEncoder.LIST:
          {
            int n = (int) numbers[number++];
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
              list.add(value());
            }
            return list;
          }
        default:
          throw new IllegalStateException("scrubjay: malformed result packet");
      }
    }
  }
}
