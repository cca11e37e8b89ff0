package dev.quoll.client.tree;

import com.fasterxml.jackson.databind.JsonNode;
import dev.quoll.core.json.Json;
import dev.quoll.core.spec.FileSpec;
import dev.quoll.core.spec.PackageSpec;
import dev.quoll.core.spec.SpecType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Specs given to {@code install <spec>} (npm 11's {@code add} in arborist's {@code
 * #applyUserRequests} and reify's save): the name of a spec that has none (a folder, tarball, URL
 * or git repository) comes from its manifest, and what package.json gets is npm-package-arg's
 * {@code saveSpec} for those kinds (e.g. {@code file:../dep} relative to the project, {@code
 * github:u/r}) and the spec as typed for registry specs ({@code *} when empty).
 */
final class AddedSpecs {
  private AddedSpecs() {}

  /**
   * The package name behind a spec without one: a folder's package.json name, else the fetched
   * manifest's.
   *
   * @throws ResolveException {@code EINVALIDPACKAGENAME} when the manifest has no name
   */
  static String nameOf(PackageSpec spec, SourceFetcher fetcher) {
    JsonNode pkg;
    if (spec instanceof FileSpec f && f.type() == SpecType.DIRECTORY) {
      try {
        pkg = Json.parse(Files.readString(Path.of(f.fetchSpec().orElseThrow(), "package.json")));
      } catch (IOException e) {
        throw new ResolveException(
            "ENOENT", "Could not read package.json in " + f.fetchSpec().orElseThrow(), "");
      }
    } else {
      pkg = fetcher.fetch(spec).pkg();
    }
    String name = pkg.path("name").asText("");
    if (name.isEmpty()) {
      throw new ResolveException(
          "EINVALIDPACKAGENAME", "package.json of " + spec.raw() + " has no name", "");
    }
    return name;
  }

  /** What package.json records for an added spec. */
  static String saveSpec(PackageSpec spec) {
    if (spec.registry()) {
      return spec.rawSpec().isEmpty() ? "*" : spec.rawSpec();
    }
    return spec.saveSpec().orElse(spec.rawSpec());
  }
}
