package dev.quoll.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.registry.Registry;
import dev.quoll.registry.accounts.PasswordHasher;
import dev.quoll.registry.config.Settings;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code quoll serve --tls-cert --tls-key} with a self-signed certificate made by openssl for this
 * test: the real npm CLI signs up and reads over HTTPS with {@code --cafile}, and refuses the
 * server without it; the plain-HTTP redirect port answers 301 to https; HTTPS answers carry HSTS.
 */
class NpmOverTlsTest {
  private static Path tmp;
  private static Registry registry;

  @BeforeAll
  static void start() throws Exception {
    NpmRequirement.check();
    tmp = Files.createTempDirectory("quoll-e2e-tls");
    Process p =
        new ProcessBuilder(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=127.0.0.1",
                "-addext",
                "subjectAltName=IP:127.0.0.1",
                "-keyout",
                tmp.resolve("key.pem").toString(),
                "-out",
                tmp.resolve("cert.pem").toString())
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl made a cert");
    registry =
        Registry.start(
            Settings.resolve(
                Map.of(
                    "port",
                    "0",
                    "data",
                    tmp.resolve("data").toString(),
                    "uplink",
                    "none",
                    "tls-cert",
                    tmp.resolve("cert.pem").toString(),
                    "tls-key",
                    tmp.resolve("key.pem").toString(),
                    "http-redirect-port",
                    "0"),
                Map.of()),
            line -> {},
            PasswordHasher.Argon2Params.TEST);
  }

  @AfterAll
  static void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
    if (tmp != null) {
      try (Stream<Path> s = Files.walk(tmp)) {
        s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Test
  void npmSignsUpAndReadsOverHttpsWithTheCaFile() throws Exception {
    String url = registry.baseUrl().toString();
    assertTrue(url.startsWith("https://127.0.0.1:"), url);
    NpmCli npm = new NpmCli(tmp.resolve(".npmrc"), tmp.resolve("cache"), url);
    NpmCli.Result untrusted = npm.run(tmp, "ping", "--fetch-retries=0");
    assertNotEquals(0, untrusted.exit(), "a self-signed cert is refused without --cafile");
    NpmCli.Result r =
        npm.run(
            tmp,
            Map.of("Username:", "tess", "Password:", "tls-is-on-42", "Email", "t@example.org"),
            "adduser",
            "--auth-type=legacy",
            "--cafile",
            tmp.resolve("cert.pem").toString());
    assertEquals(0, r.exit(), r.output());
    NpmCli.Result who = npm.run(tmp, "whoami", "--cafile", tmp.resolve("cert.pem").toString());
    assertEquals(0, who.exit(), who.output());
    assertEquals("tess", who.output().strip());
  }

  @Test
  void plainHttpIsRedirectedAndHttpsSendsHsts() throws Exception {
    int plain = registry.redirectPort().orElseThrow();
    HttpResponse<Void> redirect =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plain + "/-/ping?x=1"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
    assertEquals(301, redirect.statusCode());
    assertEquals(
        registry.baseUrl() + "-/ping?x=1", redirect.headers().firstValue("Location").orElse(""));
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(tmp.resolve("cert.pem"))) {
      trust.setCertificateEntry(
          "quoll", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    HttpResponse<String> ping =
        HttpClient.newBuilder()
            .sslContext(ssl)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create(registry.baseUrl() + "-/ping")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, ping.statusCode());
    assertEquals(
        "max-age=31536000", ping.headers().firstValue("Strict-Transport-Security").orElse(""));
  }
}
