package dev.quoll.registry.http;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes one line per request: time, request id, remote address, method, path, status, bytes,
 * duration, user agent and npm-command (architecture note "Logs"). The path is logged without its
 * query, and the token in {@code /-/user/token/<token>} and {@code /-/npm/v1/tokens/token/<token>}
 * is replaced by {@code [redacted]}; no header that can hold a credential is ever logged.
 */
public final class RequestLog {
  private final Consumer<String> sink;

  /**
   * @param sink receives each finished line (e.g. {@code System.out::println})
   */
  public RequestLog(Consumer<String> sink) {
    this.sink = sink;
  }

  /**
   * Logs one request.
   *
   * @param entry what to log
   */
  public void log(Entry entry) {
    sink.accept(format(entry));
  }

  /**
   * @param entry what to log
   * @return the log line, e.g. {@code 2026-11-21T01:02:03.456Z 3f2a9c 127.0.0.1 GET /lodash 200
   *     1234B 3ms "npm/11.6.0 node/v20" npm-command=install}
   */
  public static String format(Entry entry) {
    return entry.start()
        + " "
        + entry.requestId()
        + " "
        + clean(entry.remoteAddress()).replace(' ', '?')
        + " "
        + entry.method()
        + " "
        + redact(entry.rawPath())
        + " "
        + entry.status()
        + " "
        + entry.bytes()
        + "B "
        + entry.millis()
        + "ms \""
        + clean(entry.userAgent())
        + "\" npm-command="
        + clean(entry.npmCommand());
  }

  /** The path with any token removed. */
  static String redact(String rawPath) {
    for (String prefix : List.of("/-/user/token/", "/-/npm/v1/tokens/token/")) {
      if (rawPath.startsWith(prefix)) {
        return prefix + "[redacted]";
      }
    }
    return clean(rawPath);
  }

  private static String clean(String s) {
    if (s == null || s.isEmpty()) {
      return "-";
    }
    StringBuilder b = new StringBuilder(Math.min(s.length(), 300));
    for (int i = 0; i < s.length() && i < 300; i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7f || c == '"' ? '?' : c);
    }
    return b.toString();
  }

  /**
   * One finished request.
   *
   * @param start when it arrived
   * @param requestId the id also sent as {@code x-request-id}
   * @param remoteAddress the client's IP address as the connection sees it (no proxy headers are
   *     trusted), or null when unknown
   * @param method the HTTP method
   * @param rawPath the raw path without query
   * @param status the response status
   * @param bytes response body bytes written
   * @param millis duration in milliseconds
   * @param userAgent the user-agent header, or null
   * @param npmCommand the npm-command header, or null
   */
  public record Entry(
      Instant start,
      String requestId,
      String remoteAddress,
      String method,
      String rawPath,
      int status,
      long bytes,
      long millis,
      String userAgent,
      String npmCommand) {}
}
