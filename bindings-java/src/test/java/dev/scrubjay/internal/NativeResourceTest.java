package dev.scrubjay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NativeResourceTest {
  @Test
  void aCloseDuringACallFreesAfterTheCallExactlyOnce() {
    AtomicLong freed = new AtomicLong();
    AtomicInteger frees = new AtomicInteger();
    Object owner = new Object();
    NativeResource r =
        new NativeResource(owner, 42, h -> { freed.set(h); frees.incrementAndGet(); }, "thing");
    long h = r.acquire();
    assertEquals(42, h);
    r.close();
    assertEquals(0, frees.get(), "freed while a call was running");
    assertThrows(IllegalStateException.class, r::acquire);
    r.release();
    assertEquals(1, frees.get());
    assertEquals(42, freed.get());
    r.close();
    assertEquals(1, frees.get());
  }

  @Test
  void aForgottenOwnerIsFreedByTheCleaner() throws Exception {
    AtomicInteger frees = new AtomicInteger();
    forget(frees);
    for (int i = 0; i < 200 && frees.get() == 0; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertEquals(1, frees.get());
  }

  private static void forget(AtomicInteger frees) {
    new NativeResource(new Object(), 7, h -> frees.incrementAndGet(), "thing");
  }

  @Test
  void thePlatformNamesTheJarFolderAndTheLibraryIsThere() {
    String platform = NativeLibrary.platform();
    assertTrue(platform.matches("[a-z0-9]+-[a-z0-9_]+"), platform);
    String resource = "/dev/scrubjay/native/" + platform + "/" + System.mapLibraryName("scrubjay_jni");
    assertTrue(NativeLibrary.class.getResource(resource) != null, "missing " + resource);
  }

  @Test
  void aPlatformWithoutALibraryIsNamedInTheError() {
    UnsatisfiedLinkError e = assertThrows(UnsatisfiedLinkError.class, () -> NativeLibrary.load("plan9-mips"));
    assertTrue(e.getMessage().contains("no native library for platform plan9-mips"), e.getMessage());
  }
}
