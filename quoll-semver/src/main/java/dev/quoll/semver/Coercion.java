package dev.quoll.semver;

import java.util.Optional;
import java.util.regex.Matcher;

/**
 * node-semver 7's {@code coerce}: finds the first (or, right to left, the last) run of up to three
 * dot-separated numbers of at most 16 digits each and builds {@code major.minor.patch} from it,
 * missing parts being 0; with {@code includePrerelease} a following prerelease and build are kept.
 * The result is parsed with the given options, so numbers beyond {@code 2^53-1}, or leading zeros
 * in strict mode, give empty.
 */
final class Coercion {
  private Coercion() {}

  private record Found(
      int end, String major, String minor, String patch, String pre, String build) {}

  static Optional<Version> coerce(String text, Options options, CoerceDirection direction) {
    boolean full = options.includePrerelease();
    Matcher m = (full ? Grammar.COERCE_FULL : Grammar.COERCE).matcher(text);
    Found match = null;
    if (direction == CoerceDirection.LEFT_TO_RIGHT) {
      if (m.find()) {
        match = found(m, full);
      }
    } else {
      int from = 0;
      while (from <= text.length() && m.find(from)) {
        if (match != null && match.end() == text.length()) {
          break;
        }
        Found next = found(m, full);
        if (match == null || next.end() != match.end()) {
          match = next;
        }
        from = m.start(2) + m.group(2).length();
      }
    }
    if (match == null) {
      return Optional.empty();
    }
    StringBuilder b = new StringBuilder(match.major());
    b.append('.').append(match.minor() == null ? "0" : match.minor());
    b.append('.').append(match.patch() == null ? "0" : match.patch());
    if (full && match.pre() != null) {
      b.append('-').append(match.pre());
    }
    if (full && match.build() != null) {
      b.append('+').append(match.build());
    }
    return Version.tryParse(b.toString(), options);
  }

  private static Found found(Matcher m, boolean full) {
    return new Found(
        m.end(),
        m.group(2),
        m.group(3),
        m.group(4),
        full ? m.group(5) : null,
        full ? m.group(6) : null);
  }
}
