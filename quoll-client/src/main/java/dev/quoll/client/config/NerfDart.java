package dev.quoll.client.config;

import dev.quoll.client.ClientException;
import dev.quoll.core.url.WhatwgUrl;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * npm's "nerf darts": the scheme-less {@code //host[:port]/path/} keys that bind credentials to a
 * registry URL (@npmcli/config 10 {@code nerf-dart.js}, npm-registry-fetch 19 {@code auth.js}).
 */
public final class NerfDart {
  private NerfDart() {}

  /**
   * The nerf dart of a registry URL: {@code //host[:port]} plus the URL's directory path ({@code
   * new URL('.', url)}), e.g. {@code https://r.example:8080/npm/} becomes {@code
   * //r.example:8080/npm/} and {@code https://r.example/a/b} becomes {@code //r.example/a/}.
   *
   * @param url an absolute URL
   * @return the nerf dart, ending with a slash
   * @throws ClientException {@code EINVALIDURL} when {@code url} is not an absolute URL
   */
  public static String of(String url) {
    WhatwgUrl parsed = parse(url);
    String from = parsed.protocol() + "//" + parsed.host() + parsed.pathname();
    WhatwgUrl rel = WhatwgUrl.parse(".", parse(from)).orElseThrow();
    return "//" + rel.host() + rel.pathname();
  }

  /**
   * npm-registry-fetch's {@code regKeyFromURI}: starting from {@code //host[:port]/path} of the
   * URL, walks up by removing either the last segment or the trailing slash, and returns the first
   * key for which {@code hasAuth} holds.
   *
   * @param url an absolute URL
   * @param hasAuth whether credentials are configured under a key
   * @return the matching key, if any
   * @throws ClientException {@code EINVALIDURL} when {@code url} is not an absolute URL
   */
  public static Optional<String> findKey(String url, Predicate<String> hasAuth) {
    WhatwgUrl parsed = parse(url);
    String key = "//" + parsed.host() + parsed.pathname();
    while (key.length() > 2) {
      if (hasAuth.test(key)) {
        return Optional.of(key);
      }
      if (key.endsWith("/")) {
        key = key.substring(0, key.length() - 1);
      } else {
        key = key.substring(0, key.lastIndexOf('/') + 1);
      }
    }
    return Optional.empty();
  }

  /** Whether two absolute URLs have the same {@code host} (host name and port), as npm compares. */
  static boolean sameHost(String a, String b) {
    return parse(a).host().equals(parse(b).host());
  }

  private static WhatwgUrl parse(String url) {
    return WhatwgUrl.parse(url)
        .orElseThrow(() -> new ClientException("EINVALIDURL", "Invalid URL: " + url));
  }
}
