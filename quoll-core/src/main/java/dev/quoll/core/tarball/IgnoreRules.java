package dev.quoll.core.tarball;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ignore-file text and rule matching as ignore-walk 8 does them: lines are trimmed as JavaScript
 * trims, blank lines and {@code #} comments are dropped, and an entry is tested against a rule as
 * {@code /entry} and {@code entry}, and, for directories (partial matches), also with a trailing
 * slash, as a prefix for inclusions, and by basename for rules with a single segment.
 */
final class IgnoreRules {
  /** Compiled rules by text; rules are immutable, and npm's default rules recur in every folder. */
  private static final Map<String, IgnorePattern> CACHE = new ConcurrentHashMap<>();

  private static final int CACHE_LIMIT = 4096;

  private IgnoreRules() {}

  /**
   * Parses the text of an ignore file.
   *
   * @param data the file's text
   * @return its rules, in order
   */
  static List<IgnorePattern> parse(String data) {
    List<IgnorePattern> rules = new ArrayList<>();
    for (String line : data.split("\\r?\\n", -1)) {
      String trimmed = jsTrim(line);
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        if (CACHE.size() > CACHE_LIMIT) {
          CACHE.clear();
        }
        rules.add(CACHE.computeIfAbsent(trimmed, IgnorePattern::new));
      }
    }
    return rules;
  }

  /** JavaScript's {@code String.prototype.trim}: white space and line terminators, BOM included. */
  private static String jsTrim(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isJsSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isJsSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isJsSpace(char c) {
    return c == '\t'
        || c == '\n'
        || c == 0x0B
        || c == '\f'
        || c == '\r'
        || c == ' '
        || c == 0xA0
        || c == 0xFEFF
        || c == 0x2028
        || c == 0x2029
        || Character.getType(c) == Character.SPACE_SEPARATOR;
  }

  /**
   * ignore-walk's test of one rule against one directory entry.
   *
   * @param rule the rule
   * @param entry the entry's path relative to the rule file's folder
   * @param partial whether the entry may be a directory whose contents could match
   * @param entryBasename the entry's name when the test comes from a descendant folder, else null
   */
  static boolean matches(IgnorePattern rule, String entry, boolean partial, String entryBasename) {
    if (rule.matches("/" + entry, false) || rule.matches(entry, false)) {
      return true;
    }
    if (!partial) {
      return false;
    }
    if (rule.matches("/" + entry + "/", false) || rule.matches(entry + "/", false)) {
      return true;
    }
    if (rule.negate() && (rule.matches("/" + entry, true) || rule.matches(entry, true))) {
      return true;
    }
    if (entryBasename == null || !isRelativeRule(rule)) {
      return false;
    }
    return rule.matches("/" + entryBasename + "/", false)
        || rule.matches(entryBasename + "/", false)
        || (rule.negate()
            && (rule.matches("/" + entryBasename, true) || rule.matches(entryBasename, true)));
  }

  private static boolean isRelativeRule(IgnorePattern rule) {
    for (List<String> part : rule.globParts()) {
      String last = part.get(part.size() - 1);
      if (part.size() <= (last.isEmpty() ? 2 : 1)) {
        return true;
      }
    }
    return false;
  }
}
