package dev.quoll.bench.http;

import java.util.Optional;

/**
 * Maps the raw (still percent-encoded) path of a packument request to the package name, the way the
 * npm registry routes it: {@code /express} names {@code express}, and a scoped name may come with
 * its slash encoded or not, so {@code /@types%2fnode}, {@code /@types%2Fnode} and {@code
 * /@types/node} all name {@code @types/node} (npm-package-arg 13 escapes the slash as {@code %2f};
 * other clients send it literally or as {@code %2F}).
 *
 * <p>Only that one escape is undone: the benchmark's names are plain ASCII, so anything else that
 * is not a single name (more segments, other escapes) is simply not found.
 */
public final class RawPackagePath {

  private RawPackagePath() {}

  /**
   * Returns the package name a raw request path names.
   *
   * @param rawPath the request path exactly as it appeared on the request line, starting with
   *     {@code /}, without the query
   * @return the package name, or empty when the path is not {@code /name} or {@code /@scope/name}
   *     (with the slash literal or as {@code %2f}/{@code %2F})
   */
  public static Optional<String> packageName(String rawPath) {
    if (rawPath.length() < 2 || rawPath.charAt(0) != '/') {
      return Optional.empty();
    }
    String name = rawPath.substring(1);
    if (name.charAt(0) == '@') {
      int escape = indexOfEncodedSlash(name);
      if (escape > 0) {
        name = name.substring(0, escape) + '/' + name.substring(escape + 3);
      }
      int slash = name.indexOf('/');
      if (slash < 2 || slash == name.length() - 1 || name.indexOf('/', slash + 1) >= 0) {
        return Optional.empty();
      }
    } else if (name.indexOf('/') >= 0) {
      return Optional.empty();
    }
    return name.indexOf('%') >= 0 ? Optional.empty() : Optional.of(name);
  }

  private static int indexOfEncodedSlash(String name) {
    for (int i = name.indexOf('%'); i >= 0 && i + 2 < name.length(); i = name.indexOf('%', i + 1)) {
      if (name.charAt(i + 1) == '2' && (name.charAt(i + 2) == 'f' || name.charAt(i + 2) == 'F')) {
        return i;
      }
    }
    return -1;
  }
}
