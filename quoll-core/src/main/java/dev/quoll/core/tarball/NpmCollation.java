package dev.quoll.core.tarball;

import com.ibm.icu.text.Collator;
import com.ibm.icu.text.RuleBasedCollator;
import com.ibm.icu.util.ULocale;
import dev.quoll.core.path.PosixPath;
import java.util.Comparator;
import java.util.Locale;

/**
 * The two orders npm 11 gives a package's files, both built on ICU collation (what V8's {@code
 * localeCompare} and {@code Intl.Collator} use):
 *
 * <ul>
 *   <li>{@link #tarOrder()}: npm-packlist 10's sort of the file list, which is the order of the
 *       tarball entries: by lower-cased extension, then lower-cased basename, then the whole path,
 *       each with {@code localeCompare(…, 'en')}.
 *   <li>{@link #reportOrder()}: the order of {@code files} in {@code npm pack --json} (npm's
 *       lib/utils/tar.js): paths whose first character equals its upper case first, then the rest,
 *       each sorted with {@code Intl.Collator('en', {sensitivity: 'case', numeric: true})}.
 * </ul>
 *
 * Both sorts are stable, as V8's {@code Array.prototype.sort} is. {@link #localeCompare} is the one
 * {@code localeCompare(…, 'en')} of quoll-core (manifest dependency order uses it too).
 */
public final class NpmCollation {
  /** Built on first use: loading ICU's collation data takes a cold JVM tens of milliseconds. */
  private static final class Collators {
    static final Collator LOCALE_COMPARE = localeCompare();
    static final Collator CASE_NUMERIC = caseNumeric();
  }

  private NpmCollation() {}

  private static Collator localeCompare() {
    Collator c = Collator.getInstance(ULocale.ENGLISH);
    c.setStrength(Collator.TERTIARY);
    c.setDecomposition(Collator.CANONICAL_DECOMPOSITION);
    return c.freeze();
  }

  private static Collator caseNumeric() {
    RuleBasedCollator c = (RuleBasedCollator) Collator.getInstance(ULocale.ENGLISH);
    c.setStrength(Collator.PRIMARY);
    c.setCaseLevel(true);
    c.setNumericCollation(true);
    c.setDecomposition(Collator.CANONICAL_DECOMPOSITION);
    return c.freeze();
  }

  /**
   * {@code a.localeCompare(b, 'en')} as node 20's V8 answers it (ICU 78 root collation, tertiary
   * strength): how npm sorts file lists and the dependency names it saves in package.json.
   *
   * @return -1, 0 or 1
   */
  public static int localeCompare(String a, String b) {
    int fast = AsciiCollation.compare(a, b); // ICU's answer for plain ASCII keys, without ICU
    return fast != AsciiCollation.UNKNOWN
        ? fast
        : Integer.signum(Collators.LOCALE_COMPARE.compare(a, b));
  }

  /** npm-packlist's file order (extension, basename, path), i.e. the tarball entry order. */
  static Comparator<String> tarOrder() {
    return (a, b) -> {
      int c =
          localeCompare(
              PosixPath.extname(a).toLowerCase(Locale.ROOT),
              PosixPath.extname(b).toLowerCase(Locale.ROOT));
      if (c != 0) {
        return c;
      }
      c =
          localeCompare(
              PosixPath.basename(a).toLowerCase(Locale.ROOT),
              PosixPath.basename(b).toLowerCase(Locale.ROOT));
      return c != 0 ? c : localeCompare(a, b);
    };
  }

  /** The comparator of {@code npm pack --json}'s {@code files} within each group. */
  static Comparator<String> reportCompare() {
    return (a, b) -> Integer.signum(Collators.CASE_NUMERIC.compare(a, b));
  }

  /** Whether npm puts a path in the first group: its first UTF-16 unit equals its upper case. */
  static boolean startsUpper(String path) {
    String first = path.isEmpty() ? "" : path.substring(0, 1);
    return first.equals(first.toUpperCase(Locale.ROOT));
  }
}
