package dev.quoll.core.manifest;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two node-semver 7 functions manifest normalisation needs: {@code valid(v, loose)} and {@code
 * clean(v, loose)}, in loose and strict mode.
 *
 * <p>TODO(quoll-semver): a private stand-in. Replace with {@code dev.quoll.semver} once that module
 * lands on main; this class exists only so the manifest package does not wait for it.
 */
final class LooseSemver {
  private static final int MAX_LENGTH = 256;
  private static final BigInteger MAX_SAFE = BigInteger.valueOf(9007199254740991L);
  private static final String LDN = "[a-zA-Z0-9-]";
  private static final String NONNUMERIC = "\\d*[a-zA-Z-]" + LDN + "*";
  private static final String BUILD = "(?:\\+(" + LDN + "+(?:\\." + LDN + "+)*))";

  private static final Pattern LOOSE = mainPattern("[v=\\s]*", "\\d+", "-?", "\\d+");
  private static final Pattern FULL = mainPattern("v?", "0|[1-9]\\d*", "-", "0|[1-9]\\d*");

  private LooseSemver() {}

  private static Pattern mainPattern(String prefix, String num, String dash, String preNum) {
    String id = "(?:" + preNum + "|" + NONNUMERIC + ")";
    String pre = "(?:" + dash + "(" + id + "(?:\\." + id + ")*))";
    return Pattern.compile(
        "^" + prefix + "(" + num + ")\\.(" + num + ")\\.(" + num + ")" + pre + "?" + BUILD + "?$");
  }

  /**
   * {@code semver.valid(version, loose)}: the normalised version text, or empty when the text is
   * not a version.
   */
  static Optional<String> valid(String version, boolean loose) {
    if (version.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    Matcher m = (loose ? LOOSE : FULL).matcher(JsValues.trim(version));
    if (!m.matches()) {
      return Optional.empty();
    }
    StringBuilder out = new StringBuilder();
    for (int i = 1; i <= 3; i++) {
      BigInteger n = new BigInteger(m.group(i));
      if (n.compareTo(MAX_SAFE) > 0) {
        return Optional.empty();
      }
      out.append(i > 1 ? "." : "").append(n);
    }
    if (m.group(4) != null) {
      List<String> ids = new ArrayList<>();
      for (String id : m.group(4).split("\\.", -1)) {
        if (id.matches("[0-9]+") && new BigInteger(id).compareTo(MAX_SAFE) < 0) {
          ids.add(new BigInteger(id).toString());
        } else {
          ids.add(id);
        }
      }
      out.append('-').append(String.join(".", ids));
    }
    return Optional.of(out.toString());
  }

  /**
   * {@code semver.clean(version, loose)}: trims, strips leading {@code =}/{@code v}, then valid.
   */
  static Optional<String> clean(String version, boolean loose) {
    String s = JsValues.trim(version).replaceFirst("^[=v]+", "");
    return valid(s, loose);
  }
}
