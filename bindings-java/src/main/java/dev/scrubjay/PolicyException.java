package dev.scrubjay;

/**
 * A policy that does not compile: the message says what is wrong and, where possible, how to
 * fix it; {@link #rule()}, {@link #field()} and {@link #position()} say where.
 */
public final class PolicyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String rule;
  private final String field;
  private final int position;
  private final int line;
  private final int column;

  /** Made by the native library; the numbers are -1 when unknown. */
  PolicyException(String message, String rule, String field, int position, int line, int column) {
    super(message);
    this.rule = rule;
    this.field = field;
    this.position = position;
    this.line = line;
    this.column = column;
  }

  /** The rule at fault, or null when the error is not about one rule. */
  public String rule() {
    return rule;
  }

  /** The field at fault ({@code pattern}, {@code action}, ...), or null. */
  public String field() {
    return field;
  }

  /** Byte offset in the field's text (patterns) or in the document (syntax errors); -1 if none. */
  public int position() {
    return position;
  }

  /** 1-based line in the policy document for syntax and structure errors; -1 if none. */
  public int line() {
    return line;
  }

  /** 1-based column in the policy document for syntax and structure errors; -1 if none. */
  public int column() {
    return column;
  }
}
