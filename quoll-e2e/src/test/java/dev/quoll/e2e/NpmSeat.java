package dev.quoll.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import dev.quoll.registry.Registry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A user signed up on a test registry over HTTP ({@code PUT /-/user/org.couchdb.user:<name>}, the
 * request {@code npm adduser --auth-type=legacy} sends), with an npm whose user config holds the
 * token the registry answered.
 *
 * @param name the user name; the password is {@code <name>-long-password-1}, the email {@code
 *     <name>@example.org}
 * @param token the registry's token for the user
 * @param npmrc {@code <tmp>/.npmrc-<name>}: {@code //host:port/:_authToken=<token>}
 * @param npm npm with that user config, the registry, and the shared cache {@code <tmp>/cache}
 */
record NpmSeat(String name, String token, Path npmrc, NpmCli npm) {

  /** Signs {@code name} up (asserting 201) and writes their npmrc under {@code tmp}. */
  static NpmSeat signUp(Registry registry, Path tmp, String name) throws Exception {
    ObjectNode body = Json.object();
    body.put("_id", "org.couchdb.user:" + name);
    body.put("name", name);
    body.put("password", name + "-long-password-1");
    body.put("email", name + "@example.org");
    body.put("type", "user");
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(registry.baseUrl() + "-/user/org.couchdb.user:" + name))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(body)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(201, r.statusCode(), r.body());
    String token = Json.parse(r.body()).get("token").asText();
    Path rc = tmp.resolve(".npmrc-" + name);
    String host = registry.baseUrl().toString().replaceFirst("^https?:", "");
    Files.writeString(rc, host + ":_authToken=" + token + "\n");
    return new NpmSeat(
        name, token, rc, new NpmCli(rc, tmp.resolve("cache"), registry.baseUrl().toString()));
  }
}
