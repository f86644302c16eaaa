package dev.scrubjay;

import java.util.List;

/** A {@code baggage} header with the policy's baggage rules applied, and what was dropped. */
public record SanitizedBaggage(String header, List<BaggageViolation> violations) {
  public SanitizedBaggage {
    violations = List.copyOf(violations);
  }
}
