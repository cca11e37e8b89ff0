package dev.quoll.registry.http;

import dev.quoll.registry.accounts.Cidr;
import java.util.List;

/**
 * The client's address for CIDR-limited tokens, rate limits and the request log.
 *
 * <p>Rule: the connection's peer address is the client, unless that peer is one of the configured
 * trusted proxies; then {@code X-Forwarded-For} is read from right to left, skipping trusted
 * proxies, and the first address that is not a trusted proxy is the client (a client cannot forge
 * its way past a trusted proxy by sending its own header, because the proxy appends the real peer
 * on the right). A malformed entry ends the walk at the last trusted hop.
 */
final class ClientAddress {
  private final List<Cidr> trusted;

  /**
   * @param trusted the proxies whose {@code X-Forwarded-For} is believed (empty: none)
   */
  ClientAddress(List<Cidr> trusted) {
    this.trusted = List.copyOf(trusted);
  }

  /**
   * @param peer the connection's remote address (may be null)
   * @param forwardedFor the {@code X-Forwarded-For} header, or null
   * @return the client address, or {@code "-"} when unknown
   */
  String resolve(String peer, String forwardedFor) {
    if (peer == null || peer.isEmpty()) {
      return "-";
    }
    String client = peer;
    if (forwardedFor == null || !isTrusted(client)) {
      return client;
    }
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (Cidr.literal(hop).isEmpty()) {
        return client;
      }
      client = hop;
      if (!isTrusted(hop)) {
        return hop;
      }
    }
    return client;
  }

  private boolean isTrusted(String address) {
    return trusted.stream().anyMatch(c -> c.contains(address));
  }
}
