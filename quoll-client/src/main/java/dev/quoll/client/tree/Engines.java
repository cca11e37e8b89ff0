package dev.quoll.client.tree;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.semver.Options;
import dev.quoll.semver.Semver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The node and npm versions a tree is built for, and npm-install-checks 7's {@code checkEngine}: a
 * manifest's {@code engines.node} (when truthy and a node version is known) and {@code engines.npm}
 * (when truthy) must each be satisfied, node-semver 7 with {@code includePrerelease}; a range that
 * is not a string or does not parse is not satisfied; a manifest without {@code engines} always
 * passes. npm-pick-manifest 11 prefers versions that pass; arborist 9 marks an optional package
 * that fails as inert.
 *
 * <p>The node version is npm's {@code process.version}: for {@link #detect()}, what {@code node
 * --version} prints, asked once and only when a check first needs it (no node on the PATH: no node
 * check).
 */
public final class Engines {
  /** The npm release whose behaviour Quoll's client follows, npm's {@code npmVersion}. */
  public static final String NPM_VERSION = "11.19.1";

  private static final Options OPTS = Options.INCLUDE_PRERELEASE;

  private final Supplier<Optional<String>> nodeSource;
  private final Optional<String> npm;
  private final Map<String, Boolean> nodeCache = new ConcurrentHashMap<>();
  private final Map<String, Boolean> npmCache = new ConcurrentHashMap<>();
  private volatile Optional<String> node;
  private boolean askedAhead;

  private Engines(Supplier<Optional<String>> nodeSource, Optional<String> npm) {
    this.nodeSource = nodeSource;
    this.npm = npm;
  }

  /**
   * Fixed versions.
   *
   * @param node node's version as {@code process.version} gives it (e.g. {@code v20.19.0}), or
   *     empty for no node check
   * @param npm npm's version (e.g. {@link #NPM_VERSION}), or empty for no npm check
   * @return the checks
   */
  public static Engines of(Optional<String> node, Optional<String> npm) {
    return new Engines(() -> node, npm);
  }

  /** No engine checks at all (every manifest passes). */
  public static Engines none() {
    return of(Optional.empty(), Optional.empty());
  }

  /** The {@code node} on the PATH (asked lazily) and {@link #NPM_VERSION}. */
  public static Engines detect() {
    return new Engines(Engines::nodeOnPath, Optional.of(NPM_VERSION));
  }

  /**
   * Starts finding the node version now, on a virtual thread, so that the first check that needs it
   * does not wait for {@code node --version} (a process start: tens of milliseconds); {@link #node}
   * gives the same answer either way. Does nothing once the version is known or asked.
   */
  public synchronized void askAhead() {
    if (node == null && !askedAhead) {
      askedAhead = true;
      Thread.ofVirtual().name("quoll-node-version").start(this::node);
    }
  }

  /** The node version checked against, e.g. {@code v20.19.0}; empty when none is known. */
  public Optional<String> node() {
    Optional<String> n = node;
    if (n == null) {
      synchronized (this) {
        if (node == null) {
          node = nodeSource.get();
        }
        n = node;
      }
    }
    return n;
  }

  /** The npm version checked against; empty when none. */
  public Optional<String> npm() {
    return npm;
  }

  /**
   * npm-install-checks' {@code checkEngine} without {@code force}.
   *
   * @param pkg a package manifest (its {@code engines} field is read)
   * @return whether it passes
   */
  public boolean allows(JsonNode pkg) {
    return allows(pkg, false);
  }

  /**
   * npm-install-checks' {@code checkEngine}: with {@code force} (npm's {@code --force}) the node
   * version is not checked.
   *
   * @param pkg a package manifest (its {@code engines} field is read)
   * @param force skip the {@code engines.node} check
   * @return whether it passes
   */
  public boolean allows(JsonNode pkg, boolean force) {
    JsonNode eng = pkg.get("engines");
    if (eng == null || !eng.isObject()) {
      return true;
    }
    JsonNode nodeRange = eng.get("node");
    if (!force
        && truthy(nodeRange)
        && node().isPresent()
        && !test(nodeCache, node().get(), nodeRange)) {
      return false;
    }
    JsonNode npmRange = eng.get("npm");
    return !truthy(npmRange) || npm.isEmpty() || test(npmCache, npm.get(), npmRange);
  }

  private static boolean test(Map<String, Boolean> cache, String version, JsonNode range) {
    if (!range.isTextual()) {
      return false;
    }
    return cache.computeIfAbsent(
        range.asText(),
        r -> {
          try {
            return Semver.satisfies(version, r, OPTS);
          } catch (dev.quoll.semver.SemverException e) {
            return false;
          }
        });
  }

  private static boolean truthy(JsonNode v) {
    return v != null && dev.quoll.core.json.JsValues.truthy(v);
  }

  private static Optional<String> nodeOnPath() {
    try {
      Process p =
          new ProcessBuilder("node", "--version")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
        p.destroyForcibly();
        return Optional.empty();
      }
      return Optional.of(out);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
