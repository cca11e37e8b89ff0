package dev.quoll.core.tarball;

/**
 * {@link NpmCollation#localeCompare} without ICU for the strings lockfiles and manifests are made
 * of: ASCII letters, digits and the punctuation of package names, paths and field names.
 *
 * <p>Contract: {@link #compare} gives ICU's answer (CLDR root collation as ICU 78 has it, English,
 * tertiary strength, punctuation not ignorable, as V8's {@code localeCompare(…, 'en')}) whenever it
 * gives -1, 0 or 1, and {@link #UNKNOWN} whenever the answer would depend on a character outside
 * its table (then the caller asks ICU). Why this is exact: each character of the table has one
 * collation element of its own, with a distinct primary weight except for an upper-case letter and
 * its lower-case letter, which share it and differ at the tertiary level only (lower case first).
 * So the first position whose primary weights differ decides; a string that is a prefix of the
 * other (in primary weights) sorts first; with equal primary weights and lengths, the first
 * position where one has a lower-case and the other an upper-case letter decides. The order of the
 * table is ICU's own (checked against ICU and against node in the tests).
 */
final class AsciiCollation {
  /** The answer of {@link #compare} when ICU must decide. */
  static final int UNKNOWN = 2;

  /** ICU's primary order of the characters handled; letters stand for both cases. */
  static final String ORDER =
      "_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz";

  private static final byte[] PRIMARY = new byte[128];

  static {
    for (int i = 0; i < ORDER.length(); i++) {
      char c = ORDER.charAt(i);
      PRIMARY[c] = (byte) (i + 1);
      if (c >= 'a' && c <= 'z') {
        PRIMARY[c - 'a' + 'A'] = (byte) (i + 1);
      }
    }
  }

  private AsciiCollation() {}

  /**
   * @return -1, 0 or 1 as ICU compares {@code a} and {@code b}, or {@link #UNKNOWN}
   */
  static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int tertiary = 0;
    for (int i = 0; i < n; i++) {
      int pa = primary(a.charAt(i));
      int pb = primary(b.charAt(i));
      if (pa == 0 || pb == 0) {
        return UNKNOWN;
      }
      if (pa != pb) {
        return pa < pb ? -1 : 1;
      }
      if (tertiary == 0 && a.charAt(i) != b.charAt(i)) {
        tertiary = a.charAt(i) > b.charAt(i) ? -1 : 1; // 'a' (0x61) > 'A' (0x41): lower first
      }
    }
    String longer = a.length() > b.length() ? a : b;
    for (int i = n; i < longer.length(); i++) {
      if (primary(longer.charAt(i)) == 0) {
        return UNKNOWN; // might be ignorable
      }
    }
    if (a.length() != b.length()) {
      return a.length() < b.length() ? -1 : 1;
    }
    return tertiary;
  }

  private static int primary(char c) {
    return c < 128 ? PRIMARY[c] : 0;
  }
}
