package dev.quoll.testkit;

import java.nio.file.Path;

/**
 * The real projects used by the client's differential tests and the benchmarks: copies of the
 * shared bench fixtures ({@code small}, {@code angular-quickstart}, {@code ember-quickstart},
 * {@code alotta-files}) committed under {@code bench/fixtures/} so that a clean clone has them, and
 * the client's differential fixtures ({@code react-webpack}, {@code peer-heavy}, {@code
 * alias-optional}, {@code cra-large}); bench/fixtures/README.md lists their sizes.
 */
public final class BenchFixtures {
  private BenchFixtures() {}

  /**
   * @param name a fixture's folder name, e.g. {@code small}
   * @return {@code <repository>/bench/fixtures/<name>} (it holds a package.json, and for {@code
   *     small} npm's package-lock.json)
   */
  public static Path path(String name) {
    return NpmOracle.repositoryRoot().resolve("bench/fixtures").resolve(name);
  }
}
