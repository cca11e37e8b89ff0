package dev.quoll.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.quoll.core.json.Json;
import dev.quoll.core.tarball.NpmCollation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code npm ls -g}: the packages in {@code <prefix>/lib/node_modules}, top level only, as npm 11
 * prints them: the first line is the {@code lib} folder's path, then one {@code name@version} line
 * per package sorted by {@code pkgid} ({@code └── (empty)} when there is none); {@code --json} is
 * {@code {name: "lib", dependencies: {name: {version, overridden: false}}}} (global packages have
 * no lockfile, so no {@code resolved}). Folders whose name starts with a dot are not packages.
 *
 * @param lib the {@code <prefix>/lib} folder
 */
record GlobalListing(Path lib) {
  /** A package found: folder name and version. */
  private record Pkg(String name, String version) {}

  private List<Pkg> packages() {
    Path nm = lib.resolve("node_modules");
    List<Pkg> out = new ArrayList<>();
    if (!Files.isDirectory(nm)) {
      return out;
    }
    try (Stream<Path> top = Files.list(nm)) {
      for (Path p : top.toList()) {
        String n = p.getFileName().toString();
        if (n.startsWith(".")) {
          continue;
        }
        if (n.startsWith("@")) {
          try (Stream<Path> scoped = Files.list(p)) {
            for (Path s : scoped.toList()) {
              add(out, n + "/" + s.getFileName(), s);
            }
          }
        } else {
          add(out, n, p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(
        (a, b) ->
            NpmCollation.localeCompare(a.name() + "@" + a.version(), b.name() + "@" + b.version()));
    return out;
  }

  private static void add(List<Pkg> out, String name, Path dir) throws IOException {
    Path pj = dir.resolve("package.json");
    if (!Files.isRegularFile(pj)) {
      return;
    }
    JsonNode m = Json.parse(Files.readAllBytes(pj));
    out.add(new Pkg(name, m.path("version").asText("")));
  }

  /** The text output, with npm's blank line at the end. */
  String text() {
    StringBuilder b = new StringBuilder(lib.toString()).append('\n');
    List<Pkg> pkgs = packages();
    if (pkgs.isEmpty()) {
      b.append("└── (empty)\n");
    }
    for (int i = 0; i < pkgs.size(); i++) {
      b.append(i == pkgs.size() - 1 ? "└── " : "├── ")
          .append(pkgs.get(i).name())
          .append('@')
          .append(pkgs.get(i).version())
          .append('\n');
    }
    return b.append('\n').toString();
  }

  /** The {@code --json} document. */
  ObjectNode json() {
    ObjectNode o = Json.object();
    o.put("name", lib.getFileName().toString());
    List<Pkg> pkgs = packages();
    if (!pkgs.isEmpty()) {
      ObjectNode deps = o.putObject("dependencies");
      for (Pkg p : pkgs) {
        ObjectNode d = deps.putObject(p.name());
        d.put("version", p.version());
        d.put("overridden", false);
      }
    }
    return o;
  }
}
