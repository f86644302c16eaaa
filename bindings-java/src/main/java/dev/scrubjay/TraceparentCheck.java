package dev.scrubjay;

/** Whether a {@code traceparent} header is valid and, when it is not, why (else null). */
public record TraceparentCheck(boolean valid, String reason) {}
