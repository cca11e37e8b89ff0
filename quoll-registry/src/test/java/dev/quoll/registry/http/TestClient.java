package dev.quoll.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A small HTTP client for handler-level tests: raw paths, optional token and headers. It speaks
 * HTTP/1.1 as npm does: over an h2c-upgraded connection, a refusal sent before the request body is
 * read resets the stream, and the JDK client then reports an IOException instead of the answer
 * (ReadPathTest covers HTTP/2 on its own).
 */
final class TestClient {
  private final HttpClient http;
  private final URI base;

  TestClient(URI base) {
    this(base, HttpClient.Version.HTTP_1_1);
  }

  /**
   * A client speaking the given HTTP version; HTTP/1.1 is what npm speaks, and unlike HTTP/2 (whose
   * stream is reset when the server answers before reading the body) it always delivers an early
   * refusal.
   */
  TestClient(URI base, HttpClient.Version version) {
    this.base = base;
    this.http = HttpClient.newBuilder().version(version).build();
  }

  record Reply(int status, byte[] body, HttpResponse<byte[]> response) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      return Json.parse(body);
    }

    String header(String name) {
      return response.headers().firstValue(name).orElse(null);
    }
  }

  Reply send(String method, String rawPath, byte[] body, String token, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + rawPath))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(r.statusCode(), r.body(), r);
  }

  Reply get(String rawPath, String... headers) throws IOException, InterruptedException {
    return send("GET", rawPath, null, null, headers);
  }

  Reply put(String rawPath, JsonNode body, String token) throws IOException, InterruptedException {
    return send("PUT", rawPath, Json.toBytes(body), token);
  }

  /** The password {@link #addUser} gives a user (long enough for the password policy). */
  static String password(String name) {
    return "pw-" + name + "-long-enough";
  }

  /** Creates a user (adduser) and returns its token. */
  String addUser(String name) throws IOException, InterruptedException {
    var body = Json.object();
    body.put("_id", "org.couchdb.user:" + name);
    body.put("name", name);
    body.put("password", password(name));
    body.put("email", name + "@example.org");
    body.put("type", "user");
    Reply r = put("/-/user/org.couchdb.user:" + name, body, null);
    if (r.status() != 201) {
      throw new IllegalStateException(r.text());
    }
    return r.json().get("token").asText();
  }
}
