package dev.scrubjay;

/**
 * One token {@link Engine#revealTokens(String, KeyRing)} found: where it is in the text given
 * to it ({@code start} inclusive, {@code end} exclusive, in Java {@code char} units, so {@code
 * text.substring(start, end)} is the token), the rule and key id it names, and whether it
 * opened. Never the value it stands for.
 *
 * @param rule the rule that wrote the token, as the token says
 * @param keyId the id of the key it was made with
 * @param start where the token starts
 * @param end where the token ends
 * @param outcome whether it opened
 */
public record RevealedToken(String rule, String keyId, int start, int end, Outcome outcome) {
  /** What became of a token. */
  public enum Outcome {
    /** Opened and replaced by its value. */
    REVEALED,
    /** The ring has no key with the token's id (it never had it, or it was forgotten): left. */
    UNKNOWN_KEY,
    /**
     * The key is there but the token does not open under it (changed, cut, or made with another
     * key under the same id): left.
     */
    INVALID;

    /** The engine's name of an outcome: {@code revealed}, {@code unknown_key}, {@code invalid}. */
    static Outcome of(String name) {
      switch (name) {
        case "revealed":
          return REVEALED;
        case "unknown_key":
          return UNKNOWN_KEY;
        case "invalid":
          return INVALID;
        default:
          throw new IllegalStateException("scrubjay: unknown reveal outcome " + name);
      }
    }
  }
}
