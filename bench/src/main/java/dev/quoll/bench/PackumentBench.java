package dev.quoll.bench;

import dev.quoll.core.packument.Packument;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The registry's write-time rendering of a large real packument (typescript, fetched by bench/run
 * into {@code -Dquoll.bench.data}): parse the full document, derive the abbreviated one and render
 * both to bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PackumentBench {
  private byte[] typescript;
  private Packument parsed;

  /** Reads the typescript packument once. */
  @Setup
  public void setUp() throws IOException {
    typescript = Files.readAllBytes(BenchData.file("typescript.json"));
    parsed = Packument.parse(typescript);
  }

  /** Parse only. */
  @Benchmark
  public Object parse() {
    return Packument.parse(typescript);
  }

  /** Parse, abbreviate and render the abbreviated document to bytes. */
  @Benchmark
  public byte[] parseAbbreviateRender() {
    return Packument.parse(typescript).abbreviate().toBytes();
  }

  /** Render the full document of an already parsed packument. */
  @Benchmark
  public byte[] renderFull() {
    return parsed.toBytes();
  }
}
