package dev.quoll.bench;

import dev.quoll.core.integrity.Integrity;
import dev.quoll.core.integrity.IntegrityChecker;
import dev.quoll.core.integrity.VerifyingInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Streaming integrity verification of a 64 MiB tarball-sized buffer with sha512, as the client and
 * the registry verify every downloaded or uploaded tarball. One operation verifies all 64 MiB, so
 * MB/s = 67.108864 / (seconds per op). bench/run times {@code openssl dgst -sha512} on 64 MiB in
 * the same run for the ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class IntegrityBench {
  private byte[] data;
  private Integrity expected;

  /** 64 MiB of seeded random bytes and their sha512 integrity. */
  @Setup
  public void setUp() {
    data = new byte[64 * 1024 * 1024];
    new Random(42).nextBytes(data);
    expected = Integrity.fromData(data, List.of("sha512"));
  }

  /** Streams the bytes through a VerifyingInputStream in 64 KiB reads and verifies at the end. */
  @Benchmark
  public Object verifyStream() throws IOException {
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in =
        new VerifyingInputStream(
            new ByteArrayInputStream(data), IntegrityChecker.of(expected, data.length))) {
      while (in.read(buffer) >= 0) {
        // the bytes would go to a file here
      }
      return ((VerifyingInputStream) in).verified().orElseThrow();
    }
  }
}
