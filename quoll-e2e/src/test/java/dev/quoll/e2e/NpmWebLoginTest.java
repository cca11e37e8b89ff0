package dev.quoll.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quoll.registry.Registry;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * npm 11's default web login and adduser (no {@code --auth-type}) against {@code quoll serve}: npm
 * prints the login URL and polls; the test plays the browser by fetching the form and posting it
 * with java.net.http, then checks that npm finishes and {@code npm whoami} answers the user.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NpmWebLoginTest {
  private static final Pattern LOGIN_URL = Pattern.compile("(http://\\S+/-/web/login/[\\w-]+)");
  private static final Pattern SECRET = Pattern.compile("name=\"secret\" value=\"([^\"]+)\"");
  private static Path tmp;
  private static Registry registry;
  private static NpmCli npm;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    NpmRequirement.check();
    tmp = Files.createTempDirectory("quoll-e2e-weblogin");
    registry = TestRegistry.start(tmp, Map.of(), line -> {});
    npm = new NpmCli(tmp.resolve(".npmrc"), tmp.resolve("cache"), registry.baseUrl().toString());
  }

  @AfterAll
  static void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
    if (tmp != null) {
      TestRegistry.deleteTree(tmp);
    }
  }

  /** Runs npm, and once it prints the login URL submits the form with {@code fields}. */
  private NpmCli.Result runPlayingBrowser(String command, String... fields) throws Exception {
    AtomicBoolean seen = new AtomicBoolean();
    CompletableFuture<Integer> browser = new CompletableFuture<>();
    NpmCli.Result r =
        npm.run(
            tmp,
            Map.of(),
            out -> {
              Matcher m = LOGIN_URL.matcher(out);
              if (m.find() && seen.compareAndSet(false, true)) {
                String url = m.group(1);
                Thread.ofVirtual().start(() -> browser(url, fields, browser));
              }
            },
            command,
            "--browser=false");
    assertTrue(seen.get(), "npm printed a login URL:\n" + r.output());
    assertEquals(200, browser.get(10, TimeUnit.SECONDS), "the form was accepted");
    return r;
  }

  private void browser(String url, String[] fields, CompletableFuture<Integer> result) {
    try {
      String page =
          http.send(
                  HttpRequest.newBuilder(URI.create(url)).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Matcher m = SECRET.matcher(page);
      if (!m.find()) {
        throw new IllegalStateException("no form secret in\n" + page);
      }
      StringBuilder form = new StringBuilder("secret=" + enc(m.group(1)));
      for (int i = 0; i < fields.length; i += 2) {
        form.append('&').append(fields[i]).append('=').append(enc(fields[i + 1]));
      }
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (!r.body().contains("You may close this window")) {
        throw new IllegalStateException(r.statusCode() + "\n" + r.body());
      }
      result.complete(r.statusCode());
    } catch (Exception e) {
      result.completeExceptionally(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private String whoami() throws Exception {
    NpmCli.Result r = npm.run(tmp, "whoami");
    assertEquals(0, r.exit(), r.output());
    return r.output().strip();
  }

  @Test
  @Order(1)
  void adduserSignsUpInTheBrowser() throws Exception {
    NpmCli.Result r =
        runPlayingBrowser(
            "adduser",
            "username",
            "webby",
            "email",
            "webby@example.org",
            "password",
            "s3cret pw long");
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("Logged in on"), r.output());
    assertEquals("webby", whoami());
  }

  @Test
  @Order(2)
  void loginInTheBrowser() throws Exception {
    assertEquals(0, npm.run(tmp, "logout").exit());
    NpmCli.Result r = runPlayingBrowser("login", "username", "webby", "password", "s3cret pw long");
    assertEquals(0, r.exit(), r.output());
    assertEquals("webby", whoami());
  }
}
