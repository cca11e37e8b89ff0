package dev.quoll.client.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * @npmcli/config 10's {@code env-replace}: {@code ${NAME}} in npmrc keys and values becomes the
 *     environment variable's value.
 *     <p>Contract: {@code ${NAME}} is replaced by the variable, or left as written when it is
 *     unset; {@code ${NAME?}} is replaced by the variable or the empty string. A run of backslashes
 *     before {@code $} escapes: an odd count keeps the expression literally (with half the
 *     backslashes), an even count keeps half the backslashes and expands.
 */
final class EnvReplace {
  private static final Pattern EXPR = Pattern.compile("(?<!\\\\)(\\\\*)\\$\\{([^${}?]+)(\\?)?\\}");

  private EnvReplace() {}

  /**
   * Expands {@code text} against {@code env}.
   *
   * @param text a key or value from an npmrc file
   * @param env the environment
   * @return the expanded text
   */
  static String replace(String text, Map<String, String> env) {
    Matcher m = EXPR.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String esc = m.group(1);
      String name = m.group(2);
      String fallback = m.group(3) != null ? "" : "${" + name + "}";
      String val = env.getOrDefault(name, fallback);
      String rep;
      if (esc.length() % 2 == 1) {
        rep = m.group().substring((esc.length() + 1) / 2);
      } else {
        rep = esc.substring(esc.length() / 2) + val;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(rep));
    }
    m.appendTail(out);
    return out.toString();
  }
}
