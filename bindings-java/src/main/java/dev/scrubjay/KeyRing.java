package dev.scrubjay;

import dev.scrubjay.internal.NativeLibrary;
import dev.scrubjay.internal.NativeMethods;
import dev.scrubjay.internal.NativeResource;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Token keys by id, for {@link Engine#reveal(String, KeyRing)}: the ring that opens the tokens a
 * policy's {@code tokenize} action wrote ({@code docs/policy.md}, "Key rings").
 *
 * <pre>{@code
 * try (KeyRing keys = KeyRing.fromFile("/etc/scrubjay/keys.json")) {
 *   engine.reveal("login for [TOKEN:email:k1:YqMf...]", keys); // "login for jane@example.com"
 * }
 * }</pre>
 *
 * <p>The keys stay in the native library: this object holds their ids and the id of the active
 * key, and {@link #toString()} shows only those. Thread-safe. {@link #close()} frees the ring and
 * wipes its keys (calls still running on other threads finish first; later ones throw {@link
 * IllegalStateException}); a ring that is never closed is freed once unreachable.
 */
public final class KeyRing implements AutoCloseable {
  final NativeResource resource;
  private final List<String> ids;
  private final String active;

  private KeyRing(long handle) {
    resource = new NativeResource(this, handle, NativeMethods::keyringFree, "key ring");
    ids = List.of(NativeMethods.keyringIds(handle));
    active = NativeMethods.keyringActive(handle);
  }

  /**
   * Reads a key ring file: {@code {"version": 1, "active": "k2", "keys": [{"id": "k1", "key":
   * "<base64url of 32 or 64 bytes>"}, ...]}}. The native library reads the file itself, so its
   * text never becomes a Java string.
   *
   * @param path the file, on the default file system
   * @return the ring
   * @throws KeyRingException when the file cannot be read or holds no key ring
   */
  public static KeyRing fromFile(Path path) {
    Objects.requireNonNull(path, "path");
    return fromFile(path.toString());
  }

  /**
   * Reads a key ring file, as {@link #fromFile(Path)}.
   *
   * @param path the file's path
   * @return the ring
   * @throws KeyRingException when the file cannot be read or holds no key ring
   */
  public static KeyRing fromFile(String path) {
    Objects.requireNonNull(path, "path");
    NativeLibrary.ensureLoaded();
    return new KeyRing(NativeMethods.keyringFromFile(path));
  }

  /**
   * Reads a key ring from its JSON text (the format of {@link #fromFile(Path)}).
   *
   * @param json the ring's JSON document
   * @return the ring
   * @throws KeyRingException when the text is not a key ring
   */
  public static KeyRing fromJson(String json) {
    Objects.requireNonNull(json, "json");
    NativeLibrary.ensureLoaded();
    return new KeyRing(NativeMethods.keyringFromJson(json));
  }

  /**
   * The ids of the ring's keys, in its order (still known once closed).
   *
   * @return the ids, unmodifiable
   */
  public List<String> ids() {
    return ids;
  }

  /**
   * The id of the key new tokens are made with, when the ring names one.
   *
   * @return the active key's id, or empty
   */
  public Optional<String> active() {
    return Optional.ofNullable(active);
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return resource.isClosed();
  }

  /** Frees the ring and wipes its keys (after calls still running on other threads); idempotent. */
  @Override
  public void close() {
    resource.close();
  }

  /**
   * The ids and the active id, never a key: {@code KeyRing[ids=[k1, k2], active=k2]}.
   *
   * @return a description of the ring
   */
  @Override
  public String toString() {
    return "KeyRing[ids="
        + ids
        + ", active="
        + (active == null ? "none" : active)
        + (isClosed() ? ", closed" : "")
        + "]";
  }
}
