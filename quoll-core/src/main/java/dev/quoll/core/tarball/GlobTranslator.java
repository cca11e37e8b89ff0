package dev.quoll.core.tarball;

/**
 * Translates a glob segment to a Java regex as minimatch 10 does for {@code dot} and {@code nocase}
 * matching: {@code *} is {@code [^/]*?} (or {@code [^/]+?} when the segment is only stars), {@code
 * ?} one character, {@code [...]} a {@link CharClass}, backslash escapes, and the extglobs
 * {@code @(a|b)}, {@code ?(…)}, {@code +(…)}, {@code *(…)} alternations (nested allowed; an
 * unclosed one is literal), and at the top level of a segment the negated {@code !(…)}: a negative
 * lookahead over the body followed by the rest of the segment, as minimatch builds it. A {@code
 * !(…)} nested inside another extglob is not supported and is literal.
 */
final class GlobTranslator {
  private GlobTranslator() {}

  /** A glob (or extglob body) translated to a regex. */
  record Translation(
      StringBuilder regex, StringBuilder literal, boolean magic, int end, boolean closed) {}

  /**
   * Translates {@code glob} from {@code from}; inside an extglob ({@code inExt}) stops at the
   * closing parenthesis and turns top-level {@code |} into alternation.
   */
  static Translation translate(String glob, int from, boolean inExt) {
    return translate(glob, from, inExt, !inExt && glob.chars().allMatch(c -> c == '*'));
  }

  private static Translation translate(String glob, int from, boolean inExt, boolean onlyStars) {
    StringBuilder re = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    boolean magic = false;
    boolean escaping = false;
    boolean inStar = false;
    for (int i = from; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (escaping) {
        escaping = false;
        re.append(quote(c));
        literal.append(c);
        continue;
      }
      if (c == '!' && !inExt && i + 1 < glob.length() && glob.charAt(i + 1) == '(') {
        Translation body = translate(glob, i + 2, true, false);
        if (body.closed()) {
          // !(x) matches what x followed by the rest of the segment does not
          // (inside the lookahead a rest of only stars must match something, as in minimatch)
          String tail = glob.substring(body.end() + 1);
          Translation rest = translate(glob, body.end() + 1, false, false);
          Translation restInside =
              translate(glob, body.end() + 1, false, !tail.isEmpty() && tail.matches("\\*+"));
          re.append(
              body.regex().isEmpty()
                  ? "[^/]+?"
                  : "(?:(?!(?:" + body.regex() + ")" + restInside.regex() + "(?:$|/))[^/]*?)");
          re.append(rest.regex());
          return new Translation(re, literal, true, glob.length(), false);
        }
      }
      if ("?+*@".indexOf(c) >= 0 && i + 1 < glob.length() && glob.charAt(i + 1) == '(') {
        Translation body = translate(glob, i + 2, true, false);
        if (body.closed()) {
          String suffix =
              switch (c) {
                case '?' -> ")?";
                case '+' -> ")+";
                case '*' -> ")*";
                default -> ")";
              };
          re.append("(?:").append(body.regex()).append(suffix);
          magic = true;
          inStar = false;
          i = body.end();
          continue;
        }
      }
      if (inExt && c == '|') {
        re.append('|');
        magic = true;
        inStar = false;
        continue;
      }
      if (inExt && c == ')') {
        return new Translation(re, literal, true, i, true);
      }
      if (c == '*') {
        if (!inStar) {
          re.append(onlyStars ? "[^/]+?" : "[^/]*?");
        }
        inStar = true;
        magic = true;
        continue;
      }
      inStar = false;
      if (c == '\\') {
        if (i == glob.length() - 1) {
          re.append("\\\\");
          literal.append('\\');
        } else {
          escaping = true;
        }
        continue;
      }
      if (c == '[') {
        CharClass cls = CharClass.parse(glob, i);
        if (cls != null) {
          re.append(cls.regex());
          if (cls.literal() != null) {
            literal.append(cls.literal());
          } else {
            magic = true;
          }
          i += cls.consumed() - 1;
          continue;
        }
      }
      if (c == '?') {
        re.append("[^/]");
        magic = true;
        continue;
      }
      re.append(quote(c));
      literal.append(c);
    }
    return new Translation(re, literal, magic, glob.length(), false);
  }

  static String quote(char c) {
    return String.format("\\x{%x}", (int) c);
  }
}
