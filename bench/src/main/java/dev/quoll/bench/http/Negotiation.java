package dev.quoll.bench.http;

import java.util.Locale;

/**
 * The two request-header decisions of the packument read path, shared by both benchmark servers so
 * that they do identical work: whether the client accepts gzip, and whether its cached copy is
 * still current.
 */
public final class Negotiation {

  private Negotiation() {}

  /**
   * Tells whether an {@code Accept-Encoding} value allows {@code gzip} (RFC 9110 section 12.5.3): a
   * {@code gzip} (or {@code x-gzip}) member, or failing that a {@code *} member, whose {@code q}
   * weight is not zero.
   *
   * @param acceptEncoding the header value (all field lines joined with commas), or null when
   *     absent
   * @return true when the gzip form may be sent
   */
  public static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    Boolean wildcard = null;
    for (String member : acceptEncoding.split(",")) {
      int semi = member.indexOf(';');
      String coding = (semi < 0 ? member : member.substring(0, semi)).strip();
      boolean allowed = semi < 0 || !isZeroWeight(member.substring(semi + 1));
      if (coding.equalsIgnoreCase("gzip") || coding.equalsIgnoreCase("x-gzip")) {
        return allowed;
      }
      if (coding.equals("*")) {
        wildcard = allowed;
      }
    }
    return wildcard != null && wildcard;
  }

  private static boolean isZeroWeight(String parameters) {
    for (String parameter : parameters.split(";")) {
      String p = parameter.strip().toLowerCase(Locale.ROOT);
      if (p.startsWith("q=")) {
        return p.substring(2).strip().matches("0(\\.0{0,3})?");
      }
    }
    return false;
  }

  /**
   * Tells whether an {@code If-None-Match} value matches an entity tag, with the weak comparison
   * RFC 9110 section 13.1.2 prescribes for this header: {@code *} matches, and {@code W/"x"}
   * matches {@code "x"}.
   *
   * @param ifNoneMatch the header value (all field lines joined with commas), or null when absent
   * @param etag the current strong entity tag including its quotes
   * @return true when the server should answer 304 Not Modified
   */
  public static boolean notModified(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String member : ifNoneMatch.split(",")) {
      String tag = member.strip();
      if (tag.equals("*")) {
        return true;
      }
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
