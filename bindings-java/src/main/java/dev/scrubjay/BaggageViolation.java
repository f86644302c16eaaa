package dev.scrubjay;

/** A member dropped from a {@code baggage} header: its key (null when it had none) and why. */
public record BaggageViolation(String key, String reason) {}
