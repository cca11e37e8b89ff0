package dev.quoll.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.quoll.core.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Every request that can change a package's document on this registry, crafted against the current
 * document, and the check that a refused one left the stored document byte-for-byte unchanged (for
 * {@link WriteRefusalsTest} and {@link PackageMfaTest}).
 */
final class PackageWrites {
  private final TestClient client;

  PackageWrites(TestClient client) {
    this.client = client;
  }

  static String path(String name) {
    return "/" + name.replace("/", "%2f");
  }

  /** The stored document as its owner reads it with {@code ?write=true}. */
  String stored(String name, String ownerToken) throws Exception {
    var r = client.send("GET", path(name) + "?write=true", null, ownerToken);
    assertEquals(200, r.status(), r.text());
    return r.text();
  }

  ObjectNode doc(String name, String ownerToken) throws Exception {
    return (ObjectNode) Json.parse(stored(name, ownerToken).getBytes(StandardCharsets.UTF_8));
  }

  static String rev(ObjectNode doc) {
    return URLEncoder.encode(doc.get("_rev").asText(), StandardCharsets.UTF_8);
  }

  /** Who calls: a label and the headers that carry (or do not carry) their credentials. */
  record Caller(String label, String... headers) {
    static Caller bearer(String label, String token) {
      return new Caller(label, "Authorization", "Bearer " + token);
    }
  }

  /** One crafted write: built from the current document, sent with the caller's headers. */
  record Attack(String label, String method, String path, byte[] body) {}

  /** Every way this registry offers to change a package's document, crafted against {@code doc}. */
  static List<Attack> attacks(String name, ObjectNode doc) {
    String p = path(name);
    String rev = rev(doc);
    String firstVersion = doc.get("versions").fieldNames().next();
    List<Attack> out = new ArrayList<>();
    ObjectNode owners = Json.object();
    owners.put("_id", name);
    owners.set("_rev", doc.get("_rev"));
    owners.putArray("maintainers").addObject().put("name", "bob").put("email", "");
    out.add(new Attack("owner add/rm", "PUT", p + "/-rev/" + rev, Json.toBytes(owners)));
    out.add(new Attack("owners without -rev", "PUT", p, Json.toBytes(owners)));
    ObjectNode everything = doc.deepCopy();
    everything.putArray("maintainers").addObject().put("name", "bob").put("email", "");
    ((ObjectNode) everything.get("dist-tags")).put("latest", firstVersion).put("evil", "1.0.0");
    everything.put("_access", "restricted");
    everything.put("_mfa", "none");
    everything.put("readme", "taken over");
    ((ObjectNode) everything.get("time")).put("created", "2001-01-01T00:00:00.000Z");
    ((ObjectNode) everything.at("/versions/" + firstVersion)).put("deprecated", "gone");
    ((ObjectNode) everything.at("/versions/" + firstVersion + "/dist"))
        .put("tarball", "http://evil.invalid/x.tgz");
    out.add(new Attack("crafted document PUT", "PUT", p, Json.toBytes(everything)));
    out.add(
        new Attack(
            "crafted document PUT -rev", "PUT", p + "/-rev/" + rev, Json.toBytes(everything)));
    ObjectNode added = doc.deepCopy();
    ObjectNode v9 = ((ObjectNode) doc.at("/versions/" + firstVersion)).deepCopy();
    v9.put("version", "9.0.0");
    ((ObjectNode) added.get("versions")).set("9.0.0", v9);
    out.add(
        new Attack("version added by document", "PUT", p + "/-rev/" + rev, Json.toBytes(added)));
    out.add(new Attack("publish", "PUT", p, Json.toBytes(TestPackages.body(name, "9.1.0"))));
    ObjectNode minus = doc.deepCopy();
    ((ObjectNode) minus.get("versions")).remove(firstVersion);
    out.add(new Attack("unpublish one version", "PUT", p + "/-rev/" + rev, Json.toBytes(minus)));
    String file = (name.contains("/") ? name.substring(name.indexOf('/') + 1) : name) + "-";
    out.add(
        new Attack(
            "delete tarball",
            "DELETE",
            p + "/-/" + file + firstVersion + ".tgz/-rev/" + rev,
            null));
    out.add(new Attack("unpublish all", "DELETE", p + "/-rev/" + rev, null));
    byte[] version = Json.toBytes(TextNode.valueOf(firstVersion));
    out.add(
        new Attack(
            "dist-tag add", "PUT", "/-/package/" + p.substring(1) + "/dist-tags/evil", version));
    out.add(
        new Attack(
            "dist-tag rm", "DELETE", "/-/package/" + p.substring(1) + "/dist-tags/beta", null));
    out.add(
        new Attack(
            "access set status",
            "POST",
            "/-/package/" + p.substring(1) + "/access",
            "{\"access\":\"public\"}".getBytes(StandardCharsets.UTF_8)));
    out.add(
        new Attack(
            "access set mfa",
            "POST",
            "/-/package/" + p.substring(1) + "/access",
            "{\"publish_requires_tfa\":true,\"automation_token_overrides_tfa\":false}"
                .getBytes(StandardCharsets.UTF_8)));
    ObjectNode hidden = Json.object();
    hidden.put("_id", name);
    hidden.put("_access", "public");
    hidden.put("_mfa", "none");
    out.add(new Attack("only hidden fields", "PUT", p, Json.toBytes(hidden)));
    return out;
  }

  TestClient.Reply send(Attack a, Caller c) throws Exception {
    return client.send(a.method(), a.path(), a.body(), null, c.headers());
  }

  /**
   * Sends every attack on a package as the caller and checks the status of each and that the stored
   * document did not change.
   *
   * @param expected the status each attack is refused with, by attack label; {@code "*"} for the
   *     others
   */
  void refusedAll(String name, String ownerToken, Caller caller, Map<String, Integer> expected)
      throws Exception {
    refusedAll(name, ownerToken, caller, expected, (a, r) -> {});
  }

  /**
   * As {@link #refusedAll(String, String, Caller, Map)}, with a further check of each reply.
   *
   * @param check asserts more about the reply to an attack
   */
  void refusedAll(
      String name,
      String ownerToken,
      Caller caller,
      Map<String, Integer> expected,
      BiConsumer<Attack, TestClient.Reply> check)
      throws Exception {
    String before = stored(name, ownerToken);
    List<String> wrong = new ArrayList<>();
    for (Attack a : attacks(name, doc(name, ownerToken))) {
      var r = send(a, caller);
      int want = expected.getOrDefault(a.label(), expected.get("*"));
      if (r.status() != want) {
        wrong.add(a.label() + ": " + r.status() + " " + r.text() + " (wanted " + want + ")");
      } else {
        check.accept(a, r);
      }
      assertEquals(before, stored(name, ownerToken), caller.label() + " changed it: " + a.label());
    }
    assertEquals(List.of(), wrong, caller.label() + " on " + name);
  }
}
