package dev.quoll.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.cli.QuollCommand;
import dev.quoll.registry.Registry;
import dev.quoll.registry.accounts.PasswordHasher;
import dev.quoll.registry.config.Settings;
import dev.quoll.s3.S3BlobStore;
import dev.quoll.testkit.PostgresService;
import dev.quoll.testkit.S3ProxyService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code quoll migrate}: a registry made on the embedded default (SQLite + directory) is moved to
 * PostgreSQL + S3 (s3proxy) and back without losing a byte — same packuments, tarballs, users and
 * tokens; a second run resumes (keeps verified tarballs); a corrupt source tarball stops it.
 */
class MigrateTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<String> FILES =
      List.of(
          "mig-a/-/mig-a-1.0.0.tgz", "mig-a/-/mig-a-1.1.0.tgz", "@mover/mig-b/-/mig-b-2.0.0.tgz");

  @TempDir Path tmp;

  @BeforeAll
  static void credentials() {
    System.setProperty("aws.accessKeyId", S3ProxyService.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3ProxyService.SECRET_KEY);
    System.setProperty("aws.region", S3ProxyService.REGION);
  }

  private static String bucketUrl(String bucket) {
    URI endpoint = S3ProxyService.endpoint();
    try (S3Client admin =
        S3Client.builder()
            .endpointOverride(endpoint)
            .region(Region.of(S3ProxyService.REGION))
            .forcePathStyle(true)
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .build()) {
      admin.createBucket(r -> r.bucket(bucket));
    }
    return "s3://" + bucket + "?endpoint=" + endpoint + "&path-style=true";
  }

  private static Registry start(Map<String, String> flags) throws Exception {
    Map<String, String> f = new LinkedHashMap<>(flags);
    f.put("port", "0");
    f.put("uplink", "none");
    return Registry.start(
        Settings.resolve(f, Map.of()),
        l -> {},
        PasswordHasher.Argon2Params.TEST,
        S3BlobStore::open);
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder b) throws Exception {
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Everything a client can see: the packuments (base URL removed), tarballs and whoami. */
  private static Map<String, String> snapshot(Registry r, String token) throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    String base = r.baseUrl().toString();
    for (String name : List.of("mig-a", "@mover%2fmig-b")) {
      out.put(
          name,
          new String(send(HttpRequest.newBuilder(URI.create(base + name))).body(), UTF8)
              .replace(base, "BASE/"));
    }
    for (String file : FILES) {
      byte[] bytes = send(HttpRequest.newBuilder(URI.create(base + file))).body();
      out.put(file, java.util.HexFormat.of().formatHex(bytes));
    }
    out.put(
        "whoami",
        new String(
            send(HttpRequest.newBuilder(URI.create(base + "-/whoami"))
                    .header("Authorization", "Bearer " + token))
                .body(),
            UTF8));
    return out;
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static int migrate(StringBuilder output, String... args) {
    PrintStream old = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(bytes, true, UTF8);
    System.setOut(capture);
    System.setErr(capture);
    try {
      List<String> all = new java.util.ArrayList<>(List.of("migrate"));
      all.addAll(List.of(args));
      return QuollCommand.commandLine().execute(all.toArray(String[]::new));
    } finally {
      System.setOut(old);
      System.setErr(oldErr);
      output.append(bytes.toString(UTF8));
    }
  }

  @Test
  void movesAnEmbeddedRegistryToPostgresAndS3AndBackWithoutLosingAByte() throws Exception {
    Path src = tmp.resolve("src");
    String token;
    Map<String, String> before;
    try (Registry r = start(Map.of("data", src.toString()))) {
      String base = r.baseUrl().toString();
      HttpResponse<byte[]> user =
          send(
              HttpRequest.newBuilder(URI.create(base + "-/user/org.couchdb.user:mover"))
                  .header("Content-Type", "application/json")
                  .PUT(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"name\":\"mover\",\"password\":\"a long password\","
                              + "\"email\":\"m@example.org\"}")));
      assertEquals(201, user.statusCode(), new String(user.body(), UTF8));
      String body = new String(user.body(), UTF8);
      token = body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
      for (String[] nv :
          List.of(
              new String[] {"mig-a", "1.0.0"},
              new String[] {"mig-a", "1.1.0"},
              new String[] {"@mover/mig-b", "2.0.0"})) {
        HttpResponse<byte[]> put =
            send(
                HttpRequest.newBuilder(URI.create(base + nv[0].replace("/", "%2f")))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(PublishBodies.body(nv[0], nv[1]))));
        assertEquals(201, put.statusCode(), new String(put.body(), UTF8));
      }
      before = snapshot(r, token);
    }
    assertTrue(before.get("whoami").contains("mover"), before.get("whoami"));

    String database = PostgresService.newDatabase();
    String bucket = bucketUrl("quoll-migrate-" + ProcessHandle.current().pid());
    StringBuilder out = new StringBuilder();
    assertEquals(
        0,
        migrate(
            out, "--from", src.toString(), "--to-database", database, "--to-blob-store", bucket),
        out.toString());
    assertTrue(out.toString().contains("3 copied, 0 already there"), out.toString());
    try (Registry r =
        start(
            Map.of(
                "data",
                tmp.resolve("pg-node").toString(),
                "database",
                database,
                "blob-store",
                bucket))) {
      assertEquals(before, snapshot(r, token));
    }

    // an interrupted run is resumed: the tarballs already moved are verified and kept
    out.setLength(0);
    assertEquals(
        0,
        migrate(
            out, "--from", src.toString(), "--to-database", database, "--to-blob-store", bucket),
        out.toString());
    assertTrue(out.toString().contains("0 copied, 3 already there and verified"), out.toString());

    // and back, for a backup
    Path back = tmp.resolve("back");
    out.setLength(0);
    assertEquals(
        0,
        migrate(
            out, "--from-database", database, "--from-blob-store", bucket, "--to", back.toString()),
        out.toString());
    try (Registry r = start(Map.of("data", back.toString()))) {
      assertEquals(before, snapshot(r, token));
    }
    assertArrayEquals(
        Files.readAllBytes(src.resolve("blobs").resolve(FILES.get(2))),
        Files.readAllBytes(back.resolve("blobs").resolve(FILES.get(2))));
  }

  @Test
  void aCorruptSourceTarballIsReportedAndNothingIsCopied() throws Exception {
    Path src = tmp.resolve("src");
    try (Registry r = start(Map.of("data", src.toString()))) {
      String base = r.baseUrl().toString();
      HttpResponse<byte[]> user =
          send(
              HttpRequest.newBuilder(URI.create(base + "-/user/org.couchdb.user:mover"))
                  .header("Content-Type", "application/json")
                  .PUT(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"name\":\"mover\",\"password\":\"a long password\","
                              + "\"email\":\"m@example.org\"}")));
      String token = new String(user.body(), UTF8).replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
      send(
          HttpRequest.newBuilder(URI.create(base + "mig-a"))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .PUT(HttpRequest.BodyPublishers.ofString(PublishBodies.body("mig-a", "1.0.0"))));
    }
    Files.write(src.resolve("blobs").resolve(FILES.get(0)), new byte[] {1, 2, 3});
    Path target = tmp.resolve("target");
    StringBuilder out = new StringBuilder();
    assertEquals(1, migrate(out, "--from", src.toString(), "--to", target.toString()));
    assertTrue(out.toString().contains("fails its integrity check"), out.toString());
    assertTrue(Files.notExists(target.resolve("blobs").resolve(FILES.get(0))));
  }
}
