package dev.quoll.client.registry;

import dev.quoll.client.ClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * A request that failed without a response, named as npm 11 names it: minipass-fetch's {@code
 * FetchError} message {@code "request to <url> failed, reason: <reason>"} with node's system error
 * code.
 *
 * <p>Contract: a host name that does not resolve is {@code ENOTFOUND} with reason {@code
 * getaddrinfo ENOTFOUND <host>}; a connection not set up in time {@code ETIMEDOUT} ({@code connect
 * ETIMEDOUT <host>:<port>}); a refused connection {@code ECONNREFUSED} ({@code connect ECONNREFUSED
 * <host>:<port>}); a response that did not come in time {@code ETIMEDOUT} and any other failure
 * {@code ECONNRESET}, both with the JDK's own description as the reason. Node prints the address it
 * connected to where Quoll prints the URL's host (the same for an IP address; a name differs), and
 * {@code <port>} is the URL's port or the scheme's default.
 */
final class NetworkError {
  private NetworkError() {}

  /**
   * The error of a failed request.
   *
   * @param uri the URL requested
   * @param e what {@code java.net.http} threw
   * @return the {@link ClientException}, with {@code e} as its cause
   */
  static ClientException of(URI uri, IOException e) {
    String host = uri.getHost() == null ? "" : uri.getHost().replaceAll("^\\[|]$", "");
    int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    String code;
    String reason;
    if (unresolved(e)) {
      code = "ENOTFOUND";
      reason = "getaddrinfo ENOTFOUND " + host;
    } else if (e instanceof HttpConnectTimeoutException) {
      code = "ETIMEDOUT";
      reason = "connect ETIMEDOUT " + host + ":" + port;
    } else if (e instanceof ConnectException) {
      code = "ECONNREFUSED";
      reason = "connect ECONNREFUSED " + host + ":" + port;
    } else {
      code = e instanceof HttpTimeoutException ? "ETIMEDOUT" : "ECONNRESET";
      reason = e.getMessage() == null ? e.toString() : e.getMessage();
    }
    return new ClientException(code, "request to " + uri + " failed, reason: " + reason, e);
  }

  private static boolean unresolved(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return true;
      }
    }
    return false;
  }
}
