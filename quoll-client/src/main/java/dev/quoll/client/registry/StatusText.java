package dev.quoll.client.registry;

import java.util.Map;
import java.util.Optional;

/**
 * The reason phrase npm prints after an HTTP status in its errors ({@code 404 Not Found - GET
 * <url>}): npm-registry-fetch 19 builds the message from minipass-fetch's {@code statusText}, which
 * is node's {@code http.STATUS_CODES[status]} when the response carries no reason phrase of its
 * own. {@code java.net.http} does not expose a server's reason phrase (HTTP/2 has none), so Quoll
 * uses node 20's table for the error statuses (300-511) throughout.
 */
final class StatusText {
  private static final Map<Integer, String> TEXT =
      Map.ofEntries(
          Map.entry(300, "Multiple Choices"),
          Map.entry(301, "Moved Permanently"),
          Map.entry(302, "Found"),
          Map.entry(303, "See Other"),
          Map.entry(304, "Not Modified"),
          Map.entry(305, "Use Proxy"),
          Map.entry(307, "Temporary Redirect"),
          Map.entry(308, "Permanent Redirect"),
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(402, "Payment Required"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(406, "Not Acceptable"),
          Map.entry(407, "Proxy Authentication Required"),
          Map.entry(408, "Request Timeout"),
          Map.entry(409, "Conflict"),
          Map.entry(410, "Gone"),
          Map.entry(411, "Length Required"),
          Map.entry(412, "Precondition Failed"),
          Map.entry(413, "Payload Too Large"),
          Map.entry(414, "URI Too Long"),
          Map.entry(415, "Unsupported Media Type"),
          Map.entry(416, "Range Not Satisfiable"),
          Map.entry(417, "Expectation Failed"),
          Map.entry(418, "I'm a Teapot"),
          Map.entry(421, "Misdirected Request"),
          Map.entry(422, "Unprocessable Entity"),
          Map.entry(423, "Locked"),
          Map.entry(424, "Failed Dependency"),
          Map.entry(425, "Too Early"),
          Map.entry(426, "Upgrade Required"),
          Map.entry(428, "Precondition Required"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(431, "Request Header Fields Too Large"),
          Map.entry(451, "Unavailable For Legal Reasons"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(501, "Not Implemented"),
          Map.entry(502, "Bad Gateway"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(504, "Gateway Timeout"),
          Map.entry(505, "HTTP Version Not Supported"),
          Map.entry(506, "Variant Also Negotiates"),
          Map.entry(507, "Insufficient Storage"),
          Map.entry(508, "Loop Detected"),
          Map.entry(509, "Bandwidth Limit Exceeded"),
          Map.entry(510, "Not Extended"),
          Map.entry(511, "Network Authentication Required"));

  private StatusText() {}

  /**
   * The reason phrase of a status, e.g. {@code Not Found} for 404.
   *
   * @param status an HTTP status code
   * @return node's phrase, empty for a status node does not name (or below 300)
   */
  static Optional<String> of(int status) {
    return Optional.ofNullable(TEXT.get(status));
  }

  /**
   * npm's start of an HTTP error message: {@code "404 Not Found"}, or just {@code "599"} for a
   * status without a phrase.
   *
   * @param status an HTTP status code
   * @return the status and its phrase
   */
  static String statusLine(int status) {
    return of(status).map(t -> status + " " + t).orElse(String.valueOf(status));
  }
}
