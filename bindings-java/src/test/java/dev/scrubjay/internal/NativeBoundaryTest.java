package dev.scrubjay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.scrubjay.Engine;
import org.junit.jupiter.api.Test;

/**
 * Whatever reaches the native methods, the JVM survives it: a malformed packet, arrays shorter
 * than their counts and a closed handle come back as Java exceptions.
 */
class NativeBoundaryTest {
  private static final long NONE = 0;

  private static Object send(long engine, byte[] kinds, long[] numbers, char[] text, int[] ends) {
    return NativeMethods.redactAttributes(
        engine, NONE, kinds, kinds.length, numbers, numbers.length, text, ends, ends.length, 0, new int[4]);
  }

  @Test
  void malformedPacketsThrow() {
    try (Engine engine = new Engine()) {
      long h = handle(engine);
      // A map of one entry whose key text is missing.
      assertThrows(
          IllegalArgumentException.class,
          () -> send(h, new byte[] {AttributeEncoder.MAP, AttributeEncoder.NULL}, new long[] {1}, new char[0], new int[0]));
      // An unknown kind.
      assertThrows(
          IllegalArgumentException.class,
          () -> send(h, new byte[] {42}, new long[0], new char[0], new int[0]));
      // A count larger than the packet, and text ends past the text.
      assertThrows(
          IllegalArgumentException.class,
          () -> send(h, new byte[] {AttributeEncoder.LIST}, new long[] {1L << 40}, new char[0], new int[0]));
      assertThrows(
          RuntimeException.class,
          () -> send(h, new byte[] {AttributeEncoder.MAP}, new long[] {0}, new char[2], new int[] {5}));
      // Counts past the arrays: the JVM's own ArrayIndexOutOfBoundsException.
      assertThrows(
          ArrayIndexOutOfBoundsException.class,
          () ->
              NativeMethods.redactAttributes(
                  h, NONE, new byte[1], 9, new long[0], 0, new char[0], new int[0], 0, 0, new int[0]));
      // The engine still works.
      assertEquals("[REDACTED:email]", engine.redact("a@example.com"));
    }
  }

  @Test
  void aNullOrZeroHandleThrows() {
    assertThrows(IllegalStateException.class, () -> NativeMethods.redact(0, 0, "x"));
    assertThrows(IllegalStateException.class, () -> NativeMethods.scan(0, "x"));
    assertThrows(IllegalStateException.class, () -> NativeMethods.keyringIds(0));
    assertThrows(IllegalStateException.class, () -> NativeMethods.keyringActive(0));
    try (Engine engine = new Engine()) {
      assertThrows(IllegalArgumentException.class, () -> NativeMethods.redact(handle(engine), 0, null));
      // A reveal without a key ring, and one with a null text.
      assertThrows(IllegalStateException.class, () -> NativeMethods.reveal(handle(engine), 0, "x"));
      assertThrows(IllegalStateException.class, () -> NativeMethods.revealTokens(handle(engine), 0, "x"));
      assertThrows(IllegalArgumentException.class, () -> NativeMethods.keyringFromJson(null));
    }
  }

  private static long handle(Engine engine) {
    try {
      java.lang.reflect.Field f = Engine.class.getDeclaredField("resource");
      f.setAccessible(true);
      NativeResource r = (NativeResource) f.get(engine);
      long h = r.acquire();
      r.release();
      return h;
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
