package dev.quoll.bench;

import dev.quoll.core.packument.Packument;
import dev.quoll.semver.Options;
import dev.quoll.semver.Range;
import dev.quoll.semver.Semver;
import dev.quoll.semver.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Range matching over every version of a large real packument (typescript, about 3,500 versions,
 * most of them prereleases): what the resolver does for each dependency edge. One operation is one
 * {@code maxSatisfying} over all versions; the versions are parsed once (as a resolver keeps them),
 * the range is parsed per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RangeBench {
  @Param({"^5.0.0", ">=4.2.0 <5.1.0 || 5.3.x", "~4.9.0", "*", "5.4.0-dev.20231120 - 5.5"})
  public String range;

  private List<Version> versions;
  private List<String> versionStrings;

  /** Reads and parses the typescript packument's versions once. */
  @Setup
  public void setUp() throws IOException {
    Packument p = Packument.parse(Files.readAllBytes(BenchData.file("typescript.json")));
    versionStrings = p.versions();
    versions = versionStrings.stream().map(Version::parse).toList();
  }

  /** Parse the range and pick the highest satisfying of the parsed versions. */
  @Benchmark
  public Optional<Version> maxSatisfying() {
    return Range.parse(range, Options.STRICT).maxSatisfying(versions);
  }

  /** The same, starting from version strings (parse each version too). */
  @Benchmark
  public Optional<String> maxSatisfyingFromStrings() {
    return Semver.maxSatisfying(versionStrings, range);
  }
}
