package dev.scrubjay;

/**
 * A key ring that does not load: the file cannot be read, or its text is not a key ring. The
 * message is the engine's (what is wrong and where); it never holds a key.
 */
public final class KeyRingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Made by the native library. */
  KeyRingException(String message) {
    super(message);
  }
}
