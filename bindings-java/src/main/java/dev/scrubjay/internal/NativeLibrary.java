package dev.scrubjay.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Loads the JNI library bundled in the jar under {@code dev/scrubjay/native/<platform>/}.
 *
 * <p>The library is copied once per class loader to a new temporary file (readable by this
 * user only, as {@link Files#createTempFile} makes it on POSIX systems) and loaded from there:
 * a JVM cannot load a library from inside a jar, and a fresh file per loader lets an
 * application and an agent extension each load their own copy (one file may belong to one
 * class loader only). On systems that allow it the file is deleted as soon as it is loaded.
 */
public final class NativeLibrary {
  private static final String BASE = "scrubjay_jni";

  private static boolean loaded;
  /** Why loading failed, repeated to every later caller (the class stays usable). */
  private static String failure;

  private NativeLibrary() {}

  /** Loads the library once; throws the same {@link UnsatisfiedLinkError} each time it cannot. */
  public static synchronized void ensureLoaded() {
    if (loaded) {
      return;
    }
    if (failure != null) {
      throw new UnsatisfiedLinkError(failure);
    }
    try {
      load();
      loaded = true;
    } catch (UnsatisfiedLinkError e) {
      failure = e.getMessage();
      throw e;
    }
  }

  /** The jar folder for this JVM's platform: {@code linux-x86_64}, {@code macos-aarch64}, ... */
  static String platform() {
    String os = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
    if (os.startsWith("linux")) {
      os = "linux";
    } else if (os.startsWith("mac") || os.startsWith("darwin")) {
      os = "macos";
    } else if (os.startsWith("windows")) {
      os = "windows";
    } else {
      os = os.replaceAll("[^a-z0-9]+", "");
    }
    switch (arch) {
      case "amd64":
      case "x86_64":
      case "x64":
        arch = "x86_64";
        break;
      case "aarch64":
      case "arm64":
        arch = "aarch64";
        break;
      default:
        arch = arch.replaceAll("[^a-z0-9_]+", "");
    }
    return os + "-" + arch;
  }

  static void load() {
    load(platform());
  }

  /** Loads the library of {@code platform} from the jar. */
  static void load(String platform) {
    String file = System.mapLibraryName(BASE);
    String resource = "/dev/scrubjay/native/" + platform + "/" + file;
    Path copy;
    try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new UnsatisfiedLinkError(
            "scrubjay: this jar has no native library for platform "
                + platform
                + " (os.name="
                + System.getProperty("os.name")
                + ", os.arch="
                + System.getProperty("os.arch")
                + "; looked for "
                + resource
                + "). Build one on that platform with `cargo build --release -p scrubjay-java`"
                + " and package the jar there (see bindings-java/README.md).");
      }
      copy = Files.createTempFile("scrubjay-", "-" + file);
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      UnsatisfiedLinkError error =
          new UnsatisfiedLinkError(
              "scrubjay: could not extract the native library for " + platform + ": " + e);
      error.initCause(e);
      throw error;
    }
    try {
      System.load(copy.toAbsolutePath().toString());
    } catch (UnsatisfiedLinkError e) {
      UnsatisfiedLinkError error =
          new UnsatisfiedLinkError(
              "scrubjay: the native library for " + platform + " does not load: " + e.getMessage());
      error.initCause(e);
      throw error;
    } finally {
      forget(copy);
    }
  }

  /** The loaded file is mapped: POSIX systems let it go now; Windows only at exit. */
  private static void forget(Path copy) {
    try {
      Files.delete(copy);
    } catch (IOException | SecurityException e) {
      copy.toFile().deleteOnExit();
    }
  }
}
