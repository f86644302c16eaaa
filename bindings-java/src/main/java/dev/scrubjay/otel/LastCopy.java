package dev.scrubjay.otel;

import java.util.function.UnaryOperator;

/**
 * The scrubbed copy of the last object seen: a provider gives every span and log record the same
 * {@code Resource}, and a tracer or logger the same {@code InstrumentationScopeInfo}, which is
 * then redacted once rather than once per item.
 */
final class LastCopy<T> {
  private static final class Entry<T> {
    final T original;
    final T copy;

    Entry(T original, T copy) {
      this.original = original;
      this.copy = copy;
    }
  }

  private volatile Entry<T> last;

  T of(T original, UnaryOperator<T> copy) {
    Entry<T> e = last;
    if (e != null && e.original == original) {
      return e.copy;
    }
    T made = copy.apply(original);
    last = new Entry<>(original, made);
    return made;
  }
}
