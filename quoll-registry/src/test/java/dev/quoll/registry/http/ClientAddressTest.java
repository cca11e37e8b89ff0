package dev.quoll.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.quoll.registry.accounts.Cidr;
import java.util.List;
import org.junit.jupiter.api.Test;

/** X-Forwarded-For is believed only from trusted proxies, read right to left. */
class ClientAddressTest {
  private final ClientAddress none = new ClientAddress(List.of());
  private final ClientAddress proxies =
      new ClientAddress(
          List.of(Cidr.parse("10.0.0.0/8").orElseThrow(), Cidr.parse("::1").orElseThrow()));

  @Test
  void untrustedPeersAreTheClient() {
    assertEquals("203.0.113.5", none.resolve("203.0.113.5", "1.2.3.4"));
    assertEquals("203.0.113.5", proxies.resolve("203.0.113.5", "1.2.3.4"));
    assertEquals("-", none.resolve(null, "1.2.3.4"));
  }

  @Test
  void trustedProxiesAreSkippedFromTheRight() {
    assertEquals("1.2.3.4", proxies.resolve("10.0.0.1", "1.2.3.4"));
    assertEquals("1.2.3.4", proxies.resolve("10.0.0.1", "9.9.9.9, 1.2.3.4, 10.0.0.2"));
    assertEquals("2001:db8::7", proxies.resolve("::1", "2001:db8::7"));
    assertEquals("10.0.0.1", proxies.resolve("10.0.0.1", null));
    assertEquals("10.0.0.3", proxies.resolve("10.0.0.1", "10.0.0.3, 10.0.0.2"), "all trusted");
    assertEquals("10.0.0.1", proxies.resolve("10.0.0.1", "garbage"));
    assertEquals("10.0.0.2", proxies.resolve("10.0.0.1", "1.2.3.4, unknown, 10.0.0.2"));
  }
}
