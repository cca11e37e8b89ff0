package dev.quoll.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quoll.testkit.PostgresService;
import dev.quoll.testkit.S3ProxyService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Two {@code quoll serve} processes (nodes A and B) on one PostgreSQL database and one S3 bucket
 * (s3proxy), driven by the real npm CLI and by raw publish requests: accounts, packages and tags
 * written on one node are seen on the other; concurrent publishes over both nodes all land; a node
 * killed with SIGKILL loses nothing and the other keeps serving.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static Path tmp;
  private static List<String> flags;
  private static Map<String, String> env;
  private static ServeProcess a;
  private static ServeProcess b;
  private static String token;

  @BeforeAll
  static void start() throws Exception {
    NpmRequirement.check();
    String database = PostgresService.newDatabase();
    URI endpoint = S3ProxyService.endpoint();
    String bucket = "quoll-e2e-" + ProcessHandle.current().pid();
    try (S3Client admin =
        S3Client.builder()
            .endpointOverride(endpoint)
            .region(Region.of(S3ProxyService.REGION))
            .forcePathStyle(true)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .credentialsProvider(
                () ->
                    software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                        S3ProxyService.ACCESS_KEY, S3ProxyService.SECRET_KEY))
            .build()) {
      admin.createBucket(r -> r.bucket(bucket));
    }
    tmp = Files.createTempDirectory("quoll-two-nodes");
    flags =
        List.of(
            "--database",
            database,
            "--blob-store",
            "s3://" + bucket + "/tarballs?endpoint=" + endpoint + "&path-style=true");
    env =
        Map.of(
            "AWS_ACCESS_KEY_ID", S3ProxyService.ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY", S3ProxyService.SECRET_KEY,
            "AWS_REGION", S3ProxyService.REGION);
    a = node("a");
    b = node("b");
    writePackage("pkg", "{\"name\":\"quoll-two-nodes\",\"version\":\"1.0.0\"}");
  }

  private static ServeProcess node(String name) throws Exception {
    List<String> f = new ArrayList<>(flags);
    f.addAll(List.of("--data", tmp.resolve(name).toString()));
    return ServeProcess.start(f, env);
  }

  @AfterAll
  static void stop() throws Exception {
    for (ServeProcess n : new ServeProcess[] {a, b}) {
      if (n != null) {
        n.close();
      }
    }
    if (tmp != null) {
      try (Stream<Path> s = Files.walk(tmp)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void writePackage(String dir, String packageJson) throws Exception {
    Path d = Files.createDirectories(tmp.resolve(dir));
    Files.writeString(d.resolve("package.json"), packageJson);
    Files.writeString(d.resolve("index.js"), "module.exports = 1;\n");
  }

  private static NpmCli npm(String who, ServeProcess node) {
    return new NpmCli(tmp.resolve(who + ".npmrc"), tmp.resolve(who + "-cache"), node.url());
  }

  private static NpmCli.Result ok(NpmCli npm, Path dir, String... args) throws Exception {
    NpmCli.Result r = npm.run(dir, args);
    assertEquals(0, r.exit(), "npm " + String.join(" ", args) + "\n" + r.output());
    return r;
  }

  private static JsonNode packument(ServeProcess node, String name) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node.url() + name)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), name + " on " + node.url() + ": " + r.body());
    return JSON.readTree(r.body());
  }

  @Test
  @Order(1)
  void aUserMadeOnALogsInOnB() throws Exception {
    NpmCli.Result made =
        npm("alice-a", a)
            .run(
                tmp,
                Map.of(
                    "Username:", "alice",
                    "Password:", "correct horse battery",
                    "Email", "alice@example.org"),
                "adduser",
                "--auth-type=legacy");
    assertEquals(0, made.exit(), made.output());
    NpmCli onB = npm("alice-b", b);
    NpmCli.Result login =
        onB.run(
            tmp,
            Map.of("Username:", "alice", "Password:", "correct horse battery"),
            "login",
            "--auth-type=legacy");
    assertEquals(0, login.exit(), login.output());
    assertEquals("alice", ok(onB, tmp, "whoami").output().strip());
    token =
        Files.readAllLines(tmp.resolve("alice-b.npmrc")).stream()
            .filter(l -> l.contains(":_authToken="))
            .map(l -> l.substring(l.indexOf('=') + 1))
            .findFirst()
            .orElseThrow();
  }

  @Test
  @Order(2)
  void publishedOnAInstallsFromB() throws Exception {
    assertTrue(
        ok(npm("alice-a", a), tmp.resolve("pkg"), "publish")
            .output()
            .contains("+ quoll-two-nodes@1.0.0"));
    Path app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("package.json"), "{\"name\":\"app\",\"version\":\"1.0.0\"}");
    ok(npm("installer-b", b), app, "install", "quoll-two-nodes");
    assertTrue(Files.exists(app.resolve("node_modules/quoll-two-nodes/index.js")));
  }

  @Test
  @Order(3)
  void aDistTagSetOnAIsInBsNextPackument() throws Exception {
    packument(b, "quoll-two-nodes"); // B has it rendered and cached now
    ok(npm("alice-a", a), tmp, "dist-tag", "add", "quoll-two-nodes@1.0.0", "beta");
    assertEquals("1.0.0", packument(b, "quoll-two-nodes").path("dist-tags").path("beta").asText());
  }

  @Test
  @Order(4)
  void twentyConcurrentPublishesOverBothNodesAllLand() throws Exception {
    List<Future<Integer>> results = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 20; i++) {
        ServeProcess node = i % 2 == 0 ? a : b;
        String version = "2.0." + i;
        results.add(
            pool.submit(
                () ->
                    HTTP.send(
                            HttpRequest.newBuilder(URI.create(node.url() + "quoll-two-nodes"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .PUT(
                                    HttpRequest.BodyPublishers.ofString(
                                        PublishBodies.body("quoll-two-nodes", version)))
                                .build(),
                            HttpResponse.BodyHandlers.ofString())
                        .statusCode()));
      }
      for (Future<Integer> f : results) {
        assertEquals(201, f.get(), "node output:\n" + a.output() + b.output());
      }
    }
    for (ServeProcess node : List.of(a, b)) {
      JsonNode versions = packument(node, "quoll-two-nodes").path("versions");
      for (int i = 0; i < 20; i++) {
        assertTrue(versions.has("2.0." + i), "2.0." + i + " on " + node.url());
      }
    }
  }

  @Test
  @Order(5)
  void afterKillingAWithSigkillBKeepsServingAndARestartsWithEverything() throws Exception {
    a.kill9();
    Path app = Files.createDirectories(tmp.resolve("app2"));
    Files.writeString(app.resolve("package.json"), "{\"name\":\"app2\",\"version\":\"1.0.0\"}");
    ok(npm("installer2-b", b), app, "install", "quoll-two-nodes@2.0.7");
    assertTrue(
        Files.readString(app.resolve("node_modules/quoll-two-nodes/package.json"))
            .contains("2.0.7"));
    a = node("a");
    JsonNode doc = packument(a, "quoll-two-nodes");
    assertEquals(21, doc.path("versions").size());
    assertEquals("1.0.0", doc.path("dist-tags").path("beta").asText());
    HttpResponse<byte[]> tgz =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(a.url() + "quoll-two-nodes/-/quoll-two-nodes-2.0.19.tgz"))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, tgz.statusCode());
    ok(npm("alice-a2", a), tmp, "ping");
  }
}
