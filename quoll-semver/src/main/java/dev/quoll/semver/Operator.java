package dev.quoll.semver;

/** The operator of a node-semver 7 {@link Comparator}; {@code =} is normalised to {@link #EQ}. */
public enum Operator {
  /** Equality, printed as nothing ({@code 1.2.3}). */
  EQ(""),
  /** {@code >}. */
  GT(">"),
  /** {@code >=}. */
  GTE(">="),
  /** {@code <}. */
  LT("<"),
  /** {@code <=}. */
  LTE("<=");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as node-semver prints it ({@code ""} for {@link #EQ}). */
  public String symbol() {
    return symbol;
  }

  static Operator fromSymbol(String s) {
    return switch (s) {
      case "", "=" -> EQ;
      case ">" -> GT;
      case ">=" -> GTE;
      case "<" -> LT;
      case "<=" -> LTE;
      default -> throw new SemverException("Invalid operator: " + s);
    };
  }

  /** Whether {@code a op b} holds under node-semver's {@code compare}. */
  boolean holds(Version a, Version b) {
    int c = a.compareTo(b);
    return switch (this) {
      case EQ -> c == 0;
      case GT -> c > 0;
      case GTE -> c >= 0;
      case LT -> c < 0;
      case LTE -> c <= 0;
    };
  }

  boolean isGreater() {
    return this == GT || this == GTE;
  }

  boolean isLess() {
    return this == LT || this == LTE;
  }

  boolean inclusive() {
    return this == GTE || this == LTE;
  }
}
