package dev.quoll.core.integrity;

import dev.quoll.core.name.EcmaStrings;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One integrity metadata entry of an SRI string, {@code algorithm-digest?opt?opt}: ssri 13's {@code
 * Hash}.
 *
 * <p>Parsing follows ssri exactly. Lenient mode (ssri's default) matches {@code
 * ^([a-z0-9]+)-([^?]+)(\?[?\S*]*)?$}; strict mode matches {@code
 * ^([a-z0-9]+)-([A-Za-z0-9+/=]{44,88})(\?[\x21-\x7E]*)?$} and also requires one of {@link
 * HashAlgorithms#SPEC}. In both modes the algorithm must be one ssri recognises ({@link
 * HashAlgorithms#isKnown}). The digest is kept as written (base64 text, not validated in lenient
 * mode).
 *
 * @param algorithm the algorithm name, lower case, e.g. {@code sha512}
 * @param digest the digest text as written (normally base64)
 * @param options the {@code ?}-separated options after the digest, possibly empty strings
 */
public record Hash(String algorithm, String digest, List<String> options) {
  /** Copies {@code options}; all parts must be non-null. */
  public Hash {
    options = List.copyOf(options);
  }

  /**
   * Parses one hash as ssri's {@code new Hash(source, opts)} (what {@code parse(s, {single: true})}
   * returns). The source is trimmed of JavaScript white space first.
   *
   * @param source the text of one hash
   * @param strict ssri's {@code strict} option
   * @return the hash, or empty when ssri would leave algorithm and digest empty
   */
  public static Optional<Hash> parse(String source, boolean strict) {
    String s = EcmaStrings.trim(source);
    int n = s.length();
    int i = 0;
    while (i < n && isAlgorithmChar(s.charAt(i))) {
      i++;
    }
    if (i == 0 || i >= n || s.charAt(i) != '-') {
      return Optional.empty();
    }
    String algorithm = s.substring(0, i);
    int digestStart = i + 1;
    int digestEnd = digestStart;
    if (strict) {
      while (digestEnd < n && isBase64Char(s.charAt(digestEnd))) {
        digestEnd++;
      }
      int length = digestEnd - digestStart;
      if (length < 44 || length > 88) {
        return Optional.empty();
      }
    } else {
      while (digestEnd < n && s.charAt(digestEnd) != '?') {
        digestEnd++;
      }
      if (digestEnd == digestStart) {
        return Optional.empty();
      }
    }
    List<String> options = List.of();
    if (digestEnd < n) {
      if (s.charAt(digestEnd) != '?') {
        return Optional.empty();
      }
      for (int k = digestEnd + 1; k < n; k++) {
        char c = s.charAt(k);
        if (strict ? !isVisible(c) : EcmaStrings.isWhiteSpace(c)) {
          return Optional.empty();
        }
      }
      options = splitOptions(s.substring(digestEnd + 1));
    }
    if (strict && !HashAlgorithms.SPEC.contains(algorithm)) {
      return Optional.empty();
    }
    if (!HashAlgorithms.isKnown(algorithm)) {
      return Optional.empty();
    }
    return Optional.of(new Hash(algorithm, s.substring(digestStart, digestEnd), options));
  }

  /** ssri's {@code Hash.toString()}: {@code algorithm-digest} plus {@code ?opt} per option. */
  @Override
  public String toString() {
    return algorithm + "-" + digest + optionString(options);
  }

  /**
   * ssri's {@code Hash.toString({strict})}. In strict mode the result is empty unless the algorithm
   * is a spec one, the digest matches {@code ^[a-z0-9+/]+(?:=?=?)$}i and every option is one or
   * more visible ASCII characters.
   */
  public String toString(boolean strict) {
    if (strict && !strictlyValid()) {
      return "";
    }
    return toString();
  }

  /**
   * The digest as lower-case hex, decoded as Node's {@code Buffer.from(digest, 'base64')} does:
   * both base64 alphabets, other characters skipped, decoding stops at the first {@code =}, and
   * (like Node) each UTF-16 unit is first truncated to its low byte.
   */
  public String hexDigest() {
    return HexFormat.of().formatHex(JsText.decodeBase64(digest));
  }

  boolean strictlyValid() {
    if (!HashAlgorithms.SPEC.contains(algorithm) || !strictBase64(digest)) {
      return false;
    }
    for (String option : options) {
      if (option.isEmpty()) {
        return false;
      }
      for (int i = 0; i < option.length(); i++) {
        if (!isVisible(option.charAt(i))) {
          return false;
        }
      }
    }
    return true;
  }

  static String optionString(List<String> options) {
    return options.isEmpty() ? "" : "?" + String.join("?", options);
  }

  private static List<String> splitOptions(String raw) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= raw.length(); i++) {
      if (i == raw.length() || raw.charAt(i) == '?') {
        parts.add(raw.substring(start, i));
        start = i + 1;
      }
    }
    return parts;
  }

  private static boolean strictBase64(String d) {
    int end = d.length();
    int pad = 0;
    while (pad < 2 && end > 0 && d.charAt(end - 1) == '=') {
      end--;
      pad++;
    }
    if (end == 0) {
      return false;
    }
    for (int i = 0; i < end; i++) {
      char c = d.charAt(i);
      if (!(isAsciiLetterOrDigit(c) || c == '+' || c == '/')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlgorithmChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean isBase64Char(char c) {
    return isAsciiLetterOrDigit(c) || c == '+' || c == '/' || c == '=';
  }

  private static boolean isVisible(char c) {
    return c >= 0x21 && c <= 0x7E;
  }
}
