package dev.quoll.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where bench/run puts the benchmarks' input files ({@code -Dquoll.bench.data}). */
final class BenchData {
  private BenchData() {}

  /**
   * @param name a file name under the data directory
   * @return its path
   * @throws IllegalStateException when the file is missing (run the benchmarks with bench/run)
   */
  static Path file(String name) {
    Path p = Path.of(System.getProperty("quoll.bench.data", "bench/target/data")).resolve(name);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException(p + " is missing: run the benchmarks with bench/run");
    }
    return p;
  }
}
