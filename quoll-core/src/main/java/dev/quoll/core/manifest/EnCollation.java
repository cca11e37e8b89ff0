package dev.quoll.core.manifest;

import java.util.Comparator;

/**
 * {@code a.localeCompare(b, 'en')} (ICU's CLDR root collation, as node's {@code Intl.Collator}),
 * the order npm sorts dependency names in when it saves package.json.
 *
 * <p>Contract: exact for printable ASCII (whitespace and punctuation before digits before letters,
 * letters compared case-blind first and then lower before upper) with ASCII control characters
 * ignored; other characters sort after ASCII by code point, which ICU does not guarantee.
 */
final class EnCollation {
  /** Printable ASCII in ICU root primary order; letters share a weight with their capitals. */
  private static final String ORDER =
      " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpPqQrRsStTuUvVwWxXyYzZ";

  private static final int[] PRIMARY = new int[128];

  static {
    int weight = 0;
    for (int i = 0; i < ORDER.length(); i++) {
      char c = ORDER.charAt(i);
      boolean upperOfPrevious =
          Character.isUpperCase(c) && i > 0 && ORDER.charAt(i - 1) == Character.toLowerCase(c);
      if (!upperOfPrevious) {
        weight++;
      }
      PRIMARY[c] = weight;
    }
  }

  /** The comparator. */
  static final Comparator<String> EN = EnCollation::compare;

  private EnCollation() {}

  /** {@code a.localeCompare(b, 'en')}: negative, zero or positive. */
  static int compare(String a, String b) {
    int p = compareLevel(a, b, true);
    return p != 0 ? p : compareLevel(a, b, false);
  }

  private static int compareLevel(String a, String b, boolean primary) {
    int i = 0;
    int j = 0;
    while (true) {
      i = skipIgnorable(a, i);
      j = skipIgnorable(b, j);
      if (i >= a.length() || j >= b.length()) {
        return Boolean.compare(i < a.length(), j < b.length());
      }
      int wa = weight(a.charAt(i), primary);
      int wb = weight(b.charAt(j), primary);
      if (wa != wb) {
        return Integer.compare(wa, wb);
      }
      i++;
      j++;
    }
  }

  private static int skipIgnorable(String s, int i) {
    while (i < s.length() && (s.charAt(i) < ' ' || s.charAt(i) == 0x7f)) {
      i++;
    }
    return i;
  }

  private static int weight(char c, boolean primary) {
    if (c >= 128) {
      return primary ? 1000 + c : 0;
    }
    return primary ? PRIMARY[c] : Character.isUpperCase(c) ? 1 : 0;
  }
}
