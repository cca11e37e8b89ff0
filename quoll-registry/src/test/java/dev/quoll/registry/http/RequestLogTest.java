package dev.quoll.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The request log line's fields and their order. */
class RequestLogTest {
  @Test
  void lineHasTimeIdRemoteMethodPathStatusBytesMillisAgentAndCommand() {
    Instant t = Instant.parse("2026-11-21T01:02:03.456Z");
    assertEquals(
        "2026-11-21T01:02:03.456Z 3f2a9c 203.0.113.7 GET /lodash 200 1234B 3ms"
            + " \"npm/11.19.1 node/v20\" npm-command=install",
        RequestLog.format(
            new RequestLog.Entry(
                t,
                "3f2a9c",
                "203.0.113.7",
                "GET",
                "/lodash",
                200,
                1234,
                3,
                "npm/11.19.1 node/v20",
                "install")));
    assertEquals(
        "2026-11-21T01:02:03.456Z 3f2a9c - PUT /-/user/token/[redacted] 401 0B 0ms \"-\""
            + " npm-command=-",
        RequestLog.format(
            new RequestLog.Entry(
                t, "3f2a9c", null, "PUT", "/-/user/token/quoll_x", 401, 0, 0, null, null)));
    assertEquals(
        "2026-11-21T01:02:03.456Z 3f2a9c - DELETE /-/npm/v1/tokens/token/[redacted] 204 0B 0ms"
            + " \"-\" npm-command=token",
        RequestLog.format(
            new RequestLog.Entry(
                t,
                "3f2a9c",
                null,
                "DELETE",
                "/-/npm/v1/tokens/token/quoll_secret",
                204,
                0,
                0,
                null,
                "token")));
  }
}
