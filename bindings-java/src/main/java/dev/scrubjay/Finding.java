package dev.scrubjay;

/**
 * One thing a scan found: the rule, where it is in the scanned string ({@code start} inclusive,
 * {@code end} exclusive, in Java {@code char} units, so {@code text.substring(start, end)} is the
 * match), and the key path for structured scans (null for a string). Never the value itself.
 */
public record Finding(String rule, int start, int end, String path) {}
