package dev.scrubjay.internal;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A native handle (an engine or a report) shared by threads and freed exactly once: by {@link
 * #close()} or, when its owner is forgotten, by a {@link Cleaner}.
 *
 * <p>Every native call runs between {@link #acquire()} and {@link #release()}, which count the
 * calls in flight. Closing marks the handle closed (later calls throw {@link
 * IllegalStateException}) and frees it at once when no call is running, or else when the last
 * one releases it: a close racing a call on another thread never frees memory that call
 * reads, and the JVM cannot crash on a closed engine.
 */
public final class NativeResource implements Runnable {
  private static final Cleaner CLEANER = Cleaner.create();
  private static final long CLOSED = 1;
  private static final long USER = 2;

  /** Calls in flight times two, plus one once closed. */
  private final AtomicLong state = new AtomicLong();

  private final long handle;
  private final LongConsumer free;
  private final String what;
  private final Cleaner.Cleanable cleanable;

  /**
   * Takes ownership of {@code handle}, freed with {@code free} once {@code owner} is closed or
   * unreachable. {@code free} must not refer to {@code owner}, or the owner would never become
   * unreachable.
   */
  public NativeResource(Object owner, long handle, LongConsumer free, String what) {
    this.handle = handle;
    this.free = free;
    this.what = what;
    this.cleanable = CLEANER.register(owner, this);
  }

  /** The handle, counted as in use until {@link #release()}; throws once closed. */
  public long acquire() {
    while (true) {
      long s = state.get();
      if ((s & CLOSED) != 0) {
        throw new IllegalStateException("scrubjay: this " + what + " is closed");
      }
      if (state.compareAndSet(s, s + USER)) {
        return handle;
      }
    }
  }

  /** Ends a call begun with {@link #acquire()}; the last call after a close frees the handle. */
  public void release() {
    if (state.addAndGet(-USER) == CLOSED) {
      free.accept(handle);
    }
  }

  /** Whether {@link #close()} was called (or the owner was cleaned). */
  public boolean isClosed() {
    return (state.get() & CLOSED) != 0;
  }

  /** Closes the handle; idempotent. */
  public void close() {
    cleanable.clean();
  }

  /** The cleaning action: runs at most once, from {@link #close()} or the Cleaner. */
  @Override
  public void run() {
    long before = state.getAndAdd(CLOSED);
    if (before == 0) {
      free.accept(handle);
    }
  }
}
