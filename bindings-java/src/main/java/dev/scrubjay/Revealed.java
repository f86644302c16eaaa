package dev.scrubjay;

import java.util.List;

/**
 * What {@link Engine#revealTokens(String, KeyRing)} made of a text.
 *
 * @param text the text with every token the ring opened replaced by its value; the others are
 *     left as they were
 * @param tokens every token found, in order, with what became of it (for an audit log)
 */
public record Revealed(String text, List<RevealedToken> tokens) {
  /**
   * A result; {@code tokens} is copied.
   *
   * @param text the revealed text
   * @param tokens the tokens found
   */
  public Revealed {
    tokens = List.copyOf(tokens);
  }
}
