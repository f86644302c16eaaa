package dev.scrubjay.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * How a Java value reaches the engine: maps, collections and arrays are containers; every
 * other value is a scalar, sent as one of the engine's five scalar forms ({@code null}, {@code
 * String}, {@code Long}, {@code Double}, {@code Boolean}).
 */
final class Scalars {
  private Scalars() {}

  /** Maps, collections and arrays (but {@code byte[]} and {@code char[]}, which are text). */
  static boolean isContainer(Object v) {
    if (v == null || isPlainScalar(v.getClass())) {
      // Most attribute values: an exact class test is one compare, where an interface test
      // (instanceof Map) on a class that does not implement it costs a search of its
      // supertypes, about 20 ns each: more than half of an encoding.
      return false;
    }
    return v instanceof Map
        || v instanceof Collection
        || (v != null && v.getClass().isArray() && !(v instanceof byte[]) && !(v instanceof char[]));
  }

  /** The classes attribute values almost always have, none of them a container. */
  static boolean isPlainScalar(Class<?> c) {
    return c == String.class
        || c == Long.class
        || c == Double.class
        || c == Boolean.class
        || c == Integer.class;
  }

  /**
   * The scalar form of a non-container: whole numbers that fit 64 bits are {@code Long}, other
   * numbers {@code Double} ({@code null} when not finite: they carry no data) or, when a double
   * would lose digits ({@code BigInteger}, {@code BigDecimal}), their text; {@code byte[]} is
   * UTF-8 text; anything else (dates, enums, characters, custom objects) is its {@code
   * toString()}, scanned like any text.
   */
  static Object sentForm(Object v) {
    Class<?> c = v == null ? null : v.getClass();
    if (v == null || c == String.class || c == Boolean.class || c == Long.class || c == Double.class) {
      return c == Double.class && !Double.isFinite((Double) v) ? null : v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      return Double.isFinite(d) ? (Object) d : null;
    }
    if (v instanceof BigInteger) {
      BigInteger b = (BigInteger) v;
      return b.bitLength() < 64 ? (Object) b.longValue() : b.toString();
    }
    if (v instanceof BigDecimal) {
      return ((BigDecimal) v).toPlainString();
    }
    if (v instanceof byte[]) {
      return new String((byte[]) v, StandardCharsets.UTF_8);
    }
    if (v instanceof char[]) {
      return new String((char[]) v);
    }
    return String.valueOf(v);
  }
}
